"""nnbook.squishing: layers without σ collapse into one, and σ answers every small nudge."""

from __future__ import annotations

import re

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
