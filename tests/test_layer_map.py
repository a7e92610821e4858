"""LayerMap and its arithmetic: PCA, nearest neighbours and the separation score, checked against independent sums.

The widget is driven in Python (its ``layer``, ``pick`` and the messages the
browser would send); tests/browser/test_layer_map.py checks the browser side.
"""

from __future__ import annotations

import itertools

import matplotlib.style
import numpy as np
import pytest
from ipywidgets.widgets.widget import _remove_buffers

import nnbook
from nnbook.widgets.layer_map import (
    DIGIT_COLOURS,
    LayerMap,
    chance_score,
    nearest_neighbours,
    neighbour_score,
    principal_plane,
)
from project_files import load_script


@pytest.fixture(scope="module")
def layer_map():
    return LayerMap()


@pytest.fixture(scope="module")
def digits():
    images, labels = nnbook.load_digits("test")
    return images.reshape(len(images), -1), labels


@pytest.fixture(scope="module")
def layers(digits):
    """Every layer's activations on the test digits, from Network.activations itself."""
    images, _ = digits
    return {"trained": nnbook.pretrained().activations(images),
            "untrained": nnbook.Network(seed=0).activations(images)}


def cloud(seed=0, n=300, d=6):
    """Points that spread unevenly: a different amount in each direction, turned at random."""
    rng = np.random.default_rng(seed)
    turn, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (rng.normal(size=(n, d)) * np.linspace(4.0, 0.5, d)) @ turn + rng.normal(size=d)


def pca_by_covariance(points):
    """The two directions of most spread the textbook way: eigenvectors of the covariance matrix."""
    centred = points - points.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(values)[::-1]
    return vectors[:, order[:2]].T, values[order[:2]].sum() / values.sum()


def brute_force_neighbours(points):
    """For each point, the nearest other point, by a plain loop; ties to the lower index."""
    nearest = []
    for i, p in enumerate(points):
        best, best_distance = None, np.inf
        for j, q in enumerate(points):
            distance = sum((a - b) ** 2 for a, b in zip(p, q))
            if j != i and distance < best_distance:
                best, best_distance = j, distance
        nearest.append(best)
    return nearest


# ---- principal_plane -------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_principal_plane_finds_the_covariance_matrix_s_top_two_eigenvectors(seed):
    points = cloud(seed)
    plane = principal_plane(points)
    directions, share = pca_by_covariance(points)
    for mine, theirs in zip(plane.directions, directions):
        assert abs(mine @ theirs) == pytest.approx(1.0, abs=1e-10), "the same direction, up to sign"
    signs = np.sign(np.sum(plane.directions * directions, axis=1))
    np.testing.assert_allclose(plane.coordinates, (points - points.mean(axis=0)) @ (directions.T * signs),
                               atol=1e-10)
    assert plane.share == pytest.approx(share, rel=1e-10)
    np.testing.assert_allclose(plane.directions @ plane.directions.T, np.eye(2), atol=1e-12)


def test_principal_plane_on_a_real_layer_agrees_with_the_covariance_too(layers):
    hidden = layers["trained"][2]
    plane = principal_plane(hidden)
    directions, share = pca_by_covariance(hidden)
    assert np.abs(np.sum(plane.directions * directions, axis=1)) == pytest.approx([1.0, 1.0], abs=1e-9)
    assert plane.share == pytest.approx(share, rel=1e-9)


def test_numbers_that_never_change_get_no_weight_and_the_rest_is_the_same_pca():
    points = cloud(6, d=4)
    padded = np.c_[np.full(len(points), 0.0), points[:, :2], np.full(len(points), 0.7), points[:, 2:]]
    plane, inner = principal_plane(padded), principal_plane(points)
    assert not plane.directions[:, [0, 3]].any()
    np.testing.assert_allclose(plane.directions[:, [1, 2, 4, 5]], inner.directions, atol=1e-12)
    np.testing.assert_allclose(plane.coordinates, inner.coordinates, atol=1e-10)
    assert plane.share == pytest.approx(inner.share, rel=1e-12)


