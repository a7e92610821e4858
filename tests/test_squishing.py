"""nnbook.squishing: layers without σ collapse into one, and σ answers every small nudge."""

from __future__ import annotations

import re

import matplotlib.pyplot
import numpy as np
import pytest

import nnbook
from nnbook import squishing

# collapse and two_neurons ------------------------------------------------------------

@pytest.mark.parametrize("first, second, expected", [
    ((2, 1), (3, -4), (6.0, -1.0)),
    ((4, -2), (0.5, 3), (2.0, 2.0)),
    ((1, 0), (1, 0), (1.0, 0.0)),
    ((-1.5, 2), (0, 7), (0.0, 7.0)),     # a second weight of 0 ignores the first neuron
])
def test_collapse_gives_the_one_neuron_that_does_the_same(first, second, expected):
    assert squishing.collapse(first, second) == expected
    a = np.linspace(-4, 4, 17)
    weight, bias = expected
    np.testing.assert_allclose(squishing.two_neurons(a, first, second), weight * a + bias)


def test_the_defaults_are_the_notebooks_neurons():
    assert squishing.FIRST == (2.0, 1.0) and squishing.SECOND == (3.0, -4.0)
    assert squishing.collapse() == (6.0, -1.0)


def test_two_neurons_with_sigma_between_reads_sigma_of_the_first():
    a = np.array([-3.0, 0.0, 0.5, 2.0])
    np.testing.assert_allclose(squishing.two_neurons(a, squish=True), 3 * nnbook.sigmoid(2 * a + 1) - 4)
    assert isinstance(squishing.two_neurons(1.0), float)


@pytest.mark.parametrize("pair, error, words", [
    ((1, 2, 3), TypeError, "first must be a pair (weight, bias)"),
    ("ab", TypeError, "first must be a pair (weight, bias)"),
    (5, TypeError, "first must be a pair"),
    ((1, float("nan")), ValueError, "first's bias"),
    (("1", 2), TypeError, "first's weight"),
])
def test_collapse_names_a_bad_neuron(pair, error, words):
    with pytest.raises(error, match=re.escape(words)):
        squishing.collapse(pair, (1, 0))


def test_two_neurons_refuses_an_input_that_is_not_a_number():
    with pytest.raises(TypeError, match="a must be a number"):
        squishing.two_neurons("x")
    with pytest.raises(ValueError, match="a"):
        squishing.two_neurons(np.inf)


def test_show_two_neurons_draws_both_panels_for_other_neurons_too():
    fig = squishing.show_two_neurons((4, -2), (0.5, 3), inputs=np.linspace(-1, 1, 5))
    plain, squished = fig.axes
    np.testing.assert_allclose(plain.lines[0].get_ydata(), 2 * np.linspace(-1, 1, 5) + 2)
    assert plain.get_title() == "no σ between: 2a + 2"
    assert squished.get_title() == "σ between: 0.5 × σ(4a - 2) + 3"
    with pytest.raises(ValueError, match="at least two numbers"):
        squishing.show_two_neurons(inputs=[1.0])


# nudge and show_nudges ----------------------------------------------------------------

def test_nudge_gives_the_yes_no_and_the_activation():
    step, activation = squishing.nudge(2.0, [-3.0, -2.0, -1.0])
    assert step.tolist() == [0.0, 0.0, 1.0]          # fires only when weighted sum + bias > 0
    np.testing.assert_allclose(activation, nnbook.sigmoid([-1.0, 0.0, 1.0]))


def test_small_nudges_move_sigma_but_almost_never_the_yes_no():
    biases = np.linspace(-20, 0, 2001)
    step, activation = squishing.nudge(7.94, biases)
    assert np.count_nonzero(np.diff(step)) == 1      # one jump in 2,000 nudges
    assert np.all(np.diff(activation) > 0)           # σ answers every one of them


def test_show_nudges_marks_the_nudges_and_refuses_a_single_one():
    nudged = np.array([-3.0, -2.5, -2.0])
    fig = squishing.show_nudges(2.0, nudged, biases=np.linspace(-6, 2, 81))
    whole, zoom = fig.axes
    assert whole.get_title() == "every bias from -6 to 2"
    np.testing.assert_allclose(zoom.lines[3].get_ydata(), nnbook.sigmoid(2.0 + nudged))
    for bad in ([-1.0], [-1.0, -1.0]):
        with pytest.raises(ValueError, match="at least two different biases"):
            squishing.show_nudges(2.0, bad)


# A whole network without σ -------------------------------------------------------------

@pytest.mark.parametrize("sizes", [(784, 16, 16, 10), (784, 10), (784, 5, 3, 7, 10)])
def test_a_network_without_sigma_is_one_layer(sizes, test_digits):
    images, _ = test_digits
    net = nnbook.Network(sizes=sizes, seed=3)
    rng = np.random.default_rng(0)
    net.biases = [rng.normal(size=b.shape) for b in net.biases]
    W, b = squishing.collapsed_network(net)
    assert W.shape == (sizes[-1], 784) and b.shape == (sizes[-1],)
    outputs = squishing.without_squishing(net, images[:50])
    np.testing.assert_allclose(outputs, images[:50].reshape(50, -1) @ W.T + b, rtol=1e-10, atol=1e-10)


