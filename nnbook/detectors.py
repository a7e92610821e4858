"""Detector neurons: a weight pattern that looks for a stroke in one place, and a bias.

Notebooks 03 and 04 write ``region_detector`` and ``fires`` themselves, twins of the functions
here, which tests/test_nb03_weighted_sums.py and tests/test_nb04_bias.py keep equal; notebooks
05 and 06 reuse the example detector.

The video imagines a hidden neuron that lights up when there is a stroke in
one small region of the image. Its 784 weights make that happen:

- weight +1 on the pixels inside the region, so ink there raises the sum;
- weight -1 on a thin border around the region, so ink there lowers it
  (a big blob of ink is not a stroke);
- weight 0 everywhere else, so the rest of the image does not matter.

The neuron's weighted sum is then large when the region is inked and its
surroundings are dark. Its bias sets how large is large enough: the neuron
*fires* when ``weighted sum + bias > 0``, that is, when the weighted sum is
above ``-bias``. The video's example bias is -10: "only meaningfully active
when the weighted sum is above 10".

    >>> from nnbook import detectors
    >>> weights = detectors.region_detector(*detectors.EXAMPLE_REGION)
    >>> weights.shape, float(weights.max()), float(weights.min())
    ((28, 28), 1.0, -1.0)
    >>> detectors.EXAMPLE_BIAS
    -10.0

The course's example (notebooks 03 and 04, reused from 05 on) looks for a short
vertical stroke on the right, a little above the middle: the right-hand line
of a 4, a 7 or a 9. ``example_weights()`` and ``EXAMPLE_BIAS`` give it.

The cores of notebooks 03 and 04 draw each picture with one call, so that no
plotting code stands between a learner and the idea: ``show_strokes`` and
``show_bias_shift``, and the live widgets ``region_explorer`` and
``bias_explorer`` (whose pictures are ``show_region`` and ``show_bias``). Each widget keeps
its x-axis still while its sliders move (``REGION_SUMS_AXIS``; the bias widget's -15 to 30).
Their extensions do the same: ``show_weight_pictures``, ``show_products``, ``show_average_digits``.
"""

from __future__ import annotations

from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from ._validate import SIDE, as_float_array, describe, digit_labels, image_batch, number, pixel_grid, require_finite
from .figures import ACTIVATION_CMAP, HIGHLIGHT, NEUTRAL, STYLE, grid_shape, new_axes, show_digit, show_weights
from .language import tr
from .neuron import weighted_sum

INSIDE, AROUND = 1.0, -1.0
"""The weights of a region detector: +1 inside the region, -1 on its border."""


class Region(NamedTuple):
    """A rectangle of pixels: its top row, left column, height and width (in pixels)."""

    top: int
    left: int
    height: int
    width: int


EXAMPLE_REGION = Region(top=7, left=16, height=10, width=4)
"""The course's example region: rows 7-16, columns 16-19, where a 4, a 7 or a 9 has its right-hand line."""

EXAMPLE_BIAS = -10.0
"""The video's example bias: the neuron fires only when its weighted sum is above 10."""

REGION_SUMS_AXIS = (-20.0, 40.0)
"""The weighted-sum axis of notebook 03's widget. It holds the sums of the example region and of
every region the notebook suggests, so the axis stays put while a learner moves the sliders; only a
region whose sums do not fit widens it, in steps of 20."""


def region_detector(top, left, height, width, border=1) -> np.ndarray:
    """A 28×28 weight pattern that responds to ink in one rectangle.

    The weights are +1 inside the rectangle whose top-left pixel is
    (``top``, ``left``) and which is ``height`` rows tall and ``width``
    columns wide; -1 on a frame ``border`` pixels thick around it (cut off at
    the edges of the image); and 0 everywhere else.
    """
    top, left, height, width = _rectangle(top, left, height, width)
    border = number(border, "border", minimum=0, integer=True)
    if top + height > SIDE or left + width > SIDE:
        raise ValueError(
            f"the region must fit in the 28×28 image: rows {top} to {top + height - 1} and columns "
            f"{left} to {left + width - 1} were asked for, but rows and columns go from 0 to 27"
        )
    weights = np.zeros((SIDE, SIDE))
    weights[max(0, top - border):top + height + border, max(0, left - border):left + width + border] = AROUND
    weights[top:top + height, left:left + width] = INSIDE
    return weights


