"""Generated tests for Network: good inputs agree with a plain reference, bad inputs get a clear error.

Good inputs: random small architectures, both activations, random weights and images. The forward
pass must equal a loop that computes each layer as f(W @ a + b), one image at a time, and a save
and load must give the same network back, bit for bit.

Bad inputs: wrong shapes, dtypes, NaN and infinity, huge and empty values, wrong types. Each must
raise a ValueError, TypeError or OSError whose message names the argument, never a raw numpy error.
The examples are derandomized, so every run tries the same ones.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnbook
from nnbook import Network
from nnbook.activations import relu, sigmoid

GOOD = settings(derandomize=True, deadline=None, max_examples=60)
BAD = settings(derandomize=True, deadline=None, max_examples=80)

# At least 2 inputs: with one input, a (1, 1) batch is also a 1 x 1 image, and image_batch reads it as one image.
sizes_strategy = st.tuples(st.integers(2, 6), st.lists(st.integers(1, 6), min_size=1, max_size=4)).map(
    lambda sizes: [sizes[0], *sizes[1]])
activations = st.sampled_from(["sigmoid", "relu"])
seeds = st.integers(0, 2**32)
finite = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def networks(draw, weights=st.floats(-4, 4)):
    """A Network of random small sizes whose weights and biases Hypothesis chooses."""
    net = Network(draw(sizes_strategy), activation=draw(activations), seed=draw(seeds))
    net.weights = [draw(hnp.arrays(np.float64, W.shape, elements=weights)) for W in net.weights]
    net.biases = [draw(hnp.arrays(np.float64, b.shape, elements=weights)) for b in net.biases]
    return net


def images_for(net, n):
    return hnp.arrays(np.float64, (n, net.sizes[0]), elements=st.floats(0, 1))


def reference_forward(net, image):
    """The video's recipe for one image, written out: each layer is f(W @ a + b)."""
    a = np.asarray(image, dtype=np.float64)
    for layer, (W, b) in enumerate(zip(net.weights, net.biases)):
        last = layer == len(net.weights) - 1
        z = W @ a + b
        a = sigmoid(z) if last or net.activation == "sigmoid" else relu(z)
    return a


@given(choices=st.data())
@GOOD
def test_forward_agrees_with_the_layer_by_layer_reference(choices):
    net = choices.draw(networks())
    images = choices.draw(images_for(net, choices.draw(st.integers(1, 4))))
    outputs = net.forward(images)
    expected = np.array([reference_forward(net, image) for image in images])
    np.testing.assert_allclose(outputs, expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(net.forward(images[0]), expected[0], rtol=1e-12, atol=1e-15)
    assert net.predict(images[0]) == int(np.argmax(expected[0]))
    layers = net.activations(images)
    assert [a.shape for a in layers] == [(len(images), n) for n in net.sizes]
    np.testing.assert_array_equal(layers[-1], outputs)


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@given(net=networks(weights=finite))
@GOOD
def test_save_and_load_give_the_same_network_bit_for_bit(folder, net):
    path = net.save(folder / "net.npz")
    twin = Network.load(path)
    assert (twin.sizes, twin.activation) == (net.sizes, net.activation)
    for mine, theirs in zip(net.weights + net.biases, twin.weights + twin.biases):
        assert theirs.dtype == np.float64 and np.array_equal(mine, theirs)
    assert twin.save(folder / "again.npz").read_bytes() == path.read_bytes()


# --- bad input --------------------------------------------------------------------------

def raises_naming(name, call, *args, errors=(TypeError, ValueError)):
    """``call(*args)`` must raise one of ``errors``, and the message must name ``name`` as a word."""
    with pytest.raises(errors) as caught:
        call(*args)
    assert re.search(rf"(?<![\w\[]){re.escape(name)}(?![\w])", str(caught.value)), \
        f"{type(caught.value).__name__} does not name {name!r}: {caught.value}"


wrong_types = st.one_of(st.none(), st.text(max_size=5), st.binary(max_size=5), st.booleans(),
                        st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
                        st.builds(object), st.complex_numbers(allow_nan=False, allow_infinity=False))

bad_sizes = st.one_of(
    wrong_types,
    finite,
    st.integers(),
    st.sets(st.integers(1, 800), min_size=2, max_size=4),
    st.lists(st.integers(1, 800), max_size=1),
    st.lists(st.integers(-10, 0), min_size=2, max_size=4),
    st.lists(st.one_of(st.floats(), st.text(max_size=2), st.none(), st.booleans(), st.lists(st.integers(1, 5))),
             min_size=2, max_size=4),
    hnp.arrays(np.int64, st.sampled_from([(), (2, 2), (1, 3)]), elements=st.integers(1, 5)),
)


@given(sizes=bad_sizes)
@BAD
def test_bad_sizes_are_named(sizes):
    raises_naming("sizes", Network, sizes)


@given(activation=st.one_of(wrong_types, st.text().filter(lambda t: t not in ("sigmoid", "relu"))))
@BAD
def test_bad_activations_are_named(activation):
    raises_naming("activation", Network, (4, 2), activation)


@given(seed=st.one_of(wrong_types, finite, st.integers(max_value=-1), st.just(np.float64(3))))
@BAD
def test_bad_seeds_are_named(seed):
    raises_naming("seed", Network, (4, 2), "sigmoid", seed)


def with_one_changed(values, index, value):
    changed = np.array(values, dtype=np.float64)
    changed.flat[index] = value
    return changed


def bad_images(n_inputs: int):
    """Things that are not one image or a batch of images for a network with ``n_inputs`` inputs."""
    out_of_range = st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1 + 1e-9),
                             st.sampled_from([np.nan, np.inf, -np.inf]))
    wrong_shape = st.one_of(st.tuples(st.integers(0, 3), st.integers(0, 9)), st.tuples(st.integers(0, 9)),
                            st.tuples(st.integers(1, 2), st.integers(1, 2), st.integers(1, 5))
                            ).filter(lambda shape: shape not in ((n_inputs,),) and shape[-1:] != (n_inputs,))
    return st.one_of(
        wrong_types,
        st.lists(st.integers(10**308, 10**400), min_size=n_inputs, max_size=n_inputs),  # too large for a float
        st.builds(with_one_changed, hnp.arrays(np.float64, (2, n_inputs), elements=st.floats(0, 1)),
                  st.integers(0, 2 * n_inputs - 1), out_of_range),
        hnp.arrays(np.float64, wrong_shape, elements=st.floats(0, 1)),
        hnp.arrays(np.float64, (0, n_inputs)),
        hnp.arrays(st.sampled_from([np.bool_, np.complex128, np.dtype("U3"), np.dtype("datetime64[s]")]), n_inputs),
        st.lists(st.lists(st.floats(0, 1), max_size=n_inputs), min_size=2, max_size=3).filter(
            lambda rows: len({len(r) for r in rows}) > 1),  # ragged rows
    )


