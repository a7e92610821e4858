"""The ForwardPassStepper in a real JupyterLab in headless Chromium, and in a static HTML export.

In JupyterLab: a small notebook written here shows a stepper for test digit
0. A click on "forward", the arrow keys, space (play, then pause), a jump
button and the End key each move it, and after each the caption shown is
the one Python computes for that step (the same class, run in this test's
own process): the numbers in the browser are the real ones. A cell run
afterwards checks that the kernel's stepper is at the step the page shows.

In a static export (nbconvert's HTML with the saved widget state, no kernel)
the stepper shows its saved step and a line saying it moves only in a
running notebook. Screenshots: test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from lab_session import notebook_in_lab, run_new_cell, static_export, widget_on

from nnbook.widgets.forward_pass_stepper import ForwardPassStepper

pytestmark = pytest.mark.browser

SETUP = ("from nnbook.widgets.forward_pass_stepper import ForwardPassStepper\n"
         "stepper = ForwardPassStepper(digit=0)\nstepper")
SMALL = ("import nnbook\n"
         "small = ForwardPassStepper(nnbook.Network((3, 2, 2), activation='relu', seed=1), digit=[0.1, 0.5, 1.0])\n"
         "small")
STEPPER = ".nnbook-forward-pass-stepper"


@pytest.fixture(scope="module")
def expected():
    """The same stepper in this process: the captions the browser must show."""
    stepper = ForwardPassStepper(digit=0)

    def caption(step: int) -> str:
        stepper.step = step
        return stepper.state.caption

    return caption


@pytest.fixture(scope="module")
def page(lab, context):
    with notebook_in_lab(lab, context, "scratch/forward_pass_stepper.ipynb", SETUP, SMALL) as page:
        yield page


def shown(stepper, n_steps=49) -> tuple[int, str]:
    """The step the page shows (from its counter) and its caption."""
    counter = stepper.locator(".nnbook-fps-counter").inner_text()
    step = int(re.fullmatch(rf"step (\d+) of {n_steps}", counter).group(1))
    return step, stepper.locator(".nnbook-fps-caption").inner_text()


def wait_for_step(page, stepper, step: int) -> None:
    page.wait_for_function("([el, step]) => el.dataset.step === String(step)",
                           arg=[stepper.element_handle(), step], timeout=15_000, polling=50)


def test_the_stepper_moves_on_a_click_and_on_the_keys(page, expected, screenshots):
    stepper = widget_on(page, STEPPER)
    page.wait_for_function("(el) => el.dataset.live === 'true'", arg=stepper.element_handle(), timeout=15_000)
    assert shown(stepper) == (0, expected(0))
    assert "Test digit 0, a 6, goes in" in expected(0)

    stepper.locator("button.nnbook-fps-forward").click()
    wait_for_step(page, stepper, 1)
    assert shown(stepper) == (1, expected(1))
    assert re.search(r"Neuron 0 of layer 1: row 0 of W\(1\) times the 784 pixels gives -?\d+\.\d\d", expected(1))
    sums = stepper.locator(".nnbook-fps-table .nnbook-fps-sum")
    assert sums.nth(0).inner_text() == re.search(r"gives (-?\d+\.\d\d)", expected(1)).group(1)
    assert sums.nth(1).inner_text() == "·", "neuron 1's sum is not worked out yet"

    # The keys work once the stepper has the focus (a click on it gives it).
    stepper.locator(".nnbook-fps-caption").click()
    page.keyboard.press("ArrowRight")
    wait_for_step(page, stepper, 2)
    assert shown(stepper) == (2, expected(2))
    assert sums.nth(1).inner_text() != "·"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    wait_for_step(page, stepper, 2)
    page.wait_for_timeout(300)
    assert shown(stepper) == (2, expected(2)), "→ then ← comes back to the same step"
    stepper.screenshot(path=screenshots / "forward-pass-stepper-row.png")

    page.keyboard.press(" ")
    page.wait_for_function("(el) => Number(el.dataset.step) >= 4", arg=stepper.element_handle(), timeout=10_000)
    assert stepper.locator("button.nnbook-fps-play").inner_text().endswith("pause")
    page.keyboard.press(" ")
    page.wait_for_function("(el) => el.querySelector('.nnbook-fps-play').innerText.endsWith('play')",
                           arg=stepper.element_handle())
    paused_at = shown(stepper)[0]
    page.wait_for_timeout(1500)
    step, caption = shown(stepper)
    assert step == paused_at, "pause stops the steps"
    assert caption == expected(step)
    # Space on a focused button plays or pauses too, once: the button's own click on space is held back.
    play = stepper.locator("button.nnbook-fps-play")
    play.focus()
    page.keyboard.press(" ")
    page.wait_for_timeout(400)
    assert play.inner_text().endswith("pause"), "one press of space, one toggle"
    page.keyboard.press(" ")
    page.wait_for_function("(button) => button.innerText.endsWith('play')", arg=play.element_handle())

    stepper.locator("button.nnbook-fps-jump", has_text="outputs").click()
    wait_for_step(page, stepper, 37)
    assert shown(stepper) == (37, expected(37))
    assert expected(37).startswith("Output neuron 0 (digit 0): row 0 of W(3)")

    # Back from layer 2's first row: σ, then + b, of layer 1.
    stepper.locator("button.nnbook-fps-jump", has_text="layer 2").click()
    wait_for_step(page, stepper, 19)
    assert shown(stepper) == (19, expected(19))
    stepper.screenshot(path=screenshots / "forward-pass-stepper-layer-2.png")
    page.keyboard.press("ArrowLeft")
    wait_for_step(page, stepper, 18)
    assert shown(stepper) == (18, expected(18)) and expected(18).startswith("σ squishes")
    stepper.screenshot(path=screenshots / "forward-pass-stepper-sigmoid.png")
    page.keyboard.press("ArrowLeft")
    wait_for_step(page, stepper, 17)
    assert shown(stepper) == (17, expected(17)) and expected(17).startswith("+ b")
    stepper.screenshot(path=screenshots / "forward-pass-stepper-bias.png")

    page.keyboard.press("End")
    wait_for_step(page, stepper, 49)
    assert shown(stepper) == (49, expected(49))
    assert stepper.locator(".nnbook-fps-answer").get_attribute("data-answer") == "6"
    stepper.screenshot(path=screenshots / "forward-pass-stepper-answer.png")

    stepper.locator("button.nnbook-fps-back").click()
    wait_for_step(page, stepper, 48)
    reply = run_new_cell(page, "print('kernel at step', stepper.step, stepper.state.kind)", "kernel at step")
    assert reply.strip() == "kernel at step 48 activation"
    assert not page.evaluate("() => document.body.innerText.includes('Error displaying widget')")


def test_a_small_relu_network_steps_too(page, screenshots):
    import nnbook

    expected = ForwardPassStepper(nnbook.Network((3, 2, 2), activation="relu", seed=1), digit=[0.1, 0.5, 1.0])
    small = page.locator(STEPPER).nth(1)
    small.wait_for(timeout=60_000)
    small.scroll_into_view_if_needed()
    assert shown(small, 9) == (0, expected.state.caption)
    for step in range(1, 5):
        small.locator("button.nnbook-fps-forward").click()
        wait_for_step(page, small, step)
        expected.step = step
        assert shown(small, 9) == (step, expected.state.caption)
    assert expected.state.caption.startswith("ReLU keeps each positive sum")
    small.screenshot(path=screenshots / "forward-pass-stepper-small-relu.png")
    small.locator("button.nnbook-fps-jump", has_text="outputs").click()
    wait_for_step(page, small, 5)
    small.locator(".nnbook-fps-caption").click()
    page.keyboard.press("End")
    wait_for_step(page, small, 9)
    expected.step = 9
    assert shown(small, 9) == (9, expected.state.caption)
    small.screenshot(path=screenshots / "forward-pass-stepper-small-answer.png")


def test_a_static_export_shows_the_saved_step_and_says_it_moves_only_when_running(
        browser, missing, screenshots, tmp_path):
    with static_export(browser, missing, tmp_path, SETUP + ".step = 12\nstepper") as page:
        stepper = page.locator(STEPPER).first
        stepper.wait_for(timeout=60_000)
        saved = ForwardPassStepper(digit=0)
        saved.step = 12
        assert stepper.locator(".nnbook-fps-caption").inner_text() == saved.state.caption
        assert stepper.locator(".nnbook-fps-counter").inner_text() == "step 12 of 49"
        note = stepper.locator(".nnbook-fps-static")
        note.wait_for(state="visible", timeout=10_000)
        assert "moves only in a running notebook" in note.inner_text()
        stepper.scroll_into_view_if_needed()
        stepper.screenshot(path=screenshots / "static-forward-pass-stepper.png")
