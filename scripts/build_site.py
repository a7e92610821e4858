"""Build the course as a website: ``site/read/`` to read, then ``site/lab/`` to run in the browser.

    python3 run.py site                  both halves, into site/
    python3 run.py site --only read      only the pages to read (site/read/)
    python3 run.py site --only lab       only the browser edition (site/lab/, made by scripts/build_lite.py)
    python3 run.py site --out FOLDER     into FOLDER/read and FOLDER/lab instead of site/

**site/read/** works from any static file server with no network at all:

- ``index.html``: the course table with the measured minutes (scripts/course_stats.py),
  the routes to run the course, and links to every page;
- one page per notebook (``00-welcome.html`` …), made by nbconvert from the
  *stored* outputs, nothing re-run. Every stored widget is drawn from the state
  saved in the notebook by the widget renderer ``@jupyter-widgets/html-manager``,
  anywidget's widgets too. Under each widget one line says where it moves: the
  course's widgets all call Python when you touch them (a slider's observer
  redraws a picture; the anywidgets ask their kernel for every new step), and a
  web page has no Python;
- ``readme.html`` and, if ``teacher/`` exists, the teacher guide (``teacher/*.html``);
- ``vendor/``: the JavaScript those pages run, copied from the npm registry's
  own packages (checked against the SHA-256 pinned in scripts/npm_vendor.py) and
  from the installed anywidget package; ``vendor/SOURCES.txt`` says where each
  file came from, with its SHA-256.

Why the pages need more than nbconvert's defaults: nbconvert's HTML loads
require.js, the widget renderer and MathJax from CDNs, and the renderer then
loads anywidget's front end from jsDelivr. Here each comes from ``vendor/``:
require.js is told where anywidget is (``require.config({paths: ...})``), and
``waitSeconds: 0`` stops require.js from giving up after its default 7 seconds
(on a slow laptop the 3.6 MB renderer takes about 10 seconds to start).
Notebooks 07 and 08 write formulas as ``$...$``; MathJax 3 (its SVG build, which
needs no font files) typesets them on the pages that have any.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import importlib.util
import json
import pathlib
import posixpath
import re
import shutil
import sys
import time
from types import ModuleType

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TEACHER = ROOT / "teacher"
SITE = ROOT / "site"
MARKER = ".nnbook-site"
"""A file the build leaves in each folder it makes: only such a folder is ever emptied and rebuilt."""

HTML_MANAGER = "@jupyter-widgets/html-manager@1.0.15"
REQUIREJS = "requirejs@2.3.8"
MATHJAX = "mathjax@3.2.2"
VENDOR = {  # npm package -> {its file: where it goes under vendor/}
    REQUIREJS: {"require.js": "require.js"},
    HTML_MANAGER: {"dist/embed-amd.js": "html-manager/embed-amd.js"},
    MATHJAX: {"es5/tex-svg-full.js": "mathjax/tex-svg-full.js"},
}
FONT = re.compile(r"^dist/([0-9a-f]{20}\.(?:woff2|woff))$")
"""The renderer's icon fonts (Font Awesome), fetched beside embed-amd.js; browsers take woff2, else woff."""

MOVES = "This moves in JupyterLab, Colab or the browser edition ({link})."
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?!\s)[^$\n]+?(?<!\s)\$|\\\(.+?\\\)", re.DOTALL)
LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
IMAGE = re.compile(r'<img\b[^>]*?\bsrc="([^"]*)"[^>]*>')
ALT = re.compile(r'\balt="([^"]*)"')
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)

