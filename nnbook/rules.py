"""Two rules for reading digits that a person could write by hand, and how well they really do.

Notebook 01 writes these rules itself (``count_bright``, ``typical``, ``guess_by_count``,
``averages``, ``difference``, ``guess_by_average``); tests/test_nb01_pixels.py keeps them equal
to the functions here.

Before any network, try the obvious: write the rules yourself.

- **Count the bright pixels.** A 1 uses little ink and a 0 a lot, so guess
  the digit whose typical count is closest to the image's count.
- **Compare with the average digit.** Average many examples of each digit
  into one blurry picture, and guess the digit whose average picture
  differs least from the image.

Both are scored on digits they have never seen. Neither needs a weighted
sum, a bias or a sigmoid: those come later in the course, and the network
built from them does far better than either rule.

    >>> import nnbook
    >>> from nnbook import rules
    >>> train, train_labels = nnbook.load_digits("train")
    >>> test, test_labels = nnbook.load_digits("test")
    >>> typical = rules.typical_counts(train, train_labels)
    >>> guesses = rules.guess_by_count(test, typical)
    >>> rules.accuracy(guesses, test_labels) > 0.1    # better than guessing, but not by much
    True
"""

from __future__ import annotations

import numpy as np

from ._validate import (
    SIDE,
    as_float_array,
    describe,
    digit_labels,
    image_batch,
    pixel_grid,
    require_every_digit,
    require_finite,
)

BRIGHT = 0.5
"""A pixel counts as bright (part of the ink) when its grey value is above this."""

DIGITS = np.arange(10)


def _images(images, name="images") -> tuple[np.ndarray, bool]:
    """Images as an (n, 28, 28) array, and whether a single image was given."""
    batch, single = image_batch(images, name)
    return batch.reshape(-1, SIDE, SIDE), single


def _one_or_many(values: np.ndarray, single: bool):
    return values[0].item() if single else values


def count_bright(images, threshold=BRIGHT):
    """How many of an image's 784 pixels are brighter than ``threshold``.

    Give one image, shaped (28, 28) or (784,), to get an int; give a batch,
    shaped (n, 28, 28) or (n, 784), to get one count per image.
    """
    batch, single = _images(images)
    level = require_finite(as_float_array(threshold, "threshold"), "threshold")
    if level.ndim != 0 or not 0.0 <= level <= 1.0:
        raise ValueError(f"threshold must be one grey value between 0 and 1, got {describe(threshold)}")
    counts = np.sum(batch > level, axis=(1, 2))
    return _one_or_many(counts, single)


def typical_counts(images, labels, threshold=BRIGHT) -> np.ndarray:
    """The mean number of bright pixels of each digit 0-9: an array of 10 numbers."""
    counts = np.atleast_1d(count_bright(images, threshold))
    labels = digit_labels(labels, len(counts))
    require_every_digit(labels)
    return np.array([counts[labels == digit].mean() for digit in DIGITS])


def guess_by_count(images, typical):
    """Guess the digit whose typical count of bright pixels is closest to the image's count.

    ``typical`` holds 10 counts, one per digit (from :func:`typical_counts`).
    Returns an int for one image, an array of digits for a batch.
    """
    typical = _ten(typical, "typical")
    counts = count_bright(images)
    guesses = np.argmin(np.abs(np.atleast_1d(counts)[:, np.newaxis] - typical), axis=1)
    return _one_or_many(guesses, np.ndim(counts) == 0)


def average_digits(images, labels) -> np.ndarray:
    """The average picture of each digit 0-9: an array shaped (10, 28, 28).

    Pixel by pixel, it is the mean grey value over every example of that
    digit, so strokes that many writers share come out bright and the rest
    blurs away.
    """
    batch, _ = _images(images)
    labels = digit_labels(labels, len(batch))
    require_every_digit(labels)
    return np.stack([batch[labels == digit].mean(axis=0) for digit in DIGITS])


def differences(images, averages) -> np.ndarray:
    """How much each image differs from each average digit.

    For every pixel, take the difference between the image and the average
    picture, square it (so that too bright and too dark both count, and big
    differences count more), and add up all 784. Returns 10 numbers for one
    image, an (n, 10) array for a batch; smaller means more alike.
    """
    averages = _averages(averages)
    batch, single = _images(images)
    squares = np.stack([np.sum((batch - average) ** 2, axis=(1, 2)) for average in averages], axis=1)
    return squares[0] if single else squares


def guess_by_template(images, averages):
    """Guess the digit whose average picture differs least from the image (an int, or one per image)."""
    found = differences(images, averages)
    return int(np.argmin(found)) if found.ndim == 1 else np.argmin(found, axis=1)


def accuracy(guesses, labels) -> float:
    """The fraction of guesses that equal the labels: 0.0 is none right, 1.0 all."""
    guesses, labels = _paired(guesses, labels)
    return float(np.mean(guesses == labels))


def accuracy_by_digit(guesses, labels) -> np.ndarray:
    """For each digit 0-9, the fraction of its images that were guessed right (10 numbers)."""
    guesses, labels = _paired(guesses, labels)
    require_every_digit(labels)
    return np.array([np.mean(guesses[labels == digit] == digit) for digit in DIGITS])


def _paired(guesses, labels) -> tuple[np.ndarray, np.ndarray]:
    """Guesses (one digit, or several) and as many labels, at least one of each."""
    guesses = np.atleast_1d(guesses) if np.ndim(guesses) == 0 else guesses
    guesses = digit_labels(guesses, name="guesses")
    if len(guesses) == 0:
        raise ValueError("guesses must not be empty: give one guess per image")
    return guesses, digit_labels(labels, len(guesses))


def _ten(values, name: str) -> np.ndarray:
    array = require_finite(as_float_array(values, name), name)
    if array.shape != (10,):
        raise ValueError(f"{name} must hold 10 numbers, one per digit 0-9, got {describe(array)}")
    return array


def _averages(averages) -> np.ndarray:
    """Ten pictures, one per digit, each a grid of grey values."""
    array = as_float_array(averages, "averages")
    if array.ndim not in (2, 3) or len(array) != 10:
        raise ValueError(f"averages must hold one average picture per digit, shaped (10, 28, 28) or (10, 784), "
                         f"got shape {array.shape}")
    return np.stack([pixel_grid(picture, f"averages[{digit}]") for digit, picture in enumerate(array)])
