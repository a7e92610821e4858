"""Training: how a network finds its 13,002 weights and biases by itself.

An untrained network guesses at random. To improve it we need a number that
says how bad it is, the *cost*: for one image, add up the squares of the
differences between the 10 outputs and the outputs we wanted (1.0 for the
right digit, 0.0 for the other nine), then average that over many images.
A good network has a small cost.

Training lowers the cost a little at a time:

1. Take a small random handful of images, a *mini-batch*.
2. Work out, for every weight and bias, which way and how strongly nudging it
   would raise the cost on that mini-batch: the *gradient*. *Backpropagation*
   computes all 13,002 of these slopes at once, starting at the output layer
   and working backwards, layer by layer.
3. Nudge every weight and bias a small step the other way, downhill. The
   *learning rate* sets how big the step is.

Going once through all the training images in mini-batches is one *epoch*.
This is mini-batch stochastic gradient descent. Here the whole mini-batch is
one matrix with an image per row, so each layer costs one matrix product
instead of a Python loop over images.

    >>> import nnbook
    >>> images, labels = nnbook.load_digits("train")
    >>> net = nnbook.Network(seed=0)
    >>> history = train(net, images, labels, epochs=3, batch_size=10,
    ...                 learning_rate=1.0, seed=0, progress=False)
    >>> history.train_accuracy[-1] > 0.8
    True
"""

from __future__ import annotations

import contextlib
import math
import sys
import time

import numpy as np

from ._validate import choice, describe, digit_labels, image_batch, positive_float, positive_int
from ._validate import seed as check_seed
from .network import Network

COSTS = ("quadratic", "cross-entropy")
"""The costs :func:`train` can lower: the video's sum of squared differences, or cross-entropy."""


class TrainingDiverged(FloatingPointError):
    """Training blew up: the cost became NaN or infinite."""


class History:
    """What happened during training, one entry per epoch.

    Every attribute is a plain list, ready to plot::

        plt.plot(history.epochs, history.test_accuracy)

    ``cost`` and ``train_accuracy`` are measured on all the training images
    after each epoch; ``test_accuracy`` on the test images, when a test set
    was given (otherwise it stays empty). They are computed with the number
    type training used (see :func:`train`'s ``dtype``). ``seconds`` is how long each epoch
    took, evaluation included; it changes from run to run, so the printed
    table leaves it out.
    """

    def __init__(self, cost_name: str = "quadratic", has_test: bool = False):
        self.cost_name = cost_name
        self.has_test = has_test
        self.epochs: list[int] = []
        self.cost: list[float] = []
        self.train_accuracy: list[float] = []
        self.test_accuracy: list[float] = []
        self.seconds: list[float] = []

    def __len__(self) -> int:
        return len(self.epochs)

    def _add(self, cost, train_accuracy, test_accuracy, seconds):
        self.epochs.append(len(self.epochs) + 1)
        self.cost.append(float(cost))
        self.train_accuracy.append(float(train_accuracy))
        if test_accuracy is not None:
            self.test_accuracy.append(float(test_accuracy))
        self.seconds.append(float(seconds))

    def line(self, i: int = -1) -> str:
        """One epoch as a line of text, e.g. ``epoch  3: cost 0.1234, train 91.2%, test 90.1%``."""
        epoch = self.epochs[i]
        text = f"epoch {epoch:>2}: cost {self.cost[i]:.4f}, train {self.train_accuracy[i]:.1%}"
        if self.has_test:
            text += f", test {self.test_accuracy[i]:.1%}"
        return text

    def __repr__(self) -> str:
        if not self.epochs:
            return f"History({self.cost_name} cost, no epochs yet)"
        lines = [f"History({self.cost_name} cost, {len(self)} epoch{'s' * (len(self) != 1)})"]
        lines += ["  " + self.line(i) for i in range(len(self))]
        return "\n".join(lines)


DTYPES = ("float32", "float64")
"""The number types :func:`train` can compute in."""


