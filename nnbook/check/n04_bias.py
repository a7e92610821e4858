"""Self-checks for notebook 04: the bias sets the threshold a weighted sum must pass."""

from __future__ import annotations

import math

import numpy as np

from ..data import load_digits
from ..detectors import EXAMPLE_BIAS, example_weights
from ..language import tr
from ..neuron import weighted_sum
from ._core import Wrong, as_array, exercise, expect_array, expect_choice, expect_number, expect_pair, matches, num

NOTEBOOK = "04-bias"
__all__ = ["threshold_bias", "bias_direction", "passing_count", "ones_vs_zeros"]


# Exercise 1 ------------------------------------------------------------------

THRESHOLD = 6.0
"""The neuron of exercise 1 should fire only when its weighted sum is above this."""


@exercise(solution='''
# The neuron fires when  weighted sum + bias > 0,  that is, when  weighted sum > -bias.
# For "above 6" we need -bias = 6, so the bias is -6:
my_answer = -6
''')
def threshold_bias(answer):
    """The bias that makes a neuron fire only when its weighted sum is above 6."""
    bias = expect_number(answer, tr("your bias"))
    if matches(bias, -THRESHOLD, tr("your bias"), rtol=0.0, atol=1e-9):
        return tr("weighted sum + (-6) > 0 exactly when the weighted sum is above 6. "
                  "The threshold is the bias with its sign flipped.")
    fires_above = num(-bias) if bias != 0 else "0"
    if math.isclose(bias, THRESHOLD, abs_tol=1e-9):
        raise Wrong(tr("with a bias of +{bias}, your neuron fires when the weighted sum is above -{bias}, "
                       "not above 6: the sign is the wrong way round.", bias=num(bias)),
                    hint=tr("The bias is added to the sum. What do you add to 6 to get 0?"))
    if math.isclose(bias, EXAMPLE_BIAS, abs_tol=1e-9):
        raise Wrong(tr("-10 is the video's bias, for a threshold of 10. This neuron's threshold is 6."),
                    hint=tr("The same idea: a threshold of 10 gave -10."))
    raise Wrong(tr("with a bias of {bias}, your neuron fires when the weighted sum is above {above}, "
                   "not above 6.", bias=num(bias), above=fires_above),
                hint=tr("The neuron fires when weighted sum + bias > 0. Which bias turns a sum of exactly 6 into 0?"))


# The core's second exercise: which way does a more negative bias move the line? ----

NEW_BIAS = -15.0
"""The bias of the core's choose-one-of-three exercise: the example detector's -10 made more negative."""

BIAS_CHOICES = ("A", "B", "C")
"""A: more digits fire; B: fewer digits fire (right); C: the same digits fire."""


def _firing_counts() -> tuple[int, int, int]:
    """On the training digits: how many fire with bias -10, with -15, and how many sums lie in (10, 15]."""
    sums = _example_sums("train")
    return (int(np.sum(sums + EXAMPLE_BIAS > 0)), int(np.sum(sums + NEW_BIAS > 0)),
            int(np.sum((sums > -EXAMPLE_BIAS) & (sums <= -NEW_BIAS))))


@exercise(solution='''
# The neuron fires when  weighted sum + bias > 0,  that is, when  weighted sum > -bias.
# Bias -10: the weighted sum must be above 10.   Bias -15: it must be above 15.
# The dashed line moves right, from 10 to 15, so fewer sums lie past it.
my_choice = "B"
''', stub_hint='Replace the ... with "A", "B" or "C" (in quotes), run the cell, then run this check again.')
def bias_direction(answer):
    """The bias goes from -10 to -15: do more digits fire (A), fewer (B), or the same ones (C)?"""
    choice = expect_choice(answer, BIAS_CHOICES, "my_choice")
    before, after, lost = _firing_counts()
    if choice == "B":
        return tr("a bias of -15 means: fire when the weighted sum is above 15, not above 10. The dashed line "
                  "moved right, so fewer digits get past it: {after:,} of the 8,000 training digits instead of "
                  "{before:,}. "
                  "A more negative bias makes a neuron harder to switch on.", after=after, before=before)
    if choice == "A":
        raise Wrong(tr("-15 is a smaller number than -10, so it is tempting to think the line moved left. But the "
                       "bias is the threshold with its sign flipped: a bias of -15 means 'the weighted sum must be "
                       "above 15'. The dashed line moved right, from 10 to 15, so fewer digits get past it."),
                    hint=tr("Move the slider from -10 to -15 and watch the orange part shrink."))
    raise Wrong(tr("the weights did not change, so the weighted sums did not change: that part is right. But the "
                   "neuron fires when weighted sum + bias > 0, so the bias moves the line the sums must pass, from "
                   "10 to 15. The {lost:,} training digits with a sum between 10 and 15 no longer get through.",
                   lost=lost),
                hint=tr("Move the slider from -10 to -15 and watch the dashed line."))


