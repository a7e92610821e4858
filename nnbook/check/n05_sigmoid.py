"""Self-checks for notebook 05: the sigmoid squishes a weighted sum into (0, 1)."""

from __future__ import annotations

import inspect
import math
import re
import warnings

import numpy as np

from ..activations import sigmoid
from ..language import tr
from ..squishing import collapse
from ._core import (
    Wrong,
    as_array,
    call,
    exercise,
    expect_array,
    expect_choice,
    expect_number,
    expect_pair,
    matches,
    num,
    short,
)

NOTEBOOK = "05-sigmoid"
__all__ = ["half_active_sum", "one_neuron_for_two", "steep_neuron", "stable_sigmoid"]

VIDEO_BIAS = -10.0


def _plain(activation: float) -> str:
    """An activation written out in plain decimals, with at least one significant digit: 0.000000002."""
    if activation > 0.999:
        digits = math.ceil(-math.log10(1.0 - activation)) + 1 if activation < 1.0 else 1
        return np.format_float_positional(activation, precision=digits, unique=False, fractional=True)
    if activation >= 0.001:
        return f"{activation:.4f}"
    return np.format_float_positional(activation, precision=1, unique=False, fractional=False)


def _signed(number: float) -> str:
    return f"+ {num(number)}" if number >= 0 else f"- {num(-number)}"


def _activation(z: float) -> float:
    """σ(z) for any z the judge computes, infinity included (a huge scale times 8 overflows)."""
    return 0.0 if z == -math.inf else 1.0 if z == math.inf else float(sigmoid(z))


# Exercise 1 ------------------------------------------------------------------

@exercise(solution='''
# σ(0) = 0.5, so the activation is exactly 0.5 when weighted sum + bias = 0.
# With the bias -10 that happens when the weighted sum is 10.
my_answer = 10
''')
def half_active_sum(answer):
    """The weighted sum at which a neuron with bias -10 has activation exactly 0.5."""
    value = expect_number(answer, tr("your answer"))
    if matches(value, 10.0, tr("your answer"), rtol=0.0, atol=1e-9):
        return tr("a weighted sum of 10 gives σ(10 - 10) = σ(0) = 0.5: the bias -10 moved the "
                  "middle of the curve from 0 to 10, the threshold from notebook 04.")
    activation = _activation(value + VIDEO_BIAS)
    shown = f"σ({num(value)} + (-10)) = σ({num(value + VIDEO_BIAS)}) = {_plain(activation)}"
    if math.isclose(value, -10.0, abs_tol=1e-9):
        raise Wrong(tr("a weighted sum of -10 gives {shown}, almost 0: the bias pushes the wrong way here.",
                       shown=shown),
                    hint=tr("The bias is added to the weighted sum. Which weighted sum, plus -10, gives 0?"))
    if math.isclose(value, 0.0, abs_tol=1e-9):
        raise Wrong(tr("σ(0) is 0.5, yes, but the neuron adds its bias first: {shown}.", shown=shown),
                    hint=tr("You need weighted sum + bias = 0, not weighted sum = 0."))
    middle_hint = tr("σ(x) = 0.5 exactly when x = 0. Which weighted sum makes weighted sum + (-10) = 0?")
    if math.isclose(value, 0.5, abs_tol=1e-9):
        raise Wrong(tr("0.5 is the activation you want; the question asks for the weighted sum that gives it."),
                    hint=middle_hint)
    if activation < 0.5:
        raise Wrong(tr("{shown}, which is too low: the curve has not reached its middle yet.", shown=shown),
                    hint=middle_hint)
    raise Wrong(tr("{shown}, which is too high: the curve is past its middle.", shown=shown), hint=middle_hint)


# Exercise 2 (core): two neurons without σ are one --------------------------------

NEURON_1, NEURON_2 = (4.0, -2.0), (0.5, 3.0)
"""Exercise 2's neurons as (weight, bias): neuron 1 computes 4a - 2, neuron 2 computes 0.5 × (its input) + 3."""


