"""Why a neuron squishes its weighted sum, and why it squishes smoothly.

Notebook 05 calls the functions here; tests/test_nb05_sigmoid.py checks what
the notebook's text says about their results.

**Why squish at all.** A neuron without a squishing function hands on its
weighted sum + bias as it is. Put two such neurons in a row: neuron 1 turns
its input a into 2a + 1, and neuron 2 turns that into 3 × (2a + 1) - 4, which
is 6a - 1. That is one weighted sum again, with weight 6 and bias -1, so the
second neuron added nothing new (:func:`collapse` works it out). The same
holds for whole layers: the 784-16-16-10 network without its sigmoids is one
784 → 10 layer (:func:`collapsed_network`). With σ between the two neurons
the output is no longer a straight line (:func:`show_two_neurons`).

    >>> collapse((2, 1), (3, -4))
    (6.0, -1.0)

**Why squish smoothly.** Notebook 04's neuron says yes or no: it fires when
weighted sum + bias > 0. Nudge its bias a little and, almost always, the
answer stays the same, so the nudge tells you nothing about which way to turn
the bias. The sigmoid's answer changes a little with every nudge, in a
direction you can see (:func:`nudge`, :func:`show_nudges`). Learning
(notebook 06) needs exactly that: small changes in a weight or a bias must
make small changes in the output.

    >>> step, activation = nudge(7.94, [-10.0, -9.9])
    >>> step.tolist(), activation.round(3).tolist()
    ([0.0, 0.0], [0.113, 0.123])

**The extensions' pictures.** Notebook 05's Going further sections draw each
figure with one call, so that no plotting code stands between a learner and
the idea: :func:`show_sigmoid` (the curve), :func:`show_before_and_after` (a
neuron's sums before σ and its activations after), :func:`show_squished_digits`,
:func:`show_slide_and_steepen` (what the bias and the size of the weights do to
the curve); and :func:`one_layer` runs the one layer that
:func:`collapsed_network` finds.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, describe, digit_labels, image_batch, number, require_finite
from .activations import sigmoid
from .figures import HIGHLIGHT, NEUTRAL, STYLE
from .language import tr

FIRST = (2.0, 1.0)
"""Notebook 05's neuron 1, as (weight, bias): it turns its input a into 2a + 1."""

SECOND = (3.0, -4.0)
"""Notebook 05's neuron 2, as (weight, bias): it turns neuron 1's number z into 3z - 4."""

INPUTS = np.linspace(-5.0, 5.0, 201)
"""The inputs a drawn by :func:`show_two_neurons`: from -5 to 5."""

BIASES = np.linspace(-20.0, 0.0, 401)
"""The biases drawn by :func:`show_nudges`: from -20 to 0, in steps of 0.05."""


def _neuron(pair, name: str) -> tuple[float, float]:
    """A one-input neuron given as (weight, bias): two finite numbers."""
    if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
        raise TypeError(f"{name} must be a pair (weight, bias), got {describe(pair)}")
    return number(pair[0], f"{name}'s weight"), number(pair[1], f"{name}'s bias")


def collapse(first=FIRST, second=SECOND) -> tuple[float, float]:
    """The one neuron, as (weight, bias), that does what two neurons in a row do without σ between them.

    Neuron 1 computes w1·a + b1; neuron 2 takes that number and computes
    w2·(w1·a + b1) + b2 = (w2·w1)·a + (w2·b1 + b2).

    >>> collapse((4, -2), (0.5, 3))
    (2.0, 2.0)
    """
    (w1, b1), (w2, b2) = _neuron(first, "first"), _neuron(second, "second")
    return float(w2 * w1), float(w2 * b1 + b2)


def two_neurons(a, first=FIRST, second=SECOND, squish: bool = False):
    """Neuron 2's weighted sum + bias when neuron 1 reads ``a``: 3 × (2a + 1) - 4 for the defaults.

    With ``squish=True``, σ sits between the two neurons: neuron 2 reads
    σ(2a + 1) instead of 2a + 1. Works element by element on an array ``a``.

    >>> float(two_neurons(1.0)), round(float(two_neurons(1.0, squish=True)), 3)
    (5.0, -1.142)
    """
    (w1, b1), (w2, b2) = _neuron(first, "first"), _neuron(second, "second")
    a = require_finite(as_float_array(a, "a"), "a")
    between = w1 * a + b1
    if squish:
        between = sigmoid(between)
    return (w2 * between + b2)[()]


