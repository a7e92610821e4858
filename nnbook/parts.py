"""Parts of digits, drawn by hand, and how much of each part real digits cover.

Notebook 02 uses this module. Its core moves a loop with :func:`loop_explorer`, whose picture
(:func:`show_loop_test`) names the best-covering digits with :func:`podium`; in its
*Going further* sections its own ``loop_on_top`` mask and ``overlap`` function are twins of
:func:`loop` and :func:`overlap`, which tests/test_nb02_layers.py keeps equal, and the tables and
pictures of the five parts are one call each (:func:`show_digit_parts`, :func:`show_part_on`,
:func:`overlap_by_part`, :func:`show_overlap_by_part`, :func:`combined_by_digit`,
:func:`show_combined`, :func:`podiums`).

The video hopes that a network's layers build digits out of parts: small
edges make loops and lines, and loops and lines make digits. A 9 is a loop
on top with a line on the right, an 8 is two loops, a 4 is three lines.

A *part* here is a 28×28 mask: True on the pixels where the part should be
drawn, False elsewhere. The *overlap* of a digit with a part is the mean grey
value of the digit's pixels inside the mask: 1.0 when every pixel of the part
is inked white, 0.0 when none is. Measuring it over thousands of real digits
tests the hope honestly.

    >>> from nnbook import parts
    >>> top = parts.loop(center=(9.5, 14.5), radius=4.5)
    >>> top.shape, top.dtype
    ((28, 28), dtype('bool'))
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.ticker import PercentFormatter

from ._validate import (
    SIDE,
    as_float_array,
    choice,
    describe,
    digit_labels,
    image_batch,
    pixel_grid,
    positive_float,
    positive_int,
    require_every_digit,
    require_finite,
)
from .figures import ACTIVATION_CMAP, HIGHLIGHT, NEUTRAL, STYLE, new_axes, show_digit
from .language import tr

THICKNESS = 3.0
"""Pen width of the drawn parts, in pixels: about as wide as an MNIST stroke."""

class _DigitParts(Mapping):
    """The video's examples, digit → names of its parts, named in the current language when read."""

    def _parts(self) -> dict[int, tuple[str, ...]]:
        return {
            9: (tr("loop on top"), tr("line on the right")),
            8: (tr("loop on top"), tr("loop at the bottom")),
            4: (tr("line on the left"), tr("line across"), tr("line on the right")),
        }

    def __getitem__(self, digit):
        return self._parts()[digit]

    def __iter__(self):
        return iter(self._parts())

    def __len__(self):
        return len(self._parts())

    def __repr__(self):
        return repr(self._parts())


DIGIT_PARTS = _DigitParts()
"""The video's examples: which parts each digit is hoped to be made of (the names follow set_language)."""


def _point(value, name: str) -> np.ndarray:
    point = require_finite(as_float_array(value, name), name)
    if point.shape != (2,):
        raise ValueError(f"{name} must be a (row, column) pair, got {describe(value)}")
    return point


def _grid() -> tuple[np.ndarray, np.ndarray]:
    """The row and the column of every pixel, each as a 28×28 array."""
    return np.indices((SIDE, SIDE), dtype=np.float64)


def loop(center, radius, thickness=THICKNESS) -> np.ndarray:
    """A ring: the pixels whose distance from ``center`` (row, column) is within ``thickness``/2 of ``radius``."""
    row, col = _point(center, "center")
    radius, thickness = positive_float(radius, "radius"), positive_float(thickness, "thickness")
    rows, cols = _grid()
    distance = np.hypot(rows - row, cols - col)
    return np.abs(distance - radius) <= thickness / 2


def line(start, end, thickness=THICKNESS) -> np.ndarray:
    """A straight stroke from ``start`` to ``end`` (each a (row, column) pair), ``thickness`` pixels wide."""
    start, end = _point(start, "start"), _point(end, "end")
    thickness = positive_float(thickness, "thickness")
    rows, cols = _grid()
    pixels = np.stack([rows, cols], axis=-1)
    along = end - start
    if not np.any(along):
        raise ValueError(f"start and end must differ, got {start.tolist()} twice")
    # How far along the segment each pixel's nearest point lies: 0 at start, 1 at end.
    t = np.clip((pixels - start) @ along / (along @ along), 0.0, 1.0)
    nearest = start + t[..., np.newaxis] * along
    return np.linalg.norm(pixels - nearest, axis=-1) <= thickness / 2


