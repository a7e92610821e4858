"""The numbers behind notebook 07's figures, and its functions against nnbook's.

nbval compares the notebook's text, never its pictures, so what each figure
claims is checked here, with the notebook's own code where it defines some.
"""

import numpy as np
import pytest

import nnbook
from nnbook import timing
from notebook_code import code_cells, defined_in_notebook

BIAS = -5.0  # the notebook's bias for its 16 hand-made neurons


@pytest.fixture(scope="module")
def square_neuron():
    return defined_in_notebook("07", "square_neuron")


@pytest.fixture(scope="module")
def W(square_neuron):
    return np.array([square_neuron(k) for k in range(16)])


@pytest.fixture(scope="module")
def flat_test_digits(test_digits):
    """The test digits with each image flattened to 784 pixels, as the notebook's matrices take them."""
    images, labels = test_digits
    return images.reshape(len(images), 784), labels


def test_the_16_squares_tile_the_middle_of_the_image_without_overlap(W):
    assert W.shape == (16, 784)
    assert set(np.unique(W)) == {0.0, 1.0}
    assert (W.sum(axis=1) == 25).all()  # 5 × 5 pixels each
    coverage = W.sum(axis=0).reshape(28, 28)
    assert (coverage[4:24, 4:24] == 1).all()  # every pixel of the middle 20 × 20 exactly once
    assert coverage.sum() == 400


def test_neuron_k_sits_at_row_k_div_4_and_column_k_mod_4(W):
    for k in range(16):
        rows, cols = np.nonzero(W[k].reshape(28, 28))
        assert (rows.min(), cols.min()) == (4 + 5 * (k // 4), 4 + 5 * (k % 4))


def test_neighbouring_rows_are_the_same_dashes_5_pixels_apart(W):
    # "The rows just above and below belong to the neighbouring squares, 5 pixels further left or right."
    np.testing.assert_array_equal(np.roll(W[5], -5), W[4])
    np.testing.assert_array_equal(np.roll(W[5], 5), W[6])
    # "5 short blue dashes, 28 places apart"
    columns = np.flatnonzero(W[5])
    starts = columns[::5]
    assert len(columns) == 25 and np.all(np.diff(starts) == 28)


def test_a_weighted_sum_is_the_ink_in_that_square(W, flat_test_digits):
    images, _ = flat_test_digits
    blocks = images.reshape(-1, 28, 28)[:, 4:24, 4:24].reshape(-1, 4, 5, 4, 5).sum(axis=(2, 4))
    np.testing.assert_allclose(images @ W.T, blocks.reshape(-1, 16), rtol=1e-12)


def test_matrix_product_equals_16_weighted_sums_for_every_test_image(W, flat_test_digits):
    images, _ = flat_test_digits
    b = np.full(16, BIAS)
    for a0 in images[::200]:
        one_by_one = np.array([nnbook.sigmoid(nnbook.weighted_sum(W[k], a0, b[k])) for k in range(16)])
        np.testing.assert_allclose(nnbook.sigmoid(W @ a0 + b), one_by_one, rtol=1e-12)
    A1 = nnbook.sigmoid(images @ W.T + b)
    np.testing.assert_allclose(A1[7], nnbook.sigmoid(W @ images[7] + b), rtol=1e-12)


def test_the_small_batch_example_gives_one_row_per_image():
    W_small = defined_in_notebook("07", "W_small")
    a_small = defined_in_notebook("07", "a_small")
    A_small = defined_in_notebook("07", "A_small", {"W_small": W_small})
    assert W_small.shape == (2, 3) and W_small.T.shape == (3, 2)
    np.testing.assert_array_equal(A_small[0], a_small)  # "the first is a_small from before"
    result = A_small @ W_small.T
    np.testing.assert_allclose(result[0], [0.25, 2.0])  # "the [0.25 2.] you checked by hand"
    for row, image in zip(result, A_small):
        np.testing.assert_allclose(row, W_small @ image)


def bright(W, image):
    """Which of the 16 neurons are on (above 0.5), as a 4 × 4 grid."""
    return (nnbook.sigmoid(W @ image + BIAS) > 0.5).reshape(4, 4)


def first_of(labels, digit):
    return int(np.flatnonzero(labels == digit)[0])


def test_what_the_text_says_about_the_ten_examples(W, flat_test_digits):
    images, labels = flat_test_digits
    zero = bright(W, images[first_of(labels, 0)])
    assert zero.sum() >= 10 and not zero[2, 1:3].any()  # "most squares, with dark ones in its middle"
    one = bright(W, images[first_of(labels, 1)])
    assert one[:, 1:3].sum() == one.sum() >= 3  # a line down the middle two columns
    eight = bright(W, images[first_of(labels, 8)])
    nine = bright(W, images[first_of(labels, 9)])
    assert (eight != nine).sum() <= 2  # "almost the same"


def test_the_three_timed_forward_passes_give_the_same_outputs(flat_test_digits):
    images, _ = flat_test_digits
    network = nnbook.Network(sizes=(784, 16, 16, 10), seed=0)
    some = images[:50]
    matrix = timing.forward_matrix(network, some)
    np.testing.assert_allclose(timing.forward_per_neuron(network, some), matrix, rtol=1e-12)
    np.testing.assert_allclose(timing.forward_per_sample(network, some), matrix, rtol=1e-12)
    assert set(timing.time_forward_passes(network, some[:5], repeats=1)) == {"per neuron", "per sample", "matrix"}


def test_the_weight_matrices_drawn_to_scale_hold_12960_weights():
    sizes = [W.size for W in nnbook.Network(seed=0).weights]
    assert sizes == [12_544, 256, 160]
    assert sum(sizes) == 12_960


@pytest.mark.parametrize("sizes, seed", [((784, 16, 16, 10), 0), ((784, 16, 16, 10), 5), ((784, 30, 10), 1),
                                         ((784, 8, 8, 8, 8, 10), 2)])
def test_the_notebooks_network_function_agrees_with_network_forward(sizes, seed, flat_test_digits):
    network_function = defined_in_notebook("07", "network_function", {"nnbook": nnbook})
    network = nnbook.Network(sizes=sizes, seed=seed)
    images, _ = flat_test_digits
    for a in images[:20]:
        np.testing.assert_allclose(network_function(a, network.weights, network.biases), network.forward(a),
                                   rtol=1e-12)


def test_the_network_function_is_four_lines():
    cell = next(source for source in code_cells("07") if source.startswith("def network_function("))
    assert len(cell.strip().splitlines()) == 4
