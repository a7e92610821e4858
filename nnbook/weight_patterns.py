"""What the hidden neurons learned: a first-layer neuron's 784 weights as a picture, and what each layer is on for.

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

A neuron of the second hidden layer weighs the 16 first-layer neurons, not
pixels, so its weights make no picture. :func:`activation_by_digit` asks the
digits instead: how strongly is each neuron of a layer on, on average, for
the written 0s, the 1s, ... the 9s? :func:`show_activation_by_digit` draws
that table in greys (0 black, 1 white), one row per neuron, one column per
digit. :func:`show_shares` draws each neuron's best-square share as a bar
beside the two yardsticks. :func:`show_hidden_layers` puts the two side by side, the first
layer's weights and the second layer's table, for the core of notebook 09.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle
from numpy.lib.stride_tricks import sliding_window_view

from ._validate import (
    SIDE,
    as_float_array,
    describe,
    digit_labels,
    image_batch,
    pixel_grid,
    positive_float,
    positive_int,
    require_every_digit,
    require_finite,
)
from .figures import ACTIVATION_CMAP, HIGHLIGHT, NEUTRAL, STYLE, WEIGHT_CMAP, image_grid, new_axes, weight_limit
from .language import tr
from .network import Network

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
        title = tr("neuron {k}", k=k)
        if patch_size is not None:
            share, top, left = best_patch(weights[k], patch_size)
            ax.add_patch(Rectangle((left - 0.5, top - 0.5), patch_size, patch_size,
                                   fill=False, edgecolor=HIGHLIGHT, linewidth=2))
            title += f" · {share:.0%}"
        ax.set_title(title, fontsize=10)
    width = fig.get_figwidth()
    bar = fig.add_axes((1 - 0.75 / width, 0.2, 0.12 / width, 0.6))
    fig.colorbar(picture, cax=bar, label=tr("weight"))
    return fig



def show_shares(shares, size=7):
    """One bar per neuron: the share of its weight in its best ``size`` × ``size`` square.

    Beside them the two yardsticks: an edge detector's 100% (dashed orange)
    and weights spread evenly over the 20×20 digit box (dotted black,
    :func:`spread_out_share`). Returns the Figure.
    """
    shares = require_finite(as_float_array(shares, "shares"), "shares")
    if shares.ndim != 1 or len(shares) == 0 or np.any(shares < 0) or np.any(shares > 1):
        raise ValueError(f"shares must be a list of shares from 0 to 1, one per neuron, got {describe(shares)}")
    evenly = spread_out_share(size)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.0, 2.6))
    ax.bar(range(len(shares)), shares, color=NEUTRAL)
    ax.axhline(1.0, color=HIGHLIGHT, linestyle="--", label=tr("an edge detector (100%)"))
    ax.axhline(evenly, color="black", linestyle=":", label=tr("spread evenly ({share:.0%})", share=evenly))
    ax.set_xticks(range(len(shares)))
    ax.set_xlabel(tr("first-layer neuron"))
    ax.set_ylabel(tr("share in best {size} × {size}", size=size))
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter("{x:.0%}")
    ax.legend(loc=7, fontsize=9)  # center right
    return fig


LAYER_NAMES = {1: "first-layer", 2: "second-layer"}
"""How the pictures name a neuron of the two hidden layers of the video's network (in English; see _layer_name)."""


def _layer_name(layer: int) -> str:
    """A hidden layer's name in the pictures, in the current language: "first-layer", "second-layer"."""
    return tr("first-layer") if layer == 1 else tr("second-layer") if layer == 2 else tr("layer-{layer}", layer=layer)


