"""The sessions' slides: one HTML file per session, made from the notebooks' core cells, that works offline.

    python3 run.py slides                 build/slides/workshop.html: session 1, the 90-minute workshop
                                          "From pixels to a neuron's weighted sum" (00 with its on-ramp,
                                          01, 02, 03, exit ticket questions 1 to 3)
    python3 run.py slides --session 2     build/slides/session-2.html: 04, 05, 06, exit questions 4 to 6
    python3 run.py slides --session 3     build/slides/session-3.html: 07, 08, 09, exit questions 7 and 8
    python3 run.py slides --notebooks 05 06 --out build/slides/mine.html
                                          any notebooks (10, the exit ticket, with all eight questions)
    python3 run.py slides --language nl   build/slides/workshop-nl.html: the same deck from the Dutch
                                          notebooks (notebooks/nl/), every text of the deck in Dutch, the
                                          plans of teacher/nl/plans.md (session-2-nl.html, session-3-nl.html)

The sessions and their minutes are the plans of teacher/plans.md (in Dutch:
teacher/nl/plans.md; the Dutch notebooks have the English ones' cells and slide
metadata, so a Dutch deck has the same slides, and its minutes are the English
notebooks' measured minutes, as the Dutch plans give them). Open the
file in any browser, also without internet: everything it needs is inside it.
Arrow keys (or space) move through the slides, F is full screen, S opens the
speaker view with the notes, Esc shows every slide at once.

What is on the deck
-------------------
A title slide (the course, the session and its plan minute by minute), then
for each notebook its core cells (00 also its on-ramp, "Python in ten
minutes"; never a *Going further* cell, tagged ``extension``): the notebook's
title slide with its measured minutes (``python3 run.py stats``), its text,
its code with the outputs stored in the notebook, and its figures. A live
widget has no picture in a notebook, so the deck shows a **snapshot**: the
widget as the notebook stored it (its saved state), drawn by the same renderer
a static web page of the notebook uses (``@jupyter-widgets/html-manager`` and
require.js from the npm registry, anywidget's browser side from the installed
anywidget) in headless Chromium, and photographed. Snapshots are cached in
build/slides/snapshots/ under a hash of the state, so only a changed widget is
drawn again. Without Chromium (or with ``--no-snapshots``) a widget's slide
says "Live in the notebook" with the widget's text instead. Of the exit
ticket (notebook 10) a session's deck shows the questions it asks, with the
notebook's opening and its hand-in.

Made for a 1024×768 projector as much as for a wide screen: the deck is 768
high and as wide as the screen's shape (1024 to 1366), so a 4:3 projector
shows it nearly full size. Long code lines wrap. Code gets the largest font
(28 to 20 px on the deck) that lets its slide fit, chosen when the slide is
shown. A picture that shares its slide with text or code (a figure's own
labels cannot grow otherwise) **fills the whole slide on the next key
press**, after the slide's other fragments; the key after that moves on. A
printed output longer than 12 lines shows its first 11 and how many more
the notebook has.

reveal.js 6.0.2, its style and the white theme come from the npm registry
through scripts/npm_vendor.py (downloaded once, checked against a pinned
SHA-256) and are copied into the file; pictures are data: URIs; formulas
($...$) are drawn by matplotlib's mathtext. The deck makes no request at all.

Which cell goes on which slide: the notebooks say
-------------------------------------------------
Each core cell carries the standard Jupyter slide metadata (the key RISE and
``jupyter nbconvert --to slides`` read), ``metadata.slideshow.slide_type``,
and this script only follows it: ``slide`` starts a new slide, ``subslide`` a
new slide below it (the deck walks through both with the arrow keys), ``-``
continues the current slide, ``fragment`` appears on the next key press,
``notes`` goes into the speaker notes, ``skip`` is left out. A core cell
without it is an error. The notebooks' metadata was set by these rules; keep
to them when you add or change a cell:

- the Colab badge and the Colab install cell: ``skip``;
- a markdown cell opening with a ``#`` or ``##`` heading: ``slide``;
- a markdown cell opening with ``###`` (an exercise) or ``**Warm-up``: ``subslide``;
- a code cell with a picture (a figure or a widget): ``-``, on the slide of
  the text before it, when that text is short (30 words or fewer); else a
  short note just above it (25 words or fewer, no heading) starts a
  ``subslide`` they share; else the code cell starts a ``subslide`` itself;
- another code cell: ``-``, or ``subslide`` when its slide already has a code
  cell, or when it is longer than 12 lines and its slide has more than 30 words of text;
- a markdown cell without a heading after a code cell of its slide, which
  says what the output shows: ``fragment`` (30 words or fewer), else ``notes``;
- any other markdown cell: ``-``.

A slide may be shown earlier than its cells' order: ``metadata.nnbook.slide_before``
on the cell that starts it names the ``id`` of a cell of a later slide of the
same notebook, and the slide (with the cells that continue it) is shown just
before that one. Use it where the text asks for a prediction before a widget
that comes first in the notebook (04: the vote on -10 → -15 before the
slider), so that nobody sees the answer on the projector before the vote.

A slide must be readable from the back of a classroom, so it holds at most
60 words of text (headings, paragraphs, lists; not code, tables or formulas):
while a slide has more, its longest paragraph moves into the speaker notes.
Lists stay (they are an exercise's choices or a summary).
"""

import argparse
import base64
import dataclasses
import hashlib
import html
import importlib.util
import io
import json
import pathlib
import re
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LANGUAGES = ("en", "nl")
"""``--language``: the English notebooks (notebooks/) or the Dutch ones (notebooks/nl/)."""
OUT = ROOT / "build" / "slides" / "workshop.html"
SNAPSHOTS = ROOT / "build" / "slides" / "snapshots"
GENERATOR = "nnbook scripts/build_slides.py"

REVEAL = "reveal.js@6.0.2"
HTML_MANAGER = "@jupyter-widgets/html-manager@1.0.15"
REQUIREJS = "requirejs@2.3.8"

SLIDE_TYPES = ("slide", "subslide", "-", "fragment", "notes", "skip")
STARTS = ("slide", "subslide")
WORD_BUDGET = 60
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.DOTALL)
PICTURE_MARKS = ('<img class="figure"', '<figure class="widget"')
OUTPUT_LINES = 12
"""A printed output longer than this is cut on a slide (the notebook has all of it)."""

