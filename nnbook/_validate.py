"""Input checks shared by every public entry point.

Each check names the argument, says what it got and what it expects, so that
a learner who passes the wrong thing learns what the right thing is.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .language import tr


def describe(value) -> str:
    """A short description of a value for an error message."""
    if isinstance(value, np.ndarray):
        return tr("an array of shape {shape} and dtype {dtype}", shape=value.shape, dtype=value.dtype)
    if isinstance(value, (list, tuple)):
        return tr("a {kind} of length {length}", kind=type(value).__name__, length=len(value))
    return f"{type(value).__name__} {value!r}"[:80]


def as_float_array(value, name: str) -> np.ndarray:
    """Turn numbers, lists or arrays of real numbers into a float64 array, or raise.

    Anything that would be converted silently into something else is refused:
    text (even "1"), booleans, complex numbers, dates and time spans, ``None``,
    and masked arrays (their mask would be dropped; call ``.filled(value)`` to
    say what a masked entry should be). Python ints too large for a float are
    refused with ValueError.
    """
    wanted = tr("{name} must be a number or an array of numbers", name=name)
    if isinstance(value, (str, bytes, dict, set)) or value is None:
        raise TypeError(tr("{wanted}, got {got}", wanted=wanted, got=describe(value)))
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(tr("{wanted}, got a masked array; its mask would be lost, so choose the value of the "
                           "masked entries first, for example {name}.filled(0.0)", wanted=wanted, name=name))
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged nested lists
        raise TypeError(tr("{wanted} (every row of the same length), got {got}", wanted=wanted,
                           got=describe(value))) from error
    kind = array.dtype.kind
    if kind == "O":
        for item in array.flat:
            if isinstance(item, (str, bytes, bool, np.bool_, complex, np.complexfloating)) or item is None:
                raise TypeError(tr("{wanted}, got {got} holding {item}", wanted=wanted, got=describe(value),
                                   item=describe(item)))
    elif kind not in _REAL_KINDS:
        kinds = _kind_names(name)
        raise TypeError(tr("{wanted}, got {got}", wanted=wanted, got=kinds[kind] if kind in kinds else describe(array)))
    try:
        return array.astype(np.float64, copy=False)
    except OverflowError as error:
        raise ValueError(tr("{name} holds a number too large for a float (beyond about ±1.8e308)",
                            name=name)) from error
    except (TypeError, ValueError) as error:
        raise TypeError(tr("{wanted}, got {got}", wanted=wanted, got=describe(value))) from error


_REAL_KINDS = "iuf"
def _kind_names(name: str) -> dict[str, str]:
    """What an array of each dtype kind that is not a real number holds, in words, for ``name``."""
    text = tr("text; convert it first, for example with float(...)")
    return {
        "b": tr("True/False values (booleans); use 1.0 and 0.0, or .astype(float)"),
        "c": tr("complex numbers; give real numbers (for example {name}.real)", name=name),
        "U": text,
        "S": text,
        "M": tr("dates (datetime64)"),
        "m": tr("time spans (timedelta64)"),
    }


def require_finite(array: np.ndarray, name: str) -> np.ndarray:
    """Reject NaN and infinity, saying where the first one is."""
    bad = ~np.isfinite(array)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(tr("{name} contains {what} at index {where}; every value must be a finite number",
                            name=name, what="NaN" if np.isnan(array[where]) else tr("infinity"), where=where))
    return array


def require_pixels(array: np.ndarray, name: str) -> np.ndarray:
    """Pixels are grey values from 0.0 (black) to 1.0 (white), exactly.

    There is no tolerance: a value of 1.0000000000000002 is refused too, and
    the message prints it in full, so that it never reads "from 1 to 1". Such
    rounding noise is removed with ``np.clip(x, 0, 1)``, a choice left to the caller.
    """
    require_finite(array, name)
    if array.size:
        low, high = float(array.min()), float(array.max())
        if low < 0.0 or high > 1.0:
            if high > 1.5:
                hint = tr(" (divide 0-255 bytes by 255 first)")
            elif min(low, 0.0) > -1e-9 and max(high, 1.0) < 1 + 1e-9:
                hint = tr(" (rounding noise? np.clip({name}, 0, 1) removes it)", name=name)
            else:
                hint = ""
            raise ValueError(tr("{name} must hold grey values in [0, 1] (0 black, 1 white), "
                                "got values from {low} to {high}{hint}",
                                name=name, low=_exact(low), high=_exact(high), hint=hint))
    return array


def _exact(value: float) -> str:
    """A float with every digit it needs, without a trailing ".0": 255, -0.5, 1.0000000000000002."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


