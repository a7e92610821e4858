"""Self-checks for notebook 08: ReLU, and why deep sigmoid networks learn slowly.

The core's exercises are relu_neuron_outputs (predict a ReLU neuron's two
outputs) and sigmoid_never_off (choose one of three); the others belong to
the notebook's "Going further" sections.
"""

from __future__ import annotations

import math

import numpy as np

from ..activations import relu, relu_slope, sigmoid, sigmoid_slope
from ..language import language, tr
from ._core import Wrong, call, exercise, expect_array, expect_choice, expect_number, expect_pair, num

NOTEBOOK = "08-relu"
__all__ = ["relu_neuron_outputs", "sigmoid_never_off", "relu_slope_function", "sigmoid_fade_depth",
           "leaky_relu_function"]

TEST_INPUTS = np.array([-1000.0, -3.0, -0.5, 0.0, 0.25, 2.0, 1000.0])
"""Inputs far below, just below, at, just above and far above the threshold 0."""

AWAY_FROM_ZERO = TEST_INPUTS != 0.0


def _whole(value) -> str:
    """A whole number for a message: 1,048,576 in English, 1 048 576 in Dutch (and 8000 without a space)."""
    if language() == "nl" and float(value).is_integer() and abs(value) < 1e15:
        return f"{value:,.0f}".replace(",", " ") if abs(value) >= 10_000 else f"{value:.0f}"
    return num(value, thousands=True)


def _slope_suspects(z):
    """What typical wrong versions of ReLU's slope return, with what to tell the learner."""
    return [
        (relu(z), tr("that is ReLU itself, not its slope."),
         tr("The slope says how much the output rises when the input rises by 1. "
            "Left of 0 the line is flat; right of 0 it rises one for one.")),
        ((z < 0).astype(float), tr("you have it the wrong way round: 1 for negative inputs, 0 for positive ones."),
         tr("Positive inputs are where ReLU rises.")),
        (sigmoid_slope(z), tr("that is the sigmoid's slope."),
         tr("ReLU's slope is simpler: 0 left of zero, 1 right of it.")),
        (np.ones_like(z), tr("you returned 1 everywhere."), tr("Left of 0, ReLU is flat: its slope there is 0.")),
        (np.zeros_like(z), tr("you returned 0 everywhere."),
         tr("Right of 0, ReLU rises one for one: its slope there is 1.")),
        (z, tr("you returned the input unchanged."), tr("A slope is 0 or 1 here, whatever the size of z.")),
    ]


def _leaky_suspects(z):
    """What typical wrong versions of leaky ReLU return, with what to tell the learner."""
    return [
        (relu(z), tr("that is the plain ReLU: negative inputs become exactly 0."),
         tr("Leaky ReLU lets a little through below 0: 0.01 × z instead of 0.")),
        (np.where(z > 0, z, -0.01 * z), tr("below 0 you multiplied by -0.01, which makes the outputs positive."),
         tr("Use +0.01 × z: a small negative number for a negative input.")),
        (np.where(z > 0, z, 0.1 * z), tr("below 0 you multiplied by 0.1; the exercise asks for 0.01."),
         tr("Use 0.01 × z for negative z.")),
        (np.where(z > 0, z, 0.01), tr("for negative inputs you return the number 0.01 itself, not 0.01 × z."),
         tr("0.01 × z is small and negative for a negative z: leaky_relu(-3) is -0.03. "
            "Try np.where(z > 0, z, 0.01 * z), or np.maximum(0.01 * z, z).")),
        (np.maximum(0, z) + 0.01 * z, tr("you added 0.01 × z to every input, so positive inputs come out 1.01 times "
                                         "too big."),
         tr("Positive inputs pass unchanged, as in ReLU; only negative ones become 0.01 × z.")),
        (np.where(z > 0, 1.0, 0.01), tr("that is leaky ReLU's slope (1 or 0.01), not leaky ReLU itself."),
         tr("Return the values: z for positive z, 0.01 × z for negative z. The slope is the question to think about "
            "afterwards.")),
        (0.01 * z, tr("you multiplied every input by 0.01, the positive ones too."),
         tr("Positive inputs pass unchanged, as in ReLU.")),
        (np.minimum(0.01 * z, z), tr("you took the smaller of z and 0.01 × z: that is min, not max."),
         tr("Use np.maximum(0.01 * z, z), or np.where(z > 0, z, 0.01 * z).")),
        (z, tr("you returned the input unchanged."), tr("Negative inputs should shrink to 0.01 × z.")),
    ]


