"""What many test files share: the digits, the shipped network, and a figure backend.

The digits and the network are loaded once per test process and handed out
read-only: a test that changes them fails at once, instead of quietly
spoiling the tests that run after it. A test that wants to change a network
takes ``pretrained_net.copy()``; one that wants to change images takes
``images.copy()``.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnbook

# pyplot picks its backend when the first figure is drawn, so this holds for every test.
# It is set here, not through the MPLBACKEND variable: the variable would leak into the
# Jupyter kernels that nbval and the browser tests start, and their figures would no
# longer be drawn inline.
matplotlib.use("Agg")

# Every check and every opened solution adds a line to the learner's progress record, by default
# ~/.nnbook/progress.jsonl. The tests must never write into the real home, so the record goes to a
# folder of this test process. It is set in the environment, at import, so that the Jupyter kernels
# nbval and the browser tests start later inherit it too; tests that study the record set their own.
_PROGRESS_FOLDER = tempfile.mkdtemp(prefix="nnbook-test-progress-")
os.environ["NNBOOK_PROGRESS"] = os.path.join(_PROGRESS_FOLDER, "progress.jsonl")


def pytest_unconfigure(config):
    """Remove the progress record of this process (each pytest-xdist worker has its own) when pytest ends."""
    shutil.rmtree(_PROGRESS_FOLDER, ignore_errors=True)


def read_only(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    """The same arrays, locked against writing."""
    for array in arrays:
        array.setflags(write=False)
    return arrays


@pytest.fixture(scope="session")
def train_digits() -> tuple[np.ndarray, np.ndarray]:
    """``(images, labels)`` of the 8,000 training digits, read-only."""
    return read_only(*nnbook.load_digits("train"))


@pytest.fixture(scope="session")
def test_digits() -> tuple[np.ndarray, np.ndarray]:
    """``(images, labels)`` of the 2,000 test digits, read-only."""
    return read_only(*nnbook.load_digits("test"))


@pytest.fixture(scope="session")
def pretrained_net() -> nnbook.Network:
    """The shipped 784-16-16-10 network, its weights and biases read-only."""
    network = nnbook.pretrained()
    read_only(*network.weights, *network.biases)
    return network


@pytest.fixture(autouse=True)
def close_figures():
    """Close every figure a test opened, so figures never pile up across tests."""
    yield
    plt.close("all")
