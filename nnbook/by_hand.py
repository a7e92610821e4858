"""A tiny network whose weights you set by hand: the video's thought experiment, made small.

Notebook 06 uses it as it is (no twin in the notebook); tests/test_nb06_parameters.py checks
the claims the notebook makes about it. It also draws notebook 06's other pictures (see
"Pictures for notebook 06" at the end), so that each is one call in the notebook.

The video invites you to imagine choosing all 13,002 weights and biases of the
784-16-16-10 network yourself. Here is a version small enough to really do:
a 784-3-3 network that tells 0s, 1s and 7s apart.

- Its **hidden layer** has three part detectors, built like the region
  detector of notebook 03 (+1 inside a rectangle, -1 on a frame around it),
  each with the video's bias of -10, so it is only active when its weighted
  sum is above 10:

  - ``"left side"``, rows 11-19, columns 4-9: where a 0 curves down on the left;
  - ``"middle line"``, rows 8-19, columns 12-15: where a 1 stands;
  - ``"top bar"``, rows 7-10, columns 5-22: where a 7 has its bar.

- Its **output layer** has one neuron for each of the digits 0, 1 and 7.
  Their 3 × 3 = 9 weights and 3 biases are yours to choose.

:func:`score` reads the 639 test digits that are 0s, 1s or 7s with your
network and says how many it gets right, with a medal. :class:`Playground`
gives you a slider for each of your 12 numbers and scores every change live.

    >>> from nnbook import by_hand
    >>> net = by_hand.network([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0])
    >>> net
    Network(784-3-3, activation='sigmoid', 2,367 parameters)
    >>> print(by_hand.score(net).medal)
    bronze

The pictures: :func:`show_parameter_blocks` (where a network's parameters
are), :func:`show_shuffled` (why every pixel needs a weight of its own),
:func:`show_parts` (the three part detectors) and :func:`show_costs` (what
networks answer for one image, and what it costs them); for the extensions,
:func:`parts_table` (how often each part is on), :func:`show_medals` (shares
read right against the medals), :func:`show_valley` and :func:`show_walk`
(the cost as one weight turns, and a walk downhill on it).
"""

from __future__ import annotations

import dataclasses
import functools
import html
from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np

from ._validate import as_float_array, describe, pixel_grid, require_finite
from .data import load_digits
from .detectors import Region, example_weights, region_detector
from .figures import HIGHLIGHT, NEUTRAL, STYLE, new_axes, show_digit, show_prediction, show_weights
from .language import language, tr, whole
from .network import Network

DIGITS = (0, 1, 7)
"""The three digits the small network tells apart, in the order of its output neurons."""

_REGIONS = (Region(top=11, left=4, height=9, width=6),  # the left side
            Region(top=8, left=12, height=12, width=4),  # the middle line
            Region(top=7, left=5, height=4, width=18))  # the top bar


def part_names() -> tuple[str, str, str]:
    """The names of the three part detectors, in the order of the hidden neurons, in the current language."""
    return tr("left side"), tr("middle line"), tr("top bar")


class _Parts(Mapping):
    """Name → region of the three hidden part detectors, named in the current language when read."""

    def _parts(self) -> dict[str, Region]:
        return dict(zip(part_names(), _REGIONS))

    def __getitem__(self, name):
        return self._parts()[name]

    def __iter__(self):
        return iter(self._parts())

    def __len__(self):
        return len(_REGIONS)

    def __repr__(self):
        return repr(self._parts())


PARTS = _Parts()
"""The regions of the three hidden part detectors, in the order of the hidden neurons (named in the language
:func:`nnbook.set_language` chose)."""

PART_BIAS = -10.0
"""Every part detector's bias, the video's -10: active only when its weighted sum is above 10."""

MEDALS = (("gold", 0.87), ("silver", 0.80), ("bronze", 0.70))
"""The medals, best first, and the share of the test digits each one needs (the names are data: :func:`medal_name`
shows one in the current language)."""


def medal_name(name: str) -> str:
    """A medal of :data:`MEDALS` ("gold", "silver" or "bronze") as a learner reads it, in the current language."""
    return {"gold": tr("gold"), "silver": tr("silver"), "bronze": tr("bronze")}.get(name, name)


