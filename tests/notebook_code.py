"""Read code out of the stored notebooks, so tests can compare it with nnbook.

Where a notebook teaches an idea by writing its own function, and nnbook has
the same function, a test takes the notebook's cell, runs it, and checks that
both give the same numbers.
"""

from __future__ import annotations

import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def notebook_path(prefix: str) -> pathlib.Path:
    """The notebook whose file name starts with ``prefix``, such as "03"."""
    matches = sorted(NOTEBOOKS.glob(f"{prefix}*.ipynb"))
    if len(matches) != 1:
        raise LookupError(f"expected one notebook starting with {prefix!r} in {NOTEBOOKS}, found {matches}")
    return matches[0]


def load_notebook(prefix: str) -> dict:
    """The stored notebook as its JSON: cells, their sources, outputs and metadata."""
    return json.loads(notebook_path(prefix).read_text(encoding="utf-8"))


def code_cells(prefix: str) -> list[str]:
    """The source of every code cell in the notebook, in order."""
    return ["".join(c["source"]) for c in load_notebook(prefix)["cells"] if c["cell_type"] == "code"]


def markdown_cells(prefix: str) -> list[str]:
    """The text of every markdown cell in the notebook, in order."""
    return ["".join(c["source"]) for c in load_notebook(prefix)["cells"] if c["cell_type"] == "markdown"]


def extensions_setup(prefix: str) -> str:
    """The source of the extensions' setup cell, the one after their opening (test_core_path.py checks that shape)."""
    extensions = [c for c in load_notebook(prefix)["cells"] if "extension" in c["metadata"].get("tags", [])]
    return "".join(extensions[1]["source"])


def printed_text(prefix: str) -> list[str]:
    """What each code cell of the stored notebook printed, in order."""
    return [
        "".join("".join(output.get("text", "")) for output in cell["outputs"] if output["output_type"] == "stream")
        for cell in load_notebook(prefix)["cells"]
        if cell["cell_type"] == "code"
    ]


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


def numbers_in_text(prefix: str, pattern: str) -> tuple[float, ...]:
    """The numbers that ``pattern``'s groups capture in the notebook's markdown.

    A test that pins a claim of the text reads the claimed number here, such as
    ``numbers_in_text("09", r"about (\\d+)% for this same network")``, so that an
    edit of the prose and an edit of the test cannot drift apart. Line breaks
    in the text read as spaces, and thousands commas are allowed ("12,960").
    """
    found = re.search(pattern, " ".join("\n".join(markdown_cells(prefix)).split()))
    if not found:
        raise LookupError(f"the text of notebook {prefix} no longer says anything matching {pattern!r}")
    return tuple(float(group.replace(",", "")) for group in found.groups())


def run_in_fresh_kernel(notebook, folder, *, timeout: float = 150, attempts: int = 3, on_retry=None, **options):
    """Run ``notebook`` (an nbformat node) top to bottom in a fresh kernel started in ``folder``; fill in its outputs.

    Now and then, on a busy machine, a kernel sits idle while its client waits for the reply to a cell
    that the kernel never read (seen here with quick cells, such as a check of an untouched stub, after
    another; compare ipython/ipykernel#1554). Such a run times out after ``timeout`` seconds and is run
    again from the start, in a new kernel, up to ``attempts`` times; ``on_retry()`` first undoes what the
    failed run left behind (a progress record, say). A cell that truly hangs still fails every attempt.
    """
    import copy
    import warnings

    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError

    for attempt in range(1, attempts + 1):
        run = copy.deepcopy(notebook)
        try:
            NotebookClient(run, timeout=timeout, kernel_name="python3",
                           resources={"metadata": {"path": str(folder)}}, **options).execute()
        except CellTimeoutError as error:
            if attempt == attempts:
                raise
            warnings.warn(f"a kernel did not answer within {timeout:.0f} s (attempt {attempt} of {attempts}); "
                          f"running the notebook again in a new kernel: {str(error).splitlines()[0]}", stacklevel=2)
            if on_retry is not None:
                on_retry()
            continue
        notebook.cells, notebook.metadata = run.cells, run.metadata
        return notebook
