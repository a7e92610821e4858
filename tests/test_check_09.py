"""The self-checks of notebook 09: right answers pass, each typical mistake gets its own feedback.

The expected answers are computed here from nnbook.pretrained() and the test
digits, the same way the notebook computes them, never copied from a run.
"""

import numpy as np
import pytest

import nnbook
from checks import fails, not_attempted, passes, run_solution, stub
from nnbook import check
from nnbook.evaluation import confusion_table

TEST_IMAGES, TEST_LABELS = nnbook.load_digits("test")
NETWORK = nnbook.pretrained()
OUTPUTS = NETWORK.forward(TEST_IMAGES)
PREDICTIONS = OUTPUTS.argmax(axis=1)
TABLE = confusion_table(TEST_LABELS, PREDICTIONS)
MISTAKES_ONLY = TABLE * (1 - np.eye(10, dtype=int))
TOP = MISTAKES_ONLY.max()
WINNERS = [tuple(int(d) for d in cell) for cell in np.argwhere(MISTAKES_ONLY == TOP)]
SURE = OUTPUTS.max(axis=1)
WRONG = np.flatnonzero(PREDICTIONS != TEST_LABELS)
CONFIDENT = int(WRONG[np.argmax(SURE[WRONG])])


BLANK = NETWORK.activations(np.zeros((28, 28)))
SUMS = OUTPUTS.sum(axis=1)


# blank_canvas (core) -------------------------------------------------------------

@pytest.mark.parametrize("answer", ["B", "b", " B ", "b\n"])
def test_blank_canvas_accepts_b_in_any_case_and_names_the_digit(answer):
    text = str(passes(check.blank_canvas(answer)))
    says = int(np.argmax(BLANK[-1]))
    assert f"it is the {says} ({BLANK[-1][says]:.2f})" in text
    assert "biases alone" in text and "I don't know" in text


def test_blank_canvas_explains_each_wrong_choice():
    fails(check.blank_canvas("A"), "tempting", "σ(0 + bias) = σ(bias)", "never exactly 0")
    fails(check.blank_canvas("c"), "σ(0) = 0.5", "its own bias",
          f"from {BLANK[1].min():.2f} to {BLANK[1].max():.2f}")


def test_blank_canvas_reading_is_the_trained_network_on_an_all_black_image():
    layer1, outputs, says = check.n09_network.blank_canvas_reading()
    np.testing.assert_allclose(layer1, nnbook.sigmoid(NETWORK.biases[0]))  # the biases alone
    np.testing.assert_allclose(outputs, NETWORK.forward(np.zeros(784)))
    assert says == NETWORK.predict(np.zeros(784))


@pytest.mark.parametrize("answer, phrases", [
    ("D", ['one of "A", "B" or "C"', "got str 'D'"]),
    (2, ["got int 2", 'my_choice = "A"']),
    ("AB", ["got str 'AB'"]),
    (None, ["got NoneType"]),
])
def test_blank_canvas_refuses_anything_but_a_letter(answer, phrases):
    fails(check.blank_canvas(answer), *phrases)


def test_blank_canvas_stub_and_solution():
    not_attempted(check.blank_canvas(...))
    passes(check.blank_canvas(run_solution(check.blank_canvas)["my_choice"]))


# outputs_add_up (core) -----------------------------------------------------------

def test_output_sums_are_the_trained_and_untrained_networks():
    sums = check.n09_network.output_sums()
    assert sums["untrained"] == pytest.approx(nnbook.Network(seed=0).forward(TEST_IMAGES[0]).sum())
    assert sums["trained"] == pytest.approx(SUMS[0])
    assert (sums["most"], sums["least"]) == (int(np.argmax(SUMS)), int(np.argmin(SUMS)))
    assert sums["most_sum"] == pytest.approx(SUMS.max()) and sums["least_sum"] == pytest.approx(SUMS.min())


def test_outputs_add_up_accepts_b_with_the_measured_sums():
    text = str(passes(check.outputs_add_up("b")))
    most, least = int(np.argmax(SUMS)), int(np.argmin(SUMS))
    assert f"test digit 0: {SUMS[0]:.2f}" in text
    assert f"for test digit {most} they add up to {SUMS[most]:.2f}" in text
    assert f"for test digit {least} to {SUMS[least]:.2f}" in text
    assert "not chances" in text


def test_outputs_add_up_explains_each_wrong_choice():
    # The Dutch word, as the core says it: some Dutch texts use it (the Dutch summary is met only in the glossary).
    feedback = fails(check.outputs_add_up("A"), "some Dutch texts call them \"cijferkansen\", digit chances",
                     "nothing links", f"add up to {SUMS.max():.2f}")
    assert "Dutch summary" not in str(feedback)
    untrained = nnbook.Network(seed=0).forward(TEST_IMAGES[0]).sum()
    fails(check.outputs_add_up(" c"), "untrained", f"about {untrained:.1f}", f"add up to {SUMS[0]:.2f}")


