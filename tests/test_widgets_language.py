"""The widgets speak Dutch after nnbook.set_language("nl") (issue 16): their texts in Python and in the browser.

The browser's words come from Python (each widget's ``_texts``, made with
``tr`` when the widget is made), so checking what Python sends checks what
the page shows; tests/test_language.py makes sure the JavaScript shows no
word of its own. Every test switches back to English afterwards.
"""

from __future__ import annotations

import numpy as np
import pytest

import nnbook
from nnbook.widgets import (
    DigitCanvas,
    ForwardPassStepper,
    LayerMap,
    NetworkExplorer,
    NetworkLab,
    NeuronExplorer,
    TrainingExplorer,
)
from nnbook.widgets._display import count, no_widgets

ONE = [[[0.5, 0.2], [0.5, 0.8]]]


@pytest.fixture
def dutch():
    nnbook.set_language("nl")
    yield
    nnbook.set_language("en")


def plain_text(widget) -> str:
    data, _ = widget._repr_mimebundle_()
    return data["text/plain"]


def test_the_shared_fallback_and_numbers_are_dutch(dutch):
    assert no_widgets().startswith("Je leest deze tekst omdat deze viewer geen interactieve widgets kan tonen.")
    assert (count(8000), count(13002), count(2000)) == ("8000", "13 002", "2000")


def test_numbers_stay_english_in_english():
    assert (count(8000), count(13002)) == ("8,000", "13,002")


def test_the_digit_canvas_is_dutch(dutch):
    canvas = DigitCanvas(strokes=ONE)
    assert canvas._texts["clear"] == "Wissen"
    assert canvas._texts["caption"] == "wat het netwerk ziet (28×28)"
    assert plain_text(canvas).startswith("DigitCanvas(1 lijn): een tekenvlak om een cijfer op te tekenen")


def test_the_digit_canvas_is_english_by_default():
    assert DigitCanvas()._texts["clear"] == "Clear"


def test_the_network_explorer_is_dutch(dutch):
    explorer = NetworkExplorer()
    assert explorer.picker.description == "testcijfer"
    assert "Dit testcijfer is een 6. Het netwerk zegt: <b>6</b> (✓ goed)." in explorer._verdict.value
    assert ">cijfer</th>" in explorer._verdict.value and ">uitvoer</th>" in explorer._verdict.value


def test_the_neuron_explorer_is_dutch(dutch):
    explorer = NeuronExplorer(weights=2.0, bias=-1.0)
    assert explorer.sliders["weight"].description == "gewicht w"
    assert "activering σ(z)" in explorer._equation.value
    assert plain_text(explorer).startswith("NeuronExplorer(1 invoer, weight=2, bias=-1, input=1): één neuron met")


def test_the_forward_pass_stepper_is_dutch(dutch):
    stepper = ForwardPassStepper(digit=0)
    assert stepper.state.caption.startswith("Testcijfer 0, een 6, gaat erin: de 784 pixels zijn a(0)")
    stepper.step = 1
    assert stepper.state.caption.startswith("Neuron 0 van laag 1: rij 0 van W(1) keer de 784 pixels geeft ")
    assert stepper._texts["counter"] == "stap {step} van {n}"
    assert stepper._texts["play"] == "▶ afspelen"
    assert stepper._scene["names"] == ["invoer", "laag 1", "laag 2", "uitvoer"]
    stepper.step = stepper.n_steps
    assert stepper.state.caption.endswith("dus het netwerk leest een 6. Testcijfer 0 is een 6: goed.")


def test_the_layer_map_is_dutch(dutch):
    layer_map = LayerMap()
    assert layer_map._scene["layers"] == ["pixels", "laag 1", "laag 2", "uitvoer"]
    assert layer_map._scene["texts"]["nothing_picked"] == "Nog geen cijfer gekozen."
    assert layer_map._scene["summary"].startswith("Het getrainde netwerk, van de pixels naar de uitvoer: ")
    layer_map.layer = 2
    assert layer_map._view["heading"] == "Laag 2: elk cijfer is nu de 16 activeringen van de neuronen in deze laag."
    assert layer_map._view["maps"][0]["title"] == "het getrainde netwerk: 16 getallen per cijfer"
    assert layer_map.layer_names == ("pixels", "layer 1", "layer 2", "outputs"), "the names Python takes stay"
    layer_map.pick(0)
    assert layer_map.picked.text.startswith("Testcijfer 0 is een 6. Het getrainde netwerk zegt 6 (✓ goed). "
                                            "Het ongetrainde netwerk zegt ")


def test_the_network_lab_is_dutch(dutch):
    lab = NetworkLab()
    assert lab.controls["off"].description == "uitschakelen"
    lab.switch_off(1, 0)
    assert lab.changes == ["laag 1, neuron 0 uitgeschakeld"]
    assert lab.controls["off"].description == "uitgeschakeld"
    assert "van de 2000 testcijfers goed" in lab._score_text.value
    assert plain_text(lab).startswith("NetworkLab(")
    assert "testcijfers goed, 1 verandering): het getrainde netwerk met zijn knoppen" in plain_text(lab)


def test_the_training_explorer_is_dutch(dutch):
    explorer = TrainingExplorer()
    assert explorer._texts["play"] == "▶ Afspelen"
    assert explorer._texts["sigmoid"] == "sigmoïde"
    assert explorer._readout["images_text"] == "8000"
    assert "leersnelheid 3" in repr(explorer)
    assert "kijk hoe een netwerk leert van de 8000 trainingscijfers" in plain_text(explorer)
    assert np.isfinite(explorer._readout["cost"])