def test_the_pixels_plane_agrees_with_the_covariance_of_all_784_pixels(layer_map, digits):
    images, _ = digits
    directions, share = pca_by_covariance(images)
    plane = layer_map.planes["trained"][0]
    assert np.abs(np.sum(plane.directions * directions, axis=1)) == pytest.approx([1.0, 1.0], abs=1e-9)
    assert plane.share == pytest.approx(share, rel=1e-9)


def test_the_projected_points_are_centred_on_zero_and_the_centre_is_the_average():
    points = cloud(3)
    plane = principal_plane(points)
    np.testing.assert_allclose(plane.centre, points.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(plane.coordinates.mean(axis=0), [0.0, 0.0], atol=1e-12)
    spread = np.sum((points - points.mean(axis=0)) ** 2)
    assert np.sum(plane.coordinates ** 2) == pytest.approx(plane.share * spread, rel=1e-10)


def test_the_signs_are_fixed_so_the_same_points_give_the_same_picture():
    points = cloud(4)
    plane = principal_plane(points)
    for direction in plane.directions:
        assert direction[np.argmax(np.abs(direction))] > 0, "each direction's largest entry is positive"
    # The cloud upside down, or its points in another order: the same directions, whatever the SVD returns.
    flipped = principal_plane(-points)
    np.testing.assert_allclose(flipped.directions, plane.directions, atol=1e-12)
    np.testing.assert_allclose(flipped.coordinates, -plane.coordinates, atol=1e-10)
    order = np.random.default_rng(0).permutation(len(points))
    shuffled = principal_plane(points[order])
    np.testing.assert_allclose(shuffled.directions, plane.directions, atol=1e-10)
    np.testing.assert_allclose(shuffled.coordinates, plane.coordinates[order], atol=1e-10)


def test_points_that_spread_in_fewer_than_two_directions_get_zeros_there():
    line = principal_plane([[0.0, 1.0], [2.0, 1.0], [4.0, 1.0]])
    assert line.coordinates.tolist() == [[-2.0, 0.0], [0.0, 0.0], [2.0, 0.0]]
    assert line.directions.tolist() == [[1.0, 0.0], [0.0, 0.0]]
    one_number = principal_plane([[1.0], [3.0]])
    assert one_number.coordinates.tolist() == [[-1.0, 0.0], [1.0, 0.0]] and one_number.share == 1.0
    same = principal_plane(np.full((5, 3), 0.25))
    assert not same.coordinates.any() and not same.directions.any() and same.share == 1.0
    single = principal_plane([[0.5, 0.5, 0.5]])
    assert single.coordinates.tolist() == [[0.0, 0.0]]


@pytest.mark.parametrize(("points", "error", "words"), [
    ([1.0, 2.0, 3.0], ValueError, "shaped (n, d)"),
    (np.zeros((0, 3)), ValueError, "shaped (n, d)"),
    (np.zeros((2, 3, 4)), ValueError, "shaped (n, d)"),
    ([[1.0, np.nan]], ValueError, "points"),
    ("points", TypeError, "points"),
])
def test_principal_plane_refuses_what_is_not_a_table_of_numbers(points, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        principal_plane(points)


# ---- nearest neighbours and the scores -----------------------------------------------------------

@pytest.mark.parametrize("dims", [1, 2, 5])
def test_nearest_neighbours_agree_with_a_plain_loop(dims):
    rng = np.random.default_rng(dims)
    points = rng.integers(0, 6, size=(60, dims)).astype(float)  # small whole numbers: many ties and repeats
    assert nearest_neighbours(points).tolist() == brute_force_neighbours(points.tolist())


def test_nearest_neighbours_work_in_blocks_the_same_as_at_once():
    points = np.random.default_rng(5).normal(size=(1500, 2))  # 1,333 rows per block: two blocks
    full = np.sum((points[:, None, :] - points[None, :, :]) ** 2, axis=-1)
    np.fill_diagonal(full, np.inf)
    assert np.array_equal(nearest_neighbours(points), np.argmin(full, axis=1))


def test_the_neighbour_score_on_a_small_case_worked_out_by_hand():
    # 0 and 1 are each other's nearest (labels 3, 3: both match); 5 and 5.5 too (7 and 1: neither); 9's nearest
    # is 5.5 (label 1 against 7: no). 2 of 5.
    assert neighbour_score([[0.0], [1.0], [5.0], [5.5], [9.0]], [3, 3, 7, 1, 7]) == pytest.approx(2 / 5)
    assert neighbour_score([[0.0, 0.0], [0.0, 1.0], [9.0, 9.0], [9.0, 8.0]], [1, 1, 2, 2]) == 1.0


def test_the_chance_score_is_the_average_over_every_shuffle_of_the_labels():
    points = np.array([[0.0], [1.0], [3.0], [3.5], [7.0]])
    labels = [0, 0, 1, 1, 2]
    shuffles = [neighbour_score(points, list(order)) for order in itertools.permutations(labels)]
    assert chance_score(labels) == pytest.approx(np.mean(shuffles))
    assert chance_score(np.repeat(np.arange(10), 50)) == pytest.approx(49 / 499)


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: neighbour_score([[0.0], [1.0]], [1, 2, 3]), ValueError, "one label per image"),
    (lambda: neighbour_score([[0.0]], [1]), ValueError, "at least 2 points"),
    (lambda: neighbour_score([[0.0], [1.0]], [1, 12]), ValueError, "digits 0-9"),
    (lambda: chance_score([4]), ValueError, "at least 2 labels"),
    (lambda: chance_score("12"), TypeError, "labels"),
])
def test_the_scores_refuse_bad_input_with_a_clear_message(call, error, words):
    with pytest.raises(error, match=words):
        call()


