"""The machinery behind the self-checks: exercises, feedback and solutions.

An exercise is a *judge*: a function that looks at the learner's answer and
either returns a short message of praise, or raises :class:`Wrong` with a
specific, kind explanation and a hint. :class:`Exercise` wraps the judge so
that a learner can never crash it:

- an untouched stub (``...``, or a function that returns ``...``) gives
  "not attempted yet";
- a function that raises, returns ``None`` or returns the wrong type gets
  feedback that says so;
- a bug in the answer never becomes a traceback.

Writing a judge::

    @exercise(solution='''
    def double(x):
        return 2 * x
    ''')
    def double(answer):
        \"\"\"Write double(x), which returns twice x.\"\"\"
        result = call(answer, 3)
        expect_number(result, "double(3)")
        if result == 3:
            raise Wrong("double(3) gave 3, the input itself.", hint="Multiply by 2.")
        ...
        return "double works."
"""

from __future__ import annotations

import contextlib
import io
import numbers
import re
import sys
import textwrap

import numpy as np

PASS, FAIL, NOT_ATTEMPTED = "correct", "not yet right", "not attempted yet"


class Wrong(Exception):
    """Raised by a judge: the answer is wrong in the way ``message`` says."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint


class NotAttempted(Exception):
    """Raised when the answer is still the untouched stub."""


class Feedback:
    """The result of a check: ``status`` is correct, not yet right or not attempted yet."""

    def __init__(self, exercise: str, status: str, message: str, hint: str | None = None):
        self.exercise, self.status, self.message, self.hint = exercise, status, message, hint

    @property
    def passed(self) -> bool:
        return self.status == PASS

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        if self.status == PASS:
            return f"✓ {self.exercise}: {self.message}"
        if self.status == NOT_ATTEMPTED:
            return f"○ {self.exercise}: not attempted yet. {self.message}"
        text = f"✗ {self.exercise}: {self.message}"
        return text + (f"\n  Hint: {self.hint}" if self.hint else "")

    __repr__ = __str__


class Solution:
    """A worked solution; shown as code when displayed."""

    def __init__(self, exercise: str, code: str):
        self.exercise, self.code = exercise, textwrap.dedent(code).strip("\n")

    def __repr__(self) -> str:
        return f"# A worked solution for {self.exercise}:\n{self.code}"


class Exercise:
    """A self-check: call it with your answer, or call ``.solution()`` to see one."""

    def __init__(self, judge, solution: str, name: str | None = None, stub_hint: str | None = None):
        self.judge = judge
        self.name = name or judge.__name__
        self._solution = solution
        self.stub_hint = stub_hint or "Replace the ... with your answer, run the cell, then run this check again."
        self.__doc__ = judge.__doc__

    def __call__(self, answer=..., *more) -> Feedback:
        if more:
            return Feedback(
                self.name, FAIL,
                f"this check takes one answer, but you gave it {1 + len(more)}.",
                f"If your answer has several parts, pass them together in brackets: check.{self.name}((part1, part2)).",
            )
        try:
            if answer is ...:
                raise NotAttempted
            praise = self.judge(answer)
        except NotAttempted:
            return Feedback(self.name, NOT_ATTEMPTED, self.stub_hint)
        except Wrong as wrong:
            hint = wrong.hint.replace("check.NAME", f"check.{self.name}") if wrong.hint else None
            return Feedback(self.name, FAIL, wrong.message, hint)
        except Exception as error:  # a learner's answer must never crash the notebook
            return Feedback(
                self.name, FAIL,
                f"checking your answer raised {type(error).__name__}: {error}",
                "Run your answer on its own first, to see where it goes wrong.",
            )
        return Feedback(self.name, PASS, praise or "well done.")

    def solution(self) -> Solution:
        """One worked solution. Try the exercise yourself first!"""
        return Solution(self.name, self._solution)

    def __repr__(self) -> str:
        first = (self.__doc__ or "").strip().splitlines()[:1]
        return f"<exercise {self.name}: {first[0] if first else ''} (call it with your answer; .solution() shows one)>"


def exercise(solution: str, name: str | None = None, stub_hint: str | None = None):
    """Turn a judge function into an :class:`Exercise` (use as a decorator)."""
    return lambda judge: Exercise(judge, solution, name=name, stub_hint=stub_hint)


def call(function, *args, name: str | None = None):
    """Call the learner's function, turning every way it can fail into feedback."""
    label = name or getattr(function, "__name__", "your function")
    if function is ...:
        raise NotAttempted
    if not callable(function):
        raise Wrong(f"expected a function, got {type(function).__name__} {function!r:.60}.",
                    hint="Pass the function itself, without brackets: check.NAME(my_function), not check.NAME(my_function()).")
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            result = function(*args)
    except NotImplementedError:
        raise NotAttempted from None
    except Exception as error:
        shown = ", ".join(_short(a) for a in args)
        raise Wrong(f"{label}({shown}) raised {type(error).__name__}: {error}",
                    hint="Run your function on this input yourself, and read the error from the bottom up.") from None
    finally:
        # The learner's own prints still show, after the check has seen them.
        sys.stdout.write(printed.getvalue())
    if result is ...:
        raise NotAttempted
    if result is None and printed.getvalue():
        raise Wrong(f"{label} printed its answer but returned None.",
                    hint="print shows a value on the screen; return hands it back. End with `return ...` instead of print.")
    if result is None:
        raise Wrong(f"{label} returned None.", hint="Did you forget the `return` line?")
    return result


