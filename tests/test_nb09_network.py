"""Notebook 09: the numbers behind its figures, and the claims its text makes about them.

nbval compares the printed text of the notebook; the pictures and the
sentences that describe them are checked here, computed with the same nnbook
functions the notebook calls. Where the text states a number, the test reads
it from the text.
"""

import ast
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnbook
from nnbook import evaluation
from nnbook.training import average_cost
from nnbook.weight_patterns import best_patch, spread_out_share
from notebook_code import ROOT, code_cells, defined_in_notebook, load_notebook, numbers_in_text
from project_files import load_script

RECIPE = ROOT / "scripts" / "train_pretrained.py"


@pytest.fixture(scope="module")
def predictions(pretrained_net, test_digits):
    return pretrained_net.predict(test_digits[0])


@pytest.fixture(scope="module")
def table(test_digits, predictions):
    return evaluation.confusion_table(test_digits[1], predictions)


def test_the_notebooks_confusion_loop_agrees_with_nnbook(test_digits, predictions, table):
    _, labels = test_digits
    count_confusions = defined_in_notebook("09", "count_confusions", {
        "test_labels": labels, "predictions": predictions, "format_table": evaluation.format_table})
    np.testing.assert_array_equal(count_confusions(labels, predictions), table)
    rng = np.random.default_rng(5)
    labels, said = rng.integers(0, 10, 300), rng.integers(0, 10, 300)
    np.testing.assert_array_equal(count_confusions(labels, said), evaluation.confusion_table(labels, said))


@pytest.fixture(scope="module")
def notebook_cost(pretrained_net, test_digits):
    images, labels = test_digits
    return defined_in_notebook("09", "cost", {
        "nnbook": nnbook, "network": pretrained_net, "test_images": images, "test_labels": labels})


def test_the_notebooks_cost_agrees_with_the_trainers_cost(notebook_cost, pretrained_net, test_digits):
    for net in (nnbook.Network(), pretrained_net):
        assert notebook_cost(net, *test_digits) == pytest.approx(average_cost(net, *test_digits), rel=1e-12)
    assert notebook_cost(pretrained_net, *test_digits) < notebook_cost(nnbook.Network(), *test_digits) / 10


def test_the_notebooks_best_square_agrees_with_nnbook(pretrained_net):
    W1 = pretrained_net.weights[0]
    best_square_share = defined_in_notebook("09", "best_square_share", {"W1": W1})
    rows = [*W1[:4], np.random.default_rng(2).normal(size=784)]
    for row in rows:
        assert best_square_share(row) == pytest.approx(best_patch(row, size=7)[0], rel=1e-12)
    assert best_square_share(rows[-1], size=3) == pytest.approx(best_patch(rows[-1], size=3)[0], rel=1e-12)


def test_untrained_outputs_are_middling_and_trained_outputs_have_one_clear_winner(pretrained_net, test_digits):
    images, labels = test_digits
    untrained = nnbook.Network().forward(images[0])
    trained = pretrained_net.forward(images[0])
    assert np.all((untrained > 0.2) & (untrained < 0.8))
    assert trained.argmax() == labels[0]
    assert trained.max() > 0.9 and np.sort(trained)[-2] < 0.1


def test_accuracy_is_the_texts_and_a_few_points_below_the_videos_96_percent(
        pretrained_net, test_digits, train_digits, predictions):
    accuracy = evaluation.accuracy(predictions, test_digits[1])
    assert accuracy == pretrained_net.accuracy(*test_digits)
    [summary] = numbers_in_text("09", r"It reads (\d+\.\d+)% of new digits right")
    [extension] = numbers_in_text("09", r"The core measured the accuracy: (\d+\.\d+)%")
    assert summary == extension == round(100 * accuracy, 1)
    # the core prints it in the canvas cell (ignored by nbval, so checked here)
    [cell] = [source for source in code_cells("09") if "DigitCanvas()" in source]
    assert "predictions = network.predict(test_images)" in cell and "{right / len(test_labels):.1%}" in cell
    videos, theirs, ours = numbers_in_text("09", r"The video's network reads about (\d+)%: "
                                                 r"it learned from ([\d,]+) digits, not ([\d,]+)")
    assert accuracy < videos / 100 and ours == len(train_digits[1]) < theirs == 60_000


