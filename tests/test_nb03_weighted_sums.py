"""The numbers behind notebook 03's figures, and its functions against nnbook's.

nbval compares the notebook's text, never its pictures, so what each figure
and each sentence claims is checked here, with the notebook's own code where
it defines some.
"""

import numpy as np
import pytest

import nnbook
import notebook_code
from nnbook import detectors
from nnbook.check import n03_weighted_sums as n03
from notebook_code import code_cells, defined_in_notebook, load_notebook, markdown_cells, numbers_in_text, printed_text


@pytest.fixture(scope="module")
def notebook_region_detector():
    return defined_in_notebook("03", "region_detector")


def test_the_notebooks_loop_agrees_with_nnbook_weighted_sum(train_digits):
    weighted_sum_loop = defined_in_notebook("03", "weighted_sum_loop")
    images, _ = train_digits
    rng = np.random.default_rng(3)
    for image in images[:5]:
        weights = rng.normal(size=784)
        assert weighted_sum_loop(weights, image.reshape(784)) == pytest.approx(
            nnbook.weighted_sum(weights, image.reshape(784)), rel=1e-12)
    assert weighted_sum_loop([2.0, -1.0], [0.5, 1.0]) == nnbook.weighted_sum([2.0, -1.0], [0.5, 1.0]) == 0.0


@pytest.mark.parametrize("region", [
    tuple(detectors.EXAMPLE_REGION), (0, 0, 3, 3), (25, 25, 3, 3), (0, 5, 28, 2), (7, 6, 3, 16), (10, 10, 1, 1),
])
def test_the_notebooks_region_detector_agrees_with_nnbook(notebook_region_detector, region):
    np.testing.assert_array_equal(notebook_region_detector(*region), detectors.region_detector(*region))


def test_the_notebooks_example_region_is_nnbooks():
    example_region = defined_in_notebook(
        "03", "example_region", {"region_detector": detectors.region_detector, "nnbook": nnbook, "plt": _NoPlot()})
    assert example_region == tuple(detectors.EXAMPLE_REGION)


def test_the_weighted_sums_by_digit_rank_as_the_text_says(train_digits):
    """4s, 7s and 9s respond most; 2s and 3s in between; 0s, 1s, 5s and 6s least."""
    images, labels = train_digits
    sums = nnbook.weighted_sum(detectors.example_weights(), images)
    mean = np.array([sums[labels == digit].mean() for digit in range(10)])
    assert set(np.argsort(mean)[-3:]) == {4, 7, 9}
    low, middle, high = mean[[0, 1, 5, 6]], mean[[2, 3]], mean[[4, 7, 9]]
    assert max(low) < min(middle) <= max(middle) < min(high)
    assert max(low) < 2 < 10 < min(high)  # "small or negative" against "the biggest"


def test_the_widget_suggestions_favour_the_digits_the_text_names(train_digits):
    """The lower-left region the text suggests is covered best by 0s and 2s."""
    images, labels = train_digits
    sums = nnbook.weighted_sum(detectors.region_detector(16, 5, 7, 6), images)
    mean = np.array([sums[labels == digit].mean() for digit in range(10)])
    assert set(np.argsort(mean)[-2:]) == {0, 2}


def test_the_widget_handles_a_region_no_digit_reaches(train_digits):
    """A corner region gives every training digit a sum of 0: the widget's picture says so instead of drawing."""
    images, labels = train_digits
    assert np.all(nnbook.weighted_sum(detectors.region_detector(27, 27, 1, 1), images) == 0)
    fig = detectors.show_region(27, 27, 1, 1, images, labels)
    assert "every weighted sum is 0" in " ".join(text.get_text() for text in fig.axes[1].texts)
    import matplotlib.pyplot as plt
    plt.close(fig)


def test_the_pixel_by_pixel_figure_shows_a_7_above_0_and_a_0_below_it(train_digits):
    images, labels = train_digits
    weights = detectors.example_weights()
    seven, zero = images[labels == 7][0], images[labels == 0][0]
    assert nnbook.weighted_sum(weights, seven) > 0 > nnbook.weighted_sum(weights, zero)
    assert np.any((weights * zero) < 0)  # the 0's ink lands on the red frame
    assert np.sum(weights * seven * (weights > 0)) > 0  # the 7's stroke crosses the blue bar


def test_the_ink_example_uses_all_ones(train_digits):
    images, labels = train_digits
    for digit in (0, 1):
        image = images[labels == digit][0]
        assert nnbook.weighted_sum(np.ones(784), image.reshape(784)) == pytest.approx(image.sum())


