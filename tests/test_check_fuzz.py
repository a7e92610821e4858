"""Generated answers for every exercise: each one gets feedback, none crashes a check, no junk passes.

The answers are what a learner might pass by mistake, and worse: numbers of
every kind (huge ints, NaN, Fractions, Decimals, numpy scalars), text, None,
lists, ragged lists, nested tuples, and functions that raise, call exit(),
return junk or run too long. Every exercise must answer each with a ✓, ✗ or ○
Feedback, never with "checking your answer raised ...", and only a number
that is the right answer may pass.
"""

from __future__ import annotations

import contextlib
import io
import math
import signal
import threading
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nnbook
from checks import run_solution
from nnbook import check
from nnbook.check._core import FAIL, NOT_ATTEMPTED, PASS, Feedback
from nnbook.evaluation import confusion_table

EXERCISES = check.exercises()
TEST_IMAGES, TEST_LABELS = nnbook.load_digits("test")


def _right_numbers() -> dict[str, float]:
    """The right answer of every exercise answered with one number, from its worked solution."""
    network = nnbook.pretrained()
    table = confusion_table(TEST_LABELS, network.predict(TEST_IMAGES))
    names = {"network": network, "test_images": TEST_IMAGES, "test_labels": TEST_LABELS, "table": table}
    right = {}
    for name, exercise in EXERCISES.items():
        if "def " in exercise.solution().code:
            continue
        with contextlib.redirect_stdout(io.StringIO()):
            scope = run_solution(exercise, **names)
        found = [value for key, value in scope.items() if key.startswith(("my_", "answer_"))
                 and isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)]
        if len(found) == 1:
            right[name] = float(found[0])
    return right


RIGHT = _right_numbers()


scalars = st.one_of(
    st.integers(),
    st.integers(min_value=2**64, max_value=2**3000),
    st.integers(max_value=-(2**64)),
    st.builds(pow, st.just(10), st.just(5000)),  # too long even for repr()
    st.floats(),
    st.fractions(),
    st.decimals(),
    st.floats(width=32).map(np.float32),
    st.integers(-(2**63), 2**63 - 1).map(np.int64),
    st.booleans(),
    st.complex_numbers(max_magnitude=1e6),
    st.text(max_size=8),
    st.none(),
    st.just(...),
)

containers = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.lists(inner, max_size=3).map(tuple),
    max_leaves=8,
)

ragged = st.one_of(
    st.just(([1, 2], 3)),
    st.tuples(st.lists(st.integers(0, 9), min_size=2, max_size=3), st.integers(0, 9)),
    st.lists(st.lists(st.floats(0, 1), max_size=3), min_size=2, max_size=4),
)

arrays = st.lists(st.floats(), max_size=12).map(np.array) | st.sampled_from(
    [np.zeros((28, 28)), np.full(784, np.nan), np.zeros(10), np.array("text"), np.array([None, 1]), np.empty((0, 3))])

ERRORS = [ValueError("junk"), SystemExit(3), ZeroDivisionError("division by zero"), RecursionError(), TypeError(),
          IndexError(), KeyError("key"), StopIteration(), AttributeError("a"), MemoryError(), FloatingPointError(),
          NotImplementedError(), OverflowError(), AssertionError()]


def _raising(error):
    def raises(*args):
        raise error
    raises.__name__ = f"a function raising {error!r}"
    return raises


def _returning(value):
    def returns(*args):
        return value
    returns.__name__ = f"a function returning a {type(value).__name__}"
    return returns


def _label(answer) -> str:
    """A test id without memory addresses, so that every pytest-xdist worker collects the same tests."""
    return answer.__name__ if callable(answer) else repr(answer)


def _slow(value):
    def slow(*args):
        time.sleep(0.02)
        return args[0] if value is None else value
    return slow


functions = st.one_of(
    st.sampled_from(ERRORS).map(_raising),
    (scalars | containers | ragged | arrays).map(_returning),
    st.sampled_from([None, 0, np.zeros(10)]).map(_slow),
    st.sampled_from([lambda *args: args, lambda *args: [np.zeros(3), 5], lambda *args: print("hi")]),
)

answers = st.one_of(scalars, containers, ragged, arrays, functions)


@contextlib.contextmanager
def short_budget(exercise, seconds: float):
    """Let the learner's functions run only ``seconds`` during this exercise's checks."""
    before, exercise.time_budget = exercise.time_budget, seconds
    try:
        yield
    finally:
        exercise.time_budget = before


def judged(name: str, answer) -> Feedback:
    """Check ``answer``; the feedback must be a verdict on the answer, never a crash of the check."""
    exercise = EXERCISES[name]
    with short_budget(exercise, 0.1), contextlib.redirect_stdout(io.StringIO()):
        feedback = exercise(answer)
    assert isinstance(feedback, Feedback)
    assert feedback.status in (PASS, FAIL, NOT_ATTEMPTED)
    assert "checking your answer raised" not in feedback.message, feedback
    assert str(feedback).startswith(("✓", "✗", "○"))
    if feedback.status == PASS:
        assert name in RIGHT, f"{answer!r:.80} passed {name}"
        assert math.isclose(float(answer), RIGHT[name], rel_tol=1e-9, abs_tol=1e-9), f"{answer!r:.80} passed {name}"
    return feedback


FAST = settings(derandomize=True, max_examples=12, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.mark.parametrize("name", list(EXERCISES))
@FAST
@given(answer=answers)
def test_every_exercise_gives_feedback_to_any_answer_and_lets_no_junk_pass(name, answer):
    judged(name, answer)


@pytest.mark.parametrize("name", list(EXERCISES))
@pytest.mark.parametrize("answer", [
    2**64, 10**400, Fraction(-6), Fraction(1, 3), Decimal("1.4"), Decimal("sNaN"), float("nan"), -math.inf,
    np.float32(1.4000001), np.int64(7), ([1, 2], 3), (12, 960), "12,960", None, ..., [np.zeros(3), 5],
    _raising(SystemExit(0)), _raising(ValueError("bad")), _returning([np.zeros(3), 5]), _returning(10**400),
], ids=_label)
def test_every_exercise_gives_feedback_to_known_troublemakers(name, answer):
    judged(name, answer)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="stopping a running function needs SIGALRM")
@pytest.mark.parametrize("name", [name for name, exercise in EXERCISES.items() if "def " in exercise.solution().code])
def test_a_function_that_never_returns_is_stopped_when_its_time_is_up(name):
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("only the main thread can be interrupted by a signal")

    def forever(*args):
        while True:
            pass

    start = time.perf_counter()
    feedback = judged(name, forever)
    assert feedback.status == FAIL
    assert "was still running" in feedback.message and "the check stopped it" in feedback.message
    assert time.perf_counter() - start < 5.0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), "the timer is switched off again"
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None), "the SIGALRM handler is given back"


def test_keyboard_interrupt_is_never_swallowed():
    def interrupted(*args):
        raise KeyboardInterrupt

    for exercise in EXERCISES.values():
        if "def " in exercise.solution().code:
            with pytest.raises(KeyboardInterrupt):
                exercise(interrupted)
