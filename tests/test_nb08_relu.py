"""The numbers behind notebook 08's figures and claims, and its functions against nnbook's.

nbval compares the notebook's text, never its pictures, and the markdown
says things about the measurements ("tens of thousands of times smaller",
"answers 1 for every digit"). Those claims are checked here.
"""

import numpy as np
import pytest

import nnbook
from nnbook.depth import compare_sigmoid_relu
from nnbook.training import gradient_sizes
from notebook_code import defined_in_notebook, numbers_in_text

DEEP_SIZES = (784, 16, 16, 16, 16, 16, 16, 10)
A = np.linspace(-6, 6, 601)  # the notebook's plotting range


@pytest.fixture(scope="module")
def relu():
    return defined_in_notebook("08", "relu")


@pytest.fixture(scope="module")
def slope(relu):
    # The cell also prints a small table of slopes, with nnbook's sigmoid and the notebook's relu.
    return defined_in_notebook("08", "slope", {"nnbook": nnbook, "relu": relu})


@pytest.fixture(scope="module")
def comparison():
    # The notebook's call, argument for argument.
    return compare_sigmoid_relu(hidden_layers=6, width=16, epochs=10, batch_size=10, learning_rate=0.1,
                                seed=0, progress=False)


def test_the_notebooks_relu_agrees_with_nnbook(relu):
    values = np.concatenate([A, [-1e6, -1e-12, 0.0, 1e-12, 1e6]])
    np.testing.assert_array_equal(relu(values), nnbook.relu(values))
    for a in (-3.0, -0.5, 0.0, 0.5, 3.0):
        assert relu(a) == nnbook.relu(a)


def test_the_notebooks_measured_slopes_agree_with_nnbooks_formulas(relu, slope):
    np.testing.assert_allclose(slope(nnbook.sigmoid, A), nnbook.sigmoid_slope(A), atol=1e-6)
    away_from_corner = np.abs(A) > 1e-3
    np.testing.assert_allclose(slope(relu, A)[away_from_corner], nnbook.relu_slope(A)[away_from_corner], atol=1e-9)


def test_the_sigmoid_slope_peaks_at_one_quarter_in_the_middle(slope):
    slopes = slope(nnbook.sigmoid, A)
    assert slopes.max() == pytest.approx(0.25, abs=1e-6)
    assert A[np.argmax(slopes)] == pytest.approx(0.0, abs=0.03)
    assert slopes[np.abs(A) >= 5].max() < 0.01  # "far from 0 it is almost 0"


def test_six_sigmoid_layers_leave_less_than_a_thousandth():
    assert 0.25 ** 6 == 1 / 4096 < 1e-3
    assert 0.25 ** 10 < 1e-6 <= 0.25 ** 9  # what the summary and exercise 2 rest on


def test_gradient_sizes_fade_through_sigmoid_layers_but_not_through_relu(train_digits, comparison):
    images, labels = train_digits
    sigmoid = gradient_sizes(nnbook.Network(DEEP_SIZES, activation="sigmoid", seed=0), images, labels)
    relu = gradient_sizes(nnbook.Network(DEEP_SIZES, activation="relu", seed=0), images, labels)
    # The notebook measures them itself; compare_sigmoid_relu measures the same networks.
    np.testing.assert_allclose(sigmoid, comparison.sigmoid_gradients, rtol=1e-12)
    np.testing.assert_allclose(relu, comparison.relu_gradients, rtol=1e-12)

    assert len(sigmoid) == len(relu) == 7
    assert np.all(np.diff(sigmoid) > 0)  # "drops steeply" from the output back to layer 1
    drop = sigmoid[-1] / sigmoid[0]
    assert 10_000 <= drop < 100_000  # "tens of thousands of times smaller"
    assert drop > 4 ** 6  # "even more than 0.25^6 predicts"
    assert relu.max() / relu.min() < 10  # "roughly level", "a similar size"


def test_the_deep_relu_network_learns_and_the_deep_sigmoid_network_does_not(comparison, train_digits, test_digits):
    _, train_labels = train_digits
    test_images, test_labels = test_digits
    relu, sigmoid = comparison.relu.test_accuracy, comparison.sigmoid.test_accuracy
    assert len(relu) == len(sigmoid) == 10
    assert relu[0] > 0.5  # "more than half after one epoch"
    [about] = numbers_in_text("08", r"more than half of the test digits right after one epoch, about (\d+)% after ten")
    assert abs(relu[-1] - about / 100) <= 0.03
    assert max(sigmoid) < 0.15  # never clearly above chance

    answers = comparison.sigmoid_network.predict(test_images)
    most_common = int(np.argmax(np.bincount(train_labels)))
    assert most_common == 1
    assert set(answers.tolist()) == {most_common}  # "it answers 1 for every single digit"
    assert sigmoid[-1] == pytest.approx(np.mean(test_labels == most_common))
    [about] = numbers_in_text("08", r"about (\d+)%, hardly better than chance")
    assert round(100 * sigmoid[-1]) == about


def test_the_sigmoid_networks_dip_is_answering_9_then_7_for_everything(comparison, train_digits, test_digits):
    # "The small dip at epochs 5 and 6 ... it answered 9 for every image, then 7."
    # Answering one digit d for every image scores exactly the share of d's, on both digit sets;
    # in the test set 4s and 9s have the same share, so the training set decides.
    _, train_labels = train_digits
    _, test_labels = test_digits
    history = comparison.sigmoid
    for epoch, digit in ((5, 9), (6, 7)):
        assert history.train_accuracy[epoch - 1] == pytest.approx(np.mean(train_labels == digit), abs=1e-12)
        assert history.test_accuracy[epoch - 1] == pytest.approx(np.mean(test_labels == digit), abs=1e-12)
    assert min(history.test_accuracy) == history.test_accuracy[4]  # the dip is at epoch 5


def test_the_deep_sigmoid_networks_weights_are_all_smaller_than_1():
    # "the weights the change passes through are smaller than 1 too"
    network = nnbook.Network(DEEP_SIZES, activation="sigmoid", seed=0)
    assert all(np.abs(W).max() < 1 for W in network.weights)


@pytest.mark.parametrize("learning_rate", [0.3, 1.0, 3.0])
def test_other_learning_rates_do_not_rescue_sigmoid_nor_beat_relus_0_1(learning_rate, comparison):
    # "0.1 was the best for the ReLU network of the rates 0.1, 0.3, 1 and 3 (...);
    #  the sigmoid network stayed at 11% with every one of them."
    other = compare_sigmoid_relu(hidden_layers=6, width=16, epochs=10, batch_size=10,
                                 learning_rate=learning_rate, seed=0, progress=False)
    assert max(other.sigmoid.test_accuracy) < 0.15
    if learning_rate == 3.0:
        # "(at 3 its training diverges: nnbook stops it and tells you)"
        assert list(other.diverged) == ["relu"] and len(other.relu) == 0
    else:
        assert other.relu.test_accuracy[-1] < comparison.relu.test_accuracy[-1]


def test_the_relu_network_still_ends_in_sigmoid_outputs(comparison, test_digits):
    test_images, _ = test_digits
    assert comparison.relu_network.activation == "relu"
    outputs = comparison.relu_network.forward(test_images[:100])
    assert outputs.shape == (100, 10)
    assert outputs.min() > 0.0 and outputs.max() < 1.0