def test_the_galleries_have_what_the_text_promises(test_digits, predictions):
    _, labels = test_digits
    [first] = numbers_in_text("09", r"Below: its first (\d+) mistakes, written → said")
    [cell] = [source for source in code_cells("09") if "show_first_mistakes(test_images" in source]
    assert "count=" not in cell and first == 10  # the function's default
    assert len(evaluation.mistakes(labels, predictions)) >= first
    assert np.any(predictions[:40] != labels[:40]), "the first 40 digits show no orange wrong answer to find"
    assert len(evaluation.mistakes(labels, predictions)) >= 30, "the gallery shows the first 30 mistakes"


def test_confusion_table_rows_and_diagonal(test_digits, predictions, table):
    _, labels = test_digits
    np.testing.assert_array_equal(table.sum(axis=1), np.bincount(labels, minlength=10))
    assert np.trace(table) == np.sum(predictions == labels)


def test_the_mixups_the_text_names_are_among_the_worst(table):
    """The text says: think of how a 4 and a 9, or a 7 and a 9, can look alike."""
    both_ways = table + table.T
    pairs = {(a, b): both_ways[a, b] for a in range(10) for b in range(a + 1, 10)}
    for pair in [(4, 9), (7, 9)]:
        worse = sum(count > pairs[pair] for count in pairs.values())
        assert worse < 4, f"{pair} is mixed up {pairs[pair]} times; {worse} pairs are mixed up more often"


def test_first_layer_neurons_are_spread_out_not_edges(pretrained_net):
    shares = np.array([best_patch(row, size=7)[0] for row in pretrained_net.weights[0]])
    assert spread_out_share(7) == pytest.approx(0.1225)
    # "every bar stays close to the 'spread evenly' line and far from the edge detector's 100%"
    assert np.all(shares > 0.10) and np.all(shares < 0.30)
    # "a few have one stronger, stroke-like blotch"
    assert np.sum(shares > 0.2) >= 2
    # "Even the most concentrated neurons keep more than 70% of their weight outside their best square."
    [outside] = numbers_in_text("09", r"keep more than (\d+)% of their weight outside their best square")
    assert shares.max() < 1 - outside / 100


def test_never_lit_pixels_keep_their_random_starting_weights_and_make_a_pale_frame(pretrained_net, train_digits):
    train_images, _ = train_digits
    W1 = pretrained_net.weights[0]
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
    cells = [cell for cell in load_notebook("09")["cells"] if cell["cell_type"] == "code"]
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


def test_what_makes_each_neuron_fire_matches_the_text(pretrained_net, test_digits):
    """The text: the choosiest neuron is on for just one digit; most are on for several; some for nearly all."""
    images, labels = test_digits
    A1 = nnbook.sigmoid(images.reshape(len(images), 784) @ pretrained_net.weights[0].T + pretrained_net.biases[0])
    np.testing.assert_allclose(A1, pretrained_net.activations(images)[1])
    by_digit = np.array([A1[labels == d].mean(axis=0) for d in range(10)]).T
    counts = (by_digit > 0.5).sum(axis=1)
    assert counts.min() == 1
    choosiest = int(np.argmin(counts))
    [digit] = np.flatnonzero(by_digit[choosiest] > 0.5)
    assert by_digit[choosiest, digit] > 0.8 and np.delete(by_digit[choosiest], digit).max() < 0.2
    assert np.sum(counts > 1) > 8, "most neurons are on for several digits"
    assert counts.max() >= 8, "some are on for nearly all digits"


