"""The data behind every widget picture, checked in the kernel (tests/browser/ checks the browser side)."""

import io
import warnings

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
import traitlets
from matplotlib.colors import to_rgba
from PIL import Image

import nnbook
from nnbook.figures import ACTIVATION_CMAP, HIGHLIGHT, network_layout
from nnbook.preprocess import strokes_to_image
from nnbook.widgets import DigitCanvas, NetworkExplorer, NeuronExplorer

ONE = [[[0.5, 0.15], [0.5, 0.85]]]
BAR = [[0.3, 0.2], [0.7, 0.2]]
GREY = plt.get_cmap(ACTIVATION_CMAP)


@pytest.fixture(scope="module")
def network():
    return nnbook.pretrained()


@pytest.fixture(scope="module")
def digits():
    return nnbook.load_digits("test")


@pytest.fixture(scope="module")
def pattern():
    """A vertical-bar detector: positive weights down the middle, negative beside them."""
    weights = np.zeros((28, 28))
    weights[4:24, 12:16] = 1.0
    weights[4:24, 8:12] = weights[4:24, 16:20] = -1.0
    return weights


def all_artists(figure):
    return [artist for ax in figure.axes for artist in ax.get_children()]


def png_pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=float)


def full_redraw(figure) -> np.ndarray:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return png_pixels(buffer.getvalue())


# ---- DigitCanvas ---------------------------------------------------------------------------------

def test_canvas_starts_empty_and_black():
    canvas = DigitCanvas()
    assert canvas.is_empty and canvas.strokes == []
    np.testing.assert_array_equal(canvas.image, np.zeros((28, 28)))


def test_canvas_image_is_the_prepared_strokes():
    canvas = DigitCanvas()
    canvas.strokes = ONE  # what the browser sends when the pen is lifted
    np.testing.assert_array_equal(canvas.image, strokes_to_image(ONE))
    assert canvas.image.shape == (28, 28) and 0.0 <= canvas.image.min() and canvas.image.max() <= 1.0
    assert canvas._preview == np.round(canvas.image * 255).astype(int).ravel().tolist()


def test_canvas_image_cannot_be_changed_by_accident():
    canvas = DigitCanvas(strokes=ONE)
    with pytest.raises(ValueError):
        canvas.image[0, 0] = 1.0
    with pytest.raises(Exception, match="read-only"):
        canvas.image = np.ones((28, 28))


def test_observers_hear_once_per_stroke():
    canvas = DigitCanvas()
    heard = []
    canvas.observe(lambda change: heard.append(change.new), names="image")
    canvas.strokes = ONE
    canvas.strokes = ONE + [BAR]
    assert len(heard) == 2
    np.testing.assert_array_equal(heard[-1], strokes_to_image(ONE + [BAR]))


def test_clear_wipes_the_strokes_and_the_image():
    canvas = DigitCanvas(strokes=ONE)
    assert canvas.image.sum() > 0
    canvas.clear()
    assert canvas.is_empty and canvas.image.sum() == 0 and sum(canvas._preview) == 0


def test_bad_strokes_are_refused_and_leave_the_canvas_as_it_was():
    canvas = DigitCanvas(strokes=ONE)
    with pytest.raises(ValueError, match="Wrap it in a list"):
        canvas.strokes = [[0.1, 0.2], [0.3, 0.4]]
    assert canvas.strokes == ONE
    with pytest.raises(TypeError, match="list of strokes"):
        DigitCanvas(strokes="1")


def test_the_canvas_loads_its_front_end_code():
    # That the two files are in a built wheel is checked in tests/test_packaging.py.
    canvas = DigitCanvas()
    assert "export default" in canvas._esm and "pointerup" in canvas._esm
    assert "pointermove" in canvas._esm and "touch-action: none" in canvas._css


def test_without_widgets_the_text_says_so_and_offers_the_data():
    for widget in (DigitCanvas(), NeuronExplorer()):
        data, _ = widget._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in data
        assert "cannot show interactive widgets" in data["text/plain"]
        assert "nnbook.load_digits('test')" in data["text/plain"]


# ---- NetworkExplorer -----------------------------------------------------------------------------

def test_explorer_shows_the_activations_of_the_drawn_image(network):
    canvas = DigitCanvas()
    explorer = NetworkExplorer(network, source=canvas)
    canvas.strokes = ONE
    expected = network.activations(canvas.image)
    np.testing.assert_array_equal(explorer.image, canvas.image)
    for shown, right in zip(explorer.activations, expected):
        np.testing.assert_allclose(shown, right)
    assert explorer.prediction == int(np.argmax(expected[-1])) == 1


