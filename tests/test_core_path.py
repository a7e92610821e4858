"""Every notebook has two depths: a short core, and extensions a learner may skip.

The core of a notebook is every cell without the tag ``extension``. These tests
hold the promises of that shape:

- the extensions are marked so a learner knows they may skip them, and they
  come after the core's Summary; they open by saying so, and with a setup
  cell after which any one section runs on its own;
- the core fits its time budget (scripts/course_stats.py), has its goals,
  its summary, a live widget and at least two self-checked exercises;
- the core never needs an extension: run alone, in a fresh kernel, it gives
  the same outputs as in the stored notebook, so nbval can run the core alone;
- the core's code uses only the Python the on-ramp in notebook 00 teaches, and
  what the cores before it (or its own) teach, as declared in each notebook's
  metadata ``nnbook.core_teaches``.
"""

from __future__ import annotations

import ast
import builtins
import configparser
import copy
import re

import nbformat
import pytest

from notebook_code import NOTEBOOKS, ROOT, load_notebook, run_in_fresh_kernel
from project_files import load_script

stats_script = load_script("scripts/course_stats.py")
COURSE = [stats["notebook"] for stats in stats_script.course_stats() if not stats["exit_ticket"]]
"""The lessons 00-09, whose cores make the core path; the exit ticket (10) is not a lesson."""
LESSONS = [name for name in COURSE if not name.startswith("00")]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
GOING_FURTHER = re.compile(r"^## Going further: \S")

# The Python the on-ramp in notebook 00 teaches, as the node types of Python's own parser:
# names and =, numbers and text, print and f-strings, lists, indexing and slicing, arithmetic,
# comparisons, calling functions (keyword arguments too), imports, and ... as a blank.
ON_RAMP = {
    "Module", "Expr", "Assign", "Name", "Load", "Store", "Constant", "List", "Tuple",
    "Subscript", "Slice", "Attribute", "Call", "keyword", "JoinedStr", "FormattedValue",
    "Import", "ImportFrom", "alias",
    "BinOp", "Add", "Sub", "Mult", "Div", "Pow", "UnaryOp", "USub",
    "Compare", "Gt", "Lt", "GtE", "LtE", "Eq", "NotEq",
}


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def is_extension(cell) -> bool:
    return "extension" in tags(cell)


def source(cell) -> str:
    return "".join(cell["source"])


def stats_of(name: str) -> dict:
    return stats_script.notebook_stats(NOTEBOOKS / f"{name}.ipynb")


# The shape ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", LESSONS)
def test_extensions_are_marked_sections_after_the_summary(name):
    cells = load_notebook(name)["cells"]
    summary = [i for i, cell in enumerate(cells)
               if cell["cell_type"] == "markdown" and source(cell).startswith("## Summary")]
    assert len(summary) == 1, f"{name} should have one '## Summary' cell, found {len(summary)}"
    assert not is_extension(cells[summary[0]]), f"{name}: the Summary belongs to the core"
    extension_at = [i for i, cell in enumerate(cells) if is_extension(cell)]
    assert extension_at, f"{name} has no cells tagged 'extension'"
    assert min(extension_at) > summary[0], (
        f"{name}: cell {min(extension_at)} is an extension before the core's Summary (cell {summary[0]})")
    assert extension_at == list(range(min(extension_at), len(cells))), (
        f"{name}: after the Summary every cell must be an extension, and no extension comes before it")
    first = cells[min(extension_at)]
    assert first["cell_type"] == "markdown" and GOING_FURTHER.match(source(first)), (
        f"{name}: the extensions must start with a '## Going further: ...' heading")
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "markdown" and source(cell).startswith("## Going further"):
            assert is_extension(cell) and GOING_FURTHER.match(source(cell)), (
                f"{name} cell {index}: a 'Going further' section must be tagged extension and titled "
                "'## Going further: <what it is>'")
        if is_extension(cell) and cell["cell_type"] == "markdown" and source(cell).startswith("## "):
            assert GOING_FURTHER.match(source(cell)), (
                f"{name} cell {index}: every extension section is titled '## Going further: ...', "
                f"not {source(cell).splitlines()[0]!r}")