def activation_by_digit(network, images, labels, layer=1) -> np.ndarray:
    """Each neuron's average activation over the images of each digit: shape (neurons in ``layer``, 10).

    Row ``k``, column ``d`` is how strongly neuron ``k`` of ``layer`` is on,
    on average, for the images of a written ``d``: near 1 if it is on for
    nearly all of them, near 0 if it is off for nearly all. ``layer`` counts
    as ``network.activations`` does: 0 is the input layer, 1 the first hidden
    layer, and the last one the output layer.

    >>> from nnbook.network import Network
    >>> images, labels = np.zeros((10, 28, 28)), np.arange(10)
    >>> activation_by_digit(Network(sizes=(784, 3, 10)), images, labels, layer=1).shape
    (3, 10)
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
    batch, single = image_batch(images, "images", network.sizes[0])
    if single:
        raise ValueError("images must be a batch of images, at least one of each digit, not one image")
    labels = require_every_digit(digit_labels(labels, len(batch)))
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not 0 <= layer < len(network.sizes):
        raise ValueError(f"layer must be a whole number from 0 (the input) to {len(network.sizes) - 1} "
                         f"(the output) for this network, got {describe(layer)}")
    activations = network.activations(batch)[int(layer)]
    return np.array([activations[labels == digit].mean(axis=0) for digit in range(10)]).T


def show_activation_by_digit(network, images, labels, layer=1, ax=None, title=None):
    """Draw :func:`activation_by_digit` as a grid of greys: one row per neuron, one column per digit.

    White means the neuron is on, on average, for the images of that digit;
    black, off. The colours run from 0 to 1, the range of a sigmoid, so the
    pictures of two layers can be compared.
    """
    table = activation_by_digit(network, images, labels, layer)
    name = _layer_name(int(layer))
    fig, ax = new_axes(ax, (4.4, 0.28 * len(table) + 0.6))
    picture = ax.imshow(table, cmap=ACTIVATION_CMAP, vmin=0.0, vmax=1.0)
    ax.set_xticks(range(10))
    ax.set_yticks(range(len(table)))
    ax.set_xlabel(tr("digit written"))
    ax.set_ylabel(tr("{name} neuron", name=name))
    ax.set_title(title if title is not None else tr("{name} neurons: average activation", name=name),
                 fontsize=10)
    fig.colorbar(picture, ax=ax, shrink=0.6, label=tr("average activation"))
    return fig


def show_hidden_layers(network, images, labels):
    """The two hidden layers at a glance: what layer 1 weighs, and what layer 2 is on for.

    Left, each first-layer neuron's 784 weights as a 28×28 picture, all with
    one symmetric colour limit (blue positive, red negative, white zero), as
    :func:`show_weight_grid` draws them. Right, :func:`activation_by_digit`
    for the second hidden layer, in greys (0 black, 1 white). The network
    must read 28×28 images and have at least two hidden layers.
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
    if network.sizes[0] != SIDE * SIDE or len(network.sizes) < 4:
        raise ValueError(f"network must read 28×28 images (784 inputs) and have two hidden layers or more, "
                         f"got a network with sizes {network.sizes}")
    table = activation_by_digit(network, images, labels, layer=2)
    weights = network.weights[0]
    limit = weight_limit(weights)
    ncols = 4
    nrows = math.ceil(len(weights) / ncols)
    side, gap, title_room = 0.9, 0.12, 0.2             # inches: one weight picture, the space between, its title
    top, bottom, left = 0.4, 0.1, 0.1                  # inches of margin
    grid_height = nrows * (side + title_room)
    width, height = 9.4, max(top + grid_height + bottom, 0.24 * len(table) + 1.3)
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=(width, height), layout="none")

        def rect(x, y, w, h):                          # inches from the bottom left, as figure fractions
            return (x / width, y / height, w / width, h / height)

        for k, row in enumerate(weights):
            r, c = divmod(k, ncols)
            y = height - top - (r + 1) * (side + title_room)
            ax = fig.add_axes(rect(left + c * (side + gap), y, side, side))
            picture = ax.imshow(row.reshape(SIDE, SIDE), cmap=WEIGHT_CMAP, vmin=-limit, vmax=limit)
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(True)
                spine.set_edgecolor("0.75")
            ax.set_title(tr("neuron {k}", k=k), fontsize=8, pad=2)
        grid_width = ncols * side + (ncols - 1) * gap
        bar = fig.add_axes(rect(left + grid_width + 0.15, height - top - grid_height + 0.3, 0.12, grid_height - 0.6))
        fig.colorbar(picture, cax=bar, label=tr("weight"))
        fig.text((left + grid_width / 2) / width, 1 - 0.12 / height,
                 tr("layer 1: each neuron's 784 weights"), ha="center", va="top", fontsize=11)

        cell = 0.24                                    # inches per neuron and per digit in the table
        x0 = left + grid_width + 1.45
        table_height = cell * len(table)
        y0 = height - top - table_height - 0.05
        ax = fig.add_axes(rect(x0, y0, cell * 10, table_height))
        heat = ax.imshow(table, cmap=ACTIVATION_CMAP, vmin=0.0, vmax=1.0, aspect="auto")
        ax.set_xticks(range(10))
        ax.set_yticks(range(len(table)))
        ax.tick_params(labelsize=8)
        ax.set_xlabel(tr("digit written"), fontsize=10)
        ax.set_ylabel(tr("second-layer neuron"), fontsize=10)
        bar = fig.add_axes(rect(x0 + cell * 10 + 0.15, y0 + 0.3, 0.12, table_height - 0.6))
        fig.colorbar(heat, cax=bar, label=tr("average activation"))
        fig.text((x0 + cell * 5) / width, 1 - 0.12 / height, tr("layer 2: average activation per digit"),
                 ha="center", va="top", fontsize=11)
    return fig
