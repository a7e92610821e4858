"""The self-checks of notebook 04: right answers pass, each typical mistake gets its own feedback."""

import numpy as np
import pytest

import nnbook
from checks import fails, not_attempted, passes, run_solution
from nnbook import check, detectors

# threshold_bias -----------------------------------------------------------------

@pytest.mark.parametrize("answer", [-6, -6.0, np.float64(-6.0), np.array(-6.0)])
def test_threshold_accepts_minus_six(answer):
    passes(check.threshold_bias(answer))


@pytest.mark.parametrize("answer, phrases", [
    (6, ["fires when the weighted sum is above -6", "wrong way round"]),
    (-10, ["video's bias", "threshold is 6"]),
    (0, ["above 0, not above 6"]),
    (-3, ["above 3, not above 6"]),
    (1 / 6, ["above -0.166667"]),
    ("-6", ["got the text '-6' (a str, because it is in quotes)", "Leave out the quotes"]),
    ("minus six", ["should be one number"]),
    ([-6], ["should be one number"]),
    (True, ["should be one number"]),
])
def test_threshold_explains_each_typical_mistake(answer, phrases):
    fails(check.threshold_bias(answer), *phrases)


def test_threshold_stub_and_solution():
    not_attempted(check.threshold_bias(...))
    passes(check.threshold_bias(run_solution(check.threshold_bias)["my_answer"]))


# bias_direction -------------------------------------------------------------------

def _train_counts():
    images, _ = nnbook.load_digits("train")
    sums = nnbook.weighted_sum(detectors.example_weights(), images)
    return int(np.sum(sums > 10)), int(np.sum(sums > 15)), int(np.sum((sums > 10) & (sums <= 15)))


@pytest.mark.parametrize("answer", ["B", "b", " B ", "b\n"])
def test_direction_accepts_fewer_digits_and_says_how_many(answer):
    before, after, _ = _train_counts()
    feedback = passes(check.bias_direction(answer))
    assert f"{after:,} of the 8,000 training digits instead of {before:,}" in str(feedback)
    assert after < before


def test_direction_explains_the_tempting_wrong_way_round():
    fails(check.bias_direction("A"), "-15 is a smaller number than -10", "sign flipped",
          "The dashed line moved right, from 10 to 15", "Move the slider from -10 to -15")


def test_direction_explains_that_the_sums_stay_but_the_line_moves():
    _, _, lost = _train_counts()
    assert lost > 0
    fails(check.bias_direction("c"), "the weights did not change", "moves the line",
          f"The {lost:,} training digits with a sum between 10 and 15 no longer get through")


@pytest.mark.parametrize("answer", ["D", "fewer", "", 2, None, ["B"], True])
def test_direction_refuses_anything_but_a_letter(answer):
    fails(check.bias_direction(answer), 'should be one of "A", "B" or "C"', 'my_choice = "A"')


def test_direction_stub_and_solution():
    not_attempted(check.bias_direction(...))
    passes(check.bias_direction(run_solution(check.bias_direction)["my_choice"]))


# passing_count --------------------------------------------------------------------

@pytest.fixture(scope="module")
def sums():
    images, _ = nnbook.load_digits("test")
    return nnbook.weighted_sum(detectors.example_weights(), images)


def test_count_accepts_the_number_of_sums_above_ten(sums):
    right = int(np.sum(sums > 10))
    assert right == int(np.sum(detectors.fires(detectors.example_weights(), -10, nnbook.load_digits("test")[0])))
    passes(check.passing_count(right))
    passes(check.passing_count(float(right)))
    passes(check.passing_count(np.int64(right)))


def test_count_explains_each_typical_mistake(sums):
    right = int(np.sum(sums > 10))
    train_images, _ = nnbook.load_digits("train")
    train = int(np.sum(detectors.fires(detectors.example_weights(), -10, train_images)))
    fails(check.passing_count(int(np.sum(sums > 0))), "above 0", "bias is missing")
    fails(check.passing_count(int(np.sum(sums > -10))), "above -10", "subtracted")
    fails(check.passing_count(2000 - right), "do NOT make it fire")
    fails(check.passing_count(train), "8,000 training")
    fails(check.passing_count(right / 2000), "fraction or a percentage")
    fails(check.passing_count(100 * right / 2000), "fraction or a percentage")
    fails(check.passing_count(right + 0.5), "not a whole number")
    with_ten = int(np.sum(sums + detectors.EXAMPLE_BIAS >= 0))
    if with_ten != right:  # some digit sums to exactly 10
        fails(check.passing_count(with_ten), "counted sums of exactly 10", "> 0, not >= 0")
    other = next(c for c in range(right + 1, 2000) if c not in {with_ten, 2000 - right, train})
    fails(check.passing_count(other), "is not it", "nnbook.weighted_sum")
    fails(check.passing_count("many"), "should be one number")
    fails(check.passing_count(str(right)), "in quotes", "Leave out the quotes")
    fails(check.passing_count(2000), "every test digit", "len(...) counts every entry")


def test_count_explains_an_answer_that_was_not_counted_yet(sums):
    fired = sums + detectors.EXAMPLE_BIAS > 0
    fails(check.passing_count(fired), "all 2,000 True/False values", "np.sum(...) counts them")
    fails(check.passing_count(list(fired)), "all 2,000 True/False values")
    fails(check.passing_count(sums + detectors.EXAMPLE_BIAS), "2,000 numbers, one per test digit", "count the Trues")
    fails(check.passing_count(None), "should be one number")


