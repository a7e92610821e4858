"""Self-checks for notebook 02: layers of neurons, and the hope that they find parts of digits."""

from __future__ import annotations

import functools

import numpy as np

from .. import parts
from ..data import load_digits
from ..language import tr, whole
from ._core import Wrong, as_array, call, exercise, expect_choice, expect_number, num, short

NOTEBOOK = "02-layers"
__all__ = ["first_layer_connections", "what_the_loop_shows", "output_for_digit", "part_for_one"]

INPUTS, HIDDEN, OUTPUTS = 784, 16, 10


# Core exercise 1 -------------------------------------------------------------

@exercise(solution='''
# Every one of the 784 input neurons has a connection to every one of the
# 16 neurons in the first hidden layer: 16 connections per input neuron.
my_answer = 784 * 16    # = 12,544
''')
def first_layer_connections(answer):
    """The number of connections between the 784 input neurons and the 16 neurons of the first hidden layer."""
    if isinstance(answer, str) and any(sign in answer for sign in "*×x+"):
        raise Wrong(tr("your answer is the text {answer!r}: Python does not calculate what is inside quotes.",
                       answer=answer),
                    hint=tr("Leave out the quotes, and Python works the number out for you: my_answer = 784 * 16."))
    value = expect_number(answer, tr("your answer"))
    right = INPUTS * HIDDEN
    if value == right:
        return tr("784 × 16 = {right} connections, and each one will get its own weight (notebook 03). "
                  "The first layer alone has almost all the connections of the whole network.", right=whole(right))
    all_16 = tr("Each of the 784 input neurons connects to all 16 hidden neurons.")
    mistakes = {
        INPUTS + HIDDEN: (tr("784 + 16 counts the neurons of the two layers, not the connections between them."),
                          tr("Each input neuron has 16 connections, one to every hidden neuron. "
                             "How many is that for 784 of them?")),
        INPUTS: (tr("784 is the number of connections of ONE hidden neuron; the layer has 16 of them."),
                 tr("Each of the 16 hidden neurons connects to all 784 input neurons.")),
        HIDDEN: (tr("16 is the number of connections of ONE input neuron; there are 784 input neurons."), all_16),
        HIDDEN * HIDDEN: (tr("16 × 16 counts the connections between the two hidden layers; the question asks about "
                             "the input layer and the first hidden layer."),
                          tr("The input layer has 784 neurons, each connected to all 16 hidden neurons.")),
        2 * INPUTS * HIDDEN: (tr("you counted every connection twice, once from each end. A line between an input "
                                 "neuron and a hidden neuron is one connection."),
                              tr("Count from one side only: 784 input neurons with 16 lines each.")),
        INPUTS * HIDDEN + HIDDEN * HIDDEN + HIDDEN * OUTPUTS: (
            tr("12,960 counts the connections of the whole network; the question asks only for those between "
               "the input layer and the first hidden layer."), tr("Leave out 16 × 16 and 16 × 10.")),
        13_002: (tr("13,002 is the number of all the network's weights and biases together; "
                    "the question asks only for the connections between the input layer and the first hidden "
                    "layer."),
                 tr("Count the lines between 784 neurons on the left and 16 on the right.")),
        INPUTS * HIDDEN + HIDDEN: (tr("you added 16 to the right answer. Count only the connections."), all_16),
        INPUTS + HIDDEN + HIDDEN + OUTPUTS: (
            tr("826 is the number of neurons in the whole network, not of connections."), all_16),
        28 * HIDDEN: (tr("28 × 16 counts one row of pixels; the input layer has all 28 × 28 = 784 pixels."), all_16),
        INPUTS * HIDDEN * HIDDEN * OUTPUTS: (
            tr("multiplying all the layer sizes counts paths through the whole network, "
               "not connections between the first two layers."),
            tr("Only the input layer (784) and the first hidden layer (16) take part.")),
    }
    if value in mistakes:
        message, hint = mistakes[value]
        raise Wrong(message, hint=hint)
    raise Wrong(tr("{value} is not the number of connections between the 784 input neurons and the 16 hidden ones.",
                   value=num(value)),
                hint=tr("Picture it: every input neuron has a line to every hidden neuron. How many lines?"))


# Core exercise 2 -------------------------------------------------------------

