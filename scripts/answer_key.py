"""Write the teacher's answer key, teacher/answer-key.md, from the checkers themselves.

    python3 scripts/answer_key.py           write teacher/answer-key.md
    python3 scripts/answer_key.py --check   exit 1 if the committed key differs from a fresh one

Every exercise of the course has a self-check in ``nnbook/check/``: a judge
with a docstring that states the question, and a worked solution whose comments
give the reasoning. This script lists every exercise that
``nnbook.check.exercises()`` returns, in course order, grouped by notebook,
with

- the question (the judge's docstring);
- where it is in the notebook (core, on-ramp or a Going further section, and
  the heading above it), found from the cell that calls ``check.NAME(...)``;
- the worked solution, read straight from the exercise (so a workshop lock,
  which gates ``.solution()`` for learners, does not matter here);
- what the checker says to that solution, when this is simple and safe to
  find: only when every line of the solution is plain arithmetic on numbers,
  text and lists, and the notebook's ``check.NAME(...)`` passes one of the
  names it made. Those values are worked out here by a small evaluator (no
  ``exec``, no ``eval``), handed to the checker, and its reply is copied.
  Solutions that define functions or need the notebook's data get no reply;
  their comments are the reasoning.

Progress recording is switched off while the checker replies
(``NNBOOK_PROGRESS=off``), so writing the key records nothing. Because the key
is made from the checkers, ``tests/test_teacher_guide.py`` regenerates it and
compares: change a checker, then run this script and commit the new key.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import inspect
import json
import operator
import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KEY = ROOT / "teacher" / "answer-key.md"

if str(ROOT) not in sys.path:  # run as a script from anywhere, nnbook comes from this repository
    sys.path.insert(0, str(ROOT))

CHECK_CALL = r"\bcheck\.{name}\s*\((?P<argument>.*)\)\s*$"
BOLD_LABEL = re.compile(r"\*\*((?:Exercise|Warm-up)[^*]*)\*\*")
"""An exercise named in bold text rather than in a heading: **Warm-up 1.**, **Exercise 1, predict:**."""
PART_NAMES = {"core": "core", "on-ramp": "on-ramp (Python in ten minutes)", "extension": "Going further"}


# Where each exercise sits in the notebooks ---------------------------------------------------------------------

def notebook_of(exercise) -> str:
    """The notebook an exercise belongs to: ``exercise.notebook`` if set, else the stem its check module names.

    ``nnbook/check/n03_weighted_sums.py`` belongs to ``notebooks/03-weighted-sums.ipynb``.
    """
    named = getattr(exercise, "notebook", None)
    if isinstance(named, str) and re.fullmatch(r"\d\d-[\w-]+", named):
        return named
    module = exercise.judge.__module__.rsplit(".", 1)[-1]        # n03_weighted_sums
    number = re.fullmatch(r"n(\d\d)_\w+", module)
    if number is None:
        raise ValueError(f"exercise {exercise.name!r} comes from module {module!r}, which is not a lesson's "
                         "check module (nNN_name.py); give the exercise a notebook.")
    found = sorted(NOTEBOOKS.glob(f"{number[1]}-*.ipynb"))
    if len(found) != 1:
        raise ValueError(f"exercise {exercise.name!r}: expected one notebook notebooks/{number[1]}-*.ipynb, "
                         f"found {len(found)}.")
    return found[0].stem


def load_cells(notebook: str) -> list[dict]:
    """The notebook's cells; none if the notebook is not there (yet), so the key still lists its exercises."""
    path = NOTEBOOKS / f"{notebook}.ipynb"
    return json.loads(path.read_text(encoding="utf-8"))["cells"] if path.exists() else []


def title_of(notebook: str, cells: list[dict]) -> str:
    """The notebook's title, its first line without the leading '# '; its name if it has no cells."""
    first = "".join(cells[0]["source"]).splitlines()[0] if cells else ""
    return first.lstrip("#").strip() or notebook


def place_of(name: str, cells: list[dict]) -> dict | None:
    """Where ``check.NAME(...)`` is called: the part, the heading above the call, and the argument passed."""
    call = re.compile(CHECK_CALL.format(name=re.escape(name)))
    heading = label = None
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            headings = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
            heading = headings[-1] if headings else heading
            bold = BOLD_LABEL.search(text)
            label = bold[1].rstrip(".:") if bold else None
            continue
        for line in text.splitlines():
            found = call.search(line.split("#")[0].rstrip() if "#" in line else line)
            if found:
                tags = set(cell.get("metadata", {}).get("tags", []))
                part = "extension" if "extension" in tags else "on-ramp" if "on-ramp" in tags else "core"
                return {"part": part, "heading": heading, "label": label, "argument": found["argument"].strip()}
    return None


# What the checker says to the worked solution ------------------------------------------------------------------

_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
              ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow}


class NotSimple(Exception):
    """The solution does more than plain arithmetic on literal values."""


