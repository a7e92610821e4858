"""How big each notebook's core and extensions are, and about how long each takes.

    python3 run.py stats            a table: the core, the on-ramp and the extensions of every notebook
    python3 run.py stats --json     the same numbers, for tools
    python3 run.py stats --write    put the minutes into the course tables of README.md and notebook 00

A notebook's **core** is every cell without the tag ``extension`` (the on-ramp in
00, tagged ``on-ramp``, is counted apart). For each part this counts the words of
its markdown, its code cells, its figures, its live widgets and its self-checked
exercises, and turns them into minutes with the time model below. Run it after
changing a notebook, to see what the change did to the core's 15-minute budget.

The time model is for a 16-year-old who reads English as a second language and
is not yet a programmer. Its rates were fitted to a newcomer play-test of the
whole core path (a reader acting as that learner worked through every core and
estimated each notebook's time; see CONTRIBUTING.md), which found the pedagogy
review's rates about a quarter too fast for this learner:

- text: 100 words a minute, the words of markdown cells and of code comments;
- a code cell: 0.5 minutes to read it, run it and read what it printed;
- a figure: 0.75 minutes more, to read it;
- a live widget: 3 minutes to try what the text suggests, unless the
  notebook's metadata says otherwise (``nnbook.widget_minutes``): the second
  play-test found a single slider takes about 2 and a widget that sets a task
  (drawing, four sliders, 49 steps) about 4;
- a self-checked exercise: 3 minutes in the core and the on-ramp (predict,
  choose, fill in one blank, with a wrong try), 7 minutes in an extension
  (where exercises ask for more);
- a question of the exit ticket (notebook 10, ``nnbook.exit_ticket`` in its
  metadata): 1 minute besides its words and cells, since it asks for what the
  cores taught and teaches nothing new. This rate is a first estimate; the
  exit ticket is not a lesson, so it is not part of the core path's minutes.

Only the Python standard library is used, so this runs without the course installed.
"""

from __future__ import annotations

import io
import json
import pathlib
import re
import sys
import tokenize

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

WORDS_PER_MINUTE = 100
MINUTES_PER_CODE_CELL = 0.5
MINUTES_PER_FIGURE = 0.75
MINUTES_PER_WIDGET = 3.0
MINUTES_PER_EXERCISE = {"core": 3.0, "on-ramp": 3.0, "extensions": 7.0}
MINUTES_PER_EXIT_QUESTION = 1.0

CORE_BUDGET = 15
"""Minutes a notebook's core may take, its exercises included (notebook 00: 10, besides its on-ramp)."""

EXIT_TICKET_BUDGET = 20
"""Minutes the exit ticket may take, all eight questions; a workshop asks for half of them."""

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CHECK_CALL = re.compile(r"\bcheck\.([a-z_][a-z0-9_]*)\s*\((?!\s*\))")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# The Colab cell does nothing anywhere else, so it costs a learner no time.
NOT_COUNTED = {"open-in-colab", "colab-install"}


def part_of(cell: dict) -> str:
    """Which part of its notebook a cell belongs to: "core", "on-ramp" or "extensions"."""
    tags = set(cell.get("metadata", {}).get("tags", []))
    if "extension" in tags:
        return "extensions"
    if "on-ramp" in tags:
        return "on-ramp"
    return "core"


def words(markdown: str) -> int:
    """The words a learner reads: link targets and HTML comments are not read."""
    return len(HTML_COMMENT.sub(" ", LINK_TARGET.sub("]", markdown)).split())


def comment_words(code: str) -> int:
    """The words of a code cell's comments: a learner reads them as text."""
    try:
        comments = [token.string for token in tokenize.generate_tokens(io.StringIO(code).readline)
                    if token.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):  # IPython syntax such as %pip: take every '#' to the line's end
        comments = re.findall(r"#.*", code)
    return sum(len(comment.lstrip("#").split()) for comment in comments)


