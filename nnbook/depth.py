"""Deep networks: why ReLU trains where the sigmoid gets stuck, and how ReLU is "off or on".

Notebook 08 uses this module; tests/test_nb08_relu.py checks what the
notebook's text says about the results.

Stack many sigmoid layers and training stalls. Backpropagation sends the
error signal backwards through every layer, and each sigmoid multiplies it
by its slope, which is never more than 0.25. The weights multiply it too:
large weights could make up for the quarter (or even blow the signal up),
but the weights of these networks start small, and after six layers the
signal reaching the first layer is tens of thousands of times weaker than at
the output, so the first layers barely learn. A ReLU's slope is exactly 1
wherever the neuron is active, so there the signal passes on at full size.

- :func:`compare_sigmoid_relu` shows this with real training: two networks
  of the same shape, one with sigmoid and one with ReLU hidden layers,
  trained in the same way on the same digits; :func:`show_learning_curves`
  draws the result, and :func:`learning_rate_table` and
  :func:`show_learning_rates` compare several learning rates.
- :func:`show_slopes`, :func:`show_fading` (with :func:`fading_text`) and
  :func:`show_slope_sizes` draw the notebook's pictures of the slopes: the
  sigmoid's and ReLU's, the most the slopes keep after n layers, and the
  measured slopes of the cost layer by layer.
- :func:`on_off_slider` (the notebook's widget, drawn by :func:`show_on_off`)
  and :func:`first_hidden_layer` show Lisha Li's reason for ReLU: below 0 a
  ReLU neuron is off, exactly 0, like a brain cell that does not fire; a
  sigmoid neuron is never exactly 0.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.transforms import offset_copy

from ._validate import as_float_array, describe, image_batch, number, positive_float, positive_int, require_finite
from ._validate import seed as check_seed
from .activations import relu, sigmoid
from .data import load_digits
from .figures import HIGHLIGHT, STYLE, new_axes
from .language import tr, whole
from .network import Network
from .training import History, TrainingDiverged, _reporter, gradient_sizes, train

CHANCE = 0.1  # ten digits: guessing gets one in ten right

SIGMOID_COLOUR, RELU_COLOUR = "0.35", HIGHLIGHT
"""The two colours of notebook 08's pictures: dark grey for the sigmoid, orange for ReLU."""

Z_RANGE = (-6.0, 6.0)
"""The values of z (weighted sum plus bias) that :func:`show_on_off` draws, and the slider's range."""

RATE_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00")
"""Okabe-Ito colours, one per learning rate in :func:`show_learning_rates`; readable with colour blindness."""