def _same(result, expected) -> bool:
    """Equal up to rounding: 3 / 100 and 0.01 * 3 may differ in the last digit."""
    return bool(np.allclose(result, expected, rtol=1e-12, atol=0.0))


def _call_on_array(answer, name, z):
    """Call the learner's function on an array, explaining the usual scalar-only mistake."""
    try:
        return call(answer, z, name=name)
    except Wrong as wrong:
        if "truth value of an array" in wrong.message:
            raise Wrong(tr("{name} cannot handle an array: {name}(z) for an array z of {count} numbers raised "
                           "ValueError. Somewhere an `if`, max(), min(), `and` or `or` asked whether the whole "
                           "array is bigger than something, and numpy cannot answer that for {count} numbers at once.",
                           name=name, count=len(z)),
                        hint=wrong.hint) from None
        raise


def _judge_elementwise(answer, name, reference, what, suspects):
    """Check the learner's element-wise function on an array, then on single numbers."""
    z = TEST_INPUTS.copy()
    result = _call_on_array(answer, name, z)
    if not np.array_equal(z, TEST_INPUTS):
        raise Wrong(tr("{name} changed the array you passed in.", name=name),
                    hint=tr("Build a new array (for example with np.maximum or np.where) instead of "
                            "writing into z; the caller may still need the original numbers."))
    result = expect_array(result, f"{name}(z)")
    expected = reference(TEST_INPUTS)
    if result.shape != expected.shape:
        raise Wrong(tr("{name}(z) for an array z of {count} numbers returned shape {shape}; "
                       "expected ({count},), one {what} per number.",
                       name=name, count=len(z), shape=result.shape, what=what),
                    hint=tr("Work element by element: np.maximum and np.where do that."))
    if not _same(result[AWAY_FROM_ZERO], expected[AWAY_FROM_ZERO]):
        if np.allclose(result[AWAY_FROM_ZERO], expected[AWAY_FROM_ZERO], rtol=1e-4, atol=1e-6):
            worst = int(np.argmax(np.abs(result - expected) * AWAY_FROM_ZERO))
            raise Wrong(tr("{name} is nearly right, but not exactly: at z = {z:g} it gave "
                           "{mine:.15g} instead of {right:g}.",
                           name=name, z=TEST_INPUTS[worst], mine=result[worst], right=expected[worst]),
                        hint=tr("Did you measure it with a tiny nudge, like slope() above? A nudge always leaves "
                                "a little rounding error. Here you can write the exact answer directly, "
                                "with np.where or a comparison such as (z > 0)."))
        for value, message, hint in suspects(TEST_INPUTS):
            if _same(result[AWAY_FROM_ZERO], value[AWAY_FROM_ZERO]):
                raise Wrong(f"{name}: {message}", hint=hint)
        close = np.isclose(result[AWAY_FROM_ZERO], expected[AWAY_FROM_ZERO], rtol=1e-12, atol=0.0)
        wrong_at = TEST_INPUTS[AWAY_FROM_ZERO][~close]
        raise Wrong(tr("{name} gives the wrong {what} at z = {where}.",
                       name=name, what=what, where=", ".join(f"{v:g}" for v in wrong_at)),
                    hint=tr("Try {name} on these numbers yourself and compare with the picture above.", name=name))
    for x in (-2.0, 3.0):
        try:
            value = call(answer, x, name=name)
        except Wrong as wrong:
            raise Wrong(tr("{name} works on an array, but not on one number: {message}",
                           name=name, message=wrong.message),
                        hint=tr("A loop over z (for x in z) needs an array. np.where and np.maximum work on "
                                "a single number and on an array alike.")) from None
        value = expect_number(float(value) if isinstance(value, (bool, np.bool_)) else value, f"{name}({x:g})")
        if not math.isclose(value, reference(x), rel_tol=1e-12):
            raise Wrong(tr("{name} works on an array, but {name}({x:g}) gave {value} instead of {right:g}.",
                           name=name, x=x, value=num(value), right=reference(x)),
                        hint=tr("Make sure a single number goes through the same steps as an array."))
    return result


