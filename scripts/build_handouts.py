"""Build the printable handouts and the teacher guide as PDFs: ``python3 run.py handouts``.

What you get, in ``build/handouts/``:

- ``01-pixels.pdf`` … ``09-the-whole-network.pdf``: one A4 page per notebook, with its title, its idea,
  its formula, its key picture and three questions; ``summaries.pdf`` holds all nine.
- ``answers.pdf``: the answers to those questions, for the teacher.
- ``cheat-sheet.pdf``: the whole course on one page, with the English-Dutch glossary of notebook 09.
- ``be-a-neuron.pdf``: an unplugged worksheet (a weighted sum by hand on a 5 × 5 grid, a threshold, a
  sigmoid table) and, on its own page, the answers.

and, in ``build/teacher/``, the teacher guide (``teacher/*.md``) as one page, ``guide.html``, and as
``guide.pdf``. The HTML each PDF was printed from is kept in ``build/handouts/html/``.

Nothing here is typed twice. The titles, the pictures and the glossary are read from the notebooks
themselves: a picture is the stored output of the cell whose ``id`` ``teacher/handouts/notebooks.json``
names, the glossary is the table in notebook 09. The text of each page (idea, formula, questions and
answers) is in that JSON file; the worksheet's numbers are in ``teacher/handouts/worksheet.json``, and
every answer to them is computed here. 13,002 is counted from 784-16-16-10 and checked against
``nnbook.Network``.

Each page is written as HTML and CSS and printed by headless Chromium (through Playwright), the way
a browser prints to PDF: Debian's ``chromium``, or Playwright's own download on other systems
(scripts/chromium.py says which and how), and the build extra (``python3 run.py setup``).
``--out DIR`` writes to ``DIR/handouts`` and ``DIR/teacher`` instead of
``build/``; ``--teacher DIR`` reads the guide from another folder of Markdown files.

``--language nl`` builds the Dutch edition instead, into ``build/handouts/nl/`` and
``build/teacher/nl/``: the titles and pictures from ``notebooks/nl/`` (the same cell ids), the text
from ``teacher/handouts/nl/``, the glossary from ``notebooks/nl/09``, the guide from ``teacher/nl/``,
and the pages' own words from ``WORDS`` below.
"""

from __future__ import annotations

import argparse
import base64
import html
import importlib.util
import json
import math
import mimetypes
import os
import pathlib
import re
import sys
import time
import urllib.parse
from typing import NamedTuple

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TEACHER = ROOT / "teacher"
SOURCES = TEACHER / "handouts"


class Edition(NamedTuple):
    """Where one language's handouts come from and go to."""

    notebooks: pathlib.Path  # the notebooks whose titles, pictures and glossary the handouts show
    sources: pathlib.Path  # notebooks.json and worksheet.json
    teacher: pathlib.Path  # the guide's Markdown pages
    folder: str  # the subfolder of build/handouts and build/teacher ("" for English)
    glossary_header: tuple[str, ...]  # the header of notebook 09's glossary table in that edition


EDITIONS = {
    "en": Edition(NOTEBOOKS, SOURCES, TEACHER, "", ("English", "Nederlands", "Meaning", "Taught in")),
    "nl": Edition(NOTEBOOKS / "nl", SOURCES / "nl", TEACHER / "nl", "nl",
                  ("English", "Nederlands", "Betekenis", "Uitgelegd in")),
}

def _script(name: str):
    """Another script of this folder, as a module (they are files, not a package)."""
    path = pathlib.Path(__file__).resolve().parent / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_nnbook_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


chromium = _script("chromium")

COURSE_SIZES = (784, 16, 16, 10)
COURSE_PARAMETERS = 13_002
GLOSSARY_NOTEBOOK = "09-the-whole-network"
GLOSSARY_HEADER = EDITIONS["en"].glossary_header
SIGMOID_TABLE = range(-4, 5)
GRID_SIDE = 5
PIXEL_VALUES = {0.0, 0.5, 1.0}
WEIGHT_VALUES = {-1.0, 0.0, 1.0}

# The page layout, in millimetres. A summary page has three fixed slots (text, picture, questions), so
# the picture always sits at the same place (the tests look for it there) and a text that grows too
# long is caught here instead of quietly pushing the page onto two.
PAGE_MARGIN_MM = 12
CONTENT_WIDTH_MM = 210 - 2 * PAGE_MARGIN_MM
CONTENT_HEIGHT_MM = 297 - 2 * PAGE_MARGIN_MM
SUMMARY_TEXT_MM = 78
SUMMARY_FIGURE_MM = 98
SUMMARY_FIGURE_TOP_MM = PAGE_MARGIN_MM + SUMMARY_TEXT_MM


class BuildError(Exception):
    """Something the build needs is missing or wrong: the message says what, and what is expected."""


# ---------------------------------------------------------------------------------------------------
# Reading the notebooks


class Picture(NamedTuple):
    png: bytes
    cell_id: str
    section: str  # the heading of the section the cell is in
    core: bool  # False if the cell is tagged extension (a Going further section)


def shown(path: pathlib.Path) -> str:
    """A path as the messages name it: from the repository's root when it is inside it."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def read_notebook(stem: str, folder: pathlib.Path = NOTEBOOKS) -> dict:
    path = folder / f"{stem}.ipynb"
    if not path.is_file():
        raise BuildError(f"{shown(path)} is missing: the handouts' notebooks.json names it, so "
                         "either the notebook was renamed (then rename it there too) or the entry is wrong")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise BuildError(f"{shown(path)} is not valid notebook JSON ({error})") from None


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def notebook_title(notebook: dict, stem: str, folder: pathlib.Path = NOTEBOOKS) -> str:
    """The notebook's title: the '# ' heading its first cell starts with."""
    cells = notebook.get("cells", [])
    first = source(cells[0]).lstrip() if cells else ""
    if not first.startswith("# "):
        raise BuildError(f"{shown(folder / stem)}.ipynb does not start with a title: its first cell should begin "
                         "with '# NN · Title'")
    return first.splitlines()[0][2:].strip()


