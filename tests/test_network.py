"""Network: shapes, parameters, forward against a per-neuron loop, saving, bad input."""

import math
import pickle
import tracemalloc
import zipfile

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
    assert [p.name for p in tmp_path.iterdir()] == ["net.npz"], "no temporary file is left behind"


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
    (np.full((28, 28), 255.0), ValueError,
     r"x must hold grey values in \[0, 1\].*from 255 to 255 \(divide 0-255 bytes by 255"),
    (np.full(784, -0.5), ValueError, r"x must hold grey values in \[0, 1\].*from -0.5"),
    (np.full(784, np.nan), ValueError, r"x contains NaN at index \(0,\)"),
    (np.full(784, np.inf), ValueError, r"x contains infinity"),
    ("a picture", TypeError, "x must be a number or an array of numbers, got str"),
    (None, TypeError, "x must be a number or an array of numbers, got NoneType"),
    (np.zeros(784, dtype=bool), TypeError, r"x must .*booleans"),
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


# --- hardening (issue 10) ------------------------------------------------------------------

def small_network():
    net = Network((4, 3, 2), seed=1)
    net.biases = [np.arange(3) / 10, np.array([0.5, -0.5])]
    return net


def stored_arrays(tmp_path):
    with np.load(small_network().save(tmp_path / "good.npz"), allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def test_a_file_claiming_a_huge_network_is_refused_without_allocating_it(tmp_path):
    # Before, load built a random 30000-20000-2 network first: 4.8 GB and 47 s.
    path = tmp_path / "crafted.npz"
    np.savez(path, format_version=np.array(1), sizes=np.array([30000, 20000, 2]), activation=np.array("sigmoid"),
             W0=np.zeros((3, 4)), b0=np.zeros(3), W1=np.zeros((2, 3)), b1=np.zeros(2))
    assert path.stat().st_size < 2000
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=r"crafted\.npz is not a network saved by Network\.save: its W0 has shape "
                                             r"\(3, 4\), but a 30000-20000-2 network needs \(20000, 30000\)"):
            Network.load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, f"loading a 1 KB file used {peak:,} bytes"


def _without(arrays, *keys):
    return {key: value for key, value in arrays.items() if key not in keys}


BAD_CONTENTS = [
    ("header only", lambda a: _without(a, "W0", "b0", "W1", "b1"), "it has no 'W0', which a 4-3-2 network needs"),
    ("missing W1", lambda a: _without(a, "W1"), "it has no 'W1', which a 4-3-2 network needs"),
    ("missing sizes", lambda a: _without(a, "sizes"), "it has no 'sizes'"),
    ("non-scalar version", lambda a: {**a, "format_version": np.array([1, 1])},
     r"its format_version must be one whole number, got an array of shape \(2,\)"),
    ("text version", lambda a: {**a, "format_version": np.array("one")}, "its format_version must be one whole number"),
    ("newer version", lambda a: {**a, "format_version": np.array(2)},
     "it has format version 2, and this nnbook reads version 1"),
    ("0-d sizes", lambda a: {**a, "sizes": np.array(4)}, "its sizes must be a list of whole numbers"),
    ("zero neurons", lambda a: {**a, "sizes": np.array([4, 0, 2])}, r"its sizes are not layer sizes \(sizes\[1\]"),
    ("unknown activation", lambda a: {**a, "activation": np.array("tanh")},
     "its activation must be one of 'sigmoid', 'relu', got str 'tanh'"),
    ("strings in W0", lambda a: {**a, "W0": np.full((3, 4), "x")},
     r"its W0 must hold real numbers, got an array .*<U1"),
    ("complex W0", lambda a: {**a, "W0": np.zeros((3, 4), complex)}, "its W0 must hold real numbers"),
    ("object W0", lambda a: {**a, "W0": np.array([[None] * 4] * 3, dtype=object)},
     "holds Python objects, which nnbook never unpickles"),
    ("NaN in b1", lambda a: {**a, "b1": np.array([0.0, np.nan])}, r"b1 contains NaN at index \(1,\)"),
    ("wrong shape", lambda a: {**a, "W1": np.zeros((3, 2))},
     r"its W1 has shape \(3, 2\), but a 4-3-2 network needs \(2, 3\)"),
    ("extra array", lambda a: {**a, "W2": np.zeros(3)}, "it holds arrays a 4-3-2 network does not have: W2"),
]


@pytest.mark.parametrize(("change", "reason"), [case[1:] for case in BAD_CONTENTS], ids=[c[0] for c in BAD_CONTENTS])
def test_load_says_what_is_wrong_with_the_arrays(tmp_path, change, reason):
    path = tmp_path / "bad.npz"
    np.savez(path, **change(stored_arrays(tmp_path)))
    with pytest.raises(ValueError, match=rf"bad\.npz is not a network saved by Network\.save: .*{reason}"):
        Network.load(path)


