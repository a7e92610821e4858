"""How long does one slider step of a NeuronExplorer take in the kernel? Timed side by side.

Run it with ``.venv/bin/python benchmarks/bench_widgets.py`` (``--help`` for
the options). The target is at most 50 ms per step, so that dragging a
slider feels immediate.

A step is everything the kernel does when a slider moves: compute the
weighted sums and activations, update the figure and turn it into the PNG
that goes to the browser. Three ways of doing it take turns, in one process:

- nnbook: the explorer as shipped. The figure is made once; each step
  changes the data of the existing artists and redraws only those (the still
  part is pasted back from a saved picture).
- full redraw: the same figure and artists, but the whole figure is drawn
  again at every step.
- new figure: the figure is made again from scratch at every step, as a
  plotting function called from a slider callback would do.

Both neurons of the course are timed: one input (three sliders), and 784
weights with a strip of 10 digits (a vertical-bar detector, bias -10). Each
way runs ``--steps`` steps, ``--rounds`` times, taking turns; the report gives
the median step of the fastest round (slower rounds were slowed by something
else on the machine), in wall-clock and CPU milliseconds, and the ratio to
nnbook. It also times the NetworkExplorer's answer to one pen stroke.
"""

from __future__ import annotations

import argparse
import platform
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

import nnbook
from nnbook.figures import STYLE
from nnbook.widgets import DigitCanvas, NetworkExplorer, NeuronExplorer
from nnbook.widgets._display import LiveFigure, new_figure

TARGET_MS = 50.0


class FullRedraw(NeuronExplorer):
    """The same figure and artists, drawn whole at every step."""

    def _update(self):
        self._live._still = None  # forget the saved still part: LiveFigure then draws everything
        super()._update()


class NewFigure(NeuronExplorer):
    """A new figure at every step."""

    def _update(self):
        size = tuple(self.figure.get_size_inches())
        self.figure = new_figure(size)
        with plt.rc_context(STYLE):
            self._live = LiveFigure(self.figure, self._build_figure())
        super()._update()


def detector() -> np.ndarray:
    weights = np.zeros((28, 28))
    weights[4:24, 12:16] = 1.0
    weights[4:24, 8:12] = weights[4:24, 16:20] = -1.0
    return weights


def time_steps(explorer, slider: str, steps: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds per slider step, moving back and forth."""
    control = explorer.sliders[slider]
    values = np.linspace(control.min, control.max, steps)
    wall, cpu = [], []
    for value in values:
        start, start_cpu = time.perf_counter(), time.process_time()
        control.value = float(value)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return 1000 * float(np.median(wall)), 1000 * float(np.median(cpu))


def bench_neuron(name: str, make, slider: str, steps: int, rounds: int) -> None:
    ways = {"nnbook (in place)": NeuronExplorer, "full redraw": FullRedraw, "new figure": NewFigure}
    explorers = {way: make(cls) for way, cls in ways.items()}
    for explorer in explorers.values():  # warm up: fonts, caches, the first full draw
        time_steps(explorer, slider, 3)
    best = {way: (np.inf, np.inf) for way in ways}
    for _ in range(rounds):
        for way, explorer in explorers.items():
            wall, cpu = time_steps(explorer, slider, steps)
            if wall < best[way][0]:
                best[way] = (wall, cpu)
    base = best["nnbook (in place)"][0]
    print(f"\nNeuronExplorer, {name}: one step of the {slider!r} slider ({steps} steps x {rounds} rounds)")
    print(f"  {'':20s} {'ms/step':>9s} {'CPU ms':>8s} {'x nnbook':>9s}")
    for way, (wall, cpu) in best.items():
        print(f"  {way:20s} {wall:9.1f} {cpu:8.1f} {wall / base:9.1f}")
    verdict = "met" if base <= TARGET_MS else "NOT met"
    print(f"  target <= {TARGET_MS:.0f} ms per step: {verdict}")


def bench_network(rounds: int) -> None:
    network = nnbook.pretrained()
    canvas = DigitCanvas()
    NetworkExplorer(network, source=canvas)
    theta = np.linspace(0, 2 * np.pi, 80)
    strokes = [[[0.5, 0.15], [0.5, 0.85]], np.c_[0.5 + 0.2 * np.cos(theta), 0.5 + 0.3 * np.sin(theta)].tolist()]
    times = []
    for _ in range(rounds):
        for stroke in strokes:
            canvas.clear()
            start = time.perf_counter()
            canvas.strokes = [stroke]  # what arrives from the browser when the pen is lifted
            times.append(time.perf_counter() - start)
    print(f"\nNetworkExplorer fed by a DigitCanvas: one pen stroke (prepare the image, run the network, "
          f"redraw), median of {len(times)}: {1000 * np.median(times):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=40, help="slider steps per round (default 40)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, the ways taking turns (default 3)")
    args = parser.parse_args()
    print(f"nnbook {nnbook.__version__}, matplotlib {matplotlib.__version__}, numpy {np.__version__}, "
          f"Python {platform.python_version()} on {platform.machine()}")
    bench_neuron("one input", lambda cls: cls(weights=2.0, bias=-1.0), "bias", args.steps, args.rounds)
    bench_neuron("784 weights, 10 digits", lambda cls: cls(weights=detector(), bias=-10.0), "bias",
                 args.steps, args.rounds)
    bench_neuron("784 weights, 10 digits", lambda cls: cls(weights=detector(), bias=-10.0), "scale",
                 args.steps, args.rounds)
    bench_network(args.rounds)


if __name__ == "__main__":
    main()
