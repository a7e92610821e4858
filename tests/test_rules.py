"""nnbook.rules: the hand-written rules of notebook 01, checked against plain loops."""

import numpy as np
import pytest

import nnbook
from nnbook import rules


@pytest.fixture(scope="module")
def digits():
    return nnbook.load_digits("train"), nnbook.load_digits("test")


def test_count_bright_counts_pixels_above_the_threshold():
    image = np.zeros((28, 28))
    image[3, 4], image[5, 6], image[7, 8] = 1.0, 0.5, 0.51
    assert rules.count_bright(image) == 2           # 0.5 itself is not "above 0.5"
    assert isinstance(rules.count_bright(image), int)
    assert rules.count_bright(image, threshold=0.0) == 3
    assert rules.count_bright(image.reshape(784)) == 2
    np.testing.assert_array_equal(rules.count_bright(np.stack([image, 1 - image])), [2, 781])


def test_typical_counts_are_the_mean_count_of_each_digit(digits):
    (images, labels), _ = digits
    typical = rules.typical_counts(images, labels)
    assert typical.shape == (10,)
    for digit in (0, 1, 7):
        counts = [int(np.sum(image > 0.5)) for image in images[labels == digit]]
        assert typical[digit] == pytest.approx(np.mean(counts))


def test_guess_by_count_picks_the_closest_typical_count():
    typical = np.arange(10) * 10.0                   # digit d typically has 10·d bright pixels
    image = np.zeros(784)
    image[:33] = 1.0                                 # 33 bright pixels: closest to 30, digit 3
    assert rules.guess_by_count(image, typical) == 3
    assert isinstance(rules.guess_by_count(image, typical), int)
    np.testing.assert_array_equal(rules.guess_by_count(np.stack([image, np.zeros(784)]), typical), [3, 0])


def test_average_digits_and_differences_match_plain_loops(digits):
    (images, labels), (test, _) = digits
    averages = rules.average_digits(images, labels)
    assert averages.shape == (10, 28, 28)
    np.testing.assert_allclose(averages[5], images[labels == 5].mean(axis=0))
    found = rules.differences(test[:3], averages)
    assert found.shape == (3, 10)
    for i in range(3):
        for digit in range(10):
            total = 0.0
            for pixel, mean in zip(test[i].ravel(), averages[digit].ravel()):
                total += (pixel - mean) ** 2
            assert found[i, digit] == pytest.approx(total)
    np.testing.assert_allclose(rules.differences(test[0], averages), found[0])


def test_guess_by_template_reads_the_averages_themselves_right(digits):
    (images, labels), _ = digits
    averages = rules.average_digits(images, labels)
    np.testing.assert_array_equal(rules.guess_by_template(averages, averages), np.arange(10))
    assert rules.guess_by_template(averages[4], averages) == 4


def test_accuracy_and_accuracy_by_digit():
    labels = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
    guesses = labels.copy()
    guesses[:2] = [9, 9]
    assert rules.accuracy(guesses, labels) == pytest.approx(10 / 12)
    np.testing.assert_allclose(rules.accuracy_by_digit(guesses, labels), [0.5, 0.5] + [1.0] * 8)


@pytest.mark.parametrize("call, error, message", [
    (lambda: rules.count_bright(np.zeros((27, 27))), ValueError, r"shaped \(28, 28\)"),
    (lambda: rules.count_bright(np.full((28, 28), 255.0)), ValueError, "divide 0-255 bytes by 255"),
    (lambda: rules.count_bright("7"), TypeError, "images must be a number or an array"),
    (lambda: rules.count_bright(np.zeros(784), threshold=2), ValueError, "threshold must be one grey value"),
    (lambda: rules.typical_counts(np.zeros((3, 784)), [0, 1]), ValueError,
     r"one label per image: 3 images but 2 labels"),
    (lambda: rules.typical_counts(np.zeros((3, 784)), [0, 1, 12]), ValueError,
     r"labels must hold the digits 0-9; labels\[2\] is 12"),
    (lambda: rules.typical_counts(np.zeros((3, 784)), [0, 1, 2]), ValueError, r"every digit 0-9.*missing \[3, 4"),
    (lambda: rules.typical_counts(np.zeros((1, 784)), "0"), TypeError, "labels must be a list"),
    (lambda: rules.guess_by_count(np.zeros(784), [1, 2, 3]), ValueError, "typical must hold 10 numbers"),
    (lambda: rules.differences(np.zeros(784), np.zeros((9, 28, 28))), ValueError, "one average picture per digit"),
    (lambda: rules.accuracy([1, 2], [1]), ValueError, r"labels must have one label per image: 2 images but 1 label$"),
    (lambda: rules.accuracy([1.5], [1]), ValueError, r"guesses must hold whole numbers 0-9; guesses\[0\] is 1.5"),
])
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_accuracy_of_nothing_is_refused_not_nan():
    with pytest.raises(ValueError, match="guesses must not be empty"):
        rules.accuracy([], [])
    assert rules.accuracy(3, [3]) == 1.0  # one guess for one image
