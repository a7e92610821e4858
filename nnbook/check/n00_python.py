"""Self-checks for notebook 00's Python warm-ups: just the Python and numpy the course's core uses.

Each warm-up asks for one value, typed into a blank (``...``). The judges
know the small examples the notebook defines (:data:`WIDTH` and
:data:`HEIGHT`, and :data:`GRID`), so they can say which mistake gave a
wrong value: an index counted from 1, row and column swapped, the wrong
pixels counted, a number written as text, or a decimal written with a comma
(``my_pixel = 1,0`` is the tuple (1, 0) to Python).
"""

from __future__ import annotations

import numpy as np

from ..language import tr
from ._core import Wrong, as_array, decimal_comma, exercise, expect_number, num, short

NOTEBOOK = "00-welcome"
__all__ = ["warmup_pixels", "warmup_grid", "warmup_count"]

WIDTH, HEIGHT = 20, 30
"""Warm-up 1: an image 20 pixels wide and 30 pixels high."""

GRID = np.array([[0.9, 1.0, 0.8],
                 [0.1, 0.3, 0.7],
                 [0.2, 0.6, 0.0]])
"""Warm-ups 2 and 3: a 3 × 3 "image" of a 7 (a bright top row, a stroke down to the bottom). All nine values differ,
so a value tells which pixel it came from."""

PIXEL = (0, 1)
"""Warm-up 2 asks for the pixel in the top row, middle column: ``GRID[0, 1]``."""

DARK = 0.5
"""Warm-up 3 counts the pixels of :data:`GRID` darker than this."""


def _text(answer, what: str, example: str) -> None:
    """Numbers in quotes are text; say why that matters."""
    if isinstance(answer, str):
        try:
            float(answer.strip())
        except ValueError:
            raise Wrong(tr("{what} is the text {answer!r:.60} (it is in quotes), not a value Python has worked out.",
                           what=what, answer=answer),
                        hint=tr("Leave out the quotes, so that Python runs it: {example}.", example=example)) from None
        raise Wrong(tr("{what} is the text {answer!r}: it is in quotes, so to Python it is text, not a number "
                       "('{text}' * 2 gives '{twice}').",
                       what=what, answer=answer, text=answer.strip(), twice=answer.strip() * 2),
                    hint=tr("Leave out the quotes."))


def _decimal_comma(answer, what: str) -> str | None:
    """What ``what = 1,4`` means in Python: the tuple (1, 4), two numbers, where a Dutch hand wrote the decimal 1.4.

    Returns the sentence that says so, or None if ``answer`` is not such a pair. A grey value is never
    negative, so (-1, 2) is not read as -1.2 here.
    """
    meant = decimal_comma(answer)
    if meant is None or answer[0] < 0:
        return None
    return tr("{what} is {answer}, two numbers: a comma separates values. "
              "Python writes decimals with a point: {meant}, not {whole},{decimals}.",
              what=what, answer=answer, meant=meant, whole=answer[0], decimals=answer[1])


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
        raise Wrong(tr("my_pixels should be one number, got {got}.", got=short(answer)),
                    hint=tr("Combine width and height into one number with an arithmetic sign: + - * or /."))
    pixels = expect_number(answer, "my_pixels")
    right = WIDTH * HEIGHT
    if pixels == right:
        return tr("30 rows of 20 pixels: {right} pixels. A digit of this course, 28 × 28, has 784.", right=right)
    mistakes = {
        WIDTH + HEIGHT: (tr("you added width and height."),
                         tr("The pixels fill a rectangle: 30 rows with 20 pixels in each. Which sign multiplies?")),
        WIDTH: (tr("that is only the width: one row of pixels."), tr("There are 30 rows of 20 pixels.")),
        HEIGHT: (tr("that is only the height: one column of pixels."), tr("There are 20 columns of 30 pixels.")),
        2 * (WIDTH + HEIGHT): (tr("that is the number of pixels around the edge, not all of them."),
                               tr("All the pixels: 30 rows of 20 pixels.")),
        28 * 28: (tr("that is the number of pixels of a 28 × 28 digit; this image is 20 wide and 30 high."),
                  tr("Use the names width and height.")),
        WIDTH / HEIGHT: (tr("you divided width by height."), tr("The pixels fill a rectangle: multiply.")),
        HEIGHT / WIDTH: (tr("you divided height by width."), tr("The pixels fill a rectangle: multiply.")),
    }
    for value, (message, hint) in mistakes.items():
        if np.isclose(pixels, value):
            raise Wrong(f"{num(pixels)}: {message}", hint=hint)
    raise Wrong(tr("{pixels} is not the number of pixels of a 20 × 30 image.", pixels=num(pixels)),
                hint=tr("Each of the 30 rows holds 20 pixels. Write it with the names: width ... height."))


