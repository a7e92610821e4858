"""Input checks shared by every public entry point.

Each check names the argument, says what it got and what it expects, so that
a learner who passes the wrong thing learns what the right thing is.
"""

from __future__ import annotations

import numbers

import numpy as np


def describe(value) -> str:
    """A short description of a value for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    return f"{type(value).__name__} {value!r}"[:80]


def as_float_array(value, name: str) -> np.ndarray:
    """Turn numbers, lists or arrays into a float array, or raise TypeError."""
    if isinstance(value, (str, bytes, dict, set)) or value is None:
        raise TypeError(f"{name} must be a number or an array of numbers, got {describe(value)}")
    if isinstance(value, np.ndarray) and value.dtype == bool:
        raise TypeError(f"{name} must hold numbers, got an array of booleans")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a number or an array of numbers, got {describe(value)}") from error
    return array


def require_finite(array: np.ndarray, name: str) -> np.ndarray:
    """Reject NaN and infinity, saying where the first one is."""
    bad = ~np.isfinite(array)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"{name} contains {'NaN' if np.isnan(array[where]) else 'infinity'} at index {where}; "
            "every value must be a finite number"
        )
    return array


def require_pixels(array: np.ndarray, name: str) -> np.ndarray:
    """Pixels are grey values from 0.0 (black) to 1.0 (white)."""
    require_finite(array, name)
    if array.size and (array.min() < 0.0 or array.max() > 1.0):
        hint = " (divide 0-255 bytes by 255 first)" if array.max() > 1.0 else ""
        raise ValueError(
            f"{name} must hold grey values in [0, 1] (0 black, 1 white), "
            f"got values from {array.min():g} to {array.max():g}{hint}"
        )
    return array


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
        shapes = f"({n_inputs},) or (n, {n_inputs})"
        if square:
            shapes = f"({side}, {side}), ({n_inputs},), (n, {side}, {side}) or (n, {n_inputs})"
        raise ValueError(f"{name} must be one image or a batch of images shaped {shapes}, got shape {array.shape}")
    if len(batch) == 0:
        raise ValueError(f"{name} is an empty batch; give at least one image")
    return batch, False


def positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {describe(value)}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return int(value)


def positive_float(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {describe(value)}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value}")
    return float(value)


def seed(value, name: str = "seed") -> int:
    """A seed for a random generator: a whole number, 0 or more.

    ``None`` is refused on purpose: it would give different numbers on every run.
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, 0 or more (it makes the random numbers repeatable), "
                        f"got {describe(value)}")
    if value < 0:
        raise ValueError(f"{name} must be a whole number, 0 or more, got {value}")
    return int(value)


def choice(value, name: str, options) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {', '.join(map(repr, options))}, got {describe(value)}")
    if value not in options:
        raise ValueError(f"unknown {name} {value!r}; expected one of {', '.join(map(repr, options))}")
    return value


def digit_labels(labels, n: int | None = None, name: str = "labels", *, n_classes: int = 10) -> np.ndarray:
    """Labels, one per image, each a whole number 0 to ``n_classes - 1``: return them as an int array.

    The one check for labels (and for guesses and predictions) across nnbook.
    Whole numbers stored as floats, such as 3.0, are accepted; 2.5, NaN,
    True/False and text are not. ``n``, when given, is the number of images
    the labels belong to.
    """
    top = n_classes - 1
    wanted = f"whole numbers 0-{top}"
    if isinstance(labels, (str, bytes, dict, set)) or labels is None:
        raise TypeError(f"{name} must be a list or 1-D array of {wanted}, one per image, got {describe(labels)}")
    if isinstance(labels, numbers.Number) or np.ndim(labels) == 0:
        raise TypeError(f"{name} must be a list or 1-D array of {wanted}, one per image, "
                        f"got the single number {labels!r}")
    array = np.asarray(labels)
    if array.ndim != 1:
        raise ValueError(f"{name} must be a flat list or 1-D array, one label per image, got shape {array.shape}")
    if array.dtype == bool or not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)):
        raise TypeError(f"{name} must hold {wanted}, got {describe(array)}")
    if n is not None and len(array) != n:
        raise ValueError(f"{name} must have one label per image: {_count(n, 'image')} but {_count(len(array), 'label')}")
    if np.issubdtype(array.dtype, np.floating):
        whole = np.isfinite(array) & (array == np.round(array))
        if not whole.all():
            index = int(np.argmin(whole))
            raise ValueError(f"{name} must hold {wanted}; {name}[{index}] is {array[index]}")
    outside = (array < 0) | (array > top)
    if outside.any():
        index = int(np.argmax(outside))
        raise ValueError(f"{name} must hold the digits 0-{top}; {name}[{index}] is {array[index]:g}")
    return array.astype(np.int64)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
