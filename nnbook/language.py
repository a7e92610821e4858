"""The language nnbook speaks to a learner: English by default, or Dutch for the Dutch edition.

The Dutch notebooks start with ``nnbook.set_language("nl")``; from then on
the checks' feedback, hints and worked solutions are in Dutch (and so, as
they are converted, the widgets' and figures' texts).

One module-level setting, read each time a message is made: not per thread,
not per notebook. A message made before the switch (a Feedback already
printed) keeps its language.

How a message is written in the code: the English stays in the code, as a
template for :meth:`str.format`, and goes through :func:`tr`::

    raise Wrong(tr("{what} should be one number, got {got}.", what=what, got=short(value)))

:func:`tr` looks up the Dutch twin of the English template in
``nnbook/locale/nl/*.json`` (one file per part of the package, merged; ``"messages"``, keyed by the English template)
when the language is Dutch, and fills in the values. The template must be a
plain string literal, never an f-string or a variable: ``tests/test_language.py``
reads every ``tr("...")`` in the package with ``ast`` and fails for a template
without a Dutch twin, for a Dutch twin whose English is gone, and for a twin
whose ``{placeholders}`` differ. The Dutch may format a value differently
(``{n}`` where the English has ``{n:,}``: to a Dutch reader 1,000 is one).

A worked solution keeps its code and gets Dutch comments: ``"solutions"`` in
the same file maps each English solution to the same code with its comments
in Dutch (:func:`tr_solution`); the test checks that only the comments differ.

    >>> language()
    'en'
    >>> tr("well done.")
    'well done.'
    >>> set_language("nl"); tr("well done.")
    'goed gedaan.'
    >>> set_language("en")
"""

from __future__ import annotations

import functools
import importlib.resources
import json

LANGUAGES = {"en": "English", "nl": "Nederlands"}
"""The languages nnbook speaks, by code."""

_language = "en"
"""The current language: one setting for the whole kernel, changed only by :func:`set_language`."""


def set_language(code: str) -> None:
    """Speak ``code`` from now on: "en" (English, the default) or "nl" (Dutch).

    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: nnbook speaks "en" (English) and "nl" (Nederlands), not 'fr'.
    """
    global _language
    if not isinstance(code, str) or code.strip().lower() not in LANGUAGES:
        spoken = " and ".join(f'"{key}" ({name})' for key, name in LANGUAGES.items())
        raise ValueError(f"nnbook speaks {spoken}, not {code!r}.")
    _language = code.strip().lower()


def language() -> str:
    """The language nnbook speaks now: "en" or "nl"."""
    return _language


@functools.cache
def catalog(code: str) -> dict[str, dict[str, str]]:
    """The translations into ``code`` shipped with the package: {"messages": {...}, "solutions": {...}}."""
    if code == "en":
        return {"messages": {}, "solutions": {}}
    merged: dict[str, dict[str, str]] = {"messages": {}, "solutions": {}}
    folder = importlib.resources.files("nnbook").joinpath("locale", code)
    for part in sorted((entry for entry in folder.iterdir() if entry.name.endswith(".json")), key=lambda e: e.name):
        data = json.loads(part.read_text(encoding="utf-8"))
        for kind in merged:
            merged[kind].update(data.get(kind, {}))
    return merged


def tr(template: str, /, **values) -> str:
    """``template`` (English, with ``{name}`` placeholders) in the current language, with ``values`` filled in.

    A template without a Dutch twin stays English (the tests make sure there is none). Like any
    :meth:`str.format` template, a brace that is not a placeholder is written twice: ``{{``.

    >>> tr("{what} is {value}.", what="x", value=3)
    'x is 3.'
    """
    text = catalog(_language)["messages"].get(template, template) if _language != "en" else template
    return text.format(**values)


def tr_solution(code: str) -> str:
    """A worked solution's code with its comments in the current language (the code itself never changes)."""
    if _language == "en":
        return code
    return catalog(_language)["solutions"].get(code, code)


def tr_known(text: str) -> str:
    """``text`` in the current language, for English that is a key without a ``tr("...")`` call of its own.

    That is an exercise's ``stub_hint=`` and the summary line of its docstring:
    ``tests/test_language.py`` collects those from the ``@exercise`` decorators
    and the judges, so they need a Dutch twin all the same. Everything else uses :func:`tr`.
    """
    if _language == "en":
        return text
    return catalog(_language)["messages"].get(text, text)


def whole(value, language: str | None = None) -> str:
    """A whole number as a learner reads it: 13,002 in English; in Dutch 13 002, and 8000 without a space.

    In the current language, or in ``language`` ("en" or "nl") when given,
    as the handouts are, which are made in both languages from one process.

    >>> whole(13002), whole(8000), whole(13002, "nl"), whole(8000, "nl")
    ('13,002', '8,000', '13 002', '8000')
    """
    if (language or _language) == "nl":
        return f"{value:,.0f}".replace(",", " ") if abs(value) >= 10_000 else f"{value:.0f}"
    return f"{value:,.0f}"