LOOP = {"center": (9.5, 14.5), "radius": 4.5}
"""The core's loop on top, where the video's 9 has its loop (parts.digit_parts()'s "loop on top")."""

LOWER_ROW = 11.5
"""The loop's centre row in what_the_loop_shows's feedback: moved down onto the average 9's own loop."""


@functools.cache
def _loop_ranking(row: float) -> list[int]:
    """The digits in order of how much of the loop (centred on ``row``) they cover, over the training digits."""
    images, labels = _training_digits()
    ring = parts.loop(center=(row, LOOP["center"][1]), radius=LOOP["radius"])
    return parts.ranking(parts.overlap_by_digit(images, labels, ring))


@exercise(solution='''
# B. A loop drawn by hand in one fixed place is a weak clue: the 8s have a loop
# there too, the 3s curve through it, and a 9 written a little lower misses it.
# A trained network's neurons are not hand-drawn loops: notebook 09 looks at them.
my_choice = "B"
''')
def what_the_loop_shows(answer):
    """The 8s and 3s cover the loop on top more than the 9s do. What does that show? A, B or C."""
    choice = expect_choice(answer, ("A", "B", "C"))
    order = _loop_ranking(LOOP["center"][0])
    place = _ordinal(order.index(9) + 1)
    if choice == "B":
        return tr("the {first}s have a loop there too and the {second}s curve through it, so ink on the loop "
                  "is a weak clue on its own. And this was a loop you drew, in one fixed place, not a trained "
                  "neuron. What a trained network's hidden neurons respond to is measured in notebook 09.",
                  first=order[0], second=order[1])
    if choice == "A":
        raise Wrong(tr("tempting, because the 9s came only {place}. But this test used a loop drawn by hand in one "
                       "fixed place, not a trained network. A trained neuron weighs every pixel with weights that "
                       "training chooses (notebooks 03 to 06), and the video itself calls the parts a hope, not a "
                       "promise.", place=place),
                    hint=tr("What exactly was tested here: a network, or a loop you drew?"))
    lower = _loop_ranking(LOWER_ROW)[0]
    raise Wrong(tr("tempting, because the 9s came only {place}. But look at the average 9 in the widget: it has a "
                   "clear loop, a little lower than the drawn one. Move the loop down to row {row:g} and the "
                   "{lower}s cover it best.", place=place, row=LOWER_ROW, lower=lower),
                hint=tr("The 9s have their loop; the question is what one fixed loop can tell you."))


# Going further, exercise: the answer you hope for -------------------------------

def _ten_activations(value, digit: int) -> np.ndarray:
    what = f"output_for_digit({digit})"
    if isinstance(value, (str, bytes)):
        raise Wrong(tr("{what} should give 10 numbers, got {got}.", what=what, got=short(value)),
                    hint=tr("Start from np.zeros(10) and set one of them."))
    if isinstance(value, (bool, int, float, np.number)):
        raise Wrong(tr("{what} gave one number, {got}; the output layer has 10 neurons, "
                       "so give all 10 activations.", what=what, got=short(value)),
                    hint=tr("Start from np.zeros(10) and set one of them."))
    try:
        array = np.array(value, dtype=np.float64)  # a copy: a function may reuse its array
    except (TypeError, ValueError, OverflowError):
        raise Wrong(tr("{what} should give 10 numbers, got {got}.", what=what, got=short(value))) from None
    if array.ndim == 2 and array.size == OUTPUTS:
        raise Wrong(tr("{what} has shape {shape}; give a flat list of 10 numbers, shape (10,).",
                       what=what, shape=array.shape),
                    hint=tr("np.zeros(10) makes a flat array of 10 zeros."))
    if array.shape != (OUTPUTS,):
        count = (tr("{count} numbers", count=array.shape[0]) if array.ndim == 1 else
                 tr("shape {shape}", shape=array.shape))
        raise Wrong(tr("{what} gave {count}; the output layer has 10 neurons, one for each digit 0-9.",
                       what=what, count=count),
                    hint=tr("np.zeros(10) makes 10 zeros, numbered 0 to 9."))
    if not np.all(np.isfinite(array)):
        raise Wrong(tr("{what} contains NaN or infinity.", what=what))
    return array


