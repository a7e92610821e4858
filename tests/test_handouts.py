"""The handouts' sources and the pieces of scripts/build_handouts.py that need no browser.

The PDFs themselves are built and read back in tests/browser/test_handouts_pdf.py. Here: the text in
teacher/handouts/ names cells that exist and hold pictures, the worksheet's arithmetic, the glossary
read from notebook 09, the count of 13,002, the clear errors for a missing cell or a changed glossary,
and the teacher guide's HTML (order, anchors, rewritten links) from a folder made here. The Dutch
edition (``--language nl``): teacher/handouts/nl/ is the English text's twin, entry for entry, with the
same key cells (in notebooks/nl/) and the same numbers, and every fixed text of the pages has a Dutch twin.
"""

from __future__ import annotations

import base64
import json
import math
import pathlib
import re

import pytest

from nnbook.language import whole
from project_files import ROOT, load_script

handouts = load_script("scripts/build_handouts.py")
SOURCES = ROOT / "teacher" / "handouts"
NOTEBOOKS = ROOT / "notebooks"


def notebook(stem: str) -> dict:
    return json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))


def entries() -> list[dict]:
    return json.loads((SOURCES / "notebooks.json").read_text(encoding="utf-8"))["notebooks"]


def test_one_entry_per_notebook_01_to_09_in_course_order():
    assert [e["notebook"] for e in entries()] == sorted(p.stem for p in NOTEBOOKS.glob("0[1-9]-*.ipynb"))


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_each_key_cell_exists_and_stores_a_png(entry):
    cells = [c for c in notebook(entry["notebook"])["cells"] if c.get("id") == entry["key_cell"]]
    assert len(cells) == 1
    pngs = [o["data"]["image/png"] for o in cells[0].get("outputs", []) if "image/png" in o.get("data", {})]
    assert pngs
    picture = handouts.key_picture(notebook(entry["notebook"]), entry["notebook"], entry["key_cell"])
    assert picture.png == base64.b64decode("".join(pngs[0]))
    assert picture.png.startswith(b"\x89PNG")


def test_summaries_take_their_titles_from_the_notebooks():
    summaries = handouts.load_summaries()
    for summary in summaries:
        first_line = "".join(notebook(summary.stem)["cells"][0]["source"]).splitlines()[0]
        assert first_line == f"# {summary.title}"
        assert summary.title.startswith(summary.stem[:2] + " · ")
        assert len(summary.questions) == 3


def test_a_missing_key_cell_is_a_clear_error():
    with pytest.raises(handouts.BuildError, match=r"no cell with id 'no-such-cell'.*key picture"):
        handouts.key_picture(notebook("03-weighted-sums"), "03-weighted-sums", "no-such-cell")


def test_a_key_cell_without_a_picture_is_a_clear_error():
    nb = notebook("05-sigmoid")
    text_only = next(c for c in nb["cells"] if c["cell_type"] == "code" and c.get("outputs")
                     and not any("image/png" in o.get("data", {}) for o in c["outputs"]))
    with pytest.raises(handouts.BuildError, match=r"has no stored picture.*run.py execute notebooks/05-sigmoid"):
        handouts.key_picture(nb, "05-sigmoid", text_only["id"])


def test_the_key_picture_knows_its_section_and_whether_it_is_core():
    picture = handouts.key_picture(notebook("03-weighted-sums"), "03-weighted-sums", "c754e21a")
    assert (picture.section, picture.core) == ("Weights as a picture", True)
    picture = handouts.key_picture(notebook("05-sigmoid"), "05-sigmoid", "20cd8059")
    assert (picture.section, picture.core) == ("Going further: the sigmoid up close", False)


def glossary_rows() -> list[list[str]]:
    """Notebook 09's glossary rows, read here without the script: the lines under the English | Nederlands header."""
    for cell in notebook("09-the-whole-network")["cells"]:
        lines = "".join(cell["source"]).splitlines()
        for i, line in enumerate(lines):
            if line.replace(" ", "") == "|English|Nederlands|Meaning|Taughtin|":
                rows = []
                for row in lines[i + 2:]:
                    if not row.startswith("|"):
                        break
                    rows.append([cell.strip() for cell in row.strip().strip("|").split("|")])
                return rows
    raise AssertionError("notebook 09 has no glossary table")