def show_two_neurons(first=FIRST, second=SECOND, inputs=None):
    """Two neurons in a row, output against input: a straight line without σ between them, a bend with σ.

    Left: neuron 2's weighted sum + bias when neuron 1 hands on its number
    as it is; right: the same with σ between them. Each panel has its own
    vertical scale, so look at the shape, not the height.
    """
    inputs = INPUTS if inputs is None else require_finite(as_float_array(inputs, "inputs"), "inputs")
    if inputs.ndim != 1 or len(inputs) < 2:
        raise ValueError(f"inputs must be a 1-D array of at least two numbers, got {describe(inputs)}")
    (w1, b1), (w2, b2) = _neuron(first, "first"), _neuron(second, "second")
    weight, bias = collapse(first, second)
    import matplotlib.pyplot as plt

    with plt.rc_context(STYLE):
        fig, (plain, squished) = plt.subplots(1, 2, figsize=(9.0, 3.0))
    plain.plot(inputs, two_neurons(inputs, first, second), color="0.2", linewidth=2)
    plain.set_title(tr("no σ between: {formula}", formula=_formula(weight, bias)))
    squished.plot(inputs, two_neurons(inputs, first, second, squish=True), color=HIGHLIGHT, linewidth=2.5)
    squished.set_title(tr("σ between: {formula}", formula=f"{w2:g} × σ({_formula(w1, b1)}) {_signed(b2)}"))
    for ax in (plain, squished):
        ax.set_xlabel(tr("input a of neuron 1"))
    plain.set_ylabel(tr("output of neuron 2"))
    return fig


def _formula(weight: float, bias: float) -> str:
    """``6a - 1`` for weight 6 and bias -1."""
    return f"{weight:g}a {_signed(bias)}"


def _signed(number_: float) -> str:
    return f"+ {number_:g}" if number_ >= 0 else f"- {-number_:g}"


def nudge(weighted_sum, biases):
    """A neuron's two possible answers for one digit, for each of several biases: ``(step, activation)``.

    ``step`` is notebook 04's yes/no as a number, 1.0 where weighted sum +
    bias > 0 and 0.0 elsewhere; ``activation`` is σ(weighted sum + bias).
    """
    weighted_sum = number(weighted_sum, "weighted_sum")
    biases = require_finite(as_float_array(biases, "biases"), "biases")
    z = weighted_sum + biases
    return (z > 0).astype(np.float64), sigmoid(z)


def show_nudges(weighted_sum, nudged, biases=None):
    """One digit's output against the neuron's bias: notebook 04's yes/no and the sigmoid.

    Left, every bias in ``biases`` (from -20 to 0 by default): the yes/no
    (grey, dashed) is flat at 0, jumps to 1 where the bias equals -weighted
    sum, and is flat again; σ (dark) climbs all the way. Right, zoomed in on
    the ``nudged`` biases (orange dots on both curves; an orange band marks
    them on the left): the yes/no does not move, σ climbs a little at every nudge.
    """
    weighted_sum = number(weighted_sum, "weighted_sum")
    biases = BIASES if biases is None else require_finite(as_float_array(biases, "biases"), "biases")
    nudged = require_finite(as_float_array(nudged, "nudged"), "nudged").ravel()
    if len(nudged) < 2 or np.ptp(nudged) == 0:
        raise ValueError(f"nudged must hold at least two different biases, got {describe(nudged)}")
    low, high = float(nudged.min()), float(nudged.max())
    margin = 0.1 * (high - low)
    close = np.linspace(low - margin, high + margin, 101)
    import matplotlib.pyplot as plt

    with plt.rc_context(STYLE):
        fig, (whole, zoom) = plt.subplots(1, 2, figsize=(9.0, 3.0))
    for ax, xs in ((whole, biases), (zoom, close)):
        step, activation = nudge(weighted_sum, xs)
        ax.plot(xs, step, color=NEUTRAL, linestyle="--", linewidth=2, label=tr("yes/no (notebook 04)"))
        ax.plot(xs, activation, color="0.2", linewidth=2, label="σ")
        ax.set_xlabel("bias")
    for values in nudge(weighted_sum, nudged):
        zoom.plot(nudged, values, "o", color=HIGHLIGHT, markersize=6, markeredgecolor="0.2")
    whole.axvspan(low - margin, high + margin, color=HIGHLIGHT, alpha=0.3, linewidth=0)
    whole.set_ylim(-0.05, 1.05)
    whole.set_ylabel(tr("output"))
    whole.set_title(tr("every bias from {low:g} to {high:g}", low=biases.min(), high=biases.max()))
    whole.legend(loc=2, fontsize=9)  # upper left
    zoom.set_title(tr("zoomed in on the nudges"))
    return fig


