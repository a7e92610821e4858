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
from typing import NamedTuple

import numpy as np

from ._validate import choice, describe, digit_labels, image_batch, positive_float, positive_int
from ._validate import seed as check_seed
from .language import tr
from .network import Network

COSTS = ("quadratic", "cross-entropy")
"""The costs :func:`train` can lower: the video's sum of squared differences, or cross-entropy."""

DTYPES = ("float32", "float64")
"""The number types :func:`train` can compute in."""


class TrainingDiverged(FloatingPointError):
    """Training blew up: the learning rate was too large for the network to learn anything.

    Raised when the cost or a weight stops being a finite number, or when every
    output neuron is saturated (see :func:`train`). ``history`` holds the
    :class:`History` of the epochs that went well before it: the network keeps
    the weights and biases it had after the last of them.
    """

    def __init__(self, message: str, history: History | None = None):
        super().__init__(message)
        self.history = history


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
        if self.has_test:
            return tr("epoch {epoch:>2}: cost {cost:.4f}, train {train:.1%}, test {test:.1%}", epoch=epoch,
                      cost=self.cost[i], train=self.train_accuracy[i], test=self.test_accuracy[i])
        return tr("epoch {epoch:>2}: cost {cost:.4f}, train {train:.1%}", epoch=epoch, cost=self.cost[i],
                  train=self.train_accuracy[i])

    def __repr__(self) -> str:
        if not self.epochs:
            return tr("History({cost} cost, no epochs yet)", cost=self.cost_name)
        if len(self) == 1:
            lines = [tr("History({cost} cost, 1 epoch)", cost=self.cost_name)]
        else:
            lines = [tr("History({cost} cost, {n} epochs)", cost=self.cost_name, n=len(self))]
        lines += ["  " + self.line(i) for i in range(len(self))]
        return "\n".join(lines)


def train(network: Network, images, labels, *, epochs, batch_size, learning_rate, seed,
          test=None, progress=None, cost="quadratic", dtype="float32") -> History:
    """Train ``network`` by mini-batch gradient descent; return its :class:`History`.

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
    slightly from a ``"float32"`` run with the same seed. For the speed,
    float32 training works on a 32-bit copy of the images: half the memory
    the 64-bit images take (25 MB for the 8,000 training digits, 188 MB for
    the 60,000 of the full MNIST).

    Training works on its own copy of the weights and biases. After every
    epoch the network gets new 64-bit arrays holding them (the items of
    ``network.weights`` and ``network.biases`` are replaced, the lists stay):
    arrays you took out of the network before are never written to.

    If the learning rate is far too large, training stops with
    :class:`TrainingDiverged` (its ``history`` holds the epochs that went
    well) and the network keeps the weights and biases it had before the
    failing epoch. That happens when the cost or a weight is no longer a
    finite number, or when every output neuron is saturated for every
    training image while the cost stays high: its weighted sum beyond ±8, its
    output pinned at 0 or 1 (many at the wrong one), its slope σ'(z) almost
    0, so hardly any gradient gets through and the network cannot recover.
    """
    epochs, batch_size, learning_rate, seed, progress, cost, dtype = _check_settings(
        network, epochs, batch_size, learning_rate, seed, progress, cost, dtype)
    x, targets, labels = _examples(network, images, labels, "images", "labels", dtype)
    test = _test_examples(network, test, dtype)

    history = History(cost, has_test=test is not None)
    stepper = _Stepper(network, x, targets, labels, batch_size=batch_size, learning_rate=learning_rate, seed=seed,
                       cost=cost, dtype=dtype)
    # A run that diverges makes infinities and NaN on the way; _divergence catches them after the epoch.
    with _reporter(progress, epochs) as report, np.errstate(over="ignore", under="ignore", invalid="ignore"):
        for epoch in range(1, epochs + 1):
            start = time.perf_counter()
            stepper.run()  # one whole epoch
            result = stepper.measure(test)
            if result.problem:
                raise _diverged(epoch, result.problem, learning_rate, history)
            stepper.params.copy_to(network)
            history._add(result.cost, result.train_accuracy, result.test_accuracy, time.perf_counter() - start)
            report(history)
    return history


def _check_settings(network, epochs, batch_size, learning_rate, seed, progress, cost, dtype):
    """:func:`train`'s settings, checked and converted; the network checked too."""
    _check_network(network)
    if not (progress is None or progress is True or progress is False or callable(progress)):
        # Strictly these: 0 or np.False_ would otherwise be neither `is False` nor callable.
        raise TypeError(tr("progress must be None (automatic), True, False or a function, got {got}",
                           got=describe(progress)))
    return (positive_int(epochs, "epochs"), positive_int(batch_size, "batch_size"),
            positive_float(learning_rate, "learning_rate"), check_seed(seed), progress,
            choice(cost, "cost", COSTS), np.dtype(choice(dtype, "dtype", DTYPES)))


