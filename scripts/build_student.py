"""Build a student edition of the course for your class: a folder and a zip, with workshop mode on.

    python3 run.py student                        # every notebook, extensions kept, new unlock words
    python3 run.py student --extensions drop      # the cores only: each notebook ends with its Summary
    python3 run.py student --words words.txt      # your own words, one line per notebook: 03-weighted-sums=banana
    python3 run.py student --clear-outputs        # no stored outputs: students see them appear as they run
    python3 run.py student --language nl          # the Dutch edition, from notebooks/nl/ (nnbook-leerling/)

It makes three things in build/student/ (or the folder you give with --out):

- ``nnbook-student/``: the notebooks (00 to 09, and 10-exit-ticket if the course has it), a README.md
  that tells students how to open them and how to hand in their progress file, and ``nnbook-edition.json``,
  the list of the exercises the edition holds, so that ``nnbook.progress()`` shows those (a cores-only
  edition has no exercises of the *Going further* sections);
- ``nnbook-student.zip``: that folder in one file, to share with your class;
- ``unlock-words.txt``: the word that opens each notebook's solutions. It is for you: it is not in the
  folder or the zip. Announce a notebook's word when its solutions may open; students then run
  ``check.unlock("the word")``.

It ends by printing the command that builds the same edition again, with the same words and options
(the words sheet says it too).

Workshop mode: after each notebook's Colab cell, the edition has one more cell, tagged ``workshop``, that
calls ``check.workshop(notebook, lock)``. Until the notebook's word is given, ``check.NAME.solution()``
says that the solution opens when the teacher says so. The lock is a SHA-256 hash of the word, so the
word itself is not in the notebook. This is a nudge for a classroom, not a safe: a student who really
wants to can get round it. Self-study copies of the course are never locked.

Words are drawn at random (Python's ``secrets``) from a short list of friendly words that are easy to say
and spell; a notebook your --words file does not name gets a drawn word too.

The students' computers need nnbook installed, as for the course itself: ``python3 run.py lab`` in the
course's folder (or your school's JupyterHub with nnbook). The edition's README says so.

``--language nl`` builds the Dutch edition from ``notebooks/nl/``: ``nnbook-leerling/``, ``nnbook-leerling.zip``
and ``ontgrendelwoorden.txt``, with the students' README, the words sheet and the words drawn in Dutch, and the
Dutch sentences that point at the *Verder* sections rewritten when they are dropped (:data:`LANGUAGES`). What
it prints for you is in Dutch too. The workshop cell is the same code in both.

The script makes only what it made before: it refuses to replace a folder or a zip it did not make,
and when new words replace the old ones, the old sheet is kept beside it under a new name.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import pathlib
import re
import secrets
import shlex
import shutil
import sys
import typing
import zipfile

import nbformat

from nnbook import check
from nnbook.progress import EDITION_FILE, EDITION_FORMAT

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "build" / "student"
FOLDER_NAME = "nnbook-student"
MARKER = ".nnbook-student-edition"
ZIP_COMMENT = b"nnbook student edition, made by python3 run.py student"
SHEET_NAME = "unlock-words.txt"

WORDS = (
    "apple", "banana", "basket", "beach", "bottle", "bridge", "button", "cactus", "camera", "candle", "castle",
    "cherry", "circus", "cloud", "comet", "desert", "dolphin", "dragon", "falcon", "forest", "garden", "ginger",
    "guitar", "helmet", "island", "jacket", "jungle", "koala", "lemon", "magnet", "mango", "melon", "meteor",
    "monkey", "noodle", "ocean", "octopus", "orange", "panda", "pencil", "piano", "pirate", "planet", "pocket",
    "potato", "radio", "river", "robot", "rocket", "salad", "silver", "spider", "sunset", "tiger", "tomato",
    "tulip", "turtle", "violin", "walrus", "window", "winter", "wizard", "zebra",
)
"""Words to draw from: common in English and Dutch classrooms, easy to spell, no word the course uses."""

WORDS_NL = (
    "appel", "aardbei", "ballon", "banaan", "bloem", "boot", "brug", "citroen", "dolfijn", "draak", "eend", "egel",
    "fiets", "gitaar", "haven", "helm", "hond", "kaars", "kameel", "kasteel", "kers", "kikker", "klomp", "koala",
    "kompas", "konijn", "kreeft", "leeuw", "mango", "meloen", "molen", "oceaan", "olifant", "panda", "paraplu",
    "piano", "piraat", "planeet", "pompoen", "raket", "regen", "robot", "schelp", "slak", "sneeuw", "spin",
    "strand", "tijger", "tomaat", "trein", "tulp", "vlinder", "vogel", "vulkaan", "walvis", "wolk", "wortel",
    "zebra", "zeehond", "zwaan",
)
"""The Dutch edition's words: everyday Dutch words with one spelling (no accents, no ij/y doubt), none of
them a word the Dutch notebooks use."""

EXTENSION, WORKSHOP = "extension", "workshop"
COLAB_MARK = "google.colab"

DANGLING = (
    # The Summary's pointer to the extensions, as a bullet or as a paragraph of its own.
    (re.compile(r"^(- )?More time\?[^\n]*(\n|$)", re.MULTILINE), ""),
    # 08's "... hardly learn (see Going further)."
    (re.compile(r" \(see \*?Going further\*?\)"), ""),
    # 00's course table: "each notebook is a short **core**, then *Going further* sections."
    (re.compile(r", then \*Going further\* sections\."), ". This edition has the cores only."),
)
"""Sentences that point at the extensions, and what each becomes when the extensions are dropped."""

POINTER = re.compile(r"going further", re.IGNORECASE)
"""A line that still points at the extensions: the build stops if a cores-only notebook has one."""

DANGLING_NL = (
    # De pointer in de Samenvatting: "Meer tijd? Kijk hieronder bij *Verder*.", als opsomming of als alinea.
    (re.compile(r"^(- )?Meer tijd\?[^\n]*(\n|$)", re.MULTILINE), ""),
    # 08: "... dus de eerste lagen leren bijna niets (zie Verder)."
    (re.compile(r" \(zie \*?Verder\*?\)"), ""),
    # 00's course table: "... met een korte **kern**. Daarna volgen stukken die *Verder* heten."
    (re.compile(r" Daarna volgen stukken die \*Verder\* heten\."), " Deze editie heeft alleen de kernen."),
)
"""The same rewrites for the Dutch notebooks, whose extensions are the sections ``## Verder: ...``."""

