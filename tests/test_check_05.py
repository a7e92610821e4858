"""The self-checks of notebook 05: right answers pass, each typical mistake gets its own feedback."""

import math
import warnings

import numpy as np
import pytest

import nnbook
from checks import fails, not_attempted, passes, run_solution, stub
from nnbook import check

# half_active_sum ----------------------------------------------------------------

@pytest.mark.parametrize("answer", [10, 10.0, np.float64(10), np.array(10.0)])
def test_half_active_sum_accepts_ten(answer):
    passes(check.half_active_sum(answer))


@pytest.mark.parametrize("answer, phrases", [
    (-10, ["σ(-20) = 0.000000002", "wrong way"]),
    (0, ["adds its bias first", "σ(-10) = 0.00005"]),
    (0.5, ["activation you want"]),
    (3, ["σ(-7)", "not reached its middle"]),
    (20, ["σ(10) = 0.99995", "past its middle"]),
    ("10", ["should be one number"]),
    (None, ["should be one number"]),
    (float("nan"), ["not a finite number"]),
])
def test_half_active_sum_explains_each_typical_mistake(answer, phrases):
    fails(check.half_active_sum(answer), *phrases)


def test_half_active_sum_stub_and_solution():
    not_attempted(check.half_active_sum(...))
    passes(check.half_active_sum(run_solution(check.half_active_sum)["my_answer"]))


# one_neuron_for_two ------------------------------------------------------------

@pytest.mark.parametrize("answer", ["B", "b", " B ", "b\n"])
def test_one_neuron_for_two_accepts_b_however_written(answer):
    feedback = passes(check.one_neuron_for_two(answer))
    assert "= 2a + 2" in str(feedback) and "weight 2 and bias 2" in str(feedback)


def test_one_neuron_for_two_right_answer_is_what_the_two_neurons_compute():
    from nnbook.check.n05_sigmoid import NEURON_1, NEURON_2
    from nnbook.squishing import collapse

    (w1, b1), (w2, b2) = NEURON_1, NEURON_2
    a = np.linspace(-5, 5, 11)
    np.testing.assert_allclose(w2 * (w1 * a + b1) + b2, 2 * a + 2)       # choice B
    assert collapse(NEURON_1, NEURON_2) == (2, 2)


@pytest.mark.parametrize("answer, phrases", [
    ("A", ["4.5a + 1 adds the two weights (4 + 0.5) and the two biases (-2 + 3)", "side by side",
           "multiplies neuron 1's number by 0.5", "neuron 2 gives 0.5 × 2 + 3 = 4, but 4.5 × 1 + 1 = 5.5",
           "multiply both parts in the brackets first"]),
    ("c", ["2a - 1 is 0.5 × (4a - 2), the hard part, done right", "still adds its own bias, +3",
           "the two neurons give 4, but 2 × 1 - 1 = 1", "Neuron 2's bias is +3"]),
])
def test_one_neuron_for_two_explains_each_wrong_choice(answer, phrases):
    fails(check.one_neuron_for_two(answer), *phrases)


@pytest.mark.parametrize("answer, got", [
    ("D", "str 'D'"), ("AB", "str 'AB'"), ("", "str ''"), (2, "int 2"), (None, "NoneType None"),
    (["B"], "list"), ("2a + 2", "str '2a + 2'"),
])
def test_one_neuron_for_two_refuses_junk_with_a_clear_message(answer, got):
    fails(check.one_neuron_for_two(answer), 'my_choice should be one of "A", "B" or "C"', got,
          'Write the letter in quotes, for example my_choice = "A"')


def test_one_neuron_for_two_stub_and_solution():
    feedback = not_attempted(check.one_neuron_for_two(...))
    assert '"A", "B" or "C" (in quotes)' in str(feedback)
    passes(check.one_neuron_for_two(run_solution(check.one_neuron_for_two)["my_choice"]))


# steep_neuron -------------------------------------------------------------------

@pytest.mark.parametrize("answer", [(2, -20), [1.2, -12], (5.0, -50.0), (1.1, -11)])
def test_steep_neuron_accepts_steep_curves_centred_near_ten(answer):
    scale, bias = answer
    assert nnbook.sigmoid(8 * scale + bias) <= 0.1 and nnbook.sigmoid(12 * scale + bias) >= 0.9
    passes(check.steep_neuron(answer))


