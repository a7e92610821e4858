"""Notebook 07's lesson module: 16 hand-made neurons as one matrix, and three ways to run a network.

**The square neurons.** Notebook 07 builds a layer of 16 neurons by hand, so
that its matrix W has something to look at: cut the middle of the image into a
4 × 4 grid of squares, 5 × 5 pixels each; neuron k has weight 1 on the 25
pixels of square k and 0 elsewhere, so its weighted sum is the ink in its
square. :func:`square_neuron` gives one neuron's 784 weights (the notebook's
own ``square_neuron`` is its twin), :func:`square_neurons` stacks all 16 into
W, shape (16, 784). The ``show_*`` functions draw what the notebook shows.
:func:`layer_explorer` is a live widget of the square layer, for teachers
(the notebook's core now uses ``nnbook.widgets.ForwardPassStepper``).

**Three forward passes.** The rest runs a network on many images, from slowest
to fastest. The notebook times them; its own ``network_function`` is the twin
of :func:`forward_matrix`'s loop over layers, and tests/test_nb07_matrices.py
checks both against ``Network.forward``. :func:`print_times` and
:func:`show_times` show what :func:`time_forward_passes` measured, and
:func:`show_weight_matrices` draws a network's matrices to scale.

They all compute the same numbers, a(l) = σ(W(l) a(l-1) + b(l)) layer by
layer; only the bookkeeping differs:

- :func:`forward_per_neuron`: a Python loop over every image and every
  neuron, each computing its own weighted sum, as in the weighted-sums
  notebook. 42 small calculations per image for the 784-16-16-10 network.
- :func:`forward_per_sample`: a loop over the images; for each, one matrix
  product W @ a per layer computes the whole layer at once.
- :func:`forward_matrix`: no loop over images. Stack the images as the rows
  of one matrix A; then A @ W.T computes every neuron for every image in one
  product per layer.

The arithmetic is the same; the difference is how much of it Python does one
number at a time, and how much numpy does in one go in fast compiled code.
:func:`time_forward_passes` measures it.
"""

from __future__ import annotations

import timeit
from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np

from ._validate import SIDE, as_float_array, describe, image_batch, number, pixel_grid, positive_int, require_finite
from .activations import sigmoid
from .figures import ACTIVATION_CMAP, HIGHLIGHT, NEUTRAL, STYLE, WEIGHT_CMAP, new_axes, show_digit, show_weights
from .language import tr, whole
from .network import Network

# The square neurons ------------------------------------------------------------

GRID = 4
"""The squares make a GRID × GRID = 4 × 4 grid: 16 neurons."""
SQUARE = 5
"""Each square is SQUARE × SQUARE = 5 × 5 pixels."""
CORNER = 4
"""Row and column of the grid's top-left pixel: the 20 × 20 middle of the image, where people write."""
SQUARE_BIAS = -5.0
"""Notebook 07's bias for every square neuron: it lights up when its square holds more than 5 pixels of ink."""
N_SQUARES = GRID * GRID


def square_neuron(k) -> np.ndarray:
    """The 784 weights of square neuron ``k`` (0 to 15): 1 on square k of the 4 × 4 grid, 0 elsewhere.

    Square k sits in grid row k // 4 and grid column k % 4, so neuron 0 is at
    the top left and neuron 15 at the bottom right. Its weighted sum with an
    image is the ink in its square.

    >>> weights = square_neuron(5)
    >>> weights.shape, int(weights.sum())
    ((784,), 25)
    """
    k = number(k, "k", minimum=0, integer=True)
    if k >= N_SQUARES:
        raise ValueError(tr("k must be a neuron number from 0 to {last}, got {k}", last=N_SQUARES - 1, k=k))
    grid_row, grid_col = divmod(k, GRID)
    top, left = CORNER + SQUARE * grid_row, CORNER + SQUARE * grid_col
    weights = np.zeros((SIDE, SIDE))
    weights[top:top + SQUARE, left:left + SQUARE] = 1.0
    return weights.reshape(SIDE * SIDE)