# Going further: how many test digits get through? (medium) --------------------------

def _example_sums(split: str) -> np.ndarray:
    images, _ = load_digits(split)
    return weighted_sum(example_weights(), images)


@exercise(solution='''
test_images, test_labels = nnbook.load_digits("test")   # the 2,000 test digits
weights = detectors.example_weights()                   # the example detector, as above
bias = -10
test_sums = nnbook.weighted_sum(weights, test_images)   # 2,000 weighted sums
fired = test_sums + bias > 0                             # True where the neuron fires
my_count = int(np.sum(fired))                            # True counts as 1, False as 0
''')
def passing_count(answer):
    """How many of the 2,000 test digits make the example detector fire, with bias -10?"""
    sums = _example_sums("test")
    right = int(np.sum(sums + EXAMPLE_BIAS > 0))
    n = len(sums)
    _not_the_whole_list(answer, sums)
    count = expect_number(answer, tr("your count"))
    if count == right:
        return tr("{right} of the {n:,} test digits ({share:.0%}) have a weighted sum above 10, "
                  "so the neuron fires for them.", right=right, n=n, share=right / n)
    if math.isclose(count, right / n, abs_tol=1e-6) or math.isclose(count, 100 * right / n, abs_tol=1e-4):
        raise Wrong(tr("{count} is a fraction or a percentage; the question asks how many digits.", count=num(count)),
                    hint=tr("np.sum(fired) counts the True values."))
    if count != int(count):
        raise Wrong(tr("{count} is not a whole number; a count of digits is.", count=num(count)))
    mistakes = {
        int(np.sum(sums > 0)): (tr("you counted the sums above 0: the bias is missing."),
                                tr("The neuron fires when weighted sum + bias > 0, with bias -10.")),
        int(np.sum(sums - EXAMPLE_BIAS > 0)): (tr("you counted the sums above -10: the bias was subtracted."),
                                               tr("Add the bias: sums + (-10) > 0, which is sums > 10.")),
        n - right: (tr("that is how many digits do NOT make it fire."),
                    tr("Count where weighted sum + bias > 0.")),
        n: (tr("that is every test digit, not only those that make it fire."),
            tr("len(...) counts every entry, True or False alike; np.sum(...) counts only the Trues.")),
        int(np.sum(sums + EXAMPLE_BIAS >= 0)): (tr("you also counted sums of exactly 10; the neuron fires only "
                                                   "above it."), tr("Use > 0, not >= 0.")),
        int(np.sum(_example_sums("train") + EXAMPLE_BIAS > 0)): (tr("that is the count for the 8,000 training "
                                                                    "digits."), tr('Use nnbook.load_digits("test").')),
    }
    mistakes.pop(right, None)  # never call the right count a mistake
    if int(count) in mistakes:
        message, hint = mistakes[int(count)]
        raise Wrong(f"{int(count)}: {message}", hint=hint)
    raise Wrong(tr("{value} is not it.", value=num(count)),
                hint=tr("Compute the 2,000 weighted sums with nnbook.weighted_sum(weights, test_images), "
                        "add the bias, and count how many are above 0."))


def _not_the_whole_list(answer, sums: np.ndarray) -> None:
    """The learner gave all 2,000 values (True/False, or the sums) instead of counting them."""
    if isinstance(answer, (list, tuple, np.ndarray)) and (
            answer.size if isinstance(answer, np.ndarray) else len(answer)) == len(sums):
        values = as_array(answer, tr("your answer")).ravel()
        if values.dtype == bool:
            raise Wrong(tr("you gave all {n:,} True/False values, one per test digit. "
                           "The question asks how many are True.", n=len(sums)),
                        hint=tr("np.sum(...) counts them: True counts as 1, False as 0."))
        raise Wrong(tr("you gave {n:,} numbers, one per test digit; the answer is one count.", n=len(sums)),
                    hint=tr("Add the bias to the sums, compare with 0 (> 0), and count the Trues with np.sum."))


# Going further: a neuron that tells 1s from 0s (challenge) --------------------------

TARGET = 0.95
"""The share of test 0s and 1s the separator must get right."""


def _zeros_and_ones(split: str) -> tuple[np.ndarray, np.ndarray]:
    images, labels = load_digits(split)
    keep = labels <= 1
    return images[keep].reshape(int(keep.sum()), -1), labels[keep]


