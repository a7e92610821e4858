"""The NetworkLab in a real JupyterLab in headless Chromium, and in a static HTML export.

In JupyterLab: a small notebook written here shows a lab over the trained
network. A click on "switch off" (the first neuron of layer 1), then on the
output layer's neuron for 0, each changes the accuracy shown to the number a
lab in this test's own process gives for the same change; "restore the
trained network" brings back the trained network's count. A cell run
afterwards checks that the kernel's lab agrees with the page.

In a static export (nbconvert's HTML with the saved widget state, no
kernel) the lab shows its saved picture and accuracy, and a line saying it
moves only in a running notebook. Screenshots: test-artifacts/screenshots/.
"""

from __future__ import annotations

import pytest
from lab_session import notebook_in_lab, run_new_cell, static_export, widget_on

from nnbook.widgets.network_lab import NetworkLab

pytestmark = pytest.mark.browser

SETUP = "from nnbook.widgets.network_lab import NetworkLab\nnetwork_lab = NetworkLab()\nnetwork_lab"
LAB = ".nnbook-network-lab"


@pytest.fixture(scope="module")
def page(lab, context):
    with notebook_in_lab(lab, context, "scratch/network_lab.ipynb", SETUP) as page:
        yield page


def shown_right(widget) -> int:
    """How many test digits the page says the network gets right."""
    return int(widget.locator(".nnbook-lab-accuracy").get_attribute("data-right"))


def wait_for_right(page, widget, right: int) -> None:
    page.wait_for_function("([el, right]) => { const a = el.querySelector('.nnbook-lab-accuracy');"
                           " return a !== null && a.dataset.right === String(right); }",
                           arg=[widget.element_handle(), right], timeout=15_000, polling=50)


def test_switching_a_neuron_off_changes_the_accuracy_and_restore_brings_it_back(page, screenshots):
    expected = NetworkLab()
    trained = round(expected.trained_accuracy * 2000)
    expected.switch_off(1, 0)
    without_first = round(expected.accuracy * 2000)
    expected.switch_off(3, 0)
    without_both = round(expected.accuracy * 2000)
    assert trained != without_first != without_both

    widget = widget_on(page, LAB)
    wait_for_right(page, widget, trained)
    accuracy = widget.locator(".nnbook-lab-accuracy")
    assert accuracy.inner_text().startswith(f"{trained:,} of the 2,000 test digits right")
    picture = widget.locator("img").first
    before = picture.get_attribute("src")
    note = widget.locator(".nnbook-lab-static-note")
    page.wait_for_function("(el) => el.dataset.live === 'true'", arg=note.element_handle(), timeout=15_000)
    assert not note.is_visible(), "with a kernel, no note about saved notebooks"

    switch = widget.locator(".nnbook-lab-off")
    switch.click()
    wait_for_right(page, widget, without_first)
    assert shown_right(widget) == without_first
    assert "switched off" in switch.inner_text()
    assert "layer 1, neuron 0 switched off" in widget.locator(".nnbook-lab-score").inner_text()
    page.wait_for_function("([img, old]) => img.getAttribute('src') !== old",
                           arg=[picture.element_handle(), before], timeout=15_000)

    # Another neuron: the output neuron for 0, picked with the layer menu (the neuron slider stays at 0).
    widget.locator(".nnbook-lab-layer select").select_option(label="3 (outputs)")
    page.wait_for_function("(el) => el.innerText.includes('output neuron 0')",
                           arg=widget.locator(".nnbook-lab-neuron-text").element_handle(), timeout=15_000)
    assert "switch off" == switch.inner_text().strip(), "the output neuron for 0 is still on"
    before = picture.get_attribute("src")
    switch.click()
    wait_for_right(page, widget, without_both)
    page.wait_for_function("([img, old]) => img.getAttribute('src') !== old",
                           arg=[picture.element_handle(), before], timeout=15_000)
    widget.screenshot(path=screenshots / "network-lab-switched-off.png")

    widget.locator(".nnbook-lab-restore").click()
    wait_for_right(page, widget, trained)
    assert "Nothing changed: this is the trained network." in widget.locator(".nnbook-lab-score").inner_text()
    assert switch.inner_text().strip() == "switch off"
    widget.screenshot(path=screenshots / "network-lab-restored.png")

    reply = run_new_cell(page, "print('kernel:', round(network_lab.accuracy * 2000), network_lab.changes, "
                         "network_lab.selected)", "kernel:")
    assert reply.strip() == f"kernel: {trained} [] (3, 0)"
    assert not page.evaluate("() => document.body.innerText.includes('Error displaying widget')")


def test_a_static_export_shows_the_saved_lab_and_says_it_moves_only_when_running(
        browser, missing, screenshots, tmp_path):
    saved = NetworkLab()
    saved.switch_off(1, 0)
    with static_export(browser, missing, tmp_path, SETUP + ".switch_off(1, 0)\nnetwork_lab") as page:
        widget = page.locator(LAB).first
        widget.wait_for(timeout=60_000)
        assert shown_right(widget) == round(saved.accuracy * 2000)
        picture = widget.locator("img").first
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 300", arg=picture.element_handle())
        note = widget.locator(".nnbook-lab-static-note")
        note.wait_for(state="visible", timeout=10_000)
        assert "moves only in a running notebook" in note.inner_text()
        widget.scroll_into_view_if_needed()
        widget.screenshot(path=screenshots / "static-network-lab.png")
