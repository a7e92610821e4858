"""ForwardPassStepper: one digit goes through the network one small step at a time, as the video shows it."""

from __future__ import annotations

import numbers
import pathlib
from dataclasses import dataclass

import anywidget
import matplotlib.pyplot as plt
import numpy as np
import traitlets

from .._validate import SIDE, describe, image_batch, number
from ..data import load_digits
from ..figures import ACTIVATION_CMAP, HIGHLIGHT, WEIGHT_CMAP, weight_limit
from ..language import tr
from ..network import Network
from ._display import replace_plain_text, slots
from .digit_canvas import DigitCanvas

HERE = pathlib.Path(__file__).resolve().parent
PIXELS = SIDE * SIDE

MIN_SPEED, MAX_SPEED = 0.5, 10.0
"""Playing runs at 0.5 to 10 steps a second."""

def no_widgets_stepper() -> str:
    """The stepper's text for viewers without widgets."""
    return tr(
        "You are reading this text because this viewer cannot show interactive widgets.\n"
        "The stepper moves only in a running notebook (JupyterLab, Jupyter Notebook 7, Colab, Binder): "
        "open the notebook there and run the cell.\n"
        "Or step in Python and read each step in words:\n"
        "    stepper.forward()\n"
        "    print(stepper.state.caption)"
    )


@dataclass(frozen=True)
class StepState:
    """Everything one step of a :class:`ForwardPassStepper` shows, as numbers.

    Attributes
    ----------
    step : int
        Which step this is: 0 (the input goes in) to ``n_steps`` (the answer).
    kind : str
        What the step does: ``"input"``, ``"row"`` (one neuron's weighted sum:
        a row of W times the layer before), ``"bias"`` (+ b for the whole
        layer), ``"activation"`` (σ or ReLU for the whole layer) or ``"answer"``.
    layer : int
        The layer being worked out, 1 for the first hidden layer; at step 0
        the layer about to be worked out (1), at the answer the output layer.
    neuron : int or None
        The neuron of a ``"row"`` step (counting from 0, as rows of W do); None otherwise.
    weighted_sums : numpy.ndarray
        This layer's weighted sums W a, one per neuron; NaN for the neurons
        not worked out yet.
    z : numpy.ndarray
        This layer's W a + b; NaN until the ``"bias"`` step.
    activations : list of numpy.ndarray
        Every layer's activations worked out so far, the input a(0) first:
        this layer's a(l) joins the list at its ``"activation"`` step.
    caption : str
        The step in one line of plain words, with its real numbers.
    answer : int or None
        The brightest output neuron, at the ``"answer"`` step; None before.
    """

    step: int
    kind: str
    layer: int
    neuron: int | None
    weighted_sums: np.ndarray
    z: np.ndarray
    activations: list
    caption: str
    answer: int | None


