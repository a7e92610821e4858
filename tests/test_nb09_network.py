"""Notebook 09: the numbers behind its figures, and the claims its text makes about them.

nbval compares the printed text of the notebook; the pictures and the
sentences that describe them are checked here, computed with the same nnbook
functions the notebook calls.
"""

import json

import numpy as np
import pytest

import nnbook
from nnbook import evaluation
from nnbook.training import average_cost
from nnbook.weight_patterns import best_patch, spread_out_share
from notebook_code import code_cells, defined_in_notebook, notebook_path

TEST_IMAGES, TEST_LABELS = nnbook.load_digits("test")
NETWORK = nnbook.pretrained()
PREDICTIONS = NETWORK.predict(TEST_IMAGES)
TABLE = evaluation.confusion_table(TEST_LABELS, PREDICTIONS)
W1 = NETWORK.weights[0]


def test_the_notebooks_confusion_loop_agrees_with_nnbook():
    count_confusions = defined_in_notebook("09", "count_confusions", {
        "test_labels": TEST_LABELS, "predictions": PREDICTIONS, "format_table": evaluation.format_table})
    np.testing.assert_array_equal(count_confusions(TEST_LABELS, PREDICTIONS), TABLE)
    rng = np.random.default_rng(5)
    labels, said = rng.integers(0, 10, 300), rng.integers(0, 10, 300)
    np.testing.assert_array_equal(count_confusions(labels, said), evaluation.confusion_table(labels, said))


def test_the_notebooks_cost_agrees_with_the_trainers_cost():
    cost = defined_in_notebook("09", "cost", {
        "nnbook": nnbook, "network": NETWORK, "test_images": TEST_IMAGES, "test_labels": TEST_LABELS})
    for net in (nnbook.Network(), NETWORK):
        assert cost(net, TEST_IMAGES, TEST_LABELS) == pytest.approx(average_cost(net, TEST_IMAGES, TEST_LABELS), rel=1e-12)
    assert cost(NETWORK, TEST_IMAGES, TEST_LABELS) < cost(nnbook.Network(), TEST_IMAGES, TEST_LABELS) / 10


def test_the_notebooks_best_square_agrees_with_nnbook():
    best_square_share = defined_in_notebook("09", "best_square_share", {"W1": W1})
    rows = [*W1[:4], np.random.default_rng(2).normal(size=784)]
    for row in rows:
        assert best_square_share(row) == pytest.approx(best_patch(row, size=7)[0], rel=1e-12)
    assert best_square_share(rows[-1], size=3) == pytest.approx(best_patch(rows[-1], size=3)[0], rel=1e-12)


def test_untrained_outputs_are_middling_and_trained_outputs_have_one_clear_winner():
    untrained = nnbook.Network().forward(TEST_IMAGES[0])
    trained = NETWORK.forward(TEST_IMAGES[0])
    assert np.all((untrained > 0.2) & (untrained < 0.8))
    assert trained.argmax() == TEST_LABELS[0]
    assert trained.max() > 0.9 and np.sort(trained)[-2] < 0.1


def test_accuracy_is_above_nine_in_ten_and_a_few_points_below_the_videos_96_percent():
    accuracy = evaluation.accuracy(TEST_LABELS, PREDICTIONS)
    assert accuracy == NETWORK.accuracy(TEST_IMAGES, TEST_LABELS)
    assert 0.90 < accuracy < 0.96


def test_the_galleries_have_what_the_text_promises():
    assert np.any(PREDICTIONS[:40] != TEST_LABELS[:40]), "the first 40 digits show no orange wrong answer to find"
    assert len(evaluation.mistakes(TEST_LABELS, PREDICTIONS)) >= 30, "the gallery shows the first 30 mistakes"


def test_confusion_table_rows_and_diagonal():
    np.testing.assert_array_equal(TABLE.sum(axis=1), np.bincount(TEST_LABELS, minlength=10))
    assert np.trace(TABLE) == np.sum(PREDICTIONS == TEST_LABELS)


