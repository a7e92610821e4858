"""The self-check machinery: nothing a learner passes can crash it."""

import importlib
import pkgutil
import signal
import sys
import threading
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import nnbook
from checks import fails, passes
from nnbook import check
from nnbook.check import _core
from nnbook.check._core import (
    Exercise,
    NotAttempted,
    Wrong,
    call,
    exercise,
    expect_array,
    expect_number,
    expect_pair,
    expect_whole_number,
    matches,
    num,
)


@exercise(solution="def double(x):\n    return 2 * x\n", registry={})
def double(answer):
    """Write double(x)."""
    result = expect_number(call(answer, 3), "double(3)")
    if result == 3:
        raise Wrong("double(3) gave 3, the input itself.", hint="Multiply by 2.")
    if result != 6:
        raise Wrong(f"double(3) gave {result:g}, expected 6.")
    return "double works."


def test_a_right_answer_passes():
    feedback = double(lambda x: 2 * x)
    assert feedback.passed and bool(feedback)
    assert str(feedback) == "✓ double: double works."


def test_the_untouched_stub_is_not_attempted():
    def stub(x):
        return ...

    for answer in (..., stub, lambda x: (_ for _ in ()).throw(NotImplementedError())):
        feedback = double(answer)
        assert feedback.status == _core.NOT_ATTEMPTED and not feedback
        assert str(feedback).startswith("○ double: not attempted yet.")


def test_a_specific_wrong_answer_gets_its_message_and_hint():
    feedback = double(lambda x: x)
    assert feedback.status == _core.FAIL
    assert str(feedback) == "✗ double: double(3) gave 3, the input itself.\n  Hint: Multiply by 2."


def test_answers_that_raise_return_none_or_are_not_functions():
    assert "raised ZeroDivisionError: division by zero" in str(double(lambda x: x / 0))
    assert "returned None" in str(double(lambda x: None)) and "forget the `return` line" in str(double(lambda x: None))
    assert "expected a function, got int" in str(double(6))
    assert "should be one number, got the text '6' (a str, because it is in quotes)" in str(double(lambda x: "6"))
    assert "not a finite number" in str(double(lambda x: float("nan")))


def test_two_answers_instead_of_one_get_a_friendly_message():
    feedback = double(lambda x: 2 * x, 5)
    assert feedback.status == _core.FAIL
    assert "takes one answer, but you gave it 2" in str(feedback)
    assert "check.double((part1, part2))" in str(feedback)


def test_a_bug_in_checking_becomes_feedback_not_a_traceback():
    @exercise(solution="", registry={})
    def fragile(answer):
        return answer["key"]

    feedback = fragile(3)
    assert feedback.status == _core.FAIL and "TypeError" in str(feedback)


def test_solution_is_shown_as_code_and_passes():
    solution = double.solution()
    assert repr(solution).startswith("# A worked solution for double:\ndef double(x):")
    scope = {}
    exec(solution.code, scope)
    assert double(scope["double"]).passed


def test_expect_array_checks_shape_and_values():
    assert expect_array([1, 2], "x", shape=(2,)).tolist() == [1.0, 2.0]
    for value, message in (([1, 2, 3], "should have shape (2,)"), ([1, np.inf], "contains NaN or infinity"),
                           (["a", "b"], "array of numbers")):
        try:
            expect_array(value, "x", shape=(2,))
        except Wrong as wrong:
            assert message in wrong.message
        else:
            raise AssertionError(f"{value!r} was accepted")


def test_numbers_written_as_text_get_a_specific_hint():
    for text, hint in (("6", "Leave out the quotes"), ("1,4", "with a dot: 1.4"), ("six", "with digits"),
                       ("12,960", "the thousands comma: 12960")):
        try:
            expect_number(text, "your answer")
        except Wrong as wrong:
            assert hint in wrong.hint, (text, wrong.hint)
        else:
            raise AssertionError(f"{text!r} was accepted")


def test_printing_instead_of_returning_is_named(capsys):
    def prints(x):
        print(2 * x)

    feedback = double(prints)
    assert "printed its answer but returned None" in str(feedback)
    assert "return hands it back" in str(feedback)
    assert capsys.readouterr().out == "6\n", "the learner's own print still shows"


def test_hints_name_the_real_exercise():
    assert "check.double(my_function), not check.double(my_function())" in str(double(6))