TEMPLATE = """{%- extends 'index.html.j2' -%}
{% block html_head_js_requirejs -%}
{%- if resources.nnbook.math %}
<script>
window.MathJax = {
  tex: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], processEscapes: true},
  svg: {fontCache: "global"},
  startup: {ready: function () {
    MathJax.startup.defaultReady();
    // The widget renderer still speaks MathJax 2 (MathJax.Hub.Queue) when it typesets a widget's label.
    MathJax.Hub = {Queue: function () {
      Array.prototype.forEach.call(arguments, function (job) {
        if (Array.isArray(job) && job[0] === "Typeset") MathJax.typesetPromise(job[2] ? [job[2]] : undefined);
      });
    }};
  }}
};
</script>
<script src="vendor/mathjax/tex-svg-full.js"></script>
{%- endif %}
{%- if "widgets" in nb.metadata %}
<script src="{{ resources.require_js_url }}"></script>
<script>require.config({waitSeconds: 0, paths: {anywidget: "vendor/anywidget/index"}});</script>
{%- endif %}
{%- endblock html_head_js_requirejs %}
{% block extra_css %}<link rel="stylesheet" href="site.css">{% endblock extra_css %}
{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}
{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}
{% block body_header %}{{ super() }}
{{ resources.nnbook.nav }}
{% endblock body_header %}
{% block body_footer %}
{{ resources.nnbook.nav }}
{{ super() }}
{% endblock body_footer %}
{%- block data_widget_view scoped %}{{ super() }}
<p class="nnbook-moves">{{ resources.nnbook.moves }}</p>
{%- endblock data_widget_view %}
"""

STYLE = """\
:root { --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --accent: #1f5fa8; --max: 62rem; }
html { -webkit-text-size-adjust: 100%; }
body.nnbook-page { margin: 0; color: var(--ink); background: #fff;
  font: 1.05rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.nnbook-page main, body.jp-Notebook main { max-width: var(--max); margin: 0 auto; padding: 0 1rem 2rem; }
body.jp-Notebook { padding: 0; }
a { color: var(--accent); }
h1, h2, h3 { line-height: 1.25; }
nav.nnbook-nav { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; justify-content: space-between;
  max-width: var(--max); margin: 0 auto; padding: .7rem 1rem; border-bottom: 1px solid var(--line);
  font: 1rem/1.4 system-ui, sans-serif; }
nav.nnbook-nav:last-of-type { border-bottom: 0; border-top: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .45rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
.nnbook-table { overflow-x: auto; }
pre, code { font-size: .92em; }
pre { overflow-x: auto; background: #f5f5f5; padding: .6rem; }
img, svg, canvas { max-width: 100%; height: auto; }
.nnbook-moves { margin: .3rem 0 .8rem; padding: .35rem .6rem; border-left: 4px solid var(--accent);
  background: #eef3fa; font: .95rem/1.4 system-ui, sans-serif; color: var(--ink); }
.nnbook-badge { display: inline-block; padding: .1rem .5rem; border: 1px solid var(--line); border-radius: .3rem;
  font: .9rem/1.4 system-ui, sans-serif; }
.celltag_extension { border-left: 3px solid var(--line); }
.nnbook-offsite { font-style: italic; }
.jp-OutputArea-output { overflow-x: auto; }
@media (max-width: 40rem) {
  body.nnbook-page, body.jp-Notebook { font-size: 1rem; }
  .jp-InputPrompt, .jp-OutputPrompt { display: none; }
  .jp-Cell { padding: .3rem 0; }
}
@media print { nav.nnbook-nav, .nnbook-moves { display: none; } }
"""


def script(name: str) -> ModuleType:
    """A sibling script (``npm_vendor``, ``course_stats``, ``build_lite``), loaded from its file."""
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"nnbook_script_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def human(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} kB"


# ---- where each source file of the repository ends up in the site -------------------------------------------