def test_the_mixups_the_text_names_are_among_the_worst():
    """The text says: think of how a 4 and a 9, or a 7 and a 9, can look alike."""
    both_ways = TABLE + TABLE.T
    pairs = {(a, b): both_ways[a, b] for a in range(10) for b in range(a + 1, 10)}
    for pair in [(4, 9), (7, 9)]:
        worse = sum(count > pairs[pair] for count in pairs.values())
        assert worse < 4, f"{pair} is mixed up {pairs[pair]} times; {worse} pairs are mixed up more often"


def test_first_layer_neurons_are_spread_out_not_edges():
    shares = np.array([best_patch(row, size=7)[0] for row in W1])
    assert spread_out_share(7) == pytest.approx(0.1225)
    # "every bar stays close to the 'spread evenly' line and far from the edge detector's 100%"
    assert np.all(shares > 0.10) and np.all(shares < 0.30)
    # "a few have one stronger, stroke-like blotch"
    assert np.sum(shares > 0.2) >= 2


def test_never_lit_pixels_keep_their_random_starting_weights_and_make_a_pale_frame():
    train_images, _ = nnbook.load_digits("train")
    never_lit = train_images.reshape(len(train_images), 784).max(axis=0) == 0
    assert 50 < never_lit.sum() < 200
    start = nnbook.Network().weights[0]
    np.testing.assert_array_equal(W1[:, never_lit], start[:, never_lit])
    assert np.abs(W1[:, never_lit]).mean() < 0.25 * np.abs(W1[:, ~never_lit]).mean()
    # "The pixels near the border are black in almost every digit": the outer 3 pixels, all round.
    border = np.ones((28, 28), dtype=bool)
    border[3:-3, 3:-3] = False
    inked = (train_images > 0).mean(axis=0)
    assert inked[border].mean() < 0.01


def test_canvas_and_explorer_share_one_ignored_cell_with_a_picker_as_fallback():
    notebook = json.loads(notebook_path("09").read_text(encoding="utf-8"))
    cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    sources = ["".join(cell["source"]) for cell in cells]
    [drawing] = [i for i, s in enumerate(sources) if "DigitCanvas()" in s]
    assert "NetworkExplorer(source=canvas)" in sources[drawing]
    assert "nbval-ignore-output" in cells[drawing]["metadata"]["tags"]
    [picker] = [i for i, s in enumerate(sources) if s.strip() == "NetworkExplorer()"]
    assert "nbval-ignore-output" in cells[picker]["metadata"]["tags"]


def test_every_exercise_check_of_notebook_09_is_in_the_notebook():
    text = "\n".join(code_cells("09"))
    for name in nnbook.check.n09_network.__all__:
        assert f"check.{name}(" in text


def test_what_makes_each_neuron_fire_matches_the_text():
    """The text: the choosiest neuron is on for just one digit; most are on for several; some for nearly all."""
    A1 = nnbook.sigmoid(TEST_IMAGES.reshape(len(TEST_IMAGES), 784) @ W1.T + NETWORK.biases[0])
    np.testing.assert_allclose(A1, NETWORK.activations(TEST_IMAGES)[1])
    by_digit = np.array([A1[TEST_LABELS == d].mean(axis=0) for d in range(10)]).T
    counts = (by_digit > 0.5).sum(axis=1)
    assert counts.min() == 1
    choosiest = int(np.argmin(counts))
    [digit] = np.flatnonzero(by_digit[choosiest] > 0.5)
    assert by_digit[choosiest, digit] > 0.8 and np.delete(by_digit[choosiest], digit).max() < 0.2
    assert np.sum(counts > 1) > 8, "most neurons are on for several digits"
    assert counts.max() >= 8, "some are on for nearly all digits"


