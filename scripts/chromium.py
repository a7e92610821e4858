"""Headless Chromium for the builds that print or photograph pages (handouts, slides).

Which browser, in this order: the one named by the environment variable
``NNBOOK_CHROMIUM``; Debian's or Ubuntu's ``chromium`` (``/usr/bin/chromium``,
or ``chromium`` on the PATH); else the browser Playwright downloads itself
(``python -m playwright install chromium``, on a machine with the internet:
the route on Windows and macOS). If none starts, :class:`ChromiumMissing` says
how to get one.
"""

from __future__ import annotations

import os
import pathlib
import shutil

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
"""--no-sandbox: Chromium's sandbox refuses to run as root, as in many containers and CI machines."""


class ChromiumMissing(RuntimeError):
    """No Chromium could be started; the message says how to install one."""


def executable() -> pathlib.Path | None:
    """The Chromium to drive, or None to let Playwright use the browser it downloaded."""
    named = os.environ.get("NNBOOK_CHROMIUM")
    if named:
        path = pathlib.Path(named).expanduser()
        if not path.is_file():
            raise ChromiumMissing(f"NNBOOK_CHROMIUM names {path}, which is not a file: point it at a Chromium "
                                  "or Chrome program, or unset it")
        return path
    for candidate in (pathlib.Path("/usr/bin/chromium"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and pathlib.Path(candidate).is_file():
            return pathlib.Path(candidate)
    return None


def launch(playwright):
    """Start headless Chromium with ``playwright`` (from ``sync_playwright().start()``); return the browser."""
    path = executable()
    try:
        return playwright.chromium.launch(executable_path=str(path) if path else None, args=ARGS)
    except Exception as error:
        if path is not None:
            raise ChromiumMissing(f"Chromium at {path} did not start ({str(error).splitlines()[0]})") from error
        raise ChromiumMissing(
            "no Chromium found: on Debian or Ubuntu run `sudo apt-get install -y chromium`; elsewhere run "
            "`.venv/bin/python -m playwright install chromium` (Windows: .venv\\Scripts\\python), or set "
            "NNBOOK_CHROMIUM to a Chromium or Chrome program") from error
