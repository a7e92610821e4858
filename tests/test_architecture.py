"""The package's layers import in one direction only, and each lesson module names its notebook.

nnbook has three layers (CONTRIBUTING.md explains them):

- general modules: networks, training, data, figures, widgets. They know
  nothing about any lesson;
- lesson modules: the helpers and reference functions of one or a few
  notebooks. They may use general modules and each other;
- ``nnbook.check``: the exercises' judges. They may use everything.

So a general module never imports a lesson module or ``check``, and a lesson
module never imports ``check``. These tests read the source with ``ast``
(nothing is imported), so they also see imports inside functions.
"""

from __future__ import annotations

import ast
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nnbook"

GENERAL = {"activations", "neuron", "network", "training", "data", "pretrained", "mnist", "figures", "preprocess",
           "_validate", "_npz", "widgets", "language"}
LESSON = {"rules", "parts", "brain", "detectors", "squishing", "by_hand", "evaluation", "weight_patterns", "timing",
          "depth"}
CHECK = {"check", "progress"}
NOT_ALLOWED = {"general": {"lesson", "check"}, "lesson": {"check"}, "check": set()}
"""For each layer, the layers it must not import."""


def module_name(path: pathlib.Path) -> str:
    """``nnbook/widgets/_display.py`` → ``nnbook.widgets._display``; a package's ``__init__.py`` is the package."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path: pathlib.Path) -> bool:
    return path.name == "__init__.py"


def layer(module: str) -> str | None:
    """Which layer ``nnbook.<top>...`` belongs to, from its top-level name; None for the package itself."""
    names = module.split(".")
    if len(names) < 2:
        return None
    top = names[1]
    for name, members in (("general", GENERAL), ("lesson", LESSON), ("check", CHECK)):
        if top in members:
            return name
    raise AssertionError(
        f"{module} belongs to no layer: add {top!r} to GENERAL, LESSON or CHECK in {pathlib.Path(__file__).name}, "
        "and to the lesson map in CONTRIBUTING.md")


def imported_modules(source: str, module: str, package: bool) -> set[str]:
    """Every nnbook module that ``source`` (the code of ``module``) imports, with relative imports resolved.

    ``from nnbook import rules`` counts as importing ``nnbook.rules``: a name
    taken from a package may be a module, and this is the safe reading. Only
    ``import nnbook`` and ``from nnbook import *`` count as importing the whole
    package.
    """
    here = module.split(".") if package else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            origin = ".".join([*base, *([node.module] if node.module else [])])
            names = [alias.name for alias in node.names]
            if origin != "nnbook" or "*" in names:
                found.add(origin)
            found.update(f"{origin}.{name}" for name in names if name != "*")
    return {name for name in found if name == "nnbook" or name.startswith("nnbook.")}


def package_modules():
    return sorted(PACKAGE.rglob("*.py"))


def violations(path: pathlib.Path, source: str) -> list[str]:
    """The imports in ``source`` (the file at ``path``) that break the direction of the layers."""
    module = module_name(path)
    own = layer(module)
    if own is None:
        return []  # nnbook/__init__.py gathers the public names of every layer
    found = []
    for target in sorted(imported_modules(source, module, is_package(path))):
        if target == "nnbook":
            if NOT_ALLOWED[own]:
                found.append(f"{module} imports the whole package, and with it every layer")
        elif layer(target) in NOT_ALLOWED[own]:
            found.append(f"{module} ({own}) imports {target} ({layer(target)})")
    return found


@pytest.mark.parametrize("path", package_modules(), ids=lambda path: module_name(path))
def test_imports_go_from_check_to_lessons_to_general_modules_never_back(path):
    assert violations(path, path.read_text(encoding="utf-8")) == []


def test_every_module_belongs_to_a_layer():
    for path in package_modules():
        layer(module_name(path))  # raises for a module in no layer


@pytest.mark.parametrize(("path", "source", "broken"), [
    ("nnbook/figures.py", "from . import detectors", "nnbook.figures (general) imports nnbook.detectors"),
    ("nnbook/training.py", "def f():\n    from nnbook.check import _core",
     "nnbook.training (general) imports nnbook.check"),
    ("nnbook/widgets/neuron_explorer.py", "from ..by_hand import network",
     "nnbook.widgets.neuron_explorer (general) imports nnbook.by_hand"),
    ("nnbook/widgets/__init__.py", "from .. import check", "nnbook.widgets (general) imports nnbook.check"),
    ("nnbook/rules.py", "import nnbook.check.n01_pixels", "nnbook.rules (lesson) imports nnbook.check"),
    ("nnbook/parts.py", "from nnbook.check._core import exercise", "nnbook.parts (lesson) imports nnbook.check"),
    ("nnbook/data.py", "import nnbook", "nnbook.data imports the whole package"),
])
def test_the_direction_check_catches_a_wrong_import(path, source, broken):
    """The check itself can fail: each of these imports, added to that module, is caught."""
    found = violations(ROOT / path, source)
    assert any(message.startswith(broken) for message in found), found


def test_allowed_imports_pass_the_direction_check():
    assert violations(PACKAGE / "check" / "n03_weighted_sums.py", "from .. import detectors, network") == []
    assert violations(PACKAGE / "by_hand.py", "from .detectors import example_weights\nfrom .network import N") == []
    assert violations(PACKAGE / "widgets" / "digit_canvas.py", "from ..preprocess import strokes_to_image") == []


@pytest.mark.parametrize("name", sorted(LESSON))
def test_each_lesson_module_names_its_notebook_at_the_top(name):
    """A lesson module's docstring says which notebook it serves in its summary line or the paragraph after it."""
    docstring = ast.get_docstring(ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8")))
    assert docstring, f"nnbook/{name}.py has no docstring"
    top = "\n\n".join(docstring.split("\n\n")[:2])
    named = re.findall(r"[Nn]otebooks? (\d\d(?:(?:, | and | or |-)\d\d)*)", top)
    assert named, f"the top of nnbook/{name}.py's docstring does not name its notebook:\n{top}"
    for number in re.findall(r"\d\d", " ".join(named)):
        assert list((ROOT / "notebooks").glob(f"{number}-*.ipynb")), f"nnbook/{name}.py names notebook {number}"
