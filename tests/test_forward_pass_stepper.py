"""ForwardPassStepper, driven in Python: every step's numbers are the network's own.

The browser side draws what Python sends (``_view``); tests/browser/ checks that it does.
"""

from __future__ import annotations

import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest
from comm import get_comm_manager
from comm.base_comm import BaseComm
from matplotlib.colors import Normalize

import nnbook
from nnbook.figures import ACTIVATION_CMAP, HIGHLIGHT, WEIGHT_CMAP
from nnbook.widgets.digit_canvas import DigitCanvas
from nnbook.widgets.forward_pass_stepper import ForwardPassStepper
from project_files import ROOT, load_script

ONE = [[[0.5, 0.15], [0.5, 0.85]]]


@pytest.fixture(scope="module")
def digits():
    return nnbook.load_digits("test")


@pytest.fixture(scope="module")
def pretrained():
    return nnbook.pretrained()


def with_biases(network, seed):
    """The network with random biases, so that the "+ b" step really adds something."""
    rng = np.random.default_rng(seed)
    network.biases = [rng.normal(0.0, 1.0, size=b.shape) for b in network.biases]
    return network


def relu_network():
    return with_biases(nnbook.Network((784, 16, 16, 10), activation="relu", seed=3), seed=4)


def tiny_network():
    return with_biases(nnbook.Network((3, 2, 2), seed=1), seed=2)


def expected_plan(sizes):
    plan = [("input", 1, None)]
    for layer, n in enumerate(sizes[1:], start=1):
        plan += [("row", layer, j) for j in range(n)] + [("bias", layer, None), ("activation", layer, None)]
    return plan + [("answer", len(sizes) - 1, None)]


def decoded(data) -> np.ndarray:
    return np.frombuffer(data, dtype="<f8")


class Recorder(BaseComm):
    """A comm that keeps every message the widget sends to the browser."""

    def __init__(self):
        self.sent = []
        super().__init__(primary=False)
        get_comm_manager().register_comm(self)  # so that the widget can close it

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        self.sent.append((msg_type, data, buffers))


# ---- the numbers ---------------------------------------------------------------------------------

