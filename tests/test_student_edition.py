"""run.py student: the student edition holds the course's notebooks with workshop mode on, and runs.

Editions are built as run.py builds them (``python scripts/build_student.py`` from the repository) into
temporary folders; the script is also imported for the parts that are easier to test one by one. The
locks are computed here from the format in the brief, so that a lock the package would not open fails.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import re
import shlex
import subprocess
import sys
import zipfile

import nbformat
import pytest

import nnbook
from nnbook import check
from notebook_code import run_in_fresh_kernel
from project_files import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
student = load_script("scripts/build_student.py")

COURSE = {path.stem: nbformat.read(path, as_version=4) for path in student.course_notebooks()}
WITH_EXERCISES = [stem for stem in COURSE if stem in {e.notebook for e in check.exercises().values()}]


def build(*arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build_student.py", *map(str, arguments)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def lock(notebook: str, word: str) -> str:
    return "sha256:" + hashlib.sha256(f"nnbook-unlock:{notebook}:{word.strip().casefold()}".encode()).hexdigest()


def sheet(out: pathlib.Path) -> dict[str, str]:
    lines = (out / "unlock-words.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def edition(out: pathlib.Path) -> dict[str, nbformat.NotebookNode]:
    return {path.stem: nbformat.read(path, as_version=4) for path in sorted((out / "nnbook-student").glob("*.ipynb"))}


def tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


def is_extension(cell) -> bool:
    return "extension" in tags(cell)


@pytest.fixture(scope="module")
def kept(tmp_path_factory) -> tuple[pathlib.Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("kept")
    result = build("--out", out)
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="module")
def dropped(tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("dropped")
    result = build("--out", out, "--extensions", "drop")
    assert result.returncode == 0, result.stderr
    return out


def test_the_edition_has_every_notebook_a_readme_and_says_what_it_made(kept):
    out, result = kept
    folder = out / "nnbook-student"
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [".nnbook-student-edition", "README.md", "nnbook-edition.json", *(f"{stem}.ipynb" for stem in COURSE)])
    lines = result.stdout.splitlines()
    assert lines[0] == (f"Made the student edition: {len(COURSE)} notebooks, extensions kept, stored outputs kept, "
                        "workshop mode on.")
    for path in (folder, out / "nnbook-student.zip", out / "unlock-words.txt"):
        [line] = [line for line in lines if line.split()[:1] in ([f"{path}/"], [str(path)])]
        assert re.search(r"  \d+(\.\d)? (kB|MB)  \(", line), line


def test_with_extensions_kept_each_notebook_is_the_course_one_plus_the_workshop_cell(kept):
    out, _ = kept
    for stem, notebook in edition(out).items():
        original = COURSE[stem]
        cells = [cell for cell in notebook.cells if "workshop" not in tags(cell)]
        assert len(notebook.cells) == len(original.cells) + 1
        assert [(c.cell_type, c.source, tags(c)) for c in cells] == [
            (c.cell_type, c.source, tags(c)) for c in original.cells]
        assert [c.get("outputs") for c in cells] == [c.get("outputs") for c in original.cells]
        assert any(is_extension(cell) for cell in notebook.cells) or not any(map(is_extension, original.cells))


def test_the_workshop_cell_follows_the_colab_cell_and_holds_the_lock_of_the_teachers_word(kept):
    out, _ = kept
    words = sheet(out)
    assert list(words) == WITH_EXERCISES
    assert len(set(words.values())) == len(words), "each notebook gets its own word"
    assert set(words.values()) <= set(student.WORDS)
    for stem, notebook in edition(out).items():
        assert "google.colab" in notebook.cells[2].source
        [workshop] = [cell for cell in notebook.cells if "workshop" in tags(cell)]
        assert workshop is notebook.cells[3]
        assert workshop.cell_type == "code" and tags(workshop) == ["workshop"]
        assert workshop.source == f'from nnbook import check\ncheck.workshop("{stem}", "{lock(stem, words[stem])}")'
        assert workshop.outputs == [] and workshop.execution_count is None
        assert words[stem] not in workshop.source


def test_with_extensions_dropped_each_notebook_is_its_core_and_ends_with_its_summary(dropped):
    for stem, notebook in edition(dropped).items():
        original = COURSE[stem]
        assert not any(is_extension(cell) for cell in notebook.cells)
        core = [cell for cell in original.cells if not is_extension(cell)]
        if len(core) < len(original.cells):
            assert notebook.cells[-1].source.startswith("## Summary"), stem
        assert len(notebook.cells) == len(core) + 1
        kept_cells = [cell for cell in notebook.cells if "workshop" not in tags(cell)]
        assert [tags(cell) for cell in kept_cells] == [tags(cell) for cell in core]
        for before, after in zip(core, kept_cells):
            if before.source != after.source:
                assert before.cell_type == "markdown", f"{stem}: a code cell changed"
                assert re.search("going further", before.source, re.IGNORECASE), f"{stem}: an unrelated cell changed"
            assert before.get("outputs") == after.get("outputs")
    assert "on-ramp" in {tag for cell in edition(dropped)["00-welcome"].cells for tag in tags(cell)}


def test_nothing_in_the_cores_only_edition_points_at_the_dropped_extensions(dropped):
    for stem, notebook in edition(dropped).items():
        for cell in notebook.cells:
            assert not re.search(r"going further|more time\?", cell.source, re.IGNORECASE), (stem, cell.source)
        [before] = [cell.source for cell in COURSE[stem].cells if cell.source.startswith("## Summary")] or [None]
        [after] = [cell.source for cell in notebook.cells if cell.source.startswith("## Summary")] or [None]
        if before is not None:
            assert "\n\n\n" not in after and not after.endswith("\n")
            assert after.splitlines()[-1] == before.splitlines()[-1], "the pointer to the next notebook stays"


@pytest.mark.parametrize(("before", "after"), [
    ("## Summary\n\n- A.\n- More time? See *Going further* below.\n\n**Next:** [02](02-layers.ipynb)",
     "## Summary\n\n- A.\n\n**Next:** [02](02-layers.ipynb)"),
    ("## Summary\n\n- A.\n\nMore time? *Going further* below.\n\n**Next:** the video.",
     "## Summary\n\n- A.\n\n**Next:** the video."),
    ("- A.\n- More time? See *Going further*.", "- A."),
    ("so the first layers hardly learn (see Going further).", "so the first layers hardly learn."),
    ("Minutes. From 01 on, each notebook is a short **core**, then *Going further* sections.",
     "Minutes. From 01 on, each notebook is a short **core**. This edition has the cores only."),
])
def test_pointers_at_the_extensions_are_rewritten(before, after):
    assert student._without_pointers(before) == after


def _tiny_course_notebook(extra_core: str = "") -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# 03 · Weighted sums"),
        nbformat.v4.new_markdown_cell("[Colab badge]"),
        nbformat.v4.new_code_cell('import sys\nif "google.colab" in sys.modules:\n    pass'),
        nbformat.v4.new_markdown_cell(f"## Summary\n\n- A.{extra_core}\n\nMore time? See *Going further* below."),
        nbformat.v4.new_markdown_cell("## Going further: more", metadata={"tags": ["extension"]}),
    ]
    return notebook


def test_a_pointer_without_a_rewrite_stops_the_build_and_says_where():
    notebook = _tiny_course_notebook(" Read on in *Going further: more*.")
    with pytest.raises(student.BuildError, match=r"03-weighted-sums, cell 3 of the cores-only edition still points "
                                                 r"at the extensions it drops: '- A\. Read on in \*Going further: "
                                                 r"more\*\.'\. Add a rewrite for it to DANGLING"):
        student.student_notebook(notebook, "03-weighted-sums", "lemon", drop_extensions=True, clear_outputs=False)
    made = student.student_notebook(_tiny_course_notebook(), "03-weighted-sums", "lemon", drop_extensions=True,
                                    clear_outputs=False)
    assert [cell.source for cell in made.cells][-1] == "## Summary\n\n- A."


def test_a_notebook_whose_third_cell_is_not_the_colab_cell_is_refused():
    notebook = _tiny_course_notebook()
    notebook.cells.pop(2)
    with pytest.raises(student.BuildError, match="the third cell is not the Colab cell"):
        student.student_notebook(notebook, "03-weighted-sums", "lemon", drop_extensions=False, clear_outputs=False)


def test_the_words_sheet_is_outside_the_folder_and_the_zip_and_the_zip_is_the_folder(kept):
    out, _ = kept
    folder = out / "nnbook-student"
    assert (out / "unlock-words.txt").is_file()
    assert not list(folder.rglob("unlock-words*"))
    with zipfile.ZipFile(out / "nnbook-student.zip") as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(f"nnbook-student/{path.name}" for path in folder.iterdir()
                                       if path.name != ".nnbook-student-edition")
        for name in names:
            assert archive.read(name) == (out / name).read_bytes()
        text = b"".join(archive.read(name) for name in names).decode("utf-8")
    assert "unlock-words" not in text
    for stem, word in sheet(out).items():
        assert f"{stem}={word}" not in text


def test_the_readme_tells_students_how_to_open_it_and_hand_in_progress(kept):
    out, _ = kept
    readme = (out / "nnbook-student" / "README.md").read_text(encoding="utf-8")
    for needed in ("00-welcome.ipynb", "python3 run.py lab", "nnbook", 'check.unlock("the word")',
                   'nnbook.export_progress("your name")', "progress-your-name.json", "Download",
                   "nnbook-edition.json", "nnbook.progress(everything=True)"):
        assert needed in readme


def test_help_says_the_students_need_nnbook():
    result = build("--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "need nnbook installed" in text and "python3 run.py lab" in text
    assert "--extensions {keep,drop}" in text and "--words FILE" in text and "--clear-outputs" in text


def test_clear_outputs_leaves_no_output_count_or_widget_state(tmp_path):
    result = build("--out", tmp_path, "--clear-outputs", "--extensions", "drop")
    assert result.returncode == 0, result.stderr
    assert "stored outputs cleared" in result.stdout
    for notebook in edition(tmp_path).values():
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None
        assert "widgets" not in notebook.metadata


def test_dropping_extensions_keeps_only_the_widget_state_the_core_shows(dropped):
    for stem, notebook in edition(dropped).items():
        views = {output.data["application/vnd.jupyter.widget-view+json"]["model_id"]
                 for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
                 if "application/vnd.jupyter.widget-view+json" in output.get("data", {})}
        state = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
        models = state.get("state", {})
        assert views <= set(models), stem
        original = COURSE[stem].metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
        assert set(models) <= set(original.get("state", {}))
        for model in models:  # every model kept is one a shown widget uses
            assert model in views or any(f"IPY_MODEL_{model}" in json.dumps(models[other]) for other in models)


def test_the_teachers_words_are_used_and_a_notebook_they_leave_out_gets_a_drawn_word(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# my words\n\n00-welcome = Pancake \n03-weighted-sums=Blue Whale\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build("--out", out, "--words", words)
    assert result.returncode == 0, result.stderr
    drawn = [stem for stem in WITH_EXERCISES if stem not in {"00-welcome", "03-weighted-sums"}]
    assert f"  Words from {words}; drawn for: {', '.join(drawn)}." in result.stdout.splitlines()
    made = sheet(out)
    assert made["00-welcome"] == "Pancake" and made["03-weighted-sums"] == "Blue Whale"
    assert all(made[stem] in student.WORDS for stem in drawn)
    workshop = edition(out)["03-weighted-sums"].cells[3]
    assert lock("03-weighted-sums", "blue whale") in workshop.source


@pytest.mark.parametrize(("text", "message"), [
    ("03-weighted-sums banana\n", "line 1: '03-weighted-sums banana' has no '='"),
    ("# fine\n99-nowhere=banana\n", "line 2: there is no notebook '99-nowhere'. The notebooks are: 00-welcome, "),
    ("03-weighted-sums=banana\n03-weighted-sums=apple\n", "line 2: 03-weighted-sums has a word already ('banana')"),
    ("03-weighted-sums=  \n", "line 1: the word for 03-weighted-sums is empty"),
])
def test_a_bad_words_file_is_refused_with_the_line_and_what_is_expected(tmp_path, capsys, text, message):
    words = tmp_path / "words.txt"
    words.write_text(text, encoding="utf-8")
    assert student.main(["--out", str(tmp_path / "out"), "--words", str(words)]) == 1
    assert capsys.readouterr().err.startswith(f"run.py student: --words {words}, {message}")
    assert not (tmp_path / "out").exists()


def test_a_missing_words_file_is_refused(tmp_path, capsys):
    assert student.main(["--out", str(tmp_path), "--words", str(tmp_path / "nope.txt")]) == 1
    assert "there is no such file. Give a text file with lines like 00-welcome=banana" in capsys.readouterr().err


def test_a_folder_or_zip_it_did_not_make_is_left_alone(tmp_path):
    foreign = tmp_path / "nnbook-student"
    foreign.mkdir()
    (foreign / "my-notes.txt").write_text("mine", encoding="utf-8")
    result = build("--out", tmp_path)
    assert result.returncode == 1
    assert "exists and was not made by run.py student" in result.stderr and "--out FOLDER" in result.stderr
    assert [path.name for path in foreign.iterdir()] == ["my-notes.txt"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["nnbook-student"]

    foreign.rename(tmp_path / "elsewhere")
    (tmp_path / "nnbook-student.zip").write_bytes(b"my own zip")
    with pytest.raises(student.BuildError, match=f"{re.escape(str(tmp_path / 'nnbook-student.zip'))} exists and "
                                                 "was not made by run.py student"):
        student.build(tmp_path)
    assert (tmp_path / "nnbook-student.zip").read_bytes() == b"my own zip"


def test_building_again_replaces_its_own_edition_and_keeps_the_old_words(tmp_path):
    small = [ROOT / "notebooks" / "03-weighted-sums.ipynb", ROOT / "notebooks" / "04-bias.ipynb"]
    first = student.build(tmp_path, notebooks=small)
    (tmp_path / "nnbook-student" / "leftover.txt").write_text("", encoding="utf-8")
    old_sheet = (tmp_path / "unlock-words.txt").read_text(encoding="utf-8")

    again = student.build(tmp_path, notebooks=small, words_file=tmp_path / "unlock-words.txt")
    assert again["words"] == first["words"] and again["kept_aside"] is None
    assert not (tmp_path / "nnbook-student" / "leftover.txt").exists()

    for _ in range(100):  # new words; with 2 of 63 words drawn, the same pair again is unlikely, but possible
        third = student.build(tmp_path, notebooks=small)
        if third["words"] != first["words"]:
            break
    assert third["kept_aside"] is not None and third["kept_aside"].parent == tmp_path
    assert student.sheet_words(third["kept_aside"].read_text(encoding="utf-8")) == student.sheet_words(old_sheet)
    assert sorted(path.name for path in (tmp_path / "nnbook-student").iterdir()) == [
        ".nnbook-student-edition", "03-weighted-sums.ipynb", "04-bias.ipynb", "README.md", "nnbook-edition.json"]
    assert not list(tmp_path.glob(".*partial"))


def test_the_word_list_is_friendly():
    assert len(set(student.WORDS)) == len(student.WORDS) >= 2 * len(COURSE)
    assert all(re.fullmatch(r"[a-z]{4,8}", word) for word in student.WORDS)


def test_the_words_drawn_differ_and_avoid_the_teachers():
    for _ in range(20):
        words = student.draw_words(WITH_EXERCISES, {"00-welcome": "Tiger "})
        assert words["00-welcome"] == "Tiger "
        assert len(set(words.values())) == len(WITH_EXERCISES) and "tiger" not in words.values()


def text(cell) -> str:
    return "".join(output.get("text", "") for output in cell.outputs)


@pytest.mark.parametrize("stem", ["03-weighted-sums", "04-bias"])
def test_a_cores_only_notebook_runs_top_to_bottom_and_its_word_unlocks_its_solutions(dropped, tmp_path, monkeypatch,
                                                                                      stem):
    """The edition's notebook in a fresh kernel, then: ask for a solution, a wrong word, the right one, ask again."""
    notebook = edition(dropped)[stem]
    [exercise, *_] = [name for name, e in check.exercises().items() if e.notebook == stem]
    word = sheet(dropped)[stem]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in (
        f"print(repr(check.{exercise}.solution()))", 'check.unlock("not the word")',
        f"check.unlock({' ' + word.upper()!r})", f"print(repr(check.{exercise}.solution()))")]
    record = tmp_path / "progress.jsonl"
    monkeypatch.setenv("NNBOOK_PROGRESS", str(record))  # the kernel inherits it
    run_in_fresh_kernel(notebook, dropped / "nnbook-student", on_retry=lambda: record.unlink(missing_ok=True))

    assert text(notebook.cells[3]) == "Workshop mode: the solutions open when your teacher says so.\n"
    locked, wrong, unlocked, opened = map(text, notebook.cells[-4:])
    assert f"The solution to {exercise} opens when your teacher says so" in locked
    assert "# A worked solution" not in locked
    assert "does not open the solutions here" in wrong
    assert f"Unlocked the solutions of {stem}" in unlocked
    assert opened.startswith(f"# A worked solution for {exercise}:")
    events = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    assert [(e["event"], e["notebook"]) for e in events if e["event"] != "check"] == [
        ("unlock", stem), ("solution", stem)]