class DepthComparison:
    """The result of :func:`compare_sigmoid_relu`.

    ``sigmoid`` and ``relu`` are the two training :class:`~nnbook.training.History`
    objects (test accuracy per epoch in ``.test_accuracy``);
    ``sigmoid_network`` and ``relu_network`` the trained networks;
    ``sigmoid_gradients`` and ``relu_gradients`` the average size of the
    weight gradients in each layer, first layer first, measured on the
    untrained networks: how strongly the first training step moves each layer.

    ``sigmoid_answers`` and ``relu_answers`` hold, for every epoch, each
    network's answers for the 2,000 test digits (one array of 2,000 digits
    per epoch): notebook 08 shows with them that the deep sigmoid network
    answers the same digit for every image.

    ``diverged`` maps "sigmoid" or "relu" to the message of
    :class:`~nnbook.training.TrainingDiverged` when that network's training
    blew up (a learning rate far too large for it); its History and network
    then stop at the last epoch that went well.
    """

    def __init__(self, sizes, epochs, learning_rate, histories, networks, gradients, diverged, answers=((), ())):
        self.sizes = sizes
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.sigmoid, self.relu = histories
        self.sigmoid_network, self.relu_network = networks
        self.sigmoid_gradients, self.relu_gradients = gradients
        self.diverged = diverged
        self.sigmoid_answers, self.relu_answers = (list(a) for a in answers)

    def __repr__(self) -> str:
        shape = "-".join(str(n) for n in self.sizes)
        columns = (tr("test accuracy"), tr("first-layer gradient"), tr("last-layer gradient"))
        widths = [max(len(column), width) for column, width in zip(columns, (13, 20, 19))]
        rows = [tr("DepthComparison({shape}, {epochs} epochs, learning rate {rate:g})", shape=shape,
                   epochs=self.epochs, rate=self.learning_rate),
                f"  {'':8} " + "  ".join(f"{column:>{width}}" for column, width in zip(columns, widths))]
        for name, history, grads in (("sigmoid", self.sigmoid, self.sigmoid_gradients),
                                     ("relu", self.relu, self.relu_gradients)):
            accuracy = f"{history.test_accuracy[-1]:.1%}" if len(history) else "-"
            rows.append(f"  {name:8} {accuracy:>{widths[0]}}  {grads[0]:>{widths[1]}.2e}  {grads[-1]:>{widths[2]}.2e}")
        rows += [f"  {name}: {message}" for name, message in self.diverged.items()]
        return "\n".join(rows)

    def show(self):
        """Two panels: test accuracy per epoch, and gradient size per layer (log scale)."""
        with plt.rc_context(STYLE):
            fig, (left, right) = plt.subplots(1, 2, figsize=(9.0, 3.4))
        show_learning_curves(self, ax=left)
        left.set_title(tr("Learning"))
        layers = np.arange(1, len(self.sigmoid_gradients) + 1)
        right.semilogy(layers, self.sigmoid_gradients, "o-", color=SIGMOID_COLOUR, label=tr("sigmoid"))
        right.semilogy(layers, self.relu_gradients, "o-", color=RELU_COLOUR, label="ReLU")
        right.set(xlabel=tr("layer (1 = first after the input)"), ylabel=tr("average |∂C/∂w|"),
                  title=tr("Gradient size before training"), xticks=layers)
        right.legend(frameon=False)
        return fig


def compare_sigmoid_relu(hidden_layers=6, width=16, *, epochs=10, batch_size=10, learning_rate=0.1,
                         n_images=8000, seed=0, progress=None) -> DepthComparison:
    """Train a deep sigmoid network and the same-shape ReLU network; return a :class:`DepthComparison`.

    Both networks are 784, then ``hidden_layers`` layers of ``width``
    neurons, then 10 outputs (sigmoid, as always); by default 784-16-16-16-
    16-16-16-10. Both start from random weights drawn with ``seed`` (scaled
    for their activation, see :class:`~nnbook.Network`) and train on the
    first ``n_images`` training digits with the same quadratic cost, batch
    size, number of epochs, shuffling and learning rate. Accuracy is measured
    on the 2,000 test digits.

    Both get the same learning rate, 0.1, the best for the ReLU network of
    0.1, 0.3, 1 and 3 (10 epochs, seed 0: it ends at 92%, 29%, 11% and, at 3,
    its training diverges in epoch 1, every output stuck at 0 or 1, and the
    comparison's ``diverged`` says so; notebook 08 shows this). Is that unfair
    to the sigmoid? It stayed at chance (10-11% on the test digits) with
    every one of those rates, with 10 and 30, and for 30 epochs at 3, so no
    rate in that range rescues it. With seeds 1, 2 and 3 the ReLU network
    reached 90%, 91% and 80% and the sigmoid network again stayed at 10-11%.

    Takes about 2 s with the defaults (1.6 to 3.4 s on a 2-core AMD EPYC machine); on the same
    machine, with other programs keeping both cores busy, it took 14 s and, in a play-test, 26 s.
    """
    hidden_layers = positive_int(hidden_layers, "hidden_layers")
    width = positive_int(width, "width")
    learning_rate = positive_float(learning_rate, "learning_rate")
    n_images = positive_int(n_images, "n_images")
    seed = check_seed(seed)
    images, labels = load_digits("train")
    if n_images > len(images):
        raise ValueError(tr("n_images must be at most {most} (the training digits), got {n}", most=len(images),
                            n=n_images))
    images, labels = images[:n_images], labels[:n_images]
    test = load_digits("test")
    sizes = (784,) + (width,) * hidden_layers + (10,)
    histories, networks, gradients, diverged, answers = [], [], [], {}, []
    for activation in ("sigmoid", "relu"):
        network = Network(sizes, activation=activation, seed=seed)
        gradients.append(gradient_sizes(network, images, labels))
        epoch_answers = []
        with _reporter(progress, epochs) as report:

            def after_epoch(history, network=network, epoch_answers=epoch_answers, report=report):
                # train has just given the network this epoch's weights: ask it about the test digits.
                epoch_answers.append(network.predict(test[0]))
                report(history)

            try:
                history = train(network, images, labels, epochs=epochs, batch_size=batch_size,
                                learning_rate=learning_rate, seed=seed, test=test, progress=after_epoch)
            except TrainingDiverged as error:  # a result worth showing next to the other network's
                history, diverged[activation] = error.history, str(error)
        histories.append(history)
        networks.append(network)
        answers.append(epoch_answers)
    return DepthComparison(sizes, epochs, learning_rate, histories, networks, gradients, diverged, answers)


