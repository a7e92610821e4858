"""The numbers behind notebook 08's figures and claims, and its functions against nnbook's.

nbval compares the notebook's text, never its pictures, and the markdown
says things about the measurements ("about 92%", "about 4 in 5 numbers were
exactly 0", "tens of thousands of times smaller", "answers 1 for every
digit"). Those claims are checked here, and so is the notebook's shape: a
core that keeps the video's facts, then tagged "Going further" extensions.
"""

import re

import numpy as np
import pytest

import nnbook
from nnbook.check import n08_relu
from nnbook.depth import CHANCE, compare_sigmoid_relu, first_hidden_layer
from nnbook.training import gradient_sizes
from notebook_code import defined_in_notebook, load_notebook, numbers_in_text

DEEP_SIZES = (784, 16, 16, 16, 16, 16, 16, 10)
A = np.linspace(-6, 6, 601)  # the notebook's plotting range


@pytest.fixture(scope="module")
def relu():
    return defined_in_notebook("08", "relu")


@pytest.fixture(scope="module")
def slope(relu):
    # The cell also prints a small table of slopes, with nnbook's sigmoid and the notebook's relu.
    return defined_in_notebook("08", "slope", {"nnbook": nnbook, "relu": relu})


@pytest.fixture(scope="module")
def comparison():
    # The notebook's call, argument for argument (width 16, batch size 10 and seed 0 are the defaults).
    return compare_sigmoid_relu(hidden_layers=6, epochs=10, learning_rate=0.1, progress=False)


@pytest.fixture(scope="module")
def layers(comparison, test_digits):
    # The core's "Off or on, measured": the first hidden layer of the trained deep ReLU network and of
    # the trained sigmoid network of notebook 09, on the 2,000 test digits.
    images, _ = test_digits
    return first_hidden_layer(comparison.relu_network, images), first_hidden_layer(nnbook.pretrained(), images)


def cells(part):
    """The notebook's core cells (no tag "extension") or its extension cells."""
    return [cell for cell in load_notebook("08")["cells"]
            if ("extension" in cell["metadata"].get("tags", [])) == (part == "extensions")]


def text_of(cells):
    return " ".join(" ".join("".join(cell["source"]).split()) for cell in cells if cell["cell_type"] == "markdown")


def test_the_notebooks_relu_agrees_with_nnbook(relu):
    values = np.concatenate([A, [-1e6, -1e-12, 0.0, 1e-12, 1e6]])
    np.testing.assert_array_equal(relu(values), nnbook.relu(values))
    for a in (-3.0, -0.5, 0.0, 0.5, 3.0):
        assert relu(a) == nnbook.relu(a)


def test_the_notebooks_measured_slopes_agree_with_nnbooks_formulas(relu, slope):
    np.testing.assert_allclose(slope(nnbook.sigmoid, A), nnbook.sigmoid_slope(A), atol=1e-6)
    away_from_corner = np.abs(A) > 1e-3
    np.testing.assert_allclose(slope(relu, A)[away_from_corner], nnbook.relu_slope(A)[away_from_corner], atol=1e-9)


def test_the_sigmoid_slope_peaks_at_one_quarter_in_the_middle(slope):
    slopes = slope(nnbook.sigmoid, A)
    assert slopes.max() == pytest.approx(0.25, abs=1e-6)
    assert A[np.argmax(slopes)] == pytest.approx(0.0, abs=0.03)
    assert slopes[np.abs(A) >= 5].max() < 0.01  # "far from 0 it is almost 0"


def test_six_sigmoid_layers_leave_less_than_a_thousandth():
    assert 0.25 ** 6 == 1 / 4096 < 1e-3
    assert 0.25 ** 10 < 1e-6 <= 0.25 ** 9  # what the summary and exercise 2 rest on


