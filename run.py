#!/usr/bin/env python3
"""Set up the course and run it: one command for each thing you want to do.

    python3 run.py lab         set everything up and open the course in JupyterLab
    python3 run.py test        set everything up and run every test
    python3 run.py execute     re-run every notebook in a fresh kernel and store its outputs
    python3 run.py benchmark   time the trainer against the alternatives, and the widgets
    python3 run.py setup       only set everything up

"Set up" means: make a virtual environment in .venv and install nnbook into
it, with the exact package versions in constraints.txt, so that your outputs
match the stored ones. It is done once and redone only when pyproject.toml or
constraints.txt change. Extra arguments go to the tool, for example
``python3 run.py test -k sigmoid`` or ``python3 run.py execute notebooks/05-sigmoid.ipynb``.

Only the Python standard library is used here, so a fresh machine with
Python 3 can run it; on Windows, type ``py run.py lab``.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import subprocess
import sys
import venv

ROOT = pathlib.Path(__file__).resolve().parent
VENV = ROOT / ".venv"
INPUTS = ("pyproject.toml", "constraints.txt")
EXTRAS = {"benchmark": ".[test,benchmark]"}


def venv_python() -> pathlib.Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def run(*command, **kwargs) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    result = subprocess.run([str(c) for c in command], cwd=ROOT, **kwargs)
    if result.returncode:
        sys.exit(result.returncode)


def setup(extras: str = ".[test]") -> pathlib.Path:
    """Create .venv and install nnbook with pinned versions, unless already done."""
    if sys.version_info < (3, 10):
        sys.exit(f"nnbook needs Python 3.10 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256(
        b"".join((ROOT / name).read_bytes() for name in INPUTS) + extras.encode()
    ).hexdigest()
    python = venv_python()
    # One stamp per set of extras: installing fewer extras after more changes nothing.
    stamp = VENV / f"nnbook-setup-{hashlib.sha256(extras.encode()).hexdigest()[:8]}.sha256"
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return python
    if not python.exists():
        print(f"Creating a virtual environment in {VENV.name}/ ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as error:
            sys.exit(
                f"Could not create {VENV.name}/ ({error}).\n"
                "On Debian or Ubuntu, Python's venv module is a separate package: "
                "sudo apt install python3-venv, then delete .venv/ and run this again."
            )
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(python, "-m", "pip", "install", "--quiet", "-c", "constraints.txt", "-e", extras)
    stamp.write_text(wanted + "\n")
    print("Set up: nnbook and its dependencies are installed in .venv/", flush=True)
    return python


def main(argv: list[str]) -> None:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    command, rest = argv[0], argv[1:]
    if command == "setup":
        setup()
    elif command == "lab":
        python = setup()
        os.chdir(ROOT)
        # JupyterLab refuses to start as root (as in many containers) unless told it is meant.
        as_root = ["--allow-root"] if getattr(os, "geteuid", lambda: 1)() == 0 else []
        run(python, "-m", "jupyterlab", "notebooks/00-welcome.ipynb", *as_root, *rest)
    elif command == "test":
        run(setup(), "-m", "pytest", *rest)
    elif command == "execute":
        run(setup(), "scripts/execute_notebooks.py", *rest)
    elif command == "benchmark":
        python = setup(EXTRAS["benchmark"])
        run(python, "benchmarks/bench_training.py", *rest)
        run(python, "benchmarks/bench_widgets.py")
    else:
        sys.exit(f"unknown command {command!r}; expected lab, test, execute, benchmark or setup "
                 "(see python3 run.py --help)")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:
        sys.exit(130)
