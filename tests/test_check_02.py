"""The self-checks of notebook 02: right answers pass, each typical mistake gets its own feedback."""


import numpy as np
import pytest

import nnbook
from checks import fails, not_attempted, passes, run_solution, stub
from nnbook import check, parts
from nnbook.check import n02_layers

# first_layer_connections -------------------------------------------------------

@pytest.mark.parametrize("answer", [12544, 784 * 16, 12544.0, np.int64(12544), np.array(12544)])
def test_connections_accepts_784_times_16(answer):
    passes(check.first_layer_connections(answer))


@pytest.mark.parametrize("answer, phrases", [
    (800, ["784 + 16 counts the neurons"]),
    (784, ["ONE hidden neuron"]),
    (16, ["ONE input neuron"]),
    (12960, ["whole network", "Leave out 16 × 16 and 16 × 10"]),
    (13002, ["weights and biases together"]),
    (12560, ["you added 16"]),
    (826, ["neurons in the whole network"]),
    (448, ["one row of pixels"]),
    (784 * 16 * 16 * 10, ["paths through the whole network"]),
    (256, ["between the two hidden layers"]),
    (2 * 784 * 16, ["counted every connection twice"]),
    (12000, ["12000 is not the number of connections", "How many lines?"]),
    ("12544", ["should be one number, got the text '12544'"]),
    ("784*16", ["the text '784*16'", "Leave out the quotes", "my_answer = 784 * 16"]),
    ("784 × 16", ["does not calculate what is inside quotes"]),
    ([784, 16], ["should be one number, got list"]),
    (True, ["should be one number, got bool"]),
    (float("inf"), ["not a finite number"]),
])
def test_connections_explains_each_typical_mistake(answer, phrases):
    fails(check.first_layer_connections(answer), *phrases)


def test_connections_stub_and_solution():
    not_attempted(check.first_layer_connections(...))
    passes(check.first_layer_connections(run_solution(check.first_layer_connections)["my_answer"]))


def test_connections_answer_is_the_size_of_the_first_weight_matrix():
    assert nnbook.Network().weights[0].size == 784 * 16


# what_the_loop_shows (core) ------------------------------------------------------

def loop_ranking(training, row):
    return parts.ranking(parts.overlap_by_digit(*training, parts.loop(center=(row, 14.5), radius=4.5)))


def test_the_loop_judge_uses_the_cores_loop():
    assert n02_layers.LOOP == {"center": (9.5, 14.5), "radius": 4.5}
    core = parts.loop(**n02_layers.LOOP)
    np.testing.assert_array_equal(core, parts.digit_parts()["loop on top"])


def test_what_the_loop_shows_b_is_right_and_names_the_digits_that_beat_the_9s(train_digits):
    order = loop_ranking(train_digits, 9.5)
    assert order[:3] == [8, 3, 9]
    for answer in ("B", "b", " B"):
        feedback = passes(check.what_the_loop_shows(answer))
        assert "the 8s have a loop there too and the 3s curve through it" in str(feedback)
        assert "notebook 09" in str(feedback)


def test_what_the_loop_shows_a_says_it_was_a_drawn_loop_not_a_network():
    fails(check.what_the_loop_shows("A"), "tempting", "came only 3rd", "drawn by hand", "not a trained network",
          "a hope, not a promise")


def test_what_the_loop_shows_c_says_the_9s_win_once_the_loop_moves_down(train_digits):
    assert loop_ranking(train_digits, n02_layers.LOWER_ROW)[0] == 9
    fails(check.what_the_loop_shows("c"), "tempting", "came only 3rd", "clear loop",
          "Move the loop down to row 11.5 and the 9s cover it best")


@pytest.mark.parametrize("answer, phrases", [
    ("D", ['one of "A", "B" or "C"', "got str 'D'"]),
    (None, ["got NoneType"]),
    (["B"], ["got list"]),
])
def test_what_the_loop_shows_refuses_anything_but_one_letter(answer, phrases):
    fails(check.what_the_loop_shows(answer), *phrases)


def test_what_the_loop_shows_stub_and_solution():
    not_attempted(check.what_the_loop_shows(...))
    passes(check.what_the_loop_shows(run_solution(check.what_the_loop_shows)["my_choice"]))


# output_for_digit ---------------------------------------------------------------

def one_hot(digit):
    outputs = np.zeros(10)
    outputs[digit] = 1.0
    return outputs


def test_output_accepts_one_lit_neuron_as_array_list_or_booleans():
    passes(check.output_for_digit(one_hot))
    passes(check.output_for_digit(lambda d: [1 if i == d else 0 for i in range(10)]))
    passes(check.output_for_digit(lambda d: np.arange(10) == d))
    passes(check.output_for_digit(lambda d: np.eye(10)[d]))


shared = np.zeros(10)


def reuses_one_array(digit):
    shared[digit] = 1.0
    return shared


