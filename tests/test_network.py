"""Network: shapes, parameters, forward against a per-neuron loop, saving, bad input."""

import math

import numpy as np
import pytest

import nnbook
from nnbook import Network


@pytest.fixture(scope="module")
def digits():
    return nnbook.load_digits("test")


def test_default_network_is_the_videos():
    net = Network()
    assert net.sizes == (784, 16, 16, 10)
    assert [W.shape for W in net.weights] == [(16, 784), (16, 16), (10, 16)]
    assert [b.shape for b in net.biases] == [(16,), (16,), (10,)]
    assert net.n_parameters == 784 * 16 + 16 * 16 + 16 * 10 + 16 + 16 + 10 == 13_002


def test_repr_shows_sizes_and_parameter_count():
    assert repr(Network()) == "Network(784-16-16-10, activation='sigmoid', 13,002 parameters)"
    assert repr(Network((4, 3), activation="relu")) == "Network(4-3, activation='relu', 15 parameters)"


def test_same_seed_same_weights_other_seed_other_weights():
    a, b, c = Network(seed=3), Network(seed=3), Network(seed=4)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[0], c.weights[0])


def forward_by_hand(net, image):
    """The video's recipe, one neuron at a time, with nothing but Python floats."""
    a = [float(p) for p in np.ravel(image)]
    for layer, (W, b) in enumerate(zip(net.weights, net.biases)):
        last = layer == len(net.weights) - 1
        new = []
        for row, bias in zip(W, b):
            z = sum(w * x for w, x in zip(row, a)) + bias
            new.append(1 / (1 + math.exp(-z)) if net.activation == "sigmoid" or last else max(0.0, z))
        a = new
    return np.array(a)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_forward_matches_a_per_neuron_loop(digits, activation):
    net = Network(activation=activation, seed=7)
    for bias in net.biases:
        bias[:] = np.random.default_rng(1).normal(size=bias.shape)
    images, _ = digits
    for image in images[:3]:
        np.testing.assert_allclose(net.forward(image), forward_by_hand(net, image), rtol=1e-12, atol=1e-15)


def test_forward_accepts_every_image_shape(digits):
    images, _ = digits
    net = Network()
    one = net.forward(images[0])
    assert one.shape == (10,)
    np.testing.assert_array_equal(net.forward(images[0].reshape(784)), one)
    batch = net.forward(images[:4])
    assert batch.shape == (4, 10)
    np.testing.assert_allclose(batch[0], one, rtol=1e-13)
    np.testing.assert_array_equal(net.forward(images[:4].reshape(4, 784)), batch)
    assert np.all((batch > 0) & (batch < 1))


def test_activations_include_the_input_layer(digits):
    images, _ = digits
    layers = Network().activations(images[0])
    assert [a.shape for a in layers] == [(784,), (16,), (16,), (10,)]
    np.testing.assert_array_equal(layers[0], images[0].ravel())
    batch = Network().activations(images[:3])
    assert [a.shape for a in batch] == [(3, 784), (3, 16), (3, 16), (3, 10)]


def test_predict_is_the_highest_output(digits):
    images, labels = digits
    net = Network()
    outputs = net.forward(images[:20])
    np.testing.assert_array_equal(net.predict(images[:20]), outputs.argmax(axis=1))
    assert isinstance(net.predict(images[0]), int)
    assert net.accuracy(images[:20], labels[:20]) == np.mean(outputs.argmax(axis=1) == labels[:20])


def test_save_and_load_round_trip(tmp_path, digits):
    net = Network(sizes=(784, 8, 10), activation="relu", seed=5)
    path = net.save(tmp_path / "net.npz")
    twin = Network.load(path)
    assert twin.sizes == net.sizes and twin.activation == "relu"
    np.testing.assert_array_equal(twin.forward(digits[0][:5]), net.forward(digits[0][:5]))
    assert not list(tmp_path.glob("*.partial"))


def test_copy_is_independent():
    net = Network()
    twin = net.copy()
    twin.weights[0][0, 0] += 1
    assert net.weights[0][0, 0] != twin.weights[0][0, 0]