def test_without_squishing_takes_the_sigmas_out_of_what_the_network_computes(test_digits):
    images, _ = test_digits
    net = nnbook.Network(sizes=(784, 10), seed=1)
    np.testing.assert_allclose(nnbook.sigmoid(squishing.without_squishing(net, images[:20])),
                               net.forward(images[:20]))
    with pytest.raises(ValueError):
        squishing.without_squishing(net, np.zeros((3, 5)))


def test_one_layer_is_each_neurons_weighted_sum_plus_bias(test_digits):
    images, _ = test_digits
    rng = np.random.default_rng(5)
    W, b = rng.normal(size=(10, 784)), rng.normal(size=10)
    out = squishing.one_layer(W, b, images[:7])
    assert out.shape == (7, 10)
    for k in (0, 6):
        for neuron in (0, 9):
            assert out[k, neuron] == pytest.approx(nnbook.weighted_sum(W[neuron], images[k].reshape(784), b[neuron]))
    with pytest.raises(ValueError, match="one bias per neuron"):
        squishing.one_layer(W, b[:3], images[:2])
    with pytest.raises(ValueError, match="one row of weights per neuron"):
        squishing.one_layer(W[0], b, images[:2])
    with pytest.raises(ValueError):
        squishing.one_layer(W[:, :100], b, images[:2])


# The extensions' pictures ---------------------------------------------------------------

def test_show_sigmoid_draws_the_curve_its_limits_and_sigma_of_0():
    fig = squishing.show_sigmoid()
    (ax,) = fig.axes
    curve = next(line for line in ax.lines if len(line.get_xdata()) == len(squishing.SIGMOID_XS))
    np.testing.assert_allclose(curve.get_ydata(), nnbook.sigmoid(squishing.SIGMOID_XS))
    assert (curve.get_xdata()[0], curve.get_xdata()[-1]) == (-10, 10)
    dot = next(line for line in ax.lines if line.get_marker() == "o")
    assert (dot.get_xdata()[0], dot.get_ydata()[0]) == (0, 0.5)
    assert sorted(line.get_ydata()[0] for line in ax.lines if line.get_linestyle() == ":") == [0, 1]
    matplotlib.pyplot.close("all")


def test_show_before_and_after_draws_shares_of_each_group(train_digits):
    from nnbook import detectors
    images, labels = train_digits
    z = nnbook.weighted_sum(detectors.example_weights(), images, detectors.EXAMPLE_BIAS)
    fig = squishing.show_before_and_after(z, labels, digit=7)
    before, after = fig.axes
    for ax in (before, after):
        grey, orange = ax.containers
        assert sum(bar.get_height() for bar in grey) == pytest.approx(1)     # each group adds up to 1
        assert sum(bar.get_height() for bar in orange) == pytest.approx(1)
    assert [t.get_text() for t in after.get_legend().get_texts()] == ["other digits", "7s"]
    assert [line.get_xdata()[0] for line in before.lines if line.get_linestyle() == "--"] == [0]
    edges = [bar.get_x() for bar in before.containers[0]]
    assert (edges[0], edges[-1] + before.containers[0][-1].get_width()) == (np.floor(z.min()), np.ceil(z.max()))
    with pytest.raises(ValueError, match="some 7s and some other digits"):
        squishing.show_before_and_after(z[labels == 7], labels[labels == 7], digit=7)
    matplotlib.pyplot.close("all")


def test_show_squished_digits_titles_each_digit_with_z_and_sigma():
    images = np.zeros((3, 28, 28))
    fig = squishing.show_squished_digits(images, [-2.1, 0.0, 10.8])
    assert [ax.get_title() for ax in fig.axes if ax.get_title()] == ["-2.1\n0.11", "+0.0\n0.50", "+10.8\n1.00"]
    with pytest.raises(ValueError, match="one weighted sum \\+ bias per image"):
        squishing.show_squished_digits(images, [1.0, 2.0])
    matplotlib.pyplot.close("all")


def test_show_slide_and_steepen_puts_each_curves_middle_where_the_text_says():
    fig = squishing.show_slide_and_steepen()
    slide, steep = fig.axes
    for line, bias in zip(slide.lines, squishing.SLIDE_BIASES):
        xs, ys = line.get_xdata(), line.get_ydata()
        assert xs[np.argmin(np.abs(ys - 0.5))] == pytest.approx(-bias, abs=0.1)   # the middle at the sum -bias
    widths = []
    for line in steep.lines[:3]:
        xs, ys = line.get_xdata(), line.get_ydata()
        assert xs[np.argmin(np.abs(ys - 0.5))] == pytest.approx(10, abs=0.1)       # every middle at 10
        widths.append(np.ptp(xs[(ys > 0.1) & (ys < 0.9)]))
    assert widths[0] > widths[1] > widths[2]                                        # bigger scale, steeper
    assert [t.get_text() for t in steep.get_legend().get_texts()] == [
        "scale 0.5, bias -5", "scale 1, bias -10", "scale 3, bias -30"]
    matplotlib.pyplot.close("all")


def test_the_figures_speak_dutch_after_set_language():
    import nnbook
    nnbook.set_language("nl")
    try:
        fig = squishing.show_slide_and_steepen()
        assert [ax.get_title() for ax in fig.axes] == ["de bias schuift de curve op", "de schaal maakt hem steiler"]
        assert fig.axes[0].get_ylabel() == "activering"
    finally:
        nnbook.set_language("en")