@pytest.mark.parametrize("name", LESSONS)
def test_the_extensions_open_by_saying_they_are_optional_and_run_the_setup_first(name):
    """The first Going further section says the rest is optional, in any order, and to run the setup cell first."""
    extensions = [cell for cell in load_notebook(name)["cells"] if is_extension(cell)]
    opening = " ".join(source(extensions[0]).split())
    for promise in ("Everything from here on is optional", "Do the sections in any order, or skip them.",
                    "**Run the next cell first**"):
        assert promise in opening, f"{name}: the extensions' opening should say {promise!r}"
    setup = extensions[1]
    assert setup["cell_type"] == "code" and source(setup).startswith("# Run this first"), (
        f"{name}: the cell after the opening is the extensions' setup, starting '# Run this first'")


def names_in(code: str) -> tuple[set[str], set[str]]:
    """The names a cell defines and the names it reads."""
    defined, read = set(), set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name):
            (defined if isinstance(node.ctx, ast.Store) else read).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return defined, read


def going_further_sections(name: str) -> list[tuple[str, list[str]]]:
    """Each Going further section's heading and the sources of its code cells."""
    sections = []
    for cell in load_notebook(name)["cells"]:
        if not is_extension(cell):
            continue
        if cell["cell_type"] == "markdown" and source(cell).startswith("## Going further"):
            sections.append((source(cell).splitlines()[0], []))
        elif cell["cell_type"] == "code":
            sections[-1][1].append(source(cell))
    return sections


@pytest.mark.parametrize("name", LESSONS)
def test_each_going_further_section_needs_only_the_setup_cell_and_itself(name):
    """A learner may open any one extension, even after a restart: the first section's setup cell, then that section."""
    sections = going_further_sections(name)
    available = set(dir(builtins)) | names_in(sections[0][1][0])[0]
    for title, sources in sections:
        defined, read = set(available), set()
        for code in sources:
            cell_defined, cell_read = names_in(code)
            defined |= cell_defined
            read |= cell_read
        assert not read - defined, (
            f"{name}: {title} uses {sorted(read - defined)}, defined neither in the setup nor in it")