def test_gradient_sizes_fade_through_sigmoid_layers_but_not_through_relu(train_digits, comparison):
    images, labels = train_digits
    sigmoid = gradient_sizes(nnbook.Network(DEEP_SIZES, activation="sigmoid", seed=0), images, labels)
    relu = gradient_sizes(nnbook.Network(DEEP_SIZES, activation="relu", seed=0), images, labels)
    # The notebook measures them itself; compare_sigmoid_relu measures the same networks.
    np.testing.assert_allclose(sigmoid, comparison.sigmoid_gradients, rtol=1e-12)
    np.testing.assert_allclose(relu, comparison.relu_gradients, rtol=1e-12)

    assert len(sigmoid) == len(relu) == 7
    assert np.all(np.diff(sigmoid) > 0)  # "drops steeply" from the output back to layer 1
    drop = sigmoid[-1] / sigmoid[0]
    assert 10_000 <= drop < 100_000  # "tens of thousands of times smaller"
    assert drop > 4 ** 6  # "even more than 0.25^6 predicts"
    assert relu.max() / relu.min() < 10  # "roughly level", "a similar size"


def test_the_deep_relu_network_learns_and_the_deep_sigmoid_network_does_not(comparison, train_digits, test_digits):
    _, train_labels = train_digits
    test_images, test_labels = test_digits
    relu, sigmoid = comparison.relu.test_accuracy, comparison.sigmoid.test_accuracy
    assert len(relu) == len(sigmoid) == 10
    assert relu[0] > 0.5  # "more than half after one epoch"
    [about] = numbers_in_text("08", r"more than half of the test digits right after one epoch, about (\d+)% after ten")
    assert abs(relu[-1] - about / 100) <= 0.03
    assert max(sigmoid) < 0.15  # never clearly above chance

    answers = comparison.sigmoid_network.predict(test_images)
    most_common = int(np.argmax(np.bincount(train_labels)))
    assert most_common == 1
    assert set(answers.tolist()) == {most_common}  # "it answers 1 for every single digit"
    assert sigmoid[-1] == pytest.approx(np.mean(test_labels == most_common))
    [about] = numbers_in_text("08", r"about (\d+)%, hardly better than chance")
    assert round(100 * sigmoid[-1]) == about


def test_the_sigmoid_networks_dip_is_answering_9_then_7_for_everything(comparison, train_digits, test_digits):
    # "after epoch 5 it answered 9 for every image, after epoch 6 it answered 7": the cell prints the answers.
    _, train_labels = train_digits
    _, test_labels = test_digits
    history = comparison.sigmoid
    first, nine, second, seven = numbers_in_text(
        "08", r"after epoch (\d+) it answered (\d) for every image, after epoch (\d+) it answered (\d)\.")
    for epoch, digit in ((first, nine), (second, seven)):
        epoch = int(epoch)
        assert np.unique(comparison.sigmoid_answers[epoch - 1]).tolist() == [digit]
        # answering one digit d for every image scores exactly the share of d's, on both digit sets
        assert history.train_accuracy[epoch - 1] == pytest.approx(np.mean(train_labels == digit), abs=1e-12)
        assert history.test_accuracy[epoch - 1] == pytest.approx(np.mean(test_labels == digit), abs=1e-12)
    assert min(history.test_accuracy) == history.test_accuracy[int(first) - 1]  # the dip
    # "It answers 1 for every single digit": after every other epoch
    others = [np.unique(a).tolist() for e, a in enumerate(comparison.sigmoid_answers, 1) if e not in (first, second)]
    assert others == [[1]] * 8
    [cell] = [c for c in cells("extensions") if "comparison.sigmoid_answers[epoch]" in "".join(c["source"])]
    printed = "".join("".join(o.get("text", "")) for o in cell["outputs"])
    assert f"after epoch {first:.0f}: [{nine:.0f}]" in printed and f"after epoch {second:.0f}: [{seven:.0f}]" in printed


def test_the_deep_sigmoid_networks_weights_are_all_smaller_than_1():
    # "the weights the change passes through are smaller than 1 too"
    network = nnbook.Network(DEEP_SIZES, activation="sigmoid", seed=0)
    assert all(np.abs(W).max() < 1 for W in network.weights)