def _plural(digit: int) -> str:
    """"0s", "1s" or "7s" in the current language."""
    return {0: tr("0s"), 1: tr("1s"), 7: tr("7s")}[digit]


def part_weights() -> np.ndarray:
    """The hidden layer's weights: one row of 784 per part detector, shape (3, 784)."""
    return np.stack([region_detector(*region).ravel() for region in _REGIONS])


def network(output_weights, output_biases) -> Network:
    """The 784-3-3 network with the three part detectors and your output layer.

    ``output_weights`` has one row per output neuron (for 0, 1 and 7, in that
    order) and one column per part (left side, middle line, top bar): a 3 × 3
    list or array. ``output_biases`` holds the 3 output neurons' biases.
    """
    weights = _numbers(output_weights, "output_weights", (3, 3),
                       tr("one row per output neuron (0, 1, 7), one column per part ({parts})",
                          parts=", ".join(part_names())))
    biases = _numbers(output_biases, "output_biases", (3,), tr("one bias per output neuron (0, 1, 7)"))
    net = Network(sizes=(784, 3, 3))
    net.weights = [part_weights(), weights]
    net.biases = [np.full(3, PART_BIAS), biases]
    return net


@functools.lru_cache(maxsize=1)
def _test_digits() -> tuple[np.ndarray, np.ndarray]:
    images, labels = load_digits("test")
    keep = np.isin(labels, DIGITS)
    images, labels = images[keep], labels[keep]
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def test_digits() -> tuple[np.ndarray, np.ndarray]:
    """The test digits that are 0s, 1s or 7s: ``(images, labels)``, 639 of them."""
    images, labels = _test_digits()
    return images.copy(), labels.copy()


@dataclasses.dataclass(frozen=True, eq=False)
class Score:
    """How well a three-digit network reads the test 0s, 1s and 7s.

    ``table[i, j]`` counts the test images of digit ``DIGITS[i]`` that the
    network read as ``DIGITS[j]``; the diagonal holds the right answers.
    """

    table: np.ndarray

    @property
    def correct(self) -> int:
        return int(np.trace(self.table))

    @property
    def total(self) -> int:
        return int(self.table.sum())

    @property
    def accuracy(self) -> float:
        """The share of the test digits read right, from 0.0 to 1.0."""
        return self.correct / self.total

    @property
    def per_digit(self) -> dict[int, float]:
        """For each digit, the share of its test images read right."""
        return {digit: float(self.table[i, i] / self.table[i].sum()) for i, digit in enumerate(DIGITS)}

    @property
    def medal(self) -> str | None:
        """``"gold"``, ``"silver"``, ``"bronze"``, or ``None`` below bronze."""
        return medal(self.accuracy)

    def leaderboard(self) -> str:
        """The medals, best first, with your score placed among them."""
        lines, placed = [], False
        width = max(7, *(len(medal_name(name)) for name, _ in MEDALS))
        for name, needed in MEDALS:
            line = "   " + tr("{medal} {needed:>4.0%} or more", medal=medal_name(name).ljust(width), needed=needed)
            if not placed and self.accuracy >= needed:
                line = " ▶ " + tr("{medal} {needed:>4.0%} or more   ← you: {accuracy:.1%}",
                                  medal=medal_name(name).ljust(width), needed=needed, accuracy=self.accuracy)
                placed = True
            lines.append(line)
        if not placed:
            lines.append(" ▶ " + tr("no medal yet          ← you: {accuracy:.1%}", accuracy=self.accuracy))
        return "\n".join(lines)

    def table_text(self) -> str:
        """The table of what each digit was read as, one row per digit."""
        names = [f"  {_plural(digit)} ({int(self.table[i].sum())}) " for i, digit in enumerate(DIGITS)]
        columns = [tr("read as {digit}", digit=d) for d in DIGITS]
        first, width = max(map(len, names)), max(9, *map(len, columns))
        rows = [" " * (first + 2) + "".join(f"{column:>{width}}  " for column in columns)]
        for name, counts in zip(names, self.table):
            rows.append(name.ljust(first) + "".join(f"{int(n):>{width}}  " for n in counts))
        return "\n".join(row.rstrip() for row in rows)

    def __str__(self) -> str:
        by_digit = " · ".join(f"{_plural(digit)} {share:.0%}" for digit, share in self.per_digit.items())
        return (tr("{correct} of the {total} test 0s, 1s and 7s read right: {accuracy:.1%} ({by_digit})",
                   correct=self.correct, total=self.total, accuracy=self.accuracy, by_digit=by_digit)
                + "\n" + self.leaderboard())

    def __repr__(self) -> str:
        return str(self)


