"""NetworkExplorer: the video's picture of the network, lit up live by a digit."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .._validate import describe, image_batch, positive_int
from ..data import load_digits
from ..figures import (
    ACTIVATION_CMAP,
    HIGHLIGHT,
    NETWORK_FIGSIZE,
    STYLE,
    network_axes,
    network_layout,
    show_network,
    show_network_input,
)
from ..language import tr
from ..network import Network
from ._display import FONT, LiveFigure, new_figure, no_widgets, replace_plain_text
from .digit_canvas import DigitCanvas


class NetworkExplorer(widgets.VBox):
    """Watch a network read a digit: every neuron lit by its activation.

        explorer = NetworkExplorer()                    # pick a test digit with a slider
        explorer = NetworkExplorer(source=DigitCanvas())  # or draw one yourself

    The picture is ``nnbook.show_network``'s: the input image at the left,
    then 16 of the 784 input neurons, the 16 + 16 hidden neurons and the 10
    outputs, each circle as bright as its activation (black 0, white 1), the
    strongest weights as lines (blue positive, red negative), and the winning
    output ringed in orange. Below it, the network's answer and all ten
    output activations.

    Parameters
    ----------
    network : Network, optional
        The network to watch; by default the trained one, ``nnbook.pretrained()``.
    source : DigitCanvas, optional
        Where the digit comes from. Without one, a slider picks one of the
        2,000 test digits of ``nnbook.load_digits("test")``. With one, the
        picture follows the canvas, stroke by stroke.
    strongest : int
        How many of the strongest weights to draw between each pair of layers.

    Attributes
    ----------
    image : numpy.ndarray
        The (28, 28) image the network is reading now.
    activations : list of numpy.ndarray
        Every layer's activations for that image, the input layer (784) first:
        the numbers the circles show.
    prediction : int
        The digit whose output neuron is most active: the ringed one.
    figure : matplotlib.figure.Figure
        The figure shown, updated in place for every new image.
    """

    def __init__(self, network=None, source=None, strongest=40):
        if network is None:
            from ..pretrained import pretrained

            network = pretrained()
        if not isinstance(network, Network):
            raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
        if network.sizes[0] != 784:
            raise ValueError(f"network must read 28×28 images (784 inputs), got a network with sizes {network.sizes}")
        if source is not None and not isinstance(source, DigitCanvas):
            raise TypeError(f"source must be a DigitCanvas or None (to pick test digits), got {describe(source)}")
        strongest = positive_int(strongest, "strongest")
        self.network = network
        self.source = source

        blank = np.zeros((28, 28))
        self.figure = new_figure(NETWORK_FIGSIZE)
        image_ax, network_ax = network_axes(self.figure)
        with plt.rc_context(STYLE):
            show_network_input(network, blank, image_ax)
            show_network(network, blank, strongest=strongest, ax=network_ax)
        self._input_artist = image_ax.images[0]
        self._input_frame = list(image_ax.patches)  # drawn over the image, so redrawn with it
        self._circles = {patch.get_gid(): patch for patch in network_ax.patches if patch.get_gid()}
        self._labels = {text.get_gid(): text for text in network_ax.texts if text.get_gid()}
        self._layout = network_layout(network)
        self._live = LiveFigure(self.figure, [self._input_artist, *self._input_frame, *self._circles.values(),
                                                *self._labels.values()])

        self._picture = widgets.Image(format="png", layout=widgets.Layout(width="640px", max_width="100%"))
        self._verdict = widgets.HTML()
        self._verdict.add_class("nnbook-verdict")
        right = widgets.VBox([self._picture, self._verdict])
        if source is None:
            self._digits, self._labels_of_digits = load_digits("test")
            self.picker = widgets.IntSlider(
                value=0, min=0, max=len(self._digits) - 1, description=tr("test digit"),
                continuous_update=False, style={"description_width": "initial"},
            )
            self.picker.observe(lambda change: self._show_test_digit(change["new"]), names="value")
            super().__init__([self.picker, right])
            self._show_test_digit(0)
        else:
            self.picker = None
            source.observe(lambda change: self._show(change["new"]), names="image")
            super().__init__([widgets.HBox([source, right], layout=widgets.Layout(flex_flow="row wrap",
                                                                                  align_items="flex-start"))])
            self._show(source.image)
        self.add_class("nnbook-network-explorer")

    def set_image(self, image) -> None:
        """Show the network reading ``image``: one image, shaped (28, 28) or (784,), values in [0, 1]."""
        batch, single = image_batch(image, "image")
        if not single:
            raise ValueError(f"image must be one image, shaped (28, 28) or (784,), not a batch of {len(batch)}")
        self._show(batch[0].reshape(28, 28))

    def _show_test_digit(self, index: int) -> None:
        label = int(self._labels_of_digits[index])
        self._show(self._digits[index], label=label)

    def _show(self, image, label=None) -> None:
        image = np.array(image, dtype=float).reshape(28, 28)
        image.flags.writeable = False
        self.image = image
        self.activations = self.network.activations(image)
        outputs = self.activations[-1]
        self.prediction = int(np.argmax(outputs))
        self._redraw()
        self._verdict.value = _verdict_html(outputs, self.prediction, self._headline(label))

    def _headline(self, label) -> str:
        if label is not None:
            mark = tr("✓ right") if label == self.prediction else tr("✗ wrong")
            return tr("This test digit is a {label}. The network says: <b>{answer}</b> ({mark}).",
                      label=label, answer=self.prediction, mark=mark)
        if not self.image.any():
            if self.source is not None:
                return tr("Nothing drawn yet. Even for an all-black image the network answers: <b>{answer}</b>.",
                          answer=self.prediction)
            return tr("An all-black image. Even for an all-black image the network answers: <b>{answer}</b>.",
                      answer=self.prediction)
        return tr("The network says: <b>{answer}</b>.", answer=self.prediction)

    def _redraw(self) -> None:
        """Change the colours of the existing picture: same figure, same artists."""
        grey = plt.get_cmap(ACTIVATION_CMAP)
        self._input_artist.set_data(self.image)
        last = len(self._layout) - 1
        for layer, (indices, *_rest) in enumerate(self._layout):
            for index in indices:
                circle = self._circles[f"neuron-{layer}-{index}"]
                circle.set_facecolor(grey(float(self.activations[layer][index])))
                if layer == last:
                    winner = index == self.prediction
                    circle.set_edgecolor(HIGHLIGHT if winner else "0.45")
                    circle.set_linewidth(2.5 if winner else 0.8)
                    self._labels[f"label-{index}"].set_fontweight("bold" if winner else "normal")
        self._picture.value = self._live.png()

    def __repr__(self) -> str:
        return tr("NetworkExplorer({network}, says {answer})", network=repr(self.network), answer=self.prediction)

    def _repr_mimebundle_(self, **kwargs):
        text = tr("{explorer}: the network reading a digit, lit up neuron by neuron.\n"
                  "In a terminal, draw its current picture with explorer.figure and change the digit with "
                  "explorer.set_image(image).\n", explorer=repr(self)) + no_widgets()
        return replace_plain_text(super()._repr_mimebundle_(**kwargs), text)


def _verdict_html(outputs, winner: int, headline: str) -> str:
    """The answer in words, then a row of the ten output activations, the winner in orange."""
    cells = "".join(
        f'<td style="padding:1px 6px;text-align:center;{_winner_style if digit == winner else ""}">{value:.2f}</td>'
        for digit, value in enumerate(outputs)
    )
    digits = "".join(f'<th style="padding:1px 6px;text-align:center">{digit}</th>' for digit in range(10))
    return (
        f'<div style="font-family:{FONT}"><div class="nnbook-prediction" data-prediction="{winner}" '
        f'style="font-size:15px;margin:2px 0 4px">{headline}</div>'
        '<table class="nnbook-outputs" style="border-collapse:collapse;font-size:12px">'
        f'<tr><th style="text-align:left;padding-right:8px">{tr("digit")}</th>{digits}</tr>'
        f'<tr><th style="text-align:left;padding-right:8px">{tr("output")}</th>{cells}</tr></table></div>'
    )


_winner_style = f"background:{HIGHLIGHT};font-weight:bold"
