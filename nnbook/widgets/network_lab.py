"""NetworkLab: break the trained network on purpose, and see at once what it stops getting right."""

from __future__ import annotations

import pathlib

import anywidget
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import traitlets
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from .._validate import SIDE, describe, image_batch, number
from .._validate import seed as check_seed
from ..data import load_digits
from ..figures import ACTIVATION_CMAP, HIGHLIGHT, NEUTRAL, STYLE, WEIGHT_CMAP, weight_limit
from ..language import tr
from ..network import Network
from ._display import FONT, LiveFigure, new_figure, replace_plain_text
from .digit_canvas import DigitCanvas
from .network_explorer import _verdict_html

HERE = pathlib.Path(__file__).resolve().parent

BIAS_RANGE = 10.0
"""The bias-shift slider runs from -10 to 10 (the trained biases are at most about 3 in size)."""

SCALE_RANGE = (-3.0, 3.0)
"""The weight-scale slider: -3 (flipped and tripled) to 3; 1 is the trained weights, 0 cuts them all."""

MAX_NOISE = 1.0
"""The noise slider runs from 0 to 1. The trained weights' spread is 0.38 in layer 1 and 2.5 in the output
layer, so noise of size 1 drowns the first layer's weights and only blurs the last layer's."""

def no_widgets_lab() -> str:
    """The lab's text for viewers without widgets."""
    return tr(
        "You are reading this text because this viewer cannot show interactive widgets.\n"
        "The lab moves only in a running notebook (JupyterLab, Jupyter Notebook 7, Colab, Binder): "
        "open the notebook there and run the cell.\n"
        "Or break the network in Python and read the numbers:\n"
        "    lab.switch_off(1, 5)\n"
        "    print(lab.accuracy, lab.hurt_most, lab.answer)"
    )


def static_note() -> str:
    """The line a saved notebook shows under the lab."""
    return tr("A saved picture: the lab moves only in a running notebook (JupyterLab, Colab, Binder). "
              "Run the cell to use it.")