CASES = {
    "pretrained, test digit 0": (lambda: nnbook.pretrained(), lambda images: images[0]),
    "pretrained, test digit 1234": (lambda: nnbook.pretrained(), lambda images: images[1234]),
    "relu 784-16-16-10": (relu_network, lambda images: images[7]),
    "tiny 3-2-2": (tiny_network, lambda images: np.array([0.1, 0.5, 1.0])),
    "784-3-3 (notebook 06)": (lambda: with_biases(nnbook.Network((784, 3, 3), seed=5), 6), lambda images: images[3]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_step_shows_the_networks_own_numbers(case, digits):
    make_network, pick = CASES[case]
    network = make_network()
    image = pick(digits[0])
    stepper = ForwardPassStepper(network, digit=image)
    a = network.activations(image)  # a(0), a(1), ..., the outputs
    sums = [None] + [W @ a[layer - 1] for layer, W in enumerate(network.weights, start=1)]
    z = [None] + [W @ a[layer - 1] + b for layer, (W, b) in enumerate(zip(network.weights, network.biases), start=1)]
    plan = expected_plan(network.sizes)
    assert stepper.n_steps == len(plan) - 1

    for step, (kind, layer, neuron) in enumerate(plan):
        stepper.step = step
        state = stepper.state
        assert (state.step, state.kind, state.layer, state.neuron) == (step, kind, layer, neuron)
        worked_out = {"input": 0, "row": (neuron or 0) + 1}.get(kind, network.sizes[layer])
        np.testing.assert_allclose(state.weighted_sums[:worked_out], sums[layer][:worked_out], rtol=1e-12, atol=1e-12)
        assert np.isnan(state.weighted_sums[worked_out:]).all(), "a sum not worked out yet shows as NaN"
        if kind in ("bias", "activation", "answer"):
            np.testing.assert_allclose(state.z, z[layer], rtol=1e-12, atol=1e-12)
        else:
            assert np.isnan(state.z).all() and state.z.shape == (network.sizes[layer],)
        done = layer + 1 if kind in ("activation", "answer") else layer
        assert len(state.activations) == done
        for mine, theirs in zip(state.activations, a):
            np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-15)
        if kind == "row":
            value = float(np.dot(network.weights[layer - 1][neuron], a[layer - 1]))
            assert f"gives {value:.2f}.".replace("-0.00", "0.00") in state.caption
        assert state.answer == (network.predict(image) if kind == "answer" else None)

        # What the browser gets: the same numbers, NaN in the same places.
        view = stepper._view
        assert (view["step"], view["kind"], view["layer"], view["caption"]) == (step, kind, layer, state.caption)
        np.testing.assert_array_equal(decoded(view["weighted"]), state.weighted_sums)
        np.testing.assert_array_equal(decoded(view["z"]), state.z)
        for shown, size, known in zip(view["layers"], network.sizes, state.activations + [None] * 9):
            np.testing.assert_array_equal(decoded(shown), np.full(size, np.nan) if known is None else known)
        if kind == "row":
            np.testing.assert_array_equal(decoded(view["row"]), network.weights[layer - 1][neuron])
            assert view["value"] == state.weighted_sums[neuron]


def test_the_videos_network_takes_49_steps(pretrained):
    stepper = ForwardPassStepper(pretrained)
    assert stepper.n_steps == 49 == 16 + 2 + 16 + 2 + 10 + 2 + 1
    assert stepper._scene["starts"] == [1, 19, 37]
    assert stepper._scene["names"] == ["input", "layer 1", "layer 2", "outputs"]


def test_the_captions_say_each_step_in_words_with_the_real_numbers(pretrained, digits):
    images, labels = digits
    stepper = ForwardPassStepper(pretrained, digit=0)
    assert stepper.state.caption.startswith(f"Test digit 0, a {labels[0]}, goes in: its 784 pixels are a(0)")
    a1 = pretrained.activations(images[0])[1]
    stepper.step = 4
    weighted = pretrained.weights[0][3] @ images[0].reshape(784)
    assert stepper.state.caption == f"Neuron 3 of layer 1: row 3 of W(1) times the 784 pixels gives {weighted:.2f}."
    stepper.step = 17
    assert stepper.state.caption.startswith("+ b: each of the 16 weighted sums gets its neuron's bias added")
    stepper.step = 18
    top = int(np.argmax(a1))
    assert f"Neuron {top}: σ(" in stepper.state.caption and stepper.state.caption.endswith("Layer 1 is done.")
    stepper.step = 20
    assert stepper.state.caption.startswith("Neuron 1 of layer 2: row 1 of W(2) times the 16 activations of layer 1")
    stepper.step = 44
    assert stepper.state.caption.startswith("Output neuron 7 (digit 7): row 7 of W(3)")
    stepper.step = 49
    says = pretrained.predict(images[0])
    assert stepper.state.caption.startswith(f"The answer: output neuron {says} is the brightest")
    assert stepper.state.caption.endswith(f"Test digit 0 is a {labels[0]}: right.")


def test_the_answer_says_wrong_when_the_network_is_wrong(pretrained, digits):
    images, labels = digits
    wrong = int(np.flatnonzero(pretrained.predict(images) != labels)[0])
    stepper = ForwardPassStepper(pretrained, digit=wrong)
    stepper.step = stepper.n_steps
    says = pretrained.predict(images[wrong])
    assert stepper.state.caption.endswith(f"so the network reads a {says}. Test digit {wrong} is a {labels[wrong]}: "
                                          "wrong.")


def test_a_relu_network_says_relu_in_its_hidden_layers_and_sigma_at_the_outputs():
    stepper = ForwardPassStepper(relu_network(), digit=7)
    stepper.step = 18
    assert stepper.state.caption.startswith("ReLU keeps each positive sum and turns each negative one into 0: a(1)")
    stepper.step = 48
    assert stepper.state.caption.startswith("σ squishes each of the 10 sums")
    assert stepper._scene["functions"] == ["ReLU", "ReLU", "σ"]


def test_a_small_network_reads_its_own_inputs():
    stepper = ForwardPassStepper(tiny_network(), digit=[0.1, 0.5, 1.0])
    assert stepper.n_steps == 2 + 2 + 2 + 2 + 1
    assert stepper.state.caption.startswith("The 3 inputs go in")
    stepper.step = 1
    assert stepper.state.caption.startswith("Neuron 0 of layer 1: row 0 of W(1) times the 3 inputs gives")
    stepper.step = 5
    assert stepper.state.caption.startswith("Output neuron 0: row 0 of W(2) times the 2 activations of layer 1")
    stepper.step = 9
    outputs = stepper.network.forward([0.1, 0.5, 1.0])
    winner = int(np.argmax(outputs))
    assert stepper.state.caption == f"The answer: output neuron {winner} is the brightest ({outputs[winner]:.2f})."
    assert "reads a" not in stepper.state.caption, "two outputs are not digits"
    assert stepper._scene["picture"] is False and stepper._scene["digits"] is False
    np.testing.assert_array_equal(stepper.image, [0.1, 0.5, 1.0])


# ---- moving through the steps -----------------------------------------------------------------------

def test_forward_back_and_jump(pretrained):
    stepper = ForwardPassStepper(pretrained)
    stepper.back()
    assert stepper.step == 0, "back at step 0 stays there"
    stepper.forward()
    stepper.forward()
    assert stepper.step == 2 and stepper.state.neuron == 1
    stepper.back()
    assert stepper.step == 1
    for layer, first in [(2, 19), (3, 37), (1, 1), (0, 0)]:
        stepper.jump_to_layer(layer)
        assert stepper.step == first
        assert stepper.state.kind == ("input" if layer == 0 else "row") and stepper.state.neuron in (None, 0)
    stepper.step = 49
    stepper.forward()
    assert stepper.step == 49, "forward at the answer stays there"


def test_play_runs_to_the_end_and_stops_there(pretrained):
    stepper = ForwardPassStepper(pretrained, speed=4)
    stepper.step = 10
    stepper.play()
    assert stepper.playing and stepper.step == 10
    stepper.step = 49  # what the browser's timer does, one step at a time
    assert not stepper.playing, "playing stops at the answer"
    stepper.play()
    assert stepper.playing and stepper.step == 0, "play at the answer starts again"
    stepper.pause()
    assert not stepper.playing
    stepper.speed = 0.5
    assert stepper.speed == 0.5


def test_one_message_per_step_to_the_browser(pretrained):
    stepper = ForwardPassStepper(pretrained)
    stepper.comm = recorder = Recorder()
    stepper.forward()
    assert len(recorder.sent) == 1
    msg_type, data, buffers = recorder.sent[0]
    assert msg_type == "comm_msg" and data["method"] == "update"
    assert data["state"]["step"] == 1 and data["state"]["_view"]["step"] == 1
    assert len(buffers) == 4 + 3 + 1, "the four layers; the sums, biases and z; the row of W: all as bytes"
    assert sum(len(b) for b in buffers) < 20_000


def test_the_browser_moves_it_by_setting_step(pretrained):
    stepper = ForwardPassStepper(pretrained)
    stepper.comm = recorder = Recorder()
    stepper._handle_msg({"content": {"data": {"method": "update", "state": {"step": 5}}}, "buffers": []})
    assert stepper.step == 5 and stepper._view["step"] == 5 and stepper.state.neuron == 4
    assert any(data.get("state", {}).get("_view", {}).get("step") == 5 for _, data, _ in recorder.sent)


def test_it_answers_the_browsers_hello_so_the_browser_knows_a_kernel_is_there(pretrained):
    stepper = ForwardPassStepper(pretrained)
    stepper.comm = recorder = Recorder()
    stepper._handle_msg({"content": {"data": {"method": "custom", "content": {"type": "hello"}}}, "buffers": []})
    assert [data for _, data, _ in recorder.sent] == [{"method": "custom", "content": {"type": "alive"}}]


# ---- the digit ------------------------------------------------------------------------------------

def test_a_test_digit_an_image_and_a_flat_image_give_the_same_steps(pretrained, digits):
    images, labels = digits
    by_index = ForwardPassStepper(pretrained, digit=12)
    by_image = ForwardPassStepper(pretrained, digit=images[12])
    flat = ForwardPassStepper(pretrained, digit=images[12].reshape(784).tolist())
    for stepper in (by_index, by_image, flat):
        stepper.step = 30
        np.testing.assert_array_equal(stepper.image, images[12])
    assert by_index.label == labels[12] and by_image.label is None
    np.testing.assert_array_equal(by_index.state.weighted_sums, by_image.state.weighted_sums)
    np.testing.assert_array_equal(flat.state.weighted_sums, by_image.state.weighted_sums)
    assert by_image.state.caption == flat.state.caption
    default = ForwardPassStepper(pretrained)
    assert default.index == 0 and default.label == labels[0], "without a digit: test digit 0"


def test_set_digit_starts_again_at_step_0(pretrained, digits):
    images, _ = digits
    stepper = ForwardPassStepper(pretrained, digit=0)
    stepper.step = 20
    stepper.set_digit(1)
    assert stepper.step == 0 and stepper._view["step"] == 0
    stepper.step = 49
    assert stepper.state.answer == pretrained.predict(images[1])


def test_it_follows_a_canvas_from_step_0_at_every_stroke(pretrained):
    canvas = DigitCanvas()
    stepper = ForwardPassStepper(pretrained, digit=canvas)
    assert stepper.source is canvas and stepper.label is None
    assert stepper.state.caption.startswith("Your drawing goes in")
    stepper.step = 30
    canvas.strokes = ONE
    assert stepper.step == 0 and stepper._view["step"] == 0
    np.testing.assert_array_equal(stepper.image, canvas.image)
    stepper.step = stepper.n_steps
    np.testing.assert_allclose(stepper.state.activations[-1], pretrained.forward(canvas.image), rtol=1e-12)
    stepper.set_digit(3)  # no longer the canvas's
    canvas.clear()
    assert stepper.source is None and stepper.index == 3 and stepper.step == 0
    assert stepper.image.any(), "clearing the canvas no longer changes the stepper"


def test_it_never_changes_the_network_and_later_changes_leave_it_alone(digits):
    network = nnbook.pretrained()
    before = [W.copy() for W in network.weights] + [b.copy() for b in network.biases]
    stepper = ForwardPassStepper(network, digit=0)
    for step in range(stepper.n_steps + 1):
        stepper.step = step
    for mine, theirs in zip(network.weights + network.biases, before):
        np.testing.assert_array_equal(mine, theirs)
    answer = stepper.state.answer
    network.weights[2][:] = 0.0
    network.biases[2][:] = 0.0
    stepper.set_digit(0)
    stepper.step = stepper.n_steps
    assert stepper.state.answer == answer


# ---- what the browser draws with ------------------------------------------------------------------

def test_the_colours_are_the_courses_matplotlib_colours(pretrained):
    stepper = ForwardPassStepper(pretrained)
    for name, cmap in (("grey", ACTIVATION_CMAP), ("weight", WEIGHT_CMAP)):
        table = np.frombuffer(stepper._colours[name], dtype=np.uint8).reshape(256, 3)
        np.testing.assert_array_equal(table, plt.get_cmap(cmap)(np.arange(256), bytes=True)[:, :3])
    assert stepper._colours["highlight"] == HIGHLIGHT
    # The weight matrices' pictures: each weight's colour is the one imshow(W, RdBu, ±limit) gives it.
    table = np.frombuffer(stepper._colours["weight"], dtype=np.uint8).reshape(256, 3)
    for W, picture in zip(pretrained.weights, stepper._matrices):
        limit = float(np.max(np.abs(W)))
        assert (picture["rows"], picture["columns"], picture["limit"]) == (*W.shape, limit)
        index = np.frombuffer(picture["colours"], dtype=np.uint8).reshape(W.shape)
        wanted = plt.get_cmap(WEIGHT_CMAP)(Normalize(-limit, limit)(W), bytes=True)[..., :3]
        np.testing.assert_array_equal(table[index], wanted)


def test_viewers_without_widgets_get_text_that_says_it_moves_only_in_a_running_notebook(pretrained):
    stepper = ForwardPassStepper(pretrained)
    stepper.step = 3
    data, _ = stepper._repr_mimebundle_()
    text = data["text/plain"]
    assert text.startswith("ForwardPassStepper(Network(784-16-16-10")
    assert "step 3 of 49" in text and stepper.state.caption in text
    assert "moves only in a running notebook" in text
    assert "application/vnd.jupyter.widget-view+json" in data


# ---- bad input ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"network": "pretrained"}, TypeError, "network must be an nnbook.Network, got str"),
    ({"digit": 2000}, ValueError, "digit must be a test digit's index, 0 to 1999, got 2000"),
    ({"digit": -1}, ValueError, "0 to 1999, got -1"),
    ({"digit": True}, TypeError, "digit must be a test digit's index"),
    ({"digit": 3.0}, TypeError, "got float 3.0"),
    ({"digit": "seven"}, TypeError, "or a DigitCanvas, got str 'seven'"),
    ({"digit": np.zeros((27, 27))}, ValueError, "digit must be one image or a batch of images shaped (28, 28)"),
    ({"digit": np.zeros((2, 784))}, ValueError, "digit must be one image, not a batch of 2"),
    ({"digit": np.full(784, 255.0)}, ValueError, "divide 0-255 bytes by 255 first"),
    ({"digit": [np.nan] * 784}, ValueError, "digit contains NaN"),
    ({"speed": 0}, ValueError, "speed must be at least 0.5"),
    ({"speed": 11}, ValueError, "speed must be 0.5 to 10 steps a second, got 11"),
    ({"speed": "fast"}, TypeError, "speed must be a number"),
])
def test_bad_arguments_get_clear_errors(kwargs, error, message, pretrained):
    kwargs = {"network": pretrained, **kwargs}
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        ForwardPassStepper(**kwargs)