TEXTS = {
    "en": {
        "minutes": "{minutes} minutes",
        "minutes column": "minutes",
        "title notes": "Arrow keys move through the slides; F is full screen; Esc shows them all. The times are the "
                       "plan's; each notebook's title slide gives its measured core minutes.",
        "core": "Core: {minutes} minutes",
        "on-ramp": ", Python in ten minutes: {minutes}",
        "questions": "Questions {shown}: {minutes} minutes with the hand-in (all eight: {all})",
        "question range": "{first} to {last}",
        "slot": " · in the plan: minutes {start}–{end}",
        "snapshot": "A snapshot of {name}: move it live in the notebook.",
        "snapshot alt": "{name} (snapshot)",
        "live": "Live in the notebook:",
        "figure alt": "the figure of {notebook}, cell {cell}",
        "more lines": "… {count} more lines in the notebook",
        "notebooks": "Notebooks {numbers}",
    },
    "nl": {
        "minutes": "{minutes} minuten",
        "minutes column": "minuten",
        "title notes": "De pijltjestoetsen gaan door de dia's; F is volledig scherm; Esc laat ze allemaal zien. De "
                       "tijden zijn die van het plan; de titeldia van elk notebook geeft de gemeten minuten van de "
                       "kern.",
        "core": "Kern: {minutes} minuten",
        "on-ramp": ", Python in tien minuten: {minutes}",
        "questions": "Vraag {shown}: {minutes} minuten met het inleveren (alle acht: {all})",
        "question range": "{first} tot en met {last}",
        "slot": " · in het plan: minuut {start}–{end}",
        "snapshot": "Een momentopname van {name}: probeer hem live in het notebook.",
        "snapshot alt": "{name} (momentopname)",
        "live": "Live in het notebook:",
        "figure alt": "de figuur van {notebook}, cel {cell}",
        "more lines": "… nog {count} regels in het notebook",
        "notebooks": "Notebooks {numbers}",
    },
}
"""Every fixed text of a deck (the notebooks give the rest), by ``--language``; the plans are below."""


def fixed_text(language: str, key: str, **values) -> str:
    return TEXTS[language][key].format(**values)


def _script(name: str):
    """Another script of this folder, as a module (they are files, not a package)."""
    path = pathlib.Path(__file__).resolve().parent / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_nnbook_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


course_stats = _script("course_stats")
npm_vendor = _script("npm_vendor")
chromium = _script("chromium")


# ----------------------------------------------------------------------------------------------- the plans


@dataclasses.dataclass(frozen=True)
class Plan:
    """A session: its title, its notebooks, what happens from minute to minute (start, end, what), and which of
    the exit ticket's questions it asks (when notebook 10 is on its deck; none: all of them)."""

    title: str
    notebooks: tuple[str, ...]
    rows: tuple[tuple[int, int, str], ...]
    with_on_ramp: bool = False
    questions: tuple[int, ...] = ()

    @property
    def minutes(self) -> int:
        return self.rows[-1][1] if self.rows else 0


# The three 90-minute sessions of teacher/plans.md; tests/test_slides.py checks each slot against the
# measured minutes (the on-ramp counted in 00's, the exit questions by course_stats' model).
WORKSHOP = Plan(
    title="From pixels to a neuron's weighted sum",
    notebooks=("00", "01", "02", "03", "10"),
    rows=((0, 4, "Open: the video's first minutes"),
          (4, 27, "00 · Welcome, and Python in ten minutes"),
          (27, 44, "01 · Pixels as inputs, and a vote"),
          (44, 61, "02 · Layers"),
          (61, 77, "03 · Weighted sums, and a vote"),
          (77, 87, "10 · Exit ticket: questions 1 to 3, and hand it in"),
          (87, 90, "Spare minutes")),
    with_on_ramp=True,
    questions=(1, 2, 3),
)
"""Session 1, the 90-minute workshop: the slot of each notebook is on its title slide."""

SESSION_2 = Plan(
    title="From a neuron's bias to 13,002 knobs",
    notebooks=("04", "05", "06", "10"),
    rows=((0, 5, "Recap: pixels, layers, weighted sums"),
          (5, 21, "04 · Bias, and a vote before the slider"),
          (21, 28, "Together: two Going further sections of 04"),
          (28, 44, "05 · Sigmoid"),
          (44, 52, "Together: two Going further sections of 05"),
          (52, 68, "06 · Parameters"),
          (68, 75, "Together: two Going further sections of 06"),
          (75, 85, "10 · Exit ticket: questions 4 to 6, and hand it in"),
          (85, 90, "Spare minutes")),
    questions=(4, 5, 6),
)
"""Session 2 of the whole core path."""

SESSION_3 = Plan(
    title="From matrices to the whole network",
    notebooks=("07", "08", "09", "10"),
    rows=((0, 5, "Recap: bias, sigmoid, 13,002 knobs"),
          (5, 22, "07 · Matrix notation"),
          (22, 26, "Together: a Going further section of 07"),
          (26, 42, "08 · ReLU"),
          (42, 49, "Together: two Going further sections of 08"),
          (49, 68, "09 · The whole network, and two votes"),
          (68, 77, "Together: 09's break it on purpose, and the checklist"),
          (77, 85, "10 · Exit ticket: questions 7 and 8, and hand it in"),
          (85, 90, "Spare minutes")),
    questions=(7, 8),
)
"""Session 3 of the whole core path."""

SESSIONS = {1: WORKSHOP, 2: SESSION_2, 3: SESSION_3}
"""``--session N``: the plans of teacher/plans.md."""

# The same three sessions as teacher/nl/plans.md gives them: the same notebooks, minutes and questions.
WORKSHOP_NL = dataclasses.replace(
    WORKSHOP,
    title="Van pixels naar de gewogen som van een neuron",
    rows=((0, 4, "Opening: de eerste minuten van de video"),
          (4, 27, "00 · Welkom, en Python in tien minuten"),
          (27, 44, "01 · Pixels als invoer, en een stemming"),
          (44, 61, "02 · Lagen"),
          (61, 77, "03 · Gewogen sommen, en een stemming"),
          (77, 87, "10 · Exitticket: vraag 1 tot en met 3, en inleveren"),
          (87, 90, "Reserveminuten")),
)

