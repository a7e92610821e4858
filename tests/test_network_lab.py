"""NetworkLab: every number it shows, checked against the same change made by hand to a copy of the network.

Each test changes the lab through its Python API (or its controls), makes
the same change by hand to ``network.copy()``, and compares the lab's
accuracy, per-digit accuracy, answer and activations with what
``Network.accuracy`` / ``Network.activations`` say for the hand-made copy.
"""

import io

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

import nnbook
from nnbook.widgets import DigitCanvas
from nnbook.widgets.network_lab import NetworkLab, _StaticNote
from project_files import load_script

ONE = [[[0.5, 0.15], [0.5, 0.85]]]
ZERO = [np.c_[0.5 + 0.2 * np.cos(t := np.linspace(0, 2 * np.pi, 60)), 0.5 + 0.3 * np.sin(t)].tolist()]


@pytest.fixture(scope="module")
def shared_lab():
    return NetworkLab()


@pytest.fixture
def lab(shared_lab):
    """The module's lab, back at the trained network, neuron (1, 0) and test digit 0."""
    shared_lab.restore()
    shared_lab.select(1, 0)
    shared_lab.picker.value = 0
    return shared_lab


def by_digit(predictions, labels):
    return np.array([np.mean(predictions[labels == d] == d) for d in range(10)])


def expect_same(lab, network, test_digits, off_outputs=()):
    """The lab's numbers equal those of ``network`` (changed by hand), with ``off_outputs`` forced to 0."""
    images, labels = test_digits
    outputs = network.forward(images).copy()
    outputs[:, list(off_outputs)] = 0.0
    predictions = np.argmax(outputs, axis=1)
    assert lab.accuracy == pytest.approx(np.mean(predictions == labels), abs=0)
    if not off_outputs:
        assert lab.accuracy == network.accuracy(images, labels)
    np.testing.assert_array_equal(lab.accuracy_by_digit, by_digit(predictions, labels))
    digit = lab.picker.value
    np.testing.assert_allclose(lab.outputs, outputs[digit], rtol=1e-12, atol=1e-14)
    assert lab.answer == predictions[digit]


# ---- the trained network, untouched --------------------------------------------------------------

def test_it_starts_as_the_trained_network(lab, pretrained_net, test_digits):
    images, labels = test_digits
    assert lab.accuracy == lab.trained_accuracy == pretrained_net.accuracy(images, labels)
    np.testing.assert_array_equal(lab.trained_accuracy_by_digit, by_digit(pretrained_net.predict(images), labels))
    assert lab.changes == [] and lab.hurt_most == []
    expect_same(lab, pretrained_net, test_digits)
    # One image against a batch: numpy may add up the products in another order, so the last bit may differ.
    for got, want in zip(lab.activations, pretrained_net.activations(images[0])):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    for W, W0 in zip(lab.network.weights, pretrained_net.weights):
        np.testing.assert_array_equal(W, W0)


def test_the_given_network_and_pretrained_stay_as_they_were(pretrained_net, test_digits):
    # pretrained_net's arrays are read-only: a lab that wrote into them would raise here.
    lab = NetworkLab(pretrained_net)
    lab.switch_off(1, 2)
    lab.shift_bias(2, 3, 4.0)
    lab.scale_weights(1, 5, -2.0)
    lab.zero_biases()
    lab.add_noise(0.4)
    lab.zero_layer(3)
    fresh = nnbook.pretrained()
    for W, W0, b, b0 in zip(fresh.weights, pretrained_net.weights, fresh.biases, pretrained_net.biases):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)
    assert lab.network is not pretrained_net
    assert fresh.accuracy(*test_digits) == lab.trained_accuracy != lab.accuracy


# ---- one neuron ----------------------------------------------------------------------------------

@pytest.mark.parametrize("layer, neuron", [(1, 3), (1, 15), (2, 7)])
def test_a_hidden_neuron_switched_off_is_0_and_its_next_layer_gets_nothing_from_it(lab, pretrained_net, test_digits,
                                                                                  layer, neuron):
    lab.picker.value = 11
    lab.switch_off(layer, neuron)
    cut = pretrained_net.copy()
    cut.weights[layer][:, neuron] = 0.0  # the same as its activation being 0 for the next layer
    expect_same(lab, cut, test_digits)
    assert lab.network.accuracy(*test_digits) == lab.accuracy
    assert lab.activations[layer][neuron] == 0.0
    expected = cut.activations(test_digits[0][11])
    expected[layer][neuron] = 0.0
    for got, want in zip(lab.activations, expected):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)
    assert lab.accuracy < lab.trained_accuracy
    assert lab.selected == (layer, neuron)
    assert lab.changes == [f"layer {layer}, neuron {neuron} switched off"]