def test_the_glossary_is_read_from_notebook_09():
    terms = handouts.glossary(notebook("09-the-whole-network"))
    rows = glossary_rows()
    assert len(terms) == len(rows) > 30
    assert [(t.english, t.dutch) for t in terms] == [(r[0], r[1].replace("\\*", "")) for r in rows]
    assert ("weighted sum", "gewogen som") in {(t.english, t.dutch) for t in terms}


def test_a_changed_glossary_is_a_clear_error():
    nb = notebook("09-the-whole-network")
    for cell in nb["cells"]:
        cell["source"] = "".join(cell["source"]).replace("| Nederlands |", "| Dutch |")
    with pytest.raises(handouts.BuildError, match=r"exactly one glossary table.*holds 0"):
        handouts.glossary(nb)
    nb = notebook("09-the-whole-network")
    for cell in nb["cells"]:
        cell["source"] = "".join(cell["source"]).replace("| weighted sum | gewogen som\\* |", "| weighted sum |")
    with pytest.raises(handouts.BuildError, match=r"does not have the 4 columns.*weighted sum"):
        handouts.glossary(nb)


def test_13002_is_counted_layer_by_layer():
    assert handouts.parameter_sum((784, 16, 16, 10)) == "784·16 + 16 + 16·16 + 16 + 16·10 + 10"
    assert handouts.parameter_count((784, 16, 16, 10)) == 784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10 == 13_002
    assert handouts.parameter_count((784, 30, 10)) == 23_860  # notebook 06's Exercise 1
    assert handouts.check_parameter_count() == 13_002


def test_the_sigmoid_table_is_sigma_rounded_to_two_decimals():
    table = handouts.sigmoid_table()
    assert [x for x, _ in table] == list(range(-4, 5))
    assert [s for _, s in table] == [round(1 / (1 + math.exp(-x)), 2) for x in range(-4, 5)]
    assert dict(table)[0] == 0.5 and dict(table)[1] == 0.73


def test_the_worksheets_answers_are_computed_from_its_grids():
    data = json.loads((SOURCES / "worksheet.json").read_text(encoding="utf-8"))
    sheet = handouts.load_worksheet()
    expected = sum(w * a for wrow, arow in zip(data["weights"], data["pixels"]) for w, a in zip(wrow, arow))
    assert sheet.weighted_sum == expected
    assert sheet.z == expected + data["bias"]
    assert sheet.fires == (expected + data["bias"] > 0)
    assert sheet.activation == round(1 / (1 + math.exp(-(expected + data["bias"]))), 2)
    assert {v for row in data["pixels"] for v in row} <= {0, 0.5, 1}
    assert {v for row in data["weights"] for v in row} <= {-1, 0, 1}


@pytest.mark.parametrize("change, message", [
    ({"bias": -1.5}, r"weighted sum \+ bias is 1\.5.*whole numbers -4 to 4"),
    ({"bias": -20}, r"weighted sum \+ bias is -17"),
    ({"pixels": [[0] * 5] * 4}, r"'pixels' should be 5 rows of 5 numbers"),
    ({"weights": [[2, 0, 0, 0, 0]] * 5}, r"'weights' may hold only -1, 0, 1, and it holds 2"),
    ({"bias": "-2"}, r"'bias' should be a number"),
])
def test_a_bad_worksheet_is_a_clear_error(tmp_path, change, message):
    data = json.loads((SOURCES / "worksheet.json").read_text(encoding="utf-8")) | change
    path = tmp_path / "worksheet.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(handouts.BuildError, match=message):
        handouts.load_worksheet(path)


def test_the_summary_page_embeds_the_picture_and_hides_the_answers():
    summary = handouts.load_summaries()[2]
    page = handouts.summary_section(summary)
    assert base64.b64encode(summary.picture.png).decode() in page
    for question, answer in summary.questions:
        assert handouts.as_html(question) in page
        assert handouts.as_html(answer) not in page
    assert '<span class="nowrap">784-16-16-10</span>' in handouts.as_html("784-16-16-10 & more")
    assert handouts.as_html("784-16-16-10 & more").endswith(" &amp; more")


