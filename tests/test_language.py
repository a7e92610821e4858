"""Every text the package shows a learner has a Dutch twin (issue 16), found by reading the source.

How it works (CONTRIBUTING.md, "How the package speaks Dutch"): English
messages are written in the code as ``tr("template {name}", name=...)``, and
their Dutch twins live in ``nnbook/locale/nl/*.json``. These tests read every
module of the package with ``ast`` (nothing is imported) and collect the
*keys*, the English a learner can be shown:

- the template of every ``tr("...")`` call (it must be a plain string literal);
- of every ``@exercise(...)``: its ``solution=`` (under "solutions") and its
  ``stub_hint=`` (a literal, or a module constant holding one), and the first
  line of the judge's docstring (an exercise's repr shows it).

Then, for each module: every key has a Dutch twin with the same placeholders;
no Dutch twin is left whose English is gone; a Dutch solution differs from
its English only in its comments; ``tr`` is never called at import time (the
language would be frozen); and in a converted module no English reaches a
learner around ``tr``: no prose in a ``Wrong`` message or hint, a
``Feedback`` text or a judge's praise, nor anywhere else in the module
outside ``tr(...)``, docstrings, solutions, comparisons and the messages of
exceptions meant for the package's authors.

A module not converted yet is listed in NOT_CONVERTED: its tests are expected
to fail (strict xfail), so converting one makes its tests pass and asks for
its name to be taken off the list. ``python tests/test_language.py`` prints
the keys still without a Dutch twin as JSON, ready to fill in.
"""

from __future__ import annotations

import ast
import io
import json
import pathlib
import re
import string
import sys
import textwrap
import tokenize
from dataclasses import dataclass

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nnbook"
CATALOG = PACKAGE / "locale" / "nl"
"""The Dutch twins, one JSON file per part of the package (core.json, checks-03.json, widgets.json, ...)."""


def catalog_files() -> list[pathlib.Path]:
    return sorted(CATALOG.glob("*.json"))

NOT_CONVERTED: set[str] = set()
"""Modules whose learner-facing English does not go through ``tr`` yet (issue 16); take a module off when done."""

TRANSLATORS = {"tr", "tr_known"}
"""The functions that put a text into the current language; ``tr``'s first argument is the key."""

LEARNER_ERRORS = {"Wrong"}
"""Exceptions whose message a learner reads: their text must go through ``tr`` even where it is raised."""

PROSE = re.compile(r"\b[A-Za-z]{2,} +[A-Za-z]{2,}\b")
"""Two words with a space between: text a person reads (a word such as "ignore", a name such as
"my_pixels" or code such as "grid[row, column]" is not a message)."""

DATA = {"not yet right", "not attempted yet", "solution seen", "not tried",
        "per neuron", "per sample", "trained network"}
"""English that is data, not a message: the statuses a progress record stores and the states a hand-in file holds
(Feedback and nnbook.progress() show them translated); the keys of timing.time_forward_passes' result (timing.WAY_NAMES
shows them translated) and the name show_medals highlights by default (the notebook's code passes it in English)."""

SETTINGS = {"row wrap", "lower left"}
"""Values of settings that look like two words but are never shown: CSS (flex_flow) and matplotlib (loc=)."""

MARKUP = re.compile(r"<[^<>]*>")
"""An HTML tag, such as <td style="padding:1px 6px">: its words are read by the browser, not by a learner."""


def is_prose(text: str) -> bool:
    """Text a learner reads: two words with a space between, outside HTML tags, not data or a setting."""
    return text not in DATA | SETTINGS and bool(PROSE.search(MARKUP.sub(" ", text)))


@dataclass(frozen=True)
class Key:
    kind: str  # "messages" or "solutions"
    english: str
    where: str  # file:line

    def __str__(self):
        return f"{self.where}: {self.english[:70]!r}"


def modules() -> list[pathlib.Path]:
    return sorted(PACKAGE.rglob("*.py"))


def relative(path: pathlib.Path) -> str:
    return path.relative_to(ROOT).as_posix()


