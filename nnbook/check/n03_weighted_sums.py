"""Self-checks for notebook 03: a neuron's weighted sum, and weight patterns that look for a stroke."""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..data import load_digits
from ..detectors import EXAMPLE_REGION, region_detector, stroke_image
from ..language import tr
from ._core import Wrong, as_array, call, exercise, expect_array, expect_number, matches, num, short

NOTEBOOK = "03-weighted-sums"
__all__ = ["tiny_weighted_sum", "batch_weighted_sums", "larger_weighted_sum", "top_bar_weights"]


# Exercise 1 ------------------------------------------------------------------

TINY_WEIGHTS = (2.0, -1.0, 0.5, -3.0)
TINY_ACTIVATIONS = (1.0, 0.8, 0.4, 0.0)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, abs_tol=1e-9)


@exercise(solution='''
# Multiply each weight by the activation of its pixel, then add the four products:
#   2 × 1.0  +  (-1) × 0.8  +  0.5 × 0.4  +  (-3) × 0.0
#   = 2.0    -  0.8         +  0.2        +  0.0
my_answer = 1.4
# The last pixel is black (0.0), so its big weight of -3 changes nothing.
''')
def tiny_weighted_sum(answer):
    """The weighted sum of a neuron with 4 inputs, worked out by hand."""
    products = [w * a for w, a in zip(TINY_WEIGHTS, TINY_ACTIVATIONS)]
    if isinstance(answer, (list, tuple, np.ndarray)) and (
            answer.size if isinstance(answer, np.ndarray) else len(answer)) == 4:
        raise Wrong(tr("you gave four numbers; the weighted sum is one number."),
                    hint=tr("You have the four products w·a; now add them up."))
    value = expect_number(answer, tr("your answer"))
    right = sum(products)
    if matches(value, right, tr("your answer"), rtol=0.0, atol=1e-9):
        return tr("2.0 - 0.8 + 0.2 + 0.0 = 1.4. Notice the last pixel: it is black (0.0), so its weight of -3 "
                  "adds nothing. A weight only matters where there is ink.")
    if _close(value, sum(TINY_WEIGHTS) + sum(TINY_ACTIVATIONS)):
        raise Wrong(tr("{value} is what you get by adding all eight numbers together.", value=num(value)),
                    hint=tr("Multiply each weight by its own activation first, then add the four products."))
    if _close(value, sum(TINY_WEIGHTS)):
        raise Wrong(tr("{value} is the sum of the weights alone; the activations are missing.", value=num(value)),
                    hint=tr("Each weight is multiplied by the activation of its pixel."))
    if _close(value, sum(TINY_ACTIVATIONS)):
        slip = _one_slip(value)
        message = (tr("{value} is the sum of the activations alone: the weights are missing. "
                      "(It is also what you get if {slip}.)", value=num(value), slip=slip[0]) if slip else
                   tr("{value} is the sum of the activations alone: the weights are missing.", value=num(value)))
        raise Wrong(message, hint=tr("Multiply each activation by its own weight, then add the four products."))
    if _close(value, sum(abs(p) for p in products)):
        raise Wrong(tr("{value} is what you get if every weight were positive.", value=num(value)),
                    hint=tr("Keep the minus signs: (-1) × 0.8 is -0.8."))
    if _close(value, sum(TINY_WEIGHTS) * sum(TINY_ACTIVATIONS)):
        raise Wrong(tr("{value} is (sum of the weights) × (sum of the activations).", value=num(value)),
                    hint=tr("Multiply in pairs, weight 1 with activation 1, weight 2 with activation 2, and so on, "
                            "then add the four products."))
    if _close(value, -right):
        raise Wrong(tr("{value} has the right size but the wrong sign.", value=num(value)),
                    hint=tr("Check the signs: 2 × 1.0 is +2.0, and it is the biggest product."))
    if isinstance(answer, numbers.Integral) and abs(value - right) < 1:
        raise Wrong(tr("{value} is close, but the sum is not a whole number.", value=num(value)),
                    hint=tr("Do not round: keep the decimals of each product."))
    slip = _one_slip(value)
    if slip is not None:
        raise Wrong(tr("{value} is what you get if {slip}; the other three products are right.",
                       value=num(value), slip=slip[0]), hint=slip[1])
    raise Wrong(tr("{value} is not it.", value=num(value)),
                hint=tr("Work out the four products one at a time: 2 × 1.0, then (-1) × 0.8, then 0.5 × 0.4, "
                        "then (-3) × 0.0. Then add them."))


