"""compare_sigmoid_relu shows what it claims: deep sigmoid networks stall, deep ReLU networks learn."""

from __future__ import annotations

import numpy as np
import pytest

import nnbook
from nnbook import Network
from nnbook.depth import (
    CHANCE,
    RELU_COLOUR,
    SIGMOID_COLOUR,
    Z_RANGE,
    DepthComparison,
    History,
    _verdict,
    compare_sigmoid_relu,
    first_hidden_layer,
    learning_rate_table,
    on_off_slider,
    on_off_text,
    show_learning_curves,
    show_learning_rates,
    show_on_off,
)


@pytest.fixture(scope="module")
def small():
    # A faster configuration than the default (10 epochs on 8,000 digits), same depth and width.
    return compare_sigmoid_relu(epochs=3, n_images=2000, progress=False)


def test_the_relu_network_learns_and_the_sigmoid_network_stays_near_chance(small):
    assert isinstance(small, DepthComparison)
    assert small.sizes == (784, 16, 16, 16, 16, 16, 16, 10)
    assert len(small.sigmoid) == len(small.relu) == 3
    assert max(small.sigmoid.test_accuracy) < CHANCE + 0.1
    assert small.relu.test_accuracy[-1] > 0.4
    assert small.relu.test_accuracy[-1] > small.sigmoid.test_accuracy[-1] + 0.3


def test_the_gradient_fades_through_the_sigmoid_layers(small):
    sig, relu = small.sigmoid_gradients, small.relu_gradients
    assert sig.shape == relu.shape == (7,)
    assert np.all(np.diff(sig) > 0)  # smaller at every step back towards the input
    assert sig[0] < sig[-1] / 1000
    assert relu[0] > relu[-1] / 10  # ReLU layers keep the signal within a factor of ten
    assert relu[0] > 100 * sig[0]


def test_the_networks_are_the_trained_ones(small, test_digits):
    assert small.sigmoid_network.activation == "sigmoid" and small.relu_network.activation == "relu"
    images, labels = test_digits
    assert small.relu_network.accuracy(images, labels) == small.relu.test_accuracy[-1]


def test_summary_and_figure(small):
    text = repr(small)
    assert "784-16-16-16-16-16-16-10, 3 epochs, learning rate 0.1" in text
    assert f"{small.relu.test_accuracy[-1]:.1%}" in text
    fig = small.show()
    assert len(fig.axes) == 2


@pytest.mark.parametrize("arguments, error, message", [
    (dict(hidden_layers=0), ValueError, "hidden_layers must be positive"),
    (dict(width=2.5), TypeError, "width must be a whole number"),
    (dict(learning_rate=-1), ValueError, "learning_rate must be a positive"),
    (dict(n_images=9000), ValueError, "n_images must be at most 8000"),
    (dict(seed="0"), TypeError, "seed must be a whole number"),
    (dict(seed=-1), ValueError, "seed must be a whole number, 0 or more, got -1"),
    (dict(seed=1.5), TypeError, "seed must be a whole number, 0 or more"),
    (dict(seed=None), TypeError, "seed must be a whole number, 0 or more"),
    (dict(seed=True), TypeError, "seed must be a whole number"),
    (dict(epochs=0), ValueError, "epochs must be positive"),
    (dict(batch_size="10"), TypeError, "batch_size must be a whole number"),
])
def test_bad_input(arguments, error, message):
    with pytest.raises(error, match=message):
        compare_sigmoid_relu(progress=False, **arguments)


def test_a_network_whose_training_diverges_is_reported_next_to_the_other():
    comparison = compare_sigmoid_relu(hidden_layers=2, epochs=2, n_images=500, learning_rate=10, progress=False)
    assert list(comparison.diverged) == ["relu"]
    assert "diverged in epoch 1" in comparison.diverged["relu"]
    assert "smaller learning_rate" in comparison.diverged["relu"]
    assert len(comparison.relu) == 0 and len(comparison.sigmoid) == 2
    untrained = Network(comparison.sizes, activation="relu", seed=0)
    assert all(np.array_equal(a, b) for a, b in zip(comparison.relu_network.weights, untrained.weights))
    text = repr(comparison)
    assert "784-16-16-10, 2 epochs, learning rate 10" in text
    assert "relu: training diverged in epoch 1" in text
    assert len(comparison.show().axes) == 2


