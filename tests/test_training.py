"""The trainer: gradients, learning, determinism, bad input, divergence, progress output."""

from __future__ import annotations

import re

import numpy as np
import pytest

import nnbook
from nnbook import training
from nnbook.training import History, TrainingDiverged, average_cost, backprop, gradient_sizes, train


@pytest.fixture(scope="module")
def digits(train_digits, test_digits):
    return train_digits, test_digits


def small_problem(activation, seed=1):
    """A 6-5-4-3 network with random biases, and 7 inputs with labels 0-2."""
    rng = np.random.default_rng(seed)
    net = nnbook.Network((6, 5, 4, 3), activation=activation, seed=seed)
    net.biases = [rng.normal(0.0, 0.5, size=b.shape) for b in net.biases]
    images = rng.uniform(0.0, 1.0, size=(7, 6))
    labels = rng.integers(0, 3, size=7)
    return net, images, labels


def finite_difference_gradients(net, images, labels, cost, h=1e-6):
    """∂C/∂p ≈ (C(p + h) - C(p - h)) / 2h, one parameter at a time."""
    gradients = []
    for group in (net.weights, net.biases):
        grads = []
        for array in group:
            grad = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                kept = array[index]
                array[index] = kept + h
                up = average_cost(net, images, labels, cost=cost)
                array[index] = kept - h
                down = average_cost(net, images, labels, cost=cost)
                array[index] = kept
                grad[index] = (up - down) / (2 * h)
            grads.append(grad)
        gradients.append(grads)
    return gradients


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_backprop_agrees_with_finite_differences(activation, cost):
    net, images, labels = small_problem(activation)
    if activation == "relu":
        # Finite differences are wrong at a ReLU's kink; make sure no weighted sum is near one.
        layers = net.activations(images)
        for a_in, W, b in zip(layers[:-2], net.weights, net.biases):
            assert np.abs(a_in @ W.T + b).min() > 1e-3
    weight_grads, bias_grads = backprop(net, images, labels, cost=cost)
    numeric_w, numeric_b = finite_difference_gradients(net, images, labels, cost)
    for exact, numeric in zip(weight_grads + bias_grads, numeric_w + numeric_b):
        assert exact.shape == numeric.shape
        relative = np.linalg.norm(exact - numeric) / np.linalg.norm(exact + numeric)
        assert relative < 1e-6


def test_backprop_leaves_the_network_alone():
    net, images, labels = small_problem("sigmoid")
    before = net.copy()
    backprop(net, images, labels)
    assert all(np.array_equal(a, b) for a, b in zip(net.weights + net.biases, before.weights + before.biases))


def test_gradient_sizes_are_the_mean_absolute_weight_gradients():
    net, images, labels = small_problem("relu")
    weight_grads, _ = backprop(net, images, labels)
    sizes = gradient_sizes(net, images, labels)
    assert sizes.shape == (3,)
    np.testing.assert_allclose(sizes, [np.mean(np.abs(g)) for g in weight_grads])


def test_quadratic_cost_is_the_average_sum_of_squared_differences():
    net, images, labels = small_problem("sigmoid")
    wanted = np.eye(3)[labels]
    expected = np.mean(np.sum((net.forward(images) - wanted) ** 2, axis=1))
    assert average_cost(net, images, labels) == pytest.approx(expected, rel=1e-12)