# The edition's exercises, for nnbook.progress() ------------------------------------------------------------------


def held(out: pathlib.Path) -> list[str]:
    data = json.loads((out / "nnbook-student" / "nnbook-edition.json").read_text(encoding="utf-8"))
    assert (data["format"], data["format_version"]) == ("nnbook-edition", 1)
    return data["exercises"]


def called(cells) -> set[str]:
    """The exercises whose check the code ``cells`` call."""
    code = "\n".join(cell.source for cell in cells if cell.cell_type == "code")
    return {name for name in check.exercises() if re.search(rf"\bcheck\.{name}\b", code)}


def test_the_edition_lists_the_exercises_its_notebooks_check(kept, dropped):
    out, _ = kept
    assert held(out) == list(check.exercises()), "with the extensions, every exercise of the course"
    cores = held(dropped)
    core_cells = [cell for notebook in COURSE.values() for cell in notebook.cells if not is_extension(cell)]
    assert set(cores) == called(cell for notebook in edition(dropped).values() for cell in notebook.cells) \
        == called(core_cells)
    assert len(cores) < len(check.exercises()), "the extensions' exercises are not in it"
    assert cores == [name for name in check.exercises() if name in cores], "in course order"
    with zipfile.ZipFile(dropped / "nnbook-student.zip") as archive:
        assert json.loads(archive.read("nnbook-student/nnbook-edition.json"))["exercises"] == cores


