"""LayerMap: the 2,000 test digits as dots on a map, layer by layer, to see the network pull the digits apart.

Also the map's arithmetic, usable on its own: :func:`principal_plane` (PCA
with numpy's SVD), :func:`neighbour_score` and :func:`chance_score`.
"""

from __future__ import annotations

import functools
import numbers
import pathlib
from dataclasses import dataclass
from typing import NamedTuple

import anywidget
import numpy as np
import traitlets

from .._validate import SIDE, as_float_array, describe, digit_labels, number, require_finite
from ..data import load_digits
from ..language import tr
from ..network import Network
from ._display import replace_plain_text, slots

HERE = pathlib.Path(__file__).resolve().parent

DIGIT_COLOURS = ("#3f90da", "#ffa90e", "#bd1f01", "#94a4a2", "#832db6",
                 "#a96b59", "#e76300", "#b9ac70", "#717581", "#92dadd")
"""One colour per digit, 0 to 9: Matthew Petroff's ten-colour sequence (matplotlib calls it "petroff10").

It was chosen, by testing with many viewers, so that the ten colours stay
apart for people with the common kinds of colour blindness. The map also
writes each digit on a badge at the middle of its dots, so no one has to
tell the colours apart to read it.
"""

ABOUT_THE_SAME = 0.02
"""Two scores less than 2 percentage points apart are called "about the same".

A score is a share of 2,000 digits; a different set of 2,000 digits of the
same kind would move it by about 1 percentage point either way, so smaller
differences say nothing.
"""

def no_widgets_map() -> str:
    """The map's text for viewers without widgets."""
    return tr(
        "You are reading this text because this viewer cannot show interactive widgets.\n"
        "The map moves only in a running notebook (JupyterLab, Jupyter Notebook 7, Colab, Binder): "
        "open the notebook there and run the cell.\n"
        "Or move it in Python and read the numbers:\n"
        "    layer_map.layer = 2\n"
        "    layer_map.scores"
    )


def pca_in_one_sentence() -> str:
    """What the map does, in one sentence."""
    return tr(
        "A layer gives each digit many numbers (784 at the pixels); to draw it as one dot, the map keeps two: "
        "where the digit lies along the two directions in which the 2,000 dots spread the most (PCA)."
    )


class Plane(NamedTuple):
    """A cloud of points flattened onto its two directions of most spread: what :func:`principal_plane` returns.

    Attributes
    ----------
    coordinates : numpy.ndarray
        (n, 2): each point's place along the two directions, one row per point.
    directions : numpy.ndarray
        (2, d): the two directions, each of length 1 and at right angles to
        each other; a row of zeros where the points do not spread in a
        second direction (all on one line, or only one number per point).
    centre : numpy.ndarray
        (d,): the average point, which lands at (0, 0) on the map.
    share : float
        The fraction of the spread (the sum of squared distances from the
        centre) that the two coordinates keep, 0 to 1; the rest is lost in
        the flattening. 1.0 when the points do not spread at all.
    """

    coordinates: np.ndarray
    directions: np.ndarray
    centre: np.ndarray
    share: float