def digit_parts() -> dict[str, np.ndarray]:
    """The parts of the video's 9, 8 and 4, drawn where they sit in a typical centred digit.

    Returns a new dict of masks each time, so you may change them freely.
    """
    return {
        tr("loop on top"): loop(center=(9.5, 14.5), radius=4.5),
        tr("loop at the bottom"): loop(center=(18.5, 13.5), radius=4.5),
        tr("line on the right"): line(start=(11, 17), end=(23, 16)),
        tr("line on the left"): line(start=(5, 10), end=(15, 8)),
        tr("line across"): line(start=(15.5, 7), end=(15.5, 21)),
    }


def as_mask(part, name: str = "part") -> np.ndarray:
    """A part as a 28×28 boolean mask; accepts booleans or the numbers 0 and 1."""
    if isinstance(part, (str, bytes, dict, set)) or part is None:
        raise TypeError(f"{name} must be a 28×28 array of True/False (or 0/1), got {describe(part)}")
    array = np.asarray(part)
    if array.dtype != bool:
        array = as_float_array(part, name)
        other = array[~np.isin(array, (0.0, 1.0))]
        if other.size:
            raise ValueError(f"{name} must hold only True/False or 0/1, got values such as {other[0]:g}")
        array = array.astype(bool)
    if array.shape != (SIDE, SIDE):
        raise ValueError(f"{name} must be shaped (28, 28), got shape {array.shape}")
    if not array.any():
        raise ValueError(f"{name} is empty: mark at least one pixel True")
    return array


def overlap(images, part):
    """How much of ``part`` each image covers: the mean grey value of its pixels inside the mask.

    Returns a float for one image, an array of one value per image for a batch.
    """
    mask = as_mask(part)
    batch, single = image_batch(images, "images")
    values = batch[:, mask.ravel()].mean(axis=1)
    return float(values[0]) if single else values


def overlap_by_digit(images, labels, part) -> np.ndarray:
    """The mean overlap of each digit 0-9 with ``part``: 10 numbers."""
    values = np.atleast_1d(overlap(images, part))
    labels = digit_labels(labels, len(values))
    require_every_digit(labels)
    return np.array([values[labels == digit].mean() for digit in range(10)])


def ranking(by_digit) -> list[int]:
    """The digits in order of overlap, best match first."""
    values = require_finite(as_float_array(by_digit, "by_digit"), "by_digit")
    if values.shape != (10,):
        raise ValueError(f"by_digit must hold 10 numbers, one per digit, got {describe(values)}")
    return [int(d) for d in np.argsort(-values, kind="stable")]


def podium(by_digit, places=3) -> str:
    """The best-covering digits and their overlaps, as text: ``"8s (51%), 3s (45%), 9s (42%)"``.

    >>> podium([0.1, 0.0, 0.2, 0.45, 0.3, 0.2, 0.3, 0.1, 0.51, 0.42])
    '8s (51%), 3s (45%), 9s (42%)'
    """
    values = require_finite(as_float_array(by_digit, "by_digit"), "by_digit")
    places = positive_int(places, "places")
    order = ranking(values)[:places]
    return ", ".join(tr("{digit}s ({share:.0%})", digit=digit, share=values[digit]) for digit in order)


def digits_with(part_name: str) -> list[int]:
    """The digits that the video's examples build from the part called ``part_name``."""
    names = sorted({name for names in DIGIT_PARTS.values() for name in names})
    choice(part_name, "part_name", names)
    return sorted(digit for digit, names in DIGIT_PARTS.items() if part_name in names)


def overlap_with_all(images, part_list):
    """How much of *every* part in ``part_list`` each image covers: the smallest of its overlaps.

    A 9 needs a loop on top *and* a line on the right. Both parts must be
    there, so count only the weaker one: take the smaller of the overlaps.
    """
    if isinstance(part_list, np.ndarray) or not isinstance(part_list, (list, tuple)) or not part_list:
        raise TypeError(f"part_list must be a non-empty list of parts (28×28 masks), got {describe(part_list)}")
    values = [overlap(images, part) for part in part_list]
    smallest = np.min([np.atleast_1d(v) for v in values], axis=0)
    return float(smallest[0]) if np.ndim(values[0]) == 0 else smallest


def show_part(part, image=None, ax=None, title=None, alpha=0.6):
    """Draw a part: on its own in white on black, or tinted orange on top of a digit ``image``."""
    mask = as_mask(part)
    background = mask.astype(np.float64) if image is None else pixel_grid(image, "image")
    fig, ax = new_axes(ax, (2.6, 2.6))
    ax.imshow(background, cmap=ACTIVATION_CMAP, vmin=0.0, vmax=1.0)
    if image is not None:
        tint = np.zeros((SIDE, SIDE, 4))
        tint[mask] = to_rgba(HIGHLIGHT, alpha)
        ax.imshow(tint)
    ax.set_xticks([])
    ax.set_yticks([])
    if title is not None:
        ax.set_title(title)
    return fig


