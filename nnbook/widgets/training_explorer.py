"""TrainingExplorer: press play and watch a network learn from the 8,000 training digits."""

from __future__ import annotations

import asyncio
import pathlib
import time

import anywidget
import matplotlib.pyplot as plt
import numpy as np
import traitlets

from .._validate import choice, describe, positive_float, positive_int
from .._validate import seed as check_seed
from ..activations import ACTIVATIONS
from ..data import load_digits
from ..figures import WEIGHT_CMAP
from ..language import tr
from ..network import Network
from ..training import History, _diverged, _examples, _Stepper
from ._display import count, replace_plain_text, slots

HERE = pathlib.Path(__file__).resolve().parent

SUGGESTED_RATES = {"sigmoid": 3.0, "relu": 0.5}
"""A learning rate that learns well at batch size 32 for each activation (measured: test accuracy after 2 epochs,
88.6% for sigmoid at 3.0, 88.4% for ReLU at 0.5); switching the activation switches to its rate."""

SPEEDS = (1, 3, 10, 30, 100, 300, None)
"""The speed control's stops, in mini-batches a second; None is as fast as the computer can."""

FRAMES_PER_SECOND = 20
"""Below full speed, at most this many frames a second: smooth enough, and the rest of the time is free."""

CHUNK_SECONDS = 0.03
"""At full speed, train this long between two frames. It also bounds how long a click waits for the kernel."""

MEASURE_SECONDS = 0.1
"""At full speed, measure for a frame only if the last measurement is older than this: measuring costs as much
as a third of an epoch, and an epoch's end, which measures anyway, comes every few frames."""

CHUNK_IMAGES = 320
"""At full speed, look at the clock after this many images (10 mini-batches of 32)."""

CURVE_POINTS = 600
"""At most this many points of the curves go to the browser with each frame (about one per pixel)."""

TRAINING_DIGITS = 8000
"""How many digits ``nnbook.load_digits("train")`` holds; a mini-batch holds at most all of them."""

DTYPE = np.dtype("float32")
"""The number type training uses: the default of nnbook.train."""

def no_widgets_training() -> str:
    """The explorer's text for viewers without widgets."""
    return tr(
        "You are reading this text because this viewer cannot show interactive widgets.\n"
        "The training explorer moves only in a running notebook (JupyterLab, Colab, Binder): run the cell there.\n"
        "Or train with the same arithmetic and plot the history yourself:\n"
        "    images, labels = nnbook.load_digits('train')\n"
        "    network = nnbook.Network(seed=0)\n"
        "    history = nnbook.train(network, images, labels, epochs=5, batch_size=32, learning_rate=3.0, seed=0,\n"
        "                           test=nnbook.load_digits('test'))"
    )


class _Checked(traitlets.TraitType):
    """A trait checked by nnbook's own checks, so that a bad value gets nnbook's clear message."""

    def __init__(self, check, default_value, **kwargs):
        super().__init__(default_value=default_value, **kwargs)
        self._check = check

    def validate(self, obj, value):
        return self._check(value)


def _speed(value):
    if value is None:
        return None
    return positive_int(value, tr("speed (mini-batches a second, or None for full speed)"))


