"""How long does one step of the ForwardPassStepper take in the kernel? Timed side by side with PNG pictures.

Run it with ``.venv/bin/python benchmarks/bench_forward_pass_stepper.py``
(``--help`` for the options). The target is at most 16 ms per step: one frame
at 60 frames a second, so that holding down → or playing fast never waits
for the kernel.

A step, in the kernel, runs from the browser's request (a widget message
that sets ``step``, handed to the widget as ipykernel hands it) to the
message with the step's content leaving for the browser, serialised as
ipykernel's session serialises it (JSON for the text, the binary parts as
they are, and the HMAC signature); only the socket write is left out. Three
ways take turns, in one process, on test digit 0 and the trained
784-16-16-10 network:

- nnbook: the stepper as shipped. The kernel sends the step's numbers (about
  13 KB of 64-bit floats) and the browser draws them.
- PNG, redrawn in place: the kernel draws the step as a matplotlib picture
  (the input, the row of W, the products, the sums so far and the caption)
  and sends the PNG, the way the course's other widgets do, with their best
  trick: the still part is drawn once, each step draws only what moves
  (``LiveFigure``).
- PNG, full redraw: the same picture drawn whole at every step.

Each way walks all 49 steps forward and back (``--quick``: steps 0-12),
``--rounds`` times; the report gives the median step of its fastest round
(slower rounds were slowed by something else on the machine), the slowest
step of that round, and the bytes sent per step. It also times a new drawing arriving from a DigitCanvas
(prepare the image, work out the whole forward pass, send step 0).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import platform
import time

import matplotlib

matplotlib.use("Agg")

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
from comm import get_comm_manager
from comm.base_comm import BaseComm
from jupyter_client.session import json_packer

import nnbook
from nnbook.figures import ACTIVATION_CMAP, HIGHLIGHT, STYLE, WEIGHT_CMAP
from nnbook.widgets._display import LiveFigure, new_figure
from nnbook.widgets.digit_canvas import DigitCanvas
from nnbook.widgets.forward_pass_stepper import ForwardPassStepper

TARGET_MS = 16.0


class KernelLikeComm(BaseComm):
    """A comm that serialises and signs each message as ipykernel's session does, then drops it."""

    def __init__(self):
        self.sent = []  # bytes per message
        self._key = hmac.new(b"benchmark-key", digestmod=hashlib.sha256)
        super().__init__(primary=False)
        get_comm_manager().register_comm(self)  # so that the widget can close it at the end

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        header = {"msg_id": "0" * 32, "msg_type": msg_type, "username": "kernel", "session": "0" * 32,
                  "date": "2024-01-01T00:00:00Z", "version": "5.3"}
        parts = [json_packer(header), json_packer({}), json_packer(metadata or {}),
                 json_packer({"data": data, "comm_id": self.comm_id, **keys})]
        signature = self._key.copy()
        for part in parts:
            signature.update(part)
        signature.hexdigest()
        payload = [memoryview(buffer).cast("B") for buffer in buffers or []]
        self.sent.append(sum(map(len, parts)) + sum(map(len, payload)))


def request(widget, step: int) -> None:
    """What ipykernel does when the browser sets ``step``: hand the message to the widget."""
    widget._handle_msg({"content": {"data": {"method": "update", "state": {"step": step}}}, "buffers": []})


class PngStepper(ipywidgets.Image):
    """The baseline: the same steps, each drawn by matplotlib as a PNG and sent as an image widget's value."""

    def __init__(self, network, digit, full_redraw: bool):
        super().__init__(format="png")
        self.numbers = ForwardPassStepper(network, digit=digit)
        self.full_redraw = full_redraw
        self.figure = new_figure((9.0, 3.6))
        with plt.rc_context(STYLE):
            axes = self.figure.subplots(1, 4, gridspec_kw={"width_ratios": [1, 1, 1, 1.4]})
            blank = np.zeros((28, 28))
            self._input = axes[0].imshow(self.numbers.image, cmap=ACTIVATION_CMAP, vmin=0, vmax=1)
            self._row = axes[1].imshow(blank, cmap=WEIGHT_CMAP, vmin=-1, vmax=1)
            self._products = axes[2].imshow(blank, cmap=WEIGHT_CMAP, vmin=-1, vmax=1)
            for ax, title in zip(axes[:3], ["a(0)", "row of W", "pixel × weight"]):
                ax.set_title(title)
                ax.set_xticks([])
                ax.set_yticks([])
            self._bars = axes[3].bar(range(16), np.zeros(16), color="0.6")
            axes[3].set_ylim(-25, 25)
            axes[3].set_title("the sums so far")
            self._caption = self.figure.text(0.01, 0.97, "", va="top", fontsize=10)
        self._live = LiveFigure(self.figure, [self._row, self._products, *self._bars, self._caption])

    def _handle_msg(self, msg):
        self.draw(msg["content"]["data"]["state"]["step"])

    def draw(self, step: int) -> None:
        state = self.numbers._state(step)
        layer = state.layer
        before = state.activations[layer - 1] if layer - 1 < len(state.activations) else state.activations[-1]
        if state.kind == "row":
            row = self.numbers.network.weights[layer - 1][state.neuron]
            shape = (28, 28) if row.size == 784 else (1, row.size)
            limit = float(np.abs(row).max())
            self._row.set_data(row.reshape(shape))
            self._row.set_clim(-limit, limit)
            products = row * before
            self._products.set_data(products.reshape(shape))
            self._products.set_clim(-float(np.abs(products).max()), float(np.abs(products).max()))
        sums = np.nan_to_num(state.weighted_sums if state.kind in ("row", "input") else state.z)
        for j, bar in enumerate(self._bars):
            bar.set_height(sums[j] if j < len(sums) else 0.0)
            bar.set_color(HIGHLIGHT if j == state.neuron else "0.6")
        self._caption.set_text(state.caption)
        if self.full_redraw:
            self._live._still = None  # forget the still part: LiveFigure then draws everything
        self.value = self._live.png()


