"""The training benchmark compares like with like, and it runs.

Its timings are not tested here (speed belongs in benchmarks/, not in unit
tests); what is tested is that the contenders compute the same thing, so that
the benchmark's ratios compare equal work.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

import numpy as np
import pytest

import nnbook
from nnbook.training import train
from project_files import load_script

BENCHMARK = pathlib.Path(__file__).resolve().parents[1] / "benchmarks" / "bench_training.py"


@pytest.fixture(scope="module")
def bench():
    return load_script("benchmarks/bench_training.py")


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


class CountingArray(np.ndarray):
    """An array that counts the multiply-adds of every matrix product it takes part in."""

    multiply_adds = 0

    def __matmul__(self, other):
        (rows, inner), (inner_too, columns) = np.shape(self), np.shape(other)
        assert inner == inner_too
        CountingArray.multiply_adds += rows * inner * columns
        return np.matmul(np.asarray(self), np.asarray(other)).view(CountingArray)

    def __rmatmul__(self, other):
        return CountingArray.__matmul__(np.asarray(other).view(CountingArray), self)


@pytest.mark.parametrize("sizes", [(784, 16, 16, 10), (6, 5, 4, 3, 2), (3, 2), (10, 1, 7)])
def test_the_flop_count_is_what_backpropagation_of_one_image_really_multiplies(bench, sizes):
    # Count the multiply-adds of the per-sample loop's matrix products for one image: its forward
    # pass, its weight gradients and the errors it sends back. A multiply-add is 2 FLOP.
    loop = bench.PerSampleNetwork(nnbook.Network(sizes, seed=0))
    loop.weights = [W.view(CountingArray) for W in loop.weights]
    loop.biases = [b.view(CountingArray) for b in loop.biases]
    image = np.full((sizes[0], 1), 0.5).view(CountingArray)
    wanted = np.eye(sizes[-1])[:, :1]
    CountingArray.multiply_adds = 0
    loop.gradient(image, wanted)
    assert bench.flop_per_sample(sizes) == 2 * CountingArray.multiply_adds


def test_the_flop_count_of_the_videos_network(bench):
    assert bench.flop_per_sample() == 52_672  # the number benchmarks/README.md states


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