def show_learning_curves(comparison, ax=None):
    """Notebook 08's learning curves: each network's test accuracy after every epoch, and chance dotted.

    ``comparison`` is what :func:`compare_sigmoid_relu` returned. Returns the Figure.
    """
    if not isinstance(comparison, DepthComparison):
        raise TypeError(tr("comparison must be what compare_sigmoid_relu returned, got {got}",
                           got=describe(comparison)))
    fig, ax = new_axes(ax, (6.0, 3.2))
    for label, history, colour in ((tr("sigmoid hidden layers"), comparison.sigmoid, SIGMOID_COLOUR),
                                   (tr("ReLU hidden layers"), comparison.relu, RELU_COLOUR)):
        ax.plot(history.epochs, history.test_accuracy, "o-", color=colour, label=label)
    ax.axhline(CHANCE, color="0.3", linestyle=":", linewidth=1)
    below = offset_copy(ax.transData, fig=ax.figure, x=0, y=-12, units="points")  # 12 points below the line
    ax.text(comparison.epochs, CHANCE, tr("chance"), transform=below, fontsize=9, color="0.3",
            horizontalalignment="right")
    ax.set(xlabel=tr("epoch"), ylabel=tr("test accuracy"), ylim=(0, 1))
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    ax.xaxis.set_major_locator(plt.matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(frameon=False, loc=7)  # center right
    return fig


def _runs(comparisons) -> list[DepthComparison]:
    runs = list(comparisons) if isinstance(comparisons, (list, tuple)) else None
    if not runs or not all(isinstance(run, DepthComparison) for run in runs):
        raise TypeError(tr("comparisons must be a non-empty list of what compare_sigmoid_relu returned, got {got}",
                           got=describe(comparisons)))
    return runs


def _verdict(history: History, diverged: str | None) -> str:
    """Best and last test accuracy, or when training diverged."""
    accuracy = history.test_accuracy
    if diverged is None:
        return tr("best {best:.0%}, last {last:.0%}", best=max(accuracy), last=accuracy[-1])
    epoch = tr("diverged in epoch {epoch}", epoch=len(history) + 1)
    return tr("best {best:.0%}, then {diverged}", best=max(accuracy), diverged=epoch) if accuracy else epoch


def learning_rate_table(comparisons) -> str:
    """A table with a row per comparison: its learning rate, and each network's best and last test accuracy.

    Notebook 08 prints it for the learning rates 0.1, 0.3, 1 and 3. A network
    whose training diverged (see :class:`DepthComparison`) says in which epoch.
    """
    runs = _runs(comparisons)
    rate = tr("learning rate")
    width = max(13, len(rate))
    rows = [f"{rate:>{width}}   {tr('sigmoid'):<30}ReLU"]
    for run in runs:
        rows.append(f"{run.learning_rate:>{width}g}   {_verdict(run.sigmoid, run.diverged.get('sigmoid')):<30}"
                    f"{_verdict(run.relu, run.diverged.get('relu'))}")
    return "\n".join(rows)


def show_learning_rates(comparisons):
    """Two panels, sigmoid and ReLU: the test accuracy per epoch for each learning rate, one colour per rate.

    ``comparisons`` is a list of what :func:`compare_sigmoid_relu` returned,
    one per learning rate; notebook 08 draws 0.1, 0.3, 1 and 3. The legend
    (in the sigmoid panel, whose lines all stay low) names the rates, and a
    network whose training diverged. Returns the Figure.
    """
    runs = _runs(comparisons)
    if len(runs) > len(RATE_COLOURS):
        raise ValueError(tr("comparisons can hold at most {most} runs, got {n}", most=len(RATE_COLOURS), n=len(runs)))
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.2), sharey=True)
    for ax, name, title in zip(axes, ("sigmoid", "relu"), (tr("sigmoid hidden layers"), tr("ReLU hidden layers"))):
        for run, colour in zip(runs, RATE_COLOURS):
            history = getattr(run, name)
            ax.plot(history.epochs, history.test_accuracy, "o-", color=colour, markersize=4,
                    label=_rate_label(run) if ax is axes[0] else None)
        ax.axhline(CHANCE, color="0.3", linestyle=":", linewidth=1)
        ax.set(title=title, xlabel=tr("epoch"), ylim=(0, 1), xlim=(0.5, max(run.epochs for run in runs) + 0.5))
        ax.xaxis.set_major_locator(plt.matplotlib.ticker.MaxNLocator(integer=True))
    axes[0].legend(title=tr("learning rate"), frameon=False, fontsize=9, title_fontsize=9, loc=1)  # upper right
    axes[0].set_ylabel(tr("test accuracy"))
    axes[0].yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    return fig


