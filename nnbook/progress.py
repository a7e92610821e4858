"""Your progress through the course's exercises: what you tried, solved, or looked up.

Every time you run a check (``check.NAME(answer)``) or open a worked
solution (``check.NAME.solution()``), nnbook adds one line to a file on your
own computer, the *progress record*::

    {"v": 1, "time": "2026-12-01T20:31:05Z", "notebook": "03-weighted-sums", "exercise": "tiny_weighted_sum",
     "event": "check", "status": "not yet right", "hint": "Multiply each weight by its activation."}

The record is ``~/.nnbook/progress.jsonl``, or the file named by the
environment variable ``NNBOOK_PROGRESS``; ``NNBOOK_PROGRESS=off`` records
nothing. Nothing leaves your computer: :func:`progress` shows you a table,
and :func:`export_progress` writes the one file you may hand in to a teacher.

Each exercise is in one of four states, from strongest to weakest:

- **solved**: a check said correct, and you had not opened the solution before;
- **solution seen**: you opened the solution before any correct check (solved later or not);
- **tried**: you checked an answer, never correct yet, without opening the solution;
- **not tried**: no answer checked yet (a check of the untouched ``...`` does not count).
"""

from __future__ import annotations

import datetime
import hashlib
import html
import json
import os
import pathlib
import re
import sys
import unicodedata
from collections import Counter
from typing import NamedTuple

from .language import tr, tr_known

SOLVED, SOLUTION_SEEN, TRIED, NOT_TRIED = "solved", "solution seen", "tried", "not tried"
STATES = (SOLVED, SOLUTION_SEEN, TRIED, NOT_TRIED)
"""The states of an exercise, strongest first."""

MARKS = {SOLVED: "✓", SOLUTION_SEEN: "◐", TRIED: "✗", NOT_TRIED: "○"}

EVENTS = ("check", "solution", "unlock")
ANSWERED = ("correct", "not yet right")
"""The statuses of a check that count as a try: "not attempted yet" (the untouched stub) does not."""

FORMAT, FORMAT_VERSION = "nnbook-progress", 1
RECORD_VERSION = 1

_warned: set[str] = set()
"""The record files nnbook has already said it cannot write, so that it says so once per file."""


# The record --------------------------------------------------------------------------------------------------------

def record_file() -> pathlib.Path | None:
    """Where this computer's progress record is: ``NNBOOK_PROGRESS``, or ``~/.nnbook/progress.jsonl``; None if off."""
    setting = os.environ.get("NNBOOK_PROGRESS", "").strip()
    if setting.casefold() == "off":
        return None
    if setting:
        return pathlib.Path(setting).expanduser()
    return pathlib.Path.home() / ".nnbook" / "progress.jsonl"