def test_in_the_cores_only_edition_progress_shows_its_exercises_of_the_notebooks_started(dropped, tmp_path,
                                                                                          monkeypatch):
    monkeypatch.setenv("NNBOOK_PROGRESS", str(tmp_path / "progress.jsonl"))
    monkeypatch.chdir(dropped / "nnbook-student")
    cores = held(dropped)
    first = [name for name in cores if check.exercises()[name].notebook == "01-pixels"]
    getattr(check, first[0])(...)  # the stub: not a try
    check.warmup_pixels(600)
    shown = nnbook.progress()
    assert list(shown.states) == [name for name in cores if check.exercises()[name].notebook == "00-welcome"]
    lines = repr(shown).splitlines()
    assert lines[0].endswith(f"; {len(cores)} exercises in this student edition")
    assert any(line.startswith("Notebooks 01-10: nothing tried yet") for line in lines)
    assert list(nnbook.progress("01").states) == first
    assert len(nnbook.progress(everything=True).states) == len(check.exercises()) > len(cores)


# Building the same edition again ------------------------------------------------------------------------------------


def test_it_prints_the_command_that_builds_the_same_edition_again(tmp_path):
    out = tmp_path / "my class"
    result = build("--out", out, "--extensions", "drop", "--clear-outputs")
    assert result.returncode == 0, result.stderr
    expected = shlex.join(["python3", "run.py", "student", "--extensions", "drop", "--clear-outputs", "--out", str(out),
                           "--words", str(out / "unlock-words.txt")])
    hint = "  To build the same edition again, with the same words: "
    [line] = [line for line in result.stdout.splitlines() if line.startswith(hint)]
    assert line == hint + expected
    sheet_comment = f"# To build the same edition again with these words:  python3 {ROOT / 'run.py'} student"
    assert sheet_comment in (out / "unlock-words.txt").read_text(encoding="utf-8")

    before = {path.name: path.read_bytes() for path in (out / "nnbook-student").iterdir()}
    words = sheet(out)
    again = build(*shlex.split(expected)[3:])
    assert again.returncode == 0, again.stderr
    assert {path.name: path.read_bytes() for path in (out / "nnbook-student").iterdir()} == before
    assert sheet(out) == words and not list(out.glob("unlock-words-*"))


