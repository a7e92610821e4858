"""The numbers behind notebook 05's figures and sentences, and its sigmoids against nnbook's.

nbval compares the notebook's text, never its pictures, so what each figure
and each sentence claims is checked here, with the same nnbook functions the
notebook calls.
"""

import re
import warnings

import numpy as np
import pytest

import nnbook
import notebook_code
from nnbook import detectors, squishing
from nnbook.check import n05_sigmoid
from notebook_code import code_cells, defined_in_notebook, load_notebook, markdown_cells, numbers_in_text, printed_text


@pytest.fixture(scope="module")
def activations(train_digits):
    images, _ = train_digits
    z = nnbook.weighted_sum(detectors.example_weights(), images, detectors.EXAMPLE_BIAS)
    return z, nnbook.sigmoid(z)


# The notebook's own sigmoids -------------------------------------------------------

def test_the_notebooks_sigmoid_agrees_with_nnbook():
    sigmoid = defined_in_notebook("05", "sigmoid")
    x = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid(x), nnbook.sigmoid(x), rtol=1e-12, atol=0)
    assert sigmoid(0) == 0.5


def test_the_notebooks_naive_sigmoid_overflows_at_minus_1000_as_the_notebook_says():
    sigmoid = defined_in_notebook("05", "sigmoid")
    with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn"):
        warnings.simplefilter("always")
        assert sigmoid(-1000.0) == 0.0
    assert [str(w.message) for w in caught] == ["overflow encountered in exp"]


def test_the_other_form_gives_nan_at_plus_1000():
    with np.errstate(over="ignore", invalid="ignore"):
        big = np.exp(1000.0)
        assert np.isinf(big) and np.isnan(big / (1 + big))


def test_the_notebooks_sigmoid_one_agrees_with_nnbook_without_a_warning():
    sigmoid_one = defined_in_notebook("05", "sigmoid_one")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for x in [-1000.0, -745.0, -40.0, -10.0, -1.0, -1e-9, 0.0, 1e-9, 0.5, 10.0, 40.0, 1000.0]:
            assert sigmoid_one(x) == pytest.approx(nnbook.sigmoid(x), rel=1e-12, abs=1e-300)


def test_the_size_the_notebook_gives_for_e():
    """ "e is a fixed number, about 2.718, and e⁻ˣ means 1 / eˣ. At x = 0, e⁰ = 1, so σ(0) = 1 / (1 + 1) = 0.5" """
    [e] = numbers_in_text("05", r"e is a fixed number, about (\d\.\d+), and e⁻ˣ means 1 / eˣ")
    assert round(np.e, 3) == e
    assert np.exp(-1.0) == pytest.approx(1 / np.e) and nnbook.sigmoid(0.0) == 1 / (1 + 1)


def test_any_base_above_1_gives_the_same_s_only_stretched():
    """ "Any number bigger than 1 gives the same S-shape, only stretched sideways." """
    x = np.linspace(-20, 20, 401)
    for base in (1.5, 2.0, 10.0):
        np.testing.assert_allclose(1 / (1 + base ** -x), nnbook.sigmoid(x * np.log(base)), rtol=1e-12)


def test_the_two_forms_agree_as_the_stored_notebook_shows():
    printed = next(text for text in printed_text("05") if "e^x / (1 + e^x) =" in text and "x = -2.0" in text)
    lines = printed.strip().splitlines()
    assert len(lines) == 3
    for line in lines:
        first, second = re.findall(r"= (\d\.\d{6})", line)
        assert first == second
    x = np.linspace(-30, 30, 121)
    np.testing.assert_allclose(np.exp(x) / (1 + np.exp(x)), nnbook.sigmoid(x), rtol=1e-12)


def test_sigmoid_is_symmetric_as_the_notebook_says():
    x = np.linspace(-20, 20, 81)
    np.testing.assert_allclose(nnbook.sigmoid(-x), 1 - nnbook.sigmoid(x), atol=1e-15)
    assert f"{nnbook.sigmoid(-2):.4f}" == "0.1192" and f"{nnbook.sigmoid(2):.4f}" == "0.8808"


# The ten-decimal values -------------------------------------------------------------

