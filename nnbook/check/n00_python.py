"""Self-checks for notebook 00's Python warm-ups: just the Python and numpy the course's core uses.

Each warm-up asks for one value, typed into a blank (``...``). The judges
know the small examples the notebook defines (:data:`WIDTH` and
:data:`HEIGHT`, :data:`ROW` and :data:`GRID`), so they can say which
mistake gave a wrong value: an index counted from 1, row and column
swapped, a slice that includes its stop, the wrong pixels counted, or a
number written as text.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._core import Wrong, as_array, exercise, expect_number, num, short

__all__ = ["warmup_pixels", "warmup_slice", "warmup_grid", "warmup_count"]

WIDTH, HEIGHT = 20, 30
"""Warm-up 1: an image 20 pixels wide and 30 pixels high."""

ROW = np.array([0.0, 0.1, 0.3, 0.8, 1.0, 0.9, 0.4, 0.2])
"""Warm-up 2: one row of a digit: dark, then a bright stroke (0.8, 1.0, 0.9) at positions 3 to 5, then dark."""

STROKE = slice(3, 6)
"""Where the bright stroke of :data:`ROW` is: ``ROW[3:6]``."""

GRID = np.array([[0.9, 1.0, 0.8],
                 [0.1, 0.3, 0.7],
                 [0.2, 0.6, 0.0]])
"""Warm-ups 3 and 4: a 3 × 3 "image" of a 7 (a bright top row, a stroke down to the bottom). All nine values differ,
so a value tells which pixel it came from."""

PIXEL = (0, 1)
"""Warm-up 3 asks for the pixel in the top row, middle column: ``GRID[0, 1]``."""

DARK = 0.5
"""Warm-up 4 counts the pixels of :data:`GRID` darker than this."""


def _text(answer, what: str, example: str) -> None:
    """Numbers in quotes are text; say why that matters."""
    if isinstance(answer, str):
        try:
            float(answer.strip())
        except ValueError:
            raise Wrong(f"{what} is the text {answer!r:.60} (it is in quotes), not a value Python has worked out.",
                        hint=f"Leave out the quotes, so that Python runs it: {example}.") from None
        raise Wrong(f"{what} is the text {answer!r}: it is in quotes, so to Python it is text, not a number "
                    f"('{answer.strip()}' * 2 gives '{answer.strip() * 2}').",
                    hint="Leave out the quotes.")


def _several(answer) -> bool:
    """A list, a tuple or an array with a dimension: several values, where the warm-up wants one."""
    return isinstance(answer, (list, tuple)) or isinstance(answer, np.ndarray) and answer.ndim > 0


# Warm-up 1 ----------------------------------------------------------------------

@exercise(solution='''
width = 20
height = 30
my_pixels = width * height   # 30 rows of 20 pixels each: 600
''')
def warmup_pixels(answer):
    """How many pixels has an image 20 pixels wide and 30 pixels high? Compute it from width and height."""
    _text(answer, "my_pixels", "my_pixels = width * height")
    if _several(answer):
        raise Wrong(f"my_pixels should be one number, got {short(answer)}.",
                    hint="Combine width and height into one number with an arithmetic sign: + - * or /.")
    pixels = expect_number(answer, "my_pixels")
    right = WIDTH * HEIGHT
    if pixels == right:
        return f"30 rows of 20 pixels: {right} pixels. A digit of this course, 28 × 28, has 784."
    mistakes = {
        WIDTH + HEIGHT: ("you added width and height.",
                         "The pixels fill a rectangle: 30 rows with 20 pixels in each. Which sign multiplies?"),
        WIDTH: ("that is only the width: one row of pixels.", "There are 30 rows of 20 pixels."),
        HEIGHT: ("that is only the height: one column of pixels.", "There are 20 columns of 30 pixels."),
        2 * (WIDTH + HEIGHT): ("that is the number of pixels around the edge, not all of them.",
                               "All the pixels: 30 rows of 20 pixels."),
        28 * 28: ("that is the number of pixels of a 28 × 28 digit; this image is 20 wide and 30 high.",
                  "Use the names width and height."),
        WIDTH / HEIGHT: ("you divided width by height.", "The pixels fill a rectangle: multiply."),
        HEIGHT / WIDTH: ("you divided height by width.", "The pixels fill a rectangle: multiply."),
    }
    for value, (message, hint) in mistakes.items():
        if np.isclose(pixels, value):
            raise Wrong(f"{num(pixels)}: {message}", hint=hint)
    raise Wrong(f"{num(pixels)} is not the number of pixels of a 20 × 30 image.",
                hint="Each of the 30 rows holds 20 pixels. Write it with the names: width ... height.")


# Warm-up 2 ----------------------------------------------------------------------

def _as_values(answer, what: str) -> np.ndarray:
    """The learner's answer as a 1-D array of numbers, or feedback on what it is instead."""
    if isinstance(answer, str):
        raise Wrong(f"{what} is the text {answer!r:.60} (it is in quotes), not a piece of row.",
                    hint="Leave out the quotes: row[start:stop].")
    if isinstance(answer, (bool, np.bool_)) or (isinstance(answer, np.ndarray) and answer.dtype == bool):
        raise Wrong(f"{what} is True/False, not grey values.",
                    hint="A slice of row holds grey values: row[start:stop].")
    if isinstance(answer, numbers.Number) or isinstance(answer, np.ndarray) and answer.ndim == 0:
        value = expect_number(answer, what)
        where = [int(i) for i in np.flatnonzero(np.isclose(ROW, value))]
        at = f" (row[{where[0]}])" if where else ""
        raise Wrong(f"{what} is one number, {num(value)}{at}; the stroke is three pixels.",
                    hint="A slice takes several neighbours at once: row[start:stop].")
    values = as_array(answer, what)
    if values.ndim != 1 or values.dtype.kind not in "iuf":
        raise Wrong(f"{what} should be a piece of row, a few grey values in a row, got {short(answer)}.",
                    hint="Take it with a slice: row[start:stop].")
    return values.astype(float)