def test_learning_rates_the_sigmoid_stays_near_chance_and_relu_needs_a_suitable_step(comparison):
    # "Going further: which learning rate?": the notebook's loop, and what its text says about it.
    runs = {0.1: comparison}
    for rate in (0.3, 1, 3):
        runs[rate] = compare_sigmoid_relu(hidden_layers=6, epochs=10, learning_rate=rate, progress=False)
    [never_above] = numbers_in_text("08", r"at every one of these rates: never above (\d+)%")
    for run in runs.values():
        assert round(100 * max(run.sigmoid.test_accuracy)) <= never_above
        assert "sigmoid" not in run.diverged
    relu = {rate: run.relu.test_accuracy for rate, run in runs.items()}

    [last] = numbers_in_text("08", r"at 0\.1 it ends at (\d+)%, the best of the four")
    assert round(100 * relu[0.1][-1]) == last
    assert relu[0.1][-1] > max(max(relu[0.3]), max(relu[1]))
    peak, fallen = numbers_in_text("08", r"at 0\.3 it climbs to (\d+)%, then falls back to (\d+)% in the last epoch")
    assert round(100 * max(relu[0.3])) == peak and round(100 * relu[0.3][-1]) == fallen
    [first] = numbers_in_text("08", r"at 1 it gets (\d+)% after one epoch, then drops to chance")
    assert round(100 * relu[1][0]) == first
    assert max(relu[1][1:]) < CHANCE + 0.03
    [epoch] = numbers_in_text("08", r"at 3 its training blows up in epoch (\d+)")
    assert list(runs[3].diverged) == ["relu"] and len(runs[3].relu) == epoch - 1
    assert f"diverged in epoch {epoch:.0f}" in runs[3].diverged["relu"]
    assert "stuck at 0 or 1" in runs[3].diverged["relu"]  # "every output gets stuck at 0 or 1"


def test_the_relu_network_still_ends_in_sigmoid_outputs(comparison, test_digits):
    test_images, _ = test_digits
    assert comparison.relu_network.activation == "relu"
    outputs = comparison.relu_network.forward(test_images[:100])
    assert outputs.shape == (100, 10)
    assert outputs.min() > 0.0 and outputs.max() < 1.0


# The core ------------------------------------------------------------------------------

def test_the_core_keeps_the_videos_facts_and_lisha_lis_reason():
    core = text_of(cells("core"))
    assert "ReLU}(z) = \\max(0, z)" in core
    # z, as in notebook 05: the weighted sum plus the bias. a is an activation (notebooks 03 and 07).
    assert "z is the weighted sum plus the bias (notebook 05)" in core
    assert "ReLU(a)" not in core and "ReLU}(a)" not in core
    assert "Lisha Li" in core and '"old school"' in core
    assert "easier to train, especially in **deep** networks" in core
    assert "partly inspired by brain cells" in core and "active or not" in core
    assert "max(0, z) is the larger of the two: below 0 exactly 0 (ReLU is **off**), above 0 z itself" in core
    assert "Lisha Li, the expert at the end of the video," in core  # introduced where she is first named
    assert "−" not in core  # an ASCII minus, so a learner can copy a number into Python
    assert "never quite off" in core
    code = " ".join("".join(cell["source"]) for cell in cells("core") if cell["cell_type"] == "code")
    assert "on_off_slider()" in code and "show_learning_curves(comparison)" in code
    # the play-test's words: epoch and learning_rate are glossed, [-1] is explained where it is used
    assert "After each **epoch** (one pass through the digits)" in core
    assert "# learning_rate: how big each learning step is" in code and "[-1] is the last one" in code


def test_the_core_says_why_depth_is_the_trouble_and_points_to_where_it_is_shown():
    core = text_of(cells("core"))
    assert ("In a deep sigmoid network the signal for learning gets weaker at every layer, so the first layers "
            "hardly learn (see Going further).") in core
    extensions = text_of(cells("extensions"))
    assert "## Going further: why the sigmoid fades in deep networks" in extensions


def test_the_core_promises_only_the_training_time_that_was_measured():
    """compare_sigmoid_relu took 1.6-3.4 s on an idle 2-core machine, 14 s and (in the play-test) 26 s on a busy one."""
    core = text_of(cells("core"))
    assert "This can take half a minute." in core and "few seconds" not in core