@exercise(solution='''
# Neuron 2 reads neuron 1's number, 4a - 2, and computes 0.5 × (4a - 2) + 3.
# 0.5 × 4a = 2a, and 0.5 × (-2) + 3 = -1 + 3 = 2. So the two neurons are one: 2a + 2.
# Check with a = 1: neuron 1 gives 2, neuron 2 gives 0.5 × 2 + 3 = 4, and 2 × 1 + 2 = 4.
my_choice = "B"
''', stub_hint='Replace the ... with "A", "B" or "C" (in quotes), run the cell, then run this check again.')
def one_neuron_for_two(answer):
    """Which single neuron does what neuron 1 (4a - 2) and neuron 2 (0.5 × that + 3) do in a row, without σ?"""
    letter = expect_choice(answer, ("A", "B", "C"), "my_choice")
    (w1, b1), (w2, b2) = NEURON_1, NEURON_2
    weight, bias = collapse(NEURON_1, NEURON_2)
    at_one = w2 * (w1 + b1) + b2   # what the two neurons give for a = 1
    if letter == "B":
        return tr("{w2} × ({w1}a - {minus_b1}) + {b2} = {weight}a - {shift} + {b2} "
                  "= {weight}a + {bias}: one weighted sum, weight {weight} and bias {bias}. "
                  "Without σ between them, the second neuron adds nothing the first could not do alone.",
                  w1=num(w1), w2=num(w2), minus_b1=num(-b1), b2=num(b2), weight=num(weight),
                  shift=num(w2 * -b1), bias=num(bias))
    if letter == "A":
        raise Wrong(tr("4.5a + 1 adds the two weights ({w1} + {w2}) and the two biases "
                       "({b1} + {b2}), as if the neurons worked side by side. But they are in a row: "
                       "neuron 2 multiplies neuron 1's number by {w2}. "
                       "Try a = 1: neuron 1 gives {first}, neuron 2 gives {w2} × {first} + {b2} "
                       "= {at_one}, but 4.5 × 1 + 1 = 5.5.",
                       w1=num(w1), w2=num(w2), b1=num(b1), b2=num(b2), first=num(w1 + b1), at_one=num(at_one)),
                    hint=tr("Work out {w2} × ({w1}a - {minus_b1}) + {b2} step by step: "
                            "multiply both parts in the brackets first, then add.",
                            w1=num(w1), w2=num(w2), minus_b1=num(-b1), b2=num(b2)))
    raise Wrong(tr("2a - 1 is {w2} × ({w1}a - {minus_b1}), the hard part, done right. But then neuron 2 "
                   "still adds its own bias, +{b2}. Try a = 1: the two neurons give {at_one}, "
                   "but 2 × 1 - 1 = 1.", w1=num(w1), w2=num(w2), minus_b1=num(-b1), b2=num(b2), at_one=num(at_one)),
                hint=tr("A neuron computes weight × input + bias. Neuron 2's bias is +{b2}.", b2=num(b2)))


# Going further: a sharper neuron (medium) -------------------------------------------

LOW_SUM, HIGH_SUM, LOW_MAX, HIGH_MIN = 8.0, 12.0, 0.1, 0.9


