"""The progress record: what each check and each opened solution writes, the four states, and the hand-in file."""

from __future__ import annotations

import datetime
import hashlib
import importlib
import json
import os
import pathlib
import re
import stat
import sys
import tempfile

import nbformat
import pytest

import nnbook
from nnbook import check

record = importlib.import_module("nnbook.progress")  # the module: nnbook.progress itself is the function

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture
def progress_file(tmp_path, monkeypatch) -> pathlib.Path:
    """A fresh progress record for one test, and nothing said yet about files that could not be written."""
    path = tmp_path / "record" / "progress.jsonl"
    monkeypatch.setenv("NNBOOK_PROGRESS", str(path))
    monkeypatch.setattr(record, "_warned", set())
    return path


def lines(path: pathlib.Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def course() -> dict:
    return check.exercises()


# Each exercise's notebook ---------------------------------------------------------------------------------------

def test_every_exercise_belongs_to_the_stored_notebook_its_module_names():
    for name, exercise in course().items():
        module = sys.modules[exercise.judge.__module__]
        number = module.__name__.rsplit(".", 1)[1][1:3]
        assert exercise.notebook == module.NOTEBOOK, name
        assert exercise.notebook.startswith(f"{number}-"), (name, exercise.notebook)
        assert (NOTEBOOKS / f"{exercise.notebook}.ipynb").is_file(), (name, exercise.notebook)


def test_an_exercise_outside_a_lesson_module_belongs_to_its_module():
    made = check.Exercise(lambda answer: "fine", solution="")
    assert made.notebook == __name__
    named = check.Exercise(lambda answer: "fine", solution="", notebook="03-weighted-sums")
    assert named.notebook == "03-weighted-sums"


# What a check and a solution write ----------------------------------------------------------------------------------

def test_each_check_appends_its_status_and_the_hint_it_showed(progress_file):
    exercise = check.warmup_pixels
    shown = [exercise(20 * 30), exercise(20 + 30), exercise(...), exercise(1, 2)]
    written = lines(progress_file)
    assert [line["status"] for line in written] == [feedback.status for feedback in shown]
    assert [line["status"] for line in written] == ["correct", "not yet right", "not attempted yet", "not yet right"]
    assert [line["hint"] for line in written] == [feedback.hint or feedback.message for feedback in shown]
    assert written[1]["hint"] == shown[1].hint and shown[1].hint  # a wrong answer's hint, not its message
    for line in written:
        assert line["v"] == 1 and line["event"] == "check"
        assert line["notebook"] == "00-welcome" and line["exercise"] == "warmup_pixels"
        assert set(line) == {"v", "time", "notebook", "exercise", "event", "status", "hint"}
        moment = datetime.datetime.strptime(line["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
        assert abs(moment - datetime.datetime.now(datetime.timezone.utc)) < datetime.timedelta(minutes=1)


def test_opening_a_solution_appends_a_solution_line(progress_file):
    solution = check.tiny_weighted_sum.solution()
    assert isinstance(solution, check.Solution) and solution.code
    (line,) = lines(progress_file)
    assert line["event"] == "solution" and line["status"] is None and line["hint"] is None
    assert (line["notebook"], line["exercise"]) == ("03-weighted-sums", "tiny_weighted_sum")


def test_recording_prints_nothing_when_it_works(progress_file, capsys):
    check.warmup_pixels(600)
    check.warmup_pixels.solution()
    assert capsys.readouterr() == ("", "")
    assert len(lines(progress_file)) == 2


def test_the_record_is_in_the_home_folder_unless_nnbook_progress_says_otherwise(tmp_path, monkeypatch):
    monkeypatch.delenv("NNBOOK_PROGRESS")
    monkeypatch.setenv("HOME", str(tmp_path))
    check.warmup_pixels(600)
    assert [line["exercise"] for line in lines(tmp_path / ".nnbook" / "progress.jsonl")] == ["warmup_pixels"]


@pytest.mark.parametrize("setting", ["off", " OFF ", "Off"])
def test_nnbook_progress_off_writes_nothing(setting, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NNBOOK_PROGRESS", setting)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert check.warmup_pixels(600).passed
    check.warmup_pixels.solution()
    assert list(tmp_path.iterdir()) == []
    assert capsys.readouterr() == ("", "")
    assert "Recording is off" in repr(nnbook.progress())
    with pytest.raises(RuntimeError, match="not recorded on this computer"):
        nnbook.export_progress("Sam")
    assert list(tmp_path.iterdir()) == []


def test_the_tests_own_record_is_a_temporary_file_not_the_home_folder():
    path = record.record_file()
    assert path is not None and path.is_relative_to(pathlib.Path(tempfile.gettempdir()))
    assert not path.is_relative_to(pathlib.Path.home())
    before = path.stat().st_size if path.exists() else 0
    check.warmup_pixels(600)
    assert path.stat().st_size > before


# A record that cannot be written, or is damaged -------------------------------------------------------------

def test_a_record_that_cannot_be_written_warns_once_and_the_check_still_works(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the record's folder should be")
    monkeypatch.setenv("NNBOOK_PROGRESS", str(blocker / "progress.jsonl"))
    monkeypatch.setattr(record, "_warned", set())
    first, second = check.warmup_pixels(600), check.warmup_pixels(50)
    assert first.passed and second.status == "not yet right"
    assert check.warmup_pixels.solution().code
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert f"could not save your progress to {blocker / 'progress.jsonl'}" in err and "checks still work" in err


def test_a_read_only_progress_folder_warns_once_and_the_check_still_works(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user can write to a read-only folder (root), so the folder cannot refuse")
        monkeypatch.setenv("NNBOOK_PROGRESS", str(folder / "progress.jsonl"))
        monkeypatch.setattr(record, "_warned", set())
        assert check.warmup_pixels(600).passed and not check.warmup_pixels(50).passed
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and "PermissionError" in err, err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_damaged_lines_are_skipped_with_one_warning(progress_file, capsys):
    check.warmup_pixels(600)
    good = progress_file.read_bytes()
    damaged = [b'{"v": 1, "time": "2026-', b"not json at all", b"[1, 2, 3]", b'{"v": 2, "event": "check"}',
               b'{"v": 1, "event": "check", "notebook": 3, "exercise": "warmup_grid"}', b"\xff\xfe broken bytes"]
    with open(progress_file, "ab") as file:
        file.write(b"\n".join(damaged) + b"\n\n")
    check.warmup_grid(...)
    capsys.readouterr()
    shown = nnbook.progress("00")
    err = capsys.readouterr().err
    assert shown.states["warmup_pixels"] == "solved"
    assert len(err.splitlines()) == 1 and f"skipped {len(damaged)} damaged lines" in err, err
    assert good in progress_file.read_bytes(), "reading never changes the record"


# The four states ---------------------------------------------------------------------------------------------------

RIGHT, WRONG, STUB, SOLUTION = "right", "wrong", "stub", "solution"


def act(step: str) -> None:
    exercise = check.warmup_pixels
    {RIGHT: lambda: exercise(600), WRONG: lambda: exercise(50), STUB: lambda: exercise(...),
     SOLUTION: exercise.solution}[step]()


@pytest.mark.parametrize(("steps", "state", "checks", "seen"), [
    ([], "not tried", 0, False),
    ([STUB, STUB], "not tried", 0, False),
    ([STUB, WRONG], "tried", 1, False),
    ([WRONG, WRONG], "tried", 2, False),
    ([WRONG, RIGHT], "solved", 2, False),
    ([RIGHT, SOLUTION], "solved", 1, True),
    ([WRONG, RIGHT, SOLUTION, WRONG], "solved", 3, True),
    ([SOLUTION], "solution seen", 0, True),
    ([WRONG, SOLUTION], "solution seen", 1, True),
    ([SOLUTION, RIGHT], "solution seen", 1, True),
    ([WRONG, SOLUTION, WRONG, RIGHT], "solution seen", 3, True),
])
def test_the_state_follows_the_order_of_checks_and_solutions(progress_file, steps, state, checks, seen):
    for step in steps:
        act(step)
    assert nnbook.progress(everything=True).states["warmup_pixels"] == state
    summary = record.summarize(record.read_record(), ["warmup_pixels"])["warmup_pixels"]
    assert (summary["state"], summary["checks"], summary["solution_seen"]) == (state, checks, seen)


def test_other_exercises_stay_not_tried(progress_file):
    act(RIGHT)
    states = nnbook.progress(everything=True).states
    assert list(states) == list(course())
    assert {name: state for name, state in states.items() if state != "not tried"} == {"warmup_pixels": "solved"}


# The table -----------------------------------------------------------------------------------------------------------

def test_everything_shows_every_exercise_under_its_notebook_with_a_count_line(progress_file):
    act(WRONG)
    act(RIGHT)
    check.pixel_number.solution()
    check.tiny_weighted_sum(0)
    shown = nnbook.progress(everything=True)
    text = repr(shown)
    total = len(course())
    assert text.splitlines()[0] == f"1 of {total} solved (1 solution seen, 1 tried, {total - 3} not tried)"
    assert (shown.count("solved"), shown.count("solution seen"), shown.count("tried")) == (1, 1, 1)
    headings = [line for line in text.splitlines() if line and not line.startswith(" ") and line[:2].isdigit()]
    assert headings == list(dict.fromkeys(exercise.notebook for exercise in course().values()))
    for name, exercise in course().items():
        row = next(line for line in text.splitlines() if re.search(rf"\s{name}\s", line + " "))
        assert row.strip().split()[1] == shown.states[name].split()[0]
        assert text.index(row) > text.index(f"\n{exercise.notebook}\n")
    assert re.search(r"✓ solved\s+warmup_pixels\s", text)
    assert re.search(r"◐ solution seen\s+pixel_number\s", text)
    assert re.search(r"✗ tried\s+tiny_weighted_sum\s", text)
    assert re.search(r"○ not tried\s+warmup_grid\s", text)
    assert str(progress_file) in text.splitlines()[-1]


def test_the_table_in_jupyter_is_html_with_a_row_per_exercise(progress_file):
    act(RIGHT)
    page = nnbook.progress(everything=True)._repr_html_()
    assert page.count("<tr><td") == len(course())
    assert f"1 of {len(course())} solved" in page
    assert "<code>warmup_pixels</code>" in page and "✓ solved" in page
    assert "28×28" in page and "<script" not in page



def test_the_table_speaks_dutch_after_set_language_and_the_record_stays_english(progress_file):
    act(RIGHT)
    check.pixel_number.solution()
    nnbook.set_language("nl")
    try:
        shown = nnbook.progress(everything=True)
        text, page = repr(shown), shown._repr_html_()
        started = repr(nnbook.progress()).splitlines()
    finally:
        nnbook.set_language("en")
    total = len(course())
    assert text.splitlines()[0] == (f"1 van {total} opgelost (1 oplossing bekeken, 0 geprobeerd, "
                                    f"{total - 2} niet geprobeerd)")
    assert " in de notebooks waar je mee begonnen bent (" in started[0]
    assert started[0].endswith(f"; {total} opdrachten in de cursus")
    assert any(line.startswith("Notebooks ") and "nog niets geprobeerd" in line for line in started)
    assert re.search(r"◐ oplossing bekeken\s+pixel_number\s", text)
    assert "Wil je hem inleveren?" in text.splitlines()[-1]
    assert ">wat hij vraagt</th>" in page and "✓ opgelost" in page
    assert shown.states["warmup_pixels"] == "solved", "the states themselves are data, in English"


@pytest.mark.parametrize("asked", ["03", "03-weighted-sums", 3, " 03-weighted-sums.ipynb ", "3"])
def test_one_notebook_by_number_or_name(progress_file, asked):
    check.tiny_weighted_sum(0)
    shown = nnbook.progress(notebook=asked)
    assert list(shown.states) == [name for name, e in course().items() if e.notebook == "03-weighted-sums"]
    assert repr(shown).splitlines()[0] == f"0 of {len(shown.states)} solved in 03-weighted-sums (0 solution seen, " \
                                          f"1 tried, {len(shown.states) - 1} not tried); {len(course())} exercises " \
                                          "in the course"


@pytest.mark.parametrize("asked", ["11", "weighted-sums", "", True, 3.0, "1-pixels"])
def test_an_unknown_notebook_gets_a_clear_error(progress_file, asked):
    with pytest.raises(ValueError, match=r"there is no notebook .* with exercises.*the notebooks are 00-welcome, "):
        nnbook.progress(asked)


def notebooks_of(exercises) -> list[str]:
    return list(dict.fromkeys(exercise.notebook for exercise in exercises.values()))


def test_by_default_only_the_notebooks_you_started_are_shown_and_a_line_names_the_others(progress_file):
    act(WRONG)  # 00
    check.tiny_weighted_sum.solution()  # 03: a solution opened counts as started
    check.pixel_number(...)  # 01: the untouched stub does not
    shown = nnbook.progress()
    started = ["00-welcome", "03-weighted-sums"]
    expected = [name for name, exercise in course().items() if exercise.notebook in started]
    assert list(shown.states) == expected
    assert shown.untried == [stem for stem in notebooks_of(course()) if stem not in started]
    lines = repr(shown).splitlines()
    assert lines[0] == (f"0 of {len(expected)} solved in the notebooks you started (1 solution seen, 1 tried, "
                        f"{len(expected) - 2} not tried); {len(course())} exercises in the course")
    last = int(notebooks_of(course())[-1][:2])
    assert f"Notebooks 01-02, 04-{last:02d}: nothing tried yet (progress(everything=True) shows them)." in lines
    assert [line for line in lines if line[:2].isdigit() and not line.startswith(" ")] == started
    page = shown._repr_html_()
    assert page.count("<tr><td") == len(expected) and "Notebooks 01-02, 04-" in page


def test_with_nothing_tried_the_table_is_empty_and_says_so(progress_file):
    shown = nnbook.progress()
    assert shown.states == {}
    text = repr(shown)
    assert text.splitlines()[0] == (f"Nothing tried yet: no answer checked, no solution opened; {len(course())} "
                                    "exercises in the course.")
    assert "Notebooks 00-" in text and "<table" not in shown._repr_html_()


def test_asking_for_one_notebook_shows_it_even_if_nothing_in_it_is_tried(progress_file):
    act(RIGHT)
    shown = nnbook.progress("04")
    assert list(shown.states) == [name for name, e in course().items() if e.notebook == "04-bias"]
    assert set(shown.states.values()) == {"not tried"} and shown.untried == []


@pytest.mark.parametrize(("stems", "spans"), [
    (["04-a"], "04"), (["01-a", "04-b", "05-c"], "01, 04-05"), (["10-a", "09-b", "02-c"], "02, 09-10"),
])
def test_notebooks_are_named_by_their_numbers_in_runs(stems, spans):
    assert record._spans(stems) == spans


def test_everything_must_be_true_or_false(progress_file):
    with pytest.raises(TypeError, match="everything is True or False"):
        nnbook.progress(everything="yes")


def edition_file(folder: pathlib.Path, names: list[str]) -> None:
    text = json.dumps({"format": record.EDITION_FORMAT, "format_version": 1, "exercises": names})
    (folder / record.EDITION_FILE).write_text(text, encoding="utf-8")


def test_in_a_student_edition_only_its_exercises_and_the_ones_you_tried_are_shown(progress_file, tmp_path,
                                                                                   monkeypatch):
    monkeypatch.chdir(tmp_path)
    held = ["warmup_pixels", "warmup_grid", "pixel_number", "exit_1", "not_in_this_nnbook"]
    edition_file(tmp_path, held)
    act(RIGHT)
    check.top_bar_weights.solution()  # not in the edition, but tried: shown all the same
    shown = nnbook.progress()
    assert list(shown.states) == ["warmup_pixels", "warmup_grid", "top_bar_weights"]
    assert shown.untried == ["01-pixels", "10-exit-ticket"]
    lines = repr(shown).splitlines()
    assert lines[0] == ("1 of 3 solved in the notebooks you started (1 solution seen, 0 tried, 1 not tried); "
                        "4 exercises in this student edition and 1 more you tried")
    assert (f"This student edition holds 4 of the course's {len(course())} exercises (nnbook-edition.json beside "
            f"your notebooks lists them); progress(everything=True) shows all {len(course())}.") in lines
    assert "Notebooks 01, 10: nothing tried yet (progress(everything=True) shows them)." in lines
    assert list(nnbook.progress("01").states) == ["pixel_number"]
    everything = nnbook.progress(everything=True)
    assert list(everything.states) == list(course()) and "student edition" not in repr(everything)


@pytest.mark.parametrize("content", ["{not json", '{"format": "something else", "exercises": ["warmup_grid"]}',
                                     '{"format": "nnbook-edition", "exercises": ["nothing_we_know"]}'])
def test_an_edition_file_that_cannot_be_used_gets_a_line_and_the_whole_course_counts(progress_file, tmp_path,
                                                                                      monkeypatch, content):
    monkeypatch.chdir(tmp_path)
    (tmp_path / record.EDITION_FILE).write_text(content, encoding="utf-8")
    act(RIGHT)
    text = repr(nnbook.progress())
    assert f"; {len(course())} exercises in the course" in text.splitlines()[0]
    assert f"{tmp_path / record.EDITION_FILE} " in text and "so this shows the whole course." in text


# The file to hand in -------------------------------------------------------------------------------------------------

def test_the_hand_in_file_has_the_shared_format_and_a_checksum_that_fits(progress_file, tmp_path, capsys):
    act(WRONG)
    act(WRONG)
    act(RIGHT)
    check.pixel_number.solution()
    path = nnbook.export_progress("Zoë van den Berg", folder=tmp_path)
    assert path == tmp_path / "progress-zoe-van-den-berg.json"
    assert capsys.readouterr().out == f"Saved your progress to {path}: hand this file in to your teacher.\n"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == ["format", "format_version", "nnbook_version", "name", "exported", "exercises", "sha256"]
    assert (data["format"], data["format_version"], data["nnbook_version"]) == ("nnbook-progress", 1,
                                                                               nnbook.__version__)
    assert data["name"] == "Zoë van den Berg"
    datetime.datetime.strptime(data["exported"], "%Y-%m-%dT%H:%M:%SZ")
    rest = json.dumps({k: v for k, v in data.items() if k != "sha256"}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    assert data["sha256"] == hashlib.sha256(rest.encode("utf-8")).hexdigest()
    assert list(data["exercises"]) == list(course())
    states = nnbook.progress(everything=True).states
    for name, mine in data["exercises"].items():
        assert mine["notebook"] == course()[name].notebook and mine["state"] == states[name]
        assert set(mine) == {"notebook", "state", "checks", "wrong_hints", "solution_seen"}
    wrong_hint = check.warmup_pixels(50).hint
    assert data["exercises"]["warmup_pixels"] == {"notebook": "00-welcome", "state": "solved", "checks": 3,
                                                  "wrong_hints": {wrong_hint: 2}, "solution_seen": False}
    assert data["exercises"]["pixel_number"]["state"] == "solution seen"
    assert data["exercises"]["pixel_number"]["solution_seen"] is True


def test_a_changed_hand_in_file_no_longer_fits_its_checksum(progress_file, tmp_path):
    data = json.loads(nnbook.export_progress("Sam", folder=tmp_path).read_text(encoding="utf-8"))
    data["exercises"]["warmup_pixels"]["state"] = "solved"
    assert record.checksum(data) != data["sha256"]


def test_exporting_never_overwrites_a_file(progress_file, tmp_path):
    someone_elses = tmp_path / "progress-sam.json"
    someone_elses.write_text("not mine")
    first = nnbook.export_progress("Sam", folder=tmp_path)
    act(RIGHT)
    second = nnbook.export_progress("SAM", folder=tmp_path)
    assert (first.name, second.name) == ("progress-sam-2.json", "progress-sam-3.json")
    assert someone_elses.read_text() == "not mine"
    assert json.loads(first.read_text())["exercises"]["warmup_pixels"]["state"] == "not tried"
    assert json.loads(second.read_text())["exercises"]["warmup_pixels"]["state"] == "solved"


def test_the_file_goes_to_the_current_folder_by_default(progress_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert nnbook.export_progress("Sam").parent == tmp_path


@pytest.mark.parametrize(("name", "slug"), [
    ("Sam", "sam"), ("  Zoë  de Vries ", "zoe-de-vries"), ("ali_k.", "ali-k"), ("O'Brien, Seán", "o-brien-sean"),
    ("../../etc/passwd", "etc-passwd"), ("李雷", "李雷"), ("x" * 200, "x" * 60),
])
def test_the_file_name_is_a_safe_slug_of_the_name(name, slug):
    assert record.slug(name) == slug
    assert "/" not in slug and "." not in slug


@pytest.mark.parametrize("name", ["", "   ", "?!", "...", "-_-"])
def test_an_empty_or_punctuation_only_name_is_refused(progress_file, tmp_path, name):
    with pytest.raises(ValueError, match="no letters or digits.*export_progress"):
        nnbook.export_progress(name, folder=tmp_path)
    assert list(tmp_path.glob("progress-*")) == []


def test_a_name_that_is_not_text_or_a_missing_folder_is_refused(progress_file, tmp_path):
    with pytest.raises(TypeError, match="text in quotes"):
        nnbook.export_progress(42, folder=tmp_path)
    with pytest.raises(FileNotFoundError, match="no folder .*missing"):
        nnbook.export_progress("Sam", folder=tmp_path / "missing")


# Stored notebooks never depend on someone's record ----------------------------------------------------------------

def test_run_py_execute_starts_its_kernels_with_recording_off(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("execute_notebooks", ROOT / "scripts" / "execute_notebooks.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    started = []

    class Client:
        def __init__(self, notebook, **options):
            self.notebook = notebook

        def execute(self, **options):
            started.append(options)
            return self.notebook

    monkeypatch.setattr(script, "NotebookClient", Client)
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), path)
    script.execute(path)
    (options,) = started
    assert options["env"]["NNBOOK_PROGRESS"] == "off"
    assert options["env"]["PATH"] == os.environ["PATH"], "the kernel keeps the rest of the environment"
