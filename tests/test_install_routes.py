"""The ways to get the course without the repository's run.py, each tried in a fresh environment.

README's "Start" offers Colab, Binder and a school JupyterHub besides
``run.py``. None of those can be reached from here, so each test repeats what
that route does, in a new virtual environment outside the repository, with
nnbook built into a wheel from a copy of the source:

- a plain wheel install (how every route gets nnbook): the data, the trained
  network, an exercise check and the widgets work from the installed package;
- a school JupyterHub: ``requirements-hub.txt`` installed, notebook 00 run from
  a plain copy of ``notebooks/``;
- Colab: a stand-in ``google.colab`` module and Colab's ipywidgets 7.7.1; the
  notebook's own first cell installs nnbook, and notebook 00 runs;
- Binder: ``binder/requirements.txt`` installed from the repository's root, as
  repo2docker does, and notebook 00 run.

The links themselves (badges, Binder and nbgitpuller addresses, the install
line) are made by ``scripts/links.py``; the first tests check that every copy
agrees with it.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import sys
import urllib.parse

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import nnbook
from install_routes import ROOT, Environment, build_wheel, constraints_file, copy_source, printed
from project_files import load_script

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


links = load_script("scripts/links.py")
NOTEBOOKS = links.notebooks()
README = (ROOT / "README.md").read_text(encoding="utf-8")


def pins(path: pathlib.Path) -> dict[str, str]:
    """A requirements or constraints file's exact ``name==version`` lines, as {normalised name: version}."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            requirement = Requirement(line)
            found[canonicalize_name(requirement.name)] = str(requirement.specifier).removeprefix("==")
    return found


# The links agree with scripts/links.py ------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name[:2])
def test_each_notebook_opens_with_its_colab_badge_and_the_install_cell(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert "".join(cells[0]["source"]).startswith(f"# {path.name[:2]} · "), "the title comes first"
    assert "".join(cells[1]["source"]) == links.colab_badge(path.name)
    [first_code] = [cell for cell in cells if cell["cell_type"] == "code"][:1]
    assert first_code["id"] == links.INSTALL_CELL_ID
    assert "".join(first_code["source"]) == links.install_cell_source()
    assert first_code["outputs"] == [], "outside Colab the install cell prints nothing"


def test_the_readme_links_every_notebook_to_colab_and_nothing_else():
    found = re.findall(r"https://colab\.research\.google\.com/github/[^)\s]+", README)
    assert sorted(found) == sorted(links.colab_url(path.name) for path in NOTEBOOKS)


def test_the_readme_binder_and_nbgitpuller_links_are_the_ones_links_py_makes():
    assert set(re.findall(r"https://mybinder\.org/v2/gh/[^)\s`]+", README)) == {links.binder_url()}
    [puller] = set(re.findall(r"https://[^)\s`]+/hub/user-redirect/git-pull\?[^)\s`]+", README))
    hub = puller.split("/hub/user-redirect/")[0]
    assert puller == links.nbgitpuller_url(hub)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(puller).query)
    assert query["urlpath"] == [f"lab/tree/nnbook/notebooks/{links.FIRST_NOTEBOOK}"]