def square_neurons() -> np.ndarray:
    """W: the 16 square neurons' weights stacked as rows, shape (16, 784); row k is ``square_neuron(k)``.

    >>> W = square_neurons()
    >>> W.shape, int(W[3].sum()), float(W[3, 3])
    ((16, 784), 25, 0.0)
    """
    return np.array([square_neuron(k) for k in range(N_SQUARES)])


def _layer(W, b):
    """W and b of one layer of 16 neurons that read 784 pixels, checked, as float arrays."""
    W = require_finite(as_float_array(W, "W"), "W")
    if W.shape != (N_SQUARES, SIDE * SIDE):
        raise ValueError(tr("W must have one row of 784 weights for each of 16 neurons, shape (16, 784), "
                            "got shape {shape}", shape=W.shape))
    b = require_finite(as_float_array(b, "b"), "b")
    if b.shape != (N_SQUARES,):
        raise ValueError(tr("b must hold one bias for each of the 16 neurons, shape (16,), got shape {shape}",
                            shape=b.shape))
    return W, b


def _frame(ax):
    """A thin grey frame, so that a weight map (white where the weight is 0) does not melt into the page."""
    ax.spines[:].set_visible(True)
    ax.spines[:].set_color("0.7")


def show_square_neurons(W=None):
    """The 16 rows of W, each as a 28 × 28 weight map, 4 to a row; W defaults to :func:`square_neurons`.

    For the square neurons: blue squares tiling the middle of the image,
    neuron 0 at the top left and neuron 15 at the bottom right. Notebook 07
    passes the W it built itself.
    """
    W = square_neurons() if W is None else require_finite(as_float_array(W, "W"), "W")
    if W.ndim != 2 or W.shape[1] != SIDE * SIDE or not 1 <= len(W) <= N_SQUARES:
        raise ValueError(tr("W must have one row of 784 weights for each of at most 16 neurons, shape (16, 784), "
                            "got shape {shape}", shape=W.shape))
    limit = float(np.max(np.abs(W))) or 1.0
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(GRID, GRID, figsize=(5.2, 5.2))
    for k, ax in enumerate(axes.flat):
        if k < len(W):
            show_weights(W[k], ax=ax, limit=limit, colorbar=False, title=tr("neuron {digit}", digit=k))
            _frame(ax)  # a thin frame shows where the image ends
        else:
            ax.set_axis_off()
    return fig


def show_matrix_rows(W, k=5):
    """W drawn to scale, one thin row per neuron, with row ``k`` framed in orange and folded back into 28 × 28.

    A square of 5 × 5 pixels lies on 5 rows of the image, so in W's long row
    it shows as 5 short dashes, 28 places apart.
    """
    W = require_finite(as_float_array(W, "W"), "W")
    if W.ndim != 2 or W.shape[1] != SIDE * SIDE:
        raise ValueError(tr("W must have one row of 784 weights per neuron, shape (n, 784), got shape {shape}",
                            shape=W.shape))
    k = number(k, "k", minimum=0, integer=True)
    if k >= len(W):
        raise ValueError(tr("k must be a row of W, from 0 to {last}, got {k}", last=len(W) - 1, k=k))
    limit = float(np.max(np.abs(W))) or 1.0
    with plt.rc_context(STYLE):
        fig, (strip_ax, square_ax) = plt.subplots(1, 2, figsize=(9.5, 2.6), width_ratios=[4, 1])
    strip_ax.imshow(W, cmap=WEIGHT_CMAP, vmin=-limit, vmax=limit, aspect="auto", interpolation="nearest")
    strip_ax.add_patch(plt.Rectangle((-0.5, k - 0.5), W.shape[1], 1, fill=False, edgecolor=HIGHLIGHT, linewidth=2))
    strip_ax.set_xlabel(tr("column = pixel (0 … {last})", last=W.shape[1] - 1))
    strip_ax.set_ylabel(tr("row = neuron"))
    strip_ax.set_yticks(range(0, len(W), 5))
    strip_ax.set_title(tr("W: {rows} rows × {columns} columns", rows=len(W), columns=W.shape[1]))
    show_weights(W[k], ax=square_ax, limit=limit, colorbar=False, title=tr("row {k} as 28 × 28", k=k))
    _frame(square_ax)
    return fig


