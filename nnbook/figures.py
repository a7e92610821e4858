"""The course's pictures, in one visual language.

- Activations are greys: 0.0 is black and 1.0 is white, as in the video.
- Weights use the diverging map ``RdBu`` with symmetric limits, so a weight of
  zero is white, positive weights are blue and negative weights are red.
  ``RdBu`` stays readable for the common kinds of colour blindness.
- The winning digit is marked in orange (``HIGHLIGHT``).

Every ``show_*`` function returns its matplotlib Figure. Pass ``ax=`` to draw
into an axes you already have. In a notebook, end the cell with ``plt.show()``.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import Normalize
from matplotlib.patches import Circle, Rectangle

from ._validate import (
    SIDE,
    as_float_array,
    describe,
    image_batch,
    pixel_grid,
    positive_float,
    positive_int,
    require_finite,
    require_pixels,
)
from .language import tr
from .network import Network

ACTIVATION_CMAP = "gray"
WEIGHT_CMAP = "RdBu"
HIGHLIGHT = "#E69F00"  # Okabe-Ito orange: distinct from the greys and from RdBu
NEUTRAL = "0.65"

STYLE = {
    "figure.dpi": 80,
    "savefig.dpi": 80,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "image.interpolation": "nearest",
    "figure.constrained_layout.use": True,
}
"""The course's matplotlib settings, used by every figure nnbook draws."""


def set_style() -> None:
    """Use the course's figure style for every plot in this session."""
    plt.rcParams.update(STYLE)


def new_axes(ax, figsize):
    """The figure and axes to draw into: ``ax`` itself, or a new figure in the course style."""
    if ax is not None:
        return ax.figure, ax
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=figsize)
    return fig, ax


def grid_shape(n: int, ncols) -> tuple[int, int]:
    """Rows and columns for a grid of ``n`` pictures, at most ``ncols`` to a row: ``(nrows, ncols)``."""
    ncols = min(positive_int(ncols, "ncols"), n)
    return math.ceil(n / ncols), ncols


def image_grid(n: int, ncols, cell, *, spacing=None):
    """A new figure with a grid of empty axes for ``n`` small pictures: ``(fig, axes)``, the first ``n`` axes.

    Each picture gets ``cell`` = (width, height) inches. Without ``spacing``
    matplotlib's constrained layout arranges the grid. With ``spacing``, a
    dict of ``left``/``right``/``top``/``bottom`` margins in inches and
    ``wspace``/``hspace``, the grid is fixed: constrained layout takes
    seconds for dozens of axes.
    """
    nrows, ncols = grid_shape(n, ncols)
    margins = {"left": 0.05, "right": 0.05, "top": 0.0, "bottom": 0.05, "wspace": 0.2, "hspace": 0.2, **(spacing or {})}
    width = cell[0] * ncols + margins["left"] + margins["right"]
    height = cell[1] * nrows + margins["top"] + margins["bottom"]
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False,
                                 layout=None if spacing is None else "none")
    if spacing is not None:
        fig.subplots_adjust(left=margins["left"] / width, right=1 - margins["right"] / width,
                            bottom=margins["bottom"] / height, top=1 - margins["top"] / height,
                            wspace=margins["wspace"], hspace=margins["hspace"])
    for ax in axes.flat:
        ax.set_axis_off()
    return fig, list(axes.flat)[:n]


def show_digit(image, ax=None, title=None):
    """Show one 28×28 image in greys: 0.0 black, 1.0 white, as in the video."""
    image = pixel_grid(image, "image")
    fig, ax = new_axes(ax, (2.6, 2.6))
    ax.imshow(image, cmap=ACTIVATION_CMAP, vmin=0.0, vmax=1.0)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title is not None:
        ax.set_title(title)
    return fig


def show_digits(images, labels=None, ncols=10, title=None):
    """Show several images in a grid, each with its label (if given) above it."""
    images = as_float_array(images, "images")
    if images.ndim == 2 and images.shape[1] == SIDE * SIDE:
        images = images.reshape(-1, SIDE, SIDE)
    if images.ndim != 3 or images.shape[1:] != (SIDE, SIDE) or len(images) == 0:
        raise ValueError(f"images must be a batch shaped (n, 28, 28) or (n, 784) with n ≥ 1, got shape {images.shape}")
    require_pixels(images, "images")
    if labels is not None:
        if isinstance(labels, (str, bytes, dict, set)) or not hasattr(labels, "__len__"):
            raise TypeError(f"labels must be a list with one title per image, got {describe(labels)}")
        if len(labels) != len(images):
            raise ValueError(f"labels must have one entry per image ({len(images)}), got {len(labels)}")
    fig, axes = image_grid(len(images), ncols, (1.1, 1.25))
    for i, ax in enumerate(axes):
        ax.imshow(images[i], cmap=ACTIVATION_CMAP, vmin=0.0, vmax=1.0)
        if labels is not None:
            ax.set_title(str(labels[i]), fontsize=10)
    if title is not None:
        fig.suptitle(title)
    return fig


