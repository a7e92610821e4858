"""A wheel built from this repository holds the whole package, its data, its widget files and its version.

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
import subprocess
import sys
import textwrap
import zipfile

import pytest

import nnbook
from install_routes import ROOT, build_wheel


@pytest.fixture(scope="module")
def wheel_path(tmp_path_factory):
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def wheel(wheel_path) -> zipfile.ZipFile:
    with zipfile.ZipFile(wheel_path) as archive:
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


def test_the_wheel_carries_the_data_with_its_provenance_and_licence(wheel):
    shipped = {path.relative_to(ROOT).as_posix() for path in (ROOT / "nnbook" / "data").iterdir()
               if path.suffix in {".npz", ".md"}}
    assert shipped == {f"nnbook/data/{name}" for name in ("digits.npz", "pretrained.npz", "README.md", "NOTICE.md")}
    for name in shipped:
        assert wheel.read(name) == (ROOT / name).read_bytes(), f"{name} differs in the wheel"


def test_nnbook_reads_its_data_straight_from_the_zipped_wheel(wheel_path, tmp_path):
    # Python can import a pure-Python wheel from the zip file itself; nnbook must then find its
    # data through importlib.resources, inside the zip, not in a folder next to a source file.
    code = f"""
        import sys
        sys.path.insert(0, {str(wheel_path)!r})
        import nnbook
        assert nnbook.__file__.startswith({str(wheel_path)!r}), nnbook.__file__
        images, labels = nnbook.load_digits("test")
        print(images.shape, nnbook.pretrained().accuracy(images, labels))
    """
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    images, labels = nnbook.load_digits("test")
    assert result.stdout.split() == ["(2000,", "28,", "28)", repr(nnbook.pretrained().accuracy(images, labels))]


def test_the_wheel_carries_the_dutch_twins_of_the_messages(wheel):
    """nnbook.set_language("nl") reads nnbook/locale/nl/*.json through importlib.resources: they must be installed."""
    for path in sorted((ROOT / "nnbook" / "locale" / "nl").glob("*.json")):
        assert wheel.read(f"nnbook/locale/nl/{path.name}") == path.read_bytes()
