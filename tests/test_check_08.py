"""The self-checks of notebook 08: right answers pass, each typical mistake gets its own feedback."""

import numpy as np
import pytest

import nnbook
from checks import fails, not_attempted, passes, run_solution
from nnbook import check
from nnbook.check import n08_relu

# relu_neuron_outputs (core, Exercise 1) ---------------------------------------------

@pytest.mark.parametrize("answer", [[0, 3], [0.0, 3.0], (0, 3), np.array([0, 3]), [np.float64(0), np.int64(3)]])
def test_relu_neuron_accepts_right_answers(answer):
    feedback = passes(check.relu_neuron_outputs(answer))
    assert "off" in feedback.message and "on" in feedback.message


def test_relu_neuron_numbers_are_the_ones_the_judge_uses():
    assert n08_relu.NEURON_BIAS == -10 and n08_relu.NEURON_SUMS == (7, 13)
    assert [nnbook.relu(s + n08_relu.NEURON_BIAS) for s in n08_relu.NEURON_SUMS] == [0, 3]


@pytest.mark.parametrize("answer", [..., [..., ...], [0, ...], [..., 3]])
def test_relu_neuron_stub_is_not_attempted(answer):
    not_attempted(check.relu_neuron_outputs(answer))


@pytest.mark.parametrize("answer, phrases", [
    ([-3, 3], ["you added the bias", "ReLU turns every negative number into 0"]),
    ([7, 13], ["the weighted sums themselves", "Add the bias -10 first"]),
    ([0, 13], ["7 is right", "for 13 you gave the weighted sum itself"]),
    ([0, 1], ["notebook 04's yes/no", "how far above"]),
    ([3, 3], ["dropped the minus sign"]),
    ([17, 23], ["you subtracted the bias -10"]),
    ([0.047, 0.953], ["the sigmoid's values for -3 and 3"]),
    ([0.0474, 0.9526], ["the sigmoid's values"]),
    ([0, 2], ["7 is right: 0, off. For 13 you gave 2."]),
    ([1, 3], ["13 is right: 3. For 7 you gave 1."]),
    ([5, 6], ["neither is right: you gave 5 and 6"]),
])
def test_relu_neuron_explains_each_typical_mistake(answer, phrases):
    fails(check.relu_neuron_outputs(answer), *phrases)


@pytest.mark.parametrize("answer, phrases", [
    (3, ["expected a pair", "got int 3", "my_outputs = [1, 2]"]),
    ([0, 3, 3], ["expected a pair", "3 values"]),
    ("0, 3", ["expected a pair", "str"]),
    (["0", "3"], ["weighted sum 7 should be one number", "in quotes"]),
    ([0, "three"], ["weighted sum 13 should be one number"]),
    ([0, float("nan")], ["not a finite number"]),
    ([None, 3], ["should be one number"]),
])
def test_relu_neuron_explains_junk(answer, phrases):
    fails(check.relu_neuron_outputs(answer), *phrases)


def test_relu_neuron_speaks_of_z_as_notebooks_05_and_08_do():
    # z is the weighted sum plus the bias; a is an activation (notebooks 03 and 07), so the judge never says ReLU(a).
    for answer in ([-3, 3], [7, 13], [0, 13], [0, 1], [3, 3], [17, 23], [0.047, 0.953], [0, 2], [1, 3], [5, 6]):
        text = str(check.relu_neuron_outputs(answer))
        assert "ReLU(a)" not in text and "a = " not in text, text
    assert "z = weighted sum + bias, then ReLU(z) = max(0, z)" in str(check.relu_neuron_outputs([7, 13]))
    assert "Slide z far to the left" in str(check.sigmoid_never_off("A"))


def test_relu_neuron_solution_passes_its_own_check():
    passes(check.relu_neuron_outputs(run_solution(check.relu_neuron_outputs)["my_outputs"]))