def test_the_stored_ten_decimal_values_are_nnbooks_and_would_show_a_one_in_a_million_change():
    printed = next(text for text in printed_text("05") if "σ(-10 + 10.5)" in text)
    for label, x in [("σ(0)", 0.0), ("σ(1)", 1.0), ("σ(-10 + 10.5)", 0.5)]:
        value = nnbook.sigmoid(x)
        line = next(line for line in printed.splitlines() if line.strip().startswith(label))
        assert re.findall(r"\d\.\d{10}", line) == [f"{value:.10f}"] * 2
        assert f"{value * (1 + 1e-6):.10f}" != f"{value:.10f}"


# The numbers behind the figures -------------------------------------------------------

def test_the_curve_figure_marks_sigmoid_of_zero():
    assert nnbook.sigmoid(0.0) == 0.5
    assert nnbook.sigmoid(-10.0) < 1e-4 and nnbook.sigmoid(10.0) > 1 - 1e-4


def test_the_histograms_most_digits_near_0_most_sevens_near_1(activations, train_digits):
    z, a = activations
    _, labels = train_digits
    sevens = labels == 7
    assert np.mean(a[~sevens] < 0.05) > 0.6       # the tall grey bar at 0
    assert np.mean(a[sevens] > 0.95) > 0.5        # the tall orange bar at 1
    assert np.mean(a[sevens] < 0.05) < 0.2
    # "every sum below about -5 lands near 0 and every sum above about +5 near 1"
    assert np.all(a[z < -5] < 0.007) and np.all(a[z > 5] > 0.993)


def test_the_average_activations_rank_7_9_4_highest_and_5_6_lowest(activations, train_digits):
    _, a = activations
    _, labels = train_digits
    means = np.array([a[labels == d].mean() for d in range(10)])
    order = np.argsort(means)
    assert set(order[-3:]) == {4, 7, 9}
    assert set(order[:2]) == {5, 6}


def test_the_example_4_and_9_sit_on_the_steep_part(test_digits):
    images, labels = test_digits
    examples = [int(np.flatnonzero(labels == d)[0]) for d in range(10)]
    np.testing.assert_array_equal(detectors.first_of_each_digit(labels, count=1), examples)   # the notebook's call
    z = nnbook.weighted_sum(detectors.example_weights(), images[examples], detectors.EXAMPLE_BIAS)
    a = nnbook.sigmoid(z)
    for digit in (4, 9):
        assert -5 < z[digit] < 0 and 0.05 < a[digit] < 0.5
    others = [d for d in range(10) if d not in (4, 9)]
    assert np.all((a[others] < 0.01) | (a[others] > 0.99))   # "most are close to 0 or 1"


def test_the_slide_and_steepen_figure():
    sums = np.linspace(-5, 25, 301)
    for bias in (-5, -10, -15):   # the middle of each curve is at the sum -bias
        assert nnbook.sigmoid(-bias + bias) == 0.5
    widths = []
    for scale in (0.5, 1, 3):     # all three pass 0.5 at a sum of 10; bigger scale, narrower climb
        a = nnbook.sigmoid(scale * sums - 10 * scale)
        assert nnbook.sigmoid(scale * 10 - 10 * scale) == 0.5
        widths.append(np.ptp(sums[(a > 0.1) & (a < 0.9)]))
    assert widths[0] > widths[1] > widths[2]


def test_the_steep_neuron_exercise_text():
    """ "σ(8 - 10) = 0.12 and σ(2) = 0.88" """
    assert f"{nnbook.sigmoid(8 - 10):.2f}" == "0.12" and f"{nnbook.sigmoid(2):.2f}" == "0.88"


def test_what_the_explorer_text_says_to_try(test_digits):
    """The slider settings suggested above the NeuronExplorer do what the text says (same default strip)."""
    from nnbook.widgets import NeuronExplorer

    explorer = NeuronExplorer(weights=detectors.example_weights(), bias=detectors.EXAMPLE_BIAS)
    for name, value in [("scale", 2), ("bias", -20), ("scale", 0.3), ("bias", -3), ("scale", -1), ("bias", 0)]:
        slider = explorer.sliders[name]
        assert slider.min <= value <= slider.max, f"the {name} slider cannot reach {value}"
    images, labels = test_digits
    strip = [int(np.flatnonzero(labels == d)[0]) for d in range(10)]
    sums = nnbook.weighted_sum(detectors.example_weights(), images[strip])

    sharp = nnbook.sigmoid(2 * sums - 20)
    assert np.all((sharp < 0.02) | (sharp > 0.98))
    gentle = nnbook.sigmoid(0.3 * sums - 3)
    assert 0.2 < gentle[4] < 0.8 and 0.2 < gentle[9] < 0.8
    no_bias = nnbook.sigmoid(sums)
    assert np.sum(no_bias > 0.5) >= 7
    assert no_bias[5] > 0.5 and no_bias[6] > 0.5        # lit, though 5s and 6s have no stroke there
    # scale -1 and bias 0: "The 7 goes dark, and only the 0 and the 1 light up: the two digits whose
    # weighted sum was below 0."
    flipped = nnbook.sigmoid(-sums)
    assert set(np.flatnonzero(flipped > 0.5)) == {0, 1} == set(np.flatnonzero(sums < 0))
    assert flipped[7] < 0.01 < 0.99 < nnbook.sigmoid(sums[7] - 10)


