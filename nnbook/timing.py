"""Three ways to run a network on many images, from slowest to fastest.

Notebook 07 times them; its own ``network_function`` is the twin of :func:`forward_matrix`'s
loop over layers, and tests/test_nb07_matrices.py checks both against ``Network.forward``.

They all compute the same numbers, a(l) = σ(W(l) a(l-1) + b(l)) layer by
layer; only the bookkeeping differs:

- :func:`forward_per_neuron`: a Python loop over every image and every
  neuron, each computing its own weighted sum, as in the weighted-sums
  notebook. 42 small calculations per image for the 784-16-16-10 network.
- :func:`forward_per_sample`: a loop over the images; for each, one matrix
  product W @ a per layer computes the whole layer at once.
- :func:`forward_matrix`: no loop over images. Stack the images as the rows
  of one matrix A; then A @ W.T computes every neuron for every image in one
  product per layer.

The arithmetic is the same; the difference is how much of it Python does one
number at a time, and how much numpy does in one go in fast compiled code.
:func:`time_forward_passes` measures it.
"""

from __future__ import annotations

import timeit

import numpy as np

from ._validate import describe, image_batch, positive_int
from .network import Network


def forward_per_neuron(network: Network, images) -> np.ndarray:
    """The outputs, neuron by neuron: for each image, each layer, each neuron, σ(w · a + b)."""
    batch, single = _inputs(network, images)
    functions = network.layer_functions
    outputs = []
    for image in batch:
        a = image
        for W, b, f in zip(network.weights, network.biases, functions):
            layer = np.empty(len(b))
            for j in range(len(b)):
                weighted_sum = np.dot(W[j], a) + b[j]  # neuron j: its row of weights, its bias
                layer[j] = f(weighted_sum)
            a = layer
        outputs.append(a)
    return _result(np.array(outputs), single)


def forward_per_sample(network: Network, images) -> np.ndarray:
    """The outputs, image by image: for each image, a = σ(W @ a + b), one product per layer."""
    batch, single = _inputs(network, images)
    functions = network.layer_functions
    outputs = []
    for image in batch:
        a = image
        for W, b, f in zip(network.weights, network.biases, functions):
            a = f(W @ a + b)
        outputs.append(a)
    return _result(np.array(outputs), single)


def forward_matrix(network: Network, images) -> np.ndarray:
    """The outputs for all images at once: A = σ(A @ W.T + b), one product per layer.

    Row i of A is image i's activations, so row i of A @ W.T holds image i's
    weighted sums, the same numbers W @ a gives for that image alone.
    """
    batch, single = _inputs(network, images)
    A = batch
    for W, b, f in zip(network.weights, network.biases, network.layer_functions):
        A = f(A @ W.T + b)
    return _result(A, single)


WAYS = {"per neuron": forward_per_neuron, "per sample": forward_per_sample, "matrix": forward_matrix}
"""The three forward passes by name, slowest first."""


def time_forward_passes(network: Network, images, repeats: int = 3) -> dict[str, float]:
    """Seconds each way takes to run ``network`` on ``images``: the fastest of ``repeats`` runs.

    Returns ``{"per neuron": ..., "per sample": ..., "matrix": ...}``. The
    fastest run is the fairest measure: slower runs were slowed by something
    else the computer was doing at the time. Timings vary from computer to
    computer and run to run; the ratios between the three are what to look at.
    Python's own :mod:`timeit` does the timing, as it would for you by hand.
    """
    _inputs(network, images)
    repeats = positive_int(repeats, "repeats")
    return {name: min(timeit.repeat(lambda way=way: way(network, images), number=1, repeat=repeats))
            for name, way in WAYS.items()}


def _inputs(network, images):
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
    network._check_parameters()
    return image_batch(images, "images", network.sizes[0])


def _result(outputs, single):
    return outputs[0] if single else outputs