# sigmoid_never_off (core, Exercise 2) ------------------------------------------------

@pytest.mark.parametrize("answer", ["C", "c", " C ", "C\n"])
def test_never_off_accepts_c_and_says_why(answer):
    feedback = passes(check.sigmoid_never_off(answer))
    assert "above 0 for every z" in feedback.message and "never quite off" in feedback.message


def test_never_off_fact_behind_the_answer():
    # "A computer would round the sigmoid to 0 only for sums below about -745."
    assert nnbook.sigmoid(-740.0) > 0.0
    assert nnbook.sigmoid(-746.0) == 0.0


@pytest.mark.parametrize("answer, phrases", [
    ("A", ["most of them: tempting", "what a ReLU layer does", "not 0"]),
    ("a", ["what a ReLU layer does"]),
    ("B", ["a few of them: tempting", "look like 0", "tiny is not exactly 0"]),
    (" b", ["tiny is not exactly 0"]),
])
def test_never_off_explains_each_wrong_choice(answer, phrases):
    feedback = fails(check.sigmoid_never_off(answer), *phrases)
    assert "widget" in feedback.hint


@pytest.mark.parametrize("answer", ["D", "none", 3, None, ["C"], ""])
def test_never_off_explains_junk(answer):
    fails(check.sigmoid_never_off(answer), 'should be one of "A", "B" or "C"')


def test_never_off_stub_is_not_attempted():
    not_attempted(check.sigmoid_never_off(...))


def test_never_off_solution_passes_its_own_check():
    passes(check.sigmoid_never_off(run_solution(check.sigmoid_never_off)["my_choice"]))


# relu_slope_function (Going further) ------------------------------------------------

@pytest.mark.parametrize("answer", [
    nnbook.relu_slope,
    lambda a: np.where(a > 0, 1.0, 0.0),
    lambda a: (np.asarray(a) > 0).astype(float),
    lambda a: np.asarray(a) > 0,               # booleans count as 0 and 1
    lambda a: np.where(np.asarray(a) >= 0, 1, 0),  # 1 at the corner is fine too
    lambda a: np.heaviside(a, 0.5),            # so is one half
])
def test_relu_slope_accepts_right_answers(answer):
    passes(check.relu_slope_function(answer))


def test_relu_slope_stub_is_not_attempted():
    def my_relu_slope(a):
        return ...  # your code here

    assert check.relu_slope_function(my_relu_slope).status == "not attempted yet"
    assert check.relu_slope_function(...).status == "not attempted yet"


@pytest.mark.parametrize("answer, phrases", [
    (nnbook.relu, ["ReLU itself, not its slope"]),
    (lambda a: np.where(a < 0, 1.0, 0.0), ["wrong way round"]),
    (nnbook.sigmoid_slope, ["sigmoid's slope"]),
    (lambda a: np.ones_like(a), ["1 everywhere"]),
    (lambda a: np.zeros_like(a), ["0 everywhere"]),
    (lambda a: a, ["input unchanged"]),
    (lambda a: 1.0 if a > 0 else 0.0, ["cannot handle an array", "bigger than something", "np.maximum"]),
    (lambda a: np.where(a > 1, 1.0, 0.0), ["wrong slope at z = 0.25"]),
    (lambda a: np.where(a > 0, 1.0, np.where(a < 0, 0.0, 2.0)), ["my_relu_slope(0) gave 2"]),
    (lambda a: np.array([0.0, 1.0]), ["shape (2,)"]),
])
def test_relu_slope_explains_each_typical_mistake(answer, phrases):
    fails(check.relu_slope_function(answer), *phrases)


def test_relu_slope_checks_single_numbers_after_arrays():
    def array_only(a):
        if isinstance(a, float):
            return 0.5
        return np.where(a > 0, 1.0, 0.0)

    fails(check.relu_slope_function(array_only), "works on an array", "my_relu_slope(-2) gave 0.5")

    def loop_over_elements(a):
        return np.array([1.0 if x > 0 else 0.0 for x in a])

    feedback = fails(check.relu_slope_function(loop_over_elements), "works on an array, but not on one number",
                     "not iterable")
    assert "np.where" in feedback.hint