def test_an_output_neuron_switched_off_is_never_the_answer(lab, pretrained_net, test_digits):
    images, labels = test_digits
    lab.switch_off(3, 7)
    expect_same(lab, pretrained_net, test_digits, off_outputs=[7])
    assert lab.accuracy_by_digit[7] == 0.0
    assert lab.hurt_most[0][0] == 7
    sevens = np.flatnonzero(labels == 7)
    lab.picker.value = int(sevens[0])
    assert lab.outputs[7] == 0.0 and lab.answer != 7


def test_switching_on_again_brings_back_the_trained_network_exactly(lab, pretrained_net, test_digits):
    lab.switch_off(2, 4)
    lab.switch_off(3, 1)
    lab.switch_on(2, 4)
    lab.switch_on(3, 1)
    expect_same(lab, pretrained_net, test_digits)
    for W, W0 in zip(lab.network.weights, pretrained_net.weights):
        np.testing.assert_array_equal(W, W0)
    assert lab.changes == []


@pytest.mark.parametrize("layer, neuron, amount", [(1, 4, -3.0), (2, 0, 5.0), (3, 9, 2.5)])
def test_a_shifted_bias_is_the_trained_bias_plus_the_amount(lab, pretrained_net, test_digits, layer, neuron, amount):
    lab.shift_bias(layer, neuron, 1.0)
    lab.shift_bias(layer, neuron, amount)  # replaces the shift of 1, does not add to it
    shifted = pretrained_net.copy()
    shifted.biases[layer - 1][neuron] += amount
    expect_same(lab, shifted, test_digits)
    assert lab.network.biases[layer - 1][neuron] == shifted.biases[layer - 1][neuron]
    assert lab.changes == [f"layer {layer}, neuron {neuron}: bias {'−' if amount < 0 else '+'} {abs(amount):g}"
                           if layer < 3 else f"output neuron {neuron} (for the digit {neuron}): bias + {amount:g}"]
    lab.shift_bias(layer, neuron, 0)
    expect_same(lab, pretrained_net, test_digits)


@pytest.mark.parametrize("layer, neuron, factor", [(1, 6, 0.0), (1, 2, -1.0), (2, 11, 3.0), (3, 4, 0.5)])
def test_scaled_weights_are_the_trained_weights_times_the_factor(lab, pretrained_net, test_digits,
                                                                layer, neuron, factor):
    lab.picker.value = 4
    lab.scale_weights(layer, neuron, factor)
    scaled = pretrained_net.copy()
    scaled.weights[layer - 1][neuron] *= factor
    expect_same(lab, scaled, test_digits)
    np.testing.assert_array_equal(lab.network.weights[layer - 1], scaled.weights[layer - 1])
    for got, want in zip(lab.activations, scaled.activations(test_digits[0][4])):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


# ---- the whole network ---------------------------------------------------------------------------

def test_zero_biases_sets_every_bias_to_0_and_can_be_undone(lab, pretrained_net, test_digits):
    lab.zero_biases()
    no_biases = pretrained_net.copy()
    for b in no_biases.biases:
        b[:] = 0.0
    expect_same(lab, no_biases, test_digits)
    assert all(not b.any() for b in lab.network.biases)
    lab.zero_biases(False)
    expect_same(lab, pretrained_net, test_digits)


def test_noise_is_seeded_and_the_same_size_gives_the_same_noise(lab, pretrained_net, test_digits):
    size = 0.3
    lab.add_noise(size)
    rng = np.random.default_rng(0)
    noisy = pretrained_net.copy()
    for W in noisy.weights:
        W += size * rng.standard_normal(W.shape)
    for W, W_hand in zip(lab.network.weights, noisy.weights):
        np.testing.assert_array_equal(W, W_hand)
    expect_same(lab, noisy, test_digits)
    first = [W.copy() for W in lab.network.weights]
    lab.add_noise(size)  # the same size again: the same noise, not twice as much
    lab.add_noise(0.1)
    lab.add_noise(size)
    for W, W_first in zip(lab.network.weights, first):
        np.testing.assert_array_equal(W, W_first)
    other = NetworkLab()
    other.add_noise(size)
    assert other.accuracy == lab.accuracy
    reseeded = NetworkLab(seed=1)
    reseeded.add_noise(size)
    assert not np.array_equal(reseeded.network.weights[0], lab.network.weights[0])
    lab.add_noise(0)
    expect_same(lab, pretrained_net, test_digits)