SESSION_2_NL = dataclasses.replace(
    SESSION_2,
    title="Van de bias van een neuron naar 13 002 knoppen",
    rows=((0, 5, "Herhaling: pixels, lagen, gewogen sommen"),
          (5, 21, "04 · Bias, en een stemming vóór de schuifregelaar"),
          (21, 28, "Samen: twee stukken Verder van 04"),
          (28, 44, "05 · Sigmoïde"),
          (44, 52, "Samen: twee stukken Verder van 05"),
          (52, 68, "06 · Parameters"),
          (68, 75, "Samen: twee stukken Verder van 06"),
          (75, 85, "10 · Exitticket: vraag 4 tot en met 6, en inleveren"),
          (85, 90, "Reserveminuten")),
)

SESSION_3_NL = dataclasses.replace(
    SESSION_3,
    title="Van matrices naar het hele netwerk",
    rows=((0, 5, "Herhaling: bias, sigmoïde, 13 002 knoppen"),
          (5, 22, "07 · Matrixnotatie"),
          (22, 26, "Samen: een stuk Verder van 07"),
          (26, 42, "08 · ReLU"),
          (42, 49, "Samen: twee stukken Verder van 08"),
          (49, 68, "09 · Het hele netwerk, en twee stemmingen"),
          (68, 77, "Samen: maak 09 expres kapot, en de checklist"),
          (77, 85, "10 · Exitticket: vraag 7 en 8, en inleveren"),
          (85, 90, "Reserveminuten")),
)

PLANS = {"en": SESSIONS, "nl": {1: WORKSHOP_NL, 2: SESSION_2_NL, 3: SESSION_3_NL}}
"""The sessions' plans in each language (tests/test_slides.py: the Dutch rows' minutes are the English ones)."""


# ------------------------------------------------------------------------------------------ the notebooks


def notebooks_folder(language: str = "en") -> pathlib.Path:
    """notebooks/ for English, notebooks/nl/ for Dutch (a ValueError for a language the course has no edition in)."""
    if language not in LANGUAGES:
        raise ValueError(f"there are no notebooks in the language {language!r}: choose one of {', '.join(LANGUAGES)}")
    return NOTEBOOKS if language == "en" else NOTEBOOKS / language


def notebook_path(number: str, language: str = "en") -> pathlib.Path:
    """notebooks/NN-*.ipynb for ``number`` ("05" or "5"), or a ValueError that lists the notebooks there are;
    for ``language`` "nl", notebooks/nl/NN-*.ipynb."""
    folder = notebooks_folder(language)
    found = sorted(folder.glob(f"{number.zfill(2)}-*.ipynb")) if number.isdigit() else []
    if len(found) != 1:
        there = ", ".join(path.stem[:2] for path in sorted(folder.glob("[0-9][0-9]-*.ipynb")))
        raise ValueError(f"there is no notebook {number!r}: give notebooks by their number, one of {there}")
    return found[0]


def notebook_title(path: pathlib.Path) -> str:
    """A notebook's title, from its first heading, without what follows a colon ("05 · Sigmoid")."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for line in joined(cell.get("source")).splitlines():
            if line.startswith("# "):
                return line[2:].split(":")[0].strip()
    return path.stem


def in_deck(cell: dict, with_on_ramp: bool) -> bool:
    """Whether a cell belongs on the slides: a core cell (the on-ramp only if asked), not skipped."""
    tags = cell.get("metadata", {}).get("tags", [])
    return "extension" not in tags and (with_on_ramp or "on-ramp" not in tags)


def slide_type(cell: dict, where: str) -> str:
    """A core cell's ``metadata.slideshow.slide_type``, or a ValueError saying what is missing."""
    kind = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
    if kind not in SLIDE_TYPES:
        got = "has none" if kind is None else f"has {kind!r}"
        raise ValueError(f"{where} {got}: every core cell needs metadata.slideshow.slide_type, one of "
                         f"{', '.join(SLIDE_TYPES)} (see the rules in scripts/build_slides.py)")
    return kind


# ----------------------------------------------------------------------------------------- HTML pieces


def _markdown():
    import mistune

    class Renderer(mistune.HTMLRenderer):
        """Links into the course become plain text (they lead nowhere from a deck); formulas become pictures."""

        def link(self, text, url, title=None):
            return super().link(text, url, title) if url.startswith(("http://", "https://")) else text

        def image(self, text, url, title=None):
            if not url.startswith("data:"):
                raise ValueError(f"a slide may not show the picture {url}: it would need the internet or a file")
            return super().image(text, url, title)

        def inline_math(self, text):
            return formula(text, display=False)

        def block_math(self, text):
            return f'<p class="formula">{formula(text, display=True)}</p>\n'

    plugins = ["table", "strikethrough", "math"]
    return (mistune.create_markdown(renderer=None, plugins=plugins),
            mistune.create_markdown(renderer=Renderer(escape=False), plugins=plugins))


def formula(tex: str, display: bool) -> str:
    """A TeX formula as an inline SVG picture, drawn by matplotlib's mathtext (no MathJax, no internet)."""
    from matplotlib import mathtext
    from matplotlib.font_manager import FontProperties

    buffer = io.BytesIO()
    mathtext.math_to_image(f"${tex.strip()}$", buffer, prop=FontProperties(size=28 if display else 22), dpi=72,
                           format="svg")
    data = base64.b64encode(buffer.getvalue()).decode()
    return f'<img class="math" alt="{html.escape(tex.strip())}" src="data:image/svg+xml;base64,{data}">'


def text_words(fragment: str) -> int:
    """The words a reader sees in a piece of HTML."""
    return len(re.sub(r"<[^>]+>", " ", fragment).split())


