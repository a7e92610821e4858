"""What the widgets share: figures drawn in the kernel, and a text for viewers without widgets."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..figures import STYLE
from ..language import language, tr


def no_widgets() -> str:
    """The fallback text of the widgets that show the whole network."""
    return tr(
        "You are reading this text because this viewer cannot show interactive widgets.\n"
        "Open the notebook in JupyterLab or Jupyter Notebook 7 and run the cell to use it.\n"
        "Or look at a digit from the data, as a still picture:\n"
        "    images, labels = nnbook.load_digits('test')\n"
        "    nnbook.show_network(nnbook.pretrained(), images[0])"
    )


def no_widgets_neuron() -> str:
    """The fallback text of the one-neuron explorer."""
    return tr(
        "You are reading this text because this viewer cannot show interactive widgets.\n"
        "Open the notebook in JupyterLab or Jupyter Notebook 7 and run the cell to use it.\n"
        "Or work out one neuron by hand, as a still picture:\n"
        "    images, labels = nnbook.load_digits('test')\n"
        "    nnbook.show_weights(weights)\n"
        "    nnbook.sigmoid(nnbook.weighted_sum(weights, images[:10], bias))"
    )


def count(n: int) -> str:
    """A whole number as the texts write it: 8,000 and 13,002 in English; 8000 and 13 002 in Dutch."""
    if language() == "nl":
        return f"{n:,}".replace(",", " ") if abs(n) >= 10_000 else str(n)
    return f"{n:,}"


def slots(*names: str) -> dict[str, str]:
    """Placeholders left for the browser to fill in: ``tr(template, **slots("n"))`` is the template translated.

    A widget's JavaScript cannot call :func:`tr`, so Python sends it its texts in the current
    language (a synced ``_texts`` dict), the values the browser knows left as ``{n}``; the
    JavaScript fills them in with its ``say(template, {n: ...})``.
    """
    return {name: "{" + name + "}" for name in names}


FONT = "var(--jp-ui-font-family, system-ui, sans-serif)"
"""JupyterLab's font for the widgets' text; a plain sans-serif where that is not set (a static view)."""


def new_figure(figsize) -> Figure:
    """A figure in the course's style that pyplot does not know about.

    A widget keeps its figure for its whole life and draws it again and
    again, so the figure must not also appear below the cell (as every
    pyplot figure does) nor stay in pyplot's list of open figures.
    """
    with plt.rc_context(STYLE):
        figure = Figure(figsize=figsize, layout="none")
    FigureCanvasAgg(figure)
    return figure


class LiveFigure:
    """A figure that is drawn in full once; after that only its moving parts are.

    A widget changes a few artists of its figure at every step (colours,
    positions, texts) and leaves the rest (axes, curves, lines) alone. So the
    still part is drawn once and kept as a picture; each step pastes that
    picture back and draws just the ``moving`` artists on top: the same
    pixels as drawing everything, in a fraction of the time. (Matplotlib
    calls this blitting.) ``figure.savefig`` still draws everything.
    """

    def __init__(self, figure: Figure, moving):
        self.figure = figure
        self.moving = sorted(moving, key=lambda artist: artist.get_zorder())
        for artist in self.moving:
            artist.set_animated(True)
        self._still = None

    def png(self) -> bytes:
        """The figure as it is now, as a PNG."""
        canvas = self.figure.canvas
        if self._still is None:
            canvas.draw()
            self._still = canvas.copy_from_bbox(self.figure.bbox)
        else:
            canvas.restore_region(self._still)
        for artist in self.moving:
            self.figure.draw_artist(artist)
        return png_bytes(canvas)


def png_bytes(canvas: FigureCanvasAgg) -> bytes:
    """What the canvas shows, as a PNG with at most 256 colours.

    256 colours keep the course's greys, reds and blues intact, and make the
    PNG about a third as big: it is sent to the browser at every change and
    stored in the notebook.
    """
    pixels = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    picture = pixels.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    picture.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def replace_plain_text(bundle, text: str):
    """Swap the text/plain part of a widget's display data for ``text``.

    Front ends that show widgets ignore text/plain; the others (a terminal,
    a viewer without widget support) show only it.
    """
    data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
    return {**data, "text/plain": text}, metadata
