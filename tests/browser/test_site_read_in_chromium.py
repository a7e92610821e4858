"""The static site to read (site/read/), opened in headless Chromium from a local server with no internet.

The site is built once, with ``scripts/build_site.py --only read``, into a
temporary folder, and served there by Python's own http.server. Every page is
opened in a browser that may reach only that server: any other request is
refused and recorded. On every page:

- no JavaScript error, no console error (a missing file would be one), nothing fetched from elsewhere;
- every picture has loaded;
- every widget view the notebook stored is drawn from its saved state (the
  renderer puts each one in a ``.widget-subarea`` just before the view's
  ``<script>``: a Lumino widget of some height), anywidget's widgets included,
  and none shows an error;
- the formulas are typeset (MathJax's ``mjx-container``) where a notebook has any;
- every link to another page of the site answers 200 from the server.

The widget renderer takes about ten seconds to start on a 2-core machine, so
several pages are opened at once, in tabs.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import pathlib
import threading
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TABS = 4
"""Pages opened at once: the renderer's start is mostly waiting for one core, and there are two or more."""

pytestmark = [pytest.mark.browser, pytest.mark.builds]

RENDERED = """() => Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'))
  .filter((script) => {
    const area = script.previousElementSibling;
    const view = area && area.classList.contains("widget-subarea") && area.firstElementChild;
    return view && view.classList.contains("lm-Widget") && view.getBoundingClientRect().height > 0;
  }).length"""

IMAGES = """() => Array.from(document.images).map((img) => ({src: img.src.slice(0, 80), complete: img.complete,
                                                       width: img.naturalWidth}))"""


def load_build_script():
    path = ROOT / "scripts" / "build_site.py"
    spec = importlib.util.spec_from_file_location("build_site_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stored_views(notebook: pathlib.Path) -> int:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(WIDGET_VIEW in output.get("data", {}) for cell in cells for output in cell.get("outputs", []))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built into a temporary folder and served on 127.0.0.1 at a port the system picks."""
    build_site = load_build_script()
    out = tmp_path_factory.mktemp("site")
    build_site.main(["--only", "read", "--out", str(out)])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"root": out / "read", "url": f"http://127.0.0.1:{server.server_address[1]}/read/",
               "notebooks": {path.stem: path for path in build_site.course_notebooks()}}
    finally:
        server.shutdown()
        server.server_close()


def all_pages(read: pathlib.Path) -> list[str]:
    return sorted(path.relative_to(read).as_posix() for path in read.rglob("*.html"))


def answer(url: str) -> int:
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_page_works_offline(browser, site, screenshots):
    origin = site["url"].split("/read/")[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    refused, problems, links = [], {}, set()

    def elsewhere(route):
        refused.append(route.request.url)
        return route.abort()

    context.route(lambda url: not url.startswith(origin), elsewhere)

    def views(name: str) -> int:
        stem = pathlib.PurePosixPath(name).stem
        return stored_views(site["notebooks"][stem]) if "/" not in name and stem in site["notebooks"] else 0

    pages = all_pages(site["root"])
    assert len([page for page in pages if "/" not in page]) >= len(site["notebooks"]) + 2
    try:
        for start in range(0, len(pages), TABS):
            opened = []
            for name in pages[start:start + TABS]:
                tab = context.new_page()
                tab.errors = []
                tab.on("pageerror", lambda error, tab=tab: tab.errors.append(f"page error: {error}"))
                tab.on("console", lambda message, tab=tab: tab.errors.append(f"console: {message.text}")
                       if message.type == "error" else None)
                tab.goto(site["url"] + name, wait_until="commit")
                opened.append((name, tab))
            for name, tab in opened:
                tab.wait_for_load_state("load", timeout=60_000)
                tab.expected = views(name)
                if tab.expected:
                    tab.wait_for_function(f"() => ({RENDERED})() >= {tab.expected}", timeout=90_000)
            opened[0][1].wait_for_timeout(2_500)  # the course's anywidgets show their "no kernel" note after 2 s
            for name, tab in opened:
                stem, expected = pathlib.PurePosixPath(name).stem, tab.expected
                if expected:
                    assert tab.evaluate(RENDERED) == expected, name
                    assert tab.locator(".nnbook-moves").count() == expected, name
                text = tab.inner_text("body")
                for sign in ("Error displaying widget", "model not found", "Loading widget"):
                    assert sign not in text, f"{name} shows {sign!r}"
                if tab.locator('script[src*="mathjax"]').count():
                    tab.wait_for_function("() => document.querySelectorAll('mjx-container').length > 0",
                                          timeout=30_000)
                    assert "\\begin{bmatrix}" not in text and "a^{(1)}" not in text, f"{name}: raw LaTeX shows"
                tab.wait_for_function("() => Array.from(document.images).every((img) => img.complete)",
                                      timeout=30_000)
                broken = [image for image in tab.evaluate(IMAGES) if not image["width"]]
                if broken or tab.errors:
                    problems[name] = broken + tab.errors
                links.update(tab.eval_on_selector_all("a[href]", "(links) => links.map((a) => a.href)"))
                if expected and stem == "09-the-whole-network":
                    tab.locator(".widget-subarea").first.scroll_into_view_if_needed()
                    tab.screenshot(path=screenshots / f"site-read-{stem}.png")
                tab.close()
    finally:
        context.close()
    assert not refused, f"pages asked for files elsewhere: {sorted(set(refused))[:10]}"
    assert not problems, problems
    internal = {link.split("#")[0] for link in links if link.startswith(origin)}
    lab = f"{origin}/lab/"  # the browser edition, the other half of the site (scripts/build_lite.py)
    assert lab in internal, "the pages link to the browser edition"
    missing = {link: answer(link) for link in sorted(internal - {lab})}
    assert all(status == 200 for status in missing.values()), {k: v for k, v in missing.items() if v != 200}