def _rate_label(run: DepthComparison) -> str:
    """A run's learning rate for a legend, with the networks whose training diverged."""
    names = {"sigmoid": tr("sigmoid"), "relu": "ReLU"}
    notes = [tr("{name} diverged in epoch {epoch}", name=names[name], epoch=len(getattr(run, name)) + 1)
             for name in ("sigmoid", "relu") if name in run.diverged]
    return f"{run.learning_rate:g}" + (f" ({', '.join(notes)})" if notes else "")


# Slopes: why the sigmoid fades ------------------------------------------

def _slope(function, z, nudge=1e-6):
    """The slope the notebook measures: nudge z a little, and divide the change in the output by the nudge."""
    return (function(z + nudge) - function(z)) / nudge


def show_slopes(slope=None):
    """Two panels: the slope of the sigmoid and of ReLU for z from -6 to 6, with the sigmoid's best, 0.25, dashed.

    ``slope(f, z)`` measures the slope of ``f`` at ``z`` (an array of them);
    notebook 08 passes its own, written in the cell before. By default, the
    same nudge-and-divide with a nudge of 0.000001. Returns the Figure.
    """
    if slope is None:
        slope = _slope
    elif not callable(slope):
        raise TypeError(tr("slope must be a function slope(f, z), got {got}", got=describe(slope)))
    z = np.linspace(*Z_RANGE, 601)
    with plt.rc_context(STYLE):
        fig, (sigmoid_ax, relu_ax) = plt.subplots(1, 2, figsize=(8, 2.8), sharex=True, sharey=True)
    sigmoid_ax.plot(z, slope(sigmoid, z), color=SIGMOID_COLOUR, linewidth=2.5)
    sigmoid_ax.axhline(0.25, color="0.2", linestyle="--", linewidth=1)
    sigmoid_ax.text(Z_RANGE[0], 0.27, "0.25", fontsize=9)
    sigmoid_ax.set_title(tr("slope of the sigmoid"))
    relu_ax.plot(z, slope(relu, z), color=RELU_COLOUR, linewidth=2.5)
    relu_ax.set_title(tr("slope of ReLU"))
    for ax in (sigmoid_ax, relu_ax):
        ax.set_xlabel(tr("z = weighted sum + bias"))
    sigmoid_ax.set_ylabel(tr("slope"))
    sigmoid_ax.set_ylim(-0.05, 1.1)
    return fig


MAX_FADING_DEPTH = 20
"""The most layers :func:`show_fading` draws (its axis is fixed, so that more layers add bars)."""