def score(net) -> Score:
    """Read the 639 test 0s, 1s and 7s with ``net`` and count its answers.

    ``net`` is a :class:`~nnbook.Network` with 784 inputs and 3 outputs, the
    outputs standing for 0, 1 and 7 in that order; the highest output is its
    answer.
    """
    if not isinstance(net, Network):
        raise TypeError(tr("net must be an nnbook.Network (for example by_hand.network(weights, biases)), "
                           "got {got}", got=describe(net)))
    if net.sizes[0] != 784 or net.sizes[-1] != len(DIGITS):
        raise ValueError(tr("net must have 784 inputs and 3 outputs (for 0, 1 and 7), got a {sizes} network",
                            sizes="-".join(map(str, net.sizes))))
    images, labels = _test_digits()
    said = np.asarray(DIGITS)[np.atleast_1d(net.predict(images))]
    table = np.zeros((len(DIGITS), len(DIGITS)), dtype=np.int64)
    for i, digit in enumerate(DIGITS):
        for j, read_as in enumerate(DIGITS):
            table[i, j] = np.sum((labels == digit) & (said == read_as))
    return Score(table)


def medal(accuracy) -> str | None:
    """The medal a share of right answers earns: ``"gold"``, ``"silver"``, ``"bronze"`` or ``None``."""
    array = require_finite(as_float_array(accuracy, "accuracy"), "accuracy")
    if array.ndim != 0:
        raise ValueError(tr("accuracy must be one number, a share from 0.0 to 1.0, got {got}",
                            got=describe(accuracy)))
    value = float(array)
    if not 0.0 <= value <= 1.0:
        raise ValueError(tr("accuracy must be a share from 0.0 to 1.0, got {value:g}", value=value))
    return next((name for name, needed in MEDALS if value >= needed), None)


def _numbers(value, name: str, shape: tuple[int, ...], meaning: str) -> np.ndarray:
    array = require_finite(as_float_array(value, name), name)
    if array.shape != shape:
        raise ValueError(tr("{name} must have shape {shape}: {meaning}; got {got} of shape {got_shape}",
                            name=name, shape=shape, meaning=meaning, got=describe(value), got_shape=array.shape))
    return array.copy()


