"""Fixtures for the tests that drive a real JupyterLab in headless Chromium.

They need Debian's ``chromium`` at /usr/bin/chromium and PyPI's
``playwright`` (``playwright install`` does not work on this machine, so
Playwright is pointed at the system Chromium). Outside CI a missing piece
skips these tests with a one-line hint; with ``CI`` set they fail instead,
so CI never passes by skipping them.

Every test module gets its own browser, and ``test_lab.py`` its own
JupyterLab: started on 127.0.0.1, on a port the system picks, with a token,
over a temporary copy of ``notebooks/`` and with fresh Jupyter, JupyterLab
and IPython directories, so that nothing of your own setup leaks in; it is
stopped afterwards, also when a test fails. Screenshots go to
``test-artifacts/screenshots/``.

``test_static_view.py`` also needs the widget renderer for static HTML, two
npm packages that ``.ci/run`` fetches into tests/browser/vendor/ (see there).
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these Chromium keeps trying to reach Google's servers, which a closed network makes slow.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL = re.compile(r"^https?://127\.0\.0\.1[:/]")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def unavailable(reason: str) -> None:
    """Skip (on your machine) or fail (in CI) because something the browser tests need is missing."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def missing():
    """``missing(reason)``: skip outside CI, fail in CI, because something these tests need is not installed."""
    return unavailable


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, driven by Playwright; one per test module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is missing: pip install playwright")
    if not CHROMIUM.exists():
        unavailable("chromium is missing: sudo apt-get install -y chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> pathlib.Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


class JupyterLab:
    """A JupyterLab server of our own, over a temporary folder."""

    def __init__(self, root: pathlib.Path, home: pathlib.Path):
        self.root = root
        self.runtime = home / "runtime"
        env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "JPY_"))}
        for name, folder in {
            "JUPYTER_CONFIG_DIR": "config", "JUPYTER_DATA_DIR": "data", "JUPYTER_RUNTIME_DIR": "runtime",
            "IPYTHONDIR": "ipython", "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
            "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces", "MPLCONFIGDIR": "matplotlib",
        }.items():
            env[name] = str(home / folder)
            (home / folder).mkdir(parents=True, exist_ok=True)
        env.pop("MPLBACKEND", None)
        self._write_lab_settings(home / "lab-settings")
        self.token = os.urandom(16).hex()
        self._log = open(home / "jupyterlab.log", "wb")
        self.log_path = home / "jupyterlab.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             "--ServerApp.port=0", f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}",
             "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             "--LabApp.extension_manager=readonly", "--ServerApp.allow_root=True"],
            cwd=root, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            self.url = self._wait_until_ready(timeout=60)
        except BaseException:
            self.stop()
            raise

    @staticmethod
    def _write_lab_settings(folder: pathlib.Path) -> None:
        # Render every cell (no virtual scrolling), so the tests see every output; no news pop-ups.
        settings = {
            "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
            "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                               "checkForUpdates": False},
            "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
        }
        for name, values in settings.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))

    def _wait_until_ready(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log_path.read_text()[-3000:]
                raise RuntimeError(f"jupyter lab stopped at start; see {self.log_path}:\n{log}")
            for info in self.runtime.glob("jpserver-*.json"):
                try:
                    url = json.loads(info.read_text())["url"].rstrip("/")
                    with urllib.request.urlopen(f"{url}/api/status?token={self.token}", timeout=5) as reply:
                        if reply.status == 200:
                            return url
                except (OSError, ValueError, KeyError):
                    pass
            time.sleep(0.3)
        raise RuntimeError(f"jupyter lab did not answer within {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        """Stop the server and its kernels (they share its process group)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab over a temporary copy of notebooks/ (in <tmp>/notebooks), stopped after the module."""
    home = tmp_path_factory.mktemp("jupyterlab")
    root = home / "root"
    shutil.copytree(NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.partial"))
    server = JupyterLab(root, home)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def context(browser):
    """A browser context that sees only this machine: every request elsewhere is refused at once."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    context.route(lambda url: url.startswith("http") and not LOCAL.match(url), lambda route: route.abort())
    context.set_default_timeout(30_000)
    try:
        yield context
    finally:
        context.close()
