"""The project's own scripts, loaded as modules by the tests (they are files, not part of the package)."""

import importlib.util
import pathlib
from types import ModuleType

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load_script(relative_path: str) -> ModuleType:
    """Run ``ROOT/relative_path`` (for example ``"scripts/links.py"``) as a fresh module and return it."""
    path = ROOT / relative_path
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
