"""The handouts as a reader gets them: built by ``scripts/build_handouts.py --out`` into a temporary
folder (headless Chromium prints them), then read back with poppler: every page rendered to an image
(pdftoppm) and its text extracted (pdftotext).

What is expected is read here from the sources, not from the script: the titles from the notebooks,
the pictures from the notebooks' cells, the glossary from notebook 09's table, the worksheet's answers
computed from its grids. Outside CI a missing Chromium, Playwright or poppler skips these tests;
with CI set they fail (the ``missing`` fixture of conftest.py). The Dutch edition is built beside the
English (``--language nl``, into handouts/nl/ and teacher/nl/) and read back the same way.
"""

from __future__ import annotations

import base64
import json
import math
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from project_files import ROOT, load_script

pytestmark = [pytest.mark.browser, pytest.mark.builds]

handouts = load_script("scripts/build_handouts.py")
NOTEBOOKS = ROOT / "notebooks"
SOURCES = ROOT / "teacher" / "handouts"
SCRIPT = ROOT / "scripts" / "build_handouts.py"
DPI = 50


def squash(text: str) -> str:
    """Text without any whitespace, so that line breaks and columns in the PDF do not matter."""
    return re.sub(r"\s+", "", text)


def notebook(stem: str) -> dict:
    return json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))


def entries() -> list[dict]:
    return json.loads((SOURCES / "notebooks.json").read_text(encoding="utf-8"))["notebooks"]


def title(stem: str) -> str:
    return "".join(notebook(stem)["cells"][0]["source"]).splitlines()[0].removeprefix("# ")


class Pdf:
    """One PDF, read back: its pages as greyscale images and as text."""

    def __init__(self, path: pathlib.Path, scratch: pathlib.Path):
        self.path = path
        folder = scratch / path.stem
        folder.mkdir()
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(path), str(folder / "page")], check=True)
        self.images = sorted(folder.glob("page-*.png"))
        self.texts = [subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(path), "-"],
                                     check=True, capture_output=True, text=True).stdout
                      for n in range(1, len(self.images) + 1)]

    @property
    def pages(self) -> int:
        return len(self.images)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    def ink(self, page: int, top_mm: float, height_mm: float) -> float:
        """The share of pixels darker than near-white in a band across the page."""
        import numpy as np
        from PIL import Image

        grey = np.asarray(Image.open(self.images[page]).convert("L"))
        per_mm = grey.shape[0] / 297
        band = grey[int(top_mm * per_mm):int((top_mm + height_mm) * per_mm)]
        return float((band < 240).mean())


@pytest.fixture(scope="module")
def built(tmp_path_factory, missing):
    for tool in ("pdftoppm", "pdftotext"):
        if shutil.which(tool) is None:
            missing(f"{tool} is missing: sudo apt-get install -y poppler-utils")
    if handouts.chromium.executable() is None:
        missing("chromium is missing: sudo apt-get install -y chromium")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("playwright is missing: pip install playwright")
    out = tmp_path_factory.mktemp("handouts-build")
    result = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], capture_output=True, text=True,
                            timeout=600, cwd=tmp_path_factory.getbasetemp())
    assert result.returncode == 0, result.stderr
    return out, result.stdout


@pytest.fixture(scope="module")
def pdfs(built, tmp_path_factory):
    out, _ = built
    scratch = tmp_path_factory.mktemp("pages")
    return {str(path.relative_to(out)): Pdf(path, scratch) for path in sorted(out.rglob("*.pdf"))}