def example_weights() -> np.ndarray:
    """The weights of the course's example detector: ``region_detector(*EXAMPLE_REGION)``."""
    return region_detector(*EXAMPLE_REGION)


def stroke_image(top, left, height, width) -> np.ndarray:
    """A made-up 28×28 image: a white (1.0) rectangle of ink on black (0.0).

    Useful to test a weight pattern on a perfectly clean stroke.
    """
    top, left, height, width = _rectangle(top, left, height, width)
    if top + height > SIDE or left + width > SIDE:
        raise ValueError(f"the stroke must fit in the 28×28 image, got rows {top} to {top + height - 1} "
                         f"and columns {left} to {left + width - 1}")
    image = np.zeros((SIDE, SIDE))
    image[top:top + height, left:left + width] = 1.0
    return image


def fires(weights, bias, images):
    """Whether the neuron fires for each image: ``weighted sum + bias > 0``.

    One image, shaped (28, 28) or (784,), gives one ``bool``; a batch of n
    images gives a boolean array of length n.
    """
    weights = pixel_grid(weights, "weights", pixels=False)
    batch, single = image_batch(images, "images")
    fired = weighted_sum(weights.ravel(), batch, number(bias, "bias")) > 0
    return bool(fired[0]) if single else fired


def pass_rates(weights, bias, images, labels) -> np.ndarray:
    """For each digit 0-9, the fraction of its images for which the neuron fires.

    Returns 10 numbers from 0.0 (no image of that digit passes) to 1.0 (all
    do); NaN for a digit that has no images in ``images``.
    """
    fired = np.atleast_1d(fires(weights, bias, images))
    labels = digit_labels(labels, len(fired))
    counts = np.bincount(labels, minlength=10)
    passed = np.bincount(labels, weights=fired, minlength=10)
    return np.where(counts > 0, passed / np.maximum(counts, 1), np.nan)


def show_sums_by_digit(sums, labels, threshold=None, ax=None, title=None, xlim=None):
    """One histogram of weighted sums per digit 0-9, stacked from 0 (top) to 9 (bottom).

    Each digit's histogram is scaled to the same peak height, so that a digit
    with few images, or with widely spread sums, is as easy to read as the
    rest. A thin grey line marks 0. With ``threshold``, the sums above it
    (the images for which the neuron fires) are drawn in orange, the rest in
    grey, and a dashed line marks the threshold.
    """
    sums = require_finite(as_float_array(sums, "sums"), "sums")
    if sums.ndim != 1 or len(sums) == 0:
        raise ValueError(f"sums must be a 1-D array with one weighted sum per image, got {describe(sums)}")
    labels = digit_labels(labels, len(sums))
    threshold = None if threshold is None else number(threshold, "threshold")
    low, high = (float(sums.min()), float(sums.max())) if xlim is None else _limits(xlim)
    if threshold is not None:
        low, high = min(low, threshold), max(high, threshold)
    edges = np.linspace(low, high + 1e-9, 41) if high > low else np.array([low - 0.5, low + 0.5])
    if threshold is not None and edges[0] < threshold < edges[-1]:
        edges = np.unique(np.append(edges, threshold))  # a bin edge exactly at the threshold
    densities = []
    for digit in range(10):
        counts, _ = np.histogram(sums[labels == digit], bins=edges)
        density = counts / np.diff(edges)
        densities.append(0.9 * density / density.max() if density.max() > 0 else density)

    fig, ax = new_axes(ax, (5.6, 4.2))
    centres = (edges[:-1] + edges[1:]) / 2
    above = centres > threshold if threshold is not None else np.zeros(len(centres), bool)
    parts = ((~above, NEUTRAL), (above, HIGHLIGHT)) if threshold is not None else ((~above, NEUTRAL),)
    for digit, density in enumerate(densities):
        base = 9 - digit
        for part, colour in parts:
            heights = np.where(part, density, 0.0)
            ax.stairs(base + heights, edges, baseline=base, fill=True, color=colour, linewidth=0)
        ax.axhline(base, color="0.85", linewidth=0.6, zorder=0)
    if edges[0] < 0 < edges[-1]:
        ax.axvline(0, color="0.8", linewidth=0.8, zorder=0)
    if threshold is not None:
        ax.axvline(threshold, color="0.2", linestyle="--", linewidth=1.2)
    ax.set_yticks(range(10), [str(9 - d) for d in range(10)])
    ax.set_ylim(-0.2, 10)
    ax.set_ylabel(tr("digit"))
    ax.set_xlabel(tr("weighted sum"))
    ax.set_xlim(edges[0], edges[-1])
    if title is not None:
        ax.set_title(title)
    return fig


