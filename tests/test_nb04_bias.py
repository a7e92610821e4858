"""The numbers behind notebook 04's figures, and its functions against nnbook's.

nbval compares the notebook's text, never its pictures, so what each figure
and each sentence claims is checked here.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnbook
import notebook_code
from nnbook import detectors
from notebook_code import code_cells, defined_in_notebook, load_notebook, markdown_cells, numbers_in_text, printed_text


@pytest.fixture(scope="module")
def sums(train_digits):
    images, _ = train_digits
    return nnbook.weighted_sum(detectors.example_weights(), images)


def test_the_notebooks_fires_agrees_with_nnbook(train_digits):
    fires = defined_in_notebook("04", "fires")
    images, _ = train_digits
    weights = detectors.example_weights()
    for bias in (-10, -20, 0, 3.5):
        for image in images[:200]:
            assert bool(fires(weights, bias, image)) == detectors.fires(weights, bias, image)


def test_a_threshold_of_10_is_a_bias_of_minus_10(sums, train_digits):
    assert detectors.EXAMPLE_BIAS == -10
    np.testing.assert_array_equal(sums > 10, sums + detectors.EXAMPLE_BIAS > 0)
    np.testing.assert_allclose(
        nnbook.weighted_sum(detectors.example_weights(), train_digits[0][:50], -10), sums[:50] - 10)


def test_shifting_by_the_bias_keeps_the_same_digits_orange(sums, train_digits):
    """The two histogram panels: sums with the line at 10, sums + bias with the line at 0."""
    _, labels = train_digits
    for digit in range(10):
        mine = labels == digit
        assert np.array_equal(sums[mine] > 10, (sums[mine] - 10) > 0)


def test_the_table_text_about_the_1_and_the_9(train_digits):
    """The first 1 and the first 9 come close to 10 but stay below it, so they do not fire."""
    images, labels = train_digits
    weights = detectors.example_weights()
    for digit, shown in ((1, 8.5), (9, 8.2)):
        total = nnbook.weighted_sum(weights, images[labels == digit][0])
        assert round(total, 1) == shown and total < 10
        assert not detectors.fires(weights, detectors.EXAMPLE_BIAS, images[labels == digit][0])


def test_pass_rates_are_as_the_text_describes(train_digits):
    """Most 7s, many 9s and 4s; almost no 1s, 5s or 6s; 2s and 3s sometimes."""
    images, labels = train_digits
    rates = detectors.pass_rates(detectors.example_weights(), -10, images, labels)
    assert rates[7] > 0.5
    assert min(rates[[4, 9]]) > 0.4
    assert max(rates[[1, 5, 6]]) < 0.1
    assert max(rates[[1, 5, 6]]) < min(rates[[2, 3]]) and max(rates[[2, 3]]) < min(rates[[4, 7, 9]])


def test_the_slider_moves_the_pass_rates_one_way(train_digits):
    """A more negative bias lets fewer digits through, of every kind."""
    images, labels = train_digits
    weights = detectors.example_weights()
    biases = np.arange(-30, 10.5, 0.5)
    rates = np.array([detectors.pass_rates(weights, b, images, labels) for b in biases])
    assert np.all(np.diff(rates, axis=0) >= 0)
    assert rates[0].max() < 0.01          # at -30 almost nothing passes
    assert rates[-1].min() > 0.5          # at +10 most of every digit passes


def test_the_slider_text_about_bias_0_and_minus_20(sums):
    """Bias 0: every positive sum fires, about 3 in 4 digits. Bias -20: only a few."""
    right, out_of = numbers_in_text("04", r"every digit with a positive sum fires, about (\d+) in (\d+) of all")
    assert round(np.mean(sums > 0) * out_of) == right
    assert np.mean(sums - 20 > 0) < 0.05


def test_the_training_score_helper_scores_zeros_and_ones(train_digits):
    images, labels = train_digits
    keep = labels <= 1
    training_score = defined_in_notebook("04", "training_score", {
        "nnbook": nnbook, "train_images": images, "train_labels": labels})
    weights = np.zeros((28, 28))
    weights[10:18, 12:16] = 1
    fired = detectors.fires(weights, -5, images[keep])
    assert training_score(weights, -5) == pytest.approx(np.mean(fired == (labels[keep] == 1)))
    assert training_score(np.zeros((28, 28)), 1) == pytest.approx(np.mean(labels[keep] == 1))


def test_the_separator_exercise_is_possible_but_not_free(test_digits):
    """A neuron that always fires, or never, scores near 50%: the 95% target needs real weights."""
    _, labels = test_digits
    keep = labels <= 1
    share_of_ones = np.mean(labels[keep] == 1)
    assert 0.4 < share_of_ones < 0.6
    [scored] = numbers_in_text("04", r"The check scores it on the (\d+) test digits that are 0s")
    assert keep.sum() == scored


def test_the_core_says_truthfully_what_the_video_does_with_the_bias():
    """The video adds -10 and passes the sum to the sigmoid; comparing with 0 ("fires") is this course's own step."""
    text = " ".join("\n".join(markdown_cells("04")).split())
    assert "compares with 0" not in text
    assert "In the video, weighted sum + bias goes straight into a squishing function, the sigmoid" in text
    assert "This course takes a simpler step first" in text