def test_the_hub_requirements_pin_nnbooks_dependencies_as_the_course_is_tested():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    hub = pins(ROOT / "requirements-hub.txt")
    needed = {canonicalize_name(Requirement(text).name) for text in project["dependencies"]}
    assert set(hub) == needed | {"nbgitpuller"}
    tested = pins(ROOT / "constraints.txt")
    assert {name: hub[name] for name in needed} == {name: tested[name] for name in needed}
    last = (ROOT / "requirements-hub.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert last == links.install_requirement()


def test_binder_installs_nnbook_from_the_repository_with_the_pins():
    lines = [line for line in (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    # Both lines refer to the repository, so repo2docker copies all of it before running pip.
    assert lines == ["-c ../constraints.txt", "."]
    assert re.fullmatch(r"python-3\.(1[1-3])\n", (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8"))


# The routes, each in a fresh environment ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> pathlib.Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def from_wheel(text: str, wheel: pathlib.Path) -> str:
    """``text`` with nnbook's install line pointing at the local wheel instead of the (unpublished) repository."""
    assert links.install_requirement() in text
    return text.replace(links.install_requirement(), f"nnbook @ {wheel.as_uri()}")


def assert_installed_in(environment: Environment, location: str) -> None:
    assert pathlib.Path(location).resolve().is_relative_to(environment.path.resolve()), (
        f"nnbook was imported from {location}, not from the environment at {environment.path}")


@pytest.fixture(scope="class")
def hub(tmp_path_factory, wheel) -> Environment:
    """A fresh environment with ``requirements-hub.txt`` installed, as a hub's image would have it."""
    if sys.version_info < (3, 11):
        pytest.skip("requirements-hub.txt pins the versions for Python 3.11 to 3.13")
    folder = tmp_path_factory.mktemp("hub")
    requirements = folder / "requirements-hub.txt"
    requirements.write_text(from_wheel((ROOT / "requirements-hub.txt").read_text(encoding="utf-8"), wheel))
    environment = Environment(folder / "venv")
    # The constraints pin what the hub file leaves open (the dependencies' own dependencies), as run.py does.
    environment.pip("-c", constraints_file(), "-r", requirements)
    return environment


SMOKE_TEST = """
    import nnbook
    from nnbook import check
    from nnbook.widgets import DigitCanvas, NetworkExplorer, NeuronExplorer

    print(nnbook.__file__)
    for split in ("train", "test"):
        images, labels = nnbook.load_digits(split)
        print(split, images.shape, labels.shape)
    print(repr(nnbook.pretrained().accuracy(*nnbook.load_digits("test"))))
    print(check.pixel_index(lambda row, col: 28 * row + col).status)
    for widget in (DigitCanvas(), NetworkExplorer(), NeuronExplorer()):
        print(type(widget).__name__)
"""


def run_first_notebook(environment: Environment, folder: pathlib.Path, *, env: dict | None = None) -> dict:
    """Run notebook 00 in ``folder`` with one more cell that prints where nnbook was imported from."""
    notebook = folder / links.FIRST_NOTEBOOK
    content = json.loads(notebook.read_text(encoding="utf-8"))
    content["cells"].append({"cell_type": "code", "id": "where-from", "metadata": {}, "outputs": [],
                             "execution_count": None, "source": "import nnbook\nprint(nnbook.__file__)"})
    notebook.write_text(json.dumps(content), encoding="utf-8")
    executed = environment.execute_notebook(notebook, env=env)
    assert_installed_in(environment, printed(executed).splitlines()[-1])
    return executed


# Each route is a class: pytest-xdist (--dist=loadscope) runs each class on one worker, so the slow
# routes spread over both workers instead of queueing on one.
@pytest.mark.install_routes
class TestSchoolHub:
    """requirements-hub.txt in a fresh environment: the wheel's smoke test, then notebook 00."""

    def test_the_installed_wheel_works_from_outside_the_repository(self, hub, tmp_path, test_digits):
        location, train, test, accuracy, status, *widgets = hub.python_code(SMOKE_TEST, cwd=tmp_path).splitlines()
        assert_installed_in(hub, location)
        assert train == "train (8000, 28, 28) (8000,)" and test == "test (2000, 28, 28) (2000,)"
        assert accuracy == repr(nnbook.pretrained().accuracy(*test_digits))
        assert status == str(nnbook.check.pixel_index(lambda row, col: 28 * row + col).status)
        assert widgets == ["DigitCanvas", "NetworkExplorer", "NeuronExplorer"]

    def test_a_school_hub_runs_notebook_00_from_a_plain_copy_of_the_notebooks(self, hub, tmp_path):
        # nbgitpuller puts the repository's files in the learner's folder; nnbook comes from the image.
        copy = shutil.copytree(ROOT / "notebooks", tmp_path / "nnbook" / "notebooks",
                               ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        run_first_notebook(hub, copy)
        assert hub.version("nbgitpuller") == pins(ROOT / "requirements-hub.txt")["nbgitpuller"]


COLAB_IPYWIDGETS = "7.7.1"
"""The ipywidgets of Colab's runtime, as reported in 2023-2024 (Colab's current image was not checked)."""

STAND_IN = '''"""A stand-in for Colab's module: the course's install cell asks only whether it was imported."""
'''


@pytest.mark.install_routes
class TestColab:
    def test_colab_the_first_cell_installs_nnbook_and_notebook_00_runs(self, tmp_path, wheel):
        if sys.version_info < (3, 11):
            pytest.skip("the Colab stand-in is built with the pins of constraints.txt (Python 3.11 to 3.13)")
        environment = Environment(tmp_path / "venv")
        # What a Colab runtime already has that nnbook uses, with Colab's own ipywidgets; not nnbook, not anywidget.
        widget_pins = {"ipywidgets", "jupyterlab-widgets", "widgetsnbextension"}
        others = [line for line in constraints_file().read_text(encoding="utf-8").splitlines()
                  if line.startswith("#") or canonicalize_name(line.split("==")[0]) not in widget_pins]
        (tmp_path / "constraints.txt").write_text("\n".join(others) + "\n", encoding="utf-8")
        environment.pip("-c", tmp_path / "constraints.txt", "ipykernel", "nbclient", "numpy", "matplotlib", "pillow",
                        f"ipywidgets=={COLAB_IPYWIDGETS}")
        purelib = environment.python_code("import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path)
        (pathlib.Path(purelib.strip()) / "google" / "colab").mkdir(parents=True)
        (pathlib.Path(purelib.strip()) / "google" / "colab" / "__init__.py").write_text(STAND_IN, encoding="utf-8")
        # Colab's kernel has imported google.colab before the first cell runs; an IPython startup file does that here.
        startup = pathlib.Path(environment.env["IPYTHONDIR"]) / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-colab.py").write_text("import google.colab\n", encoding="utf-8")

        # Colab opens the notebook alone, without the repository around it.
        content = tmp_path / "content"
        content.mkdir()
        notebook = json.loads((ROOT / "notebooks" / links.FIRST_NOTEBOOK).read_text(encoding="utf-8"))
        [cell] = [cell for cell in notebook["cells"] if cell.get("id") == links.INSTALL_CELL_ID]
        cell["source"] = from_wheel("".join(cell["source"]), wheel)
        (content / links.FIRST_NOTEBOOK).write_text(json.dumps(notebook), encoding="utf-8")
        assert "nnbook" not in environment.python_code("import importlib.util as u; print(u.find_spec('nnbook'))",
                                                       cwd=content)

        run_first_notebook(environment, content)
        assert environment.version("ipywidgets") == COLAB_IPYWIDGETS, "the install cell must keep Colab's ipywidgets"
        assert environment.version("nnbook") == nnbook.__version__
        # With Colab's older ipywidgets, the rest of nnbook works too, the widgets' Python side included.
        widgets = environment.python_code(SMOKE_TEST, cwd=tmp_path).splitlines()[5:]
        assert widgets == ["DigitCanvas", "NetworkExplorer", "NeuronExplorer"]


@pytest.mark.install_routes
class TestBinder:
    def test_binder_installs_as_repo2docker_does_and_notebook_00_runs(self, tmp_path):
        runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
        if runtime != f"python-{sys.version_info.major}.{sys.version_info.minor}":
            pytest.skip(f"Binder builds with the Python of binder/runtime.txt ({runtime})")
        repository = copy_source(tmp_path / "repo")
        environment = Environment(tmp_path / "venv")
        # repo2docker runs pip from the repository's root, the whole repository in place (binder/requirements.txt).
        environment.pip("-r", "binder/requirements.txt", cwd=repository)
        pinned = pins(repository / "constraints.txt")
        for name in ("numpy", "matplotlib", "ipywidgets", "anywidget", "jupyterlab"):
            assert environment.version(name) == pinned[name]
        run_first_notebook(environment, repository / "notebooks")