def test_the_commands_paths_are_relative_to_the_folder_it_is_typed_in(tmp_path):
    options = {"drop_extensions": False, "clear_outputs": False}
    default = student.DEFAULT_OUT
    assert student.rebuild_command(default, default / "unlock-words.txt", **options, here=ROOT) == \
        "python3 run.py student --words build/student/unlock-words.txt"
    out = tmp_path / "out"
    assert student.rebuild_command(out, out / "w.txt", **options, here=tmp_path) == \
        f"python3 {ROOT / 'run.py'} student --out out --words out/w.txt"
    assert student.rebuild_command(out, out / "w.txt", **options) == \
        f"python3 {ROOT / 'run.py'} student --out {out} --words {out / 'w.txt'}"


# The Dutch edition: run.py student --language nl ---------------------------------------------------------------------

DUTCH = {path.stem: nbformat.read(path, as_version=4) for path in student.course_notebooks("nl")}
DUTCH_POINTER = re.compile(r"\*Verder|\bzie \*?Verder\b|^#+ Verder|meer tijd\?|going further", re.IGNORECASE)


def dutch_edition(out: pathlib.Path) -> dict[str, nbformat.NotebookNode]:
    return {path.stem: nbformat.read(path, as_version=4) for path in sorted((out / "nnbook-leerling").glob("*.ipynb"))}