class NetworkLab(widgets.VBox):
    """The trained network with its knobs exposed: break it on purpose and watch what it stops getting right.

        lab = nnbook.widgets.NetworkLab()
        lab

    Pick any neuron of a hidden layer or of the output layer. You see its
    incoming weights as a picture (for the first layer a 28×28 picture, one
    weight per pixel; for later layers a row of cells, one per neuron of the
    layer before; blue positive, red negative, white zero), its bias, and its
    activation for the current digit. Then change it: switch it off, shift
    its bias, scale its weights. Or damage the whole network: zero every
    bias, add noise to every weight, zero one layer's weights.

    After every change the lab at once scores the changed network on the
    2,000 test digits: how many it still gets right, the share for each
    digit 0-9 next to the trained network's (which digits suffer most), and
    its answer, with all ten outputs, for the current digit (a test digit,
    or your own drawing). One button brings back the trained network.

    The lab works on a copy: the network you give it, and what
    ``nnbook.pretrained()`` returns in other cells, never change.

    What each change does, precisely (layers are counted as in the video:
    1 is the first hidden layer, the last one is the output layer; neurons
    from 0)::

        weights of layer l = (trained weights + noise size × noise) × each neuron's weight scale
                             (all 0 if layer l is zeroed)
        biases of layer l  = (trained biases, or 0 after zero_biases) + each neuron's bias shift
        a neuron switched off: its activation is replaced by 0, for every digit, before the
                             next layer reads it, so the next layer gets nothing from it

    A neuron's bias shift and weight scale are measured from the trained
    network: ``shift_bias(1, 5, 2.0)`` means "trained bias + 2", and calling it
    again with 3.0 means "trained bias + 3", not + 5. In the same way
    ``add_noise(0.3)`` sets the noise to size 0.3: the noise is always the
    same pattern (numbers from a normal distribution with mean 0 and spread
    1, drawn with ``numpy.random.default_rng(seed)``, layer 1's matrix first)
    times the size, so the same size always gives the same noise, and
    ``add_noise(0)`` removes it. The order in which you make changes does not
    matter; what the controls show is the whole state.

    In Python (for teachers and tests)::

        lab.select(2, 7)               # layer 2, neuron 7: its picture, bias and activation
        lab.switch_off(1, 5)           # and lab.switch_on(1, 5)
        lab.shift_bias(2, 7, -3.0)     # bias = trained bias - 3
        lab.scale_weights(3, 4, 0.5)   # the output neuron for 4: half its trained weights
        lab.zero_biases(); lab.add_noise(0.2); lab.zero_layer(2)
        lab.restore()                  # the trained network again
        lab.accuracy, lab.accuracy_by_digit, lab.hurt_most
        lab.answer, lab.outputs        # for the current digit
        lab.network                    # the damaged copy, a plain nnbook.Network

    ``lab.network`` holds the changed weights and biases. A switched-off
    hidden neuron's outgoing weights are 0 in it, which gives every later
    layer exactly what the switch gives, so ``lab.network.accuracy(images,
    labels)`` equals ``lab.accuracy``. A switched-off *output* neuron cannot be
    written as weights (σ is never exactly 0): only the lab's own numbers
    (``outputs``, ``answer``, ``accuracy``) have it at 0.

    Why it is quick: the first layer's weighted sums of the 2,000 test digits
    (2,000 × 784 pixels times 784 weights per neuron) are worked out once,
    for the trained weights and for the noise pattern; every change to
    layer 1 only scales and adds those (a weighted sum is linear in the
    weights). The numbers agree with ``Network.activations`` of
    ``lab.network`` to about 15 significant digits.

    Parameters
    ----------
    network : Network, optional
        The network to break: any ``nnbook.Network`` that reads 28×28 images
        and has 10 outputs, sigmoid or ReLU; by default the trained one,
        ``nnbook.pretrained()``.
    source : DigitCanvas, optional
        Where the current digit comes from. Without one, a slider picks one
        of the 2,000 test digits. With one, the lab shows the canvas at its
        left and follows it, stroke by stroke:
        ``NetworkLab(source=nnbook.widgets.DigitCanvas())``.
    digit : int
        The test digit shown first (without a canvas), 0 to 1999.
    seed : int
        Picks the noise pattern; the same seed gives the same noise.

    Attributes
    ----------
    network : Network
        The damaged copy, rewritten by every change (change it through the lab).
    accuracy : float
        The share of the 2,000 test digits the damaged network gets right.
    accuracy_by_digit : numpy.ndarray
        That share for each digit 0-9 (all 0s, all 1s, ...).
    trained_accuracy, trained_accuracy_by_digit
        The same for the trained network.
    hurt_most : list of (digit, trained, now)
        The digits whose share fell, the biggest fall first.
    image : numpy.ndarray
        The current digit, (28, 28).
    activations : list of numpy.ndarray
        Every layer's activations for the current digit in the damaged
        network, the pixels first; a switched-off neuron's is 0.
    outputs : numpy.ndarray
        The ten output activations for the current digit.
    answer : int
        The digit whose output is largest (on a tie, the smaller digit).
    selected : tuple of (layer, neuron)
        The neuron shown in the panel.
    changes : list of str
        Every change in force, in words; empty for the trained network.
    figure : matplotlib.figure.Figure
        The picture shown, updated in place after every change.
    controls : dict of ipywidgets
        The lab's controls by name, as the browser shows them.
    """

    def __init__(self, network=None, source=None, digit=0, seed=0):
        if network is None:
            from ..pretrained import pretrained

            network = pretrained()
        if not isinstance(network, Network):
            raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
        trained = network.copy()
        trained.activations(np.zeros(trained.sizes[0]))  # the network's own checks: shapes, finite numbers
        if trained.sizes[0] != SIDE * SIDE:
            raise ValueError(f"network must read 28×28 images (784 inputs), got a network with sizes {trained.sizes}")
        if trained.sizes[-1] != 10:
            raise ValueError(f"network must have 10 outputs, one per digit, got a network with sizes {trained.sizes}")
        if source is not None and not isinstance(source, DigitCanvas):
            raise TypeError(f"source must be a DigitCanvas or None (to pick test digits), got {describe(source)}")
        rng = np.random.default_rng(check_seed(seed))
        self._trained = trained
        self._noise = [rng.standard_normal(W.shape) for W in trained.weights]
        self.network = trained.copy()
        self.source = source
        self.n_layers = len(trained.sizes) - 1

        images, self._labels = load_digits("test")
        digit = _index(digit, "digit", len(images))
        self._images = images.reshape(len(images), SIDE * SIDE)
        self._images.flags.writeable = False  # lab.image is a view of these: nobody may change the test digits
        self._first_sums = self._pixel_sums(self._images)
        self._counts = np.bincount(self._labels, minlength=10)
        self._reset_state()
        trained_layers = self._forward(self._first_sums)
        self._trained_answers = np.argmax(trained_layers[-1], axis=1)
        self.trained_accuracy, self.trained_accuracy_by_digit = self._score(trained_layers)
        self.trained_accuracy_by_digit.flags.writeable = False
        self._selected = (1, 0)
        self._digit = digit
        self._own_image = None  # the canvas's image and its first-layer sums, when a canvas is the source

        self.figure = new_figure((8.4, 2.75))
        with plt.rc_context(STYLE):
            self._live = LiveFigure(self.figure, self._build_figure())
        self._build_controls()
        self._rescore()
        if source is not None:
            source.observe(lambda change: self._follow(change["new"]), names="image")
            self._follow(source.image, redraw=False)
        self._show()
        self.add_class("nnbook-network-lab")

    # ---- the Python API ----------------------------------------------------------------------

    @property
    def selected(self) -> tuple[int, int]:
        """The (layer, neuron) shown in the neuron panel."""
        return self._selected

    def select(self, layer, neuron) -> None:
        """Show ``neuron`` of ``layer`` in the panel: its incoming weights, its bias, its activation."""
        self._selected = self._neuron(layer, neuron)
        self._show()

    def switch_off(self, layer, neuron) -> None:
        """Switch a neuron off: its activation becomes 0 for every digit (it stays selected)."""
        layer, neuron = self._neuron(layer, neuron)
        self._change(lambda: self._on[layer - 1].__setitem__(neuron, False), (layer, neuron))

    def switch_on(self, layer, neuron) -> None:
        """Switch a neuron back on; its weights and bias are as they were (or as you changed them)."""
        layer, neuron = self._neuron(layer, neuron)
        self._change(lambda: self._on[layer - 1].__setitem__(neuron, True), (layer, neuron))

    def shift_bias(self, layer, neuron, amount) -> None:
        """Set a neuron's bias to its trained bias + ``amount`` (0 undoes it; calls do not add up)."""
        layer, neuron = self._neuron(layer, neuron)
        amount = number(amount, "amount")
        self._change(lambda: self._shift[layer - 1].__setitem__(neuron, amount), (layer, neuron))

    def scale_weights(self, layer, neuron, factor) -> None:
        """Multiply a neuron's incoming weights by ``factor``: 0 cuts them, -1 flips them, 1 undoes it."""
        layer, neuron = self._neuron(layer, neuron)
        factor = number(factor, "factor")
        self._change(lambda: self._scale[layer - 1].__setitem__(neuron, factor), (layer, neuron))

    def zero_biases(self, zero=True) -> None:
        """Set every trained bias to 0 (``zero_biases(False)`` brings them back); bias shifts still apply."""
        zero = _flag(zero, "zero")
        self._change(lambda: setattr(self, "_biases_zeroed", zero))

    def add_noise(self, size) -> None:
        """Add the seeded noise pattern, times ``size``, to every weight (0 removes it; calls do not add up)."""
        size = number(size, "size", minimum=0)
        self._change(lambda: setattr(self, "_noise_size", size))

    def zero_layer(self, layer, zero=True) -> None:
        """Set every weight of ``layer`` to 0 (``zero_layer(layer, False)`` brings them back)."""
        layer = self._layer(layer)
        zero = _flag(zero, "zero")
        self._change(lambda: (self._zeroed.add if zero else self._zeroed.discard)(layer))

    def restore(self) -> None:
        """Undo every change: the trained network again (the selected neuron and the digit stay)."""
        self._change(self._reset_state)

    @property
    def accuracy(self) -> float:
        """The share of the 2,000 test digits the damaged network gets right."""
        return self._accuracy

    @property
    def accuracy_by_digit(self) -> np.ndarray:
        """For each digit 0-9, the share of its test images the damaged network gets right."""
        return self._accuracy_by_digit.copy()

    @property
    def hurt_most(self) -> list[tuple[int, float, float]]:
        """The digits the damage hurt, as (digit, trained share, share now), the biggest fall first."""
        fall = self.trained_accuracy_by_digit - self._accuracy_by_digit
        order = sorted((digit for digit in range(10) if fall[digit] > 0), key=lambda d: (-fall[d], d))
        return [(d, float(self.trained_accuracy_by_digit[d]), float(self._accuracy_by_digit[d])) for d in order]

    @property
    def outputs(self) -> np.ndarray:
        """The ten output activations for the current digit."""
        return self.activations[-1]

    @property
    def answer(self) -> int:
        """The damaged network's answer for the current digit: its largest output."""
        return int(np.argmax(self.outputs))

    @property
    def image(self) -> np.ndarray:
        """The current digit, (28, 28)."""
        if self._own_image is not None:
            return self._own_image[0]
        return self._images[self._digit].reshape(SIDE, SIDE)

    @property
    def changes(self) -> list[str]:
        """Every change in force, in words."""
        said = []
        for layer in range(1, self.n_layers + 1):
            for neuron in np.flatnonzero(~self._on[layer - 1]):
                said.append(tr("{neuron} switched off", neuron=_neuron_name(layer, int(neuron), self.n_layers)))
            for neuron in np.flatnonzero(self._shift[layer - 1]):
                said.append(tr("{neuron}: bias {amount}", neuron=_neuron_name(layer, int(neuron), self.n_layers),
                               amount=_signed(self._shift[layer - 1][neuron])))
            for neuron in np.flatnonzero(self._scale[layer - 1] != 1):
                said.append(tr("{neuron}: weights × {factor:g}", neuron=_neuron_name(layer, int(neuron), self.n_layers),
                               factor=self._scale[layer - 1][neuron]))
        if self._biases_zeroed:
            said.append(tr("every trained bias set to 0"))
        if self._noise_size:
            said.append(tr("noise of size {size:g} on every weight", size=self._noise_size))
        said.extend(tr("layer {layer}'s weights all 0", layer=layer) for layer in sorted(self._zeroed))
        return said

    def set_image(self, image) -> None:
        """Make ``image`` the current digit: one image, shaped (28, 28) or (784,), values in [0, 1]."""
        batch, single = image_batch(image, "image")
        if not single:
            raise ValueError(f"image must be one image, shaped (28, 28) or (784,), not a batch of {len(batch)}")
        self._follow(batch[0])

    # ---- the state and the numbers -----------------------------------------------------------

    def _reset_state(self) -> None:
        sizes = self._trained.sizes[1:]
        self._on = [np.ones(n, dtype=bool) for n in sizes]
        self._shift = [np.zeros(n) for n in sizes]
        self._scale = [np.ones(n) for n in sizes]
        self._biases_zeroed = False
        self._noise_size = 0.0
        self._zeroed = set()
        self._write_network()

    def _snapshot(self):
        return ([a.copy() for a in self._on], [a.copy() for a in self._shift], [a.copy() for a in self._scale],
                self._biases_zeroed, self._noise_size, set(self._zeroed))

    def _restore_snapshot(self, snapshot) -> None:
        (self._on, self._shift, self._scale, self._biases_zeroed, self._noise_size, self._zeroed) = snapshot
        self._write_network()

    def _change(self, apply, neuron=None) -> None:
        """Apply one change, rescore, redraw; a change that breaks the arithmetic is undone and explained."""
        before = self._snapshot()
        apply()
        try:
            self._write_network()
            self._rescore()
        except ValueError as error:
            self._restore_snapshot(before)
            self._rescore()
            raise ValueError(f"that change was undone: {error}") from None
        if neuron is not None:
            self._selected = neuron
        self._show()

    def _write_network(self) -> None:
        """Write the state into ``self.network`` (the same Network object; new arrays in its lists)."""
        for index in range(self.n_layers):
            with np.errstate(over="ignore", invalid="ignore"):  # too large: said in words below
                W = self._trained.weights[index] + self._noise_size * self._noise[index]
                W *= self._scale[index][:, np.newaxis]
                b = np.zeros_like(self._trained.biases[index]) if self._biases_zeroed else self._trained.biases[index]
                b = b + self._shift[index]
            if index + 1 in self._zeroed:
                W[:] = 0.0
            if index > 0:
                W[:, ~self._on[index - 1]] = 0.0  # an off neuron sends nothing on
            if not (np.isfinite(W).all() and np.isfinite(b).all()):
                raise ValueError(f"layer {index + 1}'s weights or biases would be beyond the largest float "
                                 "(about 1.8e308); use a smaller factor or amount")
            self.network.weights[index] = W
            self.network.biases[index] = b

    def _pixel_sums(self, images: np.ndarray):
        """The first layer's weighted sums of ``images``, for the trained weights and for the noise pattern."""
        return images @ self._trained.weights[0].T, images @ self._noise[0].T

    def _forward(self, first_sums) -> list[np.ndarray]:
        """Every layer's activations (after the pixels) in the damaged network, off neurons 0."""
        trained_sums, noise_sums = first_sums
        functions = self.network.layer_functions
        layers = []
        with np.errstate(over="ignore", invalid="ignore"):
            for index in range(self.n_layers):
                if index == 0:
                    if 1 in self._zeroed:
                        z = np.zeros_like(trained_sums)
                    else:
                        z = trained_sums + self._noise_size * noise_sums if self._noise_size else trained_sums
                        z = z * self._scale[0]
                else:
                    z = layers[-1] @ self.network.weights[index].T
                a = functions[index](z + self.network.biases[index])
                a[..., ~self._on[index]] = 0.0
                layers.append(a)
        if not all(np.isfinite(a).all() for a in layers):
            raise ValueError("the activations are no longer finite numbers (the weights are too large)")
        return layers

    def _score(self, layers) -> tuple[float, np.ndarray]:
        right = np.argmax(layers[-1], axis=1) == self._labels
        by_digit = np.bincount(self._labels, weights=right, minlength=10) / self._counts
        return float(np.mean(right)), by_digit

    def _rescore(self) -> None:
        self._test_layers = self._forward(self._first_sums)
        self._accuracy, self._accuracy_by_digit = self._score(self._test_layers)
        self._right = int(round(self._accuracy * len(self._labels)))

    @property
    def activations(self) -> list[np.ndarray]:
        """Every layer's activations for the current digit, the pixels first; off neurons 0."""
        if self._own_image is not None:
            image, sums = self._own_image
            layers = [a[0] for a in self._forward(sums)]
            return [image.ravel().copy(), *layers]
        return [self._images[self._digit].copy(), *(a[self._digit].copy() for a in self._test_layers)]

    def _follow(self, image, redraw=True) -> None:
        image = np.array(image, dtype=float).reshape(SIDE, SIDE)
        image.flags.writeable = False
        self._own_image = (image, self._pixel_sums(image.reshape(1, -1)))
        if redraw:
            self._show()

    def _pick_test_digit(self, index: int) -> None:
        self._digit = index
        self._own_image = None
        self._show()

    def _neuron(self, layer, neuron) -> tuple[int, int]:
        layer = self._layer(layer)
        size = self._trained.sizes[layer]
        neuron = number(neuron, "neuron", integer=True)
        if not 0 <= neuron < size:
            raise ValueError(f"neuron must be 0 to {size - 1} (layer {layer} has {size} neurons), got {neuron}")
        return layer, neuron

    def _layer(self, layer) -> int:
        last = self.n_layers
        layer = number(layer, "layer", integer=True)
        if layer == 0:
            raise ValueError("layer 0 is the input layer: its neurons are the pixels, which have no weights or "
                             "bias to change; layer must be "
                             + (f"1 to {last} (1 the first hidden layer, {last} the output layer)"
                                if last > 1 else "1"))
        if not 1 <= layer <= last:
            raise ValueError("layer must be "
                             + (f"1 to {last} (1 the first hidden layer, {last} the output layer)" if last > 1 else "1")
                             + f", got {layer}")
        return layer

    # ---- the picture -------------------------------------------------------------------------

    def _build_figure(self):
        """Draw everything once; return the artists that change."""
        fig = self.figure
        digit_ax = fig.add_axes((0.005, 0.08, 0.2, 0.68))
        digit_ax.set_axis_off()
        self._digit_artist = digit_ax.imshow(np.zeros((SIDE, SIDE)), cmap=ACTIVATION_CMAP, vmin=0.0, vmax=1.0)
        digit_frame = Rectangle((-0.5, -0.5), SIDE, SIDE, fill=False, edgecolor="0.45", linewidth=0.8,
                                clip_on=False)
        digit_ax.add_patch(digit_frame)
        # The titles never change (what changes is said in the texts below the picture): text is slow to draw.
        fig.text(0.105, 0.84, tr("the current digit"), ha="center", va="bottom", fontsize=10)

        # One picture per layer, in the same place; only the selected layer's is visible.
        self._weight_artists = []
        for layer in range(1, self.n_layers + 1):
            if layer == 1:
                ax = fig.add_axes((0.235, 0.08, 0.2, 0.68))
                shape = (SIDE, SIDE)
            else:
                ax = fig.add_axes((0.22, 0.3, 0.23, 0.22))
                shape = (1, self._trained.sizes[layer - 1])
            ax.set_axis_off()
            picture = ax.imshow(np.zeros(shape), cmap=WEIGHT_CMAP, vmin=-1.0, vmax=1.0, aspect="equal")
            frame = Rectangle((-0.5, -0.5), shape[1], shape[0], fill=False, edgecolor="0.45", linewidth=0.8,
                              clip_on=False)
            ax.add_patch(frame)
            # A cross over the weights when the neuron is switched off.
            corners = (-0.5, shape[1] - 0.5), (-0.5, shape[0] - 0.5)
            cross = [ax.plot(corners[0], ys, color="0.3", linewidth=1.5, visible=False)[0]
                     for ys in (corners[1], corners[1][::-1])]
            self._weight_artists.append((picture, frame, *cross))
        fig.text(0.335, 0.84, tr("the neuron's incoming weights"), ha="center", va="bottom", fontsize=10)
        fig.text(0.335, 0.005, tr("blue +, red −, white 0"), ha="center", va="bottom", fontsize=9, color="0.3")

        bars_ax = fig.add_axes((0.55, 0.2, 0.44, 0.56))
        digits = np.arange(10)
        bars_ax.bar(digits, 100 * self.trained_accuracy_by_digit, width=0.8, color="0.85", edgecolor=NEUTRAL)
        self._bars = list(bars_ax.bar(digits, 100 * self.trained_accuracy_by_digit, width=0.45, color="0.25"))
        # Above the digit hurt most, a marker: its bar may have fallen to 0, where its colour cannot be seen.
        self._hurt_marker, = bars_ax.plot([], [], "v", color=HIGHLIGHT, markersize=8, clip_on=False)
        bars_ax.set_xticks(digits)
        bars_ax.set_xlim(-0.6, 9.6)
        bars_ax.set_ylim(0, 100)
        bars_ax.set_yticks([0, 50, 100])
        bars_ax.set_xlabel(tr("digit"), fontsize=9, labelpad=1)
        bars_ax.set_ylabel(tr("% right"), fontsize=9)
        bars_ax.tick_params(labelsize=9)
        bars_ax.legend(handles=[Patch(facecolor="0.85", edgecolor=NEUTRAL, label=tr("trained network")),
                                Patch(facecolor="0.25", label=tr("now")),
                                Line2D([], [], marker="v", color=HIGHLIGHT, linestyle="none", label=tr("hurt most"))],
                       loc="lower left", bbox_to_anchor=(0.0, 1.1), ncols=3, fontsize=8, frameon=False,
                       borderaxespad=0.1, handlelength=1.2)
        moving = [self._digit_artist, digit_frame]
        moving += [artist for artists in self._weight_artists for artist in artists]
        return moving + self._bars + [self._hurt_marker]

    def _draw(self) -> None:
        layer, neuron = self._selected
        self._digit_artist.set_data(self.image)
        off = not self._on[layer - 1][neuron]
        for index, (picture, frame, *cross) in enumerate(self._weight_artists, start=1):
            shown = index == layer
            picture.set_visible(shown)
            frame.set_visible(shown)
            for line in cross:
                line.set_visible(shown and off)
        picture = self._weight_artists[layer - 1][0]
        weights = self.network.weights[layer - 1][neuron]
        # The colour scale stays that of the trained weights: scaled-down weights pale, scaled-up ones saturate.
        limit = weight_limit(self._trained.weights[layer - 1][neuron])
        picture.set_data(weights.reshape(SIDE, SIDE) if layer == 1 else weights[np.newaxis, :])
        picture.set_clim(-limit, limit)
        worst = self.hurt_most[0][0] if self.hurt_most else None
        for digit, bar in enumerate(self._bars):
            bar.set_height(100 * self._accuracy_by_digit[digit])
            bar.set_facecolor(HIGHLIGHT if digit == worst else "0.25")
        if worst is None:
            self._hurt_marker.set_data([], [])
        else:
            self._hurt_marker.set_data([worst], [100 * self.trained_accuracy_by_digit[worst] + 6])
        self._picture.value = self._live.png()

    # ---- the controls ------------------------------------------------------------------------

    def _build_controls(self) -> None:
        wide = {"description_width": "initial"}
        layer_names = [(tr("{layer} (outputs)", layer=layer) if layer == self.n_layers
                        else tr("{layer} (hidden)", layer=layer), layer) for layer in range(1, self.n_layers + 1)]
        controls = {
            "layer": widgets.Dropdown(options=layer_names, value=1, description=tr("layer"), style=wide,
                                      layout=widgets.Layout(width="160px")),
            "neuron": widgets.IntSlider(value=0, min=0, max=self._trained.sizes[1] - 1, description=tr("neuron"),
                                        style=wide, layout=widgets.Layout(width="300px")),
            "off": widgets.ToggleButton(value=False, description=tr("switch off"),
                                        tooltip=tr("force this neuron's activation to 0 for every digit")),
            "bias": _slider(tr("shift its bias by"), -BIAS_RANGE, BIAS_RANGE, 0.1, 0.0),
            "scale": _slider(tr("multiply its weights by"), *SCALE_RANGE, 0.05, 1.0),
            "zero_biases": widgets.ToggleButton(value=False, description=tr("zero all biases"),
                                                tooltip=tr("set every trained bias to 0")),
            "noise": _slider(tr("noise on every weight"), 0.0, MAX_NOISE, 0.01, 0.0),
            "restore": widgets.Button(description=tr("restore the trained network"),
                                      button_style="info", layout=widgets.Layout(width="240px")),
        }
        for layer in range(1, self.n_layers + 1):
            controls[f"zero_layer_{layer}"] = widgets.ToggleButton(
                value=False, description=tr("zero layer {layer}'s weights", layer=layer),
                tooltip=tr("set every weight into layer {layer} to 0", layer=layer),
                layout=widgets.Layout(width="auto"))
        for name, control in controls.items():
            control.add_class(f"nnbook-lab-{name.replace('_', '-')}")
        self.controls = controls
        self._quiet = False

        def on(name, react):
            def handler(change):
                if not self._quiet:
                    react(change["new"])
            controls[name].observe(handler, names="value")

        on("layer", lambda layer: self.select(layer, min(self._selected[1], self._trained.sizes[layer] - 1)))
        on("neuron", lambda neuron: self.select(self._selected[0], neuron))
        on("off", lambda off: (self.switch_off if off else self.switch_on)(*self._selected))
        on("bias", lambda amount: self.shift_bias(*self._selected, amount))
        on("scale", lambda factor: self.scale_weights(*self._selected, factor))
        on("zero_biases", self.zero_biases)
        on("noise", self.add_noise)
        for layer in range(1, self.n_layers + 1):
            on(f"zero_layer_{layer}", lambda zero, layer=layer: self.zero_layer(layer, zero))
        controls["restore"].on_click(lambda button: self.restore())

        self._picture = widgets.Image(format="png", layout=widgets.Layout(width="672px", max_width="100%"))
        self._score_text = widgets.HTML()
        self._score_text.add_class("nnbook-lab-score")
        self._neuron_text = widgets.HTML()
        self._neuron_text.add_class("nnbook-lab-neuron-text")
        self._verdict = widgets.HTML()
        self._verdict.add_class("nnbook-verdict")
        row = widgets.Layout(flex_flow="row wrap", align_items="center")
        parts = [
            _heading(tr("One neuron: pick it, then change it")),
            widgets.HBox([controls["layer"], controls["neuron"], controls["off"]], layout=row),
            widgets.HBox([controls["bias"], controls["scale"]], layout=row),
            self._neuron_text,
            _heading(tr("The whole network")),
            widgets.HBox([controls["zero_biases"], *(controls[f"zero_layer_{layer}"]
                                                     for layer in range(1, self.n_layers + 1))], layout=row),
            widgets.HBox([controls["noise"], controls["restore"]], layout=row),
        ]
        if self.source is None:
            self.picker = widgets.IntSlider(value=self._digit, min=0, max=len(self._labels) - 1,
                                            description=tr("test digit"), continuous_update=False, style=wide)
            self.picker.add_class("nnbook-lab-picker")
            self.picker.observe(lambda change: self._pick_test_digit(change["new"]), names="value")
            parts.append(self.picker)
        else:
            self.picker = None
        results = [self._score_text, self._picture, self._verdict, _StaticNote(static_note())]
        lab = widgets.VBox(parts + results)
        if self.source is None:
            super().__init__([lab])
        else:
            super().__init__([widgets.HBox([self.source, lab], layout=widgets.Layout(flex_flow="row wrap",
                                                                                      align_items="flex-start"))])

    def _sync_controls(self) -> None:
        """Make every control show the state (without the controls reacting to it)."""
        layer, neuron = self._selected
        self._quiet = True
        try:
            c = self.controls
            c["layer"].value = layer
            c["neuron"].max = self._trained.sizes[layer] - 1
            c["neuron"].value = neuron
            c["off"].value = not self._on[layer - 1][neuron]
            c["off"].description = tr("switched off") if c["off"].value else tr("switch off")
            _show_value(c["bias"], float(self._shift[layer - 1][neuron]))
            _show_value(c["scale"], float(self._scale[layer - 1][neuron]))
            c["zero_biases"].value = self._biases_zeroed
            _show_value(c["noise"], self._noise_size)
            for each in range(1, self.n_layers + 1):
                c[f"zero_layer_{each}"].value = each in self._zeroed
        finally:
            self._quiet = False

    def _show(self) -> None:
        """Bring the controls, the texts and the picture up to date."""
        self._sync_controls()
        layer, neuron = self._selected
        activations = self.activations
        total = len(self._labels)
        hurt = self.hurt_most[:3]
        hurt_text = tr("No digit got worse.") if not hurt else tr("Hurt most: {digits}.", digits=", ".join(
            tr("the {digit}s ({before:.0f}% → {now:.0f}%)", digit=d, before=100 * before, now=100 * now)
            for d, before, now in hurt))
        changes = self.changes
        changed = (tr("Nothing changed: this is the trained network.") if not changes
                   else tr("Changed: {changes}.", changes="; ".join(changes)))
        score = tr("<b>{right:,} of the {total:,} test digits right ({percent:.1f}%)</b>; "
                   "the trained network: {trained:.1f}%.", right=self._right, total=total,
                   percent=100 * self._accuracy, trained=100 * self.trained_accuracy)
        self._score_text.value = (
            f'<div style="font-family:{FONT};font-size:14px;line-height:1.4">'
            f'<div class="nnbook-lab-accuracy" data-right="{self._right}" style="font-size:16px">{score}</div>'
            f"<div>{hurt_text}</div><div style='color:#555'>{changed}</div></div>"
        )
        bias = float(self.network.biases[layer - 1][neuron])
        trained_bias = float(self._trained.biases[layer - 1][neuron])
        state = (tr("<b>switched off</b>: its activation is 0 for every digit") if not self._on[layer - 1][neuron]
                 else tr("its activation for this digit: <b>{activation:.3f}</b>",
                         activation=activations[layer][neuron]))
        n_in = self._trained.sizes[layer - 1]
        pictured = (tr("Its {n} incoming weights, one per pixel, are in the picture", n=n_in) if layer == 1 else
                    tr("Its {n} incoming weights, from neuron 0 (left) to {last} (right) of layer {layer}, are in the "
                       "picture", n=n_in, last=n_in - 1, layer=layer - 1))
        said = tr("{neuron}: bias <b>{bias:.2f}</b> (trained {trained:.2f}); {state}. {pictured}.",
                  neuron=_neuron_name(layer, neuron, self.n_layers), bias=bias, trained=trained_bias, state=state,
                  pictured=pictured)
        self._neuron_text.value = f'<div style="font-family:{FONT};font-size:14px">{said}</div>'
        self._verdict.value = _verdict_html(activations[-1], int(np.argmax(activations[-1])),
                                            self._headline(int(np.argmax(activations[-1]))))
        self._draw()

    def _headline(self, answer: int) -> str:
        if self._own_image is not None:
            if not self.image.any():
                return tr("Nothing drawn yet. For an all-black image the changed network says: <b>{answer}</b>.",
                          answer=answer)
            return tr("The changed network says: <b>{answer}</b>.", answer=answer)
        label = int(self._labels[self._digit])
        mark = tr("✓ right") if label == answer else tr("✗ wrong")
        trained = int(self._trained_answers[self._digit])
        return tr("This test digit is a {label}. The changed network says: <b>{answer}</b> ({mark}); the trained "
                  "network says {trained}.", label=label, answer=answer, mark=mark, trained=trained)

    def __repr__(self) -> str:
        changes = len(self.changes)
        if changes == 1:
            return tr("NetworkLab({right:,} of {total:,} test digits right, 1 change)", right=self._right,
                      total=len(self._labels))
        return tr("NetworkLab({right:,} of {total:,} test digits right, {changes} changes)", right=self._right,
                  total=len(self._labels), changes=changes)

    def _repr_mimebundle_(self, **kwargs):
        text = (tr("{lab}: the trained network with its knobs, to break on purpose.\n", lab=repr(self))
                + no_widgets_lab())
        return replace_plain_text(super()._repr_mimebundle_(**kwargs), text)


