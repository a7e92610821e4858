"""One neuron's weighted sum: the first thing a neuron computes.

A neuron in the first hidden layer has one weight for each of the 784 input
pixels. It multiplies every pixel's activation by that pixel's weight, adds the
784 products, and adds its bias:

    w1·a1 + w2·a2 + ... + w784·a784 + b
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, describe, require_finite


def weighted_sum(weights, activations, bias=0.0):
    """Return w1·a1 + w2·a2 + ... + wn·an + bias.

    ``weights`` and ``activations`` have the same shape, for example two
    (28, 28) arrays, or two lists of 784 numbers. The result is one number.

    ``activations`` may also be a batch, shaped (n,) + weights.shape, such as
    (n, 28, 28) images; the result is then one weighted sum per image, shape (n,).
    """
    w = require_finite(as_float_array(weights, "weights"), "weights")
    a = require_finite(as_float_array(activations, "activations"), "activations")
    b = require_finite(as_float_array(bias, "bias"), "bias")
    if b.ndim != 0:
        raise ValueError(f"bias must be a single number, got {describe(bias)}")
    if w.ndim == 0:
        raise ValueError("weights must be a list or array of numbers, one per input, got a single number")
    if a.shape == w.shape:
        flat = a.reshape(1, -1)
    elif a.ndim == w.ndim + 1 and a.shape[1:] == w.shape:
        if len(a) == 0:
            raise ValueError(f"activations is an empty batch, shaped {a.shape}; give at least one")
        flat = a.reshape(len(a), w.size)
    else:
        raise ValueError(
            f"activations must have the same shape as weights {w.shape} (or be a batch shaped "
            f"(n, {', '.join(map(str, w.shape))})), got shape {a.shape}"
        )
    # Tiny products round to 0 (underflow), the right answer, even under a learner's np.seterr(all="raise").
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        sums = flat @ w.ravel() + float(b)
    if not np.all(np.isfinite(sums)):
        raise ValueError("the weighted sum is too large for a float (beyond about ±1.8e308): "
                         "weights, activations or bias are too large")
    return float(sums[0]) if a.shape == w.shape else sums