def write(folder: pathlib.Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_the_guide_is_one_page_in_order_with_links_between_pages_as_anchors(tmp_path):
    teacher, out = tmp_path / "teacher", tmp_path / "build" / "teacher"
    teacher.mkdir()
    out.mkdir(parents=True)
    write(teacher, "answer-key.md",
          "# Answer key\n\n## 03 · Weighted sums\n\nSee [the plan](plans.md#one-90-minute-workshop).\n")
    write(teacher, "03-weighted-sums.md", "# 03 · Weighted sums\n\n[Answers](answer-key.md#03--weighted-sums), "
                                          "[up](#03--weighted-sums), [the notebook](../notebooks/03.ipynb)\n")
    write(teacher, "01-pixels.md", "# 01 · Pixels\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![dot](dot.png)\n")
    write(teacher, "logistics.md", "# Room logistics\n\n[Missing](gone.md)\n")
    write(teacher, "plans.md", "# Plans\n\n## One 90-minute workshop\n\n## One 90-minute workshop\n")
    write(teacher, "README.md", "# The teacher guide\n\nStart with [the plans](plans.md) or [01](./01-pixels.md).\n")
    write(teacher, "zzz-notes.md", "Notes without a title.\n")
    dot = b"\x89PNG fake"
    (teacher / "dot.png").write_bytes(dot)
    guide = handouts.guide_html(teacher, out)
    sections = re.findall(r'<section class="guide-page" id="([^"]+)"', guide.html)
    assert sections == ["page-readme", "page-plans", "page-logistics", "page-01-pixels", "page-03-weighted-sums",
                        "page-answer-key", "page-zzz-notes"]
    assert [title for _, title in guide.contents] == ["The teacher guide", "Plans", "Room logistics", "01 · Pixels",
                                                       "03 · Weighted sums", "Answer key", "zzz-notes"]
    ids = set(re.findall(r'id="([^"]+)"', guide.html))
    hrefs = re.findall(r'href="([^"]+)"', guide.html)
    assert {"#page-plans", "#page-01-pixels", "#plans--one-90-minute-workshop", "#answer-key--03--weighted-sums",
            "#03-weighted-sums--03--weighted-sums"} <= set(hrefs)
    assert [h for h in hrefs if h.startswith("#") and h[1:] not in ids] == []
    assert "plans--one-90-minute-workshop-1" in ids  # a repeated heading gets its own anchor
    assert "../../teacher/gone.md" in hrefs and guide.broken == {"gone.md": ["logistics.md"]}
    assert "../../notebooks/03.ipynb" in hrefs  # from build/teacher/, where guide.html is written
    assert "<table>" in guide.html and "<td>2</td>" in guide.html
    assert f'src="data:image/png;base64,{base64.b64encode(dot).decode()}"' in guide.html


def test_a_missing_image_in_the_guide_is_a_clear_error(tmp_path):
    write(tmp_path, "README.md", "# Guide\n\n![a picture](pictures/missing.png)\n")
    with pytest.raises(handouts.BuildError, match=r"README.md shows the image 'pictures/missing.png'"):
        handouts.guide_html(tmp_path, tmp_path / "out")


def test_no_teacher_pages_means_no_guide(tmp_path, capsys):
    assert handouts.build_guide(tmp_path / "teacher", tmp_path / "out", printer=None) == []
    assert "The teacher guide is skipped" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_pdf_pages_counts_page_objects_not_the_page_tree():
    pdf = (b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 >>\n2 0 obj << /Type /Page >>\n"
           b"3 0 obj <</Type/Page/Parent 1 0 R>>")
    assert handouts.pdf_pages(pdf) == 2


def test_out_must_be_a_folder(tmp_path, capsys):
    file = tmp_path / "a-file"
    file.write_text("mine")
    with pytest.raises(SystemExit):
        handouts.main(["--out", str(file)])
    assert "is a file; give a folder" in capsys.readouterr().err
    assert file.read_text() == "mine"


def notebook_text(stem: str) -> str:
    """Everything a learner reads in a notebook: its sources and its stored text outputs."""
    parts = []
    for cell in notebook(stem)["cells"]:
        parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["notebook"])
def test_the_facts_on_a_summary_are_the_notebooks_numbers(entry):
    """Every number in the idea, and every percentage anywhere, is one the notebook itself shows.

    (The questions' own numbers, and the answers worked out from them, are made up for the handout.)
    """
    text = notebook_text(entry["notebook"])
    answers = " ".join(q["a"] for q in entry["questions"])
    facts = re.findall(r"\d+(?:[.,]\d+)*", entry["idea"]) + re.findall(r"\d+(?:\.\d+)?%", answers)
    assert [fact for fact in facts if fact not in text] == []


def test_a_missing_chromium_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NNBOOK_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(handouts.BuildError, match=r"Chromium is missing.*NNBOOK_CHROMIUM names .*no-chromium"):
        with handouts.Printer():
            pass
    assert handouts.main(["--out", str(tmp_path / "out")]) == 1
    assert "build_handouts: Chromium is missing" in capsys.readouterr().err


