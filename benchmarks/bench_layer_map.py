"""How long does a LayerMap take to change layer in the kernel, and to be made? Timed side by side.

Run it with ``.venv/bin/python benchmarks/bench_layer_map.py`` (``--help``
for the options; ``--quick`` for a short run). The target is at most 100 ms
per layer change in the kernel.

A layer change is everything the kernel does when a layer button is
clicked: check the new layer, pick its dots, and turn the message for the
browser into bytes (the message is JSON-encoded, as Jupyter sends it; the
dots go as binary buffers). Three ways of doing it take turns, in one
process, stepping through every layer (pixels, layer 1, layer 2, outputs):

- nnbook: the map as shipped. Every layer's PCA and scores are worked out
  once, when the map is made; a change sends the precomputed dots, and the
  browser draws them.
- PNG redraw: the same precomputed dots, drawn by matplotlib in the kernel
  as one picture of both maps and sent as a PNG, updating the dots of an
  existing figure.
- recompute + PNG: what a plotting function called from a button would do:
  run both networks on the 2,000 digits, do the PCA of the layer and the
  nearest-dot scores again, and draw a new figure as a PNG.

Each way runs ``--rounds`` rounds of ``--changes`` changes; the report gives
the median change of the fastest round (slower rounds were slowed by
something else on the machine) and its slowest change, in wall-clock and
CPU milliseconds, and the ratio to nnbook. It also times making a map: the
first one in a session (which also does the PCA of the pixels, shared by
all later maps) and a later one.
"""

from __future__ import annotations

import argparse
import json
import platform
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

import nnbook
from nnbook.figures import STYLE
from nnbook.widgets import layer_map as module
from nnbook.widgets._display import new_figure, png_bytes
from nnbook.widgets.layer_map import DIGIT_COLOURS, LayerMap, neighbour_score, principal_plane

TARGET_MS = 100.0


class JsonEncoder:
    """Stands in for the kernel's side of a comm: encodes every message as Jupyter would, and counts the bytes."""

    def __init__(self):
        self.sent = 0

    def __call__(self, data=None, buffers=None, **kwargs):
        self.sent += len(json.dumps(data, separators=(",", ":"))) + sum(len(b) for b in buffers or [])


class ShippedWay:
    """The map as shipped: a change sets ``layer``; the message goes through a comm that encodes it."""

    def __init__(self):
        self.map = LayerMap()
        self.encoder = JsonEncoder()
        self.map.comm.send = self.encoder  # outside a kernel the comm would drop the message unencoded

    def change(self, layer: int) -> None:
        self.map.layer = layer


class PngWay:
    """The dots precomputed as in nnbook, but drawn in the kernel: both maps as one PNG per change."""

    def __init__(self):
        self.map = LayerMap()
        self.figure = new_figure((8.5, 4.2))
        with plt.rc_context(STYLE):
            axes = self.figure.subplots(1, 2)
        colours = [DIGIT_COLOURS[digit] for digit in self.map.labels]
        self.axes = axes
        self.dots = [ax.scatter(np.zeros(len(colours)), np.zeros(len(colours)), s=5, c=colours) for ax in axes]

    def change(self, layer: int) -> bytes:
        self.map.layer = layer
        for ax, dots, (name, points) in zip(self.axes, self.dots, self.map.coordinates.items()):
            dots.set_offsets(points)
            ax.set_xlim(points[:, 0].min(), points[:, 0].max())
            ax.set_ylim(points[:, 1].min(), points[:, 1].max())
            ax.set_title(f"{name}: {100 * self.map.scores[name][layer]:.0f}%")
        self.figure.canvas.draw()
        return png_bytes(self.figure.canvas)