def code_html(source: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return highlight(source, PythonLexer(), HtmlFormatter(cssclass="highlight code"))


def picture(png_base64: str, alt: str, css: str = "figure") -> str:
    return f'<img class="{css}" alt="{html.escape(alt)}" src="data:image/png;base64,{png_base64.strip()}">'


def widget_name(source: str, text: str) -> str:
    """What a widget is called: the call on its cell's last line (``detectors.bias_explorer``), else its text's."""
    lines = [line.split("#")[0].strip() for line in source.splitlines() if line.split("#")[0].strip()]
    called = re.match(r"([A-Za-z_][\w.]*)\(", lines[-1]) if lines else None
    named = re.match(r"[A-Za-z_][\w.]*", text)
    return called.group(1) if called else named.group(0) if named else "widget"


def shortened(text: str, lines: int = OUTPUT_LINES, language: str = "en") -> str:
    """A printed output for a slide: its first ``lines`` lines, and how many more the notebook shows."""
    kept = text.rstrip().splitlines()
    if len(kept) <= lines:
        return "\n".join(kept)
    return "\n".join(kept[:lines - 1] + [fixed_text(language, "more lines", count=len(kept) - lines + 1)])


def joined(value) -> str:
    return "".join(value) if isinstance(value, list) else (value or "")


# ------------------------------------------------------------------------------------------------ slides


@dataclasses.dataclass
class Item:
    """One block on a slide: its HTML, the words of text in it, and whether it may move to the notes."""

    html: str
    words: int = 0
    movable: bool = False
    code_lines: int = 0


@dataclasses.dataclass
class Slide:
    """One slide of the deck: where it comes from, what is on it, the speaker's notes."""

    notebook: str
    kind: str  # "title" (the deck's), "slide" or "subslide"
    cells: list[int] = dataclasses.field(default_factory=list)
    items: list[Item] = dataclasses.field(default_factory=list)
    notes: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    widgets: list[str] = dataclasses.field(default_factory=list)
    css: str = ""

    @property
    def words(self) -> int:
        return sum(item.words for item in self.items)

    def fit(self, budget: int = WORD_BUDGET) -> None:
        """While there are more than ``budget`` words, move the longest paragraph into the notes."""
        while self.words > budget:
            movable = [item for item in self.items if item.movable]
            if not movable:
                return
            longest = max(movable, key=lambda item: item.words)
            self.notes.append((self.items.index(longest), longest.html))
            self.items.remove(longest)
        self.notes.sort(key=lambda note: note[0])

    def zoom(self) -> None:
        """A picture that shares its slide fills the whole slide on the next key press (after the slide's text).

        A projected figure must be big enough to point at its numbers and labels; a picture is left as it is
        only when it is alone on its slide under at most three lines of code.
        """
        pictures = sum(item.html.count(mark) for item in self.items for mark in PICTURE_MARKS)
        if not pictures:
            return
        code_lines = sum(item.code_lines for item in self.items)
        if pictures == 1 and len(self.items) == 1 and code_lines <= 3:
            return
        fragments = 0
        for item in self.items:
            if item.html.startswith('<div class="fragment">'):
                item.html = item.html.replace('<div class="fragment">',
                                              f'<div class="fragment" data-fragment-index="{fragments}">', 1)
                fragments += 1
        for item in self.items:
            for mark in PICTURE_MARKS:
                while mark in item.html:
                    zoomed = f'{mark[:-1]} fragment custom zoom" data-fragment-index="{fragments}"'
                    item.html = item.html.replace(mark, zoomed, 1)
                    fragments += 1


class Builder:
    """Turns notebooks into slides; ``snapshot(notebook, state, model_id)`` draws widgets (None: text instead)."""

    def __init__(self, snapshot=None, language: str = "en"):
        self.snapshot = snapshot
        self.language = language
        self.parse, self.render = _markdown()

    def say(self, key: str, **values) -> str:
        return fixed_text(self.language, key, **values)

    def markdown_items(self, source: str) -> list[Item]:
        from mistune.core import BlockState

        items = []
        for token in self.parse(source):
            if token["type"] == "blank_line":
                continue
            fragment = self.render.renderer([token], BlockState())
            prose = token["type"] in ("heading", "paragraph", "list", "block_quote")
            items.append(Item(fragment, text_words(fragment) if prose else 0, token["type"] == "paragraph"))
        return items

    def output_html(self, output: dict, notebook: dict, where: str, slide: Slide, cell_source: str = "") -> str:
        kind = output.get("output_type")
        if kind == "stream":
            text = ANSI.sub("", joined(output.get("text")))
            return (f'<pre class="output {output.get("name", "stdout")}">'
                    f'{html.escape(shortened(text, language=self.language))}</pre>')
        if kind == "error":
            return f'<pre class="output stderr">{html.escape(output.get("ename", ""))}: ' \
                   f'{html.escape(output.get("evalue", ""))}</pre>'
        data = output.get("data", {})
        text = joined(data.get("text/plain"))
        if WIDGET_VIEW in data:
            model_id = data[WIDGET_VIEW]["model_id"]
            name = widget_name(cell_source, text)
            slide.widgets.append(name)
            state = notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {})
            png = self.snapshot(where, state, model_id) if self.snapshot and model_id in state.get("state", {}) \
                else None
            if png:
                image = picture(base64.b64encode(png).decode(), self.say("snapshot alt", name=name), "snapshot")
                caption = html.escape(self.say("snapshot", name=name))
                return f'<figure class="widget">{image}<figcaption>{caption}</figcaption></figure>'
            return (f'<div class="widget live"><p>{html.escape(self.say("live"))} <strong>{html.escape(name)}</strong>'
                    f'</p><pre class="output">{html.escape(text)}</pre></div>')
        if "image/png" in data:
            notebook_name, cell = where.rsplit(", cell ", 1)
            return picture(joined(data["image/png"]), self.say("figure alt", notebook=notebook_name, cell=cell))
        if text:
            return f'<pre class="output">{html.escape(shortened(ANSI.sub("", text), language=self.language))}</pre>'
        return ""

    def code_item(self, cell: dict, notebook: dict, where: str, slide: Slide) -> Item:
        source = joined(cell.get("source"))
        outputs = [self.output_html(output, notebook, where, slide, source) for output in cell.get("outputs", [])]
        outputs = "".join(part for part in outputs if part)
        has_picture = "<img" in outputs or 'class="widget' in outputs
        layout = "cell with-picture" if has_picture else "cell"
        return Item(f'<div class="{layout}">{code_html(source)}'
                    f'<div class="outputs">{outputs}</div></div>', code_lines=len(source.strip().splitlines()))

    def notebook_slides(self, path: pathlib.Path, with_on_ramp: bool, heading: str,
                        questions: tuple[int, ...] = ()) -> list[Slide]:
        """The slides of one notebook; ``heading`` (its minutes) is added to its title slide.

        Of the exit ticket, only the ``questions`` asked (none given: all of them), with its opening and hand-in.
        """
        notebook = json.loads(path.read_text(encoding="utf-8"))
        shown = asked(notebook["cells"], questions) if is_exit_ticket(notebook) else [True] * len(notebook["cells"])
        slides: list[Slide] = []
        before: list[tuple[Slide, str, str]] = []
        for index, cell in enumerate(notebook["cells"]):
            if not in_deck(cell, with_on_ramp) or not shown[index]:
                continue
            where = f"{path.name}, cell {index}"
            kind = slide_type(cell, where)
            if kind == "skip":
                continue
            if kind in STARTS or not slides:
                if not slides and kind != "slide":
                    raise ValueError(f"{where} is the notebook's first cell on the slides, so it must be a 'slide', "
                                     f"not {kind!r}")
                slides.append(Slide(path.stem, kind))
                if (target := cell.get("metadata", {}).get("nnbook", {}).get("slide_before")):
                    before.append((slides[-1], target, where))
            slide = slides[-1]
            slide.cells.append(index)
            source = joined(cell.get("source"))
            if cell.get("cell_type") == "code":
                slide.items.append(self.code_item(cell, notebook, where, slide))
            elif kind == "notes":
                slide.notes.append((len(slide.items), self.render(source)))
            elif kind == "fragment":
                items = self.markdown_items(source)
                slide.items.append(Item(f'<div class="fragment">{"".join(item.html for item in items)}</div>',
                                        sum(item.words for item in items)))
            else:
                slide.items.extend(self.markdown_items(source))
        ids = {cell.get("id"): index for index, cell in enumerate(notebook["cells"])}
        for moved, target, where in before:
            holder = next((slide for slide in slides if ids.get(target) in slide.cells), None)
            if holder is None or holder is slides[0] and moved is not slides[0]:
                raise ValueError(f"{where}: metadata.nnbook.slide_before names {target!r}, which is no cell on this "
                                 f"notebook's slides after its title: give the id of a cell on a later slide")
            slides.remove(moved)
            slides.insert(slides.index(holder), moved)
        if slides:
            slides[0].items.insert(1, Item(f'<p class="minutes">{html.escape(heading)}</p>'))
            slides[0].css = "notebook-title"
        for slide in slides:
            slide.fit()
            slide.zoom()
        return slides


