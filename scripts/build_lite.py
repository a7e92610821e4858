"""Build the browser edition: a JupyterLite site that runs the course with nothing installed.

JupyterLite is JupyterLab made of static files. Its kernel is Pyodide, Python
compiled to WebAssembly, running inside the learner's browser. This script
builds such a site (``jupyterlite-core`` and ``jupyterlite-pyodide-kernel``,
both 0.8.6) holding:

- the course notebooks (00 to 09, and 10 if it exists) with their stored
  outputs, in the site's file browser;
- nnbook's own wheel, with its data, and the wheels its widgets need in the
  browser (anywidget, ipywidgets, jupyterlab_widgets, psygnal, comm,
  typing_extensions): the site's own little package index, so that
  ``%pip install`` in the notebook finds them there (piplite);
- the JupyterLab extensions that draw anywidget's and ipywidgets' views.

The wheels are downloaded from PyPI at the versions of constraints.txt, once,
into build/lite-wheels/, and each is checked against the SHA-256 pinned here.

What the site does *not* hold is Pyodide itself, with numpy and matplotlib:
they are not on PyPI or npm, so the site loads them from the Pyodide CDN
(jsDelivr) when a learner opens it. That is the one part that needs the
internet. (The tests build a second site with a local Pyodide core, see
:func:`local_pyodide`, to check offline that the kernel starts and the widgets
show.)

Run it::

    python scripts/build_lite.py --out site/lab

and serve the folder with any static file server, for example
``python -m http.server -d site/lab``, then open http://127.0.0.1:8000/.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
WHEEL_CACHE = ROOT / "build" / "lite-wheels"
COURSE = [f"{number:02d}-" for number in range(11)]  # 00- to 10-: the course's notebooks, in order

# The wheels the kernel side of the widgets needs, at constraints.txt's versions -> SHA-256 of PyPI's file.
# widgetsnbextension is missing on purpose: the Pyodide kernel ships a small stand-in (4.0.999) for it.
WIDGET_WHEELS = {
    "anywidget-0.11.0-py3-none-any.whl": "c574d9acc6503ad27b37a9acea48f957a8ba7c9c9876cfcb37898931c098ce9d",
    "ipywidgets-8.1.9-py3-none-any.whl": "f2b8cbcaae10252b809fbe4d7470db75c09b769a32cbf816d20e5ca6d3c5a79d",
    "jupyterlab_widgets-3.0.17-py3-none-any.whl": "40ac1e9955acf116c4d995d9bfa082d86ad9ec6d91c4f134827cf5e0a5eb75e0",
    "psygnal-0.16.1-py3-none-any.whl": "93b96894d8c46f0a3c0bfaaf8abe73f0d6db2c20cc6d303624cf08f85abc3c92",
    "comm-0.2.3-py3-none-any.whl": "c615d91d75f7f04f095b30d1c1711babd43bdc6419c1be9886a85f2f4e489417",
    "typing_extensions-4.16.0-py3-none-any.whl": "481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8",
}

# The first code cell of each notebook (its third cell, written by scripts/links.py) installs nnbook where it
# runs; in the browser edition this branch of it does.
BROWSER_BRANCH = 'elif sys.platform == "emscripten":'


class BuildError(RuntimeError):
    """Something the build needs is missing or wrong; the message says what and what to do."""


def _sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _size(folder: pathlib.Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def pinned_wheels(pins: dict[str, str], cache: pathlib.Path = WHEEL_CACHE) -> list[pathlib.Path]:
    """The wheels named in ``pins`` (file name -> SHA-256), from the cache or else from PyPI, each checked.

    A wheel whose SHA-256 differs from its pin is deleted and refused, so a damaged or
    changed file never reaches the site.
    """
    cache.mkdir(parents=True, exist_ok=True)
    wanted = [name for name in pins if not (cache / name).is_file()]
    if wanted:
        specs = ["{}=={}".format(*name.split("-")[:2]) for name in wanted]
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                   "--platform", "any", "--implementation", "py", "--abi", "none", "--python-version", "3.14",
                   "--dest", str(cache), *specs]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            raise BuildError(f"could not download {', '.join(specs)} from PyPI; the build needs PyPI once "
                             f"(or put the wheels into {cache}):\n{done.stderr[-2000:]}")
    paths = []
    for name, digest in pins.items():
        path = cache / name
        if not path.is_file():
            raise BuildError(f"PyPI did not give {name}; expected it in {cache}")
        found = _sha256(path)
        if found != digest:
            path.unlink()
            raise BuildError(f"{name} has SHA-256 {found}, not the pinned "
                             f"{digest}; it was deleted. Run the build again to download it afresh.")
        paths.append(path)
    return paths


def nnbook_wheel(folder: pathlib.Path) -> pathlib.Path:
    """Build nnbook's wheel into ``folder`` and check that its data files went in with it."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(ROOT), "-w", str(folder)],
                          capture_output=True, text=True)
    if done.returncode:
        raise BuildError(f"pip could not build nnbook's wheel:\n{done.stderr[-2000:]}")
    wheels = sorted(folder.glob("nnbook-*-py3-none-any.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one nnbook wheel in {folder}, found {[w.name for w in wheels]}")
    with zipfile.ZipFile(wheels[0]) as wheel:
        inside = set(wheel.namelist())
    data = {f"nnbook/data/{path.name}" for path in (ROOT / "nnbook" / "data").glob("*.npz")}
    if not data or not data <= inside:
        raise BuildError(f"nnbook's wheel lacks its data files {sorted(data - inside)}; see [tool.setuptools."
                         "package-data] in pyproject.toml")
    return wheels[0]


def course_notebooks() -> list[pathlib.Path]:
    """The course's notebooks (00 to 10, those that exist), in order."""
    found = [path for prefix in COURSE for path in sorted(NOTEBOOKS.glob(f"{prefix}*.ipynb"))]
    if len(found) < 10:
        raise BuildError(f"expected the notebooks 00 to 09 in {NOTEBOOKS}, found {[p.name for p in found]}")
    return found


def check_install_cell(notebook: dict, name: str) -> None:
    """Refuse a notebook whose install cell (its third cell) has no branch for the browser edition."""
    cell = notebook["cells"][2]
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    if cell["cell_type"] != "code" or "google.colab" not in source:
        raise BuildError(f"the third cell of {name} should be its install cell (Colab and the browser edition); "
                         "run python3 scripts/links.py to put it back")
    if BROWSER_BRANCH not in source:
        raise BuildError(f"{name}'s install cell has no branch for the browser edition ({BROWSER_BRANCH}), so nnbook "
                         "would not be installed there; run python3 scripts/links.py to write it")


def _contents(folder: pathlib.Path) -> list[str]:
    """Copy the notebooks, each checked to install nnbook in the browser, into ``folder``; their names."""
    folder.mkdir(parents=True)
    names = []
    for path in course_notebooks():
        notebook = json.loads(path.read_text(encoding="utf-8"))
        check_install_cell(notebook, path.name)
        shutil.copyfile(path, folder / path.name)
        names.append(path.name)
    return names


def _check_out(out: pathlib.Path) -> None:
    """Refuse an ``out`` that holds anything but an earlier JupyterLite build, so no one's files are lost."""
    if out.exists() and not (out.is_dir() and (not any(out.iterdir()) or (out / "jupyter-lite.json").is_file())):
        raise BuildError(f"{out} exists and is not an earlier JupyterLite build (it has no jupyter-lite.json); "
                         "choose another --out or move it away")


def _replace(out: pathlib.Path, built: pathlib.Path) -> None:
    """Put the finished site at ``out``, replacing an earlier build there (checked by :func:`_check_out`)."""
    _check_out(out)
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(out))


