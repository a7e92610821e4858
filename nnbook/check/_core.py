"""The machinery behind the self-checks: exercises, feedback and solutions.

An exercise is a *judge*: a function that looks at the learner's answer and
either returns a short message of praise, or raises :class:`Wrong` with a
specific, kind explanation and a hint. :class:`Exercise` wraps the judge so
that a learner can never crash it:

- an untouched stub (``...``, or a function that returns ``...``) gives
  "not attempted yet";
- a function that raises, calls ``exit()``, returns ``None``, returns the
  wrong type or runs too long gets feedback that says so;
- a bug in the answer never becomes a traceback (only Ctrl-C stops a check).

Writing a judge::

    @exercise(solution='''
    def double(x):
        return 2 * x
    ''')
    def double(answer):
        \"\"\"Write double(x), which returns twice x.\"\"\"
        result = expect_number(call(answer, 3), "double(3)")
        if matches(result, 6, "double(3)"):
            return tr("double works.")
        if result == 3:
            raise Wrong(tr("double(3) gave 3, the input itself."), hint=tr("Multiply by 2."))
        ...

Every text a learner reads goes through :func:`~nnbook.language.tr`, with
the English in the code and its Dutch twin in ``nnbook/locale/nl/*.json``
(CONTRIBUTING.md, "How the package speaks Dutch").

``@exercise`` also registers the exercise in :data:`EXERCISES` under its
name, which is how ``check.double`` finds it; two exercises with one name are
refused. An exercise belongs to the notebook its module names in
``NOTEBOOK``; each check and each solution opened is added to the learner's
progress record (:mod:`nnbook.progress`). The ``expect_*`` helpers turn whatever the learner gave into a
number, a whole number, a pair or an array, or explain what it was instead.
:func:`matches` compares with the right value and names an answer that is
right only to about 7 digits (float32 arithmetic, or rounding).
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import math
import numbers
import re
import signal
import sys
import textwrap
import threading
import time

import numpy as np

from ..language import tr, tr_known, tr_solution
from ..progress import record

PASS, FAIL, NOT_ATTEMPTED = "correct", "not yet right", "not attempted yet"

TIME_BUDGET = 30.0
"""Seconds the learner's functions may run, all calls together, while one exercise checks them."""

NEAR = 1e-6
"""Relative difference below which a wrong number is "right to about 7 digits": float32, or rounded."""

_THOUSANDS = re.compile(r"\s*-?\d{1,3}(,\d{3})+\s*")
"""Text such as "12,960": a number written with thousands commas."""


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
            return tr("○ {exercise}: not attempted yet. {message}", exercise=self.exercise, message=self.message)
        text = f"✗ {self.exercise}: {self.message}"
        return text + (tr("\n  Hint: {hint}", hint=self.hint) if self.hint else "")

    __repr__ = __str__


class Solution:
    """A worked solution; shown as code when displayed.

    ``code`` is the solution in the language spoken when it was opened: the
    same code in every language, with its comments in that language.
    """

    def __init__(self, exercise: str, code: str):
        self.exercise, self.code = exercise, tr_solution(textwrap.dedent(code).strip("\n"))

    def __repr__(self) -> str:
        return tr("# A worked solution for {exercise}:", exercise=self.exercise) + f"\n{self.code}"


class LockedSolution:
    """What ``.solution()`` gives in workshop mode before the teacher unlocks the notebook's solutions."""

    def __init__(self, exercise: str):
        self.exercise = exercise

    def __repr__(self) -> str:
        return tr('The solution to {exercise} opens when your teacher says so. '
                  'Then run: check.unlock("the word your teacher gives")', exercise=self.exercise)


LOCKS: dict[str, str] = {}
"""Workshop mode: the lock on each notebook's solutions in this kernel, by notebook; empty in self-study.

``check.workshop`` adds a lock and ``check.unlock`` takes it away (see ``_workshop.py``).
"""


