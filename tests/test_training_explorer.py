"""TrainingExplorer, driven from Python: it trains as nnbook.train does, plays and pauses on the event loop,
draws the real numbers, blows up as train does, and refuses bad settings with clear messages.

Same arithmetic as train: the explorer runs the very object train runs
(``training._Stepper``), in float32 as train does by default, so after whole
epochs its weights and its per-epoch history equal train's *bit for bit*
(``np.array_equal``, ``==``), however the steps were split into calls. After
N mini-batch steps part-way through an epoch there is no train call to
compare with, so the weights are compared with gradient descent written out
here with the public ``nnbook.backprop`` in float64: equal to float32
precision (the measured difference is about 1e-7 after 20 steps; the bound
is 2e-6).

Play and pause are tested on a real asyncio event loop (the one a notebook's
kernel runs): the test lets the loop run and checks what happened, step by
step, never how long it took.
"""

from __future__ import annotations

import asyncio
import pathlib
import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnbook
from nnbook.training import TrainingDiverged, train
from nnbook.widgets import training_explorer as module
from nnbook.widgets.training_explorer import SUGGESTED_RATES, LiveHistory, TrainingExplorer


def same_parameters(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a.weights + a.biases, b.weights + b.biases))


def in_float32(network):
    """A copy of ``network`` with its numbers rounded to float32, the number type the explorer (and train) use."""
    copy = network.copy()
    copy.weights = [W.astype(np.float32).astype(np.float64) for W in copy.weights]
    copy.biases = [b.astype(np.float32).astype(np.float64) for b in copy.biases]
    return copy


def largest_difference(a, b) -> float:
    return max(float(np.abs(x - y).max()) for x, y in zip(a.weights + a.biases, b.weights + b.biases))


def trained(train_digits, test_digits, network, epochs, **settings):
    """``network`` after nnbook.train with the explorer's defaults (float32, quadratic cost), and its History."""
    options = dict(batch_size=32, learning_rate=SUGGESTED_RATES[network.activation], seed=0)
    options.update(settings)
    history = train(network, *train_digits, epochs=epochs, test=test_digits, progress=False, **options)
    return network, history


def by_the_book(network, train_digits, rates, batch_size=32, seed=0):
    """Mini-batch gradient descent written out with nnbook.backprop, in float64: one step per learning rate."""
    images, labels = train_digits
    order = np.random.default_rng(seed).permutation(len(labels))
    for k, rate in enumerate(rates):
        batch = order[k * batch_size:(k + 1) * batch_size]
        weight_gradients, bias_gradients = nnbook.backprop(network, images[batch], labels[batch])
        for parameter, gradient in zip(network.weights + network.biases, weight_gradients + bias_gradients):
            parameter -= rate * gradient
    return network


@pytest.fixture
def explorer():
    return TrainingExplorer()


# --- the same arithmetic as nnbook.train -----------------------------------------------------------------


def test_whole_epochs_equal_train_bit_for_bit(explorer, train_digits, test_digits):
    explorer.step_epoch()
    explorer.step_epoch()
    network, history = trained(train_digits, test_digits, nnbook.Network(seed=0), epochs=2)
    assert explorer.steps_done == 500 and explorer.epochs_done == 2
    assert same_parameters(explorer.network, network)
    kept = explorer.history.by_epoch
    assert kept.epochs == [1, 2]
    assert kept.cost == history.cost
    assert kept.train_accuracy == history.train_accuracy
    assert kept.test_accuracy == history.test_accuracy
    assert history.test_accuracy[-1] > 0.85, "it really learns"


def test_steps_split_any_way_make_the_same_epoch_as_train(explorer, train_digits, test_digits):
    for _ in range(7):
        explorer.step_batch()
    explorer._train(100)  # what a slice of play does
    explorer.learning_rate = 3.0  # the same rate again: nothing changes
    explorer.step_epoch()  # the rest of the epoch
    assert explorer.steps_done == 250
    network, _ = trained(train_digits, test_digits, nnbook.Network(seed=0), epochs=1)
    assert same_parameters(explorer.network, network)


