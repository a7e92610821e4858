"""Self-checks for notebook 01: a picture is 784 numbers, and rules written by a person read it badly."""

from __future__ import annotations

import functools
import time

import numpy as np

from .. import rules
from ..data import load_digits
from ..language import tr
from ..pretrained import pretrained
from ._core import Wrong, call, exercise, expect_choice, expect_number, expect_whole_number, num, short

NOTEBOOK = "01-pixels"
__all__ = ["pixel_number", "why_rules_fail", "pixel_index", "pixel_position", "digit_rule"]

SIDE = 28


# Core exercise 1 -------------------------------------------------------------

PIXEL = (10, 15)
"""The pixel whose place in the flattened list the core's first exercise asks for."""


@exercise(solution='''
# Before row 10 come 10 whole rows of 28 pixels: 28 * 10 = 280 of them.
# Then 15 more steps along row 10 itself.
my_answer = 28 * 10 + 15    # = 295
''')
def pixel_number(answer):
    """Which number of the flattened list of 784 is pixel (10, 15)?"""
    row, col = PIXEL
    if isinstance(answer, str) and any(sign in answer for sign in "*×x+"):
        raise Wrong(tr("your answer is the text {answer!r}: Python does not calculate what is inside quotes.",
                       answer=answer),
                    hint=tr("Leave out the quotes, and Python works it out: my_answer = 28 * {row} + {col}.",
                            row=row, col=col))
    value = expect_number(answer, tr("your answer"))
    right = SIDE * row + col
    if value == right:
        return tr("pixel ({row}, {col}) is number 28 × {row} + {col} = {right} of the 784: {row} whole rows of 28 "
                  "come before it, then {col} pixels of its own row. Check it in the widget: row {row}, col {col}.",
                  row=row, col=col, right=right)
    rule = tr("Count the whole rows of 28 before it, then the steps along its own row: 28 × row + column.")
    mistakes = {
        SIDE * col + row: (tr("you swapped row and column: 28 × {col} + {row} counts {col} whole rows, "
                              "but {col} is the column.", row=row, col=col),
                           tr("The row comes first: pixel (row, column) = ({row}, {col}).", row=row, col=col)),
        right + 1: (tr("your answer is one too high. The list counts from 0: pixel (0, 0) is number 0."),
                    tr("No need to add 1.")),
        right - 1: (tr("your answer is one too low: pixel (0, 0) is number 0, so there is nothing to subtract."),
                    rule),
        SIDE * (row + 1) + col: (tr("you counted one row too many: the rows before row 10 are rows 0 to 9, "
                                    "ten rows, because Python counts from 0."), rule),
        SIDE * (row + 1) + col + 1: (tr("you counted rows and columns from 1; the list, the rows and the columns "
                                        "all count from 0."), rule),
        27 * row + col: (tr("a row holds 28 pixels, not 27: row 0 is numbers 0 to 27, and row 1 starts at 28."),
                         rule),
        row + col: (tr("{row} + {col} adds the row and the column; but every row you go down skips a whole row "
                       "of 28 pixels.", row=row, col=col), rule),
        row * col: (tr("{row} × {col} multiplies the row by the column; but every row you go down skips a whole "
                       "row of 28 pixels.", row=row, col=col), rule),
        SIDE * row: (tr("{start} is where row {row} starts: pixel ({row}, 0). Now move {col} steps along the row.",
                        start=SIDE * row, row=row, col=col), rule),
        SIDE * SIDE: (tr("784 is the length of the whole list, not the place of one pixel in it."), rule),
    }
    if value in mistakes:
        message, hint = mistakes[value]
        raise Wrong(message, hint=hint)
    raise Wrong(tr("{value} is not the number of pixel ({row}, {col}) in the list of 784.",
                   value=num(value), row=row, col=col), hint=rule)


# Core exercise 2 -------------------------------------------------------------

FEWER = 1_000
"""How many training digits the smaller average-digit rule in why_rules_fail's feedback is built from."""


@functools.cache
def _average_rule_score(n_train: int) -> float:
    """The average-digit rule built from the first ``n_train`` training digits, scored on the test digits."""
    train, train_labels = load_digits("train")
    test, test_labels = load_digits("test")
    averages = rules.average_digits(train[:n_train], train_labels[:n_train])
    return rules.accuracy(rules.guess_by_template(test, averages), test_labels)


SHIFT = 2
"""How many pixels to the left why_rules_fail's feedback moves every test digit."""