def test_cross_entropy_cost_matches_its_definition():
    net, images, labels = small_problem("relu")
    wanted, a = np.eye(3)[labels], net.forward(images)
    expected = np.mean(-np.sum(wanted * np.log(a) + (1 - wanted) * np.log(1 - a), axis=1))
    assert average_cost(net, images, labels, cost="cross-entropy") == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_a_short_run_clearly_beats_chance(digits, cost, dtype):
    (images, labels), (test_images, test_labels) = digits
    images, labels = images[:2000], labels[:2000]
    net = nnbook.Network(seed=0)
    untrained_cost = average_cost(net, images, labels, cost=cost)
    history = train(net, images, labels, epochs=3, batch_size=10, learning_rate=1.0,
                    seed=0, test=(test_images, test_labels), progress=False, cost=cost, dtype=dtype)
    assert net.accuracy(test_images, test_labels) > 0.6  # chance is 0.1
    # The history measures the network it trained, in the number type it trained with:
    # exactly what the 64-bit network says for float64, within rounding for float32.
    rel, one_image = (1e-12, 0) if dtype == "float64" else (1e-5, 1 / len(images))
    assert history.test_accuracy[-1] == pytest.approx(net.accuracy(test_images, test_labels), abs=one_image)
    assert history.train_accuracy[-1] == pytest.approx(net.accuracy(images, labels), abs=one_image)
    assert history.cost[-1] == pytest.approx(average_cost(net, images, labels, cost=cost), rel=rel)
    assert history.cost[-1] < untrained_cost / 2


def test_relu_and_deeper_networks_train(digits):
    (images, labels), (test_images, test_labels) = digits
    net = nnbook.Network((784, 16, 16, 16, 10), activation="relu", seed=0)
    train(net, images[:1000], labels[:1000], epochs=3, batch_size=10, learning_rate=0.1, seed=0, progress=False)
    assert net.accuracy(test_images, test_labels) > 0.5


def test_same_seed_same_weights_bit_for_bit(digits):
    (images, labels), _ = digits
    runs = []
    for seed in (3, 3, 4):
        net = nnbook.Network(seed=0)
        train(net, images[:300], labels[:300], epochs=2, batch_size=7, learning_rate=0.5, seed=seed, progress=False)
        runs.append(net.weights + net.biases)
    assert all(np.array_equal(a, b) for a, b in zip(runs[0], runs[1]))
    assert not np.array_equal(runs[0][0], runs[2][0])  # the seed really drives the shuffling


def test_history_is_easy_to_plot_and_read(digits):
    (images, labels), _ = digits
    history = train(nnbook.Network(seed=0), images[:100], labels[:100], epochs=3, batch_size=10,
                    learning_rate=1.0, seed=0, progress=False)
    assert isinstance(history, History)
    assert history.epochs == [1, 2, 3] and len(history) == 3
    assert all(isinstance(value, float) for value in history.cost + history.train_accuracy + history.seconds)
    assert history.test_accuracy == []
    text = repr(history)
    assert text.splitlines()[0] == "History(quadratic cost, 3 epochs)"
    assert f"epoch  3: cost {history.cost[2]:.4f}, train {history.train_accuracy[2]:.1%}" in text
    assert "test" not in text


def test_batch_larger_than_the_data_is_one_batch(digits):
    (images, labels), _ = digits
    a, b = nnbook.Network(seed=0), nnbook.Network(seed=0)
    train(a, images[:20], labels[:20], epochs=1, batch_size=50, learning_rate=1.0, seed=0, progress=False,
          dtype="float64")
    weight_grads, bias_grads = backprop(b, images[:20], labels[:20])
    # One full batch is one plain gradient step (the order of the images does not change the sum much).
    for W, W0, g in zip(a.weights, b.weights, weight_grads):
        np.testing.assert_allclose(W, W0 - g, rtol=1e-12, atol=1e-15)


def test_float_labels_that_are_whole_numbers_train_exactly_like_int_labels(digits):
    (images, labels), _ = digits
    runs = []
    for given in (labels[:20], labels[:20].astype(float), labels[:20].tolist()):
        net = nnbook.Network(seed=0)
        history = train(net, images[:20], given, epochs=2, batch_size=10, learning_rate=1.0, seed=0, progress=False)
        runs.append((net.weights + net.biases, history.cost + history.train_accuracy))
    (int_params, int_history), *others = runs
    assert not np.array_equal(int_params[0], nnbook.Network(seed=0).weights[0])  # it did train
    for params, history in others:
        assert all(np.array_equal(a, b) for a, b in zip(params, int_params))
        assert history == int_history


