"""The browser edition (JupyterLite) in headless Chromium, served from this machine, with no internet.

Every request that leaves 127.0.0.1 is refused and written down, so the tests
see exactly what the site would fetch from elsewhere.

- Part 1, the site as built for learners (scripts/build_lite.py's default):
  JupyterLab's page loads, the course notebooks are listed, one opens with its
  stored outputs, and the only requests elsewhere are the one for Pyodide from
  its CDN and the notebooks' "Open in Colab" badge image. Without Pyodide the
  kernel cannot start here; learners have the internet.
- Part 2, the same site with a local Pyodide: npm's ``pyodide`` core plus the
  pure-Python wheels of its lock (``build_lite.local_pyodide``). The kernel
  starts with no request elsewhere at all, ``%pip`` installs anywidget and
  ipywidgets from the site's own wheels and nnbook's wheel without its
  dependencies (numpy and matplotlib come only from the Pyodide CDN, so they
  cannot be installed here), and an ipywidgets slider and an anywidget view
  render and follow Python.

Each part builds its own site into a temporary folder (half a minute to a
minute) and serves it with Python's http.server in a thread.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import json
import pathlib
import threading
import time

import pytest

import nnbook

pytestmark = [pytest.mark.browser, pytest.mark.builds]

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("build_lite", ROOT / "scripts" / "build_lite.py")
build_lite = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build_lite)

PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/v314.0.6/full/pyodide.mjs"
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"  # each notebook's "Open in Colab" image
KERNEL_START = 180  # seconds; about 40 on 2 cores, with room for a busy machine

OPEN = """async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute("docmanager:open", {path: path, factory: "Notebook"});
  await panel.context.ready;
  return panel.content.widgets.length;
}"""

NEW_NOTEBOOK = """async () => {
  const panel = await window.jupyterapp.commands.execute("notebook:create-new", {kernelName: "python"});
  await panel.context.ready;
  await panel.sessionContext.ready;
}"""

RUN = """async (code) => {
  const app = window.jupyterapp;
  const notebook = app.shell.currentWidget.content;
  const empty = notebook.widgets.length === 1 && notebook.activeCell.model.sharedModel.getSource() === "";
  if (!empty) {
    notebook.activeCellIndex = notebook.widgets.length - 1;
    await app.commands.execute("notebook:insert-cell-below");
  }
  notebook.activeCell.model.sharedModel.setSource(code);
  await app.commands.execute("notebook:run-cell");
  return notebook.widgets.length - 1;
}"""

RESULT = """(index) => {
  const model = window.jupyterapp.shell.currentWidget.content.widgets[index].model;
  if (model.executionCount === null) return null;
  return model.outputs.toJSON().map((o) => o.text || (o.data && o.data["text/plain"]) || o.evalue || "").join("");
}"""

INSTALL = """\
%pip install anywidget ipywidgets
%pip install --no-deps nnbook
import importlib.metadata
files = importlib.metadata.files("nnbook")
print(importlib.metadata.version("nnbook"), sorted(f.name for f in files if f.suffix == ".npz"))
"""

WIDGETS = """\
import anywidget
import ipywidgets
import traitlets


class Counter(anywidget.AnyWidget):
    _esm = '''export default { render({ model, el }) {
      const show = () => { el.textContent = "count is " + model.get("value"); };
      el.classList.add("nnbook-counter"); show(); model.on("change:value", show);
    } };'''
    value = traitlets.Int(7).tag(sync=True)