def test_the_core_states_the_experiments_result(comparison):
    relu, sigmoid = comparison.relu.test_accuracy[-1], comparison.sigmoid.test_accuracy[-1]
    [guessing] = numbers_in_text("08", r"The sigmoid network hardly beats guessing \((\d+)%\)")
    assert guessing / 100 == CHANCE and sigmoid < CHANCE + 0.02
    relu_about, sigmoid_about = numbers_in_text("08", r"Deep networks: ReLU learned \((\d+)%\), "
                                                      r"the sigmoid did not \((\d+)%\)")
    assert round(100 * relu) == relu_about and round(100 * sigmoid) == sigmoid_about
    # The core's call is the one the tests measure: six hidden layers of 16, 8,000 digits, 10 epochs.
    assert comparison.sizes == (784, 16, 16, 16, 16, 16, 16, 10) and comparison.epochs == 10
    [digits] = numbers_in_text("08", r"a network with six hidden layers learns ([\d,]+) digits")
    assert digits == 8000


def test_exercise_1s_numbers_are_the_judges():
    bias, first, second = numbers_in_text(
        "08", r"A ReLU neuron has a bias of -(\d+)\. What does it give for a weighted sum of (\d+)\? And of (\d+)\?")
    assert -bias == n08_relu.NEURON_BIAS
    assert (first, second) == n08_relu.NEURON_SUMS
    [bias_again, threshold] = numbers_in_text("08", r"With a bias of -(\d+), as in Exercise 1, it stays off until "
                                                    r"its weighted sum passes (\d+)")
    assert bias_again == bias and threshold == -n08_relu.NEURON_BIAS


def test_off_or_on_a_trained_relu_layer_is_mostly_exactly_0_and_a_sigmoid_layer_never(layers):
    relu_layer, sigmoid_layer = layers
    digits, neurons, total = numbers_in_text("08", r"(\d[\d,]*) × (\d+) = (\d[\d,]*) numbers each")
    assert relu_layer.shape == sigmoid_layer.shape == (digits, neurons) and digits * neurons == total
    share = np.mean(relu_layer == 0)
    part, whole = numbers_in_text("08", r"in the trained ReLU layer about (\d) in (\d) numbers were exactly 0")
    assert round(share * whole) == part  # 25,829 of 32,000: 81%
    assert share > 0.5  # Exercise 2's choice A: "most of them ... is what a ReLU layer does"
    assert np.sum(sigmoid_layer == 0) == 0 and sigmoid_layer.min() > 0  # "in the sigmoid layer, none"
    # Choice B's feedback: "many sigmoid numbers are tiny ... they look like 0 when rounded".
    assert np.sum(sigmoid_layer < 0.001) > 0.25 * total
    assert nnbook.check.sigmoid_never_off("C").passed  # so "none" is the judge's right choice


# Slip 4 of the review: 0.25 per layer is what the slopes alone keep, not a bound on the change ----------

def test_no_cell_states_a_quarter_per_layer_as_a_bound_on_the_change():
    sources = " ".join("".join(cell["source"]) for cell in load_notebook("08")["cells"])
    assert "of the change is left" not in sources
    assert "before the weights act" in sources
    [weight] = numbers_in_text("08", r"a weight above (\d+) more than undoes it")
    assert weight * nnbook.sigmoid_slope(0.0) == 1.0  # 4 × 0.25: one connection through the steepest sigmoid


def test_the_sigmoid_networks_change_shrinks_3_to_18_times_per_layer(train_digits):
    images, labels = train_digits
    slopes = gradient_sizes(nnbook.Network(DEEP_SIZES, activation="sigmoid", seed=0), images, labels)
    steps = slopes[1:] / slopes[:-1]
    low, high = numbers_in_text("08", r"the change shrinks further, (\d+) to (\d+) times per layer")
    assert round(steps.min()) == low and round(steps.max()) == high


# The shape: a core, then "Going further" extensions after the Summary ----------------------------------