def principal_plane(points) -> Plane:
    """Flatten a cloud of points onto the two directions in which it spreads the most (PCA).

    Each row of ``points`` is one point: for a layer of the network, one
    digit's activations (784 numbers at the pixels, 16 in a hidden layer).
    A dot on paper has only two numbers, so the map keeps two: how far each
    point lies along the two directions in which the points spread the
    most. This is principal component analysis (PCA), in three steps:

    1. centre: subtract the average point, so the cloud sits around zero;
    2. find the directions: numpy's singular value decomposition (SVD)
       writes the centred points as U·S·Vᵀ, and the first two rows of Vᵀ
       are the two directions of most spread, at right angles;
    3. project: a point's two coordinates are its dot products with the
       two directions.

    A direction and its opposite are equally good, and the SVD may return
    either, so each direction is turned to make its largest entry (by size)
    positive: the same points always give the same picture.

    >>> plane = principal_plane([[0.0, 1.0], [2.0, 1.0], [4.0, 1.0]])
    >>> plane.coordinates[:, 0].tolist(), plane.coordinates[:, 1].tolist(), plane.share
    ([-2.0, 0.0, 2.0], [0.0, 0.0, 0.0], 1.0)
    """
    array = require_finite(as_float_array(points, "points"), "points")
    if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError("points must be a table with one row per point and one column per number, "
                         f"shaped (n, d) with n and d at least 1, got shape {array.shape}")
    centre = array.mean(axis=0)
    centred = array - centre
    directions = np.zeros((2, array.shape[1]))
    # A number that is the same for every point (a pixel black in every image) adds no spread: leaving it
    # out changes no direction and makes the SVD of the 2,000 test digits' pixels about 40% faster.
    varying = np.ptp(array, axis=0) > 0
    if not varying.any():
        return Plane(centred @ directions.T, directions, centre, 1.0)
    _, spreads, rows = np.linalg.svd(centred[:, varying], full_matrices=False)
    # A direction in which the points do not spread is only rounding noise: keep it at zero.
    tiny = spreads[0] * max(centred.shape) * np.finfo(np.float64).eps
    for k in range(min(2, len(spreads))):
        if spreads[k] > tiny:
            direction = rows[k]
            directions[k, varying] = direction if direction[np.argmax(np.abs(direction))] > 0 else -direction
    total = float(np.sum(spreads ** 2))
    share = float(np.sum(spreads[:2] ** 2) / total) if total > 0 else 1.0
    return Plane(centred @ directions.T, directions, centre, share)