# Core exercise 1 -------------------------------------------------------------

NEURON_BIAS = -10.0
NEURON_SUMS = (7.0, 13.0)
"""Exercise 1: a ReLU neuron with bias -10, and the two weighted sums it gets."""


def _relu_neuron_mistakes():
    """Typical wrong pairs of outputs for the weighted sums 7 and 13, with what to tell the learner."""
    low, high = (s + NEURON_BIAS for s in NEURON_SUMS)  # -3 and 3
    return [
        ((low, high), tr("you added the bias: 7 - 10 = -3 and 13 - 10 = 3. Now the last step: ReLU turns every "
                         "negative number into 0."), tr("ReLU(-3) = max(0, -3) = 0: the neuron is off.")),
        (NEURON_SUMS, tr("those are the weighted sums themselves. Add the bias -10 first, then apply ReLU."),
         tr("z = weighted sum + bias, then ReLU(z) = max(0, z).")),
        ((0.0, NEURON_SUMS[1]), tr("7 is right: 0, off. But for 13 you gave the weighted sum itself. Once the neuron "
                                   "is on, it passes on z = 13 - 10, the weighted sum plus the bias."),
         tr("Work out 13 + (-10).")),
        ((0.0, 1.0), tr("1 is notebook 04's yes/no answer, \"fires\". ReLU says more: above the threshold it passes "
                        "on how far above it the sum is."), tr("ReLU(z) = max(0, z), with z = 13 - 10.")),
        ((abs(low), high), tr("for 7 you dropped the minus sign of -3. ReLU does not do that: a negative number "
                              "becomes 0."), tr("max(0, -3) is the larger of 0 and -3.")),
        ((NEURON_SUMS[0] - NEURON_BIAS, NEURON_SUMS[1] - NEURON_BIAS), tr("you subtracted the bias -10, so you "
                                                                          "added 10. A bias of -10 makes the sum 10 "
                                                                          "smaller."), "7 + (-10) = -3."),
        ((float(sigmoid(low)), float(sigmoid(high))), tr("those are the sigmoid's values for -3 and 3. This neuron "
                                                         "uses ReLU."), "ReLU(z) = max(0, z)."),
    ]


@exercise(solution='''
# z = weighted sum + bias, then ReLU(z) = max(0, z).
# Weighted sum 7:  z = 7 - 10 = -3, and ReLU(-3) = 0. Below the threshold 10 the neuron is off.
# Weighted sum 13: z = 13 - 10 = 3, and ReLU(3) = 3. Above it, the neuron is on and passes 3 on.
my_outputs = [0, 3]
''')
def relu_neuron_outputs(answer):
    """A ReLU neuron with bias -10 gets the weighted sums 7 and 13: give its two outputs, [first, second]."""
    if isinstance(answer, np.ndarray) and answer.shape == (2,):
        answer = list(answer)
    first, second = expect_pair(answer, tr("output for 7"), tr("output for 13"), example="my_outputs = [1, 2]")
    got = (expect_number(first, tr("your output for the weighted sum 7")),
           expect_number(second, tr("your output for the weighted sum 13")))
    right = tuple(float(relu(s + NEURON_BIAS)) for s in NEURON_SUMS)
    if np.allclose(got, right, rtol=0.0, atol=1e-9):
        return tr("0 and 3. Below its threshold of 10 the neuron is off: exactly 0. Above it, the neuron is on "
                  "and passes on how far the sum is above the threshold.")
    for mistake, message, hint in _relu_neuron_mistakes():
        if np.allclose(got, mistake, rtol=0.0, atol=1e-3):
            raise Wrong(message, hint=hint)
    if math.isclose(got[0], right[0], abs_tol=1e-9):
        raise Wrong(tr("7 is right: 0, off. For 13 you gave {value}.", value=num(got[1])),
                    hint=tr("First z = 13 + (-10), then ReLU(z) = max(0, z)."))
    if math.isclose(got[1], right[1], abs_tol=1e-9):
        raise Wrong(tr("13 is right: 3. For 7 you gave {value}.", value=num(got[0])),
                    hint=tr("First z = 7 + (-10), then ReLU(z) = max(0, z)."))
    raise Wrong(tr("neither is right: you gave {first} and {second}.", first=num(got[0]), second=num(got[1])),
                hint=tr("For each weighted sum: first z = weighted sum + (-10), then ReLU(z) = max(0, z)."))