def parse(path: pathlib.Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def called_name(node: ast.Call) -> str | None:
    """``f`` for ``f(...)`` and ``module.f(...)``."""
    return node.func.id if isinstance(node.func, ast.Name) else \
        node.func.attr if isinstance(node.func, ast.Attribute) else None


def literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def keyword(node: ast.Call, name: str) -> ast.AST | None:
    return next((k.value for k in node.keywords if k.arg == name), None)


def module_constants(tree: ast.Module) -> dict[str, ast.AST]:
    """Module-level ``NAME = <expression>`` assignments."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found[node.targets[0].id] = node.value
    return found


def solution_key(code: str) -> str:
    """The key of a worked solution: its code as ``Solution`` keeps it."""
    return textwrap.dedent(code).strip("\n")


def keys_and_problems(path: pathlib.Path) -> tuple[list[Key], list[str]]:
    """The keys of one module, and what is wrong with the way it writes them."""
    tree, name = parse(path), relative(path)
    constants = module_constants(tree)
    keys, problems = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and called_name(node) == "tr":
            template = literal(node.args[0]) if node.args else None
            if template is None:
                problems.append(f"{name}:{node.lineno}: tr() needs the English template as a plain string literal "
                                "(not an f-string or a name), so that this test can find its Dutch twin")
            else:
                keys.append(Key("messages", template, f"{name}:{node.lineno}"))
        if isinstance(node, ast.Call) and called_name(node) == "exercise":
            code = literal(keyword(node, "solution"))
            if code is not None:
                keys.append(Key("solutions", solution_key(code), f"{name}:{node.lineno}"))
            hint = keyword(node, "stub_hint")
            if isinstance(hint, ast.Name):
                hint = constants.get(hint.id)
            if hint is not None:
                if literal(hint) is None:
                    problems.append(f"{name}:{node.lineno}: stub_hint= must be a string literal, or a module constant "
                                    "holding one")
                else:
                    keys.append(Key("messages", literal(hint), f"{name}:{node.lineno}"))
        if isinstance(node, ast.FunctionDef) and any(isinstance(d, ast.Call) and called_name(d) == "exercise"
                                                     for d in node.decorator_list):
            docstring = ast.get_docstring(node)
            if docstring:
                keys.append(Key("messages", docstring.strip().splitlines()[0], f"{name}:{node.lineno}"))
    return keys, problems


def all_keys() -> list[Key]:
    return [key for path in modules() for key in keys_and_problems(path)[0]]


def load_catalog() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {"messages": {}, "solutions": {}}
    for path in catalog_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        for kind in merged:
            merged[kind].update(data.get(kind, {}))
    return merged


def fields(template: str) -> set[tuple[str, str | None]]:
    """The placeholders of a format template, with their conversions (!r); format specs may differ."""
    return {(field, conversion) for _, field, _, conversion in string.Formatter().parse(template) if field is not None}


def code_tokens(code: str) -> list[tuple[int, str]]:
    """The tokens of ``code`` without its comments and blank lines: what runs."""
    skip = {tokenize.COMMENT, tokenize.NL}
    return [(token.type, token.string) for token in tokenize.generate_tokens(io.StringIO(code + "\n").readline)
            if token.type not in skip]


def twin_problems(path: pathlib.Path, catalog: dict[str, dict[str, str]]) -> list[str]:
    """Keys of ``path`` without a (well-formed) Dutch twin."""
    keys, problems = keys_and_problems(path)
    for key in keys:
        dutch = catalog[key.kind].get(key.english)
        if dutch is None:
            problems.append(f"{key}: no Dutch twin in nnbook/locale/nl/ ({key.kind})")
        elif key.kind == "messages":
            try:
                english_fields, dutch_fields = fields(key.english), fields(dutch)
            except ValueError as error:
                problems.append(f"{key}: the English or its Dutch twin is not a valid template ({error})")
                continue
            if english_fields != dutch_fields:
                problems.append(f"{key}: placeholders differ: English {sorted(english_fields)}, "
                                f"Dutch {sorted(dutch_fields)}")
            if dutch == key.english and PROSE.search(string_without_fields(dutch)):
                problems.append(f"{key}: the Dutch twin is the English, copied")
        elif code_tokens(dutch) != code_tokens(key.english):
            problems.append(f"{key}: the Dutch solution's code differs from the English (only comments may)")
    return problems


def string_without_fields(template: str) -> str:
    return "".join(text for text, *_ in string.Formatter().parse(template))


# What reaches a learner without going through tr ---------------------------------

def is_docstring(node: ast.AST, parent: ast.AST | None) -> bool:
    """A bare string statement: a docstring, or the docstring of the attribute above it."""
    return isinstance(parent, ast.Expr) and isinstance(node, ast.Constant)


def prose_outside_tr(node: ast.AST) -> list[ast.AST]:
    """The string literals with words in ``node`` that are not a ``tr`` template."""
    found = []

    def visit(item: ast.AST):
        if isinstance(item, ast.Call) and called_name(item) in TRANSLATORS:
            for value in [*item.args[1:], *(k.value for k in item.keywords)]:
                visit(value)  # the values filled in may be English too
            return
        if isinstance(item, ast.Call):  # a literal argument, load_digits("train"), is data; bypass_problems reads
            for child in [item.func, *item.args, *(k.value for k in item.keywords)]:  # prose anywhere
                if literal(child) is None:
                    visit(child)
            return
        if isinstance(item, ast.JoinedStr):
            text = "".join(part.value for part in item.values if isinstance(part, ast.Constant))
            if re.search(r"[A-Za-z]{2,}", text):
                found.append(item)
            for part in item.values:
                if isinstance(part, ast.FormattedValue):
                    visit(part.value)
            return
        if literal(item) is not None and re.search(r"[A-Za-z]{2,}", item.value):
            found.append(item)
            return
        for child in ast.iter_child_nodes(item):
            visit(child)

    visit(node)
    return found


def judges(tree: ast.Module) -> list[ast.FunctionDef]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
            and any(isinstance(d, ast.Call) and called_name(d) == "exercise" for d in node.decorator_list)]


def learner_texts(tree: ast.Module) -> list[tuple[ast.AST, str]]:
    """The expressions whose value a learner reads, with what they are."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and called_name(node) in LEARNER_ERRORS:
            found += [(value, "Wrong message") for value in node.args[:1]]
            found += [(k.value, f"Wrong {k.arg}=") for k in node.keywords]
        if isinstance(node, ast.Call) and called_name(node) == "Feedback":
            found += [(value, "Feedback text") for value in node.args[2:]]
            found += [(k.value, f"Feedback {k.arg}=") for k in node.keywords if k.arg in ("message", "hint")]
    for judge in judges(tree):
        for node in ast.walk(judge):
            if isinstance(node, ast.Return) and node.value is not None:
                found.append((node.value, f"praise returned by the judge {judge.name}"))
    return found


def sink_problems(path: pathlib.Path) -> list[str]:
    """English in a Wrong, a Feedback or a judge's praise that does not go through tr."""
    tree, name = parse(path), relative(path)
    return [f"{name}:{text.lineno}: English in a {what} outside tr(): {ast.unparse(text)[:80]}"
            for expression, what in learner_texts(tree) for text in prose_outside_tr(expression)]


def exempt_nodes(tree: ast.Module) -> set[int]:
    """The string literals that may stay English: docstrings, solutions, comparisons, authors' errors, names."""
    exempt = set()
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    for node in ast.walk(tree):
        if is_docstring(node, parents.get(node)):
            exempt.add(id(node))
        if isinstance(node, ast.Call) and called_name(node) == "exercise":
            solution = keyword(node, "solution")
            if solution is not None:
                exempt.add(id(solution))
        if isinstance(node, ast.Call) and called_name(node) in TRANSLATORS and node.args:
            exempt.add(id(node.args[0]))
        if isinstance(node, ast.Compare):  # "truth value of an array" in text: reading Python's own message
            exempt.update(id(part) for part in ast.walk(node))
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(raised, ast.Name) and raised.id not in LEARNER_ERRORS:
                exempt.update(id(part) for part in ast.walk(node.exc))  # for the package's authors, not learners
        if isinstance(node, ast.Call) and called_name(node) == "ContextVar":
            exempt.update(id(part) for part in ast.walk(node))
    # stub_hint constants are keys of their own (tr_known shows them)
    constants = module_constants(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and called_name(node) == "exercise":
            hint = keyword(node, "stub_hint")
            if isinstance(hint, ast.Name):
                hint = constants.get(hint.id)
            if hint is not None:
                exempt.add(id(hint))
    return exempt


def bypass_problems(path: pathlib.Path) -> list[str]:
    """Any prose literal of a converted module that is not a tr template and not exempt."""
    tree, name = parse(path), relative(path)
    exempt = exempt_nodes(tree)
    problems = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if literal(node) is not None and is_prose(node.value):
            problems.append(f"{name}:{node.lineno}: English that does not go through tr(): {node.value[:70]!r}")
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            if is_prose(text):
                problems.append(f"{name}:{node.lineno}: an f-string with English; write it as "
                                f"tr('... {{name}} ...', name=...): {ast.unparse(node)[:70]}")
            exempt.update(id(part) for part in node.values)  # judged as a whole: its parts split HTML tags
    return problems


def import_time_problems(path: pathlib.Path) -> list[str]:
    """tr() run when the module is imported: its text would stay in the language of that moment."""
    tree, name = parse(path), relative(path)
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for statement in (node.body if isinstance(node.body, list) else [node.body]):
                inside.update(id(part) for part in ast.walk(statement))
    return [f"{name}:{node.lineno}: tr() runs at import time, so its text would not follow set_language(); "
            "call it where the text is shown"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and called_name(node) in TRANSLATORS and id(node) not in inside]


def converted(path: pathlib.Path, strict: bool):
    """A test parameter for a module; one not converted yet is expected to fail.

    Strictly for the rule against English around tr (converting a module makes it pass, and then
    its name must leave NOT_CONVERTED). For the twins only a module with keys (exercises) is
    expected to fail, and not strictly: one half converted may already have all its twins.
    """
    name = relative(path)
    expected = name in NOT_CONVERTED and (strict or keys_and_problems(path)[0])
    marks = [pytest.mark.xfail(strict=strict, reason="not converted to tr() yet (issue 16)")] if expected else []
    return pytest.param(path, id=name, marks=marks)


# The tests -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize("path", [converted(path, strict=False) for path in modules()])
def test_every_text_a_learner_meets_has_a_dutch_twin(path, catalog):
    assert twin_problems(path, catalog) + import_time_problems(path) == []


@pytest.mark.parametrize("path", [converted(path, strict=True) for path in modules()])
def test_no_english_reaches_a_learner_around_tr(path):
    assert sink_problems(path) + bypass_problems(path) == []


def test_the_list_of_modules_not_converted_names_real_modules():
    assert NOT_CONVERTED <= {relative(path) for path in modules()}


def test_no_dutch_twin_is_left_whose_english_is_gone(catalog):
    english = {(key.kind, key.english) for key in all_keys()}
    stale = [f"{kind}: {text[:80]!r}" for kind, entries in catalog.items() for text in entries
             if (kind, text) not in english]
    assert stale == [], "Dutch twins of English that no longer exists in the package (remove or update them)"


def test_the_catalog_is_tidy():
    """UTF-8 JSON with "messages" and "solutions" only, every value a string, written as the helper writes it."""
    seen: dict[tuple[str, str], str] = {}
    for path in catalog_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(data) <= {"messages", "solutions", "about"}, path.name
        for kind in ("messages", "solutions"):
            assert all(isinstance(value, str) for value in data.get(kind, {}).values()), path.name
            for english in data.get(kind, {}):
                other = seen.setdefault((kind, english), path.name)
                assert other == path.name, f"{english[:60]!r} is translated in both {other} and {path.name}"


# The widgets' JavaScript shows only texts that Python translated ------------------

WIDGETS = PACKAGE / "widgets"
"""The widgets: each ``name.js`` front end gets its words from ``name.py``'s ``_texts()``, through a synced dict."""

JS_TEXT_SINKS = re.compile(
    r"""\.textContent\s*=|\.title\s*=|setAttribute\(\s*["']aria-label["']\s*,|fillText\(|"""
    r"""\belement\(\s*["'][^"']*["']\s*,\s*["'][^"']*["']\s*,\s*[\w.]+\s*,""")
"""Where the JavaScript puts text on the page: a literal in what follows must hold no word (only "·", "×", "z")."""


def js_expression_end(source: str, start: int) -> int:
    """Where the expression starting at ``start`` ends: at a , ; or closing bracket outside brackets and strings."""
    depth, i = 0, start
    while i < len(source):
        c = source[i]
        if c in "\"'`":
            i = source.index(c, i + 1) if c != "`" else source.index("`", i + 1)
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                return i
            depth -= 1
        elif c in ",;\n" and depth == 0:
            return i
        i += 1
    return i


def js_strings(source: str) -> list[tuple[int, int, str]]:
    """(line, offset, text) of each string literal in JavaScript ``source``, comments skipped; ``${...}`` as a space."""
    found, i, line = [], 0, 1
    while i < len(source):
        c = source[i]
        if c == "\n":
            line += 1
        elif source.startswith("//", i):
            i = source.find("\n", i) - 1 if "\n" in source[i:] else len(source)
        elif source.startswith("/*", i):
            end = source.index("*/", i)
            line += source.count("\n", i, end)
            i = end + 1
        elif c in "\"'`":
            j, text, start = i + 1, [], line
            while source[j] != c:
                if source[j] == "\\":
                    text.append(source[j:j + 2])
                    j += 2
                elif c == "`" and source.startswith("${", j):
                    depth, j = 1, j + 2
                    while depth:
                        depth += {"{": 1, "}": -1}.get(source[j], 0)
                        j += 1
                    text.append(" ")
                else:
                    line += source[j] == "\n"
                    text.append(source[j])
                    j += 1
            found.append((start, i, "".join(text)))
            i = j
        elif c == "/" and (source[:i].rstrip()[-1:] or "(") in "=(,:;!&|?{}[":
            i += 1  # a regular expression literal: skip to its closing slash
            while source[i] != "/":
                i += 2 if source[i] == "\\" else 1
        i += 1
    return found


def js_problems(path: pathlib.Path) -> list[str]:
    """English a widget's JavaScript would show in every language: prose in a string, or a word put on the page."""
    source, name = path.read_text(encoding="utf-8"), relative(path)
    problems = []
    for line, _, text in js_strings(source):
        words = re.sub(r"\S*-\S*", " ", text)  # CSS classes and values (nnbook-fps-caption, sans-serif) are not read
        if PROSE.search(words):
            problems.append(f"{name}:{line}: English in the JavaScript; send it from Python in _texts: {text[:60]!r}")
    literals = js_strings(source)
    for sink in JS_TEXT_SINKS.finditer(source):
        end = js_expression_end(source, sink.end())
        for line, offset, text in literals:
            trait = source[:offset].endswith((".get(", ".set("))  # model.get("speed"): a trait's name
            if sink.end() <= offset < end and not trait and re.search(r"[A-Za-z]{2,}", text):
                problems.append(f"{name}:{line}: a word put on the page as it is; send it from Python in _texts: "
                                f"{text!r}")
    return problems


def js_keys_problems(path: pathlib.Path) -> list[str]:
    """The T.keys the JavaScript uses are exactly those its Python module's _texts() sends."""
    import importlib

    source = "\n".join(line.split("//")[0] for line in path.read_text(encoding="utf-8").splitlines())
    used = set(re.findall(r"\bT\.(\w+)", source))
    texts = getattr(importlib.import_module(f"nnbook.widgets.{path.stem}"), "_texts", None)
    sent = set(texts()) if texts else set()
    return ([f"{relative(path)}: uses T.{key}, which _texts() does not send" for key in sorted(used - sent)]
            + [f"{relative(path)}: _texts() sends {key!r}, which the JavaScript never uses"
               for key in sorted(sent - used)])


@pytest.mark.parametrize("path", sorted(WIDGETS.glob("*.js")), ids=lambda path: path.name)
def test_a_widgets_javascript_shows_only_translated_texts(path):
    assert js_problems(path) + js_keys_problems(path) == []


@pytest.mark.parametrize(("source", "caught"), [
    ('el.textContent = "Nothing picked yet.";', "English in the JavaScript"),
    ('button.textContent = playing ? "Pause" : T.play;', "put on the page"),
    ('element("button", "nnbook-x-clear", side, "Clear");', "put on the page"),
    ('canvas.setAttribute("aria-label", `${n} dots`);', "put on the page"),
    ('const a = `step ${v.step} of ${s.n_steps}`; // step 1 of 9', "English in the JavaScript"),
])
def test_the_javascript_rules_catch_english(source, caught, tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    path = tmp_path / "example.js"
    path.write_text(source, encoding="utf-8")
    found = js_problems(path)
    assert any(caught in line for line in found), found


def test_the_javascript_rules_let_through_code_and_translated_texts(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    path = tmp_path / "example.js"
    path.write_text('// A comment may say anything at all.\n'
                    'const say = (t, v) => t.replace(/\\{(\\w+)\\}/g, (s, n) => String(v[n]));\n'
                    'element("div", "nnbook-te-chart nnbook-te-cost-chart", right, T.title);\n'
                    'context.font = "10px sans-serif"; cell.textContent = "·";\n'
                    'label.textContent = say(T.counter, { step: 1 }); model.on("change:_view", draw);\n',
                    encoding="utf-8")
    assert js_problems(path) == []


# The rules catch what they should -------------------------------------------------

def problems_in(source: str, folder: pathlib.Path, catalog=None) -> list[str]:
    """Everything the rules find in ``source``, written as a module in ``folder``."""
    path = folder / "n99_example.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    found = []
    for check in (sink_problems, bypass_problems, import_time_problems):
        found += check(path)
    return found + twin_problems(path, catalog or {"messages": {}, "solutions": {}})


@pytest.fixture
def outside(monkeypatch, tmp_path):
    """A folder for example modules, which relative() names from there."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    return tmp_path


@pytest.mark.parametrize(("source", "caught"), [
    ('raise Wrong("that is not right.")', "English in a Wrong message"),
    ('raise Wrong(tr("ok"), hint="Try again.")', "English in a Wrong hint="),
    ('raise Wrong(f"{x} is not right.")', "English in a Wrong message"),
    ('raise Wrong(tr("{x} is {y}", x=x, y="not right"))', "English in a Wrong message"),
    ('raise Wrong(tr("a") if x else "not right at all")', "English in a Wrong message"),
    ('Feedback(name, FAIL, "no good", tr("hint"))', "English in a Feedback text"),
    ('mistakes = {1: ("you added them.", tr("Multiply."))}', "English that does not go through tr()"),
    ('def f():\n    return f"{x} pixels are dark"', "an f-string with English"),
    ('tr(f"{x} is wrong")', "plain string literal"),
    ('tr(MESSAGE)', "plain string literal"),
    ('HINT = tr("Leave out the quotes.")', "runs at import time"),
    ('@exercise(solution="x = 1")\ndef judge(answer):\n    """Say hi."""\n    return "well done, really"',
     "praise returned by the judge judge"),
    ('HINT = "Replace" + " the ..."\n@exercise(solution="x = 1", stub_hint=HINT)\ndef judge(answer):\n    """Hi."""',
     "stub_hint= must be"),
])
def test_the_rules_catch_english_that_bypasses_tr(source, caught, outside):
    found = problems_in(source, outside)
    assert any(caught in line for line in found), found


@pytest.mark.parametrize("source", [
    '"""A docstring may be English."""',
    'def f():\n    """So may this one."""\n    raise Wrong(tr("{what} is {value}.", what=what, value=num(x)))',
    'def f():\n    if "truth value of an array" in text:\n        return tr("The shapes do not fit.")',
    'def f():\n    raise ValueError(f"two exercises are named {name!r}: give one another name")',
    'def f():\n    raise Wrong(f"{num(x)}: {message}", hint=hint)',
    'np.errstate(all="ignore")',
])
def test_the_rules_let_through_what_is_not_for_learners_or_is_translated(source, outside):
    catalog = {"messages": {"{what} is {value}.": "{what} is {value}.", "The shapes do not fit.": "Past niet."},
               "solutions": {}}
    assert problems_in(source, outside, catalog) == []


def test_the_twin_rules_catch_a_missing_twin_other_placeholders_and_changed_code(outside):
    source = ('@exercise(solution="x = 1  # one", stub_hint="Replace the ... now.")\n'
              'def judge(answer):\n    """Say hi."""\n'
              '    raise Wrong(tr("{what} is {value}.", what=w, value=v), hint=tr("Try {this}.", this=t))\n')
    catalog = {"messages": {"{what} is {value}.": "{what} is {waarde}.", "Say hi.": "Zeg hoi.",
                            "Replace the ... now.": "Replace the ... now."},
               "solutions": {"x = 1  # one": "x = 2  # een"}}
    found = "\n".join(problems_in(source, outside, catalog))
    assert "placeholders differ" in found
    assert "'Try {this}.': no Dutch twin" in found
    assert "the Dutch twin is the English, copied" in found
    assert "the Dutch solution's code differs" in found


def test_a_dutch_solution_may_change_only_its_comments():
    english = "# add them\nx = a + b   # the sum\n"
    assert code_tokens(english) == code_tokens("# tel ze op\n\n# (twee regels)\nx = a + b  # de som\n")
    assert code_tokens(english) != code_tokens("# tel ze op\nx = a - b\n")


# The package speaks the language it is told ----------------------------------------

@pytest.fixture
def dutch():
    import nnbook
    nnbook.set_language("nl")
    yield
    nnbook.set_language("en")


def test_english_is_the_default_and_set_language_refuses_what_it_does_not_speak():
    import nnbook
    assert nnbook.language() == "en"
    with pytest.raises(ValueError, match='"en" \\(English\\) and "nl" \\(Nederlands\\), not \'de\''):
        nnbook.set_language("de")
    assert nnbook.language() == "en"


def test_set_language_takes_the_code_in_any_case_and_with_spaces(dutch):
    import nnbook
    nnbook.set_language(" NL ")
    assert nnbook.language() == "nl"


def test_the_fixed_words_of_feedback_are_dutch(dutch):
    from nnbook.check._core import Exercise, Wrong
    from nnbook.language import tr

    def judge(answer):
        """Give 6."""
        if answer != 6:
            raise Wrong(tr("well done."), hint=tr("well done."))
        return None

    exercise = Exercise(judge, "x = 6", name="six")
    assert str(exercise(...)).startswith("○ six: nog niet geprobeerd. Vervang de ...")
    assert str(exercise(5)) == "✗ six: goed gedaan.\n  Hint: goed gedaan."
    assert str(exercise(6)) == "✓ six: goed gedaan."
    assert "deze check neemt één antwoord" in str(exercise(1, 2))


def test_the_core_messages_are_dutch(dutch):
    from nnbook import check
    feedback = str(check.warmup_pixels("600"))
    assert "tekst" in feedback and "aanhalingstekens" in feedback, feedback
    assert "Python schrijft kommagetallen met een punt: 1.4, niet 1,4." in str(check.pixel_number((1, 4)))


def test_a_dutch_solution_keeps_the_code_and_speaks_dutch(dutch):
    import nnbook
    from nnbook import check
    dutch_code = check.pixel_number.solution().code
    nnbook.set_language("en")
    english_code = check.pixel_number.solution().code
    assert code_tokens(dutch_code) == code_tokens(english_code) and dutch_code != english_code
    nnbook.set_language("nl")
    assert repr(check.pixel_number.solution()).startswith("# Een uitgewerkte oplossing voor pixel_number:")


def test_the_lessons_feedback_is_dutch(dutch):
    from nnbook import check
    assert "rij en kolom" in str(check.pixel_number(15 * 28 + 10))
    assert str(check.warmup_pixels(600)).startswith("✓ warmup_pixels: 30 rijen van 20 pixels")
    assert "pixel_number" in repr(check.pixel_number) and "Welk nummer" in repr(check.pixel_number)


def test_each_dutch_twin_is_shown_when_the_language_is_dutch(dutch):
    """tr gives the catalog's Dutch for every message key, with its placeholders filled in."""
    from nnbook.language import catalog, tr

    class Value:
        """Stands in for any value: formats as its name, whatever the format spec."""

        def __init__(self, name):
            self.name = name

        def __format__(self, spec):
            return f"<{self.name}>"

        def __repr__(self):
            return f"<{self.name}!r>"

    for english, twin in catalog("nl")["messages"].items():
        values = {name: Value(name) for name, _ in fields(english) if name}
        assert tr(english, **values) == twin.format(**values)


def missing_as_json(only: tuple[str, ...] = ()) -> str:
    """The keys still without a Dutch twin, as catalog entries to fill in (the English copied).

    ``only``: paths such as ``nnbook/check/n03_weighted_sums.py``, to list the keys of those modules alone.
    """
    catalog = load_catalog()
    missing = {"messages": {}, "solutions": {}}
    for key in all_keys():
        if only and not any(key.where.startswith(path) for path in only):
            continue
        if key.english not in catalog[key.kind]:
            missing[key.kind][key.english] = key.english
    return json.dumps(missing, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    print(missing_as_json(tuple(sys.argv[1:])))