def key_picture(notebook: dict, stem: str, cell_id: str, folder: pathlib.Path = NOTEBOOKS) -> Picture:
    """The first stored image/png output of the cell with this id, and the section it is in."""
    where = f"{shown(folder / stem)}.ipynb"
    section = ""
    for cell in notebook.get("cells", []):
        text = source(cell)
        if cell.get("cell_type") == "markdown":
            headings = [line for line in text.splitlines() if line.startswith("## ")]
            section = headings[-1][3:].strip() if headings else section
        if cell.get("id") != cell_id:
            continue
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                tags = cell.get("metadata", {}).get("tags", [])
                data = "".join(png) if isinstance(png, list) else png
                return Picture(base64.b64decode(data), cell_id, section, "extension" not in tags)
        raise BuildError(f"the cell with id {cell_id!r} in {where} has no stored picture (no "
                         f"image/png output): run `python3 run.py execute {where}` to store "
                         "its outputs, or name a cell that draws one as key_cell in the handouts' notebooks.json")
    raise BuildError(f"{where} has no cell with id {cell_id!r}, which the handouts' notebooks.json"
                     " names as its key picture: put there the id of a cell that draws the picture (the 'id' "
                     "of the cell in the notebook's JSON)")


class Term(NamedTuple):
    english: str
    dutch: str
    meaning: str
    taught_in: str


def _table_row(line: str) -> list[str]:
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def glossary(notebook: dict, header: tuple[str, ...] = GLOSSARY_HEADER,
             folder: pathlib.Path = NOTEBOOKS) -> list[Term]:
    """The English-Dutch glossary: the Markdown table of notebook 09 whose header is ``header``.

    The Dutch words marked ``\\*`` (the words of the video's Dutch summary) lose the mark here.
    The Dutch edition's table has Dutch headings for its last two columns (EDITIONS).
    """
    where = f"{shown(folder / GLOSSARY_NOTEBOOK)}.ipynb"
    expected = "| " + " | ".join(header) + " |"
    tables = []
    for cell in notebook.get("cells", []):
        lines = source(cell).splitlines()
        for i, line in enumerate(lines):
            if line.startswith("|") and tuple(_table_row(line)) == header:
                tables.append(lines[i:])
    if len(tables) != 1:
        raise BuildError(f"{where} should hold exactly one glossary table with the header {expected}, "
                         f"and it holds {len(tables)}: the cheat sheet takes its English-Dutch words from it")
    _, rule, *rows = tables[0]
    if not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", rule.strip()) or len(_table_row(rule)) != len(header):
        raise BuildError(f"the glossary in {where} has no |---|---| line under its header {expected}")
    terms = []
    for line in rows:
        if not line.startswith("|"):
            break
        cells = _table_row(line)
        if len(cells) != len(header) or not cells[0] or not cells[1]:
            raise BuildError(f"a row of the glossary in {where} does not have the {len(header)} columns {expected} "
                             f"(English and Nederlands filled in): {line!r}")
        english, dutch, meaning, taught_in = cells
        terms.append(Term(english, dutch.replace("\\*", ""), meaning, taught_in))
    if not terms:
        raise BuildError(f"the glossary in {where} has a header but no rows")
    return terms


# ---------------------------------------------------------------------------------------------------
# The handouts' own sources


class Summary(NamedTuple):
    stem: str
    title: str
    idea: str
    formula: list[str]
    picture: Picture
    questions: list[tuple[str, str]]  # (question, answer)

    @property
    def number(self) -> str:
        return self.stem[:2]


def _read_json(path: pathlib.Path):
    if not path.is_file():
        raise BuildError(f"{shown(path)} is missing: it holds the handouts' text")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise BuildError(f"{shown(path)} is not valid JSON: {error}") from None


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BuildError(f"{where}: '{key}' should be a non-empty text, and it is {value!r}")
    return value.strip()


def load_summaries(path: pathlib.Path = SOURCES / "notebooks.json", notebooks: pathlib.Path = NOTEBOOKS
                   ) -> list[Summary]:
    """The nine summaries: the text from notebooks.json, the title and the picture from each notebook.

    ``notebooks`` is the folder of the edition: notebooks/nl for the Dutch text in teacher/handouts/nl.
    """
    data = _read_json(path)
    entries = data.get("notebooks") if isinstance(data, dict) else None
    stems = sorted(p.stem for p in notebooks.glob("0[1-9]-*.ipynb"))
    if not isinstance(entries, list) or [e.get("notebook") for e in entries if isinstance(e, dict)] != stems:
        raise BuildError(f"{shown(path)} should list one entry per notebook under 'notebooks', in "
                         f"course order: {', '.join(stems)}")
    summaries = []
    for entry in entries:
        stem = entry["notebook"]
        where = f"{shown(path)}, {stem}"
        formula = entry.get("formula")
        if not isinstance(formula, list) or not 1 <= len(formula) <= 2 or not all(
                isinstance(line, str) and line.strip() for line in formula):
            raise BuildError(f"{where}: 'formula' should be a list of one or two lines of text")
        questions = entry.get("questions")
        if not isinstance(questions, list) or len(questions) != 3:
            raise BuildError(f"{where}: 'questions' should hold exactly three questions, each {{'q': ..., 'a': ...}}")
        pairs = [(_text(q, "q", where), _text(q, "a", where)) for q in questions]
        notebook = read_notebook(stem, notebooks)
        summaries.append(Summary(stem, notebook_title(notebook, stem, notebooks), _text(entry, "idea", where),
                                 [line.strip() for line in formula],
                                 key_picture(notebook, stem, _text(entry, "key_cell", where), notebooks), pairs))
    return summaries


def parameter_count(sizes) -> int:
    """Every weight (one per pair of neurons in neighbouring layers) and every bias (one per neuron after the input)."""
    return sum(a * b for a, b in zip(sizes, sizes[1:])) + sum(sizes[1:])


def parameter_sum(sizes) -> str:
    """The count written out layer by layer, weights then biases: '784·16 + 16 + 16·16 + 16 + 16·10 + 10'."""
    return " + ".join(f"{a}·{b} + {b}" for a, b in zip(sizes, sizes[1:]))


def check_parameter_count() -> int:
    import nnbook

    count = parameter_count(COURSE_SIZES)
    network = nnbook.Network(sizes=COURSE_SIZES).n_parameters
    if not count == network == COURSE_PARAMETERS:
        raise BuildError(f"784-16-16-10 should have {COURSE_PARAMETERS:,} parameters; counted here {count:,}, "
                         f"nnbook.Network says {network:,}")
    return count