def _find_slice(values: np.ndarray) -> tuple[int, int] | None:
    """(start, stop) with ROW[start:stop] equal to ``values``, or None if they are not a piece of ROW."""
    for start in range(len(ROW)):
        stop = start + len(values)
        if stop <= len(ROW) and len(values) and np.allclose(ROW[start:stop], values):
            return start, stop
    return None


@exercise(solution='''
row = np.array([0.0, 0.1, 0.3, 0.8, 1.0, 0.9, 0.4, 0.2])
# Count from 0: 0.8 is at position 3, 1.0 at 4 and 0.9 at 5.
# A slice stops just before its second number, so to include position 5, stop at 6:
my_slice = row[3:6]
''')
def warmup_slice(answer):
    """Take the bright stroke, 0.8 1.0 0.9, out of row with one slice."""
    values = _as_values(answer, "my_slice")
    start, stop = STROKE.start, STROKE.stop
    if len(values) == 0:
        raise Wrong("my_slice is empty. row[a:b] is empty when b is not bigger than a.",
                    hint="The first number is where the slice starts, the second where it stops: row[start:stop].")
    found = _find_slice(values)
    if found == (start, stop):
        return "row[3:6] holds positions 3, 4 and 5: 0.8, 1.0, 0.9. The stop, 6, is not included."
    if found is None:
        raise Wrong(f"{np.round(values, 3).tolist()} is not a piece of row: its grey values are not next to each "
                    "other there, or not in this order.",
                    hint="Take the neighbours straight out of row with a slice: row[start:stop].")
    first, last = found
    shown = np.round(values, 3).tolist()
    if found == (0, len(ROW)):
        raise Wrong("that is the whole row; the stroke is only its bright part, 0.8 1.0 0.9.",
                    hint="Find the position of 0.8, counting from 0; a slice starts there.")
    if found == (start, stop - 1):
        raise Wrong(f"row[{first}:{last}] gives only {shown}: a slice stops just before its second number, so "
                    f"position {last} is not included.", hint=f"To include position {last}, stop at {last + 1}.")
    if found == (start + 1, stop + 1):
        raise Wrong(f"row[{first}:{last}] gives {shown}: one step too far right. Python counts from 0, so 0.8, "
                    "the fourth value, is at position 3.", hint="row[0] is the first value, row[1] the second, ...")
    if first == start and last > stop:
        raise Wrong(f"row[{first}:{last}] gives {shown}: the stroke and the dark pixels after it.",
                    hint="Stop earlier: the slice stops just before its second number.")
    if first < start and last == stop:
        raise Wrong(f"row[{first}:{last}] gives {shown}: the stroke and the dark pixels before it.",
                    hint="Start later: Python counts from 0, so 0.8 is at position 3.")
    raise Wrong(f"that is row[{first}:{last}], {shown}; the stroke is 0.8 1.0 0.9.",
                hint="Find the positions of 0.8 and 0.9, counting from 0. A slice stops just before its second "
                     "number.")