# The shape: a core, then tagged extensions ----------------------------------------------

def cells_and_tags():
    cells = load_notebook("05")["cells"]
    return [(cell, "extension" in cell["metadata"].get("tags", [])) for cell in cells]


def source(cell) -> str:
    return "".join(cell["source"])


def test_everything_from_the_first_going_further_on_is_a_tagged_extension_and_nothing_before():
    cells = cells_and_tags()
    first = next(k for k, (cell, _) in enumerate(cells) if source(cell).startswith("## Going further:"))
    assert source(cells[first - 1][0]).startswith("## Summary")
    assert all(not tagged for _, tagged in cells[:first])
    assert all(tagged for _, tagged in cells[first:])
    headings = [source(cell).splitlines()[0] for cell, _ in cells[first:]
                if cell["cell_type"] == "markdown" and source(cell).startswith("## ")]
    assert all(heading.startswith("## Going further: ") for heading in headings)
    assert "## Going further: when the computer's numbers run out" in headings


def test_the_overflow_section_and_the_stable_sigmoid_exercise_are_extensions():
    for cell, tagged in cells_and_tags():
        text = source(cell)
        if any(word in text for word in ("overflow", "warnings", "stable_sigmoid", "sigmoid_one", "1000")):
            assert tagged, f"this core cell belongs in an extension:\n{text[:200]}"


def test_the_core_teaches_def_and_return_and_says_so():
    notebook = load_notebook("05")
    assert notebook["metadata"]["nnbook"]["core_teaches"] == ["FunctionDef", "Return", "arguments", "arg"]
    core_text = " ".join(source(cell) for cell, tagged in cells_and_tags() if not tagged)
    assert core_text.index("`return`") < core_text.index("def sigmoid(x):\n    return")


def test_the_core_has_two_self_checks_and_the_explorer():
    core = [source(cell) for cell, tagged in cells_and_tags() if not tagged and cell["cell_type"] == "code"]
    checks = [line for cell in core for line in cell.splitlines() if line.startswith("check.")]
    assert checks == ["check.half_active_sum(my_answer)", "check.one_neuron_for_two(my_choice)"]
    outputs = [cell["outputs"] for cell, tagged in cells_and_tags()
               if not tagged and source(cell).splitlines()[-1:] in (checks[:1], checks[1:])]
    assert len(outputs) == 2
    shown = ["".join("".join(o.get("data", {}).get("text/plain", "")) for o in output) for output in outputs]
    assert all(text.startswith("○") and "not attempted yet" in text for text in shown)
    assert any(cell.endswith("NeuronExplorer(weights=weights, bias=bias)") for cell in core)   # the widget, shown


# The slip: 10.5 is the course's number, -10 the video's --------------------------------

def test_the_weighted_sum_of_10_5_is_the_courses_and_the_bias_the_videos():
    text = " ".join(" ".join(markdown_cells("05")).split())
    assert "the video's neuron: a weighted sum of 10.5" not in text
    bias, weighted_sum = numbers_in_text("05", r"a neuron with the video's bias of (-\d+) and, for example, a "
                                               r"weighted sum of (\d+\.\d+): just past the threshold")
    assert bias == detectors.EXAMPLE_BIAS
    printed = next(text for text in printed_text("05") if "σ(-10 + 10.5)" in text)
    assert f"σ({bias:g} + {weighted_sum:g})" in printed


# Why squish at all: two neurons without σ are one ----------------------------------------

TWO_NEURONS = (r"neuron 1 turns its input a into (\d+)a \+ (\d+); neuron 2 turns that into (\d+) × \(\d+a \+ \d+\) "
               r"- (\d+) = (\d+)a - (\d+)\. That is one weighted sum, with weight (\d+) and bias -(\d+)")


