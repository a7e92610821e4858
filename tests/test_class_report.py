"""run.py class-report: counts a made-up class right, and gives every file it cannot count one clear line.

The hand-in files are built here from the format in the progress module's docstring (and the lead's brief),
with the checksum computed here, so that the report is tested against the format, not against itself.
The report is run as run.py runs it (``python scripts/class_report.py`` from the repository) and imported
for the parts that are easier to test one by one.
"""

from __future__ import annotations

import csv
import hashlib
import json
import pathlib
import re
import subprocess
import sys

import pytest

import nnbook
from nnbook import check
from project_files import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
report = load_script("scripts/class_report.py")

EXERCISES = {name: exercise.notebook for name, exercise in check.exercises().items()}
FIRST, SECOND, THIRD = list(EXERCISES)[:3]
LAST = list(EXERCISES)[-1]


def hand_in(name: str, records: dict[str, dict] | None = None, *, exported: str = "2026-12-01T20:31:05Z",
            version: str = nnbook.__version__, exercises: dict[str, str] = EXERCISES, **changes) -> dict:
    """A hand-in as export_progress makes it: every exercise (not tried unless ``records`` says), then the checksum."""
    records = records or {}
    content = {
        "format": "nnbook-progress", "format_version": 1, "nnbook_version": version, "name": name,
        "exported": exported,
        "exercises": {exercise: {"notebook": notebook, "state": "not tried", "checks": 0, "wrong_hints": {},
                                 "solution_seen": False, **records.get(exercise, {})}
                      for exercise, notebook in exercises.items()},
        **changes,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    content["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return content


def write(folder: pathlib.Path, filename: str, content) -> pathlib.Path:
    path = folder / filename
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path


def solved(checks=1, **hints):
    return {"state": "solved", "checks": checks, "wrong_hints": hints}


def run_report(*arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/class_report.py", *map(str, arguments)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def counts(output: str, exercise: str) -> tuple[int, int, int, int]:
    """(solved, solution seen, tried, not tried) from the exercise's line of the printed report."""
    [line] = [line for line in output.splitlines() if line.split()[:1] == [exercise]]
    return tuple(int(number) for number in line.split()[1:5])


@pytest.fixture
def made_up_class(tmp_path) -> pathlib.Path:
    """Four students. FIRST: 2 solved, 1 solution seen, 1 tried. SECOND: hints "Add them." for 2 students,
    "Multiply first." 5 times for 1 student. THIRD: nobody."""
    folder = tmp_path / "handed-in"
    folder.mkdir()
    write(folder, "progress-ana.json", hand_in("Ana", {
        FIRST: solved(), SECOND: {"state": "tried", "checks": 2, "wrong_hints": {"Add them.": 2}}}))
    write(folder, "progress-bo.json", hand_in("Bo", {
        FIRST: solved(3, **{"Count again.": 2}), SECOND: solved(2, **{"Add them.": 1})}))
    write(folder, "progress-cas.json", hand_in("Cas", {
        FIRST: {"state": "solution seen", "checks": 1, "wrong_hints": {}, "solution_seen": True},
        SECOND: {"state": "tried", "checks": 5, "wrong_hints": {"Multiply first.": 5}}}))
    write(folder, "progress-dee.json", hand_in("Dee", {
        FIRST: {"state": "tried", "checks": 1, "wrong_hints": {"Count again.": 1}}}))
    return folder


def test_a_made_up_class_is_counted_per_exercise(made_up_class):
    result = run_report(*sorted(made_up_class.iterdir()), "--all")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Class report: 4 student(s), nnbook {nnbook.__version__}.")
    assert "Files to look at" not in result.stdout
    assert counts(result.stdout, FIRST) == (2, 1, 1, 0)
    assert counts(result.stdout, SECOND) == (1, 0, 2, 1)
    assert counts(result.stdout, THIRD) == (0, 0, 0, 4)
    assert "Left out" not in result.stdout
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.startswith("  ")}
    assert lines[FIRST].endswith('"Count again." (2 of 4)')
    # Two students got "Add them."; one student got "Multiply first." more often: students decide.
    assert lines[SECOND].endswith('"Add them." (2 of 4)')
    assert lines[THIRD].endswith("  -")


def test_with_all_the_report_lists_every_exercise_in_course_order_under_its_notebook(made_up_class):
    output = run_report(made_up_class, "--all").stdout.splitlines()
    notebooks = list(dict.fromkeys(EXERCISES.values()))
    assert [line for line in output if line in notebooks] == notebooks
    listed, notebook = [], None
    for line in output:
        if line in notebooks:
            notebook = line
        elif line.startswith("  ") and line.split()[0] in EXERCISES:
            listed.append((line.split()[0], notebook))
    assert listed == list(EXERCISES.items())


def test_rows_pick_the_hint_most_students_got_then_the_one_shown_most(tmp_path):
    known = {FIRST: "00-welcome"}
    one = report.HandIn(tmp_path / "a.json", "A", "", "", {FIRST: {"state": "tried", "wrong_hints": {"b": 1, "a": 1}}},
                        "1")
    two = report.HandIn(tmp_path / "b.json", "B", "", "", {FIRST: {"state": "tried", "wrong_hints": {"b": 3}}}, "2")
    three = report.HandIn(tmp_path / "c.json", "C", "", "", {FIRST: {"state": "solved", "wrong_hints": {"a": 1}}}, "3")
    [row] = report.rows([one, two, three], known)
    assert (row.hint, row.hint_students, row.hint_times) == ("b", 2, 4)  # a: 2 students, 2 times; b: 2 and 4
    [row] = report.rows([one], known)
    assert (row.hint, row.hint_students, row.hint_times) == ("a", 1, 1)  # a tie all round: the first alphabetically
    [row] = report.rows([one, two, three], {SECOND: "00-welcome"})
    assert row.states == {"not tried": 3} and row.hint is None


def test_the_checksum_is_the_formats(tmp_path):
    content = hand_in("Zoë Ünal", {FIRST: solved(2, **{"Tél: σ(0) = 0.5": 1})})
    assert report.checksum(content) == content["sha256"]
    assert report.read_hand_in(write(tmp_path, "zoe.json", content)).name == "Zoë Ünal"


@pytest.mark.parametrize(("content", "reason"), [
    ("{\"format\": \"nnbook-progress\", oops}", "damaged: not valid JSON"),
    ("", "damaged: the file is empty"),
    ("[1, 2, 3]", "not an nnbook progress file"),
    (json.dumps({"format": "something else"}), "not an nnbook progress file"),
    (json.dumps(hand_in("Ana", format_version=2)), "format_version 2, and this report reads format_version 1; "
                                                   "update nnbook"),
    (json.dumps(hand_in("Ana", format_version="1")), "format_version '1'"),
    (json.dumps(hand_in(None)), "wrong format: 'name' is missing"),
    (json.dumps(hand_in("Ana", {FIRST: {"state": "nearly"}})), f"wrong format: exercise {FIRST!r} has the state "
                                                               "'nearly'"),
    (json.dumps(hand_in("Ana", {FIRST: {"wrong_hints": {"Add": -1}}})), "wrong_hints that are not hint -> count"),
])
def test_a_file_that_cannot_be_counted_says_why(tmp_path, content, reason):
    with pytest.raises(report.Unreadable, match=re.escape(reason)):
        report.read_hand_in(write(tmp_path, "progress-x.json", content))


def test_bytes_that_are_not_text_are_damaged(tmp_path):
    path = tmp_path / "progress-x.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(report.Unreadable, match="damaged: it is not text"):
        report.read_hand_in(path)


def test_damaged_truncated_changed_and_foreign_files_each_get_a_line_and_the_rest_is_counted(made_up_class):
    good = (made_up_class / "progress-ana.json").read_text(encoding="utf-8")
    write(made_up_class, "progress-cut.json", good[: len(good) // 2])
    write(made_up_class, "progress-junk.json", "this is not JSON")
    changed = hand_in("Eve", {FIRST: {"state": "tried", "checks": 1}})
    changed["exercises"][FIRST]["state"] = "solved"  # after the checksum was made, as an edit by hand would
    write(made_up_class, "progress-eve.json", changed)
    write(made_up_class, "progress-fay.json", hand_in("Fay", {FIRST: solved()}, format_version=2))
    result = run_report(made_up_class)
    assert result.returncode == 0, result.stderr
    notes = {line.split(": ", 1)[0].strip(): line.split(": ", 1)[1] for line in result.stdout.splitlines()
             if line.startswith(f"  {made_up_class / 'progress-'}")}
    assert notes == {
        str(made_up_class / "progress-cut.json"): "damaged: the file is cut off before its end (was it copied or "
                                                  "downloaded completely?)",
        str(made_up_class / "progress-eve.json"): "changed after it was exported (its checksum does not match), "
                                                  "so it is not counted",
        str(made_up_class / "progress-fay.json"): "written in format_version 2, and this report reads "
                                                  "format_version 1; update nnbook to read it",
        str(made_up_class / "progress-junk.json"): "damaged: not valid JSON (Expecting value at line 1, column 1)",
    }
    assert "4 student(s)" in result.stdout.splitlines()[0]
    assert counts(result.stdout, FIRST) == (2, 1, 1, 0)


def test_a_file_from_another_nnbook_is_counted_for_the_exercises_this_one_has(made_up_class):
    older = {name: notebook for name, notebook in EXERCISES.items() if name != LAST} | {"old_one": "03-old"}
    write(made_up_class, "progress-gus.json", hand_in("Gus", {FIRST: solved(), "old_one": solved()},
                                                      version="0.9.0", exercises=older))
    result = run_report(made_up_class, "--all")
    assert result.returncode == 0, result.stderr
    [note] = [line for line in result.stdout.splitlines() if "progress-gus.json" in line]
    assert note == (f"  {made_up_class / 'progress-gus.json'}: made with nnbook 0.9.0, this is {nnbook.__version__}; "
                    "counted for the exercises this nnbook has; 1 exercise(s) unknown here, not counted: old_one; "
                    f"1 exercise(s) of this nnbook missing from it, counted as not tried: {LAST}")
    assert "5 student(s)" in result.stdout.splitlines()[0]
    assert counts(result.stdout, FIRST) == (3, 1, 1, 0)
    assert counts(result.stdout, LAST) == (0, 0, 0, 5)
    assert not any(line.split()[:1] == ["old_one"] for line in result.stdout.splitlines())


def test_a_student_who_handed_in_twice_is_counted_once_from_the_later_export(made_up_class):
    write(made_up_class, "progress-ana-2.json", hand_in(" ana  ", {FIRST: solved(), THIRD: solved()},
                                                        exported="2026-12-01T21:00:00Z"))
    write(made_up_class, "zz-ana-early.json", hand_in("ANA", {FIRST: {"state": "tried", "checks": 1}},
                                                      exported="2026-12-01T19:00:00Z"))
    result = run_report(made_up_class)
    assert result.returncode == 0, result.stderr
    assert "4 student(s)" in result.stdout.splitlines()[0]
    assert counts(result.stdout, THIRD) == (1, 0, 0, 3)  # the 21:00 export counts, not the 20:31 or the 19:00 one
    notes = [line for line in result.stdout.splitlines() if "handed in twice" in line]
    assert notes == [
        f"  {made_up_class / 'progress-ana.json'}: handed in twice, under the name 'Ana', and again in "
        f"{made_up_class / 'progress-ana-2.json'}, exported later; counted once, from progress-ana-2.json",
        f"  {made_up_class / 'zz-ana-early.json'}: handed in twice, under the name 'ANA', and again in "
        f"{made_up_class / 'progress-ana-2.json'}, exported later; counted once, from progress-ana-2.json",
    ]


def test_a_copy_of_the_same_file_is_counted_once(made_up_class):
    (made_up_class / "copy of progress-bo.json").write_bytes((made_up_class / "progress-bo.json").read_bytes())
    result = run_report(made_up_class, made_up_class / "progress-bo.json")
    assert result.returncode == 0, result.stderr
    assert "4 student(s)" in result.stdout.splitlines()[0]
    assert counts(result.stdout, SECOND) == (1, 0, 2, 1)
    notes = [line.strip() for line in result.stdout.splitlines() if "counted once" in line]
    assert notes == [
        f"{made_up_class / 'progress-bo.json'}: the same content as {made_up_class / 'copy of progress-bo.json'}; "
        "counted once",
        f"{made_up_class / 'progress-bo.json'}: given twice on the command line; counted once",
    ]


def test_folders_give_their_json_files_and_missing_or_empty_places_get_a_line(made_up_class, tmp_path):
    (made_up_class / "notes.txt").write_text("not a hand-in", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    result = run_report(made_up_class, tmp_path / "empty", tmp_path / "nowhere")
    assert result.returncode == 0, result.stderr
    assert "4 student(s)" in result.stdout.splitlines()[0]
    assert f"  {tmp_path / 'empty'}: a folder with no .json files in it or its subfolders" in result.stdout.splitlines()
    assert f"  {tmp_path / 'nowhere'}: there is no such file or folder" in result.stdout.splitlines()
    assert "notes.txt" not in result.stdout


def test_no_readable_file_exits_1_with_a_clear_message(tmp_path):
    junk = write(tmp_path, "progress-junk.json", "{")
    result = run_report(junk, tmp_path / "nowhere")
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{junk}: damaged: the file is cut off" in result.stderr
    assert "none of the 1 file(s) could be counted, so there is no report" in result.stderr
    assert "nnbook.export_progress" in result.stderr


def test_no_files_at_all_is_a_usage_error():
    result = run_report()
    assert result.returncode == 2
    assert "the following arguments are required: FILE" in result.stderr


def test_the_csv_has_the_table_and_an_existing_csv_is_never_replaced(made_up_class, tmp_path):
    mine = write(tmp_path, "report.csv", "the teacher's own spreadsheet\n")
    result = run_report(made_up_class, "--csv", mine, "--all")
    assert result.returncode == 0, result.stderr
    assert mine.read_text(encoding="utf-8") == "the teacher's own spreadsheet\n"
    written = tmp_path / "report-2.csv"
    assert f"The table as CSV: {written} ({mine} exists, so a new name)" in result.stdout
    with open(written, encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    assert table[0] == ["notebook", "exercise", "solved", "solution seen", "tried", "not tried",
                        "most common wrong-answer hint", "students who got it", "times shown"]
    assert [row[:2] for row in table[1:]] == [[notebook, name] for name, notebook in EXERCISES.items()]
    by_name = {row[1]: row for row in table[1:]}
    assert by_name[FIRST][2:] == ["2", "1", "1", "0", "Count again.", "2", "3"]
    assert by_name[SECOND][2:] == ["1", "0", "2", "1", "Add them.", "2", "3"]
    assert by_name[THIRD][2:] == ["0", "0", "0", "4", "", "0", "0"]
    assert run_report(made_up_class, "--csv", mine, "--all").returncode == 0
    assert (tmp_path / "report-3.csv").read_bytes() == written.read_bytes()
    assert run_report(made_up_class, "--csv", tmp_path / "shown.csv").returncode == 0
    with open(tmp_path / "shown.csv", encoding="utf-8-sig", newline="") as file:
        assert [row[1] for row in csv.reader(file)][1:] == [FIRST, SECOND], "the rows of the table shown"


def test_a_csv_that_cannot_be_written_is_a_clear_error(made_up_class, tmp_path):
    result = run_report(made_up_class, "--csv", tmp_path / "no-such-folder" / "report.csv")
    assert result.returncode == 1
    assert "could not write the CSV" in result.stderr and "a folder that exists" in result.stderr


def test_a_long_hint_is_shortened_in_the_table_but_whole_in_the_csv(made_up_class, tmp_path):
    long_hint = "Multiply each weight by its activation, then add the products up, one pixel after another " * 2
    write(made_up_class, "progress-hal.json", hand_in("Hal", {THIRD: {"state": "tried", "checks": 1,
                                                                      "wrong_hints": {long_hint: 1}}}))
    result = run_report(made_up_class, "--csv", tmp_path / "r.csv")
    [line] = [line for line in result.stdout.splitlines() if line.split()[:1] == [THIRD]]
    shown = line.split('"')[1]
    assert line.endswith('" (1 of 5)') and shown.endswith("…") and len(shown) == report.HINT_WIDTH
    assert long_hint.startswith(shown[:-1])
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as file:
        assert {row[1]: row[6] for row in csv.reader(file)}[THIRD] == long_hint


def test_a_file_export_progress_wrote_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("NNBOOK_PROGRESS", str(tmp_path / "progress.jsonl"))
    wrong = check.tiny_weighted_sum(12345.0)
    assert not wrong.passed
    check.tiny_weighted_sum.solution()
    assert check.threshold_bias(-6).passed
    check.bias_direction("not an answer")
    path = nnbook.export_progress("Sam Jones", tmp_path)
    result = run_report(path)
    assert result.returncode == 0, result.stderr
    assert "1 student(s)" in result.stdout.splitlines()[0] and "Files to look at" not in result.stdout
    assert counts(result.stdout, "tiny_weighted_sum") == (0, 1, 0, 0)
    assert counts(result.stdout, "threshold_bias") == (1, 0, 0, 0)
    assert counts(result.stdout, "bias_direction") == (0, 0, 1, 0)
    hint = wrong.hint or wrong.message
    [line] = [line for line in result.stdout.splitlines() if line.split()[:1] == ["tiny_weighted_sum"]]
    assert line.endswith(" (1 of 1)") and report._shorten(hint) in line


# What the table shows -------------------------------------------------------------------------------------------


def exercise_lines(output: str) -> list[str]:
    return [line.split()[0] for line in output.splitlines() if line.startswith("  ") and line.split()[0] in EXERCISES]


def test_by_default_only_exercises_someone_tried_or_opened_are_shown_and_a_line_counts_the_rest(made_up_class):
    peeked = list(EXERCISES)[-2]
    write(made_up_class, "progress-ed.json", hand_in("Ed", {peeked: {"state": "solution seen", "solution_seen": True}}))
    result = run_report(made_up_class)
    assert result.returncode == 0, result.stderr
    assert exercise_lines(result.stdout) == [FIRST, SECOND, peeked]
    notebooks = {EXERCISES[name] for name in (FIRST, SECOND, peeked)}
    assert [line for line in result.stdout.splitlines() if line in set(EXERCISES.values())] == sorted(notebooks)
    assert result.stdout.splitlines()[-1] == (f"Left out: {len(EXERCISES) - 3} exercise(s) that no student tried or "
                                              "opened the solution of (--all shows them).")


@pytest.mark.parametrize(("asked", "wanted"), [
    (["00"], ["00-welcome"]), (["0", "10"], ["00-welcome", "10-exit-ticket"]),
    (["10-exit-ticket.ipynb", "00-welcome", "00"], ["00-welcome", "10-exit-ticket"]),  # in course order, once
])
def test_notebooks_restricts_the_table_to_the_notebooks_named(made_up_class, asked, wanted):
    assert (EXERCISES[FIRST], EXERCISES[SECOND], EXERCISES[LAST]) == ("00-welcome", "00-welcome", "10-exit-ticket")
    write(made_up_class, "progress-ed.json", hand_in("Ed", {LAST: solved()}))
    result = run_report(made_up_class, "--notebooks", *asked, "--all")
    assert result.returncode == 0, result.stderr
    assert exercise_lines(result.stdout) == [name for name, notebook in EXERCISES.items() if notebook in wanted]
    others = sum(1 for notebook in EXERCISES.values() if notebook not in wanted)
    assert (f"Only notebooks {', '.join(wanted)} (--notebooks): {others} exercise(s) of the other notebooks left out."
            in result.stdout.splitlines())
    default = run_report(made_up_class, "--notebooks", *asked).stdout
    assert exercise_lines(default) == [name for name in (FIRST, SECOND, LAST) if EXERCISES[name] in wanted]


@pytest.mark.parametrize("asked", ["11", "weighted-sums", "99-nowhere"])
def test_an_unknown_notebook_is_a_usage_error_that_lists_the_notebooks(made_up_class, asked):
    result = run_report(made_up_class, "--notebooks", "00", asked)
    assert result.returncode == 2 and result.stdout == ""
    assert f"error: --notebooks: there is no notebook {asked!r} with exercises" in result.stderr
    assert "the notebooks are 00-welcome, 01-pixels," in result.stderr


def test_a_class_that_tried_nothing_gets_a_short_report_that_says_so(tmp_path):
    path = write(tmp_path, "progress-ana.json", hand_in("Ana"))
    result = run_report(path)
    assert result.returncode == 0, result.stderr
    assert "No exercise to show." in result.stdout and not exercise_lines(result.stdout)
    assert f"Left out: {len(EXERCISES)} exercise(s)" in result.stdout


# Folders ---------------------------------------------------------------------------------------------------------


def test_a_folder_gives_the_json_files_of_its_subfolders_but_not_hidden_or_macosx_ones(made_up_class, tmp_path):
    """A platform's download: one folder per student; a Mac's unzip adds __MACOSX/ with ._ copies."""
    for student in ("ana", "bo"):
        (made_up_class / student / "week 1").mkdir(parents=True)
        (made_up_class / f"progress-{student}.json").rename(made_up_class / student / "week 1" / "progress.json")
    (made_up_class / "cas").mkdir()
    (made_up_class / "progress-cas.json").rename(made_up_class / "cas" / "progress-cas.json")
    (made_up_class / "__MACOSX" / "cas").mkdir(parents=True)
    (made_up_class / "__MACOSX" / "cas" / "._progress-cas.json").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    (made_up_class / ".trash").mkdir()
    (made_up_class / ".trash" / "progress-old.json").write_text("{", encoding="utf-8")
    (made_up_class / "cas" / ".progress-cas.json").write_text("{", encoding="utf-8")
    single = write(tmp_path, "progress-ed.json", hand_in("Ed"))
    result = run_report(made_up_class, single)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "4 student(s)" not in lines[0] and "5 student(s)" in lines[0]
    assert lines[2:5] == ["Files found:",
                          f"  {made_up_class}: 4 .json file(s), 1 in the folder itself and 3 in 3 subfolder(s) "
                          "(3 hidden or __MACOSX .json file(s) skipped)",
                          "  1 file(s) named one by one"]
    assert "Files to look at" not in result.stdout
    assert counts(result.stdout, FIRST) == (2, 1, 1, 1)


def test_files_in_says_a_flat_folder_holds_them_all(made_up_class):
    files, notes, found = report.files_in([str(made_up_class)])
    assert files == sorted(made_up_class.iterdir()) and notes == []
    assert found == [f"{made_up_class}: 4 .json file(s), all in the folder itself"]
