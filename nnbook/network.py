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

import pathlib
from collections.abc import Mapping, Sequence, Set
from copy import deepcopy

import numpy as np

from ._validate import as_float_array, choice, describe, digit_labels, image_batch, require_finite
from ._validate import seed as check_seed
from .activations import ACTIVATIONS, sigmoid
from .data import npz_arrays, npz_path, write_npz
from .language import tr

FORMAT_VERSION = 1


class Network:
    """A fully connected network in the video's terms.

    ``sizes`` lists the number of neurons in each layer, input first.
    ``activation`` is used in the hidden layers: ``"sigmoid"`` as in the video,
    or ``"relu"``. The output layer always uses the sigmoid, so that every
    output is a value between 0 and 1 that says how much the network
    believes in that digit. Every network reads images: whatever its sizes,
    its inputs are grey values from 0.0 (black) to 1.0 (white).

    The weights start as small random numbers, drawn with ``seed`` (a whole
    number, 0 or more, so that the same seed always gives the same network),
    and the biases start at zero: an untrained network. Training changes them.

    >>> net = Network()
    >>> net
    Network(784-16-16-10, activation='sigmoid', 13,002 parameters)
    >>> [W.shape for W in net.weights]
    [(16, 784), (16, 16), (10, 16)]
    """

    def __init__(self, sizes=(784, 16, 16, 10), activation="sigmoid", seed=0):
        self.sizes = _check_sizes(sizes)
        self.activation = activation
        rng = np.random.default_rng(check_seed(seed))
        # Scale by 1/sqrt(inputs) (2/inputs for ReLU) so a neuron's weighted
        # sum starts near 1 in size, however many inputs it has.
        gain = 2.0 if self.activation == "relu" else 1.0
        self.weights = [
            rng.normal(0.0, np.sqrt(gain / n_in), size=(n_out, n_in))
            for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:])
        ]
        self.biases = [np.zeros(n_out) for n_out in self.sizes[1:]]

    @property
    def activation(self) -> str:
        """The hidden layers' activation function: ``"sigmoid"`` or ``"relu"``."""
        return self._activation

    @activation.setter
    def activation(self, name):
        self._activation = choice(name, "activation", tuple(ACTIVATIONS))

    @property
    def n_parameters(self) -> int:
        """How many numbers the network has to learn: every weight and every bias."""
        return sum(np.size(W) for W in self.weights) + sum(np.size(b) for b in self.biases)

    @property
    def layer_functions(self):
        """The activation function of each layer after the input."""
        hidden, _ = ACTIVATIONS[self.activation]
        return [hidden] * (len(self.sizes) - 2) + [sigmoid]

    def activations(self, x):
        """Every layer's activations, the input layer first.

        For one image, a list of 1-D arrays with the layer sizes as lengths;
        for a batch of n images, a list of (n, size) arrays. The input layer
        is a copy of ``x``: changing it leaves your images alone.
        """
        batch, single = self._images(x, "x")
        layers = self._layers(batch)
        layers[0] = layers[0].copy()
        return [a[0] for a in layers] if single else layers

    def forward(self, x):
        """The output activations: 10 numbers for one image, (n, 10) for n images."""
        batch, single = self._images(x, "x")
        outputs = self._layers(batch)[-1]
        return outputs[0] if single else outputs

    def __call__(self, x):
        return self.forward(x)

    def predict(self, x):
        """The digit with the highest output: an int for one image, an array for a batch."""
        outputs = self.forward(x)
        winners = np.argmax(outputs, axis=-1)
        return int(winners) if outputs.ndim == 1 else winners

    def accuracy(self, images, labels) -> float:
        """The fraction of images whose predicted digit equals the label."""
        batch, _ = self._images(images, "images")
        predictions = np.argmax(self._layers(batch)[-1], axis=1)
        labels = digit_labels(np.atleast_1d(labels), len(predictions), n_classes=self.sizes[-1])
        return float(np.mean(predictions == labels))

    def copy(self) -> Network:
        """An independent copy: changing it leaves this network alone."""
        return deepcopy(self)

    def save(self, path) -> pathlib.Path:
        """Write the network to a ``.npz`` file (no pickle) and return its path.

        The same network always gives the same bytes, and a save that fails
        half way leaves no half-written file behind.
        """
        self._check_parameters()
        arrays = {"format_version": np.array(FORMAT_VERSION), "sizes": np.array(self.sizes),
                  "activation": np.array(self.activation)}
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            arrays[f"W{i}"], arrays[f"b{i}"] = W, b
        return write_npz(path, arrays)

    @classmethod
    def load(cls, path) -> Network:
        """Read a network written by :meth:`save`.

        Every array in the file is checked before the network is built, so a
        damaged or foreign file gives one ``ValueError`` that names it and
        says what is wrong.
        """
        path = npz_path(path)
        if path.is_dir():
            raise ValueError(tr("{path} is not a network saved by Network.save: it is a folder", path=path))
        if not path.is_file():
            raise FileNotFoundError(tr("no network file at {path}", path=path))
        try:
            content = path.read_bytes()
        except OSError as error:
            raise OSError(tr("cannot read {path} ({reason})", path=path, reason=error.strerror or error)) from error
        try:
            sizes, activation, weights, biases = _parameters_in(npz_arrays(content))
        except ValueError as error:
            raise ValueError(tr("{path} is not a network saved by Network.save: {problem}", path=path,
                                problem=error)) from error
        # Built from the checked arrays, without drawing random weights first.
        network = cls.__new__(cls)
        network.sizes, network.activation = sizes, activation
        network.weights, network.biases = weights, biases
        return network

    def _images(self, x, name):
        self._check_parameters()
        return image_batch(x, name, self.sizes[0])

    def _layers(self, batch):
        """Every layer's activations for a batch of images, the batch itself first."""
        layers = [batch]
        # Weights too large for 64-bit numbers overflow; that is reported below, in words.
        with np.errstate(over="ignore", invalid="ignore"):
            for W, b, f in zip(self.weights, self.biases, self.layer_functions):
                # For one image this is a = f(W a + b). A batch holds one image per
                # row, so the same product reads a @ W.T.
                layers.append(f(layers[-1] @ W.T + b))
        for layer, a in enumerate(layers[1:], start=1):
            if not np.isfinite(a).all():
                largest = max(float(np.abs(p).max()) for p in self.weights + self.biases)
                raise ValueError(tr(
                    "layer {layer}'s activations are not all finite numbers (NaN or infinity): the weights or "
                    "biases are too large (the largest is {largest:.3g}); 64-bit numbers overflow above about 1e308",
                    layer=layer, largest=largest))
        return layers

    def _check_parameters(self):
        """Catch weights or biases that a learner (or training) left in a broken state.

        Lists of numbers are accepted and stored as 64-bit arrays, so that
        everything after this check (the forward pass, training) sees arrays.
        """
        self.sizes = _check_sizes(self.sizes)
        n_layers = len(self.sizes) - 1
        for name in ("weights", "biases"):
            value = getattr(self, name)
            if not isinstance(value, (list, tuple)):
                raise TypeError(tr("{name} must be a list of arrays, one per layer, got {got}", name=name,
                                   got=describe(value)))
            if len(value) != n_layers:
                raise ValueError(tr("a {sizes} network needs {n} weight matrices and {n} bias vectors; {name} holds "
                                    "{held}", sizes="-".join(map(str, self.sizes)), n=n_layers, name=name,
                                    held=len(value)))
        shapes = list(zip(self.sizes[1:], self.sizes[:-1]))
        self.weights = _checked_arrays(self.weights, "weights", shapes)
        self.biases = _checked_arrays(self.biases, "biases", [(n_out,) for n_out, _ in shapes])

    def __repr__(self) -> str:
        shape = "-".join(str(n) for n in self.sizes)
        return f"Network({shape}, activation={self.activation!r}, {self.n_parameters:,} parameters)"


