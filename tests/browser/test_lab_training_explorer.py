"""The TrainingExplorer in a real JupyterLab in headless Chromium, and in a static HTML export.

In JupyterLab: a small notebook written here shows an explorer and, below
it, another widget that needs the kernel (a slider whose label a Python
callback rewrites). A click on play starts training: the test accuracy shown
climbs within 5 seconds. While it plays, the other widget still gets its
answer from the kernel, and the explorer keeps training. A click on pause
stops it: the steps and the accuracy shown stop changing, and a cell run
afterwards finds the kernel's explorer paused at the step the page shows.

Then, with the learning rate slid to 100, play blows it up: it stops itself,
the page shows train's message and what to change, and the kernel's
explorer is stopped at the (last good) step the page shows.
Last, it plays again and its cell's output is cleared: with nobody to see it,
the kernel's explorer pauses by itself.

In a static export (nbconvert's HTML with the saved widget state, no kernel)
the explorer shows its saved state and a line saying it moves only in a
running notebook. Screenshots: test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
import time

import pytest
from lab_session import notebook_in_lab, run_new_cell, static_export, widget_on

pytestmark = pytest.mark.browser

SETUP = ("from nnbook.widgets.training_explorer import TrainingExplorer\n"
         "explorer = TrainingExplorer()\nexplorer")
OTHER_WIDGET = ("import ipywidgets\n"
                "other = ipywidgets.IntSlider(value=0, min=0, max=50, description='other widget')\n"
                "doubled = ipywidgets.Label('twice: 0')\n"
                "other.observe(lambda change: setattr(doubled, 'value', f\"twice: {2 * change['new']}\"), 'value')\n"
                "ipywidgets.HBox([other, doubled])")
EXPLORER = ".nnbook-training-explorer"
NOTEBOOK = "scratch/training_explorer.ipynb"

# How many frames the page draws in ``ms`` milliseconds: each frame rewrites data-steps.
COUNT_FRAMES = """(el, ms) => new Promise((done) => {
  let frames = 0;
  const watch = new MutationObserver(() => { frames += 1; });
  watch.observe(el, {attributes: true, attributeFilter: ["data-steps"]});
  setTimeout(() => { watch.disconnect(); done(frames); }, ms);
})"""


@pytest.fixture(scope="module")
def page(lab, context):
    with notebook_in_lab(lab, context, NOTEBOOK, SETUP, OTHER_WIDGET) as page:
        yield page


def shown(explorer) -> tuple[int, float, str]:
    """The steps, the test accuracy and the accuracy text the page shows now."""
    accuracy = explorer.locator(".nnbook-te-accuracy")
    return (int(explorer.get_attribute("data-steps")), float(accuracy.get_attribute("data-accuracy")),
            accuracy.inner_text())


def test_it_plays_learns_stays_responsive_and_pauses(page, screenshots):
    explorer = widget_on(page, EXPLORER)
    page.wait_for_function("(el) => el.dataset.live === 'true'", arg=explorer.element_handle(), timeout=30_000)
    other = page.locator(".widget-hslider", has_text="other widget").first
    other.wait_for(timeout=30_000)
    steps, accuracy, text = shown(explorer)
    assert steps == 0 and accuracy < 0.2, f"an untrained network guesses: {text}"
    assert re.fullmatch(r"test accuracy \d+\.\d%", text), text
    explorer.screenshot(path=screenshots / "training-explorer-start.png")

    explorer.locator("button.nnbook-te-play").click()
    started = time.monotonic()
    page.wait_for_function(
        "([el, start]) => Number(el.querySelector('.nnbook-te-accuracy').dataset.accuracy) > start + 0.3",
        arg=[explorer.element_handle(), accuracy], timeout=5_000, polling=50)
    risen = shown(explorer)
    assert risen[0] > 0 and risen[2] != text, "the accuracy text rose"
    print(f"accuracy {text} -> {risen[2]} after {time.monotonic() - started:.2f} s")

    # While it plays, the kernel still answers another widget, and the explorer goes on training.
    twice = page.locator(".widget-label", has_text="twice:").first
    other.locator(".noUi-handle").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("(el) => el.innerText === 'twice: 6'", arg=twice.element_handle(), timeout=5_000,
                           polling=50)
    before = shown(explorer)[0]
    page.wait_for_function("([el, steps]) => Number(el.dataset.steps) > steps",
                           arg=[explorer.element_handle(), before], timeout=5_000, polling=50)
    frames = explorer.evaluate(COUNT_FRAMES, 2_000)
    print(f"the page drew {frames / 2:.1f} frames a second while it played (for the record, not a test)")
    explorer.screenshot(path=screenshots / "training-explorer-playing.png")

    explorer.locator("button.nnbook-te-play").click()
    page.wait_for_function("(el) => el.dataset.playing === 'false'", arg=explorer.element_handle(), timeout=5_000)
    page.wait_for_timeout(500)  # the frame drawn at the pause may still be on its way
    paused = shown(explorer)
    page.wait_for_timeout(1_500)
    assert shown(explorer) == paused, "pause stops it: the steps and the accuracy text stop changing"
    assert explorer.locator("button.nnbook-te-play").inner_text().endswith("Play")
    explorer.screenshot(path=screenshots / "training-explorer-paused.png")

    reply = run_new_cell(page, "print('kernel:', explorer.playing, explorer.steps_done)", "kernel:")
    assert reply.strip() == f"kernel: False {paused[0]}"

    # Far too large a learning rate: it blows up and stops itself, the page says why, and the kernel agrees.
    explorer.locator("input.nnbook-te-rate").focus()
    page.keyboard.press("End")
    page.wait_for_function("(el) => el.querySelector('.nnbook-te-rate + output').innerText === '100'",
                           arg=explorer.element_handle(), timeout=5_000)
    explorer.locator("button.nnbook-te-play").click()
    error = explorer.locator(".nnbook-te-error")
    error.wait_for(state="visible", timeout=30_000)
    page.wait_for_function("(el) => el.dataset.playing === 'false'", arg=explorer.element_handle(), timeout=5_000)
    assert re.match(r"training diverged in epoch \d+: .*Try a smaller learning_rate than 100\.", error.inner_text())
    assert "What to change: pick a smaller learning rate" in error.inner_text()
    explorer.screenshot(path=screenshots / "training-explorer-diverged.png")
    kept = shown(explorer)
    reply = run_new_cell(page, "print('kernel:', explorer.playing, explorer.steps_done, "
                         "type(explorer.error).__name__)", "kernel:")
    assert reply.strip() == f"kernel: False {kept[0]} TrainingDiverged"
    assert not page.evaluate("() => document.body.innerText.includes('Error displaying widget')")

    # Playing, then nobody can see it (its cell's output cleared): it pauses by itself.
    explorer.locator("input.nnbook-te-rate").focus()
    page.keyboard.press("Home")
    explorer.locator("button.nnbook-te-play").click()
    page.wait_for_function("([el, steps]) => Number(el.dataset.steps) > steps",
                           arg=[explorer.element_handle(), kept[0]], timeout=5_000, polling=50)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    # The page tells the kernel its views went in a comm message of its own; on a busy machine that can come
    # after the next cell, so ask again (each cell lets the kernel read the messages waiting) for up to 20 s.
    deadline = time.monotonic() + 20
    while (reply := run_new_cell(page, "print('unseen:', explorer.playing)", "unseen:").strip()) != "unseen: False":
        assert reply == "unseen: True", reply
        assert time.monotonic() < deadline, "the explorer still plays 20 s after its last view went"
        page.wait_for_timeout(500)


def test_a_static_export_shows_the_saved_state_and_says_it_moves_only_when_running(
        browser, missing, screenshots, tmp_path):
    with static_export(browser, missing, tmp_path, SETUP + ".step_epoch()\nexplorer") as page:
        explorer = page.locator(EXPLORER).first
        explorer.wait_for(timeout=60_000)
        steps, accuracy, text = shown(explorer)
        assert steps == 250, "the saved state: one epoch of 250 mini-batches of 32"
        assert 0.7 < accuracy < 0.95, text
        assert abs(float(re.fullmatch(r"test accuracy (\d+\.\d)%", text).group(1)) - 100 * accuracy) <= 0.051
        note = explorer.locator(".nnbook-te-static")
        note.wait_for(state="visible", timeout=10_000)
        assert "moves only in a running notebook" in note.inner_text()
        explorer.scroll_into_view_if_needed()
        explorer.screenshot(path=screenshots / "static-training-explorer.png")
        assert not page.errors, page.errors