@pytest.mark.parametrize("layer", [1, 2, 3])
def test_a_zeroed_layer_has_all_its_weights_0(lab, pretrained_net, test_digits, layer):
    lab.zero_layer(layer)
    cut = pretrained_net.copy()
    cut.weights[layer - 1][:] = 0.0
    expect_same(lab, cut, test_digits)
    assert not lab.network.weights[layer - 1].any()
    lab.zero_layer(layer, False)
    expect_same(lab, pretrained_net, test_digits)


def test_many_changes_follow_the_recipe_in_any_order(pretrained_net, test_digits):
    changes = [
        lambda lab: lab.add_noise(0.05),
        lambda lab: lab.scale_weights(1, 3, 1.5),
        lambda lab: lab.switch_off(1, 8),
        lambda lab: lab.shift_bias(2, 2, -1.0),
        lambda lab: lab.zero_biases(),
        lambda lab: lab.scale_weights(3, 0, 2.0),
    ]
    forwards, backwards = NetworkLab(pretrained_net), NetworkLab(pretrained_net)
    for change in changes:
        change(forwards)
    for change in reversed(changes):
        change(backwards)
    rng = np.random.default_rng(0)
    hand = pretrained_net.copy()
    for W, b in zip(hand.weights, hand.biases):
        W += 0.05 * rng.standard_normal(W.shape)
        b[:] = 0.0
    hand.weights[0][3] *= 1.5
    hand.weights[2][0] *= 2.0
    hand.weights[1][:, 8] = 0.0
    hand.biases[1][2] += -1.0
    for lab in (forwards, backwards):
        for W, W_hand in zip(lab.network.weights, hand.weights):
            np.testing.assert_allclose(W, W_hand, rtol=1e-15)
        expect_same(lab, hand, test_digits)
    assert forwards.accuracy == backwards.accuracy and len(forwards.changes) == 6


def test_restore_brings_back_the_trained_network_and_its_controls(lab, pretrained_net, test_digits):
    lab.select(2, 5)
    lab.switch_off(2, 5)
    lab.shift_bias(2, 5, 3.0)
    lab.zero_biases()
    lab.add_noise(0.5)
    lab.zero_layer(1)
    lab.restore()
    expect_same(lab, pretrained_net, test_digits)
    for W, W0, b, b0 in zip(lab.network.weights, pretrained_net.weights, lab.network.biases, pretrained_net.biases):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)
    c = lab.controls
    assert (c["off"].value, c["bias"].value, c["scale"].value, c["zero_biases"].value, c["noise"].value,
            c["zero_layer_1"].value) == (False, 0.0, 1.0, False, 0.0, False)
    assert lab.selected == (2, 5), "restore keeps the neuron you were looking at"


def test_hurt_most_lists_the_digits_that_fell_biggest_fall_first(lab):
    lab.add_noise(0.4)
    fall = lab.trained_accuracy_by_digit - lab.accuracy_by_digit
    hurt = lab.hurt_most
    assert [d for d, _, _ in hurt] == sorted(np.flatnonzero(fall > 0), key=lambda d: (-fall[d], d))
    for d, before, now in hurt:
        assert (before, now) == (lab.trained_accuracy_by_digit[d], lab.accuracy_by_digit[d])
    assert f"the {hurt[0][0]}s ({100 * hurt[0][1]:.0f}% → {100 * hurt[0][2]:.0f}%)" in lab._score_text.value


# ---- other networks ------------------------------------------------------------------------------

@pytest.mark.parametrize("network", [nnbook.Network((784, 30, 10), activation="relu", seed=3),
                                     nnbook.Network((784, 20, 12, 8, 10), seed=4)], ids=["relu-784-30-10", "deep"])