def sigmoid_table() -> list[tuple[int, float]]:
    """σ(x) for x = -4 … 4, rounded to 2 decimals, computed by the course's own sigmoid."""
    from nnbook.activations import sigmoid

    return [(x, round(float(sigmoid(float(x))), 2)) for x in SIGMOID_TABLE]


class Worksheet(NamedTuple):
    title: str
    digit: str
    stroke: str
    pixels: list[list[float]]
    weights: list[list[float]]
    bias: float
    table: list[tuple[int, float]]

    @property
    def products(self) -> list[list[float]]:
        return [[w * a for w, a in zip(wrow, arow)] for wrow, arow in zip(self.weights, self.pixels)]

    @property
    def weighted_sum(self) -> float:
        return sum(sum(row) for row in self.products)

    @property
    def z(self) -> float:
        return self.weighted_sum + self.bias

    @property
    def fires(self) -> bool:
        return self.z > 0

    @property
    def activation(self) -> float:
        return dict(self.table)[int(self.z)]


def _grid(value, name: str, allowed: set[float], where: str) -> list[list[float]]:
    if (not isinstance(value, list) or len(value) != GRID_SIDE
            or any(not isinstance(row, list) or len(row) != GRID_SIDE for row in value)):
        raise BuildError(f"{where}: '{name}' should be {GRID_SIDE} rows of {GRID_SIDE} numbers")
    numbers = [[float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else math.nan for v in row]
               for row in value]
    wrong = sorted({repr(v) for row, numbers_row in zip(value, numbers) for v, n in zip(row, numbers_row)
                    if n not in allowed})
    if wrong:
        raise BuildError(f"{where}: '{name}' may hold only {', '.join(f'{v:g}' for v in sorted(allowed))}, "
                         f"and it holds {', '.join(wrong)}")
    return numbers


def load_worksheet(path: pathlib.Path = SOURCES / "worksheet.json") -> Worksheet:
    data = _read_json(path)
    where = shown(path)
    if not isinstance(data, dict):
        raise BuildError(f"{where} should hold one JSON object")
    bias = data.get("bias")
    if not isinstance(bias, (int, float)) or isinstance(bias, bool) or not math.isfinite(bias):
        raise BuildError(f"{where}: 'bias' should be a number, and it is {bias!r}")
    sheet = Worksheet(_text(data, "title", where), _text(data, "digit", where), _text(data, "stroke", where),
                      _grid(data.get("pixels"), "pixels", PIXEL_VALUES, where),
                      _grid(data.get("weights"), "weights", WEIGHT_VALUES, where), float(bias), sigmoid_table())
    if sheet.z != int(sheet.z) or int(sheet.z) not in SIGMOID_TABLE:
        raise BuildError(f"{where}: weighted sum + bias is {sheet.z:g}, and the worksheet's sigmoid table only "
                         f"has the whole numbers {SIGMOID_TABLE[0]} to {SIGMOID_TABLE[-1]}: change the bias or "
                         "the grids so that it is one of them")
    return sheet


# ---------------------------------------------------------------------------------------------------
# HTML


def number(x: float) -> str:
    """0.5, 1, -1, 0: as short as the number allows, with an ASCII minus (as the course writes it)."""
    text = f"{x:g}"
    return "0" if text == "-0" else text


HYPHENATED = re.compile(r"[\w·()]+(?:-[\w·()]+)+")


def as_html(value: str) -> str:
    """Plain text as HTML, never broken at a hyphen: 784-16-16-10 and matrix-vector stay on one line."""
    return HYPHENATED.sub(lambda m: f'<span class="nowrap">{m.group()}</span>', html.escape(value))


