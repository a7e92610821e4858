"""What notebook 00's text claims, and the shape of its Python on-ramp.

nbval compares the stored outputs; these tests pin the numbers the prose
states, check that the on-ramp's examples are the ones its judges know, and
that the on-ramp is one block of cells tagged ``on-ramp`` between the
welcome and the Summary.
"""

import inspect
import re

import numpy as np
import pytest

import nnbook
from checks import passes, run_solution
from nnbook import check
from nnbook.check import n00_python
from nnbook.figures import network_layout
from notebook_code import code_cells, defined_in_notebook, load_notebook, numbers_in_text, printed_text

ON_RAMP = "on-ramp"


def cells():
    return load_notebook("00")["cells"]


def source(cell) -> str:
    return "".join(cell["source"])


def tags(cell) -> set:
    return set(cell.get("metadata", {}).get("tags", []))


# The welcome ----------------------------------------------------------------------

def test_the_digit_counts_in_the_text(train_digits, test_digits):
    train, test = numbers_in_text("00", r"([\d,]+) are for training, ([\d,]+) for testing")
    assert (train, test) == (len(train_digits[0]), len(test_digits[0]))
    total, = numbers_in_text("00", r"## ([\d,]+) real handwritten digits")
    assert total == train + test


def test_the_first_20_training_digits_show_several_7s(train_digits):
    """'shows the first 20. Look how differently people write the 7s': there are several to compare."""
    assert "shows the first 20. Look how differently people write the 7s" in " ".join(
        "\n".join(map(source, cells())).split())
    assert any("train_images[:20], train_labels[:20]" in code for code in code_cells("00"))
    assert np.sum(train_digits[1][:20] == 7) >= 3


def test_the_picture_shows_16_input_neurons_from_the_middle_column():
    shown, = numbers_in_text("00", r"Only (\d+) fit: pixels of the image's middle column \(framed in orange\)")
    indices = network_layout(nnbook.Network(sizes=(784, 16, 16, 10), seed=0))[0][0]
    assert len(indices) == shown == 16
    assert set(indices % 28) == {14}


def test_the_picture_says_what_its_lines_are():
    """The play-test: the red and blue lines were never mentioned. show_network draws the strongest weights."""
    text = " ".join("\n".join(map(source, cells())).split())
    assert "Lines: the strongest connections, blue positive, red negative." in text
    assert "strongest" in inspect.signature(nnbook.show_network).parameters
    assert "blue for positive and red for negative weights" in " ".join(nnbook.show_network.__doc__.split())


def test_the_untrained_network_answers_8_for_every_test_digit(test_digits):
    """'It answers 8 for every digit, so it is right only for the 8s: about 1 time in 10.'"""
    answer, = numbers_in_text("00", r"It answers (\d) for every digit, so it is right only for the \1s")
    images, labels = test_digits
    network = nnbook.Network(sizes=(784, 16, 16, 10), seed=0)
    assert np.all(network.predict(images) == answer)
    printed = "\n".join(printed_text("00"))
    assert f"answers that are 8: {len(images)} of {len(images)}" in printed
    assert f"right: {np.sum(labels == answer)} of {len(images)}" in printed, "the cell shows 'about 1 time in 10'"
    assert network.accuracy(images, labels) == np.mean(labels == answer)
    assert round(10 * network.accuracy(images, labels)) == 1
    summary = next(source(c) for c in cells() if source(c).startswith("## Summary"))
    assert f"Untrained, it answers {int(answer)} for every digit" in summary


def test_the_course_table_has_every_notebook_and_plain_minutes():
    table = next(source(c) for c in cells() if source(c).startswith("## The course"))
    assert "| notebook | core | with extensions |" in table
    rows = [line for line in table.splitlines() if re.match(r"\| \[?\d\d · ", line)]
    assert [re.match(r"\| \[?(\d\d)", row).group(1) for row in rows] == [f"{n:02d}" for n in range(10)]
    assert all(re.search(r"\| (\?|\d+|\d+ \+ \d+) \| (\?|\d+) \|$", row) for row in rows), (
        "each time is a plain number of minutes (00's core: '10 + 12', with its on-ramp), or ? until measured")


def test_the_how_to_says_in_plain_words_what_to_do_when_not_trusted():
    how_to = " ".join(next(source(c) for c in cells() if source(c).startswith("## How to use")).split())
    assert "If you see the words *Not trusted* at the top, just run the cells: the sliders will appear." in how_to


def test_the_how_to_sends_newcomers_to_the_on_ramp_first_and_says_what_an_error_looks_like():
    how_to = " ".join(next(source(c) for c in cells() if source(c).startswith("## How to use")).split())
    assert "New to Python? Do [*Python in ten minutes*](#Python-in-ten-minutes) (below) first." in how_to
    # JupyterLab's heading anchors are the heading's text with each space a '-'.
    assert "Skip to [*10,000 real handwritten digits*](#10,000-real-handwritten-digits)." in how_to
    assert any(source(c).startswith("## 10,000 real handwritten digits\n") for c in cells())
    assert "A red box with *Error*? Read its last line, fix the line, and run the cell again." in how_to