def record(event: str, notebook: str, exercise: str | None, status: str | None = None,
           hint: str | None = None) -> None:
    """Add one line to the progress record; never raises.

    ``event`` is "check" (with the check's ``status`` and the hint it showed,
    or its message if it showed no hint), "solution" (a worked solution was
    opened) or "unlock" (workshop mode opened a notebook's solutions). If the
    record cannot be written (a read-only disk, say), a check must still work:
    nnbook says so once, in one line, and carries on.
    """
    path = None
    try:
        path = record_file()
        if path is None:
            return
        line = json.dumps({"v": RECORD_VERSION, "time": _now(), "notebook": notebook, "exercise": exercise,
                           "event": event, "status": status, "hint": hint}, ensure_ascii=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        # One write of one whole line, appended: two notebooks checking at once do not mix their lines.
        with open(path, "a", encoding="utf-8") as file:
            file.write(line + "\n")
    except Exception as error:  # recording must never break a check
        where = str(path) if path is not None else tr("your home folder")
        if where not in _warned:
            _warned.add(where)
            print(tr("nnbook could not save your progress to {where} ({kind}: {error}); your checks "
                     "still work, but nnbook.progress() will not show them.",
                     where=where, kind=type(error).__name__, error=error), file=sys.stderr)


def read_record(path: pathlib.Path | None = None) -> list[dict]:
    """The readable lines of the progress record, oldest first; a missing record is empty.

    A damaged line (half written, edited by hand, or from a newer nnbook) is
    skipped, and one line says how many were.
    """
    path = record_file() if path is None else path
    if path is None or not path.exists():
        return []
    lines, damaged = [], 0
    for raw in path.read_bytes().splitlines():
        if not raw.strip():
            continue
        try:
            line = json.loads(raw.decode("utf-8"))
        except ValueError:  # also UnicodeDecodeError
            line = None
        if _readable(line):
            lines.append(line)
        else:
            damaged += 1
    if damaged:
        print(tr("nnbook skipped {damaged} damaged line{s} in your progress record {path}; "
                 "it read the rest.", damaged=damaged, s="s" if damaged > 1 else "", path=path),
              file=sys.stderr)
    return lines


def _readable(line) -> bool:
    return (isinstance(line, dict) and line.get("v") == RECORD_VERSION and line.get("event") in EVENTS
            and isinstance(line.get("notebook"), str) and isinstance(line.get("exercise"), (str, type(None)))
            and isinstance(line.get("status"), (str, type(None))) and isinstance(line.get("hint"), (str, type(None))))


def summarize(lines: list[dict], names) -> dict[str, dict]:
    """For each exercise in ``names``: its state, how many answers were checked, the hints of wrong ones.

    The lines are read in the order they were written: the solution counts as
    seen first if it was opened before the first correct check.

    >>> lines = [{"event": "check", "exercise": "a", "status": "not yet right", "hint": "Add them."},
    ...          {"event": "solution", "exercise": "a"},
    ...          {"event": "check", "exercise": "a", "status": "correct", "hint": "well done."},
    ...          {"event": "check", "exercise": "b", "status": "correct", "hint": "well done."}]
    >>> {name: s["state"] for name, s in summarize(lines, ["a", "b", "c"]).items()}
    {'a': 'solution seen', 'b': 'solved', 'c': 'not tried'}
    """
    found = {name: {"checks": 0, "wrong_hints": Counter(), "solution_seen": False, "solved": False,
                    "seen_first": False} for name in names}
    for line in lines:
        mine = found.get(line.get("exercise"))
        if mine is None:
            continue
        if line["event"] == "solution":
            mine["solution_seen"] = True
            mine["seen_first"] = mine["seen_first"] or not mine["solved"]
        elif line["event"] == "check" and line.get("status") in ANSWERED:
            mine["checks"] += 1
            if line["status"] == "correct":
                mine["solved"] = True
            elif line.get("hint"):
                mine["wrong_hints"][line["hint"]] += 1
    summary = {}
    for name, mine in found.items():
        state = (SOLUTION_SEEN if mine["seen_first"] else SOLVED if mine["solved"] else TRIED if mine["checks"]
                 else NOT_TRIED)
        summary[name] = {"state": state, "checks": mine["checks"], "wrong_hints": dict(mine["wrong_hints"]),
                         "solution_seen": mine["solution_seen"]}
    return summary


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _exercises() -> dict:
    """Every exercise of this nnbook, in course order.

    Imported here, not at the top: nnbook.check records through this module, so it imports it first.
    """
    from .check import exercises

    return exercises()


# What the learner sees ---------------------------------------------------------------------------------------------

EDITION_FILE, EDITION_FORMAT = "nnbook-edition.json", "nnbook-edition"
"""A student edition's list of the exercises it holds, beside its notebooks; written by ``run.py student``."""


class Progress:
    """Your exercises and their states, shown as a table; made by :func:`progress`.

    ``states`` maps each exercise shown to its state, in the order of the
    notebooks; ``notebooks`` maps each to its notebook. ``total`` is how many
    exercises there are in all: in the course, or in the student edition
    (``edition``, the file that lists ``held`` of them) with any other you
    tried; ``untried`` names the notebooks left out because nothing in them
    is tried yet.
    """

    def __init__(self, states: dict[str, str], notebooks: dict[str, str], titles: dict[str, str],
                 where: pathlib.Path | None, *, total: int | None = None, course: int | None = None,
                 shown_as: str = "", untried: list[str] = (), edition: pathlib.Path | None = None,
                 held: int = 0, notes: list[str] = ()):
        self.states, self.notebooks, self._titles, self._where = states, notebooks, titles, where
        self.total = len(states) if total is None else total
        self.course = self.total if course is None else course
        self.untried, self.edition, self.held = list(untried), edition, held
        self._shown_as, self._notes = shown_as, list(notes)

    def count(self, state: str) -> int:
        """How many of the exercises shown are in ``state``."""
        return sum(1 for mine in self.states.values() if mine == state)

    @property
    def summary(self) -> str:
        """The count line: "3 of 9 solved in the notebooks you started (…); 53 exercises in the course"."""
        if self.edition:
            extra = self.total - self.held
            in_all = (tr("{held} exercises in this student edition and {extra} more you tried", held=self.held,
                         extra=extra) if extra else tr("{held} exercises in this student edition", held=self.held))
        else:
            in_all = tr("{total} exercises in the course", total=self.total)
        if not self.states:
            return tr("Nothing tried yet: no answer checked, no solution opened; {in_all}.", in_all=in_all)
        others = ", ".join(f"{self.count(state)} {state_name(state)}" for state in STATES[1:])
        line = tr("{solved} of {shown} solved{shown_as} ({others})", solved=self.count(SOLVED), shown=len(self.states),
                  shown_as=self._shown_as, others=others)
        return line if len(self.states) == self.total else f"{line}; {in_all}"

    @property
    def note(self) -> str:
        """Where your record is and how to hand it in."""
        if self._where is None:
            return tr("Recording is off here (NNBOOK_PROGRESS=off), so every exercise shows as not tried.")
        return tr("Your record: {where}. To hand it in, run nnbook.export_progress(\"your name\").",
                  where=self._where)

    @property
    def left_out(self) -> list[str]:
        """One line for each kind of exercise not shown, and how to show it."""
        lines = []
        if self.untried:
            spans = _spans(self.untried)
            lines.append(tr("Notebooks {spans}: nothing tried yet (progress(everything=True) shows them).", spans=spans)
                         if len(self.untried) > 1 else
                         tr("Notebook {spans}: nothing tried yet (progress(everything=True) shows it).", spans=spans))
        if self.edition:
            lines.append(tr("This student edition holds {held} of the course's {course} exercises ({file} beside your "
                            "notebooks lists them); progress(everything=True) shows all {course}.",
                            held=self.held, course=self.course, file=self.edition.name))
        return lines + self._notes

    def _groups(self):
        notebooks = list(dict.fromkeys(self.notebooks[name] for name in self.states))
        return [(notebook, [name for name in self.states if self.notebooks[name] == notebook])
                for notebook in notebooks]

    def __repr__(self) -> str:
        width = max(map(len, self.states), default=0)
        state_width = max(len(state_name(state)) for state in STATES)
        lines = [self.summary]
        for notebook, names in self._groups():
            lines += ["", notebook]
            for name in names:
                state = self.states[name]
                title = _shorten(self._titles[name], 96 - width)
                shown = state_name(state)
                lines.append(f"  {MARKS[state]} {shown:<{state_width}}  {name:<{width}}  {title}".rstrip())
        return "\n".join([*lines, "", *self.left_out, self.note])

    def _repr_html_(self) -> str:
        rows = []
        for notebook, names in self._groups():
            rows.append(f'<tr><th colspan="3" style="text-align:left;padding-top:0.6em">{html.escape(notebook)}'
                        "</th></tr>")
            for name in names:
                state = self.states[name]
                shown = html.escape(state_name(state))
                rows.append(f'<tr><td style="text-align:left;white-space:nowrap">{MARKS[state]} {shown}</td>'
                            f'<td style="text-align:left"><code>{html.escape(name)}</code></td>'
                            f'<td style="text-align:left">{html.escape(self._titles[name])}</td></tr>')
        table = (f'<table><thead><tr><th style="text-align:left">{html.escape(tr("state"))}</th>'
                 f'<th style="text-align:left">{html.escape(tr("exercise"))}</th>'
                 f'<th style="text-align:left">{html.escape(tr("what it asks"))}</th></tr></thead>'
                 f'<tbody>{"".join(rows)}</tbody></table>' if rows else "")
        after = "".join(f"<p>{html.escape(line)}</p>" for line in [*self.left_out, self.note])
        return f'<div class="nnbook-progress"><p><strong>{html.escape(self.summary)}</strong></p>{table}{after}</div>'


def state_name(state: str) -> str:
    """A state as the learner reads it, in the current language (the record and the hand-in file keep the English)."""
    return {SOLVED: tr("solved"), SOLUTION_SEEN: tr("solution seen"), TRIED: tr("tried"),
            NOT_TRIED: tr("not tried")}.get(state, state)


def _shorten(text: str, width: int) -> str:
    width = max(width, 20)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _spans(notebooks: list[str]) -> str:
    """Notebooks by their numbers, runs joined: ["01-pixels", "04-bias", "05-sigmoid"] → "01, 04-05"."""
    numbers = sorted(int(stem.split("-", 1)[0]) for stem in notebooks)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]:02d}" if len(run) == 1 else f"{run[0]:02d}-{run[-1]:02d}" for run in runs)


