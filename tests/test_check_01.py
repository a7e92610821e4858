"""The self-checks of notebook 01: right answers pass, each typical mistake gets its own feedback."""

import time

import numpy as np
import pytest

import nnbook
from checks import fails, not_attempted, passes, run_solution, stub
from nnbook import check, rules
from nnbook.check import n01_pixels

TRAIN_IMAGES, TRAIN_LABELS = nnbook.load_digits("train")


# pixel_number (core) ---------------------------------------------------------------

@pytest.mark.parametrize("answer", [295, 28 * 10 + 15, 295.0, np.int64(295), np.array(295)])
def test_pixel_number_accepts_295(answer):
    feedback = passes(check.pixel_number(answer))
    assert "28 × 10 + 15 = 295" in str(feedback)


def test_pixel_number_is_where_the_pixel_really_lands(train_digits):
    image = train_digits[0][5]
    assert image.reshape(784)[295] == image[10, 15]


@pytest.mark.parametrize("answer, phrases", [
    (28 * 15 + 10, ["swapped row and column", "(10, 15)"]),
    (296, ["one too high", "counts from 0"]),
    (294, ["one too low"]),
    (28 * 11 + 15, ["one row too many", "rows 0 to 9"]),
    (28 * 11 + 16, ["counted rows and columns from 1"]),
    (27 * 10 + 15, ["28 pixels, not 27"]),
    (25, ["adds the row and the column"]),
    (150, ["multiplies the row by the column"]),
    (280, ["280 is where row 10 starts", "15 steps"]),
    (784, ["length of the whole list"]),
    (300, ["300 is not the number of pixel (10, 15)", "28 × row + column"]),
    (295.5, ["295.5 is not the number"]),
    ("28 * 10 + 15", ["the text '28 * 10 + 15'", "does not calculate what is inside quotes",
                      "my_answer = 28 * 10 + 15"]),
    ("295", ["should be one number, got the text '295'"]),
    ([10, 15], ["should be one number, got list"]),
    (True, ["should be one number, got bool"]),
])
def test_pixel_number_explains_each_typical_mistake(answer, phrases):
    fails(check.pixel_number(answer), *phrases)


def test_pixel_number_stub_and_solution():
    not_attempted(check.pixel_number(...))
    passes(check.pixel_number(run_solution(check.pixel_number)["my_answer"]))


# why_rules_fail (core) -------------------------------------------------------------

def test_why_rules_fail_b_is_right_and_says_how_much_a_shift_costs(train_digits, test_digits, pretrained_net):
    (images, labels), (test, test_labels) = train_digits, test_digits
    averages = rules.average_digits(images, labels)
    before = rules.accuracy(rules.guess_by_template(test, averages), test_labels)
    moved = rules.accuracy(rules.guess_by_template(rules.shifted(test, 2), averages), test_labels)
    network = pretrained_net.accuracy(test, test_labels)
    for answer in ("B", "b", " B "):
        feedback = passes(check.why_rules_fail(answer))
        assert f"it reads only {moved:.1%} of them instead of {before:.1%}" in str(feedback)
        assert f"reads {network:.1%} of the test digits" in str(feedback)
    assert moved < before - 0.2


def test_why_rules_fail_a_shows_that_more_examples_hardly_help(train_digits, test_digits):
    (images, labels), (test, test_labels) = train_digits, test_digits
    scores = [rules.accuracy(rules.guess_by_template(test, rules.average_digits(images[:n], labels[:n])), test_labels)
              for n in (1_000, 8_000)]
    fails(check.why_rules_fail("A"), "tempting", f"Built from 1,000 training digits the rule reads {scores[0]:.1%}, "
          f"from all 8,000 {scores[1]:.1%}", "8 times as many", "about one point", "how a picture is compared")
    assert 0.005 < scores[1] - scores[0] < 0.02, "'add about one point'"


def test_why_rules_fail_c_points_at_the_network_reading_the_same_pixels(test_digits, pretrained_net):
    network = pretrained_net.accuracy(*test_digits)
    fails(check.why_rules_fail("C"), "tempting", "same 28×28 pixels", f"reads {network:.1%} of the test digits",
          "line up with its average")


@pytest.mark.parametrize("answer, phrases", [
    ("D", ['one of "A", "B" or "C"', "got str 'D'"]),
    (2, ["got int 2"]),
    ("B and C", ["got str 'B and C'"]),
])
def test_why_rules_fail_refuses_anything_but_one_letter(answer, phrases):
    fails(check.why_rules_fail(answer), *phrases)