def _one_slip(value: float) -> tuple[str, str] | None:
    """If one product slipped and the other three are right, say which, most likely slip first.

    The slips: a product left out; w × 0.0 taken as w; a product with the
    wrong sign; a decimal point in the wrong place (0.02 for 0.2); a weight or
    an activation added without multiplying.
    """
    pairs = list(zip(TINY_WEIGHTS, TINY_ACTIVATIONS))
    products = [w * a for w, a in pairs]
    right = sum(products)

    def shown(w, a):
        return f"({w:g}) × {a:.1f}" if w < 0 else f"{w:g} × {a:.1f}"

    slips = []
    for (w, a), p in zip(pairs, products):
        if p != 0:
            slips.append((right - p, tr("{product} = {value:g} is left out", product=shown(w, a), value=p),
                          tr("Add all four products, one for each input.")))
    for (w, a), p in zip(pairs, products):
        if a == 0:
            slips.append((right - p + w, tr("{product} counts as {value:g}", product=shown(w, a), value=w),
                          tr("Anything times 0 is 0: a black pixel adds nothing, whatever its weight. "
                             "{product} = 0.", product=shown(w, a))))
    for (w, a), p in zip(pairs, products):
        if p != 0:
            slips.append((right - 2 * p, tr("{product} counts as {wrong:g} instead of {right:g}",
                                            product=shown(w, a), wrong=-p, right=p),
                          tr("A positive number times a positive number is positive; "
                             "a negative number times a positive one is negative.")))
    for (w, a), p in zip(pairs, products):
        if p != 0 and a not in (0.0, 1.0):
            for slipped in (10 * p, p / 10):
                slips.append((right - p + slipped, tr("{product} counts as {value:g}", product=shown(w, a),
                                                      value=slipped),
                              tr("Count the decimal places: {product} = {value:g}.", product=shown(w, a), value=p)))
    for (w, a), p in zip(pairs, products):
        if a not in (0.0, 1.0):
            slips.append((right - p + w, tr("{product} counts as just the weight, {weight:g}",
                                            product=shown(w, a), weight=w),
                          tr("Multiply: {product} = {value:g}.", product=shown(w, a), value=p)))
        if w != 1.0 and a != 0.0:
            slips.append((right - p + a, tr("{product} counts as just the activation, {activation:g}",
                                            product=shown(w, a), activation=a),
                          tr("Multiply: {product} = {value:g}.", product=shown(w, a), value=p)))
    for total, what, hint in slips:
        if _close(value, total) and not _close(value, right):
            return what, hint
    return None


# Going further: many weighted sums at once -----------------------------------

def _probe(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(28, 28)), rng.random((n, 28, 28))


@exercise(solution='''
def my_weighted_sums(weights, images):
    # weights * images multiplies the 28×28 weights with every image at once:
    # the result has shape (n, 28, 28), the products for each image.
    products = weights * images
    # Add up each image's 784 products: axis 1 is the rows, axis 2 the columns.
    return np.sum(products, axis=(1, 2))
''')
def batch_weighted_sums(answer):
    """A function my_weighted_sums(weights, images): one weighted sum for each image."""
    for n, seed in ((5, 3), (1, 4), (12, 5)):
        weights, images = _probe(n, seed)
        right = np.sum(weights * images, axis=(1, 2))
        result = call(answer, weights.copy(), images.copy(), name="my_weighted_sums")
        if isinstance(result, (list, tuple)):
            result = as_array(result, tr("your sums"))
        _judge_sums(result, right, weights, images)
    return tr("one weighted sum per image, for any number of images. nnbook.weighted_sum(weights, images) "
              "does the same; the rest of this notebook uses it.")


