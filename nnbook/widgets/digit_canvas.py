"""DigitCanvas: draw a digit with the mouse, a pen or a finger, and hand it to the network."""

from __future__ import annotations

import pathlib

import anywidget
import numpy as np
import traitlets

from .._validate import SIDE
from ..language import tr
from ..preprocess import check_strokes, strokes_to_image
from ._display import no_widgets, replace_plain_text

HERE = pathlib.Path(__file__).resolve().parent


class _Strokes(traitlets.TraitType):
    """A list of strokes, checked by nnbook (traitlets' own List would turn "1" into ["1"])."""

    def info(self):
        return tr("a list of strokes, each a list of (x, y) points")

    def make_dynamic_default(self):
        return []

    def validate(self, obj, value):
        return [points.tolist() for points in check_strokes(value)]


class DigitCanvas(anywidget.AnyWidget):
    """A canvas to draw a digit on, white ink on black as in MNIST.

        canvas = DigitCanvas()
        canvas              # draw in the notebook, then:
        canvas.image        # a (28, 28) array in [0, 1], prepared as MNIST digits were

    Drawing happens in the browser. Each time you lift the pen, the browser
    sends the stroke (the points the pen passed through) to Python, which
    redraws all strokes and prepares the picture as MNIST was prepared (see
    :mod:`nnbook.preprocess`): scaled into a 20×20 box, centred by its centre
    of mass in 28×28, with grey edges. The small picture beside the canvas
    shows that result: exactly what the network sees.

    To react whenever a stroke ends, observe ``image``::

        canvas.observe(lambda change: print(change.new.sum()), names="image")

    Attributes
    ----------
    strokes : list
        Every stroke so far, each a list of (x, y) points in canvas units:
        x from 0 (left) to 1 (right), y from 0 (top) to 1 (bottom).
        Setting it redraws the canvas.
    image : numpy.ndarray
        The (28, 28) image the strokes make, values from 0.0 (black) to 1.0
        (white); all black when nothing is drawn. Read-only.
    """

    _esm = HERE / "digit_canvas.js"
    _css = HERE / "digit_canvas.css"

    strokes = _Strokes().tag(sync=True)
    # The texts the browser shows, in the language of the moment the canvas is made (see _display.slots).
    _texts = traitlets.Dict().tag(sync=True)
    image = traitlets.Instance(np.ndarray, read_only=True)
    # What the network sees, as 784 grey levels 0-255 (row by row), for the preview in the browser.
    _preview = traitlets.List(traitlets.Int(min=0, max=255), default_value=[0] * SIDE * SIDE,
                              minlen=SIDE * SIDE, maxlen=SIDE * SIDE).tag(sync=True)

    def __init__(self, strokes=(), **kwargs):
        super().__init__(_texts=_texts(), **kwargs)
        self._set_image(np.zeros((SIDE, SIDE)))
        self.strokes = strokes

    @traitlets.validate("strokes")
    def _valid_strokes(self, proposal):
        """Check the strokes and draw them before anything changes: if either fails, strokes and image stay."""
        strokes = [np.array(points, dtype=np.float64) for points in proposal["value"]]
        for i, points in enumerate(strokes):
            outside = (points < 0.0) | (points > 1.0)
            if outside.any():
                point = int(np.argmax(outside.any(axis=1)))
                raise ValueError(f"strokes[{i}][{point}] is {points[point].tolist()}, off the canvas: "
                                 "x and y run from 0 to 1")
        self._drawn = strokes_to_image(strokes)
        return proposal["value"]

    @traitlets.observe("strokes")
    def _draw(self, change):
        self._set_image(self._drawn)

    def _set_image(self, image: np.ndarray) -> None:
        image.flags.writeable = False  # one image shared by every observer; nobody may change it
        self._preview = np.round(image * 255).astype(int).ravel().tolist()
        self.set_trait("image", image)

    def clear(self) -> None:
        """Wipe the canvas (the Clear button does the same)."""
        self.strokes = []

    @property
    def is_empty(self) -> bool:
        """True while nothing is drawn."""
        return not self.strokes

    def __repr__(self) -> str:
        count = len(self.strokes)
        return tr("DigitCanvas(1 stroke)") if count == 1 else tr("DigitCanvas({count} strokes)", count=count)

    def _repr_mimebundle_(self, **kwargs):
        text = "\n".join([
            tr("{canvas}: a canvas to draw a digit on with the mouse, a pen or a finger.", canvas=repr(self)),
            no_widgets(),
            tr("Where widgets work but drawing does not, nnbook.widgets.NetworkExplorer() picks test digits instead."),
        ])
        return replace_plain_text(super()._repr_mimebundle_(**kwargs), text)


def _texts() -> dict[str, str]:
    """What digit_canvas.js writes, in the current language."""
    return {
        "pad": tr("Drawing area: draw one digit with the mouse, a pen or a finger"),
        "preview": tr("The 28 by 28 image the network sees"),
        "caption": tr("what the network sees (28×28)"),
        "clear": tr("Clear"),
        "hint": tr("Draw one digit, large, with the mouse, a pen or a finger."),
    }