def test_nothing_diverges_with_the_lessons_settings(small):
    assert small.diverged == {}


# Notebook 08's learning curves and learning rates ---------------------------------

def test_learning_curves_draw_both_networks_and_chance(small):
    fig = show_learning_curves(small)
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    np.testing.assert_array_equal(lines["sigmoid hidden layers"].get_ydata(), small.sigmoid.test_accuracy)
    np.testing.assert_array_equal(lines["ReLU hidden layers"].get_ydata(), small.relu.test_accuracy)
    assert lines["sigmoid hidden layers"].get_color() == SIGMOID_COLOUR
    assert lines["ReLU hidden layers"].get_color() == RELU_COLOUR
    assert any(list(line.get_ydata()) == [CHANCE, CHANCE] for line in ax.get_lines())
    assert ax.get_ylim() == (0, 1)
    with pytest.raises(TypeError, match="what compare_sigmoid_relu returned"):
        show_learning_curves(small.relu)


def test_learning_rate_table_and_figure_report_best_last_and_divergence(small):
    diverging = compare_sigmoid_relu(hidden_layers=2, epochs=2, n_images=500, learning_rate=10, progress=False)
    table = learning_rate_table([small, diverging])
    header, first, second = table.splitlines()
    assert header.split() == ["learning", "rate", "sigmoid", "ReLU"]
    relu = small.relu.test_accuracy
    assert first.split()[0] == "0.1" and f"best {max(relu):.0%}, last {relu[-1]:.0%}" in first
    assert second.split()[0] == "10" and second.endswith("diverged in epoch 1")

    fig = show_learning_rates([small, diverging])
    sigmoid_ax, relu_ax = fig.axes
    labels = [text.get_text() for text in sigmoid_ax.get_legend().get_texts()]
    assert labels == ["0.1", "10 (ReLU diverged in epoch 1)"]
    assert relu_ax.get_legend() is None
    np.testing.assert_array_equal(relu_ax.get_lines()[0].get_ydata(), relu)
    assert len(relu_ax.get_lines()[1].get_ydata()) == 0  # nothing to draw for a run that diverged at once


def test_a_run_that_diverges_after_some_epochs_gives_its_best_first():
    history = History(has_test=True)
    history._add(0.5, 0.6, 0.7, 1.0)
    assert _verdict(history, "training diverged in epoch 2: ...") == "best 70%, then diverged in epoch 2"
    assert _verdict(history, None) == "best 70%, last 70%"


@pytest.mark.parametrize("bad", [[], None, [1, 2], "runs"])
def test_learning_rate_helpers_refuse_what_is_not_a_list_of_comparisons(bad):
    with pytest.raises(TypeError, match="non-empty list of what compare_sigmoid_relu returned"):
        learning_rate_table(bad)
    with pytest.raises(TypeError, match="non-empty list"):
        show_learning_rates(bad)


def test_learning_rates_figure_has_a_colour_for_at_most_six_runs(small):
    with pytest.raises(ValueError, match="at most 6 runs"):
        show_learning_rates([small] * 7)


# Off or on: the widget and the first hidden layer -----------------------------------