@exercise(solution='''
# The activation is σ(scale × weighted sum + bias).
# Put the middle of the curve at 10: scale × 10 + bias = 0, so bias = -10 × scale.
# Then make it steep enough. σ(2.2) ≈ 0.9 and σ(-2.2) ≈ 0.1, so the curve must
# climb from -2.2 to +2.2 between the sums 8 and 12: scale × 2 ≥ 2.2.
my_answer = (2, -20)   # σ(2×8 - 20) = σ(-4) ≈ 0.018 and σ(2×12 - 20) = σ(4) ≈ 0.982
''', stub_hint="Replace each ... in my_answer = (..., ...) with a number, run the cell, then run this check again.")
def steep_neuron(answer):
    """A (scale, bias) pair: activation ≤ 0.1 for weighted sums up to 8 and ≥ 0.9 from 12 up."""
    scale, bias = expect_pair(answer, "scale", "bias", example="my_answer = (1.5, -15)")
    scale = expect_number(scale, tr("the scale (the first number)"))
    bias = expect_number(bias, tr("the bias (the second number)"))
    low, high = _activation(scale * LOW_SUM + bias), _activation(scale * HIGH_SUM + bias)
    values = tr("σ({scale:g}×8 {bias}) = {low:.3f} and σ({scale:g}×12 {bias}) = {high:.3f}",
                scale=scale, bias=_signed(bias), low=low, high=high)
    if low <= LOW_MAX and high >= HIGH_MIN:
        return tr("{values}: off below 8, on above 12. A bigger scale makes the curve steeper; "
                  "the bias puts its middle where you want it.", values=values)
    if _sharp_enough(bias, scale):
        raise Wrong(tr("{values}. You may have swapped the two numbers: ({bias:g}, {scale:g}) would work.",
                       values=values, bias=bias, scale=scale),
                    hint=tr("The scale comes first and the bias second: my_answer = (scale, bias)."))
    if scale == 0:
        raise Wrong(tr("with scale 0 the weighted sum is ignored: every digit gets "
                       "σ({bias:g}) = {activation:.3f}.", bias=bias, activation=_activation(bias)),
                    hint=tr("The scale multiplies every weight. Try a positive number bigger than 1."))
    if scale < 0:
        raise Wrong(tr("{values}: a negative scale flips every weight, so the activation falls as the sum grows.",
                       values=values),
                    hint=tr("Use a positive scale; then choose the bias."))
    if scale > 0 and bias > 0 and -bias / scale < LOW_SUM:
        raise Wrong(tr("{values}: with a positive bias the neuron is already on at small sums.", values=values),
                    hint=tr("A threshold of 10 needs a negative bias, like the -10 of notebook 04."))
    middle = -bias / scale
    if middle <= LOW_SUM:
        raise Wrong(tr("{values}. The middle of your curve (activation 0.5) is at the weighted sum "
                       "-bias/scale = {middle:g}, below 8, so it is already on there.", values=values, middle=middle),
                    hint=tr("Put the middle at 10: bias = -10 × scale."))
    if middle >= HIGH_SUM:
        raise Wrong(tr("{values}. The middle of your curve (activation 0.5) is at the weighted sum "
                       "-bias/scale = {middle:g}, above 12, so it is still off there.", values=values, middle=middle),
                    hint=tr("Put the middle at 10: bias = -10 × scale."))
    raise Wrong(tr("{values}: the middle of the curve is in the right place, but it is not steep enough to get "
                   "from 0.1 to 0.9 between 8 and 12.", values=values),
                hint=tr("σ climbs from 0.1 to 0.9 while its input goes from -2.2 to +2.2. "
                        "Make the scale bigger (and the bias with it, bias = -10 × scale)."))


def _sharp_enough(scale: float, bias: float) -> bool:
    return _activation(scale * LOW_SUM + bias) <= LOW_MAX and _activation(scale * HIGH_SUM + bias) >= HIGH_MIN


# Going further: a sigmoid that survives ±1000 (challenge) ---------------------------

