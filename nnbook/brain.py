"""Why it is called a *neural* network: a nerve cell beside a network's neuron.

Notebook 02 uses this module for its picture of the brain analogy that the video opens with.

A nerve cell in your brain, a *neuron*, receives signals from other neurons
through its branches, the *dendrites*; when enough arrive, it sends a signal of
its own along its *axon* to the next neurons. A network's neuron borrows the
name and the idea of that flow, nothing more: it is a thing that holds one
number between 0 and 1, its *activation*, worked out from the activations of
the layer before, each weighed by the *weight* of its connection.

The comparison stops there. Real neurons send short pulses (spikes) whose
timing matters, have thousands of connections of many kinds, and do not learn
by the arithmetic a network uses. A neural network is loosely inspired by the
brain; it is not a model of it.

    >>> from nnbook import brain
    >>> len(brain.INPUT_ACTIVATIONS) == len(brain.WEIGHTS)    # one weight per incoming line
    True
    >>> round(brain.network_neuron_activation(), 2)          # the number the picture writes in the neuron
    0.79
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import Normalize
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch

from .activations import sigmoid
from .figures import ACTIVATION_CMAP, STYLE, WEIGHT_CMAP
from .language import tr

INPUT_ACTIVATIONS = (0.9, 0.1, 0.7, 0.0, 1.0)
"""The activations of the five neurons of the layer before, in the picture's network neuron (top to bottom)."""

WEIGHTS = (1.5, -2.0, 1.0, -1.0, 0.5)
"""The weight of each incoming line: blue for positive, red for negative, thicker for larger."""

BIAS = -1.0
"""The network neuron's bias (notebook 04); with it, the neuron's activation comes out at about 0.79."""

DENDRITES = 5
"""How many branches of dendrites the nerve cell in the picture has: a real one has many more."""



def brain_labels() -> tuple[str, str, str]:
    """The nerve cell's labels, in the current language: its dendrites, cell body and axon."""
    return tr("dendrites: signals come in"), tr("cell body"), tr("axon: a signal goes out")


def network_labels() -> tuple[str, str, str]:
    """The network neuron's labels, in the current language, broken into lines as the picture shows them."""
    return (tr("activations of the layer before"), tr("weights (notebook 03):\nhow much each input counts"),
            tr("one number\nbetween 0 and 1"))


def network_neuron_activation() -> float:
    """The activation written in the picture's network neuron: σ(weights · activations + bias).

    How that is worked out is the subject of notebooks 03 (the weighted sum),
    04 (the bias) and 05 (σ, the sigmoid); notebook 02 only needs that it is
    one number between 0 and 1, computed from the layer before.
    """
    weighted_sum = float(np.dot(WEIGHTS, INPUT_ACTIVATIONS))
    return float(sigmoid(weighted_sum + BIAS))


def _draw_nerve_cell(ax) -> None:
    """A schematic nerve cell, signals flowing from left to right: dendrites, cell body, axon, terminals."""
    body_x, body_r = 3.2, 0.8
    stems = np.linspace(2.1, -2.1, DENDRITES)
    for i, end_y in enumerate(stems):
        # One dendrite: a stem from the cell body out to the left, forking into two twigs.
        fork = (1.3, 0.75 * end_y)
        line, = ax.plot([body_x - 0.6 * body_r, fork[0]], [0.35 * end_y, fork[1]], color="0.35", linewidth=2.2,
                        solid_capstyle="round")
        line.set_gid(f"dendrite-{i}")
        for twig in (-0.35, 0.35):
            ax.plot([fork[0], 0.3], [fork[1], end_y + twig], color="0.35", linewidth=1.3, solid_capstyle="round")
        arrow = FancyArrowPatch((0.35, end_y), (1.0, 0.85 * end_y), arrowstyle="-|>", mutation_scale=9,
                                color="#3a6ea5", linewidth=1.0)
        arrow.set_gid(f"signal-in-{i}")
        ax.add_patch(arrow)
    body = Ellipse((body_x, 0.0), 2 * body_r, 1.7 * body_r, facecolor="0.85", edgecolor="0.3", linewidth=1.5,
                   zorder=3)
    body.set_gid("cell-body")
    ax.add_patch(body)
    ax.add_patch(Circle((body_x, 0.0), 0.28, facecolor="0.55", edgecolor="none", zorder=4))
    axon, = ax.plot([body_x + body_r, 8.3], [0.0, 0.0], color="0.35", linewidth=2.4, zorder=2)
    axon.set_gid("axon")
    for end_y in (-0.8, 0.0, 0.8):
        ax.plot([8.3, 9.1], [0.0, end_y], color="0.35", linewidth=1.3)
        ax.add_patch(Circle((9.15, end_y), 0.13, facecolor="0.35", edgecolor="none"))
    out = FancyArrowPatch((5.6, 0.45), (7.4, 0.45), arrowstyle="-|>", mutation_scale=11, color="#3a6ea5",
                          linewidth=1.4)
    out.set_gid("signal-out")
    ax.add_patch(out)
    dendrites, cell_body, axon = brain_labels()
    ax.text(1.6, -2.75, dendrites, ha="center", va="top", fontsize=9)
    ax.text(body_x, 1.05, cell_body, ha="center", va="bottom", fontsize=9)
    ax.text(6.6, -0.4, axon, ha="center", va="top", fontsize=9)
    ax.set_title(tr("a neuron in your brain"))


