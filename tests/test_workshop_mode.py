"""Workshop mode: a notebook's solutions stay locked until the teacher's word, and only in a workshop."""

from __future__ import annotations

import hashlib
import importlib
import json
import pathlib

import pytest

import nnbook
from nnbook import check
from nnbook.check import _core, _workshop
from nnbook.check._workshop import lock_for, unlock, workshop

progress_module = importlib.import_module("nnbook.progress")

LOCKED_LINE = "Workshop mode: the solutions open when your teacher says so.\n"


@pytest.fixture(autouse=True)
def self_study(tmp_path, monkeypatch):
    """Each test starts as a fresh kernel does, in self-study: nothing locked, nothing unlocked, an empty record."""
    monkeypatch.setenv("NNBOOK_PROGRESS", str(tmp_path / "progress.jsonl"))
    _core.LOCKS.clear()
    _workshop._opened.clear()
    yield
    _core.LOCKS.clear()
    _workshop._opened.clear()


def recorded(tmp_path: pathlib.Path) -> list[dict]:
    path = tmp_path / "progress.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def expected_lock(notebook: str, word: str) -> str:
    return "sha256:" + hashlib.sha256(f"nnbook-unlock:{notebook}:{word}".encode()).hexdigest()


def test_the_functions_are_reachable_as_check_workshop_lock_for_and_unlock():
    assert (check.workshop, check.lock_for, check.unlock) == (workshop, lock_for, unlock)
    assert {"workshop", "lock_for", "unlock"} <= set(check.__all__)


# The lock ------------------------------------------------------------------------------------------------------------

def test_the_lock_is_the_sha256_of_notebook_and_normalized_word():
    assert lock_for("03-weighted-sums", "pixels") == expected_lock("03-weighted-sums", "pixels")
    assert lock_for("03-weighted-sums", "  PiXeLs\n") == expected_lock("03-weighted-sums", "pixels")
    assert lock_for("03-weighted-sums", "Straße") == lock_for("03-weighted-sums", "STRASSE"), "casefold, not lower"
    assert lock_for("04-bias", "pixels") != lock_for("03-weighted-sums", "pixels")


@pytest.mark.parametrize(("notebook", "word", "error"), [
    ("03", "pixels", "no notebook '03'"), ("12-nothing", "pixels", "no notebook"),
    ("03-weighted-sums", "  ", "some text"), ("03-weighted-sums", 7, "some text"),
])
def test_lock_for_refuses_an_unknown_notebook_or_an_empty_word(notebook, word, error):
    with pytest.raises(ValueError, match=error):
        lock_for(notebook, word)


# Off by default, on for one notebook ---------------------------------------------------------------------------------

def test_self_study_is_never_locked(tmp_path):
    for exercise in check.exercises().values():
        assert isinstance(exercise.solution(), check.Solution)
    assert len(recorded(tmp_path)) == len(check.exercises())


def test_a_locked_solution_says_when_it_opens_shows_no_code_and_records_nothing(tmp_path, capsys):
    workshop("03-weighted-sums", lock_for("03-weighted-sums", "pixels"))
    assert capsys.readouterr().out == LOCKED_LINE
    shown = check.tiny_weighted_sum.solution()
    assert repr(shown) == ("The solution to tiny_weighted_sum opens when your teacher says so. "
                           'Then run: check.unlock("the word your teacher gives")')
    assert check.tiny_weighted_sum._solution.strip().splitlines()[0] not in repr(shown)
    assert recorded(tmp_path) == []
    assert nnbook.progress("03").states["tiny_weighted_sum"] == "not tried"


def test_only_the_named_notebook_is_locked(tmp_path):
    workshop("03-weighted-sums", lock_for("03-weighted-sums", "pixels"))
    for name, exercise in check.exercises().items():
        locked = exercise.notebook == "03-weighted-sums"
        assert isinstance(exercise.solution(), _core.LockedSolution if locked else check.Solution), name
    assert {line["notebook"] for line in recorded(tmp_path)} == (
        {e.notebook for e in check.exercises().values()} - {"03-weighted-sums"})


def test_checks_still_work_and_record_while_locked(tmp_path):
    workshop("00-welcome", lock_for("00-welcome", "pixels"))
    assert check.warmup_pixels(600).passed
    assert [line["event"] for line in recorded(tmp_path)] == ["check"]


@pytest.mark.parametrize(("notebook", "lock", "error"), [
    ("03-weighted-sums", "pixels", "should be \"sha256:\" and 64 hexadecimal digits"),
    ("03-weighted-sums", "sha256:" + "a" * 63, "64 hexadecimal"),
    ("03-weighted-sums", "sha256:" + "g" * 64, "64 hexadecimal"),
    ("03-weighted-sums", "md5:" + "a" * 64, "64 hexadecimal"),
    ("03-weighted-sums", None, "64 hexadecimal"),
    ("13-nothing", "sha256:" + "a" * 64, "no notebook '13-nothing' with exercises; the notebooks are 00-welcome"),
])
def test_workshop_refuses_a_bad_lock_or_an_unknown_notebook(notebook, lock, error):
    with pytest.raises(ValueError, match=error):
        workshop(notebook, lock)
    assert _core.LOCKS == {}


