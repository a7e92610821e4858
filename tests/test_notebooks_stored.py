"""The stored notebooks are what nbval compares against, so they must be trustworthy.

nbval only compares cells that were run, so a notebook stored unexecuted, run
out of order, or with an untagged error would weaken the regression test
without anyone noticing. These tests catch that, and check the course's
structure: goals, a summary, a link to the next notebook, widget state.
"""

import json
import re

import pytest

from notebook_code import NOTEBOOKS, load_notebook

COURSE = [
    "00-welcome",
    "01-pixels",
    "02-layers",
    "03-weighted-sums",
    "04-bias",
    "05-sigmoid",
    "06-parameters",
    "07-matrices",
    "08-relu",
    "09-the-whole-network",
]
EXIT_TICKET = "10-exit-ticket"
"""Eight questions across the course after the lessons; not a lesson (no goals, widget or Summary)."""
STORED = [*COURSE, EXIT_TICKET]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
MACHINE_PATH = re.compile(r"(/home/[^/\s]+/|/root/|/tmp/|/work/|/Users/[^/\s]+/|[A-Z]:\\\\Users\\\\)")


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def test_the_course_is_exactly_these_notebooks():
    stored = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert stored == STORED


@pytest.mark.parametrize("name", STORED)
def test_executed_top_to_bottom_in_a_fresh_kernel(name):
    counts = [cell["execution_count"] for cell in code_cells(load_notebook(name)) if "".join(cell["source"]).strip()]
    assert None not in counts, f"{name}: {counts.count(None)} code cells were never run; run `python3 run.py execute`"
    assert counts == list(range(1, len(counts) + 1)), f"{name}: execution counts {counts} are not 1, 2, 3, ..."


@pytest.mark.parametrize("name", STORED)
def test_no_unexpected_errors_or_stderr(name):
    for index, cell in enumerate(code_cells(load_notebook(name))):
        kinds = [(o["output_type"], o.get("name")) for o in cell.get("outputs", [])]
        if "raises-exception" in tags(cell):
            assert ("error", None) in kinds, f"{name} code cell {index} is tagged raises-exception but raised nothing"
        else:
            assert ("error", None) not in kinds, (
                f"{name} code cell {index} stored an error without the raises-exception tag")
        assert ("stream", "stderr") not in kinds, f"{name} code cell {index} stored output on stderr"


@pytest.mark.parametrize("name", COURSE)
def test_widgets_are_ignored_by_nbval_and_their_state_is_saved(name):
    notebook = load_notebook(name)
    saved = notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    views = 0
    for index, cell in enumerate(code_cells(notebook)):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                views += 1
                assert "nbval-ignore-output" in tags(cell), (
                    f"{name} code cell {index} shows a widget but is not tagged nbval-ignore-output")
                assert view["model_id"] in saved, f"{name} code cell {index}: widget state was not saved"
    assert views >= 1, f"{name} has no live widget"


@pytest.mark.parametrize("name", STORED)
def test_outputs_hold_no_machine_specific_paths(name):
    for index, cell in enumerate(code_cells(load_notebook(name))):
        text = json.dumps(cell.get("outputs", []))
        found = MACHINE_PATH.search(text)
        assert not found, f"{name} code cell {index} has a machine-specific path in its output: {found.group(0)}"


@pytest.mark.parametrize("name", COURSE)
def test_notebook_has_a_title_goals_summary_and_next_link(name):
    notebook = load_notebook(name)
    markdown = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"]
    assert markdown[0].startswith(f"# {name[:2]} · "), f"{name} must open with '# {name[:2]} · Title'"
    text = "\n".join(markdown)
    assert "After this notebook you can" in text
    assert re.search(r"^## Summary", text, re.MULTILINE), f"{name} has no '## Summary' section"
    for target in re.findall(r"\]\((?!https?://)([^)#]+\.ipynb)\)", text):  # local links; not the Colab badge
        assert (NOTEBOOKS / target).is_file(), f"{name} links to {target}, which does not exist"
    following = STORED[STORED.index(name) + 1]  # after 09 comes the exit ticket
    assert f"({following}.ipynb)" in text, f"{name} does not link to the next notebook, {following}"


@pytest.mark.parametrize("name", [*COURSE[1:], EXIT_TICKET])
def test_notebook_has_at_least_three_self_checked_exercises(name):
    exercise = re.compile(r"^check\.\w+\(", re.MULTILINE)
    checks = [cell for cell in code_cells(load_notebook(name)) if exercise.search("".join(cell["source"]))]
    assert len(checks) >= 3, f"{name} has {len(checks)} self-checked exercises; the course promises at least 3"
    for cell in checks:
        shown = "".join(
            "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", "")) for o in cell["outputs"])
        assert "not attempted yet" in shown, f"{name}: a stored exercise is not in its untouched state:\n{shown}"
