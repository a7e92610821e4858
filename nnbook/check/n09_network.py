"""Self-checks for notebook 09: the trained network, its mistakes and its hidden neurons.

The checks about "the network" judge against the same thing the notebook
shows: ``nnbook.pretrained()`` reading the 2,000 test digits.
"""

from __future__ import annotations

import functools
import numbers

import numpy as np

from ..data import load_digits
from ..evaluation import confusion_table
from ..language import tr
from ..network import Network
from ..pretrained import pretrained
from ._core import Wrong, call, exercise, expect_array, expect_choice, expect_pair, expect_whole_number, matches

NOTEBOOK = "09-the-whole-network"
__all__ = ["blank_canvas", "outputs_add_up", "most_confused_pair", "accuracy_per_digit", "confident_mistake",
           "favourite_image"]


@functools.lru_cache(maxsize=1)
def _reference():
    """The trained network's outputs on the test digits, computed once."""
    images, labels = load_digits("test")
    outputs = pretrained().forward(images)
    predictions = np.argmax(outputs, axis=1)
    return labels, outputs, predictions


def _numbers(result, what: str) -> np.ndarray:
    """An array of finite numbers; text that merely looks like numbers is not accepted."""
    if isinstance(result, (str, bytes)):
        raise Wrong(tr("{what} should be an array of numbers, got the text {value!r:.40}.", what=what, value=result))
    return expect_array(result, what)


def _a(digit) -> str:
    """'a 7', but 'an 8': the article that goes with a digit said out loud."""
    return tr("an {number}", number=digit) if digit == 8 else tr("a {number}", number=digit)


def _plural(digit) -> str:
    """'7s': a digit in the plural, as the text writes it ("zevens" in Dutch)."""
    return (tr("0s"), tr("1s"), tr("2s"), tr("3s"), tr("4s"), tr("5s"), tr("6s"), tr("7s"), tr("8s"), tr("9s"))[digit]


def _cases(count) -> str:
    """'1 case', '3 cases'."""
    return tr("{count} case", count=count) if count == 1 else tr("{count} cases", count=count)


# Core exercise 1: the blank canvas ---------------------------------------------

def blank_canvas_reading() -> tuple[np.ndarray, np.ndarray, int]:
    """The trained network on an all-black image: (first-layer activations, the ten outputs, the digit it says)."""
    layers = pretrained().activations(np.zeros((28, 28)))
    return layers[1], layers[-1], int(np.argmax(layers[-1]))


@exercise(solution='''
my_choice = "B"
# Every pixel is 0, so every weighted sum in layer 1 is 0, and each neuron gives σ(0 + b) = σ(b):
# its bias alone. Those 16 numbers go on through layers 2 and 3 like any others,
# and one of the ten outputs always comes out biggest. There is no "I don't know" output.
''', stub_hint='Replace the ... with "A", "B" or "C", run the cell, then run the canvas below.')
def blank_canvas(answer):
    """Predict what the trained network says for the blank canvas: "A", "B" or "C"."""
    letter = expect_choice(answer, ("A", "B", "C"), "my_choice")
    layer1, outputs, says = blank_canvas_reading()
    if letter == "A":
        raise Wrong(tr("tempting: with no ink, every weighted sum in layer 1 is 0. But each neuron then adds its "
                       "bias, and gives σ(0 + bias) = σ(bias). The sigmoid is never exactly 0, so those 16 numbers "
                       "are not 0, and they flow on to the outputs."),
                    hint=tr("What does a layer-1 neuron give when its weighted sum is 0?"))
    if letter == "C":
        raise Wrong(tr("tempting: σ(0) = 0.5, as in notebook 05. But each neuron adds its own bias to the weighted "
                       "sum of 0, so layer 1 gives σ(bias): 16 different numbers, from {low:.2f} to "
                       "{high:.2f}. Layers 2 and 3 then mix them with their own weights and biases.",
                       low=layer1.min(), high=layer1.max()),
                    hint=tr("Each neuron has its own bias."))
    return tr("the biases alone decide layer 1, layers 2 and 3 pass that on, and one output always comes out "
              "biggest: for the blank canvas it is the {says} ({output:.2f}). The network has no "
              "\"I don't know\" output. Now run the canvas and see.", says=says, output=outputs[says])


# Core exercise 2: what the ten outputs add up to ---------------------------------