def nearest_neighbours(points) -> np.ndarray:
    """For each point, the index of the nearest other point, by straight-line distance.

    ``points`` is shaped (n, d) with n at least 2. When two points are equally
    near (for example two identical images), the one with the lower index
    counts. The distances are worked out in blocks of rows, so 2,000 points
    never need more than about 16 MB at once.

    >>> nearest_neighbours([[0.0], [1.0], [5.0], [5.5]]).tolist()
    [1, 0, 3, 2]
    """
    array = require_finite(as_float_array(points, "points"), "points")
    if array.ndim != 2 or array.shape[0] < 2:
        raise ValueError("points must be a table with one row per point, shaped (n, d) with at least 2 points, "
                         f"got shape {array.shape}")
    n = len(array)
    nearest = np.empty(n, dtype=np.int64)
    block = max(1, 2_000_000 // n)
    for start in range(0, n, block):
        rows = array[start:start + block]
        squared = np.zeros((len(rows), n))
        for k in range(array.shape[1]):
            squared += (rows[:, k, np.newaxis] - array[np.newaxis, :, k]) ** 2
        squared[np.arange(len(rows)), np.arange(start, start + len(rows))] = np.inf  # not itself
        nearest[start:start + len(rows)] = np.argmin(squared, axis=1)
    return nearest


def neighbour_score(points, labels) -> float:
    """How often a point's nearest other point has the same label: a share from 0 to 1.

    On a map of the test digits this measures how well the digits are
    pulled apart: 1.0 if every dot sits beside a dot of its own digit, and
    close to :func:`chance_score` (about 0.1 for ten digits) if the colours
    are mixed at random.

    >>> neighbour_score([[0.0], [1.0], [5.0], [5.5]], [3, 3, 7, 1])
    0.5
    """
    array = as_float_array(points, "points")
    labels = digit_labels(labels, len(array) if array.ndim == 2 else None)
    return float(np.mean(labels[nearest_neighbours(array)] == labels))


def chance_score(labels) -> float:
    """The :func:`neighbour_score` to expect if the labels were shuffled at random.

    A point's neighbour is then any of the other n - 1 points, so the chance
    that it has the same label is the sum over the digits of
    (count / n) · ((count - 1) / (n - 1)): 0.1 for ten digits in equal numbers.

    >>> chance_score([0, 0, 1, 1])
    0.3333333333333333
    """
    labels = digit_labels(labels)
    n = len(labels)
    if n < 2:
        raise ValueError(f"labels must hold at least 2 labels (a point and a neighbour), got {n}")
    counts = np.bincount(labels).astype(np.float64)
    return float(np.sum(counts * (counts - 1)) / (n * (n - 1)))


@dataclass(frozen=True)
class PickedDigit:
    """The digit picked on the map (a click, or :meth:`LayerMap.pick`), and what each network answers.

    Attributes
    ----------
    index : int
        Its place among the 2,000 test digits of ``nnbook.load_digits("test")``.
    label : int
        The digit it really is.
    image : numpy.ndarray
        Its (28, 28) image, grey values from 0.0 (black) to 1.0 (white).
    answers : dict
        Each network's answer, by the network's name: the digit whose output is largest.
    outputs : dict
        Each network's ten output activations, by the network's name.
    text : str
        What the map says about it, in one line.
    """

    index: int
    label: int
    image: np.ndarray
    answers: dict
    outputs: dict
    text: str


@functools.lru_cache(maxsize=1)
def _pixel_map() -> tuple[Plane, float]:
    """The test digits' pixels, flattened, and their score: the same for every network, so worked out once."""
    images, labels = load_digits("test")
    plane = _read_only(principal_plane(images.reshape(len(images), -1)))
    return plane, neighbour_score(plane.coordinates, labels)


class LayerMap(anywidget.AnyWidget):
    """The network as a function that pulls the digits apart: every test digit as a dot, layer by layer.

        layer_map = nnbook.widgets.LayerMap()
        layer_map

    Each of the 2,000 test digits is one dot, coloured by the digit it
    really is (the legend, and a badge amid each digit's dots, say which). The dots
    are placed by the numbers one layer gives that digit: its 784 pixels,
    the 16 activations of hidden layer 1 or of layer 2, or the 10 outputs.
    To draw 16 numbers as one dot the map keeps two: where the digit lies
    along the two directions in which the 2,000 dots spread the most (PCA,
    see :func:`principal_plane`). The buttons (or ← and →) move from layer to
    layer, and the dots glide to their new places.

    Two maps side by side: the trained network (``nnbook.pretrained()``) and
    the untrained one that notebook 00 shows (``nnbook.Network(seed=0)``),
    same shape, random weights. Both read the same pixels, so their first
    maps are the same. Layer by layer the trained network pulls each digit's
    dots together and the digits apart; the untrained one does not. The
    number under each map measures it: how often a dot's nearest dot shows
    the same digit (chance is about 10%). Keep in mind that it measures the
    flat map: the map keeps only part of the spread (the widget shows how
    much), so at the pixels, where it keeps least, the digits look more
    mixed than all 784 numbers are. At the outputs the trained network
    gives each digit a tight clump, but ten outputs do not fit in two
    directions: the map's two directions follow mostly two output neurons
    (for ``nnbook.pretrained()``, those of 1 and 7), and the other clumps
    crowd together near the middle, each tight but close to the next.

    Click a dot (or type a test digit's number) to see its image and what
    each network answers; the dot is ringed on both maps.

    Everything is worked out once, when the map is made (the two networks
    on all 2,000 digits, every layer's PCA and scores): about a second the
    first time, most of it the PCA of the pixels, which later maps in the
    same session reuse; less after that. Then a change of layer only sends
    the new dots to the browser. ``benchmarks/bench_layer_map.py`` times both.

    In Python (for teachers and tests)::

        layer_map.layer = 2          # or "layer 2"; 0 is the pixels, the last the outputs
        layer_map.coordinates        # the dots of this layer, by network name: (2000, 2) arrays
        layer_map.scores             # by network name: the score of every layer, pixels first
        layer_map.pick(17)           # test digit 17, as a click on its dot
        layer_map.picked.answers     # {"trained": ..., "untrained": ...}

    Parameters
    ----------
    network : Network, optional
        The network on the left; by default the trained one, ``nnbook.pretrained()``.
        It must read 28×28 images (784 inputs) and have 10 outputs; any hidden
        sizes and activation will do.
    untrained : Network, optional
        The network on the right; by default an untrained network of the same
        shape and activation, made with seed 0 (for the default network, the
        same as ``nnbook.Network(seed=0)``). It needs as many layers as ``network``.
    names : pair of str
        What to call the two networks, on the maps and as keys of ``scores``,
        ``coordinates`` and ``picked``; ``("trained", "untrained")`` by default.

    Both networks are copied: changing them later leaves the map alone.

    Attributes
    ----------
    layer : int
        The layer shown: 0 for the pixels, up to ``len(layer_names) - 1`` for
        the outputs. Set it (to a number or a name) to change the maps.
    layer_names : tuple of str
        ``("pixels", "layer 1", "layer 2", "outputs")`` for 784-16-16-10.
    names : tuple of str
        The two networks' names, left map first.
    labels : numpy.ndarray
        The digit each dot really is, 2,000 of them.
    networks : dict
        The two networks' copies, by name.
    planes : dict
        By name, one :class:`Plane` per layer: the dots, the two directions,
        the centre and the share of the spread the map keeps.
    chance : float
        The score to expect if the colours were shuffled at random (:func:`chance_score`).
    """

    _esm = HERE / "layer_map.js"
    _css = HERE / "layer_map.css"

    # Any, checked by nnbook's own validators: their errors say what was expected in plain words.
    layer = traitlets.Any(0).tag(sync=True)
    # The picked test digit's index, -1 for none; the browser sets it on a click.
    _pick = traitlets.Any(-1).tag(sync=True)
    # What the browser draws: the still parts (once), this layer's dots, the picked digit.
    _scene = traitlets.Dict().tag(sync=True)
    _view = traitlets.Dict().tag(sync=True)
    _picked = traitlets.Dict().tag(sync=True)

    def __init__(self, network=None, untrained=None, *, names=("trained", "untrained")):
        if network is None:
            from ..pretrained import pretrained

            network = pretrained()
        _check_network(network, "network")
        if untrained is None:
            untrained = Network(network.sizes, network.activation, seed=0)
        _check_network(untrained, "untrained")
        if len(untrained.sizes) != len(network.sizes):
            raise ValueError("the two networks must have the same number of layers, so that the maps match layer "
                             f"by layer; network has sizes {network.sizes}, untrained has {untrained.sizes}")
        self.names = _check_names(names)
        self.networks = {name: net.copy() for name, net in zip(self.names, (network, untrained))}
        last = len(network.sizes) - 1
        self.layer_names = ("pixels", *(f"layer {layer}" for layer in range(1, last)), "outputs")

        images, labels = load_digits("test")
        labels.flags.writeable = False
        self.labels = labels
        self._greys = np.round(images * 255).astype(np.uint8)  # the pictures, as the data file stores them
        batch = images.reshape(len(images), -1)
        pixel_plane, pixel_score = _pixel_map()
        self.planes, self._outputs = {}, {}
        for name, net in self.networks.items():
            activations = net.activations(batch)
            self._outputs[name] = activations[-1]
            self.planes[name] = (pixel_plane, *(_read_only(principal_plane(a)) for a in activations[1:]))
        self.chance = chance_score(labels)
        self._scores = {name: (pixel_score, *(neighbour_score(plane.coordinates, labels) for plane in planes[1:]))
                        for name, planes in self.planes.items()}
        self._views = [self._view_data(layer) for layer in range(last + 1)]
        super().__init__(_scene=self._scene_data(), _view=self._views[0])
        self.on_msg(self._on_front_end_message)

    # ---- Python API ------------------------------------------------------------------------------

    @property
    def coordinates(self) -> dict:
        """The dots of the layer shown, by network name: one (x, y) row per test digit, shape (2000, 2)."""
        return {name: planes[self.layer].coordinates for name, planes in self.planes.items()}

    @property
    def scores(self) -> dict:
        """By network name, for every layer (pixels first): how often a dot's nearest dot is the same digit."""
        return dict(self._scores)

    @property
    def picked(self) -> PickedDigit | None:
        """The picked digit (see :class:`PickedDigit`), or None before the first pick."""
        return None if self._pick == -1 else self._picked_digit(self._pick)

    def pick(self, index) -> None:
        """Pick test digit ``index`` (0 to 1999), as a click on its dot does: show its image and the answers."""
        self._pick = _check_index(index, len(self.labels), "index")

    # ---- checks and reactions ------------------------------------------------------------------

    @traitlets.validate("layer")
    def _valid_layer(self, proposal):
        value, last = proposal["value"], len(self.layer_names) - 1
        if isinstance(value, str):
            if value not in self.layer_names:
                raise ValueError(f"unknown layer {value!r}; expected a number 0-{last} or one of "
                                 f"{', '.join(map(repr, self.layer_names))}")
            return self.layer_names.index(value)
        layer = number(value, "layer", minimum=0, integer=True)
        if layer > last:
            raise ValueError(f"layer must be 0 (the pixels) to {last} (the outputs), got {layer}")
        return layer

    @traitlets.validate("_pick")
    def _valid_pick(self, proposal):
        value = proposal["value"]
        if value == -1 and not isinstance(value, bool):
            return -1
        return _check_index(value, len(self.labels), "index")

    @traitlets.observe("layer")
    def _layer_changed(self, change):
        self._view = self._views[change["new"]]

    @traitlets.observe("_pick")
    def _pick_changed(self, change):
        index = change["new"]
        self._picked = {} if index == -1 else self._picked_data(index)

    def _on_front_end_message(self, widget, content, buffers) -> None:
        # The browser says hello when it draws the map; an answer proves a kernel is there to move it.
        if isinstance(content, dict) and content.get("type") == "hello":
            self.send({"type": "alive"})

    # ---- words -----------------------------------------------------------------------------------

    def _layer_heading(self, layer: int) -> str:
        if layer == 0:
            return tr("The pixels: each digit is its 784 grey values. Both networks read the same pixels.")
        sizes = {net.sizes[layer] for net in self.networks.values()}
        if len(sizes) == 1:
            count = f"{sizes.pop()}"
        else:
            (first, one), (second, two) = self.networks.items()
            count = tr("{one} ({first}) and {two} ({second})", one=one.sizes[layer], first=_shown(first),
                       two=two.sizes[layer], second=_shown(second))
        if layer == len(self.layer_names) - 1:
            return tr("The outputs: each digit is now the network's {count} output activations.", count=count)
        return tr("Layer {layer}: each digit is now the {count} activations of this layer's neurons.",
                  layer=layer, count=count)

    def _score_caption(self, layer: int) -> str:
        first, second = self.names
        one, two = (self._scores[name][layer] for name in self.names)
        chance = tr("With the colours shuffled at random it would be about {chance}.", chance=_percent(self.chance))
        if layer == 0:
            return tr("On this map a dot's nearest dot shows the same digit for {one} of the 2,000 digits "
                      "(the same for both networks). {chance}", one=_percent(one), chance=chance)
        return tr("On these maps a dot's nearest dot shows the same digit for {one} of the 2,000 digits "
                  "with the {first} network and {two} with the {second} one. {chance}", one=_percent(one),
                  first=_shown(first), two=_percent(two), second=_shown(second), chance=chance)

    def _summary(self) -> str:
        """The scores from the pixels to the outputs, in words that say no more than the numbers do."""
        sentences = [_trend(name, self._scores[name]) for name in self.names]
        nets = list(self.networks.values())
        if nets[0].sizes == nets[1].sizes and nets[0].activation == nets[1].activation:
            sentences.append(tr("Both networks have the same shape and read the same pixels: only their weights "
                                "differ."))
        return " ".join(sentences)

    def _picked_text(self, index: int) -> str:
        label = int(self.labels[index])
        parts = [tr("Test digit {index} is an {label}.", index=index, label=label) if label == 8
                 else tr("Test digit {index} is a {label}.", index=index, label=label)]
        for name in self.names:
            answer = int(np.argmax(self._outputs[name][index]))
            mark = tr("✓ right") if answer == label else tr("✗ wrong")
            parts.append(tr("The {name} network says {answer} ({mark}).", name=_shown(name), answer=answer,
                            mark=mark))
        return " ".join(parts)

    # ---- what the browser gets -----------------------------------------------------------------

    def _scene_data(self) -> dict:
        return {
            "layers": [_layer_shown(name) for name in self.layer_names],
            "names": list(self.names),
            "network_names": [tr("{name} network", name=_shown(name)) for name in self.names],
            "labels": self.labels.astype(np.uint8).tobytes(),
            "colours": list(DIGIT_COLOURS),
            "count": len(self.labels),
            "explain": pca_in_one_sentence(),
            "texts": _texts(),
            "scores": [[round(100 * s) for s in self._scores[name]] for name in self.names],
            "summary": self._summary(),
        }

    def _view_data(self, layer: int) -> dict:
        maps = []
        for name in self.names:
            plane = self.planes[name][layer]
            size = self.networks[name].sizes[layer]
            maps.append({
                "name": name,
                "title": tr("{name} network: {size} numbers per digit", name=_shown(name), size=size),
                "points": np.ascontiguousarray(plane.coordinates, dtype="<f4").tobytes(),
                **_frame(plane.coordinates),
                "centres": _centres(plane.coordinates, self.labels).tolist(),
                "note": tr("nearest dot, same digit: {score} · the map keeps {share} of the spread",
                           score=_percent(self._scores[name][layer]), share=_percent(plane.share)),
            })
        return {"layer": layer, "heading": self._layer_heading(layer), "caption": self._score_caption(layer),
                "maps": maps}

    def _picked_data(self, index: int) -> dict:
        return {"index": index, "label": int(self.labels[index]), "image": self._greys[index].tobytes(),
                "text": self._picked_text(index)}

    def _picked_digit(self, index: int) -> PickedDigit:
        image = self._greys[index] / 255.0
        image.flags.writeable = False
        outputs = {name: self._outputs[name][index].copy() for name in self.names}
        answers = {name: int(np.argmax(values)) for name, values in outputs.items()}
        return PickedDigit(index, int(self.labels[index]), image, answers, outputs, self._picked_text(index))

    def __repr__(self) -> str:
        nets = ", ".join(f"{name}: {net!r}" for name, net in self.networks.items())
        return tr("LayerMap({networks}; showing {layer})", networks=nets, layer=repr(self.layer_names[self.layer]))

    def _repr_mimebundle_(self, **kwargs):
        header = "".join(f"{name:>8s}" for name in self.layer_names)
        rows = "\n".join(f"  {name:<10s}" + "".join(f"{_percent(s):>8s}" for s in self._scores[name])
                         for name in self.names)
        text = (tr("{map}: the 2,000 test digits as dots, layer by layer.\n"
                   "How often a dot's nearest dot on the map shows the same digit (chance: about {chance}):",
                   map=repr(self), chance=_percent(self.chance))
                + f"\n  {'':10s}{header}\n{rows}\n{self._summary()}\n" + no_widgets_map())
        return replace_plain_text(super()._repr_mimebundle_(**kwargs), text)


def _check_network(network, name: str) -> None:
    if not isinstance(network, Network):
        raise TypeError(f"{name} must be an nnbook.Network, got {describe(network)}")
    if network.sizes[0] != SIDE * SIDE or network.sizes[-1] != 10:
        raise ValueError(f"{name} must read 28×28 images (784 inputs) and answer with 10 outputs, one per digit; "
                         f"got a network with sizes {network.sizes}")


def _check_names(names) -> tuple[str, str]:
    if isinstance(names, (str, bytes)) or not isinstance(names, (tuple, list)) or len(names) != 2:
        raise TypeError('names must be a pair of two different names, such as ("trained", "untrained"), '
                        f"got {describe(names)}")
    if not all(isinstance(name, str) and name.strip() for name in names) or names[0] == names[1]:
        raise ValueError('names must be a pair of two different names, such as ("trained", "untrained"), '
                         f"got {tuple(names)!r}")
    return (names[0], names[1])


def _check_index(value, n: int, name: str) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a test digit's number, a whole number 0 to {n - 1}, got {describe(value)}")
    if not 0 <= value < n:
        raise ValueError(f"{name} must be a test digit's number, 0 to {n - 1}, got {value}")
    return int(value)


def _read_only(plane: Plane) -> Plane:
    for array in plane[:3]:
        array.flags.writeable = False
    return plane


def _frame(coordinates: np.ndarray) -> dict:
    """The square of the map that the browser shows: its middle and half its side, just big enough for every dot.

    The same scale across and up, so that distances on the map are true to the numbers.
    """
    low, high = coordinates.min(axis=0), coordinates.max(axis=0)
    half = float(np.max(high - low)) / 2
    return {"middle": ((low + high) / 2).tolist(), "half": half if half > 0 else 1.0}


def _centres(coordinates: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Where each digit's badge goes: the middle (median) of its dots, one row per digit 0-9."""
    return np.array([np.median(coordinates[labels == digit], axis=0) for digit in range(10)])


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def _trend(name: str, scores) -> str:
    """One network's scores from the pixels to the outputs, and one phrase that claims only what they show."""
    path = " → ".join(_percent(score) for score in scores)
    first, last, steps = scores[0], scores[-1], np.diff(scores)
    if last - first >= ABOUT_THE_SAME:
        trend = tr("higher at every layer") if np.all(steps > 0) else tr("higher at the outputs than at the pixels")
    elif first - last >= ABOUT_THE_SAME:
        trend = tr("lower at every layer") if np.all(steps < 0) else tr("lower at the outputs than at the pixels")
    else:
        trend = tr("about the same at the outputs as at the pixels")
    said = tr("{name} network, from the pixels to the outputs: {path}, {trend}.", name=_shown(name), path=path,
              trend=trend)
    return said[:1].upper() + said[1:]


def _shown(name: str) -> str:
    """A network's name as the texts write it: the default names in the current language, others as given."""
    if name == "trained":
        return tr("trained")
    if name == "untrained":
        return tr("untrained")
    return name


def _layer_shown(name: str) -> str:
    """A layer's name ("pixels", "layer 1", ..., "outputs": what ``layer_map.layer`` takes) as the browser shows it."""
    if name == "pixels":
        return tr("pixels")
    if name == "outputs":
        return tr("outputs")
    return tr("layer {layer}", layer=name.removeprefix("layer "))


def _texts() -> dict[str, str]:
    """What layer_map.js writes, in the current language; {name}: a value the browser fills in."""
    return {
        "group": tr("Layer map: the test digits as dots, layer by layer. ← and → change the layer."),
        "show": tr("show:"),
        "picked_image": tr("The picked digit, 28 by 28 pixels"),
        "chooser": tr("test digit no."),
        "legend": tr("Colours: one per digit"),
        "digit": tr("digit:"),
        "hint": tr("Click a dot (or type a number) to see that digit and the networks' answers. "
                   "Keys: ← and → change the layer."),
        "saved": tr("A saved picture: the map moves only in a running notebook (JupyterLab, Colab, Binder). "
                    "Run the cell to use it."),
        "nearest": tr("nearest dot, same digit"),
        "map_label": tr("{title}: 2,000 dots, one per test digit. {note}", **slots("title", "note")),
        "nothing_picked": tr("No digit picked yet."),
    }