def _judge_sums(result, right, weights, images):
    n = len(images)
    call_text = (tr("for {n} images (weights (28, 28), images {shape})", n=n, shape=images.shape) if n > 1 else
                 tr("for 1 image (weights (28, 28), images {shape})", shape=images.shape))
    if isinstance(result, (str, bytes, dict, set)):
        raise Wrong(tr("{call} your function returned {got}; expected an array of {n} numbers, one per image.",
                       call=call_text, got=short(result), n=n))
    shape = as_array(result, tr("the result {call}", call=call_text)).shape
    if shape == ():
        value = expect_number(result, tr("the result {call}", call=call_text))
        if n > 1 and _close(value, float(right.sum())):
            raise Wrong(tr("{call} your function returned one number, the total of all {n} images' sums.",
                           call=call_text, n=n),
                        hint=tr("Add up over the pixels only, not over the images: np.sum(..., axis=(1, 2))."))
        if n == 1:
            raise Wrong(tr("{call} your function returned one number, {value}; expected 1 number, one per image.",
                           call=call_text, value=num(value)),
                        hint=tr("Return an array of shape (n,), even when n is 1."))
        raise Wrong(tr("{call} your function returned one number, {value}; expected {n} numbers, one per image.",
                       call=call_text, value=num(value), n=n),
                    hint=tr("Collect one sum per image, in a list or an array, and return them all. "
                            "If you loop over the images, check that `return` comes after the loop, not inside it."))
    if shape == images.shape:
        raise Wrong(tr("{call} your function returned shape {shape}: the products, not yet added up.",
                       call=call_text, shape=shape),
                    hint=tr("Add up each image's 784 products: np.sum(..., axis=(1, 2))."))
    if shape == (28, 28):
        raise Wrong(tr("{call} your function returned shape (28, 28): it added over the images, "
                       "one total per pixel.", call=call_text),
                    hint=tr("Add over the pixels instead: axis=(1, 2), not axis=0."))
    if shape in ((n, 28), (28, n)):
        # weighted_sum_loop given 28×28 grids adds whole rows, weights[i] * image[i]: one total per column.
        down_the_rows = np.sum(weights * images, axis=1)
        if shape == (n, 28) and np.allclose(expect_array(result, tr("your sums")), down_the_rows):
            raise Wrong(tr("{call} your function returned shape {shape}: 28 partial sums per image, one per "
                           "column. It added down the rows only. np.sum(..., axis=1) does that, and so does "
                           "weighted_sum_loop when it gets a 28×28 grid: weights[i] is then a whole row, not one "
                           "weight.", call=call_text, shape=shape),
                        hint=tr("Add over the rows and the columns: np.sum(weights * images, axis=(1, 2)). Or give "
                                "weighted_sum_loop lists of 784: weighted_sum_loop(weights.reshape(784), "
                                "image.reshape(784))."))
        raise Wrong(tr("{call} your function returned shape {shape}: it added along the rows or "
                       "the columns only, so each image still has 28 partial sums.", call=call_text, shape=shape),
                    hint=tr("Add over both: axis=(1, 2)."))
    if shape == (28,):
        raise Wrong(tr("{call} your function returned shape (28,): it added over the images too, "
                       "and kept one number per column.", call=call_text),
                    hint=tr("Add over the rows and columns of each image, not over the images: axis=(1, 2). "
                            "(Axis 0 counts the images.)"))
    if shape == (1,) and n > 1:
        raise Wrong(tr("{call} your function returned only 1 sum; expected {n}, one per image.", call=call_text, n=n),
                    hint=tr("If you loop over the images, check that `return` comes after the loop, "
                            "not inside it: indent it less than the loop's body."))
    if len(shape) == 1 and abs(shape[0] - n) == 1:
        off_by_one = (tr("{call} your function returned {count} sums; expected {n}, one per image: one too few.",
                         call=call_text, count=shape[0], n=n) if shape[0] < n else
                      tr("{call} your function returned {count} sums; expected {n}, one per image: one too many.",
                         call=call_text, count=shape[0], n=n))
        raise Wrong(off_by_one,
                    hint=tr("range(len(images)) already goes from the first image (0) to the last (n - 1); "
                            "a plain `for image in images:` never misses one."))
    if shape != (n,):
        raise Wrong(tr("{call} your function returned shape {shape}; expected ({n},), one sum per image.",
                       call=call_text, shape=shape, n=n))
    got = expect_array(result, tr("your sums"))
    if matches(got, right, tr("your sums"), atol=1e-9):
        return
    if n > 1 and np.allclose(got, right[0]):
        raise Wrong(tr("all {n} of your sums are the same number, the sum of image 0.", n=n),
                    hint=tr("Inside the loop, use the image of this step: images[i], not images[0]."))
    if np.allclose(got, images.sum(axis=(1, 2))):
        raise Wrong(tr("your sums are the total brightness of each image: the weights are missing."),
                    hint=tr("Multiply each pixel by its weight before adding: weights * images."))
    shift = got - right
    if np.allclose(shift, shift[0]) and not _close(float(shift[0]), 0.0):
        raise Wrong(tr("every sum is off by the same amount, {shift:+.4g}: something extra is added.", shift=shift[0]),
                    hint=tr("The weighted sum is only w1·a1 + … + w784·a784. No bias yet: that comes in notebook 04."))
    first_row = np.sum(weights[0] * images[:, 0], axis=1)
    if np.allclose(got, first_row):
        raise Wrong(tr("your sums use only the first row of pixels (28 of the 784)."),
                    hint=tr("Add over every row and every column: axis=(1, 2)."))
    first = int(np.flatnonzero(~np.isclose(got, right, rtol=1e-9, atol=1e-9))[0])
    raise Wrong(tr("image {first} should give {right:.10g}, yours gave {got:.10g}.",
                   first=first, right=right[first], got=got[first]),
                hint=tr("For one image the weighted sum is np.sum(weights * image). Do that for every image."))