POINTER_NL = re.compile(r"\*Verder\b|\bzie \*?Verder\b|^#+ Verder\b|\b(?i:meer tijd)\?")
"""A Dutch line that still points at the *Verder* sections (the section name, written as a name: "*Verder*",
"zie Verder", a heading; not the everyday "ga dan verder")."""

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class BuildError(Exception):
    """Something the teacher (or a maintainer) must fix before the edition can be built; the message says what."""


def course_notebooks(language: str = "en") -> list[pathlib.Path]:
    """The course's notebooks in order: 00-welcome ... 09-the-whole-network, and 10-exit-ticket if present.

    ``language`` "nl": the Dutch edition's, in notebooks/nl/ (the same names).
    """
    return sorted(LANGUAGES[language].notebooks.glob("[0-9][0-9]-*.ipynb"))


# Words -------------------------------------------------------------------------------------------------------


def read_words(path: pathlib.Path, stems: list[str]) -> dict[str, str]:
    """A teacher's words: lines ``NN-name=word``; blank lines and lines starting with # are skipped.

    Each name must be one of ``stems``, at most once, and each word must have a letter or digit in it.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError(f"--words {path}: there is no such file. Give a text file with lines like "
                         f"{stems[0]}=banana.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BuildError(f"--words {path}: could not read it as UTF-8 text ({error}).") from None
    words: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        stem, equals, word = (part.strip() for part in line.partition("="))
        where = f"--words {path}, line {number}"
        if not equals:
            raise BuildError(f"{where}: {line!r} has no '='. Each line is a notebook and its word, like "
                             f"{stems[0]}=banana.")
        if stem not in stems:
            raise BuildError(f"{where}: there is no notebook {stem!r}. The notebooks are: {', '.join(stems)}.")
        if stem in words:
            raise BuildError(f"{where}: {stem} has a word already ({words[stem]!r}). Give each notebook one word.")
        if not any(character.isalnum() for character in word):
            raise BuildError(f"{where}: the word for {stem} is empty. Write a word after the '='.")
        words[stem] = word
    return words


def draw_words(stems: list[str], taken: dict[str, str], words: tuple[str, ...] = WORDS) -> dict[str, str]:
    """``taken`` with a word drawn from ``words`` for every stem it lacks: different words, none already taken."""
    used = {word.strip().casefold() for word in taken.values()}
    free = [word for word in words if word not in used]
    missing = [stem for stem in stems if stem not in taken]
    if len(missing) > len(free):
        raise BuildError(f"{len(missing)} notebooks need a word, but only {len(free)} words are left to draw from: "
                         "give more words with --words.")
    drawn = dict(zip(missing, secrets.SystemRandom().sample(free, len(missing))))
    return {stem: taken.get(stem) or drawn[stem] for stem in stems}


def sheet_text(words: dict[str, str], made: str, command: str, language: str = "en") -> str:
    """The teacher's sheet: comment lines, then ``NN-name=word`` lines, so that --words can read it back."""
    lines = [line.format(made=made, command=command) for line in LANGUAGES[language].texts["sheet"]] + [""]
    return "\n".join(lines + [f"{stem}={word}" for stem, word in words.items()]) + "\n"