def collapsed_network(network) -> tuple[np.ndarray, np.ndarray]:
    """The one layer ``(W, b)`` that gives what ``network`` gives with every σ taken out.

    Each layer without σ computes W(l) a + b(l); one layer fed into the next
    is W(2) (W(1) a + b(1)) + b(2) = (W(2) W(1)) a + (W(2) b(1) + b(2)), again
    one layer. For the 784-16-16-10 network, W is 10 × 784.
    """
    weights, bias = network.weights[0], network.biases[0]
    for W, b in zip(network.weights[1:], network.biases[1:]):
        weights, bias = W @ weights, W @ bias + b
    return weights, bias


def without_squishing(network, images) -> np.ndarray:
    """The network's outputs, layer after layer, with every σ taken out: one row of outputs per image."""
    outputs, _ = image_batch(images, "images", network.sizes[0])
    for W, b in zip(network.weights, network.biases):
        outputs = outputs @ W.T + b
    return outputs


def one_layer(weights, biases, images) -> np.ndarray:
    """One layer of neurons without σ: for every image, each neuron's weighted sum + bias.

    ``weights`` holds one row of 784 weights per neuron, ``biases`` one bias
    per neuron; ``images`` is a batch of n images. Returns n rows, one number
    per neuron in each: what :func:`collapsed_network`'s layer gives.

    >>> one_layer(np.ones((2, 784)), [0.0, -1.0], np.full((3, 28, 28), 0.5)).tolist()
    [[392.0, 391.0], [392.0, 391.0], [392.0, 391.0]]
    """
    weights = require_finite(as_float_array(weights, "weights"), "weights")
    if weights.ndim != 2:
        raise ValueError(f"weights must hold one row of weights per neuron, shaped (neurons, inputs), "
                         f"got {describe(weights)}")
    biases = require_finite(as_float_array(biases, "biases"), "biases")
    if biases.shape != (len(weights),):
        raise ValueError(f"biases must hold one bias per neuron ({len(weights)}), got {describe(biases)}")
    batch, _ = image_batch(images, "images", weights.shape[1])
    return batch @ weights.T + biases


SIGMOID_XS = np.linspace(-10.0, 10.0, 401)
"""The x drawn by :func:`show_sigmoid`: from -10 to 10."""


def show_sigmoid(xs=None):
    """σ(x) for x from -10 to 10: flat near 0, a steep climb, flat near 1; σ(0) = 0.5 marked in orange.

    Dotted lines at 0 and 1 mark the limits the curve comes ever closer to but never reaches.
    """
    xs = SIGMOID_XS if xs is None else require_finite(as_float_array(xs, "xs"), "xs")
    import matplotlib.pyplot as plt

    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.0, 3.2))
    ax.axhline(0, color=NEUTRAL, linestyle=":")
    ax.axhline(1, color=NEUTRAL, linestyle=":")
    ax.plot(xs, sigmoid(xs), color="0.2", linewidth=2)
    ax.plot([0], [0.5], "o", color=HIGHLIGHT, markersize=9, markeredgecolor="0.2")
    ax.annotate("σ(0) = 0.5", (0, 0.5), xytext=(1.2, 0.38))
    ax.set_xlabel(tr("x (weighted sum + bias)"))
    ax.set_ylabel("σ(x)")
    ax.set_title("σ(x) = 1 / (1 + e⁻ˣ)")
    return fig


