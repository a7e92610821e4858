"""The three places that name dependencies must agree."""

import pathlib
import re

import tomllib

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


def test_constraints_pin_every_dependency_exactly():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[normalise(name)] = version
    project = pyproject()
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    for requirement in wanted:
        name = normalise(re.split(r"[<>=!~\[]", requirement)[0])
        assert name in pins, f"{name} is not pinned in constraints.txt"