def dutch_sheet(out: pathlib.Path) -> dict[str, str]:
    lines = (out / "ontgrendelwoorden.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.fixture(scope="module")
def dutch(tmp_path_factory) -> tuple[pathlib.Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("nl")
    result = build("--language", "nl", "--extensions", "drop", "--out", out)
    assert result.returncode == 0, result.stderr
    return out, result


def test_the_dutch_edition_is_built_from_notebooks_nl_under_its_dutch_names(dutch):
    out, result = dutch
    assert [path.name for path in student.course_notebooks("nl")] == [path.name for path in
                                                                       student.course_notebooks()]
    assert sorted(path.name for path in out.iterdir()) == ["nnbook-leerling", "nnbook-leerling.zip",
                                                           "ontgrendelwoorden.txt"]
    folder = out / "nnbook-leerling"
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [".nnbook-student-edition", "README.md", "nnbook-edition.json", *(f"{stem}.ipynb" for stem in DUTCH)])
    lines = result.stdout.splitlines()
    assert lines[0] == (f"Leerlingeditie gemaakt: {len(DUTCH)} notebooks, stukken Verder weggelaten, opgeslagen "
                        "uitvoer behouden, workshopmodus aan.")
    assert lines[-1] == ("  Dezelfde editie opnieuw bouwen, met dezelfde woorden: " + shlex.join(
        ["python3", "run.py", "student", "--language", "nl", "--extensions", "drop", "--out", str(out), "--words",
         str(out / "ontgrendelwoorden.txt")]))
    assert "(deel dit bestand met uw klas)" in result.stdout


def test_the_dutch_cores_only_edition_is_each_dutch_core_plus_the_workshop_cell(dutch):
    out, _ = dutch
    made = dutch_edition(out)
    assert list(made) == list(DUTCH)
    for stem, notebook in made.items():
        original = DUTCH[stem]
        assert "nnbook.set_language(\"nl\")" in notebook.cells[2].source
        core = [cell for cell in original.cells if not is_extension(cell)]
        cells = [cell for cell in notebook.cells if "workshop" not in tags(cell)]
        assert len(notebook.cells) == len(core) + 1 and not any(map(is_extension, notebook.cells))
        assert [(c.cell_type, tags(c)) for c in cells] == [(c.cell_type, tags(c)) for c in core]
        for before, after in zip(core, cells):
            if before.source != after.source:
                assert before.cell_type == "markdown", f"{stem}: a code cell changed"
                assert DUTCH_POINTER.search(before.source), f"{stem}: an unrelated cell changed"
            assert before.get("outputs") == after.get("outputs")
        if len(core) < len(original.cells):
            assert notebook.cells[-1].source.startswith("## Samenvatting"), stem


def test_nothing_in_the_dutch_cores_only_edition_points_at_the_verder_sections(dutch):
    out, _ = dutch
    for stem, notebook in dutch_edition(out).items():
        for cell in notebook.cells:
            assert not any(DUTCH_POINTER.search(line) for line in cell.source.splitlines()), (stem, cell.source)
        [before] = [c.source for c in DUTCH[stem].cells if c.source.startswith("## Samenvatting")] or [None]
        [after] = [c.source for c in notebook.cells if c.source.startswith("## Samenvatting")] or [None]
        if before is not None:
            assert ("Meer tijd?" in before) == any(map(is_extension, DUTCH[stem].cells)), stem
            assert "\n\n\n" not in after and not after.endswith("\n")
            assert after.splitlines()[-1] == before.splitlines()[-1], "the pointer to the next notebook stays"
    welcome = dutch_edition(out)["00-welcome"].cells
    table = next(cell.source for cell in welcome if cell.source.startswith("## De cursus"))
    assert table.endswith("met een korte **kern**. Deze editie heeft alleen de kernen.")


@pytest.mark.parametrize(("before", "after"), [
    ("## Samenvatting\n\n- A.\n- Meer tijd? Kijk hieronder bij *Verder*.\n\n**Volgende:** [02](02-layers.ipynb)",
     "## Samenvatting\n\n- A.\n\n**Volgende:** [02](02-layers.ipynb)"),
    ("## Samenvatting\n\n- A.\n\nMeer tijd? Kijk hieronder bij *Verder*.\n\n**Volgende:** de video.",
     "## Samenvatting\n\n- A.\n\n**Volgende:** de video."),
    ("- A.\n- Meer tijd? Kijk bij *Verder*.", "- A."),
    ("dus de eerste lagen leren bijna niets (zie Verder).", "dus de eerste lagen leren bijna niets."),
    ("Vanaf 01 begint elk notebook met een korte **kern**. Daarna volgen stukken die *Verder* heten.",
     "Vanaf 01 begint elk notebook met een korte **kern**. Deze editie heeft alleen de kernen."),
    ("Probeer één verandering en ga dan verder.", "Probeer één verandering en ga dan verder."),
])
def test_dutch_pointers_at_the_verder_sections_are_rewritten(before, after):
    assert student._without_pointers(before, "nl") == after


def test_a_dutch_pointer_without_a_rewrite_stops_the_build_and_says_where():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# 03 · Gewogen sommen"),
        nbformat.v4.new_markdown_cell("[Colab badge]"),
        nbformat.v4.new_code_cell('import sys\nif "google.colab" in sys.modules:\n    pass'),
        nbformat.v4.new_markdown_cell("## Samenvatting\n\n- A. Lees meer bij *Verder: meer*.\n\nMeer tijd? Kijk "
                                      "hieronder bij *Verder*.\n\nProbeer het en ga dan verder."),
        nbformat.v4.new_markdown_cell("## Verder: meer", metadata={"tags": ["extension"]}),
    ]
    with pytest.raises(student.BuildError, match=r"03-weighted-sums, cell 3 of the cores-only edition still points "
                                                 r"at the extensions it drops: '- A\. Lees meer bij \*Verder: "
                                                 r"meer\*\.'\. Add a rewrite for it to DANGLING_NL"):
        student.student_notebook(notebook, "03-weighted-sums", "tulp", drop_extensions=True, clear_outputs=False,
                                 language="nl")
    notebook.cells[3].source = notebook.cells[3].source.replace(" Lees meer bij *Verder: meer*.", "")
    made = student.student_notebook(notebook, "03-weighted-sums", "tulp", drop_extensions=True, clear_outputs=False,
                                    language="nl")
    assert made.cells[-1].source == "## Samenvatting\n\n- A.\n\nProbeer het en ga dan verder."
    assert made.cells[3].source == f'from nnbook import check\ncheck.workshop("03-weighted-sums", ' \
                                   f'"{lock("03-weighted-sums", "tulp")}")'