class LiveHistory:
    """What the explorer measured so far: one entry per measurement, oldest first.

    The cost (the video's, averaged over all 8,000 training digits) and the
    accuracy on the training and on the 2,000 test digits are measured at the
    start, at the end of every epoch (as ``nnbook.train`` does), after every
    ``step_batch``, and while it plays: for every frame below full speed
    (after every step in slow motion, so the curves move even then), and at
    full speed at least 10 times a second. Which steps get a measurement
    while it plays depends on the clock; the ends of epochs do not.
    ``epochs`` counts whole and part epochs: 2.5 is half-way through the third.
    ``by_epoch`` holds only the ends of epochs, exactly what ``nnbook.train``
    returns for the same network, seed and settings.
    """

    def __init__(self, has_test: bool = True):
        self.steps: list[int] = []
        self.epochs: list[float] = []
        self.cost: list[float] = []
        self.train_accuracy: list[float] = []
        self.test_accuracy: list[float] = []
        self.by_epoch = History("quadratic", has_test=has_test)

    def __len__(self) -> int:
        return len(self.steps)

    def _add(self, steps, epochs, measurement):
        self.steps.append(int(steps))
        self.epochs.append(float(epochs))
        self.cost.append(float(measurement.cost))
        self.train_accuracy.append(float(measurement.train_accuracy))
        self.test_accuracy.append(float(measurement.test_accuracy))

    def __repr__(self) -> str:
        if not self.steps:
            return tr("LiveHistory(nothing measured yet)")
        return tr("LiveHistory({n} measurements; after {steps} mini-batches (epoch {epoch:.2f}): cost {cost:.4f}, "
                  "test accuracy {accuracy:.1%})", n=len(self), steps=count(self.steps[-1]), epoch=self.epochs[-1],
                  cost=self.cost[-1], accuracy=self.test_accuracy[-1])


