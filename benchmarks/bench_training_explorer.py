"""How fast does the TrainingExplorer train and draw, beside plain nnbook.train? Timed side by side.

Run it with ``.venv/bin/python benchmarks/bench_training_explorer.py``
(``--help`` for the options). The issue's targets, for the video's
784-16-16-10 network on the 8,000 training digits at batch size 32 in
float32:

- at least 10 frames a second drawn while it trains;
- at least 10 epochs a second while drawing;
- training inside the explorer at least two thirds as fast as plain train;
- and a pause that takes effect within 200 ms.

The contenders take turns, ``--rounds`` times, in one process:

- ``train, test=``: ``nnbook.train`` as notebook 09 calls it, with the test
  digits, so after every epoch it measures what the explorer measures (the
  cost on the training digits, the accuracy on the test digits);
- ``train``: the same without ``test=``, the least work train can do, so
  the stricter comparison. For both, epochs a second are the epochs after
  the first (which warms up) over their total time;
- ``explorer``: a TrainingExplorer playing at full speed for ``--seconds``
  on an asyncio event loop, the loop a notebook's kernel runs. Its epochs a
  second count every second of playing: the training, the measurements for
  the curves and the frames.

A frame is everything the kernel does for one picture: measure the cost and
the test accuracy (at full speed only if the last measurement is 0.1 s old:
an epoch's end, which measures anyway, comes every few frames), turn the
first layer's weights into colour indices, and send the state. Here no
browser listens, so "send" is what ipykernel does up to the socket: the
message packed as JSON by ``jupyter_client.Session``, with the binary
buffers beside it (their bytes are reported). The browser draws from those
numbers, which costs the kernel nothing. A pause (or any click, or another
widget's message) waits for the slice of training in progress, so the
longest slice is the longest such wait.

The report gives each contender's best round (slower rounds were slowed by
something else on the machine), in wall-clock and in CPU time, and whether
each target is met. On a busy machine the wall-clock ratios wander from run
to run; the CPU-time ratios (the time this process really computed) are
steadier.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import time

import comm
import numpy as np
from comm.base_comm import BaseComm
from jupyter_client.jsonutil import json_clean
from jupyter_client.session import Session

import nnbook
from nnbook.widgets.training_explorer import TrainingExplorer

BATCH_SIZE = 32
LEARNING_RATE = 3.0
TARGET_FPS = 10.0
TARGET_EPOCHS_PER_SECOND = 10.0
TARGET_SHARE = 2 / 3
PAUSE_LIMIT_MS = 200.0
SAID = {"train, test=": "train with test=", "train": "train without test="}


class PackingComm(BaseComm):
    """A comm that packs each message as ipykernel would before the socket, and counts the bytes."""

    session = Session(key=b"benchmark")
    sent_bytes = 0

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        content = json_clean(dict(data={} if data is None else data, comm_id=self.comm_id, **keys))
        message = self.session.msg(msg_type, content, metadata=metadata or {})
        frames = self.session.serialize(message)
        PackingComm.sent_bytes += sum(len(f) for f in frames) + sum(memoryview(b).nbytes for b in buffers or [])


class Instrumented(TrainingExplorer):
    """The explorer, with a stopwatch on its frames and on its slices of training."""

    def _start_clocks(self):
        self.frames, self.frame_seconds, self.slice_seconds, self.frame_bytes = 0, [], [], []
        self.measure_seconds = []

    def _measure(self):
        started, count = time.perf_counter(), len(self.history)
        result = super()._measure()
        if hasattr(self, "frames") and len(self.history) > count:
            self.measure_seconds.append(time.perf_counter() - started)
        return result

    def _train(self, steps):
        going = super()._train(steps)
        self._trained_at = time.perf_counter()
        return going

    def _draw(self):
        before = PackingComm.sent_bytes
        super()._draw()
        if hasattr(self, "frames"):
            self.frames += 1
            self.frame_bytes.append(PackingComm.sent_bytes - before)

    def _slice(self):
        started = time.perf_counter()
        super()._slice()
        if hasattr(self, "frames"):
            # The frame: from the end of the training to the state sent (a measurement for it, if any; the drawing).
            self.frame_seconds.append(time.perf_counter() - self._trained_at)
            self.slice_seconds.append(time.perf_counter() - started)


def play(explorer: Instrumented, seconds: float) -> dict:
    explorer.reset()
    explorer._start_clocks()

    async def playing():
        explorer.play()
        await asyncio.sleep(seconds)
        explorer.pause()

    wall, cpu = time.perf_counter(), time.process_time()
    asyncio.run(playing())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    epochs = explorer.steps_done / explorer.steps_per_epoch
    return {"epochs/s": epochs / wall, "epochs/s CPU": epochs / cpu, "fps": explorer.frames / wall,
            "frame ms": 1e3 * statistics.median(explorer.frame_seconds),
            "measure ms": 1e3 * statistics.median(explorer.measure_seconds),
            "longest slice ms": 1e3 * max(explorer.slice_seconds),
            "median slice ms": 1e3 * statistics.median(explorer.slice_seconds),
            "frame kB": statistics.median(explorer.frame_bytes) / 1e3, "accuracy": explorer.history.test_accuracy[-1],
            "epochs": epochs}


def plain_train(train_digits, test_digits, epochs: int, with_test: bool) -> dict:
    network = nnbook.Network(seed=0)
    cpu = [time.process_time()]
    history = nnbook.train(network, *train_digits, epochs=epochs, batch_size=BATCH_SIZE, learning_rate=LEARNING_RATE,
                           seed=0, test=test_digits if with_test else None,
                           progress=lambda history: cpu.append(time.process_time()))
    cpu = np.diff(cpu)
    warm = slice(1, None) if epochs > 1 else slice(None)  # the first epoch warms up
    # Epochs over total time, as for the explorer: every slow epoch counts, as every slow slice does there.
    return {"epochs/s": len(cpu[warm]) / sum(history.seconds[warm]), "epochs/s CPU": len(cpu[warm]) / sum(cpu[warm]),
            "accuracy": network.accuracy(*test_digits)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds, the contenders taking turns (default 5)")
    parser.add_argument("--seconds", type=float, default=2.0, help="seconds the explorer plays per round (default 2)")
    parser.add_argument("--epochs", type=int, default=20, help="epochs of plain train per round (default 20)")
    args = parser.parse_args()

    comm.create_comm = PackingComm
    train_digits, test_digits = nnbook.load_digits("train"), nnbook.load_digits("test")
    explorer = Instrumented(batch_size=BATCH_SIZE, learning_rate=LEARNING_RATE)
    print(f"nnbook {nnbook.__version__}, numpy {np.__version__}, Python {platform.python_version()} on "
          f"{platform.machine()}, {os.cpu_count()} logical CPUs, load average {os.getloadavg()[0]:.2f} (1 min)")
    print(f"784-16-16-10 sigmoid, {len(train_digits[1]):,} training digits, batch size {BATCH_SIZE}, learning rate "
          f"{LEARNING_RATE:g}, float32;\n{args.rounds} rounds: train {args.epochs} epochs with and without test=, "
          f"the explorer {args.seconds:g} s at full speed")

    contenders = {
        "train, test=": lambda: plain_train(train_digits, test_digits, args.epochs, with_test=True),
        "train": lambda: plain_train(train_digits, test_digits, args.epochs, with_test=False),
        "explorer": lambda: play(explorer, args.seconds),
    }
    best: dict[str, dict] = {}
    for _ in range(args.rounds):
        for name, run in contenders.items():
            result = run()
            if name not in best or result["epochs/s"] > best[name]["epochs/s"]:
                best[name] = result
    print(f"load average after: {os.getloadavg()[0]:.2f}\n")

    print(f"  {'':14s} {'epochs/s':>9s} {'CPU ep/s':>9s} {'frames/s':>9s} {'ms/frame':>9s} {'kB/frame':>9s} "
          f"{'slice ms':>13s} {'test acc.':>9s}")
    for name, r in best.items():
        frames = " " * 44
        if "fps" in r:
            frames = (f"{r['fps']:9.1f} {r['frame ms']:9.2f} {r['frame kB']:9.1f} "
                      f"{r['median slice ms']:6.1f}/{r['longest slice ms']:<6.1f}")
        print(f"  {name:14s} {r['epochs/s']:9.1f} {r['epochs/s CPU']:9.1f} {frames} {r['accuracy']:9.1%}")
    print("  ms/frame: the kernel's time from the end of a slice of training to the frame sent (median).")
    print("  slice ms: median/longest time the kernel is busy between two frames; a click waits at most that long.")
    print(f"  One measurement (cost on the 8,000 training digits, accuracy on the 2,000 test digits), made at every "
          f"epoch's end\n  and for a frame if the last is 0.1 s old (every frame below full speed): "
          f"{best['explorer']['measure ms']:.1f} ms (median).\n")

    ours = best["explorer"]
    shares = {name: (ours["epochs/s"] / best[name]["epochs/s"], ours["epochs/s CPU"] / best[name]["epochs/s CPU"])
              for name in ("train, test=", "train")}
    checks = [
        (f"frames drawn while training: {ours['fps']:.1f} a second (kernel {ours['frame ms']:.1f} ms per frame)",
         ours["fps"] >= TARGET_FPS, f">= {TARGET_FPS:g}"),
        (f"epochs a second while drawing: {ours['epochs/s']:.1f}", ours["epochs/s"] >= TARGET_EPOCHS_PER_SECOND,
         f">= {TARGET_EPOCHS_PER_SECOND:g}"),
        *[(f"explorer's speed / {SAID[name]}: {wall:.2f} (wall), {cpu:.2f} (CPU)", wall >= TARGET_SHARE,
           ">= 0.67 (wall)") for name, (wall, cpu) in shares.items()],
        (f"longest wait for a pause: {ours['longest slice ms']:.0f} ms", ours["longest slice ms"] <= PAUSE_LIMIT_MS,
         f"<= {PAUSE_LIMIT_MS:g} ms"),
    ]
    for text, met, target in checks:
        print(f"  {text}; target {target}: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