def test_exercise_1_shows_the_numbers_the_check_uses():
    text = next(source for source in markdown_cells("03") if "Exercise 1" in source)
    assert "**2, -1, 0.5, -3**" in text and "**1.0, 0.8, 0.4, 0.0**" in text
    assert n03.TINY_WEIGHTS == (2.0, -1.0, 0.5, -3.0) and n03.TINY_ACTIVATIONS == (1.0, 0.8, 0.4, 0.0)


def test_the_core_exercise_draws_the_detector_and_the_strokes_the_check_judges():
    from nnbook import check
    scope = {"detectors": detectors, "nnbook": nnbook, "plt": _NoPlot(), "check": check}
    exec(next(c for c in code_cells("03") if "stroke_a =" in c), scope)
    np.testing.assert_array_equal(scope["weights"], detectors.example_weights())
    np.testing.assert_array_equal(scope["stroke_a"], detectors.stroke_image(*n03.STROKE_A))
    np.testing.assert_array_equal(scope["stroke_b"], detectors.stroke_image(*n03.STROKE_B))


def test_the_core_exercise_counts_the_blue_and_red_pixels_right():
    """A covers the whole blue region and the whole red frame; B half of the blue region and no red."""
    blue, red = numbers_in_text(
        "03", r"covers the whole blue region \((\d+) pixels\) \*and\* the whole red frame \((\d+) pixels\)")
    weights = detectors.example_weights()
    assert np.count_nonzero(weights == 1) == blue and np.count_nonzero(weights == -1) == red
    stroke_a, stroke_b = detectors.stroke_image(*n03.STROKE_A), detectors.stroke_image(*n03.STROKE_B)
    assert np.all(stroke_a[weights != 0] == 1)                     # A covers blue and red alike
    assert np.count_nonzero(stroke_b[weights == 1]) == blue / 2    # B: half of the blue region
    assert not np.any(stroke_b[weights == -1])                     # and no red


def test_the_core_names_the_example_region():
    top, bottom, left, right = numbers_in_text("03", r"rows (\d+) to (\d+), columns (\d+) to (\d+)")
    region = detectors.EXAMPLE_REGION
    assert (top, bottom, left, right) == (region.top, region.top + region.height - 1,
                                          region.left, region.left + region.width - 1)


def test_the_core_loop_adds_the_same_sum_as_np_sum():
    """The core's `for` loop cell: its running total ends where np.sum(w * a) does."""
    cell = next(c for c in code_cells("03") if "for i in range(3):" in c)
    scope = {"print": lambda *args: None}
    exec(cell, scope)
    assert scope["total"] == pytest.approx(np.sum(scope["w"] * scope["a"]))
    assert len(scope["w"]) == len(scope["a"]) == 3


def test_the_core_declares_the_loop_it_teaches():
    """The core teaches a for loop with +=: it says so, for tests/test_core_path.py."""
    import ast
    notebook = load_notebook("03")
    assert notebook["metadata"]["nnbook"]["core_teaches"] == ["For", "AugAssign"]
    core = ["".join(c["source"]) for c in notebook["cells"]
            if c["cell_type"] == "code" and "extension" not in c["metadata"].get("tags", [])
            and c.get("id") != "colab-install"]
    kinds = {type(node).__name__ for source in core for node in ast.walk(ast.parse(source))}
    assert {"For", "AugAssign"} <= kinds
    assert not kinds & {"FunctionDef", "Lambda", "ListComp", "If", "Dict", "With", "Try", "MatMult"}


def test_the_widget_suggestion_is_the_top_bar_of_a_7(train_digits):
    """The core sends the learner to top row 7, left column 7, height 3, width 14, and its Summary says what the
    chart shows: "a 7's top bar finds 9s too" (the 7s reach furthest right, the 9s come close)."""
    region = numbers_in_text("03", r"a 7's top bar: top row (\d+), left column (\d+), height (\d+), width (\d+)")
    assert tuple(region) == n03.TOP_BAR
    text = " ".join(" ".join(markdown_cells("03")).split())
    assert "a stroke detector (a 7's top bar finds 9s too)." in text
    images, labels = train_digits
    sums = nnbook.weighted_sum(detectors.region_detector(*map(int, region)), images)
    mean = np.array([sums[labels == digit].mean() for digit in range(10)])
    median = np.array([np.median(sums[labels == digit]) for digit in range(10)])
    assert list(np.argsort(mean)[-2:]) == [9, 7] and list(np.argsort(median)[-2:]) == [9, 7]   # 7s first, 9s next
    assert mean[7] - mean[9] < 2 < mean[9] - np.sort(mean)[-3]   # the 9s close to the 7s, far from the rest
    assert mean[7] == pytest.approx(11.8, abs=0.05) and mean[9] == pytest.approx(10.0, abs=0.05)