def course_notebooks(folder: pathlib.Path = NOTEBOOKS) -> list[pathlib.Path]:
    """The course's notebooks in order: ``00-welcome.ipynb`` … (and ``10-exit-ticket.ipynb`` once it exists)."""
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def teacher_pages(folder: pathlib.Path = TEACHER) -> list[pathlib.Path]:
    """The teacher guide's markdown files, its README first; none if there is no guide."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.md"), key=lambda path: (path.name != "README.md", path.name))


def page_of(source: str) -> str | None:
    """The site page (path under read/) made from a repository file (path from the root), or None if none is."""
    path = pathlib.PurePosixPath(source)
    if len(path.parts) == 2 and path.parts[0] == "notebooks" and re.match(r"\d\d-.*\.ipynb$", path.name):
        return f"{path.stem}.html"
    if len(path.parts) == 2 and path.parts[0] == "teacher" and path.suffix == ".md":
        return "teacher/index.html" if path.name == "README.md" else f"teacher/{path.stem}.html"
    if source == "README.md":
        return "readme.html"
    return None


def rewrite(page_html: str, source: str, page: str, out: pathlib.Path) -> str:
    """``page_html`` (made from the repository file ``source``, shown at ``page``) with links fit for the site.

    Links the build made itself carry ``data-site`` and are left alone. Links
    to notebooks and markdown files become links to their pages; a
    repository file the site does not hold keeps its text but loses its link;
    a picture the repository holds is copied beside the page; a picture from
    another server is replaced by its alt text, so no page fetches anything from
    elsewhere. Links to other websites stay as they are.
    """
    here = posixpath.dirname(source)
    page_dir = posixpath.dirname(page) or "."

    def resolve(target: str) -> tuple[str | None, str]:
        path, _, fragment = target.partition("#")
        return posixpath.normpath(posixpath.join(here, path)), fragment

    def link(found: re.Match) -> str:
        before, target, after, text = found.groups()
        if not target or target.startswith("#") or EXTERNAL.match(target) or "data-site" in before + after:
            return found.group(0)
        path, fragment = resolve(html.unescape(target))
        if (ROOT / path).is_dir() and page_of(posixpath.join(path, "README.md")):
            path = posixpath.join(path, "README.md")
        made = page_of(path)
        if made is None:
            return f'<span class="nnbook-offsite" title="{html.escape(path)}">{text}</span>'
        new = posixpath.relpath(made, page_dir) + (f"#{fragment}" if fragment else "")
        return f'<a{before}href="{html.escape(new)}"{after}>{text}</a>'

    def image(found: re.Match) -> str:
        src = html.unescape(found.group(1))
        if src.startswith("data:"):
            return found.group(0)
        if EXTERNAL.match(src):
            alt = ALT.search(found.group(0))
            return f'<span class="nnbook-badge">{alt.group(1) if alt else "(a picture from the web)"}</span>'
        path, _ = resolve(src)
        if not (ROOT / path).is_file() or path.startswith(".."):
            raise SystemExit(f"{source} shows the picture {src}, which is not in the repository ({path}).")
        copy = out / "files" / path
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / path, copy)
        return found.group(0).replace(found.group(1), html.escape(posixpath.relpath(f"files/{path}", page_dir)))

    return LINK.sub(link, IMAGE.sub(image, page_html))


# ---- the vendored JavaScript --------------------------------------------------------------------------------


def vendor(out: pathlib.Path) -> dict[str, tuple[str, str]]:
    """Copy the JavaScript the pages run into ``out``/vendor/; returns {file: (where from, SHA-256)}."""
    import anywidget

    npm = script("npm_vendor")
    made = {}

    def put(relative: str, data: bytes, origin: str) -> None:
        path = out / "vendor" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        made[f"vendor/{relative}"] = (origin, hashlib.sha256(data).hexdigest())

    for spec, wanted in VENDOR.items():
        files = npm.files(spec)
        for name, relative in wanted.items():
            put(relative, files[name], f"npm {spec} {name}")
        if spec == HTML_MANAGER:
            for name, data in files.items():
                font = FONT.match(name)
                if font:
                    put(f"html-manager/{font.group(1)}", data, f"npm {spec} {name}")
    front_end = pathlib.Path(anywidget.__file__).parent / "nbextension" / "index.js"
    put("anywidget/index.js", front_end.read_bytes(), f"PyPI anywidget {anywidget.__version__} nbextension/index.js")
    lines = ["The JavaScript these pages run, and where each file came from (licences: require.js MIT,",
             "html-manager BSD-3-Clause, Font Awesome fonts SIL OFL 1.1, MathJax Apache-2.0, anywidget MIT).", ""]
    lines += [f"{sha}  {name}  ({origin})" for name, (origin, sha) in sorted(made.items())]
    (out / "vendor" / "SOURCES.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return made


# ---- the pages ----------------------------------------------------------------------------------------------


def nav(page: str, previous: tuple[str, str] | None, following: tuple[str, str] | None) -> str:
    """The bar at the top and bottom of a page: back, the index, next."""
    base = posixpath.relpath("index.html", posixpath.dirname(page) or ".")
    parts = [f'<a data-site href="{posixpath.relpath(previous[0], posixpath.dirname(page) or ".")}">← '
             f"{html.escape(previous[1])}</a>" if previous else "<span></span>",
             f'<a data-site href="{base}">Course index</a>',
             f'<a data-site href="{posixpath.relpath(following[0], posixpath.dirname(page) or ".")}">'
             f"{html.escape(following[1])} →</a>" if following else "<span></span>"]
    return '<nav class="nnbook-nav">' + "".join(parts) + "</nav>"


def title_of(notebook: dict, fallback: str) -> str:
    """A notebook's title: the text of its first ``# `` heading."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            found = re.search(r"^# (.+)$", "".join(cell["source"]), re.MULTILINE)
            if found:
                return found.group(1).strip()
    return fallback


