"""Deep networks: why ReLU trains where the sigmoid gets stuck.

Notebook 08 calls :func:`compare_sigmoid_relu`; tests/test_nb08_relu.py checks
what the notebook's text says about its result.

Stack many sigmoid layers and training stalls. Backpropagation sends the
error signal backwards through every layer, and each sigmoid multiplies it
by its slope, which is never more than 0.25. After six layers the signal
reaching the first layer is thousands of times weaker than at the output,
so the first layers barely learn. A ReLU's slope is exactly 1 wherever the
neuron is active, so the signal passes through undiminished.

:func:`compare_sigmoid_relu` shows this with real training: two networks of
the same shape, one with sigmoid and one with ReLU hidden layers, trained in
the same way on the same digits.
"""

from __future__ import annotations

import numpy as np

from ._validate import positive_float, positive_int
from ._validate import seed as check_seed
from .data import load_digits
from .network import Network
from .training import History, TrainingDiverged, gradient_sizes, train

CHANCE = 0.1  # ten digits: guessing gets one in ten right


class DepthComparison:
    """The result of :func:`compare_sigmoid_relu`.

    ``sigmoid`` and ``relu`` are the two training :class:`~nnbook.training.History`
    objects (test accuracy per epoch in ``.test_accuracy``);
    ``sigmoid_network`` and ``relu_network`` the trained networks;
    ``sigmoid_gradients`` and ``relu_gradients`` the average size of the
    weight gradients in each layer, first layer first, measured on the
    untrained networks: how strongly the first training step moves each layer.

    ``diverged`` maps "sigmoid" or "relu" to the message of
    :class:`~nnbook.training.TrainingDiverged` when that network's training
    blew up (a learning rate far too large for it); its History and network
    then stop at the last epoch that went well.
    """

    def __init__(self, sizes, epochs, learning_rate, histories, networks, gradients, diverged):
        self.sizes = sizes
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.sigmoid, self.relu = histories
        self.sigmoid_network, self.relu_network = networks
        self.sigmoid_gradients, self.relu_gradients = gradients
        self.diverged = diverged

    def __repr__(self) -> str:
        shape = "-".join(str(n) for n in self.sizes)
        rows = [f"DepthComparison({shape}, {self.epochs} epochs, learning rate {self.learning_rate:g})",
                f"  {'':8} {'test accuracy':>13}  {'first-layer gradient':>20}  {'last-layer gradient':>19}"]
        for name, history, grads in (("sigmoid", self.sigmoid, self.sigmoid_gradients),
                                     ("relu", self.relu, self.relu_gradients)):
            accuracy = f"{history.test_accuracy[-1]:.1%}" if len(history) else "-"
            rows.append(f"  {name:8} {accuracy:>13}  {grads[0]:>20.2e}  {grads[-1]:>19.2e}")
        rows += [f"  {name}: {message}" for name, message in self.diverged.items()]
        return "\n".join(rows)

    def show(self):
        """Two panels: test accuracy per epoch, and gradient size per layer (log scale)."""
        import matplotlib.pyplot as plt

        from .figures import HIGHLIGHT, NEUTRAL, STYLE

        with plt.rc_context(STYLE):
            fig, (left, right) = plt.subplots(1, 2, figsize=(9.0, 3.4))
        for name, history, colour in (("sigmoid", self.sigmoid, NEUTRAL), ("ReLU", self.relu, HIGHLIGHT)):
            left.plot(history.epochs, history.test_accuracy, "o-", color=colour, label=name)
        left.axhline(CHANCE, color="0.3", linestyle=":", linewidth=1)
        left.annotate("chance", (self.epochs, CHANCE), xytext=(0, -12), textcoords="offset points",
                      fontsize=9, color="0.3", horizontalalignment="right")
        left.set(xlabel="epoch", ylabel="test accuracy", ylim=(0, 1), title="Learning")
        left.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
        left.xaxis.set_major_locator(plt.matplotlib.ticker.MaxNLocator(integer=True))
        left.legend(frameon=False)
        layers = np.arange(1, len(self.sigmoid_gradients) + 1)
        right.semilogy(layers, self.sigmoid_gradients, "o-", color=NEUTRAL, label="sigmoid")
        right.semilogy(layers, self.relu_gradients, "o-", color=HIGHLIGHT, label="ReLU")
        right.set(xlabel="layer (1 = first after the input)", ylabel="average |∂C/∂w|",
                  title="Gradient size before training", xticks=layers)
        right.legend(frameon=False)
        return fig


def compare_sigmoid_relu(hidden_layers=6, width=16, *, epochs=10, batch_size=10, learning_rate=0.1,
                         n_images=8000, seed=0, progress=None) -> DepthComparison:
    """Train a deep sigmoid network and the same-shape ReLU network; return a :class:`DepthComparison`.

    Both networks are 784, then ``hidden_layers`` layers of ``width``
    neurons, then 10 outputs (sigmoid, as always); by default 784-16-16-16-
    16-16-16-10. Both start from random weights drawn with ``seed`` (scaled
    for their activation, see :class:`~nnbook.Network`) and train on the
    first ``n_images`` training digits with the same quadratic cost, batch
    size, number of epochs, shuffling and learning rate. Accuracy is measured
    on the 2,000 test digits.

    Both get the same learning rate, 0.1, the best for the ReLU network of
    0.1, 0.3, 1 and 3 (10 epochs, seed 0; at 3 its training diverges in
    epoch 2, every output stuck at 0 or 1, and the comparison's ``diverged``
    says so). Is that unfair to the sigmoid? It stayed at chance (10-11% on
    the test digits) with every one of those rates, with 10 and 30, and for
    30 epochs at 3, so no rate in that range rescues it. With seeds 1, 2 and
    3 the ReLU network reached 90%, 91% and 80% and the sigmoid network again
    stayed at 10-11%.

    Takes about 2 s with the defaults (1.6 s on a 2-core AMD EPYC machine).
    """
    hidden_layers = positive_int(hidden_layers, "hidden_layers")
    width = positive_int(width, "width")
    learning_rate = positive_float(learning_rate, "learning_rate")
    n_images = positive_int(n_images, "n_images")
    seed = check_seed(seed)
    images, labels = load_digits("train")
    if n_images > len(images):
        raise ValueError(f"n_images must be at most {len(images)} (the training digits), got {n_images}")
    images, labels = images[:n_images], labels[:n_images]
    test = load_digits("test")
    sizes = (784,) + (width,) * hidden_layers + (10,)
    histories, networks, gradients, diverged = [], [], [], {}
    for activation in ("sigmoid", "relu"):
        network = Network(sizes, activation=activation, seed=seed)
        gradients.append(gradient_sizes(network, images, labels))
        try:
            history = train(network, images, labels, epochs=epochs, batch_size=batch_size,
                            learning_rate=learning_rate, seed=seed, test=test, progress=progress)
        except TrainingDiverged as error:  # a result worth showing next to the other network's
            history, diverged[activation] = error.history, str(error)
        histories.append(history)
        networks.append(network)
    return DepthComparison(sizes, epochs, learning_rate, histories, networks, gradients, diverged)


__all__ = ["DepthComparison", "History", "compare_sigmoid_relu"]
