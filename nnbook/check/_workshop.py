"""Workshop mode: a notebook's worked solutions stay locked until the teacher gives the word.

In self-study nothing is ever locked. In a workshop, the student edition of
a notebook starts with a cell such as::

    from nnbook import check
    check.workshop("03-weighted-sums", "sha256:…")

From then on, in that kernel, ``check.NAME.solution()`` for the notebook's
exercises says when it opens instead of showing the solution (and records
nothing: the solution was not seen). When the teacher says the word, every
learner runs ``check.unlock("the word")``, and the solutions open.

The lock is ``"sha256:"`` and the SHA-256 of ``nnbook-unlock:<notebook>:<word>``,
the word normalized by ``.strip().casefold()``, so capitals and spaces
around the word do not matter. :func:`lock_for` computes it; the notebook
holds only the lock, never the word.
"""

from __future__ import annotations

import hashlib
import re

from ..language import tr
from ..progress import record
from ._core import EXERCISES, LOCKS

_LOCK = re.compile(r"sha256:[0-9a-f]{64}")

_opened: set[tuple[str, str]] = set()
"""The (notebook, lock) pairs unlocked in this kernel: running the workshop cell again keeps them open."""


def notebooks() -> list[str]:
    """The notebooks that have exercises, in course order."""
    return list(dict.fromkeys(exercise.notebook for exercise in EXERCISES.values()))


def lock_for(notebook: str, word: str) -> str:
    """The lock that ``word`` opens for ``notebook``'s solutions: for the teacher, to write into ``workshop()``.

    >>> lock_for("03-weighted-sums", " Pixels ") == lock_for("03-weighted-sums", "pixels")
    True
    >>> lock_for("03-weighted-sums", "pixels")[:15]
    'sha256:9fdcac31'
    """
    _known(notebook)
    if not isinstance(word, str) or not word.strip():
        raise ValueError(tr("the word should be some text in quotes, like lock_for({notebook!r}, \"pixels\"), "
                            "got {word!r:.40}.", notebook=notebook, word=word))
    text = f"nnbook-unlock:{notebook}:{word.strip().casefold()}"
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def workshop(notebook: str, lock: str) -> None:
    """Lock ``notebook``'s worked solutions in this kernel until ``check.unlock`` gets the word that fits ``lock``."""
    _known(notebook)
    if not isinstance(lock, str) or not _LOCK.fullmatch(lock.strip().lower()):
        raise ValueError(tr("the lock should be \"sha256:\" and 64 hexadecimal digits, as lock_for({notebook!r}, "
                            "word) gives it, got {lock!r:.80}.", notebook=notebook, lock=lock))
    lock = lock.strip().lower()
    if (notebook, lock) in _opened:
        LOCKS.pop(notebook, None)
        print(tr("Workshop mode: your teacher has already opened the solutions here."))
        return
    LOCKS[notebook] = lock
    print(tr("Workshop mode: the solutions open when your teacher says so."))


def unlock(word: str) -> None:
    """Open the solutions of every locked notebook whose lock ``word`` fits, and say which."""
    if not isinstance(word, str):
        raise TypeError(tr("the word should be text in quotes, like check.unlock(\"pixels\"), got {word!r:.40}.",
                           word=word))
    if not LOCKS:
        print(tr("Nothing is locked here: the solutions are open."))
        return
    opened = [notebook for notebook, lock in list(LOCKS.items()) if word.strip() and lock_for(notebook, word) == lock]
    if not opened:
        print(tr("{word!r} does not open the solutions here. Check the word with your teacher "
                 "(capitals and spaces around it do not matter).", word=word))
        return
    for notebook in opened:
        _opened.add((notebook, LOCKS.pop(notebook)))
        record("unlock", notebook, None)
    print(tr("Unlocked the solutions of {notebooks}: check.NAME.solution() shows them now.",
             notebooks=tr(" and ").join(opened)))


def _known(notebook) -> None:
    if notebook not in notebooks():
        raise ValueError(tr("there is no notebook {notebook!r} with exercises; the notebooks are {notebooks}.",
                            notebook=notebook, notebooks=", ".join(notebooks())))