@pytest.mark.parametrize("digit", [None, 0, DigitCanvas()], ids=["default", "index", "canvas"])
def test_a_network_without_784_inputs_asks_for_its_own_inputs(digit):
    with pytest.raises(ValueError, match=r"this 3-2-2 network reads 3 inputs, not a 28×28 digit: give digit= as "
                                         r"3 grey values from 0 to 1, for example digit=\[0.5, 0.5, 0.5\]"):
        ForwardPassStepper(tiny_network(), digit=digit)
    with pytest.raises(ValueError, match=r"digit must be one image or a batch of images shaped \(3,\) or \(n, 3\), "
                                         r"got shape \(2,\)"):
        ForwardPassStepper(tiny_network(), digit=[0.5, 0.5])
    with pytest.raises(TypeError, match="digit must be a list or array of 3 grey values from 0 to 1, got str 'abc'"):
        ForwardPassStepper(tiny_network(), digit="abc")


def test_a_broken_network_is_refused_with_the_networks_own_message():
    network = nnbook.Network((4, 2))
    network.weights[0][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"weights\[0\] contains NaN at index \(0, 0\)"):
        ForwardPassStepper(network, digit=[0.0] * 4)


@pytest.mark.parametrize(("value", "error", "message"), [
    (-1, ValueError, "step must be at least 0, got -1"),
    (50, ValueError, "step must be 0 to 49 (this network takes 49 steps), got 50"),
    (2.5, TypeError, "step must be a whole number, got float 2.5"),
    ("3", TypeError, "step must be a whole number, got str '3'"),
    (True, TypeError, "step must be a whole number, got bool True"),
])
def test_bad_steps_get_clear_errors_and_change_nothing(value, error, message, pretrained):
    stepper = ForwardPassStepper(pretrained)
    stepper.step = 7
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        stepper.step = value
    assert stepper.step == 7 and stepper._view["step"] == 7