def show_layer_as_grid(activations, ax=None, ring=None):
    """16 activations as grey circles, 4 to a row, as the video draws neurons: black is 0, white is 1.

    The neuron numbered ``ring`` gets an orange ring.
    """
    activations = require_finite(as_float_array(activations, "activations"), "activations")
    if activations.shape != (N_SQUARES,):
        raise ValueError(tr("activations must be the 16 activations of one layer, got shape {shape}",
                            shape=activations.shape))
    fig, ax = new_axes(ax, (2.4, 2.4))
    grey = plt.get_cmap(ACTIVATION_CMAP)
    for k, value in enumerate(activations):
        row, col = divmod(k, GRID)
        edge, width = (HIGHLIGHT, 3) if k == ring else ("0.45", 0.8)
        ax.add_patch(plt.Circle((col, row), 0.4, facecolor=grey(float(np.clip(value, 0.0, 1.0))),
                                edgecolor=edge, linewidth=width))
    ax.set_xlim(-0.6, GRID - 0.4)
    ax.set_ylim(GRID - 0.4, -0.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig


def _draw_grid(ax):
    """The 4 × 4 squares' edges, in orange, over a 28 × 28 image."""
    edges = np.arange(CORNER, CORNER + GRID * SQUARE + 1, SQUARE) - 0.5
    ax.hlines(edges, edges[0], edges[-1], color=HIGHLIGHT, linewidth=0.8)
    ax.vlines(edges, edges[0], edges[-1], color=HIGHLIGHT, linewidth=0.8)


def show_layer(image, W, b):
    """One image through the square-neuron layer, in three pictures.

    Left, the image a(0) with the 4 × 4 squares drawn over it; middle, the 16
    weighted sums W a(0), one bar per neuron, with the threshold that each
    bias sets (a dashed line at −b); right, a(1) = σ(W a(0) + b) as 16 grey
    circles. Bars above the threshold are orange, and their circles bright.
    """
    a0 = pixel_grid(image, "image").reshape(SIDE * SIDE)
    W, b = _layer(W, b)
    sums = W @ a0
    with plt.rc_context(STYLE):
        fig, (image_ax, bar_ax, grid_ax) = plt.subplots(1, 3, figsize=(10, 3), width_ratios=[1, 1.6, 1])
    show_digit(a0, ax=image_ax, title=tr("a(0): the image"))
    _draw_grid(image_ax)
    bar_ax.bar(range(N_SQUARES), sums, color=[HIGHLIGHT if s > -bias else NEUTRAL for s, bias in zip(sums, b)])
    if np.all(b == b[0]):
        bar_ax.axhline(-b[0], color="0.2", linestyle="--", linewidth=1)
    else:
        bar_ax.hlines(-b, np.arange(N_SQUARES) - 0.45, np.arange(N_SQUARES) + 0.45, color="0.2", linestyle="--")
    bar_ax.set_xticks(range(0, N_SQUARES, 3))
    bar_ax.set_xlabel(tr("neuron"))
    bar_ax.set_ylabel(tr("weighted sum"))
    bar_ax.set_title(tr("W a(0): ink per square"))
    show_layer_as_grid(sigmoid(sums + b), grid_ax)
    grid_ax.set_title("a(1) = σ(W a(0) + b)")
    return fig


def layer_explorer(images, labels, W, b, index=0, k=5):
    """A live widget of the square layer: pick an image and a neuron, and see that neuron inside the matrix.

    Notebook 07 used it before ``nnbook.widgets.ForwardPassStepper``; it stays for teachers.

    It shows the image with the neuron's square in orange, the neuron's row
    of W as a 28 × 28 picture, and the whole layer a(1) with that neuron
    ringed; the line below works out the neuron's activation from its row
    of W: weighted sum, plus bias, squished. Make it the last line of a cell.
    """
    from ipywidgets import Dropdown, IntSlider, interactive  # imported here, so that `import nnbook` stays light

    batch, _ = image_batch(images, "images")
    labels = np.asarray(labels)
    if labels.shape != (len(batch),):
        raise ValueError(tr("labels must hold one label per image ({n}), got shape {shape}", n=len(batch),
                            shape=labels.shape))
    W, b = _layer(W, b)
    limit = float(np.max(np.abs(W))) or 1.0

    def explore(index, k):
        a0 = batch[index]
        a1 = sigmoid(W @ a0 + b)
        with plt.rc_context(STYLE):
            fig, (image_ax, row_ax, grid_ax) = plt.subplots(1, 3, figsize=(8.5, 2.8))
        show_digit(a0, ax=image_ax, title=tr("image {index}: a {digit}", index=index, digit=labels[index]))
        grid_row, grid_col = divmod(k, GRID)
        image_ax.add_patch(plt.Rectangle((CORNER - 0.5 + SQUARE * grid_col, CORNER - 0.5 + SQUARE * grid_row),
                                         SQUARE, SQUARE, fill=False, edgecolor=HIGHLIGHT, linewidth=2))
        show_weights(W[k], ax=row_ax, limit=limit, colorbar=False, title=tr("row {k} of W", k=k))
        _frame(row_ax)
        show_layer_as_grid(a1, grid_ax, ring=k)
        grid_ax.set_title("a(1)")
        plt.show()
        weighted_sum = float(W[k] @ a0)
        print(tr("neuron {k}: weighted sum {weighted_sum:.2f}, plus bias {bias:.0f}, squished: σ({z:.2f}) = {a:.3f}",
                 k=k, weighted_sum=weighted_sum, bias=b[k], z=weighted_sum + b[k], a=a1[k]))

    return interactive(explore,
                       index=IntSlider(value=index, min=0, max=len(batch) - 1, description=tr("image")),
                       k=Dropdown(options=range(N_SQUARES), value=k, description=tr("neuron")))


def first_of_each_digit(labels) -> list[int]:
    """The index of the first image of each digit 0-9 in ``labels``.

    >>> first_of_each_digit([3, 1, 0, 1, 2, 9, 8, 7, 6, 5, 4])
    [2, 1, 4, 0, 10, 9, 8, 7, 6, 5]
    """
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(tr("labels must be a list of digits, got shape {shape}", shape=labels.shape))
    missing = [digit for digit in range(10) if not np.any(labels == digit)]
    if missing:
        raise ValueError(tr("labels must hold every digit 0-9 at least once; missing: {missing}", missing=missing))
    return [int(np.flatnonzero(labels == digit)[0]) for digit in range(10)]


def show_one_of_each(images, labels, A1):
    """The first image of each digit 0-9 on top, and below each one its 16 activations from A1 as a 4 × 4 grid.

    ``A1`` holds the square layer's activations with one row per image
    (notebook 07's batch result ``sigmoid(A0 @ W.T + b)``), in the same order
    as ``images`` and ``labels``.
    """
    batch, _ = image_batch(images, "images")
    A1 = require_finite(as_float_array(A1, "A1"), "A1")
    if A1.shape != (len(batch), N_SQUARES):
        raise ValueError(tr("A1 must hold the 16 activations of each of the {n} images, shape ({n}, 16), "
                            "got shape {shape}", n=len(batch), shape=A1.shape))
    labels = np.asarray(labels)
    if labels.shape != (len(batch),):
        raise ValueError(tr("labels must hold one label per image ({n}), got shape {shape}", n=len(batch),
                            shape=labels.shape))
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(2, 10, figsize=(11, 2.6))
    for digit, index in enumerate(first_of_each_digit(labels)):
        show_digit(batch[index], ax=axes[0, digit], title=str(digit))
        show_layer_as_grid(A1[index], axes[1, digit])
    return fig


# Three forward passes -----------------------------------------------------------


def forward_per_neuron(network: Network, images) -> np.ndarray:
    """The outputs, neuron by neuron: for each image, each layer, each neuron, σ(w · a + b)."""
    batch, single = _inputs(network, images)
    functions = network.layer_functions
    outputs = []
    for image in batch:
        a = image
        for W, b, f in zip(network.weights, network.biases, functions):
            layer = np.empty(len(b))
            for j in range(len(b)):
                weighted_sum = np.dot(W[j], a) + b[j]  # neuron j: its row of weights, its bias
                layer[j] = f(weighted_sum)
            a = layer
        outputs.append(a)
    return _result(np.array(outputs), single)


def forward_per_sample(network: Network, images) -> np.ndarray:
    """The outputs, image by image: for each image, a = σ(W @ a + b), one product per layer."""
    batch, single = _inputs(network, images)
    functions = network.layer_functions
    outputs = []
    for image in batch:
        a = image
        for W, b, f in zip(network.weights, network.biases, functions):
            a = f(W @ a + b)
        outputs.append(a)
    return _result(np.array(outputs), single)


def forward_matrix(network: Network, images) -> np.ndarray:
    """The outputs for all images at once: A = σ(A @ W.T + b), one product per layer.

    Row i of A is image i's activations, so row i of A @ W.T holds image i's
    weighted sums, the same numbers W @ a gives for that image alone.
    """
    batch, single = _inputs(network, images)
    A = batch
    for W, b, f in zip(network.weights, network.biases, network.layer_functions):
        A = f(A @ W.T + b)
    return _result(A, single)


WAYS = {"per neuron": forward_per_neuron, "per sample": forward_per_sample, "matrix": forward_matrix}
"""The three forward passes by name, slowest first."""


def time_forward_passes(network: Network, images, repeats: int = 3) -> dict[str, float]:
    """Seconds each way takes to run ``network`` on ``images``: the fastest of ``repeats`` runs.

    Returns ``{"per neuron": ..., "per sample": ..., "matrix": ...}``. The
    fastest run is the fairest measure: slower runs were slowed by something
    else the computer was doing at the time. Timings vary from computer to
    computer and run to run; the ratios between the three are what to look at.
    Python's own :mod:`timeit` does the timing, as it would for you by hand.

    Notebook 07's call (the untrained 784-16-16-10 network, the 2,000 test
    digits, ``repeats=3``) took about 4 s on a 2-core machine with nothing
    else to do (the slowest way, 1.0 s a run, is most of it), 8 s with other
    programs keeping both cores busy, and 13 s in a play-test.
    """
    _inputs(network, images)
    repeats = positive_int(repeats, "repeats")
    return {name: min(timeit.repeat(lambda way=way: way(network, images), number=1, repeat=repeats))
            for name, way in WAYS.items()}


def way_names() -> dict[str, str]:
    """What notebook 07 calls the three ways of :data:`WAYS`, in the current language."""
    return {"per neuron": tr("one neuron at a time"), "per sample": tr("one image at a time"),
            "matrix": tr("all images at once")}


class _WayNames(Mapping):
    """:func:`way_names` as a mapping, named in the current language when read."""

    def __getitem__(self, way):
        return way_names()[way]

    def __iter__(self):
        return iter(WAYS)

    def __len__(self):
        return len(WAYS)

    def __repr__(self):
        return repr(way_names())


WAY_NAMES = _WayNames()
"""What notebook 07 calls the three ways of :data:`WAYS` (in the language :func:`nnbook.set_language` chose)."""


def _seconds(seconds) -> dict[str, float]:
    if not isinstance(seconds, dict) or list(seconds) != list(WAYS):
        raise TypeError(tr("seconds must be what time_forward_passes returned, a dict with the keys {keys}, "
                           "got {got}", keys=list(WAYS), got=describe(seconds)))
    return {way: number(value, f"seconds[{way!r}]", minimum=0) for way, value in seconds.items()}


def times_table(seconds) -> str:
    """What :func:`time_forward_passes` measured, one line per way, and how many times as fast as the slowest.

    >>> print(times_table({"per neuron": 1.0, "per sample": 0.125, "matrix": 0.025}))
    one neuron at a time: 1.0000 seconds
     one image at a time: 0.1250 seconds, 8 times as fast
      all images at once: 0.0250 seconds, 40 times as fast
    """
    seconds = _seconds(seconds)
    slowest = seconds["per neuron"]
    names = way_names()
    width = max(map(len, names.values()))
    lines = []
    for way, time_taken in seconds.items():
        line = f"{names[way]:>{width}}: " + tr("{seconds:.4f} seconds", seconds=time_taken)
        if 0 < time_taken < slowest:
            line += ", " + tr("{times:.0f} times as fast", times=slowest / time_taken)
        lines.append(line)
    return "\n".join(lines)


def print_times(seconds) -> None:
    """Print :func:`times_table`: notebook 07's speed measurement in words."""
    print(times_table(seconds))


def show_times(seconds):
    """A bar per way, in seconds, the fastest (all images at once) in orange; returns the Figure."""
    seconds = _seconds(seconds)
    names = [way_names()[way] for way in seconds]
    values = list(seconds.values())
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6, 2.2))
    ax.barh(names, values, color=[NEUTRAL, NEUTRAL, HIGHLIGHT])
    for row, value in enumerate(values):
        ax.text(value, row, f"  {value:.3f} s", va="center")
    ax.invert_yaxis()
    ax.set_xlim(0, 1.25 * max(max(values), 1e-9))
    ax.set_xlabel(tr("seconds for all {n} test images", n=whole(2000)))
    return fig