SIDE = 28
"""MNIST images are SIDE × SIDE = 28 × 28 pixels."""


def pixel_grid(value, name: str, *, pixels: bool = True) -> np.ndarray:
    """One number per pixel, given shaped (28, 28) or (784,): return it as a (28, 28) float array.

    With ``pixels=True`` (an image) the numbers must be grey values in [0, 1];
    with ``pixels=False`` (a weight pattern) any finite numbers will do.
    """
    array = as_float_array(value, name)
    array = require_pixels(array, name) if pixels else require_finite(array, name)
    if array.shape not in ((SIDE, SIDE), (SIDE * SIDE,)):
        if pixels:
            raise ValueError(tr("{name} must be one image shaped ({side}, {side}) or ({size},), got shape {shape}",
                                name=name, side=SIDE, size=SIDE * SIDE, shape=array.shape))
        raise ValueError(tr("{name} must hold {size} weights, one weight per pixel, shaped ({side}, {side}) or "
                            "({size},), got shape {shape}", name=name, side=SIDE, size=SIDE * SIDE, shape=array.shape))
    return array.reshape(SIDE, SIDE)


def image_batch(x, name: str = "x", n_inputs: int = 784) -> tuple[np.ndarray, bool]:
    """Return images as an (n, n_inputs) float array and whether x was one image.

    Accepts one image, shaped (28, 28) or (784,), or a batch, shaped
    (n, 28, 28) or (n, 784); for other input sizes, (n_inputs,) or (n, n_inputs).
    """
    array = require_pixels(as_float_array(x, name), name)
    side = int(round(n_inputs ** 0.5))
    square = side * side == n_inputs
    if array.shape == (n_inputs,):
        return array[np.newaxis, :], True
    if square and array.shape == (side, side):
        return array.reshape(1, n_inputs), True
    if array.ndim == 2 and array.shape[1] == n_inputs:
        batch = array
    elif square and array.ndim == 3 and array.shape[1:] == (side, side):
        batch = array.reshape(len(array), n_inputs)
    else:
        shapes = tr("({n},) or (n, {n})", n=n_inputs)
        if square:
            shapes = tr("({side}, {side}), ({n},), (n, {side}, {side}) or (n, {n})", side=side, n=n_inputs)
        raise ValueError(tr("{name} must be one image or a batch of images shaped {shapes}, got shape {shape}",
                            name=name, shapes=shapes, shape=array.shape))
    if len(batch) == 0:
        raise ValueError(tr("{name} is an empty batch; give at least one image", name=name))
    return batch, False


def number(value, name: str, *, minimum=None, integer: bool = False):
    """One real number (a whole number with ``integer=True``), finite, and at least ``minimum`` if given.

    Returns a float, or an int with ``integer=True``. Booleans, text and
    arrays are refused with TypeError; NaN, infinity, values too large for a
    float, and values below ``minimum`` with ValueError.
    """
    if integer:
        if isinstance(value, _LOOK_LIKE_NUMBERS) or not isinstance(value, numbers.Integral):
            raise TypeError(tr("{name} must be a whole number, got {got}", name=name, got=describe(value)))
        result = int(value)
    else:
        result = _real(value, name)
        if not math.isfinite(result):
            raise ValueError(tr("{name} must be a finite number, got {got}", name=name, got=describe(value)))
    if minimum is not None and result < minimum:
        raise ValueError(tr("{name} must be at least {minimum}, got {result}", name=name, minimum=minimum,
                            result=result))
    return result


def positive_int(value, name: str) -> int:
    """A whole number, 1 or more."""
    if isinstance(value, _LOOK_LIKE_NUMBERS) or not isinstance(value, numbers.Integral):
        raise TypeError(tr("{name} must be a whole number, got {got}", name=name, got=describe(value)))
    if value <= 0:
        raise ValueError(tr("{name} must be positive, got {value}", name=name, value=value))
    return int(value)


def positive_float(value, name: str) -> float:
    """A finite number above 0."""
    result = _real(value, name)
    if not math.isfinite(result) or result <= 0:
        raise ValueError(tr("{name} must be a positive finite number, got {got}", name=name, got=describe(value)))
    return result


_LOOK_LIKE_NUMBERS = (bool, np.bool_, np.timedelta64, np.datetime64)
"""Python and numpy count these as numbers (True is 1; a timedelta64 is an integer), but they are not."""