def show_before_and_after(z, labels, digit=7):
    """A neuron's weighted sums + bias (left) and its activations σ of them (right), as two histograms.

    The images of ``digit`` in orange, all the others in grey; each group is
    drawn as shares of itself, so that a small group is as easy to read as a
    big one. A dashed line marks 0 on the left: the threshold of notebook 04.
    """
    z = require_finite(as_float_array(z, "z"), "z")
    if z.ndim != 1 or len(z) == 0:
        raise ValueError(f"z must be a 1-D array with one weighted sum + bias per image, got {describe(z)}")
    labels = digit_labels(labels, len(z))
    digit = number(digit, "digit", minimum=0, integer=True)
    chosen = labels == digit
    if not chosen.any() or chosen.all():
        raise ValueError(f"the images must hold some {digit}s and some other digits, to compare them")
    import matplotlib.pyplot as plt

    with plt.rc_context(STYLE):
        fig, (before, after) = plt.subplots(1, 2, figsize=(9.0, 3.0))
    low, high = np.floor(z.min()), np.ceil(z.max())
    panels = ((before, z, np.linspace(low, high, int(high - low) + 1)), (after, sigmoid(z), np.linspace(0, 1, 21)))
    for ax, values, bins in panels:
        groups = ((~chosen, NEUTRAL, tr("other digits")), (chosen, HIGHLIGHT, tr("{digit}s", digit=digit)))
        for group, colour, name in groups:
            share = np.full(group.sum(), 1 / group.sum())   # each image counts as a share of its group
            ax.hist(values[group], bins=bins, weights=share, color=colour, alpha=0.75, label=name)
    before.axvline(0, color="0.2", linestyle="--", linewidth=1)
    before.set_xlabel(tr("weighted sum + bias"))
    before.set_ylabel(tr("share of the digits"))
    before.set_title(tr("before the sigmoid"))
    after.set_xlabel(tr("activation σ(weighted sum + bias)"))
    after.set_title(tr("after the sigmoid"))
    after.legend(loc=9)  # upper center
    return fig


def show_squished_digits(images, z, title=None):
    """Digits side by side, each titled with its weighted sum + bias ``z`` and, below it, σ(z).

    ``title`` above them all: by default, what the numbers are.
    """
    if title is None:
        title = tr("weighted sum + bias, and below it the activation")
    batch, _ = image_batch(images, "images")
    z = require_finite(as_float_array(z, "z"), "z")
    if z.shape != (len(batch),):
        raise ValueError(f"z must hold one weighted sum + bias per image ({len(batch)}), got {describe(z)}")
    from .figures import show_digits

    return show_digits(batch, [f"{value:+.1f}\n{sigmoid(value):.2f}" for value in z], title=title)


SLIDE_BIASES = (-5.0, -10.0, -15.0)
"""The biases of :func:`show_slide_and_steepen`'s left panel (scale 1)."""

STEEPEN_SCALES = (0.5, 1.0, 3.0)
"""The scales of its right panel, each with the bias -10 × scale, so the middle stays at a sum of 10."""


def show_slide_and_steepen(sums=None):
    """The activation σ(scale × sum + bias) against a neuron's weighted sum, in two panels.

    Left, the scale stays 1 and the bias changes (:data:`SLIDE_BIASES`): the
    curve slides sideways, its middle where the sum equals -bias. Right, the
    scale changes (:data:`STEEPEN_SCALES`) with the bias -10 × scale: the
    middle stays at 10, and bigger weights make the curve steeper.
    """
    sums = np.linspace(-5.0, 25.0, 301) if sums is None else require_finite(as_float_array(sums, "sums"), "sums")
    import matplotlib.pyplot as plt

    styles = ("--", "-", ":")
    with plt.rc_context(STYLE):
        fig, (slide_ax, steep_ax) = plt.subplots(1, 2, figsize=(9.0, 3.2), sharey=True)
    for bias, style in zip(SLIDE_BIASES, styles):
        slide_ax.plot(sums, sigmoid(sums + bias), color="0.2", linestyle=style, linewidth=2,
                      label=tr("bias {bias:g}", bias=bias))
    for scale, style in zip(STEEPEN_SCALES, styles):
        steep_ax.plot(sums, sigmoid(scale * sums - 10 * scale), color="0.2", linestyle=style, linewidth=2,
                      label=tr("scale {scale:g}, bias {bias:g}", scale=scale, bias=-10 * scale))
    for ax, title in ((slide_ax, tr("the bias slides the curve")), (steep_ax, tr("the scale makes it steeper"))):
        ax.axhline(0.5, color=NEUTRAL, linestyle=":")
        ax.set_xlabel(tr("the detector's weighted sum"))
        ax.set_title(title)
        ax.legend(loc=2, fontsize=9)  # upper left
    slide_ax.set_ylabel(tr("activation"))
    return fig