@exercise(solution='''
def output_for_digit(digit):
    outputs = np.zeros(10)    # ten output neurons, all dark...
    outputs[digit] = 1.0      # ...except the one for this digit, fully lit
    return outputs
''')
def output_for_digit(answer):
    """output_for_digit(digit): the 10 output activations you hope for when the network sees that digit."""
    results = [_ten_activations(call(answer, digit, name="output_for_digit"), digit) for digit in range(10)]
    hoped = np.eye(OUTPUTS)
    if all(np.allclose(mine, right) for mine, right in zip(results, hoped)):
        return tr("for a 3 you hope for [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]: neuron 3 fully lit, the other nine dark. "
                  "A trained network comes close: its output for a 3 has its highest activation at neuron 3.")
    if all(np.allclose(mine, 1.0 - right) for mine, right in zip(results, hoped)):
        raise Wrong(tr("your answer is the wrong way round: the neuron of the digit should be lit (1.0) "
                       "and the other nine dark (0.0)."))
    if all(np.allclose(mine, np.roll(right, 1)) for mine, right in zip(results, hoped)) or \
            all(np.allclose(mine, np.roll(right, -1)) for mine, right in zip(results, hoped)):
        raise Wrong(tr("the lit neuron is one place off: output neuron 0 is for the digit 0, neuron 3 for the "
                       "digit 3."),
                    hint=tr("Python counts from 0, just like the digits do: outputs[digit] is the right neuron."))
    outside = [(digit, mine) for digit, mine in enumerate(results) if np.any((mine < 0.0) | (mine > 1.0))]
    if outside:
        digit, mine = outside[0]
        raise Wrong(tr("for the digit {digit} your answer is {shown}, but an activation goes from 0.0 to 1.0.",
                       digit=digit, shown=_shown(mine)),
                    hint=tr("1.0 is fully lit, the most a neuron can be; 0.0 is dark."))
    if all(int(np.argmax(mine)) == digit and np.sum(np.isclose(mine, mine.max())) == 1
           for digit, mine in enumerate(results)):
        raise Wrong(tr("the right idea: for each digit its own neuron is the brightest. But for the digit 0 your "
                       "answer is {shown}. A perfectly trained network is completely sure.", shown=_shown(results[0])),
                    hint=tr("Completely sure means fully lit (1.0) at the digit's neuron "
                            "and dark (0.0) at the other nine."))
    for digit, mine in enumerate(results):
        lit = [int(d) for d in np.flatnonzero(~np.isclose(mine, 0.0))]
        if len(lit) > 1 and np.allclose(mine[lit], 1.0):
            raise Wrong(tr("for the digit {digit} your answer lights up neurons {lit}. "
                           "Only neuron {digit} should be lit.", digit=digit, lit=lit),
                        hint=tr("Did you change one shared array every call? "
                                "Make a fresh np.zeros(10) inside the function."))
        if not np.allclose(mine, hoped[digit]):
            raise Wrong(tr("for the digit {digit} your answer is {shown}.", digit=digit, shown=_shown(mine)),
                        hint=tr("You hope for activation 1.0 (fully lit) at neuron {digit} "
                                "and 0.0 (dark) at the other nine.", digit=digit))
    raise AssertionError("unreachable")  # pragma: no cover


def _shown(activations: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:g}" for v in activations) + "]"


# Going further, exercise: a part for the 1 --------------------------------------

CLEAR_LEAD = 0.10
"""How far ahead of the runner-up the 1s must be (10 points: 60% against 50%): a clear win, not a photo finish."""

LARGEST_PART = 28 * 28 // 4
"""A part is a stroke, not a region: at most a quarter of the image."""


@functools.lru_cache(maxsize=1)
def _training_digits():
    return load_digits("train")


