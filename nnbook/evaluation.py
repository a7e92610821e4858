"""Judging a trained network: how often it is right, and how it goes wrong.

Notebook 09 uses it, and its own ``count_confusions`` is the twin of :func:`confusion_table`;
tests/test_nb09_network.py keeps them equal.

You compare two lists of digits of the same length: ``labels``, the digit
each image really shows (the one the person wrote), and ``predictions``, the
digit the network said. :func:`accuracy` takes the labels last, as
``Network.accuracy(images, labels)`` and ``rules.accuracy(guesses, labels)``
do; the table functions take them first, because the table's rows are the
written digits.

- :func:`accuracy`: the fraction of images read correctly.
- :func:`mistakes`: where the network was wrong, as positions in the lists.
- :func:`confusion_table`: a 10×10 table of counts. Row ``r``, column ``c``
  counts the images of a written ``r`` that the network read as ``c``. The
  diagonal, where ``r == c``, holds the correct answers; every other cell is
  a kind of mistake.
- :func:`most_confused`: the biggest cells off the diagonal.
- :func:`format_table`, :func:`show_confusion` and :func:`show_mistakes`
  print and draw them, in the course's visual style;
  :func:`show_first_mistakes` finds and draws the first few mistakes in
  one call.
- :func:`show_answers` draws the first few digits titled with what the
  network said, wrong answers in orange; :func:`show_answer` one digit
  beside its ten outputs; :func:`mistake_explorer` a slider through the
  mistakes, each drawn by :func:`show_answer` (notebook 09's Going further).
- :func:`show_learning_curve` draws a training's accuracy after every epoch,
  on the training digits and on the test digits.

>>> table = confusion_table([7, 7, 1, 4], [7, 1, 1, 9])
>>> int(table[7, 1]), int(table[4, 9]), accuracy([7, 1, 1, 9], [7, 7, 1, 4])
(1, 1, 0.5)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from ._validate import SIDE, as_float_array, describe, digit_labels, image_batch, positive_int, require_pixels
from .figures import ACTIVATION_CMAP, HIGHLIGHT, NEUTRAL, STYLE, image_grid, new_axes, show_digit, show_prediction
from .language import tr
from .network import Network
from .training import History

N_DIGITS = 10

MISTAKE_CMAP = LinearSegmentedColormap.from_list("mistakes", ["white", HIGHLIGHT])
"""Counts of mistakes: white for none, the course's orange for the most."""


def accuracy(predictions, labels) -> float:
    """The fraction of images whose prediction equals the label, from 0.0 to 1.0.

    The labels come last, as in ``network.accuracy(images, labels)``.
    """
    labels, predictions = _paired_digits(labels, predictions)
    return float(np.mean(labels == predictions))


def mistakes(labels, predictions) -> np.ndarray:
    """The positions where the prediction differs from the label, in order."""
    labels, predictions = _paired_digits(labels, predictions)
    return np.flatnonzero(labels != predictions)


def confusion_table(labels, predictions) -> np.ndarray:
    """Count every (digit written, digit said) pair: a 10×10 array of whole numbers.

    ``table[r, c]`` is how many images of a written ``r`` the network read as
    ``c``. Each row adds up to how many of that digit there were; the
    diagonal adds up to the number of correct answers.
    """
    labels, predictions = _paired_digits(labels, predictions)
    table = np.zeros((N_DIGITS, N_DIGITS), dtype=np.int64)
    np.add.at(table, (labels, predictions), 1)
    return table


def most_confused(table, count=3) -> list[tuple[int, int, int]]:
    """The ``count`` biggest mistakes as ``(written, said, times)``, most frequent first.

    Only cells off the diagonal count, and only those that happened at least
    once. Equal counts are ordered by the written digit, then the said digit.
    """
    table = _check_table(table)
    count = positive_int(count, "count")
    cells = [(int(table[r, c]), r, c) for r in range(N_DIGITS) for c in range(N_DIGITS)
             if r != c and table[r, c] > 0]
    cells.sort(key=lambda cell: (-cell[0], cell[1], cell[2]))
    return [(r, c, times) for times, r, c in cells[:count]]