def test_the_costs_yardstick(notebook_cost, pretrained_net, test_digits):
    """The text: ten 0s cost exactly 1; the untrained network about three times that; the trained about a ninth."""
    silent = nnbook.Network()
    silent.weights[-1][:] = 0.0
    silent.biases[-1][:] = -1000.0  # σ(-1000) rounds to 0: "a network that answered ten 0s for every image"
    assert np.all(silent.forward(test_digits[0]) == 0.0)
    assert notebook_cost(silent, *test_digits) == average_cost(silent, *test_digits) == 1.0
    untrained = nnbook.Network()
    assert 2.5 < average_cost(untrained, *test_digits) < 3.5
    assert 1 / 10 < average_cost(pretrained_net, *test_digits) < 1 / 8
    # "The trained network's cost, 0.113, is about a ninth of that all-zeros cost of 1, and about a
    #  twenty-seventh of the untrained network's 3.053."
    trained, untrained_cost = numbers_in_text(
        "09", r"The trained network's cost, (\d+\.\d+), is about a ninth of that all-zeros cost of 1, "
              r"and about a twenty-seventh of the untrained network's (\d+\.\d+)")
    assert trained == round(average_cost(pretrained_net, *test_digits), 3)
    assert untrained_cost == round(average_cost(untrained, *test_digits), 3)
    assert round(untrained_cost / trained) == 27
    outputs = untrained.forward(test_digits[0])
    assert np.mean((outputs > 0.2) & (outputs < 0.8)) > 0.9, "untrained outputs near 0.5"


def test_the_network_picture_draws_16_inputs_and_the_40_strongest_connections(pretrained_net, test_digits):
    [inputs] = numbers_in_text("09", r"Only (\d+) of the 784 input neurons are drawn")
    [strongest] = numbers_in_text("09", r"only the (\d+) strongest connections between each pair of layers")
    [weights] = numbers_in_text("09", r"all ([\d,]+) would be a solid smudge")
    [cell] = [source for source in code_cells("09") if source.startswith("nnbook.show_network(")]
    plt.close("all")
    exec(cell, {"nnbook": nnbook, "plt": plt, "network": pretrained_net, "image": test_digits[0][0]})
    picture = plt.figure(plt.get_fignums()[0])  # the cell draws the network first, then the bar chart

    drawn = {artist.get_gid() for ax in picture.axes for artist in [*ax.patches, *ax.lines] if artist.get_gid()}
    assert sum(gid.startswith("neuron-0-") for gid in drawn) == inputs
    lines = [gid.split("-") for gid in drawn if gid.startswith("weight-")]
    for layer in (1, 2, 3):
        assert sum(int(line[1]) == layer for line in lines) == strongest
    # Between the last two layers every neuron is drawn, so those lines are the strongest of all 160 weights.
    W3 = np.abs(pretrained_net.weights[2])
    last = sorted(W3[int(j), int(i)] for _, layer, j, i in lines if layer == "3")
    assert last == sorted(W3.ravel())[-int(strongest):]
    assert sum(W.size for W in pretrained_net.weights) == weights


def test_a_digit_drawn_tiny_in_a_corner_looks_the_same_to_the_network(pretrained_net):
    """The text: drawing tiny or in a corner will not fool it; the canvas scales and centres every drawing."""
    from nnbook.preprocess import strokes_to_image
    seven = np.array([(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)])
    big, tiny = strokes_to_image([seven]), strokes_to_image([0.3 * seven + 0.02])
    assert np.abs(big - tiny).max() < 0.05
    assert pretrained_net.predict(big) == pretrained_net.predict(tiny)


def train_it_yourself_cell():
    [source] = [s for s in code_cells("09") if "my_network = nnbook.Network(seed=0)" in s]
    return source


@pytest.fixture(scope="module")
def yourself(test_digits):
    """Run the notebook's "Train it yourself" cell, as the notebook does."""
    namespace = {"nnbook": nnbook, "test_images": test_digits[0], "test_labels": test_digits[1]}
    exec(train_it_yourself_cell(), namespace)
    return namespace["my_network"], namespace["history"]


def keywords_of_call(source, function):
    """The literal keyword arguments of the call to ``<something>.function(...)`` in ``source``."""
    [call] = [node for node in ast.walk(ast.parse(source))
              if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == function]
    return {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if isinstance(kw.value, ast.Constant)}