GOOD = dict(epochs=1, batch_size=10, learning_rate=1.0, seed=0, progress=False)


@pytest.mark.parametrize("change, error, message", [
    (dict(labels=[10] + [0] * 19), ValueError, r"labels must hold the digits 0-9; labels\[0\] is 10"),
    (dict(labels=[0] * 19 + [-1]), ValueError, r"labels\[19\] is -1"),
    (dict(labels=[2.5] * 20), ValueError, r"whole numbers.*labels\[0\] is 2.5"),
    (dict(labels=[np.nan] * 20), ValueError, r"whole numbers"),
    (dict(labels=["3"] * 20), TypeError, r"labels must hold whole numbers"),
    (dict(labels=[True] * 20), TypeError, r"labels must hold whole numbers"),
    (dict(labels=None), TypeError, r"labels must be a list or 1-D array of whole numbers 0-9"),
    (dict(labels=np.zeros((20, 1), dtype=int)), ValueError, r"1-D array.*\(20, 1\)"),
    (dict(labels=[1] * 19), ValueError, r"labels must have one label per image: 20 images but 19 labels"),
    (dict(images="pixels"), TypeError, r"images must be"),
    (dict(images=np.full((20, 28, 28), np.nan)), ValueError, r"images contains NaN"),
    (dict(images=np.full((20, 28, 28), 255.0)), ValueError, r"\[0, 1\].*divide"),
    (dict(images=np.zeros((20, 27, 27))), ValueError, r"shape \(20, 27, 27\)"),
    (dict(images=np.zeros((28, 28))), ValueError, r"batch of images.*one image"),
    (dict(learning_rate=0), ValueError, r"learning_rate must be a positive"),
    (dict(learning_rate=-0.5), ValueError, r"learning_rate must be a positive"),
    (dict(learning_rate=np.nan), ValueError, r"learning_rate must be a positive finite"),
    (dict(learning_rate=np.inf), ValueError, r"learning_rate must be a positive finite"),
    (dict(learning_rate="fast"), TypeError, r"learning_rate must be a number"),
    (dict(batch_size=0), ValueError, r"batch_size must be positive"),
    (dict(batch_size=2.5), TypeError, r"batch_size must be a whole number"),
    (dict(epochs=0), ValueError, r"epochs must be positive"),
    (dict(epochs=-3), ValueError, r"epochs must be positive"),
    (dict(seed=-1), ValueError, r"seed must be a whole number, 0 or more"),
    (dict(seed=1.5), TypeError, r"seed must be a whole number"),
    (dict(seed=None), TypeError, r"seed must be a whole number"),
    (dict(cost="mse"), ValueError, r"unknown cost 'mse'"),
    (dict(dtype="float16"), ValueError, r"unknown dtype 'float16'; expected one of 'float32', 'float64'"),
    (dict(dtype=np.float32), TypeError, r"dtype must be one of 'float32', 'float64'"),
    (dict(progress="yes"), TypeError, r"progress must be None \(automatic\), True, False or a function"),
    (dict(progress=0), TypeError, r"progress must be None \(automatic\), True, False or a function, got int 0"),
    (dict(progress=0.0), TypeError, r"progress must be None .*got float 0.0"),
    (dict(progress=1), TypeError, r"progress must be None .*got int 1"),
    (dict(progress=np.False_), TypeError, r"progress must be None .*got bool np.False_"),
    (dict(progress=np.True_), TypeError, r"progress must be None .*got bool np.True_"),
    (dict(test=np.zeros((5, 784))), TypeError, r"test must be a pair"),
    (dict(test=(np.zeros((5, 784)), [0, 1, 2])), ValueError,
     r"test labels must have one label per image: 5 images but 3 labels"),
    (dict(test=(np.zeros((2, 784)), [0, 11])), ValueError, r"test labels\[1\] is 11"),
    (dict(network="784-16-16-10"), TypeError, r"network must be an nnbook.Network"),
])
def test_bad_input_gets_a_clear_error(digits, change, error, message):
    (images, labels), _ = digits
    arguments = dict(network=nnbook.Network(seed=0), images=images[:20], labels=labels[:20], **GOOD)
    arguments.update(change)
    network, images, labels = arguments.pop("network"), arguments.pop("images"), arguments.pop("labels")
    with pytest.raises(error, match=message):
        train(network, images, labels, **arguments)


