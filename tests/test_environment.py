"""The three places that name dependencies must agree, and every constraints file pins each one exactly.

``constraints.txt`` pins the versions the stored notebook outputs were made with; a Python that some of
them do not support has its own ``constraints-3.X.txt`` (run.py picks it, see scripts/runner.py).
"""

import pathlib
import re
import sys

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OWN_FILES = sorted(ROOT.glob("constraints-3.*.txt"))
CONSTRAINTS = [ROOT / "constraints.txt", *OWN_FILES]


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def normalise(requirement: str) -> str:
    return re.sub(r"\s+", "", requirement).lower().replace("_", "-")


def conda_dependencies():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    section = text.split("\ndependencies:\n", 1)[1]
    return [line[4:] for line in section.splitlines() if re.match(r"^  - [a-z][^:]*$", line)]


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    conda = {normalise(d) for d in conda_dependencies()} - {"pip"}
    python = {d for d in conda if d.startswith("python")}
    assert python == {f"python{pyproject()['requires-python']}"}
    assert conda - python == {normalise(d) for d in pyproject()["dependencies"]}


def test_environment_yml_installs_nnbook_editable():
    assert "- -e ." in (ROOT / "environment.yml").read_text(encoding="utf-8")


def python_of(path: pathlib.Path) -> Version:
    """The Python a constraints file is made with: 3.X for constraints-3.X.txt; for constraints.txt the
    oldest supported version without a file of its own."""
    if match := re.fullmatch(r"constraints-(3\.\d+)\.txt", path.name):
        return Version(match[1])
    supported = SpecifierSet(pyproject()["requires-python"])
    own = {python_of(other) for other in OWN_FILES}
    return next(Version(f"3.{minor}") for minor in range(30) if Version(f"3.{minor}") in supported
                and Version(f"3.{minor}") not in own)


def constraint_pins(path: pathlib.Path) -> dict[str, Version]:
    """A constraints file as {normalised name: version}; every line must be an exact ``name==version`` pin."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# "), f"{path.name} lost its header comment (see CONTRIBUTING.md)"
    pins = {}
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#"):
            continue
        requirement = Requirement(line)
        [specifier] = requirement.specifier or [None]
        assert specifier is not None and specifier.operator == "==" and "*" not in specifier.version, (
            f"{path.name} line {number}: {line!r} is not an exact pin name==version")
        assert requirement.name not in pins, f"{path.name} pins {requirement.name} twice"
        pins[canonicalize_name(requirement.name)] = Version(specifier.version)
    return pins


def test_constraints_txt_is_for_a_supported_python_and_each_own_file_for_another():
    pythons = [python_of(path) for path in CONSTRAINTS]
    assert len(set(pythons)) == len(pythons)
    assert all(python in SpecifierSet(pyproject()["requires-python"]) for python in pythons)


@pytest.mark.parametrize("path", CONSTRAINTS, ids=lambda path: path.name)
def test_constraints_pin_every_dependency_exactly_within_its_declared_range(path):
    pins = constraint_pins(path)
    python = str(python_of(path))
    project = pyproject()
    groups = {"": project["dependencies"], **project["optional-dependencies"]}
    for group, requirements in groups.items():
        for text in requirements:
            requirement = Requirement(text)
            environment = {"python_version": python, "python_full_version": f"{python}.0", "extra": group}
            if requirement.marker and not requirement.marker.evaluate(environment):
                continue
            name = canonicalize_name(requirement.name)
            where = group or "dependencies"
            assert name in pins, f"{name} ({where}) is not pinned in {path.name}"
            assert requirement.specifier.contains(pins[name], prereleases=True), (
                f"{path.name} pins {name}=={pins[name]}, outside pyproject.toml's {text!r} ({where})")