@functools.lru_cache(maxsize=1)
def output_sums() -> dict[str, float | int]:
    """What the ten outputs add up to: untrained and trained on test digit 0, and the trained network's extremes.

    The untrained network is notebook 00's, ``Network(seed=0)``. ``most`` and
    ``least`` are the test digits whose ten trained outputs add up to the
    most and the least.
    """
    images, _ = load_digits("test")
    sums = pretrained().forward(images).sum(axis=1)
    most, least = int(np.argmax(sums)), int(np.argmin(sums))
    return {"untrained": float(Network(seed=0).forward(images[0]).sum()), "trained": float(sums[0]),
            "most": most, "most_sum": float(sums[most]), "least": least, "least_sum": float(sums[least])}


@exercise(solution='''
my_choice = "B"
# Each output is its own sigmoid neuron, somewhere from 0 to 1; nothing links the ten.
# Training pushed the right output towards 1 and the other nine towards 0,
# so for a clear digit they add up to about 1. For an unclear digit, nothing holds them there.
''', stub_hint='Replace the ... with "A", "B" or "C", then run this cell again.')
def outputs_add_up(answer):
    """Predict what the trained network's ten outputs add up to: "A", "B" or "C"."""
    letter = expect_choice(answer, ("A", "B", "C"), "my_choice")
    sums = output_sums()
    if letter == "A":
        raise Wrong(tr("tempting, if you think of the outputs as chances (some Dutch texts call them "
                       "\"cijferkansen\", digit chances). But each output is its own sigmoid neuron, from 0 to 1, "
                       "and nothing links the ten: for test digit {most} they add up to {most_sum:.2f}.",
                       **sums),
                    hint=tr("Could two output neurons both be strongly on at once?"))
    if letter == "C":
        raise Wrong(tr("the untrained network's outputs are all middling, about 0.5 each, so ten add up to about "
                       "{untrained:.1f}. Training pushed most of them towards 0: for test digit 0 the trained "
                       "network's ten add up to {trained:.2f}.", **sums),
                    hint=tr("What did training want the nine wrong outputs to be?"))
    return tr("training pushed the right output towards 1 and the other nine towards 0, so for a clear digit they "
              "add up to about 1 (test digit 0: {trained:.2f}). Nothing holds them there: for test digit "
              "{most} they add up to {most_sum:.2f}, for test digit {least} to "
              "{least_sum:.2f}. They are activations, not chances.",
              **sums)


# Going further: the most common mistake -------------------------------------

@exercise(solution='''
# Rows are the digit written, columns the digit the network said.
# Walk through every cell off the diagonal and keep the biggest one.
most = 0
for written in range(10):
    for said in range(10):
        if written != said and table[written, said] > most:
            most = table[written, said]
            my_pair = (written, said)
print(my_pair, "happened", most, "times")
''', stub_hint="Replace each ... in my_pair = (..., ...) with a digit, run the cell, then run this check again.")
def most_confused_pair(answer):
    """The mistake the network makes most often, as (digit written, digit said)."""
    written, said = expect_pair(answer, tr("digit written"), tr("digit said"),
                                example=tr("my_pair = (4, 9): the digit written first, then the digit the network "
                                           "said"))
    written = expect_whole_number(written, tr("the digit written (the first number)"))
    said = expect_whole_number(said, tr("the digit said (the second number)"))
    for digit, what in ((written, tr("the digit written")), (said, tr("the digit said"))):
        if not 0 <= digit <= 9:
            raise Wrong(tr("{what} is {digit}, but digits go from 0 to 9.", what=what, digit=digit))
    labels, _, predictions = _reference()
    table = confusion_table(labels, predictions)
    mistakes_only = table * (1 - np.eye(10, dtype=table.dtype))
    top = int(mistakes_only.max())
    winners = [(int(r), int(c)) for r, c in np.argwhere(mistakes_only == top)]
    if written == said:
        raise Wrong(tr("({written}, {said}) is on the diagonal: the {count} written {digits} "
                       "that the network read correctly. A mistake is a cell off the diagonal.",
                       written=written, said=said, count=table[written, said], digits=_plural(written)),
                    hint=tr("Look for the largest number outside the [brackets]."))
    if (written, said) in winners:
        others = [pair for pair in winners if pair != (written, said)]
        tie = tr(" It shares first place with {others}.", others=", ".join(map(str, others))) if others else ""
        return tr("the network read a written {written} as {said} in {top} cases, more than any other mistake.{tie} "
                  "Find some of them in the gallery of mistakes: can you see why?",
                  written=written, said=_a(said), top=top, tie=tie)
    if (said, written) in winners:
        raise Wrong(tr("you have the right two digits in the wrong order. ({written}, {said}) means a written "
                       "{written} read as {as_said}, which happened in {cases}.",
                       written=written, said=said, as_said=_a(said), cases=_cases(int(table[written, said]))),
                    hint=tr("Rows are the digit written, columns the digit the network said: (row, column)."))
    times = int(table[written, said])
    if times == 0:
        raise Wrong(tr("the network never read a written {written} as {said}: that cell shows a dot.",
                       written=written, said=_a(said)),
                    hint=tr("Look for the largest number outside the [brackets]."))
    raise Wrong(tr("the network read a written {written} as {said} in {cases}, "
                   "but another mistake happened in {top} cases.",
                   written=written, said=_a(said), cases=_cases(times), top=top),
                hint=tr("Look for the largest number outside the [brackets], in any row."))