# ---- the widget's numbers --------------------------------------------------------------------------

def test_every_layer_s_dots_are_the_pca_of_network_activations(layer_map, layers):
    assert layer_map.layer_names == ("pixels", "layer 1", "layer 2", "outputs")
    for layer in range(4):
        layer_map.layer = layer
        for name in ("trained", "untrained"):
            expected = principal_plane(layers[name][layer])
            np.testing.assert_array_equal(layer_map.coordinates[name], expected.coordinates)
            assert layer_map.planes[name][layer].share == expected.share
    layer_map.layer = 0
    assert np.array_equal(layer_map.coordinates["trained"], layer_map.coordinates["untrained"]), "same pixels"


def test_the_scores_are_the_neighbour_scores_of_the_dots_worked_out_again(layer_map, digits):
    _, labels = digits
    for name in ("trained", "untrained"):
        for layer, score in enumerate(layer_map.scores[name]):
            points = layer_map.planes[name][layer].coordinates
            distances = np.sum((points[:, None, :] - points[None, :, :]) ** 2, axis=-1)
            np.fill_diagonal(distances, np.inf)
            assert score == np.mean(labels[np.argmin(distances, axis=1)] == labels)
    assert layer_map.chance == pytest.approx(chance_score(labels)) and 0.09 < layer_map.chance < 0.11


def test_training_made_the_separation(layer_map):
    """The measured claim: the trained network pulls the digits apart layer by layer, the untrained one does not."""
    trained, untrained = layer_map.scores["trained"], layer_map.scores["untrained"]
    assert trained[0] == untrained[0], "both start from the same pixels"
    assert list(trained) == sorted(trained) and trained[-1] > trained[0], "higher at every trained layer"
    assert untrained[-1] < untrained[0], "the untrained network ends more mixed than the pixels"
    assert all(t > u for t, u in zip(trained[1:], untrained[1:]))
    assert min(untrained) > layer_map.chance, "even at random the neighbours match more often than chance"