def plain_value(node: ast.AST, names: dict):
    """The value of a constant expression: numbers, text, lists and tuples, + - * / // % ** and names made earlier."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)):
        return node.value
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [plain_value(item, names) for item in node.elts]
        return items if isinstance(node, ast.List) else tuple(items)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = plain_value(node.operand, names)
        if not isinstance(value, (int, float)):
            raise NotSimple
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = plain_value(node.left, names), plain_value(node.right, names)
        if not all(isinstance(v, (int, float)) for v in (left, right)):
            raise NotSimple
        if isinstance(node.op, ast.Pow) and abs(right) > 64:
            raise NotSimple
        return _OPERATORS[type(node.op)](left, right)
    raise NotSimple


def solution_answer(code: str, argument: str):
    """The value the notebook's check call would pass after running ``code``; NotSimple if that needs real code."""
    names: dict = {}
    for statement in ast.parse(code).body:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)):
            raise NotSimple
        names[statement.targets[0].id] = plain_value(statement.value, names)
    try:
        return plain_value(ast.parse(argument, mode="eval").body, names)
    except SyntaxError:
        raise NotSimple from None


@contextlib.contextmanager
def nothing_recorded():
    """Switch progress recording off while the checkers reply, and put the setting back afterwards."""
    before = os.environ.get("NNBOOK_PROGRESS")
    os.environ["NNBOOK_PROGRESS"] = "off"
    try:
        yield
    finally:
        if before is None:
            del os.environ["NNBOOK_PROGRESS"]
        else:
            os.environ["NNBOOK_PROGRESS"] = before


def checker_reply(exercise, code: str, place: dict | None) -> str | None:
    """What the checker says to the worked solution, or None when finding out needs more than arithmetic."""
    if place is None:
        return None
    try:
        answer = solution_answer(code, place["argument"])
    except NotSimple:
        return None
    with nothing_recorded():
        feedback = exercise(answer)
    if not feedback.passed:
        raise ValueError(f"the worked solution of {exercise.name} does not pass its own check: {feedback}")
    return str(feedback)


# The key -------------------------------------------------------------------------------------------------------

def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, each space a hyphen."""
    kept = "".join(ch for ch in heading.lower() if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


def solution_code(exercise) -> str:
    """The worked solution's code, read from the exercise itself, never through a (perhaps locked) call."""
    return inspect.cleandoc(exercise._solution)


def answer_key() -> str:
    """The whole answer key, as Markdown."""
    from nnbook import check

    exercises = check.exercises()
    by_notebook: dict[str, list] = {}
    for exercise in exercises.values():
        by_notebook.setdefault(notebook_of(exercise), []).append(exercise)

    lines = [
        "# Answer key",
        "",
        "<!-- Generated by `python3 scripts/answer_key.py` from nnbook/check/. Do not edit: change a checker, "
        "then run the script. -->",
        "",
        f"Every one of the course's {len(exercises)} self-checked exercises, in course order, notebook by "
        "notebook. Each entry is made from the exercise's own checker in `nnbook/check/`:",
        "",
        "- **Question**: the checker's own description of the exercise.",
        "- **Where**: the part of the notebook (core, on-ramp or a Going further section) and the heading "
        "above the cell that checks it.",
        "- **Worked solution**: the code a learner sees with `check.NAME.solution()`. Its comments give the "
        "reasoning.",
        "- **The checker's reply**: what `check.NAME` says to that solution, copied from the checker. Only "
        "where the solution is plain numbers, text or lists; solutions that write code or use the notebook's "
        "data have their reasoning in their comments.",
        "",
        "A test (`tests/test_teacher_guide.py`) makes the key again and compares, so it cannot drift from "
        "the checkers.",
        "",
        "## Contents",
        "",
    ]
    titles = {}
    for notebook, listed in by_notebook.items():
        titles[notebook] = title_of(notebook, load_cells(notebook))
        lines.append(f"- [{titles[notebook]}](#{slug(titles[notebook])}): {len(listed)} exercises")
    for notebook, listed in by_notebook.items():
        cells = load_cells(notebook)
        lines += ["", f"## {titles[notebook]}", "",
                  f"Notebook: [`notebooks/{notebook}.ipynb`](../notebooks/{notebook}.ipynb)." if cells else
                  f"Notebook: `notebooks/{notebook}.ipynb` is not in the repository."]
        for exercise in listed:
            place = place_of(exercise.name, cells)
            code = solution_code(exercise)
            question = " ".join(inspect.cleandoc(exercise.__doc__ or "").split())
            if place is None:
                where = "not checked in the notebook's cells"
            else:
                where = PART_NAMES[place["part"]] + (f", under *{place['heading']}*" if place["heading"] else "")
                where += f" ({place['label']})" if place["label"] else ""
            lines += ["", f"### `{exercise.name}`", "",
                      f"**Question:** {question}", "",
                      f"**Where:** {where}.", "",
                      "**Worked solution:**", "", "```python", code, "```"]
            reply = checker_reply(exercise, code, place)
            if reply is not None:
                lines += ["", "**The checker's reply:**", "", "```text", reply, "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write teacher/answer-key.md from the checkers in nnbook/check/.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the committed teacher/answer-key.md differs from a fresh one")
    args = parser.parse_args(argv)
    text = answer_key()
    if args.check:
        committed = KEY.read_text(encoding="utf-8") if KEY.exists() else None
        if committed == text:
            print(f"{KEY.relative_to(ROOT)} is up to date.")
            return 0
        why = "is missing" if committed is None else "differs from what the checkers give now"
        print(f"{KEY.relative_to(ROOT)} {why}. Run `python3 scripts/answer_key.py` and commit the result.",
              file=sys.stderr)
        return 1
    KEY.parent.mkdir(parents=True, exist_ok=True)
    KEY.write_text(text, encoding="utf-8")
    print(f"wrote {KEY.relative_to(ROOT)}: {text.count(chr(10) + '### ')} exercises, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