# Going further: which digit is hardest? -------------------------------------

def _practice_table() -> np.ndarray:
    """A made-up confusion table whose rows and columns add up differently, to tell them apart."""
    table = np.diag([50, 90, 40, 70, 60, 30, 80, 20, 55, 65])
    rng = np.random.default_rng(9)
    for _ in range(60):
        r, c = rng.integers(0, 10, size=2)
        if r != c:
            table[r, c] += rng.integers(1, 6)
    table[2, 3] += 25  # one row with many mistakes: a digit the network struggles with
    return table


@exercise(solution='''
def my_accuracy_per_digit(table):
    # Row d holds every written d: the diagonal cell counts those read correctly.
    right = np.diag(table)
    written = table.sum(axis=1)      # add along each row
    return right / written
''')
def accuracy_per_digit(answer):
    """A function: confusion table in, 10 accuracies out (the share of each written digit read correctly)."""
    labels, _, predictions = _reference()
    real = confusion_table(labels, predictions)
    for table, which in ((_practice_table(), tr("a practice table the check made up")), (real, tr("the real table"))):
        result = call(answer, table.copy(), name="my_accuracy_per_digit")
        if isinstance(result, dict):
            raise Wrong(tr("my_accuracy_per_digit(table) returned a dict; expected a list or array of 10 numbers."),
                        hint=tr("Collect the 10 numbers in a list, [..., ...], in the order of the digits 0-9."))
        result = _numbers(result, "my_accuracy_per_digit(table)")
        if result.shape != (10,):
            raise Wrong(tr("my_accuracy_per_digit(table) returned shape {shape}; expected 10 numbers, "
                           "one per digit 0-9.", shape=result.shape),
                        hint=tr("np.diag(table) gives the 10 diagonal cells."))
        right, rows, columns = np.diag(table), table.sum(axis=1), table.sum(axis=0)
        expected = right / rows
        if matches(result, expected, f"my_accuracy_per_digit({which})"):
            continue
        if table is not real and np.allclose(result, np.diag(real) / real.sum(axis=1), rtol=1e-9, atol=1e-12):
            raise Wrong(tr("your function gives the right numbers for the notebook's table, but the same numbers "
                           "for any other table: it uses the variable table from the notebook, not the table it "
                           "gets."),
                        hint=tr("Use only the function's argument inside it. The check also tries a made-up table."))
        _explain_per_digit(result, expected, right, rows, columns, table, which)
    best, worst = int(np.argmax(expected)), int(np.argmin(expected))
    return tr("on the test digits the network reads {best} best ({best_share:.1%} right) and "
              "{worst} worst ({worst_share:.1%}).",
              best=_plural(best), best_share=expected[best], worst=_plural(worst), worst_share=expected[worst])


def _explain_per_digit(result, expected, right, rows, columns, table, which):
    close = functools.partial(np.allclose, rtol=1e-9, atol=1e-12)
    if close(result, right):
        raise Wrong(tr("you returned the counts of correct answers, not fractions."),
                    hint=tr("Divide each diagonal cell by how many of that digit were written: the total of its row."))
    if close(result, 100 * expected):
        raise Wrong(tr("these are percentages; give fractions from 0 to 1 (0.93 rather than 93)."),
                    hint=tr("Leave out the × 100."))
    if close(result, right / columns):
        raise Wrong(tr("you divided by the column totals. A column counts how often the network SAID a digit; "
                       "the question is how many written digits it read correctly."),
                    hint=tr("Rows hold the digit written: divide by table.sum(axis=1)."))
    if close(result, 1 - expected):
        raise Wrong(tr("these are the shares read wrongly (1 minus the accuracy)."),
                    hint=tr("Divide the diagonal, the correct answers, by the row totals."))
    if close(result, np.full(10, right.sum() / table.sum())):
        raise Wrong(tr("you gave the overall accuracy ten times; each digit has its own."),
                    hint=tr("For digit d: table[d, d] divided by the total of row d."))
    if close(result, right / table.sum()):
        raise Wrong(tr("you divided by all the digits in the table; divide by how many of THAT digit were "
                       "written."),
                    hint=tr("For digit d: table[d, d] divided by the total of row d."))
    digit = int(np.argmax(~np.isclose(result, expected, rtol=1e-9, atol=1e-12)))
    raise Wrong(tr("on {which}, for digit {digit} you gave {got:.4f}; of its {written} written {digits}, "
                   "{right} were read correctly, which is {share:.4f}.",
                   which=which, digit=digit, got=result[digit], written=rows[digit], digits=_plural(digit),
                   right=right[digit], share=expected[digit]),
                hint=tr("For digit d: table[d, d] divided by the total of row d."))


# Going further: sure, and wrong ---------------------------------------------

@exercise(solution='''
outputs = network.forward(test_images)            # (2000, 10)
predictions = outputs.argmax(axis=1)
sure = outputs.max(axis=1)                         # how strongly the winner fires
wrong = np.flatnonzero(predictions != test_labels) # test indices of the mistakes
my_index = int(wrong[np.argmax(sure[wrong])])      # back from "position among mistakes" to test index
print(f"test digit {my_index}: a {test_labels[my_index]}, read as {predictions[my_index]}, "
      f"winning output {sure[my_index]:.3f}")
''')
def confident_mistake(answer):
    """The test index of the mistake whose winning output is highest."""
    if isinstance(answer, numbers.Real) and not isinstance(answer, (bool, np.bool_)) and 0 < answer < 1:
        raise Wrong(tr("{value:.3f} looks like a winning output, not the number of a test digit.",
                       value=float(answer)),
                    hint=tr("my_index is the test digit's position among the 2,000: use argmax, which gives "
                            "where the largest value is, instead of max, which gives the value."))
    index = expect_whole_number(answer, "my_index")
    labels, outputs, predictions = _reference()
    sure = outputs.max(axis=1)
    wrong = np.flatnonzero(predictions != labels)
    order = np.argsort(-sure[wrong], kind="stable")
    best, least = int(wrong[order[0]]), int(wrong[order[-1]])
    if not 0 <= index < len(labels):
        raise Wrong(tr("my_index is {index}, but the test digits are numbered 0 to {last}.",
                       index=index, last=len(labels) - 1))
    if index == best:
        return tr("test digit {best} is a written {label}, and the network said {said} with "
                  "its winning output at {sure:.3f}. Look at it with nnbook.show_digit(test_images[{best}]): "
                  "would you have read it right? A network can be very sure and still wrong.",
                  best=best, label=labels[best], said=predictions[best], sure=sure[best])
    if index == least:
        raise Wrong(tr("test digit {index} is the mistake the network was LEAST sure about "
                       "(winning output {sure:.3f}).", index=index, sure=sure[index]),
                    hint=tr("Use argmax instead of argmin."))
    if predictions[index] != labels[index]:
        raise Wrong(tr("test digit {index} is a mistake (a written {label} read as {said}), "
                       "but its winning output is only {sure:.3f}; another mistake has a winning output of "
                       "{best:.3f}.",
                       index=index, label=labels[index], said=_a(predictions[index]), sure=sure[index],
                       best=sure[best]),
                    hint=tr("Among the mistakes only, find the one whose largest output is highest."))
    if index == int(order[0]):
        raise Wrong(tr("{index} is where that digit sits in your list of mistakes, not its number among the test "
                       "digits.", index=index),
                    hint=tr("If wrong holds the mistakes' test indices, the answer is wrong[{index}].", index=index))
    if index == int(np.argmax(sure)):
        raise Wrong(tr("the network is more sure about test digit {index} than about any other, "
                       "but it reads it correctly (a {label}).", index=index, label=labels[index]),
                    hint=tr("Look only at the mistakes: where predictions != test_labels."))
    raise Wrong(tr("the network reads test digit {index} correctly: it is a {label}, "
                   "and it said {said}.", index=index, label=labels[index], said=predictions[index]),
                hint=tr("Look only at the mistakes: where predictions != test_labels."))


# Going further: a neuron's favourite image ----------------------------------

def _probe_rows() -> list[np.ndarray]:
    """Weight rows to try the learner's function on: two trained neurons and a made-up one."""
    trained = pretrained().weights[0]
    made_up = np.random.default_rng(4).normal(size=784)
    made_up[:200] = 0.0  # weights of exactly zero: any grey is fine there
    return [trained[0].copy(), trained[7].copy(), made_up]


@exercise(solution='''
def favourite_image(weights_row):
    # A white pixel (1) adds its weight to the sum; a black pixel (0) adds nothing.
    # So: white where the weight is positive, black where it is negative.
    return (weights_row > 0).astype(float)
''')
def favourite_image(answer):
    """A function: a neuron's 784 weights in, the image (pixels 0-1) with the largest weighted sum out."""
    for weights in _probe_rows():
        result = call(answer, weights.copy(), name="favourite_image")
        image = _numbers(result, "favourite_image(weights_row)")
        if image.shape == (28, 28):
            image = image.ravel()
        if image.shape != (784,):
            raise Wrong(tr("favourite_image returned shape {shape}; an image is 784 pixels, (784,) or (28, 28).",
                           shape=image.shape))
        if np.allclose(image, weights):
            raise Wrong(tr("you returned the weights themselves. The image is what the neuron looks AT: "
                           "grey values from 0 (black) to 1 (white)."),
                        hint=tr("Decide for each pixel: does a white pixel here raise the sum or lower it?"))
        if image.min() < 0 or image.max() > 1:
            hint = (tr("-1 is not a grey value: a pixel that should stay dark is 0 (black).")
                    if np.allclose(image, np.sign(weights)) else
                    tr("Pixels go from 0 (black) to 1 (white)."))
            raise Wrong(tr("pixels must be between 0 and 1, but yours go from {low:g} to {high:g}.",
                           low=image.min(), high=image.max()),
                        hint=hint)
        total = float(weights @ image)
        best, worst = float(weights[weights > 0].sum()), float(weights[weights < 0].sum())
        if total >= best - 1e-9 * np.abs(weights).sum():
            continue
        if np.isclose(total, worst):
            raise Wrong(tr("your image lights the pixels with negative (red) weights: its weighted sum is "
                           "{total:.2f}, the SMALLEST possible. The largest is {best:.2f}.", total=total, best=best),
                        hint=tr("Swap: white where the weight is positive."))
        if np.allclose(image, 1.0):
            raise Wrong(tr("an all-white image also lights the red, negative weights, which pull the sum down: "
                           "{total:.2f}, while {best:.2f} is possible.", total=total, best=best),
                        hint=tr("Keep the pixels with negative weights black (0)."))
        positive, negative = weights > 0, weights < 0
        dimmed = positive & (image < 1 - 1e-9)
        if dimmed.any() and np.allclose(image[negative], 0.0):
            raise Wrong(tr("{count} of your pixels on blue (positive) weights are not fully white. Such a pixel "
                           "adds only part of its weight (0.5 × w for a mid grey, nothing for black). Your sum is "
                           "{total:.2f}; {best:.2f} is possible.", count=dimmed.sum(), total=total, best=best),
                        hint=tr("Make every pixel on a positive weight fully white: 1."))
        raise Wrong(tr("your image gives a weighted sum of {total:.2f}; the largest possible is {best:.2f} "
                       "(you reach {share:.0%} of it).", total=total, best=best, share=total / best),
                    hint=tr("A white pixel adds its weight to the sum, a black one adds nothing. "
                            "Which pixels should be 1, and which 0?"))
    return tr("every white pixel of your image sits on a blue (positive) weight and every black one on a red "
              "(negative) weight, so no image can make this neuron fire harder. Show one with nnbook.show_digit: "
              "is it a digit? An edge?")