# Warm-up 3 ----------------------------------------------------------------------

def _where(value: float) -> tuple[int, int] | None:
    """The (row, column) of GRID that holds ``value``; GRID's values all differ."""
    places = np.argwhere(np.isclose(GRID, value))
    return (int(places[0][0]), int(places[0][1])) if len(places) else None


@exercise(solution='''
grid = np.array([[0.9, 1.0, 0.8],   # the tiny 7 of the notebook
                 [0.1, 0.3, 0.7],
                 [0.2, 0.6, 0.0]])
# The top row is row 0; the middle column is column 1 (the columns are 0, 1, 2).
# First the row, then the column:
my_pixel = grid[0, 1]
''')
def warmup_grid(answer):
    """Pick the pixel in the top row, middle column of grid."""
    _text(answer, "my_pixel", "my_pixel = grid[row, column]")
    if _several(answer):
        values = as_array(answer, "my_pixel")
        if values.shape == GRID.shape and np.allclose(values, GRID):
            raise Wrong("that is the whole grid. One pixel needs two numbers: grid[row, column].",
                        hint="The top row is row 0; which column is the middle one?")
        if values.shape == (2,) and values.dtype.kind in "iu" and tuple(values.tolist()) in np.ndindex(GRID.shape):
            r, c = values.tolist()
            raise Wrong(f"({r}, {c}) is a position: row {r}, column {c}. The warm-up asks for the grey value there.",
                        hint=f"Take the pixel out of grid: grid[{r}, {c}] (if that is the right place).")
        for r in range(len(GRID)):
            if values.shape == GRID[r].shape and np.allclose(values, GRID[r]):
                raise Wrong(f"that is a whole row, grid[{r}]: {GRID[r].tolist()}. One pixel needs two numbers: "
                            "grid[row, column].", hint="Add the column after a comma, inside the brackets.")
        raise Wrong(f"my_pixel should be one grey value, got {short(answer)}.",
                    hint="Pick one pixel with two numbers: grid[row, column].")
    value = expect_number(answer, "my_pixel")
    place = _where(value)
    row, col = PIXEL
    if place == PIXEL:
        return "grid[0, 1] is 1.0: row 0 (the top), column 1 (the middle). First the row, then the column."
    if place is None:
        raise Wrong(f"{num(value)} is not one of grid's grey values.",
                    hint="Take it out of grid, don't type it: grid[row, column].")
    r, c = place
    rows, cols = ("top", "middle", "bottom"), ("left", "middle", "right")
    got = f"{num(value)} is grid[{r}, {c}], the {rows[r]} row, {cols[c]} column"
    if place == (row + 1, col + 1):
        raise Wrong(f"{got}: you counted from 1. Python counts from 0.",
                    hint="The top row is row 0, and the columns are 0, 1 and 2.")
    if place == (col, row):
        raise Wrong(f"{got}: row and column are swapped.",
                    hint="The first number picks the row (going down), the second the column (going across).")
    if place == (col + 1, row + 1):
        raise Wrong(f"{got}: you counted from 1, and swapped row and column.",
                    hint="Python counts from 0: the top row is row 0. The first number picks the row, "
                         "the second the column.")
    raise Wrong(f"{got}.",
                hint="The top row is row 0; which column is the middle one? First the row, then the column.")