def data_uri(content: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def _colours():
    """Two functions that give a cell's background and text colour: greys for activations, RdBu for weights."""
    import matplotlib
    from matplotlib.colors import Normalize, to_hex

    from nnbook.figures import ACTIVATION_CMAP, WEIGHT_CMAP

    greys, rdbu = matplotlib.colormaps[ACTIVATION_CMAP], matplotlib.colormaps[WEIGHT_CMAP]
    symmetric = Normalize(-1, 1)

    def ink(rgba) -> str:
        r, g, b, _ = rgba
        return "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "#fff"

    def activation(a: float) -> tuple[str, str]:
        return to_hex(greys(a)), ink(greys(a))

    def weight(w: float) -> tuple[str, str]:
        return to_hex(rdbu(symmetric(w))), ink(rdbu(symmetric(w)))

    return activation, weight


CSS = f"""
@page {{ size: A4; margin: {PAGE_MARGIN_MM}mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; font-family: "DejaVu Sans", "Helvetica", sans-serif; font-size: 10.5pt; line-height: 1.35;
       color: #111; }}
.page {{ width: {CONTENT_WIDTH_MM}mm; break-after: page; }}
.page:last-child {{ break-after: auto; }}
.nowrap {{ white-space: nowrap; }}
.kicker {{ font-size: 8.5pt; color: #666; letter-spacing: 0.04em; text-transform: uppercase; margin: 0; }}
h1 {{ font-size: 18pt; margin: 1mm 0 3mm; line-height: 1.2; }}
h2 {{ font-size: 12pt; margin: 4mm 0 2mm; }}
.idea {{ font-size: 11.5pt; margin: 0 0 3mm; }}
.formula {{ border-left: 2.5mm solid #E69F00; background: #f4f4f4; padding: 2.5mm 4mm; margin: 0;
            font-family: "DejaVu Serif", serif; font-size: 14pt; }}
.formula div + div {{ margin-top: 1mm; }}
.summary {{ height: {CONTENT_HEIGHT_MM}mm; display: grid;
            grid-template-rows: {SUMMARY_TEXT_MM}mm {SUMMARY_FIGURE_MM}mm 1fr; }}
.fit {{ overflow: hidden; }}
figure {{ margin: 0; display: flex; flex-direction: column; align-items: center; justify-content: center; }}
figure img {{ max-width: 100%; max-height: {SUMMARY_FIGURE_MM - 10}mm; object-fit: contain; }}
figcaption {{ font-size: 8.5pt; color: #555; margin-top: 1.5mm; text-align: center; }}
ol.questions {{ margin: 0; padding-left: 6mm; }}
ol.questions li {{ margin-bottom: 2mm; }}
.lines {{ height: 17mm; background: repeating-linear-gradient(to bottom, transparent 0, transparent 7.6mm,
          #bbb 7.6mm, #bbb 7.9mm); }}
.answers section {{ break-inside: avoid; margin-bottom: 5mm; }}
.answers h2 {{ margin-top: 0; }}
.answers dt {{ font-weight: bold; margin-top: 1.5mm; }}
.answers dd {{ margin: 0.5mm 0 0 6mm; }}
.boxes {{ display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; }}
.box {{ border: 0.3mm solid #999; border-radius: 1.5mm; padding: 2mm 3mm; }}
.box h2 {{ margin: 0 0 1mm; font-size: 11pt; }}
.box p {{ margin: 0.8mm 0; }}
.box .formula {{ font-size: 11.5pt; padding: 1.2mm 3mm; margin: 1mm 0; }}
.glossary {{ column-count: 3; column-gap: 4mm; font-size: 8.2pt; line-height: 1.25; margin-top: 2mm; }}
.glossary div {{ break-inside: avoid; padding: 0.35mm 0; border-bottom: 0.1mm solid #ddd; }}
.glossary .nl, .glossary .en {{ font-style: italic; }}
.glossary .nb {{ color: #777; }}
table.grid {{ border-collapse: collapse; margin: 1mm 0; }}
table.grid td {{ width: 11mm; height: 11mm; border: 0.3mm solid #666; text-align: center; vertical-align: middle;
                 font-size: 10pt; }}
.grids {{ display: flex; gap: 7mm; align-items: flex-start; }}
.grids h3 {{ font-size: 10pt; margin: 0 0 1mm; }}
table.sigmoid {{ border-collapse: collapse; margin: 2mm 0; }}
table.sigmoid th, table.sigmoid td {{ border: 0.3mm solid #666; padding: 1mm 2.3mm; text-align: center; }}
ol.steps li {{ margin-bottom: 2.5mm; }}
.blank {{ display: inline-block; min-width: 22mm; border-bottom: 0.3mm solid #333; }}
.teacher {{ border: 0.6mm solid #E69F00; border-radius: 2mm; padding: 3mm 5mm; }}
.small {{ font-size: 8.5pt; color: #555; }}
"""


# The pages' own words, by language: everything a handout says that is not read from the notebooks or from
# teacher/handouts/. A text is a template for str.format; its {names} are filled in where it is used.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "summary kicker": "nnbook · notebook {number} · summary",
        "key picture alt": "the key picture of notebook {number}",
        "caption": "From notebook {number}, {where}“{section}”.",
        "going further": "Going further: ",
        "three questions": "Three questions",
        "summaries title": "Summaries",
        "answers kicker": "nnbook · for the teacher",
        "answers title": "Answers to the summaries' questions",
        "cheat title": "Cheat sheet",
        "cheat kicker": "nnbook · the course on one page",
        "cheat heading": "But what is a neural network? Cheat sheet",
        "one neuron": "One neuron",
        "one neuron text": "Weighted sum plus bias: each activation times its weight, added up, plus the bias b.",
        "fires text": "It fires when weighted sum + b &gt; 0. A threshold of 10 is a bias of -10.",
        "sigmoid": "The sigmoid",
        "sigmoid text": "Squishes any number into an activation between 0 and 1.",
        "network": "The network: {sizes}",
        "network text": "784 pixels in, two hidden layers of 16, 10 outputs (the brightest is the answer).",
        "parameters text": "{count} parameters: every weight and every bias, the knobs that learning turns.",
        "layer": "A whole layer in one line",
        "layer text": "W has one row of weights per neuron; b holds the biases.",
        "relu text": "ReLU, the simpler squish: off below 0.",
        "glossary heading": "Words in English and Dutch",
        "glossary note": "From notebook 09's glossary; the number says which notebook teaches the word.",
        "worksheet kicker": "nnbook · unplugged",
        "worksheet intro": "You are one neuron. The picture is 5 × 5 pixels: 0 is black, 1 is white, 0.5 grey. Your "
                           "weights look for a\nstroke: blue +1, red -1, white 0. Work with a pencil; no computer.",
        "pixels grid": "The picture: activations a",
        "weights grid": "Your weights w",
        "products grid": "w × a: fill in",
        "step multiply": "Multiply each weight by the pixel at the same place, and write it in the third grid.\n"
                         "(A weight of 0 gives 0: you may skip those.)",
        "step sum": "Add up the 25 numbers. Weighted sum = {blank}",
        "step bias": "Add your bias, <b>{bias}</b>. Weighted sum + bias = {blank}",
        "step threshold": "Threshold: you fire when weighted sum + bias is above 0. Do you fire? yes / no",
        "step sigmoid": "Now be a sigmoid neuron: look up σ(weighted sum + bias) in the table. Activation = {blank}",
        "sigmoid table": "The sigmoid table",
        "sigmoid table text": "σ(x) = 1 / (1 + e⁻ˣ), rounded to 2 decimals.",
        "think": "Think",
        "think stroke": "Which stroke do your weights look for?",
        "think best": "Which pixel values would give you the biggest weighted sum?",
        "worksheet answers kicker": "nnbook · unplugged · for the teacher",
        "worksheet answers": "{title}: answers",
        "answer sum": "Weighted sum = {sum}",
        "answer z": "Weighted sum + bias = {sum} + ({bias}) = {z}",
        "answer fires": "Fires: yes, because {z} is above\n0.",
        "answer does not fire": "Fires: no, because {z} is not above\n0.",
        "answer activation": "Activation: σ({z}) = {activation}",
        "answer stroke": "The picture is a {digit}. The weights look for {stroke}.",
        "answer best": "The biggest weighted sum comes from 1 (white) wherever the weight is +1 and 0 (black) wherever "
                       "it is -1:\nit is then {best}.",
        "guide title": "nnbook · teacher guide",
        "guide kicker": "nnbook · the teacher guide",
        "guide heading": "Teacher guide",
        "contents": "Contents",
    },
    "nl": {
        "summary kicker": "nnbook · notebook {number} · samenvatting",
        "key picture alt": "de belangrijkste afbeelding van notebook {number}",
        "caption": "Uit notebook {number}, {where}“{section}”.",
        "going further": "Verder: ",
        "three questions": "Drie vragen",
        "summaries title": "Samenvattingen",
        "answers kicker": "nnbook · voor de docent",
        "answers title": "Antwoorden op de vragen van de samenvattingen",
        "cheat title": "Overzichtskaart",
        "cheat kicker": "nnbook · de cursus op één pagina",
        "cheat heading": "Maar wat is een neuraal netwerk? Overzichtskaart",
        "one neuron": "Eén neuron",
        "one neuron text": "Gewogen som plus bias: elke activering keer zijn gewicht, alles opgeteld, plus de bias b.",
        "fires text": "Het neuron vuurt als gewogen som + b &gt; 0. Een drempelwaarde van 10 is een bias van -10.",
        "sigmoid": "De sigmoïde",
        "sigmoid text": "Drukt elk getal samen tot een activering tussen 0 en 1.",
        "network": "Het netwerk: {sizes}",
        "network text": "784 pixels erin, twee verborgen lagen van 16, 10 uitvoerwaarden (de felste is het antwoord).",
        "parameters text": "{count} parameters: alle gewichten en alle biases, de knoppen waar het leren aan draait.",
        "layer": "Een hele laag in één regel",
        "layer text": "W heeft één rij gewichten per neuron; b bevat de biases.",
        "relu text": "ReLU, de eenvoudigere activeringsfunctie: uit onder 0.",
        "glossary heading": "Woorden in het Nederlands en het Engels",
        "glossary note": "Uit de woordenlijst van notebook 09; het getal zegt in welk notebook je het woord leert.",
        "worksheet kicker": "nnbook · zonder computer",
        "worksheet intro": "Jij bent één neuron. De afbeelding is 5 × 5 pixels: 0 is zwart, 1 is wit, 0.5 grijs. Je "
                           "gewichten zoeken een\nstreep: blauw +1, rood -1, wit 0. Werk met een potlood; zonder "
                           "computer.",
        "pixels grid": "De afbeelding: activeringen a",
        "weights grid": "Jouw gewichten w",
        "products grid": "w × a: vul in",
        "step multiply": "Vermenigvuldig elk gewicht met de pixel op dezelfde plek, en schrijf de uitkomst in het "
                         "derde rooster.\n(Een gewicht van 0 geeft 0: die mag je overslaan.)",
        "step sum": "Tel de 25 getallen op. Gewogen som = {blank}",
        "step bias": "Tel je bias erbij op: <b>{bias}</b>. Gewogen som + bias = {blank}",
        "step threshold": "Drempelwaarde: je vuurt als gewogen som + bias boven 0 ligt. Vuur je? ja / nee",
        "step sigmoid": "Nu met de sigmoïde: zoek σ(gewogen som + bias) op in de tabel. Activering = {blank}",
        "sigmoid table": "De tabel van de sigmoïde",
        "sigmoid table text": "σ(x) = 1 / (1 + e⁻ˣ), afgerond op 2 decimalen.",
        "think": "Denk na",
        "think stroke": "Welke streep zoeken je gewichten?",
        "think best": "Welke grijswaarden van de pixels geven jou de grootste gewogen som?",
        "worksheet answers kicker": "nnbook · zonder computer · voor de docent",
        "worksheet answers": "{title}: antwoorden",
        "answer sum": "Gewogen som = {sum}",
        "answer z": "Gewogen som + bias = {sum} + ({bias}) = {z}",
        "answer fires": "Vuurt: ja, want {z} ligt boven\n0.",
        "answer does not fire": "Vuurt: nee, want {z} ligt niet boven\n0.",
        "answer activation": "Activering: σ({z}) = {activation}",
        "answer stroke": "De afbeelding is een {digit}. De gewichten zoeken {stroke}.",
        "answer best": "De grootste gewogen som krijg je met 1 (wit) overal waar het gewicht +1 is en 0 (zwart) overal "
                       "waar het -1 is:\ndie is dan {best}.",
        "guide title": "nnbook · handleiding voor docenten",
        "guide kicker": "nnbook · de handleiding voor docenten",
        "guide heading": "Handleiding voor docenten",
        "contents": "Inhoud",
    },
}