def _real(value, name: str) -> float:
    """A real number (an int, a float, a Fraction, a numpy scalar; not a bool) as a float; inf if too large."""
    if isinstance(value, _LOOK_LIKE_NUMBERS) or not isinstance(value, numbers.Real):
        raise TypeError(tr("{name} must be a number, got {got}", name=name, got=describe(value)))
    try:
        return float(value)
    except OverflowError:  # an int or a Fraction beyond the largest float
        return math.inf if value > 0 else -math.inf


def seed(value, name: str = "seed") -> int:
    """A seed for a random generator: a whole number, 0 or more.

    ``None`` is refused on purpose: it would give different numbers on every run.
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(tr("{name} must be a whole number, 0 or more (it makes the random numbers repeatable), "
                           "got {got}", name=name, got=describe(value)))
    if value < 0:
        raise ValueError(tr("{name} must be a whole number, 0 or more, got {value}", name=name, value=value))
    return int(value)


def choice(value, name: str, options) -> str:
    if not isinstance(value, str):
        raise TypeError(tr("{name} must be one of {options}, got {got}", name=name,
                           options=", ".join(map(repr, options)), got=describe(value)))
    if value not in options:
        raise ValueError(tr("unknown {name} {value!r}; expected one of {options}", name=name, value=value,
                            options=", ".join(map(repr, options))))
    return value


def digit_labels(labels, n: int | None = None, name: str = "labels", *, n_classes: int = 10) -> np.ndarray:
    """Labels, one per image, each a whole number 0 to ``n_classes - 1``: return them as an int array.

    The one check for labels (and for guesses and predictions) across nnbook.
    Whole numbers stored as floats, such as 3.0, are accepted; 2.5, NaN,
    True/False and text are not. ``n``, when given, is the number of images
    the labels belong to.
    """
    top = n_classes - 1
    wanted = tr("whole numbers 0-{top}", top=top)
    if isinstance(labels, (str, bytes, dict, set)) or labels is None:
        raise TypeError(tr("{name} must be a list or 1-D array of {wanted}, one per image, got {got}",
                           name=name, wanted=wanted, got=describe(labels)))
    if isinstance(labels, numbers.Number) or np.ndim(labels) == 0:
        raise TypeError(tr("{name} must be a list or 1-D array of {wanted}, one per image, "
                           "got the single number {labels!r}", name=name, wanted=wanted, labels=labels))
    array = np.asarray(labels)
    if array.ndim != 1:
        raise ValueError(tr("{name} must be a flat list or 1-D array, one label per image, got shape {shape}",
                            name=name, shape=array.shape))
    if array.dtype.kind not in _REAL_KINDS:  # not booleans, and not timedelta64, whose NaT compares False
        raise TypeError(tr("{name} must hold {wanted}, got {got}", name=name, wanted=wanted, got=describe(array)))
    if n is not None and len(array) != n:
        raise ValueError(tr("{name} must have one label per image: {images} but {labels}", name=name,
                            images=_images(n), labels=_labels(len(array))))
    if np.issubdtype(array.dtype, np.floating):
        whole = np.isfinite(array) & (array == np.round(array))
        if not whole.all():
            index = int(np.argmin(whole))
            raise ValueError(tr("{name} must hold {wanted}; {name}[{index}] is {value}", name=name, wanted=wanted,
                                index=index, value=array[index]))
    outside = (array < 0) | (array > top)
    if outside.any():
        index = int(np.argmax(outside))
        raise ValueError(tr("{name} must hold the digits 0-{top}; {name}[{index}] is {value:g}", name=name, top=top,
                            index=index, value=array[index]))
    return array.astype(np.int64)


def require_every_digit(labels: np.ndarray, name: str = "labels", *, n_classes: int = 10) -> np.ndarray:
    """Refuse checked labels in which some digit never appears: its average or share would be undefined."""
    missing = np.setdiff1d(np.arange(n_classes), labels)
    if missing.size:
        raise ValueError(tr("{name} must include every digit 0-{top} at least once; missing {missing}",
                            name=name, top=n_classes - 1, missing=missing.tolist()))
    return labels


def _images(n: int) -> str:
    return tr("{n} image", n=n) if n == 1 else tr("{n} images", n=n)


def _labels(n: int) -> str:
    return tr("{n} label", n=n) if n == 1 else tr("{n} labels", n=n)