class ForwardPassStepper(anywidget.AnyWidget):
    """Follow one digit through the network, one small step at a time.

        stepper = nnbook.widgets.ForwardPassStepper(nnbook.pretrained(), digit=0)
        stepper

    For each layer, the stepper first works out the weighted sums one neuron
    at a time: row j of the weight matrix W times the layer before gives
    neuron j's weighted sum, with the row and the neuron highlighted, as the
    video sweeps through the matrix. Then it adds the biases (+ b) and
    squishes every sum (σ, or ReLU in a ReLU network's hidden layers), and
    goes on to the next layer. After the output layer, the answer: the
    brightest output. For the video's 784-16-16-10 network that is
    16 + 2 + 16 + 2 + 10 + 2 + 1 = 49 steps.

    Every number shown is the real one, worked out in Python from the
    network's own weights and biases; the browser only draws it. Activations
    are greys (0 black, 1 white), weights are blue (positive) and red
    (negative), with white for zero.

    What it shows at each step: a caption in plain words with the step's
    numbers; the maths of the step (for a row: the matrix W with the row
    framed, then the layer before × the row = the products, and their sum);
    a table of the layer so far (W a, + b, = z, the activation); and the
    whole network as columns of neurons, lit once worked out.

    In the notebook: the buttons step back and forward, play and pause,
    and jump to a layer; the slider picks any step. Click the stepper, then
    use the keys: → forward, ← back, space to play or pause, Home and End
    for the first and last step. A saved notebook (on GitHub, in nbviewer,
    exported to HTML) shows the step it was saved at, with a line saying
    that the stepper moves only in a running notebook.

    In Python (for teachers and tests)::

        stepper.step = 12            # go to step 12 of stepper.n_steps
        stepper.forward(); stepper.back(); stepper.jump_to_layer(2)
        stepper.state.caption        # the step in words
        stepper.state.weighted_sums  # this layer's sums so far (NaN: not yet)

    To follow your own drawing, give a canvas and show both::

        canvas = nnbook.widgets.DigitCanvas()
        stepper = ForwardPassStepper(digit=canvas)
        ipywidgets.HBox([canvas, stepper])

    Every new stroke starts the stepper again at step 0 with the new digit.

    Parameters
    ----------
    network : Network, optional
        Any ``nnbook.Network``; by default the trained one, ``nnbook.pretrained()``.
        The stepper works on a copy, so changing the network later leaves it alone.
    digit : int, image or DigitCanvas, optional
        A test digit's index (0-1999 in ``nnbook.load_digits("test")``; 0 if
        not given), one image (28×28 or 784 grey values from 0 to 1), or a
        ``DigitCanvas`` to follow. A network whose input is not 784 pixels
        needs its own input: a list of grey values, one per input neuron.
    speed : float
        Steps a second while playing, from 0.5 to 10.

    Attributes
    ----------
    step : int
        The current step, 0 to ``n_steps``; set it to go to a step.
    playing : bool
        True while playing (the browser moves the steps on).
    speed : float
        Steps a second while playing.
    network : Network
        The stepper's own copy of the network.
    image : numpy.ndarray
        The input being followed: (28, 28) for a 784-input network, read-only.
    index, label : int or None
        The test digit's index and its true label; None for other inputs.
    source : DigitCanvas or None
        The canvas being followed, if any.
    """

    _esm = HERE / "forward_pass_stepper.js"
    _css = HERE / "forward_pass_stepper.css"

    # Any, checked by nnbook's own validators: their errors say what was expected in plain words.
    step = traitlets.Any(0).tag(sync=True)
    playing = traitlets.Any(False).tag(sync=True)
    speed = traitlets.Any(2.0).tag(sync=True)
    # What the browser draws: the network's shape (once per digit) and the current step's numbers.
    _scene = traitlets.Dict().tag(sync=True)
    _view = traitlets.Dict().tag(sync=True)
    _colours = traitlets.Dict().tag(sync=True)
    _matrices = traitlets.List().tag(sync=True)
    # The words the browser writes, in the language of the moment the stepper is made (see _display.slots).
    _texts = traitlets.Dict().tag(sync=True)

    def __init__(self, network=None, digit=None, *, speed=2.0):
        if network is None:
            from ..pretrained import pretrained

            network = pretrained()
        if not isinstance(network, Network):
            raise TypeError(f"network must be an nnbook.Network, got {describe(network)}")
        self.network = network.copy()
        self.network.activations(np.zeros(self.network.sizes[0]))  # its checks: shapes, finite numbers
        self._plan = _plan(self.network.sizes)
        self.source = None
        self._test_digits = None
        self._load(digit)
        super().__init__(speed=speed, _texts=_texts(), _colours=_colour_tables(),
                         _matrices=_matrix_pictures(self.network),
                         _scene=self._scene_data(), _view=self._view_data(0))
        self.on_msg(self._on_front_end_message)

    # ---- Python API ------------------------------------------------------------------------------

    @property
    def n_steps(self) -> int:
        """How many steps it takes from the input to the answer (49 for 784-16-16-10)."""
        return len(self._plan) - 1

    @property
    def state(self) -> StepState:
        """The current step's numbers: see :class:`StepState`."""
        return self._state(self.step)

    def forward(self) -> None:
        """One step forward (at the answer, nothing happens)."""
        self._go(min(self.step + 1, self.n_steps))

    def back(self) -> None:
        """One step back (at step 0, nothing happens)."""
        self._go(max(self.step - 1, 0))

    def jump_to_layer(self, layer) -> None:
        """Go to the first step of ``layer``: 1 is the first hidden layer, the last one the outputs, 0 the input."""
        last = len(self.network.sizes) - 1
        layer = number(layer, "layer", minimum=0, integer=True)
        if layer > last:
            raise ValueError(f"layer must be 0 (the input) to {last} (the outputs) for this "
                             f"{_shape(self.network)} network, got {layer}")
        self._go(0 if layer == 0 else self._plan.index(("row", layer, 0)))

    def play(self) -> None:
        """Start playing (from the start, if at the answer). The steps move on in the browser."""
        self.playing = True

    def pause(self) -> None:
        """Stop playing."""
        self.playing = False

    def set_digit(self, digit) -> None:
        """Follow another digit (an index, an image or a DigitCanvas, as for the constructor), from step 0."""
        self._load(digit)
        self._restart()

    # ---- checks and reactions ------------------------------------------------------------------

    @traitlets.validate("step")
    def _valid_step(self, proposal):
        step = number(proposal["value"], "step", minimum=0, integer=True)
        if step > self.n_steps:
            raise ValueError(f"step must be 0 to {self.n_steps} (this network takes {self.n_steps} steps), "
                             f"got {step}")
        return step

    @traitlets.validate("playing")
    def _valid_playing(self, proposal):
        if not isinstance(proposal["value"], (bool, np.bool_)):
            raise TypeError(f"playing must be True or False, got {describe(proposal['value'])}")
        return bool(proposal["value"])

    @traitlets.validate("speed")
    def _valid_speed(self, proposal):
        speed = number(proposal["value"], "speed", minimum=MIN_SPEED)
        if speed > MAX_SPEED:
            raise ValueError(f"speed must be {MIN_SPEED} to {MAX_SPEED:g} steps a second, got {speed:g}")
        return speed

    @traitlets.observe("step")
    def _step_changed(self, change):
        self._show(change["new"])

    @traitlets.observe("playing")
    def _playing_changed(self, change):
        if change["new"] and self.step == self.n_steps:
            self.step = 0

    def _go(self, step: int) -> None:
        with self.hold_sync():  # the new step and its numbers in one message
            self.step = step

    def _show(self, step: int) -> None:
        with self.hold_sync():  # the step's numbers and a stop at the end go to the browser in one message
            self._view = self._view_data(step)
            if step == self.n_steps:
                self.playing = False

    def _restart(self) -> None:
        """Show the new digit from step 0."""
        with self.hold_sync():
            self._scene = self._scene_data()
            if self.step == 0:
                self._show(0)
            else:
                self.step = 0  # shown by _step_changed

    def _on_front_end_message(self, widget, content, buffers) -> None:
        # The browser says hello when it draws the stepper; an answer proves a kernel is there to move it.
        if isinstance(content, dict) and content.get("type") == "hello":
            self.send({"type": "alive"})

    def _follow_canvas(self, change) -> None:
        self._take_image(change["new"], tr("Your drawing"))
        self._restart()

    # ---- the digit and its forward pass --------------------------------------------------------

    def _load(self, digit) -> None:
        """Check ``digit`` and work out its whole forward pass; nothing changes if the check fails."""
        n_inputs = self.network.sizes[0]
        options = tr("a list or array of {n} grey values from 0 to 1", n=n_inputs)
        if n_inputs == PIXELS:
            options = tr("a test digit's index (0-1999), an image (28×28 or 784 grey values from 0 to 1) "
                         "or a DigitCanvas")
        if n_inputs != PIXELS and (digit is None or isinstance(digit, (numbers.Integral, DigitCanvas))):
            raise ValueError(f"this {_shape(self.network)} network reads {n_inputs} inputs, not a 28×28 digit: "
                             f"give digit= as {n_inputs} grey values from 0 to 1, for example "
                             f"digit={[0.5] * min(n_inputs, 3)}{'...' if n_inputs > 3 else ''}")
        if digit is None:
            digit = 0
        if isinstance(digit, (bool, np.bool_)):
            raise TypeError(f"digit must be {options}, got {describe(digit)}")
        label = index = None
        if isinstance(digit, DigitCanvas):
            image, who = digit.image, tr("Your drawing")
        elif isinstance(digit, numbers.Integral):
            images, labels = self._test_set()
            if not 0 <= digit < len(images):
                raise ValueError(f"digit must be a test digit's index, 0 to {len(images) - 1}, got {digit}")
            index, label = int(digit), int(labels[digit])
            image, who = images[index], tr("Test digit {index}, a {label},", index=index, label=label)
        elif isinstance(digit, (list, tuple, np.ndarray)):
            batch, single = image_batch(digit, "digit", n_inputs)
            if not single:
                raise ValueError(f"digit must be one image, not a batch of {len(batch)}")
            image, who = batch[0], (tr("This image") if n_inputs == PIXELS else tr("The input"))
        else:
            raise TypeError(f"digit must be {options}, got {describe(digit)}")
        self._take_image(image, who)  # checks the network's numbers too, before anything below changes
        if self.source is not None:
            self.source.unobserve(self._follow_canvas, names="image")
        self.source = digit if isinstance(digit, DigitCanvas) else None
        if self.source is not None:
            self.source.observe(self._follow_canvas, names="image")
        self.label, self.index = label, index

    def _take_image(self, image, who: str) -> None:
        a0 = np.array(image, dtype=np.float64).reshape(-1)
        self.network.activations(a0)  # the network's own checks: finite numbers all the way through
        self._pass = _ForwardPass(self.network, a0)
        shown = a0.reshape(SIDE, SIDE) if len(a0) == PIXELS else a0.copy()
        shown.flags.writeable = False
        self.image, self._who = shown, who

    def _test_set(self):
        if self._test_digits is None:
            self._test_digits = load_digits("test")
        return self._test_digits

    # ---- one step: its numbers and its words --------------------------------------------------

    def _state(self, step: int) -> StepState:
        kind, layer, neuron = self._plan[step]
        forward = self._pass
        weighted = np.full(self.network.sizes[layer], np.nan)
        z = np.full_like(weighted, np.nan)
        if kind == "row":
            weighted[: neuron + 1] = forward.weighted[layer][: neuron + 1]
        elif kind != "input":
            weighted[:] = forward.weighted[layer]
            z[:] = forward.z[layer]
        done = layer + 1 if kind in ("activation", "answer") else layer
        activations = [a.copy() for a in forward.a[:done]]
        for array in (weighted, z, *activations):
            array.flags.writeable = False
        answer = int(np.argmax(forward.a[-1])) if kind == "answer" else None
        return StepState(step, kind, layer, neuron, weighted, z, activations,
                         self._caption(kind, layer, neuron), answer)

    def _caption(self, kind: str, layer: int, neuron) -> str:
        sizes, forward = self.network.sizes, self._pass
        last = len(sizes) - 1
        n_in = sizes[0]
        if kind == "input":
            if n_in == PIXELS:
                return tr("{who} goes in: its 784 pixels are a(0), grey values from 0 (black) to 1 (white). "
                          "Step forward to work out layer 1, one neuron at a time.", who=self._who)
            return tr("The {n} inputs go in: they are a(0), each from 0 to 1. "
                      "Step forward to work out {layer}, one neuron at a time.", n=n_in, layer=_layer_name(1, last))
        if kind == "row":
            if layer == 1:
                what = tr("784 pixels") if n_in == PIXELS else tr("{n} inputs", n=n_in)
            else:
                what = tr("{n} activations of layer {layer}", n=sizes[layer - 1], layer=layer - 1)
            who = tr("Neuron {neuron} of layer {layer}", neuron=neuron, layer=layer)
            if layer == last:
                who = (tr("Output neuron {neuron} (digit {neuron})", neuron=neuron) if sizes[-1] == 10
                       else tr("Output neuron {neuron}", neuron=neuron))
            return tr("{who}: row {neuron} of W({layer}) times the {what} gives {value}.", who=who, neuron=neuron,
                      layer=layer, what=what, value=_fmt(forward.weighted[layer][neuron]))
        # The example in the words: the neuron with the largest z, the one that ends up brightest.
        top = int(np.argmax(forward.z[layer]))
        z, a = forward.z[layer][top], forward.a[layer][top]
        if kind == "bias":
            s, b = forward.weighted[layer][top], self.network.biases[layer - 1][top]
            return tr("+ b: each of the {n} weighted sums gets its neuron's bias added, "
                      "z = W({layer}) a({before}) + b({layer}). Neuron {top}, the largest: "
                      "{sum} {sign} {bias} = {z}.", n=sizes[layer], layer=layer, before=layer - 1, top=top,
                      sum=_fmt(s), sign="-" if b < 0 else "+", bias=_fmt(abs(b)), z=_fmt(z))
        if kind == "activation":
            done = tr("The outputs are done.") if layer == last else tr("Layer {layer} is done.", layer=layer)
            if forward.names[layer] == "relu":
                return tr("ReLU keeps each positive sum and turns each negative one into 0: a({layer}) = ReLU(z). "
                          "Neuron {top}: ReLU({z}) = {a}. {done}", layer=layer, top=top, z=_fmt(z), a=_fmt(a),
                          done=done)
            return tr("σ squishes each of the {n} sums into 0 to 1: a({layer}) = σ(z). "
                      "Neuron {top}: σ({z}) = {a}. {done}", n=sizes[layer], layer=layer, top=top, z=_fmt(z),
                      a=_fmt(a), done=done)
        outputs = forward.a[-1]
        winner = int(np.argmax(outputs))
        value = _fmt(outputs[winner])
        if sizes[-1] != 10:
            return tr("The answer: output neuron {winner} is the brightest ({value}).", winner=winner, value=value)
        text = tr("The answer: output neuron {winner} is the brightest ({value}), so the network reads a {winner}.",
                  winner=winner, value=value)
        if self.label is not None:
            if winner == self.label:
                text += tr(" Test digit {index} is a {label}: right.", index=self.index, label=self.label)
            else:
                text += tr(" Test digit {index} is a {label}: wrong.", index=self.index, label=self.label)
        return text

    # ---- what the browser gets -----------------------------------------------------------------

    def _scene_data(self) -> dict:
        sizes = self.network.sizes
        last = len(sizes) - 1
        return {
            "sizes": list(sizes),
            "names": [tr("input")] + [_layer_name(layer, last) for layer in range(1, last + 1)],
            "functions": ["ReLU" if name == "relu" else "σ" for name in self._pass.names[1:]],
            "n_steps": self.n_steps,
            "starts": [self._plan.index(("row", layer, 0)) for layer in range(1, last + 1)],
            "picture": sizes[0] == PIXELS,
            "digits": sizes[-1] == 10,
        }

    def _view_data(self, step: int) -> dict:
        """The step's numbers as the browser draws them: 64-bit floats as bytes, NaN where not worked out yet."""
        state = self._state(step)
        layer, neuron = state.layer, state.neuron
        layers = [_bytes(a) for a in state.activations]
        layers += [_bytes(np.full(n, np.nan)) for n in self.network.sizes[len(layers):]]
        view = {
            "step": step, "kind": state.kind, "layer": layer, "neuron": -1 if neuron is None else neuron,
            "caption": state.caption, "layers": layers, "weighted": _bytes(state.weighted_sums),
            "bias": _bytes(self.network.biases[layer - 1]), "z": _bytes(state.z),
            "answer": -1 if state.answer is None else state.answer,
        }
        if state.kind == "row":
            row = self.network.weights[layer - 1][neuron]
            view.update(row=_bytes(row), row_limit=weight_limit(row),
                        product_limit=weight_limit(row * self._pass.a[layer - 1]),
                        value=float(state.weighted_sums[neuron]))
        return view

    def __repr__(self) -> str:
        return tr("ForwardPassStepper({network}, step {step} of {n_steps})", network=repr(self.network),
                  step=self.step, n_steps=self.n_steps)

    def _repr_mimebundle_(self, **kwargs):
        text = tr("{stepper}: one digit going through the network step by step.\nThis step: {caption}\n",
                  stepper=repr(self), caption=self.state.caption) + no_widgets_stepper()
        return replace_plain_text(super()._repr_mimebundle_(**kwargs), text)