class Exercise:
    """A self-check: call it with your answer, or call ``.solution()`` to see one.

    ``notebook`` is the stem of the notebook the exercise belongs to, such as
    "03-weighted-sums": by default the ``NOTEBOOK`` of the judge's module (the
    module's name where it has none).
    """

    def __init__(self, judge, solution: str, name: str | None = None, stub_hint: str | None = None,
                 time_budget: float = TIME_BUDGET, notebook: str | None = None):
        self.judge = judge
        self.name = name or judge.__name__
        self.notebook = notebook or getattr(judge, "__globals__", {}).get("NOTEBOOK") or judge.__module__
        self._solution = solution
        self.stub_hint = stub_hint
        """What "not attempted yet" adds, in English (shown in the current language); None for the usual words."""
        self.time_budget = time_budget
        self.__doc__ = judge.__doc__

    def __call__(self, answer=..., *more) -> Feedback:
        feedback = self._feedback(answer, more)
        record("check", self.notebook, self.name, feedback.status, feedback.hint or feedback.message)
        return feedback

    def _feedback(self, answer, more: tuple) -> Feedback:
        if more:
            return Feedback(
                self.name, FAIL,
                tr("this check takes one answer, but you gave it {count}.", count=1 + len(more)),
                tr("If your answer has several parts, pass them together in brackets: check.{name}((part1, part2)).",
                   name=self.name),
            )
        # Each check runs in a context of its own, holding its time budget and the learner's numpy settings.
        return contextvars.copy_context().run(self._check, answer, np.geterr())

    def _check(self, answer, learners_errstate: dict) -> Feedback:
        _LEARNERS_ERRSTATE.set(learners_errstate)
        _BUDGET.set(_Budget(self.time_budget))
        try:
            if answer is ...:
                raise NotAttempted
            # The judge's own arithmetic must not depend on the learner's np.seterr;
            # call() gives the learner's functions their own settings back.
            with np.errstate(all="ignore"):
                praise = self.judge(answer)
        except NotAttempted:
            stub_hint = (tr_known(self.stub_hint) if self.stub_hint else
                         tr("Replace the ... with your answer, run the cell, then run this check again."))
            return Feedback(self.name, NOT_ATTEMPTED, stub_hint)
        except Wrong as wrong:
            hint = wrong.hint.replace("check.NAME", f"check.{self.name}") if wrong.hint else None
            return Feedback(self.name, FAIL, wrong.message, hint)
        except SystemExit:
            return Feedback(self.name, FAIL,
                            tr("your answer called exit() (it raised SystemExit) while it was checked."),
                            tr("Give the answer itself; exit() would stop Python."))
        except Exception as error:  # a learner's answer must never crash the notebook
            return Feedback(
                self.name, FAIL,
                tr("checking your answer raised {kind}: {error}", kind=type(error).__name__, error=error),
                tr("Run your answer on its own first, to see where it goes wrong."),
            )
        return Feedback(self.name, PASS, praise or tr("well done."))

    def solution(self) -> Solution | LockedSolution:
        """One worked solution. Try the exercise yourself first!

        In workshop mode it stays locked until your teacher gives the word.
        """
        if self.notebook in LOCKS:
            return LockedSolution(self.name)
        record("solution", self.notebook, self.name)
        return Solution(self.name, self._solution)

    def __repr__(self) -> str:
        first = (self.__doc__ or "").strip().splitlines()[:1]
        return tr("<exercise {name}: {summary} (call it with your answer; .solution() shows one)>",
                  name=self.name, summary=tr_known(first[0]) if first else "")


EXERCISES: dict[str, Exercise] = {}
"""Every exercise of the course by name, in the order of the notebooks: filled in by :func:`exercise`."""


def exercise(solution: str, name: str | None = None, stub_hint: str | None = None,
             time_budget: float = TIME_BUDGET, registry: dict[str, Exercise] = EXERCISES):
    """Turn a judge function into an :class:`Exercise` and register it (use as a decorator).

    Learners call every exercise as ``check.NAME``, so a name may be used only
    once; defining the same judge again (reloading its module) replaces it.
    """

    def register(judge) -> Exercise:
        made = Exercise(judge, solution, name=name, stub_hint=stub_hint, time_budget=time_budget)
        earlier = registry.get(made.name)
        if earlier is not None and _origin(earlier.judge) != _origin(judge):
            raise ValueError(f"two exercises are named {made.name!r}: {_origin(earlier.judge)} and "
                             f"{_origin(judge)}. Learners call them as check.{made.name}, so give one another name.")
        registry[made.name] = made
        return made

    return register


def _origin(judge) -> str:
    return f"{judge.__module__}.{judge.__qualname__}"


# Calling the learner's function -------------------------------------------

_LEARNERS_ERRSTATE: contextvars.ContextVar[dict | None] = contextvars.ContextVar("learners_errstate", default=None)
_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget", default=None)