def build(out: pathlib.Path, *, pyodide: pathlib.Path | None = None, sourcemaps: bool = False,
          quiet: bool = False) -> dict:
    """Build the JupyterLite site into ``out`` and return (and print) what went in, with sizes and the time.

    ``pyodide`` is a Pyodide distribution (.tar.bz2 with a top-level ``pyodide/`` folder) to serve from the
    site itself instead of the CDN; the course leaves it out (see the module's docstring).
    """
    out = pathlib.Path(out).resolve()
    _check_out(out)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="nnbook-lite-") as temporary:
        work = pathlib.Path(temporary)
        wheels = [nnbook_wheel(work / "wheels"), *pinned_wheels(WIDGET_WHEELS)]
        notebooks = _contents(work / "files")
        lite_dir = work / "lite"
        lite_dir.mkdir()
        built = work / "site"
        command = [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite_dir),
                   "--contents", str(work / "files"), "--output-dir", str(built), "--apps", "lab",
                   *(f"--piplite-wheels={wheel}" for wheel in wheels)]
        if not sourcemaps:
            command.append("--no-sourcemaps")
        if pyodide is not None:
            command.append(f"--pyodide={pyodide}")
        done = subprocess.run(command, cwd=lite_dir, capture_output=True, text=True)
        if done.returncode or not (built / "jupyter-lite.json").is_file():
            raise BuildError(f"jupyter lite build failed:\n{(done.stdout + done.stderr)[-4000:]}")
        _replace(out, built)
    seconds = time.monotonic() - start
    count, size = _size(out)
    settings = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = settings.get("litePluginSettings", {}).get("@jupyterlite/pyodide-kernel-extension:kernel", {})
    report = {
        "out": str(out), "files": count, "megabytes": round(size / 1e6, 1), "seconds": round(seconds, 1),
        "notebooks": notebooks,
        "wheels": [wheel.name for wheel in wheels],
        "pyodide": kernel.get("pyodideUrl", "the Pyodide CDN (jupyterlite-pyodide-kernel's default)"),
    }
    if not quiet:
        where = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
        print(f"{where}: JupyterLite site, {count} files, {report['megabytes']} MB, built in {seconds:.0f} s; "
              f"{len(notebooks)} notebooks, {len(wheels)} wheels; Pyodide from {report['pyodide']}")
    return report