def show_loop_test(loop_mask, by_digit, average_image, digit):
    """The picture of notebook 02's widget: the loop on an average digit, and how much of it each digit covers.

    Left: ``loop_mask`` tinted orange on ``average_image`` (the average
    ``digit``). Right: one bar per digit 0-9, the mean overlap ``by_digit``;
    the best-covering digit is orange, and the title names the best three
    with their overlaps (:func:`podium`). Returns the figure.
    """
    values = require_finite(as_float_array(by_digit, "by_digit"), "by_digit")
    best = ranking(values)[0]
    with plt.rc_context(STYLE):
        fig, (left, right) = plt.subplots(1, 2, figsize=(7.0, 2.8), width_ratios=(1, 2))
    show_part(loop_mask, average_image, ax=left, title=tr("on the average {digit}", digit=digit))
    right.bar(range(10), values, color=[HIGHLIGHT if d == best else NEUTRAL for d in range(10)])
    right.set_xticks(range(10))
    right.set_xlabel(tr("digit"))
    right.set_ylabel(tr("ring covered with ink"))
    right.set_ylim(0, 0.8)
    right.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    right.set_title(tr("best covered: {podium}", podium=podium(values)))
    return fig


def loop_explorer(images, labels, row=9.5, col=14.5, radius=4.5, digit=9):
    """The live widget of notebook 02: move a loop, and see which digits cover it best.

    Three sliders move the loop's centre (``row``, ``col``) and change its
    ``radius``. The loop is drawn on the average ``digit`` (a 9: the task is
    to make the 9s win), and the bars give the mean overlap of each digit 0-9
    over all ``images``. Make it the last line of a cell.
    """
    from ipywidgets import FloatSlider, fixed, interactive  # imported here, so that `import nnbook` stays light

    batch, _ = image_batch(images, "images")
    labels = digit_labels(labels, len(batch))
    require_every_digit(labels)
    averages = np.stack([batch[labels == d].mean(axis=0) for d in range(10)]).reshape(10, SIDE, SIDE)
    digit = int(digit_labels([digit], 1, "digit")[0])

    def place_loop(row, col, radius, digit):
        ring = loop(center=(row, col), radius=radius)
        show_loop_test(ring, overlap_by_digit(batch, labels, ring), averages[digit], digit)
        plt.show()

    return interactive(place_loop,
                       row=FloatSlider(value=row, min=4, max=24, step=0.5),
                       col=FloatSlider(value=col, min=4, max=24, step=0.5),
                       radius=FloatSlider(value=radius, min=1.5, max=10, step=0.5),
                       digit=fixed(digit))


# The pictures and tables of notebook 02's Going further sections -----------------------

def _drawn(drawn) -> dict[str, np.ndarray]:
    """The parts to measure: ``drawn`` (names → masks), or the video's parts (:func:`digit_parts`) if None."""
    if drawn is None:
        return digit_parts()
    if not isinstance(drawn, dict) or not drawn:
        raise TypeError(f"drawn must be a dict of parts, name → 28×28 mask, as parts.digit_parts() gives, "
                        f"got {describe(drawn)}")
    return {name: as_mask(part, tr("the part {name!r}", name=name)) for name, part in drawn.items()}


def show_digit_parts(images, labels, drawn=None):
    """The parts of the video's 9, 8 and 4, tinted orange on the first real 9, 8 and 4 of ``images`` (notebook 02).

    One row per digit: the digit itself, then each of its parts on it.
    """
    batch, _ = image_batch(images, "images")
    labels = digit_labels(labels, len(batch))
    masks = _drawn(drawn)
    widest = max(len(names) for names in DIGIT_PARTS.values())
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(len(DIGIT_PARTS), 1 + widest, figsize=(1.9 * (1 + widest), 2.0 * len(DIGIT_PARTS)))
    for row, (digit, names) in zip(axes, DIGIT_PARTS.items()):
        found = batch[labels == digit]
        if len(found) == 0:
            raise ValueError(f"images holds no {digit}: give digits with labels that include 9, 8 and 4")
        example = found[0].reshape(SIDE, SIDE)
        show_digit(example, ax=row[0], title=tr("a {digit}", digit=digit))
        for ax, name in zip(row[1:], names):
            show_part(masks[name], example, ax=ax, title=name)
        for ax in row[1 + len(names):]:
            ax.set_axis_off()
    return fig