class _StaticNote(anywidget.AnyWidget):
    """One line that appears only where no kernel answers: in a saved notebook shown as a web page."""

    _esm = HERE / "network_lab.js"
    text = traitlets.Unicode().tag(sync=True)

    def __init__(self, text: str):
        super().__init__(text=text)
        self.on_msg(self._answer)

    def _answer(self, widget, content, buffers) -> None:
        # The browser says hello when it draws the note; an answer proves a kernel is there to move the lab.
        if isinstance(content, dict) and content.get("type") == "hello":
            self.send({"type": "alive"})


def _neuron_name(layer: int, neuron: int, n_layers: int) -> str:
    if layer == n_layers:
        return tr("output neuron {neuron} (for the digit {neuron})", neuron=neuron)
    return tr("layer {layer}, neuron {neuron}", layer=layer, neuron=neuron)


def _index(value, name: str, size: int) -> int:
    value = number(value, name, integer=True)
    if not 0 <= value < size:
        raise ValueError(f"{name} must be 0 to {size - 1}, got {value}")
    return value


def _flag(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {describe(value)}")
    return bool(value)


def _signed(value: float) -> str:
    return f"− {-value:g}" if value < 0 else f"+ {value:g}"


def _slider(description: str, low: float, high: float, step: float, value: float) -> widgets.FloatSlider:
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               continuous_update=True, readout_format=".2f",
                               style={"description_width": "initial"}, layout=widgets.Layout(width="340px"))


def _show_value(slider: widgets.FloatSlider, value: float) -> None:
    """Set a slider to ``value``, widening its range first if the value set in Python lies beyond it."""
    slider.min, slider.max = min(slider.min, value), max(slider.max, value)
    slider.value = value


def _heading(text: str) -> widgets.HTML:
    return widgets.HTML(f'<div style="font-family:{FONT};font-size:14px;font-weight:bold;margin-top:4px">'
                        f"{text}</div>")