def test_train_it_yourself_uses_the_shipped_networks_recipe(train_digits):
    recipe = load_script(RECIPE.relative_to(ROOT).as_posix())
    source = train_it_yourself_cell()

    assert keywords_of_call(source, "Network") == {"seed": recipe.NETWORK_SEED}
    assert nnbook.Network().sizes == recipe.SIZES
    called = keywords_of_call(source, "train")
    assert {name: called[name] for name in ("epochs", "batch_size", "learning_rate", "seed")} == {
        "epochs": recipe.EPOCHS, "batch_size": recipe.BATCH_SIZE,
        "learning_rate": recipe.LEARNING_RATE, "seed": recipe.SHUFFLE_SEED}
    # "30 epochs (30 passes through all of them), mini-batches of 10 digits, learning rate 1.0.
    #  That makes 24,000 small steps downhill."
    epochs, batch_size, learning_rate, steps = numbers_in_text(
        "09", r"(\d+) epochs \(.*?\), mini-batches of (\d+) digits, learning rate ([\d.]+)\. "
              r"That makes ([\d,]+) small steps")
    assert (epochs, batch_size, learning_rate) == (recipe.EPOCHS, recipe.BATCH_SIZE, recipe.LEARNING_RATE)
    assert steps == recipe.EPOCHS * len(train_digits[1]) // recipe.BATCH_SIZE


def test_the_learning_curve_and_what_the_text_says_about_it(yourself):
    _, history = yourself
    train_curve, test_curve = np.array(history.train_accuracy), np.array(history.test_accuracy)
    assert len(history) == 30
    # "the axis starts at 80%": nothing is cut off
    assert min(train_curve.min(), test_curve.min()) >= 0.8 and train_curve.max() <= 1.0
    # "A single pass ... more than 80% of the test digits"
    assert test_curve[0] > 0.8
    # "The training line keeps climbing, towards 98%. The test line levels off at about 92-93%."
    [towards] = numbers_in_text("09", r"The training line keeps climbing, towards (\d+)%")
    low, high = numbers_in_text("09", r"The test line levels off at about (\d+)-(\d+)%")
    assert train_curve[-1] > towards / 100 - 0.005 and train_curve[-5:].mean() > train_curve[10:15].mean()
    assert np.all((test_curve[4:] > low / 100 - 0.01) & (test_curve[4:] < high / 100 + 0.01))
    assert train_curve[-1] - test_curve[-1] > 0.04  # the gap between the lines


def test_your_network_reads_like_the_shipped_one_with_other_weights(yourself, pretrained_net, test_digits, predictions):
    mine, _ = yourself
    # "Your network reads as well as the shipped one"
    assert abs(mine.accuracy(*test_digits) - pretrained_net.accuracy(*test_digits)) < 0.01
    # "the two give the same answer for almost every test digit"
    assert np.mean(mine.predict(test_digits[0]) == predictions) > 0.95
    # "Yet their weights are not the same: the largest difference ... is about 0.6, printed above."
    [about] = numbers_in_text("09", r"the largest difference between a weight of yours and the same weight "
                                    r"of the shipped network is about (\d+\.\d+)")
    largest = max(np.abs(a - b).max() for a, b in zip(mine.weights, pretrained_net.weights))
    assert abs(largest - about) < 0.05
    [cell] = [source for source in code_cells("09") if "the largest difference between a weight of yours" in source]
    assert "zip(my_network.weights, network.weights)" in cell


# The core: what the ten outputs add up to, the blank canvas, the second layer ------------------

def test_the_untrained_networks_outputs_add_up_to_about_the_texts_number(test_digits):
    """The text: "the untrained network's outputs (notebook 00) add up to about 5.5"."""
    [about] = numbers_in_text("09", r"the untrained network's outputs \(notebook 00\) add up to about (\d+\.\d+)")
    untrained = nnbook.Network(seed=0)
    np.testing.assert_array_equal(untrained.weights[0], nnbook.Network().weights[0])  # notebook 00's default seed
    sums = untrained.forward(test_digits[0]).sum(axis=1)
    assert round(sums[0], 1) == about
    assert np.all(np.abs(sums - about) < 0.1), "about 5.5 for every test digit, not just the first"