def _draw_network_neuron(ax) -> None:
    """A network's neuron: grey input neurons, weighted lines in RdBu, one node holding its activation."""
    grey, weight_colour = plt.get_cmap(ACTIVATION_CMAP), plt.get_cmap(WEIGHT_CMAP)
    norm = Normalize(-1.0, 1.0)
    largest = max(abs(w) for w in WEIGHTS)
    node_x, node_r = 5.0, 0.75
    ys = np.linspace(2.1, -2.1, len(INPUT_ACTIVATIONS))
    for i, (a, w, y) in enumerate(zip(INPUT_ACTIVATIONS, WEIGHTS, ys)):
        line, = ax.plot([1.0, node_x], [y, 0.0], color=weight_colour(norm(0.85 * np.sign(w))),
                        linewidth=0.8 + 3.2 * abs(w) / largest, zorder=1)
        line.set_gid(f"weight-{i}")
        neuron = Circle((1.0, y), 0.32, facecolor=grey(a), edgecolor="0.45", linewidth=1.0, zorder=2)
        neuron.set_gid(f"input-{i}")
        ax.add_patch(neuron)
    activation = network_neuron_activation()
    node = Circle((node_x, 0.0), node_r, facecolor=grey(activation), edgecolor="0.3", linewidth=1.5, zorder=3)
    node.set_gid("neuron")
    ax.add_patch(node)
    value = ax.text(node_x, 0.0, f"{activation:.2f}", ha="center", va="center", fontsize=11, zorder=4,
                    color="black" if activation > 0.5 else "white")
    value.set_gid("activation")
    out = FancyArrowPatch((node_x + node_r, 0.0), (8.6, 0.0), arrowstyle="-|>", mutation_scale=12, color="0.35",
                          linewidth=1.6)
    out.set_gid("to-next-layer")
    ax.add_patch(out)
    before, weights, one_number = network_labels()
    ax.text(1.6, -2.75, before, ha="center", va="top", fontsize=9)
    ax.text(1.55, 1.75, weights, ha="left", va="bottom", fontsize=9, color="0.25")
    ax.text(node_x + 0.5, -0.85, one_number, ha="left", va="top", fontsize=9)
    ax.text(7.4, 0.25, tr("to the next layer"), ha="center", va="bottom", fontsize=9)
    ax.set_title(tr("a neuron in the network"))


def show_neuron_analogy():
    """Notebook 02's picture of the word *neural*: a nerve cell on the left, a network's neuron on the right.

    Left: dendrites bring signals in, the cell body gathers them, the axon
    passes a signal on (blue arrows: the direction of the flow). Right: the
    activations of five neurons of the layer before (greys: 0 black, 1 white)
    come in along lines whose colour is the sign of their weight (blue
    positive, red negative) and whose width is its size; the neuron holds one
    number, which it passes on to the next layer. Returns the figure.
    """
    with plt.rc_context(STYLE):
        fig, (brain_ax, network_ax) = plt.subplots(1, 2, figsize=(9.0, 3.4))
    _draw_nerve_cell(brain_ax)
    _draw_network_neuron(network_ax)
    for ax in (brain_ax, network_ax):
        ax.set_xlim(-0.5, 9.6)
        ax.set_ylim(-3.3, 2.9)
        ax.set_aspect("equal")
        ax.set_axis_off()
    return fig