@pytest.mark.parametrize("activation, batch_size, seed", [("relu", 300, 3), ("sigmoid", 10, 1)])
def test_other_settings_equal_train_too(train_digits, test_digits, activation, batch_size, seed):
    explorer = TrainingExplorer(activation=activation, batch_size=batch_size, seed=seed)
    assert explorer.steps_per_epoch == -(-8000 // batch_size)  # 300 does not divide 8,000: a last batch of 200
    explorer.step_epoch()
    network, history = trained(train_digits, test_digits, nnbook.Network(activation=activation, seed=seed),
                               epochs=1, batch_size=batch_size, seed=seed)
    assert same_parameters(explorer.network, network)
    assert explorer.history.by_epoch.cost == history.cost


def test_a_given_network_of_other_sizes_trains_as_train_trains_it(train_digits, test_digits):
    start = nnbook.Network((784, 30, 10), seed=5)
    explorer = TrainingExplorer(start, learning_rate=1.0)
    explorer.step_epoch()
    network, _ = trained(train_digits, test_digits, start.copy(), epochs=1, learning_rate=1.0)
    assert same_parameters(explorer.network, network)
    assert len(explorer._weights) == 30 * 784, "all 30 first-layer neurons are drawn"


def test_n_steps_are_gradient_descent_by_the_book_to_float32_precision(explorer, train_digits):
    for _ in range(20):
        explorer.step_batch()
    reference = by_the_book(nnbook.Network(seed=0), train_digits, [3.0] * 20)
    assert explorer.steps_done == 20
    assert largest_difference(explorer.network, reference) < 2e-6
    assert largest_difference(explorer.network, nnbook.Network(seed=0)) > 0.01, "the steps moved the weights"


def test_a_new_learning_rate_counts_from_the_next_step(explorer, train_digits):
    explorer.step_batch()
    explorer.step_batch()
    explorer.learning_rate = 0.5
    explorer.step_batch()
    reference = by_the_book(nnbook.Network(seed=0), train_digits, [3.0, 3.0, 0.5])
    assert largest_difference(explorer.network, reference) < 2e-6
    unchanged = by_the_book(nnbook.Network(seed=0), train_digits, [3.0, 3.0, 3.0])
    assert largest_difference(explorer.network, unchanged) > 1e-4


# --- reset, settings, the network given ------------------------------------------------------------------


def test_reset_goes_back_to_the_same_weights_and_the_same_shuffle(explorer):
    start = explorer.network
    explorer.step_epoch()
    after_one = explorer.network
    explorer.step_batch()
    explorer.reset()
    assert explorer.steps_done == 0 and explorer.error is None
    assert same_parameters(explorer.network, start)
    assert explorer.history.steps == [0] and len(explorer.history.by_epoch) == 0
    explorer.step_epoch()
    assert same_parameters(explorer.network, after_one), "the same digits in the same order"


def test_a_new_batch_size_or_activation_starts_again(explorer):
    explorer.step_batch()
    explorer.batch_size = 10
    assert explorer.steps_done == 0 and explorer.steps_per_epoch == 800
    explorer.step_batch()
    explorer.activation = "relu"
    assert explorer.steps_done == 0
    assert explorer.learning_rate == SUGGESTED_RATES["relu"]
    assert explorer.network.activation == "relu"
    assert same_parameters(explorer.network, in_float32(nnbook.Network(activation="relu", seed=0)))


def test_the_network_given_is_never_changed(pretrained_net, test_digits):
    given = pretrained_net.copy()
    explorer = TrainingExplorer(given, learning_rate=1.0)
    assert explorer.activation == "sigmoid"
    assert explorer.history.test_accuracy[0] == pytest.approx(pretrained_net.accuracy(*test_digits), abs=1e-3)
    explorer.step_batch()
    explorer.activation = "relu"  # the same starting weights, squished by ReLU now
    assert same_parameters(explorer.network, in_float32(pretrained_net)) and explorer.network.activation == "relu"
    explorer.step_batch()
    assert same_parameters(given, pretrained_net) and given.activation == "sigmoid"


def test_network_is_a_copy_of_the_weights_now(explorer):
    copy = explorer.network
    copy.weights[0][...] = 0.0
    assert explorer.network.weights[0].any(), "changing the copy leaves the explorer alone"
    assert explorer.network is not explorer.network
    assert all(p.dtype == np.float64 for p in copy.weights + copy.biases)


def test_history_holds_the_real_cost_and_accuracies(explorer, train_digits, test_digits):
    for _ in range(3):
        explorer.step_batch()
    history = explorer.history
    assert isinstance(history, LiveHistory) and len(history) == 4
    assert history.steps == [0, 1, 2, 3]
    assert history.epochs == [0.0, 1 / 250, 2 / 250, 3 / 250]
    network = explorer.network
    assert history.cost[-1] == pytest.approx(nnbook.average_cost(network, *train_digits), rel=1e-5)
    assert history.train_accuracy[-1] == pytest.approx(network.accuracy(*train_digits), abs=2 / 8000)
    assert history.test_accuracy[-1] == pytest.approx(network.accuracy(*test_digits), abs=2 / 2000)
    assert history.cost[-1] < history.cost[0]
    assert "after 3 mini-batches" in repr(history)


# --- what the browser gets ---------------------------------------------------------------------------------


def test_the_weights_sent_are_the_rdbu_colours_matplotlib_gives_with_symmetric_limits(explorer):
    explorer.step_epoch()
    weights = explorer.network.weights[0]
    limit = float(np.abs(weights).max())
    assert explorer._readout["limit"] == pytest.approx(limit, rel=1e-6)
    palette = np.frombuffer(explorer._palette, np.uint8).reshape(256, 3)
    sent = palette[np.frombuffer(explorer._weights, np.uint8)].reshape(16, 784, 3)
    expected = plt.get_cmap("RdBu")(plt.Normalize(-limit, limit)(weights))[..., :3]
    assert np.abs(sent - np.round(expected * 255)).max() <= 1
    white = palette[np.frombuffer(explorer._weights, np.uint8).reshape(16, 784)[np.abs(weights) < 1e-3 * limit]]
    assert white.size and white.min() >= 240, "zero is (nearly) white"


def test_the_curves_and_readout_sent_are_the_history(explorer):
    for _ in range(4):
        explorer.step_batch()
    curve = np.frombuffer(explorer._curve, np.float32).reshape(-1, 3)
    history = explorer.history
    np.testing.assert_allclose(curve, np.column_stack([history.epochs, history.cost, history.test_accuracy]),
                               rtol=1e-6)
    readout = explorer._readout
    assert (readout["steps"], readout["steps_per_epoch"], readout["error"]) == (4, 250, "")
    assert (readout["cost"], readout["test_accuracy"]) == (history.cost[-1], history.test_accuracy[-1])


def test_a_long_history_is_thinned_for_the_browser_but_kept_whole(explorer, monkeypatch):
    monkeypatch.setattr(module, "CURVE_POINTS", 5)
    for _ in range(12):
        explorer.step_batch()
    curve = np.frombuffer(explorer._curve, np.float32).reshape(-1, 3)
    assert len(explorer.history) == 13 and len(curve) == 5
    assert curve[0, 0] == 0.0 and curve[-1, 0] == np.float32(12 / 250), "the first and the last point stay"


def test_the_buttons_messages_step_and_reset(explorer, monkeypatch):
    sent = []
    monkeypatch.setattr(explorer, "send", sent.append)
    explorer._on_message(explorer, {"action": "step_batch"}, [])
    assert explorer.steps_done == 1
    explorer._on_message(explorer, {"action": "step_epoch"}, [])
    assert explorer.steps_done == 250
    explorer._on_message(explorer, {"action": "reset"}, [])
    assert explorer.steps_done == 0
    explorer._on_message(explorer, {"type": "hello"}, [])
    explorer._on_message(explorer, "nonsense", [])
    assert sent == [{"type": "alive"}]


def test_without_widgets_the_text_says_it_moves_only_in_a_running_notebook(explorer):
    data, _ = explorer._repr_mimebundle_()
    text = data["text/plain"]
    assert text.startswith("TrainingExplorer(784-16-16-10 sigmoid, 0 mini-batches of 32")
    assert "moves only in a running notebook (JupyterLab, Colab, Binder)" in text
    assert "application/vnd.jupyter.widget-view+json" in data


# --- divergence ---------------------------------------------------------------------------------------------


def test_divergence_stops_with_trains_message_and_the_weights_before(train_digits, test_digits):
    explorer = TrainingExplorer(activation="relu", learning_rate=100.0)
    explorer.step_epoch()
    network = nnbook.Network(activation="relu", seed=0)
    with pytest.raises(TrainingDiverged) as raised:
        trained(train_digits, test_digits, network, epochs=1, learning_rate=100.0)
    assert isinstance(explorer.error, TrainingDiverged)
    assert str(explorer.error) == str(raised.value)
    assert "Try a smaller learning_rate than 100" in str(explorer.error)
    assert same_parameters(explorer.network, in_float32(nnbook.Network(activation="relu", seed=0)))
    assert explorer.steps_done == 0 and explorer.playing is False
    assert explorer._readout["error"] == str(raised.value)


def test_divergence_part_way_keeps_the_last_good_measurement(explorer, train_digits):
    for _ in range(3):
        explorer.step_batch()
    good = explorer.network
    explorer.learning_rate = 1e30
    explorer.step_batch()
    assert explorer.error is not None
    assert str(explorer.error).startswith("training diverged in epoch 1: ")
    assert "had after mini-batch 3 of epoch 1" in str(explorer.error)
    assert same_parameters(explorer.network, good) and explorer.steps_done == 3
    assert explorer.history.steps == [0, 1, 2, 3], "the step that blew up is not in the history"
    explorer.learning_rate = 3.0
    explorer.step_batch()  # on from the good weights, with the fourth mini-batch
    assert explorer.error is None and explorer._readout["error"] == ""
    reference = by_the_book(nnbook.Network(seed=0), train_digits, [3.0] * 4)
    assert largest_difference(explorer.network, reference) < 2e-6


# --- play and pause, on an event loop as in a notebook's kernel -------------------------------------------


class Recorder:
    """Wraps the explorer's stepper: counts its runs and notes whether one is running."""

    def __init__(self, explorer):
        self.runs, self.running = 0, False
        stepper = explorer._stepper
        real = stepper.run

        def run(steps=None):
            self.running = True
            try:
                return real(steps)
            finally:
                self.running, self.runs = False, self.runs + 1

        stepper.run = run


async def until(condition, limit=2000):
    """Let the event loop run (in 5 ms naps) until ``condition()`` holds; at most ``limit`` naps."""
    for _ in range(limit):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the explorer did not get there")


def test_play_trains_until_pause_and_no_step_runs_after_it(explorer):
    recorder = Recorder(explorer)
    seen = {}

    async def scenario():
        explorer.play()
        await until(lambda: explorer.epochs_done >= 1 and len(explorer.history) > 3)
        # A pause arrives as the browser's click does: a callback between two others on the loop.
        loop = asyncio.get_running_loop()
        loop.call_soon(lambda: seen.update(running=recorder.running, steps=explorer.steps_done))
        loop.call_soon(explorer.pause)
        await asyncio.sleep(0)
        seen["runs"] = recorder.runs
        await asyncio.sleep(0.3)  # several slices' worth of time: none may come

    asyncio.run(scenario())
    assert seen["running"] is False, "the pause falls between two steps"
    assert explorer.playing is False and explorer._timer is None
    assert recorder.runs == seen["runs"] and explorer.steps_done == seen["steps"]
    assert explorer.history.steps[-1] == explorer.steps_done, "the last frame shows where it stopped"
    assert explorer.history.by_epoch.epochs[0] == 1


def test_play_goes_on_exactly_as_train(explorer, train_digits, test_digits):
    async def scenario():
        explorer.play()
        await until(lambda: explorer.epochs_done >= 2)
        explorer.pause()

    asyncio.run(scenario())
    epochs = explorer.epochs_done
    explorer.step_epoch()  # from wherever the pause fell to the next epoch's end
    network, history = trained(train_digits, test_digits, nnbook.Network(seed=0), epochs=epochs + 1)
    assert same_parameters(explorer.network, network)
    assert explorer.history.by_epoch.cost == history.cost


def test_in_slow_motion_every_step_is_a_frame(explorer):
    explorer.speed = 10  # at most 20 frames a second, so each of the 10 steps a second gets its frame

    async def scenario():
        explorer.play()
        await until(lambda: explorer.steps_done >= 6)
        explorer.pause()

    asyncio.run(scenario())
    assert explorer.history.steps == list(range(explorer.steps_done + 1)), "measured and drawn after every step"


def test_the_learning_rate_changes_while_it_plays(explorer, train_digits):
    explorer.speed = 30
    changed = {}

    async def scenario():
        explorer.play()
        await until(lambda: explorer.steps_done >= 3)
        changed["at"] = explorer.steps_done  # a change, like a slider's, comes between two slices
        explorer.learning_rate = 0.5
        await until(lambda: explorer.steps_done >= changed["at"] + 3)
        explorer.pause()

    asyncio.run(scenario())
    k, n = changed["at"], explorer.steps_done
    reference = by_the_book(nnbook.Network(seed=0), train_digits, [3.0] * k + [0.5] * (n - k))
    assert largest_difference(explorer.network, reference) < 2e-6


def test_a_run_that_blows_up_while_playing_stops_itself(explorer):
    explorer.learning_rate = 1e30

    async def scenario():
        explorer.play()
        await until(lambda: not explorer.playing)

    asyncio.run(scenario())
    assert isinstance(explorer.error, TrainingDiverged)
    assert explorer.steps_done == 0 and same_parameters(explorer.network, in_float32(nnbook.Network(seed=0)))
    assert explorer._timer is None


def test_it_pauses_when_its_last_view_goes(explorer):
    assert explorer._view_count == 0, "the browser counts the views"

    async def scenario():
        explorer._view_count = 1  # shown in a cell
        explorer.play()
        await until(lambda: explorer.steps_done > 0)
        explorer._view_count = 2  # shown twice
        explorer._view_count = 1
        assert explorer.playing
        explorer._view_count = 0  # the cell's output cleared
        assert not explorer.playing

    asyncio.run(scenario())


def test_play_needs_a_running_event_loop(explorer):
    with pytest.raises(RuntimeError, match=r"play\(\) needs a running event loop.*step_epoch\(\)"):
        explorer.play()
    assert explorer.playing is False


def test_reset_and_steps_pause_a_playing_explorer(explorer):
    async def scenario():
        explorer.play()
        await until(lambda: explorer.steps_done > 0)
        explorer.step_batch()
        assert not explorer.playing
        explorer.play()
        await until(lambda: explorer.steps_done > 2)
        explorer.reset()
        assert not explorer.playing and explorer.steps_done == 0
        await asyncio.sleep(0.1)

    asyncio.run(scenario())
    assert explorer.steps_done == 0


# --- bad input ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs, error, message", [
    ({"network": "pretrained"}, TypeError, r"network must be an nnbook.Network or None \(a fresh one\), got str"),
    ({"network": nnbook.Network((784, 16, 5))}, ValueError, r"784 inputs\) and answer with 10 outputs.*784, 16, 5"),
    ({"network": nnbook.Network((100, 10))}, ValueError, r"must read 28×28 images"),
    ({"learning_rate": 0}, ValueError, r"learning_rate must be a positive finite number, got int 0"),
    ({"learning_rate": "fast"}, TypeError, r"learning_rate must be a number, got str"),
    ({"learning_rate": float("nan")}, ValueError, r"learning_rate must be a positive finite number"),
    ({"batch_size": 0}, ValueError, r"batch_size must be positive, got 0"),
    ({"batch_size": 2.5}, TypeError, r"batch_size must be a whole number"),
    ({"batch_size": 8001}, ValueError, r"batch_size must be at most 8,000, the number of training digits; got 8,001"),
    ({"activation": "tanh"}, ValueError, r"unknown activation 'tanh'; expected one of 'sigmoid', 'relu'"),
    ({"seed": -1}, ValueError, r"seed must be a whole number, 0 or more, got -1"),
    ({"seed": None}, TypeError, r"seed must be a whole number"),
    ({"speed": 0}, ValueError, r"speed \(mini-batches a second, or None for full speed\) must be positive"),
    ({"speed": "slow"}, TypeError, r"speed \(mini-batches a second, or None for full speed\) must be a whole"),
])
def test_bad_settings_get_clear_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        TrainingExplorer(**kwargs)


@pytest.mark.parametrize("name, value, error, message", [
    ("learning_rate", -1.0, ValueError, r"learning_rate must be a positive finite number, got float -1.0"),
    ("batch_size", 10_000, ValueError, r"batch_size must be at most 8,000"),
    ("activation", 3, TypeError, r"activation must be one of 'sigmoid', 'relu', got int"),
    ("speed", -5, ValueError, r"must be positive"),
])
def test_bad_settings_later_get_clear_errors_and_change_nothing(explorer, name, value, error, message):
    explorer.step_batch()
    before = (getattr(explorer, name), explorer.steps_done)
    with pytest.raises(error, match=message):
        setattr(explorer, name, value)
    assert (getattr(explorer, name), explorer.steps_done) == before


def test_the_benchmark_runs_and_says_whether_each_target_is_met():
    script = pathlib.Path(__file__).resolve().parents[1] / "benchmarks" / "bench_training_explorer.py"
    done = subprocess.run([sys.executable, str(script), "--rounds", "1", "--seconds", "0.5", "--epochs", "2"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    verdicts = [line for line in done.stdout.splitlines() if "; target " in line]
    assert len(verdicts) == 5 and all(line.endswith((": met", ": NOT met")) for line in verdicts), done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 120