def test_why_rules_fail_stub_and_solution():
    not_attempted(check.why_rules_fail(...))
    passes(check.why_rules_fail(run_solution(check.why_rules_fail)["my_choice"]))


# pixel_index -----------------------------------------------------------------

def test_pixel_index_accepts_the_row_by_row_formula():
    passes(check.pixel_index(lambda row, col: 28 * row + col))
    passes(check.pixel_index(lambda row, col: np.int64(28 * row + col)))
    passes(check.pixel_index(lambda row, col: int(np.ravel_multi_index((row, col), (28, 28)))))


@pytest.mark.parametrize("answer, phrases", [
    (lambda r, c: 28 * c + r, ["swapped row and column"]),
    (lambda r, c: 28 * r + c + 1, ["one too high", "index 0"]),
    (lambda r, c: 28 * (r + 1) + c + 1, ["counts rows and columns from 1"]),
    (lambda r, c: 28 * r + c - 1, ["one too low"]),
    (lambda r, c: 27 * r + c, ["28 pixels, not 27"]),
    (lambda r, c: r + c, ["(0, 1) and (1, 0) both get 1"]),
    (lambda r, c: r * c, ["index 0 to the whole first row"]),
    (lambda r, c: 28.0 * r + c, ["pixel_index(0, 0) is the float 0.0, a decimal number", "//"]),
    (lambda r, c: 28 * r + c + 0.5, ["is 0.5, not a whole number"]),
    (lambda r, c: 28 * r + c if r < 27 else 0, ["pixel_index(27, 0) gave 0", "number 756"]),
    (lambda r, c: str(28 * r + c), ["should be a whole number, got the text (str) '0'"]),
    (lambda r, c: (r, c), ["should be one whole number, got tuple (0, 0)"]),
    (lambda r, c: True, ["True/False value"]),
    (lambda r, c: None, ["returned None", "return"]),
    (lambda r, c: [][r], ["raised IndexError"]),
    (lambda r: r, ["raised TypeError"]),
    (784, ["expected a function, got int"]),
])
def test_pixel_index_explains_each_typical_mistake(answer, phrases):
    fails(check.pixel_index(answer), *phrases)


def test_pixel_index_stub_and_solution():
    not_attempted(check.pixel_index(...))
    not_attempted(check.pixel_index(stub))
    passes(check.pixel_index(run_solution(check.pixel_index)["pixel_index"]))


# pixel_position --------------------------------------------------------------