class _OutOfTime(BaseException):
    """Raised inside the learner's function when the check's time is up.

    A BaseException, like KeyboardInterrupt, so that ``except Exception`` in
    the learner's code does not swallow it.
    """


class _Budget:
    """The seconds left for the learner's functions during one check."""

    def __init__(self, seconds: float):
        self.seconds, self.used = seconds, 0.0

    @contextlib.contextmanager
    def running(self):
        start = time.perf_counter()
        disarm = _alarm(self.seconds - self.used)
        try:
            yield
        finally:
            disarm()
            self.used += time.perf_counter() - start

    @property
    def over(self) -> bool:
        return self.used > self.seconds


def _alarm(seconds: float):
    """Interrupt the running code with _OutOfTime after ``seconds``; return the function that cancels it.

    Python can only interrupt a function from the outside with a signal, and
    only in the main thread on Unix (where Jupyter runs a notebook's code).
    Elsewhere, or while another timer is running, this does nothing: call()
    then still stops the check after the first call that ends over budget,
    but a function that never returns runs until Ctrl-C. A running numpy
    operation finishes before the interruption takes effect.
    """
    if (not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        return lambda: None

    def stop(signum, frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, stop)
    # Repeat every second, in case the learner's code catches the first one and carries on.
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-3), 1.0)

    def disarm():
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)

    return disarm


def call(function, *args, name: str | None = None, shown: str | None = None, errstate: dict | None = None):
    """Call the learner's function, turning every way it can fail into feedback.

    ``shown`` replaces the spelled-out arguments in messages (a list of
    matrices is too long to read); ``errstate`` replaces the learner's own
    numpy error settings while the function runs.
    """
    label = name or getattr(function, "__name__", None) or tr("your function")
    if function is ...:
        raise NotAttempted
    if not callable(function):
        raise Wrong(tr("expected a function, got {got}.", got=short(function)),
                    hint=tr("Pass the function itself, without brackets: check.NAME(my_function), "
                            "not check.NAME(my_function())."))
    called = f"{label}({', '.join(_argument(a) for a in args) if shown is None else shown})"
    budget = _BUDGET.get() or _Budget(TIME_BUDGET)
    settings = errstate or _LEARNERS_ERRSTATE.get() or np.geterr()
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed), np.errstate(**settings), budget.running():
            result = function(*args)
    except NotImplementedError:
        raise NotAttempted from None
    except _OutOfTime:
        raise Wrong(tr("{called} was still running when your function had used up the {seconds:g} s this "
                       "check allows (all calls together), so the check stopped it.",
                       called=called, seconds=budget.seconds), hint=_slow_hint()) from None
    except SystemExit:
        raise Wrong(tr("{called} called exit() (it raised SystemExit).", called=called),
                    hint=tr("A function hands its answer back with return; exit() would stop Python itself.")) \
            from None
    except Exception as error:
        raise Wrong(tr("{called} raised {kind}: {error}", called=called, kind=type(error).__name__, error=error),
                    hint=_error_hint(error)) from None
    finally:
        # The learner's own prints still show, after the check has seen them.
        if printed.getvalue() and sys.stdout is not None:
            sys.stdout.write(printed.getvalue())
    if budget.over:
        raise Wrong(tr("your function has run for {used:.1f} s in all, more than the {seconds:g} s this "
                       "check allows, so the check stops after {called}.",
                       used=budget.used, seconds=budget.seconds, called=called), hint=_slow_hint())
    if result is ...:
        raise NotAttempted
    if result is None and printed.getvalue():
        raise Wrong(tr("{label} printed its answer but returned None.", label=label),
                    hint=tr("print shows a value on the screen; return hands it back. "
                            "End with `return ...` instead of print."))
    if result is None:
        raise Wrong(tr("{label} returned None.", label=label), hint=tr("Did you forget the `return` line?"))
    return result


def _slow_hint() -> str:
    return tr("Is there a loop that never ends, such as a while loop whose condition never becomes False? "
              "And work out anything that is the same every time once, before the def, not inside your function.")