def words(language: str, key: str, **values) -> str:
    """The page text ``key`` in ``language``, with its {names} filled in."""
    return WORDS[language][key].format(**values)


def page_html(title: str, body: str, css: str = CSS, language: str = "en") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n"
            f"<style>{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def summary_section(summary: Summary, language: str = "en") -> str:
    esc = html.escape
    picture = summary.picture
    going_further = words(language, "going further")
    where = "" if picture.core else going_further
    section = picture.section.removeprefix(going_further)
    caption = words(language, "caption", number=summary.number, where=where, section=esc(section)) if section else ""
    questions = "".join(f"<li>{as_html(q)}<div class=\"lines\"></div></li>" for q, _ in summary.questions)
    formula = "".join(f"<div>{as_html(line)}</div>" for line in summary.formula)
    return f"""<section class="page summary" id="nb-{summary.number}">
<div class="fit">
<p class="kicker">{words(language, "summary kicker", number=summary.number)}</p>
<h1>{as_html(summary.title)}</h1>
<p class="idea">{as_html(summary.idea)}</p>
<div class="formula">{formula}</div>
</div>
<figure class="fit key-picture" data-cell="{esc(picture.cell_id)}">
<img alt="{words(language, "key picture alt", number=summary.number)}" src="{data_uri(picture.png, 'image/png')}">
<figcaption>{caption}</figcaption>
</figure>
<div class="fit">
<h2>{words(language, "three questions")}</h2>
<ol class="questions">{questions}</ol>
</div>
</section>"""


def answers_html(summaries: list[Summary], language: str = "en") -> str:
    parts = [f'<div class="page answers"><p class="kicker">{words(language, "answers kicker")}</p>'
             f"<h1>{words(language, 'answers title')}</h1>"]
    for summary in summaries:
        items = "".join(f"<dt>{i}. {as_html(q)}</dt><dd>{as_html(a)}</dd>"
                        for i, (q, a) in enumerate(summary.questions, 1))
        parts.append(f"<section><h2>{as_html(summary.title)}</h2><dl>{items}</dl></section>")
    parts.append("</div>")
    return page_html(words(language, "answers title"), "\n".join(parts), language=language)