def show_pass_rates(rates, ax=None, title=None):
    """A bar for each digit 0-9: the share of its images for which the neuron fires (orange)."""
    rates = as_float_array(rates, "rates")
    if rates.shape != (10,):
        raise ValueError(f"rates must hold one pass rate per digit 0-9, shaped (10,), got {describe(rates)}")
    shown = np.nan_to_num(rates, nan=0.0)
    if shown.min() < 0 or shown.max() > 1:
        raise ValueError(f"rates must be fractions from 0 to 1, got values from {shown.min():g} to {shown.max():g}")
    fig, ax = new_axes(ax, (4.0, 2.4))
    ax.bar(range(10), np.ones(10), color="0.92")
    ax.bar(range(10), shown, color=HIGHLIGHT)
    ax.set_xticks(range(10))
    ax.set_xlabel(tr("digit"))
    ax.set_ylim(0, 1)
    ax.set_yticks([0, 0.5, 1], ["0%", "50%", "100%"])
    ax.set_ylabel(tr("fires for"))
    if title is not None:
        ax.set_title(title)
    return fig


def show_firing(images, fired, labels=None, ax=None, ncols=10, title=None):
    """Digits side by side; an orange frame around each one the neuron fires for."""
    batch, _ = image_batch(images, "images")
    fired = np.asarray(fired)
    if fired.dtype != bool:
        raise TypeError(f"fired must be a boolean array (True where the neuron fires), got {describe(fired)}")
    if fired.shape != (len(batch),):
        raise ValueError(f"fired must be a boolean array with one entry per image ({len(batch)}), "
                         f"got {describe(fired)}")
    if labels is not None:
        labels = digit_labels(labels, len(batch))
    nrows, ncols = grid_shape(len(batch), ncols)
    gap, cell = 4, SIDE + 4
    mosaic = np.ones((nrows * cell + gap, ncols * cell + gap))  # white paper between the digits
    for k, image in enumerate(batch):
        r, c = divmod(k, ncols)
        mosaic[gap + r * cell:gap + r * cell + SIDE, gap + c * cell:gap + c * cell + SIDE] = image.reshape(SIDE, SIDE)
    fig, ax = new_axes(ax, (0.75 * ncols, 0.85 * nrows + 0.3))
    ax.imshow(mosaic, cmap=ACTIVATION_CMAP, vmin=0, vmax=1)
    for k in range(len(batch)):
        r, c = divmod(k, ncols)
        x, y = gap + c * cell - 0.5, gap + r * cell - 0.5
        if fired[k]:
            ax.add_patch(Rectangle((x - 1, y - 1), SIDE + 2, SIDE + 2, fill=False, edgecolor=HIGHLIGHT, linewidth=2.5))
        if labels is not None:
            ax.text(x + SIDE - 1, y + 1, str(labels[k]), ha="right", va="top", fontsize=8, color="0.75")
    ax.set_axis_off()
    if title is not None:
        ax.set_title(title)
    return fig


# Figures and live widgets for the cores of notebooks 03 and 04 ----------------------
# A core cell draws a figure with one call; these hold the plotting code.

def show_strokes(weights, strokes, names):
    """Notebook 03: a detector's weights on the left, made-up strokes to test it on beside them.

    ``strokes`` is a list of 28×28 images and ``names`` their titles, such as ``["A", "B"]``.
    """
    weights = pixel_grid(weights, "weights", pixels=False)
    if isinstance(strokes, np.ndarray) and strokes.ndim == 2:
        raise TypeError("strokes must be a list of images, such as [stroke_a, stroke_b], got one image")
    batch, _ = image_batch(strokes, "strokes")
    if isinstance(names, (str, bytes)) or not hasattr(names, "__len__") or len(names) != len(batch):
        raise ValueError(f"names must be a list with one title per stroke ({len(batch)}), got {describe(names)}")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(batch) + 1, figsize=(2.4 * (len(batch) + 1), 2.6))
    show_weights(weights, ax=axes[0], title=tr("the detector"), colorbar=False)
    for ax, stroke, name in zip(axes[1:], batch, names):
        show_digit(stroke.reshape(SIDE, SIDE), ax=ax, title=str(name))
    return fig