def _test_examples(network, test, dtype):
    """The ``test`` pair as (images, labels) arrays, or None."""
    if test is None:
        return None
    if not isinstance(test, (tuple, list)) or len(test) != 2:
        raise TypeError(tr("test must be a pair (test_images, test_labels), got {got}", got=describe(test)))
    test_x, _, test_y = _examples(network, test[0], test[1], tr("test images"), tr("test labels"), dtype)
    return test_x, test_y


class _Parameters:
    """Training's own copy of a network's weights and biases, all in one flat array.

    Each weight matrix and bias vector is a view into ``flat``, and each of
    their steps (learning rate × gradient) a view into ``step``, so one
    subtraction takes a whole gradient-descent step. With mini-batches of 10
    the matrices are so small that numpy's cost per call, not the arithmetic,
    sets the pace, and this saves a call per array per step. Training a copy
    also means a run that blows up never touches the network: it gets the
    numbers only after an epoch that went well.
    """

    def __init__(self, network, dtype):
        arrays = [np.asarray(a, dtype=np.float64) for a in network.weights + network.biases]  # lists too
        self.flat = np.concatenate([a.ravel() for a in arrays]).astype(dtype, copy=False)
        self.step = np.empty_like(self.flat)
        n = len(network.weights)
        values, steps = _views(self.flat, arrays), _views(self.step, arrays)
        self.weights, self.biases = values[:n], values[n:]
        self.steps = steps[:n], steps[n:]

    def copy_to(self, network):
        """Give the network new 64-bit arrays holding the trained numbers.

        New arrays rather than writing into the network's: an array that is
        read-only, a view of a bigger one, or shared by two layers must not
        make training fail halfway or lose an update.
        """
        network.weights[:] = [W.astype(np.float64) for W in self.weights]
        network.biases[:] = [b.astype(np.float64) for b in self.biases]


