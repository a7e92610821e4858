"""nnbook.brain: notebook 02's picture of a nerve cell beside a network's neuron, checked part by part."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba

import nnbook
from nnbook import brain
from nnbook.figures import ACTIVATION_CMAP


@pytest.fixture(scope="module")
def figure():
    fig = brain.show_neuron_analogy()
    yield fig
    plt.close(fig)


def artists(ax, prefix):
    """The lines and patches of ``ax`` whose gid starts with ``prefix``, in drawing order."""
    found = [artist for artist in [*ax.lines, *ax.patches] if (artist.get_gid() or "").startswith(prefix)]
    return sorted(found, key=lambda artist: artist.get_gid())


def texts(ax):
    return [" ".join(text.get_text().split()) for text in ax.texts]


def test_two_panels_a_nerve_cell_and_a_network_neuron(figure):
    brain_ax, network_ax = figure.axes
    assert brain_ax.get_title() == "a neuron in your brain"
    assert network_ax.get_title() == "a neuron in the network"


def test_the_nerve_cell_has_dendrites_a_cell_body_and_an_axon_labelled(figure):
    ax = figure.axes[0]
    assert len(artists(ax, "dendrite-")) == brain.DENDRITES
    assert len(artists(ax, "signal-in-")) == brain.DENDRITES, "one arrow of incoming signal per dendrite"
    assert len(artists(ax, "cell-body")) == 1
    assert len(artists(ax, "axon")) == 1
    assert len(artists(ax, "signal-out")) == 1
    assert texts(ax) == [" ".join(label.split()) for label in brain.brain_labels()]
    # Signals flow from left to right: the dendrites are left of the cell body, the axon right of it.
    body = artists(ax, "cell-body")[0].center[0]
    assert all(max(line.get_xdata()) <= body for line in artists(ax, "dendrite-"))
    assert min(artists(ax, "axon")[0].get_xdata()) >= body


def test_the_network_neuron_has_one_weighted_line_per_input(figure):
    ax = figure.axes[1]
    lines, inputs = artists(ax, "weight-"), artists(ax, "input-")
    assert len(lines) == len(inputs) == len(brain.WEIGHTS) == len(brain.INPUT_ACTIVATIONS) == 5
    grey = plt.get_cmap(ACTIVATION_CMAP)
    for circle, activation in zip(inputs, brain.INPUT_ACTIVATIONS):
        assert circle.get_facecolor() == pytest.approx(to_rgba(grey(activation)))
    for line, weight in zip(lines, brain.WEIGHTS):
        red, _, blue, _ = to_rgba(line.get_color())
        assert (blue > red) == (weight > 0), "blue for a positive weight, red for a negative one"
    widths = [line.get_linewidth() for line in lines]
    assert np.argmax(widths) == np.argmax(np.abs(brain.WEIGHTS)), "the largest weight is the thickest line"
    assert np.argmin(widths) == np.argmin(np.abs(brain.WEIGHTS))
    node = artists(ax, "neuron")[0]
    assert all(line.get_xdata()[-1] == node.center[0] for line in lines), "every line ends at the neuron"
    assert len(artists(ax, "to-next-layer")) == 1
    for label in (*brain.network_labels(), "to the next layer"):
        assert " ".join(label.split()) in texts(ax)
    assert "weights (notebook 03): how much each input counts" in texts(ax), (
        "the picture names weights one notebook before 03 explains them: it says what they are, and where")


def test_the_network_neuron_holds_one_number_worked_out_from_the_layer_before(figure):
    weighted_sum = sum(w * a for w, a in zip(brain.WEIGHTS, brain.INPUT_ACTIVATIONS)) + brain.BIAS
    expected = 1 / (1 + math.exp(-weighted_sum))
    assert brain.network_neuron_activation() == pytest.approx(expected)
    assert 0 < expected < 1
    ax = figure.axes[1]
    [value] = [text for text in ax.texts if text.get_gid() == "activation"]
    assert value.get_text() == f"{expected:.2f}" == "0.79"
    node = artists(ax, "neuron")[0]
    assert node.get_facecolor() == pytest.approx(to_rgba(plt.get_cmap(ACTIVATION_CMAP)(expected)))


def test_notebook_02s_core_draws_the_picture():
    from notebook_code import load_notebook

    core = ["".join(cell["source"]) for cell in load_notebook("02")["cells"]
            if cell["cell_type"] == "code" and "extension" not in cell["metadata"].get("tags", [])]
    assert any("brain.show_neuron_analogy()" in source for source in core)


def test_the_labels_speak_dutch_after_set_language():
    nnbook.set_language("nl")
    try:
        fig = brain.show_neuron_analogy()
        assert fig.axes[0].get_title() == "een neuron in je hersenen"
        assert "naar de volgende laag" in texts(fig.axes[1])
    finally:
        nnbook.set_language("en")
        plt.close(fig)