def test_relu_slope_explains_a_slope_measured_with_a_nudge():
    def measured(a, nudge=1e-6):  # the notebook's slope(relu, a)
        return (nnbook.relu(a + nudge) - nnbook.relu(a)) / nudge

    feedback = fails(check.relu_slope_function(measured), "nearly right, but not exactly", "instead of 1")
    assert "tiny nudge" in feedback.hint


def test_relu_slope_explains_np_max_versus_np_maximum():
    feedback = fails(check.relu_slope_function(lambda a: np.max(0, a > 0)), "raised TypeError")
    assert "np.max(x) finds the largest number inside one array" in feedback.hint


def test_relu_slope_survives_bad_answers():
    fails(check.relu_slope_function(lambda a: None), "returned None")
    fails(check.relu_slope_function(lambda a: 1 / 0), "ZeroDivisionError")
    fails(check.relu_slope_function(lambda a: "slope"), "array of numbers")
    fails(check.relu_slope_function(lambda a: np.where(a > 0, np.inf, 0.0)), "NaN or infinity")
    fails(check.relu_slope_function("np.where(a > 0, 1, 0)"), "expected a function")

    def in_place(a):
        a[a <= 0] = 0.0
        a[a > 0] = 1.0
        return a

    fails(check.relu_slope_function(in_place), "changed the array you passed in")


def test_relu_slope_solution_passes_its_own_check():
    passes(check.relu_slope_function(run_solution(check.relu_slope_function)["my_relu_slope"]))


# sigmoid_fade_depth (Going further) ------------------------------------------------

def test_fade_depth_speaks_of_the_slopes_alone_not_of_a_bound_on_the_change():
    # Review slip 4: the weights can make a change larger again, so 0.25 per layer is the slopes' share only.
    text = check.sigmoid_fade_depth.solution().code + (check.sigmoid_fade_depth.__doc__ or "")
    assert "before the weights act" in text and "alone" in check.sigmoid_fade_depth.__doc__
    assert "keeps at most 0.25 of a change" not in text


def test_fade_depth_is_ten_because_of_the_numbers():
    assert 0.25 ** 9 >= 1e-6 > 0.25 ** 10  # the fact the exercise rests on
    passes(check.sigmoid_fade_depth(10))
    passes(check.sigmoid_fade_depth(np.int64(10)))
    passes(check.sigmoid_fade_depth(10.0))


@pytest.mark.parametrize("answer, phrase", [
    (9, "still above a millionth"),
    (11, "one layer earlier"),
    (20, "slope of 0.5"),
    (5, "below a thousandth"),
    (1_000_000, "how much the change shrinks"),
    (4 ** 10, "far too many"),
    (0.25 ** 10, "share of the change that is left"),
    (9.9658, "Round up"),
    (2.5, "not a number of layers"),
    (0, "not a number of layers"),
    (7, "still above"),
    (14, "14 is not the smallest n"),
    (3, "0.25^3 = 0.016 is still above a millionth"),
    (12, "0.25^12 = 6e-08 is below a millionth, but 12 is not the smallest n"),
])
def test_fade_depth_explains_each_typical_mistake(answer, phrase):
    fails(check.sigmoid_fade_depth(answer), phrase)


def test_fade_depth_explains_a_whole_list():
    fails(check.sigmoid_fade_depth([0.25 ** n for n in range(12)]), "you gave 12 numbers", "one whole number")
    fails(check.sigmoid_fade_depth(np.array([9, 10])), "you gave 2 numbers")