def test_the_flat_map_of_the_pixels_looks_more_mixed_than_all_784_numbers_are(layer_map, digits):
    """What the class docstring says about the pixels' map (on the first 500 digits, to keep the test quick)."""
    images, labels = digits
    on_the_map = neighbour_score(layer_map.planes["trained"][0].coordinates[:500], labels[:500])
    in_784_numbers = neighbour_score(images[:500], labels[:500])
    assert in_784_numbers > on_the_map + 0.2


def test_at_the_outputs_the_two_directions_follow_the_output_neurons_of_1_and_7(layer_map):
    """What the class docstring says about the trained network's outputs map."""
    directions = layer_map.planes["trained"][3].directions
    assert np.argmax(np.abs(directions), axis=1).tolist() == [1, 7]
    assert np.all(np.max(np.abs(directions), axis=1) > 0.8)


def test_the_words_shown_say_what_the_numbers_say(layer_map):
    pct = {name: [f"{100 * s:.0f}%" for s in scores] for name, scores in layer_map.scores.items()}
    summary = layer_map._scene["summary"]
    assert f"Trained network, from the pixels to the outputs: {' → '.join(pct['trained'])}, higher at every layer." \
        in summary
    assert f"{' → '.join(pct['untrained'])}, lower at the outputs than at the pixels." in summary
    assert "only their weights differ" in summary
    layer_map.layer = "layer 2"
    caption = layer_map._view["caption"]
    assert f"{pct['trained'][2]} of the 2,000 digits with the trained network and {pct['untrained'][2]} with " \
           "the untrained one" in caption
    assert "about 10%" in caption
    assert layer_map._view["heading"] == "Layer 2: each digit is now the 16 activations of this layer's neurons."
    assert layer_map._scene["scores"] == [[round(100 * s) for s in layer_map.scores[name]]
                                          for name in ("trained", "untrained")]


@pytest.mark.parametrize(("scores", "phrase"), [
    ((0.3, 0.5, 0.7), "30% → 50% → 70%, higher at every layer."),
    ((0.3, 0.6, 0.5), "30% → 60% → 50%, higher at the outputs than at the pixels."),
    ((0.5, 0.4, 0.3), "50% → 40% → 30%, lower at every layer."),
    ((0.5, 0.3, 0.31), "50% → 30% → 31%, lower at the outputs than at the pixels."),
    ((0.5, 0.7, 0.51), "50% → 70% → 51%, about the same at the outputs as at the pixels."),
])
def test_the_trend_claims_no_more_than_the_scores_show(scores, phrase):
    from nnbook.widgets.layer_map import _trend

    assert _trend("trained", scores) == f"Trained network, from the pixels to the outputs: {phrase}"


def test_the_browser_gets_this_layer_s_dots_as_32_bit_floats(layer_map):
    layer_map.layer = 3
    view = layer_map._view
    assert view["layer"] == 3
    for data in view["maps"]:
        points = np.frombuffer(data["points"], dtype="<f4").reshape(-1, 2)
        np.testing.assert_allclose(points, layer_map.coordinates[data["name"]], rtol=1e-6, atol=1e-7)
        # The square shown holds every dot and is no bigger than it must be.
        dots = layer_map.coordinates[data["name"]]
        low, high = np.array(data["middle"]) - data["half"], np.array(data["middle"]) + data["half"]
        assert np.all((dots >= low - 1e-12) & (dots <= high + 1e-12))
        assert data["half"] == pytest.approx(np.max(np.ptp(dots, axis=0)) / 2)
        centres = np.array(data["centres"])
        for digit in range(10):
            mine = layer_map.coordinates[data["name"]][layer_map.labels == digit]
            np.testing.assert_allclose(centres[digit], np.median(mine, axis=0))
    assert np.array_equal(np.frombuffer(layer_map._scene["labels"], dtype=np.uint8), layer_map.labels)
    state, _, buffers = _remove_buffers(layer_map.get_state())
    assert len(buffers) >= 3, "the dots and the labels travel as binary buffers, not as text"


