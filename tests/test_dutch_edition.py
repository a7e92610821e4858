"""The Dutch edition (notebooks/nl/) is the English course in Dutch, cell for cell.

A Dutch notebook has the English notebook's cells, in the same order, with the
same ids, cell types and metadata (tags such as ``extension`` and
``nbval-ignore-output``). Its markdown is Dutch; its code is the English code
character for character, except the install cell (the first code cell), which
ends with two more lines that switch the package to Dutch. Its outputs are the
English outputs apart from the text the package writes in Dutch: the same
output types and mime types, the same numbers in the same order in every text
output, and images of nearly the same size (a Dutch label may be longer).

The glossary at the end of notebook 09 (English | Nederlands) is the single
source of the Dutch terms: a Dutch notebook uses the glossary's term for every
glossary term its English twin uses, and none of the known second translations.

The stored-notebook promises of tests/test_notebooks_stored.py that do not
depend on the language (executed top to bottom, no stderr, no machine paths,
widgets ignored by nbval with their state saved) are checked here for both
editions. The last test fails until the Dutch notebooks have been executed on
their own (``python3 run.py execute``); until then they hold copies of the
English outputs.
"""

from __future__ import annotations

import base64
import configparser
import importlib.util
import json
import pathlib
import re
import struct

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ENGLISH = ROOT / "notebooks"
DUTCH = ENGLISH / "nl"
NAMES = sorted(path.stem for path in ENGLISH.glob("[0-9][0-9]-*.ipynb"))
EDITIONS = {"en": ENGLISH, "nl": DUTCH}
BOTH = [pytest.param(edition, name, id=f"{edition}/{name}") for edition in EDITIONS for name in NAMES]

LANGUAGE_LINES = [
    "import nnbook",
    'nnbook.set_language("nl")  # Nederlandse teksten in de checks, widgets en figuren',
]
"""What the Dutch install cell adds at the end of the English one (the brief of issue 16)."""

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
MACHINE_PATH = re.compile(r"(/home/[^/\s]+/|/root/|/tmp/|/work/|/Users/[^/\s]+/|[A-Z]:\\\\Users\\\\)")
GLOSSARY_CELL = "1e788725"
"""The id of the glossary's cell in notebook 09 (English | Nederlands | ...), in both editions."""


def load(edition: str, name: str) -> dict:
    return json.loads((EDITIONS[edition] / f"{name}.ipynb").read_text(encoding="utf-8"))


def source(cell) -> str:
    return "".join(cell["source"])


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def code_cells(notebook) -> list[dict]:
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def pairs(name: str) -> list[tuple[dict, dict]]:
    english, dutch = load("en", name), load("nl", name)
    assert len(english["cells"]) == len(dutch["cells"]), (
        f"nl/{name} has {len(dutch['cells'])} cells, the English {len(english['cells'])}")
    return list(zip(english["cells"], dutch["cells"]))


# The two editions, cell for cell -----------------------------------------------------------

def test_every_english_notebook_has_a_dutch_twin_and_back():
    english = sorted(path.name for path in ENGLISH.glob("*.ipynb"))
    dutch = sorted(path.name for path in DUTCH.glob("*.ipynb"))
    assert dutch == english, (
        f"only in English: {sorted(set(english) - set(dutch))}; only in Dutch: {sorted(set(dutch) - set(english))}")


@pytest.mark.parametrize("name", NAMES)
def test_same_cells_in_the_same_order_with_the_same_ids_types_and_metadata(name):
    for index, (english, dutch) in enumerate(pairs(name)):
        where = f"nl/{name} cell {index} ({english['id']})"
        assert dutch["id"] == english["id"], f"{where}: the Dutch cell has id {dutch['id']!r}"
        assert dutch["cell_type"] == english["cell_type"], (
            f"{where}: a {dutch['cell_type']} cell, not {english['cell_type']}")
        assert dutch.get("metadata", {}) == english.get("metadata", {}), (
            f"{where}: metadata {dutch.get('metadata')} differs from the English {english.get('metadata')}")


