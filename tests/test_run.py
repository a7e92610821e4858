"""run.py: an old Python gets one clear sentence, each Python its own pins and environment, a learner no test tools.

The old-Python tests run the real interpreters (pyenv's, where they are installed) on a copy of run.py
alone: the sentence must come before run.py needs anything else, and before it installs anything.
"""

import glob
import importlib.metadata
import importlib.util
import os
import pathlib
import re
import shutil
import subprocess
import sys
import venv

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from project_files import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
TEST_TOOLS = {"pytest", "pytest-xdist", "playwright", "nbval", "hypothesis", "ruff"}


runner = load_script("scripts/runner.py")


def old_python(version: str) -> str | None:
    """The path of a working interpreter for ``version`` ("2.7"), from pyenv or the system, or None."""
    pyenv = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates = sorted(glob.glob(f"{pyenv}/versions/{version}.*/bin/python{version}"))
    candidates += [path for path in (shutil.which(f"python{version}"),) if path]
    for candidate in candidates:
        # A pyenv shim exists for versions that are not selected; it fails instead of running.
        probe = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2])"],
                               capture_output=True, text=True, timeout=30)
        if probe.returncode == 0 and probe.stdout.strip() == str(tuple(map(int, version.split(".")))):
            return candidate
    return None


@pytest.mark.parametrize("version", ["2.7", "3.6", "3.7", "3.8", "3.9"])
def test_an_old_python_gets_one_sentence_naming_what_to_install(version, tmp_path):
    python = old_python(version)
    if python is None:
        pytest.skip(f"Python {version} is not installed here (looked in pyenv's versions and on PATH)")
    shutil.copy(ROOT / "run.py", tmp_path / "run.py")
    result = subprocess.run([python, "run.py", "lab"], cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stdout == ""
    [sentence] = result.stderr.splitlines()
    assert sentence.startswith(f"nnbook needs Python 3.10 or newer, and this is Python {version}.")
    assert "install Python 3.12" in sentence and sentence.endswith("python3.12 run.py lab")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["run.py"], "it must stop before setting up"


def run_copy(tmp_path, *arguments):
    """Run run.py from a copy of the repository's two runner files, so that nothing is installed here."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "run.py", tmp_path / "run.py")
    shutil.copy(ROOT / "scripts" / "runner.py", tmp_path / "scripts" / "runner.py")
    return subprocess.run([sys.executable, "run.py", *arguments], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)


def test_this_python_gets_the_help(tmp_path):
    result = run_copy(tmp_path, "--help")
    assert result.returncode == 0
    assert "python3 run.py lab" in result.stdout and "python3 run.py test" in result.stdout


@pytest.mark.parametrize("arguments", [("setup", "everything"), ("setup", "lab", "test"), ("serve",)])
def test_a_mistyped_command_gets_one_message_and_installs_nothing(tmp_path, arguments):
    result = run_copy(tmp_path, *arguments)
    assert result.returncode == 1
    [message] = result.stderr.splitlines()
    assert "run.py" in message and "lab" in message
    assert not (tmp_path / ".venv").exists()


@pytest.mark.parametrize("minor", [10, 11, 12, 13])
def test_each_python_gets_its_constraints_file(minor):
    own = ROOT / f"constraints-3.{minor}.txt"
    expected = own if own.exists() else ROOT / "constraints.txt"
    assert runner.constraints_file((3, minor)) == expected


def test_python_3_10_has_pins_of_its_own_because_numpy_2_4_needs_3_11():
    assert runner.constraints_file((3, 10)).name == "constraints-3.10.txt"
    assert runner.constraints_file((3, 11)).name == "constraints.txt"
    pins = (ROOT / "constraints-3.10.txt").read_text(encoding="utf-8")
    assert re.search(r"^numpy==2\.2\.", pins, re.MULTILINE)


def test_a_venv_knows_the_python_it_was_made_with(tmp_path):
    venv.EnvBuilder(with_pip=False).create(tmp_path / "env")
    assert runner.venv_made_with(tmp_path / "env") == sys.version_info[:2]
    assert runner.venv_made_with(tmp_path / "nothing") is None
    (tmp_path / "virtualenv").mkdir()
    (tmp_path / "virtualenv" / "pyvenv.cfg").write_text("home = /usr/bin\nversion_info = 3.12.4.final.0\n")
    assert runner.venv_made_with(tmp_path / "virtualenv") == (3, 12)


def test_each_minor_version_gets_its_own_environment(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "ROOT", tmp_path)
    assert runner.venv_folder((3, 12)) == tmp_path / ".venv", ".venv is free: the first Python takes it"
    venv.EnvBuilder(with_pip=False).create(tmp_path / ".venv")
    this = sys.version_info[:2]
    other = (3, 10) if this != (3, 10) else (3, 11)
    assert runner.venv_folder(this) == tmp_path / ".venv"
    assert runner.venv_folder(other) == tmp_path / f".venv-3.{other[1]}"


def dependency_closure(requirements: list[Requirement], extras: frozenset = frozenset()) -> set[str]:
    """Every distribution that installing ``requirements`` brings in, read from the installed metadata."""
    seen: set[str] = set()
    todo = [(requirement, extras) for requirement in requirements]
    while todo:
        requirement, wanted = todo.pop()
        if requirement.marker and not any(requirement.marker.evaluate({"extra": extra}) for extra in wanted or {""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        needs = importlib.metadata.distribution(name).requires or []
        todo += [(Requirement(text), frozenset(requirement.extras)) for text in needs]
    return seen


def test_lab_installs_nnbook_without_the_test_tools():
    assert runner.INSTALLS["lab"] == "."
    assert runner.INSTALLS["test"] == ".[test,build]"
    learner = dependency_closure([Requirement("nnbook")])
    assert {"jupyterlab", "numpy", "anywidget", "nbclient"} <= learner
    assert learner & TEST_TOOLS == set()
    assert TEST_TOOLS <= dependency_closure([Requirement("nnbook[test]")])
    assert "jupyterlite-core" not in learner, "the web site's builder is not a learner's"
    assert {"jupyterlite-core", "playwright"} <= dependency_closure([Requirement("nnbook[build]")])


def test_the_kit_and_site_commands_run_their_script_where_run_py_was_called(monkeypatch, tmp_path):
    """A teacher's paths (run.py class-report handed-in/ --csv report.csv) mean their own folder, not the repo's."""
    calls = []
    monkeypatch.setattr(runner, "setup", lambda install: pathlib.Path("/venv/bin/python"))
    monkeypatch.setattr(runner, "run", lambda *command, cwd=runner.ROOT: calls.append((command, cwd)))
    monkeypatch.chdir(tmp_path)
    for command, (_, script) in runner.SCRIPTS.items():
        runner.main([command, "handed-in/", "--csv", "report.csv"], "usage")
        (python, called, *arguments), cwd = calls.pop()
        assert called == runner.ROOT / script and called.is_file(), f"run.py {command} runs {called}"
        assert arguments == ["handed-in/", "--csv", "report.csv"] and cwd == tmp_path


def test_lab_opens_the_course_or_the_folder_or_notebook_it_is_given(monkeypatch, tmp_path):
    """A student edition unzipped anywhere opens at its own 00-welcome, not at the course's (unlocked) copy."""
    calls = []
    monkeypatch.setattr(runner, "setup", lambda install: pathlib.Path("/venv/bin/python"))
    monkeypatch.setattr(runner, "run", lambda *command, cwd=runner.ROOT: calls.append((command[3:5], cwd)))
    edition = tmp_path / "nnbook-student"
    edition.mkdir()
    (edition / "00-welcome.ipynb").write_text("{}")
    (edition / "03-weighted-sums.ipynb").write_text("{}")
    monkeypatch.chdir(tmp_path)
    runner.main(["lab"], "usage")
    assert calls.pop() == ((f"--ServerApp.root_dir={runner.ROOT}", "notebooks/00-welcome.ipynb"), runner.ROOT)
    runner.main(["lab", "nnbook-student"], "usage")
    assert calls.pop() == ((f"--ServerApp.root_dir={edition}", "00-welcome.ipynb"), edition)
    runner.main(["lab", "nnbook-student/03-weighted-sums.ipynb", "--port", "8889"], "usage")
    assert calls.pop() == ((f"--ServerApp.root_dir={edition}", "03-weighted-sums.ipynb"), edition)
    (tmp_path / "notes.txt").write_text("")
    for wrong, says in ((tmp_path, "has no 00-welcome.ipynb"), ("missing", "not found"),
                        ("notes.txt", "not a notebook")):
        with pytest.raises(SystemExit, match=says):
            runner.main(["lab", str(wrong)], "usage")
