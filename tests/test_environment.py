"""The three places that name dependencies must agree, and constraints.txt pins each one exactly."""

import pathlib
import re

import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = pathlib.Path(__file__).resolve().parent.parent


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


def constraint_pins() -> dict[str, Version]:
    """constraints.txt as {normalised name: version}; every line must be an exact ``name==version`` pin."""
    pins = {}
    for number, line in enumerate((ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        requirement = Requirement(line)
        [specifier] = requirement.specifier or [None]
        assert specifier is not None and specifier.operator == "==" and "*" not in specifier.version, (
            f"constraints.txt line {number}: {line!r} is not an exact pin name==version")
        assert requirement.name not in pins, f"constraints.txt pins {requirement.name} twice"
        pins[canonicalize_name(requirement.name)] = Version(specifier.version)
    return pins


def test_constraints_pin_every_dependency_exactly_within_its_declared_range():
    pins = constraint_pins()
    project = pyproject()
    groups = {"dependencies": project["dependencies"], **project["optional-dependencies"]}
    for group, requirements in groups.items():
        for text in requirements:
            requirement = Requirement(text)
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{name} ({group}) is not pinned in constraints.txt"
            assert requirement.specifier.contains(pins[name], prereleases=True), (
                f"constraints.txt pins {name}=={pins[name]}, outside pyproject.toml's {text!r} ({group})")