def _error_hint(error: Exception) -> str:
    """A hint for the errors learners meet most, read from the error itself."""
    text = str(error)
    if isinstance(error, NameError):
        known = getattr(error, "name", None)
        hint = (tr("Python does not know the name {name!r} here. Check its spelling, and run the cell that "
                   "defines it first.", name=known) if known else
                tr("Check the spelling of the names, and run the cells that define them."))
        if known in ("sigmoid", "relu"):
            hint += tr(" The course's own {name} is nnbook.{name}.", name=known)
        return hint
    if "truth value of an array" in text:
        return tr("`if`, `and`, `or`, max() and min() look at one number at a time, and numpy cannot say whether a "
                  "whole array is bigger than something. np.maximum, np.where and comparisons like (a > 0) work on "
                  "every element at once.")
    if "scalar index" in text:  # np.max(0, a) takes a as an axis number
        return tr("Did you use np.max? np.max(x) finds the largest number inside one array; np.maximum(x, y) "
                  "compares two arrays number by number.")
    if "matmul" in text or "not aligned" in text or "broadcast" in text:
        return tr("The shapes do not fit together. Write them down: in X @ Y, the columns of X must match the rows "
                  "of Y, as in (16, 784) @ (784,) or (n, 784) @ (784, 16). The inner numbers must match.")
    return tr("Run your function on this input yourself, and read the error from the bottom up.")


# Reading the learner's answer ---------------------------------------------

def expect_number(value, what: str) -> float:
    """The answer must be one real, finite number: any int, float, Fraction, Decimal or numpy number."""
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, str):
        _number_as_text(value, what)
    _thousands_comma(value, what)
    _decimal_comma(value, what)
    if not _real(value):
        raise Wrong(tr("{what} should be one number, got {got}.", what=what, got=short(value)))
    return _finite(value, what)


def expect_whole_number(value, what: str, *, decimals_ok: bool = False) -> int:
    """The answer must be one whole number (an int, Python's or numpy's).

    With ``decimals_ok``, a decimal number with nothing after the point (7.0) counts as whole.
    """
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, (bool, np.bool_)):
        raise Wrong(tr("{what} should be a whole number, got the bool {value}, a True/False value.",
                       what=what, value=value))
    if isinstance(value, numbers.Integral) or isinstance(value, numbers.Rational) and value.denominator == 1:
        return int(value)
    if isinstance(value, str):
        raise Wrong(tr("{what} should be a whole number, got the text (str) {value!r:.40}.", what=what, value=value),
                    hint=tr("Leave out the quotes: 7, not '7'."))
    _thousands_comma(value, what)
    if isinstance(value, (np.ndarray, list, tuple)):
        raise Wrong(tr("{what} should be one whole number, got {got}.", what=what, got=short(value)),
                    hint=tr("Pick one element: a single number, like 123."))
    if not _real(value):
        raise Wrong(tr("{what} should be a whole number, got {got}.", what=what, got=short(value)))
    number = _finite(value, what)
    if not number.is_integer():
        raise Wrong(tr("{what} is {number}, not a whole number.", what=what, number=num(number)),
                    hint=tr("Use // (whole-number division) and % (the remainder) instead of /."))
    if decimals_ok:
        return int(number)
    raise Wrong(tr("{what} is the {kind} {value!r}, a decimal number; it should be a whole number (int).",
                   what=what, kind=type(value).__name__, value=value),
                hint=tr("The / operator always gives a decimal number; // divides and keeps a whole number. "
                        "Or wrap it in int(...)."))


def expect_pair(answer, first: str, second: str, *, example: str | None = None) -> tuple:
    """The answer must be a pair ``(first, second)``; an untouched half means not attempted."""
    if isinstance(answer, (tuple, list)) and len(answer) == 2:
        if answer[0] is ... or answer[1] is ...:
            raise NotAttempted
        return tuple(answer)
    got = (tr("{count} values", count=len(answer)) if isinstance(answer, (tuple, list)) else short(answer))
    hint = (tr("Write it like {example}.", example=example) if example else
            tr("Check it with check.NAME(({first}, {second})), with both in brackets.", first=first, second=second))
    raise Wrong(tr("expected a pair ({first}, {second}), got {got}.", first=first, second=second, got=got), hint=hint)