# Warm-up 4 ----------------------------------------------------------------------

@exercise(solution='''
grid = np.array([[0.9, 1.0, 0.8],   # the tiny 7 of the notebook
                 [0.1, 0.3, 0.7],
                 [0.2, 0.6, 0.0]])
# grid < 0.5 is True for each pixel darker than 0.5; np.sum counts the Trues.
my_count = np.sum(grid < 0.5)
''')
def warmup_count(answer):
    """How many pixels of grid are darker than 0.5?"""
    right = int(np.sum(GRID < DARK))
    _text(answer, "my_count", "my_count = np.sum(grid < 0.5)")
    if _several(answer):
        values = as_array(answer, "my_count")
        if values.dtype == bool and values.shape == GRID.shape and np.array_equal(values, GRID > DARK):
            raise Wrong("my_count is the grid of True/False that grid > 0.5 gives: True for the bright pixels. "
                        "The question asks for a count of the dark ones.",
                        hint="Darker means smaller: use <. Then count the Trues with np.sum(...).")
        if values.dtype == bool:
            raise Wrong("my_count is a grid of True/False, one for each pixel; the question asks how many are True.",
                        hint="np.sum(...) around the comparison counts the Trues: True counts as 1, False as 0.")
        raise Wrong(f"my_count should be one count, got {short(answer)}.",
                    hint="Compare grid with 0.5 and count the Trues with np.sum.")
    if isinstance(answer, (bool, np.bool_)):
        raise Wrong(f"my_count is {answer}, a single True/False; it should be a count.",
                    hint="np.sum(grid < 0.5) counts the pixels for which the comparison is True.")
    count = expect_number(answer, "my_count")
    if count == right:
        return f"{right} pixels are darker than 0.5: np.sum(grid < 0.5) adds 1 for every True."
    if np.isclose(count, np.sum(GRID)):
        raise Wrong(f"{num(round(count, 6))} is the sum of all the grey values, np.sum(grid). The question asks "
                    "how many pixels are dark.", hint="Put a comparison inside: np.sum(grid < 0.5) counts the Trues.")
    if np.isclose(count, np.sum(GRID[GRID < DARK])):
        raise Wrong(f"{num(round(count, 6))} is the sum of the dark pixels' grey values; the question asks how many "
                    "there are.", hint="np.sum(grid < 0.5) counts the Trues.")
    mistakes = {
        int(np.sum(GRID > DARK)): ("you counted the bright pixels, those above 0.5.",
                                   "Darker means smaller: use < instead of >."),
        GRID.size: ("that is every pixel of grid, dark or not.", "Count only the pixels where grid < 0.5 is True."),
        len(GRID): ("that is len(grid), the number of rows.", "np.sum(grid < 0.5) counts the dark pixels."),
    }
    mistakes.pop(right, None)  # never call the right count a mistake
    if float(count).is_integer() and int(count) in mistakes:
        message, hint = mistakes[int(count)]
        raise Wrong(f"{int(count)}: {message}", hint=hint)
    raise Wrong(f"{num(count)} is not how many pixels of grid are darker than 0.5.",
                hint="grid < 0.5 gives True for each dark pixel; np.sum(...) counts the Trues.")