@pytest.mark.parametrize("answer, phrases", [
    ("1", ['one of "A", "B" or "C"', "got str '1'"]),
    (1.0, ["got float 1.0"]),
    (["B"], ["got list"]),
])
def test_outputs_add_up_refuses_anything_but_a_letter(answer, phrases):
    fails(check.outputs_add_up(answer), *phrases)


def test_outputs_add_up_stub_and_solution():
    # The check shares its cell with the sums it asks about, so the stub says to run this cell again.
    assert "run this cell again" in str(not_attempted(check.outputs_add_up(...)))
    passes(check.outputs_add_up(run_solution(check.outputs_add_up)["my_choice"]))


# most_confused_pair ------------------------------------------------------------

def test_pair_accepts_every_most_frequent_mistake():
    for written, said in WINNERS:
        text = str(passes(check.most_confused_pair((written, said))))
        assert f"written {written} as a {said} in {TOP} cases" in text
    passes(check.most_confused_pair([np.int64(WINNERS[0][0]), np.int64(WINNERS[0][1])]))


def test_pair_mentions_a_tie_only_when_there_is_one():
    text = str(check.most_confused_pair(WINNERS[0]))
    assert ("shares first place" in text) == (len(WINNERS) > 1)


@pytest.mark.parametrize("answer", [..., (..., ...), (3, ...), [..., 5]])
def test_pair_stub_is_not_attempted(answer):
    not_attempted(check.most_confused_pair(answer))


def test_pair_swapped_order_is_explained():
    swapped = [(s, w) for w, s in WINNERS if (s, w) not in WINNERS]
    assert swapped, "every most frequent mistake also happens the other way round equally often"
    fails(check.most_confused_pair(swapped[0]), "wrong order", "Rows are the digit written")


def test_pair_on_the_diagonal_is_explained():
    fails(check.most_confused_pair((3, 3)), "on the diagonal", f"the {TABLE[3, 3]} written 3s", "[brackets]")


def test_pair_that_never_happened_and_a_smaller_mistake():
    never = next((int(r), int(c)) for r, c in np.argwhere(TABLE == 0))
    fails(check.most_confused_pair(never), "never read", "dot")
    smaller = next((int(r), int(c)) for r, c in np.argwhere((MISTAKES_ONLY > 0) & (MISTAKES_ONLY < TOP))
                   if (int(c), int(r)) not in WINNERS)
    fails(check.most_confused_pair(smaller), f"in {TABLE[smaller]} case", f"another mistake happened in {TOP} cases")


@pytest.mark.parametrize("answer, phrases", [
    (4, ["expected a pair (digit written, digit said), got int 4"]),
    ("4, 9", ["expected a pair (digit written, digit said), got str"]),
    ((4, 9, 1), ["expected a pair (digit written, digit said), got 3 values", "my_pair = (4, 9)"]),
    ((4.0, 9), ["whole number", "float 4.0"]),
    ((4, "9"), ["whole number", "str"]),
    ((True, 9), ["whole number", "bool"]),
    ((10, 2), ["digit written is 10", "0 to 9"]),
    ((2, -1), ["digit said is -1", "0 to 9"]),
])
def test_pair_rejects_wrong_kinds_of_answer(answer, phrases):
    fails(check.most_confused_pair(answer), *phrases)


def test_pair_feedback_says_an_8_not_a_8():
    said_8 = next((int(w), 8) for w in range(10)
                  if w != 8 and TABLE[w, 8] > 0 and (w, 8) not in WINNERS and (8, w) not in WINNERS)
    text = str(fails(check.most_confused_pair(said_8), "as an 8"))
    assert "a 8" not in text


def test_pair_digits_in_quotes_get_a_hint():
    fails(check.most_confused_pair(("8", "2")), "text (str) '8'", "Leave out the quotes")


def test_pair_solution_passes_its_own_check():
    scope = run_solution(check.most_confused_pair, table=TABLE.copy())
    passes(check.most_confused_pair(scope["my_pair"]))


# accuracy_per_digit ------------------------------------------------------------