def test_the_two_neurons_of_the_text_collapse_into_the_weighted_sum_it_names():
    w1, b1, w2, minus_b2, w, minus_b, weight, minus_bias = numbers_in_text("05", TWO_NEURONS)
    assert (w1, b1) == squishing.FIRST and (w2, -minus_b2) == squishing.SECOND   # the figure's neurons
    assert squishing.collapse((w1, b1), (w2, -minus_b2)) == (w, -minus_b) == (weight, -minus_bias) == (6, -1)


def test_the_stored_check_prints_the_same_numbers_both_ways():
    printed = next(text for text in printed_text("05") if "neuron 1, then neuron 2:" in text)
    stacked, collapsed = (line.split(":", 1)[1].split() for line in printed.strip().splitlines())
    assert stacked == collapsed == ["[-1", "5", "11]"]
    a = np.array([0, 1, 2])
    np.testing.assert_array_equal(squishing.two_neurons(a), 6 * a - 1)


def test_the_two_neurons_figure_a_straight_line_without_sigma_and_a_bend_with_it():
    fig = squishing.show_two_neurons()
    plain, squished = fig.axes
    (x, y), = [line.get_xydata().T for line in plain.lines]
    np.testing.assert_allclose(y, 6 * x - 1)                       # "a straight line"
    assert plain.get_title() == "no σ between: 6a - 1"
    (x, y), = [line.get_xydata().T for line in squished.lines]
    np.testing.assert_allclose(y, 3 * nnbook.sigmoid(2 * x + 1) - 4)
    assert squished.get_title() == "σ between: 3 × σ(2a + 1) - 4"
    straight = np.polyval(np.polyfit(x, y, 1), x)
    assert np.max(np.abs(y - straight)) > 0.3                     # far from any straight line: "a bend"
    assert np.all(np.diff(y) > 0) and y[0] < -3.99 and y[-1] > -1.01   # it switches on, from -4 to -1
    # the switch: most of the climb happens between a = -2 and a = 1
    assert np.interp(1, x, y) - np.interp(-2, x, y) > 0.85 * (y[-1] - y[0])


def test_however_many_layers_without_sigma_still_one_weighted_sum():
    rng = np.random.default_rng(5)
    neurons = [tuple(rng.normal(size=2)) for _ in range(6)]
    a = np.linspace(-3, 3, 13)
    value, single = a, neurons[0]
    for w, b in neurons:
        value = w * value + b
    for later in neurons[1:]:
        single = squishing.collapse(single, later)
    np.testing.assert_allclose(value, single[0] * a + single[1])


def test_the_exercise_text_offers_the_judges_neurons_and_one_right_choice():
    w1, b1, w2, b2 = numbers_in_text("05", r"Neuron 1 computes (\d+)a - (\d+); neuron 2 computes (\d+\.\d+) × "
                                           r"\(neuron 1's number\) \+ (\d+)")
    assert ((w1, -b1), (w2, b2)) == (n05_sigmoid.NEURON_1, n05_sigmoid.NEURON_2)
    # The choices are a list (not separated by "·", which the course uses for multiplication).
    options = numbers_in_text("05", r"- \*\*A:\*\* (\d+\.\d+)a \+ (\d+) - \*\*B:\*\* (\d+)a \+ (\d+) "
                                    r"- \*\*C:\*\* (\d+)a - (\d+)")
    choices = {"A": (options[0], options[1]), "B": (options[2], options[3]), "C": (options[4], -options[5])}
    right = [letter for letter, pair in choices.items() if pair == squishing.collapse((w1, -b1), (w2, b2))]
    assert right == ["B"]


# Why a smooth squish: nudging the bias --------------------------------------------------

@pytest.fixture(scope="module")
def nine_sum(test_digits):
    images, labels = test_digits
    assert labels[20] == 9 and int(np.flatnonzero(labels == 9)[0]) == 20   # "the first 9 of the test digits"
    return nnbook.weighted_sum(detectors.example_weights(), images[20])


NUDGES = r"Nudge the bias up from (-\d+), (\d\.\d) at a time, for the 9 in the widget's strip"


def test_the_nudges_are_the_ones_the_text_describes():
    start, step = numbers_in_text("05", NUDGES)
    cell = next(text for text in (source(c) for c, _ in cells_and_tags()) if "\nnine = " in text)
    nudged = eval(cell.split("nudged = ", 1)[1].split("#")[0], {"np": np})
    np.testing.assert_allclose(nudged, start + step * np.arange(5))


