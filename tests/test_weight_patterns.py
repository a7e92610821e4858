"""nnbook.weight_patterns: how local a neuron's weights are, and the grid of weight pictures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from nnbook import weight_patterns
from nnbook.figures import HIGHLIGHT


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_a_pattern_inside_one_square_has_share_one_at_its_corner():
    w = np.zeros((28, 28))
    w[10:13, 5:12] = 1.0   # a short bar: positive on the stroke...
    w[13:16, 5:12] = -0.5  # ...negative just below: an edge
    assert weight_patterns.best_patch(w, size=7) == (1.0, 9, 5)


def test_share_counts_blue_and_red_alike():
    w = np.zeros(784)
    w[0] = 3.0
    w[783] = -1.0
    share, top, left = weight_patterns.best_patch(w, size=7)
    assert share == pytest.approx(0.75) and (top, left) == (0, 0)
    share, top, left = weight_patterns.best_patch(-w, size=7)
    assert share == pytest.approx(0.75) and (top, left) == (0, 0)


def test_share_agrees_with_a_plain_loop_over_all_squares():
    w = np.random.default_rng(3).normal(size=(28, 28))
    best = max((np.abs(w[r:r + 5, c:c + 5]).sum(), r, c) for r in range(24) for c in range(24))
    share, top, left = weight_patterns.best_patch(w, size=5)
    assert share == pytest.approx(best[0] / np.abs(w).sum())
    assert (top, left) == best[1:]


def test_evenly_spread_weights_give_the_spread_out_share():
    w = np.zeros((28, 28))
    w[4:24, 4:24] = np.tile([1.0, -1.0], 200).reshape(20, 20)
    share, _, _ = weight_patterns.best_patch(w, size=7)
    assert share == pytest.approx(weight_patterns.spread_out_share(7)) == pytest.approx(49 / 400)
    assert weight_patterns.spread_out_share(28) == 1.0


def test_show_weight_grid_uses_one_symmetric_limit_for_every_picture():
    rng = np.random.default_rng(0)
    weights = rng.normal(size=(6, 784))
    weights[4, 100] = 9.0
    fig = weight_patterns.show_weight_grid(weights, ncols=4)
    pictures = [ax.images[0] for ax in fig.axes if ax.images]
    assert len(pictures) == 6
    for k, picture in enumerate(pictures):
        assert picture.get_cmap().name == "RdBu"
        assert picture.get_clim() == (-9.0, 9.0)
        np.testing.assert_array_equal(picture.get_array(), weights[k].reshape(28, 28))
    assert [ax.get_title() for ax in fig.axes if ax.images] == [f"neuron {k}" for k in range(6)]
    assert any(ax.get_ylabel() == "weight" for ax in fig.axes if not ax.images)  # the shared colour bar


def test_show_weight_grid_marks_each_best_patch_in_orange():
    weights = np.zeros((2, 28, 28))
    weights[0, 20:23, 3:9] = 1.0
    weights[0, 0, 27] = 0.25
    weights[1, 0:2, 0:2] = -1.0
    fig = weight_patterns.show_weight_grid(weights, patch_size=7, limit=2.0)
    shown = [ax for ax in fig.axes if ax.images]
    assert shown[0].images[0].get_clim() == (-2.0, 2.0)
    for ax, weights_row in zip(shown, weights):
        share, top, left = weight_patterns.best_patch(weights_row, 7)
        [box] = [p for p in ax.patches if isinstance(p, Rectangle)]
        assert (box.get_x(), box.get_y()) == (left - 0.5, top - 0.5)
        assert box.get_width() == box.get_height() == 7
        assert to_rgba(box.get_edgecolor()) == to_rgba(HIGHLIGHT)
        assert ax.get_title().endswith(f"· {share:.0%}")
    assert shown[0].get_title() == "neuron 0 · 99%"  # 18 of 18.25


@pytest.mark.parametrize("call, error, message", [
    (lambda: weight_patterns.best_patch(np.ones(783)), ValueError, r"784 weights.*\(783,\)"),
    (lambda: weight_patterns.best_patch(np.zeros(784)), ValueError, "all zeros"),
    (lambda: weight_patterns.best_patch(np.ones(784), size=0), ValueError, "size must be positive"),
    (lambda: weight_patterns.best_patch(np.ones(784), size=29), ValueError, "at most 28"),
    (lambda: weight_patterns.best_patch(np.ones(784), size=2.5), TypeError, "size must be a whole number"),
    (lambda: weight_patterns.best_patch(np.full(784, np.nan)), ValueError, "NaN"),
    (lambda: weight_patterns.best_patch("weights"), TypeError, "weights_row must be a number or an array"),
    (lambda: weight_patterns.show_weight_grid(np.ones(784)), ValueError, r"one row of 784 weights.*\(784,\)"),
    (lambda: weight_patterns.show_weight_grid(np.ones((0, 784))), ValueError, "one row of 784 weights"),
    (lambda: weight_patterns.show_weight_grid(np.ones((2, 784)), ncols=0), ValueError, "ncols must be positive"),
    (lambda: weight_patterns.spread_out_share(-1), ValueError, "size must be positive"),
])
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("limit", [0, -1.0, float("nan")])
def test_show_weight_grid_checks_the_limit(limit):
    with pytest.raises(ValueError, match="limit must be a positive finite number"):
        weight_patterns.show_weight_grid(np.ones((2, 784)), limit=limit)


# What each layer is on for --------------------------------------------------------

def small_network():
    """A network with two small hidden layers and a digit-shaped batch: one image of each digit, twice."""
    import nnbook

    network = nnbook.Network(sizes=(784, 5, 3, 10), seed=4)
    images = np.random.default_rng(5).random((20, 28, 28))
    labels = np.tile(np.arange(10), 2)
    return network, images, labels


def test_activation_by_digit_averages_each_neurons_activation_over_each_digit():
    network, images, labels = small_network()
    for layer in (1, 2, 3):
        table = weight_patterns.activation_by_digit(network, images, labels, layer=layer)
        activations = network.activations(images)[layer]
        assert table.shape == (network.sizes[layer], 10)
        for digit in range(10):
            np.testing.assert_allclose(table[:, digit], activations[labels == digit].mean(axis=0))


def test_activation_by_digit_of_the_input_layer_is_the_average_image():
    network, images, labels = small_network()
    table = weight_patterns.activation_by_digit(network, images.reshape(20, 784), labels, layer=0)
    np.testing.assert_allclose(table[:, 3], images[labels == 3].reshape(-1, 784).mean(axis=0))


def test_show_activation_by_digit_draws_the_table_in_greys_from_0_to_1():
    network, images, labels = small_network()
    fig = weight_patterns.show_activation_by_digit(network, images, labels, layer=2)
    [ax] = [ax for ax in fig.axes if ax.images]
    picture = ax.images[0]
    np.testing.assert_allclose(picture.get_array(), weight_patterns.activation_by_digit(network, images, labels, 2))
    assert picture.get_cmap().name == "gray" and picture.get_clim() == (0.0, 1.0)
    assert ax.get_ylabel() == "second-layer neuron" and ax.get_xlabel() == "digit written"
    assert ax.get_title() == "second-layer neurons: average activation"
    assert any(other.get_ylabel() == "average activation" for other in fig.axes if other is not ax)
    fig = weight_patterns.show_activation_by_digit(network, images, labels, layer=3, title="t")
    assert [ax.get_ylabel() for ax in fig.axes if ax.images] == ["layer-3 neuron"]


def test_show_hidden_layers_puts_layer_one_weights_beside_layer_two_activations():
    network, images, labels = small_network()
    fig = weight_patterns.show_hidden_layers(network, images, labels)
    pictures = [ax.images[0] for ax in fig.axes if ax.images]
    weights, heat = pictures[:-1], pictures[-1]
    limit = np.abs(network.weights[0]).max()
    assert len(weights) == 5
    for k, picture in enumerate(weights):
        assert picture.get_cmap().name == "RdBu" and picture.get_clim() == (-limit, limit)
        np.testing.assert_array_equal(picture.get_array(), network.weights[0][k].reshape(28, 28))
    assert heat.get_cmap().name == "gray" and heat.get_clim() == (0.0, 1.0)
    np.testing.assert_allclose(heat.get_array(), weight_patterns.activation_by_digit(network, images, labels, 2))
    labels_of_bars = {ax.get_ylabel() for ax in fig.axes if not ax.images}
    assert labels_of_bars == {"weight", "average activation"}
    texts = [text.get_text() for text in fig.texts]
    assert texts == ["layer 1: each neuron's 784 weights", "layer 2: average activation per digit"]


@pytest.mark.parametrize("call, error, message", [
    (lambda n, i, lab: weight_patterns.activation_by_digit("net", i, lab), TypeError, "nnbook.Network"),
    (lambda n, i, lab: weight_patterns.activation_by_digit(n, i, lab, layer=4), ValueError, "from 0 .* to 3"),
    (lambda n, i, lab: weight_patterns.activation_by_digit(n, i, lab, layer=-1), ValueError, "from 0"),
    (lambda n, i, lab: weight_patterns.activation_by_digit(n, i, lab, layer=1.0), ValueError, "whole number"),
    (lambda n, i, lab: weight_patterns.activation_by_digit(n, i, lab, layer=True), ValueError, "whole number"),
    (lambda n, i, lab: weight_patterns.activation_by_digit(n, i[:9], lab[:9]), ValueError, r"missing \[9\]"),
    (lambda n, i, lab: weight_patterns.activation_by_digit(n, i, lab[:5]), ValueError, "one label per image"),
    (lambda n, i, lab: weight_patterns.activation_by_digit(n, i[0], lab[:1]), ValueError, "not one image"),
    (lambda n, i, lab: weight_patterns.activation_by_digit(n, i + 1, lab), ValueError, "grey values"),
    (lambda n, i, lab: weight_patterns.show_hidden_layers(
        __import__("nnbook").Network(sizes=(784, 4, 10)), i, lab), ValueError, "two hidden layers"),
    (lambda n, i, lab: weight_patterns.show_hidden_layers(None, i, lab), TypeError, "nnbook.Network"),
])
def test_activation_tables_refuse_bad_input_clearly(call, error, message):
    network, images, labels = small_network()
    with pytest.raises(error, match=message):
        call(network, images, labels)


def test_show_shares_draws_a_bar_per_neuron_beside_the_two_yardsticks():
    shares = np.linspace(0.1, 0.3, 16)
    ax = weight_patterns.show_shares(shares).axes[0]
    np.testing.assert_allclose([bar.get_height() for bar in ax.patches], shares)
    edge, evenly = ax.lines
    assert edge.get_ydata()[0] == 1.0 and to_rgba(edge.get_color()) == to_rgba(HIGHLIGHT)
    assert evenly.get_ydata()[0] == weight_patterns.spread_out_share(7)
    assert [text.get_text() for text in ax.get_legend().get_texts()] == [
        "an edge detector (100%)", "spread evenly (12%)"]
    with pytest.raises(ValueError, match="shares from 0 to 1"):
        weight_patterns.show_shares([0.5, 1.5])
