"""What a first-layer hidden neuron looks for: its 784 weights as a picture.

Notebook 09 uses it, and its own ``best_square_share`` is the twin of :func:`best_patch`;
tests/test_nb09_network.py keeps them equal.

Each neuron of the first hidden layer has one weight per input pixel, so its
weights form a 28×28 picture: blue where a bright pixel pushes the neuron on,
red where it pushes it off (the course's ``RdBu`` colours, zero white).

The hope of notebook 02 was that such a neuron detects one short edge in one
place. A detector like that keeps its weights together in a small patch. To
measure how close a trained neuron comes, :func:`best_patch` finds the
``size`` × ``size`` square holding the largest share of the neuron's total
weight (counted by size, |w|, so blue and red both count):

- a detector whose weights all fit in the square scores 1.0 (100%);
- weights spread evenly over the 20×20 box where MNIST digits are written
  score (size/20)², 12% for a 7×7 square.

:func:`show_weight_grid` draws all the patterns side by side with one shared,
symmetric colour limit, so that equal colours mean equal weights in every
picture.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle
from numpy.lib.stride_tricks import sliding_window_view

from ._validate import SIDE, as_float_array, pixel_grid, positive_float, positive_int, require_finite
from .figures import HIGHLIGHT, WEIGHT_CMAP, image_grid, weight_limit

DIGIT_BOX = 20
"""MNIST digits were scaled to fit a 20×20 box, centred in the 28×28 image."""


def best_patch(weights_row, size=7) -> tuple[float, int, int]:
    """The ``size`` × ``size`` square holding the most weight: ``(share, top, left)``.

    ``share`` is the square's part of the neuron's total |weight|, from 0 to
    1; ``top`` and ``left`` are the row and column of its top-left pixel.
    Of equal squares, the one nearest the top left is chosen.
    """
    weights = pixel_grid(weights_row, "weights_row", pixels=False)
    size = positive_int(size, "size")
    if size > SIDE:
        raise ValueError(f"size must be at most {SIDE}, the side of the image, got {size}")
    strength = np.abs(weights)
    total = strength.sum()
    if total == 0:
        raise ValueError("weights_row is all zeros: there is no weight to find in any square")
    sums = sliding_window_view(strength, (size, size)).sum(axis=(-2, -1))
    top, left = np.unravel_index(np.argmax(sums), sums.shape)
    return float(sums[top, left] / total), int(top), int(left)


def spread_out_share(size=7) -> float:
    """The share of the best ``size`` × ``size`` square for weights spread evenly over the 20×20 digit box."""
    size = positive_int(size, "size")
    return min(1.0, (size / DIGIT_BOX) ** 2)


def show_weight_grid(weights, ncols=4, patch_size=None, limit=None):
    """Draw each row of ``weights`` (n, 784) as a 28×28 map, in a grid, with one colour limit.

    The limit is ±``limit`` (by default the largest |weight| of all rows), so
    white is zero and a colour means the same weight in every picture. With
    ``patch_size``, each map gets an orange outline around its
    :func:`best_patch` and its share in the title.
    """
    weights = require_finite(as_float_array(weights, "weights"), "weights")
    if weights.ndim == 3 and weights.shape[1:] == (SIDE, SIDE):
        weights = weights.reshape(len(weights), -1)
    if weights.ndim != 2 or weights.shape[1] != SIDE * SIDE or len(weights) == 0:
        raise ValueError(f"weights must hold one row of 784 weights per neuron, shaped (n, 784), "
                         f"got shape {weights.shape}")
    limit = weight_limit(weights) if limit is None else positive_float(limit, "limit")
    if patch_size is not None:
        patch_size = positive_int(patch_size, "patch_size")
    fig, axes = image_grid(len(weights), ncols, (1.6, 1.75),
                           spacing=dict(right=0.95, top=0.3, wspace=0.08, hspace=0.25))
    for k, ax in enumerate(axes):
        picture = ax.imshow(weights[k].reshape(SIDE, SIDE), cmap=WEIGHT_CMAP, vmin=-limit, vmax=limit)
        title = f"neuron {k}"
        if patch_size is not None:
            share, top, left = best_patch(weights[k], patch_size)
            ax.add_patch(Rectangle((left - 0.5, top - 0.5), patch_size, patch_size,
                                   fill=False, edgecolor=HIGHLIGHT, linewidth=2))
            title += f" · {share:.0%}"
        ax.set_title(title, fontsize=10)
    width = fig.get_figwidth()
    bar = fig.add_axes((1 - 0.75 / width, 0.2, 0.12 / width, 0.6))
    fig.colorbar(picture, cax=bar, label="weight")
    return fig