@given(choices=st.data(), method=st.sampled_from(["forward", "activations", "predict"]))
@BAD
def test_bad_images_are_named(choices, method):
    net = Network((5, 3, 2), seed=0)
    raises_naming("x", getattr(net, method), choices.draw(bad_images(5)))


@given(images=bad_images(5))
@BAD
def test_bad_images_for_accuracy_are_named(images):
    raises_naming("images", Network((5, 3, 2), seed=0).accuracy, images, [0])


def not_a_label(value) -> bool:
    """For a network with two outputs, labels are the whole numbers 0 and 1."""
    return not (np.isfinite(value) and value == int(value) and 0 <= value <= 1)


@given(labels=st.one_of(wrong_types, st.integers(),
                        st.lists(st.integers(0, 1), max_size=5).filter(lambda v: len(v) != 3),
                        st.lists(st.one_of(st.integers(), st.floats()), min_size=3, max_size=3).filter(
                            lambda v: any(map(not_a_label, v))),
                        hnp.arrays(np.int64, st.sampled_from([(3, 1), (1, 3), ()]), elements=st.integers(0, 1))))
@BAD
def test_bad_labels_for_accuracy_are_named(labels):
    raises_naming("labels", Network((5, 3, 2), seed=0).accuracy, np.full((3, 5), 0.5), labels)


@given(value=st.one_of(wrong_types, finite,
                       hnp.arrays(np.float64, st.sampled_from([(2, 4), (3, 5), (4, 3), (12,), (1, 3, 4)])),
                       st.builds(with_one_changed, hnp.arrays(np.float64, (3, 4), elements=finite),
                                 st.integers(0, 11), st.sampled_from([np.nan, np.inf, -np.inf])),
                       hnp.arrays(st.sampled_from([np.dtype("U2"), np.complex128, np.dtype("datetime64[s]")]), (3, 4))),
       which=st.sampled_from(["weights", "biases"]))
@BAD
def test_broken_parameters_are_named_before_anything_is_computed(value, which):
    net = Network((4, 3, 2), seed=0)
    getattr(net, which)[1] = value
    raises_naming(f"{which}[1]", net.forward, np.zeros(4))


@given(path=st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=5), st.lists(st.text(max_size=3)),
                      st.text(max_size=12).filter(lambda t: not t.endswith(".npz"))))
@BAD
def test_bad_paths_are_named(path):
    raises_naming("path", Network((4, 2)).save, path)
    raises_naming("path", Network.load, path)


@given(name=st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=10))
@settings(BAD, max_examples=20)
def test_a_missing_network_file_is_named(folder, name):
    path = folder / "missing" / f"{name}.npz"
    with pytest.raises(FileNotFoundError, match=re.escape(str(path))):
        Network.load(path)
    with pytest.raises(FileNotFoundError, match=re.escape(str(path))):
        Network((4, 2)).save(path)


def test_the_reference_is_the_video_formula_for_the_shipped_network():
    # The reference itself, checked once against a fixed case: the pretrained network on a real digit.
    images, _ = nnbook.load_digits("test")
    net = nnbook.pretrained()
    np.testing.assert_allclose(reference_forward(net, images[0].ravel()), net.forward(images[0]), rtol=1e-12)