def test_the_shift_picture_is_the_example_bias(sums, train_digits):
    """"shifted 10 to the left": the bias of the core is the video's -10, and the line moves from 10 to 0."""
    [shift] = numbers_in_text("04", r"the same picture, shifted (\d+) to the left")
    assert -detectors.EXAMPLE_BIAS == shift
    [line] = numbers_in_text("04", r"with a dashed line at (\d+)\.")
    assert line == shift
    _, labels = train_digits
    fig = detectors.show_bias_shift(sums, labels, detectors.EXAMPLE_BIAS)
    before, after = fig.axes
    assert [line.get_xdata()[0] for line in before.lines if line.get_linestyle() == "--"] == [10]
    assert [line.get_xdata()[0] for line in after.lines if line.get_linestyle() == "--"] == [0]
    plt.close(fig)


def test_the_widget_frames_as_many_digits_as_the_text_says(train_digits):
    [shown] = numbers_in_text("04", r"as frames around (\d+) training digits")
    _, labels = train_digits
    strip = detectors.first_of_each_digit(labels)
    assert len(strip) == shown
    assert sorted(labels[strip]) == sorted(list(range(10)) * 2)


def test_the_core_choice_exercise_names_the_biases_the_check_uses():
    from nnbook.check import n04_bias
    before, after = numbers_in_text("04", r"You change the bias from (-?\d+) to \*\*(-?\d+)\*\*")
    assert (before, after) == (detectors.EXAMPLE_BIAS, n04_bias.NEW_BIAS)
    [bar] = numbers_in_text("04", r"because the sum must now be above (\d+)")
    assert bar == -n04_bias.NEW_BIAS


def test_every_extension_comes_after_the_summary_and_the_core_has_its_widget():
    cells = load_notebook("04")["cells"]
    summary = next(i for i, c in enumerate(cells) if "".join(c["source"]).startswith("## Summary"))
    for index, cell in enumerate(cells):
        assert ("extension" in cell["metadata"].get("tags", [])) == (index > summary), index
    assert "".join(cells[summary + 1]["source"]).startswith("## Going further: ")
    widget = [c for c in cells[:summary] if "bias_explorer" in "".join(c["source"])]
    assert len(widget) == 1 and "nbval-ignore-output" in widget[0]["metadata"]["tags"]


def test_the_direction_feedback_names_what_the_widget_draws(train_digits):
    """Exercise 2's feedback says "the dashed line moved right, from 10 to 15": the widget's dashed line does."""
    from nnbook.check import n04_bias
    images, labels = train_digits
    weights = detectors.example_weights()
    dashed = []
    for bias in (detectors.EXAMPLE_BIAS, n04_bias.NEW_BIAS):
        fig = detectors.show_bias(weights, bias, images[:500], labels[:500])
        dashed += [line.get_xdata()[0] for line in fig.axes[0].lines if line.get_linestyle() == "--"]
        plt.close(fig)
    assert dashed == [10, 15]


def test_the_core_loads_its_tools_and_digits_in_the_counting_cell():
    """The core has no separate setup cell: the first code cell after the Colab cell loads what the core uses."""
    cells = [c for c in load_notebook("04")["cells"] if c["cell_type"] == "code" and c.get("id") != "colab-install"]
    first = "".join(cells[0]["source"])
    assert first.startswith("import numpy as np") and 'nnbook.load_digits("train")' in first
    assert "sum + bias > 0" in first


def test_the_extensions_setup_cell_remakes_what_the_sections_use():
    scope = {}
    exec(notebook_code.extensions_setup("04"), scope)
    np.testing.assert_array_equal(scope["weights"], detectors.example_weights())
    assert scope["bias"] == detectors.EXAMPLE_BIAS
    expected = nnbook.weighted_sum(detectors.example_weights(), scope["train_images"])
    np.testing.assert_array_equal(scope["sums"], expected)


def test_the_extensions_do_not_redraw_the_cores_histograms():
    """The core's widget already draws the detector's histograms: no extension draws them again on their own."""
    sources = [source for source in code_cells("04")]
    assert not any("show_sums_by_digit(sums" in source for source in sources)
    assert not any("region_detector(*" in source for source in sources)
    text = " ".join(" ".join(markdown_cells("04")).split())
    assert "The histograms overlap: there is no sum above which *only* 4s, 7s and 9s lie." in text


def test_the_exercises_in_the_extensions_have_a_name_and_a_level_but_no_number():
    headings = [line for text in markdown_cells("04") for line in text.splitlines() if line.startswith("### Exercise")]
    assert headings == ["### Exercise 1: from threshold to bias", "### Exercise 2: which way does the line move?",
                        "### Exercise: how many test digits get through? (medium)",
                        "### Exercise: a neuron that tells 1s from 0s (challenge, optional)"]


def test_the_decision_table_prints_what_fires_says(train_digits):
    """The table's last column is the notebook's own fires(): True for the first 4 and 7, False for the rest."""
    images, labels = train_digits
    weights = detectors.example_weights()
    rows = next(text for text in printed_text("04") if text.startswith("digit  weighted sum")).splitlines()[1:]
    for row in rows:
        digit, total, with_bias, fired = row.split()
        image = images[labels == int(digit)][0]
        assert float(total) == round(nnbook.weighted_sum(weights, image), 1)
        assert fired == str(detectors.fires(weights, detectors.EXAMPLE_BIAS, image))
    assert [row.split()[0] for row in rows if row.endswith("True")] == ["4", "7"]