def test_the_dutch_workshop_cell_is_the_same_code_with_the_lock_of_a_dutch_word(dutch):
    out, _ = dutch
    words = dutch_sheet(out)
    assert list(words) == WITH_EXERCISES and len(set(words.values())) == len(words)
    assert set(words.values()) <= set(student.WORDS_NL)
    for stem, notebook in dutch_edition(out).items():
        [workshop] = [cell for cell in notebook.cells if "workshop" in tags(cell)]
        assert workshop is notebook.cells[3] and workshop.id == "nnbook-workshop"
        assert workshop.source == f'from nnbook import check\ncheck.workshop("{stem}", "{lock(stem, words[stem])}")'
        assert workshop.outputs == [] and workshop.execution_count is None


def test_the_dutch_words_sheet_is_outside_the_folder_and_the_zip_and_speaks_dutch(dutch):
    out, _ = dutch
    folder = out / "nnbook-leerling"
    with zipfile.ZipFile(out / "nnbook-leerling.zip") as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(f"nnbook-leerling/{path.name}" for path in folder.iterdir()
                                       if path.name != ".nnbook-student-edition")
        for name in names:
            assert archive.read(name) == (out / name).read_bytes()
        zipped = b"".join(archive.read(name) for name in names).decode("utf-8")
    assert "ontgrendelwoorden" not in zipped and not list(folder.rglob("ontgrendelwoorden*"))
    for stem, word in dutch_sheet(out).items():
        assert f"{stem}={word}" not in zipped
    comments = [line for line in (out / "ontgrendelwoorden.txt").read_text(encoding="utf-8").splitlines()
                if line.startswith("#")]
    assert comments[0].startswith("# Ontgrendelwoorden voor de leerlingeditie van nnbook, gemaakt ")
    assert 'check.unlock("het woord")' in comments[2] and "uzelf" in comments[1]
    assert comments[3].startswith(f"# Dezelfde editie opnieuw bouwen met deze woorden:  python3 {ROOT / 'run.py'} "
                                  "student --language nl --extensions drop")