class _ForwardPass:
    """One input's whole forward pass, layer by layer: the weighted sums W a, z = W a + b and a = f(z)."""

    def __init__(self, network: Network, a0: np.ndarray):
        hidden = network.activation
        self.names = [None] + [hidden] * (len(network.sizes) - 2) + ["sigmoid"]
        self.a, self.weighted, self.z = [a0], [None], [None]
        for W, b, f in zip(network.weights, network.biases, network.layer_functions):
            weighted = W @ self.a[-1]  # row j of W times the layer before: neuron j's weighted sum
            self.weighted.append(weighted)
            self.z.append(weighted + b)
            self.a.append(np.asarray(f(self.z[-1]), dtype=np.float64))


def _plan(sizes) -> list[tuple[str, int, int | None]]:
    """Every step as (kind, layer, neuron): the input, then per layer one row per neuron, + b and σ; the answer."""
    steps = [("input", 1, None)]
    for layer, n in enumerate(sizes[1:], start=1):
        steps += [("row", layer, j) for j in range(n)]
        steps += [("bias", layer, None), ("activation", layer, None)]
    steps.append(("answer", len(sizes) - 1, None))
    return steps


def _layer_name(layer: int, last: int) -> str:
    return tr("outputs") if layer == last else tr("layer {layer}", layer=layer)