@pytest.mark.parametrize("name", COURSE)
def test_the_core_has_goals_a_summary_and_a_live_widget(name):
    core = [cell for cell in load_notebook(name)["cells"] if not is_extension(cell)]
    text = "\n".join(source(cell) for cell in core if cell["cell_type"] == "markdown")
    assert "After this notebook you can" in text
    assert re.search(r"^## Summary", text, re.MULTILINE)
    widgets = [cell for cell in core if cell["cell_type"] == "code"
               and any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", []))]
    assert widgets, f"{name}: its core has no live widget"


@pytest.mark.parametrize("name", LESSONS)
def test_the_core_has_at_least_two_self_checked_exercises(name):
    assert stats_of(name)["core"]["exercises"] >= 2


def test_notebook_00_has_a_self_checked_python_on_ramp():
    on_ramp = stats_of("00-welcome")["on-ramp"]
    assert on_ramp["exercises"] >= 3, "the on-ramp gives each group of ideas a self-checked warm-up"
    assert on_ramp["minutes"] <= 12, f"the on-ramp should take about 10 minutes, it is {on_ramp['minutes']}"


@pytest.mark.parametrize("name", COURSE)
def test_the_core_fits_its_time_budget(name):
    budget = stats_script.budget(stats_of(name))
    assert budget == (10 if name.startswith("00") else 15)
    minutes = stats_of(name)["core"]["minutes"]
    assert minutes <= budget, f"{name}: its core takes about {minutes} minutes by the time model, over {budget}"


def test_the_whole_core_path_fits_two_90_minute_workshops():
    total = sum(stats_of(name)["core"]["minutes"] + stats_of(name)["on-ramp"]["minutes"] for name in COURSE)
    assert total == pytest.approx(stats_script.core_path_minutes(stats_script.course_stats()))
    assert total <= 180


def test_the_exit_ticket_is_apart_from_the_lessons_and_fits_its_budget():
    tickets = [stats for stats in stats_script.course_stats() if stats["exit_ticket"]]
    assert [stats["notebook"] for stats in tickets] == ["10-exit-ticket"]
    ticket = tickets[0]
    assert ticket["core"]["exercises"] == 8
    assert ticket["extensions"]["minutes"] == ticket["on-ramp"]["minutes"] == 0
    assert ticket["core"]["minutes"] <= stats_script.EXIT_TICKET_BUDGET


# The core's Python -------------------------------------------------------------------------

def python_of(cell_source: str) -> str:
    """The plain Python of a cell: IPython's %magics and !commands become ordinary calls."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(cell_source)


def node_types(code: str) -> set[str]:
    return {type(node).__name__ for node in ast.walk(ast.parse(code))}


def allowed_in(name: str) -> set[str]:
    """What the on-ramp and the cores up to and including this notebook's teach."""
    allowed = set(ON_RAMP)
    for earlier in COURSE[: COURSE.index(name) + 1]:
        allowed |= set(load_notebook(earlier).get("metadata", {}).get("nnbook", {}).get("core_teaches", []))
    return allowed


@pytest.mark.parametrize("name", COURSE)
def test_the_core_uses_only_python_the_course_has_taught(name):
    allowed = allowed_in(name)
    for cell in load_notebook(name)["cells"]:
        if cell["cell_type"] != "code" or is_extension(cell) or cell.get("id") == "colab-install":
            continue
        new = node_types(python_of(source(cell))) - allowed
        assert not new, (
            f"{name}, core cell {cell.get('id')}: uses {sorted(new)}, which neither the on-ramp nor a core "
            f"so far teaches. Move the cell to an extension, hide it in an nnbook function, or teach it "
            f"and add it to the notebook's metadata nnbook.core_teaches.\n{source(cell)}")


def test_the_construct_check_catches_what_the_on_ramp_does_not_teach():
    """The check above must be able to fail: a list comprehension and argmax-indexing are not on-ramp Python."""
    wall = "other_four = fours[np.argmax([pixels_that_differ(four, image) for image in fours])]"
    assert node_types(wall) - ON_RAMP == {"ListComp", "comprehension"}
    assert node_types("for pixel in image:\n    total += pixel") - ON_RAMP == {"For", "AugAssign"}
    assert not node_types(python_of("x = np.sum(a > 0.5)\nprint(f'{x:.2f}')\ncheck.grid(...)")) - ON_RAMP


# The core runs alone -------------------------------------------------------------------------

def sanitizers() -> list[tuple[re.Pattern, str]]:
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "tests" / "sanitize.cfg", encoding="utf-8")
    return [(re.compile(config[section]["regex"]), config[section]["replace"]) for section in config.sections()]


def text_outputs(cell, rules) -> list[str]:
    """What nbval compares of a cell: its streams and the plain text of its results, sanitised."""
    texts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            texts.append(output["name"] + ":" + "".join(output["text"]))
        elif output["output_type"] in {"execute_result", "display_data"}:
            data = output.get("data", {})
            if WIDGET_VIEW not in data and "text/plain" in data:
                texts.append("".join(data["text/plain"]))
        elif output["output_type"] == "error":
            texts.append("error:" + output["ename"])
    joined = "\n".join(texts)
    for pattern, replacement in rules:
        joined = pattern.sub(replacement, joined)
    return joined


@pytest.mark.parametrize("name", COURSE)
def test_the_core_alone_runs_and_prints_what_the_stored_notebook_shows(name):
    stored = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    core = copy.deepcopy(stored)
    core.cells = [cell for cell in core.cells if not is_extension(cell)]  # copies: stored keeps its outputs
    for cell in core.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    run_in_fresh_kernel(core, NOTEBOOKS)
    rules = sanitizers()
    for ran, kept in zip(core.cells, (cell for cell in stored.cells if not is_extension(cell))):
        if ran.cell_type != "code" or "nbval-ignore-output" in tags(ran):
            continue
        assert text_outputs(ran, rules) == text_outputs(kept, rules), (
            f"{name} core cell {ran.get('id')}: run without the extensions it prints something else")


# The times the course promises -------------------------------------------------------------

def test_the_course_tables_give_the_measured_minutes(tmp_path):
    """README's and notebook 00's tables say what `run.py stats` computes (`run.py stats --write` fixes them)."""
    all_stats = stats_script.course_stats()
    for name in stats_script.TABLES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    assert stats_script.write_tables(all_stats, root=tmp_path) == [], (
        "a course table's minutes are stale: run `python3 run.py stats --write`")