def show_part_on(part, images, titles):
    """One part tinted orange on several digits side by side, each with its title (notebook 02)."""
    batch, _ = image_batch(images, "images")
    if isinstance(titles, (str, bytes)) or not hasattr(titles, "__len__") or len(titles) != len(batch):
        raise ValueError(f"titles must hold one title per image ({len(batch)}), got {describe(titles)}")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(batch), figsize=(2.4 * len(batch), 2.6), squeeze=False)
    for ax, image, title in zip(axes[0], batch, titles):
        show_part(part, image.reshape(SIDE, SIDE), ax=ax, title=str(title))
    return fig


def overlap_by_part(images, labels, drawn=None) -> dict[str, np.ndarray]:
    """For each part in ``drawn`` (default: the video's five): the mean overlap of each digit 0-9, 10 numbers."""
    return {name: overlap_by_digit(images, labels, part) for name, part in _drawn(drawn).items()}


def combined_by_digit(images, labels, drawn=None) -> dict[int, np.ndarray]:
    """For the video's 9, 8 and 4: how much of *all* its parts each digit 0-9 covers, on average.

    For every image, take the smallest of its overlaps with the digit's parts
    (:func:`overlap_with_all`: both parts must be there, so count only the
    weaker one), then average over the images of each digit 0-9.
    """
    batch, _ = image_batch(images, "images")
    labels = digit_labels(labels, len(batch))
    require_every_digit(labels)
    masks = _drawn(drawn)
    combined = {}
    for digit, names in DIGIT_PARTS.items():
        missing = [name for name in names if name not in masks]
        if missing:
            raise ValueError(f"drawn has no part called {missing[0]!r}, which the {digit} is made of")
        weakest = overlap_with_all(batch, [masks[name] for name in names])
        combined[digit] = np.array([weakest[labels == d].mean() for d in range(10)])
    return combined


def _results(results, what: str) -> dict:
    """``results`` checked: a non-empty dict of 10 numbers, one per digit 0-9, for each part or digit."""
    if not isinstance(results, dict) or not results:
        raise TypeError(f"{what} must be a dict of 10 numbers per part or digit, got {describe(results)}")
    checked = {}
    for key, values in results.items():
        values = require_finite(as_float_array(values, f"{what}[{key!r}]"), f"{what}[{key!r}]")
        if values.shape != (10,):
            raise ValueError(f"{what}[{key!r}] must hold 10 numbers, one per digit 0-9, got {describe(values)}")
        checked[key] = values
    return checked


def _bar_panels(results, hoped, titles, ylabel, width):
    """One bar chart per entry of ``results`` (10 numbers each), ``width`` inches wide, the hoped-for digits orange."""
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(results), figsize=(width * len(results), 2.8), sharey=True, squeeze=False)
    for ax, values, wanted, title in zip(axes[0], results.values(), hoped, titles):
        ax.bar(range(10), values, color=[HIGHLIGHT if d in wanted else NEUTRAL for d in range(10)])
        ax.set_title(title)
        ax.set_xticks(range(10))
        ax.set_xlabel(tr("digit"))
    axes[0][0].set_ylabel(ylabel)
    axes[0][0].yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    return fig


def show_overlap_by_part(by_part):
    """One bar chart per part (from :func:`overlap_by_part`): the digits the video builds from it in orange.

    A part of your own, not one of the video's, has no orange bar.
    """
    by_part = _results(by_part, "by_part")
    known = {name for names in DIGIT_PARTS.values() for name in names}
    hoped = [digits_with(name) if name in known else [] for name in by_part]
    return _bar_panels(by_part, hoped, list(by_part), tr("part covered"), 2.4)


def show_combined(combined):
    """One bar chart per digit 9, 8, 4 (from :func:`combined_by_digit`): its weakest part covered, in orange."""
    combined = _results(combined, "combined")
    return _bar_panels(combined, [[digit] for digit in combined],
                       [tr("the parts of the {digit} together", digit=digit) for digit in combined],
                       tr("weakest part covered"), 3.0)


def podiums(results, places=3) -> str:
    """One line per entry of ``results``: its best-covering digits (:func:`podium`).

    A part's name labels its line; a digit ``d`` (from :func:`combined_by_digit`) reads "the d's parts".

    >>> print(podiums({"a part": [0.1, 0.0, 0.2, 0.45, 0.3, 0.2, 0.3, 0.1, 0.51, 0.42]}, places=2))
    a part: best covered by 8s (51%), 3s (45%)
    """
    results = _results(results, "results")
    labels = {key: key if isinstance(key, str) else tr("the {digit}'s parts", digit=key) for key in results}
    width = max(len(label) for label in labels.values())
    return "\n".join(tr("{label}: best covered by {podium}", label=f"{labels[key]:>{width}}",
                         podium=podium(values, places)) for key, values in results.items())