def fading_text(depth) -> str:
    """The line under notebook 08's fading picture: the most the slopes alone keep after ``depth`` sigmoid layers.

    >>> print(fading_text(6))
    after 6 sigmoid layer(s): the slopes alone keep at most 1/4,096 of the change, before the weights act
    """
    depth = number(depth, "depth", minimum=1, integer=True)
    return tr("after {depth} sigmoid layer(s): the slopes alone keep at most 1/{fraction} of the change, "
              "before the weights act", depth=depth, fraction=whole(4 ** depth))


def show_fading(depth=6) -> None:
    """Bars for 1 to ``depth`` layers: 0.25 per layer for the sigmoid's slopes, 1 for ReLU neurons that are on.

    The scale is logarithmic (each step on the axis is 100 times smaller), and
    the axis is fixed from 1 to 20 layers. Below the picture it prints
    :func:`fading_text`. Notebook 08 hands it to ``ipywidgets.interact`` with
    a slider for ``depth``, which calls it again every time the slider moves;
    so it shows the picture itself and returns nothing (``interact`` would
    show a returned Figure a second time).
    """
    depth = number(depth, "depth", minimum=1, integer=True)
    if depth > MAX_FADING_DEPTH:
        raise ValueError(tr("depth must be at most {most}, got {depth}", most=MAX_FADING_DEPTH, depth=depth))
    layers = np.arange(1, depth + 1)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.5, 3))
    ax.bar(layers - 0.2, 0.25 ** layers, width=0.4, color=SIGMOID_COLOUR,
           label=tr("sigmoid slopes: at most 0.25 per layer"))
    ax.bar(layers + 0.2, np.ones(depth), width=0.4, color=RELU_COLOUR, label=tr("ReLU, neurons on: 1 per layer"))
    ax.set_yscale("log")
    ax.set_ylim(1e-13, 5)
    ax.set_xlim(0.4, MAX_FADING_DEPTH + 0.6)  # fixed, so that moving the slider adds bars instead of rescaling
    ax.set_xticks(range(2, MAX_FADING_DEPTH + 1, 2))
    ax.set_xlabel(tr("number of layers the change passes through"))
    ax.set_ylabel(tr("share the slopes keep, at best"))
    ax.legend(loc=8, bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False, fontsize=9)  # lower center, above the axes
    plt.show()
    print(fading_text(depth))


def show_slope_sizes(sigmoid_slopes, relu_slopes):
    """The average size of the cost's slopes, layer by layer (log scale): a sigmoid line and a ReLU line.

    The two lists are what ``nnbook.training.gradient_sizes`` gives for the
    sigmoid network and the ReLU network, first layer first. Returns the Figure.
    """
    lines = []
    for name, values in (("sigmoid_slopes", sigmoid_slopes), ("relu_slopes", relu_slopes)):
        values = require_finite(as_float_array(values, name), name)
        if values.ndim != 1 or len(values) == 0 or np.any(values <= 0):
            raise ValueError(tr("{name} must be a list of positive numbers, one per layer, got {got}", name=name,
                                got=describe(values)))
        lines.append(values)
    if len(lines[0]) != len(lines[1]):
        raise ValueError(tr("sigmoid_slopes and relu_slopes must have one number per layer each, got {a} and {b}",
                            a=len(lines[0]), b=len(lines[1])))
    layers = np.arange(1, len(lines[0]) + 1)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.semilogy(layers, lines[0], "o-", color=SIGMOID_COLOUR, label=tr("sigmoid hidden layers"))
    ax.semilogy(layers, lines[1], "o-", color=RELU_COLOUR, label=tr("ReLU hidden layers"))
    ax.set_xticks(layers)
    ax.set_xlabel(tr("layer (1 = first after the pixels, {last} = output)", last=len(layers)))
    ax.set_ylabel(tr("average size of the slopes"))
    ax.legend(frameon=False)
    return fig


# Off or on: Lisha Li's reason for ReLU ------------------------------------