def format_table(table) -> str:
    """The confusion table as text: correct answers in [brackets], a dot for no mistakes."""
    table = _check_table(table)
    width = max(3, len(str(int(table.max()))))
    def cell(r, c):
        value = int(table[r, c])
        if r == c:
            return f"[{value:>{width}}]"
        return f" {value if value else '·':>{width}} "
    header = "".join(f" {c:>{width}} " for c in range(N_DIGITS))
    written, said = tr("written"), tr("the network said")
    lines = [
        f"{written} │ {said:^{len(header)}}",
        " " * (len(written) + 1) + f"│{header}",
        "─" * (len(written) + 1) + "┼" + "─" * len(header),
    ]
    lines += [f"{r:>{len(written)}} │" + "".join(cell(r, c) for c in range(N_DIGITS)) for r in range(N_DIGITS)]
    return "\n".join(line.rstrip() for line in lines)


def show_confusion(table, ax=None, title=None):
    """Draw the confusion table: correct answers in grey, mistakes from white to orange.

    Every cell shows its count. The orange of a mistake cell grows with how
    often that mistake happened, up to the most frequent one, so the eye
    goes to the mistakes rather than to the (much larger) diagonal.
    """
    table = _check_table(table)
    off_diagonal = table * (1 - np.eye(N_DIGITS, dtype=np.int64))
    limit = max(int(off_diagonal.max()), 1)
    with plt.rc_context(STYLE):
        if ax is None:
            fig, ax = plt.subplots(figsize=(5.4, 4.6))
        else:
            fig = ax.figure
        picture = ax.imshow(off_diagonal, cmap=MISTAKE_CMAP, vmin=0, vmax=limit)
        for r in range(N_DIGITS):
            ax.add_patch(plt.Rectangle((r - 0.5, r - 0.5), 1, 1, facecolor=NEUTRAL, alpha=0.45, linewidth=0))
            for c in range(N_DIGITS):
                value = int(table[r, c])
                if value or r == c:
                    ax.text(c, r, str(value), ha="center", va="center", fontsize=8,
                            fontweight="bold" if r == c else "normal")
        ax.set_xticks(range(N_DIGITS))
        ax.set_yticks(range(N_DIGITS))
        ax.set_xlabel(tr("the digit the network said"))
        ax.set_ylabel(tr("the digit written"))
        ax.xaxis.set_label_position("top")
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        fig.colorbar(picture, ax=ax, shrink=0.8, label=tr("times this mistake happened"))
        if title is not None:
            ax.set_title(title)
    return fig


def show_mistakes(images, labels, predictions, ncols=10, title=None):
    """A gallery of wrongly read digits, each titled "written → said".

    Pass only the mistakes, for example ``images[wrong], labels[wrong],
    predictions[wrong]`` with ``wrong = mistakes(labels, predictions)``.
    The digit the network said is written in orange.
    """
    labels, predictions = _paired_digits(labels, predictions)
    images = require_pixels(as_float_array(images, "images"), "images")
    if images.ndim == 2 and images.shape[1] == SIDE * SIDE:
        images = images.reshape(-1, SIDE, SIDE)
    if images.ndim != 3 or images.shape[1:] != (SIDE, SIDE) or len(images) != len(labels):
        raise ValueError(f"images must be {len(labels)} images shaped (28, 28), one per label, "
                         f"got shape {images.shape}")
    fig, axes = image_grid(len(images), ncols, (1.05, 1.35),
                           spacing=dict(top=0.5, wspace=0.12, hspace=0.3))
    for i, ax in enumerate(axes):
        ax.imshow(images[i], cmap=ACTIVATION_CMAP, vmin=0.0, vmax=1.0)
        ax.set_title(f"{labels[i]} → ", fontsize=10, loc="center", ha="right")
        ax.set_title(f"{predictions[i]}", fontsize=10, loc="right", color=HIGHLIGHT,
                     fontweight="bold", x=0.5, ha="left")
    with plt.rc_context(STYLE):
        fig.suptitle(title if title is not None else tr("written → what the network said"))
    return fig