def count(cells: list[dict]) -> dict:
    """Words, code cells, figures, widgets and exercises of some cells."""
    counts = {"words": 0, "code cells": 0, "figures": 0, "widgets": 0, "exercises": 0}
    exercises = set()
    for cell in cells:
        source = "".join(cell["source"])
        if cell.get("id") in NOT_COUNTED or not source.strip():
            continue
        if cell["cell_type"] == "markdown":
            counts["words"] += words(source)
        elif cell["cell_type"] == "code":
            counts["code cells"] += 1
            counts["words"] += comment_words(source)
            outputs = cell.get("outputs", [])
            counts["figures"] += sum("image/png" in output.get("data", {}) for output in outputs)
            counts["widgets"] += any(WIDGET_VIEW in output.get("data", {}) for output in outputs)
            exercises.update(CHECK_CALL.findall(source))
    exercises.discard("solution")
    counts["exercises"] = len(exercises)
    return counts


def minutes(counts: dict, part: str, widget_minutes: float = MINUTES_PER_WIDGET,
            exercise_minutes: float | None = None) -> float:
    """The time model above, for one part of a notebook."""
    return (counts["words"] / WORDS_PER_MINUTE
            + counts["code cells"] * MINUTES_PER_CODE_CELL
            + counts["figures"] * MINUTES_PER_FIGURE
            + counts["widgets"] * widget_minutes
            + counts["exercises"] * (MINUTES_PER_EXERCISE[part] if exercise_minutes is None else exercise_minutes))


def notebook_stats(path: pathlib.Path) -> dict:
    """The counts and minutes of each part of one notebook; ``exit_ticket`` says if it is the exit ticket."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = notebook["cells"]
    meta = notebook.get("metadata", {}).get("nnbook", {})
    exit_ticket = bool(meta.get("exit_ticket", False))
    core_widget = meta.get("widget_minutes", MINUTES_PER_WIDGET)
    stats = {"notebook": path.stem, "exit_ticket": exit_ticket}
    for part in ("core", "on-ramp", "extensions"):
        counts = count([cell for cell in cells if part_of(cell) == part])
        counts["minutes"] = round(minutes(counts, part, core_widget if part == "core" else MINUTES_PER_WIDGET,
                                          MINUTES_PER_EXIT_QUESTION if exit_ticket else None), 1)
        stats[part] = counts
    return stats


def budget(stats: dict) -> float:
    """The minutes a notebook's core may take: 15, 10 for notebook 00, 20 for the exit ticket."""
    if stats.get("exit_ticket"):
        return EXIT_TICKET_BUDGET
    return 10 if stats["notebook"].startswith("00") else CORE_BUDGET


def course_stats(folder: pathlib.Path = NOTEBOOKS) -> list[dict]:
    """The stats of every notebook in the course, in order: the lessons 00-09, then the exit ticket."""
    return [notebook_stats(path) for path in sorted(folder.glob("[0-9][0-9]-*.ipynb"))]


def core_path_minutes(all_stats: list[dict]) -> float:
    """The core path: every lesson's core and the on-ramp (the exit ticket is not a lesson)."""
    return sum(stats["core"]["minutes"] + stats["on-ramp"]["minutes"]
               for stats in all_stats if not stats.get("exit_ticket"))