class _Stepper:
    """Mini-batch gradient descent one step at a time: the loop inside :func:`train`.

    :func:`train` runs it an epoch at a time; ``nnbook.widgets.TrainingExplorer``
    runs the very same object a few steps at a time, between the frames it
    draws, so the explorer learns with the same arithmetic as ``train``, bit for
    bit. The inputs are assumed checked (``train`` checks them).

    Each epoch starts with a new shuffle of the images drawn from ``seed``,
    exactly one per epoch, so the order of the mini-batches depends only on
    the seed and the epoch, never on how the steps are split into calls.
    ``learning_rate`` may change between calls; ``batch_size`` may not.
    """

    def __init__(self, network, x, targets, labels, *, batch_size, learning_rate, seed, cost, dtype):
        self.params = _Parameters(network, dtype)
        self.relu = network.activation == "relu"
        self.x, self.targets, self.labels = x, targets, labels
        self.batch_size, self.learning_rate, self.cost = batch_size, learning_rate, cost
        self.rng = np.random.default_rng(seed)
        self.order = None  # this epoch's shuffle
        self.position = 0  # how many of this epoch's shuffled images have been used
        self.steps_done = 0
        self.epochs_done = 0

    @property
    def steps_per_epoch(self) -> int:
        """Mini-batches in one epoch; the last one is smaller when the batch size does not divide the images."""
        return -(-len(self.x) // self.batch_size)

    def run(self, steps=None) -> int:
        """Take ``steps`` steps (None: the rest of this epoch), never past the epoch's end; return how many."""
        if steps == 0:
            return 0  # and no shuffle drawn: an epoch's shuffle belongs to its first step
        n, size = len(self.x), self.batch_size
        if self.position == 0:
            self.order = self.rng.permutation(n)
        start = self.position
        end = n if steps is None else min(n, start + steps * size)
        params, order, x, targets = self.params, self.order, self.x, self.targets
        weights, biases, out, flat, step = params.weights, params.biases, params.steps, params.flat, params.step
        relu, cost, rate = self.relu, self.cost, self.learning_rate
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            for first in range(start, end, size):
                batch = order[first:first + size]
                # The step downhill: learning_rate times the gradient of the batch's average cost.
                _backprop(weights, biases, relu, x.take(batch, axis=0), targets.take(batch, axis=0), cost,
                          times=rate, out=out)
                flat -= step
        taken = -(-(end - start) // size)
        self.steps_done += taken
        if end == n:
            self.position = 0
            self.epochs_done += 1
        else:
            self.position = end
        return taken

    def measure(self, test=None) -> _Measurement:
        """The cost and accuracy on all the training images (and on ``test``), and any sign of divergence."""
        params, relu = self.params, self.relu
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            layers, z = _forward(params.weights, params.biases, relu, self.x)
            cost = _cost(layers[-1], z, self.targets, self.cost)
            problem = _divergence(cost, params.flat, z)
            train_accuracy = np.mean(np.argmax(layers[-1], axis=1) == self.labels)
            test_accuracy = None
            if test is not None:
                test_layers, _ = _forward(params.weights, params.biases, relu, test[0])
                test_accuracy = np.mean(np.argmax(test_layers[-1], axis=1) == test[1])
        return _Measurement(cost, train_accuracy, test_accuracy, problem)

    def snapshot(self) -> tuple:
        """Everything that changes as it trains, to go back to with :meth:`restore`."""
        return (self.params.flat.copy(), self.rng.bit_generator.state, self.order, self.position, self.steps_done,
                self.epochs_done)

    def restore(self, snapshot) -> None:
        flat, rng_state, self.order, self.position, self.steps_done, self.epochs_done = snapshot
        self.params.flat[...] = flat
        self.rng.bit_generator.state = rng_state


class _Measurement(NamedTuple):
    """What :meth:`_Stepper.measure` found; ``problem`` says how training blew up, or is None."""

    cost: float
    train_accuracy: float
    test_accuracy: float | None
    problem: str | None


def _views(flat, arrays):
    """Consecutive pieces of ``flat``, shaped like ``arrays``."""
    views, start = [], 0
    for array in arrays:
        views.append(flat[start:start + array.size].reshape(array.shape))
        start += array.size
    return views


SATURATED = 8.0
"""An output neuron whose weighted sum z is beyond ±8 is pinned at 0 or 1: σ'(z) < 0.00034, 700 times below σ'(0)."""

STUCK_COST = 0.5
"""With every output pinned at 0 or 1, a cost this high means many of them are pinned at the wrong end."""


def _divergence(cost, parameters, output_z) -> str | None:
    """What went wrong, if training blew up; None if it did not.

    Besides a cost or a parameter that is no longer a finite number, a far
    too large learning rate shows as a saturated output layer: every output
    neuron's weighted sum beyond ±8 for every image, so every output is
    pinned at 0 or 1 and its slope σ'(z) is almost 0 (exactly 0 in float32
    beyond z = 17), while the cost stays high because many of them are
    pinned at the wrong end. Little gradient gets back through the output
    layer, so the network is stuck for good, its cost frozen. Healthy
    training does not get there: even a network trained until it knows its
    500 training digits by heart keeps some outputs within ±2, and one that
    is confident and right everywhere has a cost near 0. Stuck but not
    diverged, such as the deep sigmoid network of notebook 08 whose outputs
    all sit near 0.1, is not caught. One pass over z after each epoch, in
    float32 and float64 alike.
    """
    if not math.isfinite(cost):
        return tr("the cost became {cost}", cost=cost)
    if not np.isfinite(parameters).all():
        return tr("some weights or biases became infinitely large")
    if cost >= STUCK_COST and np.abs(output_z).min() > SATURATED:
        return tr("every output neuron is saturated (its weighted sum beyond ±{limit:g} for every image, "
                  "its output stuck at 0 or 1, many at the wrong one: the cost is {cost:.2f}), so its slope is "
                  "almost 0 and the network cannot learn any more", limit=SATURATED, cost=cost)
    return None


def _diverged(epoch, problem, learning_rate, history, kept=None) -> TrainingDiverged:
    """The error :func:`train` raises; ``kept`` says when the kept weights are from, if not the epoch before."""
    if kept is None:
        kept = tr("before training") if epoch == 1 else tr("after epoch {epoch}", epoch=epoch - 1)
    held = tr("1 epoch") if len(history) == 1 else tr("{n} epochs", n=len(history))
    return TrainingDiverged(
        tr("training diverged in epoch {epoch}: {problem}. The network keeps the weights and biases it had {kept} "
           "(error.history holds {held}). Try a smaller learning_rate than {rate:g}.",
           epoch=epoch, problem=problem, kept=kept, held=held, rate=learning_rate),
        history,
    )


def backprop(network: Network, images, labels, *, cost="quadratic"):
    """The gradient of the average cost over ``images``: ``(weight_gradients, bias_gradients)``.

    ``weight_gradients[l]`` has the shape of ``network.weights[l]`` and holds
    ∂C/∂w for every weight of that layer: how fast the cost rises when that
    weight grows a little. Likewise ``bias_gradients[l]`` for the biases.
    """
    _check_network(network)
    cost = choice(cost, "cost", COSTS)
    x, targets, _ = _examples(network, images, labels, "images", "labels")
    weights, biases = _arrays(network)
    out = [np.empty_like(W) for W in weights], [np.empty_like(b) for b in biases]
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        return _backprop(weights, biases, network.activation == "relu", x, targets, cost, out=out)


def average_cost(network: Network, images, labels, *, cost="quadratic") -> float:
    """The cost :func:`train` lowers, averaged over ``images``.

    For ``"quadratic"``, each image contributes the sum over the 10 outputs of
    (output - wanted)², where the wanted output is 1.0 for the right digit and
    0.0 for the others.
    """
    _check_network(network)
    cost = choice(cost, "cost", COSTS)
    x, targets, _ = _examples(network, images, labels, "images", "labels")
    weights, biases = _arrays(network)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        layers, z = _forward(weights, biases, network.activation == "relu", x)
        return _cost(layers[-1], z, targets, cost)


def gradient_sizes(network: Network, images, labels, *, cost="quadratic") -> np.ndarray:
    """The average size |∂C/∂w| of the weight gradients in each layer, first layer first.

    A small number means training barely moves that layer's weights. In deep
    sigmoid networks the numbers shrink layer by layer towards the input:
    each sigmoid multiplies the backward signal by its slope, at most 0.25.
    """
    weight_gradients, _ = backprop(network, images, labels, cost=cost)
    return np.array([np.mean(np.abs(g)) for g in weight_gradients])


def _check_network(network):
    if not isinstance(network, Network):
        raise TypeError(tr("network must be an nnbook.Network, got {got}", got=describe(network)))
    network._check_parameters()


def _arrays(network):
    """The network's weights and biases as 64-bit arrays (a learner may have put in lists)."""
    return ([np.asarray(W, dtype=np.float64) for W in network.weights],
            [np.asarray(b, dtype=np.float64) for b in network.biases])


# --- the arithmetic -------------------------------------------------------------------------------
# These private functions work on plain lists of arrays and skip all checks:
# the public functions above check once, then call them thousands of times.
# Each layer is one matrix product for the whole batch, one image per row:
# z = a Wᵀ + b is the video's W a + b for every image at once. They multiply
# with np.dot rather than @: on matrices this small its cost per call is
# lower, and it can write into a given array (out=).


def _forward(weights, biases, relu, x):
    """Every layer's activations for the batch ``x``, input first, and the output layer's weighted sums z."""
    layers = [x]
    for W, b in zip(weights, biases):
        z = np.dot(layers[-1], W.T)
        z += b
        hidden = len(layers) < len(weights)
        layers.append(np.maximum(z, 0.0) if relu and hidden else _sigmoid(z))
    return layers, z


def _backprop(weights, biases, relu, x, targets, cost, out, times=1.0):
    """Backpropagation: ``times`` the gradient of the batch's average cost, written into ``out``.

    ``out`` is a pair of lists of arrays shaped like the weights and the
    biases; they receive ∂C/∂W and ∂C/∂b for every layer (times ``times``),
    and are returned. :func:`train` passes its learning rate as ``times`` and
    so gets the step itself. The factor goes into the output layer's δ, from
    which every gradient follows: one multiplication of a 10 × 10 array
    instead of 13,002 numbers, and the rounding that trained the shipped
    network and the notebooks' networks.

    Moving backwards, δ holds ∂C/∂z for the current layer, one row per image.
    At the output layer, for C = the average over the n images of Σ (a - y)²,
    δ = 2 (a - y) ⊙ σ'(z) / n; for cross-entropy the sigmoid's slope cancels
    and δ = (a - y) / n. Each layer's gradients follow from its δ and the
    activations feeding it, and δ moves one layer back as
    δ^l = (δ^(l+1) W^(l+1)) ⊙ σ'(z^l), with σ'(z) = a (1 - a) for the
    sigmoid and 1 where a > 0 for the ReLU.
    """
    grads_w, grads_b = out
    layers, _ = _forward(weights, biases, relu, x)
    output = layers[-1]
    delta = output - targets
    if cost == "quadratic":  # δ = 2 (a - y) ⊙ σ'(z) / n
        delta *= _slope(output, False)
        delta *= times * 2.0 / len(x)
    else:  # δ = (a - y) / n
        delta *= times / len(x)
    for layer in range(len(weights) - 1, -1, -1):
        np.dot(delta.T, layers[layer], out=grads_w[layer])  # ∂C/∂W: δ times the activations feeding the layer
        np.add.reduce(delta, axis=0, out=grads_b[layer])  # ∂C/∂b: δ, added up over the images
        if layer > 0:  # one layer back: δ^l = (δ^(l+1) W^(l+1)) ⊙ σ'(z^l)
            delta = np.dot(delta, weights[layer])
            delta *= _slope(layers[layer], relu)
    return grads_w, grads_b


def _sigmoid(z):
    """σ(z) = 1 / (1 + e^-z), the usual formula, made safe from overflow.

    For z below about -88.7 (float32) or -709.8 (float64), e^-z is too big
    for the number type: the naive formula overflows to infinity, as
    exercise 05-3 shows. Here the exponent -z is capped where e^-z is still
    a normal number, so σ(z) comes out as about 1e-38 (float32) or 1e-308
    (float64) there instead of a number even closer to 0: right to 38 or
    308 decimal places, and no overflow. Everywhere else the arithmetic is
    exactly the naive formula's, so trained weights stay the same, bit for
    bit. (:func:`nnbook.sigmoid` uses e^z / (1 + e^z) for negative z instead,
    which rounds differently and costs more numpy calls.)
    """
    e = np.negative(z)
    np.minimum(e, _EXPONENT_CAP[e.dtype.char], out=e)
    np.exp(e, out=e)
    e += _ONE[e.dtype.char]
    return np.reciprocal(e, out=e)


def _slope(a, relu):
    """The activation function's slope at each neuron, from its activation a: σ' = a (1 - a), or ReLU' = (a > 0)."""
    if relu:
        return a > 0.0
    slope = _ONE[a.dtype.char] - a
    slope *= a
    return slope


# The constants of the sigmoid and its slope, for float32 ("f") and float64 ("d"): 1, and the cap on
# the exponent (e^cap and 1 / (1 + e^cap) are still normal numbers). They are 0-d arrays of the
# number type because numpy combines those with an array about twice as fast as a Python float
# (0.7 against 1.3 µs on a 10×16 array), and a training step uses them nine times.
_ONE = {"f": np.array(1.0, np.float32), "d": np.array(1.0, np.float64)}
_EXPONENT_CAP = {"f": np.array(87.0, np.float32), "d": np.array(708.0, np.float64)}


def _cost(output, last_z, targets, cost) -> float:
    """The average over images of the per-image cost."""
    if cost == "quadratic":
        return float(np.mean(np.sum((output - targets) ** 2, axis=1)))
    # -[y ln σ(z) + (1 - y) ln(1 - σ(z))] = ln(1 + e^z) - y z, which stays finite
    # even when σ(z) rounds to exactly 0 or 1.
    return float(np.mean(np.sum(np.logaddexp(0.0, last_z) - targets * last_z, axis=1)))


# --- checking the input ---------------------------------------------------------------------------


def _examples(network, images, labels, images_name, labels_name, dtype=np.float64):
    """Images as an (n, inputs) array, the wanted outputs (n, outputs), both of ``dtype``, and the labels (n,)."""
    n_inputs = network.sizes[0]
    x, single = image_batch(images, images_name, n_inputs)
    if single:
        shapes = f"(n, 28, 28) or (n, {n_inputs})" if n_inputs == 784 else f"(n, {n_inputs})"
        raise ValueError(tr("{name} must be a batch of images, shaped {shapes}; got one image of shape {shape}. "
                            "Wrap it in a list to make a batch of one.", name=images_name, shapes=shapes,
                            shape=np.shape(images)))
    n_outputs = network.sizes[-1]
    y = digit_labels(labels, len(x), labels_name, n_classes=n_outputs)
    targets = np.zeros((len(y), n_outputs), dtype=dtype)
    targets[np.arange(len(y)), y] = 1.0
    return np.ascontiguousarray(x, dtype=dtype), targets, y


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

    bar = ipywidgets.IntProgress(value=0, min=0, max=epochs, description=tr("Training"))
    label = ipywidgets.Label(tr("epoch 0 of {epochs}", epochs=epochs))
    display(ipywidgets.HBox([bar, label]))

    def update(history):
        bar.value = len(history)
        label.value = tr("{line} (of {epochs})", line=history.line(), epochs=epochs)

    try:
        yield update
    finally:
        bar.bar_style = "success" if bar.value == epochs else "danger"