def test_a_network_with_nan_weights_is_refused(digits):
    (images, labels), _ = digits
    net = nnbook.Network(seed=0)
    net.weights[1][3, 4] = np.nan
    with pytest.raises(ValueError, match=r"weights\[1\] contains NaN"):
        train(net, images[:20], labels[:20], **GOOD)


def test_labels_must_fit_the_output_layer():
    net = nnbook.Network((4, 3, 2), seed=0)
    with pytest.raises(ValueError, match=r"labels must hold the digits 0-1; labels\[1\] is 2"):
        backprop(net, np.zeros((2, 4)), [1, 2])


def test_divergence_stops_with_the_epoch_and_a_hint_and_keeps_the_old_weights(digits):
    (images, labels), _ = digits
    net = nnbook.Network(activation="relu", seed=0)
    before = net.copy()
    with pytest.raises(TrainingDiverged, match=r"diverged in epoch 1.*before training.*smaller learning_rate"):
        train(net, images[:100], labels[:100], epochs=3, batch_size=10, learning_rate=1e300, seed=0, progress=False)
    for W, W0 in zip(net.weights + net.biases, before.weights + before.biases):
        assert np.array_equal(W, W0)
    assert net.accuracy(images[:10], labels[:10]) >= 0  # still usable: no NaN left behind


def test_divergence_in_a_later_epoch_restores_the_previous_epoch(digits, monkeypatch):
    (images, labels), _ = digits
    options = dict(batch_size=10, learning_rate=1.0, seed=0, progress=False)
    after_one = nnbook.Network(seed=0)
    train(after_one, images[:100], labels[:100], epochs=1, **options)

    real, calls = training._backprop, []

    def poisoned_in_epoch_two(*args, **kwargs):
        calls.append(1)
        grads_w, grads_b = real(*args, **kwargs)
        if len(calls) > 10:  # 100 images in batches of 10: epoch 2 starts at call 11
            for g in grads_w:
                g[...] = np.nan  # in place: train passes the arrays to fill
        return grads_w, grads_b

    monkeypatch.setattr(training, "_backprop", poisoned_in_epoch_two)
    net = nnbook.Network(seed=0)
    with pytest.raises(TrainingDiverged, match=r"diverged in epoch 2.*after epoch 1") as error:
        train(net, images[:100], labels[:100], epochs=3, **options)
    for W, W1 in zip(net.weights + net.biases, after_one.weights + after_one.biases):
        assert np.array_equal(W, W1)
    # The error carries the History of the epoch that went well, the one whose weights the network keeps.
    kept = error.value.history
    assert isinstance(kept, History) and kept.epochs == [1]
    assert kept.cost == [pytest.approx(average_cost(after_one, images[:100], labels[:100]), rel=1e-5)]


def test_progress_false_and_automatic_print_nothing_in_tests(digits, capsys):
    (images, labels), (test_images, test_labels) = digits
    for progress in (False, None):
        train(nnbook.Network(seed=0), images[:50], labels[:50], epochs=2, batch_size=10, learning_rate=1.0,
              seed=0, test=(test_images[:20], test_labels[:20]), progress=progress)
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err == ""


