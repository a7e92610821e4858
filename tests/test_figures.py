"""The data inside every figure: nbval compares text, so the pictures are checked here."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Circle

import nnbook
from nnbook import figures


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def digits():
    return nnbook.load_digits("test")


def test_show_digit_uses_greys_from_black_to_white(digits):
    images, _ = digits
    fig = nnbook.show_digit(images[0], title="a digit")
    picture = fig.axes[0].images[0]
    np.testing.assert_array_equal(picture.get_array(), images[0])
    assert picture.get_cmap().name == "gray"
    assert picture.get_clim() == (0.0, 1.0)
    assert picture.get_cmap()(0.0)[:3] == (0.0, 0.0, 0.0) and picture.get_cmap()(1.0)[:3] == (1.0, 1.0, 1.0)
    assert fig.axes[0].get_title() == "a digit"


def test_show_digit_accepts_784_numbers(digits):
    images, _ = digits
    fig = nnbook.show_digit(images[1].ravel())
    np.testing.assert_array_equal(fig.axes[0].images[0].get_array(), images[1])


def test_show_digits_grid_with_labels(digits):
    images, labels = digits
    fig = nnbook.show_digits(images[:12], labels[:12], ncols=5)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 12 and len(fig.axes) == 15
    assert [ax.get_title() for ax in shown] == [str(label) for label in labels[:12]]
    np.testing.assert_array_equal(shown[11].images[0].get_array(), images[11])


def test_show_weights_has_symmetric_limits_zero_white_and_colorbar():
    weights = np.linspace(-0.3, 0.8, 784)
    fig = nnbook.show_weights(weights)
    picture = fig.axes[0].images[0]
    assert picture.get_cmap().name == "RdBu"
    assert picture.get_clim() == (-0.8, 0.8)
    np.testing.assert_array_equal(picture.get_array(), weights.reshape(28, 28))
    middle = picture.get_cmap()(picture.norm(0.0))
    assert min(middle[:3]) > 0.95, "zero must be drawn (nearly) white"
    assert len(fig.axes) == 2, "a colour bar is drawn"


def test_show_weights_of_all_zeros_still_has_a_range():
    fig = nnbook.show_weights(np.zeros((28, 28)), colorbar=False)
    assert fig.axes[0].images[0].get_clim() == (-1.0, 1.0)


def test_show_prediction_bars_and_winner():
    outputs = np.array([0.1, 0.05, 0.2, 0.9, 0.0, 0.3, 0.1, 0.6, 0.2, 0.4])
    fig = nnbook.show_prediction(outputs)
    bars = fig.axes[0].patches
    np.testing.assert_allclose([bar.get_height() for bar in bars], outputs)
    colours = [bar.get_facecolor() for bar in bars]
    assert colours[3] == to_rgba(figures.HIGHLIGHT)
    assert all(colour == to_rgba(figures.NEUTRAL) for i, colour in enumerate(colours) if i != 3)
    assert fig.axes[0].get_title() == "the network says: 3"


def neurons(fig):
    return {c.get_gid(): c for ax in fig.axes for c in ax.patches if isinstance(c, Circle)}


def test_show_network_lights_every_drawn_neuron_by_its_activation(digits):
    images, _ = digits
    net = nnbook.Network(seed=2)
    net.biases[0][:] = np.linspace(-2, 2, 16)
    fig = nnbook.show_network(net, images[0])
    layers = net.activations(images[0])
    circles = neurons(fig)
    grey = plt.get_cmap("gray")
    # 16 shown input pixels (the middle column) + 16 + 16 + 10
    assert len(circles) == 16 + 16 + 16 + 10
    for gid, circle in circles.items():
        _, layer, index = gid.split("-")
        expected = grey(float(layers[int(layer)][int(index)]))
        np.testing.assert_allclose(circle.get_facecolor(), expected)
    shown_inputs = sorted(int(g.split("-")[2]) for g in circles if g.startswith("neuron-0-"))
    assert shown_inputs == sorted(figures.MIDDLE_COLUMN[2:18])


def test_show_network_rings_the_winner_and_draws_the_strongest_weights(digits):
    images, _ = digits
    net = nnbook.Network(seed=2)
    fig = nnbook.show_network(net, images[3], strongest=25)
    winner = int(np.argmax(net.forward(images[3])))
    circles = neurons(fig)
    assert circles[f"neuron-3-{winner}"].get_edgecolor() == to_rgba(figures.HIGHLIGHT)
    assert all(c.get_edgecolor() != to_rgba(figures.HIGHLIGHT) for g, c in circles.items() if g != f"neuron-3-{winner}")
    lines = [line for line in fig.axes[-1].lines if (line.get_gid() or "").startswith("weight-")]
    assert len(lines) == 3 * 25
    blue, red = plt.get_cmap("RdBu")(0.925), plt.get_cmap("RdBu")(0.075)
    for line in lines:
        _, layer, j, i = line.get_gid().split("-")
        w = net.weights[int(layer) - 1][int(j), int(i)]
        np.testing.assert_allclose(line.get_color(), blue if w > 0 else red)
    # the drawn weights of the last layer are the 25 largest of all 160
    gids = (line.get_gid().split("-") for line in lines)
    last = sorted(abs(net.weights[2][int(j), int(i)]) for _, layer, j, i in gids if layer == "3")
    assert last == sorted(np.abs(net.weights[2]).ravel())[-25:]


@pytest.mark.parametrize(
    ("function", "argument", "message"),
    [
        (nnbook.show_digit, np.zeros((28, 27)),
         r"image must be one image shaped \(28, 28\) or \(784,\), got shape \(28, 27\)"),
        (nnbook.show_digit, np.full((28, 28), 2.0), r"image must hold grey values in \[0, 1\]"),
        (nnbook.show_weights, np.zeros(100), r"weights_row must hold 784 weights.*got shape \(100,\)"),
        (nnbook.show_weights, np.full(784, np.nan), "weights_row contains NaN"),
        (nnbook.show_prediction, np.zeros(9), "outputs must be the 10 output activations"),
        (nnbook.show_digits, np.zeros((0, 28, 28)), "images must be a batch"),
    ],
)
def test_figure_helpers_reject_bad_input(function, argument, message):
    with pytest.raises(ValueError, match=message):
        function(argument)


def test_show_network_wants_one_image(digits):
    with pytest.raises(ValueError, match="image must be one image"):
        nnbook.show_network(nnbook.Network(), digits[0][:2])


@pytest.mark.parametrize(("ncols", "error", "message"), [
    (0, ValueError, "ncols must be positive, got 0"),
    (-1, ValueError, "ncols must be positive, got -1"),
    (2.5, TypeError, "ncols must be a whole number, got float 2.5"),
])
def test_show_digits_checks_ncols(ncols, error, message):
    with pytest.raises(error, match=message):
        nnbook.show_digits(np.zeros((3, 28, 28)), ncols=ncols)


def test_show_digits_checks_labels_and_takes_any_titles():
    with pytest.raises(TypeError, match="labels must be a list with one title per image, got int 3"):
        nnbook.show_digits(np.zeros((3, 28, 28)), labels=3)
    fig = nnbook.show_digits(np.zeros((3, 28, 28)), labels=range(3), ncols=2)
    assert [ax.get_title() for ax in fig.axes if ax.images] == ["0", "1", "2"]
    assert len(fig.axes) == 4  # 2 rows of 2; the fourth is blank


@pytest.mark.parametrize("limit", [-1, 0, np.nan, np.inf, "1"])
def test_show_weights_checks_the_limit(limit):
    with pytest.raises((ValueError, TypeError), match="limit must be"):
        nnbook.show_weights(np.ones(784), limit=limit)


def test_show_network_checks_the_network_and_strongest(digits):
    image = digits[0][0]
    with pytest.raises(ValueError, match=r"network must read 28×28 images \(784 inputs\).*\(4, 3\)"):
        nnbook.show_network(nnbook.Network((4, 3)), image[:4])
    with pytest.raises(TypeError, match="network must be an nnbook.Network"):
        nnbook.show_network("net", image)
    for strongest in (-5, 0):
        with pytest.raises(ValueError, match=f"strongest must be positive, got {strongest}"):
            nnbook.show_network(nnbook.Network(), image, strongest=strongest)


def test_network_layout_hands_out_copies_and_the_middle_column_cannot_change():
    net = nnbook.Network()
    before = figures.MIDDLE_COLUMN.copy()
    figures.network_layout(net)[0][0][:] = 0
    np.testing.assert_array_equal(figures.network_layout(net)[0][0], before[2:18])
    with pytest.raises(ValueError, match="read-only"):
        figures.MIDDLE_COLUMN[0] = 0


def test_image_grid_rounds_up_to_whole_rows():
    assert figures.grid_shape(7, 3) == (3, 3)
    assert figures.grid_shape(2, 10) == (1, 2)
    fig, axes = figures.image_grid(5, 2, (1.0, 1.0))
    assert len(axes) == 5 and len(fig.axes) == 6 and not any(ax.axison for ax in fig.axes)


def test_the_figures_speak_dutch_after_set_language(digits):
    images, _ = digits
    nnbook.set_language("nl")
    try:
        fig = nnbook.show_prediction(np.eye(10)[3])
        assert fig.axes[0].get_title() == "het netwerk zegt: 3"
        assert fig.axes[0].get_xlabel() == "cijfer"
        texts = [t.get_text() for ax in nnbook.show_network(nnbook.Network(seed=2), images[0]).axes for t in ax.texts]
        assert "verborgen 1\n16 neuronen" in texts and "invoer\n784 neuronen" in texts
    finally:
        nnbook.set_language("en")
    assert nnbook.show_prediction(np.eye(10)[3]).axes[0].get_title() == "the network says: 3"