def test_the_build_makes_every_file_and_says_so(built):
    out, stdout = built
    names = [f"handouts/{e['notebook']}.pdf" for e in entries()] + [
        "handouts/summaries.pdf", "handouts/answers.pdf", "handouts/cheat-sheet.pdf", "handouts/be-a-neuron.pdf"]
    for name in names:
        assert (out / name).stat().st_size > 10_000
        assert re.search(rf"{re.escape(name)}\s+\d+ pages?\s+[\d,.]+ [kM]B", stdout), name
    assert re.search(r"in \d+\.\d s", stdout)


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_each_summary_is_one_page_with_title_idea_formula_and_questions(pdfs, entry):
    pdf = pdfs[f"handouts/{entry['notebook']}.pdf"]
    assert pdf.pages == 1
    text = squash(pdf.text)
    for expected in [title(entry["notebook"]), entry["idea"], *entry["formula"], *(q["q"] for q in entry["questions"])]:
        assert squash(expected) in text, expected
    for question in entry["questions"]:
        assert squash(question["a"]) not in text


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_each_summary_shows_its_key_picture(pdfs, built, entry):
    out, _ = built
    cell = next(c for c in notebook(entry["notebook"])["cells"] if c.get("id") == entry["key_cell"])
    png = next("".join(o["data"]["image/png"]) for o in cell["outputs"] if "image/png" in o.get("data", {}))
    page = (out / "handouts" / "html" / f"{entry['notebook']}.html").read_text(encoding="utf-8")
    assert f"data:image/png;base64,{base64.b64encode(base64.b64decode(png)).decode()}" in page
    pdf = pdfs[f"handouts/{entry['notebook']}.pdf"]
    # The picture has a slot of its own on the page. The sparsest picture (notebook 05's sigmoid curve) inks
    # about 3.5% of it; the same page printed without the picture (caption and alt text left), about 1.2%.
    assert pdf.ink(0, handouts.SUMMARY_FIGURE_TOP_MM, handouts.SUMMARY_FIGURE_MM) > 0.02


def test_summaries_pdf_holds_the_nine_pages_in_course_order(pdfs):
    pdf = pdfs["handouts/summaries.pdf"]
    assert pdf.pages == len(entries()) == 9
    for text, entry in zip(pdf.texts, entries()):
        assert squash(title(entry["notebook"])) in squash(text)


def test_answers_pdf_holds_every_question_with_its_answer(pdfs):
    text = squash(pdfs["handouts/answers.pdf"].text)
    for entry in entries():
        assert squash(title(entry["notebook"])) in text
        for question in entry["questions"]:
            asked = text.index(squash(question["q"]))
            assert text.index(squash(question["a"]), asked) > asked


def glossary_rows() -> list[tuple[str, str]]:
    for cell in notebook("09-the-whole-network")["cells"]:
        lines = "".join(cell["source"]).splitlines()
        for i, line in enumerate(lines):
            if squash(line) == "|English|Nederlands|Meaning|Taughtin|":
                rows = [row.strip().strip("|").split("|") for row in lines[i + 2:] if row.startswith("|")]
                return [(row[0].strip(), row[1].strip().replace("\\*", "")) for row in rows]
    raise AssertionError("notebook 09 has no glossary table")


def test_the_cheat_sheet_is_one_page_with_the_formulas_13002_and_the_glossary(pdfs):
    pdf = pdfs["handouts/cheat-sheet.pdf"]
    assert pdf.pages == 1
    text = squash(pdf.text)
    sizes = (784, 16, 16, 10)
    count = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    assert count == 13_002
    for formula in ["784-16-16-10", "784·16 + 16 + 16·16 + 16 + 16·10 + 10 = 13,002", "w1·a1 + w2·a2 + … + wn·an + b",
                    "σ(x) = 1 / (1 + e⁻ˣ)", "a(1) = σ(W a(0) + b)", "ReLU(z) = max(0, z)"]:
        assert squash(formula) in text, formula
    rows = glossary_rows()
    assert len(rows) > 30
    for english, dutch in rows:
        assert squash(f"{english}: {dutch}") in text, english


def worksheet() -> dict:
    return json.loads((SOURCES / "worksheet.json").read_text(encoding="utf-8"))


def test_the_worksheet_asks_on_page_1_and_answers_on_page_2(pdfs):
    pdf = pdfs["handouts/be-a-neuron.pdf"]
    assert pdf.pages == 2
    sheet = worksheet()
    total = sum(w * a for wrow, arow in zip(sheet["weights"], sheet["pixels"]) for w, a in zip(wrow, arow))
    z = total + sheet["bias"]
    fires = "yes" if z > 0 else "no"
    activation = 1 / (1 + math.exp(-z))
    student, teacher = (squash(text) for text in pdf.texts)
    sigmoids = "".join(f"{1 / (1 + math.exp(-x)):.2f}" for x in range(-4, 5))
    table = "".join(f"{x}" for x in range(-4, 5)) + "σ(x)" + sigmoids
    assert table in student
    assert squash(f"Add your bias, {sheet['bias']:g}.") in student
    for answer in [f"Weighted sum = {total:g}", f"+ ({sheet['bias']:g}) = {z:g}", f"Fires: {fires}",
                   f"Activation: σ({z:g}) = {activation:.2f}"]:
        assert squash(answer) in teacher, answer
    for answer in [f"Fires: {fires}", f"Activation: σ({z:g}) = {activation:.2f}", "for the teacher"]:
        assert squash(answer) not in student, answer
    products = [f"{w * a + 0.0:g}" for wrow, arow in zip(sheet["weights"], sheet["pixels"]) for w, a in zip(wrow, arow)]
    assert "".join(products) in teacher
    # The grids are drawn: the pixels in greys, the weights in RdBu, so the top third of page 1 has plenty of ink.
    assert pdf.ink(0, 30, 60) > 0.15