# Core exercise 2 -------------------------------------------------------------

@exercise(solution='''
# sigma(z) = 1 / (1 + e^(-z)). However negative z is, e^(-z) is a (large) positive number,
# so 1 / (1 + e^(-z)) is small, but still above 0.
my_choice = "C"   # none
''')
def sigmoid_never_off(answer):
    """Of a trained sigmoid layer's 32,000 numbers, how many are exactly 0? "A" most, "B" a few, "C" none."""
    choice = expect_choice(answer, ("A", "B", "C"))
    if choice == "C":
        return tr("none. σ(z) = 1 / (1 + e⁻ᶻ) is above 0 for every z: far below 0 it is tiny, but never exactly 0. "
                  "A sigmoid neuron is never quite off; a ReLU neuron is off whenever z is below 0. "
                  "(A computer would round the sigmoid to 0 only for sums below about -745.) "
                  "The counts printed above measure it.")
    if choice == "A":
        raise Wrong(tr("most of them: tempting, because that is what a ReLU layer does: ReLU gives exactly 0 for "
                       "every negative z. But the sigmoid gives a small number there, not 0."),
                    hint=tr("Slide z far to the left in the widget above. Does the sigmoid ever reach 0?"))
    raise Wrong(tr("a few of them: tempting, because many sigmoid numbers are tiny, such as 0.0001, and they look like "
                   "0 when rounded. But tiny is not exactly 0."),
                hint=tr("Slide z far to the left in the widget above. Does the sigmoid ever reach 0?"))


# Going further: the slope of ReLU --------------------------------------------

@exercise(solution='''
def my_relu_slope(z):
    """1 where ReLU rises (z > 0), 0 where it is flat (z < 0)."""
    return np.where(z > 0, 1.0, 0.0)
''')
def relu_slope_function(answer):
    """Write my_relu_slope(z): 0 where z < 0 and 1 where z > 0, for a number or an array."""
    result = _judge_elementwise(answer, "my_relu_slope", relu_slope, tr("slope"), _slope_suspects)
    at_zero = result[~AWAY_FROM_ZERO][0]
    if not 0.0 <= at_zero <= 1.0:
        raise Wrong(tr("my_relu_slope(0) gave {value:g}. At the corner the slope is 0 (flat) on one side "
                       "and 1 on the other; pick one of them.", value=at_zero))
    return tr("slope 0 where ReLU is flat, 1 where it rises. At exactly 0 the corner has no single slope; "
              "nnbook picks 0.")


# Going further: how deep until a millionth? ------------------------------------

SHARE_LEFT = 1e-6
"""The exercise asks when the sigmoids' slopes alone leave less than a millionth of a change."""


