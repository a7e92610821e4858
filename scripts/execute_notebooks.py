"""Re-run notebooks top to bottom in a fresh kernel and store their outputs.

    python3 run.py execute                      # every notebook, the English and the Dutch edition
    python3 run.py execute notebooks/03-*.ipynb # some of them
    python3 run.py execute notebooks/nl/03-weighted-sums.ipynb

Run it after changing a notebook or anything in nnbook that a notebook uses:
nbval compares the outputs stored here with a new run. Each notebook gets its
own fresh kernel, started in its own folder (notebooks/ or notebooks/nl/, as
nbval does), so execution counts go 1, 2, 3, ... A Dutch notebook switches the
package to Dutch in its install cell, so its outputs are the package's Dutch.
Cells tagged ``raises-exception`` may raise; any other error stops with the
notebook unchanged. Widget state is saved, so widgets show in static views.
The kernels record no progress (NNBOOK_PROGRESS=off): the stored outputs must
never depend on what the person running this has done in the exercises.
"""

from __future__ import annotations

import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EDITIONS = (NOTEBOOKS, NOTEBOOKS / "nl")
"""The English edition, then the Dutch one (issue 16): the same file names, cell for cell."""


def execute(path: pathlib.Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
    client = NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
        record_timing=False,
    )
    for attempt in (1, 2, 3):
        # On a busy machine a kernel now and then sits idle, never having read a quick cell's request
        # (compare ipython/ipykernel#1554); that cell times out, and the notebook runs again from the top.
        try:
            client.execute(env={**os.environ, "NNBOOK_PROGRESS": "off"})
            break
        except CellTimeoutError:
            if attempt == 3:
                raise
            print(f"{path.name}: a kernel did not answer within {client.timeout} s; running it again", flush=True)
            for cell in notebook.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            notebook.metadata.pop("widgets", None)
    notebook.metadata.kernelspec = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    if not _has_widgets(notebook):
        notebook.metadata.pop("widgets", None)
    nbformat.validate(notebook)
    # Write beside the notebook first, so an interrupted run never leaves half a file.
    partial = path.with_name(path.name + ".partial")
    nbformat.write(notebook, partial)
    partial.replace(path)


def _has_widgets(notebook) -> bool:
    state = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return bool(state.get("state"))


def every_notebook() -> list[pathlib.Path]:
    """Every notebook of both editions: the English ones first, then the Dutch ones."""
    return [path for folder in EDITIONS for path in sorted(folder.glob("[0-9][0-9]-*.ipynb"))]


def main(argv: list[str]) -> int:
    paths = [pathlib.Path(a).resolve() for a in argv] or every_notebook()
    failed = []
    for path in paths:
        start = time.perf_counter()
        try:
            execute(path)
        except CellExecutionError as error:
            failed.append(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name)
            print(f"FAILED {failed[-1]}: a cell raised an error; the stored notebook is unchanged.\n{error}")
            continue
        print(f"executed {path.relative_to(ROOT)} in {time.perf_counter() - start:.1f} s", flush=True)
    if failed:
        print(f"{len(failed)} notebook(s) failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