def test_any_network_that_reads_digits_works_the_same_way(network, test_digits):
    original = [W.copy() for W in network.weights]
    lab = NetworkLab(network)
    assert lab.trained_accuracy == network.accuracy(*test_digits)
    last = len(network.sizes) - 1
    lab.switch_off(last - 1, 1)
    lab.scale_weights(1, 0, 2.0)
    lab.shift_bias(last, 3, -1.0)
    hand = network.copy()
    hand.weights[last - 1][:, 1] = 0.0
    hand.weights[0][0] *= 2.0
    hand.biases[last - 1][3] -= 1.0
    expect_same(lab, hand, test_digits)
    assert len(lab.controls) == 8 + last
    for W, W0 in zip(network.weights, original):
        np.testing.assert_array_equal(W, W0)


# ---- the current digit ---------------------------------------------------------------------------

def test_the_picker_picks_the_test_digit_and_its_answer(lab, pretrained_net, test_digits):
    images, labels = test_digits
    lab.switch_off(1, 0)
    lab.picker.value = 250
    np.testing.assert_array_equal(lab.image, images[250])
    with pytest.raises(ValueError, match="read-only"):
        lab.image[0, 0] = 1.0
    cut = pretrained_net.copy()
    cut.weights[1][:, 0] = 0.0
    assert lab.answer == cut.predict(images[250])
    assert f"This test digit is a {labels[250]}." in lab._verdict.value
    assert f"data-prediction=\"{lab.answer}\"" in lab._verdict.value


def test_the_lab_follows_a_canvas(pretrained_net):
    canvas = DigitCanvas(strokes=ONE)
    lab = NetworkLab(pretrained_net, source=canvas)
    assert lab.picker is None
    assert lab.children[0].children[0] is canvas, "the canvas is shown at the lab's left"
    np.testing.assert_array_equal(lab.image, canvas.image)
    assert lab.answer == pretrained_net.predict(canvas.image)
    lab.switch_off(2, 3)
    canvas.strokes = ZERO
    cut = pretrained_net.copy()
    cut.weights[2][:, 3] = 0.0
    np.testing.assert_array_equal(lab.image, canvas.image)
    np.testing.assert_allclose(lab.outputs, cut.forward(canvas.image), rtol=1e-12)
    assert lab.activations[2][3] == 0.0
    canvas.clear()
    assert "Nothing drawn yet" in lab._verdict.value
    lab.set_image(np.full(784, 0.5))
    assert lab.answer == cut.predict(np.full(784, 0.5))


# ---- the controls --------------------------------------------------------------------------------

def test_the_controls_make_the_same_changes_as_the_python_api(lab, pretrained_net, test_digits):
    c = lab.controls
    c["layer"].value = 3
    assert c["neuron"].max == 9
    c["neuron"].value = 2
    assert lab.selected == (3, 2)
    c["off"].value = True
    expect_same(lab, pretrained_net, test_digits, off_outputs=[2])
    assert c["off"].description == "switched off"
    c["off"].value = False
    c["bias"].value = -2.0
    c["scale"].value = 0.5
    hand = pretrained_net.copy()
    hand.biases[2][2] -= 2.0
    hand.weights[2][2] *= 0.5
    expect_same(lab, hand, test_digits)
    c["zero_layer_2"].value = True
    hand.weights[1][:] = 0.0
    expect_same(lab, hand, test_digits)
    c["restore"].click()
    expect_same(lab, pretrained_net, test_digits)
    assert c["zero_layer_2"].value is False


def test_the_controls_show_the_selected_neurons_state(lab):
    lab.shift_bias(1, 4, 2.5)
    lab.scale_weights(2, 6, -0.5)
    lab.switch_off(2, 6)
    lab.select(1, 4)
    c = lab.controls
    assert (c["layer"].value, c["neuron"].value, c["bias"].value, c["scale"].value, c["off"].value) == \
        (1, 4, 2.5, 1.0, False)
    lab.select(2, 6)
    assert (c["layer"].value, c["neuron"].value, c["bias"].value, c["scale"].value, c["off"].value) == \
        (2, 6, 0.0, -0.5, True)
    assert lab.accuracy == lab.network.accuracy(*nnbook.load_digits("test")), "selecting changed nothing"


def test_a_value_beyond_a_sliders_range_widens_the_slider(lab):
    lab.shift_bias(2, 1, 25.0)
    assert lab.controls["bias"].value == 25.0 and lab.controls["bias"].max >= 25.0


# ---- what is shown -------------------------------------------------------------------------------

def png_pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=float)