class RecomputeWay:
    """Everything again at every change: the networks, the PCA, the scores, a new figure."""

    def __init__(self):
        images, self.labels = nnbook.load_digits("test")
        self.images = images.reshape(len(images), -1)
        self.networks = {"trained": nnbook.pretrained(), "untrained": nnbook.Network(seed=0)}
        self.colours = [DIGIT_COLOURS[digit] for digit in self.labels]

    def maps(self, layer: int) -> dict:
        """Each network's dots and score for ``layer``, worked out from scratch."""
        found = {}
        for name, network in self.networks.items():
            points = principal_plane(network.activations(self.images)[layer]).coordinates
            found[name] = (points, neighbour_score(points, self.labels))
        return found

    def change(self, layer: int) -> bytes:
        figure = new_figure((8.5, 4.2))
        with plt.rc_context(STYLE):
            axes = figure.subplots(1, 2)
            for ax, (name, (points, score)) in zip(axes, self.maps(layer).items()):
                ax.scatter(points[:, 0], points[:, 1], s=5, c=self.colours)
                ax.set_title(f"{name}: {100 * score:.0f}%")
        figure.canvas.draw()
        return png_bytes(figure.canvas)


def time_changes(way, changes: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each change, stepping through the four layers in turn."""
    wall, cpu = [], []
    for i in range(changes):
        layer = (i + 1) % 4
        start, start_cpu = time.perf_counter(), time.process_time()
        way.change(layer)
        wall.append(1000 * (time.perf_counter() - start))
        cpu.append(1000 * (time.process_time() - start_cpu))
    return wall, cpu


def bench_changes(changes: int, rounds: int) -> None:
    ways = {"nnbook (precomputed)": ShippedWay(), "PNG redraw": PngWay(), "recompute + PNG": RecomputeWay()}
    for way in ways.values():  # warm up: fonts, caches, the first draw
        time_changes(way, 4)
    best = {name: None for name in ways}
    for _ in range(rounds):
        for name, way in ways.items():
            wall, cpu = time_changes(way, changes)
            if best[name] is None or np.median(wall) < np.median(best[name][0]):
                best[name] = (wall, cpu)
    base = float(np.median(best["nnbook (precomputed)"][0]))
    print(f"\nLayerMap: one layer change in the kernel ({changes} changes x {rounds} rounds, "
          "through all four layers)")
    print(f"  {'':22s} {'ms/change':>10s} {'CPU ms':>8s} {'slowest ms':>11s} {'x nnbook':>9s}")
    for name, (wall, cpu) in best.items():
        print(f"  {name:22s} {np.median(wall):10.2f} {np.median(cpu):8.2f} {max(wall):11.2f} "
              f"{np.median(wall) / base:9.0f}")
    sent = ways["nnbook (precomputed)"].encoder.sent / (changes * rounds + 4)
    print(f"  nnbook sends {sent / 1024:.0f} KB per change (both maps' dots as 32-bit floats, and the words)")
    slowest = max(best["nnbook (precomputed)"][0])
    verdict = "met" if slowest <= TARGET_MS else "NOT met"
    print(f"  target <= {TARGET_MS:.0f} ms per change (every change of the fastest round): {verdict}")


def bench_construction(rounds: int) -> None:
    first, later = [], []
    for _ in range(rounds):
        module._pixel_map.cache_clear()  # as in a fresh session: the PCA of the pixels is done again
        for times in (first, later):
            start, start_cpu = time.perf_counter(), time.process_time()
            LayerMap()
            times.append((time.perf_counter() - start, time.process_time() - start_cpu))
    print(f"\nMaking a LayerMap (both networks on 2,000 digits, 7 PCAs, 7 scores), fastest of {rounds}:")
    for name, times in (("the first in a session", first), ("a later one", later)):
        wall, cpu = min(times)
        print(f"  {name:24s} {1000 * wall:7.0f} ms ({1000 * cpu:.0f} ms CPU)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=40, help="layer changes per round (default 40)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, the ways taking turns (default 3)")
    parser.add_argument("--quick", action="store_true", help="8 changes, 2 rounds: a quick look")
    args = parser.parse_args()
    changes, rounds = (8, 2) if args.quick else (args.changes, args.rounds)
    print(f"nnbook {nnbook.__version__}, matplotlib {matplotlib.__version__}, numpy {np.__version__}, "
          f"Python {platform.python_version()} on {platform.machine()}")
    bench_changes(changes, rounds)
    bench_construction(rounds)


if __name__ == "__main__":
    main()
