"""Where the course is published, and every link that leads there: the one place to change them.

The Colab badges, the Colab install cell at the top of each notebook, the
Binder link, the school-JupyterHub (nbgitpuller) links and the hub
requirements file all point at one GitHub repository and branch. They are
made here, from :data:`REPOSITORY` and :data:`BRANCH`, and
``tests/test_install_routes.py`` checks that every copy in the README, the
notebooks, ``binder/`` and ``requirements-hub.txt`` is what this module makes.

After publishing the course at its real address, set :data:`REPOSITORY` (and
:data:`BRANCH`) below and run, from the repository root::

    .venv/bin/python scripts/links.py

It rewrites the two cells it puts after every notebook's title (the Colab
badge and the install cell) and the install line of ``requirements-hub.txt``;
the test then names any other line that still needs changing.
"""

from __future__ import annotations

import pathlib
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
HUB_REQUIREMENTS = ROOT / "requirements-hub.txt"

REPOSITORY = "OWNER/nnbook"
"""``owner/name`` on GitHub. A placeholder: the links work once the course is published at this address."""

BRANCH = "main"
FIRST_NOTEBOOK = "00-welcome.ipynb"

BADGE_CELL_ID = "open-in-colab"
INSTALL_CELL_ID = "colab-install"


def repository_url() -> str:
    return f"https://github.com/{REPOSITORY}"


def install_requirement() -> str:
    """What pip installs nnbook from when there is no clone: the repository's branch, with its data inside."""
    return f"nnbook @ git+{repository_url()}@{BRANCH}"


def colab_url(notebook: str) -> str:
    """The address that opens ``notebooks/<notebook>`` of the repository in Google Colab."""
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/notebooks/{notebook}"


def colab_badge(notebook: str) -> str:
    """Markdown for an "Open in Colab" badge that opens ``notebook``."""
    return f"[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(notebook)})"


def binder_url(notebook: str = FIRST_NOTEBOOK) -> str:
    """The mybinder.org address that builds the repository and opens JupyterLab at ``notebook``."""
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?urlpath=lab/tree/notebooks/{notebook}"


def nbgitpuller_url(hub: str, notebook: str = FIRST_NOTEBOOK) -> str:
    """A link that copies the course into a learner's home folder on the JupyterHub ``hub`` and opens ``notebook``.

    ``hub`` is the hub's address, such as ``https://hub.example.org``. nbgitpuller
    clones into a folder named after the repository, and on later clicks merges
    new files in without overwriting the learner's own changes.
    """
    folder = REPOSITORY.split("/")[1]
    query = urllib.parse.urlencode({
        "repo": repository_url(),
        "branch": BRANCH,
        "urlpath": f"lab/tree/{folder}/notebooks/{notebook}",
    })
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def badge_cell_source(notebook: str) -> str:
    return colab_badge(notebook)


def install_cell_source() -> str:
    """The first code cell of every notebook: in Colab or the browser edition it installs nnbook; elsewhere nothing.

    Colab opens a single notebook, without the repository, so nnbook must come
    from pip there. ``--no-deps`` keeps Colab's own packages as they are (above
    all its ipywidgets: custom widgets need the version Colab ships); of
    nnbook's dependencies, Colab lacks only anywidget.

    The browser edition (JupyterLite, ``sys.platform == "emscripten"``) installs
    from its own wheels; numpy, matplotlib and pillow come from Pyodide's CDN.
    ``--no-deps`` again, since nnbook's dependency JupyterLab cannot run in a
    browser, and the rest are named, because Pyodide loads a package only when
    the cell names it.
    """
    return (
        "# Only in Google Colab or the browser edition: install nnbook, the course's package\n"
        "# (anywhere else this cell does nothing).\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        "    %pip install --quiet anywidget\n"
        f'    %pip install --quiet --no-deps "{install_requirement()}"\n'
        'elif sys.platform == "emscripten":  # the browser edition (JupyterLite)\n'
        "    %pip install --quiet anywidget ipywidgets matplotlib numpy pillow\n"
        "    %pip install --quiet --no-deps nnbook"
    )


def notebooks() -> list[pathlib.Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def update_notebook(path: pathlib.Path) -> bool:
    """Put the badge cell and the install cell right after the title cell; return whether anything changed."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    cells = [cell for cell in notebook.cells if cell.get("id") not in {BADGE_CELL_ID, INSTALL_CELL_ID}]
    badge = nbformat.v4.new_markdown_cell(badge_cell_source(path.name), id=BADGE_CELL_ID)
    install = next((cell for cell in notebook.cells if cell.get("id") == INSTALL_CELL_ID), None)
    if install is None or install.source != install_cell_source():
        install = nbformat.v4.new_code_cell(install_cell_source(), id=INSTALL_CELL_ID)
    title = cells[0]
    wanted = [title, badge, install, *cells[1:]]
    if [(c.cell_type, c.source) for c in wanted] == [(c.cell_type, c.source) for c in notebook.cells]:
        return False
    notebook.cells = wanted
    nbformat.validate(notebook)
    nbformat.write(notebook, path)
    return True


def update_hub_requirements() -> bool:
    lines = HUB_REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    wanted = [install_requirement() if line.startswith("nnbook @ ") else line for line in lines]
    if wanted == lines:
        return False
    HUB_REQUIREMENTS.write_text("\n".join(wanted) + "\n", encoding="utf-8")
    return True


def main() -> int:
    changed = [path.name for path in notebooks() if update_notebook(path)]
    if update_hub_requirements():
        changed.append(HUB_REQUIREMENTS.name)
    print(f"updated {', '.join(changed)}" if changed else "every link already points at " + REPOSITORY)
    if any(name.endswith(".ipynb") for name in changed):
        print("Then run `python3 run.py execute`: a new or changed install cell has not been run yet.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
