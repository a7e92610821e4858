"""The three forward passes of nnbook.timing compute what Network.forward computes."""

from __future__ import annotations

import numpy as np
import pytest

import nnbook
from nnbook import timing


@pytest.fixture(scope="module")
def test_images():
    return nnbook.load_digits("test")[0][:50]


@pytest.mark.parametrize("way", list(timing.WAYS.values()), ids=list(timing.WAYS))
def test_every_way_agrees_with_network_forward(way, test_images):
    net = nnbook.pretrained()
    expected = net.forward(test_images)
    result = way(net, test_images)
    assert result.shape == (50, 10)
    np.testing.assert_allclose(result, expected, rtol=1e-12, atol=1e-15)
    assert np.array_equal(np.argmax(result, axis=1), net.predict(test_images))


@pytest.mark.parametrize("way", list(timing.WAYS.values()), ids=list(timing.WAYS))
def test_every_way_works_for_relu_and_other_shapes(way):
    rng = np.random.default_rng(5)
    net = nnbook.Network((9, 7, 5, 4, 3), activation="relu", seed=2)
    net.biases = [rng.normal(size=b.shape) for b in net.biases]
    images = rng.uniform(size=(6, 9))
    np.testing.assert_allclose(way(net, images), net.forward(images), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("way", list(timing.WAYS.values()), ids=list(timing.WAYS))
def test_one_image_gives_ten_outputs(way, test_images):
    net = nnbook.pretrained()
    result = way(net, test_images[0])
    assert result.shape == (10,)
    np.testing.assert_allclose(result, net.forward(test_images[0]), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("way", list(timing.WAYS.values()), ids=list(timing.WAYS))
def test_bad_input_is_refused(way):
    with pytest.raises(TypeError, match="network must be an nnbook.Network"):
        way("network", np.zeros((2, 784)))
    with pytest.raises(ValueError, match=r"images must be one image or a batch.*got shape \(2, 10\)"):
        way(nnbook.Network(), np.zeros((2, 10)))


def test_time_forward_passes_times_all_three_ways(test_images):
    seconds = timing.time_forward_passes(nnbook.pretrained(), test_images[:5], repeats=2)
    assert list(seconds) == ["per neuron", "per sample", "matrix"]
    assert all(isinstance(s, float) and s > 0 for s in seconds.values())
    with pytest.raises(ValueError, match="repeats must be positive"):
        timing.time_forward_passes(nnbook.pretrained(), test_images[:5], repeats=0)
