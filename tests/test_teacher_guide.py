"""The teacher's guide in teacher/ says what the notebooks and the checkers do, and cannot drift from them.

- the answer key is what scripts/answer_key.py makes from the checkers now, and lists every exercise;
- every notebook has its page, with its measured core time (scripts/course_stats.py), its goals as the
  notebook states them, and its Going further sections as the notebook titles them;
- every hint a page quotes is one the checker of that notebook writes, and the answer the page names
  really gets that hint;
- every relative link in teacher/*.md leads to a file (and a heading) in the repository.

The Dutch guide in teacher/nl/ (and LEESMIJ.md) is held to the same: its answer key is what
``scripts/answer_key.py --language nl`` makes now; each page's core time is the measured one, its goals
are the Dutch notebook's goals cell, each *Verder* section it names is a ``## Verder:`` heading of that Dutch
notebook, each hint it quotes is what the checker says under ``set_language("nl")`` to the answer it names,
and every relative link and anchor resolves (GitHub's anchors, accents kept).
"""

from __future__ import annotations

import ast
import contextlib
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
TEACHER_NL = TEACHER / "nl"
NOTEBOOKS_NL = NOTEBOOKS / "nl"
COURSE = sorted(path.stem for path in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
CORE_TIME = re.compile(r"\*\*Core time: (\d+(?:\.\d+)?) minutes\*\*")
ON_RAMP_TIME = re.compile(r"\*\*on-ramp time: (\d+(?:\.\d+)?) minutes\*\*")
CHECKED = re.compile(r"`check\.(\w+)\((.*)\)`")
HINT = re.compile(r"^\s*> Hint: (.+)$")
GOING_FURTHER = re.compile(r"^- \*\*(Going further: .+)\*\*$", re.MULTILINE)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
CORE_TIME_NL = re.compile(r"\*\*Tijd voor de kern: (\d+(?:\.\d+)?) minuten\*\*")
ON_RAMP_TIME_NL = re.compile(r"\*\*[Tt]ijd voor de opstap: (\d+(?:\.\d+)?) minuten\*\*")
VERDER = re.compile(r"^- \*\*(Verder: .+)\*\*$", re.MULTILINE)
VERDER_NAMED = re.compile(r"\*(Verder: [^*]+)\*")


def page(name: str) -> str:
    return (TEACHER / f"{name}.md").read_text(encoding="utf-8")


def cells(name: str, folder=NOTEBOOKS) -> list[dict]:
    return json.loads((folder / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def page_nl(name: str) -> str:
    return (TEACHER_NL / f"{name}.md").read_text(encoding="utf-8")


def headings_of(name: str, prefix: str, folder=NOTEBOOKS) -> list[str]:
    """The titles of a notebook's ``## prefix…`` headings, in order."""
    return [line[3:] for c in cells(name, folder) if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines() if line.startswith(f"## {prefix}")]


@contextlib.contextmanager
def dutch():
    """nnbook speaks Dutch inside, English again afterwards (whatever happens)."""
    from nnbook import set_language

    set_language("nl")
    try:
        yield
    finally:
        set_language("en")


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


def string_templates(module_path, language: str = "en") -> list[tuple[re.Pattern, int]]:
    """Every string the module writes, an f-string's {...} parts matching any text; each with its literal length.

    A plain string may be a template for tr() (nnbook.language): then its {name} placeholders match any text too.
    In another ``language`` a plain string stands for its twin in nnbook's catalog of that language, if it has one.
    """
    from nnbook.language import catalog

    twins = catalog(language)["messages"]
    templates = []
    for node in ast.walk(ast.parse(module_path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = twins.get(node.value, node.value)
            templates.append((re.compile(re.escape(value), re.DOTALL), len(value)))
            try:
                parts = list(string.Formatter().parse(value))
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
    """The anchors GitHub gives a Markdown file's headings: code blocks skipped, a repeated one numbered -1, -2."""
    anchors, fenced = set(), False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            anchor = key_script.slug(line.lstrip("#").strip())
            number, unique = 0, anchor
            while unique in anchors:
                number += 1
                unique = f"{anchor}-{number}"
            anchors.add(unique)
    return anchors


def broken_links(pages) -> list[str]:
    """Every relative link in ``pages`` that leads to no file in the repository, or to no heading in its file."""
    broken = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / urllib.parse.unquote(file_part)).resolve() if file_part else path
            if not linked.exists() or ROOT not in linked.parents:
                broken.append(f"{path.relative_to(ROOT)}: {target}")
            elif anchor and linked.suffix == ".md" and (
                    urllib.parse.unquote(anchor) not in github_anchors(linked.read_text("utf-8"))):
                broken.append(f"{path.relative_to(ROOT)}: {target} (no such heading)")
    return broken


def test_every_relative_link_in_the_guide_resolves():
    pages = sorted(TEACHER.glob("*.md"))
    assert len(pages) >= len(COURSE) + 4
    broken = broken_links(pages)
    assert not broken, "links that lead nowhere:\n" + "\n".join(broken)


def test_the_anchors_are_githubs():
    assert key_script.slug("05 · Sigmoïde") == "05--sigmoïde"
    assert key_script.slug("06 · Parameters en leren: 13 002 getallen om in te stellen") == (
        "06--parameters-en-leren-13-002-getallen-om-in-te-stellen")
    assert key_script.slug("Opdracht: waar staat pixel (rij, kolom)? (makkelijk)") == (
        "opdracht-waar-staat-pixel-rij-kolom-makkelijk")
    assert key_script.slug("### `warmup_pixels`".lstrip("#").strip()) == "warmup_pixels"
    assert key_script.slug("sigmoi\u0308de") == "sigmoi\u0308de", "a combining accent stays, as on GitHub"
    assert github_anchors("# A\n```python\n# not a heading\n```\n## A\n") == {"a", "a-1"}


# The Dutch guide: teacher/nl/ ----------------------------------------------------------------------------------

def test_the_dutch_answer_key_is_what_the_checkers_give_now_in_dutch():
    from nnbook import language

    committed = (TEACHER_NL / "answer-key.md").read_text(encoding="utf-8")
    assert committed == key_script.answer_key("nl"), (
        "teacher/nl/answer-key.md is stale: run `python3 scripts/answer_key.py --language nl` and commit it")
    assert language() == "en", "making the Dutch key must put nnbook's language back"


def test_the_dutch_answer_key_is_the_same_key_in_dutch():
    from nnbook import check
    from nnbook.language import catalog

    key = (TEACHER_NL / "answer-key.md").read_text(encoding="utf-8")
    assert re.findall(r"^### `(\w+)`$", key, re.MULTILINE) == list(check.exercises())
    titles = re.findall(r"^## (\d\d · .+)$", key, re.MULTILINE)
    assert titles == ["".join(cells(name, NOTEBOOKS_NL)[0]["source"]).splitlines()[0][2:] for name in COURSE]
    for name, exercise in check.exercises().items():
        code = key_script.solution_code(exercise)
        dutch_code = catalog("nl")["solutions"][code]
        assert f"```python\n{dutch_code}\n```" in key, f"{name}: its solution with Dutch comments is missing"
        summary = (exercise.__doc__ or "").strip().splitlines()[0]
        assert f"**Vraag:** {catalog('nl')['messages'][summary]}\n" in key, f"{name}: its Dutch question is missing"
    replies = re.findall(r"\*\*Wat de check zegt:\*\*\n\n```text\n(.+)", key)
    english = re.findall(r"\*\*The checker's reply:\*\*", (TEACHER / "answer-key.md").read_text(encoding="utf-8"))
    assert len(replies) == len(english) and all(reply.startswith("✓ ") for reply in replies)
    for english_word in ("**Question:**", "**Where:**", "Going further", "**Worked solution:**"):
        assert english_word not in key


def test_check_mode_works_per_language(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "nl" / "answer-key.md"
    stale.parent.mkdir()
    stale.write_text(key_script.answer_key("nl"), encoding="utf-8")
    monkeypatch.setitem(key_script.KEYS, "nl", stale)
    monkeypatch.setattr(key_script, "ROOT", tmp_path)
    assert key_script.main(["--check", "--language", "nl"]) == 0
    stale.write_text("# Antwoordmodel\n", encoding="utf-8")
    assert key_script.main(["--language", "nl", "--check"]) == 1
    assert "python3 scripts/answer_key.py --language nl" in capsys.readouterr().err
    assert stale.read_text(encoding="utf-8") == "# Antwoordmodel\n", "--check must not write"
    with pytest.raises(SystemExit):
        key_script.main(["--language", "fr"])
    assert "en or nl" in capsys.readouterr().err


@pytest.mark.parametrize("name", COURSE)
def test_every_notebook_has_its_dutch_page_with_its_measured_core_time(name):
    path = TEACHER_NL / f"{name}.md"
    assert path.exists(), f"teacher/nl/{name}.md is missing: every notebook needs its page in the Dutch guide"
    assert (NOTEBOOKS_NL / f"{name}.ipynb").exists(), f"notebooks/nl/{name}.ipynb is missing"
    # The minutes `python3 run.py stats` measures (the course's time model), as the Dutch page says.
    measured = stats_script.notebook_stats(NOTEBOOKS / f"{name}.ipynb")
    written = CORE_TIME_NL.findall(page_nl(name))
    assert written, f"teacher/nl/{name}.md: write '**Tijd voor de kern: {measured['core']['minutes']} minuten**'"
    assert [float(m) for m in written] == [measured["core"]["minutes"]], (
        f"teacher/nl/{name}.md gives {written}, but `python3 run.py stats` measures {measured['core']['minutes']}")
    on_ramp = [float(m) for m in ON_RAMP_TIME_NL.findall(page_nl(name))]
    assert on_ramp == ([measured["on-ramp"]["minutes"]] if measured["on-ramp"]["minutes"] else [])


@pytest.mark.parametrize("name", COURSE)
def test_each_dutch_page_copies_the_dutch_notebooks_goals(name):
    goals_cell = next(("".join(c["source"]) for c in cells(name, NOTEBOOKS_NL)
                       if c["cell_type"] == "markdown" and "Na dit notebook kun je:" in "".join(c["source"])), "")
    assert bullets(section(page_nl(name), "Doelen")) == bullets(goals_cell)


@pytest.mark.parametrize("name", COURSE)
def test_each_dutch_page_names_exactly_the_dutch_notebooks_verder_sections(name):
    assert VERDER.findall(page_nl(name)) == headings_of(name, "Verder:", NOTEBOOKS_NL)


def test_every_verder_section_the_dutch_guide_names_is_a_heading_of_that_notebook():
    """A *Verder: …* title anywhere in teacher/nl/ is a heading of the page's notebook or of one named next to it."""
    course = {name[:2]: name for name in COURSE}
    sections = {number: set(headings_of(name, "Verder:", NOTEBOOKS_NL)) for number, name in course.items()}
    wrong = []
    for path in sorted(TEACHER_NL.glob("*.md")):
        own = [path.stem[:2]] if path.stem[:2] in course else []
        for paragraph in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            # a table row stands on its own; any other paragraph is one piece of text
            pieces = paragraph.splitlines() if paragraph.lstrip().startswith("|") else [paragraph]
            for piece in pieces:
                named = own + [number for number in re.findall(r"\b(\d\d)\b", piece) if number in course]
                for title in (" ".join(found.split()) for found in VERDER_NAMED.findall(piece)):
                    if not any(title in sections[number] for number in named):
                        wrong.append(f"{path.name}: *{title}* (notebooks named here: {named or 'none'})")
    assert not wrong, "Verder sections that no Dutch notebook named there has:\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", COURSE)
def test_each_quoted_dutch_hint_is_the_checkers_own_and_the_named_answer_gets_it(name, monkeypatch):
    from nnbook import check, language

    monkeypatch.setenv("NNBOOK_PROGRESS", "off")
    module = next((ROOT / "nnbook" / "check").glob(f"n{name[:2]}_*.py"))
    templates = string_templates(module, "nl")
    hints = quoted_hints(section(page_nl(name), "Misvattingen en de hints die ze opvangen"))
    assert len(hints) >= 2, f"teacher/nl/{name}.md should name at least two misconceptions with their hints"
    with dutch():
        for exercise, answer, hint in hints:
            judge = check.exercises()[exercise].judge
            assert judge.__module__ == f"nnbook.check.{module.stem}", f"{exercise} is not an exercise of {name}"
            assert written_by(hint, templates), f"{module.name} (in Dutch) never writes the hint {hint!r}"
            feedback = check.exercises()[exercise](ast.literal_eval(answer))
            assert (feedback.status, feedback.hint) == ("not yet right", hint), (
                f"under set_language('nl'), check.{exercise}({answer}) gives {feedback.status!r} "
                f"with the hint {feedback.hint!r}")
    assert language() == "en"


def test_the_dutch_templates_are_the_catalogs():
    templates = string_templates(ROOT / "nnbook" / "check" / "n05_sigmoid.py", "nl")
    assert written_by("Een neuron berekent gewicht × invoer + bias. De bias van neuron 2 is +3.", templates)
    assert not written_by("A neuron computes weight × input + bias. Neuron 2's bias is +3.", templates)


def test_every_relative_link_in_the_dutch_guide_and_leesmij_resolves():
    pages = sorted(TEACHER_NL.glob("*.md")) + [ROOT / "LEESMIJ.md"]
    assert len(pages) >= len(COURSE) + 5
    broken = broken_links(pages)
    assert not broken, "links that lead nowhere:\n" + "\n".join(broken)
