"""The trained network shipped in nnbook/data/pretrained.npz."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util

import numpy as np
import pytest

import nnbook
import nnbook.data
from nnbook.data import DataFileError, data_file
from project_files import load_script

# nnbook.pretrained is the function (the package exports it), so fetch the module by name.
pretrained_module = importlib.import_module("nnbook.pretrained")


@pytest.fixture
def fresh_cache():
    pretrained_module._shipped_network.cache_clear()
    yield
    pretrained_module._shipped_network.cache_clear()


def test_it_is_the_videos_network():
    net = nnbook.pretrained()
    assert net.sizes == (784, 16, 16, 10)
    assert net.activation == "sigmoid"
    assert net.n_parameters == 13_002


def test_at_least_90_percent_on_the_held_out_test_split():
    images, labels = nnbook.load_digits("test")
    assert nnbook.pretrained().accuracy(images, labels) >= 0.90


def test_it_is_trained_not_random():
    images, labels = nnbook.load_digits("train")
    assert nnbook.pretrained().accuracy(images, labels) > nnbook.Network(seed=0).accuracy(images, labels) + 0.5


def test_each_call_returns_a_fresh_copy():
    first = nnbook.pretrained()
    original = first.weights[0].copy()
    first.weights[0][:] = 0.0
    first.biases[2] += 5.0
    second = nnbook.pretrained()
    assert np.array_equal(second.weights[0], original)
    assert not np.shares_memory(first.weights[0], second.weights[0])


def test_the_recorded_sha256_matches_the_shipped_file():
    digest = hashlib.sha256(data_file(pretrained_module.PRETRAINED_FILE).read_bytes()).hexdigest()
    assert digest == pretrained_module.PRETRAINED_SHA256


def test_a_changed_file_gives_a_clear_error(tmp_path, monkeypatch, fresh_cache):
    payload = bytearray(data_file(pretrained_module.PRETRAINED_FILE).read_bytes())
    payload[len(payload) // 2] ^= 0xFF
    (tmp_path / pretrained_module.PRETRAINED_FILE).write_bytes(bytes(payload))
    monkeypatch.setattr(nnbook.data, "DATA_FILES", tmp_path)
    with pytest.raises(DataFileError, match=r"pretrained.npz is corrupt or changed: its SHA-256 is .*expected 8fac"):
        nnbook.pretrained()


def test_a_missing_file_gives_a_clear_error(tmp_path, monkeypatch, fresh_cache):
    monkeypatch.setattr(nnbook.data, "DATA_FILES", tmp_path)
    with pytest.raises(DataFileError, match=r"pretrained.npz is missing.*git checkout -- nnbook/data/pretrained.npz"):
        nnbook.pretrained()


def load_training_script():
    return load_script("scripts/train_pretrained.py")


def test_save_writes_the_same_bytes_for_the_same_network(tmp_path):
    net = nnbook.pretrained()
    first = net.save(tmp_path / "first.npz").read_bytes()
    second = net.copy().save(tmp_path / "second.npz").read_bytes()
    assert first == second
    loaded = nnbook.Network.load(tmp_path / "first.npz")
    assert all(np.array_equal(a, b) for a, b in zip(loaded.weights + loaded.biases, net.weights + net.biases))


def test_the_shipped_file_is_what_network_save_writes_for_it(tmp_path):
    # The file holds exactly the network's arrays in Network.save's format, which has no timestamps;
    # scripts/train_pretrained.py writes it with Network.save.
    shipped = data_file(pretrained_module.PRETRAINED_FILE).read_bytes()
    assert nnbook.pretrained().save(tmp_path / "again.npz").read_bytes() == shipped


def test_the_script_retrains_exactly_the_shipped_weights():
    # nnbook/data/README.md: running scripts/train_pretrained.py again gives the same weights, bit for bit
    # (on this kind of machine; another BLAS build may round differently in the last bit).
    network, history = load_training_script().trained_network()
    shipped = nnbook.pretrained()
    assert all(np.array_equal(a, b) for a, b in zip(network.weights + network.biases, shipped.weights + shipped.biases))
    assert len(history) == 30