# The pure-Python packages of Pyodide 314.0.6's lock that the kernel loads at start (micropip, IPython and
# their dependencies) and that anywidget needs from it (typing_extensions), at the lock's versions, from
# PyPI -> SHA-256 of PyPI's file. npm's pyodide package has the lock but none of these files.
PYODIDE_LOCK_WHEELS = {
    "asttokens-3.0.1-py3-none-any.whl": "15a3ebc0f43c2d0a50eeafea25e19046c68398e487b9f1f5b517f7c0f40f976a",
    "decorator-5.2.1-py3-none-any.whl": "d316bb415a2d9e2d2b3abcc4084c6502fc09240e292cd76a76afc106a1c8e04a",
    "executing-2.2.1-py2.py3-none-any.whl": "760643d3452b4d777d295bb167ccc74c64a81df23fb5e08eff250c425a4b2017",
    "ipython-9.12.0-py3-none-any.whl": "0f2701e8ee86e117e37f50563205d36feaa259d2e08d4a6bc6b6d74b18ce128d",
    "jedi-0.19.2-py2.py3-none-any.whl": "a8ef22bde8490f57fe5c7681a3c83cb58874daf72b4784de3cce5b6ef6edb5b9",
    "matplotlib_inline-0.2.1-py3-none-any.whl": "d56ce5156ba6085e00a9d54fead6ed29a9c47e215cd1bba2e976ef39f5710a76",
    "micropip-0.11.1-py3-none-any.whl": "768de165adb8e66906039d8fec4127a57f522dfdf8e6fbff877a4616941ecfd3",
    "packaging-26.1-py3-none-any.whl": "5d9c0669c6285e491e0ced2eee587eaf67b670d94a19e94e3984a481aba6802f",
    "parso-0.8.6-py2.py3-none-any.whl": "2c549f800b70a5c4952197248825584cb00f033b29c692671d3bf08bf380baff",
    "prompt_toolkit-3.0.52-py3-none-any.whl": "9aac639a3bbd33284347de5ad8d68ecc044b91a762dc39b7c21095fcd6a19955",
    "pure_eval-0.2.3-py3-none-any.whl": "1db8e35b67b3d218d818ae653e27f06c3aa420901fa7b081ca98cbedc874e0d0",
    "pygments-2.20.0-py3-none-any.whl": "81a9e26dd42fd28a23a2d169d86d7ac03b46e2f8b59ed4698fb4785f946d0176",
    "six-1.17.0-py2.py3-none-any.whl": "4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274",
    "stack_data-0.6.3-py3-none-any.whl": "d5558e0c25a4cb0853cddad3d77da9891a08cb85dd9f9f91b9f8cd66e511e695",
    "traitlets-5.14.3-py3-none-any.whl": "b74e89e397b1ed28cc831db7aea759ba6640cb3de13090ca145426688ff1ac4f",
    "typing_extensions-4.15.0-py3-none-any.whl": "f0fa19c6845758ab08074a0cfa8b7aecb71c999ca73d62883bc25cc018c4e548",
    "wcwidth-0.6.0-py3-none-any.whl": "1a3a1e510b553315f8e146c54764f4fb6264ffad731b3d78088cdb1478ffbdad",
}


def local_pyodide(tarball: pathlib.Path) -> pathlib.Path:
    """Write a Pyodide distribution (.tar.bz2) made of npm's ``pyodide`` core plus the lock's pure wheels.

    For testing the browser edition offline: the kernel starts and installs pure-Python
    packages, but numpy and matplotlib are not in it (not on PyPI or npm), so importing them fails.
    The lock is rewritten to point only at the packages that are there, with their real SHA-256.
    """
    sys.path.insert(0, str(ROOT / "scripts"))
    import npm_vendor

    core = npm_vendor.files("pyodide@314.0.6")
    lock = json.loads(core["pyodide-lock.json"])
    wheels = {path.name: path for path in pinned_wheels(PYODIDE_LOCK_WHEELS)}
    packages = {}
    for name, package in lock["packages"].items():
        if package["file_name"] in wheels:
            package["sha256"] = _sha256(wheels[package["file_name"]])
            packages[name] = package
    lock["packages"] = packages
    core["pyodide-lock.json"] = json.dumps(lock).encode()
    for name, path in wheels.items():
        core[name] = path.read_bytes()
    with tarfile.open(tarball, "w:bz2") as archive:
        for name, data in sorted(core.items()):
            info = tarfile.TarInfo(f"pyodide/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return tarball


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "site" / "lab",
                        help="the folder to build the site into (default: site/lab); an earlier build there is "
                             "replaced, any other folder is refused")
    parser.add_argument("--sourcemaps", action="store_true",
                        help="keep JupyterLab's source maps (measured: 73 MB instead of 27)")
    args = parser.parse_args(argv)
    try:
        build(args.out, sourcemaps=args.sourcemaps)
    except BuildError as error:
        print(f"build_lite: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