def test_load_bad_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="no network file at"):
        Network.load(tmp_path / "missing.npz")
    (tmp_path / "junk.npz").write_bytes(b"not a zip file")
    with pytest.raises(ValueError, match="is not a network saved by Network.save"):
        Network.load(tmp_path / "junk.npz")
    np.savez(tmp_path / "other.npz", x=np.zeros(3))
    with pytest.raises(ValueError, match="it has no 'format_version'"):
        Network.load(tmp_path / "other.npz")
    with pytest.raises(ValueError, match=r"path must end in \.npz"):
        Network().save(tmp_path / "net.pkl")


BAD_CONSTRUCTORS = [
    (dict(sizes=()), ValueError, r"sizes must list at least two layers .* got \[\]"),
    (dict(sizes=(784,)), ValueError, r"sizes must list at least two layers .* got \[784\]"),
    (dict(sizes=(784, 0, 10)), ValueError, r"sizes\[1\] must be at least 1 neuron, got 0"),
    (dict(sizes=(784, 16.5, 10)), TypeError, r"sizes\[1\] must be a whole number of neurons"),
    (dict(sizes="784-16-10"), TypeError, "sizes must be a list of layer sizes"),
    (dict(sizes=784), TypeError, "sizes must be a list of layer sizes"),
    (dict(activation="tanh"), ValueError, r"unknown activation 'tanh'; expected one of 'sigmoid', 'relu'"),
    (dict(activation=None), TypeError, "activation must be one of 'sigmoid', 'relu'"),
]


@pytest.mark.parametrize(("kwargs", "error", "message"), BAD_CONSTRUCTORS)
def test_network_constructor_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        Network(**kwargs)


BAD_IMAGES = [
    (np.zeros((27, 28)), ValueError, r"x must be one image or a batch of images shaped .* got shape \(27, 28\)"),
    (np.zeros(783), ValueError, r"got shape \(783,\)"),
    (np.zeros((2, 3, 28, 28)), ValueError, r"got shape \(2, 3, 28, 28\)"),
    (np.zeros((0, 784)), ValueError, "x is an empty batch"),
    (np.full((28, 28), 255.0), ValueError, r"x must hold grey values in \[0, 1\].*from 255 to 255 \(divide 0-255 bytes by 255"),
    (np.full(784, -0.5), ValueError, r"x must hold grey values in \[0, 1\].*from -0.5"),
    (np.full(784, np.nan), ValueError, r"x contains NaN at index \(0,\)"),
    (np.full(784, np.inf), ValueError, r"x contains infinity"),
    ("a picture", TypeError, "x must be a number or an array of numbers, got str"),
    (None, TypeError, "x must be a number or an array of numbers, got NoneType"),
    (np.zeros(784, dtype=bool), TypeError, "x must hold numbers, got an array of booleans"),
]


@pytest.mark.parametrize("method", ["forward", "activations", "predict"])
@pytest.mark.parametrize(("image", "error", "message"), BAD_IMAGES)
def test_every_entry_point_checks_its_image(method, image, error, message):
    with pytest.raises(error, match=message):
        getattr(Network(), method)(image)


def test_broken_parameters_are_named():
    net = Network()
    net.weights[1] = np.zeros((16, 15))
    with pytest.raises(ValueError, match=r"weights\[1\] \(layer 2\) must have shape \(16, 16\), got \(16, 15\)"):
        net.forward(np.zeros(784))
    net = Network()
    net.biases[2][3] = np.nan
    with pytest.raises(ValueError, match=r"biases\[2\] contains NaN at index \(3,\)"):
        net.forward(np.zeros(784))


def test_accuracy_checks_label_count(digits):
    images, labels = digits
    with pytest.raises(ValueError, match="labels must have one label per image"):
        Network().accuracy(images[:5], labels[:4])


@pytest.mark.parametrize("labels, message", [
    ([3, 12], r"labels must hold the digits 0-9; labels\[1\] is 12"),
    ([3], r"labels must have one label per image: 2 images but 1 label$"),
    ([3.5, 1], r"labels must hold whole numbers 0-9; labels\[0\] is 3.5"),
])
def test_accuracy_checks_its_labels(labels, message):
    with pytest.raises(ValueError, match=message):
        nnbook.Network(seed=0).accuracy(np.zeros((2, 784)), labels)