def test_the_weights_picture_is_the_selected_neurons_weights_in_rdbu(lab, pretrained_net):
    lab.scale_weights(1, 9, 0.5)
    pictures = [picture for picture, *_ in lab._weight_artists]
    assert [p.get_visible() for p in pictures] == [True, False, False]
    np.testing.assert_array_equal(pictures[0].get_array(), lab.network.weights[0][9].reshape(28, 28))
    limit = np.abs(pretrained_net.weights[0][9]).max()
    assert pictures[0].get_clim() == (-limit, limit), "symmetric, the trained weights' limits: zero is white"
    assert pictures[0].get_cmap().name == "RdBu"
    lab.switch_off(1, 5)
    lab.select(2, 3)
    assert [p.get_visible() for p in pictures] == [False, True, False]
    row = pictures[1].get_array()
    assert row.shape == (1, 16) and row[0, 5] == 0.0, "the cut connection from the off neuron is white"
    np.testing.assert_array_equal(row[0], lab.network.weights[1][3])
    assert "Its 16 incoming weights, from neuron 0 (left) to 15 (right) of layer 1" in lab._neuron_text.value
    crosses = [line.get_visible() for _picture, _frame, *cross in lab._weight_artists for line in cross]
    assert crosses == [False] * 6
    lab.select(1, 5)
    crosses = [line.get_visible() for _picture, _frame, *cross in lab._weight_artists for line in cross]
    assert crosses == [True, True] + [False] * 4, "an off neuron's weights are crossed out"


def test_the_bars_are_the_per_digit_accuracy(lab):
    lab.switch_off(3, 4)
    heights = [bar.get_height() for bar in lab._bars]
    np.testing.assert_allclose(heights, 100 * lab.accuracy_by_digit)
    assert lab._bars[4].get_height() == 0.0
    assert lab._bars[4].get_facecolor()[:3] == pytest.approx((0xE6 / 255, 0x9F / 255, 0.0)), "hurt most: orange"
    x, y = lab._hurt_marker.get_data()
    assert list(x) == [4] and y[0] > 100 * lab.trained_accuracy_by_digit[4], "and marked above its trained bar"
    lab.restore()
    assert len(lab._hurt_marker.get_data()[0]) == 0


def test_the_texts_say_the_count_the_bias_and_the_activation(lab, pretrained_net, test_digits):
    lab.shift_bias(2, 7, 1.0)
    lab.picker.value = 3
    right = int(round(lab.accuracy * 2000))
    assert f'data-right="{right}"' in lab._score_text.value
    assert f"{right:,} of the 2,000 test digits right" in lab._score_text.value
    bias = pretrained_net.biases[1][7]
    assert f"bias <b>{bias + 1:.2f}</b> (trained {bias:.2f})" in lab._neuron_text.value
    assert f"<b>{lab.activations[2][7]:.3f}</b>" in lab._neuron_text.value
    assert "layer 2, neuron 7: bias + 1" in lab._score_text.value


def test_the_picture_is_redrawn_in_place_and_is_the_whole_figure(lab):
    figure = lab.figure
    artists = [a for ax in figure.axes for a in ax.get_children()]
    before = lab._picture.value
    lab.zero_layer(2)
    assert lab._picture.value != before
    assert lab.figure is figure and [a for ax in figure.axes for a in ax.get_children()] == artists
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    sent, drawn = png_pixels(lab._picture.value), png_pixels(buffer.getvalue())
    assert sent.shape == drawn.shape and np.abs(sent - drawn).mean() < 3
    assert plt.get_fignums() == []


# ---- errors --------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, error, message", [
    ({"network": "pretrained"}, TypeError, "network must be an nnbook.Network"),
    ({"network": nnbook.Network((100, 10))}, ValueError, "784 inputs"),
    ({"network": nnbook.Network((784, 16, 5))}, ValueError, "10 outputs, one per digit"),
    ({"source": np.zeros((28, 28))}, TypeError, "source must be a DigitCanvas"),
    ({"digit": 2000}, ValueError, "digit must be 0 to 1999"),
    ({"digit": 1.5}, TypeError, "digit must be a whole number"),
    ({"seed": -1}, ValueError, "seed must be a whole number, 0 or more"),
])
def test_bad_arguments_are_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        NetworkLab(**kwargs)