def test_every_circle_is_lit_by_its_neurons_activation(network, digits):
    explorer = NetworkExplorer(network)
    explorer.picker.value = 7
    layers = network.activations(digits[0][7])
    circles = {patch.get_gid(): patch for ax in explorer.figure.axes for patch in ax.patches if patch.get_gid()}
    for layer, (indices, *_) in enumerate(network_layout(network)):
        for index in indices:
            assert circles[f"neuron-{layer}-{index}"].get_facecolor() == pytest.approx(GREY(layers[layer][index]))
    winner = int(np.argmax(layers[-1]))
    ringed = [gid for gid, circle in circles.items() if circle.get_edgecolor() == pytest.approx(to_rgba(HIGHLIGHT))]
    assert ringed == [f"neuron-3-{winner}"]
    np.testing.assert_array_equal(explorer.figure.axes[0].images[0].get_array(), digits[0][7])


def test_explorer_says_the_prediction_and_all_ten_outputs(network, digits):
    explorer = NetworkExplorer(network)
    explorer.picker.value = 3
    outputs = network.forward(digits[0][3])
    text = explorer._verdict.value
    assert f"This test digit is a {digits[1][3]}." in text
    assert f"The network says: <b>{explorer.prediction}</b>" in text
    for value in outputs:
        assert f">{value:.2f}</td>" in text


def test_an_empty_canvas_still_gets_an_answer(network):
    explorer = NetworkExplorer(network, source=DigitCanvas())
    assert "Nothing drawn yet" in explorer._verdict.value
    assert explorer.prediction == network.predict(np.zeros((28, 28)))


def test_explorer_redraws_the_same_figure_with_the_same_artists(network):
    canvas = DigitCanvas()
    explorer = NetworkExplorer(network, source=canvas)
    figure, artists, png = explorer.figure, all_artists(explorer.figure), explorer._picture.value
    canvas.strokes = ONE
    canvas.strokes = ONE + [BAR]
    assert explorer.figure is figure
    assert all_artists(figure) == artists, "no artist was added or removed"
    assert explorer._picture.value != png
    assert plt.get_fignums() == [], "the widget's figure is not a pyplot figure (it would show twice)"


def test_the_picture_sent_is_the_whole_figure(network):
    explorer = NetworkExplorer(network, source=DigitCanvas(strokes=ONE))
    sent, drawn = png_pixels(explorer._picture.value), full_redraw(explorer.figure)
    assert sent.shape == drawn.shape
    assert np.abs(sent - drawn).mean() < 3, "drawing only the changed parts gives the full picture"


def test_set_image_and_its_errors(network, digits):
    explorer = NetworkExplorer(network)
    explorer.set_image(digits[0][11].ravel())
    assert explorer.prediction == network.predict(digits[0][11])
    with pytest.raises(ValueError, match="not a batch"):
        explorer.set_image(digits[0][:2])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        explorer.set_image(np.full((28, 28), 255.0))


def test_explorer_refuses_bad_arguments(network):
    with pytest.raises(TypeError, match="nnbook.Network"):
        NetworkExplorer("my network")
    with pytest.raises(ValueError, match="784 inputs"):
        NetworkExplorer(nnbook.Network((4, 3, 2)))
    with pytest.raises(TypeError, match="DigitCanvas"):
        NetworkExplorer(network, source=np.zeros((28, 28)))
    with pytest.raises(ValueError, match="strongest must be positive"):
        NetworkExplorer(network, strongest=0)


def test_explorer_uses_the_trained_network_by_default(network):
    explorer = NetworkExplorer()
    for mine, trained in zip(explorer.network.weights, network.weights):
        np.testing.assert_array_equal(mine, trained)


# ---- NeuronExplorer ------------------------------------------------------------------------------

def test_one_input_sliders_map_to_the_plotted_point():
    explorer = NeuronExplorer(weights=2.0, bias=-3.0)
    explorer.sliders["input"].value = 0.5
    z = 2.0 * 0.5 - 3.0
    np.testing.assert_allclose(explorer.weighted_sums, [z])
    np.testing.assert_allclose(explorer.activations, [nnbook.sigmoid(z)])
    np.testing.assert_allclose(explorer.dots, ([z], [nnbook.sigmoid(z)]))
    assert "= <b>-2.00</b>" in explorer._equation.value and "0.119" in explorer._equation.value


def test_the_curve_is_the_sigmoid_over_the_plotted_range():
    explorer = NeuronExplorer()
    z, a = explorer.curve
    assert (z[0], z[-1]) == explorer.z_range == (-12.0, 12.0)
    np.testing.assert_allclose(a, nnbook.sigmoid(z))