def _checked_arrays(values, name: str, shapes) -> list[np.ndarray]:
    """``values`` as 64-bit arrays of the given shapes; a list stays the same list object."""
    arrays = []
    for layer, (value, shape) in enumerate(zip(values, shapes), start=1):
        label = f"{name}[{layer - 1}]"
        array = as_float_array(value, label)
        if array.shape != shape:
            raise ValueError(tr("{label} (layer {layer}) must have shape {shape}, got {got}", label=label, layer=layer,
                                shape=shape, got=array.shape))
        arrays.append(require_finite(array, label))
    if isinstance(values, list):
        values[:] = arrays  # whoever holds this list sees the arrays too
        return values
    return arrays


def _check_sizes(sizes) -> tuple[int, ...]:
    if isinstance(sizes, (Set, Mapping)):
        raise TypeError(tr("sizes must list the layer sizes in order, input first, such as (784, 16, 16, 10); "
                           "got a {kind}, which has no order", kind=type(sizes).__name__))
    if isinstance(sizes, np.ndarray) and sizes.ndim != 1:
        raise TypeError(tr("sizes must be a flat list of layer sizes such as (784, 16, 16, 10), got {got}",
                           got=describe(sizes)))
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, (Sequence, np.ndarray)):
        raise TypeError(tr("sizes must be a list of layer sizes such as (784, 16, 16, 10), got {got}",
                           got=describe(sizes)))
    if len(sizes) < 2:
        raise ValueError(tr("sizes must list at least two layers (an input and an output layer), got {got}",
                            got=list(sizes)))
    checked = []
    for i, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise TypeError(tr("sizes[{i}] must be a whole number of neurons, got {got}", i=i, got=describe(n)))
        if n < 1:
            raise ValueError(tr("sizes[{i}] must be at least 1 neuron, got {n}", i=i, n=n))
        checked.append(int(n))
    return tuple(checked)