class Playground:
    """Sliders for the 9 weights and 3 biases of the output layer, with a live score.

    ``Playground()`` starts from all zeros; ``Playground(weights, biases)``
    from your numbers. Every slider change rebuilds the network and scores it
    on the test 0s, 1s and 7s. ``playground.weights`` and
    ``playground.biases`` are the slider values now, ready to copy into the
    exercise; ``playground.score`` is their :class:`Score`. Show it by making
    it the last line of a cell; ``playground.widget`` is the ipywidgets box.
    """

    LIMIT = 10.0
    STEP = 0.5

    def __init__(self, weights=None, biases=None):
        import ipywidgets as widgets  # imported here, so that `import nnbook` stays light

        weights = np.zeros((3, 3)) if weights is None else _numbers(
            weights, "weights", (3, 3), tr("one row per output neuron (0, 1, 7), one column per part"))
        biases = np.zeros(3) if biases is None else _numbers(biases, "biases", (3,),
                                                             tr("one bias per output neuron"))
        self._sliders = [[self._slider(widgets, value) for value in [*weights[i], biases[i]]]
                         for i in range(len(DIGITS))]
        cells = [widgets.HTML("")] + [widgets.HTML(f"<b>{html.escape(name)}</b>")
                                      for name in [*part_names(), tr("bias")]]
        for digit, sliders in zip(DIGITS, self._sliders):
            cells += [widgets.HTML(f"<b>{html.escape(tr('neuron {digit}', digit=digit))}</b>"), *sliders]
        grid = widgets.GridBox(cells, layout=widgets.Layout(grid_template_columns="80px repeat(4, 215px)",
                                                             grid_gap="2px 8px"))
        self._report = widgets.HTML()
        for slider in (s for row in self._sliders for s in row):
            slider.observe(self._on_slider, names="value")
        self.widget = widgets.VBox([grid, self._report])
        self._update()

    @classmethod
    def _slider(cls, widgets, value):
        return widgets.FloatSlider(value=float(np.clip(value, -cls.LIMIT, cls.LIMIT)), min=-cls.LIMIT,
                                   max=cls.LIMIT, step=cls.STEP, continuous_update=False, readout_format=".1f",
                                   layout=widgets.Layout(width="210px"))

    @property
    def weights(self) -> np.ndarray:
        """The 3 × 3 output weights the sliders show now."""
        return np.array([[slider.value for slider in row[:3]] for row in self._sliders])

    @property
    def biases(self) -> np.ndarray:
        """The 3 output biases the sliders show now."""
        return np.array([row[3].value for row in self._sliders])

    def _on_slider(self, change):
        self._update()

    def _update(self):
        self.score = score(network(self.weights, self.biases))
        self._report.value = f"<pre>{html.escape(str(self.score))}\n\n{html.escape(self.score.table_text())}</pre>"

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = f"{self!r}\n" + tr("The sliders show in JupyterLab or Jupyter Notebook 7; here is the "
                                                "score of the numbers they start from:\n{score}", score=self.score)
        return bundle

    def __repr__(self) -> str:
        return tr("Playground(score {accuracy:.1%}; .weights and .biases hold the slider values)",
                  accuracy=self.score.accuracy)


# Pictures for notebook 06 ---------------------------------------------------------------------


def show_parameter_blocks(net, ax=None):
    """A bar for each layer of weights of ``net``, and one for all its biases: where its parameters are.

    The biggest block is orange. For the video's 784-16-16-10 network the title
    says that 96% of its 13,002 parameters connect the pixels to the first
    hidden layer.

        >>> import nnbook
        >>> fig = show_parameter_blocks(nnbook.Network())
        >>> fig.axes[0].get_title()
        '96% of the 13,002 connect the pixels to the first hidden layer'
    """
    if not isinstance(net, Network):
        raise TypeError(tr("net must be an nnbook.Network, got {got}", got=describe(net)))
    sizes = net.sizes
    n_biases = sum(b.size for b in net.biases)
    names = [tr("weights {n_in} → {n_out}", n_in=n_in, n_out=n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    names.append(tr("all {n} biases", n=n_biases))
    counts = [W.size for W in net.weights] + [n_biases]
    biggest = counts.index(max(counts))
    fig, ax = new_axes(ax, (7.0, 0.45 * len(counts) + 0.6))
    ax.barh(names, counts, color=[HIGHLIGHT if row == biggest else NEUTRAL for row in range(len(counts))])
    for row, count in enumerate(counts):
        ax.text(count + 0.01 * net.n_parameters, row, whole(count), va="center")
    ax.invert_yaxis()
    ax.set_xlim(0, 1.12 * max(counts))
    ax.set_xlabel(tr("number of parameters"))
    share = net.weights[0].size / net.n_parameters
    ax.set_title(tr("{share:.0%} of the {total} connect the pixels to the first hidden layer", share=share,
                    total=whole(net.n_parameters)))
    return fig


def shuffled(image, seed=0) -> np.ndarray:
    """The same 784 grey values as ``image``, put in random places (seeded): the same ink, no digit."""
    grid = pixel_grid(image, "image")
    return np.random.default_rng(seed).permutation(grid.ravel()).reshape(grid.shape)


def show_shuffled(image, seed=0, name=None):
    """``image`` and :func:`shuffled` ``(image)``, each titled with the weighted sums of two neurons.

    "shared" has one weight, 1, shared by every pixel: it adds up the ink, so
    it gives both pictures the same sum. "detector" is notebook 03's example
    detector, with a weight of its own for every pixel: it knows *where* the
    ink is. ``name`` is the first picture's title (by default "a digit", in the current language).
    """
    image = pixel_grid(image, "image")
    name = tr("a digit") if name is None else name
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, 2, figsize=(5.2, 2.9))
    shared, detector = np.ones(image.shape), example_weights()
    for ax, (title, picture) in zip(axes, [(name, image), (tr("its pixels shuffled"), shuffled(image, seed))]):
        show_digit(picture, ax=ax, title=tr("{title}\nshared: {shared:.1f}, detector: {detector:.1f}", title=title,
                                            shared=np.sum(shared * picture), detector=np.sum(detector * picture)))
    return fig


def show_parts():
    """The weights of the three part detectors, side by side: blue +1, red -1, white 0."""
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(PARTS), figsize=(7.5, 2.6))
    for ax, name, pattern in zip(axes, part_names(), part_weights()):
        show_weights(pattern, ax=ax, title=name, colorbar=False)
    return fig


