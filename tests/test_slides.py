"""The slides (scripts/build_slides.py): the notebooks' slide metadata, and the deck made from it.

The browser test (tests/browser/test_slides.py) opens the built deck in
Chromium; these tests check what can be checked without a browser: that
every core cell of a session's notebooks says which slide it goes on and no
extension cell does, that the deck has one slide per cell the metadata
starts a slide with (plus the title slide), that no text of a core cell is
lost (what does not fit a slide is in the speaker notes) and that the file
asks for nothing outside itself.
"""

import base64
import html
import importlib.util
import json
import re
import subprocess
import sys

import pytest

from notebook_code import NOTEBOOKS, ROOT, notebook_path

# Loaded under its own name in sys.modules, as its dataclasses need.
_spec = importlib.util.spec_from_file_location("build_slides", ROOT / "scripts" / "build_slides.py")
slides_script = sys.modules.setdefault("build_slides", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(slides_script)

SESSIONS = {"workshop": slides_script.WORKSHOP.notebooks, "session 2": slides_script.SESSION_2_NOTEBOOKS}
DECK_NOTEBOOKS = sorted({number for numbers in SESSIONS.values() for number in numbers})
STARTS = {"slide", "subslide"}
LINK_OR_FORMULA = r"\]\([^)]*\)|\$\$.*?\$\$|\$[^$]*\$"
ONE_PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def cells(number: str) -> list[dict]:
    return json.loads(notebook_path(number).read_text(encoding="utf-8"))["cells"]


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def kind(cell: dict) -> str | None:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def expected_slides(numbers, with_on_ramp: bool) -> int:
    """From the metadata alone: the title slide, and one slide per core cell that starts one."""
    return 1 + sum(kind(cell) in STARTS for number in numbers for cell in cells(number)
                   if "extension" not in tags(cell) and (with_on_ramp or "on-ramp" not in tags(cell)))


def letters(text: str) -> str:
    """Only the letters and digits a reader sees in markdown or HTML, to compare the two."""
    return re.sub(r"[^0-9a-z]", "", html.unescape(re.sub(r"<[^>]+>", "", text)).casefold())


def source(cell: dict) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("number", DECK_NOTEBOOKS)
def test_every_core_cell_has_slide_metadata_and_no_extension_cell_has(number):
    notebook = cells(number)
    core = [cell for cell in notebook if "extension" not in tags(cell)]
    assert core and len(core) < len(notebook) or number == "00"
    for index, cell in enumerate(notebook):
        if "extension" in tags(cell):
            assert "slideshow" not in cell["metadata"], f"{number}: extension cell {index} has slide metadata"
        else:
            assert kind(cell) in slides_script.SLIDE_TYPES, f"{number}: core cell {index} has no slide_type"


@pytest.mark.parametrize("number", DECK_NOTEBOOKS)
def test_the_metadata_follows_the_rules(number):
    """The rules in build_slides.py's docstring: headings start slides, exercises subslides, Colab is skipped."""
    core = [cell for cell in cells(number) if "extension" not in tags(cell)]
    shown = [cell for cell in core if kind(cell) != "skip"]
    assert kind(shown[0]) == "slide" and source(shown[0]).startswith("# ")
    for cell in core:
        text = source(cell)
        if "colab-badge.svg" in text or (cell["cell_type"] == "code" and "google.colab" in text):
            assert kind(cell) == "skip"
        elif cell["cell_type"] == "markdown" and re.match(r"#{1,2} ", text):
            assert kind(cell) == "slide", text[:60]
        elif cell["cell_type"] == "markdown" and text.startswith(("### ", "**Warm-up")):
            assert kind(cell) == "subslide", text[:60]
        else:
            assert kind(cell) not in ("slide", "skip"), text[:60]


@pytest.mark.parametrize("session", SESSIONS)
def test_the_deck_has_a_slide_for_each_cell_that_starts_one(session):
    numbers = SESSIONS[session]
    plan, slides = slides_script.deck(numbers)
    assert len(slides) == expected_slides(numbers, with_on_ramp=plan.with_on_ramp)
    assert slides[0].kind == "title" and plan.title in slides[0].items[1].html
    on_deck = {(slide.notebook, index) for slide in slides for index in slide.cells}
    for number in numbers:
        stem = notebook_path(number).stem
        for index, cell in enumerate(cells(number)):
            wanted = "extension" not in tags(cell) and kind(cell) != "skip" and (
                plan.with_on_ramp or "on-ramp" not in tags(cell))
            assert ((stem, index) in on_deck) == wanted, f"{stem}, cell {index}"


def test_the_workshop_is_notebooks_00_to_04_with_the_on_ramp_and_both_plans_fill_90_minutes():
    workshop, slides = slides_script.deck(("00", "01", "02", "03", "04"))
    assert workshop is slides_script.WORKSHOP and workshop.with_on_ramp
    assert any(slide.notebook == "00-welcome" and "Python in ten minutes" in slide.items[0].html for slide in slides)
    session_2, _ = slides_script.deck(slides_script.SESSION_2_NOTEBOOKS)
    for plan in (workshop, session_2):
        starts = [start for start, _, _ in plan.rows]
        ends = [end for _, end, _ in plan.rows]
        assert starts[0] == 0 and starts[1:] == ends[:-1] and ends[-1] == 90, plan.rows
    for number in slides_script.SESSION_2_NOTEBOOKS:
        measured = slides_script.minutes_of(notebook_path(number))["core"]
        row = next(row for row in session_2.rows if row[2].startswith(number))
        assert row[1] - row[0] == slides_script.course_stats.rounded_minutes(measured)


@pytest.mark.parametrize("session", SESSIONS)
def test_slides_are_short_and_no_text_is_lost(session):
    """At most 60 words a slide unless only lists are left; what moved is in the notes, word for word."""
    _, slides = slides_script.deck(SESSIONS[session])
    for slide in slides:
        assert slide.words <= slides_script.WORD_BUDGET or not any(item.movable for item in slide.items), \
            (slide.notebook, slide.cells, slide.words)
        shown = letters(" ".join(item.html for item in slide.items) + " ".join(note for _, note in slide.notes))
        for index in slide.cells:
            cell = cells(slide.notebook[:2])[index]
            if cell["cell_type"] != "markdown":
                continue
            for paragraph in re.split(r"\n\s*\n", source(cell)):
                without_links_and_formulas = re.sub(LINK_OR_FORMULA, " ", paragraph, flags=re.DOTALL)
                start = " ".join(without_links_and_formulas.split()[:6])
                assert letters(start) in shown, (slide.notebook, index, paragraph[:60])


def test_a_widget_is_a_snapshot_or_says_it_is_live_in_the_notebook():
    _, live = slides_script.deck(("01",))
    widget_slides = [slide for slide in live if slide.widgets]
    assert len(widget_slides) == 1 and widget_slides[0].widgets == ["rules.pixel_explorer"]
    assert "Live in the notebook" in " ".join(item.html for item in widget_slides[0].items)

    asked = []

    def snapshot(where, state, model_id):
        asked.append((where, model_id, model_id in state["state"]))
        return ONE_PIXEL_PNG

    _, drawn = slides_script.deck(("01",), snapshot)
    page = " ".join(item.html for slide in drawn for item in slide.items)
    assert asked == [("01-pixels.ipynb, cell 9", asked[0][1], True)]
    assert page.count('class="snapshot"') == 1 and base64.b64encode(ONE_PIXEL_PNG).decode() in page


def test_the_deck_file_needs_nothing_outside_itself(tmp_path):
    out = tmp_path / "deck.html"
    run = subprocess.run([sys.executable, "scripts/build_slides.py", "--no-snapshots", "--notebooks", "03", "04",
                          "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert f"{len(slides_script.deck(('03', '04'))[1])} slides from notebooks 03 04" in run.stdout
    page = out.read_text(encoding="utf-8")
    assert "Reveal.initialize" in page and 'content="nnbook scripts/build_slides.py"' in page
    assert page.count("<section") >= expected_slides(("03", "04"), False)
    markup = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", page, flags=re.DOTALL)  # not the code
    assert not re.search(r"<(script|link|iframe)[^>]+(src|href)=", markup), "the deck loads a file"
    sources = re.findall(r"<img[^>]+src=\"([^\"]*)\"", markup)
    assert sources and all(src.startswith("data:image/") for src in sources)
    assert not re.search(r"url\((?!\s*['\"]?data:)", markup), "a style loads a file"


def test_bad_input_gets_a_clear_error_and_a_foreign_file_is_never_overwritten(tmp_path):
    def build(*args):
        return subprocess.run([sys.executable, "scripts/build_slides.py", "--no-snapshots", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=300)

    unknown = build("--notebooks", "42", "--out", str(tmp_path / "x.html"))
    assert unknown.returncode == 2 and "there is no notebook '42'" in unknown.stderr and "00" in unknown.stderr
    assert not (tmp_path / "x.html").exists()

    mine = tmp_path / "my-slides.html"
    mine.write_text("<html>my own slides</html>", encoding="utf-8")
    refused = build("--notebooks", "03", "--out", str(mine))
    assert refused.returncode == 2 and "is left alone" in refused.stderr
    assert mine.read_text(encoding="utf-8") == "<html>my own slides</html>"

    not_html = build("--notebooks", "03", "--out", str(tmp_path / "deck.pdf"))
    assert not_html.returncode == 2 and ".html" in not_html.stderr


def test_a_core_cell_without_metadata_is_an_error(tmp_path, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook = json.loads(notebook_path("03").read_text(encoding="utf-8"))
    del notebook["cells"][3]["metadata"]["slideshow"]
    (folder / "03-weighted-sums.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    monkeypatch.setattr(slides_script, "NOTEBOOKS", folder)
    with pytest.raises(ValueError, match=r"03-weighted-sums.ipynb, cell 3 has none: every core cell needs"):
        slides_script.deck(("03",))
    assert NOTEBOOKS != folder