def progress(notebook: str | int | None = None, *, everything: bool = False) -> Progress:
    """Show your exercises, by notebook: solved, solution seen, tried or not tried.

    By default the table shows the notebooks you started (checked an answer
    in, or opened a solution of), and a line names the others. In a student
    edition it shows the exercises the edition holds (its
    ``nnbook-edition.json`` lists them), and any other you tried.

    ``notebook`` shows one notebook: its number ("03" or 3) or its name
    ("03-weighted-sums"). ``everything=True`` shows every exercise of the
    course, tried or not.
    """
    if not isinstance(everything, bool):
        raise TypeError(f"everything is True or False, got {everything!r:.40}.")
    exercises = course_exercises = _exercises()
    course = len(exercises)
    states = {name: mine["state"] for name, mine in summarize(read_record(), exercises).items()}
    edition, notes = (None, []) if everything else _edition(pathlib.Path.cwd(), exercises)
    if edition is not None:
        names = set(edition.held)
        exercises = {name: e for name, e in exercises.items() if name in names or states[name] != NOT_TRIED}
    total = len(exercises)
    untried, shown_as = [], ""
    if notebook is not None:
        wanted = notebook_named(notebook, [exercise.notebook for exercise in course_exercises.values()])
        exercises = {name: exercise for name, exercise in exercises.items() if exercise.notebook == wanted}
        shown_as = tr(" in {notebook}", notebook=wanted)
    elif not everything:
        started = {exercise.notebook for name, exercise in exercises.items() if states[name] != NOT_TRIED}
        untried = list(dict.fromkeys(e.notebook for e in exercises.values() if e.notebook not in started))
        exercises = {name: exercise for name, exercise in exercises.items() if exercise.notebook in started}
        shown_as = tr(" in the notebooks you started")
    titles = {name: tr_known(((exercise.__doc__ or "").strip().splitlines() or [""])[0])
              for name, exercise in exercises.items()}
    return Progress({name: states[name] for name in exercises},
                    {name: exercise.notebook for name, exercise in exercises.items()}, titles, record_file(),
                    total=total, course=course, shown_as=shown_as, untried=untried,
                    edition=edition.path if edition else None, held=len(edition.held) if edition else 0, notes=notes)


