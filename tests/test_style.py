"""The code passes ruff, with the configuration in pyproject.toml.

The rules (pycodestyle, pyflakes, sorted imports, bugbear, pyupgrade, and no
stale ``# noqa``) and the line length live in ``[tool.ruff]``; this test only
runs them, so that a style slip fails the suite like any other mistake.
"""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", str(ROOT)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert ruff.returncode == 0, f"ruff found problems (`ruff check --fix` mends some):\n{ruff.stdout}{ruff.stderr}"