def walk(widget, last: int) -> tuple[list[float], list[float], list[int]]:
    """Wall-clock and CPU milliseconds and bytes sent, per step, from step 0 to ``last`` and back."""
    times, cpu, sent = [], [], []
    for step in [*range(1, last + 1), *range(last - 1, -1, -1)]:
        widget.comm.sent.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        request(widget, step)
        times.append(1000 * (time.perf_counter() - start))
        cpu.append(1000 * (time.process_time() - start_cpu))
        sent.append(sum(widget.comm.sent))
    return times, cpu, sent


def bench_steps(rounds: int, quick: bool) -> None:
    network = nnbook.pretrained()
    ways = {
        "nnbook (numbers)": ForwardPassStepper(network, digit=0),
        "PNG, redrawn in place": PngStepper(network, 0, full_redraw=False),
        "PNG, full redraw": PngStepper(network, 0, full_redraw=True),
    }
    for widget in ways.values():
        widget.comm = KernelLikeComm()
    n_steps = 12 if quick else ways["nnbook (numbers)"].n_steps
    for widget in ways.values():  # warm up: fonts, caches, the first full draw
        walk(widget, n_steps)
    best = {way: None for way in ways}
    for _ in range(rounds):
        for way, widget in ways.items():
            measured = walk(widget, n_steps)
            if best[way] is None or np.median(measured[0]) < np.median(best[way][0]):
                best[way] = measured
    base = float(np.median(best["nnbook (numbers)"][0]))
    print(f"\nOne step of the forward pass, request to message sent ({2 * n_steps} steps x {rounds} rounds, "
          "fastest round)")
    print(f"  {'':24s} {'median ms':>10s} {'CPU ms':>7s} {'slowest ms':>11s} {'slowest CPU':>12s} "
          f"{'KB/step':>8s} {'x nnbook':>9s}")
    for way, (times, cpu, sent) in best.items():
        median = float(np.median(times))
        print(f"  {way:24s} {median:10.2f} {np.median(cpu):7.2f} {max(times):11.2f} {max(cpu):12.2f} "
              f"{np.median(sent) / 1000:8.1f} {median / base:9.1f}")
    times, cpu, _ = best["nnbook (numbers)"]
    print(f"  target <= {TARGET_MS:.0f} ms per step: {'met' if base <= TARGET_MS else 'NOT met'} "
          f"(median {base:.2f} ms; every step: {'met' if max(times) <= TARGET_MS else 'NOT met'}, "
          f"the slowest took {max(times):.2f} ms, {max(cpu):.2f} ms of it on the CPU)")


def bench_canvas(rounds: int) -> None:
    canvas = DigitCanvas()
    stepper = ForwardPassStepper(nnbook.pretrained(), digit=canvas)
    stepper.comm = KernelLikeComm()
    theta = np.linspace(0, 2 * np.pi, 80)
    strokes = [[[0.5, 0.15], [0.5, 0.85]], np.c_[0.5 + 0.2 * np.cos(theta), 0.5 + 0.3 * np.sin(theta)].tolist()]
    whole, own = [], []
    for _ in range(rounds * 5):
        for stroke in strokes:
            stepper.step = 20
            start = time.perf_counter()
            canvas.strokes = [stroke]  # what arrives from the browser when the pen is lifted
            whole.append(1000 * (time.perf_counter() - start))
            stepper.step = 20
            start = time.perf_counter()
            stepper._follow_canvas({"new": canvas.image})  # the stepper's part alone
            own.append(1000 * (time.perf_counter() - start))
            canvas.clear()
    print(f"\nA new drawing from a DigitCanvas, median of {len(whole)}: {np.median(whole):.1f} ms in all "
          f"(the canvas prepares the image as MNIST's were), of which the stepper's part (work out the whole "
          f"forward pass, send step 0) {np.median(own):.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds, the ways taking turns (default 3)")
    parser.add_argument("--quick", action="store_true", help="only steps 0-12 and back (a check that it runs)")
    args = parser.parse_args()
    print(f"nnbook {nnbook.__version__}, matplotlib {matplotlib.__version__}, numpy {np.__version__}, "
          f"Python {platform.python_version()} on {platform.machine()}")
    bench_steps(args.rounds, args.quick)
    bench_canvas(args.rounds)


if __name__ == "__main__":
    main()