@pytest.mark.parametrize("name", NAMES)
def test_same_notebook_metadata(name):
    english, dutch = load("en", name), load("nl", name)
    for key in ("kernelspec", "nnbook"):
        assert dutch["metadata"].get(key) == english["metadata"].get(key), (
            f"nl/{name}: notebook metadata {key!r} differs")
    assert ("widgets" in dutch["metadata"]) == ("widgets" in english["metadata"]), (
        f"nl/{name}: only one edition has saved widget state")
    assert (dutch["nbformat"], dutch["nbformat_minor"]) == (english["nbformat"], english["nbformat_minor"])


@pytest.mark.parametrize("name", NAMES)
def test_code_is_the_english_code_and_the_install_cell_sets_the_language(name):
    code = [(english, dutch) for english, dutch in pairs(name) if english["cell_type"] == "code"]
    (install_en, install_nl), rest = code[0], code[1:]
    expected = source(install_en).rstrip("\n") + "\n" + "\n".join(LANGUAGE_LINES)
    assert source(install_nl).rstrip("\n") == expected, (
        f"nl/{name} install cell ({install_en['id']}) must be the English one plus exactly these lines:\n"
        + "\n".join(LANGUAGE_LINES))
    for english, dutch in rest:
        assert source(dutch) == source(english), f"nl/{name} code cell {english['id']} differs from the English"


# Outputs: the same apart from the package's Dutch ------------------------------------------

def sanitizers() -> list[tuple[re.Pattern, str]]:
    """tests/sanitize.cfg, which nbval applies too: addresses, timings and paths differ between runs."""
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "tests" / "sanitize.cfg", encoding="utf-8")
    return [(re.compile(config[section]["regex"]), config[section]["replace"]) for section in config.sections()]


SANITIZERS = sanitizers()
# One number: digits in groups of three joined by the English comma (8,000) or the Dutch space
# (13 002, also a no-break or narrow no-break space), or plain digits with a decimal point.
NUMBER = re.compile(r"\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?![\d.])|\d+(?:\.\d+)?")


DIGIT_PLURALS = dict(zip(
    ["nullen", "enen", "tweeën", "drieën", "vieren", "vijven", "zessen", "zevens", "achten", "negens"], "0123456789"))
DIGIT_PLURALS |= {"zeros": "0", "zeroes": "0"}
"""The Dutch plurals of the digits, which the package may write where the English writes 0s, 1s, ... 9s
(and "nullen" where it writes zeros)."""
DIGIT_PLURAL = re.compile(r"\b(" + "|".join(DIGIT_PLURALS) + r")\b", re.IGNORECASE)


def numbers(text: str) -> list[str]:
    """Every number in the text, in order, written without thousands separators ("zevens" counts as 7)."""
    text = DIGIT_PLURAL.sub(lambda match: DIGIT_PLURALS[match.group(0).lower()], text)
    for pattern, replacement in SANITIZERS:
        text = pattern.sub(replacement, text)
    return [re.sub(r"[, \u00a0\u202f]", "", found) for found in NUMBER.findall(text)]