def _parameters_in(arrays: dict[str, np.ndarray]):
    """The sizes, activation, weights and biases stored in a saved network's arrays.

    Each problem raises a ``ValueError`` whose message completes the sentence
    "the file is not a network saved by Network.save: ...". The arrays'
    shapes are checked against the sizes before anything is built, so a file
    cannot make nnbook allocate more than it holds.
    """
    for key in ("format_version", "sizes", "activation"):
        if key not in arrays:
            raise ValueError(tr("it has no {key!r}", key=key))
    version = arrays["format_version"]
    if version.shape != () or version.dtype.kind not in "iu":
        raise ValueError(tr("its format_version must be one whole number, got {got}", got=describe(version)))
    if int(version) != FORMAT_VERSION:
        raise ValueError(tr("it has format version {version}, and this nnbook reads version {readable} "
                            "(a newer nnbook may have written it)", version=int(version), readable=FORMAT_VERSION))
    sizes = arrays["sizes"]
    if sizes.ndim != 1 or sizes.dtype.kind not in "iu":
        raise ValueError(tr("its sizes must be a list of whole numbers, got {got}", got=describe(sizes)))
    try:
        sizes = _check_sizes(sizes.tolist())
    except (TypeError, ValueError) as error:
        raise ValueError(tr("its sizes are not layer sizes ({problem})", problem=error)) from error
    activation = arrays["activation"]
    if activation.shape != () or activation.dtype.kind != "U" or str(activation) not in ACTIVATIONS:
        value = activation.tolist() if activation.shape == () else activation
        raise ValueError(tr("its activation must be one of {options}, got {got}",
                            options=", ".join(map(repr, ACTIVATIONS)), got=describe(value)))
    n_layers, network = len(sizes) - 1, tr("a {sizes} network", sizes="-".join(map(str, sizes)))
    wanted = {f"{kind}{i}": shape for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]))
              for kind, shape in (("W", (n_out, n_in)), ("b", (n_out,)))}
    extra = sorted(set(arrays) - set(wanted) - {"format_version", "sizes", "activation"})
    if extra:
        raise ValueError(tr("it holds arrays {network} does not have: {extra}", network=network,
                            extra=", ".join(extra)))
    checked = {}
    for key, shape in wanted.items():
        if key not in arrays:
            raise ValueError(tr("it has no {key!r}, which {network} needs", key=key, network=network))
        array = arrays[key]
        if array.dtype.kind not in "iuf":
            raise ValueError(tr("its {key} must hold real numbers, got {got}", key=key, got=describe(array)))
        if array.shape != shape:
            raise ValueError(tr("its {key} has shape {got}, but {network} needs {shape}", key=key, got=array.shape,
                                network=network, shape=shape))
        checked[key] = require_finite(array.astype(np.float64), key)
    weights = [checked[f"W{i}"] for i in range(n_layers)]
    biases = [checked[f"b{i}"] for i in range(n_layers)]
    return sizes, str(activation), weights, biases