def test_the_layer_can_be_set_by_number_or_by_name_and_nothing_else(layer_map):
    layer_map.layer = "outputs"
    assert layer_map.layer == 3 and layer_map._view["layer"] == 3
    layer_map.layer = np.int64(1)
    assert layer_map.layer == 1 and layer_map._view["heading"].startswith("Layer 1:")
    for bad, error, words in [(4, ValueError, "0 \\(the pixels\\) to 3"), (-1, ValueError, "at least 0"),
                              (1.5, TypeError, "whole number"), (True, TypeError, "whole number"),
                              ("layer 3", ValueError, "unknown layer 'layer 3'")]:
        with pytest.raises(error, match=words):
            layer_map.layer = bad
        assert layer_map.layer == 1, "a refused value changes nothing"


def test_picking_a_dot_shows_its_image_and_each_network_s_answer(layer_map, digits):
    fresh = LayerMap()
    assert fresh.picked is None and fresh._picked == {}
    images, labels = digits
    fresh.pick(17)
    picked = fresh.picked
    assert picked.index == 17 and picked.label == labels[17]
    np.testing.assert_array_equal(picked.image, images[17].reshape(28, 28))
    for name, net in (("trained", nnbook.pretrained()), ("untrained", nnbook.Network(seed=0))):
        np.testing.assert_array_equal(picked.outputs[name], net.forward(images)[17])
        assert picked.answers[name] == net.predict(images[17])
    assert labels[17] != 8, "the text below reads 'a', not 'an'"
    trained_answer = picked.answers["trained"]
    assert picked.text.startswith(f"Test digit 17 is a {labels[17]}. The trained network says {trained_answer}")
    shown = fresh._picked
    assert shown["index"] == 17 and shown["text"] == picked.text
    assert np.frombuffer(shown["image"], dtype=np.uint8).tolist() == np.round(images[17] * 255).astype(int).tolist()
    fresh._pick = -1  # what the browser could send: nothing picked
    assert fresh.picked is None and fresh._picked == {}


def test_a_click_from_the_browser_picks_like_pick_does(layer_map):
    layer_map.set_state({"_pick": 1234})  # how a message from the browser sets the trait
    assert layer_map.picked.index == 1234
    assert layer_map.picked.text.startswith(f"Test digit 1234 is {'an' if layer_map.labels[1234] == 8 else 'a'} ")


@pytest.mark.parametrize(("index", "error", "words"), [
    (2000, ValueError, "0 to 1999"), (-2, ValueError, "0 to 1999"), (3.0, TypeError, "whole number"),
    (True, TypeError, "whole number"), ("3", TypeError, "whole number"),
])
def test_pick_refuses_what_is_not_a_test_digit_s_number(layer_map, index, error, words):
    layer_map.pick(5)
    with pytest.raises(error, match=words):
        layer_map.pick(index)
    assert layer_map.picked.index == 5


def test_the_networks_given_are_not_changed_and_later_changes_do_not_reach_the_map():
    network = nnbook.pretrained()
    before = [W.copy() for W in network.weights]
    layer_map = LayerMap(network)
    assert all(np.array_equal(W, old) for W, old in zip(network.weights, before))
    network.weights[0][:] = 0.0
    assert layer_map.networks["trained"].weights[0].any()
    assert layer_map.scores["trained"] == LayerMap().scores["trained"]


