"""The numbers behind notebook 05's figures and sentences, and its sigmoids against nnbook's.

nbval compares the notebook's text, never its pictures, so what each figure
and each sentence claims is checked here, with the same nnbook functions the
notebook calls.
"""

import re
import warnings

import numpy as np
import pytest

import nnbook
from nnbook import detectors
from notebook_code import defined_in_notebook, printed_text


@pytest.fixture(scope="module")
def activations(train_digits):
    images, _ = train_digits
    z = nnbook.weighted_sum(detectors.example_weights(), images, detectors.EXAMPLE_BIAS)
    return z, nnbook.sigmoid(z)


# The notebook's own sigmoids -------------------------------------------------------

def test_the_notebooks_sigmoid_agrees_with_nnbook():
    sigmoid = defined_in_notebook("05", "sigmoid")
    x = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid(x), nnbook.sigmoid(x), rtol=1e-12, atol=0)
    assert sigmoid(0) == 0.5


def test_the_notebooks_naive_sigmoid_overflows_at_minus_1000_as_the_notebook_says():
    sigmoid = defined_in_notebook("05", "sigmoid")
    with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn"):
        warnings.simplefilter("always")
        assert sigmoid(-1000.0) == 0.0
    assert [str(w.message) for w in caught] == ["overflow encountered in exp"]


def test_the_other_form_gives_nan_at_plus_1000():
    with np.errstate(over="ignore", invalid="ignore"):
        big = np.exp(1000.0)
        assert np.isinf(big) and np.isnan(big / (1 + big))


def test_the_notebooks_sigmoid_one_agrees_with_nnbook_without_a_warning():
    sigmoid_one = defined_in_notebook("05", "sigmoid_one")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for x in [-1000.0, -745.0, -40.0, -10.0, -1.0, -1e-9, 0.0, 1e-9, 0.5, 10.0, 40.0, 1000.0]:
            assert sigmoid_one(x) == pytest.approx(nnbook.sigmoid(x), rel=1e-12, abs=1e-300)


def test_the_sizes_the_notebook_gives_for_e_to_the_10():
    """ "e⁻¹⁰ is tiny, about 0.00005" and "e¹⁰ is huge, about 22,000" """
    assert round(np.exp(-10), 5) == 0.00005
    assert round(np.exp(10), -3) == 22_000


def test_any_base_above_1_gives_the_same_s_only_stretched():
    """ "Any number bigger than 1 gives the same S-shape, only stretched sideways." """
    x = np.linspace(-20, 20, 401)
    for base in (1.5, 2.0, 10.0):
        np.testing.assert_allclose(1 / (1 + base ** -x), nnbook.sigmoid(x * np.log(base)), rtol=1e-12)


def test_the_two_forms_agree_as_the_stored_notebook_shows():
    printed = next(text for text in printed_text("05") if "e^x / (1 + e^x) =" in text and "x = -2.0" in text)
    lines = printed.strip().splitlines()
    assert len(lines) == 3
    for line in lines:
        first, second = re.findall(r"= (\d\.\d{6})", line)
        assert first == second
    x = np.linspace(-30, 30, 121)
    np.testing.assert_allclose(np.exp(x) / (1 + np.exp(x)), nnbook.sigmoid(x), rtol=1e-12)


def test_sigmoid_is_symmetric_as_the_notebook_says():
    x = np.linspace(-20, 20, 81)
    np.testing.assert_allclose(nnbook.sigmoid(-x), 1 - nnbook.sigmoid(x), atol=1e-15)
    assert f"{nnbook.sigmoid(-2):.4f}" == "0.1192" and f"{nnbook.sigmoid(2):.4f}" == "0.8808"


# The ten-decimal values -------------------------------------------------------------

def test_the_stored_ten_decimal_values_are_nnbooks_and_would_show_a_one_in_a_million_change():
    printed = next(text for text in printed_text("05") if "σ(-10 + 10.5)" in text)
    for label, x in [("σ(0)", 0.0), ("σ(1)", 1.0), ("σ(-10 + 10.5)", 0.5)]:
        value = nnbook.sigmoid(x)
        line = next(line for line in printed.splitlines() if line.strip().startswith(label))
        assert re.findall(r"\d\.\d{10}", line) == [f"{value:.10f}"] * 2
        assert f"{value * (1 + 1e-6):.10f}" != f"{value:.10f}"


# The numbers behind the figures -------------------------------------------------------