class _Edition(NamedTuple):
    path: pathlib.Path
    held: list[str]


def _edition(folder: pathlib.Path, known: dict) -> tuple[_Edition | None, list[str]]:
    """The student edition whose notebooks are in ``folder``: the exercises its file lists (None if no edition).

    A file that cannot be used gives a line saying so, and the whole course is shown.
    """
    path = folder / EDITION_FILE
    if not path.is_file():
        return None, []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return None, [tr("{path} could not be read ({error}), so this shows the whole course.", path=path,
                         error=type(error).__name__)]
    listed = data.get("exercises") if isinstance(data, dict) and data.get("format") == EDITION_FORMAT else None
    held = [name for name in known if name in listed] if isinstance(listed, list) else []
    if not held:
        return None, [tr("{path} lists none of this nnbook's exercises, so this shows the whole course.", path=path)]
    return _Edition(path, held), []


def notebook_named(asked, known: list[str]) -> str:
    """The notebook ``asked`` names, by number or by name; a clear error for one without exercises.

    >>> notebook_named(" 3", ["00-welcome", "03-weighted-sums"]), notebook_named("00-welcome.ipynb", ["00-welcome"])
    ('03-weighted-sums', '00-welcome')
    """
    known = list(dict.fromkeys(known))
    if isinstance(asked, int) and not isinstance(asked, bool):
        asked = f"{asked:02d}"
    if isinstance(asked, str):
        text = asked.strip().removesuffix(".ipynb")
        text = text.zfill(2) if text.isdigit() else text
        matching = [stem for stem in known if stem == text or stem.split("-", 1)[0] == text]
        if len(matching) == 1:
            return matching[0]
    raise ValueError(tr("there is no notebook {asked!r} with exercises. Give its number, such as \"03\", or its "
                        "name; the notebooks are {notebooks}.", asked=asked, notebooks=", ".join(known)))