counter = Counter()
display(ipywidgets.IntSlider(value=5, description="slider"), counter)
"""


class _Files(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder: pathlib.Path):
    """``folder`` on http://127.0.0.1:<a free port>/, for as long as the block runs."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Files, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class Lite:
    """A page of the site in a fresh browser context: requests elsewhere refused and listed, console errors kept."""

    def __init__(self, browser, base: str):
        self.base, self.elsewhere, self.errors = base, [], []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.set_default_timeout(60_000)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(base + "lab/index.html")
        self.page.wait_for_function("window.jupyterapp !== undefined && document.querySelector('.jp-DirListing-item')")

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"{message.text} (at {message.location.get('url') or 'unknown'})")

    def _route(self, route):
        url = route.request.url
        if not url.startswith(self.base):
            self.elsewhere.append(url)
            return route.abort()
        if url.split("?")[0].endswith("/jupyter-lite.json"):
            # Let the test reach JupyterLab's app object (window.jupyterapp), as tests/browser/ does for JupyterLab.
            response = route.fetch()
            config = response.json()
            config.get("jupyter-config-data", {})["exposeAppInBrowser"] = True
            return route.fulfill(response=response, json=config)
        return route.continue_()

    def listed(self) -> list[str]:
        return self.page.locator(".jp-DirListing-itemText").all_inner_texts()

    def run(self, code: str, timeout: float) -> str:
        """Run ``code`` in a new cell of the current notebook and return its output's text."""
        index = self.page.evaluate(RUN, code)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.page.evaluate(RESULT, index)
            if text is not None:
                return text
            self.page.wait_for_timeout(500)  # not time.sleep: Playwright answers the page's requests meanwhile
        raise AssertionError(f"the cell did not finish within {timeout:.0f} s:\n{code}")

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def cdn_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("lite-cdn") / "lab"
    build_lite.build(out)
    with served(out) as base:
        yield base


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lite-offline")
    out = folder / "lab"
    build_lite.build(out, pyodide=build_lite.local_pyodide(folder / "pyodide.tar.bz2"))
    with served(out) as base:
        yield base


def test_the_site_loads_a_notebook_opens_with_its_outputs_and_only_pyodide_is_fetched_elsewhere(
        browser, cdn_site, screenshots):
    lite = Lite(browser, cdn_site)
    try:
        course = sorted(path.name for path in (ROOT / "notebooks").glob("[01][0-9]-*.ipynb"))
        assert sorted(lite.listed()) == course
        stored = json.loads((ROOT / "notebooks" / "03-weighted-sums.ipynb").read_text())
        assert lite.page.evaluate(OPEN, "03-weighted-sums.ipynb") == len(stored["cells"])
        first_text = next("".join(output["text"]) for cell in stored["cells"] for output in cell.get("outputs", [])
                          if output.get("name") == "stdout")
        lite.page.locator(".jp-OutputArea-output").filter(has_text=first_text.strip().splitlines()[0]).first.wait_for()
        deadline = time.monotonic() + 60
        while PYODIDE_CDN not in lite.elsewhere and time.monotonic() < deadline:
            lite.page.wait_for_timeout(500)  # the notebook's kernel asks for Pyodide as it starts
        lite.page.screenshot(path=str(screenshots / "site-lab-cdn.png"))
        print("\nrequests elsewhere:", sorted(set(lite.elsewhere)), "\nconsole errors:", lite.errors)
        assert set(lite.elsewhere) == {PYODIDE_CDN, COLAB_BADGE}
        # Refused requests show as "Failed to load resource" with their address; the kernel says it found no Pyodide.
        unexpected = [error for error in lite.errors
                      if "pyodide" not in error.lower() and not error.endswith((f"(at {PYODIDE_CDN})",
                                                                                 f"(at {COLAB_BADGE})"))]
        assert not unexpected, unexpected
    finally:
        lite.close()


def test_with_a_local_pyodide_the_kernel_starts_installs_the_wheels_and_the_widgets_render(
        browser, offline_site, screenshots):
    lite = Lite(browser, offline_site)
    try:
        start = time.monotonic()
        lite.page.evaluate(NEW_NOTEBOOK)
        printed = lite.run(INSTALL, timeout=KERNEL_START)
        data = sorted(path.name for path in (ROOT / "nnbook" / "data").glob("*.npz"))
        assert printed.strip() == f"{nnbook.__version__} {data}"
        print(f"\nkernel started and the wheels installed in {time.monotonic() - start:.0f} s")
        lite.run(WIDGETS, timeout=60)
        slider = lite.page.locator(".jupyter-widgets.widget-slider")
        slider.wait_for()
        assert "slider" in slider.inner_text() and "5" in slider.inner_text()
        counter = lite.page.locator(".nnbook-counter")
        assert counter.inner_text() == "count is 7"
        lite.run("counter.value = 41", timeout=30)
        lite.page.wait_for_function("document.querySelector('.nnbook-counter').textContent === 'count is 41'")
        assert lite.run("import numpy", timeout=60) == "No module named 'numpy'"  # numpy only comes from the CDN
        lite.page.screenshot(path=str(screenshots / "site-lab-offline-kernel.png"))
        print("\nrequests elsewhere:", lite.elsewhere, "\nconsole errors:", lite.errors)
        assert lite.elsewhere == []
        assert not [error for error in lite.errors if "numpy" not in error.lower()], lite.errors
    finally:
        lite.close()