@exercise(solution='''
def my_sigmoid(x):
    x = np.asarray(x, dtype=float)
    # e^-|x| is never more than 1, so it cannot overflow, for any x.
    small = np.exp(-np.abs(x))
    # For x ≥ 0: 1 / (1 + e^-x).  For x < 0: e^x / (1 + e^x).  The same σ(x).
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))
''')
def stable_sigmoid(answer):
    """A sigmoid for numbers and arrays that survives x = ±1000 without overflow."""
    probes = np.array([-30.0, -5.0, -1.0, -0.25, 0.0, 0.25, 1.0, 5.0, 30.0])
    value, _ = _run(answer, 0.0)
    value = expect_number(value, "my_sigmoid(0)")
    if not matches(value, 0.5, "my_sigmoid(0)", rtol=0.0, atol=1e-12):
        raise Wrong(tr("my_sigmoid(0) gave {value}; σ(0) = 1/(1 + e^0) = 1/2.", value=num(value)),
                    hint=tr("Check the formula: 1 / (1 + e^-x)."))
    for x in (2.0, -2.0):
        got = expect_number(_run(answer, x)[0], f"my_sigmoid({x:g})")
        if math.isclose(got, sigmoid(-x), rel_tol=1e-9):
            raise Wrong(tr("my_sigmoid({x:g}) gave {got:.4f}, but σ({x:g}) = {right:.4f}: "
                           "your curve runs the wrong way.", x=x, got=got, right=sigmoid(x)),
                        hint=tr("σ(x) = 1 / (1 + e^-x): note the minus sign in e^-x."))
        if not matches(got, sigmoid(x), f"my_sigmoid({x:g})", atol=1e-15):
            raise Wrong(tr("my_sigmoid({x:g}) gave {got}, but σ({x:g}) = {right:.6g}.",
                           x=x, got=num(got), right=sigmoid(x)),
                        hint=tr("σ(x) = 1 / (1 + e^-x), and for negative x also e^x / (1 + e^x)."))

    try:
        got, _ = _run(answer, probes)
    except _ChangedInput:
        raise
    except Wrong as wrong:
        raise Wrong(tr("my_sigmoid works on one number, but not on an array: {message}", message=wrong.message),
                    hint=tr("`if x >= 0:` cannot decide for a whole array at once, and math.exp only takes "
                            "one number. Use np.exp and np.where (or np.abs), which work element by element.")) \
            from None
    got = expect_array(got, f"my_sigmoid({probes.tolist()})")
    if got.shape != probes.shape:
        raise Wrong(tr("for an array of {n} numbers my_sigmoid returned shape {got}; "
                       "expected one activation per number, shape {shape}.",
                       n=len(probes), got=got.shape, shape=probes.shape))
    if not matches(got, sigmoid(probes), f"my_sigmoid({probes.tolist()})", atol=1e-15):
        worst = int(np.argmax(np.abs(got - sigmoid(probes))))
        raise Wrong(tr("on the array {probes} my_sigmoid gave {got} for "
                       "x = {x:g}, but σ({x:g}) = {right:.6g}.",
                       probes=probes.tolist(), got=num(got[worst]), x=probes[worst], right=sigmoid(probes[worst])),
                    hint=tr("Each element should be 1 / (1 + e^-x), whichever form you use for it."))
    grid = np.arange(6.0).reshape(2, 3) - 2.5
    got = as_array(_run(answer, grid)[0], tr("my_sigmoid(an array of shape (2, 3))"))
    if got.shape != grid.shape:
        raise Wrong(tr("for a (2, 3) array my_sigmoid returned shape {got}; the shape should stay (2, 3).",
                       got=got.shape),
                    hint=tr("Work element by element (np.exp, np.where) instead of flattening or looping."))

    for x in (-1000.0, 1000.0):
        _judge_extreme(answer, x)
    both = np.array([-1000.0, 1000.0])
    got, caught = _run(answer, both)
    if caught:
        raise Wrong(tr("one number at a time is fine, but on the array [-1000, 1000] numpy warned: {warning}.",
                       warning=caught[0]),
                    hint=_where_hint())
    got = _floats(got, "my_sigmoid([-1000, 1000])")
    if got.shape != (2,) or not np.all(np.isfinite(got)) or got[0] != 0.0 or got[1] != 1.0:
        raise Wrong(tr("on the array [-1000, 1000] my_sigmoid gave {got}; expected [0.0, 1.0] (to the "
                       "last digit a float can hold).", got=got.tolist()))

    xs = np.linspace(-40.0, 40.0, 161)
    got = _floats(_run(answer, xs)[0], "my_sigmoid(np.linspace(-40, 40, 161))")
    mirrored = _floats(_run(answer, -xs)[0], "my_sigmoid(-np.linspace(-40, 40, 161))")
    if got.shape != xs.shape or mirrored.shape != xs.shape or not np.allclose(mirrored, 1.0 - got, atol=1e-12):
        raise Wrong(tr("σ(-x) should equal 1 - σ(x) (the curve is symmetric around its middle), "
                       "but for your function it does not."), hint=tr("Compare your two forms at x = 3 and x = -3."))
    if np.any(np.diff(got) < 0):
        raise Wrong(tr("my_sigmoid goes down somewhere between -40 and 40; σ only ever rises."))
    if SILENCER.search(_source(answer)):
        raise Wrong(tr("my_sigmoid gives the right values, but it turns numpy's warnings off, so nobody can see "
                       "whether an exponential overflowed on the way."),
                    hint=tr("Take out the np.errstate (or warnings) line. A form of σ whose exponential stays small "
                            "has nothing to hide: e^-|x| is never more than 1."))
    return tr("my_sigmoid gives the right values for numbers and arrays, keeps the shape, and survives "
              "±1000 without a single warning.")


SILENCER = re.compile(r"""(errstate|seterr)\([^)]*\b(all|over)\s*=\s*["']ignore|"""
                      r"""(filterwarnings|simplefilter)\(\s*["']ignore""")
"""Code that hides numpy's overflow warning instead of avoiding the overflow (hiding underflow is fine)."""


def _floats(result, what: str) -> np.ndarray:
    """The learner's result as a float array, NaN and infinity kept: the judge explains them itself."""
    return expect_array(result, what, finite=False)


def _source(function) -> str:
    """The learner's code, where Python can find it (not for a function typed into exec or a lambda's line)."""
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


class _ChangedInput(Wrong):
    """The learner's function wrote into the array it was given."""


WATCHED = {"over": "warn", "invalid": "warn", "divide": "warn", "under": "ignore"}
"""numpy's error settings while my_sigmoid runs: underflow (e^-1000 rounding to 0) is harmless."""