def minutes_of(path: pathlib.Path) -> dict[str, float]:
    stats = course_stats.notebook_stats(path)
    return {part: stats[part]["minutes"] for part in ("core", "on-ramp")}


def is_exit_ticket(notebook: dict) -> bool:
    return bool(notebook.get("metadata", {}).get("nnbook", {}).get("exit_ticket", False))


def question_of(cells: list[dict]) -> list[int | None]:
    """For each cell of the exit ticket, the question it belongs to (from "### Question N", in Dutch "### Vraag N",
    to the next heading)."""
    found, current = [], None
    for cell in cells:
        source = joined(cell.get("source"))
        if cell.get("cell_type") == "markdown" and source.startswith("#"):
            asked = re.match(r"### (?:Question|Vraag) (\d+)\b", source)
            current = int(asked.group(1)) if asked else None
        found.append(current)
    return found


def asked(cells: list[dict], questions: tuple[int, ...]) -> list[bool]:
    """Which cells of the exit ticket a session shows: all but the questions it does not ask (none given: all)."""
    return [not questions or question is None or question in questions for question in question_of(cells)]


def exit_minutes(path: pathlib.Path, questions: tuple[int, ...] = ()) -> float:
    """The exit ticket's minutes by course_stats' model for these questions, with its opening and hand-in."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    kept = [cell for cell, shown in zip(cells, asked(cells, questions)) if shown]
    counts = course_stats.count([cell for cell in kept if course_stats.part_of(cell) == "core"])
    return round(course_stats.minutes(counts, "core", exercise_minutes=course_stats.MINUTES_PER_EXIT_QUESTION), 1)


def plan_for(numbers: tuple[str, ...], language: str = "en") -> Plan:
    """The plan of a session with exactly these notebooks; for others, a plan of measured minutes."""
    numbers = tuple(number.zfill(2) for number in numbers)
    for plan in PLANS[language].values():
        if numbers == plan.notebooks:
            return plan
    rows, start = [], 0
    for number in numbers:
        path = notebook_path(number)
        minutes = exit_minutes(path) if number == "10" else minutes_of(path)["core"]
        end = start + course_stats.rounded_minutes(minutes)
        rows.append((start, end, notebook_title(notebook_path(number, language))))
        start = end
    return Plan(title=fixed_text(language, "notebooks", numbers=", ".join(numbers)), notebooks=numbers,
                rows=tuple(rows))


def course_name(language: str = "en") -> str:
    """The course's name: the first heading of README.md (in Dutch, of LEESMIJ.md)."""
    first = (ROOT / ("README.md" if language == "en" else "LEESMIJ.md")).read_text(encoding="utf-8").splitlines()[0]
    return first.lstrip("# ").strip()


def title_slide(plan: Plan, language: str = "en") -> Slide:
    rows = "".join(f"<tr><td>{start}–{end}</td><td>{html.escape(what)}</td></tr>" for start, end, what in plan.rows)
    items = [Item(f'<p class="course">{html.escape(course_name(language))}</p>'),
             Item(f"<h1>{html.escape(plan.title)}</h1>"),
             Item(f'<p class="minutes">{fixed_text(language, "minutes", minutes=plan.minutes)}</p>'),
             Item(f'<table class="plan"><thead><tr><th>{fixed_text(language, "minutes column")}</th><th></th>'
                  f"</tr></thead><tbody>{rows}</tbody></table>")]
    notes = [(0, f"<p>{html.escape(fixed_text(language, 'title notes'))}</p>")]
    return Slide("", "title", items=items, notes=notes, css="deck-title")


