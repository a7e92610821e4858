#!/usr/bin/env python3
"""Set up the course and run it: one command for each thing you want to do.

    python3 run.py lab         set up for learning and open the course in JupyterLab
    python3 run.py lab FOLDER  the same, for another copy of the notebooks (a student edition)
    python3 run.py test        set up for testing and run every test
    python3 run.py execute     re-run every notebook in a fresh kernel and store its outputs
    python3 run.py stats       how long each notebook's core and extensions take (no setup needed)
    python3 run.py benchmark   time the trainer against the alternatives, and the widgets

For teachers (the classroom kit; see teacher/README.md):

    python3 run.py student     a student edition of the notebooks for a class: a folder and a zip
    python3 run.py class-report FILES...   what a class got right, from the progress files handed in
    python3 run.py slides      the 90-minute workshop's slides: one HTML file that works offline
    python3 run.py handouts    printable PDFs: a page per notebook, a cheat sheet, a worksheet

For the web:

    python3 run.py site        the course as a static site (site/read) and in the browser (site/lab)
    python3 run.py setup       only set up: for test, or name what for (setup lab)

"Set up" means: make a virtual environment in .venv and install nnbook into
it, with the exact package versions in constraints.txt, so that your outputs
match the stored ones. lab installs what a learner needs (nnbook, JupyterLab);
test adds the test tools (pytest, nbval, playwright, hypothesis, ruff) and what
the slides, handouts and site are built with (nbconvert, playwright, JupyterLite). It is
done once and redone only when pyproject.toml or the constraints change.
Extra arguments go to the tool, for example ``python3 run.py test -k sigmoid``
or ``python3 run.py execute notebooks/05-sigmoid.ipynb``.

Python 3.10 to 3.13 are tested. Each version gets its own environment: .venv
belongs to the first Python you ran this with, and another version makes
.venv-3.X beside it (python3.12 run.py lab then uses .venv-3.12). A version
that some pins do not support has its own constraints-3.X.txt (Python 3.10).

Only the Python standard library is used here, so a fresh machine with
Python 3 can run it; on Windows, type ``py run.py lab``. The work is done by
scripts/runner.py; this file first checks the Python version, in code that
any Python, even 2.7, can read, so an old one gets a clear message.
"""

import os
import sys

if __name__ == "__main__":
    if sys.version_info < (3, 10):
        sys.exit("nnbook needs Python 3.10 or newer, and this is Python " + sys.version.split()[0]
                 + ": install Python 3.12 (from https://www.python.org/downloads/ or your system's package"
                 + " manager) and run this again with it: " + " ".join(["python3.12", "run.py"] + sys.argv[1:]))
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "scripts"))
    import runner

    try:
        runner.main(sys.argv[1:], __doc__)
    except KeyboardInterrupt:
        sys.exit(130)