def _run(function, x):
    """Call ``function(x)`` and return (result, overflow warnings); turn failures into feedback."""
    argument = x.copy() if isinstance(x, np.ndarray) else x
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call(function, argument, name="my_sigmoid", errstate=WATCHED)
        except Wrong as wrong:
            if "OverflowError" in wrong.message:
                raise Wrong(tr("{message}: the exponential grew too large for a float.", message=wrong.message),
                            hint=tr("e^1000 is about 10^434, far beyond the largest float (about 1.8 × 10^308). "
                                    "Use a form of σ whose exponential stays small.")) from None
            raise
    if isinstance(x, np.ndarray) and not np.array_equal(argument, x):
        raise _ChangedInput(tr("my_sigmoid changed the array it was given; "
                               "a function like this should leave its input alone."),
                            hint=tr("Work on a new array (x = np.asarray(x, dtype=float) and then new names) "
                                    "instead of writing into x."))
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return result, messages


def _where_hint() -> str:
    """Why np.where did not save the learner from the overflow."""
    return tr("np.where works out BOTH formulas for every element before it picks one, so e^-x still meets "
              "x = -1000. Compute e^-|x| once (np.exp(-np.abs(x))): it is never more than 1.")


def _overflow_hint(function, x: float) -> str:
    """Why an exponential overflowed, guessed from the learner's code where we can read it."""
    source = _source(function)
    if "where" in source:
        return _where_hint()
    if x < 0:
        return tr("e^1000 is about 10^434, far beyond the largest float (about 1.8 × 10^308). "
                  "For x < 0 use the equal form e^x / (1 + e^x), whose exponential stays below 1.")
    return tr("e^1000 is about 10^434, far beyond the largest float (about 1.8 × 10^308). "
              "For x ≥ 0 use 1 / (1 + e^-x), whose exponential stays below 1.")


def _near_miss_hint(function, value: float) -> str:
    """Why σ(±1000) came out close but not exact: usually x was clipped to a smaller size."""
    source = _source(function)
    mantissa, _, power = f"{value:.3g}".partition("e")
    # A learner may not read 7.12e-218 as a number yet.
    meaning = (tr("{value:.6g} means {mantissa} × 10^{power}: close, but not the value a float holds for σ(±1000).",
                  value=value, mantissa=mantissa, power=int(power)) if power else
               tr("Close, but not the value a float holds for σ(±1000)."))
    if "clip" in source or "minimum(" in source or "maximum(" in source:
        return meaning + " " + tr("Clipping x avoids the overflow, but then you compute σ at a different x: "
                                  "σ(-500) is not σ(-1000). Keep x as it is, and choose the form of σ whose "
                                  "exponential stays small instead.")
    return meaning + " " + tr("Compute σ(x) for the x you were given, with the form whose exponential stays small: "
                              "1 / (1 + e^-x) for x ≥ 0, e^x / (1 + e^x) for x < 0.")


def _judge_extreme(answer, x):
    result, caught = _run(answer, x)
    wanted = 0.0 if x < 0 else 1.0
    if caught:
        raise Wrong(tr("my_sigmoid({x:g}) made numpy warn: {warning}.", x=x, warning=caught[0]),
                    hint=_overflow_hint(answer, x))
    what = f"my_sigmoid({x:g})"
    value = _floats(result, what)
    if value.size != 1:
        raise Wrong(tr("{what} should be one number, got {got}.", what=what, got=short(result)))
    value = float(value.item())
    if math.isnan(value):
        raise Wrong(tr("my_sigmoid({x:g}) gave nan: somewhere infinity was divided by infinity.", x=x),
                    hint=tr("e^x / (1 + e^x) is fine for negative x but gives inf/inf for x = 1000. "
                            "Use each form only where its exponential stays small."))
    # e^-1000 underflows to exactly 0, so σ(-1000) is 0.0 itself: clipping x at -709 gives 1e-308 instead.
    exact = value == wanted if x < 0 else abs(value - wanted) < 1e-15
    if not exact:
        shown = f"{value:.6g}"
        if shown == f"{wanted:g}":   # 0.999999999 would print as 1, the very value it misses
            shown = repr(value)
        raise Wrong(tr("my_sigmoid({x:g}) gave {shown}; σ({x:g}) is {wanted:g} to the last digit a float "
                       "can hold.", x=x, shown=shown, wanted=wanted), hint=_near_miss_hint(answer, value))