@pytest.mark.parametrize("answer, phrases", [
    ((1, -10), ["0.881", "not steep enough", "Make the scale bigger"]),
    ((0, 3), ["scale 0", "σ(3) = 0.953"]),
    ((-2, 20), ["negative scale flips"]),
    ((2, 20), ["positive bias", "negative bias"]),
    ((2, -14), ["-bias/scale = 7", "already on"]),
    ((2, -26), ["-bias/scale = 13", "still off"]),
    ((-20, 2), ["swapped the two numbers", "(2, -20) would work", "my_answer = (scale, bias)"]),
    ((2, -20, 1), ["expected a pair (scale, bias), got 3 values", "my_answer = (1.5, -15)"]),
    (2, ["expected a pair (scale, bias), got int 2"]),
    ((1, "a"), ["the bias (the second number) should be one number"]),
])
def test_steep_neuron_explains_each_typical_mistake(answer, phrases):
    fails(check.steep_neuron(answer), *phrases)


def test_steep_neuron_stub_and_solution():
    not_attempted(check.steep_neuron((..., ...)))
    not_attempted(check.steep_neuron((2, ...)))
    passes(check.steep_neuron(run_solution(check.steep_neuron)["my_answer"]))


# stable_sigmoid -----------------------------------------------------------------

def good(x):
    x = np.asarray(x, dtype=float)
    small = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))


def masked(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1 + e)
    return out


def one_at_a_time(x):
    def one(v):
        if v >= 0:
            return 1 / (1 + math.exp(-v))
        return math.exp(v) / (1 + math.exp(v))
    return np.vectorize(one, otypes=[float])(x)


@pytest.mark.parametrize("answer", [good, masked, one_at_a_time, nnbook.sigmoid])
def test_stable_sigmoid_accepts_stable_versions(answer):
    passes(check.stable_sigmoid(answer))


def naive(x):
    return 1 / (1 + np.exp(-x))


def exp_over_one_plus_exp(x):
    return np.exp(x) / (1 + np.exp(x))


