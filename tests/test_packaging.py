"""A wheel built from this repository holds the whole package, its widget files and its version.

The source tree can look right while the packaging is wrong: a module left out
of ``[tool.setuptools] packages``, or a ``package-data`` pattern that no longer
matches the canvas's JavaScript and CSS, only shows in a built wheel. So this
test builds one, as ``pip install .`` would: from a copy of the repository,
so that nothing is written into the working tree and no stale ``build/``
folder can slip old files in. pip builds in an isolated environment with the
build requirements of pyproject.toml, fetched from the package index as when
the course is set up.
"""

from __future__ import annotations

import email.parser
import pathlib
import shutil
import subprocess
import sys
import zipfile

import pytest

import nnbook

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOT_SOURCE = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".ruff_cache", ".pytest_cache",
              "test-artifacts", "vendor")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    workspace = tmp_path_factory.mktemp("wheel")
    source = workspace / "nnbook"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(workspace / "dist"),
         str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, f"pip could not build a wheel:\n{built.stdout}{built.stderr}"
    [path] = (workspace / "dist").glob("nnbook-*.whl")
    with zipfile.ZipFile(path) as archive:
        yield archive


def test_the_wheel_holds_every_module_of_the_package(wheel):
    modules = {path.relative_to(ROOT).as_posix() for path in (ROOT / "nnbook").rglob("*.py")}
    shipped = {name for name in wheel.namelist() if name.endswith(".py")}
    assert modules - shipped == set(), "modules missing from the wheel"
    assert shipped - modules == set(), "the wheel holds Python files that are not in nnbook/"


def test_the_wheel_holds_the_canvas_front_end_files(wheel):
    front_end = {path.relative_to(ROOT).as_posix() for pattern in ("*.js", "*.css")
                 for path in (ROOT / "nnbook" / "widgets").glob(pattern)}
    assert {"nnbook/widgets/digit_canvas.js", "nnbook/widgets/digit_canvas.css"} <= front_end
    assert front_end <= set(wheel.namelist())


def test_the_wheels_version_is_the_packages_version(wheel):
    [metadata] = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
    fields = email.parser.Parser().parsestr(wheel.read(metadata).decode("utf-8"))
    assert fields["Name"] == "nnbook"
    assert fields["Version"] == nnbook.__version__
    assert metadata == f"nnbook-{nnbook.__version__}.dist-info/METADATA"