@pytest.mark.parametrize("call, error, message", [
    (lambda lab: lab.select(0, 3), ValueError, "layer 0 is the input layer"),
    (lambda lab: lab.select(4, 0), ValueError, r"layer must be 1 to 3 \(1 the first hidden layer, 3 the output"),
    (lambda lab: lab.switch_off(1, 16), ValueError, r"neuron must be 0 to 15 \(layer 1 has 16 neurons\)"),
    (lambda lab: lab.switch_off(3, 10), ValueError, r"neuron must be 0 to 9 \(layer 3 has 10 neurons\)"),
    (lambda lab: lab.switch_on("1", 0), TypeError, "layer must be a whole number"),
    (lambda lab: lab.shift_bias(1, 0, float("nan")), ValueError, "amount must be a finite number"),
    (lambda lab: lab.scale_weights(1, 0, True), TypeError, "factor must be a number"),
    (lambda lab: lab.add_noise(-0.1), ValueError, "size must be at least 0"),
    (lambda lab: lab.zero_biases("yes"), TypeError, "zero must be True or False"),
    (lambda lab: lab.zero_layer(2, 1), TypeError, "zero must be True or False"),
    (lambda lab: lab.set_image(np.zeros((2, 28, 28))), ValueError, "not a batch"),
    (lambda lab: lab.set_image(np.full((28, 28), 2.0)), ValueError, "grey values in"),
])
def test_bad_changes_are_refused_and_change_nothing(lab, call, error, message):
    lab.switch_off(2, 2)
    accuracy, changes = lab.accuracy, lab.changes
    with pytest.raises(error, match=message):
        call(lab)
    assert (lab.accuracy, lab.changes) == (accuracy, changes)


def test_a_change_too_large_for_floats_is_undone_with_a_reason(lab):
    lab.scale_weights(1, 0, 2.0)
    weights = [W.copy() for W in lab.network.weights]
    with pytest.raises(ValueError, match="that change was undone: layer 2's weights or biases would be beyond"):
        lab.scale_weights(2, 0, 1e308)
    for W, W_before in zip(lab.network.weights, weights):
        np.testing.assert_array_equal(W, W_before)
    assert lab.changes == ["layer 1, neuron 0: weights × 2"]


# ---- without a browser ---------------------------------------------------------------------------

def test_without_widgets_the_text_says_it_moves_only_in_a_running_notebook(lab):
    lab.switch_off(1, 1)
    data, _ = lab._repr_mimebundle_()
    text = data["text/plain"]
    assert text.startswith(f"NetworkLab({lab.accuracy * 2000:,.0f} of 2,000 test digits right, 1 change)")
    assert "moves only in a running notebook (JupyterLab, Jupyter Notebook 7, Colab, Binder)" in text
    assert "application/vnd.jupyter.widget-view+json" in data


def test_the_static_note_answers_the_browsers_hello():
    note = _StaticNote("saved")
    sent = []
    note.send = sent.append
    note._answer(note, {"type": "something else"}, [])
    assert sent == []
    note._answer(note, {"type": "hello"}, [])
    assert sent == [{"type": "alive"}]
    assert "export default" in note._esm and "hello" in note._esm


def test_the_saved_state_holds_the_picture_and_the_texts(lab):
    lab.switch_off(1, 7)
    state = ipywidgets.Widget.get_manager_state(drop_defaults=False)["state"]
    assert state[lab._picture.model_id]["buffers"], "the picture is saved as a PNG"
    assert "data-right" in state[lab._score_text.model_id]["state"]["value"]


# ---- the benchmark compares equal work -----------------------------------------------------------

def test_the_benchmarks_three_ways_compute_the_same_accuracy(pretrained_net):
    bench = load_script("benchmarks/bench_network_lab.py")
    lab, full, fresh = NetworkLab(pretrained_net), bench.FullForward(pretrained_net), bench.FreshCopy(pretrained_net)
    for name, lab_call, hand_call in bench.changes(4):
        lab.restore()
        full.restore()
        accuracies = set()
        for i in range(4):
            lab_call(lab, i)
            lab_call(full, i)
            png = fresh.change(hand_call, i)
            assert png.startswith(b"\x89PNG")
            assert lab.accuracy == full.accuracy == fresh.accuracy, (name, i)
            np.testing.assert_array_equal(lab.accuracy_by_digit, full.accuracy_by_digit)
            accuracies.add(lab.accuracy)
        assert name == "restore" or len(accuracies) > 1, f"{name}: the changes timed change the accuracy"
