"""Shared assertions for the tests of the exercises' self-checks."""

from __future__ import annotations

import numpy as np

import nnbook
from nnbook import by_hand, detectors, parts
from nnbook.check._core import FAIL, NOT_ATTEMPTED, PASS


def passes(feedback):
    """The check accepted the answer."""
    assert feedback.status == PASS, str(feedback)
    return feedback


def fails(feedback, *phrases):
    """The check rejected the answer, and its feedback says each of ``phrases``."""
    assert feedback.status == FAIL, str(feedback)
    text = str(feedback)
    for phrase in phrases:
        assert phrase in text, f"{phrase!r} not in feedback:\n{text}"
    return feedback


def not_attempted(feedback):
    """The check saw the untouched stub."""
    assert feedback.status == NOT_ATTEMPTED, str(feedback)
    return feedback


def stub(*args):
    """An exercise function as the notebook stores it: not written yet."""
    return ...


def run_solution(exercise, **names):
    """Run an exercise's worked solution and return the names it defines.

    The solution sees numpy as ``np``, ``nnbook`` and the lesson modules the
    notebooks import (``by_hand``, ``detectors``, ``parts``), and ``names``:
    what the notebook's earlier cells would have defined.
    """
    scope = {"np": np, "nnbook": nnbook, "by_hand": by_hand, "detectors": detectors, "parts": parts, **names}
    exec(exercise.solution().code, scope)
    return scope