def train(network: Network, images, labels, *, epochs, batch_size, learning_rate, seed,
          test=None, progress=None, cost="quadratic", dtype="float32") -> History:
    """Train ``network`` in place by mini-batch gradient descent; return its :class:`History`.

    ``images`` are (n, 28, 28) or (n, 784) grey values in [0, 1] and
    ``labels`` the n digits 0-9. Each epoch shuffles the images (with
    ``seed``, so the same call gives the same weights, bit for bit), cuts them
    into mini-batches of ``batch_size``, and for each one takes a step of size
    ``learning_rate`` downhill on the ``cost``: ``"quadratic"`` (the video's
    sum of squared differences) or ``"cross-entropy"``.

    ``test=(test_images, test_labels)`` also records the accuracy on images
    the network never trains on. ``progress``: ``None`` shows a progress bar
    in a notebook, a line per epoch in a terminal and nothing otherwise;
    ``True`` always prints a line per epoch; ``False`` shows nothing; a
    function is called with the History after every epoch (to draw a live
    plot, for example).

    ``dtype`` is the number type training computes with. The default,
    ``"float32"``, is what PyTorch and most deep-learning libraries use: 32-bit
    numbers hold about 7 significant digits, plenty for nudging weights, and
    numpy multiplies them about twice as fast as 64-bit ones. ``"float64"``
    (numpy's usual type, 16 digits) rounds differently, so its weights differ
    slightly from a ``"float32"`` run with the same seed. Either way the
    network keeps its weights as 64-bit numbers, updated after every epoch.
    For the speed, float32 training works on a 32-bit copy of the images:
    half the memory the 64-bit images take (25 MB for the 8,000 training
    digits, 188 MB for the 60,000 of the full MNIST).

    If the cost becomes NaN or infinite, training stops with
    :class:`TrainingDiverged`, and the network keeps the weights and biases
    it had before the failing epoch.
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
    network._check_parameters()
    epochs = positive_int(epochs, "epochs")
    batch_size = positive_int(batch_size, "batch_size")
    learning_rate = positive_float(learning_rate, "learning_rate")
    seed = check_seed(seed)
    cost = choice(cost, "cost", COSTS)
    number = np.dtype(choice(dtype, "dtype", DTYPES))
    x, targets, y = _examples(network, images, labels, "images", "labels")
    x, targets = x.astype(number, copy=False), targets.astype(number, copy=False)
    if test is None:
        test_x = test_y = None
    else:
        if not isinstance(test, (tuple, list)) or len(test) != 2:
            raise TypeError(f"test must be a pair (test_images, test_labels), got {describe(test)}")
        test_x, _, test_y = _examples(network, test[0], test[1], "test images", "test labels")
        test_x = test_x.astype(number, copy=False)
    if progress not in (None, True, False) and not callable(progress):
        raise TypeError(f"progress must be None (automatic), True, False or a function, got {describe(progress)}")

    history = History(cost, has_test=test is not None)
    rng = np.random.default_rng(seed)
    # After every epoch the trained numbers are copied into the network's own
    # arrays, in place; make sure they are 64-bit arrays (a learner may have
    # put in lists), without copying ones that already are.
    network.weights[:] = [np.asarray(W, dtype=np.float64) for W in network.weights]
    network.biases[:] = [np.asarray(b, dtype=np.float64) for b in network.biases]
    params = _Parameters(network.weights, network.biases, number)
    relu = network.activation == "relu"
    batch_size = min(batch_size, len(x))
    # Fold the learning rate and the cost's averaging factor into the output
    # error once, so a step is just parameters -= gradient (see _gradients).
    scale = learning_rate * (2.0 if cost == "quadratic" else 1.0)
    with _reporter(progress, epochs) as report, np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(1, epochs + 1):
            start = time.perf_counter()
            order = rng.permutation(len(x))
            for first in range(0, len(x), batch_size):
                batch = order[first:first + batch_size]
                _gradients(params.weights, params.biases, relu, x.take(batch, axis=0),
                           targets.take(batch, axis=0), cost, scale / len(batch), params.gradients)
                params.step()
            outputs, last_z = _forward(params.weights, params.biases, relu, x)
            epoch_cost = _cost(outputs[-1], last_z, targets, cost)
            problem = _divergence(epoch_cost, params.values)
            if problem:
                kept = "before training" if epoch == 1 else f"after epoch {epoch - 1}"
                raise TrainingDiverged(
                    f"training diverged in epoch {epoch}: {problem}. "
                    f"The network keeps the weights and biases it had {kept}. "
                    f"Try a smaller learning_rate than {learning_rate:g}."
                )
            params.copy_to(network)
            train_accuracy = np.mean(np.argmax(outputs[-1], axis=1) == y)
            test_accuracy = None
            if test_x is not None:
                test_outputs, _ = _forward(params.weights, params.biases, relu, test_x)
                test_accuracy = np.mean(np.argmax(test_outputs[-1], axis=1) == test_y)
            history._add(epoch_cost, train_accuracy, test_accuracy, time.perf_counter() - start)
            report(history)
    return history


class _Parameters:
    """The numbers training changes: a copy of a network's weights and biases in one flat array.

    Each weight matrix and bias vector is a view into ``flat``, and each of
    their gradients a view into ``gradient``, so one subtraction takes a whole
    gradient-descent step. With mini-batches of 10 the matrices are so small
    that numpy's cost per call, not the arithmetic, sets the pace, and this
    saves a call per array per step. Training a copy also means a run that
    blows up never touches the network: it gets the numbers only after an
    epoch that went well.
    """

    def __init__(self, weights, biases, dtype):
        arrays = [*weights, *biases]
        self.flat = np.empty(sum(a.size for a in arrays), dtype=dtype)
        self.gradient = np.empty_like(self.flat)
        self.values = _views(self.flat, arrays)
        for view, array in zip(self.values, arrays):
            view[...] = array
        slopes = _views(self.gradient, arrays)
        n = len(weights)
        self.weights, self.biases = self.values[:n], self.values[n:]
        self.gradients = slopes[:n], slopes[n:]

    def step(self):
        """Move every weight and bias by its (already scaled) gradient, downhill."""
        self.flat -= self.gradient

    def copy_to(self, network):
        for mine, trained in zip(network.weights + network.biases, self.values):
            np.copyto(mine, trained)


def _views(flat, arrays):
    """Consecutive pieces of ``flat``, shaped like ``arrays``."""
    views, start = [], 0
    for array in arrays:
        views.append(flat[start:start + array.size].reshape(array.shape))
        start += array.size
    return views


def _divergence(cost, parameters) -> str | None:
    """What went wrong, if training blew up: a cost or a parameter that is no longer a finite number."""
    if not math.isfinite(cost):
        return f"the cost became {cost}"
    if not all(np.isfinite(p).all() for p in parameters):
        return "some weights or biases became infinitely large"
    return None


def backprop(network: Network, images, labels, *, cost="quadratic"):
    """The gradient of the average cost over ``images``: ``(weight_gradients, bias_gradients)``.

    ``weight_gradients[l]`` has the shape of ``network.weights[l]`` and holds
    ∂C/∂w for every weight of that layer: how fast the cost rises when that
    weight grows a little. Likewise ``bias_gradients[l]`` for the biases.
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
    network._check_parameters()
    cost = choice(cost, "cost", COSTS)
    x, targets, _ = _examples(network, images, labels, "images", "labels")
    scale = (2.0 if cost == "quadratic" else 1.0) / len(x)
    with np.errstate(over="ignore", invalid="ignore"):
        return _gradients(network.weights, network.biases, network.activation == "relu",
                          x, targets, cost, scale)