def _texts() -> dict[str, str]:
    """What forward_pass_stepper.js writes, in the current language; {name}: a value the browser fills in."""
    return {
        "group": tr("Forward pass stepper: → forward, ← back, space plays or pauses"),
        "back": tr("◀ back"),
        "play": tr("▶ play"),
        "pause": tr("❚❚ pause"),
        "forward": tr("forward ▶"),
        "step": tr("step"),
        "speed": tr("speed"),
        "one_step_per_second": tr("1 step/s"),
        "steps_per_second": tr("{rate} steps/s", **slots("rate")),
        "counter": tr("step {step} of {n}", **slots("step", "n")),
        "jump_to": tr("jump to:"),
        "keys": tr("Keys (click the stepper first): → forward, ← back, space play or pause, Home and End the first "
                   "and last step."),
        "saved": tr("A saved picture: the stepper moves only in a running notebook (JupyterLab, Colab, Binder). "
                    "Run the cell to use it."),
        "a0_pixels": tr("a(0): the 784 pixels"),
        "a0_inputs": tr("a(0): the {n} inputs", **slots("n")),
        "a0_the_pixels": tr("a(0): the pixels"),
        "input_image_28": tr("the input image, 28 by 28 pixels"),
        "input_image": tr("the input image"),
        "the_inputs": tr("the inputs"),
        "black_white": tr("0 black, 1 white"),
        "row_of_W": tr("row {neuron} of W({layer})", **slots("neuron", "layer")),
        "matrix_title": tr("W({layer}): {rows} rows (one per neuron) × {columns} columns; row {neuron} framed",
                           **slots("layer", "rows", "columns", "neuron")),
        "matrix_label": tr("W({layer}): {rows} rows of {columns} weights; row {neuron} is framed",
                           **slots("layer", "rows", "columns", "neuron")),
        "colours": tr("blue +, red −, white 0 (±{limit})", **slots("limit")),
        "add_up": tr("add up the {n} products", **slots("n")),
        "as_picture": tr("{row} as a 28 by 28 picture", **slots("row")),
        "each_pixel": tr("each pixel × its weight"),
        "products": tr("the products"),
        "activations_of": tr("the activations of layer {layer}", **slots("layer")),
        "each_activation": tr("= each activation × its weight"),
        "weighted_title": tr("W({layer}) {input}: the weighted sums", **slots("layer", "input")),
        "weighted": tr("the weighted sums"),
        "biases_title": tr("+ b({layer}): the biases", **slots("layer")),
        "biases": tr("the biases"),
        "outputs_title": tr("a({layer}): the outputs", **slots("layer")),
        "outputs": tr("the outputs"),
        "reads": tr("The network reads a {answer}.", **slots("answer")),
        "brightest": tr("Brightest output: neuron {answer}.", **slots("answer")),
        "curve": tr("{name} of each z", **slots("name")),
        "one_neuron": tr("{name}, 1 neuron", **slots("name")),
        "neurons": tr("{name}, {n} neurons", **slots("name", "n")),
        "digit": tr("digit"),
        "neuron": tr("neuron"),
        "overview": tr("the whole network so far, one column per layer"),
    }


