"""The three forward passes of nnbook.timing compute what Network.forward computes."""

from __future__ import annotations

import numpy as np
import pytest

import nnbook
from nnbook import timing


@pytest.fixture(scope="module")
def test_images():
    return nnbook.load_digits("test")[0][:50]


@pytest.mark.parametrize("way", list(timing.WAYS.values()), ids=list(timing.WAYS))
def test_every_way_agrees_with_network_forward(way, test_images):
    net = nnbook.pretrained()
    expected = net.forward(test_images)
    result = way(net, test_images)
    assert result.shape == (50, 10)
    np.testing.assert_allclose(result, expected, rtol=1e-12, atol=1e-15)
    assert np.array_equal(np.argmax(result, axis=1), net.predict(test_images))


@pytest.mark.parametrize("way", list(timing.WAYS.values()), ids=list(timing.WAYS))
def test_every_way_works_for_relu_and_other_shapes(way):
    rng = np.random.default_rng(5)
    net = nnbook.Network((9, 7, 5, 4, 3), activation="relu", seed=2)
    net.biases = [rng.normal(size=b.shape) for b in net.biases]
    images = rng.uniform(size=(6, 9))
    np.testing.assert_allclose(way(net, images), net.forward(images), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("way", list(timing.WAYS.values()), ids=list(timing.WAYS))
def test_one_image_gives_ten_outputs(way, test_images):
    net = nnbook.pretrained()
    result = way(net, test_images[0])
    assert result.shape == (10,)
    np.testing.assert_allclose(result, net.forward(test_images[0]), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("way", list(timing.WAYS.values()), ids=list(timing.WAYS))
def test_bad_input_is_refused(way):
    with pytest.raises(TypeError, match="network must be an nnbook.Network"):
        way("network", np.zeros((2, 784)))
    with pytest.raises(ValueError, match=r"images must be one image or a batch.*got shape \(2, 10\)"):
        way(nnbook.Network(), np.zeros((2, 10)))


def test_time_forward_passes_times_all_three_ways(test_images):
    seconds = timing.time_forward_passes(nnbook.pretrained(), test_images[:5], repeats=2)
    assert list(seconds) == ["per neuron", "per sample", "matrix"]
    assert all(isinstance(s, float) and s > 0 for s in seconds.values())
    with pytest.raises(ValueError, match="repeats must be positive"):
        timing.time_forward_passes(nnbook.pretrained(), test_images[:5], repeats=0)


# The square neurons of notebook 07 -------------------------------------------------------------

def test_square_neurons_tile_the_middle_20_by_20_once_in_reading_order():
    W = timing.square_neurons()
    assert W.shape == (16, 784) and set(np.unique(W)) == {0.0, 1.0}
    coverage = W.sum(axis=0).reshape(28, 28)
    assert (coverage[4:24, 4:24] == 1).all() and coverage.sum() == 400
    for k in range(16):
        rows, cols = np.nonzero(W[k].reshape(28, 28))
        assert (rows.min(), rows.max(), cols.min(), cols.max()) == (
            4 + 5 * (k // 4), 8 + 5 * (k // 4), 4 + 5 * (k % 4), 8 + 5 * (k % 4))
        np.testing.assert_array_equal(timing.square_neuron(k), W[k])


@pytest.mark.parametrize("k, error, message", [
    (16, ValueError, "from 0 to 15, got 16"),
    (-1, ValueError, "k must be at least 0"),
    (2.5, TypeError, "k must be a whole number, got float 2.5"),
    ("3", TypeError, "k must be a whole number, got str"),
    (True, TypeError, "k must be a whole number, got bool"),
])
def test_square_neuron_refuses_what_is_not_a_neuron_number(k, error, message):
    with pytest.raises(error, match=message):
        timing.square_neuron(k)


def test_the_weighted_sum_of_a_square_neuron_is_the_ink_in_its_square(test_images):
    W = timing.square_neurons()
    flat = test_images.reshape(len(test_images), 784)
    ink = test_images[:, 4:24, 4:24].reshape(-1, 4, 5, 4, 5).sum(axis=(2, 4)).reshape(-1, 16)
    np.testing.assert_allclose(flat @ W.T, ink, rtol=1e-12)


def test_show_matrix_rows_frames_row_k_and_folds_it_back():
    W = timing.square_neurons()
    fig = timing.show_matrix_rows(W, k=5)
    strip_ax, square_ax = fig.axes
    np.testing.assert_array_equal(strip_ax.images[0].get_array(), W)
    (frame,) = strip_ax.patches
    assert frame.get_xy() == (-0.5, 4.5) and frame.get_height() == 1 and frame.get_width() == 784
    np.testing.assert_array_equal(square_ax.images[0].get_array(), W[5].reshape(28, 28))
    assert strip_ax.get_title() == "W: 16 rows × 784 columns" and square_ax.get_title() == "row 5 as 28 × 28"
    lo, hi = strip_ax.images[0].get_clim()
    assert lo == -hi  # symmetric: white is 0
    with pytest.raises(ValueError, match="k must be a row of W, from 0 to 15, got 16"):
        timing.show_matrix_rows(W, k=16)
    with pytest.raises(ValueError, match=r"shape \(n, 784\), got shape \(16, 10\)"):
        timing.show_matrix_rows(np.zeros((16, 10)))


def test_show_layer_as_grid_greys_are_the_activations_and_rings_one():
    activations = np.linspace(0.0, 1.0, 16)
    fig = timing.show_layer_as_grid(activations, ring=6)
    circles = fig.axes[0].patches
    assert len(circles) == 16
    for k, (circle, value) in enumerate(zip(circles, activations)):
        assert circle.center == (k % 4, k // 4)
        assert circle.get_facecolor()[0] == pytest.approx(value, abs=1 / 255)  # grey: black 0, white 1
    widths = [circle.get_linewidth() for circle in circles]
    assert widths[6] == 3 and widths.count(3) == 1
    with pytest.raises(ValueError, match="16 activations"):
        timing.show_layer_as_grid(np.zeros(10))


def test_show_layer_marks_the_sums_above_the_threshold_the_bias_sets(test_images):
    from matplotlib.colors import to_rgba

    from nnbook.figures import HIGHLIGHT

    W, b = timing.square_neurons(), np.full(16, timing.SQUARE_BIAS)
    fig = timing.show_layer(test_images[0], W, b)
    image_ax, bar_ax, grid_ax = fig.axes
    sums = W @ test_images[0].reshape(784)
    bars = bar_ax.patches
    np.testing.assert_allclose([bar.get_height() for bar in bars], sums)
    orange = [bar.get_facecolor() == to_rgba(HIGHLIGHT) for bar in bars]
    assert orange == list(sums > 5) and 0 < sum(orange) < 16
    assert bar_ax.lines[0].get_ydata()[0] == 5  # the dashed threshold line at -b
    greys = [circle.get_facecolor()[0] for circle in grid_ax.patches]
    np.testing.assert_allclose(greys, nnbook.sigmoid(sums + b), atol=1 / 255)
    with pytest.raises(ValueError, match=r"b must hold one bias for each of the 16 neurons"):
        timing.show_layer(test_images[0], W, np.zeros(3))


def test_layer_explorer_works_out_the_chosen_neuron_from_its_row(test_images, capsys):
    labels = np.arange(len(test_images)) % 10
    W, b = timing.square_neurons(), np.full(16, timing.SQUARE_BIAS)
    explorer = timing.layer_explorer(test_images, labels, W, b)
    image_slider, neuron_menu = explorer.children[:2]
    assert (image_slider.value, image_slider.max, neuron_menu.value) == (0, len(test_images) - 1, 5)
    capsys.readouterr()
    image_slider.value, neuron_menu.value = 7, 3
    a0 = test_images[7].reshape(784)
    weighted_sum = float(W[3] @ a0)
    expected = (f"neuron 3: weighted sum {weighted_sum:.2f}, plus bias -5, "
                f"squished: σ({weighted_sum - 5:.2f}) = {nnbook.sigmoid(weighted_sum - 5):.3f}")
    assert expected in capsys.readouterr().out
    with pytest.raises(ValueError, match="one label per image"):
        timing.layer_explorer(test_images, labels[:3], W, b)


def test_show_square_neurons_draws_each_row_of_the_w_it_gets():
    W = timing.square_neurons()
    fig = timing.show_square_neurons(W)
    assert len(fig.axes) == 16
    for k, ax in enumerate(fig.axes):
        np.testing.assert_array_equal(ax.images[0].get_array(), W[k].reshape(28, 28))
        assert ax.get_title() == f"neuron {k}"
        assert ax.images[0].get_clim() == (-1.0, 1.0)  # symmetric: white is 0
    default = timing.show_square_neurons()
    np.testing.assert_array_equal(default.axes[15].images[0].get_array(), W[15].reshape(28, 28))
    fewer = timing.show_square_neurons(W[:3])
    assert [len(ax.images) for ax in fewer.axes] == [1, 1, 1] + [0] * 13
    with pytest.raises(ValueError, match=r"at most 16 neurons, shape \(16, 784\), got shape \(17, 784\)"):
        timing.show_square_neurons(np.zeros((17, 784)))


def test_first_of_each_digit_and_show_one_of_each(test_images):
    images, labels = nnbook.load_digits("test")
    first = timing.first_of_each_digit(labels)
    assert [int(labels[i]) for i in first] == list(range(10))
    assert all(not np.any(labels[:i] == digit) for digit, i in enumerate(first))
    W, b = timing.square_neurons(), np.full(16, timing.SQUARE_BIAS)
    A1 = nnbook.sigmoid(images.reshape(len(images), 784) @ W.T + b)
    fig = timing.show_one_of_each(images, labels, A1)
    assert len(fig.axes) == 20
    for digit, index in enumerate(first):
        image_ax, grid_ax = fig.axes[digit], fig.axes[10 + digit]
        assert image_ax.get_title() == str(digit)
        np.testing.assert_array_equal(image_ax.images[0].get_array(), images[index])
        greys = [circle.get_facecolor()[0] for circle in grid_ax.patches]
        np.testing.assert_allclose(greys, A1[index], atol=1 / 255)
    with pytest.raises(ValueError, match="missing: \\[9\\]"):
        timing.first_of_each_digit(labels[labels != 9])
    with pytest.raises(ValueError, match=r"shape \(2000, 16\), got shape \(2000, 10\)"):
        timing.show_one_of_each(images, labels, np.zeros((2000, 10)))


def test_times_table_names_each_way_and_how_many_times_as_fast():
    seconds = {"per neuron": 2.0, "per sample": 0.25, "matrix": 0.02}
    assert timing.times_table(seconds).splitlines() == [
        "one neuron at a time: 2.0000 seconds",
        " one image at a time: 0.2500 seconds, 8 times as fast",
        "  all images at once: 0.0200 seconds, 100 times as fast"]
    assert list(timing.WAY_NAMES) == list(timing.WAYS)
    with pytest.raises(TypeError, match="what time_forward_passes returned"):
        timing.times_table({"matrix": 1.0})
    with pytest.raises(ValueError, match="at least 0"):
        timing.times_table({"per neuron": 1.0, "per sample": -1.0, "matrix": 0.1})


def test_show_times_draws_one_bar_per_way_the_fastest_orange():
    from matplotlib.colors import to_rgba

    from nnbook.figures import HIGHLIGHT

    seconds = {"per neuron": 1.0, "per sample": 0.125, "matrix": 0.0275}
    ax = timing.show_times(seconds).axes[0]
    bars = ax.patches
    np.testing.assert_allclose([bar.get_width() for bar in bars], list(seconds.values()))
    assert [bar.get_facecolor() == to_rgba(HIGHLIGHT) for bar in bars] == [False, False, True]
    assert [label.get_text() for label in ax.get_yticklabels()] == list(timing.WAY_NAMES.values())


def test_show_weight_matrices_draws_the_three_matrices_to_scale():
    net = nnbook.pretrained()
    ax = timing.show_weight_matrices(net).axes[0]
    assert [image.get_array().shape for image in ax.images] == [(16, 784), (16, 16), (10, 16)]
    for image, W in zip(ax.images, net.weights):
        np.testing.assert_array_equal(image.get_array(), W)
        lo, hi = image.get_clim()
        assert lo == -hi == -np.abs(W).max()
        left, right, bottom, top = image.get_extent()
        assert (right - left, bottom - top) == (W.shape[1], W.shape[0])  # one unit per weight
    assert [text.get_text() for text in ax.texts] == [
        "W(1): 16 × 784 = 12,544 weights", "W(2): 16 × 16 = 256 weights", "W(3): 10 × 16 = 160 weights"]
    with pytest.raises(ValueError, match="must be 784-16-16-10"):
        timing.show_weight_matrices(nnbook.Network((784, 30, 10)))


def test_the_times_and_the_pictures_speak_dutch_after_set_language():
    import matplotlib.pyplot as plt

    import nnbook
    nnbook.set_language("nl")
    try:
        text = timing.times_table({"per neuron": 1.0, "per sample": 0.125, "matrix": 0.025})
        assert text.splitlines() == ["       één neuron tegelijk: 1.0000 seconden",
                                     "   één afbeelding tegelijk: 0.1250 seconden, 8 keer zo snel",
                                     "alle afbeeldingen tegelijk: 0.0250 seconden, 40 keer zo snel"]
        ax = timing.show_times({"per neuron": 1.0, "per sample": 0.125, "matrix": 0.025}).axes[0]
        assert ax.get_xlabel() == "seconden voor alle 2000 testafbeeldingen"
        assert list(timing.WAY_NAMES.values())[0] == "één neuron tegelijk"
    finally:
        nnbook.set_language("en")
        plt.close("all")