def expect_choice(answer, choices: tuple[str, ...], what: str | None = None) -> str:
    """The answer must be one of ``choices`` (letters such as "A", "B", "C"); returns it in upper case.

    Case and surrounding spaces do not matter, so "b" and " B " both give "B". ``what`` names the
    answer in the message ("your choice" if not given).

    >>> expect_choice(" b ", ("A", "B", "C"))
    'B'
    """
    if isinstance(answer, str):
        letter = answer.strip().upper()
        if letter in choices:
            return letter
    options = tr('{some} or "{last}"', some=", ".join(f'"{c}"' for c in choices[:-1]), last=choices[-1])
    raise Wrong(tr("{what} should be one of {options}, got {got}.",
                   what=what or tr("your choice"), options=options, got=short(answer)),
                hint=tr('Write the letter in quotes, for example my_choice = "{letter}".', letter=choices[0]))


def expect_array(value, what: str, shape=None, *, finite: bool = True) -> np.ndarray:
    """The answer must be an array of real numbers (with ``shape``, if given), finite unless ``finite=False``."""
    if isinstance(value, (str, bytes)):
        raise Wrong(tr("{what} should be an array of numbers, got the text {value!r:.40}.", what=what, value=value))
    array = as_array(value, what)
    if array.dtype.kind == "c":
        raise Wrong(tr("{what} holds complex numbers; it should hold real numbers.", what=what))
    try:
        if array.dtype.kind not in "biufO":  # text, dates and time spans are not numbers
            raise TypeError
        array = array.astype(np.float64)
    except (TypeError, ValueError, OverflowError):  # also objects that are not numbers, and ints too large
        raise Wrong(tr("{what} should be an array of numbers, got {got}.", what=what, got=short(value))) from None
    if shape is not None and array.shape != tuple(shape):
        raise Wrong(tr("{what} should have shape {shape}, got {got}.", what=what, shape=tuple(shape), got=array.shape))
    if finite and not np.all(np.isfinite(array)):
        raise Wrong(tr("{what} contains NaN or infinity.", what=what),
                    hint=tr("Look for a division by zero or an exponential that grew too large."))
    return array


def as_array(value, what: str) -> np.ndarray:
    """``np.asarray(value)``, with feedback instead of numpy's error for ragged lists."""
    try:
        return np.asarray(value)
    except (TypeError, ValueError, OverflowError):
        raise Wrong(tr("{what}: your answer mixes lists and numbers, or lists of different lengths: {got}.",
                       what=what, got=short(value)),
                    hint=tr("An array needs every row to hold the same number of numbers.")) from None


