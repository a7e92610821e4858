"""The browser edition's build (scripts/build_lite.py), checked in its files, without a browser.

The site is built once for this module into a temporary folder (about half a
minute; it needs PyPI once for the widget wheels, which are then cached in
build/lite-wheels/). tests/browser/test_site_lab.py opens it in Chromium.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import pathlib
import subprocess
import sys
import zipfile

import pytest

import nnbook

pytestmark = pytest.mark.builds  # CI runs the site's build once, on the README's Python

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("build_lite", ROOT / "scripts" / "build_lite.py")
build_lite = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build_lite)

KERNEL = "@jupyterlite/pyodide-kernel-extension:kernel"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("lite") / "lab"
    report = build_lite.build(out)
    return out, report


def _all_json(site_dir: pathlib.Path) -> dict:
    return json.loads((site_dir / "pypi" / "all.json").read_text())


def test_every_course_notebook_is_in_the_site_with_its_stored_outputs(site):
    out, report = site
    stored = sorted(path.name for path in (ROOT / "notebooks").glob("[01][0-9]-*.ipynb"))
    assert sorted(path.name for path in (out / "files").glob("*.ipynb")) == stored == report["notebooks"]
    for name in stored:
        original = json.loads((ROOT / "notebooks" / name).read_text())
        copy = json.loads((out / "files" / name).read_text())
        assert len(copy["cells"]) == len(original["cells"]), name
        assert any(cell.get("outputs") for cell in copy["cells"]), f"{name} has no stored outputs in the site"
        for before, after in zip(original["cells"], copy["cells"]):
            assert after.get("outputs") == before.get("outputs"), name
            assert after["metadata"] == before["metadata"], name
        assert 'sys.platform == "emscripten"' in "".join(copy["cells"][2]["source"]), name


def test_the_piplite_index_holds_nnbook_and_the_widget_wheels(site):
    out, report = site
    index = _all_json(out)
    assert list(index["nnbook"]["releases"]) == [nnbook.__version__]
    for name in build_lite.WIDGET_WHEELS:
        project, version = name.split("-")[:2]
        project = project.replace("_", "-")
        assert list(index[project]["releases"]) == [version], name
    for project in index.values():
        for release in project["releases"].values():
            for wheel in release:
                path = out / "pypi" / wheel["filename"]
                assert hashlib.sha256(path.read_bytes()).hexdigest() == wheel["digests"]["sha256"]
    with zipfile.ZipFile(out / "pypi" / f"nnbook-{nnbook.__version__}-py3-none-any.whl") as wheel:
        inside = set(wheel.namelist())
    data = [path.name for path in (ROOT / "nnbook" / "data").glob("*.npz")]
    assert data and {f"nnbook/data/{name}" for name in data} <= inside
    assert "widgetsnbextension" not in index  # the kernel's own stand-in serves it


def test_the_widget_lab_extensions_are_in_the_site(site):
    out, _ = site
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    loaded = {extension["name"]: extension["load"] for extension in config["federated_extensions"]}
    for name, folder in {"anywidget": "anywidget", "@jupyter-widgets/jupyterlab-manager":
                         "@jupyter-widgets/jupyterlab-manager"}.items():
        assert name in loaded
        assert (out / "extensions" / folder / loaded[name].removeprefix("./")).is_file(), name


def test_jupyter_lite_json_loads_pyodide_from_the_cdn_and_wheels_from_the_site(site):
    out, report = site
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"][KERNEL]
    assert "pyodideUrl" not in kernel  # so the kernel's default: the Pyodide CDN
    assert not (out / "static" / "pyodide").exists()
    assert kernel["pipliteUrls"][0].startswith("./pypi/all.json")
    assert config["defaultKernelName"] == "python"
    assert config["appUrl"] == "./lab"
    assert "CDN" in report["pyodide"]


def test_no_source_maps_and_the_sizes_reported_are_the_sites(site):
    out, report = site
    files = [path for path in out.rglob("*") if path.is_file()]
    assert not [path for path in files if path.suffix == ".map"]
    assert report["files"] == len(files)
    assert report["megabytes"] == round(sum(path.stat().st_size for path in files) / 1e6, 1)
    assert 0 < report["seconds"] < 600
    print(f"\nJupyterLite build: {report['files']} files, {report['megabytes']} MB, {report['seconds']} s")


def test_a_second_build_replaces_the_first_but_never_a_folder_of_other_files(site, tmp_path):
    out, _ = site
    build_lite._check_out(out)  # an earlier build: allowed
    build_lite._check_out(tmp_path / "new")  # nothing there yet: allowed
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    with pytest.raises(build_lite.BuildError, match="not an earlier JupyterLite build"):
        build_lite.build(mine)
    assert (mine / "notes.txt").read_text() == "mine"


def _notebook(third_source: str) -> dict:
    return {"cells": [{"cell_type": "markdown", "source": "# t", "metadata": {}},
                      {"cell_type": "markdown", "source": "colab badge", "metadata": {}},
                      {"cell_type": "code", "source": third_source, "metadata": {}, "outputs": []}]}


def test_a_notebook_without_the_browser_branch_is_refused():
    colab = 'import sys\n\nif "google.colab" in sys.modules:\n    %pip install --quiet anywidget\n'
    with pytest.raises(build_lite.BuildError, match="no branch for the browser edition.*scripts/links.py"):
        build_lite.check_install_cell(_notebook(colab), "03-x.ipynb")
    with pytest.raises(build_lite.BuildError, match="should be its install cell"):
        build_lite.check_install_cell(_notebook("print('hello')"), "03-x.ipynb")
    build_lite.check_install_cell(_notebook(colab + 'elif sys.platform == "emscripten":\n    pass'), "03-x.ipynb")


def test_the_install_cell_does_nothing_and_prints_nothing_in_ipython():
    notebook = json.loads((ROOT / "notebooks" / "03-weighted-sums.ipynb").read_text())
    build_lite.check_install_cell(notebook, "03-weighted-sums.ipynb")
    cell = "".join(notebook["cells"][2]["source"])
    program = ("import sys\nfrom IPython.testing.globalipapp import start_ipython\nshell = start_ipython()\n"
               f"result = shell.run_cell({cell!r})\nsys.exit(0 if result.success else 1)\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


def test_a_damaged_cached_wheel_is_refused_and_deleted(tmp_path):
    name = "comm-0.2.3-py3-none-any.whl"
    (tmp_path / name).write_bytes(b"not the wheel")
    with pytest.raises(build_lite.BuildError, match="not the pinned"):
        build_lite.pinned_wheels({name: build_lite.WIDGET_WHEELS[name]}, cache=tmp_path)
    assert not (tmp_path / name).exists()