def show_costs(image, digit, **networks):
    """Each network's 10 outputs for ``image`` as bars, side by side, with its cost for ``digit`` above.

    The cost of one image adds up (output - wanted)² over the 10 outputs,
    where the wanted output is 1.0 for ``digit`` and 0.0 for the nine others.
    Name the networks with keywords: ``show_costs(seven, 7, untrained=a, trained=b)``.
    """
    image = pixel_grid(image, "image")
    if not networks:
        raise TypeError(tr("show_costs needs at least one network, named with a keyword, such as trained=network"))
    if isinstance(digit, bool) or not isinstance(digit, (int, np.integer)) or not 0 <= digit <= 9:
        raise ValueError(tr("digit must be a whole number from 0 to 9, got {got}", got=describe(digit)))
    wanted = np.zeros(10)
    wanted[digit] = 1.0
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(networks), figsize=(4.0 * len(networks), 2.6), sharey=True, squeeze=False)
    for ax, (name, net) in zip(axes.flat, networks.items()):
        if not isinstance(net, Network) or net.sizes[0] != 784 or net.sizes[-1] != 10:
            raise TypeError(tr("{name} must be an nnbook.Network with 784 inputs and 10 outputs, got {got}",
                               name=name, got=describe(net)))
        outputs = net.forward(image)
        # The keyword names the network (trained=...); in Dutch, say which one it is in Dutch.
        shown = name if language() == "en" else {"untrained": tr("untrained network"),
                                                   "trained": tr("trained network")}.get(name, name)
        show_prediction(outputs, ax=ax, title=tr("{name}: cost {cost:.3f}", name=shown,
                                                 cost=np.sum((outputs - wanted) ** 2)))
    return fig


def parts_table(images, labels) -> str:
    """For each digit 0, 1 and 7, how often each part detector is on (activation above 0.5), as a table.

    The part detectors are the hidden layer of :func:`network`; the output
    layer does not matter here.

        >>> images, labels = test_digits()
        >>> print(parts_table(images, labels).splitlines()[1])
        0s (200)          68%           0%          84%
    """
    batch = as_float_array(images, "images")
    labels = np.asarray(labels)
    if labels.shape != (len(batch),):
        raise ValueError(tr("labels must hold one digit per image ({n}), got {got}", n=len(batch),
                            got=describe(labels)))
    hidden = network(np.zeros((3, 3)), np.zeros(3)).activations(batch)[1]   # one column per part
    names = [f"{_plural(digit)} ({int(np.sum(labels == digit))})" for digit in DIGITS]
    first = max(8, *map(len, names))
    lines = [" " * first + "".join(f"{name:>13}" for name in part_names())]
    for digit, name in zip(DIGITS, names):
        mine = labels == digit
        if not mine.any():
            raise ValueError(tr("there are no {digits} among the images: the table needs 0s, 1s and 7s",
                                digits=_plural(digit)))
        on = np.mean(hidden[mine] > 0.5, axis=0)
        lines.append(name.ljust(first) + "".join(f"{share:13.0%}" for share in on))
    return "\n".join(lines)