def weight_limit(weights) -> float:
    """The symmetric colour limit for a weight map: the largest |weight| (1.0 if all are 0)."""
    weights = require_finite(as_float_array(weights, "weights"), "weights")
    largest = float(np.max(np.abs(weights))) if weights.size else 0.0
    return largest if largest > 0 else 1.0


def show_weights(weights_row, ax=None, title=None, limit=None, colorbar=True):
    """Show one neuron's 784 weights as a 28×28 map.

    Blue is positive, red negative, white zero. The colour limits are
    symmetric, ±``limit`` (by default the largest |weight|), so that white
    always means zero.
    """
    weights = pixel_grid(weights_row, "weights_row", pixels=False)
    limit = weight_limit(weights) if limit is None else positive_float(limit, "limit")
    fig, ax = new_axes(ax, (3.2, 2.6))
    picture = ax.imshow(weights, cmap=WEIGHT_CMAP, vmin=-limit, vmax=limit)
    ax.set_xticks([])
    ax.set_yticks([])
    # Zero is white, so without a frame a weight map melts into the page.
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_edgecolor("0.75")
    if title is not None:
        ax.set_title(title)
    if colorbar:
        fig.colorbar(picture, ax=ax, shrink=0.85, label=tr("weight"))
    return fig


def show_prediction(outputs, ax=None, title=None):
    """A bar for each of the 10 output neurons; the winner is marked in orange."""
    outputs = require_finite(as_float_array(outputs, "outputs"), "outputs")
    if outputs.shape != (10,):
        raise ValueError(f"outputs must be the 10 output activations of one image, got {describe(outputs)}")
    winner = int(np.argmax(outputs))
    fig, ax = new_axes(ax, (4.0, 2.4))
    colours = [HIGHLIGHT if digit == winner else NEUTRAL for digit in range(10)]
    ax.bar(range(10), outputs, color=colours)
    ax.set_xticks(range(10))
    ax.set_xlabel(tr("digit"))
    ax.set_ylabel(tr("output activation"))
    ax.set_ylim(0, max(1.0, float(outputs.max())))
    ax.set_title(title if title is not None else tr("the network says: {winner}", winner=winner))
    return fig


MIDDLE_COLUMN = np.arange(4, 24) * SIDE + SIDE // 2
"""Pixel indices of the image's middle column, rows 4-23: the input neurons show_network draws."""
MIDDLE_COLUMN.flags.writeable = False  # shared by every layout; network_layout hands out copies


def _shown_neurons(size: int, max_shown: int) -> tuple[np.ndarray, bool]:
    """Which neurons of a layer to draw, and whether some are left out."""
    if size <= max_shown:
        return np.arange(size), False
    half = max_shown // 2
    return np.concatenate([np.arange(half), np.arange(size - half, size)]), True


def network_layout(network, max_shown=16):
    """Where ``show_network`` draws each neuron: a list, per layer, of (indices, x, ys, cut).

    Every array in it is new, so changing one changes no later layout.
    """
    layers = []
    for layer, size in enumerate(network.sizes):
        if layer == 0 and size == SIDE * SIDE:
            indices, cut = MIDDLE_COLUMN[2:18].copy(), True
        else:
            indices, cut = _shown_neurons(size, max_shown)
        count = len(indices) + cut
        ys = np.linspace(1, -1, count) * min(1.0, count / 17)
        if cut:
            half = len(indices) // 2
            ys = np.concatenate([ys[:half], ys[half + 1:]])
        layers.append((indices, float(layer), ys, cut))
    return layers


NETWORK_FIGSIZE = (8.0, 4.4)
"""The size, in inches, of the figure ``show_network`` makes."""