LESSONS = sorted(module.name for module in pkgutil.iter_modules(check.__path__) if not module.name.startswith("_"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_exercise_of_a_lesson_is_registered_once_and_reachable_as_check_name(lesson):
    module = importlib.import_module(f"nnbook.check.{lesson}")
    mine = {name for name, value in vars(module).items() if isinstance(value, Exercise)}
    assert mine and mine == set(module.__all__)
    for name in mine:
        assert check.exercises()[name] is getattr(module, name) is getattr(check, name)
        assert name in dir(check) and name in check.__all__
    from_elsewhere = {name for other in LESSONS if other != lesson
                      for name in importlib.import_module(f"nnbook.check.{other}").__all__}
    assert not mine & from_elsewhere


def test_the_registry_holds_exactly_the_lessons_exercises_in_notebook_order():
    names = list(check.exercises())
    in_lesson_order = [name for lesson in check.LESSONS for name in lesson.__all__]
    assert [lesson.__name__.rsplit(".", 1)[1] for lesson in check.LESSONS] == LESSONS
    assert len(names) == len(set(names)) and sorted(names) == sorted(in_lesson_order)
    notebook_of = {name: position for position, lesson in enumerate(check.LESSONS) for name in lesson.__all__}
    assert [notebook_of[name] for name in names] == sorted(notebook_of[name] for name in names)


def test_two_exercises_with_one_name_are_refused_with_a_clear_error():
    registry = {}

    def first(answer):
        return "first"

    def second(answer):
        return "second"

    exercise(solution="", name="twice", registry=registry)(first)
    with pytest.raises(ValueError, match=r"two exercises are named 'twice'.*first and .*second.*another name"):
        exercise(solution="", name="twice", registry=registry)(second)
    assert registry["twice"].judge is first


def test_defining_the_same_judge_again_replaces_it_as_a_module_reload_does():
    registry = {}

    def judge(answer):
        return "old"

    exercise(solution="", registry=registry)(judge)
    exercise(solution="", registry=registry)(judge)
    assert list(registry) == ["judge"]


# Numbers of every kind ----------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (2**64, float(2**64)), (Fraction(-6), -6.0), (Fraction(1, 4), 0.25), (Decimal("1.5"), 1.5),
    (np.float32(0.5), 0.5), (np.int64(7), 7.0), (np.array(3.0), 3.0), (np.array([2]), 2.0),
])
def test_expect_number_reads_every_kind_of_real_number(value, expected):
    assert expect_number(value, "x") == expected


@pytest.mark.parametrize("value, phrases", [
    (10**400, ["far too large", "int with about 400 digits", "1.8 × 10^308"]),
    pytest.param(10**5000, ["far too large", "int with about 5000 digits"], id="10**5000"),
    (float("nan"), ["not a finite number"]),
    (Decimal("sNaN"), ["should be one number"]),
    (1 + 2j, ["should be one number, got complex"]),
    (True, ["should be one number, got bool"]),
    (([1, 2], 3), ["should be one number, got tuple ([1, 2], 3)"]),
    ((12, 960), ["2 separate numbers", "comma separates"]),
])
def test_expect_number_explains_what_is_not_one_number(value, phrases):
    with pytest.raises(Wrong) as caught:
        expect_number(value, "x")
    text = f"{caught.value.message} {caught.value.hint}"
    for phrase in phrases:
        assert phrase in text


@pytest.mark.parametrize("exercise, answer, number", [
    ("first_layer_connections", (12, 544), "12544"),
    ("parameters_784_30_10", (23, 860), "23860"),
    ("passing_count", (1, 234), "1234"),
    ("multiplications_per_image", (12, 960), "12960"),
])
def test_every_number_exercise_explains_a_thousands_comma(exercise, answer, number):
    feedback = fails(check.exercises()[exercise](answer), "Python read it as 2 separate numbers")
    assert f"Leave out the thousands comma: {number}" in feedback.hint


@pytest.mark.parametrize("exercise, answer", [
    ("first_layer_connections", 2**64), ("threshold_bias", Fraction(-7)), ("half_active_sum", Decimal("9.5")),
    ("largest_image_cost", 10**400), ("sigmoid_fade_depth", Fraction(21, 2)), ("confident_mistake", 2**70),
    ("most_confused_pair", (Fraction(4), 10**400)), ("steep_neuron", (Fraction(1, 2), 10**400)),
])
def test_huge_and_unusual_numbers_get_feedback_not_a_numpy_error(exercise, answer):
    feedback = fails(check.exercises()[exercise](answer))
    assert "checking your answer raised" not in feedback.message


def test_a_fraction_that_is_right_passes():
    passes(check.threshold_bias(Fraction(-6)))
    passes(check.first_layer_connections(np.uint64(12_544)))


@pytest.mark.parametrize("value, expected", [(7, 7), (np.int8(7), 7), (Fraction(14, 2), 7), (np.array([7]), 7),
                                             (2**70, 2**70)])
def test_expect_whole_number_reads_whole_numbers(value, expected):
    assert expect_whole_number(value, "x") == expected