def expect_pair(answer, first: str, second: str):
    """The answer must be a pair ``(first, second)``; an untouched half means not attempted."""
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Wrong(f"expected a pair ({first}, {second}), got {type(answer).__name__}.",
                    hint=f"Check it with check.NAME(({first}, {second})), with both in brackets.")
    if answer[0] is ... or answer[1] is ...:
        raise NotAttempted
    return answer


def expect_number(value, what: str) -> float:
    """The answer must be one real, finite number."""
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.item()
    if isinstance(value, str):
        text = value.strip().replace(",", "") if re.fullmatch(r"\s*-?\d{1,3}(,\d{3})+\s*", value) else value.strip()
        if value.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            float(text)
        except ValueError:
            raise Wrong(f"{what} should be one number, got str {value!r:.60}.",
                        hint="Write the number with digits, without quotes, e.g. 1.4") from None
        if re.fullmatch(r"\s*-?\d{1,3}(,\d{3})+\s*", value):
            hint = f"Leave out the quotes, and write the number without commas: {value.strip().replace(',', '')}."
        elif "," in value:
            hint = "Python writes decimals with a dot: 1.4, not 1,4."
        else:
            hint = "Leave out the quotes."
        raise Wrong(f"{what} should be one number, got str {value!r}: text, because it is in quotes.", hint=hint)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise Wrong(f"{what} should be one number, got {type(value).__name__} {value!r:.60}.")
    if not np.isfinite(value):
        raise Wrong(f"{what} is {value}, not a finite number.",
                    hint="Look for a division by zero or an exponential that grew too large.")
    return float(value)


def expect_array(value, what: str, shape=None) -> np.ndarray:
    """The answer must be an array of finite numbers (with ``shape``, if given)."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Wrong(f"{what} should be an array of numbers, got {type(value).__name__}.") from None
    if shape is not None and array.shape != tuple(shape):
        raise Wrong(f"{what} should have shape {tuple(shape)}, got {array.shape}.")
    if not np.all(np.isfinite(array)):
        raise Wrong(f"{what} contains NaN or infinity.",
                    hint="Look for a division by zero or an exponential that grew too large.")
    return array


def _short(value) -> str:
    if isinstance(value, np.ndarray):
        return f"<array {value.shape}>"
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + "..."