def test_the_nine_is_in_the_explorers_strip(test_digits):
    from nnbook.widgets import NeuronExplorer

    images, _ = test_digits
    explorer = NeuronExplorer(weights=detectors.example_weights(), bias=detectors.EXAMPLE_BIAS)
    np.testing.assert_allclose(explorer.weighted_sums[9], nnbook.weighted_sum(
        detectors.example_weights(), images[20], detectors.EXAMPLE_BIAS))


def test_the_yes_no_never_changes_and_sigma_grows_about_0_01_per_nudge(nine_sum):
    start, step = numbers_in_text("05", NUDGES)
    (growth,) = numbers_in_text("05", r"σ changes a little at every nudge, about (\d\.\d+)")
    nudged = start + step * np.arange(5)
    fires, activation = squishing.nudge(nine_sum, nudged)
    assert np.all(fires == 0)                                   # "The yes/no stays False: ... no change"
    changes = np.diff(activation)
    assert np.all(changes > 0)                                  # "up makes this 9 more active"
    assert np.all(np.round(changes, 2) == growth)
    printed = next(text for text in printed_text("05") if "fires (notebook 04):" in text)
    fires_line, sigmoid_line = printed.strip().splitlines()
    assert fires_line.split(":", 1)[1].split() == ["[False"] + ["False"] * 3 + ["False]"]
    shown = [float(v) for v in sigmoid_line.split(":", 1)[1].strip(" []").split()]
    np.testing.assert_allclose(shown, activation, atol=5e-4)


def test_the_nudge_figure_flat_but_for_one_jump_and_sigma_changing_everywhere(nine_sum):
    """The extension's picture: "The yes/no line is flat except for one jump ... σ changes a little at every nudge"."""
    text = " ".join(" ".join(markdown_cells("05")).split())
    assert "The yes/no line is flat except for one jump, so a small nudge shows no change." in text
    start, step = numbers_in_text("05", NUDGES)
    nudged = start + step * np.arange(5)
    fig = squishing.show_nudges(nine_sum, nudged)
    whole, zoom = fig.axes
    yes_no, curve = whole.lines[:2]
    biases, steps = yes_no.get_xydata().T
    assert biases[0] == -20 and biases[-1] == 0                 # "every bias from -20 to 0"
    jumps = np.flatnonzero(np.diff(steps))
    assert len(jumps) == 1 and steps[0] == 0 and steps[-1] == 1  # "flat but for one jump"
    assert biases[jumps[0]] < -nine_sum <= biases[jumps[0] + 1]
    assert np.all(np.diff(curve.get_ydata()) > 0)               # "σ changes everywhere"
    zoom_yes_no, zoom_curve = zoom.lines[:2]
    assert zoom_yes_no.get_xdata().min() < nudged.min() and zoom_yes_no.get_xdata().max() > nudged.max()
    assert np.all(zoom_yes_no.get_ydata() == 0)
    assert np.ptp(zoom_curve.get_ydata()) > 0.04
    dots = [line.get_xydata() for line in zoom.lines[2:]]
    np.testing.assert_allclose(dots[0], np.column_stack([nudged, np.zeros(5)]))
    np.testing.assert_allclose(dots[1][:, 1], nnbook.sigmoid(nine_sum + nudged))


