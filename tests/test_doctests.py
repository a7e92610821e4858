"""The examples in nnbook's docstrings are run, so that they cannot rot.

They run here, one test per module, rather than through pytest's
``--doctest-modules``: that option would also import every test file a second
time as a module, and two files named conftest.py would clash.
"""

import doctest
import importlib
import pkgutil

import pytest

import nnbook

MODULES = sorted(info.name for info in pkgutil.walk_packages(nnbook.__path__, "nnbook."))


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_give_what_they_show(name):
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert failed == 0, f"{failed} example(s) in {name} gave something else than they show (details above)"


def test_there_are_examples_to_run():
    finder = doctest.DocTestFinder()
    examples = sum(len(test.examples) for name in MODULES for test in finder.find(importlib.import_module(name)))
    assert examples >= 10
