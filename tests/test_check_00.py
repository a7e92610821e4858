"""The self-checks of notebook 00's Python warm-ups: right answers pass, each typical slip gets its own feedback."""

import re
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from checks import fails, not_attempted, passes, run_solution
from nnbook import check
from nnbook.check import n00_python
from nnbook.check._core import FAIL, PASS

grid = n00_python.GRID.copy()

WARMUPS = [check.warmup_pixels, check.warmup_grid, check.warmup_count]

JUNK = [None, "", "abc", {"a": 1}, {1, 2}, object(), float("nan"), float("inf"), 1j, b"600", [[1, 2], [3]],
        np.array(["a", "b"]), (lambda: 600), Ellipsis.__class__]


def test_the_module_lists_exactly_its_three_warmups_in_notebook_order():
    assert n00_python.__all__ == ["warmup_pixels", "warmup_grid", "warmup_count"]
    assert [w.name for w in WARMUPS] == n00_python.__all__


def test_the_examples_are_as_the_judges_assume():
    """All nine grey values differ, so a value names its pixel."""
    assert len(set(grid.ravel())) == grid.size == 9 and grid.shape == (3, 3)
    counts = {int(np.sum(grid < 0.5)), int(np.sum(grid > 0.5)), grid.size, len(grid)}
    assert len(counts) == 4, "the right count and the three typical wrong counts must differ"


@pytest.mark.parametrize("warmup", WARMUPS, ids=lambda w: w.name)
def test_each_warmup_untouched_is_not_attempted_and_its_solution_passes(warmup):
    not_attempted(warmup(...))
    scope = run_solution(warmup, grid=grid.copy())
    answer = {"warmup_pixels": "my_pixels", "warmup_grid": "my_pixel", "warmup_count": "my_count"}[warmup.name]
    passes(warmup(scope[answer]))


@pytest.mark.parametrize("warmup", WARMUPS, ids=lambda w: w.name)
@pytest.mark.parametrize("junk", JUNK, ids=lambda junk: re.sub(r" at 0x[0-9a-f]+", "", repr(junk))[:40])
def test_junk_gets_a_clear_message_and_never_passes(warmup, junk):
    feedback = warmup(junk)
    assert feedback.status == FAIL, str(feedback)
    assert "raised" not in feedback.message, f"the judge itself crashed on {junk!r}: {feedback}"


# warmup_pixels -------------------------------------------------------------------

@pytest.mark.parametrize("answer", [600, 600.0, np.int64(600), np.array(600), Fraction(600), Decimal(600), 20 * 30])
def test_pixels_accepts_600(answer):
    passes(check.warmup_pixels(answer))


@pytest.mark.parametrize("answer, phrases", [
    ("600", ["is the text '600'", "in quotes", "'600600'", "Leave out the quotes"]),
    ("width * height", ["is the text 'width * height'", "so that Python runs it: my_pixels = width * height"]),
    (50, ["you added width and height", "Which sign multiplies"]),
    (20, ["only the width"]),
    (30, ["only the height"]),
    (100, ["around the edge"]),
    (784, ["28 × 28 digit", "20 wide and 30 high"]),
    (20 / 30, ["divided width by height"]),
    (30 / 20, ["divided height by width"]),
    ((20, 30), ["should be one number, got tuple (20, 30)", "arithmetic sign"]),
    (601, ["601 is not the number of pixels of a 20 × 30 image", "width ... height"]),
    (True, ["should be one number, got bool"]),
])
def test_pixels_explains_each_typical_mistake(answer, phrases):
    fails(check.warmup_pixels(answer), *phrases)


# warmup_grid ---------------------------------------------------------------------

@pytest.mark.parametrize("answer", [grid[0, 1], grid[-3, -2], 1.0, 1, np.array(1.0)])
def test_grid_accepts_the_top_middle_pixel(answer):
    passes(check.warmup_grid(answer))