def test_keyword_arguments_are_explained_where_a_learner_first_reads_one():
    """The on-ramp's warm-ups write no keyword argument; the first one read (ncols=10) says what name=value does."""
    core_code = [source(c) for c in cells() if c["cell_type"] == "code" and c.get("id") != "colab-install"]
    first = next(code for code in core_code if re.search(r"\w=\w", code))
    line = next(line for line in first.splitlines() if re.search(r"\w=\w", line))
    assert "ncols=10" in line and "# name=value sets an option: 10 columns" in line


# The on-ramp ----------------------------------------------------------------------

def test_the_on_ramp_is_one_tagged_block_right_after_the_how_to_before_the_first_digits():
    """The play-test: 'Do it first' must mean it: the on-ramp comes before the core's first code cell."""
    everything = cells()
    heads = [source(c).splitlines()[0] for c in everything]
    start = heads.index("## Python in ten minutes")
    end = heads.index("## 10,000 real handwritten digits")
    assert heads.index("## How to use these notebooks") == start - 1
    for index, cell in enumerate(everything):
        inside = start <= index < end
        assert (ON_RAMP in tags(cell)) == inside, f"cell {index} ({heads[index]!r}): on-ramp tag {not inside}"
        assert "extension" not in tags(cell)
    core_code = [i for i, c in enumerate(everything) if c["cell_type"] == "code" and c.get("id") != "colab-install"
                 and ON_RAMP not in tags(c)]
    assert min(core_code) > end
    ramp_code = "\n".join(source(c) for c in everything[start:end])
    assert "import numpy as np" in ramp_code, "done first, the on-ramp imports what it uses"


def test_the_on_ramp_says_that_star_multiplies_before_warm_up_1_needs_it():
    everything = cells()
    first_warmup = next(i for i, c in enumerate(everything) if "check.warmup_pixels(" in source(c))
    before = " ".join(source(c) for c in everything[:first_warmup] if c["cell_type"] == "markdown")
    assert "(`*` multiplies)" in before
    assert check.warmup_pixels.solution().code.count("width * height") == 1


def test_the_notebook_declares_that_its_core_teaches_nothing_new_and_its_widget_is_one_slider():
    assert load_notebook("00")["metadata"]["nnbook"] == {"core_teaches": [], "widget_minutes": 2}


def test_every_warmup_is_in_the_on_ramp_once_and_stored_untouched():
    text = " ".join("\n".join(source(c) for c in cells() if c["cell_type"] == "markdown").split())
    count = {"Three": 3, "Four": 4, "Five": 5}[re.search(r"(\w+) warm-ups: replace each `...`", text).group(1)]
    assert count == len(n00_python.__all__)
    calls = [(c, m) for c in cells() if c["cell_type"] == "code"
             for m in re.findall(r"^check\.(\w+)\(", source(c), re.MULTILINE)]
    assert [name for _, name in calls] == n00_python.__all__
    for cell, name in calls:
        assert ON_RAMP in tags(cell)
        shown = "".join("".join(o.get("data", {}).get("text/plain", "")) for o in cell["outputs"])
        assert shown.startswith(f"○ {name}: not attempted yet"), shown
        blank = re.search(r"^(my_\w+) = \.\.\.(?:\s+#.*)?$", source(cell), re.MULTILINE)
        assert blank, f"{name}'s cell has no blank to fill in"
        assert source(cell).rstrip().endswith(f"check.{name}({blank.group(1)})"), "the last line checks the blank"


def test_the_notebooks_examples_are_the_ones_the_judges_know():
    np.testing.assert_array_equal(defined_in_notebook("00", "grid", {"check": check}), n00_python.GRID)
    assert (defined_in_notebook("00", "width", {"check": check}), defined_in_notebook("00", "height", {"check": check})
            ) == (n00_python.WIDTH, n00_python.HEIGHT)
    wide_high = numbers_in_text("00", r"the pixels of an image (\d+) wide and (\d+) high")
    assert wide_high == (20, 30)
    dark, = numbers_in_text("00", r"How many pixels of `grid` are darker than ([\d.]+) \(nearer 0\.0, black\)\?")
    assert dark == n00_python.DARK
    assert "top row, middle column" in " ".join("\n".join(map(source, cells())).split())
    assert n00_python.PIXEL == (0, 1)


@pytest.mark.parametrize("name", n00_python.__all__)
def test_each_worked_solution_passes_with_the_notebooks_own_examples(name):
    warmup = getattr(check, name)
    scope = run_solution(warmup, grid=defined_in_notebook("00", "grid", {"check": check}))
    answer = {"warmup_pixels": "my_pixels", "warmup_grid": "my_pixel", "warmup_count": "my_count"}[name]
    passes(warmup(scope[answer]))


def test_the_first_warmup_says_decimals_take_a_point_and_writes_no_keyword_argument():
    """The play-test: a Dutch learner typed 1,4. Learners read keyword arguments later but never write one."""
    first = next(source(c) for c in cells() if "check.warmup_pixels(" in source(c))
    assert "(decimals with a point: 0.5, not 0,5)" in first
    ramp_code = "\n".join(source(c) for c in cells() if ON_RAMP in tags(c) and c["cell_type"] == "code")
    assert "ndigits" not in ramp_code and not re.search(r"\(\w+=", ramp_code.replace(" ", ""))