def _as_part(answer) -> np.ndarray:
    try:
        array = as_array(answer, tr("your part"))
    except Wrong:
        array = None
    if array is None or array.dtype.kind not in "biuf":
        raise Wrong(tr("your part should be a 28×28 array of True/False, got {kind}.", kind=type(answer).__name__),
                    hint=tr("Start from np.zeros((28, 28), dtype=bool), or use parts.line(...)."))
    if array.size == 784 and array.shape != (28, 28):
        raise Wrong(tr("your part has shape {shape}; a part is a picture, shaped (28, 28).", shape=array.shape),
                    hint=tr("Turn 784 values back into a picture with .reshape(28, 28)."))
    if array.shape != (28, 28):
        raise Wrong(tr("your part has shape {shape}; it should be a 28×28 picture, shaped (28, 28).",
                       shape=array.shape))
    if array.dtype != bool:
        values = array.astype(np.float64)
        if not np.all(np.isin(values, (0.0, 1.0))):
            raise Wrong(tr("your part holds values other than 0 and 1. A part marks pixels: "
                           "True (or 1) on the stroke, False (or 0) everywhere else."),
                        hint=tr("Shades between 0 and 1 are weights, the idea of notebook 03."))
        array = values.astype(bool)
    size = int(array.sum())
    if size == 0:
        raise Wrong(tr("your part is empty: no pixel is True."),
                    hint=tr("Set the pixels of your line to True, e.g. my_part[5:22, 13:15] = True."))
    if size > LARGEST_PART:
        raise Wrong(tr("your part covers {size} of the 784 pixels. A part is a thin stroke: keep it under "
                       "{largest} pixels (a quarter of the image).", size=size, largest=LARGEST_PART),
                    hint=tr("Did you mark the background instead of the stroke? True goes on the stroke."))
    return array


@exercise(solution='''
# Look at the average 1: a thin stroke down the middle that leans, its top a
# little to the right of its bottom. Follow that slant with a thin line, so that
# other digits, which also cross the middle, cover less of it.
my_part = parts.line(start=(5, 16), end=(20, 12), thickness=1)
''')
def part_for_one(answer):
    """A 28×28 part (True on a stroke) that 1s fill best, clearly ahead of every other digit."""
    part = _as_part(answer)
    images, labels = _training_digits()
    by_digit = parts.overlap_by_digit(images, labels, part)
    order = parts.ranking(by_digit)
    best, runner_up = order[0], order[1]
    table = ", ".join(tr("{digit}s {share:.0%}", digit=d, share=by_digit[d]) for d in order[:3])
    if best != 1:
        place = order.index(1) + 1
        hint = tr("Look at the average 1: a thin stroke down the middle, roughly from row 5 to row 22, "
                  "leaning a little. Put your part right on it.")
        if _lies_across(part):
            hint = tr("Your part lies across the picture, but a 1 runs up and down. Did you swap rows and columns? "
                      "In my_part[rows, columns] the rows come first: my_part[5:22, 14] is a line down the middle.")
        raise Wrong(tr("of the 8,000 training digits, the {best}s cover your part best "
                       "(best three: {table}); the 1s come {place} with {share:.0%}.",
                       best=best, table=table, place=_ordinal(place), share=by_digit[1]), hint=hint)
    lead = by_digit[1] - by_digit[runner_up]
    if lead < CLEAR_LEAD:
        raise Wrong(tr("1s cover your part best ({table}), but only {lead} ahead of the {runner_up}s. "
                       "Make it a clear win: {clear} ahead or more.",
                       table=table, lead=_points(lead), runner_up=runner_up, clear=_points(CLEAR_LEAD)),
                    hint=tr("Other digits cross the middle too. A thinner part that follows the slant of the "
                            "average 1 exactly leaves them less to cover."))
    return tr("1s cover {ones:.0%} of your part on average, the {runner_up}s only {theirs:.0%}: "
              "{lead} ahead. A neuron looking for this part would be a decent 1-detector, "
              "but look how much of it other digits cover too: a part alone is a weak clue.",
              ones=by_digit[1], runner_up=runner_up, theirs=by_digit[runner_up], lead=_points(lead))


def _points(share: float) -> str:
    """A difference of two percentages, in points: 0.1 -> '10 points'."""
    return tr("{points:.0f} points", points=share * 100)


def _lies_across(part: np.ndarray) -> bool:
    """True for a part much wider than it is tall: a line across, where a 1 is a line up and down."""
    rows, cols = np.nonzero(part)
    return bool(np.ptp(cols) > 2 * np.ptp(rows) + 1)


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th...: the place of ``n`` in a ranking."""
    if n in (1, 2, 3):
        return (tr("1st"), tr("2nd"), tr("3rd"))[n - 1]
    return tr("{n}th", n=n)