def test_without_a_system_chromium_playwright_s_own_is_tried_and_the_error_says_how_to_get_one(monkeypatch):
    """Windows and macOS have no /usr/bin/chromium: Playwright's download is the route there."""
    chromium = handouts.chromium
    monkeypatch.delenv("NNBOOK_CHROMIUM", raising=False)
    monkeypatch.setattr(chromium.pathlib.Path, "is_file", lambda self: False)
    assert chromium.executable() is None
    tried = []

    class Playwright:
        class chromium:  # Playwright's own attribute name
            @staticmethod
            def launch(executable_path, args):
                tried.append(executable_path)
                raise RuntimeError("Executable doesn't exist at ~/.cache/ms-playwright/chromium")

    with pytest.raises(chromium.ChromiumMissing, match="apt-get install -y chromium.*playwright install chromium"):
        chromium.launch(Playwright)
    assert tried == [None]


# ---------------------------------------------------------------------------------------------------
# The Dutch edition: teacher/handouts/nl/ and notebooks/nl/, built with --language nl

DUTCH_SOURCES = SOURCES / "nl"
DUTCH_NOTEBOOKS = NOTEBOOKS / "nl"
DUTCH = handouts.EDITIONS["nl"]


def dutch_notebook(stem: str) -> dict:
    return json.loads((DUTCH_NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))


def dutch_entries() -> list[dict]:
    return json.loads((DUTCH_SOURCES / "notebooks.json").read_text(encoding="utf-8"))["notebooks"]


DIGIT_PLURALS = dict(zip(
    ["nullen", "enen", "tweeën", "drieën", "vieren", "vijven", "zessen", "zevens", "achten", "negens"], "0123456789"))


def numbers(text: str) -> list[str]:
    """The numbers of a text, sorted, without thousands separators (13,002 and 13 002 are 13002); a Dutch
    digit plural counts as its digit ("negens" where the English writes 9s)."""
    text = re.sub(r"\b(" + "|".join(DIGIT_PLURALS) + r")\b", lambda m: DIGIT_PLURALS[m.group().lower()], text,
                  flags=re.IGNORECASE)
    text = re.sub(r"(?<=\d)[, ](?=\d{3}\b)", "", text)
    return sorted(re.findall(r"\d+(?:\.\d+)?", text))


def test_numbers_reads_both_ways_of_writing_them():
    assert numbers("13,002 and 7,850 and 9s, 0.5, 1.0") == numbers("13 002 en 7850 en negens, 0.5, 1.0")
    assert numbers("0.5, 1.0, 0.0") == ["0.0", "0.5", "1.0"]


def test_the_language_option_names_the_languages_and_refuses_others(capsys):
    assert set(handouts.EDITIONS) == set(handouts.WORDS) == {"en", "nl"}
    with pytest.raises(SystemExit):
        handouts.main(["--language", "fr"])
    assert "--language 'fr': the handouts are made in 'en' and 'nl'" in capsys.readouterr().err
    assert DUTCH.notebooks == DUTCH_NOTEBOOKS and DUTCH.sources == DUTCH_SOURCES
    assert DUTCH.teacher == ROOT / "teacher" / "nl" and DUTCH.folder == "nl"


def test_every_english_entry_has_a_dutch_twin_with_the_same_cell():
    english, dutch = entries(), dutch_entries()
    assert [e["notebook"] for e in dutch] == [e["notebook"] for e in english]
    assert [e["key_cell"] for e in dutch] == [e["key_cell"] for e in english]
    assert [len(e["formula"]) for e in dutch] == [len(e["formula"]) for e in english]
    assert all(len(e["questions"]) == 3 for e in dutch)
    assert sorted(json.loads((DUTCH_SOURCES / "notebooks.json").read_text(encoding="utf-8"))) == ["about", "notebooks"]


@pytest.mark.parametrize("english, dutch", list(zip(entries(), dutch_entries())), ids=lambda e: e["notebook"])
def test_a_dutch_entry_has_the_english_numbers(english, dutch):
    assert numbers(dutch["idea"]) == numbers(english["idea"])
    assert [numbers(line) for line in dutch["formula"]] == [numbers(line) for line in english["formula"]]
    for ours, theirs in zip(dutch["questions"], english["questions"]):
        assert numbers(ours["q"]) == numbers(theirs["q"]), ours["q"]
        assert numbers(ours["a"]) == numbers(theirs["a"]), ours["a"]