def test_784_weights_scale_and_bias_give_each_digits_dot_and_lamp(pattern, digits):
    images, labels = digits
    explorer = NeuronExplorer(weights=pattern, bias=-10.0)
    assert explorer.labels == list(range(10))
    explorer.sliders["scale"].value = 0.5
    explorer.sliders["bias"].value = -2.0
    chosen = images[[int(np.flatnonzero(labels == d)[0]) for d in range(10)]]
    z = 0.5 * (chosen.reshape(10, 784) @ pattern.ravel()) - 2.0
    np.testing.assert_allclose(explorer.weighted_sums, z)
    np.testing.assert_allclose(explorer.activations, nnbook.sigmoid(z))
    low, high = explorer.z_range
    np.testing.assert_allclose(explorer.dots, (np.clip(z, low, high), nnbook.sigmoid(z)))
    lamps = explorer._lamp_artist.get_array()
    np.testing.assert_allclose(lamps[0, ::30], nnbook.sigmoid(z))
    assert [text.get_text() for text in explorer._lamp_texts] == [f"{a:.2f}" for a in nnbook.sigmoid(z)]


def test_sums_beyond_the_plot_are_drawn_at_its_edge_as_triangles(pattern):
    explorer = NeuronExplorer(weights=pattern, bias=0.0)
    explorer.sliders["bias"].value = explorer.sliders["bias"].max
    explorer.sliders["scale"].value = 3.0
    low, high = explorer.z_range
    beyond = explorer.weighted_sums > high
    assert beyond.any()
    right, = [line for ax in explorer.figure.axes for line in ax.lines if line.get_gid() == "dots-right"]
    assert right.get_marker() == ">"
    np.testing.assert_array_equal(right.get_xdata(), np.full(beyond.sum(), high))


def test_neuron_explorer_updates_the_same_figure_in_place(pattern):
    explorer = NeuronExplorer(weights=pattern, bias=-10.0)
    figure, artists = explorer.figure, all_artists(explorer.figure)
    curve = explorer.curve
    pictures = {explorer._picture.value}
    for value in (-5.0, 0.0, 5.0):
        explorer.sliders["bias"].value = value
        pictures.add(explorer._picture.value)
    assert explorer.figure is figure and all_artists(figure) == artists
    np.testing.assert_array_equal(explorer.curve[0], curve[0])
    assert len(pictures) == 4, "each step sends a new picture"
    assert plt.get_fignums() == []


def test_the_neuron_picture_sent_is_the_whole_figure(pattern):
    explorer = NeuronExplorer(weights=pattern, bias=-10.0)
    explorer.sliders["bias"].value = 12.0
    sent, drawn = png_pixels(explorer._picture.value), full_redraw(explorer.figure)
    assert sent.shape == drawn.shape and np.abs(sent - drawn).mean() < 3


def test_bias_slider_reaches_the_given_bias():
    explorer = NeuronExplorer(weights=1.0, bias=-35.0)
    assert explorer.sliders["bias"].value == -35.0 and explorer.sliders["bias"].min <= -35.0


@pytest.mark.parametrize("kwargs, error, message", [
    ({"weights": np.ones(10)}, ValueError, r"weights must hold 784 weights.*got shape \(10,\)"),
    ({"weights": "strong"}, TypeError, "weights must be"),
    ({"weights": True}, TypeError, "weights must be a number or an array of numbers"),
    ({"bias": "-10"}, TypeError, "bias must be a number"),
    ({"bias": float("nan")}, ValueError, "finite"),
    ({"weights": 1.0, "images": np.zeros((2, 28, 28))}, ValueError, "784 weights"),
    ({"weights": np.ones(784), "images": np.zeros((13, 28, 28))}, ValueError, "at most 12"),
    ({"weights": np.ones(784), "images": np.zeros((2, 28, 28)), "labels": [1]}, ValueError, "one label per image"),
    ({"weights": np.ones(784), "images": np.zeros((2, 28, 28)), "labels": [1, 12]}, ValueError, r"labels\[1\] is 12"),
    ({"weights": np.ones(784), "images": np.zeros((2, 5, 5))}, ValueError, "images must be"),
    ({"weights": np.ones(784), "labels": [1, 2]}, ValueError, "labels need images"),
    ({"weights": np.ones(784), "images": np.zeros((2, 28, 28)), "labels": "12"}, TypeError,
     "labels must be a list or 1-D array"),
])
def test_neuron_explorer_refuses_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        NeuronExplorer(**kwargs)


def test_neuron_explorer_takes_any_strip_of_digits(pattern, digits):
    images, labels = digits
    explorer = NeuronExplorer(weights=pattern.ravel(), bias=-4.0, images=images[:3], labels=labels[:3])
    np.testing.assert_allclose(explorer.weighted_sums, images[:3].reshape(3, 784) @ pattern.ravel() - 4.0)
    unlabelled = NeuronExplorer(weights=pattern, images=images[:2])
    assert unlabelled.labels is None and len(unlabelled.activations) == 2


# ---- saved widget state ---------------------------------------------------------------------------

