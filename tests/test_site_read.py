"""The static site to read (scripts/build_site.py --only read), checked as files, without a browser.

The site is built once into a temporary folder. Then: every notebook has its
page, the index gives each notebook's measured minutes, everything a page
loads (scripts, styles, pictures, fonts) is a file of the site itself, every
link between pages leads to a page that exists (and to an anchor on it), every
stored widget view carries the line saying where it moves, and the vendored
JavaScript is byte for byte the files of the pinned npm packages and of the
installed anywidget. tests/browser/test_site_read_in_chromium.py opens the same pages in
Chromium.
"""

from __future__ import annotations

import hashlib
import html.parser
import json
import pathlib
import posixpath
import re

import pytest

from notebook_code import NOTEBOOKS, ROOT
from project_files import load_script

pytestmark = pytest.mark.builds  # CI runs the site's build once, on the README's Python

build_site = load_script("scripts/build_site.py")
stats = load_script("scripts/course_stats.py")
npm_vendor = load_script("scripts/npm_vendor.py")

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LOADS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src",
         "audio": "src", "embed": "src", "object": "data"}
"""The tags whose address the browser fetches to show the page (unlike <a>, which a reader clicks)."""
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
JS_TYPES = {"", "text/javascript", "module", "application/javascript"}


class Page(html.parser.HTMLParser):
    """What one HTML page loads, where it links, which anchors it has, and its inline scripts and styles."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.loads, self.links, self.ids, self.scripts, self.styles = [], [], set(), [], []
        self.classes: list[str] = []
        self._in = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in LOADS and attributes.get(LOADS[tag]):
            self.loads.append((tag, attributes[LOADS[tag]]))
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        for key in ("id", "name"):
            if attributes.get(key):
                self.ids.add(attributes[key])
        self.classes += (attributes.get("class") or "").split()
        if tag == "script" and not attributes.get("src"):
            self._in = ("script", (attributes.get("type") or "").lower())
        elif tag == "style":
            self._in = ("style", "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data):
        if self._in and self._in[0] == "script":
            self.scripts.append((self._in[1], data))
        elif self._in:
            self.styles.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    assert build_site.main(["--only", "read", "--out", str(out)]) == 0
    read = out / "read"
    return {"read": read, "pages": {path.relative_to(read).as_posix(): Page(path.read_text(encoding="utf-8"))
                                    for path in sorted(read.rglob("*.html"))}}


def course() -> list[pathlib.Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def stored_views(path: pathlib.Path) -> int:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return sum(WIDGET_VIEW in output.get("data", {}) for cell in cells for output in cell.get("outputs", []))


def test_every_notebook_has_a_page_with_its_title(site):
    assert course(), "no notebooks found"
    for path in course():
        page = site["read"] / f"{path.stem}.html"
        assert page.is_file(), f"{path.name} has no page"
        notebook = json.loads(path.read_text(encoding="utf-8"))
        title = build_site.title_of(notebook, path.stem)
        assert f"<title>{title}</title>" in page.read_text(encoding="utf-8").replace("&#39;", "'")


def test_the_index_lists_every_notebook_with_its_measured_minutes(site):
    text = (site["read"] / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>[^<]*</td><td><a href=\"([^\"]+)\">.*?</td><td>.*?</td>"
                      r"<td class=\"num\">([^<]+)</td><td class=\"num\">([^<]+)</td></tr>", text)
    expected = [(f"{numbers['notebook']}.html", *stats.table_minutes(numbers)) for numbers in stats.course_stats()]
    assert rows == expected
    assert "python3 run.py lab" in text and 'href="../lab/"' in text and 'href="readme.html"' in text
    if (ROOT / "teacher").is_dir():
        assert 'href="teacher/index.html"' in text


def test_nothing_is_loaded_from_elsewhere(site):
    for name, page in site["pages"].items():
        outside = [(tag, address) for tag, address in page.loads
                   if EXTERNAL.match(address) and not address.startswith("data:")]
        assert not outside, f"{name} loads {outside}"
        for kind, code in page.scripts:
            if kind in JS_TYPES:
                assert not re.search(r"https?://", code), f"{name}: an inline script names a web address"
        for css in page.styles:
            assert not re.search(r"url\(\s*['\"]?https?:|@import", css), f"{name}: a style loads from elsewhere"


def test_every_relative_link_and_file_resolves(site):
    read = site["read"]
    for name, page in site["pages"].items():
        folder = posixpath.dirname(name)
        addresses = [address for _, address in page.loads] + page.links
        for address in addresses:
            if EXTERNAL.match(address):
                continue
            path, _, fragment = address.partition("#")
            target = posixpath.normpath(posixpath.join(folder, path)) if path else name
            if target == "../lab":  # the browser edition, built beside read/ by scripts/build_lite.py
                assert path == "../" * (folder.count("/") + bool(folder)) + "../lab/", (name, address)
                continue
            assert not target.startswith(".."), f"{name} links outside the site: {address}"
            assert (read / target).is_file(), f"{name} links to {address}, which is not in the site"
            if fragment:
                assert fragment in site["pages"][target].ids, f"{name} links to {address}: no such anchor"
        assert not [link for link in page.links if re.search(r"\.(ipynb|md)(#|$)", link) and not EXTERNAL.match(link)]


def test_every_stored_widget_view_says_where_it_moves(site):
    for path in course():
        page = site["pages"][f"{path.stem}.html"]
        views = stored_views(path)
        assert page.classes.count("nnbook-moves") == views, path.name
        assert sum(kind == WIDGET_VIEW for kind, _ in page.scripts) == views, path.name
    assert sum(stored_views(path) for path in course()) > 0


def test_formulas_are_typeset_only_where_there_are_some(site):
    for path in course():
        notebook = json.loads(path.read_text(encoding="utf-8"))
        loads = [address for _, address in site["pages"][f"{path.stem}.html"].loads]
        assert ("vendor/mathjax/tex-svg-full.js" in loads) == build_site.has_math(notebook), path.name
    assert any(build_site.has_math(json.loads(path.read_text(encoding="utf-8"))) for path in course())


def test_the_vendored_javascript_is_the_pinned_packages(site):
    import anywidget

    vendor = site["read"] / "vendor"
    listed = {}
    for line in (vendor / "SOURCES.txt").read_text(encoding="utf-8").splitlines():
        found = re.match(r"([0-9a-f]{64})  (\S+)  \((npm (\S+) (\S+)|PyPI anywidget \S+ nbextension/index\.js)\)$",
                         line)
        if found:
            listed[found.group(2)] = found.groups()
    on_disk = {path.relative_to(site["read"]).as_posix() for path in vendor.rglob("*") if path.is_file()}
    assert on_disk - {"vendor/SOURCES.txt"} == set(listed)
    for name, (sha256, _, _, spec, inside) in listed.items():
        data = (site["read"] / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha256, name
        if spec:
            assert spec in npm_vendor.PINNED
            assert data == npm_vendor.file(spec, inside), f"{name} is not {inside} of the pinned {spec}"
        else:
            assert data == (pathlib.Path(anywidget.__file__).parent / "nbextension" / "index.js").read_bytes()
    assert {"vendor/require.js", "vendor/html-manager/embed-amd.js", "vendor/anywidget/index.js"} <= set(listed)


def test_the_teacher_guide_has_its_pages(site):
    sources = sorted((ROOT / "teacher").glob("*.md")) if (ROOT / "teacher").is_dir() else []
    for source in sources:
        page = "teacher/index.html" if source.name == "README.md" else f"teacher/{source.stem}.html"
        assert page in site["pages"], f"{source.name} has no page"


def test_a_folder_the_build_did_not_make_is_never_emptied(tmp_path, capsys):
    mine = tmp_path / "read" / "notes.txt"
    mine.parent.mkdir()
    mine.write_text("my notes")
    with pytest.raises(SystemExit, match="was not made by this build"):
        build_site.main(["--only", "read", "--out", str(tmp_path)])
    assert mine.read_text() == "my notes"
    with pytest.raises(SystemExit) as error:
        build_site.main(["--only", "slides"])
    assert error.value.code == 2 and "invalid choice" in capsys.readouterr().err