def _shape(network: Network) -> str:
    return "-".join(map(str, network.sizes))


def _fmt(value: float) -> str:
    """A number with two decimals, as the stepper shows every number (never "-0.00")."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def _bytes(values) -> bytes:
    return np.ascontiguousarray(values, dtype="<f8").tobytes()


def _matrix_pictures(network: Network) -> list[dict]:
    """Each weight matrix as a picture: one colour (0-255 in the RdBu table) per weight, limits ±largest |weight|.

    Only colours, never numbers to read, so one byte per weight is enough: 13 KB for 784-16-16-10.
    """
    pictures = []
    for W in network.weights:
        limit = weight_limit(W)
        # The colour imshow(W, vmin=-limit, vmax=limit) gives each weight, worked out as matplotlib does it.
        index = np.clip(np.floor((W + limit) / (2 * limit) * 256), 0, 255).astype(np.uint8)
        pictures.append({"rows": W.shape[0], "columns": W.shape[1], "limit": limit, "colours": index.tobytes()})
    return pictures


def _colour_tables() -> dict:
    """The course's colour maps as 256 RGB colours each, so the browser draws exactly matplotlib's colours."""
    tables = {}
    for name, cmap in (("grey", ACTIVATION_CMAP), ("weight", WEIGHT_CMAP)):
        tables[name] = plt.get_cmap(cmap)(np.arange(256), bytes=True)[:, :3].tobytes()
    tables["highlight"] = HIGHLIGHT
    return tables