def test_any_network_works_relu_and_other_sizes(digits):
    images, _ = digits
    relu = nnbook.Network((784, 30, 10), activation="relu", seed=2)
    layer_map = LayerMap(relu, names=("ReLU", "random ReLU"))
    assert layer_map.layer_names == ("pixels", "layer 1", "outputs")
    twin = layer_map.networks["random ReLU"]
    assert twin.sizes == (784, 30, 10) and twin.activation == "relu"
    assert np.array_equal(twin.weights[0], nnbook.Network((784, 30, 10), "relu", seed=0).weights[0])
    layer_map.layer = 1
    expected = principal_plane(relu.activations(images)[1])
    np.testing.assert_array_equal(layer_map.coordinates["ReLU"], expected.coordinates)
    assert set(layer_map.scores) == {"ReLU", "random ReLU"} and len(layer_map.scores["ReLU"]) == 3
    mixed = LayerMap(nnbook.pretrained(), nnbook.Network((784, 32, 8, 10), seed=1))
    mixed.layer = 1
    assert mixed._view["heading"] == ("Layer 1: each digit is now the 16 (trained) and 32 (untrained) "
                                      "activations of this layer's neurons.")
    assert "only their weights differ" not in mixed._scene["summary"]


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"network": "pretrained"}, TypeError, "network must be an nnbook.Network, got str"),
    ({"network": nnbook.Network((100, 16, 10))}, ValueError, "784 inputs"),
    ({"network": nnbook.Network((784, 16, 3))}, ValueError, "10 outputs"),
    ({"untrained": nnbook.Network((784, 10))}, ValueError, "same number of layers"),
    ({"untrained": 0}, TypeError, "untrained must be an nnbook.Network"),
    ({"names": "trained"}, TypeError, "pair of two different names"),
    ({"names": ("a", "a")}, ValueError, "pair of two different names"),
    ({"names": ("a", "")}, ValueError, "pair of two different names"),
    ({"names": ("a", "b", "c")}, TypeError, "pair of two different names"),
])
def test_bad_arguments_get_a_clear_error(kwargs, error, words):
    with pytest.raises(error, match=words):
        LayerMap(**kwargs)


def test_a_broken_network_is_refused_by_its_own_check():
    broken = nnbook.Network(seed=0)
    broken.weights[0][0, 0] = np.nan
    with pytest.raises(ValueError, match="weights"):
        LayerMap(broken)


def test_viewers_without_widgets_get_the_numbers_and_where_the_map_moves(layer_map):
    text = layer_map._repr_mimebundle_()[0]["text/plain"]
    assert "moves only in a running notebook" in text
    assert "  trained        39%     64%     75%     87%" in text
    assert layer_map._scene["summary"] in text


def test_the_map_answers_the_browser_s_hello_so_it_knows_a_kernel_is_there(layer_map, monkeypatch):
    sent = []
    monkeypatch.setattr(layer_map, "send", sent.append)
    layer_map._on_front_end_message(layer_map, {"type": "hello"}, [])
    layer_map._on_front_end_message(layer_map, {"type": "other"}, [])
    assert sent == [{"type": "alive"}]


def test_the_ten_colours_are_petroffs_as_matplotlib_has_them():
    assert len(set(DIGIT_COLOURS)) == 10
    style = matplotlib.style.library.get("petroff10")
    if style is None:
        pytest.skip("this matplotlib has no petroff10 style (it came in 3.10)")
    assert [c.lower() for c in style["axes.prop_cycle"].by_key()["color"]] == list(DIGIT_COLOURS)


def test_the_benchmark_s_baselines_draw_the_same_dots_as_the_map(layer_map):
    """benchmarks/bench_layer_map.py compares like with like: its ways show the same numbers."""
    bench = load_script("benchmarks/bench_layer_map.py")
    layer_map.layer = 2
    recomputed = bench.RecomputeWay().maps(2)
    for name, (points, score) in recomputed.items():
        np.testing.assert_array_equal(points, layer_map.coordinates[name])
        assert score == layer_map.scores[name][2]
    png_way = bench.PngWay()
    png_way.change(2)
    for dots, name in zip(png_way.dots, ("trained", "untrained")):
        np.testing.assert_array_equal(dots.get_offsets(), layer_map.coordinates[name])