def has_math(notebook: dict) -> bool:
    return any(MATH.search("".join(cell["source"])) for cell in notebook["cells"] if cell["cell_type"] == "markdown")


def exporter():
    """nbconvert's HTML exporter (lab template) with this site's template on top and the local script paths."""
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file="nnbook-site.html.j2",
                        extra_loaders=[jinja2.DictLoader({"nnbook-site.html.j2": TEMPLATE})],
                        require_js_url="vendor/require.js",
                        widget_renderer_url="vendor/html-manager/embed-amd.js")


def notebook_page(html_exporter, path: pathlib.Path, out: pathlib.Path, navigation: str) -> tuple[str, int]:
    """Write one notebook's page from its stored outputs; returns (its file name, how many widget views it has)."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    page = page_of(f"notebooks/{path.name}")
    views = sum(WIDGET_VIEW in output.get("data", {}) for cell in notebook.cells for output in cell.get("outputs", []))
    resources = {"metadata": {"name": title_of(notebook, path.stem)},
                 "nnbook": {"math": has_math(notebook), "nav": navigation,
                            "moves": MOVES.format(link='<a data-site href="../lab/">../lab/</a>')}}
    body, _ = html_exporter.from_notebook_node(notebook, resources=resources)
    (out / page).write_text(rewrite(body, f"notebooks/{path.name}", page, out), encoding="utf-8")
    return page, views


def plain_page(title: str, body: str, page: str, navigation: str = "") -> str:
    """A page of this site that is not a notebook: the index, the README, the teacher guide."""
    css = posixpath.relpath("site.css", posixpath.dirname(page) or ".")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<link rel=\"stylesheet\" href=\"{css}\">\n</head>\n"
            f'<body class="nnbook-page">\n{navigation}\n<main>\n{body}\n</main>\n{navigation}\n</body>\n</html>\n')


def markdown_page(source: pathlib.Path, out: pathlib.Path, navigation: str) -> str:
    """Write the page of one markdown file of the repository; returns its path under read/."""
    import mistune

    relative = source.relative_to(ROOT).as_posix()
    page = page_of(relative)
    text = source.read_text(encoding="utf-8")
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), source.stem)
    body = mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "footnotes"])(text)
    body = re.sub(r"<h([1-4])>(.*?)</h\1>", lambda found: f'<h{found.group(1)} id="{slug(found.group(2))}">'
                  f"{found.group(2)}</h{found.group(1)}>", body)
    target = out / page
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(rewrite(plain_page(title, body, page, navigation), relative, page, out), encoding="utf-8")
    return page


def slug(heading_html: str) -> str:
    """A heading's anchor as GitHub makes it (lower case, spaces to hyphens, punctuation dropped)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", heading_html)).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def course_rows() -> list[dict]:
    """Each notebook's title, idea and minutes, for the index's course table."""
    stats = script("course_stats")
    ideas = {}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():  # the README's course table: | 03 | [Weighted sums](notebooks/….ipynb) | idea | …
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        linked = re.search(r"\(notebooks/(\d\d-[\w-]+)\.ipynb\)", cells[1]) if len(cells) > 3 else None
        if linked:
            ideas[linked.group(1)] = cells[2]
    rows = []
    for numbers in stats.course_stats(NOTEBOOKS):
        path = NOTEBOOKS / f"{numbers['notebook']}.ipynb"
        notebook = json.loads(path.read_text(encoding="utf-8"))
        title = title_of(notebook, path.stem)
        number, _, name = title.partition(" · ")
        name, _, subtitle = (name or title).partition(": ")
        core, everything = stats.table_minutes(numbers)
        rows.append({"page": page_of(f"notebooks/{path.name}"), "number": number, "title": name,
                     "idea": ideas.get(path.stem) or subtitle or first_sentence(notebook), "core": core,
                     "all": everything})
    return rows