def test_what_the_core_says_about_the_explorer():
    """ "at z = weighted sum × scale + b; the *weight scale* slider multiplies every weight. The curve stays still;
    the dots move. Scale 2 spreads them apart: all end up near 0 or 1. Bias -20 moves every dot 10 to the left.
    A triangle is a dot past the edge." The slider is named as the text names it. """
    from nnbook.widgets import NeuronExplorer

    text = " ".join(" ".join(markdown_cells("05")).split())
    assert "The curve stays still; the dots move." in text
    assert "at z = weighted sum × scale + b; the *weight scale* slider multiplies every weight." in text
    scale, bias, shift = numbers_in_text(
        "05", r"Scale (\d+) spreads them apart: all end up near 0 or 1\. Bias (-\d+) moves every dot (\d+) to the left")
    explorer = NeuronExplorer(weights=detectors.example_weights(), bias=detectors.EXAMPLE_BIAS)
    assert explorer.sliders["scale"].description == "weight scale"
    curve_ax = next(ax for ax in explorer.figure.axes if ax.get_xlabel())
    assert curve_ax.get_xlabel() == "weighted sum z = scale × (w · x) + b"
    curve = explorer.curve
    z_start, dots_start = explorer.weighted_sums.copy(), explorer.dots[0].copy()

    explorer.sliders["scale"].value = scale
    np.testing.assert_array_equal(explorer.curve, curve)                    # the curve stays still
    assert not np.array_equal(explorer.dots[0], dots_start)                 # the dots move
    spread = explorer.weighted_sums - detectors.EXAMPLE_BIAS
    np.testing.assert_allclose(spread, scale * (z_start - detectors.EXAMPLE_BIAS))   # twice as far apart
    assert np.all((explorer.activations < 0.05) | (explorer.activations > 0.95))    # all near 0 or 1
    low, high = explorer.z_range
    past = (explorer.weighted_sums < low) | (explorer.weighted_sums > high)
    assert past.any()                                                       # some dots are past the edge ...
    triangles = [line for line in curve_ax.lines if line.get_marker() in ("<", ">")]
    assert sum(len(line.get_xdata()) for line in triangles) == past.sum()  # ... drawn as triangles
    assert all(x in (low, high) for line in triangles for x in line.get_xdata())   # at the edge

    before = explorer.weighted_sums.copy()
    explorer.sliders["bias"].value = bias
    np.testing.assert_allclose(explorer.weighted_sums, before - shift)      # every dot, 10 to the left
    assert bias - detectors.EXAMPLE_BIAS == -shift
    np.testing.assert_array_equal(explorer.curve, curve)


# The extension: the whole network without σ ----------------------------------------------

def test_the_network_without_sigma_is_one_layer_as_printed(pretrained_net, test_digits):
    images, _ = test_digits
    printed = next(text for text in printed_text("05") if "the one layer:" in text)
    many, few = numbers_in_text("05", r"the network's ([\d,]+) numbers can do no more than the ([\d,]+) numbers")
    assert f"the network: {many:,.0f} numbers; the one layer: {few:,.0f} numbers" in printed
    assert pretrained_net.n_parameters == many
    W, b = squishing.collapsed_network(pretrained_net)
    assert W.size + b.size == few and W.shape == (10, 784)
    assert printed.strip().endswith("all 2,000 digits the same to 9 decimals: True")
    np.testing.assert_allclose(squishing.without_squishing(pretrained_net, images),
                               images.reshape(len(images), -1) @ W.T + b, rtol=0, atol=1e-9)
    np.testing.assert_array_equal(squishing.one_layer(W, b, images), images.reshape(len(images), -1) @ W.T + b)
    headings = [text.splitlines()[0] for text in markdown_cells("05")]
    assert "## Going further: a whole network without σ is one layer" in headings   # one layer, not one weighted sum
    assert not any(" @ " in source for source in code_cells("05") if "%pip" not in source)   # @ is notebook 07's


# The extensions: an opening, a setup cell, exercises by name ------------------------------

def test_the_extensions_setup_cell_remakes_what_the_sections_use():
    scope = {}
    exec(notebook_code.extensions_setup("05"), scope)
    np.testing.assert_array_equal(scope["weights"], detectors.example_weights())
    assert scope["bias"] == detectors.EXAMPLE_BIAS and scope["sigmoid"](0.0) == 0.5
    assert len(scope["test_images"]) == 2000


def test_the_exercises_in_the_extensions_have_a_name_and_a_level_but_no_number():
    headings = [line for text in markdown_cells("05") for line in text.splitlines() if line.startswith("### Exercise")]
    assert headings == ["### Exercise 1: where is the middle?", "### Exercise 2: two become one",
                        "### Exercise: a sharper neuron (medium)",
                        "### Exercise: a sigmoid that survives ±1000 (challenge, optional)"]
    text = " ".join(" ".join(markdown_cells("05")).split())
    assert not re.search(r"Exercise [34]", text)


def test_the_extension_on_the_explorer_does_not_repeat_what_the_core_tried():
    """The core suggests scale 2 and bias -20; the extension only names it, and tries other settings."""
    extension = " ".join(" ".join("".join(c["source"]) for c in load_notebook("05")["cells"]
                                  if "extension" in c["metadata"].get("tags", [])
                                  and c["cell_type"] == "markdown").split())
    assert "besides the scale 2 and bias -20 you tried there" in extension
    assert "- scale 2 and bias -20" not in extension
    assert "e⁻¹⁰ = 1 / e¹⁰" not in extension   # the core's e⁻ˣ is not worked out a second time
