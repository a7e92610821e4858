"""The teacher's guide in teacher/ says what the notebooks and the checkers do, and cannot drift from them.

- the answer key is what scripts/answer_key.py makes from the checkers now, and lists every exercise;
- every notebook has its page, with its measured core time (scripts/course_stats.py), its goals as the
  notebook states them, and its Going further sections as the notebook titles them;
- every hint a page quotes is one the checker of that notebook writes, and the answer the page names
  really gets that hint;
- every relative link in teacher/*.md leads to a file (and a heading) in the repository.
"""

from __future__ import annotations

import ast
import json
import re
import string
import urllib.parse

import pytest

from notebook_code import NOTEBOOKS, ROOT
from project_files import load_script

stats_script = load_script("scripts/course_stats.py")
key_script = load_script("scripts/answer_key.py")

TEACHER = ROOT / "teacher"
COURSE = sorted(path.stem for path in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
CORE_TIME = re.compile(r"\*\*Core time: (\d+(?:\.\d+)?) minutes\*\*")
ON_RAMP_TIME = re.compile(r"\*\*on-ramp time: (\d+(?:\.\d+)?) minutes\*\*")
CHECKED = re.compile(r"`check\.(\w+)\((.*)\)`")
HINT = re.compile(r"^\s*> Hint: (.+)$")
GOING_FURTHER = re.compile(r"^- \*\*(Going further: .+)\*\*$", re.MULTILINE)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def page(name: str) -> str:
    return (TEACHER / f"{name}.md").read_text(encoding="utf-8")


def cells(name: str) -> list[dict]:
    return json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def section(text: str, heading: str) -> str:
    """The text under ``## heading``, up to the next ``## `` heading."""
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert found, f"no section '## {heading}'"
    return found[1]


def bullets(text: str) -> list[str]:
    return [line[2:].strip() for line in text.splitlines() if line.startswith("- ")]


# The answer key ------------------------------------------------------------------------------------------------

def test_the_answer_key_is_what_the_checkers_give_now():
    committed = (TEACHER / "answer-key.md").read_text(encoding="utf-8")
    assert committed == key_script.answer_key(), (
        "teacher/answer-key.md is stale: run `python3 scripts/answer_key.py` and commit it")


def test_the_answer_key_lists_every_exercise_once_in_course_order():
    from nnbook import check

    listed = re.findall(r"^### `(\w+)`$", (TEACHER / "answer-key.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert listed == list(check.exercises())


def test_the_answer_key_shows_each_worked_solution_even_while_workshop_mode_locks_it(monkeypatch):
    from nnbook import check
    from nnbook.check import _core, _workshop

    for notebook in {exercise.notebook for exercise in check.exercises().values()}:
        monkeypatch.setitem(_core.LOCKS, notebook, _workshop.lock_for(notebook, "a word"))
    assert "opens when your teacher says so" in repr(check.pixel_number.solution())
    key = key_script.answer_key()
    for name, exercise in check.exercises().items():
        code = key_script.solution_code(exercise)
        assert code and f"```python\n{code}\n```" in key, f"{name}: its worked solution is missing from the key"


def test_the_checkers_reply_is_given_only_for_plain_values_and_each_passes():
    simple = key_script.solution_answer("width = 20\nheight = 30\nmy_pixels = width * height", "my_pixels")
    assert simple == 600
    assert key_script.solution_answer('my_shapes = [(16, 784), (10, 16)]', "my_shapes") == [(16, 784), (10, 16)]
    for code in ("my_answer = np.sum(grid)", "def f(x):\n    return x", "x = 2 ** 1000", "import os"):
        with pytest.raises(key_script.NotSimple):
            key_script.solution_answer(code, "my_answer")
    replies = re.findall(r"\*\*The checker's reply:\*\*\n\n```text\n(.+)", key_script.answer_key())
    assert replies and all(reply.startswith("✓ ") for reply in replies)


def test_check_mode_passes_on_the_committed_key_and_fails_clearly_on_a_changed_one(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "answer-key.md"
    stale.write_text(key_script.answer_key(), encoding="utf-8")
    monkeypatch.setattr(key_script, "KEY", stale)
    monkeypatch.setattr(key_script, "ROOT", tmp_path)
    assert key_script.main(["--check"]) == 0
    stale.write_text("# Answer key\n\nedited by hand\n", encoding="utf-8")
    assert key_script.main(["--check"]) == 1
    assert "differs from what the checkers give now" in capsys.readouterr().err
    assert stale.read_text(encoding="utf-8") == "# Answer key\n\nedited by hand\n", "--check must not write"


# One page per notebook -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", COURSE)
def test_every_notebook_has_its_page_with_its_measured_core_time(name):
    path = TEACHER / f"{name}.md"
    assert path.exists(), f"teacher/{name}.md is missing: every notebook needs its page in the guide"
    measured = stats_script.notebook_stats(NOTEBOOKS / f"{name}.ipynb")
    written = CORE_TIME.findall(page(name))
    assert written, f"teacher/{name}.md: write '**Core time: {measured['core']['minutes']} minutes**'"
    assert [float(m) for m in written] == [measured["core"]["minutes"]], (
        f"teacher/{name}.md gives {written}, but `python3 run.py stats` measures {measured['core']['minutes']}")
    on_ramp = [float(m) for m in ON_RAMP_TIME.findall(page(name))]
    assert on_ramp == ([measured["on-ramp"]["minutes"]] if measured["on-ramp"]["minutes"] else [])


@pytest.mark.parametrize("name", COURSE)
def test_each_page_copies_the_notebooks_goals(name):
    goals_cell = next(("".join(c["source"]) for c in cells(name)
                       if c["cell_type"] == "markdown" and "After this notebook you can:" in "".join(c["source"])), "")
    assert bullets(section(page(name), "Goals")) == bullets(goals_cell)


@pytest.mark.parametrize("name", COURSE)
def test_each_page_names_exactly_the_notebooks_going_further_sections(name):
    titles = [line[3:] for c in cells(name) if c["cell_type"] == "markdown"
              for line in "".join(c["source"]).splitlines() if line.startswith("## Going further:")]
    assert GOING_FURTHER.findall(page(name)) == titles


def string_templates(module_path) -> list[tuple[re.Pattern, int]]:
    """Every string the module writes, an f-string's {...} parts matching any text; each with its literal length.

    A plain string may be a template for tr() (nnbook.language): then its {name} placeholders match any text too.
    """
    templates = []
    for node in ast.walk(ast.parse(module_path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            templates.append((re.compile(re.escape(node.value), re.DOTALL), len(node.value)))
            try:
                parts = list(string.Formatter().parse(node.value))
            except ValueError:
                continue
            if any(field is not None for _, field, _, _ in parts):
                pattern = "".join(re.escape(text) + (".+?" if field is not None else "") for text, field, _, _ in parts)
                templates.append((re.compile(pattern, re.DOTALL), sum(len(text) for text, *_ in parts)))
        elif isinstance(node, ast.JoinedStr):
            literal = [part.value if isinstance(part, ast.Constant) else None for part in node.values]
            pattern = "".join(".+?" if part is None else re.escape(part) for part in literal)
            templates.append((re.compile(pattern, re.DOTALL), sum(len(part) for part in literal if part)))
    return templates


def written_by(hint: str, templates) -> bool:
    """Whether the module writes ``hint``: a template matches it, and at least half of it is the template's text."""
    return any(pattern.fullmatch(hint) and 2 * literal >= len(hint) for pattern, literal in templates)


def quoted_hints(text: str) -> list[tuple[str, str, str]]:
    """(exercise, answer, hint) for each '`check.NAME(answer)` says:' followed by a '> Hint:' line."""
    found, call = [], None
    for line in text.splitlines():
        if (calls := CHECKED.findall(line)):
            call = calls[-1]
        elif (hint := HINT.match(line)):
            assert call, f"a quoted hint without the check that gives it: {line!r}"
            found.append((*call, hint[1]))
            call = None
    return found


@pytest.mark.parametrize("name", COURSE)
def test_each_quoted_hint_is_the_checkers_own_and_the_named_answer_gets_it(name, monkeypatch):
    from nnbook import check

    monkeypatch.setenv("NNBOOK_PROGRESS", "off")
    module = next((ROOT / "nnbook" / "check").glob(f"n{name[:2]}_*.py"))
    templates = string_templates(module)
    hints = quoted_hints(section(page(name), "Misconceptions and the hints that catch them"))
    assert len(hints) >= 2, f"teacher/{name}.md should name at least two misconceptions with their hints"
    for exercise, answer, hint in hints:
        judge = check.exercises()[exercise].judge
        assert judge.__module__ == f"nnbook.check.{module.stem}", f"{exercise} is not an exercise of {name}"
        assert written_by(hint, templates), f"{module.name} never writes the hint {hint!r}"
        feedback = check.exercises()[exercise](ast.literal_eval(answer))
        assert (feedback.status, feedback.hint) == ("not yet right", hint), (
            f"check.{exercise}({answer}) gives {feedback.status!r} with the hint {feedback.hint!r}")


def test_the_hint_parser_and_the_templates_work():
    text = "- **x** `check.a(1)` says:\n  > Hint: one\n- `check.b([1, 2])` says:\n  > Hint: two"
    assert quoted_hints(text) == [("a", "1", "one"), ("b", "[1, 2]", "two")]
    templates = string_templates(ROOT / "nnbook" / "check" / "n05_sigmoid.py")
    assert written_by("A neuron computes weight × input + bias. Neuron 2's bias is +3.", templates)
    assert not written_by("A neuron computes weight × input.", templates)
    assert not written_by("You need weighted sum + bias = 0.", templates)


# Links ---------------------------------------------------------------------------------------------------------

def github_anchors(markdown: str) -> set[str]:
    headings = [line.lstrip("#").strip() for line in markdown.splitlines() if re.match(r"#{1,6} ", line)]
    return {key_script.slug(heading) for heading in headings}


def test_every_relative_link_in_the_guide_resolves():
    pages = sorted(TEACHER.glob("*.md"))
    assert len(pages) >= len(COURSE) + 4
    broken = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / urllib.parse.unquote(file_part)).resolve() if file_part else path
            if not linked.exists() or ROOT not in linked.parents:
                broken.append(f"{path.name}: {target}")
            elif anchor and linked.suffix == ".md" and anchor not in github_anchors(linked.read_text("utf-8")):
                broken.append(f"{path.name}: {target} (no such heading)")
    assert not broken, "links that lead nowhere:\n" + "\n".join(broken)