def cheat_sheet_html(terms: list[Term], table: list[tuple[int, float]], language: str = "en") -> str:
    """The course on one page. In English the glossary reads English: Dutch; in Dutch, Dutch: English."""
    from nnbook.language import whole

    esc = html.escape
    count = whole(check_parameter_count(), language)
    sizes = "-".join(str(n) for n in COURSE_SIZES)
    sigmoid_row = " · ".join(f"σ({x}) = {s:.2f}" for x, s in table if x in (-2, 0, 2))
    if language == "en":
        pairs = [(t.english, "nl", t.dutch, t.taught_in) for t in terms]
    else:
        pairs = [(t.dutch, "en", t.english, t.taught_in) for t in terms]
    entries = "".join(f'<div><b>{as_html(first)}</b>: <span class="{kind}">{as_html(second)}</span> '
                      f'<span class="nb">({esc(taught_in)})</span></div>' for first, kind, second, taught_in in pairs)
    w = lambda key, **values: words(language, key, **values)  # noqa: E731
    body = f"""<div class="page cheat">
<p class="kicker">{w("cheat kicker")}</p>
<h1>{w("cheat heading")}</h1>
<div class="boxes">
<div class="box"><h2>{w("one neuron")}</h2>
<p>{w("one neuron text")}</p>
<div class="formula">w1·a1 + w2·a2 + … + wn·an + b</div>
<p>{w("fires text")}</p></div>
<div class="box"><h2>{w("sigmoid")}</h2>
<p>{w("sigmoid text")}</p>
<div class="formula">σ(x) = 1 / (1 + e⁻ˣ)</div>
<p>{sigmoid_row}</p></div>
<div class="box"><h2>{w("network", sizes=sizes)}</h2>
<p>{w("network text")}</p>
<div class="formula">{parameter_sum(COURSE_SIZES)} = {count}</div>
<p>{w("parameters text", count=count)}</p></div>
<div class="box"><h2>{w("layer")}</h2>
<p>{w("layer text")}</p>
<div class="formula">a(1) = σ(W a(0) + b)</div>
<p>{w("relu text")}</p>
<div class="formula">ReLU(z) = max(0, z)</div></div>
</div>
<h2>{w("glossary heading")}</h2>
<p class="small">{w("glossary note")}</p>
<div class="glossary">{entries}</div>
</div>"""
    return page_html(w("cheat title"), body, language=language)


