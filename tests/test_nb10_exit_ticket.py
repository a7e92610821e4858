"""Notebook 10, the exit ticket: its eight questions show what the checks judge, and handing in is safe.

The checks themselves are tested in test_check_10.py. Here: the notebook asks
exactly the eight questions of nnbook/check/n10_exit_ticket.py, in order,
each with the numbers its check uses and an answer stub that the stored
notebook shows as not attempted; the worked solutions pass in the notebook's
own cells; and the hand-in cell writes nothing until a name is typed.
"""

import ast
import contextlib
import io
import json
import re

import pytest

import nnbook
from nnbook import check
from nnbook.check import n10_exit_ticket as n10
from notebook_code import load_notebook, notebook_path

NUMBERS = range(1, 9)
CHOICE_QUESTIONS = {1, 4, 6, 8}


@pytest.fixture(scope="module")
def cells():
    return load_notebook("10")["cells"]


def _source(cell) -> str:
    return "".join(cell["source"])


def _by_id(cells, cell_id):
    return next(cell for cell in cells if cell.get("id") == cell_id)


def _question(cells, number) -> tuple[str, str]:
    """The markdown of question ``number`` (without its heading, on one line) and the code cell after it."""
    index = next(i for i, cell in enumerate(cells) if _source(cell).startswith(f"### Question {number}\n"))
    text, answer = cells[index], cells[index + 1]
    assert answer["cell_type"] == "code"
    return " ".join(_source(text).split("\n", 1)[1].split()), _source(answer)


def test_the_notebook_is_the_course_s_tenth_and_opens_like_the_others(cells):
    assert notebook_path("10").name == "10-exit-ticket.ipynb" == f"{n10.NOTEBOOK}.ipynb"
    nine = load_notebook("09")
    title = _source(cells[0])
    assert title.startswith("# 10 · Exit ticket\n")
    intro = " ".join(title.split())
    for phrase in ("Eight short questions", "about 10 minutes", "on your own", "1-3, 4-6 or 7-8"):
        assert phrase in intro
    assert _source(cells[1]) == _source(nine["cells"][1]).replace("09-the-whole-network", "10-exit-ticket")
    assert cells[2]["id"] == "colab-install" and _source(cells[2]) == _source(nine["cells"][2])
    assert _source(cells[3]) == "from nnbook import check"
    metadata = load_notebook("10")["metadata"]
    assert metadata["kernelspec"] == nine["metadata"]["kernelspec"]
    assert metadata["language_info"] == nine["metadata"]["language_info"]


def test_the_notebook_asks_the_eight_questions_of_the_checks_in_order(cells):
    headings = [line for cell in cells if cell["cell_type"] == "markdown"
                for line in _source(cell).splitlines() if line.startswith("#")]
    assert [h for h in headings if h.startswith("### ")] == [f"### Question {n}" for n in NUMBERS]
    assert headings[-1] == "## Hand it in"
    called = [name for cell in cells if cell["cell_type"] == "code"
              for name in re.findall(r"\bcheck\.(\w+)\(", _source(cell))]
    assert called == n10.__all__ == [f"exit_{n}" for n in NUMBERS]


@pytest.mark.parametrize("number", NUMBERS)
def test_each_answer_cell_is_a_stub_and_its_check_and_needs_only_the_setup(cells, number):
    _, answer = _question(cells, number)
    lines = answer.splitlines()
    assert len(lines) == 2
    assert lines[0].split("#")[0].strip() == f"answer_{number} = ..."
    assert lines[1] == f"check.exit_{number}(answer_{number})"
    used = {node.id for node in ast.walk(ast.parse(answer)) if isinstance(node, ast.Name)}
    assert used == {"check", f"answer_{number}"}


@pytest.mark.parametrize("number", NUMBERS)
def test_the_stored_notebook_shows_each_stub_as_not_attempted(cells, number):
    _, answer = _question(cells, number)
    cell = next(c for c in cells if _source(c) == answer)
    shown = "".join("".join(output["data"]["text/plain"]) for output in cell["outputs"] if "data" in output)
    assert shown == str(check.exercises()[f"exit_{number}"](...))
    assert "not attempted yet" in shown