def network_axes(fig):
    """The two axes of ``show_network``'s figure: the input image at the left, the network beside it."""
    return fig.add_axes((0.0, 0.35, 0.16, 0.3)), fig.add_axes((0.17, 0.02, 0.82, 0.96))


def show_network_input(network, image, ax):
    """The input image beside the network, with its drawn pixels (part of the middle column) framed in orange."""
    ax.imshow(np.reshape(image, (SIDE, SIDE)), cmap=ACTIVATION_CMAP, vmin=0, vmax=1)
    if network.sizes[0] == SIDE * SIDE:
        shown = network_layout(network)[0][0]
        rows, column = shown // SIDE, shown[0] % SIDE
        ax.add_patch(Rectangle((column - 0.5, rows.min() - 0.5), 1, rows.max() - rows.min() + 1,
                               fill=False, edgecolor=HIGHLIGHT, linewidth=1.2))
    ax.set_axis_off()


def show_network(network, image, strongest=40, ax=None):
    """The video's picture: neurons as circles lit by their activation.

    Each circle's grey is its activation (black 0, white 1). Lines are the
    ``strongest`` connections by size of weight between the drawn neurons,
    blue for positive and red for negative weights. The input column shows
    16 of the 784 input neurons, the pixels of the image's middle column
    (marked on the image at the left); the dots stand for the rest. The
    output with the highest activation is ringed in orange.
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
    if network.sizes[0] != SIDE * SIDE:
        raise ValueError(f"network must read 28×28 images (784 inputs), got a network with sizes {network.sizes}")
    strongest = positive_int(strongest, "strongest")
    batch, single = image_batch(image, "image")
    if not single:
        raise ValueError(f"image must be one image, shaped (28, 28) or (784,), not a batch of {len(batch)}")
    layers = network.activations(batch[0])
    layout = network_layout(network)
    with plt.rc_context(STYLE):
        if ax is None:
            fig = plt.figure(figsize=NETWORK_FIGSIZE, layout="none")
            image_ax, ax = network_axes(fig)
        else:
            fig, image_ax = ax.figure, None
    if image_ax is not None:
        show_network_input(network, layers[0], image_ax)

    norm = Normalize(-1.0, 1.0)
    weight_cmap = plt.get_cmap(WEIGHT_CMAP)
    for layer in range(1, len(layout)):
        (src, x0, y0, _), (dst, x1, y1, _) = layout[layer - 1], layout[layer]
        block = network.weights[layer - 1][np.ix_(dst, src)]
        limit = weight_limit(block)
        order = np.argsort(-np.abs(block), axis=None)[:strongest]
        for flat in order:
            j, i = np.unravel_index(flat, block.shape)
            w = block[j, i]
            line, = ax.plot([x0, x1], [y0[i], y1[j]], color=weight_cmap(norm(0.85 * np.sign(w))),
                            linewidth=0.4 + 2.2 * abs(w) / limit, alpha=0.75, zorder=1)
            line.set_gid(f"weight-{layer}-{dst[j]}-{src[i]}")

    winner = int(np.argmax(layers[-1]))
    grey = plt.get_cmap(ACTIVATION_CMAP)
    last = len(layout) - 1
    for layer, (indices, x, ys, cut) in enumerate(layout):
        radius = min(0.055, 0.9 / max(len(ys) + cut, 1))
        for index, y in zip(indices, ys):
            a = float(layers[layer][index])
            ringed = layer == last and index == winner
            circle = Circle((x, y), radius, facecolor=grey(a), zorder=2,
                            edgecolor=HIGHLIGHT if ringed else "0.45", linewidth=2.5 if ringed else 0.8)
            circle.set_gid(f"neuron-{layer}-{index}")
            ax.add_patch(circle)
            if layer == last:
                label = ax.text(x + 0.09, y, f"{index}", va="center", fontsize=9,
                                fontweight="bold" if ringed else "normal")
                label.set_gid(f"label-{index}")
        if cut:
            ax.text(x, 0.0, "⋮", ha="center", va="center", fontsize=16, color="0.2", zorder=3,
                    bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none"))
        name = tr("input") if layer == 0 else tr("output") if layer == last else tr("hidden {layer}", layer=layer)
        ax.text(x, -1.22, tr("{name}\n{count} neurons", name=name, count=network.sizes[layer]),
                ha="center", va="top", fontsize=9)
    ax.set_xlim(-0.25, last + 0.3)
    ax.set_ylim(-1.5, 1.12)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig
