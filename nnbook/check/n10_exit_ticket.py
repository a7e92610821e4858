"""Self-checks for notebook 10, the exit ticket: eight short questions across the course's cores.

Two questions per quarter of the course, each answered in about a minute by
someone who did the cores: 1-2 on notebooks 01-02, 3-4 on 03-04, 5-6 on
05-07, 7-8 on 08-09. Half ask to choose one of three ("A", "B" or "C"),
half for a number worked out by hand. Each wrong choice, and each number a
typical slip gives, gets its own reply naming the misunderstanding, and a
hint that points back to the notebook that teaches it. The numbers the
questions show are the constants below, so that the tests can check that
notebook and checks agree.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..activations import sigmoid
from ..language import tr
from ._core import Wrong, exercise, expect_choice, expect_number, expect_whole_number, matches, num

NOTEBOOK = "10-exit-ticket"
__all__ = ["exit_1", "exit_2", "exit_3", "exit_4", "exit_5", "exit_6", "exit_7", "exit_8"]

CHOICES = ("A", "B", "C")
CHOICE_STUB = 'Replace the ... with "A", "B" or "C" (in quotes), then run this cell again.'
NUMBER_STUB = "Replace the ... with your answer (a number, or a calculation), then run this cell again."


def _close(value: float, target: float, tolerance: float = 1e-9) -> bool:
    return math.isclose(value, target, abs_tol=tolerance)


def _calculation_in_quotes(answer, name: str) -> None:
    """'16 * 10' in quotes is text to Python: say so, before the general 'not a number' reply."""
    if isinstance(answer, str) and any(sign in answer for sign in "*×x+-"):
        try:
            float(answer)
        except ValueError:
            raise Wrong(tr("{name} is the text {answer!r:.40}: Python does not work out what is inside quotes.",
                           name=name, answer=answer),
                        hint=tr("Leave out the quotes, and Python works it out for you: {name} = {calculation}.",
                                name=name, calculation=answer.strip())
                        ) from None


def _choice(answer, name: str) -> str:
    """The letter chosen, in upper case; the hint for anything else names this question's variable."""
    try:
        return expect_choice(answer, CHOICES, name)
    except Wrong as wrong:
        raise Wrong(wrong.message,
                    hint=tr('Write the letter in quotes, for example {name} = "A".', name=name)) from None


# Question 1 (notebook 01): what an input neuron holds -----------------------------

@exercise(solution='''
answer_1 = "B"
# An input neuron holds its pixel's grey value, from 0.0 (black) to 1.0 (white).
# 784 pixels, 784 input neurons: the activations are the picture itself.
''', stub_hint=CHOICE_STUB)
def exit_1(answer):
    """Each of a digit's 784 pixels is one input neuron: what is that neuron's activation?"""
    choice = _choice(answer, "answer_1")
    if choice == "A":
        raise Wrong(tr("an activation is not a chance or a certainty. An input neuron has judged nothing yet: it just "
                       "holds its pixel's grey value, 0.0 for black, 1.0 for white."),
                    hint=tr("Notebook 01, 'A picture is a grid of numbers': the 2 shown as its grey values."))
    if choice == "C":
        raise Wrong(tr("that is the pixel's place in the list (notebook 01's Exercise 1 worked one out: "
                       "28 × row + column), not its activation. The activation is the number stored at that place: "
                       "the pixel's grey value."),
                    hint=tr("Notebook 01, 'From a grid to a list': each number in the list is one neuron's "
                            "activation."))
    return (tr("each input neuron holds its pixel's grey value, 0.0 (black) to 1.0 (white): "
               "784 activations, one per pixel."))


# Question 2 (notebook 02): the lines into the output layer ------------------------

LAYERS = (784, 16, 16, 10)
"""The video's network, 784-16-16-10: every neuron has a line from each neuron of the layer before."""


def _fraction_part(answer) -> float | None:
    """For a real number with decimals (16.5, Fraction(1, 3)), the number as a float; otherwise None."""
    if isinstance(answer, numbers.Integral) or not isinstance(answer, numbers.Real):
        return None
    try:
        value = float(answer)
    except (OverflowError, ValueError):
        return None
    return value if math.isfinite(value) and not value.is_integer() else None


@exercise(solution='''
answer_2 = 16 * 10
# Each of the 10 output neurons has a line from each of the 16 neurons of hidden layer 2:
# 16 × 10 = 160 lines (each will carry one weight).
''', stub_hint=NUMBER_STUB)
def exit_2(answer):
    """In the network 784-16-16-10, how many lines (connections) go into the output layer?"""
    _calculation_in_quotes(answer, "answer_2")
    decimals = _fraction_part(answer)
    if decimals is not None:
        raise Wrong(tr("{value} has decimals, but lines are counted in whole numbers.", value=num(decimals)),
                    hint=tr("Count the lines: one from each neuron of hidden layer 2 to each output neuron."))
    count = expect_whole_number(answer, "answer_2", decimals_ok=True)
    inputs, hidden_1, hidden_2, outputs = LAYERS
    if count < 0:
        raise Wrong(tr("a number of lines cannot be below 0."),
                    hint=tr("Count the lines: one from each neuron of hidden layer 2 to each output neuron."))
    if count > sum(LAYERS) ** 2:
        raise Wrong(tr("that is far more lines than the whole network has: 12,960 in all."),
                    hint=tr("Count only the lines into the output layer: one from each neuron of hidden layer 2 to "
                            "each output neuron."))
    right = hidden_2 * outputs
    if count == right:
        return tr("16 × 10 = {right} lines, each with its own weight. Hidden layer 1 gets 784 × 16 = 12,544: "
                  "almost all of the network's lines come from the pixels.", right=right)
    back_to_02 = tr("Notebook 02, Exercise 1 counted the lines into hidden layer 1 the same way: 784 × 16.")
    known = {
        hidden_2 + outputs: (tr("16 + 10 counts the neurons on both sides, not the lines between them."), back_to_02),
        outputs: (tr("10 is the number of lines that leave ONE neuron of hidden layer 2; that layer has 16 neurons."),
                  back_to_02),
        hidden_2: (tr("16 is the number of lines into ONE output neuron; there are 10 output neurons."), back_to_02),
        hidden_1 * hidden_2: (tr("16 × 16 counts the lines into hidden layer 2; the question asks about the output "
                                 "layer."), tr("The output layer's lines come from hidden layer 2: 16 neurons.")),
        inputs * hidden_1: (tr("784 × 16 counts the lines into hidden layer 1; the question asks about the output "
                               "layer."), tr("The output layer's lines come from hidden layer 2: 16 neurons.")),
        inputs * outputs: (tr("784 × 10 would be lines straight from the pixels. But the output layer only hears "
                              "the layer just before it, hidden layer 2."),
                           tr("A line joins two neighbouring layers. Which layer comes just before the outputs?")),
        inputs * hidden_1 + hidden_1 * hidden_2 + hidden_2 * outputs: (
            tr("12,960 counts the lines of the whole network; the question asks only for those into the output layer."),
            tr("Leave out 784 × 16 and 16 × 16.")),
        13_002: (tr("13,002 counts all the weights and biases of the network (notebook 06); the question asks only "
                    "for the lines into the output layer."), back_to_02),
        sum(LAYERS): (tr("826 is the number of neurons in the whole network, not of lines."), back_to_02),
        right + outputs: (tr("you added the 10 output neurons' biases. Count only the lines."), back_to_02),
        2 * right: (tr("you counted every line twice, once from each end."),
                    tr("Count from one side: 10 output neurons, 16 lines into each.")),
    }
    if count in known:
        message, hint = known[count]
        raise Wrong(message, hint=hint)
    raise Wrong(tr("{count} is not the number of lines into the output layer.", count=num(count, thousands=True)),
                hint=tr("Picture it: each of the 10 output neurons has a line from each of the 16 neurons of hidden "
                        "layer 2. ") + back_to_02)


# Question 3 (notebook 03): a weighted sum by hand ---------------------------------

WEIGHTS = (2.0, -1.0, 3.0)
ACTIVATIONS = (0.5, 0.8, 0.0)
"""Question 3: a neuron with three inputs. The last pixel is black, so its big weight adds nothing."""


@exercise(solution='''
answer_3 = 2 * 0.5 + (-1) * 0.8 + 3 * 0.0
# Multiply each weight by its activation, then add: 1.0 - 0.8 + 0.0 = 0.2.
# The last pixel is black (0.0), so its weight of 3 adds nothing.
''', stub_hint=NUMBER_STUB)
def exit_3(answer):
    """The weighted sum of weights 2, -1, 3 and activations 0.5, 0.8, 0.0, worked out by hand."""
    _calculation_in_quotes(answer, "answer_3")
    if isinstance(answer, (list, tuple, np.ndarray)) and (
            answer.size if isinstance(answer, np.ndarray) else len(answer)) == len(WEIGHTS):
        raise Wrong(tr("you gave three numbers; the weighted sum is one number."),
                    hint=tr("You have the three products w·a; now add them up."))
    value = expect_number(answer, "answer_3")
    products = [w * a for w, a in zip(WEIGHTS, ACTIVATIONS)]
    right = sum(products)
    if matches(value, right, "answer_3", rtol=0.0, atol=1e-9):
        return (tr("2 × 0.5 + (-1) × 0.8 + 3 × 0.0 = 1.0 - 0.8 + 0.0 = 0.2. The black pixel's weight of 3 adds "
                   "nothing: a weight only matters where there is ink."))
    back_to_03 = tr("Notebook 03, Exercise 1: multiply each weight by its own activation, then add the products.")
    known = [
        (sum(WEIGHTS) + sum(ACTIVATIONS), tr("that is all six numbers added up."), back_to_03),
        (sum(WEIGHTS), tr("that is the weights added up; the activations are missing."), back_to_03),
        (sum(ACTIVATIONS), tr("that is the activations added up; the weights are missing."), back_to_03),
        (sum(abs(p) for p in products), tr("that is what you get if every weight were positive."),
         tr("Keep the minus sign: (-1) × 0.8 is -0.8.")),
        (right + WEIGHTS[2], tr("you counted 3 × 0.0 as 3."),
         tr("Anything times 0 is 0: a black pixel adds nothing, whatever its weight.")),
        (sum(WEIGHTS) * sum(ACTIVATIONS), tr("that is (sum of the weights) × (sum of the activations)."),
         tr("Multiply in pairs, weight 1 with activation 1 and so on, then add the three products.")),
        (-right, tr("the size is right, the sign is wrong."),
         tr("2 × 0.5 = 1.0 is the biggest product, and it is positive.")),
        (right - products[0], tr("the first product, 2 × 0.5 = 1.0, is missing."), tr("Add all three products.")),
        (right - products[1], tr("the second product, (-1) × 0.8 = -0.8, is missing."), tr("Add all three products.")),
        (right - products[1] + products[1] / 10, tr("you counted (-1) × 0.8 as -0.08."),
         tr("Count the decimal places: (-1) × 0.8 = -0.8.")),
    ]
    for target, message, hint in known:
        if _close(value, target):
            raise Wrong(tr("{value}: {message}", value=num(value), message=message), hint=hint)
    if isinstance(answer, numbers.Integral) and abs(value - right) < 1:
        raise Wrong(tr("{value} is close, but the sum is not a whole number.", value=num(value)),
                    hint=tr("Do not round: keep the decimals of each product."))
    raise Wrong(tr("{value} is not it.", value=num(value)),
                hint=tr("Work out the three products one at a time: 2 × 0.5, then (-1) × 0.8, then 3 × 0.0. "
                        "Then add them. ") + back_to_03)


# Question 4 (notebook 04): what a bias of -10 means ----------------------------------

@exercise(solution='''
answer_4 = "A"
# The neuron fires when weighted sum + bias > 0, so with a bias of -10: weighted sum - 10 > 0,
# that is, weighted sum > 10. The threshold is the bias with its sign flipped.
''', stub_hint=CHOICE_STUB)
def exit_4(answer):
    """What does a bias of -10 mean for a neuron?"""
    choice = _choice(answer, "answer_4")
    if choice == "B":
        raise Wrong(tr("that reads the bias as the threshold itself. The neuron fires when weighted sum + bias > 0: "
                       "with a bias of -10, the weighted sum must be above 10. The threshold is the bias with its sign "
                       "flipped."),
                    hint=tr("Notebook 04, 'From threshold to bias': \"sum > 10\" is the same as \"sum - 10 > 0\"."))
    if choice == "C":
        raise Wrong(tr("the bias is one number, added once to the whole weighted sum, not to each weight. Lowering all "
                       "784 weights would change what the neuron looks for; the bias only says how much is enough."),
                    hint=tr("Notebook 04: w1·a1 + … + w784·a784 + b. The b comes once, at the end."))
    return (tr("weighted sum + (-10) > 0 means weighted sum > 10: the threshold is the bias with its sign flipped. "
               "The weights say what the neuron looks for, the bias how much is enough."))


# Question 5 (notebook 05): a sigmoid neuron --------------------------------------------

SIGMOID_SUM, SIGMOID_BIAS = 4.0, -4.0
"""Question 5: weighted sum + bias is 0, and σ(0) = 1 / (1 + e⁰) = 1/2."""

ROUNDED = 0.006
"""How far a typed activation may be from a value to count as that value rounded to two decimals."""


@exercise(solution='''
answer_5 = 0.5
# Weighted sum + bias = 4 + (-4) = 0, and σ(0) = 1 / (1 + e⁰) = 1 / (1 + 1) = 0.5.
''', stub_hint=NUMBER_STUB)
def exit_5(answer):
    """The activation σ(weighted sum + bias) of a sigmoid neuron with weighted sum 4 and bias -4."""
    _calculation_in_quotes(answer, "answer_5")
    value = expect_number(answer, "answer_5")
    z = SIGMOID_SUM + SIGMOID_BIAS
    if matches(value, float(sigmoid(z)), "answer_5"):
        return (tr("4 + (-4) = 0, and σ(0) = 1 / (1 + e⁰) = 1 / 2 = 0.5: exactly halfway between off and on. "
                   "The sigmoid is never exactly 0 or 1."))
    back_to_05 = tr("Notebook 05, 'The sigmoid': its first cell prints σ(-10), σ(0) and σ(10).")
    if _close(value, 0.0):
        raise Wrong(tr("0 is weighted sum + bias, the number that goes into σ; the question asks what comes out. "
                       "σ is never exactly 0."),
                    hint=tr("σ(0) = 1 / (1 + e⁰), and anything to the power 0 is 1. ") + back_to_05)
    if _close(value, 1.0):
        raise Wrong(tr("1 is what you get if you take e⁰ as 0. But anything to the power 0 is 1: "
                       "σ(0) = 1 / (1 + 1)."),
                    hint=back_to_05)
    if _close(value, 2.0):
        raise Wrong(tr("2 is 1 + e⁰, the bottom of the fraction. σ(0) is 1 divided by it."), hint=back_to_05)
    rounded = [
        (sigmoid(SIGMOID_SUM), tr("σ(4), the weighted sum alone: the bias is missing."),
         tr("Add the bias first: σ(weighted sum + bias).")),
        (sigmoid(SIGMOID_SUM - SIGMOID_BIAS), tr("σ(8): you took 4 - (-4). The bias is added: 4 + (-4)."),
         tr("Add the bias, with its minus sign: 4 + (-4).")),
        (sigmoid(SIGMOID_BIAS), tr("σ(-4), the bias alone: the weighted sum is missing."),
         tr("σ gets weighted sum + bias: 4 + (-4).")),
    ]
    for target, message, hint in rounded:
        if _close(value, float(target), ROUNDED):
            raise Wrong(tr("{value} is about {message}", value=num(value), message=message), hint=hint)
    if _close(value, SIGMOID_SUM - SIGMOID_BIAS):
        raise Wrong(tr("8 is 4 - (-4): the bias is added, 4 + (-4) = 0. And then σ squishes it."), hint=back_to_05)
    if not 0 < value < 1:
        raise Wrong(tr("{value} cannot come out of σ: a sigmoid's activation is always between 0 and 1.",
                       value=num(value)),
                    hint=tr("First add weighted sum and bias, then put that through σ(x) = 1 / (1 + e⁻ˣ)."))
    raise Wrong(tr("{value} is not it.", value=num(value)),
                hint=tr("First add the weighted sum and the bias; then look up σ of that. ") + back_to_05)


# Question 6 (notebooks 06 and 07): what learning changes ------------------------------

@exercise(solution='''
answer_6 = "C"
# Learning turns the knobs: the weights W and biases b of every layer, 13,002 numbers in all.
# a(0) is the picture (the data), and a(1) is worked out again from it for every picture.
''', stub_hint=CHOICE_STUB)
def exit_6(answer):
    """A layer computes a(1) = σ(W a(0) + b). While the network learns, what changes?"""
    choice = _choice(answer, "answer_6")
    if choice == "A":
        raise Wrong(tr("activations are not stored: a(1) is worked out again for every picture, from the picture and "
                       "the knobs. Another digit gives another a(1). Learning turns the knobs that make it: W and b."),
                    hint=tr("Notebook 06: a network's parameters, its knobs, are its weights and biases."))
    if choice == "B":
        raise Wrong(tr("a(0) is the picture itself, the data; the network cannot change what it is shown. Learning "
                       "changes the network, not its inputs."),
                    hint=tr("Notebook 06, 'What \"learning\" means': turning knobs to lower the cost."))
    return (tr("learning turns the knobs W and b of every layer, 12,960 weights + 42 biases = 13,002 numbers, to lower "
               "the cost. a(0) is the picture, a(1) is worked out from it, and σ stays the same."))


# Question 7 (notebook 08): a ReLU neuron -------------------------------------------------

RELU_SUM, RELU_BIAS = 4.0, -6.0
"""Question 7: z = 4 + (-6) = -2 is below 0, so ReLU gives exactly 0."""


@exercise(solution='''
answer_7 = 0
# z = weighted sum + bias = 4 + (-6) = -2. ReLU(z) = max(0, z) = max(0, -2) = 0:
# below 0 the neuron is off, exactly 0.
''', stub_hint=NUMBER_STUB)
def exit_7(answer):
    """What a ReLU neuron gives for weighted sum 4 and bias -6."""
    _calculation_in_quotes(answer, "answer_7")
    value = expect_number(answer, "answer_7")
    z = RELU_SUM + RELU_BIAS
    if value == max(0.0, z):
        return (tr("z = 4 + (-6) = -2 is below 0, so ReLU gives exactly 0: the neuron is off. "
                   "A sigmoid would give σ(-2) ≈ 0.12: nearly off, never quite."))
    back_to_08 = tr("Notebook 08, 'ReLU: off or on': max(0, z) is the larger of the two.")
    if _close(value, z):
        raise Wrong(tr("-2 is z = 4 + (-6), before ReLU. ReLU(z) = max(0, z) is never below 0."), hint=back_to_08)
    if _close(value, -z):
        raise Wrong(tr("2 is z = -2 without its minus sign. ReLU does not turn a negative z around; it switches the "
                       "neuron off."), hint=back_to_08)
    if _close(value, RELU_SUM - RELU_BIAS):
        raise Wrong(tr("10 is 4 - (-6). The bias is added: z = 4 + (-6)."),
                    hint=tr("Add the bias, with its minus sign."))
    if _close(value, RELU_SUM):
        raise Wrong(tr("4 is the weighted sum alone; the bias is missing."),
                    hint=tr("ReLU gets z = weighted sum + bias."))
    if _close(value, float(sigmoid(z)), ROUNDED):
        raise Wrong(tr("{value} is about σ(-2), the sigmoid. A ReLU neuron uses max(0, z) instead: "
                       "below 0 it is exactly 0.", value=num(value)), hint=back_to_08)
    raise Wrong(tr("{value} is not it.", value=num(value)),
                hint=tr("First z = weighted sum + bias; then max(0, z). ") + back_to_08)


# Question 8 (notebook 09): reading the ten outputs ------------------------------------------

OUTPUTS = (0.02, 0.01, 0.10, 0.64, 0.00, 0.31, 0.01, 0.03, 0.12, 0.05)
"""Question 8: the trained network's ten outputs for one digit, output 0 first. Output 3 is the brightest;
they add up to 1.29, not 1."""


@exercise(solution='''
answer_8 = "B"
# The network's answer is its brightest output: output 3 (0.64). It always answers.
# The outputs are activations, not chances: these ten add up to 1.29, not 1.
''', stub_hint=CHOICE_STUB)
def exit_8(answer):
    """The trained network's ten outputs for a digit: what does it say?"""
    choice = _choice(answer, "answer_8")
    brightest, total = int(np.argmax(OUTPUTS)), sum(OUTPUTS)
    if choice == "A":
        raise Wrong(tr("the network always answers: its brightest output wins, however dim. It has no \"I don't know\" "
                       "output; even notebook 09's blank canvas got a digit."),
                    hint=tr("Notebook 09, Exercise 1: what a blank canvas gets."))
    if choice == "C":
        raise Wrong(tr("it does say {brightest}, but the outputs are activations, not chances: each is its own "
                       "sigmoid neuron, and these ten add up to {total:.2f}, not 1. {bright:.2f} is how bright "
                       "output {brightest} is, not a {bright:.0%} chance.",
                       brightest=brightest, total=total, bright=OUTPUTS[brightest]),
                    hint=tr("Notebook 09, 'Activations, not chances'."))
    return tr("output {brightest} is the brightest ({bright:.2f}), so the network says {brightest}. "
              "It always answers, and the ten are activations, not chances: they add up to {total:.2f}.",
              brightest=brightest, bright=OUTPUTS[brightest], total=total)
