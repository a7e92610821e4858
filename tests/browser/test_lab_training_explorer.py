"""The TrainingExplorer in a real JupyterLab in headless Chromium, and in a static HTML export.

In JupyterLab: a small notebook written here shows an explorer and, below
it, another widget that needs the kernel (a slider whose label a Python
callback rewrites). A click on play starts training: the test accuracy shown
climbs within 5 seconds. While it plays, the other widget still gets its
answer from the kernel, and the explorer keeps training. A click on pause
stops it: the steps and the accuracy shown stop changing, and a cell run
afterwards finds the kernel's explorer paused at the step the page shows.

Then, with the learning rate slid to 100, play blows it up: it stops itself,
the page shows train's message and what to change, and the kernel's
explorer is stopped at the (last good) step the page shows.
Last, it plays again and its cell's output is cleared: with nobody to see it,
the kernel's explorer pauses by itself.

In a static export (nbconvert's HTML with the saved widget state, no kernel)
the explorer shows its saved state and a line saying it moves only in a
running notebook. Screenshots: test-artifacts/screenshots/.
"""

from __future__ import annotations

import pathlib
import re
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

pytestmark = pytest.mark.browser

SETUP = ("from nnbook.widgets.training_explorer import TrainingExplorer\n"
         "explorer = TrainingExplorer()\nexplorer")
OTHER_WIDGET = ("import ipywidgets\n"
                "other = ipywidgets.IntSlider(value=0, min=0, max=50, description='other widget')\n"
                "doubled = ipywidgets.Label('twice: 0')\n"
                "other.observe(lambda change: setattr(doubled, 'value', f\"twice: {2 * change['new']}\"), 'value')\n"
                "ipywidgets.HBox([other, doubled])")
EXPLORER = ".nnbook-training-explorer"
NOTEBOOK = "scratch/training_explorer.ipynb"

OPEN_AND_RUN_ALL = """async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute("docmanager:open", {path: path, factory: "Notebook"});
  app.shell.activateById(panel.id);
  await panel.context.ready;
  await panel.sessionContext.ready;
  await app.commands.execute("notebook:run-all-cells");
}"""

RUN_NEW_CELL = """async (code) => {
  const app = window.jupyterapp;
  const notebook = app.shell.currentWidget.content;
  notebook.activeCellIndex = notebook.widgets.length - 1;
  await app.commands.execute("notebook:insert-cell-below");
  notebook.activeCell.model.sharedModel.setSource(code);
  await app.commands.execute("notebook:run-cell");
  return notebook.widgets.length - 1;
}"""

CELL_TEXT = """(index) => window.jupyterapp.shell.currentWidget.content.widgets[index].model.outputs.toJSON()
  .map((o) => o.text || (o.data && o.data["text/plain"]) || "").join("")"""

# How many frames the page draws in ``ms`` milliseconds: each frame rewrites data-steps.
COUNT_FRAMES = """(el, ms) => new Promise((done) => {
  let frames = 0;
  const watch = new MutationObserver(() => { frames += 1; });
  watch.observe(el, {attributes: true, attributeFilter: ["data-steps"]});
  setTimeout(() => { watch.disconnect(); done(frames); }, ms);
})"""