def teacher_pages() -> list[pathlib.Path]:
    return sorted((ROOT / "teacher").glob("*.md"))


@pytest.mark.skipif(not teacher_pages(), reason="teacher/ has no Markdown pages yet")
def test_the_guide_holds_every_teacher_page_in_order(pdfs, built):
    out, _ = built
    html = (out / "teacher" / "guide.html").read_text(encoding="utf-8")
    text = squash(pdfs["teacher/guide.pdf"].text)
    titles = {}
    for path in teacher_pages():
        first = next((line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")), None)
        titles[path.stem] = re.sub(r"[*_`]", "", first[2:]) if first else None
    for stem, heading in titles.items():
        assert f'id="page-{stem.lower()}"' in html
        if heading:
            assert squash(heading) in text, heading
    order = re.findall(r'<section class="guide-page" id="page-([^"]+)"', html)
    if "README" in titles:
        assert order[0] == "readme"
    numbered = [stem for stem in order if re.match(r"\d\d-", stem)]
    assert numbered == sorted(numbered)
    if "answer-key" in order and numbered:
        assert order.index("answer-key") > order.index(numbered[-1])
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert [h for h in re.findall(r'href="#([^"]+)"', html) if h not in ids] == []
    assert pdfs["teacher/guide.pdf"].pages > len(titles)


def test_text_too_long_for_its_place_is_a_clear_error(built, tmp_path):
    summary = handouts.load_summaries()[0]
    long_idea = summary._replace(idea=" ".join([summary.idea] * 12))
    with handouts.Printer() as printer:
        with pytest.raises(handouts.BuildError, match=r"text does not fit its place on the page \(nb-01"):
            printer.print(handouts.page_html("x", handouts.summary_section(long_idea)), tmp_path / "x.pdf")
        long_questions = summary._replace(questions=[(q * 6, a) for q, a in summary.questions])
        with pytest.raises(handouts.BuildError, match=r"text does not fit"):
            printer.print(handouts.page_html("x", handouts.summary_section(long_questions)), tmp_path / "x.pdf")
        assert printer.print(handouts.page_html("x", handouts.summary_section(summary)), tmp_path / "x.pdf") == 1


# ---------------------------------------------------------------------------------------------------
# The Dutch edition: ``--language nl``, into handouts/nl/ and teacher/nl/, read back the same way

DUTCH_NOTEBOOKS = NOTEBOOKS / "nl"
DUTCH_SOURCES = SOURCES / "nl"
DUTCH_TEACHER = ROOT / "teacher" / "nl"
HANDOUTS = [f"{e['notebook']}.pdf" for e in entries()] + [
    "summaries.pdf", "answers.pdf", "cheat-sheet.pdf", "be-a-neuron.pdf"]


def dutch_notebook(stem: str) -> dict:
    return json.loads((DUTCH_NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))


def dutch_entries() -> list[dict]:
    return json.loads((DUTCH_SOURCES / "notebooks.json").read_text(encoding="utf-8"))["notebooks"]


def dutch_title(stem: str) -> str:
    return "".join(dutch_notebook(stem)["cells"][0]["source"]).splitlines()[0].removeprefix("# ")


@pytest.fixture(scope="module")
def built_nl(built, tmp_path_factory):
    """The Dutch build, into the English build's folder: both editions side by side, as in build/."""
    out, _ = built
    result = subprocess.run([sys.executable, str(SCRIPT), "--language", "nl", "--out", str(out)], capture_output=True,
                            text=True, timeout=600, cwd=tmp_path_factory.getbasetemp())
    assert result.returncode == 0, result.stderr
    return out, result.stdout


@pytest.fixture(scope="module")
def pdfs_nl(built_nl, tmp_path_factory):
    out, _ = built_nl
    scratch = tmp_path_factory.mktemp("pages-nl")
    return {str(path.relative_to(out)): Pdf(path, scratch)
            for path in sorted([*(out / "handouts" / "nl").glob("*.pdf"), *(out / "teacher" / "nl").glob("*.pdf")])}


def test_the_dutch_build_makes_every_file_beside_the_english_and_says_so(built_nl):
    out, stdout = built_nl
    for name in HANDOUTS:
        assert (out / "handouts" / "nl" / name).stat().st_size > 10_000
        assert re.search(rf"handouts/nl/{re.escape(name)}\s+\d+ pages?\s+[\d,.]+ [kM]B", stdout), name
        assert (out / "handouts" / name).is_file()  # the English build is still there
    assert (out / "teacher" / "nl" / "guide.html").is_file() and (out / "teacher" / "nl" / "guide.pdf").is_file()
    assert (out / "teacher" / "guide.pdf").is_file()


@pytest.mark.parametrize("name", HANDOUTS)
def test_each_dutch_handout_has_as_many_pages_as_the_english(pdfs, pdfs_nl, name):
    assert pdfs_nl[f"handouts/nl/{name}"].pages == pdfs[f"handouts/{name}"].pages


@pytest.mark.parametrize("entry", dutch_entries(), ids=lambda e: e["notebook"])
def test_each_dutch_summary_shows_the_dutch_title_text_and_picture(pdfs_nl, built_nl, entry):
    out, _ = built_nl
    pdf = pdfs_nl[f"handouts/nl/{entry['notebook']}.pdf"]
    text = squash(pdf.text)
    assert squash(dutch_title(entry["notebook"])) in text
    assert dutch_title(entry["notebook"]) != title(entry["notebook"]) or entry["notebook"] == "04-bias"
    for expected in [entry["idea"], *entry["formula"], *(q["q"] for q in entry["questions"]), "Drie vragen"]:
        assert squash(expected) in text, expected
    for question in entry["questions"]:
        assert squash(question["a"]) not in text
    cell = next(c for c in dutch_notebook(entry["notebook"])["cells"] if c.get("id") == entry["key_cell"])
    png = next("".join(o["data"]["image/png"]) for o in cell["outputs"] if "image/png" in o.get("data", {}))
    page = (out / "handouts" / "nl" / "html" / f"{entry['notebook']}.html").read_text(encoding="utf-8")
    assert f"data:image/png;base64,{base64.b64encode(base64.b64decode(png)).decode()}" in page
    assert pdf.ink(0, handouts.SUMMARY_FIGURE_TOP_MM, handouts.SUMMARY_FIGURE_MM) > 0.02


def test_the_dutch_summaries_and_answers_are_in_course_order(pdfs_nl):
    pdf = pdfs_nl["handouts/nl/summaries.pdf"]
    for text, entry in zip(pdf.texts, dutch_entries(), strict=True):
        assert squash(dutch_title(entry["notebook"])) in squash(text)
    text = squash(pdfs_nl["handouts/nl/answers.pdf"].text)
    assert squash("Antwoorden op de vragen van de samenvattingen") in text
    for entry in dutch_entries():
        assert squash(dutch_title(entry["notebook"])) in text
        for question in entry["questions"]:
            asked = text.index(squash(question["q"]))
            assert text.index(squash(question["a"]), asked) > asked


def test_the_dutch_cheat_sheet_has_the_formulas_13_002_and_the_glossary_dutch_first(pdfs_nl):
    pdf = pdfs_nl["handouts/nl/cheat-sheet.pdf"]
    text = squash(pdf.text)
    for formula in ["784-16-16-10", "784·16 + 16 + 16·16 + 16 + 16·10 + 10 = 13 002", "w1·a1 + w2·a2 + … + wn·an + b",
                    "σ(x) = 1 / (1 + e⁻ˣ)", "a(1) = σ(W a(0) + b)", "ReLU(z) = max(0, z)",
                    "Maar wat is een neuraal netwerk? Overzichtskaart", "Woorden in het Nederlands en het Engels"]:
        assert squash(formula) in text, formula
    assert "13,002" not in text
    rows = glossary_rows()
    assert len(rows) > 30
    for english, dutch in rows:
        assert squash(f"{dutch}: {english}") in text, dutch


def test_the_dutch_worksheet_sums_as_the_english_one(pdfs_nl):
    pdf = pdfs_nl["handouts/nl/be-a-neuron.pdf"]
    assert pdf.pages == 2
    sheet = json.loads((DUTCH_SOURCES / "worksheet.json").read_text(encoding="utf-8"))
    assert {key: sheet[key] for key in ("pixels", "weights", "bias")} == {
        key: worksheet()[key] for key in ("pixels", "weights", "bias")}
    total = sum(w * a for wrow, arow in zip(sheet["weights"], sheet["pixels"]) for w, a in zip(wrow, arow))
    z = total + sheet["bias"]
    activation = 1 / (1 + math.exp(-z))
    student, teacher = (squash(text) for text in pdf.texts)
    assert squash("Wees een neuron") in student
    sigmoids = "".join(f"{1 / (1 + math.exp(-x)):.2f}" for x in range(-4, 5))
    assert "".join(f"{x}" for x in range(-4, 5)) + "σ(x)" + sigmoids in student
    assert squash(f"Tel je bias erbij op: {sheet['bias']:g}.") in student
    for answer in [f"Gewogen som = {total:g}", f"Gewogen som + bias = {total:g} + ({sheet['bias']:g}) = {z:g}",
                   f"Vuurt: {'ja' if z > 0 else 'nee'}", f"Activering: σ({z:g}) = {activation:.2f}",
                   "De afbeelding is een 1."]:
        assert squash(answer) in teacher, answer
    for answer in [f"Vuurt: {'ja' if z > 0 else 'nee'}", f"Activering: σ({z:g}) = {activation:.2f}", "voor de docent"]:
        assert squash(answer).lower() not in student.lower(), answer
    products = [f"{w * a + 0.0:g}" for wrow, arow in zip(sheet["weights"], sheet["pixels"]) for w, a in zip(wrow, arow)]
    assert "".join(products) in teacher
    assert pdf.ink(0, 30, 60) > 0.15


def english_fixed_texts() -> set[str]:
    """The English pages' own words, in pieces: each template of WORDS["en"] without its tags, cut at its
    {placeholders} and line breaks, squashed; only the pieces of 10 characters or more that no Dutch template has."""

    def pieces(language: str) -> set[str]:
        found = set()
        for template in handouts.WORDS[language].values():
            for piece in re.split(r"\{\w*\}|\n", re.sub(r"<[^>]+>|&\w+;", " ", template)):
                found.add(squash(piece).lower())
        return found

    dutch = pieces("nl")
    return {piece for piece in pieces("en") if len(piece) >= 10 and piece not in dutch}


def test_no_english_fixed_text_in_the_dutch_pdfs(pdfs, pdfs_nl):
    english = english_fixed_texts()
    assert len(english) > 40
    assert "threequestions" in english and "wordsinenglishanddutch" in english
    # The same search finds them in the English PDFs: most pieces appear there as they are.
    found = {piece for pdf in pdfs.values() for piece in english if piece in squash(pdf.text).lower()}
    assert len(found) > len(english) / 2
    for name, pdf in pdfs_nl.items():
        text = squash(pdf.text).lower()
        assert sorted(piece for piece in english if piece in text) == [], name
    for name in HANDOUTS:
        text = squash(pdfs_nl[f"handouts/nl/{name}"].text)
        for word in ["Threequestions", "Fires:", "Activation:", "Weightedsum", "fortheteacher", "FORTHETEACHER",
                     "SUMMARY", "Cheatsheet", "Going further", "Fromnotebook"]:
            assert word not in text, (name, word)


def test_the_dutch_guide_holds_teacher_nl_in_order(pdfs_nl, built_nl):
    out, _ = built_nl
    html = (out / "teacher" / "nl" / "guide.html").read_text(encoding="utf-8")
    pdf = pdfs_nl["teacher/nl/guide.pdf"]
    text = squash(pdf.text)
    pages = sorted(DUTCH_TEACHER.glob("*.md"))
    for path in pages:
        first = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
        assert squash(re.sub(r"[*_`]", "", first[2:])) in text, path.name
    order = re.findall(r'<section class="guide-page" id="page-([^"]+)"', html)
    numbered = sorted(path.stem for path in pages if re.match(r"\d\d-", path.stem))
    expected = ["readme", "plans", "logistics", *numbered] + (["answer-key"] if "answer-key" in
                                                              {p.stem for p in pages} else [])
    assert order == expected
    assert squash("Handleiding voor docenten") in text and squash("Inhoud") in text
    assert "Teacher guide" not in pdf.text and '<html lang="nl">' in html
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert [h for h in re.findall(r'href="#([^"]+)"', html) if h not in ids] == []
    assert pdf.pages > len(pages)
