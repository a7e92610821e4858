"""compare_sigmoid_relu shows what it claims: deep sigmoid networks stall, deep ReLU networks learn."""

from __future__ import annotations

import numpy as np
import pytest

from nnbook import Network
from nnbook.depth import CHANCE, DepthComparison, compare_sigmoid_relu


@pytest.fixture(scope="module")
def small():
    # A faster configuration than the default (10 epochs on 8,000 digits), same depth and width.
    return compare_sigmoid_relu(epochs=3, n_images=2000, progress=False)


def test_the_relu_network_learns_and_the_sigmoid_network_stays_near_chance(small):
    assert isinstance(small, DepthComparison)
    assert small.sizes == (784, 16, 16, 16, 16, 16, 16, 10)
    assert len(small.sigmoid) == len(small.relu) == 3
    assert max(small.sigmoid.test_accuracy) < CHANCE + 0.1
    assert small.relu.test_accuracy[-1] > 0.4
    assert small.relu.test_accuracy[-1] > small.sigmoid.test_accuracy[-1] + 0.3


def test_the_gradient_fades_through_the_sigmoid_layers(small):
    sig, relu = small.sigmoid_gradients, small.relu_gradients
    assert sig.shape == relu.shape == (7,)
    assert np.all(np.diff(sig) > 0)  # smaller at every step back towards the input
    assert sig[0] < sig[-1] / 1000
    assert relu[0] > relu[-1] / 10  # ReLU layers keep the signal within a factor of ten
    assert relu[0] > 100 * sig[0]


def test_the_networks_are_the_trained_ones(small, test_digits):
    assert small.sigmoid_network.activation == "sigmoid" and small.relu_network.activation == "relu"
    images, labels = test_digits
    assert small.relu_network.accuracy(images, labels) == small.relu.test_accuracy[-1]


def test_summary_and_figure(small):
    text = repr(small)
    assert "784-16-16-16-16-16-16-10, 3 epochs, learning rate 0.1" in text
    assert f"{small.relu.test_accuracy[-1]:.1%}" in text
    fig = small.show()
    assert len(fig.axes) == 2


@pytest.mark.parametrize("arguments, error, message", [
    (dict(hidden_layers=0), ValueError, "hidden_layers must be positive"),
    (dict(width=2.5), TypeError, "width must be a whole number"),
    (dict(learning_rate=-1), ValueError, "learning_rate must be a positive"),
    (dict(n_images=9000), ValueError, "n_images must be at most 8000"),
    (dict(seed="0"), TypeError, "seed must be a whole number"),
    (dict(seed=-1), ValueError, "seed must be a whole number, 0 or more, got -1"),
    (dict(seed=1.5), TypeError, "seed must be a whole number, 0 or more"),
    (dict(seed=None), TypeError, "seed must be a whole number, 0 or more"),
    (dict(seed=True), TypeError, "seed must be a whole number"),
    (dict(epochs=0), ValueError, "epochs must be positive"),
    (dict(batch_size="10"), TypeError, "batch_size must be a whole number"),
])
def test_bad_input(arguments, error, message):
    with pytest.raises(error, match=message):
        compare_sigmoid_relu(progress=False, **arguments)


def test_a_network_whose_training_diverges_is_reported_next_to_the_other():
    comparison = compare_sigmoid_relu(hidden_layers=2, epochs=2, n_images=500, learning_rate=10, progress=False)
    assert list(comparison.diverged) == ["relu"]
    assert "diverged in epoch 1" in comparison.diverged["relu"]
    assert "smaller learning_rate" in comparison.diverged["relu"]
    assert len(comparison.relu) == 0 and len(comparison.sigmoid) == 2
    untrained = Network(comparison.sizes, activation="relu", seed=0)
    assert all(np.array_equal(a, b) for a, b in zip(comparison.relu_network.weights, untrained.weights))
    text = repr(comparison)
    assert "784-16-16-10, 2 epochs, learning rate 10" in text
    assert "relu: training diverged in epoch 1" in text
    assert len(comparison.show().axes) == 2


def test_nothing_diverges_with_the_lessons_settings(small):
    assert small.diverged == {}