def _grid_table(grid, colour, blank: bool = False) -> str:
    rows = []
    for row in grid:
        cells = []
        for value in row:
            if blank:
                cells.append("<td></td>")
            else:
                background, ink = colour(value)
                cells.append(f'<td style="background:{background};color:{ink}">{number(value)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table class="grid">' + "".join(rows) + "</table>"


def worksheet_html(sheet: Worksheet, language: str = "en") -> str:
    activation, weight = _colours()
    esc = html.escape
    w = lambda key, **values: words(language, key, **values)  # noqa: E731
    blank = '<span class="blank"></span>'
    plain = lambda value: ("#fff", "#000")  # noqa: E731 - products are neither activations nor weights
    table = "".join(f"<th>{x}</th>" for x, _ in sheet.table)
    values = "".join(f"<td>{s:.2f}</td>" for _, s in sheet.table)
    sigmoid_table_html = f'<table class="sigmoid"><tr><th>x</th>{table}</tr><tr><th>σ(x)</th>{values}</tr></table>'
    student = f"""<div class="page worksheet">
<p class="kicker">{w("worksheet kicker")}</p>
<h1>{esc(sheet.title)}</h1>
<p>{w("worksheet intro")}</p>
<div class="grids">
<div><h3>{w("pixels grid")}</h3>{_grid_table(sheet.pixels, activation)}</div>
<div><h3>{w("weights grid")}</h3>{_grid_table(sheet.weights, weight)}</div>
<div><h3>{w("products grid")}</h3>{_grid_table(sheet.products, plain, blank=True)}</div>
</div>
<ol class="steps">
<li>{w("step multiply")}</li>
<li>{w("step sum", blank=blank)}</li>
<li>{w("step bias", bias=number(sheet.bias), blank=blank)}</li>
<li>{w("step threshold")}</li>
<li>{w("step sigmoid", blank=blank)}</li>
</ol>
<h2>{w("sigmoid table")}</h2>
<p>{w("sigmoid table text")}</p>
{sigmoid_table_html}
<h2>{w("think")}</h2>
<ol class="steps">
<li>{w("think stroke")} <div class="lines"></div></li>
<li>{w("think best")} <div class="lines"></div></li>
</ol>
</div>"""
    best = sum(max(wt * a for a in PIXEL_VALUES) for row in sheet.weights for wt in row)
    z = number(sheet.z)
    fires = w("answer fires" if sheet.fires else "answer does not fire", z=z)
    teacher = f"""<div class="page worksheet-answers">
<p class="kicker">{w("worksheet answers kicker")}</p>
<h1>{w("worksheet answers", title=esc(sheet.title))}</h1>
<div class="teacher">
<div class="grids">
<div><h3>w × a</h3>{_grid_table(sheet.products, plain)}</div>
</div>
<p>{w("answer sum", sum=number(sheet.weighted_sum))}</p>
<p>{w("answer z", sum=number(sheet.weighted_sum), bias=number(sheet.bias), z=z)}</p>
<p>{fires}</p>
<p>{w("answer activation", z=z, activation=f"{sheet.activation:.2f}")}</p>
<p>{w("answer stroke", digit=esc(sheet.digit), stroke=esc(sheet.stroke))}</p>
<p>{w("answer best", best=number(best))}</p>
</div>
</div>"""
    return page_html(sheet.title, student + "\n" + teacher, language=language)


# ---------------------------------------------------------------------------------------------------
# The teacher guide


def guide_pages(folder: pathlib.Path) -> list[pathlib.Path]:
    """The guide's pages in reading order: README, plans, logistics, the notebooks, the answer key, the rest."""
    files = {path.stem: path for path in folder.glob("*.md")}

    def rank(stem: str):
        fixed = {"README": 0, "plans": 1, "logistics": 2}
        if stem in fixed:
            return (fixed[stem], stem)
        if re.match(r"\d\d-", stem):
            return (3, stem)
        return (4, stem) if stem == "answer-key" else (5, stem)

    return [files[stem] for stem in sorted(files, key=rank)]


def slug(text: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"<[^>]+>", "", html.unescape(text)).strip().lower()
    return re.sub(r"\s", "-", re.sub(r"[^\w\- ]", "", text))


def page_anchor(stem: str) -> str:
    return f"page-{slug(stem)}"


class Guide(NamedTuple):
    html: str
    contents: list[tuple[str, str]]  # (anchor, title) of each page, in order
    broken: dict[str, list[str]]  # a guide page that is linked to but does not exist -> the pages linking to it


def guide_html(folder: pathlib.Path, out_dir: pathlib.Path, language: str = "en") -> Guide:
    """The guide as one HTML page, its contents, and the links that point at guide pages that do not exist.

    Links between the guide's files become links to anchors in this page (``plans.md#one-90-minute-workshop``
    becomes ``#plans--one-90-minute-workshop``); other relative links are rewritten to work from out_dir;
    local images are embedded.
    """
    # mistune is already installed as a dependency of nbconvert (the build extra), so the guide needs nothing new.
    import mistune
    from mistune.renderers.html import HTMLRenderer

    pages = guide_pages(folder)
    stems = {path.name: path.stem for path in pages}
    broken: dict[str, list[str]] = {}

    class Renderer(HTMLRenderer):
        def __init__(self, stem: str):
            super().__init__(escape=False)
            self.stem = stem
            self.seen: dict[str, int] = {}
            self.title = ""

        def heading(self, text: str, level: int, **attrs) -> str:
            anchor = slug(text)
            count = self.seen.get(anchor, 0)
            self.seen[anchor] = count + 1
            anchor = f"{anchor}-{count}" if count else anchor
            if level == 1 and not self.title:
                self.title = re.sub(r"<[^>]+>", "", html.unescape(text)).strip()
            return f'<h{level} id="{self.stem}--{anchor}">{text}</h{level}>\n'

        def link(self, text: str, url: str, title: str | None = None) -> str:
            return super().link(text, self.rewrite(url), title)

        def image(self, text: str, url: str, title: str | None = None) -> str:
            parts = urllib.parse.urlsplit(url)
            if not parts.scheme and not url.startswith("#"):
                path = (folder / urllib.parse.unquote(parts.path)).resolve()
                if not path.is_file():
                    raise BuildError(f"{shown(folder / self.stem)}.md shows the image {url!r}, which does not exist")
                url = data_uri(path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            return super().image(text, url, title)

        def rewrite(self, url: str) -> str:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme or url.startswith("//"):
                return url
            # A heading's anchor is written as the slug itself (sigmoïde), so a link written percent-encoded
            # (sigmo%C3%AFde, as GitHub's links are) is decoded to match it.
            parts = parts._replace(fragment=urllib.parse.unquote(parts.fragment))
            if not parts.path:
                return f"#{self.stem}--{parts.fragment}" if parts.fragment else url
            target = (folder / urllib.parse.unquote(parts.path)).resolve()
            if target.parent == folder.resolve() and target.name in stems:
                stem = stems[target.name]
                return f"#{stem}--{parts.fragment}" if parts.fragment else f"#{page_anchor(stem)}"
            if target.parent == folder.resolve() and target.suffix == ".md":
                linking = broken.setdefault(target.name, [])
                if f"{self.stem}.md" not in linking:
                    linking.append(f"{self.stem}.md")
            relative = pathlib.Path(os.path.relpath(target, out_dir.resolve())).as_posix()
            return relative + (f"#{parts.fragment}" if parts.fragment else "")

    sections, contents = [], []
    for path in pages:
        renderer = Renderer(path.stem)
        markdown = mistune.create_markdown(renderer=renderer, plugins=["table", "strikethrough", "url"])
        body = markdown(path.read_text(encoding="utf-8"))
        title = renderer.title or path.stem
        contents.append((page_anchor(path.stem), title))
        sections.append(f'<section class="guide-page" id="{page_anchor(path.stem)}">\n{body}</section>')
    toc = "".join(f'<li><a href="#{anchor}">{html.escape(title)}</a></li>' for anchor, title in contents)
    w = lambda key: words(language, key)  # noqa: E731
    body = (f'<nav class="contents"><p class="kicker">{w("guide kicker")}</p><h1>{w("guide heading")}</h1>'
            f"<h2>{w('contents')}</h2><ol>{toc}</ol></nav>\n" + "\n".join(sections))
    return Guide(page_html(w("guide title"), body, GUIDE_CSS, language), contents, broken)


GUIDE_CSS = """
@page { size: A4; margin: 16mm 16mm 18mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Helvetica", sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111;
       max-width: 46em; margin: 2em auto; padding: 0 1em; }
.kicker { font-size: 8.5pt; color: #666; letter-spacing: 0.04em; text-transform: uppercase; margin: 0; }
h1 { font-size: 18pt; border-bottom: 0.6mm solid #E69F00; padding-bottom: 1mm; }
h2 { font-size: 13pt; margin-top: 1.4em; }
h3 { font-size: 11pt; }
a { color: #0b5394; }
code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; background: #f4f4f4; }
pre { padding: 2mm 3mm; white-space: pre-wrap; }
table { border-collapse: collapse; margin: 1em 0; font-size: 9.5pt; }
th, td { border: 0.3mm solid #bbb; padding: 1mm 2mm; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
blockquote { border-left: 1mm solid #ccc; margin-left: 0; padding-left: 4mm; color: #333; }
img { max-width: 100%; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  .guide-page { break-before: page; }
  h1, h2, h3 { break-after: avoid; }
  tr, pre, blockquote { break-inside: avoid; }
}
"""


# ---------------------------------------------------------------------------------------------------
# Printing


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF has: its /Type /Page objects (Chromium writes no compressed object streams)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


class Printer:
    """Headless Chromium that prints HTML to A4 PDFs; use it as a context manager."""

    def __enter__(self):
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise BuildError("playwright is missing: it drives Chromium to print the PDFs. Run "
                             "`python3 run.py setup`, which installs the build tools") from None
        self._playwright = sync_playwright().start()
        try:
            try:
                self._browser = chromium.launch(self._playwright)
            except chromium.ChromiumMissing as missing:
                raise BuildError(f"Chromium is missing: a headless Chromium prints the PDFs. {missing}") from None
            self._page = self._browser.new_page()
            # Nothing is fetched: every picture is in the page, so a request anywhere is refused at once.
            self._page.route(lambda url: not url.startswith("data:"), lambda route: route.abort())
        except BaseException:
            self._playwright.stop()
            raise
        return self

    def __exit__(self, *exc):
        self._browser.close()
        self._playwright.stop()

    def print(self, page_source: str, pdf: pathlib.Path, html_copy: pathlib.Path | None = None,
              footer: bool = False) -> int:
        """Print one HTML page to pdf and return its page count; fail if a fixed slot of a page overflows."""
        if html_copy is not None:
            html_copy.write_text(page_source, encoding="utf-8")
        page = self._page
        page.emulate_media(media="print")
        page.set_content(page_source, wait_until="load")
        overflowing = page.evaluate("""() => [...document.querySelectorAll('.fit')]
            .filter(el => el.scrollHeight > el.clientHeight + 1)
            .map(el => (el.closest('section') || el).id + ': ' + (el.innerText || '').trim().slice(0, 60))""")
        if overflowing:
            raise BuildError(f"{pdf.name}: text does not fit its place on the page ({'; '.join(overflowing)}): "
                             "shorten it in teacher/handouts/ (teacher/handouts/nl/ for the Dutch pages)")
        options = {"format": "A4", "print_background": True}
        if footer:
            options.update(display_header_footer=True, header_template="<span></span>",
                           footer_template='<div style="font-size:8pt;width:100%;text-align:center;color:#666">'
                                           '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
                           margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
        content = page.pdf(**options)
        pdf.write_bytes(content)
        return pdf_pages(content)


# ---------------------------------------------------------------------------------------------------
# The build


class Made(NamedTuple):
    path: pathlib.Path
    pages: int


def expect_pages(made: Made, most: int, exactly: bool = False) -> Made:
    if made.pages > most or (exactly and made.pages != most):
        raise BuildError(f"{made.path.name} came out as {made.pages} pages, and it should be "
                         f"{'exactly' if exactly else 'at most'} {most}: shorten its text in "
                         "teacher/handouts/ (teacher/handouts/nl/ for the Dutch pages)")
    return made


def build_handouts(out: pathlib.Path, printer: Printer, language: str = "en") -> list[Made]:
    edition = EDITIONS[language]
    summaries = load_summaries(edition.sources / "notebooks.json", edition.notebooks)
    sheet = load_worksheet(edition.sources / "worksheet.json")
    terms = glossary(read_notebook(GLOSSARY_NOTEBOOK, edition.notebooks), edition.glossary_header, edition.notebooks)
    folder = out / "handouts" / edition.folder
    sources = folder / "html"
    sources.mkdir(parents=True, exist_ok=True)
    made = []
    for summary in summaries:
        page = page_html(summary.title, summary_section(summary, language), language=language)
        pages = printer.print(page, folder / f"{summary.stem}.pdf", sources / f"{summary.stem}.html")
        made.append(expect_pages(Made(folder / f"{summary.stem}.pdf", pages), 1, exactly=True))
    every = page_html(words(language, "summaries title"),
                      "\n".join(summary_section(summary, language) for summary in summaries), language=language)
    pages = printer.print(every, folder / "summaries.pdf", sources / "summaries.html")
    made.append(expect_pages(Made(folder / "summaries.pdf", pages), len(summaries), exactly=True))
    pages = printer.print(answers_html(summaries, language), folder / "answers.pdf", sources / "answers.html")
    made.append(Made(folder / "answers.pdf", pages))
    pages = printer.print(cheat_sheet_html(terms, sheet.table, language), folder / "cheat-sheet.pdf",
                          sources / "cheat-sheet.html")
    made.append(expect_pages(Made(folder / "cheat-sheet.pdf", pages), 1, exactly=True))
    pages = printer.print(worksheet_html(sheet, language), folder / "be-a-neuron.pdf", sources / "be-a-neuron.html")
    made.append(expect_pages(Made(folder / "be-a-neuron.pdf", pages), 2))
    return made


def build_guide(teacher: pathlib.Path, out: pathlib.Path, printer: Printer, language: str = "en") -> list[Made]:
    if not teacher.is_dir() or not guide_pages(teacher):
        print(f"The teacher guide is skipped: {teacher} holds no Markdown pages (*.md) yet.")
        return []
    folder = out / "teacher" / EDITIONS[language].folder
    folder.mkdir(parents=True, exist_ok=True)
    guide = guide_html(teacher, folder, language)
    for name, linking in guide.broken.items():
        print(f"The guide links to {name}, which does not exist yet (from {', '.join(linking)}).")
    (folder / "guide.html").write_text(guide.html, encoding="utf-8")
    pages = printer.print(guide.html, folder / "guide.pdf", footer=True)
    return [Made(folder / "guide.html", 1), Made(folder / "guide.pdf", pages)]


def size(path: pathlib.Path) -> str:
    kilobytes = path.stat().st_size / 1024
    return f"{kilobytes:,.0f} kB" if kilobytes < 1024 else f"{kilobytes / 1024:,.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build",
                        help="the folder that gets handouts/ and teacher/ (default: build/)")
    parser.add_argument("--teacher", type=pathlib.Path, default=None,
                        help="the folder of the guide's Markdown pages (default: teacher/, or teacher/nl/ with "
                             "--language nl)")
    parser.add_argument("--language", default="en", metavar="en|nl",
                        help="the language of the handouts and the guide: en (English, the default) or nl (Dutch, "
                             "into handouts/nl/ and teacher/nl/)")
    args = parser.parse_args(argv)
    if args.language not in EDITIONS:
        parser.error(f"--language {args.language!r}: the handouts are made in "
                     f"{' and '.join(repr(code) for code in EDITIONS)} (English, Dutch), not in another language")
    teacher = args.teacher if args.teacher is not None else EDITIONS[args.language].teacher
    out = args.out.resolve()
    if out.exists() and not out.is_dir():
        parser.error(f"--out {args.out} is a file; give a folder (it gets handouts/ and teacher/ inside)")
    started = time.perf_counter()
    try:
        with Printer() as printer:
            made = (build_handouts(out, printer, args.language)
                    + build_guide(teacher.resolve(), out, printer, args.language))
    except BuildError as error:
        print(f"build_handouts: {error}", file=sys.stderr)
        return 1
    width = max(len(str(m.path.relative_to(out))) for m in made)
    print(f"Made in {out}:")
    for m in made:
        pages = "" if m.path.suffix == ".html" else f"{m.pages} page{'s' if m.pages != 1 else ''}"
        print(f"  {str(m.path.relative_to(out)):<{width}}  {pages:>8}  {size(m.path):>8}")
    print(f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