@pytest.mark.parametrize("entry", dutch_entries(), ids=lambda e: e["notebook"])
def test_a_dutch_entry_is_dutch_in_the_editions_words(entry):
    """Je-form where it speaks to the learner, the glossary's terms, and the numbers written the Dutch way."""
    text = " ".join([entry["idea"], *entry["formula"], *(q["q"] + " " + q["a"] for q in entry["questions"])])
    assert not re.search(r"\b(the|and|is a|weights|neuron's)\b", text), text
    assert not re.search(r"\b(u|uw)\b", text)  # the learners' handout says je, never u
    assert not re.search(r"\b(activatie|activaties|drempel|gewogen totaal|invoer laag|verborgen lagen van de)\b", text)
    assert not re.search(r"\d,\d{3}\b", text)  # 13 002 and 7840, never 13,002 or 7,840


@pytest.mark.parametrize("entry", dutch_entries(), ids=lambda e: e["notebook"])
def test_each_dutch_key_cell_exists_and_stores_a_png(entry):
    cells = [c for c in dutch_notebook(entry["notebook"])["cells"] if c.get("id") == entry["key_cell"]]
    assert len(cells) == 1
    picture = handouts.key_picture(dutch_notebook(entry["notebook"]), entry["notebook"], entry["key_cell"],
                                   DUTCH_NOTEBOOKS)
    assert picture.png.startswith(b"\x89PNG")


def test_dutch_summaries_take_their_titles_and_pictures_from_the_dutch_notebooks():
    summaries = handouts.load_summaries(DUTCH_SOURCES / "notebooks.json", DUTCH_NOTEBOOKS)
    english = handouts.load_summaries()
    assert [s.stem for s in summaries] == [s.stem for s in english]
    for summary, twin in zip(summaries, english):
        first_line = "".join(dutch_notebook(summary.stem)["cells"][0]["source"]).splitlines()[0]
        assert first_line == f"# {summary.title}"
        assert summary.title.startswith(summary.stem[:2] + " · ")
        assert summary.picture.cell_id == twin.picture.cell_id and summary.picture.core == twin.picture.core
        assert summary.picture.section.startswith("Verder: ") == twin.picture.section.startswith("Going further: ")
    assert summaries[2].title == "03 · Gewogen sommen" and summaries[2].title != english[2].title


@pytest.mark.parametrize("entry", dutch_entries(), ids=lambda e: e["notebook"])
def test_the_facts_on_a_dutch_summary_are_the_dutch_notebooks_numbers(entry):
    parts = []
    for cell in dutch_notebook(entry["notebook"])["cells"]:
        parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", "")))
    text = "\n".join(parts)
    answers = " ".join(q["a"] for q in entry["questions"])
    facts = re.findall(r"\d+(?: \d{3})*(?:\.\d+)?", entry["idea"]) + re.findall(r"\d+(?:\.\d+)?%", answers)
    assert [fact for fact in facts if fact not in text] == []


def test_the_dutch_worksheet_has_the_english_numbers_and_dutch_words():
    english = json.loads((SOURCES / "worksheet.json").read_text(encoding="utf-8"))
    dutch = json.loads((DUTCH_SOURCES / "worksheet.json").read_text(encoding="utf-8"))
    assert sorted(dutch) == sorted(english)
    for key in ("pixels", "weights", "bias", "digit"):
        assert dutch[key] == english[key], key
    assert dutch["title"] == "Wees een neuron" and "streep" in dutch["stroke"]
    ours, theirs = handouts.load_worksheet(DUTCH_SOURCES / "worksheet.json"), handouts.load_worksheet()
    assert (ours.weighted_sum, ours.z, ours.fires, ours.activation, ours.products, ours.table) == (
        theirs.weighted_sum, theirs.z, theirs.fires, theirs.activation, theirs.products, theirs.table)


def test_the_dutch_glossary_is_read_from_the_dutch_notebook_09_with_the_same_words():
    dutch = handouts.glossary(dutch_notebook("09-the-whole-network"), DUTCH.glossary_header, DUTCH_NOTEBOOKS)
    english = handouts.glossary(notebook("09-the-whole-network"))
    assert [(t.english, t.dutch, t.taught_in) for t in dutch] == [(t.english, t.dutch, t.taught_in) for t in english]
    assert [t.meaning for t in dutch] != [t.meaning for t in english]  # the meaning column is in Dutch
    with pytest.raises(handouts.BuildError, match=r"notebooks/nl/09-the-whole-network.ipynb should hold exactly one"):
        handouts.glossary(notebook("09-the-whole-network"), DUTCH.glossary_header, DUTCH_NOTEBOOKS)