def show_medals(names, shares, highlight="trained network", ax=None):
    """A dot for each ``names[k]`` at ``shares[k]``, the share of the test 0s, 1s and 7s it reads right.

    Dashed lines mark the medals; the dot named ``highlight`` is orange, the others grey.
    """
    if isinstance(names, (str, bytes)) or not hasattr(names, "__len__"):
        raise TypeError(tr("names must be a list of names, got {got}", got=describe(names)))
    shares = require_finite(as_float_array(shares, "shares"), "shares")
    if shares.shape != (len(names),):
        raise ValueError(tr("shares must hold one share per name ({n}), got {got}", n=len(names),
                            got=describe(shares)))
    if np.any((shares < 0) | (shares > 1)):
        raise ValueError(tr("shares must be between 0 and 1, such as 0.873 for 87.3%"))
    fig, ax = new_axes(ax, (6.4, 0.6 * len(names) + 0.6))
    for which, needed in MEDALS:
        ax.axvline(needed, color="0.3", linestyle="--", linewidth=1)
        ax.text(needed, -0.75, medal_name(which), ha="center", fontsize=9)
    for row, (name, share) in enumerate(zip(names, shares)):
        colour = HIGHLIGHT if name == highlight else NEUTRAL
        ax.plot([share], [row], "o", color=colour, markersize=11, markeredgecolor="0.2")
        ax.text(share, row + 0.42, f"{share:.1%}", ha="center", va="center", fontsize=9)
    ax.set_yticks(range(len(names)), [str(name) for name in names])
    ax.set_ylim(len(names) - 0.4, -1.0)
    ax.set_xlim(min(0.3, float(shares.min()) - 0.05), 1.02)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.set_xlabel(tr("share of the 639 test 0s, 1s and 7s read right"))
    return fig


def show_valley(knob, costs, trained_value, ax=None):
    """The cost as one weight turns (``knob`` against ``costs``), with an orange line at its trained value."""
    knob = require_finite(as_float_array(knob, "knob"), "knob")
    costs = require_finite(as_float_array(costs, "costs"), "costs")
    if knob.ndim != 1 or costs.shape != knob.shape:
        raise ValueError(tr("knob and costs must be 1-D and as long as each other, got {knob} and {costs}",
                            knob=describe(knob), costs=describe(costs)))
    fig, ax = new_axes(ax, (6.4, 3.0))
    ax.plot(knob, costs, color="0.2", linewidth=2)
    ax.axvline(trained_value, color=HIGHLIGHT, linewidth=2,
               label=tr("trained value {value:.2f}", value=trained_value))
    ax.set_xlabel(tr("the weight from hidden neuron 15 to output neuron 7"))
    ax.set_ylabel(tr("cost"))
    ax.legend(loc=9)  # upper center
    return fig


def show_walk(knob, costs, path, cost_at, ax=None):
    """The valley of :func:`show_valley`, and on it an orange dot for each weight of a walk downhill.

    ``path`` lists the weights the walk visited, the start first; ``cost_at``
    is the function that gives the cost at a weight.
    """
    knob = require_finite(as_float_array(knob, "knob"), "knob")
    costs = require_finite(as_float_array(costs, "costs"), "costs")
    path = require_finite(as_float_array(path, "path"), "path")
    if path.ndim != 1 or len(path) < 2:
        raise ValueError(tr("path must list at least two weights, the start first, got {got}", got=describe(path)))
    if not callable(cost_at):
        raise TypeError(tr("cost_at must be a function that gives the cost at a weight, got {got}",
                           got=describe(cost_at)))
    path_costs = [float(cost_at(value)) for value in path]
    fig, ax = new_axes(ax, (6.4, 3.0))
    ax.plot(knob, costs, color="0.2", linewidth=2)
    ax.plot(path, path_costs, "o-", color=HIGHLIGHT, markersize=7, markeredgecolor="0.2", linewidth=1)
    ax.annotate(tr("start"), (path[0], path_costs[0]), xytext=(path[0] - 2, path_costs[0] - 0.07),
                arrowprops=dict(arrowstyle="->", color="0.3"))
    ax.set_xlabel(tr("the weight from hidden neuron 15 to output neuron 7"))
    ax.set_ylabel(tr("cost"))
    ax.set_title(tr("walking downhill, one step at a time"))
    return fig