def png_size(data: str) -> tuple[int, int]:
    """(width, height) from a base64 PNG's header: the bytes change with the text drawn, the size must not."""
    header = base64.b64decode(data[:64])
    assert header[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", header[16:24])


def text_of(output: dict) -> list[tuple[str, str]]:
    """(what, text) for every text in an output: a stream, each text/* mime type, an error's name and value."""
    if output["output_type"] == "stream":
        return [(f"stream {output['name']}", "".join(output["text"]))]
    if output["output_type"] == "error":
        return [("error", f"{output['ename']}: {output['evalue']}")]
    texts = []
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/") and mime != "text/html":
            texts.append((mime, "".join(value) if isinstance(value, list) else value))
    return texts


def shape_of(output: dict) -> tuple:
    """What must match between the editions beyond the numbers: the output type, stream name, mime types."""
    if output["output_type"] == "stream":
        return ("stream", output["name"])
    if output["output_type"] == "error":
        return ("error", output["ename"])
    return (output["output_type"], tuple(sorted(output.get("data", {}))))


def coalesced(outputs: list[dict]) -> list[dict]:
    """The outputs with each run of stream outputs of one name joined, as nbval joins them.

    How a cell's printing is split into stream outputs depends on timing, not on the cell.
    """
    joined = []
    for output in outputs:
        if (output["output_type"] == "stream" and joined and joined[-1]["output_type"] == "stream"
                and joined[-1]["name"] == output["name"]):
            joined[-1] = {**joined[-1], "text": "".join(joined[-1]["text"]) + "".join(output["text"])}
        else:
            joined.append(output)
    return joined


IMAGE_SIZE_TOLERANCE = 0.10
"""How far a Dutch figure's width or height may be from the English one's, as a share of it.

The inline backend crops a figure to what is drawn on it (bbox_inches="tight"), so a Dutch title or
label of another length changes the size by a few pixels; another figure size, another number of
panels or a missing figure changes it by far more.
"""


def similar_size(dutch: tuple[int, int], english: tuple[int, int]) -> bool:
    return all(abs(nl - en) <= IMAGE_SIZE_TOLERANCE * en for nl, en in zip(dutch, english))


@pytest.mark.parametrize("name", NAMES)
def test_same_outputs_apart_from_the_packages_dutch(name):
    for english, dutch in pairs(name):
        if english["cell_type"] != "code":
            continue
        where = f"nl/{name} cell {english['id']}"
        outputs_en, outputs_nl = coalesced(english["outputs"]), coalesced(dutch["outputs"])
        shapes = [shape_of(output) for output in outputs_en], [shape_of(output) for output in outputs_nl]
        assert shapes[1] == shapes[0], f"{where}: outputs {shapes[1]}, the English {shapes[0]}"
        for index, (out_en, out_nl) in enumerate(zip(outputs_en, outputs_nl)):
            for mime in ("image/png",):
                if mime in out_en.get("data", {}):
                    size_en, size_nl = png_size(out_en["data"][mime]), png_size(out_nl["data"][mime])
                    assert similar_size(size_nl, size_en), (
                        f"{where} output {index}: a {size_nl} image, the English {size_en}")
            if "nbval-ignore-output" in tags(english):
                continue  # live widgets and timings: nbval does not compare them either
            for (what, text_en), (_, text_nl) in zip(text_of(out_en), text_of(out_nl)):
                assert numbers(text_nl) == numbers(text_en), (
                    f"{where} output {index} ({what}): the numbers differ from the English\n"
                    f"English: {numbers(text_en)}\nDutch:   {numbers(text_nl)}\n--- Dutch text:\n{text_nl}")


# Markdown: translated, with the same structure ---------------------------------------------

HEADING = re.compile(r"^(#{1,6}) ", re.MULTILINE)
LINK = re.compile(r"\]\(([^)\s]+)\)")
COLAB = "https://colab.research.google.com/github/"


def anchors(name: str) -> set[str]:
    """The anchors of a Dutch notebook's headings, as JupyterLab makes them: the text, spaces as '-'."""
    return {match.strip().replace(" ", "-")
            for cell in load("nl", name)["cells"] if cell["cell_type"] == "markdown"
            for match in re.findall(r"^#{1,6} (.+)$", source(cell), re.MULTILINE)}


@pytest.mark.parametrize("name", NAMES)
def test_markdown_keeps_headings_and_links(name):
    """The same heading levels and link targets in every cell; an anchor (#...) is translated with its heading."""
    for english, dutch in pairs(name):
        if english["cell_type"] != "markdown":
            continue
        where = f"nl/{name} cell {english['id']}"
        assert HEADING.findall(source(dutch)) == HEADING.findall(source(english)), f"{where}: other headings"
        expected = [target.replace("/notebooks/", "/notebooks/nl/") if target.startswith(COLAB) else target
                    for target in LINK.findall(source(english))]
        found = LINK.findall(source(dutch))
        assert [target.split("#")[0] for target in found] == [target.split("#")[0] for target in expected], (
            f"{where}: links {found}, expected {expected}")
        for target in found:
            if "#" in target and not target.startswith("http"):
                page, anchor = target.split("#", 1)
                assert anchor in anchors(page.removesuffix(".ipynb") or name), (
                    f"{where}: the link {target} points at no heading of the Dutch notebook")


@pytest.mark.parametrize("name", [name for name in NAMES if not name.startswith("10")])
def test_dutch_notebook_has_a_title_goals_summary_and_next_link(name):
    markdown = [source(cell) for cell in load("nl", name)["cells"] if cell["cell_type"] == "markdown"]
    assert markdown[0].startswith(f"# {name[:2]} · "), f"nl/{name} must open with '# {name[:2]} · Titel'"
    text = "\n".join(markdown)
    assert "**Na dit notebook kun je:**" in text, f"nl/{name} has no '**Na dit notebook kun je:**'"
    assert re.search(r"^## Samenvatting", text, re.MULTILINE), f"nl/{name} has no '## Samenvatting'"
    for target in re.findall(r"\]\((?!https?://)([^)#]+\.ipynb)\)", text):
        assert (DUTCH / target).is_file(), f"nl/{name} links to {target}, which is not in notebooks/nl/"
    following = NAMES[NAMES.index(name) + 1]
    assert f"({following}.ipynb)" in text, f"nl/{name} does not link to the next notebook, {following}"


ENGLISH_HEADINGS = re.compile(
    r"^#+ (Exercise\b|Going further\b|Summary\b)|\*\*After this notebook you can", re.MULTILINE)


@pytest.mark.parametrize("name", NAMES)
def test_no_english_headings_left(name):
    for cell in load("nl", name)["cells"]:
        if cell["cell_type"] == "markdown":
            found = ENGLISH_HEADINGS.search(source(cell))
            assert not found, f"nl/{name} cell {cell['id']}: {found.group(0)!r} (Opdracht / Verder / Samenvatting)"


# The glossary is the single source of the Dutch terms ---------------------------------------

def glossary() -> list[tuple[str, list[str]]]:
    """(English term, the Dutch forms that count as using the glossary's term) for every row of the table.

    A cell such as "loop, line | lus, lijn\\*" gives two rows; "sigmoid function | sigmoïde functie\\*,
    sigmoidfunctie\\*" one row with two Dutch forms. Of "gewicht (meervoud: gewichten\\*)" the term is
    "gewicht"; of "activering\\* (ook: activatie)" it is "activering" alone.
    """
    cell = next(cell for cell in load("en", "09-the-whole-network")["cells"] if cell["id"] == GLOSSARY_CELL)
    rows = []
    for line in source(cell).splitlines():
        columns = [column.strip() for column in line.strip().strip("|").split("|")]
        if len(columns) < 2 or columns[0] in ("English", "") or set(columns[0]) <= {"-"}:
            continue
        english = [term.strip() for term in columns[0].split(",")]
        dutch = [re.sub(r"\s*\(.*", "", term).replace("\\*", "").strip()
                 for term in columns[1].split(",")]
        dutch = [term for term in dutch if term]
        if len(english) == len(dutch):
            rows += [(term, [translation]) for term, translation in zip(english, dutch)]
        else:
            rows += [(term, dutch) for term in english]
    return rows


def english_pattern(term: str) -> re.Pattern:
    """The English term as a word, its last word also in the plural (weights, hidden layers)."""
    return re.compile(r"(?<![\w-])" + re.escape(term) + r"(?:s|es)?(?![\w-])", re.IGNORECASE)


def dutch_forms(word: str, last: bool) -> list[str]:
    """A Dutch word and its plural (last word) or inflected adjective (other words), as regex alternatives."""
    forms = {re.escape(word)}
    stem = re.sub(r"([aeou])\1([^aeiou])$", r"\1\2", word)  # laag -> lag, patroon -> patron, neuraal -> neural
    doubled = word + word[-1] if re.search(r"[^aeiou][aeiou][^aeiouy]$", word) else word  # som -> somm, lus -> luss
    if last:
        forms |= {re.escape(word) + r"(?:en|s|'s)", re.escape(stem) + "en", re.escape(doubled) + "en"}
        if word.endswith("en") and len(word) > 4:  # a verb: trainen -> train (getraind), vuren -> vuur (vuurt)
            verb = word[:-2]
            forms.add(re.escape(re.sub(r"([^aeiou])([aeiou])([^aeiou])$", r"\1\2\2\3", verb)))
        if word.endswith("x"):
            forms.add(re.escape(word[:-1]) + "ces")  # matrix -> matrices
    else:
        forms |= {re.escape(word) + "e", re.escape(stem) + "e", re.escape(doubled) + "e"}
    return sorted(forms)


def dutch_pattern(terms: list[str]) -> re.Pattern:
    """Any of the Dutch terms, the last word in the singular or plural, also inside a compound word.

    "laag" is found in "lagen" and "uitvoerlaag", "gewogen som" in "gewogen sommen", "neuraal
    netwerk" in "neurale netwerken".
    """
    alternatives = []
    for term in terms:
        words = term.split()
        parts = ["(?:" + "|".join(dutch_forms(word, last=index == len(words) - 1)) + ")"
                 for index, word in enumerate(words)]
        alternatives.append(r"\s+".join(parts))
    return re.compile(r"(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


def prose(cell) -> str:
    """A markdown cell's words: without code (fenced or inline), link targets and HTML tags."""
    text = re.sub(r"```.*?```", " ", source(cell), flags=re.DOTALL)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", " ", text)
    return re.sub(r"<[^>]+>", " ", text)


def markdown_cells(edition: str, name: str) -> list[dict]:
    return [cell for cell in load(edition, name)["cells"]
            if cell["cell_type"] == "markdown" and cell["id"] != GLOSSARY_CELL]


def without(patterns: list[re.Pattern], text: str) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


GLOSSARY_NOT_NEEDED = {
    # (notebook, English term): why the Dutch notebook rightly does without the glossary's word.
    ("10-exit-ticket", "line"): "question 2's 'a line from each neuron' is a connection: 'verbinding'",
}


@pytest.mark.parametrize("name", NAMES)
def test_dutch_notebook_uses_the_glossary_term_for_every_glossary_term_of_its_english_twin(name):
    english_cells = markdown_cells("en", name)
    dutch_text = "\n".join(prose(cell) for cell in markdown_cells("nl", name))
    rows = glossary()
    missing = []
    for term, translations in rows:
        if (name, term) in GLOSSARY_NOT_NEEDED:
            continue
        # "training" inside "training digits" is that longer term's, with its own Dutch term.
        longer = [english_pattern(other) for other, _ in rows
                  if other != term and english_pattern(term).search(other)]
        first = next((cell["id"] for cell in english_cells
                      if english_pattern(term).search(without(longer, prose(cell)))), None)
        if term in " ".join(translations).split():
            translations = [*translations, term]  # "ReLU functie": the word ReLU is Dutch too
        if first and not dutch_pattern(translations).search(dutch_text):
            missing.append(f"{term!r} (first in English cell {first}) -> {' / '.join(translations)!r}")
    assert not missing, (f"nl/{name} never uses the glossary's Dutch term for these English terms of its twin:\n"
                         + "\n".join(missing))


SECOND_TRANSLATIONS = {
    # A word (regex, matched at the start of a word, in any case) that must not appear in Dutch
    # markdown: the glossary term to use instead.
    r"activatie": "activering (activeringen, activeringsfunctie)",
    r"input(?:laag|lagen|neuron|waarde)?s?\b": "invoer (invoerlaag, invoerwaarden)",
    r"output(?:laag|lagen|neuron|waarde)?s?\b": "uitvoer (uitvoerlaag, uitvoerwaarden)",
    r"invoer-laag|uitvoer-laag": "invoerlaag / uitvoerlaag",
    r"hidden\b": "verborgen laag",
    r"tussenla(?:ag|gen)": "verborgen laag",
    r"verstopte la": "verborgen laag",
    r"layers?\b": "laag",
    r"neurons\b": "neuronen",
    r"weights?\b": "gewicht / gewichten",
    r"gewichtsfactor|weegfactor": "gewicht",
    r"gewogen (?:totaal|optelsom)": "gewogen som",
    r"drempel\b": "drempelwaarde",
    r"sigmoid\b|sigmoide\b": "sigmoïde",
    r"sigmoïd\b": "sigmoïde",
    r"gradient\b|gradienten\b": "gradiënt",
    r"gradiënt(?:daling| daling|dalen)|gradient descent": "gradiëntafdaling",
    r"kostfunctie|verliesfunctie|foutfunctie|loss\b": "kosten (kostenfunctie)",
    r"leertempo|leerfactor|learning rate": "leersnelheid",
    r"saturatie": "verzadiging",
    r"verwarringstabel|confusion matri": "verwarringsmatrix",
    r"accuratesse|accuraatheid|precisie": "nauwkeurigheid",
    r"predictie": "voorspelling",
    r"knooppunt": "neuron",
    r"minibatch": "mini-batch",
    r"epoche\b|epochen\b|tijdperk": "epoch",
    r"transponent": "getransponeerde",
    r"vooroordeel|voorkeurswaarde": "bias",
    r"slider": "schuifregelaar (the edition's word for a slider)",
}
SECOND_TRANSLATION = re.compile(
    "|".join(f"(?P<w{index}>(?<![\\w-]){pattern})" for index, pattern in enumerate(SECOND_TRANSLATIONS)),
    re.IGNORECASE)
ALLOWED_SECOND_TRANSLATIONS = {
    # (notebook, cell id, word as written): why it may stay.
    ("05-sigmoid", "d207aa89", "overflow"): "the glossary's 'overloop (ook: overflow)', the word in numpy's warning",
    ("09-the-whole-network", "c6f2b8a9", "Gradient"): "the English title of a 3Blue1Brown chapter",
    ("09-the-whole-network", "2a954ae3", "confusion matri"): "'(in het Engels: confusion matrix)' after the Dutch term",
}


@pytest.mark.parametrize("name", NAMES)
def test_dutch_notebook_uses_no_second_translation_of_a_glossary_term(name):
    found = []
    for cell in markdown_cells("nl", name):
        for match in SECOND_TRANSLATION.finditer(prose(cell)):
            word = match.group(0)
            if (name, cell["id"], word) in ALLOWED_SECOND_TRANSLATIONS:
                continue
            instead = list(SECOND_TRANSLATIONS.values())[int(match.lastgroup[1:])]
            found.append(f"cell {cell['id']}: {word!r}; the glossary's term is {instead!r}")
    assert not found, f"nl/{name} uses a second translation of a glossary term:\n" + "\n".join(found)


def test_glossary_is_read_as_expected():
    rows = dict(glossary())
    assert rows["weight"] == ["gewicht"]
    assert rows["activation"] == ["activering"]
    assert rows["loop"] == ["lus"] and rows["line"] == ["lijn"]
    assert rows["sigmoid function"] == ["sigmoïde functie", "sigmoidfunctie"]
    assert dutch_pattern(["verborgen laag"]).search("twee verborgen lagen van 16")
    assert dutch_pattern(["neuraal netwerk"]).search("diepe neurale netwerken")
    assert dutch_pattern(["gewogen som"]).search("de gewogen sommen")
    assert dutch_pattern(["laag"]).search("de uitvoerlaag")
    assert dutch_pattern(["vuren"]).search("het neuron vuurt")
    assert dutch_pattern(["trainen"]).search("het getrainde netwerk")
    assert english_pattern("hidden layer").search("two hidden layers")
    assert not english_pattern("layer").search("a multi-layered thing")
    assert numbers("8,000 digits, 13,002 parameters, 92.8%") == numbers("8000 cijfers, 13 002 parameters, 92.8%")
    assert numbers("0s (200), 7s (214)") == numbers("nullen (200), zevens (214)")
    assert similar_size((526, 273), (533, 273)) and not similar_size((640, 480), (1280, 480))


# The stored-notebook promises, for both editions ------------------------------------------

@pytest.mark.parametrize(("edition", "name"), BOTH)
def test_executed_top_to_bottom_in_a_fresh_kernel(edition, name):
    counts = [cell["execution_count"] for cell in code_cells(load(edition, name)) if source(cell).strip()]
    assert None not in counts, (
        f"{edition}/{name}: {counts.count(None)} code cells were never run; run `python3 run.py execute`")
    assert counts == list(range(1, len(counts) + 1)), (
        f"{edition}/{name}: execution counts {counts} are not 1, 2, 3, ...")


@pytest.mark.parametrize(("edition", "name"), BOTH)
def test_no_unexpected_errors_or_stderr(edition, name):
    for cell in code_cells(load(edition, name)):
        kinds = [(output["output_type"], output.get("name")) for output in cell.get("outputs", [])]
        if "raises-exception" in tags(cell):
            assert ("error", None) in kinds, (
                f"{edition}/{name} cell {cell['id']} is tagged raises-exception but raised nothing")
        else:
            assert ("error", None) not in kinds, f"{edition}/{name} cell {cell['id']} stored an untagged error"
        assert ("stream", "stderr") not in kinds, f"{edition}/{name} cell {cell['id']} stored output on stderr"


@pytest.mark.parametrize(("edition", "name"), BOTH)
def test_outputs_hold_no_machine_specific_paths(edition, name):
    for cell in code_cells(load(edition, name)):
        found = MACHINE_PATH.search(json.dumps(cell.get("outputs", [])))
        assert not found, (
            f"{edition}/{name} cell {cell['id']} has a machine-specific path in its output: {found.group(0)}")


@pytest.mark.parametrize(("edition", "name"), BOTH)
def test_widgets_are_ignored_by_nbval_and_their_state_is_saved(edition, name):
    notebook = load(edition, name)
    saved = notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in code_cells(notebook):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                assert "nbval-ignore-output" in tags(cell), (
                    f"{edition}/{name} cell {cell['id']} shows a widget but is not tagged nbval-ignore-output")
                assert view["model_id"] in saved, f"{edition}/{name} cell {cell['id']}: widget state was not saved"


@pytest.mark.parametrize("name", NAMES)
def test_dutch_notebook_was_executed_in_dutch_not_copied(name):
    """Fails while a Dutch notebook holds the English outputs; `python3 run.py execute` once the package speaks Dutch.

    An executed notebook has its own widgets (new model ids) and the package's Dutch in its outputs,
    so at least one output differs from the English one.
    """
    differing = [english["id"] for english, dutch in pairs(name)
                 if english["cell_type"] == "code" and english["outputs"] != dutch["outputs"]]
    assert differing, (f"nl/{name} holds exactly the English outputs: it was copied, not executed in Dutch; "
                       "run `python3 run.py execute notebooks/nl/" + name + ".ipynb`")


def dutch_not_attempted() -> str:
    """What an untouched check says in Dutch, from the package's catalog (": nog niet geprobeerd. ")."""
    import nnbook
    from nnbook.language import tr

    nnbook.set_language("nl")
    try:
        shown = tr("○ {exercise}: not attempted yet. {message}", exercise="EXERCISE", message="MESSAGE")
    finally:
        nnbook.set_language("en")
    return shown.split("EXERCISE")[1].split("MESSAGE")[0]


@pytest.mark.parametrize("name", NAMES)
def test_dutch_exercises_are_stored_untouched_and_in_dutch(name):
    """Where the English stores a check as not attempted yet, the Dutch stores the package's Dutch for it.

    Fails until the Dutch notebooks are executed (``python3 run.py execute``) after check/_core speaks Dutch.
    """
    untouched = dutch_not_attempted()
    for english, dutch in pairs(name):
        if english["cell_type"] != "code":
            continue
        shown_en = "".join(text for output in english["outputs"] for _, text in text_of(output))
        shown_nl = "".join(text for output in dutch["outputs"] for _, text in text_of(output))
        if "not attempted yet" in shown_en:
            assert untouched in shown_nl, (
                f"nl/{name} cell {english['id']}: the stored check does not say {untouched.strip()!r}:\n{shown_nl}")


# python3 run.py execute runs both editions --------------------------------------------------

def execute_script():
    spec = importlib.util.spec_from_file_location("execute_notebooks", ROOT / "scripts" / "execute_notebooks.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def test_run_py_execute_without_arguments_runs_both_editions():
    paths = [path.relative_to(ROOT).as_posix() for path in execute_script().every_notebook()]
    assert paths == [f"notebooks/{name}.ipynb" for name in NAMES] + [f"notebooks/nl/{name}.ipynb" for name in NAMES]


def test_run_py_execute_starts_a_dutch_kernel_in_notebooks_nl_as_nbval_does(monkeypatch, tmp_path):
    script = execute_script()
    started = []

    class Client:
        def __init__(self, notebook, **options):
            self.notebook = notebook
            started.append(options)

        def execute(self, **options):
            return self.notebook

    monkeypatch.setattr(script, "NotebookClient", Client)
    folder = tmp_path / "nl"
    folder.mkdir()
    path = folder / "tiny.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), path)
    script.execute(path)
    (options,) = started
    assert options["resources"]["metadata"]["path"] == str(folder)
    assert options["store_widget_state"] is True