def both_branches(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def scalar_if(x):
    if x >= 0:
        return 1 / (1 + np.exp(-x))
    return np.exp(x) / (1 + np.exp(x))


def math_exp(x):
    return 1 / (1 + math.exp(-x))


def wrong_sign(x):
    x = np.asarray(x, dtype=float)
    return good(-x)


def clipped(x):
    return 1 / (1 + np.exp(-np.clip(x, -500, 500)))


def tiny_but_not_zero(x):
    return good(x) + np.where(np.abs(np.asarray(x)) > 999, 1e-200, 0.0)


def almost_one(x):
    """Near miss at +1000 that prints as 1 with six digits, the very value it misses."""
    return np.where(np.asarray(x) > 999, 1 - 1e-9, good(x))


def flattens(x):
    return good(np.ravel(x))


def changes_its_input(x):
    result = good(x)
    if isinstance(x, np.ndarray):
        x *= 0
    return result


def plain_number_only(x):
    return float(good(x))


def no_return(x):
    good(x)


def raises(x):
    raise RuntimeError("oops")


@pytest.mark.parametrize("answer, phrases", [
    (naive, ["my_sigmoid(-1000) made numpy warn: overflow encountered in exp", "e^x / (1 + e^x)"]),
    (exp_over_one_plus_exp, ["my_sigmoid(1000) made numpy warn: overflow", "1 / (1 + e^-x)"]),
    (both_branches, ["my_sigmoid(-1000) made numpy warn", "np.where works out BOTH formulas"]),
    (scalar_if, ["works on one number, but not on an array", "`if x >= 0:`"]),
    (math_exp, ["works on one number, but not on an array"]),
    (wrong_sign, ["runs the wrong way", "minus sign"]),
    (clipped, ["my_sigmoid(-1000) gave 7.12458e-218", "means 7.12 × 10^-218", "Clipping x",
               "σ(-500) is not σ(-1000)"]),
    (tiny_but_not_zero, ["my_sigmoid(-1000) gave 1e-200", "means 1 × 10^-200", "for the x you were given"]),
    (almost_one, ["my_sigmoid(1000) gave 0.999999999;", "σ(1000) is 1"]),
    (flattens, ["(2, 3) array", "shape (6,)"]),
    (changes_its_input, ["changed the array it was given"]),
    (plain_number_only, ["not on an array"]),
    (no_return, ["returned None"]),
    (raises, ["raised RuntimeError: oops"]),
    (5, ["expected a function"]),
])
def test_stable_sigmoid_explains_each_typical_mistake(answer, phrases):
    fails(check.stable_sigmoid(answer), *phrases)


def test_stable_sigmoid_finds_np_where_on_a_whole_array():
    """Safe one number at a time, but both formulas meet ±1000 when they arrive together."""
    def choose_per_element(x):
        x = np.asarray(x, dtype=float)
        if x.ndim == 0:
            return good(x)
        return both_branches(x)

    fails(check.stable_sigmoid(choose_per_element), "on the array [-1000, 1000]", "np.where works out BOTH")


def test_stable_sigmoid_catches_a_symmetry_error_the_other_tests_miss():
    def lopsided(x):
        x = np.asarray(x, dtype=float)
        return np.where((x > 35) & (x < 100), good(x) - 1e-10, good(x))

    fails(check.stable_sigmoid(lopsided), "σ(-x) should equal 1 - σ(x)")


def test_stable_sigmoid_checks_for_warnings_even_when_they_are_switched_off():
    with np.errstate(all="ignore"):
        fails(check.stable_sigmoid(naive), "overflow")


def test_stable_sigmoid_leaves_no_warning_behind():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fails(check.stable_sigmoid(naive), "overflow")


def test_stable_sigmoid_stub_and_solution():
    not_attempted(check.stable_sigmoid(stub))
    not_attempted(check.stable_sigmoid(...))
    passes(check.stable_sigmoid(run_solution(check.stable_sigmoid)["my_sigmoid"]))


@pytest.mark.parametrize("limit", [500, 691, 700, 709])
def test_stable_sigmoid_sees_clipping_at_any_size_that_changes_sigma_of_minus_1000(limit):
    """e^-1000 underflows to exactly 0, so σ(-1000) is 0.0; clipping at -709 leaves about 1e-308."""
    def clipped_at(x):
        return 1 / (1 + np.exp(-np.clip(x, -limit, limit)))

    fails(check.stable_sigmoid(clipped_at), "my_sigmoid(-1000) gave", "Clipping x", "σ(-500) is not σ(-1000)")


def hushed(x):
    with np.errstate(all="ignore"):
        return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def hushed_overflow_only(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def filtered(x):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


@pytest.mark.parametrize("answer", [hushed, hushed_overflow_only, filtered])
def test_stable_sigmoid_does_not_accept_a_warning_switched_off(answer):
    feedback = fails(check.stable_sigmoid(answer), "turns numpy's warnings off")
    assert "e^-|x| is never more than 1" in feedback.hint


def test_stable_sigmoid_accepts_a_stable_form_that_hides_only_underflow():
    def quiet_underflow(x):
        with np.errstate(under="ignore"):
            return good(x)

    passes(check.stable_sigmoid(quiet_underflow))


@pytest.fixture
def dutch():
    nnbook.set_language("nl")
    yield
    nnbook.set_language("en")


def test_the_feedback_speaks_dutch_after_set_language(dutch):
    text = str(check.half_active_sum(0))
    assert ("maar het neuron telt eerst zijn bias op" in text
            and "Hint: Je hebt gewogen som + bias = 0 nodig" in text), text
    assert "één gewogen som, met gewicht 2 en bias 2" in str(passes(check.one_neuron_for_two("B")))
    assert "Misschien heb je de twee getallen omgewisseld" in str(check.steep_neuron((-20, 2)))
    assert "my_sigmoid(1000) liet numpy waarschuwen" in str(check.stable_sigmoid(lambda x: np.exp(x) / (1 + np.exp(x))))
    assert "Vervang elke ... in my_answer" in str(not_attempted(check.steep_neuron(...)))
    assert "# e^-|x| is nooit meer dan 1" in repr(check.stable_sigmoid.solution())