def test_the_two_weight_pictures_respond_as_the_text_says(train_digits):
    """Left minus right: every average below 0, the 6s, 5s and 0s closest to 0, the 3s, 7s and 9s lowest.
    The two random neurons disagree: the first is lowest for the 0s, the second for the 7s."""
    images, labels = train_digits
    scope = {"detectors": _NoDetectors(), "plt": _NoPlot(), "np": np, "nnbook": nnbook,
             "train_images": images, "train_labels": labels, "print": lambda *args: None}
    for marker in ("left_minus_right = np.ones", "another_random ="):
        exec(next(c for c in code_cells("03") if marker in c), scope)

    def averages(weights):
        sums = nnbook.weighted_sum(weights, images)
        return np.array([sums[labels == digit].mean() for digit in range(10)])

    text = " ".join(" ".join(markdown_cells("03")).split())
    assert "Every average is below 0" in text
    closest = numbers_in_text("03", r"But the (\d)s, (\d)s and (\d)s, whose round part bulges left, come closest to 0")
    lowest = numbers_in_text("03", r"and the (\d)s, (\d)s and (\d)s, whose ink leans right, are lowest")
    left_right = averages(scope["left_minus_right"])
    assert np.all(left_right < 0)
    assert list(np.argsort(left_right)[-3:][::-1]) == list(closest)   # closest to 0 first
    assert set(np.argsort(left_right)[:3]) == set(lowest)
    first, second = numbers_in_text("03", r"the first is lowest for the (\d)s, the second for the (\d)s")
    assert np.argmin(averages(scope["random_weights"])) == first
    assert np.argmin(averages(scope["another_random"])) == second != first
    printed = next(p for p in printed_text("03") if p.startswith("average weighted sum of each digit"))
    assert printed.splitlines()[2].split() == ["0", f"{averages(scope['random_weights'])[0]:.1f}",
                                               f"{averages(scope['another_random'])[0]:.1f}", f"{left_right[0]:.1f}"]


def test_the_extensions_setup_cell_remakes_what_the_sections_use():
    scope = {}
    exec(notebook_code.extensions_setup("03"), scope)
    np.testing.assert_array_equal(scope["weights"], detectors.example_weights())
    assert len(scope["train_images"]) == 8000


def test_the_exercises_in_the_extensions_have_a_name_and_a_level_but_no_number():
    headings = [line for text in markdown_cells("03") for line in text.splitlines() if line.startswith("### Exercise")]
    core, extension = headings[:2], headings[2:]
    assert core == ["### Exercise 1: by hand", "### Exercise 2: predict first"]
    assert extension == ["### Exercise: many weighted sums at once (medium)",
                         "### Exercise: a detector for the top bar of a 7 (challenge, optional)"]


def test_the_core_uses_the_widget_and_no_extension_before_the_summary():
    """Every extension cell comes after the Summary, and every cell after it is an extension."""
    cells = load_notebook("03")["cells"]
    summary = next(i for i, c in enumerate(cells) if "".join(c["source"]).startswith("## Summary"))
    for index, cell in enumerate(cells):
        assert ("extension" in cell["metadata"].get("tags", [])) == (index > summary), index
    headings = ["".join(c["source"]).splitlines()[0] for c in cells[summary + 1:] if c["cell_type"] == "markdown"]
    assert headings[0].startswith("## Going further: ")
    widget = [c for c in cells[:summary] if "region_explorer" in "".join(c["source"])]
    assert len(widget) == 1 and "nbval-ignore-output" in widget[0]["metadata"]["tags"]


def test_the_top_bar_exercise_draws_the_strokes_the_check_judges():
    scope = {"detectors": detectors, "nnbook": _NoShow(), "plt": _NoPlot(), "np": np}
    exec(next(c for c in code_cells("03") if c.startswith("test_strokes =")), scope)
    shown, judged = scope["test_strokes"], list(n03.top_bar_tests().values())
    assert len(shown) == len(judged) == 4
    for a, b in zip(shown, judged):
        np.testing.assert_array_equal(a, b)


class _NoDetectors:
    """Stands in for nnbook.detectors, so a figure cell can run for its variables alone."""

    @staticmethod
    def show_weight_pictures(weights, titles):
        assert len(weights) == len(titles)


class _NoShow:
    """Stands in for nnbook, so a cell that draws digits can run for its variables alone."""

    @staticmethod
    def show_digits(images, labels=None, **kwargs):
        assert len(images) == len(labels)


class _NoPlot:
    """Stands in for matplotlib.pyplot, so a figure cell can run for its variables alone."""

    def subplots(self, nrows=1, ncols=1, **kwargs):
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(nrows, ncols, **kwargs)
        plt.close(fig)
        return fig, axes

    def show(self):
        pass