CLOSE = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.sessionContext.shutdown();
  panel.context.model.dirty = false;
  panel.dispose();
}"""


def write_notebook(path: pathlib.Path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SETUP),
                                               nbformat.v4.new_code_cell(OTHER_WIDGET)])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def page(lab, context):
    write_notebook(lab.root / NOTEBOOK)
    page = context.new_page()
    page.goto(f"{lab.url}/lab?token={lab.token}&reset")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started", timeout=60_000)
    page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")
    page.evaluate(OPEN_AND_RUN_ALL, NOTEBOOK)
    try:
        yield page
    finally:
        page.evaluate(CLOSE)
        page.close()


def shown(explorer) -> tuple[int, float, str]:
    """The steps, the test accuracy and the accuracy text the page shows now."""
    accuracy = explorer.locator(".nnbook-te-accuracy")
    return (int(explorer.get_attribute("data-steps")), float(accuracy.get_attribute("data-accuracy")),
            accuracy.inner_text())


def test_it_plays_learns_stays_responsive_and_pauses(page, screenshots):
    explorer = page.locator(EXPLORER).first
    explorer.wait_for(timeout=90_000)
    explorer.scroll_into_view_if_needed()
    page.wait_for_function("(el) => el.dataset.live === 'true'", arg=explorer.element_handle(), timeout=30_000)
    other = page.locator(".widget-hslider", has_text="other widget").first
    other.wait_for(timeout=30_000)
    steps, accuracy, text = shown(explorer)
    assert steps == 0 and accuracy < 0.2, f"an untrained network guesses: {text}"
    assert re.fullmatch(r"test accuracy \d+\.\d%", text), text
    explorer.screenshot(path=screenshots / "training-explorer-start.png")

    explorer.locator("button.nnbook-te-play").click()
    started = time.monotonic()
    page.wait_for_function(
        "([el, start]) => Number(el.querySelector('.nnbook-te-accuracy').dataset.accuracy) > start + 0.3",
        arg=[explorer.element_handle(), accuracy], timeout=5_000, polling=50)
    risen = shown(explorer)
    assert risen[0] > 0 and risen[2] != text, "the accuracy text rose"
    print(f"accuracy {text} -> {risen[2]} after {time.monotonic() - started:.2f} s")

    # While it plays, the kernel still answers another widget, and the explorer goes on training.
    twice = page.locator(".widget-label", has_text="twice:").first
    other.locator(".noUi-handle").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("(el) => el.innerText === 'twice: 6'", arg=twice.element_handle(), timeout=5_000,
                           polling=50)
    before = shown(explorer)[0]
    page.wait_for_function("([el, steps]) => Number(el.dataset.steps) > steps",
                           arg=[explorer.element_handle(), before], timeout=5_000, polling=50)
    frames = explorer.evaluate(COUNT_FRAMES, 2_000)
    print(f"the page drew {frames / 2:.1f} frames a second while it played (for the record, not a test)")
    explorer.screenshot(path=screenshots / "training-explorer-playing.png")

    explorer.locator("button.nnbook-te-play").click()
    page.wait_for_function("(el) => el.dataset.playing === 'false'", arg=explorer.element_handle(), timeout=5_000)
    page.wait_for_timeout(500)  # the frame drawn at the pause may still be on its way
    paused = shown(explorer)
    page.wait_for_timeout(1_500)
    assert shown(explorer) == paused, "pause stops it: the steps and the accuracy text stop changing"
    assert explorer.locator("button.nnbook-te-play").inner_text().endswith("Play")
    explorer.screenshot(path=screenshots / "training-explorer-paused.png")

    cell = page.evaluate(RUN_NEW_CELL, "print('kernel:', explorer.playing, explorer.steps_done)")
    page.wait_for_function(f"() => ({CELL_TEXT})({cell}).includes('kernel:')", polling=250, timeout=30_000)
    assert page.evaluate(CELL_TEXT, cell).strip() == f"kernel: False {paused[0]}"

    # Far too large a learning rate: it blows up and stops itself, the page says why, and the kernel agrees.
    explorer.locator("input.nnbook-te-rate").focus()
    page.keyboard.press("End")
    page.wait_for_function("(el) => el.querySelector('.nnbook-te-rate + output').innerText === '100'",
                           arg=explorer.element_handle(), timeout=5_000)
    explorer.locator("button.nnbook-te-play").click()
    error = explorer.locator(".nnbook-te-error")
    error.wait_for(state="visible", timeout=30_000)
    page.wait_for_function("(el) => el.dataset.playing === 'false'", arg=explorer.element_handle(), timeout=5_000)
    assert re.match(r"training diverged in epoch \d+: .*Try a smaller learning_rate than 100\.", error.inner_text())
    assert "What to change: pick a smaller learning rate" in error.inner_text()
    explorer.screenshot(path=screenshots / "training-explorer-diverged.png")
    kept = shown(explorer)
    cell = page.evaluate(RUN_NEW_CELL, "print('kernel:', explorer.playing, explorer.steps_done, "
                                       "type(explorer.error).__name__)")
    page.wait_for_function(f"() => ({CELL_TEXT})({cell}).includes('kernel:')", polling=250, timeout=30_000)
    assert page.evaluate(CELL_TEXT, cell).strip() == f"kernel: False {kept[0]} TrainingDiverged"
    assert not page.evaluate("() => document.body.innerText.includes('Error displaying widget')")

    # Playing, then nobody can see it (its cell's output cleared): it pauses by itself.
    explorer.locator("input.nnbook-te-rate").focus()
    page.keyboard.press("Home")
    explorer.locator("button.nnbook-te-play").click()
    page.wait_for_function("([el, steps]) => Number(el.dataset.steps) > steps",
                           arg=[explorer.element_handle(), kept[0]], timeout=5_000, polling=50)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    cell = page.evaluate(RUN_NEW_CELL, "import time; time.sleep(0.5); print('unseen:', explorer.playing)")
    page.wait_for_function(f"() => ({CELL_TEXT})({cell}).includes('unseen:')", polling=250, timeout=30_000)
    assert page.evaluate(CELL_TEXT, cell).strip() == "unseen: False"


def test_a_static_export_shows_the_saved_state_and_says_it_moves_only_when_running(
        browser, missing, screenshots, tmp_path):
    from test_static_view import PAGE, Vendored, serve  # the renderer, answered from the vendored npm packages

    vendored = Vendored(missing)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SETUP + ".step_epoch()\nexplorer")])
    NotebookClient(notebook, timeout=120, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    html, _ = HTMLExporter().from_notebook_node(notebook)

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
            import anywidget

            return serve(route, (pathlib.Path(anywidget.__file__).parent / "nbextension" / "index.js").read_bytes(),
                         url)
        return route.fulfill(status=404, body="")

    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        context.route(lambda url: url.startswith("http"), answer)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(PAGE)
        explorer = page.locator(EXPLORER).first
        explorer.wait_for(timeout=60_000)
        steps, accuracy, text = shown(explorer)
        assert steps == 250, "the saved state: one epoch of 250 mini-batches of 32"
        assert 0.7 < accuracy < 0.95, text
        assert abs(float(re.fullmatch(r"test accuracy (\d+\.\d)%", text).group(1)) - 100 * accuracy) <= 0.051
        note = explorer.locator(".nnbook-te-static")
        note.wait_for(state="visible", timeout=10_000)
        assert "moves only in a running notebook" in note.inner_text()
        explorer.scroll_into_view_if_needed()
        explorer.screenshot(path=screenshots / "static-training-explorer.png")
        assert not errors, errors
    finally:
        context.close()