def show_weight_pictures(weights, titles):
    """Notebook 03's extensions: several neurons' weights side by side, each a 28×28 picture.

    ``weights`` is a list of 28×28 weight grids and ``titles`` their titles.
    Each picture has its own colour scale, white at 0 (see :func:`nnbook.show_weights`).
    """
    if isinstance(weights, np.ndarray) and weights.ndim == 2:
        raise TypeError("weights must be a list of weight grids, such as [random_weights, left_minus_right], "
                        "got one grid")
    if isinstance(weights, (str, bytes)) or not hasattr(weights, "__len__") or len(weights) == 0:
        raise TypeError(f"weights must be a list of 28×28 weight grids, got {describe(weights)}")
    grids = [pixel_grid(grid, f"weights[{k}]", pixels=False) for k, grid in enumerate(weights)]
    if isinstance(titles, (str, bytes)) or not hasattr(titles, "__len__") or len(titles) != len(grids):
        raise ValueError(f"titles must be a list with one title per weight grid ({len(grids)}), got {describe(titles)}")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(grids), figsize=(3.2 * len(grids), 2.8), squeeze=False)
    for ax, grid, title in zip(axes[0], grids, titles):
        show_weights(grid, ax=ax, title=str(title))
    return fig


def show_products(weights, digits, names):
    """Notebook 03's extensions: what each pixel adds to the weighted sum, for a few digits.

    One row per digit: the digit, the weights, and ``weights * digit``, the
    product for every pixel, titled with their sum (the weighted sum). Blue
    products add to the sum, red ones take away, white ones add nothing.
    """
    weights = pixel_grid(weights, "weights", pixels=False)
    if isinstance(digits, np.ndarray) and digits.ndim == 2:
        raise TypeError("digits must be a list of images, such as [seven, zero], got one image")
    batch, _ = image_batch(digits, "digits")
    if isinstance(names, (str, bytes)) or not hasattr(names, "__len__") or len(names) != len(batch):
        raise ValueError(f"names must be a list with one title per digit ({len(batch)}), got {describe(names)}")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(len(batch), 3, figsize=(7.2, 2.4 * len(batch)), squeeze=False)
    for row, digit, name in zip(axes, batch, names):
        digit = digit.reshape(SIDE, SIDE)
        show_digit(digit, ax=row[0], title=str(name))
        show_weights(weights, ax=row[1], title=tr("weights"), colorbar=False)
        show_weights(weights * digit, ax=row[2], limit=1, colorbar=False,
                     title=tr("products: sum {total:.1f}", total=np.sum(weights * digit)))
    return fig


def show_average_digits(images, labels, digits):
    """Notebook 04's extensions: the average picture of each of ``digits``, side by side.

    The average of all the images of one digit, pixel by pixel: bright where
    most of them have ink, grey where only some do, black where none do.
    """
    batch, _ = image_batch(images, "images")
    labels = digit_labels(labels, len(batch))
    if isinstance(digits, (str, bytes)) or not hasattr(digits, "__len__") or len(digits) == 0:
        raise TypeError(f"digits must be a list of digits 0-9, such as [1, 0], got {describe(digits)}")
    digits = [number(digit, tr("each digit"), minimum=0, integer=True) for digit in digits]
    missing = [digit for digit in digits if not np.any(labels == digit)]
    if missing:
        raise ValueError(f"there are no images of the digit {missing[0]} among the {len(batch)} images")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(digits), figsize=(2.6 * len(digits), 2.8), squeeze=False)
    for ax, digit in zip(axes[0], digits):
        show_digit(batch[labels == digit].mean(axis=0).reshape(SIDE, SIDE), ax=ax,
                   title=tr("the average {digit}", digit=digit))
    return fig