def test_the_curve_figure_marks_sigmoid_of_zero():
    assert nnbook.sigmoid(0.0) == 0.5
    assert nnbook.sigmoid(-10.0) < 1e-4 and nnbook.sigmoid(10.0) > 1 - 1e-4


def test_the_histograms_most_digits_near_0_most_sevens_near_1(activations, train_digits):
    z, a = activations
    _, labels = train_digits
    sevens = labels == 7
    assert np.mean(a[~sevens] < 0.05) > 0.6       # the tall grey bar at 0
    assert np.mean(a[sevens] > 0.95) > 0.5        # the tall orange bar at 1
    assert np.mean(a[sevens] < 0.05) < 0.2
    # "every sum below about -5 lands near 0 and every sum above about +5 near 1"
    assert np.all(a[z < -5] < 0.007) and np.all(a[z > 5] > 0.993)


def test_the_average_activations_rank_7_9_4_highest_and_5_6_lowest(activations, train_digits):
    _, a = activations
    _, labels = train_digits
    means = np.array([a[labels == d].mean() for d in range(10)])
    order = np.argsort(means)
    assert set(order[-3:]) == {4, 7, 9}
    assert set(order[:2]) == {5, 6}


def test_the_example_4_and_9_sit_on_the_steep_part(test_digits):
    images, labels = test_digits
    examples = [int(np.flatnonzero(labels == d)[0]) for d in range(10)]
    z = nnbook.weighted_sum(detectors.example_weights(), images[examples], detectors.EXAMPLE_BIAS)
    a = nnbook.sigmoid(z)
    for digit in (4, 9):
        assert -5 < z[digit] < 0 and 0.05 < a[digit] < 0.5
    others = [d for d in range(10) if d not in (4, 9)]
    assert np.all((a[others] < 0.01) | (a[others] > 0.99))   # "most are close to 0 or 1"


def test_the_slide_and_steepen_figure():
    sums = np.linspace(-5, 25, 301)
    for bias in (-5, -10, -15):   # the middle of each curve is at the sum -bias
        assert nnbook.sigmoid(-bias + bias) == 0.5
    widths = []
    for scale in (0.5, 1, 3):     # all three pass 0.5 at a sum of 10; bigger scale, narrower climb
        a = nnbook.sigmoid(scale * sums - 10 * scale)
        assert nnbook.sigmoid(scale * 10 - 10 * scale) == 0.5
        widths.append(np.ptp(sums[(a > 0.1) & (a < 0.9)]))
    assert widths[0] > widths[1] > widths[2]


def test_the_steep_neuron_exercise_text():
    """ "σ(8 - 10) = 0.12 and σ(2) = 0.88" """
    assert f"{nnbook.sigmoid(8 - 10):.2f}" == "0.12" and f"{nnbook.sigmoid(2):.2f}" == "0.88"


def test_what_the_explorer_text_says_to_try(test_digits):
    """The slider settings suggested above the NeuronExplorer do what the text says (same default strip)."""
    from nnbook.widgets import NeuronExplorer

    explorer = NeuronExplorer(weights=detectors.example_weights(), bias=detectors.EXAMPLE_BIAS)
    for name, value in [("scale", 2), ("bias", -20), ("scale", 0.3), ("bias", -3), ("scale", -1), ("bias", 0)]:
        slider = explorer.sliders[name]
        assert slider.min <= value <= slider.max, f"the {name} slider cannot reach {value}"
    images, labels = test_digits
    strip = [int(np.flatnonzero(labels == d)[0]) for d in range(10)]
    sums = nnbook.weighted_sum(detectors.example_weights(), images[strip])

    sharp = nnbook.sigmoid(2 * sums - 20)
    assert np.all((sharp < 0.02) | (sharp > 0.98))
    gentle = nnbook.sigmoid(0.3 * sums - 3)
    assert 0.2 < gentle[4] < 0.8 and 0.2 < gentle[9] < 0.8
    no_bias = nnbook.sigmoid(sums)
    assert np.sum(no_bias > 0.5) >= 7
    assert no_bias[5] > 0.5 and no_bias[6] > 0.5        # lit, though 5s and 6s have no stroke there
    # scale -1 and bias 0: "The 7 goes dark, and only the 0 and the 1 light up: the two digits whose
    # weighted sum was below 0."
    flipped = nnbook.sigmoid(-sums)
    assert set(np.flatnonzero(flipped > 0.5)) == {0, 1} == set(np.flatnonzero(sums < 0))
    assert flipped[7] < 0.01 < 0.99 < nnbook.sigmoid(sums[7] - 10)