def test_the_table_writer_sets_every_row_and_the_totals():
    stats = [{"notebook": f"0{n}-x", "core": {"minutes": 9.2 + n}, "on-ramp": {"minutes": 11.5 if n == 0 else 0},
              "extensions": {"minutes": 30.0}} for n in range(2)]
    text = ("| | notebook | core time | with extensions |\n|---|---|---|---|\n"
            "| 00 | [Welcome](00-x.ipynb) | ? | ? |\n\n"
            "| notebook | core (min) | with extensions | more |\n|---|---|---|---|\n"
            "| [01 · Pixels](01-x.ipynb) | ? | ? | 5 |\n\n"
            "about <!--core-minutes-->?<!--/--> minutes, <!--all-hours-->?<!--/--> hours")
    written = stats_script.with_minutes(text, stats)
    assert "| 00 | [Welcome](00-x.ipynb) | 10 + 12 | 51 |" in written
    assert "| [01 · Pixels](01-x.ipynb) | 11 | 41 | 5 |" in written
    assert "<!--core-minutes-->31<!--/-->" in written and "<!--all-hours-->2<!--/-->" in written


# Each extension can be done on its own -------------------------------------------------------

IPYTHON_NAMES = {"display", "get_ipython", "In", "Out", "_"}


def defined_and_used(code: str) -> tuple[set[str], set[str]]:
    """The names some code defines (anywhere in it) and the names it reads."""
    tree = ast.parse(code)
    defined, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (defined if isinstance(node.ctx, (ast.Store, ast.Del)) else used).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, ast.alias):
            defined.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            defined.add(node.name)
    return defined, used


def extension_sections(cells) -> list[list]:
    """The notebook's Going further sections, each a list of its cells."""
    sections = []
    for cell in cells:
        if not is_extension(cell):
            continue
        if cell["cell_type"] == "markdown" and GOING_FURTHER.match(source(cell)):
            sections.append([])
        if sections:
            sections[-1].append(cell)
    return sections


def names_of(cells) -> tuple[set[str], set[str]]:
    defined, used = set(), set()
    for cell in cells:
        if cell["cell_type"] == "code" and cell.get("id") != "colab-install":
            more_defined, more_used = defined_and_used(python_of(source(cell)))
            defined |= more_defined
            used |= more_used
    return defined, used


@pytest.mark.parametrize("name", LESSONS)
def test_each_going_further_section_needs_only_the_core_the_first_section_and_itself(name):
    """A learner may pick any section: it must not need what a later or another section defined.

    The first Going further section may set up what all of them use (its imports, say).
    """
    import builtins

    cells = load_notebook(name)["cells"]
    available = names_of([cell for cell in cells if not is_extension(cell)])[0] | set(dir(builtins)) | IPYTHON_NAMES
    sections = extension_sections(cells)
    available |= names_of(sections[0])[0]
    for section in sections[1:]:
        defined, used = names_of(section)
        missing = used - defined - available
        heading = source(section[0]).splitlines()[0]
        assert not missing, f"{name}, {heading!r} uses {sorted(missing)}, defined only in another Going further section"


def test_the_section_check_finds_a_name_from_another_section():
    cells = [{"cell_type": "markdown", "source": "## Going further: one", "metadata": {"tags": ["extension"]}},
             {"cell_type": "code", "source": "import numpy as np\nshared = 1", "metadata": {"tags": ["extension"]}},
             {"cell_type": "markdown", "source": "## Going further: two", "metadata": {"tags": ["extension"]}},
             {"cell_type": "code", "source": "made_here = 2", "metadata": {"tags": ["extension"]}},
             {"cell_type": "markdown", "source": "## Going further: three", "metadata": {"tags": ["extension"]}},
             {"cell_type": "code", "source": "print(np.sum(shared + made_here))", "metadata": {"tags": ["extension"]}}]
    sections = extension_sections(cells)
    assert len(sections) == 3
    defined, used = names_of(sections[2])
    assert used - defined - names_of(sections[0])[0] - {"print"} == {"made_here"}