def show_weight_matrices(network: Network):
    """A 784-16-16-10 network's three weight matrices drawn to scale, one small square per weight.

    W(1) on top, 16 × 784; W(2) and W(3) below it at its left. Each matrix has
    its own symmetric colour limits, so white is always 0. Shows how nearly
    all the weights sit between the pixels and the first hidden layer.
    """
    if not isinstance(network, Network):
        raise TypeError(tr("network must be an nnbook.Network, got {got}", got=describe(network)))
    if tuple(network.sizes) != (SIDE * SIDE, N_SQUARES, N_SQUARES, 10):
        raise ValueError(tr("network must be 784-16-16-10, like the video's, got {network}", network=network))
    places = [(0, 0), (0, 34), (260, 34)]  # (left, top) of each matrix, measured in weights
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(10, 1.9))
    for number_, (W, (left, top)) in enumerate(zip(network.weights, places), start=1):
        rows, cols = W.shape
        limit = float(np.max(np.abs(W))) or 1.0
        ax.imshow(W, cmap=WEIGHT_CMAP, vmin=-limit, vmax=limit, extent=(left, left + cols, top + rows, top))
        label = tr("W({number}): {rows} × {cols} = {size} weights", number=number_, rows=rows, cols=cols,
                   size=whole(W.size))
        if number_ == 1:
            ax.text(left, top - 3, label, va="bottom")
        else:
            ax.text(left + cols + 8, top + rows / 2, label, va="center")
    ax.set_xlim(-2, 786)
    ax.set_ylim(52, -14)
    ax.set_axis_off()
    return fig


def _inputs(network, images):
    if not isinstance(network, Network):
        raise TypeError(tr("network must be an nnbook.Network, got {got}", got=describe(network)))
    network._check_parameters()
    return image_batch(images, "images", network.sizes[0])


def _result(outputs, single):
    return outputs[0] if single else outputs