def test_fade_depth_rejects_non_numbers_and_not_attempted():
    fails(check.sigmoid_fade_depth("5"), "one number")
    fails(check.sigmoid_fade_depth(None), "one number")
    fails(check.sigmoid_fade_depth(float("inf")), "not a finite number")
    assert check.sigmoid_fade_depth(...).status == "not attempted yet"


def test_fade_depth_solution_passes_its_own_check():
    passes(check.sigmoid_fade_depth(run_solution(check.sigmoid_fade_depth)["my_layers"]))


# leaky_relu_function (Going further) -------------------------------------------------

@pytest.mark.parametrize("answer", [
    lambda a: np.where(a > 0, a, 0.01 * a),
    lambda a: np.maximum(0.01 * a, a),
    lambda a: np.where(a > 0, a, a / 100),  # rounds differently from 0.01 * a
])
def test_leaky_relu_accepts_right_answers(answer):
    passes(check.leaky_relu_function(answer))


def test_leaky_relu_stub_is_not_attempted():
    def leaky_relu(a):
        return ...  # your code here

    assert check.leaky_relu_function(leaky_relu).status == "not attempted yet"


@pytest.mark.parametrize("answer, phrases", [
    (nnbook.relu, ["plain ReLU"]),
    (lambda a: np.where(a > 0, a, -0.01 * a), ["-0.01"]),
    (lambda a: np.where(a > 0, a, 0.1 * a), ["0.1", "asks for 0.01"]),
    (lambda a: np.maximum(0.01, a), ["the number 0.01 itself"]),
    (lambda a: np.where(a > 0, a, 0.01), ["the number 0.01 itself"]),
    (lambda a: nnbook.relu(a) + 0.01 * a, ["1.01 times too big"]),
    (lambda a: np.where(a > 0, 1.0, 0.01), ["leaky ReLU's slope"]),
    (lambda a: np.max(0.01 * a, a), ["raised TypeError", "np.maximum"]),
    (lambda a: 0.01 * a, ["the positive ones too"]),
    (lambda a: np.minimum(0.01 * a, a), ["min, not max"]),
    (lambda a: a, ["input unchanged"]),
    (lambda a: max(0.01 * a, a), ["cannot handle an array"]),
    (lambda a: np.where(a > 0, a, 0.02 * a), ["wrong value at z = -1000, -3, -0.5"]),
    (lambda a: np.where(a > 0, a, np.where(a < 0, 0.01 * a, 1.0)), ["leaky_relu(0) gave 1"]),
])
def test_leaky_relu_explains_each_typical_mistake(answer, phrases):
    fails(check.leaky_relu_function(answer), *phrases)


def test_leaky_relu_survives_bad_answers():
    fails(check.leaky_relu_function(lambda a: None), "returned None")
    fails(check.leaky_relu_function(lambda a: [][0]), "IndexError")
    fails(check.leaky_relu_function(lambda a: {"a": a}), "array of numbers")

    def in_place(a):
        a[a < 0] *= 0.01
        return a

    fails(check.leaky_relu_function(in_place), "changed the array you passed in")


def test_leaky_relu_solution_passes_its_own_check():
    passes(check.leaky_relu_function(run_solution(check.leaky_relu_function)["leaky_relu"]))


def test_the_feedback_of_notebook_08_is_dutch_when_the_language_is_dutch():
    nnbook.set_language("nl")
    try:
        feedback = str(check.relu_neuron_outputs([-3, 3]))
        assert ("je hebt de bias erbij opgeteld" in feedback
                and "Hint: ReLU(-3) = max(0, -3) = 0: het neuron staat uit." in feedback), feedback
        assert "geen enkel" in str(check.sigmoid_never_off("C"))
        assert "1 048 576" in str(check.sigmoid_fade_depth(10))
        assert "Schrijf my_relu_slope(z)" in repr(check.relu_slope_function)
        assert "# Gewogen som 7" in check.relu_neuron_outputs.solution().code
    finally:
        nnbook.set_language("en")