def show_region(top, left, height, width, images, labels):
    """Notebook 03's widget picture: a region detector's weights, and the weighted sums it gives.

    Left, the weights of ``region_detector(top, left, height, width)``, with the
    region cut to fit the picture; right, the weighted sums of ``images``, one
    histogram row per digit (see :func:`show_sums_by_digit`). A region where no
    image has ink gives every image the sum 0; the figure says so instead.
    """
    top, left, height, width = _rectangle(top, left, height, width)
    if top >= SIDE or left >= SIDE:
        raise ValueError(f"top and left must be rows and columns of the picture, 0 to 27, got {top} and {left}")
    height, width = min(height, SIDE - top), min(width, SIDE - left)  # keep the region inside the picture
    weights = region_detector(top, left, height, width)
    sums = weighted_sum(weights.ravel(), image_batch(images, "images")[0])
    with plt.rc_context(STYLE):
        fig, (map_ax, hist_ax) = plt.subplots(1, 2, figsize=(9.0, 3.8), width_ratios=(1, 1.6))
    show_weights(weights, ax=map_ax, colorbar=False,
                 title=tr("rows {top}-{bottom}, columns {left}-{right}", top=top, bottom=top + height - 1,
                          left=left, right=left + width - 1))
    if np.all(sums == 0):
        hist_ax.set_axis_off()
        hist_ax.text(0.5, 0.5, tr("no digit has ink here:\nevery weighted sum is 0"),
                     ha="center", va="center", transform=hist_ax.transAxes)
    else:
        show_sums_by_digit(sums, labels, ax=hist_ax, title=tr("weighted sums"), xlim=region_sums_axis(sums))
    return fig


def region_sums_axis(sums, step=20.0) -> tuple[float, float]:
    """The x-axis of notebook 03's widget for these weighted sums: :data:`REGION_SUMS_AXIS`, widened if needed.

    The axis only grows, in steps of ``step``, when some sum falls outside it,
    so that regions of the same size are drawn on the same axis.

    >>> region_sums_axis([-15.5, 27.6])
    (-20.0, 40.0)
    >>> region_sums_axis([24.1, 241.4])
    (-20.0, 260.0)
    """
    sums = require_finite(as_float_array(sums, "sums"), "sums")
    step = number(step, "step", minimum=1)
    low, high = REGION_SUMS_AXIS
    return (min(low, step * float(np.floor(sums.min() / step))),
            max(high, step * float(np.ceil(sums.max() / step))))


def region_explorer(images, labels, region=EXAMPLE_REGION):
    """The live widget of notebook 03: four sliders move and resize the region; the picture follows.

    It starts at ``region`` (the course's example) and draws :func:`show_region`
    for every position. Make it the last line of a cell.
    """
    from ipywidgets import IntSlider, interactive  # imported here, so that `import nnbook` stays light

    top, left, height, width = _rectangle(*region)

    def explore(top, left, height, width):
        show_region(top, left, height, width, images, labels)
        plt.show()

    return interactive(explore,
                       top=IntSlider(top, 0, SIDE - 1, description=tr("top row")),
                       left=IntSlider(left, 0, SIDE - 1, description=tr("left column")),
                       height=IntSlider(height, 1, SIDE, description=tr("height")),
                       width=IntSlider(width, 1, SIDE, description=tr("width")))


def show_bias_shift(sums, labels, bias):
    """Notebook 04: adding the bias slides every weighted sum by the same amount.

    Left, the weighted sums with a dashed line at the threshold, ``-bias``;
    right, the same sums plus the bias, with the line at 0. Orange marks the
    images for which the neuron fires: the same ones in both.
    """
    bias = number(bias, "bias")
    sums = require_finite(as_float_array(sums, "sums"), "sums")
    with plt.rc_context(STYLE):
        fig, (before, after) = plt.subplots(1, 2, figsize=(9.0, 3.8), sharey=True)
    show_sums_by_digit(sums, labels, threshold=-bias, ax=before,
                       title=tr("weighted sum, line at {threshold:g}", threshold=_threshold(bias)))
    show_sums_by_digit(sums + bias, labels, threshold=0, ax=after, title=tr("weighted sum + bias, line at 0"))
    after.set_xlabel(tr("weighted sum + bias"))
    return fig