def test_the_trained_outputs_add_up_to_about_1_for_clear_digits_but_not_always(pretrained_net, test_digits):
    images, labels = test_digits
    outputs = pretrained_net.forward(images)
    sums = outputs.sum(axis=1)
    [cell] = [source for source in code_cells("09") if "what the ten outputs add up to" in source]
    # The cell shows the test digits whose outputs add up to the most and the least; the check names them too.
    assert f"test_images[{int(np.argmax(sums))}]" in cell and f"test_images[{int(np.argmin(sums))}]" in cell
    assert abs(sums[0] - 1) < 0.05 and outputs[0].max() > 0.99  # a clear digit
    assert np.mean(np.abs(sums - 1) < 0.1) > 0.85
    assert sums.max() > 1.5 and sums.min() < 0.1  # "sometimes far from 1"
    # The cell prints all ten outputs of the digit whose sum is largest: a 5 that lights both 5 and 0.
    digit = int(np.argmax(sums))
    assert f"test_images[{digit}]), 2))" in cell
    assert labels[digit] == 5 and set(np.flatnonzero(outputs[digit] > 0.5)) == {0, 5}


def test_a_blank_canvas_gets_the_biases_alone_and_an_answer(pretrained_net):
    """Exercise 1's reply: every weighted sum in layer 1 is 0, each neuron gives σ(b); one output wins, the 7."""
    blank = np.zeros((28, 28))
    layers = pretrained_net.activations(blank)
    np.testing.assert_array_equal(layers[1], nnbook.sigmoid(pretrained_net.biases[0]))
    reply = str(nnbook.check.blank_canvas("B"))
    [digit] = [int(d) for d in re.findall(r"for the blank canvas it is the (\d) ", reply)]
    assert "the biases alone decide layer 1" in reply
    assert pretrained_net.predict(blank) == digit
    assert np.all(layers[-1] < 0.5), "a winner, but not a confident one"
    # The widget shows it before anything is drawn.
    from nnbook.widgets import DigitCanvas, NetworkExplorer
    explorer = NetworkExplorer(pretrained_net, source=DigitCanvas())
    assert explorer.prediction == digit


def test_the_second_layer_picture_and_what_the_text_says_about_it(pretrained_net, test_digits):
    """The text: each layer-2 neuron is on (average above 0.5) for 2 to 6 digits."""
    from nnbook.weight_patterns import activation_by_digit

    images, labels = test_digits
    table = activation_by_digit(pretrained_net, images, labels, layer=2)
    A2 = pretrained_net.activations(images)[2]
    np.testing.assert_allclose(table[:, 4], A2[labels == 4].mean(axis=0))
    [threshold, low, high] = numbers_in_text(
        "09", r"Each layer-2 neuron is on \(above (\d\.\d+)\) for (\d+) to (\d+) digits")
    counts = (table > threshold).sum(axis=1)
    assert (counts.min(), counts.max()) == (low, high)
    # Each is clearly on for some digits and clearly off for others: the picture has real whites and blacks.
    assert np.all(table.max(axis=1) > 0.8) and np.all(table.min(axis=1) < 0.15)
    [cell] = [source for source in code_cells("09") if source.startswith("show_hidden_layers(")]
    assert "network, test_images, test_labels" in cell


def test_the_choosiest_neuron_is_on_when_little_ink_falls_on_its_red_weights(pretrained_net, test_digits):
    """The text: most of its weight is red; for the 1s the red weights take off less than half as much."""
    images, labels = test_digits
    A0 = images.reshape(len(images), 784)
    A1 = pretrained_net.activations(images)[1]
    by_digit = np.array([A1[labels == d].mean(axis=0) for d in range(10)]).T
    choosiest = int(np.argmin((by_digit > 0.5).sum(axis=1)))
    assert np.flatnonzero(by_digit[choosiest] > 0.5).tolist() == [1]
    weights = pretrained_net.weights[0][choosiest]
    red = np.minimum(weights, 0)
    assert np.abs(red).sum() / np.abs(weights).sum() > 0.5  # "most of its weight is red"
    red_part = A0 @ red
    assert abs(red_part[labels == 1].mean()) < 0.5 * abs(red_part[labels != 1].mean())
    # and the written 1s are the digits with the least ink
    ink = A0.sum(axis=1)
    assert ink[labels == 1].mean() < min(ink[labels == d].mean() for d in range(10) if d != 1)