BAD_FILES = [
    ("empty", b"", "it is empty"),
    ("text", b"hello, I am not a network", r"it is not an \.npz file: .* it starts with 68 65 6c 6c"),
    ("npy", b"\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
     r"it holds a single NumPy array \(an \.npy file\)"),
    ("half a zip", None, r"it is a damaged zip archive \(BadZipFile"),
]


@pytest.mark.parametrize(("content", "reason"), [case[1:] for case in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_load_says_what_is_wrong_with_the_file(tmp_path, content, reason):
    path = tmp_path / "bad.npz"
    if content is None:
        content = small_network().save(tmp_path / "good.npz").read_bytes()[:300]
    path.write_bytes(content)
    with pytest.raises(ValueError, match=rf"bad\.npz is not a network saved by Network\.save: {reason}") as caught:
        Network.load(path)
    assert "allow_pickle" not in str(caught.value)


def test_load_a_folder_or_a_file_that_is_no_npz(tmp_path):
    (tmp_path / "folder.npz").mkdir()
    with pytest.raises(ValueError, match=r"folder\.npz is not a network saved by Network\.save: it is a folder"):
        Network.load(tmp_path / "folder.npz")
    with pytest.raises(ValueError, match=r"path must end in \.npz, got '.*net\.npy'"):
        Network.load(tmp_path / "net.npy")
    with pytest.raises(TypeError, match="path must be a file path"):
        Network.load(None)


def test_load_of_a_pickle_never_advises_unpickling(tmp_path):
    path = tmp_path / "net.npz"
    path.write_bytes(pickle.dumps({"W0": [1, 2, 3]}))
    with pytest.raises(ValueError, match="is not a network saved by Network.save") as caught:
        Network.load(path)
    assert "allow_pickle" not in str(caught.value) and "unsafe" not in str(caught.value)


def test_load_does_not_draw_random_weights(tmp_path, monkeypatch):
    path = small_network().save(tmp_path / "net.npz")
    monkeypatch.setattr(np.random, "default_rng", None)  # any call would fail
    assert Network.load(path).sizes == (4, 3, 2)


@pytest.mark.parametrize("kind", [list, tuple])
def test_weights_given_as_lists_or_tuples_work_everywhere(kind):
    net = Network((4, 3, 2), seed=0)
    expected = net.forward(np.full(4, 0.5))
    net.weights = kind(W.tolist() for W in net.weights)
    net.biases = kind(b.tolist() for b in net.biases)
    np.testing.assert_array_equal(net.forward(np.full(4, 0.5)), expected)
    assert isinstance(net.weights, list) and all(isinstance(W, np.ndarray) for W in net.weights + net.biases)
    assert all(W.dtype == np.float64 for W in net.weights + net.biases)


def test_one_weight_matrix_given_as_a_list_is_stored_as_an_array():
    net = Network((3, 3, 3), seed=0)
    held = net.weights
    net.weights[1] = [[1, 0, 0], [0, 1, 0], [-1, 0, 1]]
    net.forward(np.zeros(3))  # before: AttributeError: 'list' object has no attribute 'T'
    assert net.weights is held, "the list you hold stays the network's list"
    np.testing.assert_array_equal(held[1], [[1, 0, 0], [0, 1, 0], [-1, 0, 1]])
    assert isinstance(held[1], np.ndarray)


def test_tuple_weights_can_be_trained():
    images, labels = nnbook.load_digits("test")
    net = Network(seed=0)
    net.weights, net.biases = tuple(net.weights), tuple(net.biases)
    history = nnbook.train(net, images[:100], labels[:100], epochs=1, batch_size=10, learning_rate=1.0,
                           seed=0, progress=False)
    assert len(history) == 1 and isinstance(net.weights, list)


@pytest.mark.parametrize(("weights", "error", "message"), [
    (None, TypeError, "weights must be a list of arrays, one per layer, got NoneType"),
    (np.zeros((3, 3)), TypeError, "weights must be a list of arrays, one per layer"),
    ([np.zeros((3, 3))], ValueError, r"a 3-3-3 network needs 2 weight matrices and 2 bias vectors; weights holds 1"),
    ([np.zeros((3, 3)), "abc"], TypeError, r"weights\[1\] must be a number or an array of numbers"),
])
def test_broken_weight_lists_are_named(weights, error, message):
    net = Network((3, 3, 3))
    net.weights = weights
    with pytest.raises(error, match=message):
        net.forward(np.zeros(3))


@pytest.mark.parametrize(("seed", "error", "message"), [
    (-1, ValueError, "seed must be a whole number, 0 or more, got -1"),
    (1.5, TypeError, "seed must be a whole number, 0 or more .* got float 1.5"),
    ("abc", TypeError, "seed must be a whole number"),
    (np.float64(3), TypeError, "seed must be a whole number"),
    (True, TypeError, "seed must be a whole number"),
    (None, TypeError, "seed must be a whole number, 0 or more .* got NoneType"),
])
def test_seed_is_checked(seed, error, message):
    with pytest.raises(error, match=message):
        Network(seed=seed)


def test_numpy_whole_numbers_are_good_seeds():
    assert np.array_equal(Network(seed=np.int64(3)).weights[0], Network(seed=3).weights[0])


@pytest.mark.parametrize("sizes", [{784, 16, 10}, {784: 16, 16: 10}, frozenset({4, 2})])
def test_unordered_sizes_are_refused(sizes):
    with pytest.raises(TypeError, match=f"sizes must list the layer sizes in order.*got a {type(sizes).__name__}, "
                                        "which has no order"):
        Network(sizes)


def test_sizes_may_be_a_range_or_an_array():
    assert Network(np.array([4, 3, 2])).sizes == (4, 3, 2) == Network(range(4, 1, -1)).sizes
    with pytest.raises(TypeError, match=r"sizes must be a flat list of layer sizes"):
        Network(np.array(4))


def test_weights_too_large_for_64_bit_numbers_are_reported():
    net = Network(activation="relu", seed=0)
    net.weights = [np.full_like(W, 1e307) for W in net.weights]
    image = np.full(784, 0.5)
    for call in (net.forward, net.predict, net.activations, lambda x: net.accuracy(x[None], [0])):
        with pytest.raises(ValueError, match=r"layer 1's activations are not all finite numbers .* the weights or "
                                             r"biases are too large \(the largest is 1e\+307\)"):
            call(image)


def test_large_but_safe_weights_saturate_without_complaint():
    net = Network((4, 3, 2), seed=0)
    net.weights = [np.full_like(W, 1e300) for W in net.weights]  # sigmoid neurons just saturate at 1
    np.testing.assert_array_equal(net.forward(np.full(4, 0.5)), [1.0, 1.0])


def test_activation_is_checked_when_it_is_set():
    net = Network()
    with pytest.raises(ValueError, match=r"unknown activation 'tanh'; expected one of 'sigmoid', 'relu'"):
        net.activation = "tanh"
    assert net.activation == "sigmoid"
    net.activation = "relu"
    assert repr(net) == "Network(784-16-16-10, activation='relu', 13,002 parameters)"


def test_activations_input_layer_is_a_copy():
    x = np.full((2, 784), 0.5)
    for layers in (Network().activations(x), Network().activations(x[0])):
        layers[0][:] = 0.0
    assert np.all(x == 0.5)


def test_copy_keeps_the_class_and_shares_nothing():
    class Mine(Network):
        pass

    net = Mine((4, 3, 2))
    twin = net.copy()
    assert type(twin) is Mine and twin.activation == net.activation and twin.sizes == net.sizes
    assert not any(np.shares_memory(a, b) for a, b in zip(net.weights + net.biases, twin.weights + twin.biases))


def test_save_writes_the_same_bytes_every_time(tmp_path):
    net = small_network()
    first = net.save(tmp_path / "a.npz")
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}, "no clock time inside"
    assert net.copy().save(tmp_path / "b.npz").read_bytes() == first.read_bytes()


def test_save_expands_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    path = small_network().save("~/net.npz")
    assert path == tmp_path / "net.npz" and Network.load("~/net.npz").sizes == (4, 3, 2)


def test_a_failed_save_names_the_target_and_leaves_nothing(tmp_path):
    (tmp_path / "folder.npz").mkdir()
    with pytest.raises(OSError, match=r"cannot write .*folder\.npz \(Is a directory\)"):
        small_network().save(tmp_path / "folder.npz")
    assert [p.name for p in tmp_path.iterdir()] == ["folder.npz"]
    with pytest.raises(FileNotFoundError, match=r"cannot write .*net\.npz: the folder .*missing does not exist"):
        small_network().save(tmp_path / "missing" / "net.npz")


def test_save_never_touches_a_file_named_like_the_old_temporary_file(tmp_path):
    # Before, save wrote to <path>.partial, overwriting whatever had that name.
    keep = tmp_path / "net.npz.partial"
    keep.write_text("mine")
    small_network().save(tmp_path / "net.npz")
    assert keep.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.npz", "net.npz.partial"]


def test_save_replaces_an_older_save(tmp_path):
    path = Network((4, 3, 2), seed=1).save(tmp_path / "net.npz")
    Network((4, 3, 2), seed=2).save(path)
    assert np.array_equal(Network.load(path).weights[0], Network((4, 3, 2), seed=2).weights[0])


def test_the_errors_a_learner_meets_speak_dutch_after_set_language():
    nnbook.set_language("nl")
    try:
        with pytest.raises(ValueError, match="sizes moet minstens twee lagen geven"):
            Network(sizes=[784])
        net = Network()
        net.weights = net.weights[:2]
        with pytest.raises(ValueError, match="een 784-16-16-10-netwerk heeft 3 gewichtsmatrices en 3 biasvectoren"):
            net.forward(np.zeros(784))
    finally:
        nnbook.set_language("en")
