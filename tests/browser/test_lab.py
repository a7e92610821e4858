"""Every notebook, run in a real JupyterLab in a real browser; the widgets used by hand.

For each notebook in notebooks/: open it, run all cells, wait for the kernel,
and check that no cell shows an error and that no widget failed to show.
Then, in the notebook with a DigitCanvas, draw a "1" with the mouse, check
that the kernel got it and that the network's picture changed, and clear it;
in the notebook with a NeuronExplorer, move a slider with the keyboard. (If
no course notebook uses one of these widgets yet, a two-cell notebook written
here for the test does.) Screenshots: test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import pathlib
import re
import warnings

import pytest
from lab_session import CELL_TEXT, CLOSE, RUN_NEW_CELL, open_lab, write_notebook

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[2] / "notebooks"

pytestmark = pytest.mark.browser

COURSE = sorted(path.name for path in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
WIDGET_PROBLEMS = ("Error displaying widget", "model not found")
RUN_TIMEOUT_MS = 150_000

# Records, from the first moment the page exists, any text that says a widget failed.
# A JavaScript template: str.format would need every brace doubled, so %s it is.
WATCH_FOR_WIDGET_ERRORS = """
window.__widgetProblems = [];
const problems = %s;
new MutationObserver((records) => {
  for (const record of records) {
    const texts = record.type === "characterData" ? [record.target.data]
      : [...record.addedNodes].map((node) => node.textContent || "");
    for (const text of texts)
      for (const problem of problems)
        if (text.includes(problem)) window.__widgetProblems.push(text.slice(0, 200));
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
""" % json.dumps(list(WIDGET_PROBLEMS))  # noqa: UP031

OPEN_AND_RUN_ALL = """async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute("docmanager:open", {path: path, factory: "Notebook"});
  app.shell.activateById(panel.id);
  await panel.context.ready;
  await panel.sessionContext.ready;
  window.__widgetProblems = [];
  // Forget the stored execution counts, so that a count seen later proves the cell ran here.
  await app.commands.execute("notebook:clear-all-cell-outputs");
  app.commands.execute("notebook:run-all-cells");
}"""

# Finished: the kernel is idle, no cell is running or waiting, and every code cell has run, unless a
# cell not allowed to raise did raise (then Run All stops there, and the test reports it).
KERNEL_IDLE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== "idle") return false;
  const code = panel.content.widgets.filter(
    (cell) => cell.model.type === "code" && cell.model.sharedModel.getSource().trim());
  if (code.some((cell) => cell.model.executionState === "running")) return false;
  const raised = code.some((cell) => !(cell.model.getMetadata("tags") || []).includes("raises-exception")
    && cell.model.outputs.toJSON().some((output) => output.output_type === "error"));
  return raised || code.every((cell) => cell.model.executionCount !== null);
}"""

CELLS = """() => window.jupyterapp.shell.currentWidget.content.widgets.map((cell, index) => ({
  index: index,
  type: cell.model.type,
  source: cell.model.sharedModel.getSource().slice(0, 120),
  tags: cell.model.getMetadata("tags") || [],
  count: cell.model.type === "code" ? cell.model.executionCount : null,
  outputs: cell.model.type === "code" ? cell.model.outputs.toJSON().map((o) => ({
    type: o.output_type, name: o.name || null, ename: o.ename || null, evalue: o.evalue || null,
    text: o.output_type === "stream" ? String(o.text).slice(0, 300) : null,
  })) : [],
}))"""

BRIGHTEST_PIXEL = """(canvas) => {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let brightest = 0;
  for (let i = 0; i < data.length; i += 4) brightest = Math.max(brightest, data[i], data[i + 1], data[i + 2]);
  return brightest;
}"""

FIND_CANVASES = """\
import gc
from nnbook.widgets import DigitCanvas
for _canvas in [o for o in gc.get_objects() if isinstance(o, DigitCanvas) and o.strokes]:
    print("drawn:", len(_canvas.strokes), "stroke(s), image", _canvas.image.shape,
          f"sum {_canvas.image.sum():.1f}, max {_canvas.image.max():.2f}")
"""

SCRATCH = {
    "DigitCanvas": [
        "from nnbook.widgets import DigitCanvas, NetworkExplorer\n"
        "canvas = DigitCanvas()\nNetworkExplorer(source=canvas)",
    ],
    "NeuronExplorer": [
        "import numpy as np\nfrom nnbook.widgets import NeuronExplorer\n"
        "pattern = np.zeros((28, 28))\npattern[4:24, 12:16] = 1.0\nNeuronExplorer(weights=pattern, bias=-10.0)",
    ],
}


def notebook_using(widget: str) -> str:
    """The first course notebook that uses ``widget``, or "" if none does (yet)."""
    for name in COURSE:
        if re.search(rf"\b{widget}\(", (NOTEBOOKS / name).read_text(encoding="utf-8")):
            return name
    return ""


class Notebooks:
    """Runs notebooks in one JupyterLab page, one after the other; keeps the ones asked for open."""

    def __init__(self, lab, context):
        self.lab, self.context = lab, context
        self.page = None
        self.current = None

    def _write_scratch(self, path: str) -> None:
        """A small notebook for a widget that no course notebook uses (yet)."""
        write_notebook(self.lab.root / path, *SCRATCH[pathlib.Path(path).stem])

    def _open_lab(self):
        page = self.context.new_page()
        page.add_init_script(WATCH_FOR_WIDGET_ERRORS)
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        open_lab(page, self.lab)
        return page

    def run(self, path: str):
        """Open the notebook at ``path`` (relative to the server's root), run all cells, wait; return the page.

        The notebook stays open (and current) until another one is run.
        """
        if self.page is None:
            self.page = self._open_lab()
        if self.current == path:
            return self.page
        self.close()
        if path.startswith("scratch/"):
            self._write_scratch(path)
        self.page.evaluate(OPEN_AND_RUN_ALL, path)
        self.current = path
        try:
            wait_until_idle(self.page, timeout=RUN_TIMEOUT_MS)
        except AssertionError as stuck:
            # Seen twice, only on Python 3.10, only in the full suite with another worker busy, never for a
            # notebook run alone: Run All of notebook 07 did not finish. One more try in a fresh kernel; a
            # second failure fails the test, and the warning keeps the first one's state on record.
            warnings.warn(f"{path}: {stuck}; running it once more in a fresh kernel", stacklevel=1)
            self.close()
            self.page.evaluate(OPEN_AND_RUN_ALL, path)
            self.current = path
            wait_until_idle(self.page, timeout=RUN_TIMEOUT_MS)
        return self.page

    def close(self):
        if self.current is not None:
            self.current = None
            self.page.evaluate(CLOSE)

    def quit(self):
        try:
            self.close()
        finally:
            if self.page is not None:
                self.page.close()


def wait_until_idle(page, timeout=30_000):
    """Wait until the run has finished, the kernel is idle and no cell is running, twice in a row.

    If that does not happen in time, the failure says which cells never ran and what the kernel is doing.
    """
    for _ in range(2):
        try:
            page.wait_for_function(KERNEL_IDLE, timeout=timeout, polling=250)
        except Exception as error:  # playwright's TimeoutError; say what the page looked like
            state = page.evaluate(KERNEL_STATE)
            raise AssertionError(f"the run did not finish in {timeout / 1000:g} s: {state}") from error
        page.wait_for_timeout(300)


KERNEL_STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const code = panel.content.widgets.map((cell, index) => [index, cell]).filter(
    ([index, cell]) => cell.model.type === "code" && cell.model.sharedModel.getSource().trim());
  return {
    kernel: kernel ? kernel.status : null,
    running: code.filter(([i, cell]) => cell.model.executionState === "running").map(([i]) => i),
    never_ran: code.filter(([i, cell]) => cell.model.executionCount === null).map(([i, cell]) =>
      [i, cell.model.sharedModel.getSource().slice(0, 60)]),
    errors: code.filter(([i, cell]) => cell.model.outputs.toJSON().some((o) => o.output_type === "error"))
      .map(([i]) => i),
  };
}"""


@pytest.fixture(scope="module")
def notebooks(context, lab):  # the browser first: without one, skip before starting JupyterLab
    opened = Notebooks(lab, context)
    try:
        yield opened
    finally:
        opened.quit()


def wait_until_changed(page, root, selector, old, attribute=None, timeout=30_000):
    """Wait until the text (or ``attribute``) of ``selector`` inside ``root`` differs from ``old``.

    The element is looked up afresh each time: a widget may replace its
    elements when it redraws, and an old element keeps its old text.
    """
    page.wait_for_function(
        """([root, selector, old, attribute]) => {
             const el = root.querySelector(selector);
             return el !== null && (attribute ? el.getAttribute(attribute) : el.innerText) !== old;
           }""",
        arg=[root.element_handle(), selector, old, attribute], timeout=timeout, polling=100)


def assert_no_widget_problems(page):
    """No widget ever said it failed, and none is stuck loading."""
    problems = page.evaluate("() => window.__widgetProblems")
    assert not problems, f"a widget failed to show: {problems}"
    try:
        page.wait_for_function("() => !document.body.innerText.includes('Loading widget')", timeout=15_000)
    except Exception:
        pytest.fail("a widget is stuck at 'Loading widget...'")


NOTEBOOK_PATHS = [f"notebooks/{name}" for name in COURSE] + [
    f"scratch/{widget}.ipynb" for widget in SCRATCH if not notebook_using(widget)
]


@pytest.mark.parametrize("path", NOTEBOOK_PATHS)
def test_notebook_in_jupyterlab(notebooks, screenshots, path):
    """It runs without errors, every widget shows, and the course's widgets work when used by hand."""
    page = notebooks.run(path)
    name = pathlib.Path(path).name
    cells = page.evaluate(CELLS)
    code = [cell for cell in cells if cell["type"] == "code" and cell["source"].strip()]
    assert code, f"{name} has no code cells"
    not_run = [cell["index"] for cell in code if cell["count"] is None]
    assert not not_run, f"{name}: cells {not_run} did not run (Run All stopped early?)"
    for cell in code:
        if "raises-exception" in cell["tags"]:
            continue
        errors = [o for o in cell["outputs"] if o["type"] == "error" or o["name"] == "stderr"]
        assert not errors, f"{name}, cell {cell['index']} ({cell['source'][:60]!r}) shows an error: {errors}"
    assert_no_widget_problems(page)
    widgets = page.locator(".jp-OutputArea-output .jupyter-widgets")
    if widgets.count():
        widgets.first.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / f"{pathlib.Path(name).stem}.png")

    source = (notebooks.lab.root / path).read_text(encoding="utf-8")
    if re.search(r"\bDigitCanvas\(", source):
        draw_a_digit_and_watch_the_network_read_it(page, screenshots)
    if re.search(r"\bNeuronExplorer\(", source):
        move_a_neuron_slider_with_the_keyboard(page, screenshots)