def deck(numbers: tuple[str, ...] = WORKSHOP.notebooks, snapshot=None,
         language: str = "en") -> tuple[Plan, list[Slide]]:
    """The plan and every slide, in order, for the notebooks ``numbers`` (in Dutch: of notebooks/nl/).

    The minutes are the English notebooks' measured ones in either language: the plans are made of them, and a
    Dutch notebook, with the same cells, has other word counts but not another lesson.
    """
    notebooks_folder(language)
    plan = plan_for(numbers, language)
    builder = Builder(snapshot, language)
    slides = [title_slide(plan, language)]
    slots = {what[:2]: (start, end) for start, end, what in plan.rows}
    for number in plan.notebooks:
        measured = notebook_path(number)
        minutes = minutes_of(measured)
        with_on_ramp = plan.with_on_ramp and minutes["on-ramp"] > 0
        heading = fixed_text(language, "core", minutes=course_stats.rounded_minutes(minutes["core"]))
        if with_on_ramp:
            heading += fixed_text(language, "on-ramp", minutes=course_stats.rounded_minutes(minutes["on-ramp"]))
        if number == "10" and plan.questions:
            shown = (fixed_text(language, "question range", first=plan.questions[0], last=plan.questions[-1])
                     if len(plan.questions) > 1 else plan.questions[0])
            heading = fixed_text(language, "questions", shown=shown,
                           minutes=course_stats.rounded_minutes(exit_minutes(measured, plan.questions)),
                           all=course_stats.rounded_minutes(minutes["core"]))
        if number in slots:
            heading += fixed_text(language, "slot", start=slots[number][0], end=slots[number][1])
        slides.extend(builder.notebook_slides(notebook_path(number, language), with_on_ramp, heading,
                                              plan.questions))
    return plan, slides


# ---------------------------------------------------------------------------------------- widget snapshots


DRAWN = """() => {
  const area = document.querySelector("#widget .widget-subarea");
  return area && area.children.length > 0 && area.getBoundingClientRect().height > 20;
}"""


class Snapshots:
    """Pictures of stored widgets: their saved state drawn in headless Chromium by the static widget renderer.

    The page and every file it asks for are answered here (no request leaves
    the machine): require.js and the html-manager from the pinned npm
    packages, anywidget's browser side from the installed anywidget. Each
    picture is cached in ``folder`` under a hash of the state, the model and
    the renderer, so an unchanged widget is never drawn twice.
    """

    ORIGIN = "http://widgets.nnbook.invalid/"

    def __init__(self, folder: pathlib.Path = SNAPSHOTS):
        self.folder = folder
        self.drawn = self.cached = 0
        self.problems: list[str] = []
        self._playwright = self._browser = None
        self._files: dict[str, bytes] | None = None

    def key(self, state: dict, model_id: str) -> str:
        renderer = [HTML_MANAGER, REQUIREJS, self.anywidget()[0]]
        text = json.dumps({"state": state, "model": model_id, "renderer": renderer}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @staticmethod
    def anywidget() -> tuple[str, bytes | None]:
        try:
            import anywidget
        except ImportError:
            return "no anywidget", None
        path = pathlib.Path(anywidget.__file__).parent / "nbextension" / "index.js"
        return f"anywidget {anywidget.__version__}", path.read_bytes() if path.is_file() else None

    def __call__(self, where: str, state: dict, model_id: str) -> bytes | None:
        notebook = where.split(",")[0].removesuffix(".ipynb")
        path = self.folder / f"{notebook}-{model_id[:8]}-{self.key(state, model_id)}.png"
        if path.is_file():
            self.cached += 1
            return path.read_bytes()
        try:
            png = self.draw(state, model_id)
        except Exception as error:  # a widget that cannot be drawn gets its text slide, and the build goes on
            self.problems.append(f"{where}: the widget could not be drawn ({str(error).splitlines()[0]})")
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png)
        self.drawn += 1
        return png

    def page(self, state: dict, model_id: str) -> str:
        view = json.dumps({"version_major": 2, "version_minor": 0, "model_id": model_id})
        saved = json.dumps(state).replace("</", "<\\/")
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8">'
                f'<script src="{self.ORIGIN}require.js"></script>'
                f'<script data-jupyter-widgets-cdn="{self.ORIGIN}cdn/" src="{self.ORIGIN}embed-amd.js"></script>'
                f'<style>body {{ margin: 0; padding: 8px; background: white; font-family: sans-serif; }}</style>'
                f'</head><body><script type="{WIDGET_STATE}">{saved}</script>'
                f'<div id="widget" style="display: inline-block"><script type="{WIDGET_VIEW}">{view}</script></div>'
                f'</body></html>')

    def answer(self, route, page_html: str) -> None:
        url = route.request.url
        name = url.split("?")[0].rsplit("/", 1)[-1]
        if url == self.ORIGIN:
            return route.fulfill(status=200, body=page_html, content_type="text/html")
        if name in ("require.js", "require.min.js"):
            return route.fulfill(status=200, body=self._files["require.js"], content_type="application/javascript")
        if re.search(r"/anywidget@[^/]+/dist/index\.js$", url) and self.anywidget()[1]:
            return route.fulfill(status=200, body=self.anywidget()[1], content_type="application/javascript")
        if url.startswith(self.ORIGIN):
            if name in self._files:
                kind = "application/javascript" if name.endswith(".js") else None
                return route.fulfill(status=200, body=self._files[name], content_type=kind)
            return route.fulfill(status=404, body="")  # the renderer looks beside the page first, then on the "CDN"
        self.problems.append(f"a widget asked for {url}, outside this machine; refused")
        return route.abort()

    def start(self) -> None:
        from playwright.sync_api import sync_playwright

        files = {path.rsplit("/", 1)[-1]: data for path, data in npm_vendor.files(HTML_MANAGER).items()
                 if path.startswith("dist/") and not path.endswith(".map")}
        files["require.js"] = npm_vendor.file(REQUIREJS, "require.js")
        self._files = files
        self._playwright = sync_playwright().start()
        try:
            self._browser = chromium.launch(self._playwright)
        except chromium.ChromiumMissing as missing:
            self._playwright.stop()
            raise FileNotFoundError(f"the widget snapshots are drawn in a headless Chromium: {missing}") from None

    def draw(self, state: dict, model_id: str) -> bytes:
        if self._browser is None:
            self.start()
        context = self._browser.new_context(viewport={"width": 1100, "height": 800}, device_scale_factor=1.5)
        try:
            page_html = self.page(state, model_id)
            context.route("**/*", lambda route: self.answer(route, page_html))
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(self.ORIGIN)
            page.wait_for_function(DRAWN, timeout=30_000)
            page.wait_for_function("() => [...document.images].every((image) => image.complete)", timeout=15_000)
            page.wait_for_timeout(700)  # let anywidget's modules finish drawing
            if errors:
                raise RuntimeError("; ".join(errors))
            return page.locator("#widget .widget-subarea").screenshot()
        finally:
            context.close()

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
            self._browser = self._playwright = None