def show_first_mistakes(images, labels, predictions, count=10, ncols=10, title=None):
    """Find the first ``count`` images the network read wrongly, and draw them as :func:`show_mistakes` does.

    ``images``, ``labels`` and ``predictions`` are all the images, one label
    and one prediction each, in the same order; the function picks the
    mistakes itself, so one line shows them::

        show_first_mistakes(test_images, test_labels, network.predict(test_images))
    """
    labels, predictions = _paired_digits(labels, predictions)
    count = positive_int(count, "count")
    images = require_pixels(as_float_array(images, "images"), "images")
    if images.ndim == 2 and images.shape[1] == SIDE * SIDE:
        images = images.reshape(-1, SIDE, SIDE)
    if images.ndim != 3 or images.shape[1:] != (SIDE, SIDE) or len(images) != len(labels):
        raise ValueError(f"images must be {len(labels)} images shaped (28, 28), one per label, "
                         f"got shape {images.shape}")
    wrong = mistakes(labels, predictions)[:count]
    if len(wrong) == 0:
        raise ValueError("there is no mistake to show: every prediction equals its label")
    if title is None:
        title = tr("the first {count} mistakes: written → what the network said", count=len(wrong))
    return show_mistakes(images[wrong], labels[wrong], predictions[wrong], ncols=ncols, title=title)


def _images(images, count: int) -> np.ndarray:
    """``count`` images shaped (28, 28), or a clear error."""
    images = require_pixels(as_float_array(images, "images"), "images")
    if images.ndim == 2 and images.shape[1] == SIDE * SIDE:
        images = images.reshape(-1, SIDE, SIDE)
    if images.ndim != 3 or images.shape[1:] != (SIDE, SIDE) or len(images) != count:
        raise ValueError(f"images must be {count} images shaped (28, 28), one per label, got shape {images.shape}")
    return images


def show_answers(images, labels, predictions, count=40, ncols=10):
    """The first ``count`` images, each titled "says d" with the network's answer; a wrong answer in bold orange.

    ``labels`` (the digits written) only decide which titles are orange.
    Notebook 09 shows the first 40 test digits and asks: how many mistakes
    do you find?
    """
    labels, predictions = _paired_digits(labels, predictions)
    images = _images(images, len(labels))
    count = min(positive_int(count, "count"), len(labels))
    fig, axes = image_grid(count, ncols, (0.84, 1.05), spacing=dict(top=0.35, wspace=0.1, hspace=0.35))
    for i, ax in enumerate(axes):
        wrong = predictions[i] != labels[i]
        ax.imshow(images[i], cmap=ACTIVATION_CMAP, vmin=0.0, vmax=1.0)
        ax.set_title(tr("says {digit}", digit=predictions[i]), fontsize=9, color=HIGHLIGHT if wrong else "black",
                     fontweight="bold" if wrong else "normal")
    return fig