@pytest.mark.parametrize("value, phrases", [
    (7.0, ["x is the float 7.0, a decimal number", "//", "int(...)"]),
    (7.5, ["x is 7.5, not a whole number"]),
    ("7", ["got the text (str) '7'", "Leave out the quotes"]),
    (True, ["got the bool True, a True/False value"]),
    ([1, 2], ["one whole number, got list [1, 2]", "Pick one element"]),
    ((1, 234), ["2 separate numbers"]),
    (None, ["should be a whole number, got NoneType None"]),
    (float("inf"), ["not a finite number"]),
])
def test_expect_whole_number_explains_what_is_not_a_whole_number(value, phrases):
    with pytest.raises(Wrong) as caught:
        expect_whole_number(value, "x")
    text = f"{caught.value.message} {caught.value.hint}"
    for phrase in phrases:
        assert phrase in text


def test_a_whole_decimal_number_counts_where_decimals_are_allowed():
    assert expect_whole_number(7.0, "x", decimals_ok=True) == 7


def test_expect_pair_shows_an_example_or_how_to_pass_two_parts():
    with pytest.raises(Wrong) as caught:
        expect_pair(5, "scale", "bias", example="my_answer = (1.5, -15)")
    assert caught.value.message == "expected a pair (scale, bias), got int 5."
    assert caught.value.hint == "Write it like my_answer = (1.5, -15)."
    with pytest.raises(Wrong) as caught:
        expect_pair([1, 2, 3], "a", "b")
    assert "got 3 values" in caught.value.message and "check.NAME((a, b))" in caught.value.hint
    with pytest.raises(NotAttempted):
        expect_pair((1, ...), "a", "b")
    assert expect_pair([1, 2], "a", "b") == (1, 2)


def test_ragged_answers_are_named_as_mixing_lists_and_numbers():
    for value in (([1, 2], 3), [[1, 2], [3]], [np.zeros(3), 5]):
        with pytest.raises(Wrong, match="mixes lists and numbers"):
            expect_array(value, "x")
    fails(check.batch_weighted_sums(lambda weights, images: [np.zeros(3), 5]), "mixes lists and numbers")
    fails(check.accuracy_per_digit(lambda table: [[0.5, 0.5], 0.5]), "mixes lists and numbers")


def test_arrays_of_complex_numbers_or_dates_are_not_numbers():
    with pytest.raises(Wrong, match="complex numbers"):
        expect_array(np.ones(3, dtype=complex), "x")
    with pytest.raises(Wrong, match="should be an array of numbers"):
        expect_array(np.array(["2020-01-01"], dtype="datetime64[D]"), "x")


# Near misses: right to about 7 digits ---------------------------------------------

def test_matches_names_an_answer_right_only_to_about_7_digits():
    assert matches(1.4, 1.4, "x") and matches(np.ones(3), np.ones(3), "x")
    assert not matches(1.5, 1.4, "x") and not matches(np.ones(2), np.ones(3), "x")
    with pytest.raises(Wrong) as caught:
        matches(float(np.float32(1.4)), 1.4, "your answer")
    assert caught.value.message.startswith("your answer is 1.399999976158142, and the exact answer is 1.4.")
    assert "right to about 7 digits" in caught.value.message and "float32" in caught.value.hint
    with pytest.raises(Wrong, match=r"at index \(1, 0\) you have 2.000001, where the exact value is 2.0"):
        matches([[1.0, 1.0], [2.000001, 1.0]], [[1.0, 1.0], [2.0, 1.0]], "x")


def test_num_shows_every_digit_only_where_short_would_hide_a_difference():
    assert num(1.4) == "1.4" and num(-6.0) == "-6" and num(1 / 6) == "0.166667" and num(12_544.0) == "12544"
    assert num(1.4000001) == "1.4000001" and num(-6.0000001) == "-6.0000001"
    assert num(12_960.0, thousands=True) == "12,960" and num(12_960.000001, thousands=True) == "12960.000001"


def _float32_layer(W, b, a):
    return nnbook.sigmoid(W.astype(np.float32) @ a.astype(np.float32) + b.astype(np.float32))


def _float32_network(weights, biases, A):
    A = A.astype(np.float32)
    for W, b in zip(weights, biases):
        A = 1 / (1 + np.exp(-(A @ W.T.astype(np.float32) + b.astype(np.float32))))
    return A


def _float32_sigmoid(x):
    x = np.asarray(x, dtype=np.float32)
    small = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))


@pytest.mark.parametrize("exercise, answer, shown", [
    ("tiny_weighted_sum", np.float32(1.4000001), "1.4000000953674316"),
    ("threshold_bias", -6.0000001, "-6.0000001"),
    ("half_active_sum", np.float32(10.000001), "10.000000953674316"),
    ("stable_sigmoid", _float32_sigmoid, "0.8807970285415649"),
    ("batch_weighted_sums", lambda w, images: np.sum((w * images).astype(np.float32), axis=(1, 2)), "at index"),
    ("layer_function", _float32_layer, "at index"),
    ("network_on_batch", _float32_network, "at index (0, 0)"),
    ("largest_image_cost", 10.000001, "10.000001"),
])
def test_an_answer_right_to_about_7_digits_is_called_exactly_that(exercise, answer, shown):
    feedback = fails(check.exercises()[exercise](answer), shown, "right to about 7 digits")
    assert "float32" in feedback.hint