def rounded_minutes(value: float) -> int:
    """Minutes as the course tables give them: whole minutes, rounded up, so they never promise too little."""
    return int(-(-value // 1))


def table_minutes(stats: dict) -> tuple[str, str]:
    """What a course table says for one notebook: its core, and everything with the extensions.

    Notebook 00's core is given with its Python on-ramp as "10 + 12", since a
    learner who knows Python skips the on-ramp.
    """
    core, on_ramp, extensions = (stats[part]["minutes"] for part in ("core", "on-ramp", "extensions"))
    core_text = str(rounded_minutes(core))
    if on_ramp:
        core_text += f" + {rounded_minutes(on_ramp)}"
    return core_text, str(rounded_minutes(core + on_ramp + extensions))


TOTAL = re.compile(r"(<!--(core-minutes|all-hours)-->)[^<]*(<!--/-->)")
"""Where a text gives the whole course's time: the core path in minutes, or everything in hours."""

TABLE_ROW = re.compile(r"^\|\s*\[?(?:[^|\]]*?)\b(\d\d)\b[^|]*\|")


def with_minutes(text: str, all_stats: list[dict]) -> str:
    """``text`` with the course table's "core" and "with extensions" cells set from ``all_stats``.

    The table is the markdown table whose header has a column naming "core" and
    one naming "extensions" (in Dutch "kern" and "verdieping"); its rows start with
    the notebook's two-digit number.
    """
    by_number = {stats["notebook"][:2]: table_minutes(stats) for stats in all_stats}
    lines, columns = text.split("\n"), None
    for index, line in enumerate(lines):
        if not line.startswith("|"):
            columns = None
            continue
        cells = line.strip().strip("|").split("|")
        names = [cell.strip().lower() for cell in cells]
        core = [i for i, n in enumerate(names) if "core" in n or "kern" in n]  # English or Dutch (LEESMIJ.md)
        extensions = [i for i, n in enumerate(names) if "extensions" in n or "verdieping" in n]
        if core and extensions:
            columns = (core[0], extensions[0])
            continue
        row = TABLE_ROW.match(line)
        if columns and row and row.group(1) in by_number:
            for column, value in zip(columns, by_number[row.group(1)]):
                cells[column] = f" {value} "
            lines[index] = "|" + "|".join(cells) + "|"
    core = core_path_minutes(all_stats)
    everything = sum(stats[part]["minutes"] for stats in all_stats for part in ("core", "on-ramp", "extensions"))
    totals = {"core-minutes": str(rounded_minutes(core)), "all-hours": f"{everything / 60:.0f}"}
    return TOTAL.sub(lambda found: found.group(1) + totals[found.group(2)] + found.group(3), "\n".join(lines))


TABLES = ("README.md", "notebooks/00-welcome.ipynb", "LEESMIJ.md", "notebooks/nl/00-welcome.ipynb")
"""The files whose course table gives each notebook's minutes."""


def write_tables(all_stats: list[dict], root: pathlib.Path = ROOT) -> list[str]:
    """Put the minutes into every course table; returns the files that changed."""
    changed = []
    for name in TABLES:
        path = root / name
        if path.suffix == ".ipynb":
            notebook = json.loads(path.read_text(encoding="utf-8"))
            before = json.dumps(notebook)
            for cell in notebook["cells"]:
                if cell["cell_type"] == "markdown":
                    new = with_minutes("".join(cell["source"]), all_stats)
                    cell["source"] = new.splitlines(keepends=True)
            if json.dumps(notebook) != before:
                path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
                changed.append(name)
        else:
            text = path.read_text(encoding="utf-8")
            new = with_minutes(text, all_stats)
            if new != text:
                path.write_text(new, encoding="utf-8")
                changed.append(name)
    return changed


def table(all_stats: list[dict]) -> str:
    columns = ("words", "code cells", "figures", "widgets", "exercises", "minutes")
    header = f"{'notebook':<24}{'part':<12}" + "".join(f"{c:>11}" for c in columns)
    lines = [header, "-" * len(header)]
    totals = {"core": 0.0, "on-ramp": 0.0, "extensions": 0.0}
    for stats in all_stats:
        for part in ("core", "on-ramp", "extensions"):
            counts = stats[part]
            if part != "core" and not any(counts[c] for c in columns[:-1]):
                continue
            totals[part] += counts["minutes"]
            flag = "  over budget" if part == "core" and counts["minutes"] > budget(stats) else ""
            lines.append(f"{stats['notebook'] if part == 'core' else '':<24}{part:<12}"
                         + "".join(f"{counts[c]:>11}" for c in columns) + flag)
    lines.append("-" * len(header))
    lines.append("Total minutes: " + ", ".join(f"{part} {value:.0f}" for part, value in totals.items())
                 + f" (the core path, without the exit ticket: {core_path_minutes(all_stats):.0f})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    all_stats = course_stats()
    if argv == ["--json"]:
        print(json.dumps(all_stats, indent=1))
    elif argv == ["--write"]:
        changed = write_tables(all_stats)
        print("Updated the course table in " + ", ".join(changed) if changed else "The course tables were up to date.")
    elif not argv:
        print(table(all_stats))
    else:
        print(__doc__.split("\n\n")[0].strip(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