# Warm-up 2 ----------------------------------------------------------------------

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
    comma = _decimal_comma(answer, "my_pixel")
    if comma:
        r, c = answer
        if (r, c) in np.ndindex(GRID.shape):
            comma += tr(" And if you meant the position row {r}, column {c}: the warm-up asks for the grey value "
                        "there, grid[{r}, {c}].", r=r, c=c)
        raise Wrong(comma, hint=tr("Write decimals with a point, or don't type it: take it out of grid, "
                                   "my_pixel = grid[row, column]."))
    if _several(answer):
        values = as_array(answer, "my_pixel")
        if values.shape == GRID.shape and np.allclose(values, GRID):
            raise Wrong(tr("that is the whole grid. One pixel needs two numbers: grid[row, column]."),
                        hint=tr("The top row is row 0; which column is the middle one?"))
        if values.shape == (2,) and values.dtype.kind in "iu" and tuple(values.tolist()) in np.ndindex(GRID.shape):
            r, c = values.tolist()
            raise Wrong(tr("({r}, {c}) is a position: row {r}, column {c}. The warm-up asks for the grey value there.",
                           r=r, c=c),
                        hint=tr("Take the pixel out of grid: grid[{r}, {c}] (if that is the right place).", r=r, c=c))
        for r in range(len(GRID)):
            if values.shape == GRID[r].shape and np.allclose(values, GRID[r]):
                raise Wrong(tr("that is a whole row, grid[{r}]: {values}. One pixel needs two numbers: "
                               "grid[row, column].", r=r, values=GRID[r].tolist()),
                            hint=tr("Add the column after a comma, inside the brackets."))
        raise Wrong(tr("my_pixel should be one grey value, got {got}.", got=short(answer)),
                    hint=tr("Pick one pixel with two numbers: grid[row, column]."))
    value = expect_number(answer, "my_pixel")
    place = _where(value)
    row, col = PIXEL
    if place == PIXEL:
        return tr("grid[0, 1] is 1.0: row 0 (the top), column 1 (the middle). First the row, then the column.")
    if place is None:
        raise Wrong(tr("{value} is not one of grid's grey values.", value=num(value)),
                    hint=tr("Take it out of grid, don't type it: grid[row, column]."))
    r, c = place
    rows, cols = (tr("top"), tr("middle"), tr("bottom")), (tr("left"), tr("middle"), tr("right"))
    got = tr("{value} is grid[{r}, {c}], the {row} row, {column} column",
             value=num(value), r=r, c=c, row=rows[r], column=cols[c])
    if place == (row + 1, col + 1):
        raise Wrong(tr("{got}: you counted from 1. Python counts from 0.", got=got),
                    hint=tr("The top row is row 0, and the columns are 0, 1 and 2."))
    if place == (col, row):
        raise Wrong(tr("{got}: row and column are swapped.", got=got),
                    hint=tr("The first number picks the row (going down), the second the column (going across)."))
    if place == (col + 1, row + 1):
        raise Wrong(tr("{got}: you counted from 1, and swapped row and column.", got=got),
                    hint=tr("Python counts from 0: the top row is row 0. The first number picks the row, "
                            "the second the column."))
    raise Wrong(f"{got}.",
                hint=tr("The top row is row 0; which column is the middle one? First the row, then the column."))


# Warm-up 3 ----------------------------------------------------------------------

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
            raise Wrong(tr("my_count is the grid of True/False that grid > 0.5 gives: True for the bright pixels. "
                           "The question asks for a count of the dark ones."),
                        hint=tr("Darker means smaller: use <. Then count the Trues with np.sum(...)."))
        if values.dtype == bool:
            raise Wrong(tr("my_count is a grid of True/False, one for each pixel; the question asks how many are "
                           "True."),
                        hint=tr("np.sum(...) around the comparison counts the Trues: True counts as 1, False as 0."))
        raise Wrong(tr("my_count should be one count, got {got}.", got=short(answer)),
                    hint=tr("Compare grid with 0.5 and count the Trues with np.sum."))
    if isinstance(answer, (bool, np.bool_)):
        raise Wrong(tr("my_count is {answer}, a single True/False; it should be a count.", answer=answer),
                    hint=tr("np.sum(grid < 0.5) counts the pixels for which the comparison is True."))
    count = expect_number(answer, "my_count")
    if count == right:
        return tr("{right} pixels are darker than 0.5: np.sum(grid < 0.5) adds 1 for every True.", right=right)
    if np.isclose(count, np.sum(GRID)):
        raise Wrong(tr("{count} is the sum of all the grey values, np.sum(grid). The question asks "
                       "how many pixels are dark.", count=num(round(count, 6))),
                    hint=tr("Put a comparison inside: np.sum(grid < 0.5) counts the Trues."))
    if np.isclose(count, np.sum(GRID[GRID < DARK])):
        raise Wrong(tr("{count} is the sum of the dark pixels' grey values; the question asks how many "
                       "there are.", count=num(round(count, 6))), hint=tr("np.sum(grid < 0.5) counts the Trues."))
    mistakes = {
        int(np.sum(GRID > DARK)): (tr("you counted the bright pixels, those above 0.5."),
                                   tr("Darker means smaller: use < instead of >.")),
        GRID.size: (tr("that is every pixel of grid, dark or not."),
                    tr("Count only the pixels where grid < 0.5 is True.")),
        len(GRID): (tr("that is len(grid), the number of rows."), tr("np.sum(grid < 0.5) counts the dark pixels.")),
    }
    mistakes.pop(right, None)  # never call the right count a mistake
    if float(count).is_integer() and int(count) in mistakes:
        message, hint = mistakes[int(count)]
        raise Wrong(f"{int(count)}: {message}", hint=hint)
    raise Wrong(tr("{count} is not how many pixels of grid are darker than 0.5.", count=num(count)),
                hint=tr("grid < 0.5 gives True for each dark pixel; np.sum(...) counts the Trues."))