def sheet_words(text: str) -> list[str]:
    """The notebook=word lines of a sheet, without its comments: what decides whether two sheets differ."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


# Notebooks ---------------------------------------------------------------------------------------------------


def workshop_cell(stem: str, word: str) -> nbformat.NotebookNode:
    """The cell that turns workshop mode on for notebook ``stem``: its lock is made from ``word``."""
    source = f'from nnbook import check\ncheck.workshop("{stem}", "{check.lock_for(stem, word)}")'
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [WORKSHOP], "editable": False, "deletable": False})
    cell.id = "nnbook-workshop"
    return cell


def student_notebook(notebook: nbformat.NotebookNode, stem: str, word: str | None, drop_extensions: bool,
                     clear_outputs: bool, language: str = "en") -> nbformat.NotebookNode:
    """The student edition of one notebook (a changed copy; ``notebook`` stays as it was).

    The workshop cell goes after the Colab cell, the third cell (a notebook without exercises, ``word`` None,
    has nothing to lock and gets none). Dropping the extensions removes every
    cell tagged ``extension`` and rewrites the sentences that point at them (:data:`DANGLING`, or for
    ``language`` "nl" :data:`DANGLING_NL`).
    """
    notebook = copy.deepcopy(notebook)
    cells = notebook.cells
    if len(cells) < 3 or cells[2].cell_type != "code" or COLAB_MARK not in cells[2].source:
        raise BuildError(f"{stem}: the third cell is not the Colab cell (a code cell with {COLAB_MARK!r}), "
                         "after which the workshop cell goes. Every course notebook starts with title, "
                         "Colab badge, Colab cell.")
    if drop_extensions:
        cells = [cell for cell in cells if EXTENSION not in cell.metadata.get("tags", [])]
        for cell in cells:
            if cell.cell_type == "markdown":
                cell.source = _without_pointers(cell.source, language)
        _refuse_pointers(stem, cells, language)
    if clear_outputs:
        for cell in cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
    notebook.cells = [*cells[:3], *([workshop_cell(stem, word)] if word else []), *cells[3:]]
    _keep_shown_widgets(notebook)
    nbformat.validate(notebook)
    return notebook


def exercises_in(notebooks: list[nbformat.NotebookNode]) -> list[str]:
    """The exercises whose checks the code cells of ``notebooks`` call, in course order."""
    called = {name for notebook in notebooks for cell in notebook.cells if cell.cell_type == "code"
              for name in re.findall(r"\bcheck\.([A-Za-z_]\w*)", cell.source)}
    return [name for name in check.exercises() if name in called]


def edition_text(notebooks: list[nbformat.NotebookNode]) -> str:
    """The edition's list of its exercises, which ``nnbook.progress()`` reads to show only those."""
    return json.dumps({"format": EDITION_FORMAT, "format_version": 1, "exercises": exercises_in(notebooks)},
                      indent=1) + "\n"


