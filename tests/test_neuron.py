"""weighted_sum: one neuron's w·a + b."""

import numpy as np
import pytest

import nnbook


def test_weighted_sum_is_the_sum_of_products_plus_bias():
    assert nnbook.weighted_sum([1.0, -2.0, 0.5], [1.0, 1.0, 0.0], bias=-10) == -11.0
    assert nnbook.weighted_sum([2, 3], [4, 5]) == 23.0


def test_weighted_sum_takes_images_and_batches():
    images, _ = nnbook.load_digits("test")
    w = np.random.default_rng(0).normal(size=(28, 28))
    one = nnbook.weighted_sum(w, images[0], bias=1.5)
    assert one == pytest.approx(float(np.sum(w * images[0]) + 1.5))
    many = nnbook.weighted_sum(w, images[:5], bias=1.5)
    assert many.shape == (5,)
    assert many[0] == pytest.approx(one)


def test_weighted_sum_matches_a_plain_loop():
    rng = np.random.default_rng(1)
    w, a = rng.normal(size=784), rng.random(784)
    total = 0.0
    for wi, ai in zip(w, a):
        total += wi * ai
    assert nnbook.weighted_sum(w, a, -10) == pytest.approx(total - 10)


@pytest.mark.parametrize(
    ("weights", "activations", "bias", "error", "message"),
    [
        ([1, 2, 3], [1, 2], 0, ValueError, r"activations must have the same shape as weights \(3,\)"),
        (np.ones((28, 28)), np.ones(784), 0, ValueError, r"same shape as weights \(28, 28\).*got shape \(784,\)"),
        (3.0, [1.0], 0, ValueError, "weights must be a list or array"),
        ([1, 2], [1, 2], [1, 2], ValueError, "bias must be a single number"),
        ([1, np.nan], [1, 2], 0, ValueError, r"weights contains NaN at index \(1,\)"),
        ([1, 2], [np.inf, 2], 0, ValueError, r"activations contains infinity at index \(0,\)"),
        ("12", [1, 2], 0, TypeError, "weights must be a number or an array of numbers"),
        ([1, 2], [1, 2], "b", TypeError, "bias must be a number"),
    ],
)
def test_weighted_sum_bad_input(weights, activations, bias, error, message):
    with pytest.raises(error, match=message):
        nnbook.weighted_sum(weights, activations, bias)


def test_an_empty_batch_is_refused_by_name():
    with pytest.raises(ValueError, match=r"activations is an empty batch, shaped \(0, 28, 28\)"):
        nnbook.weighted_sum(np.ones((28, 28)), np.ones((0, 28, 28)))


@pytest.mark.parametrize("activations", [[1e308, 1e308], np.full((3, 2), 1e308)])
def test_a_weighted_sum_beyond_the_largest_float_is_refused(activations):
    with np.errstate(all="raise"), pytest.raises(ValueError, match="the weighted sum is too large for a float"):
        nnbook.weighted_sum([1e10, 1.0], activations)


def test_huge_ints_are_refused_by_name():
    with pytest.raises(ValueError, match="weights holds a number too large for a float"):
        nnbook.weighted_sum([10**400, 1], [1, 1])


def test_complex_weights_are_refused_with_a_hint_that_names_them():
    with pytest.raises(TypeError, match=r"weights must be .*complex numbers.*weights\.real"):
        nnbook.weighted_sum(np.ones(784) * 1j, np.ones(784))