def average_cost(network: Network, images, labels, *, cost="quadratic") -> float:
    """The cost :func:`train` lowers, averaged over ``images``.

    For ``"quadratic"``, each image contributes the sum over the 10 outputs of
    (output - wanted)², where the wanted output is 1.0 for the right digit and
    0.0 for the others.
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
    network._check_parameters()
    cost = choice(cost, "cost", COSTS)
    x, targets, _ = _examples(network, images, labels, "images", "labels")
    with np.errstate(over="ignore", invalid="ignore"):
        outputs, last_z = _forward(network.weights, network.biases, network.activation == "relu", x)
    return _cost(outputs[-1], last_z, targets, cost)


def gradient_sizes(network: Network, images, labels, *, cost="quadratic") -> np.ndarray:
    """The average size |∂C/∂w| of the weight gradients in each layer, first layer first.

    A small number means training barely moves that layer's weights. In deep
    sigmoid networks the numbers shrink layer by layer towards the input:
    each sigmoid multiplies the backward signal by its slope, at most 0.25.
    """
    weight_gradients, _ = backprop(network, images, labels, cost=cost)
    return np.array([np.mean(np.abs(g)) for g in weight_gradients])


# --- the arithmetic -------------------------------------------------------------------------------
# These private functions work on plain lists of arrays and skip all checks:
# the public functions above check once, then call them thousands of times.
# They multiply matrices with np.dot rather than @: on matrices this small its
# cost per call is lower, and it can write into a given array (out=).


def _forward(weights, biases, relu, x):
    """Every layer's activations for a batch (one image per row), and the output layer's z."""
    layers = [x]
    last = len(weights) - 1
    z = None
    for i, (W, b) in enumerate(zip(weights, biases)):
        z = np.dot(layers[-1], W.T)
        z += b
        if relu and i < last:
            a = np.maximum(z, 0.0)
        else:
            # σ(z) = 1 / (1 + e^-z). For very negative z, e^-z overflows to
            # infinity and the result is exactly 0, the right limit; the caller
            # silences that overflow warning with np.errstate.
            a = np.negative(z)
            np.exp(a, out=a)
            a += 1.0
            np.reciprocal(a, out=a)
        layers.append(a)
    return layers, z


def _gradients(weights, biases, relu, x, targets, cost, scale, out=None):
    """Backpropagation: ``scale`` × ∂(summed cost)/∂W and ∂/∂b for every layer.

    ``out``, a pair of lists of arrays shaped like the weights and biases,
    receives the gradients instead of new arrays.

    Moving backwards, ``delta`` holds ∂C/∂z for the current layer, one row per
    image. A layer's weight gradient is delta.T @ (activations feeding it);
    the error sent one layer back is delta @ W, times the slope of that
    layer's activation function, computed from its activations: a(1 - a)
    for the sigmoid, 1 where a > 0 for the ReLU.
    """
    layers, _ = _forward(weights, biases, relu, x)
    output = layers[-1]
    delta = output - targets
    if cost == "quadratic":
        # ∂/∂z of (a - y)² is 2 (a - y) σ'(z); the 2 is in scale.
        slope = 1.0 - output
        slope *= output
        delta *= slope
    # For cross-entropy the sigmoid's slope cancels: ∂C/∂z is just a - y.
    delta *= scale
    n_layers = len(weights)
    grads_w, grads_b = out if out is not None else ([None] * n_layers, [None] * n_layers)
    for i in range(n_layers - 1, -1, -1):
        a_in = layers[i]
        grads_w[i] = np.dot(delta.T, a_in, out=grads_w[i])
        grads_b[i] = np.add.reduce(delta, axis=0, out=grads_b[i])
        if i:
            delta = np.dot(delta, weights[i])
            if relu:
                delta *= a_in > 0.0
            else:
                slope = 1.0 - a_in
                slope *= a_in
                delta *= slope
    return grads_w, grads_b


def _cost(output, last_z, targets, cost) -> float:
    """The average over images of the per-image cost."""
    if cost == "quadratic":
        return float(np.mean(np.sum((output - targets) ** 2, axis=1)))
    # -[y ln σ(z) + (1 - y) ln(1 - σ(z))] = ln(1 + e^z) - y z, which stays finite
    # even when σ(z) rounds to exactly 0 or 1.
    return float(np.mean(np.sum(np.logaddexp(0.0, last_z) - targets * last_z, axis=1)))


# --- checking the input ---------------------------------------------------------------------------


def _examples(network, images, labels, images_name, labels_name):
    """Images as an (n, inputs) array, the wanted outputs (n, outputs), and labels (n,)."""
    x, single = image_batch(images, images_name, network.sizes[0])
    if single:
        raise ValueError(
            f"{images_name} must be a batch of images, shaped (n, 28, 28) or (n, 784); "
            f"got one image of shape {np.shape(images)}. Wrap it in a list to make a batch of one."
        )
    n_outputs = network.sizes[-1]
    y = digit_labels(labels, len(x), labels_name, n_classes=n_outputs)
    targets = np.zeros((len(y), n_outputs))
    targets[np.arange(len(y)), y] = 1.0
    return np.ascontiguousarray(x, dtype=np.float64), targets, y


# --- showing progress -----------------------------------------------------------------------------


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()
    except AttributeError:
        return False
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


@contextlib.contextmanager
def _reporter(progress, epochs):
    """Yield a function called with the History after every epoch."""
    if progress is None:
        if _in_notebook():
            progress = "bar"
        elif sys.stdout.isatty():
            progress = True
        else:
            progress = False
    if callable(progress):
        yield progress
    elif progress is False:
        yield lambda history: None
    elif progress == "bar":
        yield from _progress_bar(epochs)
    else:
        def print_line(history):
            print(f"{history.line()}  ({history.seconds[-1]:.1f} s)", flush=True)
        yield print_line


def _progress_bar(epochs):
    import ipywidgets
    from IPython.display import display

    bar = ipywidgets.IntProgress(value=0, min=0, max=epochs, description="Training")
    label = ipywidgets.Label(f"epoch 0 of {epochs}")
    display(ipywidgets.HBox([bar, label]))

    def update(history):
        bar.value = len(history)
        label.value = f"{history.line()} (of {epochs})"

    try:
        yield update
    finally:
        bar.bar_style = "success" if bar.value == epochs else "danger"