def test_the_extensions_layer_1_picture_is_the_texts_table(pretrained_net, test_digits):
    from nnbook.weight_patterns import activation_by_digit

    images, labels = test_digits
    A1 = nnbook.sigmoid(images.reshape(len(images), 784) @ pretrained_net.weights[0].T + pretrained_net.biases[0])
    by_digit = np.array([A1[labels == d].mean(axis=0) for d in range(10)]).T
    np.testing.assert_allclose(activation_by_digit(pretrained_net, images, labels, layer=1), by_digit)


# The shape of the notebook: a core, then the extensions ------------------------------------------

def test_the_core_comes_first_and_every_cell_after_the_summary_is_a_tagged_extension():
    cells = load_notebook("09")["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    tags = [set(cell.get("metadata", {}).get("tags", [])) for cell in cells]
    [summary] = [i for i, source in enumerate(sources) if source.startswith("## Summary")]
    assert all("extension" not in t for t in tags[:summary + 1])
    assert all("extension" in t for t in tags[summary + 1:])
    assert sources[summary + 1].startswith("## Going further: ")
    headings = [source.splitlines()[0] for source in sources[summary + 1:] if source.startswith("## ")]
    assert all(heading.startswith("## Going further: ") for heading in headings)
    assert "Going further" in sources[summary]  # the summary points at the extensions
    core_code = [s for s, t, c in zip(sources, tags, cells) if c["cell_type"] == "code"][:summary]
    assert sum("DigitCanvas()" in source for source in core_code) == 1  # the core's live widget


def test_the_core_has_two_predict_then_run_exercises():
    cells = load_notebook("09")["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    [summary] = [i for i, source in enumerate(sources) if source.startswith("## Summary")]
    core = "\n".join(sources[:summary])
    for name in ("blank_canvas", "outputs_add_up"):
        assert f"check.{name}(my_choice)" in core
    for letter in "ABC":
        assert core.count(f"- **{letter}** ") == 2


def test_the_blank_canvas_is_predicted_before_the_canvas_runs_and_the_sums_are_shown_with_their_check():
    cells = load_notebook("09")["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    [summary] = [i for i, source in enumerate(sources) if source.startswith("## Summary")]
    core = sources[:summary]
    [blank] = [i for i, s in enumerate(core) if "check.blank_canvas(my_choice)" in s]
    [canvas] = [i for i, s in enumerate(core) if "DigitCanvas()" in s]
    assert blank < canvas
    # Exercise 2 is predict-then-run in one cell: the sums print, then the check judges the prediction.
    [sums] = [s for s in core if "check.outputs_add_up(my_choice)" in s]
    assert "what the ten outputs add up to" in sums
    assert sums.index("my_choice = ...") < sums.index("print(") < sums.index("check.outputs_add_up(my_choice)")


def test_the_core_says_what_the_dutch_word_is_and_that_it_is_too_strong():
    # The play-test: the Dutch summary is only met in the glossary, so the core speaks of "some Dutch texts".
    core = " ".join(" ".join(s.split()) for s, c in zip(
        ["".join(cell["source"]) for cell in load_notebook("09")["cells"]], load_notebook("09")["cells"])
        if c["cell_type"] == "markdown" and "extension" not in c.get("metadata", {}).get("tags", []))
    assert "Not *cijferkansen* (digit chances), as some Dutch texts say." in core
    assert "**Softmax**, missing here, would make them add up to 1." in core
    # Round 4's play-test: the core says what the small picture is, and does not over-read layer 1.
    assert "The small picture is what the network sees." in core
    assert "Mostly blotches, a few strokes: no clean edges like the video's." in core
    assert load_notebook("09")["metadata"]["nnbook"]["widget_minutes"] == 4
    assert "Dutch summary" not in core


# Round 3: the extensions stand on their own, in plain Python, with the three new explorables -------------

def _extension_cells():
    return [cell for cell in load_notebook("09")["cells"] if "extension" in cell.get("metadata", {}).get("tags", [])]


def _text(cells):
    return " ".join(" ".join("".join(cell["source"]).split()) for cell in cells if cell["cell_type"] == "markdown")


def _sections():
    sections = []
    for cell in _extension_cells():
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.startswith("## Going further"):
            sections.append([source.splitlines()[0], [], []])
        (sections[-1][1] if cell["cell_type"] == "code" else sections[-1][2]).append(cell)
    return sections


def test_the_extensions_setup_is_the_cores(
        pretrained_net, test_digits, predictions):
    extension = _extension_cells()
    setup = "".join(extension[1]["source"])
    scope = {}
    exec(compile(setup, "<notebook 09: setup>", "exec"), scope)
    for mine, shipped in zip(scope["network"].weights, pretrained_net.weights):
        np.testing.assert_array_equal(mine, shipped)
    np.testing.assert_array_equal(scope["test_images"], test_digits[0])
    np.testing.assert_array_equal(scope["predictions"], predictions)


def test_the_end_of_the_course_comes_last_clearly_titled():
    titles = [title for title, _, _ in _sections()]
    assert titles[-2:] == ["## Going further: the end of the course: a checklist",
                           "## Going further: the end of the course: words in English and Dutch"]
    assert {"## Going further: break it on purpose", "## Going further: how the layers pull the digits apart",
            "## Going further: train it yourself"} <= set(titles)
    text = _text(_extension_cells())
    assert "ReLU(z) = max(0, z)" in text and "ReLU(a)" not in text.replace("The video writes ReLU(a)", "")


@pytest.mark.parametrize("made_by, shown_by, section", [
    ("NetworkLab()", "lab", "## Going further: break it on purpose"),
    ("LayerMap()", "LayerMap()", "## Going further: how the layers pull the digits apart"),
    ("TrainingExplorer()", "TrainingExplorer()", "## Going further: train it yourself")])
def test_the_three_explorables_sit_in_their_sections_and_nbval_ignores_their_widgets(made_by, shown_by, section):
    for title, code, _ in _sections():
        if any(made_by in "".join(cell["source"]) for cell in code):
            assert title == section
    [shown] = [cell for cell in _extension_cells() if "".join(cell["source"]).strip().splitlines()[-1:] == [shown_by]]
    assert {"extension", "nbval-ignore-output"} <= set(shown["metadata"]["tags"])
    assert any("application/vnd.jupyter.widget-view+json" in output.get("data", {}) for output in shown["outputs"])


def test_switching_off_one_neuron_does_what_the_text_says():
    from nnbook.widgets import NetworkLab

    lab = NetworkLab()
    lab.switch_off(1, 0)
    before, after = numbers_in_text("09", r"takes the accuracy from (\d+\.\d)% to (\d+\.\d)%")
    assert (round(100 * lab.trained_accuracy, 1), round(100 * lab.accuracy, 1)) == (before, after)
    eights_before, eights_after = numbers_in_text("09", r"Almost every 8 goes wrong: from (\d+)% right to (\d+)%")
    assert (round(100 * lab.trained_accuracy_by_digit[8]), round(100 * lab.accuracy_by_digit[8])) == (
        eights_before, eights_after)
    assert lab.hurt_most[0][0] == 8  # "this neuron matters most for the 8s"
    fives_before, fives_after = numbers_in_text("09", r"The 5s fall from (\d+)% to (\d+)%")
    assert (round(100 * lab.trained_accuracy_by_digit[5]), round(100 * lab.accuracy_by_digit[5])) == (
        fives_before, fives_after)
    [neurons] = numbers_in_text("09", r"One neuron out of (\d+) takes the accuracy")
    assert sum(nnbook.pretrained().sizes[1:]) == neurons
    [cell] = [c for c in _extension_cells() if "lab.switch_off(1, 0)" in "".join(c["source"])]
    assert "nbval-ignore-output" not in cell["metadata"].get("tags", [])  # nbval compares what it prints
    assert "restore the trained network" == lab.controls["restore"].description
    assert '"restore the trained network" undoes everything' in _text(_extension_cells())


def test_the_layer_map_scores_are_the_texts():
    from nnbook.widgets import LayerMap

    layer_map = LayerMap()
    pixels, layer1, layer2, outputs = numbers_in_text(
        "09", r"the score climbs from (\d+)% at the pixels to (\d+)% at layer 1, (\d+)% at layer 2 and (\d+)% at the "
              r"outputs")
    assert [round(100 * score) for score in layer_map.scores["trained"]] == [pixels, layer1, layer2, outputs]
    [untrained] = numbers_in_text("09", r"its score falls to (\d+)% at the outputs")
    untrained_scores = layer_map.scores["untrained"]
    assert round(100 * untrained_scores[-1]) == untrained
    assert untrained_scores[0] == layer_map.scores["trained"][0]  # both read the same pixels
    assert max(untrained_scores[1:]) < untrained_scores[0] / 1.5  # "does the opposite": it mixes the digits up
    [chance] = numbers_in_text("09", r"\(by chance, about (\d+)%\)")
    assert round(100 * layer_map.chance) == chance
    first, second = numbers_in_text("09", r"the map follows mostly the outputs for (\d) and (\d)")
    directions = layer_map.planes["trained"][-1].directions
    assert np.argmax(np.abs(directions), axis=1).tolist() == [first, second]


def test_the_training_explorers_text_promises_no_number_that_only_playing_shows():
    from nnbook.widgets import TrainingExplorer

    [live] = [cell for cell in _extension_cells() if "### Watch it learn, live" in "".join(cell["source"])]
    numbers = re.findall(r"\d+", "".join(live["source"]))
    assert numbers == ["16"]  # "The 16 pictures are the first layer's weights": the network's shape
    assert TrainingExplorer().network.sizes[1] == 16
    assert "▶ Play" in "".join(live["source"])


def test_the_rounding_sentence_is_true_as_worded():
    import inspect

    text = _text(_extension_cells())
    assert ("Your network was trained with 32-bit numbers, `train`'s default. The shipped one was made with 64-bit "
            "numbers (`dtype=\"float64\"`).") in text
    assert inspect.signature(nnbook.train).parameters["dtype"].default == "float32"
    assert load_script(RECIPE.relative_to(ROOT).as_posix()).DTYPE == "float64"


def test_no_extension_leans_on_another_notebooks_extension_or_old_numbering():
    text = _text(_extension_cells())
    for leftover in ("notebook 02's exercise 2", "Notebook 07 showed how", "the backward path you met in notebook 08",
                     "In notebook 06 you turned one knob", "in notebook 06, its cost was lower still"):
        assert leftover not in text
    assert "(If you did notebook 06's Going further" in text and "(If you did notebook 08's Going further" in text
    headings = [line for cell in _extension_cells() if cell["cell_type"] == "markdown"
                for line in "".join(cell["source"]).splitlines() if line.startswith("### Exercise")]
    assert len(headings) == 4
    for heading in headings:
        assert re.fullmatch(r"### Exercise: .+ \((easy|medium|challenge, optional)\)", heading), heading


def test_the_extensions_python_is_plain():
    code = "\n".join("".join(c["source"]) for c in _extension_cells() if c["cell_type"] == "code")
    for trick in ("key=lambda", "enumerate(", "for mine, shipped in zip(my_network.weights, network.weights))",
                  "[test_labels == d]"):
        assert trick not in code, trick
    assert not any("".join(c["source"]).rstrip().endswith(";") for c in _extension_cells() if c["cell_type"] == "code")
    assert "np.argsort(-shares)[:3].tolist())   # argsort(-shares): largest share first" in code