def test_the_dutch_readme_tells_students_the_same_in_dutch(dutch):
    out, _ = dutch
    readme = (out / "nnbook-leerling" / "README.md").read_text(encoding="utf-8")
    for needed in ("00-welcome.ipynb", "python3 run.py lab ~/Desktop/nnbook-leerling", "nnbook",
                   'check.unlock("het woord")', 'nnbook.export_progress("je naam")', "progress-je-naam.json",
                   "Download", "nnbook-edition.json", "nnbook.progress(everything=True)", "Shift + Enter",
                   "JupyterHub", "workshopmodus", "je docent"):
        assert needed in readme, needed
    english = student.README
    assert readme.count("```python") == english.count("```python") and readme.count("\n## ") == english.count("\n## ")
    for english_only in ("your teacher", "the word", "your name", " you ", "Opening them"):
        assert english_only not in readme
    assert " u " not in readme and " uw " not in readme, "students are addressed with je"


def test_the_dutch_word_list_is_friendly_and_not_a_word_of_the_dutch_notebooks():
    words = student.WORDS_NL
    assert len(set(words)) == len(words) >= 2 * len(DUTCH)
    assert all(re.fullmatch(r"[a-z]{4,8}", word) for word in words)
    text = "\n".join(cell.source for notebook in DUTCH.values() for cell in notebook.cells).casefold()
    assert [word for word in words if re.search(rf"\b{word}\b", text)] == []
    assert "appel" in words and "fiets" in words and "tulp" in words