def test_count_stub_and_solution():
    not_attempted(check.passing_count(...))
    passes(check.passing_count(run_solution(check.passing_count)["my_count"]))


# ones_vs_zeros ------------------------------------------------------------------------

def _middle_minus_sides():
    weights = np.zeros((28, 28))
    weights[10:18, 12:16] = 1
    weights[8:20, 6:11] = -1
    weights[8:20, 17:22] = -1
    return weights


def test_separator_accepts_a_good_pattern_and_reports_the_score():
    feedback = passes(check.ones_vs_zeros((_middle_minus_sides(), 10)))
    assert "Score:" in str(feedback) and "of the 425 test 0s and 1s" in str(feedback)
    passes(check.ones_vs_zeros([_middle_minus_sides().ravel(), 10.0]))


def test_separator_solution_passes_its_own_check():
    scope = run_solution(check.ones_vs_zeros)
    passes(check.ones_vs_zeros((scope["my_weights"], scope["my_bias"])))


def test_separator_score_is_the_share_of_test_zeros_and_ones_it_gets_right():
    images, labels = nnbook.load_digits("test")
    keep = labels <= 1
    fired = detectors.fires(_middle_minus_sides(), 10, images[keep])
    score = np.mean(fired == (labels[keep] == 1))
    assert f"Score: {score:.1%}" in str(check.ones_vs_zeros((_middle_minus_sides(), 10)))


@pytest.mark.parametrize("answer", [..., (..., ...), (np.zeros((28, 28)), ...), (..., -10)])
def test_separator_stub_is_not_attempted(answer):
    not_attempted(check.ones_vs_zeros(answer))


def test_separator_explains_each_typical_mistake():
    good = _middle_minus_sides()
    fails(check.ones_vs_zeros((good, 1000)), "fires for every digit", "Lower the bias")
    fails(check.ones_vs_zeros((good, -1000)), "never fires", "Raise the bias")
    fails(check.ones_vs_zeros((-good, -10)), "prefers 0s to 1s", "Flip the signs")
    fails(check.ones_vs_zeros((np.zeros((28, 28)), -10)), "all your weights are 0")
    fails(check.ones_vs_zeros((good, 40)), "Too many 0s get through", "would score", "training 0s and 1s")
    fails(check.ones_vs_zeros((good, -25)), "Too many 1s stay quiet", "would score")
    fails(check.ones_vs_zeros((np.ones((27, 27)), -10)), "shape (27, 27)")
    fails(check.ones_vs_zeros((good, "-10")), "my_bias should be one number")
    fails(check.ones_vs_zeros(good), "expected a pair (my_weights, my_bias)")
    fails(check.ones_vs_zeros((good, -10, 3)), "expected a pair")
    fails(check.ones_vs_zeros((np.full((28, 28), np.inf), -10)), "NaN or infinity")


def _middle_only():
    """Positive weights where 1s have ink, and nothing else: 0s cross the middle too."""
    weights = np.zeros((28, 28))
    weights[5:23, 13:15] = 1
    return weights


def test_separator_says_when_no_bias_can_save_the_weights():
    for bias, phrase in ((0, "fires for every digit"), (-10, "Too many 0s get through."), (-1000, "never fires")):
        fails(check.ones_vs_zeros((_middle_only(), bias)), phrase, "would score", "No bias reaches 95%",
              "Put negative weights there")
    good = fails(check.ones_vs_zeros((_middle_minus_sides(), 40)))
    assert "No bias reaches" not in str(good)


def test_separator_no_bias_claim_is_true():
    """The best bias the check finds really stays below 95% for middle-only weights, and tops it for the good ones."""
    from nnbook.check import n04_bias as n04
    images, labels = nnbook.load_digits("train")
    keep = labels <= 1
    _, best_score, _ = n04._best_bias(_middle_only().ravel())
    scan = max(np.mean(detectors.fires(_middle_only(), b, images[keep]) == (labels[keep] == 1))
               for b in np.arange(-40.0, 5.0, 0.25))
    assert scan <= best_score < n04.TARGET
    assert n04._best_bias(_middle_minus_sides().ravel())[1] >= n04.TARGET


def test_separator_suggested_bias_really_scores_what_it_says():
    from nnbook.check import n04_bias as n04
    weights = _middle_minus_sides().ravel()
    bias, score, n = n04._best_bias(weights)
    images, labels = nnbook.load_digits("train")
    keep = labels <= 1
    fired = detectors.fires(weights, bias, images[keep])
    assert n == keep.sum()
    assert score == pytest.approx(np.mean(fired == (labels[keep] == 1)))
    assert score >= max(np.mean(detectors.fires(weights, b, images[keep]) == (labels[keep] == 1))
                        for b in np.arange(-40.0, 40.0, 0.5))


@pytest.fixture
def dutch():
    nnbook.set_language("nl")
    yield
    nnbook.set_language("en")


def test_the_feedback_speaks_dutch_after_set_language(dutch):
    text = str(check.threshold_bias(6))
    assert "vuurt je neuron als de gewogen som groter is dan -6" in text and "Hint: De bias wordt" in text, text
    assert "De drempelwaarde is de bias met het omgekeerde teken" in str(passes(check.threshold_bias(-6)))
    assert "Het vuurt voor elk cijfer: de drempelwaarde is te laag" in str(check.ones_vs_zeros((_middle_only(), 0)))
    assert "Vervang de ... door" in str(not_attempted(check.bias_direction(...)))
    assert "Voor hoeveel van de 2000 testcijfers" in repr(check.passing_count)
    assert "# Het neuron vuurt als" in repr(check.threshold_bias.solution())