class TrainingExplorer(anywidget.AnyWidget):
    """Press play and watch a 784-16-16-10 network learn to read digits.

        explorer = nnbook.widgets.TrainingExplorer()
        explorer

    The network starts untrained (``nnbook.Network(seed=0)``: random weights,
    zero biases) and learns from the 8,000 training digits by mini-batch
    gradient descent, with the very same code as ``nnbook.train``: after the
    same steps, its weights are the same, bit for bit. While it learns you see

    - the weights of the 16 first-layer neurons as 28×28 pictures (blue
      positive, red negative, white zero; one colour scale for all 16, its
      limit written beside them): noise at first, then strokes and blobs;
    - the cost, averaged over all 8,000 training digits, falling;
    - the accuracy on the 2,000 test digits, which it never learns from,
      climbing. Both are measured at the end of every epoch and in between,
      at least 10 times a second while it plays (see :class:`LiveHistory`).

    The buttons: play and pause, one mini-batch step, to the end of the epoch
    (one whole epoch from its start), and reset, which goes back to the very
    same start: the same weights and the same shuffled order of the digits.
    The speed control goes from slow motion (one mini-batch a second) to full
    speed. The learning rate can change while it plays. Changing the batch
    size or the activation (sigmoid or ReLU) starts again from the
    beginning; a new activation also brings its suggested learning rate
    (3 for sigmoid, 0.5 for ReLU). If training blows up (try a learning
    rate of 100), it stops with the same message ``nnbook.train`` gives and
    goes back to the last weights that were still fine.

    How it stays responsive: the training runs in the kernel itself, in
    slices. Each slice trains for at most 30 ms, sends one frame (the
    weights as one byte per weight, the curves as numbers; the browser draws
    them), and hands the kernel back to everything else before the next
    slice starts. So a click on pause, another widget, or a cell you run in
    between waits at most one slice, and nothing ever runs at the same time
    as training: a pause always falls between two steps, and what Python
    reads (``network``, ``history``) is never half-way through one. (A
    background thread would not give that, and its many small numpy calls
    would share Python's lock with the kernel's answers.) The numbers are
    32-bit, as ``nnbook.train`` computes by default.

    When nobody can see it any more (its cell's output cleared, or the cell
    run again), it pauses by itself instead of training on unseen.

    The same from Python, for teachers and tests: ``play()``, ``pause()``,
    ``step_batch()``, ``step_epoch()``, ``reset()``; ``network`` (a copy of
    the weights now), ``history``, ``steps_done``; and the settings
    ``learning_rate``, ``batch_size``, ``activation``, ``speed``.

    Parameters
    ----------
    network : Network, optional
        The starting network, which must read 28×28 images (784 inputs) and
        answer with 10 outputs. It is copied, never changed. By default a
        fresh, untrained ``Network(activation=activation, seed=seed)``.
    learning_rate : float, optional
        By default the suggested rate for the activation (3.0 or 0.5).
    batch_size : int
        Digits per mini-batch, 32 by default: 250 steps make one epoch.
    activation : "sigmoid" or "relu"
        The hidden layers' activation; by default the network's.
    seed : int
        Shuffles the digits (and draws the default network's weights).
    speed : int or None
        Mini-batches a second, or None (the default) for full speed.

    Attributes
    ----------
    error : TrainingDiverged or None
        Why training stopped, if it blew up; None otherwise.
    """

    _esm = HERE / "training_explorer.js"
    _css = HERE / "training_explorer.css"

    playing = traitlets.Bool(False).tag(sync=True)
    learning_rate = _Checked(lambda value: positive_float(value, "learning_rate"), 3.0).tag(sync=True)
    batch_size = _Checked(lambda value: positive_int(value, "batch_size"), 32).tag(sync=True)
    activation = _Checked(lambda value: choice(value, "activation", tuple(ACTIVATIONS)), "sigmoid").tag(sync=True)
    speed = _Checked(_speed, None, allow_none=True).tag(sync=True)

    # What the browser draws: colours for the weights, then one frame at a time.
    _palette = traitlets.Bytes().tag(sync=True)
    _speeds = traitlets.List(SPEEDS).tag(sync=True)
    _weights = traitlets.Bytes().tag(sync=True)
    _curve = traitlets.Bytes().tag(sync=True)
    _readout = traitlets.Dict().tag(sync=True)
    # The words the browser writes, in the language of the moment the explorer is made (see _display.slots).
    _texts = traitlets.Dict().tag(sync=True)

    def __init__(self, network=None, *, learning_rate=None, batch_size=32, activation=None, seed=0, speed=None,
                 **kwargs):
        if network is not None:
            if not isinstance(network, Network):
                raise TypeError(f"network must be an nnbook.Network or None (a fresh one), got {describe(network)}")
            network._check_parameters()
            if network.sizes[0] != 784 or network.sizes[-1] != 10:
                raise ValueError("network must read 28×28 images (784 inputs) and answer with 10 outputs (one per "
                                 f"digit), got a network with sizes {network.sizes}")
        self._seed = check_seed(seed)
        self._given = None if network is None else network.copy()
        if activation is None:
            activation = "sigmoid" if network is None else network.activation
        activation = choice(activation, "activation", tuple(ACTIVATIONS))
        if learning_rate is None:
            learning_rate = SUGGESTED_RATES[activation]
        train_images, train_labels = load_digits("train")
        self._ready = False  # the settings' observers wait until everything below exists
        self._loop = None
        self._timer = None
        super().__init__(learning_rate=learning_rate, batch_size=batch_size, activation=activation, speed=speed,
                         _texts=_texts(), **kwargs)
        probe = Network(seed=0)
        self._x, self._targets, self._labels = _examples(probe, train_images, train_labels, "images", "labels", DTYPE)
        test_x, _, test_y = _examples(probe, *load_digits("test"), tr("test images"), tr("test labels"), DTYPE)
        self._test = (test_x, test_y)
        colours = plt.get_cmap(WEIGHT_CMAP)(np.linspace(0.0, 1.0, 256))[:, :3]
        self._palette = np.round(colours * 255).astype(np.uint8).tobytes()
        self.on_msg(self._on_message)
        self._view_count = 0  # the browser counts the explorer's views from now on
        self._ready = True
        self.reset()

    # --- the Python API -----------------------------------------------------------------------------

    @property
    def network(self) -> Network:
        """A copy of the network as it is now: change it freely, the explorer keeps training its own.

        Its arrays are 64-bit, as every network's, holding the 32-bit numbers training computes with; so even
        before the first step its weights are the starting ones rounded to 7 digits, as ``nnbook.train`` has them.
        """
        network = self._start.copy()
        self._stepper.params.copy_to(network)
        return network

    @property
    def history(self) -> LiveHistory:
        """The cost and accuracies measured so far (see :class:`LiveHistory`)."""
        return self._history

    @property
    def steps_done(self) -> int:
        """Mini-batch steps taken since the start (or the last reset)."""
        return self._stepper.steps_done

    @property
    def epochs_done(self) -> int:
        """Whole epochs finished since the start (or the last reset)."""
        return self._stepper.epochs_done

    @property
    def steps_per_epoch(self) -> int:
        """Mini-batches in one epoch: 8,000 digits / batch size, rounded up."""
        return self._stepper.steps_per_epoch

    def play(self) -> None:
        """Train on and on, drawing as it goes, until :meth:`pause` (or the pause button)."""
        self.playing = True

    def pause(self) -> None:
        """Stop after the step in progress: when this returns, no further step runs."""
        self.playing = False

    def step_batch(self) -> None:
        """One gradient-descent step on the next mini-batch, then measure and draw. Pauses first."""
        self.pause()
        self.error = None
        if self._train(1):
            self._measure()
        self._draw()

    def step_epoch(self) -> None:
        """Train to the end of this epoch (a whole epoch from its start), then measure and draw. Pauses first."""
        self.pause()
        self.error = None
        self._train(None)
        self._draw()

    def reset(self) -> None:
        """Back to the very same start: the starting weights, and the digits shuffled in the same order."""
        self.pause()
        if self._given is None:
            self._start = Network(activation=self.activation, seed=self._seed)
        else:
            self._start = self._given.copy()
            self._start.activation = self.activation
        self._stepper = _Stepper(self._start, self._x, self._targets, self._labels, batch_size=self.batch_size,
                                 learning_rate=self.learning_rate, seed=self._seed, cost="quadratic", dtype=DTYPE)
        self._history = LiveHistory()
        self._epoch_seconds = 0.0
        self._good = None
        self.error = None
        self._measure()
        self._draw()

    def close(self) -> None:
        """Pause, then close the widget (its views disappear)."""
        self.pause()
        super().close()

    # --- the settings ------------------------------------------------------------------------------

    @traitlets.validate("batch_size")
    def _at_most_all_digits(self, proposal):
        if proposal["value"] > TRAINING_DIGITS:
            raise ValueError(f"batch_size must be at most {TRAINING_DIGITS:,}, the number of training digits; "
                             f"got {proposal['value']:,}")
        return proposal["value"]

    @traitlets.observe("learning_rate")
    def _new_rate(self, change):
        if self._ready:
            self._stepper.learning_rate = change["new"]
            self._draw()

    @traitlets.observe("batch_size")
    def _new_batch_size(self, change):
        if self._ready:
            self.reset()

    @traitlets.observe("activation")
    def _new_activation(self, change):
        if self._ready:
            self.learning_rate = SUGGESTED_RATES[change["new"]]
            self.reset()

    @traitlets.observe("speed")
    def _new_speed(self, change):
        if self._ready:
            self._draw()

    @traitlets.observe("_view_count")
    def _watched(self, change):
        if change["old"] and not change["new"]:  # its last view went (the cell re-run or cleared): nobody watches
            self.pause()

    @traitlets.observe("playing")
    def _play_or_pause(self, change):
        if change["new"]:
            self._start_playing()
        else:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._ready:
                self._measure()  # the numbers shown while paused belong to the weights shown
                self._draw()

    # --- playing: slices of training on the kernel's event loop ----------------------------------------

    def _start_playing(self):
        try:
            self._loop = asyncio.get_running_loop()
        except RuntimeError:
            self.playing = False
            raise RuntimeError("play() needs a running event loop, as a notebook's kernel has; in a script, "
                               "call step_epoch() or step_batch() instead") from None
        self.error = None
        self._owed = 0.0
        if self._timer is None:
            self._timer = self._loop.call_soon(self._slice)

    def _slice(self):
        """Train for one slice, draw one frame, and book the next slice."""
        self._timer = None
        if not self.playing:
            return
        started = time.perf_counter()
        speed = self.speed
        if speed is None:
            slice_steps = max(1, CHUNK_IMAGES // self.batch_size)
            going = True
            while going and time.perf_counter() - started < CHUNK_SECONDS:
                going = self._train(slice_steps)
            wait = 0.0
        else:
            interval = max(1.0 / speed, 1.0 / FRAMES_PER_SECOND)
            self._owed += speed * interval
            steps = int(self._owed)
            self._owed -= steps
            going = self._train(steps) if steps else True
            wait = interval
        if going and (speed is not None or time.perf_counter() - self._measured_at >= MEASURE_SECONDS):
            self._measure()
        self._draw()
        if self.playing:
            self._timer = self._loop.call_later(max(0.0, wait - (time.perf_counter() - started)), self._slice)

    # --- training, measuring, drawing --------------------------------------------------------------------

    def _train(self, steps) -> bool:
        """Take ``steps`` steps (None: to the end of this epoch), measuring at each epoch's end; False if it blew up."""
        stepper = self._stepper
        while steps is None or steps > 0:
            started = time.perf_counter()
            taken = stepper.run(steps)
            self._epoch_seconds += time.perf_counter() - started
            if stepper.position == 0 and not self._measure():  # an epoch ended: measure, as train does
                return False
            if steps is None:
                return True
            steps -= taken
        return True

    def _measure(self) -> bool:
        """Measure the cost and the accuracies now; on divergence go back to the last good state and stop."""
        stepper, history = self._stepper, self._history
        if history.steps and history.steps[-1] == stepper.steps_done:
            return True
        started = time.perf_counter()
        measurement = stepper.measure(self._test)
        if measurement.problem and self._good is not None:  # the start counts as good, whatever it is
            self._diverged(measurement.problem)
            return False
        self._good, self._good_steps = stepper.snapshot(), stepper.steps_done
        self._measured_at = time.perf_counter()
        history._add(stepper.steps_done, stepper.steps_done / stepper.steps_per_epoch, measurement)
        if stepper.position == 0 and stepper.epochs_done > len(history.by_epoch):
            seconds = self._epoch_seconds + time.perf_counter() - started
            history.by_epoch._add(measurement.cost, measurement.train_accuracy, measurement.test_accuracy, seconds)
            self._epoch_seconds = 0.0
        return True

    def _diverged(self, problem: str) -> None:
        stepper, history = self._stepper, self._history
        epoch = -(-stepper.steps_done // stepper.steps_per_epoch)
        if self._good_steps % stepper.steps_per_epoch:
            whole, part = divmod(self._good_steps, stepper.steps_per_epoch)
            kept = tr("after mini-batch {part} of epoch {epoch}, its last measurement that went well", part=part,
                      epoch=whole + 1)
        else:
            kept = None  # the end of an epoch, or the start: what train says
        self.error = _diverged(epoch, problem, stepper.learning_rate, history.by_epoch, kept=kept)
        stepper.restore(self._good)
        self.playing = False

    def _draw(self) -> None:
        """Send the browser one frame: the first layer's weights as colours, the curves, the numbers."""
        stepper, history = self._stepper, self._history
        weights = stepper.params.weights[0]
        largest = float(np.abs(weights).max())
        limit = largest if largest > 0 else 1.0
        # The colour of weight w is the colormap at (w + limit) / 2 limit, exactly as matplotlib picks it.
        index = np.floor(weights * np.float32(128.0 / limit) + np.float32(128.0))
        np.clip(index, 0, 255, out=index)
        curve = np.column_stack([history.epochs, history.cost, history.test_accuracy]).astype(np.float32)
        if len(curve) > CURVE_POINTS:
            curve = curve[np.linspace(0, len(curve) - 1, CURVE_POINTS).round().astype(int)]
        last = -1 if history.steps else None
        readout = {
            "steps": stepper.steps_done,
            "epoch": stepper.steps_done / stepper.steps_per_epoch,
            "steps_per_epoch": stepper.steps_per_epoch,
            "images": len(self._labels),
            "test_images": len(self._test[1]),
            "steps_text": count(stepper.steps_done),
            "images_text": count(len(self._labels)),
            "test_images_text": count(len(self._test[1])),
            "neurons": int(weights.shape[0]),
            "limit": limit,
            "cost": history.cost[last] if last is not None else None,
            "test_accuracy": history.test_accuracy[last] if last is not None else None,
            "train_accuracy": history.train_accuracy[last] if last is not None else None,
            "error": "" if self.error is None else str(self.error),
            "suggested": SUGGESTED_RATES[self.activation],
        }
        with self.hold_sync():
            self._weights = index.astype(np.uint8).tobytes()
            self._curve = curve.tobytes()
            self._readout = readout

    def _on_message(self, widget, content, buffers):
        """The buttons that act once (step, epoch, reset), and the browser's hello when it draws the explorer."""
        if not isinstance(content, dict):
            return
        action = content.get("action")
        if action == "step_batch":
            self.step_batch()
        elif action == "step_epoch":
            self.step_epoch()
        elif action == "reset":
            self.reset()
        elif content.get("type") == "hello":  # an answer proves a kernel is there to move it
            self.send({"type": "alive"})

    def __repr__(self) -> str:
        network = "-".join(map(str, self._start.sizes))
        return tr("TrainingExplorer({network} {activation}, {steps} mini-batches of {size} (epoch {epoch:.2f}), "
                  "learning rate {rate:g})", network=network, activation=self.activation, steps=count(self.steps_done),
                  size=self.batch_size, epoch=self.steps_done / self.steps_per_epoch, rate=self.learning_rate)

    def _repr_mimebundle_(self, **kwargs):
        text = tr("{explorer}: watch a network learn from the 8,000 training digits.\n",
                  explorer=repr(self)) + no_widgets_training()
        return replace_plain_text(super()._repr_mimebundle_(**kwargs), text)


def _texts() -> dict[str, str]:
    """What training_explorer.js writes, in the current language; {name}: a value the browser fills in."""
    return {
        "play": tr("▶ Play"),
        "pause": tr("❚❚ Pause"),
        "step": tr("+1 mini-batch"),
        "epoch": tr("+1 epoch"),
        "reset": tr("↺ Reset"),
        "step_title": tr("One step downhill on the next mini-batch of digits"),
        "epoch_title": tr("Train to the end of this epoch: once through all the training digits"),
        "reset_title": tr("Back to the same start: the same starting weights, the digits shuffled in the same order"),
        "speed": tr("speed"),
        "full_speed": tr("full speed"),
        "one_per_second": tr("1 mini-batch a second (slow motion)"),
        "per_second": tr("{speed} mini-batches a second", **slots("speed")),
        "learning_rate": tr("learning rate"),
        "batch_size": tr("batch size"),
        "activation": tr("activation"),
        "sigmoid": tr("sigmoid"),
        "note": tr("Changing the batch size or the activation starts again from the beginning (reset)."),
        "saved": tr("A saved picture: the training explorer moves only in a running notebook (JupyterLab, Colab, "
                    "Binder). Run the cell to use it."),
        "weights_title": tr("The weights of the {n} first-layer neurons", **slots("n")),
        "weights_legend": tr("one picture per neuron, one square per pixel; blue positive, red negative, white 0 "
                             "(colours up to ±{limit})", **slots("limit")),
        "weights_label": tr("The weights of the {n} first-layer neurons as 28 by 28 pictures", **slots("n")),
        "epochs": tr("epochs"),
        "cost_title": tr("cost on the {images} training digits (lower is better)", **slots("images")),
        "accuracy_title": tr("accuracy on the {tests} test digits, never trained on", **slots("tests")),
        "cost_label": tr("The cost after each measurement, {n} points", **slots("n")),
        "accuracy_label": tr("The test accuracy after each measurement, {n} points", **slots("n")),
        "progress_one": tr("{steps} mini-batches of {size} so far: 1 epoch", **slots("steps", "size")),
        "progress": tr("{steps} mini-batches of {size} so far: {epochs} epochs", **slots("steps", "size", "epochs")),
        "within": tr(" and {within} of {per_epoch} mini-batches", **slots("within", "per_epoch")),
        "cost": tr("cost {cost}", **slots("cost")),
        "accuracy": tr("test accuracy {accuracy}", **slots("accuracy")),
        "advice": tr("What to change: pick a smaller learning rate ({suggested} works well with this activation), "
                     "then press ▶ Play to go on from the last good weights, or ↺ Reset to start again.",
                     **slots("suggested")),
    }
