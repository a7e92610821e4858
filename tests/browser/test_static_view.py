"""The stored notebooks' widgets show in a static view: HTML from nbconvert, no kernel, no internet.

nbconvert's HTML loads require.js and the widget renderer,
``@jupyter-widgets/html-manager``, from a CDN; the renderer then loads the
browser side of every widget library it meets (here ``anywidget``) from the
CDN too. There is no internet here, so the test answers those requests
itself:

- require.js and the html-manager come from the npm registry's own package
  files (tarballs), fetched once by ``.ci/run`` into tests/browser/vendor/
  with ``npm pack`` and checked here against their SHA-256;
- anywidget's browser side comes from the anywidget Python package that is
  installed: its ``nbextension/index.js`` is the same AMD module that the CDN
  serves, of exactly the version the kernel side was.

Everything else outside the page (MathJax, fonts from elsewhere) is refused.
The exported HTML itself is not changed: what is tested is what a reader of a
published notebook would get, with the CDN answered locally.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import re
import tarfile

import anywidget
import nbformat
import pytest
from nbconvert import HTMLExporter

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[2] / "notebooks"

pytestmark = pytest.mark.browser

VENDOR = pathlib.Path(__file__).resolve().parent / "vendor"
PACKAGES = {  # npm tarball -> its SHA-256
    "jupyter-widgets-html-manager-1.0.15.tgz": "2b9d65cb7913e1c7d671757a10008b32c9c2448d4429513371e55c07d6107638",
    "requirejs-2.3.8.tgz": "777158e89275e16bd51aec3ef714fbcb5dc45789e7078659933bc814916d7dec",
}
NPM_PACK = ("mkdir -p tests/browser/vendor && npm pack --silent --pack-destination tests/browser/vendor "
            "@jupyter-widgets/html-manager@1.0.15 requirejs@2.3.8")
ANYWIDGET_JS = pathlib.Path(anywidget.__file__).parent / "nbextension" / "index.js"
PAGE = "http://static.nnbook.test/"
OUR_WIDGETS = re.compile(r"\b(DigitCanvas|NetworkExplorer|NeuronExplorer)\(")
CONTENT_TYPES = {".js": "application/javascript", ".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff",
                 ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject", ".svg": "image/svg+xml"}


def saved_state(path: pathlib.Path) -> dict:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    widgets = notebook.get("metadata", {}).get("widgets", {})
    return widgets.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})


def static_notebook() -> list[str]:
    """The stored notebook to export: one with saved widget state that uses nnbook's widgets, if any does."""
    with_state = [p for p in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")) if saved_state(p)]
    ours = [p for p in with_state if OUR_WIDGETS.search(p.read_text(encoding="utf-8"))]
    chosen = (ours or with_state)[-1:]
    return [p.name for p in chosen]


class Vendored:
    """Files inside the npm tarballs, read without unpacking them."""

    def __init__(self, missing):
        self.files = {}
        for name, sha256 in PACKAGES.items():
            path = VENDOR / name
            if not path.is_file():
                missing(f"the widget renderer is missing: {NPM_PACK}")
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            assert digest == sha256, f"{path} is not the pinned npm package (SHA-256 {digest}); run: {NPM_PACK}"
            with tarfile.open(path) as archive:
                for member in archive.getmembers():
                    if member.isfile():
                        self.files[(name, member.name)] = archive.extractfile(member).read()

    def html_manager(self, file: str) -> bytes | None:
        return self.files.get(("jupyter-widgets-html-manager-1.0.15.tgz", f"package/dist/{file}"))

    def requirejs(self) -> bytes:
        return self.files[("requirejs-2.3.8.tgz", "package/require.js")]


@pytest.fixture(scope="module")
def vendored(missing):
    return Vendored(missing)


def serve(route, body: bytes, url: str):
    suffix = pathlib.PurePosixPath(url.split("?")[0]).suffix
    route.fulfill(status=200, body=body, headers={"Content-Type": CONTENT_TYPES.get(suffix, "text/html"),
                                                  "Access-Control-Allow-Origin": "*"})


@pytest.mark.parametrize("name", static_notebook() or ["(no stored notebook has widget state)"])
def test_stored_widgets_render_in_static_html(browser, vendored, screenshots, tmp_path, name):
    path = NOTEBOOKS / name
    if not path.is_file():
        pytest.fail("no stored notebook has saved widget state; run scripts/execute_notebooks.py")
    state = saved_state(path)
    html, _ = HTMLExporter().from_notebook_node(nbformat.read(path, as_version=4))
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    views = html.count('<script type="application/vnd.jupyter.widget-view+json">')
    assert views, f"{name}: the exported HTML has no widget views"

    refused = []

    def answer(route):
        url = route.request.url
        if url == PAGE:
            return serve(route, html.encode(), "index.html")
        if re.search(r"/require(\.min)?\.js$", url):
            return serve(route, vendored.requirejs(), url)
        manager = re.search(r"/@jupyter-widgets/html-manager@[^/]+/dist/([^?#]+)", url)
        if manager and vendored.html_manager(manager.group(1)) is not None:
            return serve(route, vendored.html_manager(manager.group(1)), url)
        if re.search(r"/anywidget@[^/]+/dist/index\.js$", url):
            return serve(route, ANYWIDGET_JS.read_bytes(), url)
        if url.startswith(PAGE):  # the renderer first looks beside the page, then on the CDN
            return route.fulfill(status=404, body="")
        refused.append(url)
        return route.abort()

    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        context.route(lambda url: url.startswith("http"), answer)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(PAGE)
        # The renderer puts each widget in a .widget-subarea in front of its <script>.
        page.wait_for_function(f"() => document.querySelectorAll('.widget-subarea .jupyter-widgets').length >= {views}",
                               timeout=60_000)
        page.wait_for_timeout(500)  # let anywidget's modules finish drawing
        text = page.inner_text("body")
        for problem in ("Error displaying widget", "model not found", "Loading widget",
                        "cannot show interactive widgets"):
            assert problem not in text, f"{name}: the static view shows {problem!r}"
        assert not [e for e in errors if "widget" in e.lower()], errors

        for model in ("DigitCanvas", "NetworkExplorer", "NeuronExplorer"):
            if not re.search(rf"\b{model}\(", path.read_text(encoding="utf-8")):
                continue
            if model == "DigitCanvas":
                canvas = page.locator(".nnbook-digit-canvas").first
                assert canvas.locator("canvas.nnbook-dc-pad").is_visible()
                assert canvas.locator("button.nnbook-dc-clear").is_visible()
            else:
                css = ".nnbook-network-explorer" if model == "NetworkExplorer" else ".nnbook-neuron-explorer"
                picture = page.locator(f"{css} img").first
                assert picture.evaluate("(img) => img.complete && img.naturalWidth") > 300, \
                    f"{model}'s saved picture shows"
        anywidgets = [s for s in state.values() if s.get("model_module") == "anywidget"]
        assert page.locator(".nnbook-digit-canvas").count() >= min(1, len(anywidgets))
        first = page.locator(".widget-subarea .jupyter-widgets").first
        first.scroll_into_view_if_needed()
        page.screenshot(path=screenshots / f"static-{path.stem}.png")
        assert not [url for url in refused if "anywidget" in url or "jupyter-widgets" in url], refused
    finally:
        context.close()
