"""nnbook: the companion package of a course on how a neural network reads handwritten digits.

It follows 3Blue1Brown's "But what is a neural network?": a 784-16-16-10
network of sigmoid neurons, with weights, biases and a(1) = σ(W a(0) + b).

    >>> import nnbook
    >>> nnbook.Network().n_parameters
    13002
"""

from . import by_hand, check, detectors, evaluation, parts, rules, timing, weight_patterns
from .activations import relu, relu_slope, sigmoid, sigmoid_slope
from .data import load_digits
from .depth import compare_sigmoid_relu
from .figures import set_style, show_digit, show_digits, show_network, show_prediction, show_weights
from .language import language, set_language
from .mnist import load_mnist
from .network import Network
from .neuron import weighted_sum
from .pretrained import pretrained
from .progress import export_progress, progress
from .training import History, TrainingDiverged, average_cost, backprop, gradient_sizes, train

__version__ = "1.1.0.dev0"

__all__ = [
    "History",
    "Network",
    "TrainingDiverged",
    "average_cost",
    "backprop",
    "by_hand",
    "check",
    "compare_sigmoid_relu",
    "detectors",
    "evaluation",
    "export_progress",
    "gradient_sizes",
    "language",
    "load_digits",
    "load_mnist",
    "parts",
    "pretrained",
    "progress",
    "relu",
    "relu_slope",
    "rules",
    "set_language",
    "set_style",
    "show_digit",
    "show_digits",
    "show_network",
    "show_prediction",
    "show_weights",
    "sigmoid",
    "sigmoid_slope",
    "timing",
    "train",
    "weight_patterns",
    "weighted_sum",
]
