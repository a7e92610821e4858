"""NeuronExplorer: one neuron, with sliders for its weights and bias."""

from __future__ import annotations

import math
import numbers

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import traitlets
from matplotlib.patches import Circle, Rectangle

from .._validate import SIDE, digit_labels, image_batch, number, pixel_grid
from ..activations import sigmoid
from ..data import load_digits
from ..figures import ACTIVATION_CMAP, HIGHLIGHT, NEUTRAL, STYLE, WEIGHT_CMAP, weight_limit
from ..language import tr
from ._display import FONT, LiveFigure, new_figure, no_widgets_neuron, replace_plain_text

MAX_IMAGES = 12
"""At most this many digits fit in the strip."""

CELL = SIDE + 2
"""The width of one digit in the strip, in pixels: the 28-pixel digit and a 2-pixel gap."""

MAX_SCALE = 3.0
"""The weight scale slider runs from -3 to 3."""


class NeuronExplorer(widgets.VBox):
    """One neuron, a = σ(w · x + b), with sliders for its weights and its bias.

    A neuron with one input (the default)::

        NeuronExplorer()                       # weight 1, bias 0
        NeuronExplorer(weights=6.0, bias=-3.0)

    has three sliders: its weight w, its bias b and its input x (a pixel,
    0.0 black to 1.0 white). A neuron with 784 inputs, one weight per pixel::

        NeuronExplorer(weights=pattern, bias=-10.0)

    reads whole digits. Its weight pattern stays as given, and a *weight
    scale* slider multiplies every weight by the same number, so you can make
    the pattern weaker or stronger; the bias slider moves the threshold.

    The figure shows the sigmoid curve σ(z) = 1 / (1 + e^-z) with an orange
    dot where each weighted sum z lands on it, so you read the activation
    off the curve. For 784 inputs it also shows the weight pattern and a
    strip of real digits, each with a lamp below it as bright as the
    neuron's activation for that digit. Every slider step redraws the same
    figure: the curve stays put and the dots move.

    Parameters
    ----------
    weights : None, number or array of 784 numbers
        ``None`` or a number: a neuron with one input and that weight (1.0
        for ``None``). 784 numbers, shaped (784,) or (28, 28): a neuron that
        reads a 28×28 image, with this weight pattern.
    bias : number
        The bias b; -10 makes the neuron fire only when w · x is above 10.
    images : array, optional
        Only for 784 weights: the digits in the strip, shaped (n, 28, 28) or
        (n, 784), at most 12. By default one test digit of each kind, 0 to 9.
    labels : sequence of int, optional
        The digit each image shows, written on its dot on the curve.

    Attributes
    ----------
    sliders : dict of ipywidgets.FloatSlider
        ``"weight"``, ``"bias"`` and ``"input"`` for one input;
        ``"scale"`` and ``"bias"`` for 784 inputs.
    weighted_sums, activations : numpy.ndarray
        z and σ(z) for the current slider values: one number for a one-input
        neuron, one per digit in the strip otherwise.
    curve, dots : tuple of two arrays
        The (z, σ(z)) points drawn: the curve, and the dots on it. A weighted
        sum beyond the edge of the plot is drawn at the edge, as a triangle.
    z_range : tuple of two floats
        The stretch of z the plot shows: -12 to 12 for one input; for 784
        inputs, wide enough for the starting weighted sums of all digits.
    figure : matplotlib.figure.Figure
        The figure shown, updated in place at every slider step.
    """

    def __init__(self, weights=None, bias=0.0, images=None, labels=None):
        bias = number(bias, "bias")
        if weights is None or isinstance(weights, numbers.Real) and not isinstance(weights, bool):
            weight = 1.0 if weights is None else number(weights, "weights")
            if images is not None or labels is not None:
                raise ValueError("images and labels need a neuron with 784 weights, one per pixel; "
                                 "this neuron has one input (weights is a single number)")
            self._pattern = None
            self._inputs = None
            self.labels = None
            span = max(10.0, abs(weight))
            self.sliders = {
                "weight": _slider(tr("weight w"), weight, -span, span, 0.1),
                "bias": _slider(tr("bias b"), bias, -max(20.0, abs(bias)), max(20.0, abs(bias)), 0.5),
                "input": _slider(tr("input x"), 1.0, 0.0, 1.0, 0.01),
            }
            self.z_range = (-12.0, 12.0)
        else:
            self._pattern = pixel_grid(weights, "weights", pixels=False).ravel()
            if images is None:
                if labels is not None:
                    raise ValueError("labels need images: give the images they belong to, or neither")
                all_images, all_labels = load_digits("test")
                first = [int(np.flatnonzero(all_labels == digit)[0]) for digit in range(10)]
                images, labels = all_images[first], all_labels[first]
            batch, _ = image_batch(images, "images")
            if len(batch) > MAX_IMAGES:
                raise ValueError(f"images must hold at most {MAX_IMAGES} digits (they are shown in a strip), "
                                 f"got {len(batch)}")
            self._inputs = batch
            self.labels = None if labels is None else digit_labels(labels, len(batch)).tolist()
            with np.errstate(over="ignore", invalid="ignore"):
                z = batch @ self._pattern + bias  # the weighted sums at the start
                reach = 2 * MAX_SCALE * np.abs(z)  # room for the scale slider and the plot's margins
            if not np.all(np.isfinite(reach)):
                raise ValueError("weights are too large: the weighted sums of the digits, times the weight scale, "
                                 "would be beyond the largest float (about 1.8e308)")
            low, high = min(-12.0, 1.1 * float(z.min())), max(12.0, 1.1 * float(z.max()))
            self.z_range = (float(5 * np.floor(low / 5)), float(5 * np.ceil(high / 5)))
            span = max(20.0, abs(bias), *np.abs(self.z_range))
            self.sliders = {
                "scale": _slider(tr("weight scale"), 1.0, -MAX_SCALE, MAX_SCALE, 0.05),
                "bias": _slider(tr("bias b"), bias, -span, span, 0.5),
            }

        self.figure = new_figure((8.0, 4.3) if self._pattern is not None else (8.0, 3.0))
        with plt.rc_context(STYLE):
            self._live = LiveFigure(self.figure, self._build_figure())
        self._picture = widgets.Image(format="png", layout=widgets.Layout(width="640px", max_width="100%"))
        self._equation = widgets.HTML()
        self._equation.add_class("nnbook-neuron-equation")
        for slider in self.sliders.values():
            slider.observe(self._on_slider, names="value")
        super().__init__([widgets.VBox(list(self.sliders.values())), self._equation, self._picture])
        self.add_class("nnbook-neuron-explorer")
        self._update()

    # ---- the numbers -------------------------------------------------------------------------
    def _compute(self):
        value = {name: slider.value for name, slider in self.sliders.items()}
        if self._pattern is None:
            z = np.array([value["weight"] * value["input"] + value["bias"]])
        else:
            z = value["scale"] * (self._inputs @ self._pattern) + value["bias"]
        return z, sigmoid(z)

    @property
    def curve(self):
        """The sigmoid curve as drawn: (z, σ(z)) over the plot's range."""
        z, a = self._curve.get_data()
        return np.asarray(z), np.asarray(a)

    @property
    def dots(self):
        """Where the dots are drawn: (z, σ(z)), with z clipped to the plot's edges."""
        z = np.concatenate([np.asarray(line.get_data()[0], dtype=float) for line in self._dots.values()])
        a = np.concatenate([np.asarray(line.get_data()[1], dtype=float) for line in self._dots.values()])
        order = np.concatenate([self._dot_order[name] for name in self._dots])
        z_sorted, a_sorted = np.empty_like(z), np.empty_like(a)
        z_sorted[order], a_sorted[order] = z, a
        return z_sorted, a_sorted

    # ---- the figure --------------------------------------------------------------------------
    def _build_figure(self):
        """Draw everything once; return the artists that change at each slider step."""
        fig = self.figure
        if self._pattern is None:
            curve_ax = fig.add_axes((0.08, 0.17, 0.58, 0.75))
            moving = self._build_diagram(fig.add_axes((0.70, 0.05, 0.29, 0.9)))
        else:
            curve_ax = fig.add_axes((0.3, 0.5, 0.68, 0.42))
            moving = self._build_pattern(fig.add_axes((0.02, 0.47, 0.19, 0.42)))
            moving += self._build_strip(fig.add_axes((0.02, 0.0, 0.96, 0.36)))
        low, high = self.z_range
        grid = np.linspace(low, high, 401)
        curve_ax.axhline(0.5, color=NEUTRAL, linewidth=0.8, linestyle=":")
        curve_ax.axvline(0.0, color=NEUTRAL, linewidth=0.8, linestyle=":")
        self._curve, = curve_ax.plot(grid, sigmoid(grid), color="0.2", linewidth=2, gid="sigmoid-curve")
        self._dots = {
            side: curve_ax.plot([], [], marker, color=HIGHLIGHT, markersize=9, markeredgecolor="0.2",
                                linestyle="none", zorder=3, gid=f"dots-{side}")[0]
            for side, marker in (("inside", "o"), ("left", "<"), ("right", ">"))
        }
        self._dot_order = {side: np.array([], dtype=int) for side in self._dots}
        # Each digit's label rides above its dot. Drawn as a marker, not as text: markers are far
        # quicker to draw, and this is redrawn at every slider step.
        self._dot_labels = [] if self.labels is None else [
            curve_ax.plot([], [], marker=f"${label}$", markersize=6, color="0.1", linestyle="none", zorder=4)[0]
            for label in self.labels
        ]
        margin = 0.02 * (high - low)
        curve_ax.set_xlim(low - margin, high + margin)
        curve_ax.set_ylim(-0.08, 1.14)
        curve_ax.set_xlabel(tr("weighted sum z = w·x + b") if self._pattern is None
                            else tr("weighted sum z = scale × (w · x) + b"))
        curve_ax.set_ylabel(tr("activation σ(z)"))
        curve_ax.set_title("σ(z) = 1 / (1 + e⁻ᶻ)", fontsize=11)
        return moving + list(self._dots.values()) + self._dot_labels

    def _build_diagram(self, ax):
        """The neuron itself: the input pixel, the weight, the neuron lit by its activation."""
        ax.set_xlim(0, 3)
        ax.set_ylim(0, 2.2)
        ax.set_aspect("equal")
        ax.set_axis_off()
        self._pixel = Rectangle((0.1, 0.75), 0.6, 0.6, facecolor="white", edgecolor="0.45")
        self._neuron = Circle((2.3, 1.05), 0.45, facecolor="white", edgecolor="0.45", linewidth=1.2)
        ax.add_patch(self._pixel)
        ax.add_patch(self._neuron)
        ax.annotate("", xy=(1.8, 1.05), xytext=(0.75, 1.05), arrowprops=dict(arrowstyle="->", color="0.3"))
        self._pixel_text = ax.text(0.4, 0.6, "", ha="center", va="top", fontsize=9)
        self._weight_text = ax.text(1.27, 1.15, "", ha="center", va="bottom", fontsize=9)
        self._neuron_text = ax.text(2.3, 0.5, "", ha="center", va="top", fontsize=9)
        ax.text(0.4, 1.45, tr("input"), ha="center", va="bottom", fontsize=9)
        ax.text(2.3, 1.6, tr("neuron"), ha="center", va="bottom", fontsize=9)
        return [self._pixel, self._neuron, self._pixel_text, self._weight_text, self._neuron_text]

    def _build_pattern(self, ax):
        # The limits stay those of the pattern at scale 1, so the picture pales
        # towards white as the scale nears 0 and swaps colours when it turns negative.
        limit = weight_limit(self._pattern)
        self._pattern_artist = ax.imshow(self._pattern.reshape(28, 28), cmap=WEIGHT_CMAP, vmin=-limit, vmax=limit)
        ax.add_patch(Rectangle((-0.5, -0.5), 28, 28, fill=False, edgecolor="0.45", linewidth=0.8, clip_on=False))
        ax.set_axis_off()
        self._pattern_title = ax.set_title("", fontsize=10)
        return [self._pattern_artist, self._pattern_title]

    def _build_strip(self, ax):
        """The digits side by side, and below each a lamp as bright as the neuron's activation."""
        n = len(self._inputs)
        cell = CELL
        digits = np.full((28, n * cell - 2), np.nan)
        for i, image in enumerate(self._inputs):
            digits[:, i * cell:i * cell + 28] = image.reshape(28, 28)
        greys = plt.get_cmap(ACTIVATION_CMAP).with_extremes(bad="white")
        ax.imshow(digits, cmap=greys, vmin=0.0, vmax=1.0, extent=(-0.5, n * cell - 2.5, 27.5, -0.5))
        self._lamps = np.full((1, n * cell - 2), np.nan)
        self._lamp_artist = ax.imshow(self._lamps, cmap=greys, vmin=0.0, vmax=1.0, gid="lamps",
                                      extent=(-0.5, n * cell - 2.5, 43.5, 31.5))
        frames = [Rectangle((i * cell - 0.5, 31.5), 28, 12, fill=False, edgecolor="0.45", linewidth=0.8)
                  for i in range(n)]
        for frame in frames:
            ax.add_patch(frame)
        self._lamp_texts = [ax.text(i * cell + 13.5, 46, "", ha="center", va="top", fontsize=9) for i in range(n)]
        ax.set_xlim(-0.5, n * cell - 2.5)
        ax.set_ylim(54, -0.5)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_title(tr("the neuron's activation for each digit (lamp: black 0, white 1)"), fontsize=10)
        return [self._lamp_artist, *frames, *self._lamp_texts]

    # ---- updating ----------------------------------------------------------------------------
    def _on_slider(self, change):
        self._update()

    def _update(self):
        """Recompute z and σ(z) and move the existing artists; nothing is created."""
        z, a = self._compute()
        self.weighted_sums, self.activations = z, a
        low, high = self.z_range
        shown = np.clip(z, low, high)
        sides = {"inside": (z >= low) & (z <= high), "left": z < low, "right": z > high}
        for side, where in sides.items():
            self._dots[side].set_data(shown[where], a[where])
            self._dot_order[side] = np.flatnonzero(where)
        for label, zi, ai in zip(self._dot_labels, shown, a):
            label.set_data([zi], [ai + 0.09])
        grey = plt.get_cmap(ACTIVATION_CMAP)
        value = {name: slider.value for name, slider in self.sliders.items()}
        if self._pattern is None:
            self._pixel.set_facecolor(grey(value["input"]))
            self._neuron.set_facecolor(grey(float(a[0])))
            self._pixel_text.set_text(f"x = {value['input']:.2f}")
            self._weight_text.set_text(f"w = {value['weight']:.1f}")
            self._neuron_text.set_text(f"b = {value['bias']:.1f}\na = {a[0]:.3f}")
            equation = tr("z = w·x + b = {w} × {x} {b} = <b>{z}</b> &nbsp;→&nbsp; activation σ(z) = <b>{a}</b>",
                          w=f"{value['weight']:.2f}", x=f"{value['input']:.2f}", b=_signed(value["bias"]),
                          z=f"{z[0]:.2f}", a=f"{a[0]:.3f}")
        else:
            for i, ai in enumerate(a):
                self._lamps[0, i * CELL:i * CELL + SIDE] = ai
                self._lamp_texts[i].set_text(f"{ai:.2f}")
            self._lamp_artist.set_data(self._lamps)
            self._pattern_artist.set_data(value["scale"] * self._pattern.reshape(28, 28))
            self._pattern_title.set_text(tr("weights × {scale}", scale=f"{value['scale']:.2f}"))
            names = self.labels if self.labels is not None else [f"#{i}" for i in range(len(a))]
            lit = [str(name) for name, ai in zip(names, a) if ai > 0.5]
            equation = f"z = {value['scale']:.2f} × (w · x) {_signed(value['bias'])}. " + (
                tr("The neuron is lit (σ(z) &gt; 0.5) for <b>{lit} of {n}</b> digits: {which}.", lit=len(lit),
                   n=len(a), which=", ".join(lit)) if lit else
                tr("The neuron is lit (σ(z) &gt; 0.5) for <b>{lit} of {n}</b> digits.", lit=len(lit), n=len(a)))
        self._equation.value = f'<div style="font-family:{FONT};font-size:14px">{equation}</div>'
        self._picture.value = self._live.png()

    def __repr__(self) -> str:
        inputs = tr("1 input") if self._pattern is None else tr("784 inputs")
        values = ", ".join(f"{name}={slider.value:g}" for name, slider in self.sliders.items())
        return f"NeuronExplorer({inputs}, {values})"

    def _repr_mimebundle_(self, **kwargs):
        text = tr("{explorer}: one neuron with sliders for its weights and bias.\n"
                  "In a terminal, change explorer.sliders['bias'].value and look at explorer.figure.\n",
                  explorer=repr(self)) + no_widgets_neuron()
        return replace_plain_text(super()._repr_mimebundle_(**kwargs), text)


class _Slider(widgets.FloatSlider):
    """A FloatSlider that refuses NaN: ipywidgets would keep it, and every number computed from it."""

    @traitlets.validate("value")
    def _validate_value(self, proposal):
        if not math.isfinite(proposal["value"]):
            raise ValueError(f"the {self.description} slider's value must be a finite number, "
                             f"got {proposal['value']}")
        return super()._validate_value(proposal)


def _slider(description, value, low, high, step):
    return _Slider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=True, readout_format=".2f", style={"description_width": "initial"},
        layout=widgets.Layout(width="420px"),
    )


def _signed(value: float) -> str:
    return f"− {-value:.1f}" if value < 0 else f"+ {value:.1f}"

