"""Damaged files: every corruption of a saved network or of the shipped digits gives one clear error
naming the file, or loads exactly what was saved. Nothing in between, and never a raw library error.

Hypothesis damages real files the way disks, downloads and editors do: it flips bits, cuts the end
off, inserts bytes and deletes bytes. The examples are derandomized, so every run tries the same ones.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnbook
from nnbook import Network, data
from nnbook.data import DataFileError

FUZZ = settings(derandomize=True, deadline=None, max_examples=250)


@st.composite
def damage(draw, original: bytes) -> bytes:
    """``original`` with one kind of damage: flipped bits, a cut-off end, inserted or deleted bytes."""
    n = len(original)
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
    if kind == "flip":
        damaged = bytearray(original)
        for position in draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=4, unique=True)):
            damaged[position] ^= draw(st.integers(1, 255))
        return bytes(damaged)
    if kind == "truncate":
        return original[:draw(st.integers(0, n - 1))]
    position = draw(st.integers(0, n))
    if kind == "insert":
        return original[:position] + draw(st.binary(min_size=1, max_size=16)) + original[position:]
    return original[:position] + original[position + draw(st.integers(1, 16)):]


def same_network(a: Network, b: Network) -> bool:
    return (a.sizes == b.sizes and a.activation == b.activation
            and all(x.dtype == y.dtype == np.float64 and np.array_equal(x, y)
                    for x, y in zip(a.weights + a.biases, b.weights + b.biases)))


def check_network_file(path, content: bytes, original: Network):
    path.write_bytes(content)
    try:
        loaded = Network.load(path)
    except ValueError as error:
        message = str(error)
        assert message.startswith(f"{path} is not a network saved by Network.save: "), message
        assert "allow_pickle" not in message
    else:
        assert same_network(loaded, original), "a damaged file loaded as a different network"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def small_save(folder):
    network = Network((6, 4, 3), activation="relu", seed=3)
    network.biases = [np.linspace(-1, 1, 4), np.array([0.25, -0.5, 1.0])]
    return network, network.save(folder / "small.npz").read_bytes()


@given(choices=st.data())
@FUZZ
def test_a_damaged_save_file_is_refused_clearly_or_loads_exactly(folder, small_save, choices):
    network, original = small_save
    check_network_file(folder / "damaged.npz", choices.draw(damage(original)), network)


@given(choices=st.data())
@settings(FUZZ, max_examples=60)
def test_a_damaged_copy_of_the_shipped_network_is_refused_clearly_or_loads_exactly(folder, choices):
    original = data.data_file("pretrained.npz").read_bytes()
    check_network_file(folder / "pretrained.npz", choices.draw(damage(original)), nnbook.pretrained())


@pytest.fixture(scope="module")
def digits_copy(folder):
    """The shipped digits' bytes, and the path of a copy that nnbook.data reads instead, for this module only."""
    original = data.data_file(data.DIGITS_FILE).read_bytes()
    copy = folder / "data"
    copy.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(data, "DATA_FILES", copy)
        yield original, copy / data.DIGITS_FILE
    data._digit_arrays.cache_clear()


@given(choices=st.data())
@settings(FUZZ, max_examples=60)
def test_damaged_digits_are_refused_with_the_file_named(digits_copy, choices):
    original, path = digits_copy
    path.write_bytes(choices.draw(damage(original)))
    data._digit_arrays.cache_clear()
    with pytest.raises(DataFileError) as caught:
        nnbook.load_digits("test")
    message = str(caught.value)
    assert str(path) in message and "git checkout -- nnbook/data/digits.npz" in message
    assert "corrupt or changed: its SHA-256 is" in message


def test_the_undamaged_copy_loads(digits_copy):
    original, path = digits_copy
    path.write_bytes(original)
    data._digit_arrays.cache_clear()
    images, labels = nnbook.load_digits("test")
    assert images.shape == (2000, 28, 28) and labels.shape == (2000,)
