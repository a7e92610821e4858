"""Self-checks for the course's exercises.

Each exercise is an object you call with your answer::

    from nnbook import check
    check.pixel_count(my_answer)      # ✓, or what is wrong and a hint
    check.pixel_count.solution()      # a worked solution

An untouched exercise reports "not attempted yet"; nothing you pass can
crash it. The exercises of each notebook live in their own module below;
importing a module registers its exercises, and they are all put here, so
that ``check.NAME`` (and tab completion after ``check.``) finds every one.

In a workshop your teacher may lock the solutions until the class is ready
(:func:`workshop`); the teacher then gives a word, and
``check.unlock("the word")`` opens them. On your own, nothing is locked.
Every check is also noted in your progress record: see ``nnbook.progress()``.
"""

from . import (
    n00_python,
    n01_pixels,
    n02_layers,
    n03_weighted_sums,
    n04_bias,
    n05_sigmoid,
    n06_parameters,
    n07_matrices,
    n08_relu,
    n09_network,
    n10_exit_ticket,
)
from ._core import EXERCISES, Exercise, Feedback, NotAttempted, Solution, Wrong
from ._workshop import lock_for, unlock, workshop


def exercises() -> dict[str, Exercise]:
    """Every exercise in the course, by name, in the order of the notebooks."""
    return dict(EXERCISES)


_clashes = sorted(EXERCISES.keys() & globals().keys())
if _clashes:
    raise ImportError(f"exercise names {_clashes} are already used in nnbook.check for something else")
globals().update(EXERCISES)

__all__ = ["Exercise", "Feedback", "NotAttempted", "Solution", "Wrong", "exercises", "lock_for", "unlock", "workshop",
           *EXERCISES]

LESSONS = (n00_python, n01_pixels, n02_layers, n03_weighted_sums, n04_bias, n05_sigmoid, n06_parameters, n07_matrices,
           n08_relu, n09_network, n10_exit_ticket)
"""The lessons' check modules, in the order of the notebooks; importing each registered its exercises."""