@functools.cache
def _shifted_score(left: int) -> float:
    """The average-digit rule (from all training digits) on the test digits moved ``left`` pixels to the left."""
    train, train_labels = load_digits("train")
    test, test_labels = load_digits("test")
    averages = rules.average_digits(train, train_labels)
    return rules.accuracy(rules.guess_by_template(rules.shifted(test, left), averages), test_labels)


@functools.lru_cache(maxsize=1)
def _network_score() -> float:
    """The accuracy of the trained network of notebook 09 (nnbook.pretrained()) on the test digits."""
    test, test_labels = load_digits("test")
    return pretrained().accuracy(test, test_labels)


@exercise(solution='''
# B. The rule asks only "is the ink on the same pixels as in the average picture?".
# A digit written a little to the side, slanted or thicker puts its ink on other
# pixels, so it no longer lines up with its own average.
my_choice = "B"
''')
def why_rules_fail(answer):
    """Why does the average-digit rule misread digits a person reads at once? A, B or C."""
    choice = expect_choice(answer, ("A", "B", "C"))
    network = _network_score()
    if choice == "B":
        moved = _shifted_score(SHIFT)
        return tr("the rule only asks whether the ink sits on the same pixels as in the average picture. Move every "
                  "test digit {shift} pixels to the left, and it reads only {moved:.1%} of them instead of "
                  "{unmoved:.1%}. The network of notebook 09 learns its "
                  "own way of looking, and reads {network:.1%} of the test digits.",
                  shift=SHIFT, moved=moved, unmoved=_average_rule_score(len(load_digits("train")[1])),
                  network=network)
    if choice == "A":
        every = len(load_digits("train")[1])
        few, more = _average_rule_score(FEWER), _average_rule_score(every)
        raise Wrong(tr("tempting: more examples often help, but not here. Built from {fewer:,} training digits the "
                       "rule reads {few:.1%}, from all {every:,} {more:.1%}: {times} times as many examples add "
                       "about one point, because the average pictures hardly change.",
                       fewer=FEWER, few=few, every=every, more=more, times=every // FEWER),
                    hint=tr("The trouble is not how the averages are made, but how a picture is compared with them."))
    raise Wrong(tr("tempting: the pictures are small. But you read these digits at once, from the same "
                   "28×28 pixels, and the network of notebook 09 reads {network:.1%} of the test digits from the same "
                   "784 numbers. The information is there; the rule does not use it well.", network=network),
                hint=tr("What would a digit need to do to line up with its average picture?"))


# Going further, exercise: where is pixel (row, col)? ------------------------

def _index_mistakes():
    """Typical wrong formulas for the index of pixel (row, col), with what to say about each."""
    skips = tr("Every row you go down skips a whole row of 28 pixels: row r starts at index 28·r.")
    return [
        (lambda r, c: SIDE * c + r, tr("you swapped row and column: your formula counts down the columns."),
         tr("Flattening puts whole rows end to end. Row r starts at index 28·r; then move c steps along it.")),
        (lambda r, c: SIDE * r + c + 1, tr("your indexes are one too high: pixel (0, 0) should have index 0."),
         tr("Python counts from 0: the first pixel is pixels[0] and the last is pixels[783].")),
        (lambda r, c: SIDE * (r + 1) + c + 1, tr("your formula counts rows and columns from 1; Python counts from 0."),
         tr("Pixel (0, 0), the top-left one, is pixels[0].")),
        (lambda r, c: SIDE * r + c - 1, tr("your indexes are one too low: pixel (0, 0) should have index 0, not -1."),
         tr("Python counts from 0, and row and column do too: no need to subtract 1.")),
        (lambda r, c: 27 * r + c, tr("each row holds 28 pixels, not 27, so row r starts at index 28·r."),
         tr("Row 0 takes indexes 0-27, row 1 starts at 28.")),
        (lambda r, c: r + c,
         tr("adding row and column gives the same index to many pixels: (0, 1) and (1, 0) both get 1."), skips),
        (lambda r, c: r * c, tr("multiplying row by column gives index 0 to the whole first row and column."), skips),
    ]


@exercise(solution='''
def pixel_index(row, col):
    # Each row holds 28 pixels. Before row `row` come `row` whole rows
    # (28 * row pixels); then move `col` steps along the row.
    return 28 * row + col
''')
def pixel_index(answer):
    """pixel_index(row, col): the position of pixel (row, col) in the flat list of 784 pixels."""
    cases = [(row, col) for row in range(SIDE) for col in range(SIDE)]
    results = [expect_whole_number(call(answer, row, col, name="pixel_index"), f"pixel_index({row}, {col})")
               for row, col in cases]
    for mistake, message, hint in _index_mistakes():
        if all(result == mistake(row, col) for result, (row, col) in zip(results, cases)):
            raise Wrong(message, hint=hint)
    for result, (row, col) in zip(results, cases):
        right = SIDE * row + col
        if result != right:
            raise Wrong(tr("pixel_index({row}, {col}) gave {result}; that pixel is number {right} of the 784 "
                           "(row {row} starts at 28·{row} = {start}, then {col} steps along).",
                           row=row, col=col, result=result, right=right, start=SIDE * row),
                        hint=tr("Row r starts at index 28·r; column c is c steps further."))
    return tr("right for all 784 pixels: pixels[pixel_index(r, c)] is image[r, c]. "
              "For example pixel (10, 15) is pixels[295].")


# Going further, exercise: and back again ---------------------------------------

def _pair(value, index: int) -> tuple:
    what = f"pixel_position({index})"
    if isinstance(value, np.ndarray):
        value = value.tolist() if value.ndim == 1 else value
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise Wrong(tr("{what} should give two numbers, (row, col), got {got}.", what=what, got=short(value)),
                    hint=tr("End with `return row, col`: two values separated by a comma."))
    if len(value) != 2:
        raise Wrong(tr("{what} should give two numbers, (row, col), got {count} values.", what=what, count=len(value)),
                    hint=tr("End with `return row, col`."))
    return value


@exercise(solution='''
def pixel_position(index):
    # Every full row of 28 pixels before this one moves the index on by 28,
    # so the row is how many whole 28s fit in the index...
    row = index // 28
    # ...and the column is what is left over.
    col = index % 28
    return row, col
''')
def pixel_position(answer):
    """pixel_position(index): the (row, col) of the pixel at a position in the flat list of 784."""
    found = []
    for index in range(SIDE * SIDE):
        row, col = _pair(call(answer, index, name="pixel_position"), index)
        found.append((expect_whole_number(row, tr("the row of pixel_position({index})", index=index)),
                      expect_whole_number(col, tr("the column of pixel_position({index})", index=index))))
    right = [divmod(index, SIDE) for index in range(SIDE * SIDE)]
    if found == right:
        return tr("right for all 784 indexes: index 295 is pixel (10, 15), because 295 = 28·10 + 15.")
    if found == [(col, row) for row, col in right]:
        raise Wrong(tr("row and column are swapped: pixel_position(1) should be (0, 1), the second pixel of the top "
                       "row."),
                    hint=tr("The row is how many whole rows of 28 fit in the index (//); the column is what is left "
                            "(%)."))
    if found == [(row + 1, col + 1) for row, col in right] or found == [(row, col + 1) for row, col in right] \
            or found == [(row + 1, col) for row, col in right]:
        raise Wrong(tr("your rows or columns start at 1; Python counts from 0, so index 0 is pixel (0, 0)."),
                    hint=tr("No need to add 1: index // 28 and index % 28 already count from 0."))
    if found == [divmod(index, 27) for index in range(SIDE * SIDE)]:
        raise Wrong(tr("each row holds 28 pixels, not 27."), hint=tr("Divide by 28."))
    for index, (mine, theirs) in enumerate(zip(found, right)):
        if mine != theirs:
            raise Wrong(tr("pixel_position({index}) gave {mine}; index {index} is pixel {theirs}, "
                           "because {index} = 28·{row} + {col}.",
                           index=index, mine=mine, theirs=theirs, row=theirs[0], col=theirs[1]),
                        hint=tr("The row is index // 28 (whole rows that fit); the column is index % 28 (what is "
                                "left)."))
    raise AssertionError("unreachable")  # pragma: no cover


# Going further, exercise: a rule of your own -----------------------------------

TIME_LIMIT = 60.0
"""Seconds a learner's rule may take for all test digits before the check stops and says why."""

TRUSTED_AFTER = 2.0
"""Seconds after which the time per digit so far predicts the whole run (the first calls may be slow once)."""


@functools.lru_cache(maxsize=1)
def _baseline() -> float:
    """The bright-pixel rule's accuracy on the test digits: the score to beat."""
    train, train_labels = load_digits("train")
    test, test_labels = load_digits("test")
    guesses = rules.guess_by_count(test, rules.typical_counts(train, train_labels))
    return rules.accuracy(guesses, test_labels)


@functools.lru_cache(maxsize=1)
def _template_score() -> float:
    """The average-digit rule's accuracy on the test digits."""
    train, train_labels = load_digits("train")
    test, test_labels = load_digits("test")
    return rules.accuracy(rules.guess_by_template(test, rules.average_digits(train, train_labels)), test_labels)


def _guess(value, number: int) -> int:
    what = tr("your rule's answer for test digit {number}", number=number)
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.shape == (10,):
        raise Wrong(tr("{what} is 10 numbers; a rule should give one digit.", what=what),
                    hint=tr("If you scored all 10 digits, return the best one: int(np.argmax(scores)), "
                            "or int(np.argmin(differences))."))
    if isinstance(value, str) and value.strip().isdigit():
        raise Wrong(tr("{what} is the text {value!r}; return the number itself.", what=what, value=value),
                    hint=tr("Return 7, not '7'."))
    digit = expect_whole_number(value, what, decimals_ok=True)
    if not 0 <= digit <= 9:
        raise Wrong(tr("{what} is {digit}; a rule must give a digit from 0 to 9.", what=what, digit=digit),
                    hint=tr("Did you return a count or a score instead of a digit? Compare it with the typical value "
                            "of each digit and return the digit that is closest, as the bright-pixel rule does: "
                            "int(np.argmin(gaps))."))
    return digit


@exercise(time_budget=TIME_LIMIT, solution='''
# An idea of my own: one count of bright pixels says little, so count them in
# each quarter of the image. Four counts tell a 7 (ink at the top right)
# from a 6 (ink at the bottom left) far better than one.
def quarter_counts(image):
    bright = image > 0.5
    return np.array([bright[:14, :14].sum(), bright[:14, 14:].sum(),
                     bright[14:, :14].sum(), bright[14:, 14:].sum()])

# The typical four counts of each digit, worked out once from the training digits.
# (A new name, so that `typical`, the bright-pixel rule's counts, stays as it is.)
typical_quarters = [np.mean([quarter_counts(image) for image in train_images[train_labels == digit]], axis=0)
                    for digit in range(10)]

def my_rule(image):
    counts = quarter_counts(image)
    gaps = [np.sum((counts - typical_counts) ** 2) for typical_counts in typical_quarters]
    return int(np.argmin(gaps))    # the digit whose typical counts are closest

# It scores about 35%. Smaller blocks do better still: try 4×4 blocks of 7×7 pixels.
''')
def digit_rule(answer):
    """my_rule(image) -> digit: your own rule, scored on the 2,000 test digits; beat the bright-pixel rule."""
    images, labels = load_digits("test")
    baseline = _baseline()
    guesses = np.empty(len(images), dtype=np.int64)
    start = time.perf_counter()
    for number, image in enumerate(images):
        guesses[number] = _guess(call(answer, image, name="my_rule"), number)
        elapsed, done = time.perf_counter() - start, number + 1
        projected = elapsed * len(images) / done
        if projected > TIME_LIMIT and (done >= 50 or elapsed > TRUSTED_AFTER):
            raise Wrong(tr("your rule takes about {ms:.0f} ms per digit, so "
                           "2,000 digits would take about {projected:.0f} s; the check stops here.",
                           ms=elapsed / done * 1000, projected=projected),
                        hint=tr("Work out anything that is the same for every digit (such as average pictures) "
                                "once, before the def, not inside your rule."))
    score = rules.accuracy(guesses, labels)
    counts = np.bincount(guesses, minlength=10)
    report = tr("{score:.1%} of the 2,000 test digits right (guessing: 10.0%, the bright-pixel rule: {baseline:.1%})",
                score=score, baseline=baseline)
    if counts.max() == len(images):
        raise Wrong(tr("your rule says {digit} for every digit: {report}.", digit=int(np.argmax(counts)),
                       report=report),
                    hint=tr("A rule has to look at the image: the answer should change when the image does."))
    if score <= baseline:
        raise Wrong(tr("{report}. Not yet better than counting bright pixels, but keep trying!", report=report),
                    hint=tr("One count says little. Where is the ink? Try counting the bright pixels in the top "
                            "and bottom halves, or in each quarter, and compare with the typical counts of each "
                            "digit."))
    by_digit = rules.accuracy_by_digit(guesses, labels)
    weakest = int(np.argmin(by_digit))
    beaten = tr("the bright-pixel rule")
    if score > _template_score():
        beaten = tr("the bright-pixel rule and even the average-digit rule ({score:.1%})", score=_template_score())
    return tr("{report}. You beat {beaten}! Your weakest digit is {weakest}: {share:.0%} of the "
              "{weakest}s right. {wrong:,} digits are still wrong: "
              "imagine writing rules good enough for all of them.",
              report=report, beaten=beaten, weakest=weakest, share=by_digit[weakest],
              wrong=int(np.sum(guesses != labels)))