def first_sentence(notebook: dict) -> str:
    """The first sentence a notebook says after its title (for a notebook the README's table does not list yet)."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            text = re.sub(r"^#.*$", "", "".join(cell["source"]), flags=re.MULTILINE).strip()
            if text and not text.startswith("["):
                return re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
    return ""


def colab_link(path: pathlib.Path) -> str | None:
    """The "Open in Colab" address written in a notebook's own badge, if it has one."""
    found = re.search(r"\((https://colab\.research\.google\.com/[^)\s]+)\)", path.read_text(encoding="utf-8"))
    return found.group(1) if found else None


def index_page(rows: list[dict], guide: list[str], out: pathlib.Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    course = next((line[2:].strip() for line in readme.splitlines() if line.startswith("# ")), "nnbook")
    table = "".join(
        f'<tr><td>{html.escape(row["number"])}</td><td><a href="{row["page"]}">{html.escape(row["title"])}</a></td>'
        f'<td>{html.escape(row["idea"])}</td><td class="num">{row["core"]}</td><td class="num">{row["all"]}</td></tr>\n'
        for row in rows)
    colab = colab_link(NOTEBOOKS / f"{rows[0]['page'][:-5]}.ipynb") if rows else None
    colab_item = (f'<li><b>Colab</b> (a Google account, nothing to install): <a href="{html.escape(colab)}">open '
                  f"notebook 00 in Colab</a> and run its first code cell, which installs the course.</li>"
                  if colab else "")
    guide_items = "".join(f'<li><a href="{page}">{html.escape(name)}</a></li>' for page, name in guide)
    guide_html = (f"<h2>For teachers</h2>\n<p>The teacher guide: lesson plans, timings and an answer key.</p>\n"
                  f"<ul>{guide_items}</ul>\n" if guide else "")
    body = f"""<h1>{html.escape(course)}</h1>
<p>A course in short notebooks on the ideas of 3Blue1Brown's video <i>But what is a neural network?</i>
You build the video's network of 784 → 16 → 16 → 10 neurons piece by piece, look inside it, and watch a trained
copy read handwritten digits. These pages show every notebook as it looks after it has run, with its pictures
and its widgets as they were saved. To change the code or move the widgets, run the course (below).</p>
<h2>The course</h2>
<p>Each notebook has a short core (about 15 minutes) and then “Going further” sections you may skip.
Notebook 00's core is given with its Python on-ramp, as “core + on-ramp”.</p>
<div class="nnbook-table"><table>
<thead><tr><th></th><th>notebook</th><th>the idea</th><th class="num">core (min)</th>
<th class="num">with extensions (min)</th></tr></thead>
<tbody>
{table}</tbody></table></div>
<h2>Run it yourself</h2>
<ul>
<li><b>In your browser, nothing installed</b>: <a href="../lab/">the browser edition</a> runs every notebook in
the page. It needs the internet the first time, to load numpy and matplotlib.</li>
{colab_item}
<li><b>On your computer</b>: with Python 3.10 or newer, get the course and type <code>python3 run.py lab</code>;
it installs what the course needs and opens JupyterLab.</li>
<li>Every other way (Binder, conda, a school's JupyterHub) is in <a href="readme.html">the README</a>.</li>
</ul>
{guide_html}"""
    (out / "index.html").write_text(plain_page(course, body, "index.html"), encoding="utf-8")


def clear(folder: pathlib.Path) -> None:
    """Empty ``folder`` for a new build, but only if an earlier build made it (or it is empty)."""
    if folder.exists():
        if not (folder / MARKER).is_file() and any(folder.iterdir()):
            raise SystemExit(f"{folder} exists and was not made by this build (it has no {MARKER} file); "
                             "move it away or choose another --out.")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("Made by scripts/build_site.py; the next build replaces this folder.\n")


def build_read(out: pathlib.Path) -> dict:
    """Build the pages to read into ``out``; returns what was made (pages, widget views per page, vendored files)."""
    clear(out)
    (out / "site.css").write_text(STYLE, encoding="utf-8")
    vendored = vendor(out)
    html_exporter = exporter()
    notebooks = course_notebooks()
    if not notebooks:
        raise SystemExit(f"no notebooks found in {NOTEBOOKS} (expected 00-welcome.ipynb …)")
    titles = [(page_of(f"notebooks/{path.name}"),
               title_of(json.loads(path.read_text(encoding="utf-8")), path.stem).partition(":")[0])
              for path in notebooks]
    views = {}
    for index, path in enumerate(notebooks):
        navigation = nav(titles[index][0], titles[index - 1] if index else None,
                         titles[index + 1] if index + 1 < len(titles) else None)
        page, count = notebook_page(html_exporter, path, out, navigation)
        views[page] = count
    markdown_page(ROOT / "README.md", out, nav("readme.html", None, None))
    guide = []
    sources = teacher_pages()
    for source in sources:
        page = page_of(source.relative_to(ROOT).as_posix())
        guide.append((page, next((line[2:].strip() for line in source.read_text(encoding="utf-8").splitlines()
                                  if line.startswith("# ")), source.stem)))
    for source, (page, _) in zip(sources, guide):
        back = ("teacher/index.html", "Teacher guide") if page != "teacher/index.html" else None
        markdown_page(source, out, nav(page, back, None))
    index_page(course_rows(), guide, out)
    return {"views": views, "vendored": vendored, "guide": [page for page, _ in guide]}


def folder_size(folder: pathlib.Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("read", "lab"), help="build only one half of the site")
    parser.add_argument("--out", type=pathlib.Path, default=SITE,
                        help="the site's folder (default: site/); the halves go into OUT/read and OUT/lab")
    args = parser.parse_args(argv)
    site = args.out.resolve()
    if site.exists() and not site.is_dir():
        parser.error(f"--out must be a folder, and {site} is a file")

    began = time.monotonic()
    if args.only in (None, "read"):
        started = time.monotonic()
        made = build_read(site / "read")
        files, size = folder_size(site / "read")
        print(f"site/read: {len(made['views'])} notebook pages ({sum(made['views'].values())} widget views), "
              f"the README, {len(made['guide'])} teacher guide pages, the index; {files} files, {human(size)}, "
              f"built in {time.monotonic() - started:.1f} s -> {site / 'read'}")
        vendor_files, vendor_size = folder_size(site / "read" / "vendor")
        print(f"  of which vendor/ (the JavaScript): {vendor_files} files, {human(vendor_size)}")
    if args.only in (None, "lab"):
        if not (ROOT / "scripts" / "build_lite.py").is_file():
            print("site/lab: skipped, scripts/build_lite.py (the browser edition) is not there yet")
        else:
            script("build_lite").build(site / "lab")  # it prints its own sizes and time
    if args.only is None and (site / "lab").is_dir():
        files, size = folder_size(site)
        print(f"site: {files} files, {human(size)} in all, built in {time.monotonic() - began:.1f} s -> {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