def test_the_costs_yardstick():
    """The text: ten 0s cost exactly 1; the untrained network about three times that; the trained about a ninth."""
    wanted = np.eye(10)[TEST_LABELS]
    assert np.mean(np.sum((np.zeros_like(wanted) - wanted) ** 2, axis=1)) == 1.0
    untrained = nnbook.Network()
    assert 2.5 < average_cost(untrained, TEST_IMAGES, TEST_LABELS) < 3.5
    assert 1 / 10 < average_cost(NETWORK, TEST_IMAGES, TEST_LABELS) < 1 / 8
    outputs = untrained.forward(TEST_IMAGES)
    assert np.mean((outputs > 0.2) & (outputs < 0.8)) > 0.9, "untrained outputs near 0.5"


def test_the_network_picture_draws_16_inputs_and_the_40_strongest_connections():
    import inspect
    assert inspect.signature(nnbook.show_network).parameters["strongest"].default == 40
    assert len(nnbook.figures.network_layout(NETWORK)[0][0]) == 16
    assert sum(W.size for W in NETWORK.weights) == 12_960


def test_a_digit_drawn_tiny_in_a_corner_looks_the_same_to_the_network():
    """The text: drawing tiny or in a corner will not fool it; the canvas scales and centres every drawing."""
    from nnbook.preprocess import strokes_to_image
    seven = np.array([(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)])
    big, tiny = strokes_to_image([seven]), strokes_to_image([0.3 * seven + 0.02])
    assert np.abs(big - tiny).max() < 0.05
    assert NETWORK.predict(big) == NETWORK.predict(tiny)


@pytest.fixture(scope="module")
def yourself():
    """Run the notebook's "Train it yourself" cell, as the notebook does."""
    [source] = [s for s in code_cells("09") if "my_network = nnbook.Network(seed=0)" in s]
    namespace = {"nnbook": nnbook, "test_images": TEST_IMAGES, "test_labels": TEST_LABELS}
    exec(source, namespace)
    return namespace["my_network"], namespace["history"]


def test_train_it_yourself_uses_the_shipped_networks_recipe():
    [source] = [s for s in code_cells("09") if "my_network = nnbook.Network(seed=0)" in s]
    script = notebook_path("09").parents[1] / "scripts" / "train_pretrained.py"
    recipe = script.read_text()
    for setting in ("EPOCHS = 30", "BATCH_SIZE = 10", "LEARNING_RATE = 1.0", "NETWORK_SEED = 0", "SHUFFLE_SEED = 0"):
        assert setting in recipe
    for setting in ("epochs=30", "batch_size=10", "learning_rate=1.0", "seed=0"):
        assert setting in source


def test_the_learning_curve_and_what_the_text_says_about_it(yourself):
    _, history = yourself
    train_curve, test_curve = np.array(history.train_accuracy), np.array(history.test_accuracy)
    assert len(history) == 30
    # "the axis starts at 80%": nothing is cut off
    assert min(train_curve.min(), test_curve.min()) >= 0.8 and train_curve.max() <= 1.0
    # "A single pass ... more than 80% of the test digits"
    assert test_curve[0] > 0.8
    # "The training line keeps climbing, towards 98%. The test line levels off at about 92-93%."
    assert train_curve[-1] > 0.975 and train_curve[-5:].mean() > train_curve[10:15].mean()
    assert np.all((test_curve[4:] > 0.91) & (test_curve[4:] < 0.94))
    assert train_curve[-1] - test_curve[-1] > 0.04  # the gap between the lines


def test_your_network_reads_like_the_shipped_one_with_other_weights(yourself):
    mine, _ = yourself
    # "Your network reads as well as the shipped one"
    assert abs(mine.accuracy(TEST_IMAGES, TEST_LABELS) - NETWORK.accuracy(TEST_IMAGES, TEST_LABELS)) < 0.01
    # "the two give the same answer for almost every test digit"
    assert np.mean(mine.predict(TEST_IMAGES) == PREDICTIONS) > 0.95
    # "Yet their weights are not the same": 32-bit rounding, grown over 24,000 steps
    assert max(np.abs(a - b).max() for a, b in zip(mine.weights, NETWORK.weights)) > 0.05