@exercise(solution='''
# Each sigmoid layer multiplies a change by its slope, at most 0.25, before the weights act.
# Multiply until the sigmoids' share is below a millionth.
n = 0
while 0.25 ** n >= 0.000001:
    n += 1
my_layers = n   # 10: 0.25^9 = 0.0000038 is still above a millionth; 0.25^10 = 0.00000095 is below
''')
def sigmoid_fade_depth(answer):
    """The smallest n with 0.25ⁿ < 0.000001: the sigmoid layers until the slopes alone keep under a millionth."""
    count = answer.size if isinstance(answer, np.ndarray) else len(answer) if isinstance(answer, (list, tuple)) else 1
    if count > 1:
        raise Wrong(tr("you gave {count} numbers; the answer is one whole number of layers.", count=count),
                    hint=tr("If you made a list of 0.25 ** n, find the first n whose value is below 0.000001, "
                            "and give that n."))
    layers = expect_number(answer, tr("your number of layers"))
    if layers == 10:
        return tr("10 layers: 0.25¹⁰ ≈ 0.00000095, below a millionth. "
                  "Each layer divides by 4, and 4¹⁰ = 1,048,576 is just over a million.")
    exact = math.log(1 / SHARE_LEFT) / math.log(4)
    if math.isclose(layers, exact, rel_tol=1e-3):
        raise Wrong(tr("{layers:.3f} solves 0.25ⁿ = 0.000001 exactly, but you cannot have {layers:.2f} layers.",
                       layers=layers),
                    hint=tr("Round up to a whole number of layers."))
    mistakes = {
        9: (tr("0.25⁹ ≈ 0.0000038 is still above a millionth (about 4 in a million)."), tr("One more layer.")),
        11: (tr("after 11 layers it is below a millionth, but it already was one layer earlier."),
             tr("Look for the smallest n: compute 0.25¹⁰.")),
        20: (tr("20 is the answer for a slope of 0.5 per layer (0.5²⁰ ≈ 0.00000095)."),
             tr("The sigmoid's slope is at most 0.25, not 0.5.")),
        5: (tr("5 layers get you below a thousandth (0.25⁵ ≈ 0.00098). A millionth is a thousandth of a thousandth."),
            tr("Keep going: how many more layers for another factor of 1,000?")),
        1_000_000: (tr("1,000,000 is how much the change shrinks, not the number of layers."),
                    tr("Multiply 0.25 by itself until the result is below 0.000001, and count the steps.")),
    }
    if layers in mistakes:
        message, hint = mistakes[layers]
        raise Wrong(message, hint=hint)
    if 0 < layers < 1:
        raise Wrong(tr("{layers} looks like a share of the change that is left, 0.25ⁿ, not the number of layers n.",
                       layers=num(layers)),
                    hint=tr("Give n itself: how many times did you multiply by 0.25?"))
    if not float(layers).is_integer() or layers < 1:
        raise Wrong(tr("{layers} is not a number of layers.", layers=num(layers)),
                    hint=tr("Count layers: 1, 2, 3, ..."))
    if layers > 100:
        raise Wrong(tr("{layers} layers is far too many. Is that how much the change shrinks (4ⁿ), "
                       "instead of the number of layers n?", layers=_whole(layers)),
                    hint=tr("Multiply 0.25 by itself until the result is below 0.000001, and count the steps."))
    if 0.25 ** layers >= SHARE_LEFT:
        raise Wrong(tr("0.25^{layers} = {share:.2g} is still above a millionth.", layers=num(layers),
                       share=0.25 ** layers),
                    hint=tr("Print 0.25 ** n for n = 1, 2, 3, ... and find the first one below 0.000001."))
    raise Wrong(tr("0.25^{layers} = {share:.2g} is below a millionth, but {layers} is not the smallest n.",
                   layers=num(layers), share=0.25 ** layers),
                hint=tr("Print 0.25 ** n for n = 1, 2, 3, ... and find the first one below 0.000001."))


# Going further: leaky ReLU -----------------------------------------------------

LEAK = 0.01


def _leaky_relu(z):
    return np.where(np.asarray(z) > 0, z, LEAK * np.asarray(z))[()]


@exercise(solution='''
def leaky_relu(z):
    """z where z > 0; a small 0.01 × z where z ≤ 0, so the slope is never exactly 0."""
    return np.where(z > 0, z, 0.01 * z)
    # or: np.maximum(0.01 * z, z)
''')
def leaky_relu_function(answer):
    """Write leaky_relu(z): z for positive z, 0.01 × z for negative z."""
    result = _judge_elementwise(answer, "leaky_relu", _leaky_relu, tr("value"), _leaky_suspects)
    if result[~AWAY_FROM_ZERO][0] != 0.0:
        raise Wrong(tr("leaky_relu(0) gave {value:g}; at 0 both sides give 0.", value=result[~AWAY_FROM_ZERO][0]))
    return tr("leaky ReLU never goes completely flat: below 0 its slope is 0.01, "
              "so a neuron that is off for every image can still learn.")