@pytest.mark.parametrize("answer, phrases", [
    (lambda d: 1.0 - one_hot(d), ["wrong way round"]),
    (lambda d: one_hot((d + 1) % 10), ["one place off", "outputs[digit]"]),
    (lambda d: one_hot((d - 1) % 10), ["one place off"]),
    (lambda d: d, ["gave one number, int 0", "10 neurons"]),
    (lambda d: float(d), ["gave one number"]),
    (lambda d: np.zeros(9), ["gave 9 numbers", "10 neurons"]),
    (lambda d: np.zeros(11), ["gave 11 numbers"]),
    (lambda d: one_hot(d).reshape(1, 10), ["shape (1, 10)", "flat list"]),
    (lambda d: np.zeros((2, 3)), ["gave shape (2, 3)"]),
    (lambda d: 0.9 * one_hot(d), ["the right idea", "for the digit 0 your answer is [0.9, 0,", "fully lit (1.0)"]),
    (lambda d: 0.8 * one_hot(d) + 0.1, ["the right idea", "[0.9, 0.1, 0.1,", "completely sure"]),
    (lambda d: 100 * one_hot(d), ["[100, 0,", "goes from 0.0 to 1.0"]),
    (lambda d: one_hot(d) - one_hot((d + 1) % 10), ["[1, -1, 0,", "goes from 0.0 to 1.0"]),
    (lambda d: one_hot(d) + 0.5 * one_hot((d + 5) % 10), ["the right idea", "[1, 0, 0, 0, 0, 0.5,"]),
    (lambda d: np.zeros(10), ["for the digit 0 your answer is [0, 0,"]),
    (reuses_one_array, ["lights up neurons [0, 1]", "fresh np.zeros(10)"]),
    (lambda d: "0000000000", ["should give 10 numbers, got str"]),
    (lambda d: one_hot(d) * np.nan, ["NaN or infinity"]),
    (lambda d: None, ["returned None"]),
    (lambda d: np.zeros(10)[d + 10], ["raised IndexError"]),
])
def test_output_explains_each_typical_mistake(answer, phrases):
    shared[:] = 0.0
    fails(check.output_for_digit(answer), *phrases)


def test_output_stub_and_solution():
    not_attempted(check.output_for_digit(...))
    not_attempted(check.output_for_digit(stub))
    passes(check.output_for_digit(run_solution(check.output_for_digit)["output_for_digit"]))


# part_for_one -----------------------------------------------------------------

@pytest.fixture(scope="module")
def training():
    return nnbook.load_digits("train")


def test_part_for_one_passes_a_thin_slanted_line_and_reports_its_lead(training):
    part = parts.line(start=(5, 16), end=(20, 12), thickness=1)
    by_digit = parts.overlap_by_digit(*training, part)
    runner_up = parts.ranking(by_digit)[1]
    feedback = passes(check.part_for_one(part))
    assert f"1s cover {by_digit[1]:.0%} of your part" in str(feedback)
    assert f"the {runner_up}s only {by_digit[runner_up]:.0%}" in str(feedback)
    assert f"{(by_digit[1] - by_digit[runner_up]) * 100:.0f} points ahead" in str(feedback)
    passes(check.part_for_one(part.astype(int)))
    passes(check.part_for_one(part.astype(float).tolist()))


def test_part_for_one_wants_a_clear_lead_not_a_photo_finish(training):
    part = np.zeros((28, 28), dtype=bool)
    part[4:24, 14] = True              # a straight bar down the middle: 1s win, but narrowly
    by_digit = parts.overlap_by_digit(*training, part)
    order = parts.ranking(by_digit)
    assert order[0] == 1 and by_digit[1] - by_digit[order[1]] < n02_layers.CLEAR_LEAD
    lead = by_digit[1] - by_digit[order[1]]
    fails(check.part_for_one(part), "1s cover your part best", f"only {lead * 100:.0f} points ahead",
          "Make it a clear win: 10 points ahead", "slant")


def test_part_for_one_names_the_winner_when_the_1s_do_not_win(training):
    part = np.zeros((28, 28), dtype=bool)
    part[4:24, 20] = True              # a bar on the right, where 1s hardly go
    by_digit = parts.overlap_by_digit(*training, part)
    order = parts.ranking(by_digit)
    fails(check.part_for_one(part), f"the {order[0]}s cover your part best",
          f"the 1s come {order.index(1) + 1}th with {by_digit[1]:.0%}", "average 1")


def test_part_for_one_spots_rows_and_columns_swapped(training):
    part = np.zeros((28, 28), dtype=bool)
    part[13:15, 5:20] = True           # the notebook's example block, with rows and columns swapped
    assert parts.ranking(parts.overlap_by_digit(*training, part))[0] != 1
    fails(check.part_for_one(part), "lies across the picture", "swap rows and columns", "my_part[5:22, 14]")
    upright = np.zeros((28, 28), dtype=bool)
    upright[4:24, 20] = True           # up and down, but in the wrong place: no talk of swapping
    assert "swap" not in str(check.part_for_one(upright))


@pytest.mark.parametrize("answer, phrases", [
    (np.zeros((28, 28), dtype=bool), ["your part is empty"]),
    (np.ones((28, 28), dtype=bool), ["covers 784 of the 784 pixels", "background"]),
    (np.zeros(784, dtype=bool), ["shape (784,)", "reshape(28, 28)"]),
    (np.zeros((14, 14), dtype=bool), ["shape (14, 14)"]),
    (np.full((28, 28), 0.5), ["values other than 0 and 1", "notebook 03"]),
    (np.full((28, 28), np.nan), ["values other than 0 and 1"]),
    ("line", ["28×28 array of True/False, got str"]),
    ([[1, 2], [3]], ["28×28 array of True/False, got list"]),
    (None, ["28×28 array of True/False, got NoneType"]),
    (parts.line, ["28×28 array of True/False, got function"]),
])
def test_part_for_one_explains_each_typical_mistake(answer, phrases):
    fails(check.part_for_one(answer), *phrases)


def test_part_for_one_stub_and_solution():
    not_attempted(check.part_for_one(...))
    passes(check.part_for_one(run_solution(check.part_for_one)["my_part"]))