def test_per_digit_accepts_right_answers_written_several_ways():
    passes(check.accuracy_per_digit(lambda t: np.diag(t) / t.sum(axis=1)))
    passes(check.accuracy_per_digit(lambda t: [t[d, d] / sum(t[d]) for d in range(10)]))
    text = str(passes(check.accuracy_per_digit(lambda t: np.diag(t) / np.sum(t, 1))))
    per_digit = np.diag(TABLE) / TABLE.sum(axis=1)
    best, worst = np.argmax(per_digit), np.argmin(per_digit)
    assert f"reads {best}s best ({per_digit[best]:.1%}" in text
    assert f"{worst}s worst ({per_digit[worst]:.1%})" in text


def test_per_digit_stub_is_not_attempted():
    not_attempted(check.accuracy_per_digit(stub))
    not_attempted(check.accuracy_per_digit(...))


@pytest.mark.parametrize("answer, phrases", [
    (lambda t: np.diag(t), ["counts of correct answers"]),
    (lambda t: 100 * np.diag(t) / t.sum(axis=1), ["percentages"]),
    (lambda t: np.diag(t) / t.sum(axis=0), ["column totals", "table.sum(axis=1)"]),
    (lambda t: 1 - np.diag(t) / t.sum(axis=1), ["read wrongly"]),
    (lambda t: np.full(10, np.trace(t) / t.sum()), ["overall accuracy"]),
    (lambda t: np.diag(t) / t.sum(), ["all the digits in the table"]),
    (lambda t: np.diag(t) / (t.sum(axis=1) + 1), ["for digit 0 you gave", "read correctly"]),
    (lambda t: t / t.sum(axis=1, keepdims=True), ["shape (10, 10)", "10 numbers"]),
    (lambda t: np.diag(t)[:9] / t.sum(axis=1)[:9], ["shape (9,)"]),
    (lambda t: None, ["returned None"]),
    (lambda t: "0.9", ["array of numbers"]),
    (lambda t: np.diag(t) / 0 * 0, ["NaN"]),
    (lambda t: t.sum(axis=2), ["raised AxisError"]),
    (np.diag(TABLE) / TABLE.sum(axis=1), ["expected a function"]),
])
def test_per_digit_explains_each_typical_mistake(answer, phrases):
    with np.errstate(divide="ignore", invalid="ignore"):
        fails(check.accuracy_per_digit(answer), *phrases)


def test_per_digit_spots_a_function_that_ignores_its_table():
    def uses_the_notebooks_table(table):
        return np.diag(TABLE) / TABLE.sum(axis=1)   # the global, not the argument

    fails(check.accuracy_per_digit(uses_the_notebooks_table), "uses the variable table from the notebook",
          "made-up table")


def test_per_digit_says_which_table_gave_a_wrong_number():
    fails(check.accuracy_per_digit(lambda t: np.diag(t) / 200), "on a practice table the check made up")


def test_per_digit_dict_gets_a_hint():
    fails(check.accuracy_per_digit(lambda t: {d: t[d, d] / t[d].sum() for d in range(10)}),
          "returned a dict", "in a list")


def test_per_digit_solution_passes_its_own_check():
    passes(check.accuracy_per_digit(run_solution(check.accuracy_per_digit)["my_accuracy_per_digit"]))


# confident_mistake -------------------------------------------------------------

def test_confident_mistake_accepts_the_most_confident_mistake():
    text = str(passes(check.confident_mistake(CONFIDENT)))
    assert f"written {TEST_LABELS[CONFIDENT]}" in text and f"said {PREDICTIONS[CONFIDENT]}" in text
    passes(check.confident_mistake(np.int64(CONFIDENT)))
    passes(check.confident_mistake(np.array([CONFIDENT])))


def test_confident_mistake_stub_is_not_attempted():
    not_attempted(check.confident_mistake(...))


def test_confident_mistake_explains_each_typical_mistake():
    order = np.argsort(-SURE[WRONG], kind="stable")
    fails(check.confident_mistake(int(WRONG[order[-1]])), "LEAST sure", "argmax instead of argmin")
    fails(check.confident_mistake(int(WRONG[order[1]])), "is a mistake", "only", f"{SURE[CONFIDENT]:.3f}")
    most_sure = int(np.argmax(SURE))
    assert PREDICTIONS[most_sure] == TEST_LABELS[most_sure]
    fails(check.confident_mistake(most_sure), "more sure", "reads it correctly")
    right = next(i for i in range(len(TEST_LABELS))
                 if PREDICTIONS[i] == TEST_LABELS[i] and i not in (most_sure, order[0]))
    fails(check.confident_mistake(right), f"reads test digit {right} correctly")


def test_confident_mistake_knows_a_position_in_the_list_of_mistakes():
    position = int(np.argmax(SURE[WRONG]))
    if PREDICTIONS[position] != TEST_LABELS[position]:
        pytest.skip("that position happens to be a mistake itself, so it cannot be told apart")
    fails(check.confident_mistake(position), "in your list of mistakes", f"wrong[{position}]")