def show_answer(network, image, label=None, title=None):
    """One digit on the left, the network's ten outputs as bars on the right; returns the Figure.

    The digit's title says what was written (``label``), or ``title`` if given.
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
    batch, _ = image_batch(image, "image", network.sizes[0])
    if len(batch) != 1:
        raise ValueError(f"image must be one image, got {len(batch)}")
    if title is None:
        title = tr("a digit") if label is None else tr("a {digit}", digit=int(_digits([label], "label")[0]))
    with plt.rc_context(STYLE):
        fig, (digit_ax, bars_ax) = plt.subplots(1, 2, figsize=(7.0, 2.6), width_ratios=[1, 2.2])
    show_digit(batch[0], ax=digit_ax, title=title)
    show_prediction(network.forward(batch[0]), ax=bars_ax)
    return fig


def mistake_explorer(network, images, labels, wrong):
    """A slider through the mistakes: each drawn by :func:`show_answer`, titled with its test number.

    ``wrong`` lists the positions of the mistakes among ``images`` (as
    :func:`mistakes` gives them). Make it the last line of a cell.
    """
    from ipywidgets import IntSlider, interactive  # imported here, so that `import nnbook` stays light

    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
    labels = _digits(labels, "labels")
    images = _images(images, len(labels))
    wrong = np.asarray(wrong)
    if wrong.ndim != 1 or len(wrong) == 0 or not np.issubdtype(wrong.dtype, np.integer):
        raise ValueError(f"wrong must be a non-empty list of positions of images, got {describe(wrong)}")
    if wrong.min() < 0 or wrong.max() >= len(labels):
        raise ValueError(f"wrong must hold positions from 0 to {len(labels) - 1}")

    def show(number):
        i = int(wrong[number])
        show_answer(network, images[i], title=tr("test digit {i}: a {digit}", i=i, digit=labels[i]))
        plt.show()

    return interactive(show, number=IntSlider(value=0, min=0, max=len(wrong) - 1, description=tr("mistake no.")))


def show_learning_curve(history, ax=None):
    """The share of digits read right after each epoch: training digits in grey, test digits in orange.

    ``history`` is what ``nnbook.train`` returned, trained with ``test=``.
    The axis starts at 80%, where a 784-16-16-10 network is after its first
    epoch, so the gap between the two lines shows. Returns the Figure.
    """
    if not isinstance(history, History):
        raise TypeError(f"history must be what nnbook.train returned, got {describe(history)}")
    if len(history) == 0 or len(history.test_accuracy) != len(history):
        raise ValueError("history must hold at least one epoch, trained with test=(test_images, test_labels)")
    fig, ax = new_axes(ax, (6, 3.2))
    ax.plot(history.epochs, history.train_accuracy, "o-", color=NEUTRAL, markersize=3, label=tr("training digits"))
    ax.plot(history.epochs, history.test_accuracy, "o-", color=HIGHLIGHT, markersize=3, label=tr("test digits"))
    low = min(0.8, float(np.min(history.test_accuracy)), float(np.min(history.train_accuracy)))
    ax.set_yticks(np.arange(np.ceil(low * 20) / 20, 1.01, 0.05))
    ax.set_ylim(low, 1.0)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(tr("epoch"))
    ax.set_ylabel(tr("read right"))
    ax.legend(frameon=False, loc=4)  # lower right
    return fig


def _digits(value, name: str) -> np.ndarray:
    """A non-empty 1-D array of whole numbers 0-9, or a clear error."""
    array = digit_labels(value, name=name)
    if array.size == 0:
        raise ValueError(f"{name} must not be empty: give one digit per image")
    return array


def _paired_digits(labels, predictions) -> tuple[np.ndarray, np.ndarray]:
    labels, predictions = _digits(labels, "labels"), _digits(predictions, "predictions")
    if labels.shape != predictions.shape:
        raise ValueError(f"labels and predictions must have one entry per image each, "
                         f"got {len(labels)} labels and {len(predictions)} predictions")
    return labels, predictions


def _check_table(table) -> np.ndarray:
    try:
        array = as_float_array(table, "table")
    except TypeError as error:
        raise TypeError(f"table must be a 10×10 array of counts; {error}") from None
    if array.shape != (N_DIGITS, N_DIGITS):
        raise ValueError(f"table must be a 10×10 array (rows: digit written, columns: digit said), "
                         f"got shape {array.shape}")
    if not np.all(np.isfinite(array)) or np.any(array < 0) or np.any(array != np.round(array)):
        raise ValueError("table must hold counts: whole numbers of 0 or more")
    if array.size and array.max() >= _TOO_MANY:
        raise ValueError(f"table must hold counts of images; {array.max():g} is far too many to be one")
    return array.astype(np.int64)


_TOO_MANY = 2.0 ** 53
"""Counts from here on are not whole numbers a float can hold exactly, nor any real count of images."""
