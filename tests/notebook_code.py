"""Read code out of the stored notebooks, so tests can compare it with nnbook.

Where a notebook teaches an idea by writing its own function, and nnbook has
the same function, a test takes the notebook's cell, runs it, and checks that
both give the same numbers.
"""

from __future__ import annotations

import json
import pathlib
import re

NOTEBOOKS = pathlib.Path(__file__).resolve().parent.parent / "notebooks"


def notebook_path(prefix: str) -> pathlib.Path:
    """The notebook whose file name starts with ``prefix``, such as "03"."""
    matches = sorted(NOTEBOOKS.glob(f"{prefix}*.ipynb"))
    if len(matches) != 1:
        raise LookupError(f"expected one notebook starting with {prefix!r} in {NOTEBOOKS}, found {matches}")
    return matches[0]


def code_cells(prefix: str) -> list[str]:
    """The source of every code cell in the notebook, in order."""
    notebook = json.loads(notebook_path(prefix).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


def defined_in_notebook(prefix: str, name: str, namespace: dict | None = None):
    """Run the cell that defines ``def name(`` (or ``name = ``) and return that object.

    ``namespace`` supplies what the cell needs from earlier cells; numpy is
    always there as ``np``.
    """
    pattern = re.compile(rf"^(def {re.escape(name)}\(|{re.escape(name)}\s*=)", re.MULTILINE)
    cells = [source for source in code_cells(prefix) if pattern.search(source)]
    if not cells:
        raise LookupError(f"no cell in notebook {prefix} defines {name}")
    import numpy as np

    scope = {"np": np, **(namespace or {})}
    exec(compile(cells[-1], f"<notebook {prefix}: {name}>", "exec"), scope)
    return scope[name]
