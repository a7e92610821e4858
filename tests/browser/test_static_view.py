"""The stored notebooks' widgets show in a static view: HTML from nbconvert, no kernel, no internet.

nbconvert's HTML loads require.js, the widget renderer and anywidget's
browser side from a CDN; there is no internet here, so the test answers those
requests itself, from the pinned npm tarballs in tests/browser/vendor/ and the
installed anywidget package (lab_session.py says how).

Everything else outside the page (MathJax, fonts from elsewhere) is refused.
The exported HTML itself is not changed: what is tested is what a reader of a
published notebook would get, with the CDN answered locally.
"""

from __future__ import annotations

import json
import pathlib
import re

import nbformat
import pytest
from lab_session import PAGE, Vendored, not_found, renderer_routes
from nbconvert import HTMLExporter

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[2] / "notebooks"

pytestmark = pytest.mark.browser

OUR_WIDGETS = re.compile(r"\b(DigitCanvas|NetworkExplorer|NeuronExplorer)\(")


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


@pytest.fixture(scope="module")
def vendored(missing):
    return Vendored(missing)


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

    def elsewhere(route):
        if route.request.url.startswith(PAGE):  # the renderer first looks beside the page, then on the CDN
            return not_found(route)
        refused.append(route.request.url)
        return route.abort()

    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        context.route(lambda url: url.startswith("http"), renderer_routes(html, vendored, elsewhere))
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