# Exercise 2 (core): predict first ---------------------------------------------

_top, _left, _height, _width = EXAMPLE_REGION
STROKE_A = (_top - 1, _left - 1, _height + 2, _width + 2)
"""A thick stroke covering the example region and its whole border."""
STROKE_B = (_top, _left + 1, _height, _width // 2)
"""A thin stroke inside the example region."""


def _prediction_sums() -> tuple[float, float]:
    weights = region_detector(*EXAMPLE_REGION)
    return (float(np.sum(weights * stroke_image(*STROKE_A))), float(np.sum(weights * stroke_image(*STROKE_B))))


@exercise(solution='''
# A covers all 40 blue pixels of the region (+40), but also all 32 red pixels of the border (-32).
# B covers 20 blue pixels (+20) and no red ones.
# A: 40 - 32 = 8.   B: 20 - 0 = 20.   B gives the larger sum.
my_prediction = "B"
''', stub_hint='Replace the ... with "A" or "B" (in quotes), run the cell, then run this check again.')
def larger_weighted_sum(answer):
    """Which of two strokes, A (thick) or B (thin), gives the example detector the larger weighted sum?"""
    # str.__str__ gives a plain str even for a str subclass, whose own strip() or upper() could lie.
    letter = str.__str__(answer).strip().upper() if isinstance(answer, str) else None
    if letter not in ("A", "B"):
        raise Wrong(tr('answer with the letter "A" or "B" (in quotes), got {got}.', got=short(answer)))
    a, b = _prediction_sums()
    blue, red = _height * _width, (_height + 2) * (_width + 2) - _height * _width
    explanation = tr("A fills all {blue} blue pixels (+{blue}) but also covers all {red} red border pixels "
                     "(-{red}): {a:g}. B fills only {b:g} blue pixels and touches no red: {b:g}.",
                     blue=blue, red=red, a=a, b=b)
    if letter == ("A" if a > b else "B"):
        return tr("{explanation} More ink is not always better: the red border punishes ink that spills "
                  "around the region. That is how this neuron tells a thin stroke from a blob.",
                  explanation=explanation)
    raise Wrong(tr("it is the other one. {explanation}", explanation=explanation),
                hint=tr("Count blue pixels covered (each +1) and red pixels covered (each -1), for each stroke."))


# Going further: a detector for the top bar of a 7 ------------------------------

TOP_BAR = (7, 7, 3, 14)
"""A horizontal bar near the top of the digit box, where a 7 has its top stroke."""
OTHER_STROKES = {
    "middle": (13, 7, 3, 14),
    "vertical": (5, 13, 18, 3),
    "blob": (4, 6, 20, 16),
}
"""The test strokes the pattern should respond to at most half as much as to TOP_BAR, by key (_stroke_names)."""


def _stroke_names() -> dict[str, str]:
    """What the feedback calls each test stroke, in the current language, by key ("top" is TOP_BAR)."""
    return {"top": tr("a bar at the top"), "middle": tr("the same bar in the middle"),
            "vertical": tr("a vertical line down the middle"), "blob": tr("a big blob of ink")}


def _top_bar_strokes() -> dict[str, np.ndarray]:
    """The four made-up images a top-bar pattern is tested on, by key, the top bar first."""
    return {key: stroke_image(*box) for key, box in {"top": TOP_BAR, **OTHER_STROKES}.items()}


def top_bar_tests() -> dict[str, np.ndarray]:
    """The four made-up images a top-bar pattern is tested on, by name (in the current language), the top bar first."""
    names = _stroke_names()
    return {names[key]: image for key, image in _top_bar_strokes().items()}


def _top_bar_sums(weights: np.ndarray) -> dict[str, float]:
    return {key: float(np.sum(weights * image)) for key, image in _top_bar_strokes().items()}


def _passes_top_bar(sums: dict[str, float]) -> bool:
    top, *others = sums.values()
    return top > 0 and all(other <= top / 2 for other in others)


@exercise(solution='''
# Blue (+1) on the rows where a 7 has its top bar, rows 7-10;
# red (-1) on two rows just above and two just below. A blob, or a
# vertical line, covers as many red pixels as blue ones: it scores 0.
my_top_bar_weights = np.zeros((28, 28))
my_top_bar_weights[5:7, 5:23] = -1     # rows 5-6: just above the bar
my_top_bar_weights[11:13, 5:23] = -1   # rows 11-12: just below it
my_top_bar_weights[7:11, 5:23] = 1     # rows 7-10: the bar itself
''', stub_hint="Replace the ... with a 28×28 array of weights, run the cell, then run this check again.")
def top_bar_weights(answer):
    """A 28×28 weight pattern that gives a horizontal bar at the top a big sum, and other strokes less."""
    weights = expect_array(answer, tr("your weights"))
    if weights.shape == (784,):
        weights = weights.reshape(28, 28)
    if weights.shape != (28, 28):
        raise Wrong(tr("your weights have shape {shape}; a first-layer neuron has one weight per pixel, "
                       "shape (28, 28).", shape=weights.shape),
                    hint=tr("Start from np.zeros((28, 28)) and set a block of rows."))
    if not np.any(weights):
        raise Wrong(tr("all your weights are 0, so every image gives a weighted sum of 0."),
                    hint=tr("Put positive weights where the bar is: rows 7-9. If you wrote w[7:10][7:21], that "
                            "picks rows 7-9 and then rows 7-20 of those three, which is none: write w[7:10, 7:21], "
                            "with a comma between the rows and the columns."))
    if np.all(weights == weights.flat[0]):
        raise Wrong(tr("every pixel has the same weight, {weight:g}, so the neuron measures "
                       "how much ink there is anywhere, not where it is.", weight=weights.flat[0]),
                    hint=tr("Make the weights positive only in the top rows where the bar is."))
    sums = _top_bar_sums(weights)
    names = _stroke_names()
    (_, top), *others = sums.items()
    listed = "; ".join(f"{names[key]}: {value:.1f}" for key, value in sums.items())
    if _passes_top_bar(sums):
        return tr("weighted sums: {listed}. Your neuron picks out the top bar.\n  {sevens}",
                  listed=listed, sevens=_real_sevens(weights))
    if top < 0:
        raise Wrong(tr("weighted sums: {listed}. The top bar gives a negative sum: your signs are flipped.",
                       listed=listed),
                    hint=tr("Positive (blue) weights where you want ink, negative (red) where you don't."))
    swapped = _top_bar_sums(weights.T)
    swapped_top = swapped["top"]
    if swapped_top > 2 * max(top, 0.0) and all(swapped[key] <= swapped_top / 2 for key in list(OTHER_STROKES)[:2]):
        raise Wrong(tr("weighted sums: {listed}. Your pattern looks for a vertical bar at the left: "
                       "rows and columns are swapped.", listed=listed),
                    hint=tr("weights[row, column]: the first index picks the row. Rows 7-9 are weights[7:10, :]."))
    if top <= 0:
        raise Wrong(tr("weighted sums: {listed}. The top bar should give the biggest sum, but it gives {top:.1f}.",
                       listed=listed, top=top),
                    hint=tr("Put positive weights on rows 7-9, columns 7-20, where the bar is. (Digits are drawn "
                            "in the middle 20×20 of the picture, so rows 0-3 are nearly always empty.)"))
    # Report the first stroke that scores too much, in the order of OTHER_STROKES: place, then shape, then size.
    too_big = [(key, value) for key, value in others if value > top / 2]
    key, worst = too_big[0]
    if key == "middle":
        hint = tr("Your weights respond to a bar lower down too. Make the weights zero, "
                  "or negative, away from the top rows.")
    elif key == "vertical":
        hint = tr("A vertical line crosses the bar's rows too. Negative weights on the "
                  "rows just above and below the bar make a line that passes through score less.")
    else:
        hint = tr("The blob covers the bar's rows too, and much more around them. Put negative "
                  "weights on the rows just above and below the bar, like the red frame of the "
                  "example detector: ink that spills around the bar then takes points off.")
    also = "".join(tr(" So does {stroke} ({value:.1f}).", stroke=names[other], value=value)
                   for other, value in too_big[1:])
    values = dict(listed=listed, stroke=names[key].capitalize(), worst=worst, top=top, also=also)
    if worst > top:
        message = tr("weighted sums: {listed}. {stroke} gives {worst:.1f}, more than the top bar's {top:.1f}: "
                     "your neuron does not tell them apart well.{also}", **values)
    elif worst == top:
        message = tr("weighted sums: {listed}. {stroke} gives {worst:.1f}, as much as the top bar's {top:.1f}: "
                     "your neuron does not tell them apart well.{also}", **values)
    else:
        message = tr("weighted sums: {listed}. {stroke} gives {worst:.1f}, more than half of the top bar's "
                     "{top:.1f}: your neuron does not tell them apart well.{also}", **values)
    raise Wrong(message, hint=hint)


def _real_sevens(weights: np.ndarray) -> str:
    images, labels = load_digits("test")
    sums = images.reshape(len(images), -1) @ weights.ravel()
    sevens, others = sums[labels == 7].mean(), sums[labels != 7].mean()
    if sevens > others:
        return tr("On the 2,000 real test digits the mean weighted sum is {sevens:.1f} for the 7s "
                  "and {others:.1f} for the other digits: real 7s do score higher.", sevens=sevens, others=others)
    return tr("On the 2,000 real test digits the mean weighted sum is {sevens:.1f} for the 7s "
              "and {others:.1f} for the other digits. Real 7s are messier than a clean bar: many have their top "
              "bar a little higher, lower or slanted. Look at a few of them with nnbook.show_digits to see where "
              "their bar really is.", sevens=sevens, others=others)
