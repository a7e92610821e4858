"""Two rules for reading digits that a person could write by hand, and how well they really do.

Notebook 01 uses this module. Its core calls the rules and the pictures here (:func:`show_patch`,
:func:`pixel_explorer`) in one line each; its *Going further* sections draw their pictures here too
(:func:`show_examples`, :func:`show_pictures`, :func:`show_ink_counts`, :func:`show_right_by_digit`,
:func:`show_mistakes`, :func:`show_strip`, :func:`show_input_row`), so that their cells hold only the
idea, and write the rules themselves (``count_bright``, ``typical``, ``guess_by_count``, ``averages``,
``difference``, ``guess_by_average``), and tests/test_nb01_pixels.py keeps them equal to the
functions here.

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

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, Rectangle
from matplotlib.ticker import PercentFormatter

from ._validate import (
    SIDE,
    as_float_array,
    describe,
    digit_labels,
    image_batch,
    number,
    pixel_grid,
    positive_int,
    require_every_digit,
    require_finite,
)
from .figures import ACTIVATION_CMAP, HIGHLIGHT, NEUTRAL, STYLE, image_grid, show_digit, show_digits
from .language import tr

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


def shifted(images, left=0):
    """The images moved ``left`` pixels to the left (negative: to the right), black filling in behind.

    Nothing wraps around: ink pushed over the edge is gone. A person reads a
    shifted digit as easily as before; a rule that compares pixels with fixed
    pictures does not (notebook 01).

    >>> import numpy as np
    >>> image = np.zeros((28, 28)); image[5, 10] = 1.0
    >>> np.argwhere(shifted(image, 2))
    array([[5, 8]])
    """
    batch, single = _images(images)
    left = number(left, "left", integer=True)
    if abs(left) >= SIDE:
        raise ValueError(f"left must be between -27 and 27, got {left}")
    moved = np.zeros_like(batch)
    if left >= 0:
        moved[:, :, :SIDE - left] = batch[:, :, left:]
    else:
        moved[:, :, -left:] = batch[:, :, :SIDE + left]
    return moved[0] if single else moved


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


# The pictures of notebook 01 ---------------------------------------------------------

PATCH = 7
"""The side of the square patch that :func:`show_patch` enlarges: 7×7 pixels, each with its value written on it."""


def _pixel(value, name: str, largest: int) -> int:
    """A row or column number from 0 to ``largest``."""
    found = number(value, name, minimum=0, integer=True)
    if found > largest:
        raise ValueError(f"{name} must be at most {largest}, got {found}")
    return found


def show_patch(image, top, left, mark=None):
    """A picture and a 7×7 patch of it enlarged, each pixel's grey value written on it (notebook 01).

    The patch starts at row ``top`` and column ``left``; an orange square
    marks it on the whole picture at the left. The values are rounded to one
    decimal, so 0.99 shows as 1.0. ``mark``, a (row, column) of the picture
    inside the patch, frames that pixel in the patch in orange, and the line
    under the patch gives its value to two decimals. Returns the figure.
    """
    image = pixel_grid(image, "image")
    top, left = _pixel(top, "top", SIDE - PATCH), _pixel(left, "left", SIDE - PATCH)
    patch = image[top:top + PATCH, left:left + PATCH]
    if mark is not None:
        if not isinstance(mark, (tuple, list)) or len(mark) != 2:
            raise TypeError(f"mark must be a (row, column) pair, got {describe(mark)}")
        row = _pixel(mark[0], "mark's row", SIDE - 1)
        col = _pixel(mark[1], "mark's column", SIDE - 1)
        if not (top <= row < top + PATCH and left <= col < left + PATCH):
            raise ValueError(f"mark ({row}, {col}) is outside the patch: rows {top}-{top + PATCH - 1}, "
                             f"columns {left}-{left + PATCH - 1}")
    with plt.rc_context(STYLE):
        fig, (whole, zoom) = plt.subplots(1, 2, figsize=(7.0, 3.3))
    show_digit(image, ax=whole, title=tr("the whole 28×28 picture"))
    whole.add_patch(Rectangle((left - 0.5, top - 0.5), PATCH, PATCH, fill=False, edgecolor=HIGHLIGHT, linewidth=2))
    zoom.imshow(patch, cmap=ACTIVATION_CMAP, vmin=0, vmax=1)
    zoom.set_xticks([])
    zoom.set_yticks([])
    zoom.set_title(tr("rows {top}-{bottom}, columns {left}-{right}", top=top, bottom=top + PATCH - 1, left=left,
                      right=left + PATCH - 1))
    for (r, c), value in np.ndenumerate(patch):
        zoom.text(c, r, f"{value:.1f}", ha="center", va="center", fontsize=9,
                  color="black" if value > 0.5 else "white")
    if mark is not None:
        zoom.add_patch(Rectangle((col - left - 0.5, row - top - 0.5), 1, 1, fill=False, edgecolor=HIGHLIGHT,
                                 linewidth=2.5))
        zoom.set_xlabel(tr("framed: row {row}, column {col}, grey value {grey:.2f}", row=row, col=col,
                           grey=image[row, col]))
    return fig


def show_mistakes(images, labels, guesses, count=10):
    """The first ``count`` images a rule misread, each titled *what it is → what the rule said* (notebook 01)."""
    batch, _ = _images(images)
    labels = digit_labels(labels, len(batch))
    guesses = digit_labels(guesses, len(batch), name="guesses")
    count = positive_int(count, "count")
    wrong = np.flatnonzero(guesses != labels)[:count]
    if len(wrong) == 0:
        raise ValueError("every guess is right: there are no mistakes to show")
    fig, axes = image_grid(len(wrong), 10, (1.1, 1.25))
    for ax, i in zip(axes, wrong):
        ax.imshow(batch[i], cmap=ACTIVATION_CMAP, vmin=0.0, vmax=1.0)
        ax.set_title(f"{labels[i]} → {guesses[i]}", fontsize=10)
    return fig


def show_pixel(image, row, col, title=None):
    """A picture with one pixel framed in orange, and a line saying where it sits in the list of 784.

    Returns ``(figure, text)``; the text gives the pixel's number in the
    flattened list, 28 × row + col, and its grey value.
    """
    image = pixel_grid(image, "image")
    row, col = _pixel(row, "row", SIDE - 1), _pixel(col, "col", SIDE - 1)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(3.0, 3.0))
    show_digit(image, ax=ax, title=title)
    ax.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=HIGHLIGHT, linewidth=2))
    text = tr("pixel ({row}, {col}) is number 28 × {row} + {col} = {number} of the 784\nits grey value: {grey:.2f}",
              row=row, col=col, number=SIDE * row + col, grey=image[row, col])
    return fig, text


def pixel_explorer(images, labels, image=2, row=14, col=14):
    """The live widget of notebook 01: pick a digit and a pixel, and read its place in the list and its value.

    Sliders pick the image (``image``, its number among ``images``) and the
    pixel (``row``, ``col``); the picture frames the pixel in orange, and the
    line below it gives the pixel's number in the flattened list and its grey
    value. Make it the last line of a cell.
    """
    from ipywidgets import IntSlider, interactive  # imported here, so that `import nnbook` stays light

    batch, _ = _images(images)
    labels = digit_labels(labels, len(batch))

    def read_pixel(image, row, col):
        title = tr("image no. {image}: a {label}", image=image, label=labels[image])
        fig, text = show_pixel(batch[image], row, col, title=title)
        plt.show()
        print(text)

    return interactive(read_pixel,
                       image=IntSlider(value=image, min=0, max=len(batch) - 1),
                       row=IntSlider(value=row, min=0, max=SIDE - 1),
                       col=IntSlider(value=col, min=0, max=SIDE - 1))


# The pictures of notebook 01's Going further sections -------------------------------

def show_examples(images, labels, digits=(2, 4, 7), count=10):
    """The first ``count`` examples of each of ``digits``, one digit per row (notebook 01).

    Every row shows how differently people write the same digit.
    """
    batch, _ = _images(images)
    labels = digit_labels(labels, len(batch))
    count = positive_int(count, "count")
    digits = digit_labels(digits, name="digits")
    if len(digits) == 0:
        raise ValueError("digits must name at least one digit, such as (2, 4, 7)")
    rows = []
    for digit in digits:
        found = batch[labels == digit][:count]
        if len(found) < count:
            raise ValueError(f"there are only {len(found)} examples of the digit {digit}, fewer than count={count}")
        rows.append(found)
    return show_digits(np.concatenate(rows), ncols=count)


def show_pictures(images, titles):
    """Pictures side by side, each with its title above it (notebook 01: a 4, another 4 and a 9)."""
    batch, _ = _images(images)
    if isinstance(titles, (str, bytes)) or not hasattr(titles, "__len__") or len(titles) != len(batch):
        raise ValueError(f"titles must hold one title per picture ({len(batch)}), got {describe(titles)}")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(batch), figsize=(2.0 * len(batch), 2.4), squeeze=False)
    for ax, image, title in zip(axes[0], batch, titles):
        show_digit(image, ax=ax, title=str(title))
    return fig


def show_ink_counts(counts, labels, typical, seed=0):
    """Each image's count of bright pixels as a dot in its digit's column; each digit's typical count as an orange dash.

    The dots are spread a little sideways (``seed`` fixes how), so they do not hide each other (notebook 01).
    """
    counts = require_finite(as_float_array(counts, "counts"), "counts")
    if counts.ndim != 1:
        raise ValueError(f"counts must hold one count per image, got shape {counts.shape}")
    labels = digit_labels(labels, len(counts))
    typical = _ten(typical, "typical")
    spread = np.random.default_rng(seed).uniform(-0.3, 0.3, len(counts))
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.0, 3.2))
    ax.scatter(labels + spread, counts, s=2, color=NEUTRAL, alpha=0.3)
    ax.scatter(DIGITS, typical, marker="_", s=600, linewidths=3, color=HIGHLIGHT, label=tr("typical count"))
    ax.set_xticks(DIGITS)
    ax.set_xlabel(tr("digit"))
    ax.set_ylabel(tr("bright pixels"))
    ax.legend(loc=1)  # upper right
    return fig


def show_right_by_digit(guesses, labels):
    """One bar per digit: the share of its images a rule read right; a dashed line at guessing, 10% (notebook 01)."""
    right = accuracy_by_digit(guesses, labels)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.0, 2.8))
    ax.bar(DIGITS, right, color=NEUTRAL)
    ax.axhline(0.1, color="0.3", linestyle="--", linewidth=1, label=tr("guessing (10%)"))
    ax.set_xticks(DIGITS)
    ax.set_xlabel(tr("digit"))
    ax.set_ylabel(tr("read right"))
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.legend(loc=1)  # upper right
    return fig


STRIP_ROWS = 4
"""The strip of :func:`show_strip` marks the start of every 4th row of the picture."""


def show_strip(image):
    """The 784 grey values of a picture as one long strip, the start of every 4th row marked (notebook 01).

    Each short bright burst in the strip is one row crossing the strokes of the digit.
    """
    image = pixel_grid(image, "image")
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(9.0, 1.6))
    ax.imshow(image.reshape(1, SIDE * SIDE), cmap=ACTIVATION_CMAP, vmin=0, vmax=1, aspect="auto")
    ax.set_yticks([])
    ax.set_xticks(range(0, SIDE * SIDE, SIDE * STRIP_ROWS),
                  [tr("row {row}", row=row) for row in range(0, SIDE, STRIP_ROWS)])
    ax.set_xlabel(tr("position in the list (0 to 783)"))
    return fig


def show_input_row(image, row):
    """One row of a picture as the 28 input neurons it gives, each circle in the grey of its pixel (notebook 01).

    Left: the picture, the row framed in orange. Right: the row's neurons,
    numbers 28 × row to 28 × row + 27 of the 784, every third one numbered.
    """
    image = pixel_grid(image, "image")
    row = _pixel(row, "row", SIDE - 1)
    first = SIDE * row
    grey = plt.get_cmap(ACTIVATION_CMAP)
    with plt.rc_context(STYLE):
        fig, (left, right) = plt.subplots(1, 2, figsize=(7.5, 2.6), width_ratios=(1, 2.2))
    show_digit(image, ax=left, title=tr("the picture"))
    left.add_patch(Rectangle((-0.5, row - 0.5), SIDE, 1, fill=False, edgecolor=HIGHLIGHT, linewidth=1.5))
    for col, activation in enumerate(image[row]):
        right.add_patch(Circle((col, 0), 0.42, facecolor=grey(activation), edgecolor="0.45", linewidth=0.8))
        if col % 3 == 0:
            right.text(col, -0.8, str(first + col), ha="center", va="top", fontsize=8)
    right.set_xlim(-1, SIDE)
    right.set_ylim(-1.8, 1)
    right.set_aspect("equal")
    right.set_axis_off()
    right.set_title(tr("input neurons {first} to {last}", first=first, last=first + SIDE - 1))
    return fig