def test_pixel_position_accepts_divmod_in_any_sequence():
    passes(check.pixel_position(lambda i: (i // 28, i % 28)))
    passes(check.pixel_position(lambda i: divmod(i, 28)))
    passes(check.pixel_position(lambda i: [i // 28, i % 28]))
    passes(check.pixel_position(lambda i: np.array([i // 28, i % 28])))
    passes(check.pixel_position(lambda i: tuple(int(x) for x in np.unravel_index(i, (28, 28)))))


@pytest.mark.parametrize("answer, phrases", [
    (lambda i: (i % 28, i // 28), ["row and column are swapped", "(0, 1)"]),
    (lambda i: (i // 28 + 1, i % 28 + 1), ["start at 1"]),
    (lambda i: (i // 28, i % 28 + 1), ["start at 1"]),
    (lambda i: divmod(i, 27), ["28 pixels, not 27"]),
    (lambda i: (i / 28, i % 28), ["the row of pixel_position(0) is the float 0.0, a decimal number", "//"]),
    (lambda i: (int(i / 28 + 0.5), i % 28), ["pixel_position(14) gave (1, 14)", "pixel (0, 14)"]),
    (lambda i: i // 28, ["should give two numbers", "got int"]),
    (lambda i: (i // 28, i % 28, 0), ["got 3 values"]),
    (lambda i: "0, 0", ["should give two numbers", "got str"]),
    (lambda i: (None, None), ["should be a whole number, got NoneType"]),
    (lambda i: divmod(i, 0), ["raised ZeroDivisionError"]),
])
def test_pixel_position_explains_each_typical_mistake(answer, phrases):
    fails(check.pixel_position(answer), *phrases)


def test_pixel_position_stub_and_solution():
    not_attempted(check.pixel_position(...))
    not_attempted(check.pixel_position(stub))
    passes(check.pixel_position(run_solution(check.pixel_position)["pixel_position"]))


# digit_rule ------------------------------------------------------------------

@pytest.fixture(scope="module")
def averages():
    images, labels = nnbook.load_digits("train")
    return rules.average_digits(images, labels)


def test_digit_rule_reports_the_score_and_the_scores_to_compare_with(averages):
    test_images, test_labels = nnbook.load_digits("test")
    expected = rules.accuracy(rules.guess_by_template(test_images, averages), test_labels)
    feedback = passes(check.digit_rule(lambda image: rules.guess_by_template(image, averages)))
    assert f"{expected:.1%} of the 2,000 test digits right" in str(feedback)
    assert "guessing: 10.0%" in str(feedback)
    assert f"the bright-pixel rule: {n01_pixels._baseline():.1%}" in str(feedback)
    assert "digits are still wrong" in str(feedback)


def test_digit_rule_says_when_a_rule_beats_the_average_digit_rule_too():
    images, labels = nnbook.load_digits("test")
    # A rule that cheats, to reach 100%.
    answers = {image.tobytes(): int(label) for image, label in zip(images, labels)}
    feedback = passes(check.digit_rule(lambda image: answers[image.tobytes()]))
    assert "100.0% of the 2,000 test digits right" in str(feedback)
    assert "even the average-digit rule" in str(feedback)


def test_digit_rule_baseline_is_the_bright_pixel_rule_measured_on_the_test_digits():
    train, train_labels = nnbook.load_digits("train")
    test, test_labels = nnbook.load_digits("test")
    typical = rules.typical_counts(train, train_labels)
    guesses = [rules.guess_by_count(image, typical) for image in test]
    assert n01_pixels._baseline() == pytest.approx(np.mean(np.array(guesses) == test_labels))


@pytest.mark.parametrize("answer, phrases", [
    (lambda image: 1, ["your rule says 1 for every digit", "has to look at the image"]),
    (lambda image: 1 if image[14, 14] > 0.5 else 0, ["Not yet better than counting bright pixels", "quarter"]),
    (lambda image: 12, ["test digit 0 is 12", "from 0 to 9"]),
    (lambda image: int(np.sum(image > 0.5)), ["from 0 to 9", "a count or a score", "np.argmin"]),
    (lambda image: -1, ["from 0 to 9"]),
    (lambda image: "7", ["the text '7'", "return the number itself"]),
    (lambda image: 2.5, ["not a whole number"]),
    (lambda image: np.zeros(10), ["is 10 numbers", "argmax"]),
    (lambda image: None, ["returned None"]),
    (lambda image: image[30, 30], ["raised IndexError"]),
    (lambda: 3, ["raised TypeError"]),
    ("my_rule", ["expected a function, got str"]),
])
def test_digit_rule_explains_each_typical_mistake(answer, phrases):
    fails(check.digit_rule(answer), *phrases)


def test_digit_rule_accepts_a_whole_decimal_number_as_a_digit(averages):
    passes(check.digit_rule(lambda image: float(rules.guess_by_template(image, averages))))


def test_digit_rule_stops_a_slow_rule_with_advice(monkeypatch):
    monkeypatch.setattr(n01_pixels, "TIME_LIMIT", 0.0)

    def slow(image):
        time.sleep(0.001)
        return 0

    fails(check.digit_rule(slow), "ms per digit", "check stops here", "once, before the def")


def test_digit_rule_stub_and_solution():
    not_attempted(check.digit_rule(...))
    not_attempted(check.digit_rule(stub))
    scope = run_solution(check.digit_rule, train_images=TRAIN_IMAGES, train_labels=TRAIN_LABELS)
    feedback = passes(check.digit_rule(scope["my_rule"]))
    assert "You beat the bright-pixel rule" in str(feedback)


def test_digit_rule_solution_leaves_the_notebooks_typical_counts_alone():
    # The notebook's bright-pixel rule reads a global `typical`; running the
    # solution in the notebook must not replace it.
    typical = object()
    train_images, train_labels = nnbook.load_digits("train")
    scope = {"np": np, "train_images": train_images, "train_labels": train_labels, "typical": typical}
    exec(check.digit_rule.solution().code, scope)
    assert scope["typical"] is typical


def test_digit_rule_stops_a_very_slow_rule_after_a_few_digits_not_fifty(monkeypatch):
    """A rule taking T s per digit used to run 50·T s before the check said anything."""
    monkeypatch.setattr(n01_pixels, "TIME_LIMIT", 1.0)
    monkeypatch.setattr(n01_pixels, "TRUSTED_AFTER", 0.05)
    calls = []

    def very_slow(image):
        calls.append(1)
        time.sleep(0.03)
        return 0

    fails(check.digit_rule(very_slow), "ms per digit", "check stops here")
    assert len(calls) <= 3