@pytest.mark.parametrize(("layer", "error", "message"), [
    (4, ValueError, r"layer must be 0 \(the input\) to 3 \(the outputs\) for this 784-16-16-10 network, got 4"),
    (-1, ValueError, "layer must be at least 0, got -1"),
    (1.0, TypeError, "layer must be a whole number, got float 1.0"),
    ("outputs", TypeError, "layer must be a whole number, got str 'outputs'"),
])
def test_jump_to_a_layer_that_is_not_there(layer, error, message, pretrained):
    stepper = ForwardPassStepper(pretrained)
    with pytest.raises(error, match=message):
        stepper.jump_to_layer(layer)


@pytest.mark.parametrize(("value", "error", "message"), [
    ("yes", TypeError, "playing must be True or False, got str 'yes'"),
    (1, TypeError, "playing must be True or False, got int 1"),
])
def test_playing_is_true_or_false(value, error, message, pretrained):
    stepper = ForwardPassStepper(pretrained)
    with pytest.raises(error, match=message):
        stepper.playing = value


def test_a_bad_digit_for_set_digit_changes_nothing(pretrained):
    stepper = ForwardPassStepper(pretrained, digit=5)
    stepper.step = 9
    before = stepper.state
    with pytest.raises(ValueError):
        stepper.set_digit(np.ones((3, 3)))
    assert stepper.step == 9 and stepper.index == 5
    np.testing.assert_array_equal(stepper.state.weighted_sums, before.weighted_sums)


# ---- the benchmark compares like with like -------------------------------------------------------

def test_the_benchmarks_png_baseline_draws_the_same_steps_and_the_benchmark_runs(pretrained):
    bench = load_script("benchmarks/bench_forward_pass_stepper.py")
    stepper, png = ForwardPassStepper(pretrained, digit=0), bench.PngStepper(pretrained, 0, full_redraw=False)
    for widget in (stepper, png):
        widget.comm = bench.KernelLikeComm()
    for step in (5, 17, 30, 49):
        bench.request(stepper, step)
        bench.request(png, step)
        assert stepper.step == step and stepper.comm.sent, "the request reached the stepper, and it answered"
        assert bytes(png.value[:4]) == b"\x89PNG" and png.comm.sent
        assert png._caption.get_text() == stepper.state.caption
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_forward_pass_stepper.py"),
                             "--quick", "--rounds", "1"], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    for line in ("nnbook (numbers)", "PNG, redrawn in place", "PNG, full redraw", "target <= 16 ms per step: ",
                 "the stepper's part"):
        assert line in result.stdout
