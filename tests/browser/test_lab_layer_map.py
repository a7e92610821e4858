"""The LayerMap in a real JupyterLab in headless Chromium, and in a static HTML export.

In JupyterLab: a small notebook written here shows a LayerMap. A click on a
layer button changes the layer: the heading, the score caption and the two
maps' notes become the ones Python computes for that layer (the same class,
run in this test's own process), the dots are redrawn, and the score table
marks the new layer. ← and → change the layer too. A click on a dot picks
that test digit: its image and the networks' answers show, and a cell run
afterwards finds the kernel's map at the same layer and digit.

In a static export (nbconvert's HTML with the saved widget state, no kernel)
the map shows its saved layer and a line saying it moves only in a running
notebook. Screenshots: test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from lab_session import notebook_in_lab, run_new_cell, static_export, widget_on

from nnbook.widgets.layer_map import LayerMap

pytestmark = pytest.mark.browser

SETUP = "from nnbook.widgets.layer_map import LayerMap\nlayer_map = LayerMap()\nlayer_map"
MAP = ".nnbook-layer-map"
SIZE, MARGIN = 340, 14  # a map's side and margin in CSS pixels, as layer_map.js draws it


@pytest.fixture(scope="module")
def expected():
    """The same map in this process: the words and dots the browser must show."""
    return LayerMap()


@pytest.fixture(scope="module")
def page(lab, context):
    with notebook_in_lab(lab, context, "scratch/layer_map.ipynb", SETUP) as page:
        yield page


def shown(widget) -> dict:
    return {
        "heading": widget.locator(".nnbook-lm-heading").inner_text(),
        "caption": widget.locator(".nnbook-lm-caption").inner_text(),
        "notes": widget.locator(".nnbook-lm-map-note").all_inner_texts(),
        "titles": widget.locator(".nnbook-lm-map-title").all_inner_texts(),
    }


def computed(layer_map: LayerMap, layer: int) -> dict:
    layer_map.layer = layer
    view = layer_map._view
    return {"heading": view["heading"], "caption": view["caption"],
            "notes": [data["note"] for data in view["maps"]], "titles": [data["title"] for data in view["maps"]]}


def wait_for_layer(page, widget, layer: int) -> None:
    """Until the page shows ``layer`` and the dots have finished gliding there."""
    page.wait_for_function("([el, layer]) => el.dataset.layer === layer && el.dataset.drawnLayer === layer",
                           arg=[widget.element_handle(), str(layer)], timeout=15_000, polling=50)


def pictures(widget) -> list[str]:
    return [canvas.evaluate("(c) => c.toDataURL()") for canvas in widget.locator("canvas.nnbook-lm-canvas").all()]


def a_dot_to_click(layer_map: LayerMap, name: str) -> tuple[int, float, float]:
    """A test digit whose dot has no other dot within 4 CSS pixels, and where it is on its map."""
    points = layer_map.coordinates[name]
    frame = layer_map._view["maps"][layer_map.names.index(name)]
    scale = (SIZE / 2 - MARGIN) / frame["half"]
    (mx, my) = frame["middle"]
    screen = np.c_[SIZE / 2 + (points[:, 0] - mx) * scale, SIZE / 2 - (points[:, 1] - my) * scale]
    for index in range(len(screen)):
        others = np.delete(screen, index, axis=0)
        if np.min(np.hypot(*(others - screen[index]).T)) > 4:
            return index, float(screen[index, 0]), float(screen[index, 1])
    raise AssertionError("every dot has a neighbour within 4 pixels")


def test_the_map_changes_layer_on_a_click_and_picks_a_dot(page, expected, screenshots):
    widget = widget_on(page, MAP)
    page.wait_for_function("(el) => el.dataset.live === 'true'", arg=widget.element_handle(), timeout=15_000)
    wait_for_layer(page, widget, 0)
    assert shown(widget) == computed(expected, 0)
    assert widget.locator(".nnbook-lm-layer").all_inner_texts() == ["pixels", "layer 1", "layer 2", "outputs"]
    assert widget.locator(".nnbook-lm-summary").inner_text() == expected._scene["summary"]
    assert widget.locator(".nnbook-lm-key").all_inner_texts() == [str(digit) for digit in range(10)]
    at_pixels = pictures(widget)
    assert at_pixels[0] == at_pixels[1], "both networks read the same pixels: the same map"
    widget.screenshot(path=screenshots / "layer-map-pixels.png")

    widget.locator("button.nnbook-lm-layer", has_text="layer 2").click()
    wait_for_layer(page, widget, 2)
    assert shown(widget) == computed(expected, 2)
    assert re.search(r"for \d+% of the 2,000 digits with the trained network and \d+% with the untrained one",
                     shown(widget)["caption"])
    assert widget.locator("button.nnbook-lm-layer[aria-pressed='true']").inner_text() == "layer 2"
    current = widget.locator(".nnbook-lm-table th.nnbook-lm-current").inner_text()
    assert current == "layer 2", "the score table marks the layer shown"
    at_layer_2 = pictures(widget)
    assert at_layer_2[0] != at_pixels[0] and at_layer_2[1] != at_pixels[1], "both maps were redrawn"
    assert at_layer_2[0] != at_layer_2[1], "the trained and the untrained network's maps differ"
    widget.screenshot(path=screenshots / "layer-map-layer-2.png")

    # Keys, once the map has the focus: → to the outputs, ← back to layer 2.
    widget.locator(".nnbook-lm-caption").click()
    page.keyboard.press("ArrowRight")
    wait_for_layer(page, widget, 3)
    assert shown(widget) == computed(expected, 3)
    page.keyboard.press("ArrowLeft")
    wait_for_layer(page, widget, 2)

    expected.layer = 2
    index, x, y = a_dot_to_click(expected, "trained")
    canvas = widget.locator("canvas.nnbook-lm-canvas").first
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + x * box["width"] / SIZE, box["y"] + y * box["height"] / SIZE)
    page.wait_for_function("([el, index]) => el.dataset.picked === index",
                           arg=[widget.element_handle(), str(index)], timeout=15_000, polling=50)
    expected.pick(index)
    assert widget.locator(".nnbook-lm-picked").inner_text() == expected.picked.text
    brightest = widget.locator("canvas.nnbook-lm-picture").evaluate(
        "(c) => Math.max(...c.getContext('2d').getImageData(0, 0, 28, 28).data.filter((_, i) => i % 4 === 0))")
    assert brightest == round(255 * expected.picked.image.max()), "the picked digit's image shows"
    widget.screenshot(path=screenshots / "layer-map-picked.png")

    reply = run_new_cell(page, "print('kernel:', layer_map.layer, layer_map.picked.index)", "kernel:")
    assert reply.strip() == f"kernel: 2 {index}"

    # Without a mouse: type a test digit's number.
    widget.locator("input.nnbook-lm-number").fill("1234")
    widget.locator("input.nnbook-lm-number").press("Enter")
    page.wait_for_function("(el) => el.dataset.picked === '1234'", arg=widget.element_handle(), timeout=15_000)
    expected.pick(1234)
    assert widget.locator(".nnbook-lm-picked").inner_text() == expected.picked.text
    assert not page.evaluate("() => document.body.innerText.includes('Error displaying widget')")


def test_a_static_export_shows_the_saved_layer_and_says_it_moves_only_when_running(
        browser, missing, screenshots, tmp_path):
    with static_export(browser, missing, tmp_path, SETUP + ".layer = 3\nlayer_map") as page:
        widget = page.locator(MAP).first
        widget.wait_for(timeout=60_000)
        saved = LayerMap()
        assert shown(widget) == computed(saved, 3)
        note = widget.locator(".nnbook-lm-static")
        note.wait_for(state="visible", timeout=10_000)
        assert "moves only in a running notebook" in note.inner_text()
        page.wait_for_function("(el) => el.dataset.drawnLayer === '3'", arg=widget.element_handle())
        widget.scroll_into_view_if_needed()
        widget.screenshot(path=screenshots / "static-layer-map.png")
