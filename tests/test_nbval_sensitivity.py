"""The notebook suite notices when sigmoid changes by one part in a million.

A regression test is only worth what it can catch. Here a perturbed sigmoid,
sigmoid(z) · (1 + 1e-6), is slipped into the notebook's kernel through a
``sitecustomize`` module, and nbval must then fail on the stored outputs of
the sigmoid notebook (05, whose printed activations carry enough digits);
the unperturbed run must pass.
"""

import os
import pathlib
import subprocess
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOK = "notebooks/05-sigmoid.ipynb"

PERTURB = textwrap.dedent(
    """
    import os
    import sys

    # The kernel shows figures inline; imported this early, matplotlib must be told so here.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    import nnbook
    from nnbook import activations

    original = activations.sigmoid

    def sigmoid(z):
        return original(z) * (1 + 1e-6)

    activations.ACTIVATIONS["sigmoid"] = (sigmoid, activations.sigmoid_slope)
    for name, module in list(sys.modules.items()):
        if name.startswith("nnbook") and getattr(module, "sigmoid", None) is original:
            module.sigmoid = sigmoid
    """
)


def run_nbval(tmp_path, perturb: bool) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if perturb:
        (tmp_path / "sitecustomize.py").write_text(PERTURB, encoding="utf-8")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    command = [
        sys.executable, "-m", "pytest", "-o", "addopts=", "-p", "no:cacheprovider", "-q",
        "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/sanitize.cfg", NOTEBOOK,
    ]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_suite_fails_when_sigmoid_changes_by_one_part_in_a_million(tmp_path):
    clean = run_nbval(tmp_path, perturb=False)
    assert clean.returncode == 0, clean.stdout[-3000:]
    perturbed = run_nbval(tmp_path, perturb=True)
    assert perturbed.returncode == 1, perturbed.stdout[-3000:]
    assert "cell outputs differ" in perturbed.stdout.lower()
    assert "missing output fields" not in perturbed.stdout.lower(), "the perturbed kernel lost a figure, not a digit"