def _without_pointers(source: str, language: str = "en") -> str:
    for pattern, replacement in LANGUAGES[language].dangling:
        source = pattern.sub(replacement, source)
    return re.sub(r"\n{3,}", "\n\n", source).strip("\n")


def _refuse_pointers(stem: str, cells: list, language: str = "en") -> None:
    rules = LANGUAGES[language]
    for number, cell in enumerate(cells):
        line = next((line for line in cell.source.splitlines() if rules.pointer.search(line)), None)
        if line is not None:
            raise BuildError(
                f"{stem}, cell {number} of the cores-only edition still points at the extensions it drops: "
                f"{line.strip()!r}. Add a rewrite for it to {rules.dangling_name} in scripts/build_student.py.")


def _keep_shown_widgets(notebook: nbformat.NotebookNode) -> None:
    """Keep only the stored widget models that a remaining output shows (and the models those use)."""
    stored = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    models = stored.get("state", {})
    shown = [output.get("data", {}).get(WIDGET_VIEW, {}).get("model_id")
             for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    keep, todo = set(), [model for model in shown if model]
    while todo:
        model = todo.pop()
        if model in keep or model not in models:
            continue
        keep.add(model)
        text = json.dumps(models[model])
        todo += re.findall(r"IPY_MODEL_([0-9a-f]+)", text) + re.findall(r'"model_id": "([0-9a-f]+)"', text)
    if keep:
        stored["state"] = {model: state for model, state in models.items() if model in keep}
    else:
        notebook.metadata.pop("widgets", None)


# The edition -------------------------------------------------------------------------------------------------


README = """\
# Neural networks: your class's notebooks

These notebooks follow 3Blue1Brown's video *"But what is a neural network?"*. You build, step by step,
a network that reads handwritten digits. Start with `00-welcome.ipynb` and go in order.

## Opening them

The notebooks need Python and the course's package, `nnbook`. Your teacher tells you which way your class uses:

- **On your own computer**: get the course once, as its README says. Unzip this folder anywhere
  (say, as `nnbook-student` on your desktop). In the course's folder (the one with `run.py`), run
  `python3 run.py lab`, then the path of this folder, for example
  `python3 run.py lab ~/Desktop/nnbook-student`. The first time, this installs nnbook, which takes a
  few minutes. JupyterLab opens this folder at `00-welcome.ipynb`. (Plain `python3 run.py lab` opens
  the course's own copy of the notebooks, not this one.)
- **On your school's JupyterHub**, if nnbook is installed there: upload this folder, then open `00-welcome.ipynb`.

Run the cells from top to bottom: click a cell, press **Shift + Enter**.

## Exercises and solutions

Each exercise has a check: `check.NAME(your_answer)` says ✓, or what is not right yet, with a hint.
Try as often as you like. In class, the solutions are locked: near the top of each notebook, a cell
turns on *workshop mode*. `check.NAME.solution()` then tells you that the solution opens when your
teacher says so. When your teacher gives you the word, run:

```python
check.unlock("the word")
```

## Handing in your progress

Each check is noted on your own computer (in `.nnbook/progress.jsonl` in your home folder).
Nothing leaves your computer by itself. When your teacher asks, run this in a notebook's cell:

```python
import nnbook
nnbook.progress()                      # the notebooks you started: solved, tried, not tried
nnbook.export_progress("your name")    # writes progress-your-name.json beside the notebook
```

`nnbook.progress()` shows the exercises of this folder's notebooks, which `nnbook-edition.json` lists:
keep that file beside them. `nnbook.progress(everything=True)` shows every exercise of the course.

The file appears in JupyterLab's file browser. Right-click it, choose **Download**, and hand it in
the way your teacher says. It holds the name you typed and, for each exercise, whether you solved it,
how often you checked, which hints you got and whether you opened the solution. Nothing else.
"""


README_NL = """\
# Neurale netwerken: de notebooks van je klas

Deze notebooks volgen de video *"But what is a neural network?"* van 3Blue1Brown. Stap voor stap bouw je
een netwerk dat handgeschreven cijfers leest. Begin bij `00-welcome.ipynb` en werk de notebooks op volgorde door.

## Openen

Voor de notebooks heb je Python nodig en het pakket van de cursus, `nnbook`. Je docent zegt welke manier
je klas gebruikt:

- **Op je eigen computer**: haal de cursus één keer op, zoals de LEESMIJ.md van de cursus zegt. Pak deze map
  uit waar je wilt (bijvoorbeeld als `nnbook-leerling` op je bureaublad). Ga in een terminal naar de map van
  de cursus (die met `run.py`) en voer `python3 run.py lab` uit, met daarachter het pad van deze map,
  bijvoorbeeld `python3 run.py lab ~/Desktop/nnbook-leerling`. De eerste keer installeert dit nnbook; dat duurt
  een paar minuten. JupyterLab opent deze map bij `00-welcome.ipynb`. (Alleen `python3 run.py lab`, zonder pad,
  opent de eigen notebooks van de cursus, niet deze.)
- **Op de JupyterHub van je school**, als nnbook daar is geïnstalleerd: upload deze map en open dan `00-welcome.ipynb`.

Voer de cellen van boven naar beneden uit: klik op een cel en druk op **Shift + Enter**. De eerste codecel
zet nnbook op Nederlands: de checks, widgets en figuren praten dan Nederlands.

## Opdrachten en oplossingen

Elke opdracht heeft een check: `check.NAME(jouw_antwoord)` zegt ✓, of wat nog niet klopt, met een hint.
Probeer het zo vaak als je wilt. In de klas zitten de oplossingen op slot: bovenaan elk notebook zet een cel
de *workshopmodus* aan. `check.NAME.solution()` zegt dan dat de oplossing opengaat als je docent dat zegt.
Geeft je docent je het woord, voer dan uit:

```python
check.unlock("het woord")
```

## Je voortgang inleveren

Elke check wordt op je eigen computer bijgehouden (in `.nnbook/progress.jsonl` in je thuismap).
Niets gaat vanzelf van je computer af. Vraagt je docent erom, voer dan dit uit in een cel van een notebook:

```python
import nnbook
nnbook.progress()                   # de notebooks waar je aan begon: opgelost, geprobeerd, niet geprobeerd
nnbook.export_progress("je naam")   # schrijft progress-je-naam.json naast het notebook
```

`nnbook.progress()` laat de opdrachten van de notebooks in deze map zien. Die staan in `nnbook-edition.json`:
laat dat bestand ernaast staan. `nnbook.progress(everything=True)` laat alle opdrachten van de cursus zien.

Het bestand verschijnt in de bestandsbrowser van JupyterLab. Klik er met de rechtermuisknop op, kies **Download**
en lever het in zoals je docent zegt. Er staat in: de naam die je typte en, voor elke opdracht, of je hem
oploste, hoe vaak je hem controleerde, welke hints je kreeg en of je de oplossing opende. Meer niet.
"""


class Language(typing.NamedTuple):
    """What differs between the English and the Dutch edition: sources, names, words, rewrites and texts."""

    notebooks: pathlib.Path
    folder: str
    sheet: str
    words: tuple[str, ...]
    dangling: tuple
    dangling_name: str
    pointer: re.Pattern
    readme: str
    texts: dict


LANGUAGES = {
    "en": Language(
        notebooks=NOTEBOOKS, folder=FOLDER_NAME, sheet=SHEET_NAME, words=WORDS, dangling=DANGLING,
        dangling_name="DANGLING", pointer=POINTER, readme=README,
        texts={
            "sheet": (
                "# Unlock words for the nnbook student edition made {made}.",
                "# Keep this sheet to yourself: it is not in the students' folder or zip.",
                "# When a notebook's solutions may open, tell the class its word; they run:  "
                "check.unlock(\"the word\")",
                "# To build the same edition again with these words:  {command}",
            ),
            "marker": "Made by python3 run.py student: building again replaces this folder.\n",
            "made": "Made the student edition: {count} notebooks, extensions {extensions}, stored outputs {outputs}, "
                    "workshop mode on.",
            "kept": "kept", "dropped": "dropped", "cleared": "cleared",
            "folder": "(the notebooks and a README.md for students)",
            "zip": "(share this with your class)",
            "words": "(the unlock words: for you, not in the zip)",
            "words_from": "  Words from {file}; drawn for: {drawn}.", "none": "none",
            "again": "  To build the same edition again, with the same words: {command}",
            "kept_aside": "  The previous words are kept in {path} (for copies you shared before).",
        }),
    "nl": Language(
        notebooks=NOTEBOOKS / "nl", folder="nnbook-leerling", sheet="ontgrendelwoorden.txt", words=WORDS_NL,
        dangling=DANGLING_NL, dangling_name="DANGLING_NL", pointer=POINTER_NL, readme=README_NL,
        texts={
            "sheet": (
                "# Ontgrendelwoorden voor de leerlingeditie van nnbook, gemaakt {made}.",
                "# Houd dit blad voor uzelf: het zit niet in de map of de zip van de leerlingen.",
                "# Mogen de oplossingen van een notebook open, geef de klas dan het woord. De leerlingen voeren uit:  "
                "check.unlock(\"het woord\")",
                "# Dezelfde editie opnieuw bouwen met deze woorden:  {command}",
            ),
            "marker": "Gemaakt door python3 run.py student --language nl: opnieuw bouwen vervangt deze map.\n",
            "made": "Leerlingeditie gemaakt: {count} notebooks, stukken Verder {extensions}, opgeslagen uitvoer "
                    "{outputs}, workshopmodus aan.",
            "kept": "behouden", "dropped": "weggelaten", "cleared": "gewist",
            "folder": "(de notebooks en een README.md voor de leerlingen)",
            "zip": "(deel dit bestand met uw klas)",
            "words": "(de ontgrendelwoorden: voor u, niet in de zip)",
            "words_from": "  Woorden uit {file}; getrokken voor: {drawn}.", "none": "geen",
            "again": "  Dezelfde editie opnieuw bouwen, met dezelfde woorden: {command}",
            "kept_aside": "  De vorige woorden staan nog in {path} (voor kopieën die u eerder deelde).",
        }),
}
"""The editions ``--language`` can build: English (the default) and Dutch."""


def build(out: pathlib.Path = DEFAULT_OUT, *, drop_extensions: bool = False, words_file: pathlib.Path | None = None,
          clear_outputs: bool = False, notebooks: list[pathlib.Path] | None = None, language: str = "en") -> dict:
    """Make the edition in ``out``; return what it made: paths, notebooks, words, and where the old words went.

    ``notebooks`` (default: the whole course) lets a test build a small edition quickly. ``language`` "nl"
    builds the Dutch edition (its own folder, zip and sheet names, so both editions can share ``out``).
    """
    rules = LANGUAGES[language]
    folder_name = rules.folder
    folder, zip_path, sheet = out / folder_name, out / f"{folder_name}.zip", out / rules.sheet
    _refuse_foreign(folder, zip_path)
    paths = notebooks if notebooks is not None else course_notebooks(language)
    with_exercises = {exercise.notebook for exercise in check.exercises().values()}
    stems = [path.stem for path in paths if path.stem in with_exercises]
    given = read_words(words_file, stems) if words_file else {}
    words = draw_words(stems, given, rules.words)
    editions = {path.name: student_notebook(nbformat.read(path, as_version=4), path.stem, words.get(path.stem),
                                            drop_extensions, clear_outputs, language) for path in paths}

    out.mkdir(parents=True, exist_ok=True)
    # Build beside the old edition and swap at the end, so a failure never leaves half an edition.
    partial = out / f".{folder_name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    for name, notebook in editions.items():
        nbformat.write(notebook, partial / name)
    (partial / "README.md").write_text(rules.readme, encoding="utf-8")
    (partial / EDITION_FILE).write_text(edition_text(list(editions.values())), encoding="utf-8")
    (partial / MARKER).write_text(rules.texts["marker"], encoding="utf-8")
    partial_zip = out / f".{folder_name}.zip.partial"
    with zipfile.ZipFile(partial_zip, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.comment = ZIP_COMMENT
        for path in sorted(partial.iterdir()):
            if path.name != MARKER:
                archive.write(path, f"{folder_name}/{path.name}")
    if folder.exists():
        shutil.rmtree(folder)
    partial.rename(folder)
    partial_zip.replace(zip_path)

    made = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    options = {"drop_extensions": drop_extensions, "clear_outputs": clear_outputs, "language": language}
    # The sheet is read later, anywhere: its command has whole paths. The printed one is typed here, now.
    kept_aside = _write_sheet(sheet, sheet_text(words, made, rebuild_command(out, sheet, **options), language))
    command = rebuild_command(out, sheet, **options, here=pathlib.Path.cwd())
    return {"folder": folder, "zip": zip_path, "sheet": sheet, "notebooks": list(editions), "words": words,
            "kept_aside": kept_aside, "command": command,
            "drawn": [stem for stem in stems if stem not in given]}


def rebuild_command(out: pathlib.Path, sheet: pathlib.Path, *, drop_extensions: bool, clear_outputs: bool,
                    here: pathlib.Path | None = None, language: str = "en") -> str:
    """The command that builds this edition again, with the words on ``sheet``.

    It names only the options that differ from the defaults. Paths are whole, or relative to the folder
    ``here`` when they are inside it (the command is then typed in that folder).
    """
    parts = ["python3", _typed(ROOT / "run.py", here), "student"]
    if language != "en":
        parts += ["--language", language]
    if drop_extensions:
        parts += ["--extensions", "drop"]
    if clear_outputs:
        parts.append("--clear-outputs")
    if out.resolve() != DEFAULT_OUT.resolve():
        parts += ["--out", _typed(out, here)]
    return shlex.join([*parts, "--words", _typed(sheet, here)])


def _typed(path: pathlib.Path, here: pathlib.Path | None) -> str:
    path = path.resolve()
    return str(path.relative_to(here.resolve())) if here and path.is_relative_to(here.resolve()) else str(path)


def _refuse_foreign(folder: pathlib.Path, zip_path: pathlib.Path) -> None:
    if folder.exists() and not (folder / MARKER).is_file():
        raise BuildError(
            f"{folder} exists and was not made by run.py student (it has no {MARKER} file), so it is left "
            "alone. Move or rename it, or build somewhere else with --out FOLDER.")
    if zip_path.exists():
        try:
            with zipfile.ZipFile(zip_path) as archive:
                ours = archive.comment == ZIP_COMMENT
        except (zipfile.BadZipFile, OSError):
            ours = False
        if not ours:
            raise BuildError(
                f"{zip_path} exists and was not made by run.py student, so it is left alone. Move or rename it, "
                "or build somewhere else with --out FOLDER.")


def _write_sheet(sheet: pathlib.Path, text: str) -> pathlib.Path | None:
    """Write the words sheet; an old sheet with other words is kept under a new name, which is returned."""
    kept_aside = None
    if sheet.exists():
        old = sheet.read_text(encoding="utf-8", errors="replace")
        if sheet_words(old) != sheet_words(text):
            stamp = datetime.datetime.fromtimestamp(sheet.stat().st_mtime).strftime("%Y%m%d-%H%M")
            kept_aside = sheet.with_name(f"{sheet.stem}-{stamp}{sheet.suffix}")
            number = 2
            while kept_aside.exists():
                kept_aside = sheet.with_name(f"{sheet.stem}-{stamp}-{number}{sheet.suffix}")
                number += 1
            sheet.rename(kept_aside)
    sheet.write_text(text, encoding="utf-8")
    return kept_aside


def size(path: pathlib.Path) -> str:
    """The size of a file, or of everything in a folder, in kB or MB."""
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size
    return f"{total / 1e6:.1f} MB" if total >= 1e6 else f"{total / 1e3:.0f} kB"


def shown(path: pathlib.Path) -> str:
    """A path as the teacher typed it: relative to the repository when inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 run.py student",
        description="Build a student edition of the course for a class: a folder and a zip of the notebooks "
                    "with workshop mode on (solutions open when you give the word), and a sheet of the unlock "
                    "words for you. The students' computers need nnbook installed, as for the course "
                    "(python3 run.py lab).",
        epilog="Details: the docstring of scripts/build_student.py, and teacher/README.md.")
    parser.add_argument("--extensions", choices=("keep", "drop"), default="keep",
                        help="keep the Going further sections (the default), or drop them: each notebook then "
                             "ends with its Summary")
    parser.add_argument("--words", type=pathlib.Path, metavar="FILE",
                        help="your own unlock words: a text file with lines like 03-weighted-sums=banana "
                             "(a notebook it does not name gets a drawn word)")
    parser.add_argument("--clear-outputs", action="store_true",
                        help="remove the stored outputs (by default students see them before running a cell)")
    parser.add_argument("--language", choices=tuple(LANGUAGES), default="en",
                        help="the edition's language: en (the default, from notebooks/) or nl (the Dutch edition, "
                             "from notebooks/nl/, as nnbook-leerling/ with ontgrendelwoorden.txt)")
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, metavar="FOLDER",
                        help=f"where to make the edition (default: {shown(DEFAULT_OUT)})")
    options = parser.parse_args(argv)
    try:
        made = build(options.out.resolve(), drop_extensions=options.extensions == "drop",
                     words_file=options.words, clear_outputs=options.clear_outputs, language=options.language)
    except BuildError as error:
        print(f"run.py student: {error}", file=sys.stderr)
        return 1
    said = LANGUAGES[options.language].texts
    print(said["made"].format(count=len(made["notebooks"]), extensions=said["kept" if options.extensions == "keep"
                                                                            else "dropped"],
                              outputs=said["cleared" if options.clear_outputs else "kept"]))
    print(f"  {shown(made['folder'])}/  {size(made['folder'])}  {said['folder']}")
    print(f"  {shown(made['zip'])}  {size(made['zip'])}  {said['zip']}")
    print(f"  {shown(made['sheet'])}  {size(made['sheet'])}  {said['words']}")
    if options.words:
        print(said["words_from"].format(file=options.words, drawn=", ".join(made["drawn"]) or said["none"]))
    print(said["again"].format(command=made["command"]))
    if made["kept_aside"]:
        print(said["kept_aside"].format(path=shown(made["kept_aside"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