# -------------------------------------------------------------------------------------------------- HTML


STYLE = """
.reveal { --r-main-font-size: 32px; --r-heading1-size: 1.8em; --r-heading2-size: 1.4em; --r-heading3-size: 1.1em; }
.reveal .slides section { text-align: left; }
.reveal .slides section:not(.stack) { height: 100%; display: flex !important; flex-direction: column; }
.reveal .slides section:not(.stack) > * { flex: none; }
.reveal h1, .reveal h2, .reveal h3 { text-transform: none; margin-bottom: 0.35em; }
.reveal p, .reveal li { line-height: 1.35; }
.reveal p { margin: 0.35em 0; }
.reveal ul { margin-left: 1em; }
.reveal .course { color: #555; margin-bottom: 0.2em; }
.reveal .minutes { color: #b45309; font-weight: bold; }
.reveal table { font-size: 0.75em; margin: 0.4em 0; }
.reveal table th, .reveal table td { padding: 0.12em 0.6em; }
.reveal .slides section:not(.stack) > .cell { flex: 0 1 auto; min-height: 0; display: flex; flex-direction: column;
  gap: 0.25em; margin: 0.3em 0; }
.reveal .slides section:not(.stack) > .cell.with-picture { flex: 1 1 auto; }
.reveal .cell > .highlight, .reveal .outputs { min-height: 0; display: flex; flex-direction: column; gap: 0.25em; }
.reveal .cell > .highlight { flex: 0 1 auto; }
.reveal .outputs { flex: 1 1 auto; }
.reveal pre { width: 100%; box-sizing: border-box; box-shadow: none; margin: 0; font-size: var(--code, 20px);
  line-height: 1.3; white-space: pre-wrap; overflow-wrap: anywhere; }
.reveal .highlight.code pre { background: #f4f4f5; border-left: 5px solid #2563eb; padding: 0.4em 0.7em;
  height: 100%; box-sizing: border-box; overflow: auto; }
.reveal pre.output { flex: 0 1 auto; min-height: 2em; background: white; border-left: 5px solid #a1a1aa;
  padding: 0.2em 0.7em; font-size: calc(var(--code, 20px) * 0.9); overflow: auto; }
.reveal pre.stderr { border-left-color: #dc2626; }
.reveal .outputs img.figure, .reveal .outputs figure.widget { flex: 1 1 0; min-height: 120px; }
.reveal img.figure { display: block; width: 100%; height: 100%; max-width: none; max-height: none;
  object-fit: contain; object-position: left top; margin: 0; }
.reveal figure.widget { margin: 0; display: flex; flex-direction: column; }
.reveal img.snapshot { flex: 1 1 0; min-height: 0; width: 100%; max-width: none; max-height: none;
  object-fit: contain; object-position: left top; margin: 0; border: 1px solid #ddd; box-sizing: border-box; }
.reveal figure.widget figcaption { flex: none; font-size: 18px; color: #555; }
.reveal div.widget.live p { font-size: 0.8em; }
.reveal .slides section:not(.fitting) .zoom.visible { position: absolute; inset: 0; z-index: 20; margin: 0;
  width: 100%; height: 100%; min-height: 0; box-sizing: border-box; background: white; }
.reveal .slides section:not(.fitting) img.zoom.visible { object-position: center top; }
.reveal .slides section:not(.fitting) figure.zoom.visible img.snapshot { object-position: center top; border: none; }
.reveal img.math { vertical-align: middle; height: 1.3em; margin: 0; }
.reveal .formula img.math { height: 1.8em; }
"""


LAYOUT_SCRIPT = """
// The deck is 768 high and as wide as the screen's shape allows (1024 on a 4:3 projector, 1366 on 16:9), so
// that a 1024×768 projector shows it at almost full size instead of a 16:9 deck shrunk to fit.
function deckSize() {
  const ratio = window.innerWidth / Math.max(window.innerHeight, 1);
  return {width: Math.round(Math.min(Math.max(768 * ratio, 1024), 1366)), height: 768};
}
// Code gets the largest font that lets its slide fit: no code or output cut off, nothing below the slide,
// every picture at least 30% of the slide's height. Measured when a slide is shown (hidden ones have no size).
const CODE_SIZES = [28, 26, 24, 22, 20];
function fits(slide) {
  const box = slide.getBoundingClientRect();
  const inside = [...slide.children].filter((child) => child.tagName !== "ASIDE")
    .every((child) => child.getBoundingClientRect().bottom <= box.bottom + 1);
  const code = [...slide.querySelectorAll("pre")]
    .every((pre) => pre.scrollHeight <= pre.clientHeight + 1 && pre.scrollWidth <= pre.clientWidth + 1);
  const pictures = [...slide.querySelectorAll("img.figure, img.snapshot")]
    .every((picture) => picture.getBoundingClientRect().height >= 0.3 * box.height);
  return inside && code && pictures;
}
function fit(slide) {
  if (!slide || slide.dataset.fitted || !slide.querySelector("pre")) return;
  slide.classList.add("fitting");
  for (const size of CODE_SIZES) {
    slide.style.setProperty("--code", size + "px");
    if (fits(slide)) break;
  }
  slide.classList.remove("fitting");
  slide.dataset.fitted = slide.style.getPropertyValue("--code");
}
Reveal.on("ready", (event) => fit(event.currentSlide));
Reveal.on("slidechanged", (event) => fit(event.currentSlide));
window.addEventListener("resize", () => {
  const size = deckSize();
  if (size.width === Reveal.getConfig().width) return;
  Reveal.configure(size);
  document.querySelectorAll(".reveal section[data-fitted]").forEach((slide) => delete slide.dataset.fitted);
  fit(Reveal.getCurrentSlide());
});
Reveal.initialize(Object.assign(DECK, deckSize(), {plugins: [RevealNotes]}));
"""


