"""Build nnbook as pip would and install it into fresh virtual environments, outside the repository.

Shared by ``test_packaging.py`` (what the wheel holds) and
``test_install_routes.py`` (Colab, Binder, a school JupyterHub, a plain wheel
install). Each environment is made with the Python running the tests, under
pytest's temporary folder, and installs only from the package index (pip's
cache makes repeats fast) and from the wheel built here.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap
import venv

from project_files import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOT_SOURCE = (".git", ".venv", ".venv-*", "build", "dist", "*.egg-info", "__pycache__", ".ruff_cache", ".pytest_cache",
              "test-artifacts", "vendor")


def constraints_file() -> pathlib.Path:
    """The pins for the Python running the tests: the file run.py installs with (scripts/runner.py picks it)."""
    return load_script("scripts/runner.py").constraints_file()


def copy_source(destination: pathlib.Path) -> pathlib.Path:
    """A copy of the repository's source, as a fresh clone would have it (no .venv, no build output)."""
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    return destination


def run(command: list, *, cwd: pathlib.Path, env: dict | None = None, timeout: float = 600) -> str:
    """Run ``command`` and return what it printed; fail the test with all of its output if it fails."""
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def build_wheel(workspace: pathlib.Path) -> pathlib.Path:
    """Build nnbook's wheel as ``pip install .`` would: from a copy of the source, in an isolated build."""
    source = copy_source(workspace / "source")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", workspace / "dist", source],
        cwd=workspace)
    [wheel] = (workspace / "dist").glob("nnbook-*.whl")
    return wheel


class Environment:
    """A new virtual environment at ``path``, made with the Python that runs the tests."""

    def __init__(self, path: pathlib.Path):
        self.path = path
        venv.EnvBuilder(with_pip=True).create(path)
        self.python = path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        self.env = {key: value for key, value in os.environ.items()
                    if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
        self.env["PATH"] = os.pathsep.join([str(self.python.parent), self.env.get("PATH", "")])
        self.env["VIRTUAL_ENV"] = str(path)
        self.env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        # Jupyter's and IPython's per-user folders, private to this environment: no kernel or
        # startup file of the machine's user can stand in for what was installed here.
        for variable, folder in (("JUPYTER_DATA_DIR", "jupyter-data"), ("JUPYTER_CONFIG_DIR", "jupyter-config"),
                                 ("IPYTHONDIR", "ipython")):
            self.env[variable] = str(path / folder)

    def pip(self, *arguments, cwd: pathlib.Path | None = None) -> str:
        # --no-compile: nothing here is imported often enough to repay compiling every module up front.
        return run([self.python, "-m", "pip", "install", "--quiet", "--no-compile", *arguments],
                   cwd=cwd or self.path, env=self.env)

    def version(self, distribution: str) -> str:
        return run([self.python, "-c", f"from importlib.metadata import version; print(version({distribution!r}))"],
                   cwd=self.path, env=self.env).strip()

    def python_code(self, code: str, *, cwd: pathlib.Path, env: dict | None = None) -> str:
        return run([self.python, "-c", textwrap.dedent(code)], cwd=cwd, env={**self.env, **(env or {})})

    def execute_notebook(self, notebook: pathlib.Path, *, env: dict | None = None) -> dict:
        """Run ``notebook`` top to bottom in a fresh kernel of this environment, in its own folder; return it.

        nbclient and the kernel both come from this environment, and the kernel
        starts in the notebook's folder, as JupyterLab starts it.
        """
        code = f"""
            import nbformat
            from nbclient import NotebookClient

            notebook = nbformat.read({str(notebook)!r}, as_version=4)
            NotebookClient(notebook, timeout=300, kernel_name="python3",
                           resources={{"metadata": {{"path": {str(notebook.parent)!r}}}}}).execute()
            nbformat.write(notebook, {str(notebook)!r})
        """
        self.python_code(code, cwd=notebook.parent, env=env)
        return json.loads(notebook.read_text(encoding="utf-8"))


def printed(notebook: dict) -> str:
    """Everything the notebook's code cells printed, as one text."""
    return "".join("".join(output.get("text", "")) for cell in notebook["cells"] if cell["cell_type"] == "code"
                   for output in cell.get("outputs", ()) if output["output_type"] == "stream")