@pytest.mark.parametrize("answer, phrases", [
    (grid[1, 2], ["0.7 is grid[1, 2], the middle row, right column: you counted from 1", "The top row is row 0"]),
    (grid[1, 0], ["0.1 is grid[1, 0], the middle row, left column: row and column are swapped",
                  "The first number picks the row"]),
    (grid[2, 1], ["0.6 is grid[2, 1], the bottom row, middle column: you counted from 1, and swapped"]),
    (grid[0, 0], ["0.9 is grid[0, 0], the top row, left column."]),
    (grid[0, 2], ["0.8 is grid[0, 2], the top row, right column."]),
    (grid[2, 2], ["grid[2, 2], the bottom row, right column."]),
    ((0, 1), ["my_pixel is (0, 1), two numbers", "Python writes decimals with a point: 0.1, not 0,1",
              "if you meant the position row 0, column 1", "the grey value there, grid[0, 1]"]),
    ((1, 0), ["Python writes decimals with a point: 1.0, not 1,0", "my_pixel = grid[row, column]"]),
    ((0, 7), ["Python writes decimals with a point: 0.7, not 0,7", "don't type it"]),
    (np.array([0, 1]), ["(0, 1) is a position: row 0, column 1", "the grey value there", "grid[0, 1]"]),
    ([1, 2], ["(1, 2) is a position"]),
    (grid[0], ["a whole row, grid[0]", "grid[row, column]"]),
    (grid[2], ["a whole row, grid[2]"]),
    (grid, ["the whole grid"]),
    (5, ["5 is not one of grid's grey values", "don't type it"]),
    ("1.0", ["is the text '1.0'", "Leave out the quotes"]),
    ("grid[0, 1]", ["is the text 'grid[0, 1]'", "my_pixel = grid[row, column]"]),
    ([1.0], ["should be one grey value, got list [1.0]"]),
])
def test_grid_explains_each_typical_mistake(answer, phrases):
    fails(check.warmup_grid(answer), *phrases)


# warmup_count --------------------------------------------------------------------

@pytest.mark.parametrize("answer", [np.sum(grid < 0.5), np.sum(grid <= 0.5), 4, 4.0, np.array(4)])
def test_count_accepts_four(answer):
    passes(check.warmup_count(answer))


@pytest.mark.parametrize("answer, phrases", [
    (np.sum(grid > 0.5), ["5: you counted the bright pixels", "use < instead of >"]),
    (grid.size, ["9: that is every pixel of grid"]),
    (len(grid), ["3: that is len(grid), the number of rows"]),
    (grid < 0.5, ["a grid of True/False", "how many are True", "np.sum(...)"]),
    (grid > 0.5, ["that grid > 0.5 gives", "bright pixels", "Darker means smaller"]),
    (np.sum(grid), ["4.6 is the sum of all the grey values", "np.sum(grid < 0.5) counts the Trues"]),
    (0.1 + 0.3 + 0.2 + 0.0, ["0.6 is the sum of the dark pixels' grey values"]),
    ("4", ["is the text '4'", "Leave out the quotes"]),
    (True, ["a single True/False"]),
    (np.True_, ["a single True/False"]),
    (2, ["2 is not how many pixels of grid are darker than 0.5"]),
    ([4, 5], ["should be one count"]),
])
def test_count_explains_each_typical_mistake(answer, phrases):
    fails(check.warmup_count(answer), *phrases)


def test_a_decimal_comma_is_read_as_two_numbers_and_said_so():
    """A Dutch learner writes 1,0 for 1.0; Python makes it the tuple (1, 0). Only my_pixel's answer has decimals."""
    my_pixel = 1,0  # the slip itself: Python reads the tuple (1, 0)
    feedback = fails(check.warmup_grid(my_pixel), "a comma separates values")
    assert "position row 1, column 0" in str(feedback), "(1, 0) may also be a position: both readings are named"
    feedback = fails(check.warmup_grid((0, 7)))
    assert "position" not in str(feedback), "(0, 7) is no place in the 3 × 3 grid"
    for not_a_comma in ((True, 0), (0.5, 1), (-1, 2), (1, 2, 3)):
        assert "decimals with a point" not in str(check.warmup_grid(not_a_comma))


def test_feedback_shows_the_right_status_words():
    assert str(check.warmup_count(...)).startswith("○ warmup_count: not attempted yet.")
    assert str(check.warmup_count(5)).startswith("✗ warmup_count: 5:")
    assert check.warmup_count(4).status == PASS and str(check.warmup_count(4)).startswith("✓ warmup_count:")