# The learner's numpy settings -----------------------------------------------------

def test_checks_work_under_np_seterr_all_raise_and_leave_it_as_it_was():
    """np.seterr(all="raise") is a common way to hunt NaNs; the judges' own arithmetic must not trip over it."""
    with np.errstate(all="raise"):
        fails(check.half_active_sum(1000), "too high")
        fails(check.half_active_sum(-1000), "too low")
        fails(check.steep_neuron((1e308, -1e308)), "already on there")
        fails(check.ones_vs_zeros((np.full((28, 28), 1e308), 0)), "It fires for every digit")
        assert np.geterr()["under"] == "raise"


def test_the_learners_function_runs_with_the_learners_own_numpy_settings():
    seen = []

    def records(x):
        seen.append(np.geterr()["over"])
        return 2 * x

    with np.errstate(over="raise"):
        double(records)
    assert seen == ["raise"]


# exit(), Ctrl-C and the time budget --------------------------------------------

def test_exit_inside_the_learners_function_is_feedback():
    feedback = fails(double(lambda x: sys.exit(0)), "<lambda>(3) called exit()", "hands its answer back with return")
    assert feedback.hint.startswith("A function hands its answer back with return")


def test_exit_inside_the_learners_answer_is_feedback():
    class Exits(float):
        def __float__(self):
            raise SystemExit(1)

    fails(check.threshold_bias(Exits(3.0)), "your answer called exit()")


def test_ctrl_c_stops_a_check():
    def interrupted(x):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        double(interrupted)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="stopping a running function needs SIGALRM")
def test_a_function_that_never_returns_is_stopped_and_the_timer_given_back():
    def forever(x):
        while True:
            pass

    budgeted = exercise(solution="", registry={}, time_budget=0.05)(double.judge)
    fails(budgeted(forever), "forever(3) was still running", "used up the 0.05 s", "never ends")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)


def test_without_a_signal_the_check_stops_after_the_first_call_over_budget():
    """Outside the main thread Python cannot interrupt a function; the budget still ends the check."""
    calls = []

    def slow(x):
        calls.append(x)
        time.sleep(0.03)
        return 2 * x

    @exercise(solution="", registry={}, time_budget=0.05)
    def many_calls(answer):
        for x in range(100):
            call(answer, x)
        return "all done"

    feedbacks = []
    worker = threading.Thread(target=lambda: feedbacks.append(many_calls(slow)))
    worker.start()
    worker.join()
    fails(feedbacks[0], "your function has run for", "more than the 0.05 s this check allows")
    assert len(calls) == 2


def test_a_timer_someone_else_runs_is_left_alone():
    if not hasattr(signal, "setitimer"):
        pytest.skip("no interval timers here")
    previous = signal.signal(signal.SIGALRM, lambda *args: None)
    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        passes(double(lambda x: 2 * x))
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Hints call() reads from the error -------------------------------------------

@pytest.mark.parametrize("function, phrase", [
    (lambda x: undefined_name + x, "Python does not know the name 'undefined_name'"),  # noqa: F821
    (lambda x: sigmoid(x), "nnbook.sigmoid"),  # noqa: F821
    (lambda x: 1 if np.arange(3) > x else 0, "np.where"),
    (lambda x: np.ones((2, 3)) @ np.ones((2, 3)), "inner numbers must match"),
    (lambda x: np.max(0, np.arange(3) > x), "np.maximum(x, y) compares two arrays"),
])
def test_call_hints_at_the_usual_errors(function, phrase):
    feedback = fails(double(function), "raised")
    assert phrase in feedback.hint


def test_a_decimal_comma_is_explained_as_python_reads_it():
    """A Dutch learner writes 1,4 for 1.4; Python reads the tuple (1, 4)."""
    with pytest.raises(Wrong) as wrong:
        expect_number((1, 4), "your sum")
    assert "two numbers, (1, 4)" in wrong.value.message
    assert wrong.value.hint == "Python writes decimals with a point: 1.4, not 1,4."
    with pytest.raises(Wrong) as wrong:
        expect_number((-2, 75), "your sum")
    assert "-2.75" in wrong.value.hint
    with pytest.raises(Wrong) as thousands:
        expect_number((12, 960), "your count")
    assert "12960" in thousands.value.hint
    with pytest.raises(Wrong) as three:
        expect_number((1, 2, 3), "your sum")
    assert "point" not in (three.value.hint or "")