def test_progress_true_prints_a_line_per_epoch(digits, capsys):
    (images, labels), (test_images, test_labels) = digits
    history = train(nnbook.Network(seed=0), images[:50], labels[:50], epochs=2, batch_size=10,
                    learning_rate=1.0, seed=0, test=(test_images[:20], test_labels[:20]), progress=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(f"epoch  2: cost {history.cost[1]:.4f}, train {history.train_accuracy[1]:.1%}, "
                               f"test {history.test_accuracy[1]:.1%}")


def test_progress_can_be_a_function_called_after_every_epoch(digits, capsys):
    (images, labels), _ = digits
    seen = []
    history = train(nnbook.Network(seed=0), images[:50], labels[:50], epochs=3, batch_size=10,
                    learning_rate=1.0, seed=0, progress=lambda h: seen.append((len(h), h.cost[-1])))
    assert seen == list(zip(history.epochs, history.cost))
    assert capsys.readouterr().out == ""


def test_weights_given_as_lists_are_trained_as_arrays(digits):
    (images, labels), _ = digits
    net, twin = nnbook.Network(seed=0), nnbook.Network(seed=0)
    net.weights[2] = net.weights[2].tolist()
    net.biases[0] = list(net.biases[0])
    for network in (net, twin):
        train(network, images[:50], labels[:50], **GOOD)
    assert all(isinstance(p, np.ndarray) for p in net.weights + net.biases)
    assert all(np.array_equal(a, b) for a, b in zip(net.weights + net.biases, twin.weights + twin.biases))


def test_an_infinite_weight_counts_as_divergence_even_if_the_cost_stays_finite(digits, monkeypatch):
    (images, labels), _ = digits
    real, calls = training._backprop, []

    def poisoned_last_batch(*args, **kwargs):
        calls.append(1)
        grads_w, grads_b = real(*args, **kwargs)
        if len(calls) == 10:  # the last of epoch 1's ten batches
            grads_w[2][0, 0] = -np.inf  # W -= -inf makes one output weight +inf; σ still gives finite outputs
        return grads_w, grads_b

    monkeypatch.setattr(training, "_backprop", poisoned_last_batch)
    net = nnbook.Network(seed=0)
    before = net.copy()
    with pytest.raises(TrainingDiverged, match=r"epoch 1: some weights or biases became infinitely large"):
        train(net, images[:100], labels[:100], epochs=2, batch_size=10, learning_rate=1.0, seed=0, progress=False)
    assert all(np.array_equal(a, b) for a, b in zip(net.weights + net.biases, before.weights + before.biases))


def test_float32_learns_as_well_as_float64_and_keeps_the_network_64_bit(digits):
    (images, labels), (test_images, test_labels) = digits
    options = dict(epochs=3, batch_size=10, learning_rate=1.0, seed=0, progress=False, test=(test_images, test_labels))
    wide, narrow = nnbook.Network(seed=0), nnbook.Network(seed=0)
    train(wide, images[:2000], labels[:2000], dtype="float64", **options)
    history = train(narrow, images[:2000], labels[:2000], **options)
    assert all(a.dtype == np.float64 for a in narrow.weights + narrow.biases)
    assert abs(narrow.accuracy(test_images, test_labels) - wide.accuracy(test_images, test_labels)) < 0.01
    assert history.test_accuracy[-1] == pytest.approx(narrow.accuracy(test_images, test_labels), abs=0.002)
    assert not np.array_equal(narrow.weights[0], wide.weights[0]), "32-bit numbers round differently"
    np.testing.assert_allclose(narrow.weights[2], wide.weights[2], atol=0.05)


def test_float32_runs_are_repeatable_bit_for_bit(digits):
    (images, labels), _ = digits
    runs = []
    for _ in range(2):
        net = nnbook.Network(seed=0)
        train(net, images[:300], labels[:300], epochs=2, batch_size=7, learning_rate=0.5, seed=3,
              progress=False, dtype="float32")
        runs.append(net.weights + net.biases)
    assert all(np.array_equal(a, b) for a, b in zip(*runs))


def test_float32_divergence_keeps_the_old_weights(digits):
    (images, labels), _ = digits
    net = nnbook.Network(activation="relu", seed=0)
    before = net.copy()
    with pytest.raises(TrainingDiverged, match=r"diverged in epoch 1.*before training"):
        train(net, images[:100], labels[:100], epochs=3, batch_size=10, learning_rate=1e30, seed=0,
              progress=False, dtype="float32")
    for W, W0 in zip(net.weights + net.biases, before.weights + before.biases):
        assert np.array_equal(W, W0)


@pytest.fixture
def notebook_display(monkeypatch):
    """Pretend to run in a notebook; collect what train displays."""
    import IPython.display

    shown = []
    monkeypatch.setattr(training, "_in_notebook", lambda: True)
    monkeypatch.setattr(IPython.display, "display", lambda *objects: shown.extend(objects))
    return shown


def test_in_a_notebook_a_progress_bar_follows_the_epochs(digits, notebook_display, capsys):
    (images, labels), (test_images, test_labels) = digits
    history = train(nnbook.Network(seed=0), images[:100], labels[:100], epochs=3, batch_size=10,
                    learning_rate=1.0, seed=0, test=(test_images[:20], test_labels[:20]))
    [box] = notebook_display
    bar, label = box.children
    assert (bar.value, bar.max, bar.bar_style) == (3, 3, "success")
    assert label.value == f"{history.line()} (of 3)"
    assert capsys.readouterr().out == ""  # the bar instead of printed lines


def test_in_a_notebook_a_diverged_run_turns_the_bar_red(digits, notebook_display):
    (images, labels), _ = digits
    with pytest.raises(TrainingDiverged):
        train(nnbook.Network(activation="relu", seed=0), images[:100], labels[:100], epochs=3, batch_size=10,
              learning_rate=1e30, seed=0)
    [box] = notebook_display
    bar, _ = box.children
    assert (bar.value, bar.bar_style) == (0, "danger")


def params_of(net):
    return [np.array(p, copy=True) for p in net.weights + net.biases]


def same_bits(a, b):
    return len(a) == len(b) and all(x.dtype == y.dtype and np.array_equal(x, y) for x, y in zip(a, b))


# A far too large learning rate used to pin every output at 0 or 1 and carry on silently (cost 1.0000, 8%).
@pytest.mark.parametrize("activation, learning_rate, dtype", [
    ("sigmoid", 1e4, "float32"),
    ("sigmoid", 1e6, "float32"),
    ("sigmoid", 1e30, "float32"),
    ("sigmoid", 1e300, "float32"),
    ("sigmoid", 1e4, "float64"),
    ("sigmoid", 1e300, "float64"),
    ("relu", 50, "float32"),
    ("relu", 50, "float64"),
])
def test_a_far_too_large_learning_rate_is_divergence_and_leaves_the_network_alone(
        digits, activation, learning_rate, dtype):
    (images, labels), _ = digits
    net = nnbook.Network(activation=activation, seed=0)
    weights, biases = net.weights, net.biases
    before = params_of(net)
    hint = "Try a smaller learning_rate than " + re.escape(f"{learning_rate:g}.")
    with pytest.raises(TrainingDiverged, match=r"diverged in epoch 1: .*before training.*" + hint) as error:
        train(net, images[:500], labels[:500], epochs=2, batch_size=10, learning_rate=learning_rate, seed=0,
              progress=False, dtype=dtype)
    assert same_bits(params_of(net), before)
    assert net.weights is weights and net.biases is biases
    assert isinstance(error.value.history, History) and len(error.value.history) == 0
    assert isinstance(error.value, FloatingPointError)


def test_a_saturated_output_layer_is_named_as_the_reason(digits):
    (images, labels), _ = digits
    with pytest.raises(TrainingDiverged, match=r"every output neuron is saturated.*cannot learn any more"):
        train(nnbook.Network(seed=0), images[:500], labels[:500], epochs=1, batch_size=10, learning_rate=1e4,
              seed=0, progress=False, dtype="float64")


@pytest.mark.parametrize("learning_rate", [30, 1e4])
def test_fine_tuning_the_shipped_network_with_a_far_too_large_rate_is_divergence(digits, learning_rate):
    # Found by a reviewer after the first fix: the outputs were pinned (|z| from 10 to 19), cost 1.0 or 1.8.
    (images, labels), _ = digits
    net = nnbook.pretrained()
    before = params_of(net)
    with pytest.raises(TrainingDiverged, match=r"diverged in epoch 1: every output neuron is saturated"):
        train(net, images[:500], labels[:500], epochs=2, batch_size=10, learning_rate=learning_rate, seed=0,
              progress=False)
    assert same_bits(params_of(net), before)


def test_fine_tuning_the_shipped_network_at_a_sensible_rate_is_not_divergence(digits):
    (images, labels), _ = digits
    history = train(nnbook.pretrained(), images[:500], labels[:500], epochs=2, batch_size=10, learning_rate=1.0,
                    seed=0, progress=False)
    assert len(history) == 2 and history.train_accuracy[-1] > 0.95


def test_a_network_that_learned_its_digits_by_heart_is_not_divergence(digits):
    # Many confident outputs, a cost near 0: saturated where it is right, which is no failure.
    (images, labels), _ = digits
    history = train(nnbook.Network(seed=0), images[:100], labels[:100], epochs=60, batch_size=10,
                    learning_rate=3.0, seed=0, progress=False)
    assert len(history) == 60 and history.train_accuracy[-1] == 1.0


def test_a_stuck_but_healthy_network_is_not_divergence(digits):
    # A deep sigmoid network barely learns (its outputs all sit near 0.1), but nothing blew up.
    (images, labels), _ = digits
    net = nnbook.Network((784,) + (16,) * 6 + (10,), seed=0)
    history = train(net, images[:1000], labels[:1000], epochs=3, batch_size=10, learning_rate=3.0, seed=0,
                    progress=False)
    assert len(history) == 3 and max(history.train_accuracy) < 0.2


def test_a_read_only_weight_array_does_not_stop_training(digits):
    (images, labels), _ = digits
    net, twin = nnbook.Network(seed=0), nnbook.Network(seed=0)
    frozen = net.weights[2]
    frozen.setflags(write=False)
    kept = frozen.copy()
    for network in (net, twin):
        train(network, images[:100], labels[:100], epochs=2, batch_size=10, learning_rate=1.0, seed=0,
              progress=False)
    assert same_bits(params_of(net), params_of(twin))
    assert np.array_equal(frozen, kept), "the read-only array is left as it was"
    assert net.weights[2].flags.writeable


def test_training_never_writes_into_the_callers_arrays(digits):
    (images, labels), _ = digits
    net, twin = nnbook.Network(seed=0), nnbook.Network(seed=0)
    buffer = np.zeros((20, 784))
    buffer[2:18] = net.weights[0]
    net.weights[0] = buffer[2:18]  # a view of a bigger array
    given = params_of(net)
    arrays = net.weights + net.biases
    for network in (net, twin):
        train(network, images[:100], labels[:100], **GOOD)
    assert same_bits(params_of(net), params_of(twin))
    assert same_bits([np.asarray(a) for a in arrays], given)
    assert not buffer[:2].any() and not buffer[18:].any()


def test_layers_sharing_one_array_each_keep_their_own_update(digits):
    (images, labels), _ = digits
    sizes = (784, 16, 16, 16, 10)
    net, twin = nnbook.Network(sizes, seed=0), nnbook.Network(sizes, seed=0)
    for network in (net, twin):
        network.weights[2] = network.weights[1].copy()
    net.weights[2] = net.weights[1]  # one array for two layers
    shared = net.weights[1].copy()
    for network in (net, twin):
        train(network, images[:100], labels[:100], **GOOD)
    assert same_bits(params_of(net), params_of(twin))
    assert net.weights[1] is not net.weights[2]
    assert not np.array_equal(net.weights[1], net.weights[2])
    assert not np.array_equal(net.weights[1], shared)


def test_a_fraction_as_learning_rate_trains_like_the_float(digits):
    from fractions import Fraction

    (images, labels), _ = digits
    options = dict(epochs=1, batch_size=10, seed=0, progress=False)
    half, float_half = nnbook.Network(seed=0), nnbook.Network(seed=0)
    train(half, images[:50], labels[:50], learning_rate=Fraction(1, 2), **options)
    train(float_half, images[:50], labels[:50], learning_rate=0.5, **options)
    assert same_bits(params_of(half), params_of(float_half))
    with pytest.raises(ValueError, match=r"learning_rate must be a positive finite number"):
        train(half, images[:50], labels[:50], learning_rate=10**400, **options)


def test_the_learning_rate_scales_the_step(digits):
    # One full batch in float64: the step is exactly learning_rate times the gradient of the average cost.
    (images, labels), _ = digits
    start = nnbook.Network(seed=0)
    weight_grads, bias_grads = backprop(start, images[:20], labels[:20])
    for rate in (0.25, 3.0):
        net = start.copy()
        train(net, images[:20], labels[:20], epochs=1, batch_size=20, learning_rate=rate, seed=0,
              progress=False, dtype="float64")
        for trained, old, grad in zip(net.weights + net.biases, start.weights + start.biases,
                                      weight_grads + bias_grads):
            np.testing.assert_allclose(trained, old - rate * grad, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_trainers_sigmoid_never_overflows_and_is_the_textbook_formula_elsewhere(dtype):
    limit = 87.0 if dtype == np.float32 else 708.0
    z = np.concatenate([[-1e30, -1e4, -1000.0, -limit - 1.0], np.linspace(-limit, limit, 20001), [1000.0, 1e30]])
    z = z.astype(dtype)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        got = training._sigmoid(z)
    assert got.dtype == dtype
    np.testing.assert_allclose(got, nnbook.sigmoid(z.astype(np.float64)), rtol=1e-6 if dtype == np.float32 else 1e-14,
                               atol=np.finfo(dtype).tiny * 2)
    inside = np.abs(z) <= limit
    with np.errstate(over="ignore"):
        naive = 1.0 / (1.0 + np.exp(-z[inside]))
    assert np.array_equal(got[inside], naive), "bit for bit the naive formula where that does not overflow"


def test_training_works_with_every_floating_point_error_raising(digits):
    (images, labels), _ = digits
    net = nnbook.Network(seed=0)
    net.weights[0][:] *= 200  # first-layer sums in the hundreds: e^-z would overflow in float32
    with np.errstate(all="raise"):
        train(net, images[:50], labels[:50], **GOOD)
        average_cost(net, images[:50], labels[:50])
        backprop(net, images[:50], labels[:50])


def test_backprop_and_average_cost_take_weights_given_as_lists():
    net, images, labels = small_problem("sigmoid")
    as_lists = net.copy()
    as_lists.weights[1] = as_lists.weights[1].tolist()
    as_lists.biases[0] = list(as_lists.biases[0])
    assert same_bits(backprop(as_lists, images, labels)[0], backprop(net, images, labels)[0])
    assert average_cost(as_lists, images, labels) == average_cost(net, images, labels)


def test_progress_lines_and_training_diverged_speak_dutch_after_set_language():
    images, labels = nnbook.load_digits("train")
    nnbook.set_language("nl")
    try:
        network = nnbook.Network(seed=0)
        history = train(network, images[:100], labels[:100], epochs=1, batch_size=10, learning_rate=1.0, seed=0,
                        progress=False)
        assert history.line().startswith("epoch  1: kosten ") and ", training " in history.line()
        assert repr(history).startswith("History(kosten quadratic, 1 epoch)")
        with pytest.raises(TrainingDiverged, match="het trainen liep uit de hand in epoch 1: .*vóór het trainen "
                                                   ".*Probeer een kleinere learning_rate dan 1e\\+06"):
            train(network, images[:100], labels[:100], epochs=1, batch_size=10, learning_rate=1e6, seed=0,
                  progress=False)
        with pytest.raises(ValueError, match="moet een batch afbeeldingen zijn"):
            train(network, images[0], labels[:1], epochs=1, batch_size=10, learning_rate=1.0, seed=0, progress=False)
    finally:
        nnbook.set_language("en")