@pytest.mark.parametrize("z", [-6.0, -2.0, 0.0, 0.5, 6.0])
def test_the_widget_picture_puts_the_dot_on_each_curve(z):
    fig = show_on_off(z)
    sigmoid_ax, relu_ax = fig.axes
    for ax, function in ((sigmoid_ax, nnbook.sigmoid), (relu_ax, nnbook.relu)):
        curve, dot = ax.get_lines()[-2:]
        np.testing.assert_allclose(curve.get_ydata(), function(curve.get_xdata()))
        assert (curve.get_xdata()[0], curve.get_xdata()[-1]) == Z_RANGE
        assert list(dot.get_xdata()) == [z] and list(dot.get_ydata()) == [function(z)]
        assert ax.get_xlabel() == "z = weighted sum + bias"
    assert "max(0, z)" in relu_ax.get_title() and "σ(z)" in sigmoid_ax.get_title()


def test_the_widget_text_says_off_below_zero_and_never_zero_for_the_sigmoid():
    assert on_off_text(-6) == "z = -6.0:   sigmoid 0.0025 (small, but not 0)   ReLU 0.0 (off)"
    assert on_off_text(0) == "z = 0.0:   sigmoid 0.5000   ReLU 0.0 (off)"
    assert on_off_text(0.5) == "z = 0.5:   sigmoid 0.6225   ReLU 0.5 (on: it passes z on)"
    # Over the whole slider the sigmoid never prints as 0.0000: "small, but not 0" is visible.
    assert nnbook.sigmoid(Z_RANGE[0]) >= 0.00005


def test_the_slider_starts_at_a_negative_z_and_covers_the_picture():
    from ipywidgets import FloatSlider

    widget = on_off_slider()
    slider = next(child for child in widget.children if isinstance(child, FloatSlider))
    assert slider.value == -2.0 and (slider.min, slider.max) == Z_RANGE and slider.description == "z"
    assert on_off_slider(z=3).children[0].value == 3.0
    with pytest.raises(ValueError, match="z must be between -6 and 6"):
        on_off_slider(z=7)
    with pytest.raises(TypeError, match="z must be a number"):
        on_off_text("1")


def test_first_hidden_layer_is_one_row_per_image_one_column_per_neuron(small, test_digits):
    images, _ = test_digits
    layer = first_hidden_layer(small.relu_network, images[:50])
    assert layer.shape == (50, 16)
    np.testing.assert_array_equal(layer, small.relu_network.activations(images[:50])[1])
    assert first_hidden_layer(small.relu_network, images[0]).shape == (1, 16)
    assert np.any(layer == 0)  # a ReLU layer: some neurons off
    assert np.all(first_hidden_layer(small.sigmoid_network, images[:50]) > 0)  # a sigmoid layer: never off


def test_first_hidden_layer_refuses_bad_arguments(test_digits):
    images, _ = test_digits
    with pytest.raises(TypeError, match="network must be an nnbook.Network"):
        first_hidden_layer("network", images[:2])
    with pytest.raises(ValueError, match="784-10 has no hidden layer"):
        first_hidden_layer(Network((784, 10)), images[:2])
    with pytest.raises(ValueError, match="images must be one image or a batch"):
        first_hidden_layer(Network(), np.zeros((2, 10)))


def test_the_answers_of_every_epoch_are_recorded_for_both_networks(small, test_digits):
    images, labels = test_digits
    for answers, history, network in ((small.sigmoid_answers, small.sigmoid, small.sigmoid_network),
                                      (small.relu_answers, small.relu, small.relu_network)):
        assert len(answers) == len(history) == 3
        for epoch, said in enumerate(answers):
            assert said.shape == (len(labels),)
            assert np.mean(said == labels) == pytest.approx(history.test_accuracy[epoch], abs=1e-12)
        np.testing.assert_array_equal(answers[-1], network.predict(images))


def test_progress_still_reaches_the_learner_and_a_diverged_run_keeps_its_good_epochs(capsys):
    seen = []
    comparison = compare_sigmoid_relu(hidden_layers=2, epochs=2, n_images=500, learning_rate=10,
                                      progress=lambda history: seen.append(len(history)))
    assert seen == [1, 2]  # the sigmoid's two epochs; the ReLU network diverged in its first
    assert len(comparison.sigmoid_answers) == 2 and comparison.relu_answers == []
    compare_sigmoid_relu(hidden_layers=1, epochs=1, n_images=100, progress=True)
    assert capsys.readouterr().out.count("epoch  1:") == 2  # one line per network, as train prints


