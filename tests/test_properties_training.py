"""Generated tests for the trainer: bad input is named, and the arithmetic is plain backpropagation.

Hypothesis draws small networks and data, and bad values for one argument
at a time. The reference it checks against is backpropagation written the
plain way, one image at a time with column vectors, as in Nielsen's
``network.py``: no batching, no flat parameter array, no folded constants.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnbook
from nnbook.activations import relu, relu_slope, sigmoid, sigmoid_slope
from nnbook.training import average_cost, backprop, gradient_sizes, train

FAST = settings(derandomize=True, max_examples=100, deadline=None)


# --- small random problems ------------------------------------------------------------------------


@st.composite
def problems(draw):
    """A small network with random biases, a few images for it, their labels, and its cost."""
    # At least 2 inputs: for a 1-input network a (1, 1) array reads as one 1×1 image, not a batch of one.
    sizes = (draw(st.integers(2, 5)), *draw(st.lists(st.integers(1, 5), min_size=1, max_size=3)))
    activation = draw(st.sampled_from(["sigmoid", "relu"]))
    seed = draw(st.integers(0, 2**32 - 1))
    n = draw(st.integers(1, 6))
    rng = np.random.default_rng(seed)
    net = nnbook.Network(sizes, activation=activation, seed=seed)
    net.biases = [rng.normal(0.0, 0.5, size=b.shape) for b in net.biases]
    images = rng.uniform(0.0, 1.0, size=(n, sizes[0]))
    labels = rng.integers(0, sizes[-1], size=n)
    return net, images, labels, draw(st.sampled_from(["quadratic", "cross-entropy"]))


def reference_gradients(net, images, labels, cost):
    """∂C/∂W and ∂C/∂b of the average cost, one image at a time, as column vectors."""
    hidden = relu if net.activation == "relu" else sigmoid
    hidden_slope = relu_slope if net.activation == "relu" else sigmoid_slope
    total_w = [np.zeros_like(W) for W in net.weights]
    total_b = [np.zeros((len(b), 1)) for b in net.biases]
    for image, label in zip(images, labels):
        a = image.reshape(-1, 1)
        wanted = np.zeros((net.sizes[-1], 1))
        wanted[label] = 1.0
        activations, zs = [a], []
        for layer, (W, b) in enumerate(zip(net.weights, net.biases)):
            z = W @ a + b.reshape(-1, 1)
            a = sigmoid(z) if layer == len(net.weights) - 1 else hidden(z)
            zs.append(z)
            activations.append(a)
        if cost == "quadratic":  # C = Σ (a - y)²
            delta = 2.0 * (a - wanted) * sigmoid_slope(zs[-1])
        else:  # C = -Σ [y ln a + (1 - y) ln(1 - a)]
            delta = a - wanted
        for layer in range(len(net.weights) - 1, -1, -1):
            total_w[layer] += delta @ activations[layer].T
            total_b[layer] += delta
            if layer > 0:
                delta = (net.weights[layer].T @ delta) * hidden_slope(zs[layer - 1])
    n = len(images)
    return [g / n for g in total_w], [g.ravel() / n for g in total_b]


def assert_close(mine, theirs):
    for a, b in zip(mine, theirs):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-13)


@FAST
@given(problems())
def test_backprop_agrees_with_plain_backpropagation_one_image_at_a_time(problem):
    net, images, labels, cost = problem
    weight_grads, bias_grads = backprop(net, images, labels, cost=cost)
    reference_w, reference_b = reference_gradients(net, images, labels, cost)
    assert_close(weight_grads + bias_grads, reference_w + reference_b)
    np.testing.assert_allclose(gradient_sizes(net, images, labels, cost=cost),
                               [np.mean(np.abs(g)) for g in reference_w], rtol=1e-9, atol=1e-15)


@FAST
@given(problems(), st.integers(1, 7), st.floats(0.01, 5.0), st.integers(0, 2**32 - 1))
def test_one_float64_epoch_is_plain_gradient_descent(problem, batch_size, learning_rate, seed):
    net, images, labels, cost = problem
    reference = net.copy()
    order = np.random.default_rng(seed).permutation(len(images))  # train's shuffle for this seed
    for first in range(0, len(images), batch_size):
        batch = order[first:first + batch_size]
        grads_w, grads_b = reference_gradients(reference, images[batch], labels[batch], cost)
        reference.weights = [W - learning_rate * g for W, g in zip(reference.weights, grads_w)]
        reference.biases = [b - learning_rate * g for b, g in zip(reference.biases, grads_b)]
    history = train(net, images, labels, epochs=1, batch_size=batch_size, learning_rate=learning_rate, seed=seed,
                    progress=False, cost=cost, dtype="float64")
    assert_close(net.weights + net.biases, reference.weights + reference.biases)
    assert history.cost[0] == pytest.approx(average_cost(reference, images, labels, cost=cost), rel=1e-9, abs=1e-13)


# --- bad input --------------------------------------------------------------------------------------


def not_a_whole_number():
    return st.one_of(st.floats(allow_nan=True), st.text(max_size=3), st.none(), st.booleans(),
                     st.just([1]), st.just(np.float64(2.0)), st.just(1 + 2j))


BAD_SETTINGS = {
    "epochs": st.one_of(st.integers(max_value=0), not_a_whole_number()),
    "batch_size": st.one_of(st.integers(max_value=0), not_a_whole_number()),
    "learning_rate": st.one_of(st.floats(max_value=0.0), st.just(math.nan), st.just(math.inf),
                               st.integers(max_value=0), st.just(10**400), st.just(-(10**400)),
                               st.text(max_size=3), st.none(), st.booleans(), st.just(1 + 2j), st.just([0.5])),
    "seed": st.one_of(st.integers(max_value=-1), st.floats(), st.text(max_size=3), st.none(), st.booleans(),
                      st.just([0])),
    "cost": st.one_of(st.text(max_size=12).filter(lambda s: s not in ("quadratic", "cross-entropy")),
                      st.none(), st.integers(), st.just(np.float64)),
    "dtype": st.one_of(st.text(max_size=8).filter(lambda s: s not in ("float32", "float64")),
                       st.none(), st.just(np.float32), st.just(np.dtype("float64")), st.integers()),
    "progress": st.one_of(st.integers(), st.floats(), st.text(max_size=3), st.just(np.False_), st.just(np.True_),
                          st.just([])),
    "test": st.one_of(st.none().map(lambda _: np.zeros((3, 4))), st.just((np.zeros((2, 4)),)),
                      st.just((np.zeros((2, 4)), [0], [0])), st.just("test"), st.integers(),
                      st.just((np.zeros((2, 4)), [0, 5])), st.just((np.full((2, 4), np.nan), [0, 1])),
                      st.just((np.zeros((2, 5)), [0, 1])), st.just(([[2.0] * 4] * 2, [0, 1]))),
}


def bad_images(n_inputs=4):
    shapes = st.lists(st.integers(0, 5), min_size=0, max_size=3).map(tuple).filter(
        lambda shape: not (len(shape) == 2 and shape[1] == n_inputs and shape[0] > 0))
    wrong_shape = shapes.map(lambda shape: np.full(shape, 0.5))
    bad_value = st.sampled_from([np.nan, np.inf, -np.inf, -0.5, 1.5, 255.0, 1e300, -1e300])
    with_bad_value = bad_value.map(lambda v: np.array([[0.5] * n_inputs, [v] + [0.5] * (n_inputs - 1)]))
    return st.one_of(wrong_shape, with_bad_value, st.text(max_size=3), st.none(), st.integers(),
                     st.just([["a"] * n_inputs] * 2), st.just(np.ones((2, n_inputs), dtype=bool)),
                     st.just(np.full((2, n_inputs), 0.5 + 0.5j)))


def bad_labels(n=2, n_classes=3):
    return st.one_of(
        st.lists(st.integers(0, n_classes - 1), max_size=5).filter(lambda labels: len(labels) != n),
        st.lists(st.one_of(st.integers(max_value=-1), st.integers(min_value=n_classes)), min_size=n, max_size=n),
        st.lists(st.floats().filter(lambda x: not (math.isfinite(x) and x == int(x))), min_size=n, max_size=n),
        st.just([10**30] * n), st.just(np.zeros((n, 1), dtype=int)), st.just([True] * n), st.just(["1"] * n),
        st.none(), st.integers(), st.text(max_size=3),
    )


SMALL = dict(network=lambda: nnbook.Network((4, 3, 3), seed=0),
             images=np.array([[0.0, 0.5, 1.0, 0.2], [0.3, 0.3, 0.9, 0.1]]), labels=[0, 2])
GOOD_SETTINGS = dict(epochs=1, batch_size=2, learning_rate=0.5, seed=0, progress=False)


def assert_named_error(function, name, **arguments):
    with pytest.raises((ValueError, TypeError)) as error:
        function(**arguments)
    assert name.split()[0] in str(error.value), f"the message does not name {name}: {error.value}"


@FAST
@given(st.data())
def test_a_bad_setting_for_train_gets_an_error_naming_it(data):
    name = data.draw(st.sampled_from(sorted(BAD_SETTINGS)))
    value = data.draw(BAD_SETTINGS[name], label=name)
    arguments = dict(network=SMALL["network"](), images=SMALL["images"], labels=SMALL["labels"], **GOOD_SETTINGS)
    arguments[name] = value
    assert_named_error(train, name, **arguments)


@FAST
@given(st.sampled_from([train, backprop, average_cost, gradient_sizes]), st.data())
def test_bad_images_or_labels_get_an_error_naming_them(function, data):
    name = data.draw(st.sampled_from(["images", "labels", "network"]))
    value = data.draw({"images": bad_images(), "labels": bad_labels(),
                       "network": st.one_of(st.none(), st.text(max_size=3), st.just((4, 3, 3)))}[name], label=name)
    arguments = dict(network=SMALL["network"](), images=SMALL["images"], labels=SMALL["labels"])
    if function is train:
        arguments.update(GOOD_SETTINGS)
    arguments[name] = value
    assert_named_error(function, name, **arguments)


@FAST
@given(st.sampled_from([backprop, average_cost, gradient_sizes]),
       st.one_of(st.text(max_size=12).filter(lambda s: s not in ("quadratic", "cross-entropy")), st.none(),
                 st.integers()))
def test_a_bad_cost_gets_an_error_naming_it(function, cost):
    assert_named_error(function, "cost", network=SMALL["network"](), images=SMALL["images"], labels=SMALL["labels"],
                       cost=cost)


@FAST
@given(st.sampled_from([train, backprop, average_cost, gradient_sizes]), st.integers(0, 1), st.integers(0, 2),
       st.sampled_from([np.nan, np.inf, -np.inf]))
def test_a_network_with_a_broken_weight_gets_an_error_naming_it(function, layer, row, value):
    net = SMALL["network"]()
    net.weights[layer][row, 0] = value
    arguments = dict(network=net, images=SMALL["images"], labels=SMALL["labels"])
    if function is train:
        arguments.update(GOOD_SETTINGS)
    assert_named_error(function, f"weights[{layer}]", **arguments)
