"""The work behind run.py: a virtual environment per Python version, pinned installs, and the commands.

run.py checks the Python version first, in syntax that even Python 2.7 can read, and only then imports
this module; Python compiles a whole file before running any of it, so the modern code lives here, where
an old Python never compiles it. run.py's docstring describes the commands.

Each Python minor version gets its own environment, so that trying the course with several versions
never reinstalls everything: ``.venv/`` belongs to the version that made it first, and any other version
makes and uses ``.venv-3.X/`` beside it. Each environment is installed with the exact versions in the
constraints file for its Python (see :func:`constraints_file`).
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import subprocess
import sys
import venv

ROOT = pathlib.Path(__file__).resolve().parent.parent

# What `pip install -e` gets for each command. A learner's lab needs nnbook and JupyterLab only (nbclient,
# which execute uses, comes with JupyterLab); pytest, playwright, nbval, hypothesis and ruff are the test extra.
# The build extra (nbconvert, playwright, JupyterLite) makes the classroom kit and the web site.
INSTALLS = {
    "lab": ".",
    "execute": ".",
    "build": ".[build]",
    "test": ".[test,build]",
    "benchmark": ".[test,build,benchmark]",
}

# Commands that run one of the project's scripts in an environment: name -> (what it installs, the script).
SCRIPTS = {
    "execute": ("execute", "scripts/execute_notebooks.py"),
    "student": ("lab", "scripts/build_student.py"),
    "class-report": ("lab", "scripts/class_report.py"),
    "slides": ("build", "scripts/build_slides.py"),
    "handouts": ("build", "scripts/build_handouts.py"),
    "site": ("build", "scripts/build_site.py"),
}


def constraints_file(version: tuple[int, ...] = sys.version_info[:2]) -> pathlib.Path:
    """The pins for this Python: ``constraints-3.X.txt`` if that version needs its own, else ``constraints.txt``.

    ``constraints.txt`` holds the versions the stored notebook outputs were made with. A Python that some
    of those versions no longer support (3.10: numpy 2.3 and IPython 9 need 3.11) has a file of its own,
    with the newest versions that support it; the stored outputs must match with those too.
    """
    major, minor = version[:2]
    own = ROOT / f"constraints-{major}.{minor}.txt"
    return own if own.exists() else ROOT / "constraints.txt"


def venv_made_with(folder: pathlib.Path) -> tuple[int, int] | None:
    """The (major, minor) Python version of the virtual environment in ``folder``, or None if there is none."""
    try:
        config = (folder / "pyvenv.cfg").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in config.splitlines():
        key, _, value = line.partition("=")
        # The venv module writes "version = 3.11.7"; virtualenv writes "version_info = 3.11.7.final.0".
        if key.strip() in {"version", "version_info"}:
            major, minor = value.strip().split(".")[:2]
            return int(major), int(minor)
    return None


def venv_folder(version: tuple[int, ...] = sys.version_info[:2]) -> pathlib.Path:
    """``.venv/`` if it is free or was made with this minor version, else ``.venv-3.X/`` for this one."""
    default = ROOT / ".venv"
    made_with = venv_made_with(default)
    if made_with is None or made_with == tuple(version[:2]):
        return default
    return ROOT / f".venv-{version[0]}.{version[1]}"


def venv_python(folder: pathlib.Path) -> pathlib.Path:
    if os.name == "nt":
        return folder / "Scripts" / "python.exe"
    return folder / "bin" / "python"


def run(*command, cwd: pathlib.Path = ROOT, **kwargs) -> None:
    """Run a command (in the repository, unless told), showing it first; stop run.py with its exit code if it fails."""
    print("+", " ".join(str(c) for c in command), flush=True)
    result = subprocess.run([str(c) for c in command], cwd=cwd, **kwargs)
    if result.returncode:
        sys.exit(result.returncode)


def setup(install: str) -> pathlib.Path:
    """Make this Python's environment and ``pip install -e`` ``install`` into it with the pins, unless done.

    A stamp file per install remembers what was installed; it is redone only when pyproject.toml or the
    constraints file change. Installing less after more (lab after test) changes nothing.
    """
    folder = venv_folder()
    constraints = constraints_file()
    inputs = (ROOT / "pyproject.toml").read_bytes() + constraints.read_bytes() + install.encode()
    wanted = hashlib.sha256(inputs).hexdigest()
    python = venv_python(folder)
    stamp = folder / f"nnbook-setup-{hashlib.sha256(install.encode()).hexdigest()[:8]}.sha256"
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return python
    if not python.exists():
        version = ".".join(map(str, sys.version_info[:2]))
        print(f"Creating a virtual environment for Python {version} in {folder.name}/ ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(folder)
        except (OSError, subprocess.CalledProcessError) as error:
            sys.exit(
                f"Could not create {folder.name}/ ({error}).\n"
                "On Debian or Ubuntu, Python's venv module is a separate package: "
                f"sudo apt install python{version}-venv, then delete {folder.name}/ and run this again."
            )
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(python, "-m", "pip", "install", "--quiet", "-c", constraints.name, "-e", install)
    stamp.write_text(wanted + "\n")
    print(f"Set up: {install} is installed in {folder.name}/ with the versions in {constraints.name}", flush=True)
    return python


def lab_start(rest: list[str]) -> tuple[pathlib.Path, str, list[str]]:
    """Where ``run.py lab`` opens JupyterLab: ``(folder it shows, notebook it opens there, JupyterLab's options)``.

    Without a path: the course, at notebooks/00-welcome.ipynb. With one (a student edition's
    folder, or a notebook): that folder, at its 00-welcome.ipynb or at that notebook. Options
    (``--port 8889``) go on to JupyterLab.
    """
    if not rest or rest[0].startswith("-"):
        return ROOT, "notebooks/00-welcome.ipynb", rest
    path = pathlib.Path(rest[0]).expanduser().resolve()
    if path.is_dir():
        if not (path / "00-welcome.ipynb").is_file():
            sys.exit(f"{path} has no 00-welcome.ipynb: give run.py lab the folder of a student edition "
                     "(such as build/student/nnbook-student), or a notebook")
        return path, "00-welcome.ipynb", rest[1:]
    if path.suffix == ".ipynb" and path.is_file():
        return path.parent, path.name, rest[1:]
    sys.exit(f"run.py lab opens a folder of notebooks or one .ipynb notebook; {rest[0]} is neither "
             f"({'not found' if not path.exists() else 'not a notebook'})")


def main(argv: list[str], usage: str) -> None:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage)
        return
    command, rest = argv[0], argv[1:]
    if command == "setup":
        if len(rest) > 1 or (rest and rest[0] not in INSTALLS):
            sys.exit(f"python3 run.py setup takes one of {', '.join(INSTALLS)} (or nothing, for test), "
                     f"not {' '.join(rest)!r}")
        setup(INSTALLS[rest[0] if rest else "test"])
    elif command == "lab":
        folder, notebook, rest = lab_start(rest)
        python = setup(INSTALLS["lab"])
        # JupyterLab refuses to start as root (as in many containers) unless told it is meant.
        as_root = ["--allow-root"] if getattr(os, "geteuid", lambda: 1)() == 0 else []
        run(python, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}", notebook, *as_root, *rest, cwd=folder)
    elif command == "test":
        run(setup(INSTALLS["test"]), "-m", "pytest", *rest)
    elif command in SCRIPTS:
        # In the folder run.py was called from, so that paths a teacher types (class-report handed-in/,
        # --csv report.csv) mean what they say there; the scripts find their own files from __file__.
        install, script = SCRIPTS[command]
        run(setup(INSTALLS[install]), ROOT / script, *rest, cwd=pathlib.Path.cwd())
    elif command == "stats":
        run(sys.executable, "scripts/course_stats.py", *rest)
    elif command == "benchmark":
        python = setup(INSTALLS["benchmark"])
        run(python, "benchmarks/bench_training.py", *rest)
        for widget in ("widgets", "forward_pass_stepper", "training_explorer", "network_lab", "layer_map"):
            run(python, f"benchmarks/bench_{widget}.py")
    else:
        known = ["lab", "test", *SCRIPTS, "stats", "benchmark", "setup"]
        sys.exit(f"unknown command {command!r}; expected {', '.join(known[:-1])} or {known[-1]} "
                 "(see python3 run.py --help)")