def section_html(slide: Slide) -> str:
    body = "\n".join(item.html for item in slide.items)
    notes = "\n".join(note for _, note in slide.notes)
    aside = f'\n<aside class="notes">{notes}</aside>' if notes else ""
    data = f' data-notebook="{slide.notebook}" data-cells="{" ".join(map(str, slide.cells))}"'
    if slide.widgets:
        data += f' data-widgets="{html.escape(" ".join(slide.widgets))}"'
    return f'<section class="{slide.css}"{data}>\n{body}{aside}\n</section>'


def script(code: bytes) -> str:
    return "<script>" + code.decode("utf-8").replace("</script", "<\\/script") + "</script>"


def deck_html(plan: Plan, slides: list[Slide], language: str = "en") -> str:
    """The whole deck as one HTML page: horizontal slides, each with its subslides below it."""
    from pygments.formatters import HtmlFormatter

    stacks: list[list[Slide]] = []
    for slide in slides:
        if slide.kind == "subslide" and stacks:
            stacks[-1].append(slide)
        else:
            stacks.append([slide])
    sections = []
    for stack in stacks:
        inner = "\n".join(section_html(slide) for slide in stack)
        sections.append(inner if len(stack) == 1 else f'<section class="stack">\n{inner}\n</section>')
    css = "\n".join(npm_vendor.file(REVEAL, f"dist/{name}").decode("utf-8")
                    for name in ("reset.css", "reveal.css", "theme/white.css"))
    css += HtmlFormatter(style="default").get_style_defs(".highlight") + STYLE
    config = {"hash": False, "history": False, "navigationMode": "linear", "slideNumber": "c/t",
              "margin": 0.04, "transition": "none", "controls": True, "progress": True, "center": False}
    return "\n".join([
        '<!DOCTYPE html>', f'<html lang="{language}">', '<head>', '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{GENERATOR}">',
        f"<title>{html.escape(plan.title)} · {html.escape(course_name(language))}</title>",
        f"<style>{css}</style>", "</head>", "<body>", '<div class="reveal"><div class="slides">',
        *sections,
        "</div></div>",
        script(npm_vendor.file(REVEAL, "dist/reveal.js")),
        script(npm_vendor.file(REVEAL, "dist/plugin/notes.js")),
        f"<script>const DECK = {json.dumps(config)};\n{LAYOUT_SCRIPT}</script>",
        "</body>", "</html>", ""])


# --------------------------------------------------------------------------------------------------- main


def safe_to_write(out: pathlib.Path) -> None:
    """Refuse to overwrite a file this script did not make (a teacher's own page, say)."""
    if out.suffix != ".html":
        raise ValueError(f"--out must name an .html file, not {out}")
    if out.exists() and GENERATOR not in out.read_text(encoding="utf-8", errors="replace")[:2000]:
        raise ValueError(f"{out} exists and is not a deck this script made; it is left alone: choose another --out")


def build(numbers: tuple[str, ...], out: pathlib.Path, snapshots: bool = True,
          language: str = "en") -> tuple[Plan, list[Slide], dict]:
    """Write the deck for ``numbers`` to ``out``; return the plan, the slides and what the snapshots did."""
    safe_to_write(out)
    drawer = Snapshots() if snapshots else None
    try:
        plan, slides = deck(numbers, drawer, language)
    finally:
        if drawer is not None:
            drawer.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(deck_html(plan, slides, language), encoding="utf-8")
    report = {"drawn": drawer.drawn if drawer else 0, "cached": drawer.cached if drawer else 0,
              "problems": drawer.problems if drawer else []}
    return plan, slides, report


def shown(path: pathlib.Path) -> pathlib.Path:
    """A path as the messages show it: from the repository's folder when it is inside it."""
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="The rules for the notebooks' slide metadata are in this script's "
                                            "docstring: python3 -c \"help('scripts/build_slides.py')\" or read it.")
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--session", type=int, choices=sorted(SESSIONS), default=None,
                        help="a session of teacher/plans.md: 1 the workshop (the default), 2 notebooks 04-06 and exit "
                             "questions 4-6, 3 notebooks 07-09 and exit questions 7-8")
    chosen.add_argument("--notebooks", nargs="+", default=None, metavar="NN",
                        help="the notebooks on the deck, by number, 00 to 10 (10, the exit ticket: all eight "
                             "questions)")
    parser.add_argument("--out", type=pathlib.Path, default=None,
                        help=f"the HTML file to write (default: {shown(OUT)}, or session-N.html beside "
                             "it for --session 2 and 3, or slides-NN-NN.html for --notebooks)")
    parser.add_argument("--no-snapshots", action="store_true",
                        help="do not draw the widgets in Chromium: their slides say 'Live in the notebook'")
    parser.add_argument("--language", choices=LANGUAGES, default="en",
                        help="en: the English notebooks (the default); nl: the Dutch ones (notebooks/nl/), every "
                             "text of the deck in Dutch, the plans of teacher/nl/plans.md, and '-nl' at the end of "
                             "the default file's name (workshop-nl.html)")
    args = parser.parse_args(argv)
    if args.notebooks:
        numbers = tuple(args.notebooks)
        default_out = OUT.with_name(f"slides-{'-'.join(number.zfill(2) for number in numbers)}.html")
    else:
        session = args.session or 1
        numbers = SESSIONS[session].notebooks
        default_out = OUT if session == 1 else OUT.with_name(f"session-{session}.html")
    if args.language != "en":
        default_out = default_out.with_name(f"{default_out.stem}-{args.language}.html")
    out = (args.out if args.out is not None else default_out).resolve()
    started = time.monotonic()
    try:
        plan, slides, report = build(numbers, out, snapshots=not args.no_snapshots, language=args.language)
    except (ValueError, OSError) as error:
        print(f"build_slides: {error}", file=sys.stderr)
        return 2
    seconds = time.monotonic() - started
    widgets = sum(len(slide.widgets) for slide in slides)
    print(f"{shown(out)}: {plan.title}, {len(slides)} slides from notebooks {' '.join(plan.notebooks)}, "
          f"{out.stat().st_size / 1e6:.1f} MB, in {seconds:.1f} s")
    if not args.no_snapshots:
        print(f"  widgets: {widgets}, snapshots drawn {report['drawn']}, from the cache "
              f"({shown(SNAPSHOTS)}) {report['cached']}")
    for problem in report["problems"]:
        print(f"  {problem}; its slide shows the widget's text", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