def on_off_text(z) -> str:
    """What the widget prints for ``z``, the weighted sum plus the bias: the sigmoid's value and ReLU's, off or on.

    >>> print(on_off_text(-2))
    z = -2.0:   sigmoid 0.1192 (small, but not 0)   ReLU 0.0 (off)
    >>> print(on_off_text(3))
    z = 3.0:   sigmoid 0.9526   ReLU 3.0 (on: it passes z on)
    """
    z = number(z, "z")
    s, r = float(sigmoid(z)), float(relu(z))
    sigmoid_part = tr("sigmoid {s:.4f} (small, but not 0)", s=s) if z < 0 else tr("sigmoid {s:.4f}", s=s)
    relu_part = tr("ReLU {r:.1f} (on: it passes z on)", r=r) if r > 0 else tr("ReLU {r:.1f} (off)", r=r)
    return f"z = {z:.1f}:   {sigmoid_part}   {relu_part}"


def show_on_off(z=-2.0):
    """Notebook 08's widget picture: the sigmoid and ReLU side by side, with a dot at ``z``.

    ``z`` is a neuron's weighted sum plus its bias, as in notebook 05. Both
    functions are drawn for z from -6 to 6. Left of 0, ReLU lies exactly on 0:
    the neuron is off. The sigmoid gets small there, but stays above 0.
    Returns the Figure.
    """
    z = number(z, "z")
    grid = np.linspace(*Z_RANGE, 601)
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, 2, figsize=(8.0, 2.8), sharex=True)
    for ax, function, colour, title in ((axes[0], sigmoid, SIGMOID_COLOUR, tr("sigmoid: σ(z) = 1 / (1 + e⁻ᶻ)")),
                                        (axes[1], relu, RELU_COLOUR, "ReLU(z) = max(0, z)")):
        ax.axhline(0, color="0.8", linewidth=0.8, zorder=0)
        ax.axvline(0, color="0.8", linewidth=0.8, zorder=0)
        ax.plot(grid, function(grid), color=colour, linewidth=2.5)
        ax.plot([z], [function(z)], "o", color="black", markersize=8, zorder=3)
        ax.set(title=title, xlabel=tr("z = weighted sum + bias"), xlim=(Z_RANGE[0] - 0.3, Z_RANGE[1] + 0.3))
    axes[0].set_ylabel(tr("activation"))
    return fig


def on_off_slider(z=-2.0):
    """The live widget of notebook 08: a slider for z (weighted sum plus bias); :func:`show_on_off` follows it.

    Below the picture it prints both values (:func:`on_off_text`). Make it the last line of a cell.
    """
    from ipywidgets import FloatSlider, interactive  # imported here, so that `import nnbook` stays light

    z = number(z, "z")
    if not Z_RANGE[0] <= z <= Z_RANGE[1]:
        raise ValueError(tr("z must be between {low:g} and {high:g}, got {z:g}", low=Z_RANGE[0], high=Z_RANGE[1], z=z))

    def explore(z):
        show_on_off(z)
        plt.show()
        print(on_off_text(z))

    return interactive(explore, z=FloatSlider(value=z, min=Z_RANGE[0], max=Z_RANGE[1], step=0.5,
                                              description="z", continuous_update=True))


def first_hidden_layer(network, images):
    """The first hidden layer's activations: one row per image, one column per neuron.

    Notebook 08 counts how many are exactly 0 ("off") in a ReLU layer and in a
    sigmoid layer. ``images`` is one image or a batch; the result is always
    2-D, shaped (number of images, neurons).

    >>> layer = first_hidden_layer(Network((784, 16, 10), activation="relu"), np.zeros((3, 784)))
    >>> layer.shape, int(np.sum(layer == 0))   # all-black images and zero biases: every neuron is off
    ((3, 16), 48)
    """
    if not isinstance(network, Network):
        raise TypeError(tr("network must be an nnbook.Network, got {got}", got=describe(network)))
    if len(network.sizes) < 3:
        raise ValueError(tr("network {sizes} has no hidden layer", sizes="-".join(map(str, network.sizes))))
    batch, _ = image_batch(images, "images", network.sizes[0])
    return network.activations(batch)[1]


__all__ = ["DepthComparison", "History", "compare_sigmoid_relu", "fading_text", "first_hidden_layer",
           "learning_rate_table", "on_off_slider", "on_off_text", "show_fading", "show_learning_curves",
           "show_learning_rates", "show_on_off", "show_slope_sizes", "show_slopes"]
