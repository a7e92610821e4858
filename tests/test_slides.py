"""The slides (scripts/build_slides.py): the notebooks' slide metadata, and the deck made from it.

The browser test (tests/browser/test_slides_in_chromium.py) opens the built deck in
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

PLANS = {"workshop": slides_script.WORKSHOP, "session 2": slides_script.SESSION_2, "session 3": slides_script.SESSION_3}
SESSIONS = {name: plan.notebooks for name, plan in PLANS.items()}
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


def asked(number: str, questions=()) -> list[bool]:
    """Which cells a deck shows of a notebook: of the exit ticket, all but the "### Question N" it does not ask."""
    shown, current = [], None
    for cell in cells(number):
        if cell["cell_type"] == "markdown" and source(cell).startswith("#"):
            heading = re.match(r"### Question (\d+)", source(cell))
            current = int(heading[1]) if heading else None
        shown.append(number != "10" or not questions or current is None or current in questions)
    return shown


def in_core(cell: dict, with_on_ramp: bool) -> bool:
    return "extension" not in tags(cell) and (with_on_ramp or "on-ramp" not in tags(cell))


def expected_slides(numbers, with_on_ramp: bool, questions=()) -> int:
    """From the metadata alone: the title slide, and one slide per core cell that starts one."""
    return 1 + sum(kind(cell) in STARTS for number in numbers
                   for cell, shown in zip(cells(number), asked(number, questions))
                   if shown and in_core(cell, with_on_ramp))


def letters(text: str) -> str:
    """Only the letters and digits a reader sees in markdown or HTML, to compare the two."""
    return re.sub(r"[^0-9a-z]", "", html.unescape(re.sub(r"<[^>]+>", "", text)).casefold())


def source(cell: dict) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("number", DECK_NOTEBOOKS)
def test_every_core_cell_has_slide_metadata_and_no_extension_cell_has(number):
    notebook = cells(number)
    core = [cell for cell in notebook if "extension" not in tags(cell)]
    assert core and len(core) < len(notebook) or number in ("00", "10")  # 10, the exit ticket, has no extensions
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
    assert plan is PLANS[session]
    assert len(slides) == expected_slides(numbers, plan.with_on_ramp, plan.questions)
    assert slides[0].kind == "title" and html.escape(plan.title) in slides[0].items[1].html
    on_deck = {(slide.notebook, index) for slide in slides for index in slide.cells}
    for number in numbers:
        stem = notebook_path(number).stem
        for index, (cell, shown) in enumerate(zip(cells(number), asked(number, plan.questions))):
            wanted = shown and in_core(cell, plan.with_on_ramp) and kind(cell) != "skip"
            assert ((stem, index) in on_deck) == wanted, f"{stem}, cell {index}"


def test_the_workshop_is_00_to_03_with_the_on_ramp_and_exit_questions_1_to_3():
    workshop, slides = slides_script.deck(("00", "01", "02", "03", "10"))
    assert workshop is slides_script.WORKSHOP and workshop.with_on_ramp and workshop.questions == (1, 2, 3)
    assert any(slide.notebook == "00-welcome" and "Python in ten minutes" in slide.items[0].html for slide in slides)
    exit_ticket = [slide for slide in slides if slide.notebook == "10-exit-ticket"]
    questions = [slide.items[0].html for slide in exit_ticket if slide.kind == "subslide"]
    assert [re.search(r"Question (\d)", html_)[1] for html_ in questions if "Question" in html_] == ["1", "2", "3"]
    assert "Hand it in" in " ".join(slide.items[0].html for slide in slides if slide.notebook == "10-exit-ticket")


@pytest.mark.parametrize("session", PLANS)
def test_each_plan_fills_90_minutes_and_gives_each_notebook_at_least_its_measured_minutes(session):
    plan = PLANS[session]
    starts = [start for start, _, _ in plan.rows]
    ends = [end for _, end, _ in plan.rows]
    assert starts[0] == 0 and starts[1:] == ends[:-1] and ends[-1] == 90, plan.rows
    spare = [end - start for start, end, what in plan.rows if what.startswith("Spare")]
    assert spare and spare[0] >= 3, "a plan keeps a few minutes spare"
    for number in plan.notebooks:
        row = next(row for row in plan.rows if row[2].startswith(number))
        if number == "10":
            needed = slides_script.exit_minutes(notebook_path(number), plan.questions)
        else:
            measured = slides_script.minutes_of(notebook_path(number))
            needed = measured["core"] + (measured["on-ramp"] if plan.with_on_ramp else 0)
        assert row[1] - row[0] >= slides_script.course_stats.rounded_minutes(needed) - 1, (row, needed)
        assert row[1] - row[0] >= needed - 0.5, (row, needed)


def test_the_exit_tickets_minutes_per_session_add_up_to_the_models_whole():
    path = notebook_path("10")
    whole = slides_script.course_stats.notebook_stats(path)["core"]["minutes"]
    assert slides_script.exit_minutes(path) == whole
    opening_and_hand_in = slides_script.exit_minutes(path, (99,))
    parts = [slides_script.exit_minutes(path, plan.questions) - opening_and_hand_in for plan in PLANS.values()]
    assert sorted(q for plan in PLANS.values() for q in plan.questions) == list(range(1, 9))
    assert abs(sum(parts) + opening_and_hand_in - whole) < 0.15


def test_04s_vote_comes_before_the_slider_on_the_deck():
    _, slides = slides_script.deck(("04",))
    vote = next(i for i, slide in enumerate(slides) if "Exercise 2" in " ".join(item.html for item in slide.items))
    slider = next(i for i, slide in enumerate(slides) if "detectors.bias_explorer" in slide.widgets)
    assert vote == slider - 1
    assert "-15" in " ".join(item.html for item in slides[vote].items)
    assert [slides[vote].cells, slides[slider].cells] == [[10, 11], [9]]


def test_slide_before_must_name_a_later_cell_of_the_notebook(tmp_path, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook = json.loads(notebook_path("04").read_text(encoding="utf-8"))
    vote = next(cell for cell in notebook["cells"] if source(cell).startswith("### Exercise 2"))
    vote["metadata"]["nnbook"]["slide_before"] = "no-such-cell"
    (folder / "04-bias.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    monkeypatch.setattr(slides_script, "NOTEBOOKS", folder)
    with pytest.raises(ValueError, match=r"slide_before names 'no-such-cell'"):
        slides_script.deck(("04",))


def test_a_picture_that_shares_its_slide_fills_it_on_the_next_key_press():
    _, slides = slides_script.deck(("01", "04"), lambda where, state, model_id: ONE_PIXEL_PNG)
    figure = next(slide for slide in slides if slide.notebook == "01-pixels" and slide.cells == [4])
    html_ = " ".join(item.html for item in figure.items)
    assert 'class="figure fragment custom zoom" data-fragment-index="0"' in html_
    shared = next(slide for slide in slides if "rules.pixel_explorer" in slide.widgets)
    assert 'class="widget fragment custom zoom"' in " ".join(item.html for item in shared.items)
    alone = next(slide for slide in slides if "detectors.bias_explorer" in slide.widgets)
    assert alone.cells == [9] and "zoom" not in " ".join(item.html for item in alone.items)


def test_a_text_fragment_comes_before_the_zoom():
    slide = slides_script.Slide("x", "slide", items=[
        slides_script.Item('<div class="cell with-picture"><img class="figure" alt="" src="data:,"></div>',
                           code_lines=1),
        slides_script.Item('<div class="fragment"><p>what it shows</p></div>', 3)])
    slide.zoom()
    assert 'class="figure fragment custom zoom" data-fragment-index="1"' in slide.items[0].html
    assert '<div class="fragment" data-fragment-index="0">' in slide.items[1].html


def test_a_long_printed_output_is_cut_with_a_count():
    assert slides_script.shortened("a\nb\n") == "a\nb"
    long = "\n".join(f"line {n}" for n in range(30))
    cut = slides_script.shortened(long).splitlines()
    assert len(cut) == slides_script.OUTPUT_LINES and cut[-1] == "… 19 more lines in the notebook"
    for session in SESSIONS:
        _, slides = slides_script.deck(SESSIONS[session])
        for slide in slides:
            shown = " ".join(item.html for item in slide.items)
            for block in re.findall(r'<pre class="output[^"]*">(.*?)</pre>', shown, re.S):
                assert block.count("\n") < slides_script.OUTPUT_LINES, f"{session}: an output of over 12 lines"


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


def test_a_session_preset_builds_its_plans_deck(tmp_path):
    out = tmp_path / "s3.html"
    run = subprocess.run([sys.executable, "scripts/build_slides.py", "--no-snapshots", "--session", "3", "--out",
                          str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    plan = slides_script.SESSION_3
    count = expected_slides(plan.notebooks, False, plan.questions)
    assert f"{plan.title}, {count} slides from notebooks 07 08 09 10" in run.stdout
    page = out.read_text(encoding="utf-8")
    assert "Question 7" in page and "Question 8" in page and "Question 6" not in page


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

    no_session = build("--session", "4", "--out", str(tmp_path / "x.html"))
    assert no_session.returncode == 2 and "invalid choice: 4" in no_session.stderr

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


# ------------------------------------------------------------------------------------------ the Dutch decks

NL_PLANS = {"workshop": slides_script.WORKSHOP_NL, "session 2": slides_script.SESSION_2_NL,
            "session 3": slides_script.SESSION_3_NL}


def english_fixed_texts() -> list[str]:
    """What the deck itself writes in English: the fixed parts of every English text (not the notebooks' words),
    the English plans' titles and rows. None of it may be on a Dutch deck, as words (but what Dutch says the same way:
    "Notebooks 05, 06", "08 · ReLU")."""
    def plan_texts(plans):
        return {text for plan in plans for text in (plan.title, *(what for _, _, what in plan.rows))}

    dutch = re.sub(r"\{[a-z_]+\}", " ", " ".join(slides_script.TEXTS["nl"].values()))
    pieces = {piece.strip(" ,:·") for template in slides_script.TEXTS["en"].values()
              for piece in re.split(r"\{[a-z_]+\}", template)}
    pieces = {piece for piece in pieces if len(piece) >= 4 and re.search("[a-z]", piece) and piece not in dutch}
    return sorted(pieces | (plan_texts(PLANS.values()) - plan_texts(NL_PLANS.values())))


def english_in(shown: str) -> list[str]:
    """The English fixed texts in a deck's words (whole words: "cell" is not in "cellen")."""
    return [text for text in english_fixed_texts() if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", shown)]


def deck_text(page: str) -> str:
    """What a deck says in its own words: its text, with the title and the pictures' alt texts, entities undone;
    not reveal.js, the style or the markup's class names, and not the notebooks' code and printed outputs (code
    is the English code in both editions; test_a_dutch_widget_snapshot_and_a_long_output_speak_dutch checks
    the line a deck adds to a long output)."""
    page = re.sub(r"<(script|style|pre)[^>]*>.*?</\1>", " ", page, flags=re.DOTALL)
    alts = re.findall(r'<img[^>]* alt="([^"]*)"', page)
    return html.unescape(" ".join([re.sub(r"<[^>]+>", " ", page), *alts]))


def test_the_dutch_plans_are_the_english_ones_in_the_words_of_teacher_nl_plans_md():
    dutch_guide = (ROOT / "teacher" / "nl" / "plans.md").read_text(encoding="utf-8")
    assert slides_script.PLANS["en"] == slides_script.SESSIONS
    for session, plan in NL_PLANS.items():
        english = PLANS[session]
        assert slides_script.PLANS["nl"][{"workshop": 1, "session 2": 2, "session 3": 3}[session]] is plan
        assert (plan.notebooks, plan.questions, plan.with_on_ramp) == \
            (english.notebooks, english.questions, english.with_on_ramp)
        assert [row[:2] for row in plan.rows] == [row[:2] for row in english.rows]
        assert [what[:2] for *_, what in plan.rows if what[:2].isdigit()] == \
            [what[:2] for *_, what in english.rows if what[:2].isdigit()]  # each notebook's slot, at the same minutes
        assert [what[:2].isdigit() for *_, what in plan.rows] == [what[:2].isdigit() for *_, what in english.rows]
        assert f'"{plan.title}"' in dutch_guide, plan.title
        assert plan.rows[-1][2] == "Reserveminuten" and english.rows[-1][2] == "Spare minutes"


@pytest.mark.parametrize("session", SESSIONS)
def test_the_dutch_deck_has_the_english_decks_slides(session):
    """The Dutch notebooks have the English cells and slide metadata, so the same slides from the same cells."""
    numbers = SESSIONS[session]
    english_plan, english = slides_script.deck(numbers)
    plan, dutch = slides_script.deck(numbers, language="nl")
    assert plan is NL_PLANS[session]
    assert len(dutch) == len(english) == expected_slides(numbers, plan.with_on_ramp, plan.questions)
    assert [(slide.notebook, slide.kind, slide.cells) for slide in dutch] == \
        [(slide.notebook, slide.kind, slide.cells) for slide in english]
    assert [len(slide.widgets) for slide in dutch] == [len(slide.widgets) for slide in english]
    # the same minutes on each notebook's title slide (the English notebooks' measured ones, as the Dutch plan)
    minutes = [re.findall(r"\d+", slide.items[1].html) for slide in dutch if slide.css == "notebook-title"]
    assert minutes == [re.findall(r"\d+", slide.items[1].html) for slide in english if slide.css == "notebook-title"]
    assert "Kern: " in dutch[1].items[1].html and " · in het plan: minuut " in dutch[1].items[1].html


def test_the_dutch_workshop_asks_vraag_1_to_3_and_ends_with_inleveren():
    _, slides = slides_script.deck(slides_script.WORKSHOP.notebooks, language="nl")
    exit_ticket = [slide for slide in slides if slide.notebook == "10-exit-ticket"]
    headings = [re.search(r"Vraag (\d)", slide.items[0].html)[1] for slide in exit_ticket
                if "Vraag" in slide.items[0].html and slide.kind == "subslide"]
    assert headings == ["1", "2", "3"]
    assert "Inleveren" in " ".join(slide.items[0].html for slide in exit_ticket)
    assert "Vraag 1 tot en met 3: " in exit_ticket[0].items[1].html
    assert any("Python in tien minuten" in slide.items[0].html for slide in slides if slide.notebook == "00-welcome")


@pytest.mark.parametrize("session", [1, 2, 3])
def test_no_english_fixed_text_is_left_in_a_dutch_deck(tmp_path, session):
    out = tmp_path / "deck.html"
    run = subprocess.run([sys.executable, "scripts/build_slides.py", "--no-snapshots", "--language", "nl",
                          "--session", str(session), "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    assert '<html lang="nl">' in page and "nnbook: hoe een neuraal netwerk handschrift leest" in page
    shown = deck_text(page)
    english = english_fixed_texts()
    assert {"minutes", "Core", "Live in the notebook", "Spare minutes", "in the plan: minutes"} <= set(english)
    assert english_in(shown) == []
    assert "Live in het notebook:" in shown and "Reserveminuten" in shown and "minuten" in shown


def test_a_dutch_widget_snapshot_and_a_long_output_speak_dutch():
    _, slides = slides_script.deck(("01", "04", "08"), lambda where, state, model_id: ONE_PIXEL_PNG, language="nl")
    page = " ".join(item.html for slide in slides for item in slide.items)
    assert "Een momentopname van rules.pixel_explorer: probeer hem live in het notebook." in page
    assert "(momentopname)" in page and 'alt="de figuur van 01-pixels.ipynb, cel ' in page
    assert english_in(deck_text(page)) == []
    long = "\n".join(f"regel {n}" for n in range(30))
    assert slides_script.shortened(long, language="nl").splitlines()[-1] == "… nog 19 regels in het notebook"


def test_language_nl_writes_its_own_default_files_and_another_language_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(slides_script, "OUT", tmp_path / "workshop.html")
    for args, name in ((["--language", "nl"], "workshop-nl.html"),
                       (["--language", "nl", "--session", "2"], "session-2-nl.html"),
                       (["--language", "nl", "--session", "3"], "session-3-nl.html")):
        assert slides_script.main(["--no-snapshots", *args]) == 0
        assert (tmp_path / name).is_file(), name
    assert sorted(path.name for path in tmp_path.iterdir()) == ["session-2-nl.html", "session-3-nl.html",
                                                                "workshop-nl.html"]
    with pytest.raises(SystemExit) as refused:
        slides_script.main(["--no-snapshots", "--language", "de"])
    assert refused.value.code == 2
    with pytest.raises(ValueError, match="no notebooks in the language 'de'"):
        slides_script.deck(("03",), language="de")