def test_an_unknown_language_is_refused_clearly(tmp_path):
    result = build("--language", "de", "--out", tmp_path)
    assert result.returncode == 2 and not list(tmp_path.iterdir())
    assert "argument --language: invalid choice: 'de' (choose from 'en', 'nl')" in result.stderr
    help_text = " ".join(build("--help").stdout.split())
    assert "--language {en,nl}" in help_text and "notebooks/nl/" in help_text


def test_the_dutch_and_the_english_edition_can_share_a_folder(tmp_path):
    small = ["03-weighted-sums.ipynb", "04-bias.ipynb"]
    english = student.build(tmp_path, notebooks=[ROOT / "notebooks" / name for name in small])
    before = {path.name: path.read_bytes() for path in (tmp_path / "nnbook-student").iterdir()}
    dutch = student.build(tmp_path, notebooks=[ROOT / "notebooks" / "nl" / name for name in small], language="nl")
    assert dutch["folder"] == tmp_path / "nnbook-leerling" and dutch["sheet"] == tmp_path / "ontgrendelwoorden.txt"
    assert {path.name: path.read_bytes() for path in (tmp_path / "nnbook-student").iterdir()} == before
    assert set(english["words"].values()) <= set(student.WORDS)
    assert set(dutch["words"].values()) <= set(student.WORDS_NL)
    assert student.rebuild_command(tmp_path, dutch["sheet"], drop_extensions=False, clear_outputs=False,
                                   here=tmp_path, language="nl") == \
        f"python3 {ROOT / 'run.py'} student --language nl --out . --words ontgrendelwoorden.txt"


def test_a_dutch_cores_only_notebook_runs_top_to_bottom_and_its_word_unlocks_its_solutions(dutch, tmp_path,
                                                                                            monkeypatch):
    """03 of the Dutch edition in a fresh kernel: the package speaks Dutch; a wrong word, the right one."""
    out, _ = dutch
    stem = "03-weighted-sums"
    notebook = dutch_edition(out)[stem]
    [exercise, *_] = [name for name, e in check.exercises().items() if e.notebook == stem]
    word = dutch_sheet(out)[stem]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in (
        f"print(repr(check.{exercise}.solution()))", 'check.unlock("niet het woord")',
        f"check.unlock({' ' + word.upper()!r})", f"print(repr(check.{exercise}.solution()))")]
    record = tmp_path / "progress.jsonl"
    monkeypatch.setenv("NNBOOK_PROGRESS", str(record))  # the kernel inherits it
    run_in_fresh_kernel(notebook, out / "nnbook-leerling", on_retry=lambda: record.unlink(missing_ok=True))

    assert text(notebook.cells[3]) == "Workshopmodus: de oplossingen gaan open als je docent dat zegt.\n"
    locked, wrong, unlocked, opened = map(text, notebook.cells[-4:])
    assert f"De oplossing van {exercise} gaat open als je docent dat zegt" in locked
    assert "uitgewerkte oplossing" not in locked
    assert "opent de oplossingen hier niet" in wrong
    assert f"De oplossingen van {stem} zijn open" in unlocked
    assert opened.startswith(f"# Een uitgewerkte oplossing voor {exercise}:")
    events = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    assert [(e["event"], e["notebook"]) for e in events if e["event"] != "check"] == [
        ("unlock", stem), ("solution", stem)]
