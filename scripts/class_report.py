"""What your class got right: a report from the progress files your students handed in.

    python3 run.py class-report ~/Downloads/progress-*.json
    python3 run.py class-report handed-in/                  # every .json file in the folder and its subfolders
    python3 run.py class-report handed-in/ --csv report.csv # the table also as CSV, for a spreadsheet
    python3 run.py class-report handed-in/ --notebooks 00 01 02 03   # only the workshop's notebooks
    python3 run.py class-report handed-in/ --all            # also the exercises nobody tried

Each student makes their file with ``nnbook.export_progress("their name")`` (the student edition's
README.md and the exit ticket show how). For every exercise, in the order of the course and grouped by
notebook, the report counts the students who

- **solved** it (a correct check, without opening the solution first),
- **saw the solution** (opened it before any correct check),
- **tried** it (checked, never correct, solution not opened),
- did **not try** it,

and names the hint that wrong answers got most often, with the number of students who got it. That
hint is often the misconception to talk about in class.

The table shows the exercises at least one student tried or opened the solution of; a line at the end
says how many it left out, and ``--all`` shows them too. ``--notebooks`` keeps the notebooks you name.

A folder gives every .json file in it and in its subfolders (a learning platform's download has one
folder per student), but not hidden files or folders, nor the ``__MACOSX`` copies a Mac's zip holds.
The report starts by saying how many files it found where.

A file that cannot be counted gets one line saying why, and the report goes on: a file that is not
JSON or is cut off, one that is not a progress file, one from another format_version, one changed after
it was exported (its SHA-256 checksum no longer matches). A file from another nnbook version is
counted, for the exercises this nnbook has, with a line that says so. A student who handed in twice
(the same name, ignoring case and spaces, or a copy of the same file) is counted once: the latest export.

The exit status is 0 when at least one file was counted, 1 when none was.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import pathlib
import sys
import unicodedata
from collections import Counter
from typing import NamedTuple

import nnbook
from nnbook import check
from nnbook.progress import notebook_named

FORMAT, FORMAT_VERSION = "nnbook-progress", 1
STATES = ("solved", "solution seen", "tried", "not tried")
HINT_WIDTH = 60
"""Characters of a hint shown in the printed table; the CSV has the whole hint."""


class Unreadable(Exception):
    """A hand-in file that cannot be counted; the message says why, for the teacher."""


class HandIn(NamedTuple):
    """One student's progress file, checked: the name as typed, and each exercise's record."""

    path: pathlib.Path
    name: str
    exported: str
    nnbook_version: str
    exercises: dict[str, dict]
    checksum: str

    @property
    def student(self) -> str:
        """The name as one student: case, accents written two ways and extra spaces do not matter."""
        return " ".join(unicodedata.normalize("NFKC", self.name).casefold().split())


def checksum(data: dict) -> str:
    """The SHA-256 that export_progress stores: of the JSON of every key but ``sha256``, written one fixed way."""
    rest = {key: value for key, value in data.items() if key != "sha256"}
    text = json.dumps(rest, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_hand_in(path: pathlib.Path) -> HandIn:
    """Read and check one hand-in file; raise :class:`Unreadable` with the reason if it cannot be counted."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise Unreadable(f"could not be read ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable("damaged: it is not text (not a progress file, or broken on the way)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if not text.strip():
            raise Unreadable("damaged: the file is empty") from None
        if error.pos >= len(text.rstrip()):
            raise Unreadable("damaged: the file is cut off before its end (was it copied or downloaded "
                             "completely?)") from None
        raise Unreadable(f"damaged: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})") \
            from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Unreadable(f"not an nnbook progress file (it has no \"format\": \"{FORMAT}\")")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        newer = isinstance(version, int) and version > FORMAT_VERSION
        raise Unreadable(f"written in format_version {version!r}, and this report reads format_version "
                         f"{FORMAT_VERSION}" + ("; update nnbook to read it" if newer else ""))
    if data.get("sha256") != checksum(data):
        raise Unreadable("changed after it was exported (its checksum does not match), so it is not counted")
    return HandIn(path, *_checked_fields(data))


def _checked_fields(data: dict) -> tuple:
    fields = {"name": str, "exported": str, "nnbook_version": str, "exercises": dict}
    for key, kind in fields.items():
        if not isinstance(data.get(key), kind):
            raise Unreadable(f"wrong format: {key!r} is missing or not a {kind.__name__}")
    for name, record in data["exercises"].items():
        problem = _record_problem(record)
        if problem:
            raise Unreadable(f"wrong format: exercise {name!r} {problem}")
    return (data["name"], data["exported"], data["nnbook_version"], data["exercises"], data["sha256"])


def _record_problem(record) -> str | None:
    if not isinstance(record, dict):
        return "is not a record"
    if record.get("state") not in STATES:
        return f"has the state {record.get('state')!r}, not one of {', '.join(STATES)}"
    hints = record.get("wrong_hints", {})
    if not isinstance(hints, dict) or not all(isinstance(n, int) and n > 0 for n in hints.values()):
        return "has wrong_hints that are not hint -> count"
    return None


# Reading a class ---------------------------------------------------------------------------------------------


def files_in(arguments: list[str]) -> tuple[list[pathlib.Path], list[str], list[str]]:
    """The files to read, a line for each argument that gave none, and lines that say what was found where.

    A folder gives every .json file in it and in its subfolders, except hidden ones (a name starting with
    a dot, or inside a hidden folder) and the ``__MACOSX`` copies a Mac's zip holds.
    """
    files, notes, found, named = [], [], [], 0
    for argument in arguments:
        path = pathlib.Path(argument).expanduser()
        if path.is_dir():
            here, skipped = [], 0
            for candidate in sorted(p for p in path.rglob("*.json") if p.is_file()):
                parts = candidate.relative_to(path).parts
                if any(part.startswith(".") or part == "__MACOSX" for part in parts):
                    skipped += 1
                else:
                    here.append(candidate)
            files += here
            if here:
                found.append(f"{argument}: {_found(here, path)}" + _skipped(skipped))
            else:
                notes.append(f"{argument}: a folder with no .json files in it or its subfolders" + _skipped(skipped))
        elif path.is_file():
            files.append(path)
            named += 1
        else:
            notes.append(f"{argument}: there is no such file or folder")
    if named:
        found.append(f"{named} file(s) named one by one")
    return files, notes, found


def _found(files: list[pathlib.Path], folder: pathlib.Path) -> str:
    nested = [path for path in files if path.parent != folder]
    if not nested:
        return f"{len(files)} .json file(s), all in the folder itself"
    subfolders = len({path.parent for path in nested})
    return (f"{len(files)} .json file(s), {len(files) - len(nested)} in the folder itself and {len(nested)} in "
            f"{subfolders} subfolder(s)")


def _skipped(count: int) -> str:
    return f" ({count} hidden or __MACOSX .json file(s) skipped)" if count else ""


def read_class(paths: list[pathlib.Path], known: dict[str, str]) -> tuple[list[HandIn], list[str]]:
    """The hand-ins to count, one per student, and one line for each file that needs the teacher's attention.

    ``known`` maps this nnbook's exercises to their notebooks.
    """
    counted: dict[str, HandIn] = {}
    by_checksum: dict[str, HandIn] = {}
    order: dict[pathlib.Path, int] = {}
    notes: list[tuple[int, str]] = []
    for where, path in enumerate(paths):
        if path.resolve() in order:
            notes.append((where, f"{path}: given twice on the command line; counted once"))
            continue
        order[path.resolve()] = where
        try:
            hand_in = read_hand_in(path)
        except Unreadable as reason:
            notes.append((where, f"{path}: {reason}"))
            continue
        if hand_in.checksum in by_checksum:
            notes.append((where, f"{path}: the same content as {by_checksum[hand_in.checksum].path}; counted once"))
            continue
        by_checksum[hand_in.checksum] = hand_in
        earlier = counted.get(hand_in.student)
        if earlier is None:
            counted[hand_in.student] = hand_in
            continue
        later, other = (hand_in, earlier) if hand_in.exported > earlier.exported else (earlier, hand_in)
        counted[hand_in.student] = later
        notes.append((order[other.path.resolve()],
                      f"{other.path}: handed in twice, under the name {other.name!r}, and again in {later.path}, "
                      f"exported later; counted once, from {later.path.name}"))
    for hand_in in counted.values():
        note = _version_note(hand_in, known)
        if note:
            notes.append((order[hand_in.path.resolve()], note))
    return list(counted.values()), [note for _, note in sorted(notes, key=lambda pair: pair[0])]


def _version_note(hand_in: HandIn, known: dict[str, str]) -> str | None:
    unknown = [name for name in hand_in.exercises if name not in known]
    missing = [name for name in known if name not in hand_in.exercises]
    if hand_in.nnbook_version == nnbook.__version__ and not unknown and not missing:
        return None
    parts = []
    if hand_in.nnbook_version != nnbook.__version__:
        parts.append(f"made with nnbook {hand_in.nnbook_version}, this is {nnbook.__version__}; counted for the "
                     "exercises this nnbook has")
    if unknown:
        parts.append(f"{len(unknown)} exercise(s) unknown here, not counted: {', '.join(unknown)}")
    if missing:
        parts.append(f"{len(missing)} exercise(s) of this nnbook missing from it, counted as not tried: "
                     f"{', '.join(missing)}")
    return f"{hand_in.path}: " + "; ".join(parts)


# The report --------------------------------------------------------------------------------------------------


class Row(NamedTuple):
    """One exercise's line in the report: the states counted, and the commonest wrong hint (None if none)."""

    notebook: str
    exercise: str
    states: Counter
    hint: str | None
    hint_students: int
    hint_times: int


def rows(hand_ins: list[HandIn], known: dict[str, str]) -> list[Row]:
    """One row per exercise of this nnbook, in course order: the states counted, and the commonest wrong hint.

    The commonest hint is the one the most students got; among equals, the one shown most often, then the
    first in alphabetical order, so that the report is the same every time.
    """
    table = []
    for exercise, notebook in known.items():
        states, students, times = Counter(), Counter(), Counter()
        for hand_in in hand_ins:
            record = hand_in.exercises.get(exercise, {"state": "not tried"})
            states[record["state"]] += 1
            for hint, count in record.get("wrong_hints", {}).items():
                students[hint] += 1
                times[hint] += count
        hint = min(students, key=lambda hint: (-students[hint], -times[hint], hint)) if students else None
        table.append(Row(notebook, exercise, states, hint, students[hint], times[hint]))
    return table


def choose(table: list[Row], students: int, notebooks: list[str] | None, everything: bool) -> tuple[list, list]:
    """The rows to show, and a line for each kind of row left out that names the option that shows it.

    Only the rows of ``notebooks``, if given; only those at least one student tried or opened the solution
    of, unless ``everything``.
    """
    left_out = []
    if notebooks:
        others = [row for row in table if row.notebook not in notebooks]
        table = [row for row in table if row.notebook in notebooks]
        left_out.append(f"Only notebooks {', '.join(notebooks)} (--notebooks): {len(others)} exercise(s) of the "
                        "other notebooks left out.")
    if not everything:
        untried = [row for row in table if row.states["not tried"] == students]
        table = [row for row in table if row.states["not tried"] < students]
        if untried:
            left_out.append(f"Left out: {len(untried)} exercise(s) that no student tried or opened the solution "
                            "of (--all shows them).")
    return table, left_out


def text_report(table: list[Row], students: int, notes: list[str], found: list[str] = (),
                left_out: list[str] = ()) -> str:
    """The report as the teacher reads it in a terminal."""
    lines = [f"Class report: {students} student(s), nnbook {nnbook.__version__}."]
    if found:
        lines += ["", "Files found:", *(f"  {line}" for line in found)]
    if notes:
        lines += ["", "Files to look at:", *(f"  {note}" for note in notes)]
    if not table:
        return "\n".join([*lines, "", "No exercise to show.", *left_out])
    width = max(len(row.exercise) for row in table) + 2
    header = f"{'':{width}}  solved  solution seen  tried  not tried  most common wrong-answer hint"
    notebook = None
    for row in table:
        if row.notebook != notebook:
            notebook = row.notebook
            lines += ["", notebook, header]
        hint = _shorten(row.hint) + f" ({row.hint_students} of {students})" if row.hint else "-"
        s = row.states
        lines.append(f"  {row.exercise:{width - 2}}  {s['solved']:6}  {s['solution seen']:13}  {s['tried']:5}  "
                     f"{s['not tried']:9}  {hint}")
    return "\n".join([*lines, *([""] if left_out else []), *left_out])


def _shorten(hint: str) -> str:
    hint = " ".join(hint.split())
    return f'"{hint}"' if len(hint) <= HINT_WIDTH else f'"{hint[:HINT_WIDTH - 1].rstrip()}…"'


def write_csv(table: list[Row], path: pathlib.Path) -> pathlib.Path:
    """Write the table as CSV (UTF-8 that spreadsheets recognise) to ``path``, or beside it if it exists.

    An existing file is never replaced: the new one gets -2, -3, ... before its suffix. Returns the path written.
    """
    target, number = path, 2
    while target.exists():
        target = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    with open(target, "x", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file)
        writer.writerow(["notebook", "exercise", *STATES, "most common wrong-answer hint", "students who got it",
                         "times shown"])
        for row in table:
            writer.writerow([row.notebook, row.exercise, *(row.states[state] for state in STATES), row.hint or "",
                             row.hint_students, row.hint_times])
    return target


def known_exercises() -> dict[str, str]:
    """This nnbook's exercises in course order, each with its notebook."""
    return {name: exercise.notebook for name, exercise in check.exercises().items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 run.py class-report",
        description="Show what a class got right, from the progress files the students handed in "
                    "(made by nnbook.export_progress): per exercise, how many solved it, saw the solution, "
                    "tried it or did not, and the commonest wrong-answer hint.",
        epilog="Damaged files, files from another version and files handed in twice each get a line; "
               "the report goes on. Exit status 1 if no file could be counted.")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="progress files, or folders: every .json in them and in their subfolders")
    parser.add_argument("--csv", type=pathlib.Path, metavar="FILE",
                        help="also write the table shown as CSV, for a spreadsheet (an existing file is not replaced)")
    parser.add_argument("--notebooks", nargs="+", metavar="NN",
                        help="only these notebooks, by number or name: --notebooks 00 01 02 03")
    parser.add_argument("--all", action="store_true",
                        help="also the exercises no student tried or opened the solution of (left out by default)")
    options = parser.parse_args(argv)
    known = known_exercises()
    notebooks = None
    if options.notebooks:
        try:
            named = {notebook_named(asked, list(known.values())) for asked in options.notebooks}
            notebooks = [notebook for notebook in dict.fromkeys(known.values()) if notebook in named]
        except ValueError as error:
            parser.error(f"--notebooks: {error}")
    paths, notes, found = files_in(options.files)
    hand_ins, file_notes = read_class(paths, known)
    notes += file_notes
    if not hand_ins:
        print("\n".join([*(f"Files found: {line}" for line in found), *notes]), file=sys.stderr)
        print(f"run.py class-report: none of the {len(paths)} file(s) could be counted, so there is no report. "
              "Give the progress-NAME.json files your students made with nnbook.export_progress(\"their name\"), "
              "or a folder holding them.", file=sys.stderr)
        return 1
    table, left_out = choose(rows(hand_ins, known), len(hand_ins), notebooks, options.all)
    print(text_report(table, len(hand_ins), notes, found, left_out))
    if options.csv:
        try:
            written = write_csv(table, options.csv.expanduser())
        except OSError as error:
            print(f"run.py class-report: could not write the CSV to {options.csv} ({error.strerror or error}); "
                  "give a path in a folder that exists and that you can write to.", file=sys.stderr)
            return 1
        replaced = "" if written == options.csv.expanduser() else f" ({options.csv} exists, so a new name)"
        print(f"\nThe table as CSV: {written}{replaced}, {written.stat().st_size / 1e3:.1f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