# The file to hand in -----------------------------------------------------------------------------------------------

def slug(name: str) -> str:
    """``name`` made safe for a file name: lower case, accents dropped, anything else between words a hyphen.

    >>> slug("  Zoë van den Berg! "), slug("Ali_K."), slug("?!")
    ('zoe-van-den-berg', 'ali-k', '')
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", plain.casefold()).strip("-")[:60].strip("-")


def checksum(content: dict) -> str:
    """The SHA-256 of the hand-in file's content (every key but ``sha256``), written in one fixed way."""
    text = json.dumps({key: value for key, value in content.items() if key != "sha256"}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def export_progress(name: str, folder: str | os.PathLike | None = None) -> pathlib.Path:
    """Write your progress to a file to hand in to your teacher, and return its path.

    The file, ``progress-<your name>.json``, goes in ``folder``, by default the
    folder you are working in (where your notebook is, so that JupyterLab's
    file browser shows it). It never replaces a file: a second export is
    ``progress-<your name>-2.json``. It holds your name as you typed it, the
    state of every exercise, how many answers you checked, the hints your
    wrong answers got, and whether you opened the solution; nothing else.
    """
    if not isinstance(name, str):
        raise TypeError(tr("your name should be text in quotes, like nnbook.export_progress(\"Sam Jones\"), "
                           "got {kind} {name!r:.40}.", kind=type(name).__name__, name=name))
    stem = slug(name)
    if not stem:
        raise ValueError(tr("{name!r} has no letters or digits to name the file with. Give your name as your "
                            "teacher knows it, like nnbook.export_progress(\"Sam Jones\").", name=name))
    place = pathlib.Path.cwd() if folder is None else pathlib.Path(folder).expanduser()
    if not place.is_dir():
        raise FileNotFoundError(tr("there is no folder {place} to save your progress in. Give a folder that "
                                   "exists, or leave folder out to save it beside your notebook.", place=place))
    where = record_file()
    if where is None:
        raise RuntimeError(tr("your progress is not recorded on this computer (NNBOOK_PROGRESS is off), so there "
                              "is nothing to hand in. Ask your teacher what to do instead."))
    import nnbook  # for its __version__: imported here, since nnbook imports this module while it starts

    exercises = _exercises()
    summary = summarize(read_record(where), exercises)
    content = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "nnbook_version": nnbook.__version__, "name": name,
        "exported": _now(),
        "exercises": {exercise: {"notebook": exercises[exercise].notebook, **mine}
                      for exercise, mine in summary.items()},
    }
    content["sha256"] = checksum(content)
    path = _write_new(place, f"progress-{stem}", json.dumps(content, ensure_ascii=False, indent=1) + "\n")
    print(tr("Saved your progress to {path}: hand this file in to your teacher.", path=path))
    return path


def _write_new(folder: pathlib.Path, stem: str, text: str) -> pathlib.Path:
    """Write ``text`` to ``folder/stem.json``, or ``stem-2.json``, ``stem-3.json`` … : never over a file."""
    number = 1
    while True:
        path = folder / (f"{stem}.json" if number == 1 else f"{stem}-{number}.json")
        try:
            with open(path, "x", encoding="utf-8") as file:
                file.write(text)
            return path
        except FileExistsError:
            number += 1