def first_of_each_digit(labels, count=2) -> np.ndarray:
    """The positions of the first ``count`` images of each digit 0-9, digit by digit.

    >>> first_of_each_digit([3, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0], count=1)
    array([ 1,  3,  4,  0,  6,  7,  8,  9, 10, 11])
    """
    labels = digit_labels(labels)
    count = number(count, "count", minimum=1, integer=True)
    return np.concatenate([np.flatnonzero(labels == digit)[:count] for digit in range(10)])


def show_bias(weights, bias, images, labels, sums=None, strip=None):
    """Notebook 04's widget picture: which images a neuron with this bias fires for.

    Top left, the weighted sums per digit with the threshold ``-bias`` dashed
    and the firing part in orange; top right, the share of each digit that
    fires; below, the images at the positions ``strip`` (by default the first
    two of each digit), framed in orange when the neuron fires. ``sums`` may
    be given when already computed: ``weighted_sum(weights, images)``.
    """
    bias = number(bias, "bias")
    weights = pixel_grid(weights, "weights", pixels=False)
    batch, _ = image_batch(images, "images")
    sums = weighted_sum(weights.ravel(), batch) if sums is None else require_finite(as_float_array(sums, "sums"),
                                                                                    "sums")
    labels = digit_labels(labels, len(batch))
    if sums.shape != (len(batch),):
        raise ValueError(f"sums must hold one weighted sum per image ({len(batch)}), got {describe(sums)}")
    strip = first_of_each_digit(labels) if strip is None else np.asarray(strip)
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=(9.0, 5.6))
    top, bottom = fig.subfigures(2, 1, height_ratios=(1.6, 1))
    hist_ax, bar_ax = top.subplots(1, 2, width_ratios=(1.5, 1))
    show_sums_by_digit(sums, labels, threshold=-bias, ax=hist_ax,
                       title=tr("bias {bias:g}, so threshold {threshold:g}", bias=bias + 0.0,
                                threshold=_threshold(bias)),
                       xlim=(-15, 30))
    show_pass_rates(pass_rates(weights, bias, batch, labels), ax=bar_ax,
                    title=tr("fires for {share:.0%} of all digits", share=np.mean(sums + bias > 0)))
    show_firing(batch[strip], sums[strip] + bias > 0, labels[strip], ax=bottom.subplots())
    return fig


def bias_explorer(weights, images, labels, bias=EXAMPLE_BIAS):
    """The live widget of notebook 04: a slider for the bias; :func:`show_bias` follows it.

    Make it the last line of a cell.
    """
    from ipywidgets import FloatSlider, interactive  # imported here, so that `import nnbook` stays light

    weights = pixel_grid(weights, "weights", pixels=False)
    batch, _ = image_batch(images, "images")
    sums = weighted_sum(weights.ravel(), batch)
    labels = digit_labels(labels, len(sums))
    strip = first_of_each_digit(labels)

    def explore(bias):
        show_bias(weights, bias, batch, labels, sums=sums, strip=strip)
        plt.show()

    return interactive(explore, bias=FloatSlider(value=number(bias, "bias"), min=-30, max=10, step=0.5,
                                                 description="bias"))


def _threshold(bias) -> float:
    """The threshold ``-bias``, written for a title: a bias of 0 gives 0, never "-0".

    >>> f"{_threshold(0.0):g}", f"{_threshold(-10):g}"
    ('0', '10')
    """
    return -bias + 0.0


def _rectangle(top, left, height, width) -> tuple[int, int, int, int]:
    """A rectangle's top row, left column (0 or more), height and width (1 or more), in whole pixels."""
    return (number(top, "top", minimum=0, integer=True), number(left, "left", minimum=0, integer=True),
            number(height, "height", minimum=1, integer=True), number(width, "width", minimum=1, integer=True))


def _limits(xlim) -> tuple[float, float]:
    """``xlim`` as two finite numbers, the left one smaller."""
    if isinstance(xlim, np.ndarray) or not isinstance(xlim, (list, tuple)) or len(xlim) != 2:
        raise TypeError(f"xlim must be a pair (left, right) of numbers, got {describe(xlim)}")
    low, high = number(xlim[0], "xlim[0]"), number(xlim[1], "xlim[1]")
    if not low < high:
        raise ValueError(f"xlim must go from left to right, (smaller, larger), got ({low:g}, {high:g})")
    return low, high