def _best_bias(weights: np.ndarray) -> tuple[float, float, int]:
    """The bias that scores best with these weights on the *training* 0s and 1s: (bias, score, n)."""
    images, labels = _zeros_and_ones("train")
    sums = images @ weights
    order = np.argsort(sums, kind="stable")
    ordered, is_one = sums[order], labels[order] == 1
    # Cutting before position k: the k smallest sums stay quiet, the others fire.
    quiet_zeros = np.concatenate([[0], np.cumsum(~is_one)])
    firing_ones = is_one.sum() - np.concatenate([[0], np.cumsum(is_one)])
    k = int(np.argmax(quiet_zeros + firing_ones))
    edges = np.concatenate([[ordered[0] - 1], ordered, [ordered[-1] + 1]])
    threshold = (edges[k] + edges[k + 1]) / 2
    score = float(np.mean((sums > threshold) == (labels == 1)))
    return -float(threshold), score, len(labels)


@exercise(solution='''
# A 1 is a thin line down the middle; a 0 is a ring with an empty middle and ink on the left and right.
my_weights = np.zeros((28, 28))
my_weights[10:18, 12:16] = 1     # the middle: ink here says "1"
my_weights[8:20, 6:11] = -1      # the left side: ink here says "0"
my_weights[8:20, 17:22] = -1     # the right side: ink here says "0"
# Most 1s score between 0 and +30 here; a 0 has so much ink on its sides that it
# scores far below 0, around -50. The threshold can sit in the gap between them:
# at -10, so a slanted 1 that touches a side still passes. That needs a positive bias.
my_bias = 10
''', stub_hint="Replace both ... with your weights (a 28×28 array) and your bias (a number), "
               "run the cell, then run this check again.")
def ones_vs_zeros(answer):
    """A (weights, bias) pair that fires for the test 1s and stays quiet for the test 0s (≥ 95%)."""
    weights, bias = expect_pair(answer, "my_weights", "my_bias")
    weights = expect_array(weights, "my_weights")
    if weights.shape not in ((28, 28), (784,)):
        raise Wrong(tr("my_weights has shape {shape}; it needs one weight per pixel, shape (28, 28).",
                       shape=weights.shape))
    weights = weights.ravel()
    bias = expect_number(bias, "my_bias")
    if not np.any(weights):
        raise Wrong(tr("all your weights are 0: every digit gets the sum 0, so only the bias decides, and it "
                       "decides the same for every digit."), hint=tr("Put positive weights where 1s have ink."))

    images, labels = _zeros_and_ones("test")
    fired = images @ weights + bias > 0
    ones, zeros = fired[labels == 1], fired[labels == 0]
    score = float(np.mean(fired == (labels == 1)))
    report = tr("Score: {score:.1%} of the {n} test 0s and 1s. "
                "It fires for {ones:.1%} of the 1s and for {zeros:.1%} of the 0s.",
                score=score, n=len(labels), ones=ones.mean(), zeros=zeros.mean())
    if score >= TARGET:
        return tr("{report} Your neuron tells 1s from 0s.", report=report)
    if zeros.mean() > ones.mean():
        raise Wrong(tr("{report} It prefers 0s to 1s.", report=report),
                    hint=tr("Flip the signs: positive weights where 1s have ink, negative where 0s have ink."))
    best_bias, best_score, n_train = _best_bias(weights)
    weights_too_weak = best_score < TARGET
    advice = ""
    if best_score > score:
        advice += tr(" With your weights, the bias {bias:.1f} would score {score:.1%} on the "
                     "{n:,} training 0s and 1s.", bias=best_bias, score=best_score, n=n_train)
    if weights_too_weak:
        advice += tr(" No bias reaches 95% with these weights, so change the weights too: 0s have ink in "
                     "places where 1s have none. Put negative weights there.")
    if ones.all() and zeros.all():
        raise Wrong(tr("{report} It fires for every digit: the threshold is too low.", report=report),
                    hint=tr("Lower the bias (a more negative number), so only big weighted sums get through.")
                    + advice)
    if not ones.any() and not zeros.any():
        raise Wrong(tr("{report} It never fires: the threshold is too high.", report=report),
                    hint=tr("Raise the bias (a bigger number, closer to 0 or above it).") + advice)
    if zeros.mean() > 1 - ones.mean():
        hint = tr("Too many 0s get through.") if weights_too_weak else \
            tr("Too many 0s get through: lower the bias, or put negative weights where 0s have ink.")
    else:
        hint = tr("Too many 1s stay quiet.") if weights_too_weak else \
            tr("Too many 1s stay quiet: raise the bias, or put positive weights where 1s have ink.")
    hint += advice
    raise Wrong(tr("{report} The target is {target:.0%}.", report=report, target=TARGET), hint=hint)
