"""What the browser tests share: a notebook run in JupyterLab, and a static HTML export served locally.

Two ways to see a widget in a browser, and the steps each takes:

- In JupyterLab (``notebook_in_lab``): write a small notebook into the
  server's folder, open JupyterLab in a page, open the notebook there, run
  all its cells, and, when the test is done, shut its kernel down and close
  it unsaved. ``run_new_cell`` then asks the kernel something from the page,
  the way a learner would: a new cell at the end, run, its output read.
- In a static export (``static_export``): run a notebook with nbclient,
  keeping the widget state, turn it into HTML with nbconvert, and show that
  page in a fresh browser context with no kernel at all. nbconvert's HTML
  loads require.js and the widget renderer, ``@jupyter-widgets/html-manager``,
  from a CDN, and the renderer then loads ``anywidget``'s browser side from
  the CDN too. There is no internet here, so the test answers those requests
  itself (``Vendored``, ``renderer_routes``):

  - require.js and the html-manager come from the npm registry's own package
    files (tarballs), fetched once by ``.ci/run`` into tests/browser/vendor/
    with ``npm pack`` and checked here against their SHA-256;
  - anywidget's browser side comes from the anywidget Python package that is
    installed: its ``nbextension/index.js`` is the same AMD module that the
    CDN serves, of exactly the version the kernel side was.

The fixtures these take (``lab``, ``context``, ``browser``, ``missing``) are
in conftest.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import pathlib
import re
import tarfile

import nbformat

VENDOR = pathlib.Path(__file__).resolve().parent / "vendor"
PACKAGES = {  # npm tarball -> its SHA-256
    "jupyter-widgets-html-manager-1.0.15.tgz": "2b9d65cb7913e1c7d671757a10008b32c9c2448d4429513371e55c07d6107638",
    "requirejs-2.3.8.tgz": "777158e89275e16bd51aec3ef714fbcb5dc45789e7078659933bc814916d7dec",
}
NPM_PACK = ("mkdir -p tests/browser/vendor && npm pack --silent --pack-destination tests/browser/vendor "
            "@jupyter-widgets/html-manager@1.0.15 requirejs@2.3.8")
PAGE = "http://static.nnbook.test/"  # where a static export is shown; the test itself answers this address
CONTENT_TYPES = {".js": "application/javascript", ".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff",
                 ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject", ".svg": "image/svg+xml"}

# JavaScript run in the JupyterLab page, through the app object that --LabApp.expose_app_in_browser exposes.
OPEN_AND_RUN_ALL = """async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute("docmanager:open", {path: path, factory: "Notebook"});
  app.shell.activateById(panel.id);
  await panel.context.ready;
  await panel.sessionContext.ready;
  app.commands.execute("notebook:run-all-cells");  // not awaited: see notebook_in_lab
}"""

FIRST_CELL_RAN = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.widgets.filter((c) => c.model.type === "code");
  return cells.length > 0 && cells[0].model.executionCount !== null;
}"""

RESTART_AND_RUN_ALL = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.sessionContext.restartKernel();
  window.jupyterapp.commands.execute("notebook:run-all-cells");
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

CLOSE = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.sessionContext.shutdown();
  panel.context.model.dirty = false;  // the run changed it; close without asking to save
  panel.dispose();
}"""


def write_notebook(path: pathlib.Path, *cells: str) -> None:
    """A notebook of these code cells, for the python3 kernel, at ``path`` (its folder made if need be)."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in cells])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def open_lab(page, lab) -> None:
    """Go to JupyterLab in ``page`` (a fresh workspace: ``&reset``) and wait until it has started and restored."""
    page.goto(f"{lab.url}/lab?token={lab.token}&reset")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started", timeout=60_000)
    page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")


@contextlib.contextmanager
def notebook_in_lab(lab, context, path: str, *cells: str):
    """A page of JupyterLab with a notebook of ``cells``, written at ``path`` (in the server's folder), run.

    Run All is started, not waited for: the test waits for what it needs (a
    widget to show). Afterwards the kernel is shut down and the notebook
    closed unsaved, also when the test failed.
    """
    write_notebook(lab.root / path, *cells)
    page = context.new_page()
    open_lab(page, lab)
    page.evaluate(OPEN_AND_RUN_ALL, path)
    # Now and then, on a busy machine, a fresh kernel never reads its first request (compare
    # ipython/ipykernel#1554) and sits idle: then restart it and run all again, up to twice.
    for attempt in (1, 2, 3):
        try:
            page.wait_for_function(FIRST_CELL_RAN, timeout=90_000, polling=500)
            break
        except Exception:
            if attempt == 3:
                page.close()
                raise
            page.evaluate(RESTART_AND_RUN_ALL)
    try:
        yield page
    finally:
        page.evaluate(CLOSE)
        page.close()


def run_new_cell(page, code: str, until: str, timeout: float = 30_000) -> str:
    """Run ``code`` in a new cell at the notebook's end; wait until its output holds ``until``; return the output."""
    cell = page.evaluate(RUN_NEW_CELL, code)
    page.wait_for_function(f"() => ({CELL_TEXT})({cell}).includes({until!r})", polling=250, timeout=timeout)
    return page.evaluate(CELL_TEXT, cell)


def widget_on(page, css: str, timeout: float = 90_000):
    """The first widget matching ``css`` on ``page``, once it shows, scrolled into view (the first run is slow)."""
    widget = page.locator(css).first
    widget.wait_for(timeout=timeout)
    widget.scroll_into_view_if_needed()
    return widget


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


def anywidget_js() -> bytes:
    """anywidget's browser side, from the installed Python package (what the CDN serves for this version)."""
    import anywidget

    return (pathlib.Path(anywidget.__file__).parent / "nbextension" / "index.js").read_bytes()


def serve(route, body: bytes, url: str):
    """Answer ``route`` with ``body``, typed by ``url``'s suffix (HTML without one)."""
    suffix = pathlib.PurePosixPath(url.split("?")[0]).suffix
    route.fulfill(status=200, body=body, headers={"Content-Type": CONTENT_TYPES.get(suffix, "text/html"),
                                                  "Access-Control-Allow-Origin": "*"})


def not_found(route):
    return route.fulfill(status=404, body="")


def renderer_routes(html: str, vendored: Vendored, otherwise=not_found):
    """A route handler: ``html`` at PAGE, the renderer's files from ``vendored``; any other request to ``otherwise``."""
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
            return serve(route, anywidget_js(), url)
        return otherwise(route)

    return answer


@contextlib.contextmanager
def static_export(browser, missing, tmp_path: pathlib.Path, code: str):
    """A page showing nbconvert's HTML of a one-cell notebook of ``code``, run with its widget state saved.

    No kernel behind it: what a reader of a published notebook sees. The
    page's JavaScript errors are collected in ``page.errors``.
    """
    from nbconvert import HTMLExporter

    from notebook_code import run_in_fresh_kernel

    vendored = Vendored(missing)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    run_in_fresh_kernel(notebook, tmp_path, timeout=120, store_widget_state=True)
    html, _ = HTMLExporter().from_notebook_node(notebook)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        context.route(lambda url: url.startswith("http"), renderer_routes(html, vendored))
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(PAGE)
        yield page
    finally:
        context.close()