def test_saved_state_holds_everything_a_static_view_needs(network):
    canvas = DigitCanvas(strokes=ONE)
    explorer = NetworkExplorer(network, source=canvas)
    state = ipywidgets.Widget.get_manager_state(drop_defaults=False)["state"]
    saved_canvas = state[canvas.model_id]["state"]
    assert saved_canvas["_model_module"] == "anywidget" and "export default" in saved_canvas["_esm"]
    assert saved_canvas["strokes"] == ONE and len(saved_canvas["_preview"]) == 784
    picture = state[explorer._picture.model_id]
    assert picture["buffers"], "the network's picture is saved as a PNG"


def test_the_weight_picture_follows_the_scale_slider(pattern):
    explorer = NeuronExplorer(weights=pattern, bias=-10.0)
    picture = explorer._pattern_artist
    limit = np.abs(pattern).max()
    assert picture.get_clim() == (-limit, limit)
    for scale in (1.0, 0.0, -1.0, 2.5):
        explorer.sliders["scale"].value = scale
        np.testing.assert_allclose(picture.get_array(), scale * pattern.reshape(28, 28))
        assert picture.get_clim() == (-limit, limit), "fixed limits: the picture pales at 0 and flips below it"


def test_the_neuron_explorers_text_fallback_is_about_one_neuron(pattern):
    text = NeuronExplorer(weights=pattern)._repr_mimebundle_()
    plain = text[0]["text/plain"] if isinstance(text, tuple) else text["text/plain"]
    assert "nnbook.show_weights(weights)" in plain and "show_network" not in plain


@pytest.mark.parametrize("strokes, message", [
    ([[[0.0, 0.0], [1e300, 1e300]]], r"strokes\[0\]\[1\] is \[1e\+300, 1e\+300\], too far out"),
    ([[[0.2, 0.2], [1.5, 0.5]]], r"strokes\[0\]\[1\] is \[1.5, 0.5\], off the canvas: x and y run from 0 to 1"),
    ([[[-0.1, 0.5]]], r"strokes\[0\]\[0\] is \[-0.1, 0.5\], off the canvas"),
])
def test_strokes_off_the_canvas_are_refused_and_strokes_and_image_stay_together(strokes, message):
    canvas = DigitCanvas(strokes=ONE)
    image, preview = canvas.image, list(canvas._preview)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=message):
            canvas.strokes = strokes
    assert canvas.strokes == ONE and canvas.image is image and canvas._preview == preview
    np.testing.assert_array_equal(canvas.image, strokes_to_image(canvas.strokes))


def test_strokes_must_be_a_list_not_text_nor_a_number():
    canvas = DigitCanvas()
    with pytest.raises(TypeError, match="strokes must be a list of strokes"):
        canvas.strokes = "1"
    with pytest.raises(TypeError, match="strokes must be a list of strokes"):
        canvas.strokes = 5
    assert canvas.strokes == []


def test_the_preview_holds_exactly_784_grey_levels():
    canvas = DigitCanvas()
    for bad in ([0] * 783, [0] * 785, [256] * 784, [-1] * 784):
        with pytest.raises(traitlets.TraitError):
            canvas._preview = bad
    assert canvas._preview == [0] * 784


def test_neuron_explorer_sliders_refuse_nan():
    explorer = NeuronExplorer()
    with pytest.raises(ValueError, match="the bias b slider's value must be a finite number, got nan"):
        explorer.sliders["bias"].value = float("nan")
    assert explorer.sliders["bias"].value == 0.0 and np.isfinite(explorer.activations).all()


def test_neuron_explorer_refuses_weights_whose_sums_overflow(digits):
    with pytest.raises(ValueError, match="weights are too large"):
        NeuronExplorer(weights=np.full(784, 1e306), images=digits[0][:2])
    explorer = NeuronExplorer(weights=np.full(784, 1e300), images=digits[0][:2])  # large, but it fits
    assert np.isfinite(explorer.z_range).all()


def test_neuron_explorer_takes_labels_as_every_other_function_does(pattern, digits):
    explorer = NeuronExplorer(weights=pattern, images=digits[0][:2], labels=[1.0, 2.0])
    assert explorer.labels == [1, 2]
    with pytest.raises(ValueError, match=r"labels must hold whole numbers 0-9; labels\[0\] is 1.5"):
        NeuronExplorer(weights=pattern, images=digits[0][:2], labels=[1.5, 2.0])


def test_neuron_explorer_works_when_numpy_raises_on_underflow(digits):
    with np.errstate(all="raise"):
        explorer = NeuronExplorer(weights=np.ones(784) * 5, bias=-100, images=digits[0][:3])
        explorer.sliders["bias"].value = -200
    assert np.isfinite(explorer.activations).all()
