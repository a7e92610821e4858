"""The training benchmark compares like with like, and it runs.

Its timings are not tested here (speed belongs in benchmarks/, not in unit
tests); what is tested is that the contenders compute the same thing, so that
the benchmark's ratios compare equal work.
"""

from __future__ import annotations

import importlib.util
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import nnbook
from nnbook.training import train

BENCHMARK = pathlib.Path(__file__).resolve().parents[1] / "benchmarks" / "bench_training.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_training", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_per_sample_loop_trains_the_same_network_as_nnbook(bench):
    images, labels = nnbook.load_digits("train")
    x, y = images[:300].reshape(300, -1), labels[:300]
    batch_size, rate, epochs = 10, 1.0, 2

    network = nnbook.Network(bench.SIZES, seed=bench.SEED)
    loop = bench.PerSampleNetwork(network)
    rng = np.random.default_rng(bench.SEED)
    with np.errstate(over="ignore"):
        for _ in range(epochs):
            loop.train_epoch(x, np.eye(10)[y], rng.permutation(len(x)), batch_size, rate)
    train(network, x, y, epochs=epochs, batch_size=batch_size, learning_rate=rate, seed=bench.SEED,
          progress=False, dtype="float64")

    for mine, theirs in zip(network.weights + network.biases, loop.weights + loop.biases):
        np.testing.assert_allclose(mine, theirs.reshape(mine.shape), rtol=1e-9, atol=1e-12)
    assert not np.allclose(network.weights[0], nnbook.Network(bench.SIZES, seed=bench.SEED).weights[0])


def test_flop_count_matches_the_layer_sizes(bench):
    # Forward and weight gradients: 2 FLOP per weight each; errors sent back: the two later layers.
    weights = 784 * 16 + 16 * 16 + 16 * 10
    assert bench.flop_per_sample((784, 16, 16, 10)) == 2 * weights + 2 * weights + 2 * (16 * 16 + 16 * 10) == 52_672


def test_the_benchmark_runs_end_to_end_and_prints_every_ratio():
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--images", "200", "--epochs", "2", "--rounds", "1", "--threads", "0"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for batch_size in (10, 32):
        assert f"batch size {batch_size}: fastest epoch" in out
    assert out.count("per-sample loop") >= 2 and "x faster; accuracy" in out
    assert out.count("its FLOP limit") == 4
    assert "peak memory while training" in out and "1.0x the per-sample loop" in out
    for way in ("per neuron", "per sample", "matrix"):
        assert way in out