@pytest.mark.parametrize("answer, phrases", [
    (len(TEST_LABELS), ["numbered 0 to 1999"]),
    (-1, ["numbered 0 to 1999"]),
    (float(CONFIDENT), ["whole number", "float"]),
    ("12", ["whole number", "str"]),
    (WRONG, ["one whole number", f"an array of shape ({len(WRONG)},)"]),
])
def test_confident_mistake_rejects_wrong_kinds_of_answer(answer, phrases):
    fails(check.confident_mistake(answer), *phrases)


def test_confident_mistake_spots_a_winning_output_given_instead_of_an_index():
    fails(check.confident_mistake(float(SURE[CONFIDENT])), "looks like a winning output", "argmax")
    fails(check.confident_mistake(np.float64(SURE[WRONG].max())), "looks like a winning output")


def test_confident_mistake_many_indices_and_text_get_hints():
    fails(check.confident_mistake(WRONG), f"an array of shape ({len(WRONG)},)", "Pick one element")
    fails(check.confident_mistake("12"), "Leave out the quotes")


def test_confident_mistake_solution_passes_its_own_check(capsys):
    scope = run_solution(check.confident_mistake, network=NETWORK, test_images=TEST_IMAGES, test_labels=TEST_LABELS)
    passes(check.confident_mistake(scope["my_index"]))
    assert f"winning output {SURE[CONFIDENT]:.3f}\n" in capsys.readouterr().out  # rounded, not 16 digits


# favourite_image ---------------------------------------------------------------

def test_favourite_accepts_white_on_positive_weights_in_either_shape():
    passes(check.favourite_image(lambda w: (w > 0).astype(float)))
    passes(check.favourite_image(lambda w: np.where(w > 0, 1.0, 0.0).reshape(28, 28)))
    passes(check.favourite_image(lambda w: np.where(w > 0, 1.0, np.where(w == 0, 0.5, 0.0))))


def test_favourite_stub_is_not_attempted():
    not_attempted(check.favourite_image(stub))
    not_attempted(check.favourite_image(...))


@pytest.mark.parametrize("answer, phrases", [
    (lambda w: w, ["weights themselves"]),
    (lambda w: np.sign(w), ["between 0 and 1", "-1 is not a grey value"]),
    (lambda w: 2.0 * (w > 0), ["between 0 and 1", "from 0 (black) to 1 (white)"]),
    (lambda w: (w < 0).astype(float), ["SMALLEST possible", "Swap"]),
    (lambda w: np.ones(784), ["all-white", "red, negative weights"]),
    (lambda w: (w - w.min()) / (w.max() - w.min()), ["the largest possible is", "you reach"]),
    (lambda w: np.clip(w, 0, 1), ["not fully white", "mid grey"]),
    (lambda w: 0.5 * (w > 0), ["not fully white", "Make every pixel on a positive weight fully white"]),
    (lambda w: (w > 0.5).astype(float), ["not fully white", "nothing for black"]),
    (lambda w: (w > 0)[:700].astype(float), ["shape (700,)"]),
    (lambda w: None, ["returned None"]),
    (lambda w: w.reshape(3, 3), ["raised ValueError"]),
])
def test_favourite_explains_each_typical_mistake(answer, phrases):
    fails(check.favourite_image(answer), *phrases)


def test_favourite_leaves_no_way_to_pass_with_a_fixed_image():
    first_neuron_only = (NETWORK.weights[0][0] > 0).astype(float)
    fails(check.favourite_image(lambda w: first_neuron_only), "the largest possible is")


def test_favourite_solution_passes_its_own_check():
    passes(check.favourite_image(run_solution(check.favourite_image)["favourite_image"]))


@pytest.fixture
def dutch():
    nnbook.set_language("nl")
    yield
    nnbook.set_language("en")


def test_the_feedback_speaks_dutch_after_set_language(dutch):
    text = str(check.most_confused_pair(WINNERS[0][::-1]))
    assert "de goede twee cijfers, maar in de verkeerde volgorde" in text and "keer" in text, text
    best = int(np.argmax(np.diag(TABLE) / TABLE.sum(axis=1)))
    text = str(passes(check.accuracy_per_digit(lambda t: np.diag(t) / np.sum(t, 1))))
    word = ["nullen", "enen", "tweeën", "drieën", "vieren", "vijven", "zessen", "zevens", "achten", "negens"][best]
    assert f"leest het netwerk de {word} het best" in text, text
    assert "Vervang de ... door" in str(not_attempted(check.outputs_add_up(...)))
    assert "# Elke pixel is 0" in repr(check.blank_canvas.solution())
