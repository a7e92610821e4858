"""nnbook: the companion package of a course on how a neural network reads handwritten digits.

It follows 3Blue1Brown's "But what is a neural network?": a 784-16-16-10
network of sigmoid neurons, with weights, biases and a(1) = σ(W a(0) + b).

    >>> import nnbook
    >>> nnbook.Network().n_parameters
    13002
"""

from .activations import relu, relu_slope, sigmoid, sigmoid_slope
from .data import load_digits
from .mnist import load_mnist
from .pretrained import pretrained
from .training import train
from .figures import set_style, show_digit, show_digits, show_network, show_prediction, show_weights
from .network import Network
from .neuron import weighted_sum
from . import check  # noqa: E402  (after the names the exercises use)

__version__ = "1.0.0"

__all__ = [
    "Network",
    "check",
    "load_digits",
    "load_mnist",
    "pretrained",
    "train",
    "relu",
    "relu_slope",
    "set_style",
    "show_digit",
    "show_digits",
    "show_network",
    "show_prediction",
    "show_weights",
    "sigmoid",
    "sigmoid_slope",
    "weighted_sum",
]
