"""How long does the NetworkLab take to answer one change? Timed side by side with two slower ways.

Run it with ``.venv/bin/python benchmarks/bench_network_lab.py`` (``--help``
for the options; ``--quick`` for a short run). The target: any change
re-scored on the 2,000 test digits and redrawn in at most 50 ms in the
kernel, so that dragging a slider feels immediate.

A change is everything the kernel does after a control moves: rebuild the
damaged network, run all 2,000 test digits through it, count the right
answers overall and per digit, work out the current digit's answer, write
the texts, update the figure and turn it into the PNG sent to the browser.
Three ways take turns, in one process, on the same changes:

- nnbook: the lab as shipped. The first layer's weighted sums of the
  2,000 digits are worked out once (for the trained weights and for the
  noise pattern), and a change only scales and adds them; the figure is made
  once and only its moving parts are redrawn.
- full forward pass: the same lab, but every change runs the 2,000 digits
  through ``lab.network`` with ``Network.activations``, all 784 pixels times
  every first-layer weight again.
- fresh copy + new figure: what a notebook cell would do without the lab:
  a fresh ``network.copy()`` with the change made by hand,
  ``Network.accuracy`` and ``Network.predict`` on the 2,000 digits, and a new
  matplotlib figure of the same three pictures, saved as a PNG.

Each kind of change is made ``--steps`` times per round, for ``--rounds``
rounds in which the ways take turns; the report gives, per kind of change,
the median of the fastest round (slower rounds were slowed by something else
on the machine), in wall-clock and CPU milliseconds.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

import nnbook
from nnbook.figures import ACTIVATION_CMAP, NEUTRAL, STYLE, WEIGHT_CMAP, weight_limit
from nnbook.widgets._display import new_figure
from nnbook.widgets.network_lab import NetworkLab

TARGET_MS = 50.0


class FullForward(NetworkLab):
    """The lab, but every change runs the 2,000 digits through the whole network again."""

    def _rescore(self):
        layers = self.network.activations(self._images)[1:]
        for index, a in enumerate(layers):
            a[:, ~self._on[index]] = 0.0
        self._test_layers = layers
        self._accuracy, self._accuracy_by_digit = self._score(layers)
        self._right = int(round(self._accuracy * len(self._labels)))


def changes(steps: int):
    """Each kind of change: its name, what it does at step i to a lab, and the same by hand to a fresh copy."""
    sweep = np.linspace(-1.0, 1.0, steps)

    def on_off(i):  # every other step switches back, so that the changes do not pile up
        return i % 2 == 0

    def noise_size(i):
        return 0.02 + 0.3 * abs(sweep[i])

    def switch_by_hand(net, i):
        if on_off(i):
            net.weights[1][:, 5] = 0.0

    def shift_by_hand(net, i):
        net.biases[1][3] += 5 * sweep[i]

    def scale_by_hand(net, i):
        net.weights[0][7] *= 2 * sweep[i]

    def noise_by_hand(net, i):
        rng = np.random.default_rng(0)
        for W in net.weights:
            W += noise_size(i) * rng.standard_normal(W.shape)

    def zero_biases_by_hand(net, i):
        if on_off(i):
            for b in net.biases:
                b[:] = 0.0

    def zero_layer_by_hand(net, i):
        if on_off(i):
            net.weights[1][:] = 0.0

    return [
        ("switch a neuron off / on", lambda lab, i: (lab.switch_off if on_off(i) else lab.switch_on)(1, 5),
         switch_by_hand),
        ("shift a bias", lambda lab, i: lab.shift_bias(2, 3, 5 * sweep[i]), shift_by_hand),
        ("scale a neuron's weights", lambda lab, i: lab.scale_weights(1, 7, 2 * sweep[i]), scale_by_hand),
        ("noise on every weight", lambda lab, i: lab.add_noise(noise_size(i)), noise_by_hand),
        ("zero all biases / undo", lambda lab, i: lab.zero_biases(on_off(i)), zero_biases_by_hand),
        ("zero a layer / undo", lambda lab, i: lab.zero_layer(2, on_off(i)), zero_layer_by_hand),
        ("restore", lambda lab, i: lab.restore(), lambda net, i: None),
    ]


class FreshCopy:
    """No lab: a fresh copy with the change made by hand, Network.accuracy, and a new figure as a PNG."""

    def __init__(self, network):
        self.trained = network
        self.images, self.labels = nnbook.load_digits("test")

    def change(self, hand, i):
        network = self.trained.copy()
        hand(network, i)
        accuracy = self.accuracy = network.accuracy(self.images, self.labels)
        predictions = network.predict(self.images)
        by_digit = [np.mean(predictions[self.labels == d] == d) for d in range(10)]
        answer = network.predict(self.images[0])
        figure = new_figure((8.4, 2.75))
        with plt.rc_context(STYLE):
            left, middle, right = figure.subplots(1, 3)
            left.imshow(self.images[0], cmap=ACTIVATION_CMAP, vmin=0, vmax=1)
            left.set_title(f"test digit 0: the network says {answer}", fontsize=10)
            weights = network.weights[0][5]
            limit = weight_limit(weights)
            middle.imshow(weights.reshape(28, 28), cmap=WEIGHT_CMAP, vmin=-limit, vmax=limit)
            middle.set_title("layer 1, neuron 5", fontsize=10)
            for ax in (left, middle):
                ax.set_axis_off()
            right.bar(range(10), 100 * np.array(by_digit), color=NEUTRAL)
            right.set_title(f"{100 * accuracy:.1f}% right", fontsize=10)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()


def time_way(run, reset, kinds, steps: int):
    """Median wall-clock and CPU milliseconds of each kind of change; each kind starts from the trained network."""
    result = {}
    for name, lab_call, hand_call in kinds:
        reset()
        wall, cpu = [], []
        for i in range(steps):
            start, start_cpu = time.perf_counter(), time.process_time()
            run(lab_call, hand_call, i)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        result[name] = (1000 * float(np.median(wall)), 1000 * float(np.median(cpu)))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=20, help="changes of each kind per round (default 20)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, the ways taking turns (default 3)")
    parser.add_argument("--quick", action="store_true", help="6 changes of each kind, 2 rounds")
    args = parser.parse_args()
    steps, rounds = (6, 2) if args.quick else (args.steps, args.rounds)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"nnbook {nnbook.__version__}, matplotlib {matplotlib.__version__}, numpy {np.__version__}, "
          f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {load:.2f} (1 min)")

    network = nnbook.pretrained()
    kinds = changes(steps)
    lab, full, fresh = NetworkLab(network), FullForward(network), FreshCopy(network)
    ways = {
        "nnbook": lambda lab_call, hand_call, i: lab_call(lab, i),
        "full forward pass": lambda lab_call, hand_call, i: lab_call(full, i),
        "fresh copy + new figure": lambda lab_call, hand_call, i: fresh.change(hand_call, i),
    }
    resets = {"nnbook": lab.restore, "full forward pass": full.restore, "fresh copy + new figure": lambda: None}
    for way, run in ways.items():  # warm up: fonts, caches, the first full draw
        time_way(run, resets[way], kinds, 2)
    best = {way: None for way in ways}
    for _ in range(rounds):
        for way, run in ways.items():
            result = time_way(run, resets[way], kinds, steps)
            if best[way] is None or sum(w for w, _ in result.values()) < sum(w for w, _ in best[way].values()):
                best[way] = result

    print(f"\nNetworkLab: one change, re-scored on the 2,000 test digits and redrawn "
          f"(median ms, fastest of {rounds} rounds, {steps} changes of each kind)")
    header = "".join(f"{way:>26s}" for way in ways)
    print(f"  {'change':26s}{header}")
    print(f"  {'':26s}" + "".join(f"{'ms':>14s}{'CPU ms':>8s}{'x':>4s}" for _ in ways))
    for name, *_ in kinds:
        base = best["nnbook"][name][0]
        cells = "".join(f"{best[way][name][0]:14.1f}{best[way][name][1]:8.1f}{best[way][name][0] / base:4.0f}"
                        for way in ways)
        print(f"  {name:26s}{cells}")
    worst_name, (worst, _) = max(best["nnbook"].items(), key=lambda item: item[1][0])
    verdict = "met" if worst <= TARGET_MS else "NOT met"
    print(f"  target <= {TARGET_MS:.0f} ms for any change: {verdict} (slowest kind: {worst_name}, {worst:.1f} ms)")


if __name__ == "__main__":
    main()