def placeholders(template: str) -> list[str]:
    return sorted(re.findall(r"\{(\w*)", template))


def test_every_fixed_text_has_a_dutch_twin_with_the_same_placeholders_and_tags():
    english, dutch = handouts.WORDS["en"], handouts.WORDS["nl"]
    assert dutch.keys() == english.keys()
    for key, text in english.items():
        assert placeholders(dutch[key]) == placeholders(text), key
        assert re.findall(r"</?\w+>|&\w+;", dutch[key]) == re.findall(r"</?\w+>|&\w+;", text), key
        assert dutch[key] != text, key
    assert not re.search(r"\b(u|uw|the|and)\b", " ".join(dutch.values()))


def test_a_dutch_summary_page_says_everything_in_dutch():
    summaries = handouts.load_summaries(DUTCH_SOURCES / "notebooks.json", DUTCH_NOTEBOOKS)
    page = handouts.summary_section(summaries[3], "nl")  # 04: its key picture is in a Verder section
    assert "nnbook · notebook 04 · samenvatting" in page and "<h2>Drie vragen</h2>" in page
    assert "Uit notebook 04, Verder: “de bias verschuift het plaatje”." in page
    assert 'alt="de belangrijkste afbeelding van notebook 04"' in page
    assert base64.b64encode(summaries[3].picture.png).decode() in page
    for question, answer in summaries[3].questions:
        assert handouts.as_html(question) in page and handouts.as_html(answer) not in page
    assert '<html lang="nl">' in handouts.page_html("x", page, language="nl")
    answers = handouts.answers_html(summaries, "nl")
    assert "Antwoorden op de vragen van de samenvattingen" in answers and '<html lang="nl">' in answers


def test_the_dutch_cheat_sheet_reads_dutch_first_and_writes_13_002():
    terms = handouts.glossary(dutch_notebook("09-the-whole-network"), DUTCH.glossary_header, DUTCH_NOTEBOOKS)
    page = handouts.cheat_sheet_html(terms, handouts.sigmoid_table(), "nl")
    assert '<b>gewogen som</b>: <span class="en">weighted sum</span> <span class="nb">(03)</span>' in page
    assert "784·16 + 16 + 16·16 + 16 + 16·10 + 10 = 13 002" in page and "13,002" not in page
    assert "Woorden in het Nederlands en het Engels" in page and "Cheat sheet" not in page
    assert whole(13_002, "nl") == "13 002" and whole(8000, "nl") == "8000"
    assert whole(13_002, "en") == "13,002" and whole(8000, "en") == "8,000"


def test_the_dutch_worksheet_page_computes_the_same_answers():
    page = handouts.worksheet_html(handouts.load_worksheet(DUTCH_SOURCES / "worksheet.json"), "nl")
    sheet = handouts.load_worksheet()
    assert f"Gewogen som = {sheet.weighted_sum:g}" in page
    assert f"Gewogen som + bias = {sheet.weighted_sum:g} + ({sheet.bias:g}) = {sheet.z:g}" in page
    assert ("Vuurt: ja" if sheet.fires else "Vuurt: nee") in page
    assert f"Activering: σ({sheet.z:g}) = {sheet.activation:.2f}" in page
    assert "Tel je bias erbij op: <b>-2</b>." in page and "Fires" not in page


def test_the_dutch_guide_is_teacher_nl_in_order_with_dutch_headings():
    guide = handouts.guide_html(DUTCH.teacher, ROOT / "build" / "teacher" / "nl", "nl")
    sections = re.findall(r'<section class="guide-page" id="([^"]+)"', guide.html)
    numbered = sorted(f"page-{p.stem}" for p in DUTCH.teacher.glob("[0-9][0-9]-*.md"))
    expected = ["page-readme", "page-plans", "page-logistics", *numbered]
    if (DUTCH.teacher / "answer-key.md").is_file():
        expected.append("page-answer-key")
    assert sections == expected
    assert guide.contents[0][1] == "nnbook voor docenten"
    assert "<h1>Handleiding voor docenten</h1>" in guide.html and "<h2>Inhoud</h2>" in guide.html
    assert '<html lang="nl">' in guide.html and "Teacher guide" not in guide.html
    ids = set(re.findall(r'id="([^"]+)"', guide.html))
    assert [h for h in re.findall(r'href="#([^"]+)"', guide.html) if h not in ids] == []
    assert guide.broken == {}