def test_a_lock_in_capitals_is_the_same_lock():
    workshop("03-weighted-sums", lock_for("03-weighted-sums", "pixels").upper().replace("SHA256", "sha256"))
    unlock("pixels")
    assert _core.LOCKS == {}


# Unlocking -----------------------------------------------------------------------------------------------------------

def test_a_wrong_word_gets_a_kind_line_and_changes_nothing(tmp_path, capsys):
    workshop("03-weighted-sums", lock_for("03-weighted-sums", "pixels"))
    capsys.readouterr()
    unlock("pixel")
    out = capsys.readouterr().out
    assert out == "'pixel' does not open the solutions here. Check the word with your teacher " \
                  "(capitals and spaces around it do not matter).\n"
    assert isinstance(check.tiny_weighted_sum.solution(), _core.LockedSolution)
    assert recorded(tmp_path) == []


def test_the_right_word_in_any_case_opens_the_solutions_records_it_and_then_they_record_too(tmp_path, capsys):
    workshop("03-weighted-sums", lock_for("03-weighted-sums", "pixels"))
    capsys.readouterr()
    unlock("  PIXELS ")
    assert capsys.readouterr().out == ("Unlocked the solutions of 03-weighted-sums: "
                                       "check.NAME.solution() shows them now.\n")
    solution = check.tiny_weighted_sum.solution()
    assert isinstance(solution, check.Solution) and repr(solution).startswith("# A worked solution for")
    unlocked, seen = recorded(tmp_path)
    assert (unlocked["event"], unlocked["notebook"], unlocked["exercise"]) == ("unlock", "03-weighted-sums", None)
    assert (seen["event"], seen["exercise"]) == ("solution", "tiny_weighted_sum")
    assert nnbook.progress("03").states["tiny_weighted_sum"] == "solution seen"


def test_each_notebook_opens_with_its_own_word():
    workshop("03-weighted-sums", lock_for("03-weighted-sums", "pixels"))
    workshop("04-bias", lock_for("04-bias", "threshold"))
    unlock("threshold")
    assert list(_core.LOCKS) == ["03-weighted-sums"]
    assert isinstance(check.threshold_bias.solution(), check.Solution)
    assert isinstance(check.tiny_weighted_sum.solution(), _core.LockedSolution)


def test_one_word_opens_every_notebook_it_fits(capsys):
    for notebook in ("03-weighted-sums", "04-bias", "05-sigmoid"):
        workshop(notebook, lock_for(notebook, "neurons" if notebook != "05-sigmoid" else "squish"))
    capsys.readouterr()
    unlock("neurons")
    assert "Unlocked the solutions of 03-weighted-sums and 04-bias:" in capsys.readouterr().out
    assert list(_core.LOCKS) == ["05-sigmoid"]


def test_running_the_workshop_cell_again_keeps_opened_solutions_open(capsys):
    lock = lock_for("03-weighted-sums", "pixels")
    workshop("03-weighted-sums", lock)
    unlock("pixels")
    capsys.readouterr()
    workshop("03-weighted-sums", lock)
    assert "already opened" in capsys.readouterr().out
    assert isinstance(check.tiny_weighted_sum.solution(), check.Solution)
    workshop("03-weighted-sums", lock_for("03-weighted-sums", "another word"))
    assert isinstance(check.tiny_weighted_sum.solution(), _core.LockedSolution)


def test_unlock_with_nothing_locked_says_so(tmp_path, capsys):
    unlock("pixels")
    assert capsys.readouterr().out == "Nothing is locked here: the solutions are open.\n"
    assert recorded(tmp_path) == []


def test_unlock_refuses_a_word_that_is_not_text():
    with pytest.raises(TypeError, match="text in quotes"):
        unlock(1234)


def test_a_failing_record_does_not_stop_unlocking(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("NNBOOK_PROGRESS", str(blocker / "progress.jsonl"))
    monkeypatch.setattr(progress_module, "_warned", set())
    workshop("03-weighted-sums", lock_for("03-weighted-sums", "pixels"))
    unlock("pixels")
    assert _core.LOCKS == {}
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_workshop_mode_speaks_dutch_after_set_language(capsys):
    nnbook.set_language("nl")
    try:
        workshop("03-weighted-sums", lock_for("03-weighted-sums", "pixels"))
        unlock("pixels")
        said = capsys.readouterr().out
        assert "Workshopmodus: de oplossingen gaan open als je docent dat zegt." in said, said
        assert "De oplossingen van 03-weighted-sums zijn open" in said, said
        with pytest.raises(TypeError, match="tussen aanhalingstekens"):
            unlock(7)
    finally:
        nnbook.set_language("en")