def test_every_cell_after_the_summary_is_an_extension_and_none_before():
    notebook = load_notebook("08")
    sources = ["".join(cell["source"]) for cell in notebook["cells"]]
    summary = next(i for i, source in enumerate(sources) if source.startswith("## Summary"))
    for i, cell in enumerate(notebook["cells"]):
        assert ("extension" in cell["metadata"].get("tags", [])) == (i > summary), sources[i][:60]
    headings = [s.splitlines()[0] for s, c in zip(sources, notebook["cells"])
                if c["cell_type"] == "markdown" and s.startswith("## ")]
    after = headings[headings.index("## Summary") + 1:]
    assert after and all(h.startswith("## Going further: ") for h in after)
    assert "Going further" in sources[summary]
    assert re.search(r"\[09 · The whole network\]\(09-the-whole-network\.ipynb\)", sources[summary])
    assert notebook["metadata"]["nnbook"] == {"core_teaches": [], "widget_minutes": 2}  # one slider


def test_the_core_has_two_exercises_and_a_live_widget():
    core = cells("core")
    checks = [c for c in core if c["cell_type"] == "code" and re.search(r"^check\.\w+\(", "".join(c["source"]), re.M)]
    assert ["check.relu_neuron_outputs(" in "".join(checks[0]["source"]),
            "check.sigmoid_never_off(" in "".join(checks[1]["source"])] == [True, True]
    widget = [c for c in core if "on_off_slider()" in "".join(c.get("source", ""))]
    assert len(widget) == 1 and "nbval-ignore-output" in widget[0]["metadata"]["tags"]


# Round 3: the extensions stand on their own, in plain Python -------------------------------------------

def test_the_extensions_setup_repeats_the_cores_experiment():
    extension = cells("extensions")
    setup = "".join(extension[1]["source"])
    core_call = re.search(r"compare_sigmoid_relu\(.*?\)", "".join("".join(c["source"]) for c in cells("core")))
    assert core_call.group(0) in setup  # the core's experiment, argument for argument


def test_there_are_five_going_further_sections():
    # That each stands on its own after the setup cell: test_core_path.py.
    assert sum("".join(c["source"]).startswith("## Going further") for c in cells("extensions")) == 5


def test_extension_exercises_share_the_courses_naming_scheme():
    headings = [line for c in cells("extensions") if c["cell_type"] == "markdown"
                for line in "".join(c["source"]).splitlines() if line.startswith("### Exercise")]
    assert len(headings) == 3
    for heading in headings:
        assert re.fullmatch(r"### Exercise: .+ \((easy|medium|challenge, optional)\)", heading), heading
    text = text_of(cells("extensions"))
    assert not re.search(r"Exercise [3-9]", text)
    assert "the fewest" not in text and "Find the smallest n with 0.25ⁿ < 0.000001." in text


def test_the_extensions_python_is_plain():
    code = "\n".join("".join(c["source"]) for c in cells("extensions") if c["cell_type"] == "code")
    for trick in ("'s' * (", "float(f'", "@interact", "enumerate(", "max(np.abs(W).max() for"):
        assert trick not in code, trick
    [fading] = [c for c in cells("extensions") if "show_fading" in "".join(c["source"])
                and "interactive(" in "".join(c["source"])]
    assert "nbval-ignore-output" in fading["metadata"]["tags"]
    assert not "".join(fading["source"]).rstrip().endswith(";")


def test_the_drop_in_thousands_is_the_measured_one(train_digits):
    images, labels = train_digits
    slopes = gradient_sizes(nnbook.Network(DEEP_SIZES, activation="sigmoid", seed=0), images, labels)
    [cell] = [c for c in cells("extensions") if "sigmoid_drop = " in "".join(c["source"])]
    printed = "".join("".join(o.get("text", "")) for o in cell["outputs"])
    assert f"about {round(slopes[-1] / slopes[0] / 1000)} thousand times" in printed


def test_no_extension_leans_on_notebook_06s_extensions():
    text = text_of(cells("extensions"))
    for leftover in ("You met slopes in notebook 06", "Notebook 06 called", "there it was 100",
                     "In notebook 06, each step", "As with `1e-6` above"):
        assert leftover not in text