def matches(got, right, what: str, *, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    """Whether ``got`` equals ``right`` (numbers or arrays of one shape) to float64 precision.

    An answer right only to about 7 significant digits raises :class:`Wrong`
    saying so: it usually comes from float32 arithmetic or from rounding, and
    printed with few digits it would look exactly like the right one.
    """
    mine, exact = np.asarray(got, dtype=np.float64), np.asarray(right, dtype=np.float64)
    if mine.shape != exact.shape:
        return False
    if np.allclose(mine, exact, rtol=rtol, atol=atol):
        return True
    scale = float(np.max(np.abs(exact), initial=0.0))
    if not np.allclose(mine, exact, rtol=NEAR, atol=NEAR * scale):
        return False
    if mine.ndim == 0:
        where = tr("{what} is {mine!r}, and the exact answer is {exact!r}",
                   what=what, mine=float(mine), exact=float(exact))
    else:
        worst = tuple(int(i) for i in np.unravel_index(int(np.argmax(np.abs(mine - exact))), mine.shape))
        index = worst[0] if len(worst) == 1 else worst
        where = tr("{what}: at index {index} you have {mine!r}, where the exact value is {exact!r}",
                   what=what, index=index, mine=float(mine[worst]), exact=float(exact[worst]))
    raise Wrong(tr("{where}. That is right to about 7 digits, but a float holds about 16.", where=where),
                hint=tr("You probably computed in float32 (dtype=np.float32) or rounded. Compute with ordinary "
                        "floats (numpy's default, float64), and keep every digit."))


def num(value: float, *, thousands: bool = False) -> str:
    """A number written short (``:g``), unless that rounds it to a shorter number it is not: 1.4000001, not 1.4.

    With ``thousands``, a whole number gets thousands commas: 12,960.
    """
    if thousands and float(value).is_integer() and abs(value) < 1e15:
        return f"{value:,.0f}"
    text = f"{value:g}"
    digits = len(text.split("e")[0].lstrip("-").replace(".", "").lstrip("0"))
    return repr(float(value)) if digits < 6 and float(text) != value else text


def _real(value) -> bool:
    """A real number of any kind (not a bool, not complex, not text)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Number):
        return False
    return isinstance(value, numbers.Real) or not isinstance(value, numbers.Complex)  # Decimal is not Complex


def _finite(value, what: str) -> float:
    try:
        number = float(value)
    except OverflowError:
        raise Wrong(tr("{what} is a number far too large to work with: {got}.", what=what, got=short(value)),
                    hint=tr("A float goes up to about 1.8 × 10^308. Look for a power or a product that grew too "
                            "large.")) from None
    except (TypeError, ValueError):
        raise Wrong(tr("{what} should be one number, got {got}.", what=what, got=short(value))) from None
    if not math.isfinite(number):
        raise Wrong(tr("{what} is {number}, not a finite number.", what=what, number=number),
                    hint=tr("Look for a division by zero or an exponential that grew too large."))
    return number


def _number_as_text(value: str, what: str) -> None:
    """Numbers in quotes are text: say so, with a hint for the way it was written."""
    text = value.strip()
    if _THOUSANDS.fullmatch(value):
        text = text.replace(",", "")
        hint = tr("Leave out the quotes and the thousands comma: {text}.", text=text)
    elif value.count(",") == 1 and "." not in value:
        text = text.replace(",", ".")
        hint = tr("Python writes decimals with a dot: 1.4, not 1,4.")
    else:
        hint = tr("Leave out the quotes.")
    try:
        float(text)
    except ValueError:
        raise Wrong(tr("{what} should be one number, got the text {value!r:.60}.", what=what, value=value),
                    hint=tr("Write the number with digits, without quotes, e.g. 1.4")) from None
    raise Wrong(tr("{what} should be one number, got the text {value!r} (a str, because it is in quotes).",
                   what=what, value=value), hint=hint)


def _thousands_comma(value, what: str) -> None:
    """12,960 typed without quotes is the tuple (12, 960): say so."""
    if (isinstance(value, tuple) and len(value) > 1
            and all(isinstance(n, numbers.Integral) and not isinstance(n, (bool, np.bool_)) for n in value)
            and 0 < value[0] < 1000 and all(100 <= n < 1000 or n == 0 for n in value[1:])):
        number = int("".join([str(value[0])] + [f"{n:03d}" for n in value[1:]]))
        raise Wrong(tr("{what} should be one number, but Python read it as {count} separate numbers, {value}: "
                       "in Python a comma separates numbers.", what=what, count=len(value), value=value),
                    hint=tr("Leave out the thousands comma: {number}. (Or write {number:_}: "
                            "Python allows _ between digits.)", number=number))


def decimal_comma(value) -> str | None:
    """The decimal a Dutch hand meant by ``1,4``, which Python reads as the tuple (1, 4); None for anything else.

    >>> decimal_comma((1, 4)), decimal_comma((-2, 75)), decimal_comma((1, 2, 3))
    ('1.4', '-2.75', None)
    """
    if (isinstance(value, tuple) and len(value) == 2
            and all(isinstance(n, numbers.Integral) and not isinstance(n, (bool, np.bool_)) for n in value)
            and value[1] >= 0):
        return f"{value[0]}.{value[1]}"
    return None


def _decimal_comma(value, what: str) -> None:
    """1,4 typed the Dutch way: say that Python writes decimals with a point."""
    meant = decimal_comma(value)
    if meant:
        raise Wrong(tr("{what} should be one number, but Python read it as two numbers, {value}: "
                       "in Python a comma separates numbers.", what=what, value=value),
                    hint=tr("Python writes decimals with a point: {meant}, not {whole},{decimals}.",
                            meant=meant, whole=value[0], decimals=value[1]))


def short(value) -> str:
    """The kind of a value and a short look at it, for a message; never fails."""
    if isinstance(value, np.ndarray):
        return tr("an array of shape {shape}", shape=value.shape)
    if isinstance(value, int) and value.bit_length() > 1000:  # Python refuses to write out ints this long
        return tr("{kind} with about {digits} digits", kind=type(value).__name__,
                  digits=int(value.bit_length() * math.log10(2)))
    try:
        text = repr(value)
    except Exception:  # a learner's object may break even its repr
        text = "..."
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"


def _argument(value) -> str:
    """An argument the check passed to the learner's function, short enough for a message."""
    if isinstance(value, np.ndarray):
        return f"<array {value.shape}>"
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + "..."
