"""Activation functions: how a neuron turns its weighted sum into an activation.

The video's network uses the sigmoid, σ(z) = 1 / (1 + e^-z), which squishes
any number into the range (0, 1). Modern networks mostly use the ReLU,
max(0, z), which is easier to train.

Both take a number or an array and work element by element.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array


def sigmoid(z):
    """σ(z) = 1 / (1 + e^-z): large negative z gives ~0, large positive z gives ~1.

    Written so that it never overflows: for negative z it uses the equal form
    e^z / (1 + e^z), in which the exponential stays below 1.
    """
    z = as_float_array(z, "z")
    # Below z ≈ -745, e^z underflows to 0, the right limit; say so even under np.seterr(all="raise").
    with np.errstate(under="ignore"):
        exp_neg_abs = np.exp(-np.abs(z))
        result = np.where(z >= 0, 1.0 / (1.0 + exp_neg_abs), exp_neg_abs / (1.0 + exp_neg_abs))
    return result[()]  # a plain float for a scalar, an array otherwise


def sigmoid_slope(z):
    """The slope of the sigmoid, σ'(z) = σ(z)(1 - σ(z)); never more than 0.25."""
    s = sigmoid(z)
    return s * (1.0 - s)


def relu(z):
    """ReLU(z) = max(0, z): zero below the threshold 0, the identity above it."""
    z = as_float_array(z, "z")
    return np.maximum(0.0, z)[()]


def relu_slope(z):
    """The slope of the ReLU: 0 for z < 0 and 1 for z > 0 (taken as 0 at z = 0)."""
    z = as_float_array(z, "z")
    return (z > 0).astype(np.float64)[()]


ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_slope), "relu": (relu, relu_slope)}
"""Each activation's function and its slope, by name."""