def test_show_slopes_draws_the_slope_it_is_given_and_the_sigmoids_best():
    from nnbook.depth import show_slopes

    fig = show_slopes()
    sigmoid_ax, relu_ax = fig.axes
    z, sigmoid_slope = sigmoid_ax.lines[0].get_data()
    assert (z[0], z[-1], len(z)) == (*Z_RANGE, 601)
    np.testing.assert_allclose(sigmoid_slope, nnbook.sigmoid_slope(z), atol=1e-6)
    assert sigmoid_ax.lines[1].get_ydata()[0] == 0.25  # the dashed line: the sigmoid's best
    _, relu_slope = relu_ax.lines[0].get_data()
    away = np.abs(z) > 1e-3
    np.testing.assert_allclose(relu_slope[away], nnbook.relu_slope(z)[away], atol=1e-9)
    calls = []
    show_slopes(lambda f, z: calls.append(f) or np.zeros_like(z))
    assert calls == [nnbook.sigmoid, nnbook.relu]
    with pytest.raises(TypeError, match="slope must be a function"):
        show_slopes("slope")


def test_show_fading_draws_a_quarter_per_layer_and_prints_what_the_slopes_keep(capsys):
    import matplotlib.pyplot as plt

    from nnbook.depth import fading_text, show_fading

    assert show_fading(3) is None  # interact would show a returned figure a second time
    assert capsys.readouterr().out == fading_text(3) + "\n"
    assert fading_text(1) == ("after 1 sigmoid layer(s): the slopes alone keep at most 1/4 of the change, "
                              "before the weights act")
    assert "1/1,048,576" in fading_text(10)
    ax = plt.gcf().axes[0]
    heights = [bar.get_height() for bar in ax.patches]
    np.testing.assert_allclose(heights, [0.25, 0.25 ** 2, 0.25 ** 3, 1, 1, 1])
    assert ax.get_yscale() == "log" and ax.get_xlim() == (0.4, 20.6)
    with pytest.raises(ValueError, match="depth must be at most 20"):
        show_fading(21)
    with pytest.raises(ValueError, match="at least 1"):
        fading_text(0)


def test_show_slope_sizes_draws_both_lines_layer_by_layer(small):
    from nnbook.depth import show_slope_sizes

    ax = show_slope_sizes(small.sigmoid_gradients, small.relu_gradients).axes[0]
    (sigmoid_line, relu_line) = ax.lines
    np.testing.assert_array_equal(sigmoid_line.get_xdata(), np.arange(1, 8))
    np.testing.assert_array_equal(sigmoid_line.get_ydata(), small.sigmoid_gradients)
    np.testing.assert_array_equal(relu_line.get_ydata(), small.relu_gradients)
    assert ax.get_yscale() == "log" and "7 = output" in ax.get_xlabel()
    with pytest.raises(ValueError, match="one number per layer each, got 7 and 3"):
        show_slope_sizes(small.sigmoid_gradients, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="positive numbers"):
        show_slope_sizes([0.0, 1.0], [1.0, 1.0])


def test_the_texts_and_pictures_speak_dutch_after_set_language():
    import matplotlib.pyplot as plt

    from nnbook import depth
    nnbook.set_language("nl")
    try:
        assert depth.on_off_text(-2) == "z = -2.0:   sigmoïde 0.1192 (klein, maar niet 0)   ReLU 0.0 (uit)"
        assert depth.fading_text(8).startswith("na 8 laag/lagen met sigmoïdes: de hellingen alleen houden hoogstens "
                                               "1/65 536 van de verandering over")
        ax = depth.show_on_off(1.0).axes[0]
        assert ax.get_xlabel() == "z = gewogen som + bias" and ax.get_ylabel() == "activering"
    finally:
        nnbook.set_language("en")
        plt.close("all")