def draw_a_digit_and_watch_the_network_read_it(page, screenshots):
    explorer = page.locator(".nnbook-network-explorer:has(.nnbook-digit-canvas)").first
    explorer.scroll_into_view_if_needed()
    pad = explorer.locator("canvas.nnbook-dc-pad")
    prediction = explorer.locator(".nnbook-prediction")
    outputs = explorer.locator(".nnbook-outputs")
    picture = explorer.locator("img").first
    assert pad.evaluate(BRIGHTEST_PIXEL) == 0, "the canvas starts empty"
    before = (prediction.inner_text(), outputs.inner_text(), picture.get_attribute("src"))

    # A "1": one vertical stroke with the mouse, down the middle.
    box = pad.bounding_box()
    x = box["x"] + box["width"] / 2
    page.mouse.move(x, box["y"] + 0.15 * box["height"])
    page.mouse.down()
    page.mouse.move(x, box["y"] + 0.85 * box["height"], steps=25)
    page.mouse.up()

    wait_until_changed(page, explorer, ".nnbook-prediction", before[0])
    page.wait_for_function("(el) => Number(el.dataset.inkSum) > 0",
                           arg=explorer.locator(".nnbook-digit-canvas").element_handle())
    assert pad.evaluate(BRIGHTEST_PIXEL) > 200, "the stroke shows on the canvas"
    after = (prediction.inner_text(), outputs.inner_text(), picture.get_attribute("src"))
    assert after[0] != before[0] and re.search(r"says: \d", after[0]), after[0]
    assert after[1] != before[1], "the output activations shown did not change"
    assert after[2] != before[2], "the picture of the network did not change"
    explorer.screenshot(path=screenshots / "drawn-digit-network-lit-up.png")

    cell = page.evaluate(RUN_NEW_CELL, FIND_CANVASES)
    wait_until_idle(page)
    page.wait_for_function(f"() => ({CELL_TEXT})({cell}).includes('drawn:')", polling=250)
    report = page.evaluate(CELL_TEXT, cell)
    assert "drawn: 1 stroke(s), image (28, 28)" in report, report
    ink = float(re.search(r"sum (\d+\.\d)", report).group(1))
    assert 20 < ink < 200, f"a 1 drawn as MNIST digits are has some dozens of white pixels: {report}"

    explorer.locator("button.nnbook-dc-clear").click()
    page.wait_for_function("(el) => el.dataset.strokes === '0' && el.dataset.inkSum === '0'",
                           arg=explorer.locator(".nnbook-digit-canvas").element_handle())
    assert pad.evaluate(BRIGHTEST_PIXEL) == 0, "Clear leaves an empty (black) canvas"
    page.wait_for_function("([root, old]) => root.querySelector('.nnbook-prediction').innerText === old",
                           arg=[explorer.element_handle(), before[0]])
    assert_no_widget_problems(page)


def move_a_neuron_slider_with_the_keyboard(page, screenshots):
    explorer = page.locator(".nnbook-neuron-explorer").first
    explorer.scroll_into_view_if_needed()
    slider = explorer.locator(".widget-slider").first
    readout = slider.locator(".widget-readout")
    equation = explorer.locator(".nnbook-neuron-equation")
    picture = explorer.locator("img").first
    before = (readout.inner_text(), equation.inner_text(), picture.get_attribute("src"))

    slider.locator(".noUi-handle").focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")

    wait_until_changed(page, explorer, ".widget-slider .widget-readout", before[0])
    wait_until_changed(page, explorer, ".nnbook-neuron-equation", before[1])
    wait_until_changed(page, explorer, "img", before[2], attribute="src")
    assert float(readout.inner_text()) > float(before[0]), "ArrowRight moves the slider up"
    explorer.screenshot(path=screenshots / "neuron-explorer-after-slider.png")
    assert_no_widget_problems(page)
