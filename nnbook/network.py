"""The network: layers of neurons, each layer computed from the one before.

Every layer after the input does the same thing. With a(0) the input pixels,

    a(1) = σ(W(1) a(0) + b(1))
    a(2) = σ(W(2) a(1) + b(2))
    a(3) = σ(W(3) a(2) + b(3))

where W(l) holds one row of weights per neuron and b(l) one bias per neuron.
The video's network has sizes 784-16-16-10: 784 input pixels, two hidden
layers of 16 neurons and 10 output neurons, one per digit.
"""

from __future__ import annotations

import os
import pathlib

import numpy as np

from ._validate import as_float_array, choice, describe, digit_labels, image_batch, require_finite
from .activations import ACTIVATIONS, sigmoid

FORMAT_VERSION = 1


class Network:
    """A fully connected network in the video's terms.

    ``sizes`` lists the number of neurons in each layer, input first.
    ``activation`` is used in the hidden layers: ``"sigmoid"`` as in the video,
    or ``"relu"``. The output layer always uses the sigmoid, so that every
    output is a value between 0 and 1 that says how much the network
    believes in that digit.

    The weights start as small random numbers, drawn with ``seed``, and the
    biases start at zero: an untrained network. Training changes them.

    >>> net = Network()
    >>> net
    Network(784-16-16-10, activation='sigmoid', 13,002 parameters)
    >>> [W.shape for W in net.weights]
    [(16, 784), (16, 16), (10, 16)]
    """

    def __init__(self, sizes=(784, 16, 16, 10), activation="sigmoid", seed=0):
        self.sizes = _check_sizes(sizes)
        self.activation = choice(activation, "activation", tuple(ACTIVATIONS))
        rng = np.random.default_rng(seed)
        # Scale by 1/sqrt(inputs) (2/inputs for ReLU) so a neuron's weighted
        # sum starts near 1 in size, however many inputs it has.
        gain = 2.0 if self.activation == "relu" else 1.0
        self.weights = [
            rng.normal(0.0, np.sqrt(gain / n_in), size=(n_out, n_in))
            for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:])
        ]
        self.biases = [np.zeros(n_out) for n_out in self.sizes[1:]]

    @property
    def n_parameters(self) -> int:
        """How many numbers the network has to learn: every weight and every bias."""
        return sum(W.size for W in self.weights) + sum(b.size for b in self.biases)

    @property
    def layer_functions(self):
        """The activation function of each layer after the input."""
        hidden, _ = ACTIVATIONS[self.activation]
        return [hidden] * (len(self.sizes) - 2) + [sigmoid]

    def activations(self, x):
        """Every layer's activations, the input layer first.

        For one image, a list of 1-D arrays with the layer sizes as lengths;
        for a batch of n images, a list of (n, size) arrays.
        """
        self._check_parameters()
        batch, single = image_batch(x, "x", self.sizes[0])
        layers = [batch]
        for W, b, f in zip(self.weights, self.biases, self.layer_functions):
            # For one image this is a = f(W a + b). A batch holds one image per
            # row, so the same product reads a @ W.T.
            layers.append(f(layers[-1] @ W.T + b))
        return [a[0] for a in layers] if single else layers

    def forward(self, x):
        """The output activations: 10 numbers for one image, (n, 10) for n images."""
        return self.activations(x)[-1]

    def __call__(self, x):
        return self.forward(x)

    def predict(self, x):
        """The digit with the highest output: an int for one image, an array for a batch."""
        outputs = self.forward(x)
        winners = np.argmax(outputs, axis=-1)
        return int(winners) if outputs.ndim == 1 else winners

    def accuracy(self, images, labels) -> float:
        """The fraction of images whose predicted digit equals the label."""
        predictions = np.atleast_1d(self.predict(images))
        labels = digit_labels(np.atleast_1d(labels), len(predictions), n_classes=self.sizes[-1])
        return float(np.mean(predictions == labels))

    def copy(self) -> "Network":
        """An independent copy: changing it leaves this network alone."""
        twin = object.__new__(Network)
        twin.sizes, twin.activation = self.sizes, self.activation
        twin.weights = [W.copy() for W in self.weights]
        twin.biases = [b.copy() for b in self.biases]
        return twin

    def save(self, path) -> pathlib.Path:
        """Write the network to a ``.npz`` file (no pickle) and return its path."""
        self._check_parameters()
        path = pathlib.Path(path)
        if path.suffix != ".npz":
            raise ValueError(f"path must end in .npz, got {str(path)!r}")
        arrays = {"format_version": np.array(FORMAT_VERSION), "sizes": np.array(self.sizes),
                  "activation": np.array(self.activation)}
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            arrays[f"W{i}"], arrays[f"b{i}"] = W, b
        # Write to a temporary name first, so a failed save never leaves half a file.
        partial = path.with_name(path.name + ".partial")
        with open(partial, "wb") as file:
            np.savez_compressed(file, **arrays)
        os.replace(partial, path)
        return path

    @classmethod
    def load(cls, path) -> "Network":
        """Read a network written by :meth:`save`."""
        path = pathlib.Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"no network file at {path}")
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {key: data[key] for key in data.files}
        except (ValueError, OSError) as error:
            raise ValueError(f"{path} is not a network saved by Network.save ({error})") from error
        try:
            version = int(arrays["format_version"])
            sizes = tuple(int(n) for n in arrays["sizes"])
            activation = str(arrays["activation"])
        except KeyError as error:
            raise ValueError(f"{path} is not a network saved by Network.save: it has no {error}") from error
        if version != FORMAT_VERSION:
            raise ValueError(f"{path} has format version {version}; this nnbook reads version {FORMAT_VERSION}")
        network = cls(sizes, activation)
        for i in range(len(sizes) - 1):
            network.weights[i] = arrays[f"W{i}"].astype(np.float64)
            network.biases[i] = arrays[f"b{i}"].astype(np.float64)
        network._check_parameters()
        return network

    def _check_parameters(self):
        """Catch weights or biases that a learner (or training) left in a broken state."""
        if len(self.weights) != len(self.sizes) - 1 or len(self.biases) != len(self.sizes) - 1:
            raise ValueError(f"a {self.sizes} network needs {len(self.sizes) - 1} weight matrices and bias vectors")
        for layer, (W, b, n_in, n_out) in enumerate(
            zip(self.weights, self.biases, self.sizes[:-1], self.sizes[1:]), start=1
        ):
            for name, value, shape in ((f"weights[{layer - 1}]", W, (n_out, n_in)), (f"biases[{layer - 1}]", b, (n_out,))):
                array = as_float_array(value, name)
                if array.shape != shape:
                    raise ValueError(f"{name} (layer {layer}) must have shape {shape}, got {array.shape}")
                require_finite(array, name)

    def __repr__(self) -> str:
        shape = "-".join(str(n) for n in self.sizes)
        return f"Network({shape}, activation={self.activation!r}, {self.n_parameters:,} parameters)"


def _check_sizes(sizes) -> tuple[int, ...]:
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise TypeError(f"sizes must be a list of layer sizes such as (784, 16, 16, 10), got {describe(sizes)}")
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least two layers (an input and an output layer), got {list(sizes)}"
        )
    checked = []
    for i, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise TypeError(f"sizes[{i}] must be a whole number of neurons, got {describe(n)}")
        if n < 1:
            raise ValueError(f"sizes[{i}] must be at least 1 neuron, got {n}")
        checked.append(int(n))
    return tuple(checked)