def test_the_stored_notebook_was_run_top_to_bottom(cells):
    counts = [cell["execution_count"] for cell in cells if cell["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("number", NUMBERS)
def test_a_choice_question_lists_a_b_and_c_and_a_number_question_none(cells, number):
    text, answer = _question(cells, number)
    options = re.findall(r"- \*\*([A-Z]):\*\*", text)
    if number in CHOICE_QUESTIONS:
        assert options == ["A", "B", "C"]
        assert '"A", "B" or "C"' in answer
    else:
        assert options == []
        assert "a number" in answer


@pytest.mark.parametrize("number", NUMBERS)
def test_the_worked_solution_passes_in_the_notebook_s_own_cell(cells, number):
    """Put the solution in place of the stub line and run the cell: the check it calls says ✓."""
    _, answer = _question(cells, number)
    exercise = check.exercises()[f"exit_{number}"]
    stub, call = answer.splitlines()
    scope = {"check": check}
    exec(exercise.solution().code, scope)
    assert eval(call, scope).passed


def test_the_questions_show_the_numbers_their_checks_use(cells):
    text = {number: _question(cells, number)[0] for number in NUMBERS}
    assert "-".join(map(str, n10.LAYERS)) in text[2]
    assert f"weights **{', '.join(f'{w:g}' for w in n10.WEIGHTS)}**" in text[3]
    assert f"activations **{', '.join(f'{a:.1f}' for a in n10.ACTIVATIONS)}**" in text[3]
    assert "bias of **-10**" in text[4]
    assert f"weighted sum of **{n10.SIGMOID_SUM:g}** and a bias of **{n10.SIGMOID_BIAS:g}**" in text[5]
    assert "13,002" in text[6] and "a(1) = σ(W a(0) + b)" in text[6]
    assert f"weighted sum of **{n10.RELU_SUM:g}** and a bias of **{n10.RELU_BIAS:g}**" in text[7]
    assert "ReLU(z) = max(0, z)" in text[7]


def test_question_8_shows_the_ten_outputs_its_check_reads(cells):
    markdown = next(_source(c) for c in cells if _source(c).startswith("### Question 8\n"))
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    outputs_row, values_row = rows[0], rows[2]
    assert [cell.strip() for cell in outputs_row.strip("|").split("|")][1:] == [str(i) for i in range(10)]
    values = [float(cell) for cell in values_row.strip("|").split("|")[1:]]
    assert tuple(values) == n10.OUTPUTS
    assert "64% sure" in markdown and f"{max(n10.OUTPUTS):.0%}" == "64%"


# Handing it in -----------------------------------------------------------------------

def test_the_hand_in_section_explains_progress_and_the_file(cells):
    text = " ".join(_source(_by_id(cells, "hand-in")).split())
    for phrase in ("nnbook.progress()", "solved, solution seen, tried or not tried",
                   "type your name between the quotes", "progress-your-name.json", "hand that file in to your teacher"):
        assert phrase.lower() in text.lower(), phrase
    shown = _by_id(cells, "hand-in-progress")
    assert _source(shown).splitlines()[-1] == "nnbook.progress()"
    # It shows the learner's own record, so its stored output cannot be compared.
    assert "nbval-ignore-output" in shown["metadata"]["tags"]


def _run_export_cell(cells, monkeypatch, tmp_path, name_line=None) -> str:
    """Run the hand-in cell in ``tmp_path`` (as its folder), with a record holding one solved exercise."""
    record = tmp_path / "record" / "progress.jsonl"
    record.parent.mkdir()
    monkeypatch.setenv("NNBOOK_PROGRESS", str(record))
    check.exit_3(0.2)
    work = tmp_path / "notebooks"
    work.mkdir()
    monkeypatch.chdir(work)
    source = _source(_by_id(cells, "hand-in-export"))
    if name_line is not None:
        source = re.sub(r'^name = "".*$', name_line, source, flags=re.MULTILINE)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(source, {"nnbook": nnbook})
    return printed.getvalue()


def test_the_name_cell_run_unchanged_writes_nothing_and_says_what_to_do(cells, monkeypatch, tmp_path):
    printed = _run_export_cell(cells, monkeypatch, tmp_path)
    assert list((tmp_path / "notebooks").iterdir()) == []
    assert printed.startswith("Type your name between the quotes")


def test_the_name_cell_with_a_name_saves_the_hand_in_file_beside_the_notebook(cells, monkeypatch, tmp_path):
    printed = _run_export_cell(cells, monkeypatch, tmp_path, name_line='name = "Sam Jones"')
    saved = list((tmp_path / "notebooks").iterdir())
    assert [path.name for path in saved] == ["progress-sam-jones.json"]
    content = json.loads(saved[0].read_text(encoding="utf-8"))
    assert content["name"] == "Sam Jones"
    assert content["exercises"]["exit_3"] == {**content["exercises"]["exit_3"], "notebook": "10-exit-ticket",
                                              "state": "solved"}
    assert "hand this file in" in printed


def test_the_whole_notebook_run_unchanged_writes_no_file(cells, monkeypatch, tmp_path):
    """Every code cell but the Colab one (IPython's %pip), top to bottom, as a learner who only presses Run."""
    monkeypatch.setenv("NNBOOK_PROGRESS", str(tmp_path / "progress.jsonl"))
    work = tmp_path / "notebooks"
    work.mkdir()
    monkeypatch.chdir(work)
    scope = {}
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in cells:
            if cell["cell_type"] == "code" and cell.get("id") != "colab-install":
                exec(_source(cell), scope)
    assert list(work.iterdir()) == []
    lines = (tmp_path / "progress.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["exercise"] for line in lines] == n10.__all__
    assert {json.loads(line)["status"] for line in lines} == {"not attempted yet"}
