"""nnbook.rules: the hand-written rules of notebook 01, checked against plain loops."""

import numpy as np
import pytest

import nnbook
from nnbook import rules
from notebook_code import code_cells


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


# The pictures and the widget of notebook 01 --------------------------------------------

def test_shifted_moves_the_ink_and_fills_in_black():
    image = np.zeros((28, 28))
    image[5, 10], image[6, 0] = 1.0, 0.5               # the 0.5 is pushed over the left edge
    moved = rules.shifted(image, 2)
    assert moved.shape == (28, 28)
    np.testing.assert_array_equal(np.argwhere(moved), [[5, 8]])
    np.testing.assert_array_equal(np.argwhere(rules.shifted(image, -3)), [[5, 13], [6, 3]])
    np.testing.assert_array_equal(rules.shifted(image, 0), image)
    batch = rules.shifted(np.stack([image, image]).reshape(2, 784), 2)
    assert batch.shape == (2, 28, 28) and np.array_equal(batch[1], moved)
    assert image[5, 10] == 1.0, "the image itself is not changed"


def test_shifting_two_pixels_hurts_the_average_digit_rule(digits):
    (images, labels), (test, test_labels) = digits
    averages = rules.average_digits(images, labels)
    before = rules.accuracy(rules.guess_by_template(test, averages), test_labels)
    after = rules.accuracy(rules.guess_by_template(rules.shifted(test, 2), averages), test_labels)
    assert after < before - 0.2


def test_show_patch_writes_each_of_the_49_values_on_the_enlarged_patch(digits):
    (images, labels), _ = digits
    two = images[5]
    assert labels[5] == 2
    fig = rules.show_patch(two, top=6, left=4)
    whole, zoom = fig.axes
    [frame] = whole.patches
    assert frame.get_xy() == (3.5, 5.5) and frame.get_width() == frame.get_height() == rules.PATCH == 7
    np.testing.assert_array_equal(zoom.images[0].get_array(), two[6:13, 4:11])
    written = [text.get_text() for text in zoom.texts]
    assert written == [f"{value:.1f}" for value in two[6:13, 4:11].ravel()]
    assert written[3 * 7 + 4] == "1.0", "pixel (9, 8) is the patch's 4th row, 5th column, rounded to 1.0"
    assert zoom.get_title() == "rows 6-12, columns 4-10"
    assert not zoom.patches and zoom.get_xlabel() == "", "nothing is framed in the patch unless asked"


def test_show_patch_can_frame_one_pixel_of_the_patch_and_give_its_value(digits):
    (images, _), _ = digits
    two = images[5]
    fig = rules.show_patch(two, top=6, left=4, mark=(9, 8))
    _, zoom = fig.axes
    [frame] = zoom.patches
    assert frame.get_xy() == (4 - 0.5, 3 - 0.5) and frame.get_width() == frame.get_height() == 1, (
        "two[9, 8] is the patch's 4th row, 5th column")
    assert zoom.get_xlabel() == f"framed: row 9, column 8, grey value {two[9, 8]:.2f}" == (
        "framed: row 9, column 8, grey value 0.99")


def test_show_mistakes_shows_only_misread_digits_titled_truth_then_guess(digits):
    (images, labels), (test, test_labels) = digits
    guesses = rules.guess_by_template(test, rules.average_digits(images, labels))
    fig = rules.show_mistakes(test, test_labels, guesses)
    wrong = np.flatnonzero(guesses != test_labels)[:10]
    assert [ax.get_title() for ax in fig.axes if ax.images] == [f"{test_labels[i]} → {guesses[i]}" for i in wrong]
    for ax, i in zip(fig.axes, wrong):
        np.testing.assert_array_equal(ax.images[0].get_array(), test[i])
    assert len(rules.show_mistakes(test, test_labels, guesses, count=3).axes) == 3
    with pytest.raises(ValueError, match="no mistakes"):
        rules.show_mistakes(test[:5], test_labels[:5], test_labels[:5])


def test_show_pixel_frames_the_pixel_and_says_its_number_and_value(digits):
    _, (test, _) = digits
    fig, text = rules.show_pixel(test[2], 10, 15, title="a test digit")
    [frame] = fig.axes[0].patches
    assert frame.get_xy() == (14.5, 9.5)
    assert text.splitlines() == [f"pixel (10, 15) is number 28 × 10 + 15 = {28 * 10 + 15} of the 784",
                                 f"its grey value: {test[2][10, 15]:.2f}"]


def test_pixel_explorer_has_sliders_for_the_digit_and_the_pixel_and_prints_the_pixel(digits, capsys):
    _, (test, test_labels) = digits
    widget = rules.pixel_explorer(test, test_labels)
    sliders = {child.description: child for child in widget.children if hasattr(child, "min")}
    assert {name: (s.min, s.max, s.value) for name, s in sliders.items()} == {
        "image": (0, 1999, 2), "row": (0, 27, 14), "col": (0, 27, 14)}, "'image' picks the digit, not 'number'"
    assert test_labels[2] == 0
    sliders["row"].value, sliders["col"].value = 9, 8
    printed = capsys.readouterr().out
    assert "pixel (9, 8) is number 28 × 9 + 8 = 260 of the 784" in printed
    assert f"its grey value: {test[2][9, 8]:.2f}" in printed


@pytest.mark.parametrize("call, error, message", [
    (lambda: rules.show_patch(np.zeros((28, 28)), top=22, left=0), ValueError, "top must be at most 21"),
    (lambda: rules.show_patch(np.zeros((28, 28)), top=0, left=-1), ValueError, "left must be at least 0"),
    (lambda: rules.show_patch(np.zeros((28, 28)), top=1.5, left=0), TypeError, "top must be a whole number"),
    (lambda: rules.show_patch(np.zeros((28, 28)), top=6, left=4, mark=(5, 8)), ValueError,
     r"mark \(5, 8\) is outside the patch: rows 6-12, columns 4-10"),
    (lambda: rules.show_patch(np.zeros((28, 28)), top=6, left=4, mark=9), TypeError, "mark must be a"),
    (lambda: rules.show_pixel(np.zeros((28, 28)), 28, 0), ValueError, "row must be at most 27"),
    (lambda: rules.shifted(np.zeros((28, 28)), 28), ValueError, "left must be between -27 and 27"),
    (lambda: rules.show_mistakes(np.zeros((2, 784)), [1, 2], [1]), ValueError, "one label per image"),
])
def test_bad_input_to_the_pictures_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


# The pictures of notebook 01's Going further sections ---------------------------------

def test_show_examples_puts_the_first_examples_of_each_digit_in_a_row(digits):
    (images, labels), _ = digits
    fig = rules.show_examples(images, labels, digits=(2, 4, 7), count=10)
    shown = [ax.images[0].get_array() for ax in fig.axes if ax.images]
    assert len(shown) == 30
    for row, digit in enumerate((2, 4, 7)):
        for i in range(10):
            np.testing.assert_array_equal(shown[10 * row + i], images[labels == digit][i])
    assert len([ax for ax in rules.show_examples(images, labels, digits=[1], count=3).axes if ax.images]) == 3


def test_show_pictures_titles_each_picture(digits):
    (images, _), _ = digits
    fig = rules.show_pictures([images[0], images[1], images[2]], ["a", "b", "c"])
    assert [ax.get_title() for ax in fig.axes] == ["a", "b", "c"]
    np.testing.assert_array_equal(fig.axes[1].images[0].get_array(), images[1])


def test_show_ink_counts_puts_each_count_in_its_digits_column_and_the_typical_counts_as_dashes(digits):
    (images, labels), _ = digits
    counts = rules.count_bright(images)
    typical = rules.typical_counts(images, labels)
    fig = rules.show_ink_counts(counts, labels, typical)
    [ax] = fig.axes
    dots, dashes = ax.collections
    x, y = dots.get_offsets().T
    np.testing.assert_array_equal(y, counts)
    assert np.all(np.abs(x - labels) <= 0.3), "each dot stays in its digit's column"
    np.testing.assert_array_equal(dashes.get_offsets(), np.column_stack([np.arange(10), typical]))
    np.testing.assert_array_equal(rules.show_ink_counts(counts, labels, typical).axes[0].collections[0].get_offsets(),
                                  dots.get_offsets()), "seeded: the same picture every run"


def test_show_right_by_digit_draws_each_digits_share_read_right_and_guessing(digits):
    (images, labels), (test, test_labels) = digits
    guesses = rules.guess_by_count(test, rules.typical_counts(images, labels))
    [ax] = rules.show_right_by_digit(guesses, test_labels).axes
    np.testing.assert_allclose([bar.get_height() for bar in ax.patches], rules.accuracy_by_digit(guesses, test_labels))
    [guessing] = ax.get_lines()
    assert list(guessing.get_ydata()) == [0.1, 0.1]


def test_show_strip_lays_the_784_values_end_to_end_and_marks_every_fourth_row(digits):
    (images, _), _ = digits
    two = images[5]
    [ax] = rules.show_strip(two).axes
    np.testing.assert_array_equal(ax.images[0].get_array(), two.reshape(1, 784))
    assert list(ax.get_xticks()) == [0, 112, 224, 336, 448, 560, 672]
    assert [label.get_text() for label in ax.get_xticklabels()][:2] == ["row 0", "row 4"]


def test_show_input_row_draws_the_rows_28_neurons_in_their_grey_and_numbers_every_third(digits):
    import matplotlib.pyplot as plt

    (images, _), _ = digits
    two = images[5]
    picture, neurons = rules.show_input_row(two, row=10).axes
    [frame] = picture.patches
    assert frame.get_xy() == (-0.5, 9.5)
    circles = neurons.patches
    assert len(circles) == 28
    grey = plt.get_cmap("gray")
    for col, circle in enumerate(circles):
        assert circle.get_facecolor() == pytest.approx(grey(two[10, col]))
    assert [text.get_text() for text in neurons.texts] == [str(280 + col) for col in range(0, 28, 3)]
    assert neurons.get_title() == "input neurons 280 to 307"
    assert "rules.show_input_row(two, row=10)" in "\n".join(code_cells("01")), "the notebook draws row 10"


@pytest.mark.parametrize("call, error, message", [
    (lambda: rules.show_examples(np.zeros((3, 784)), [1, 1, 2], digits=(1,), count=5), ValueError,
     "only 2 examples of the digit 1"),
    (lambda: rules.show_examples(np.zeros((3, 784)), [1, 1, 2], digits=(), count=1), ValueError, "at least one digit"),
    (lambda: rules.show_examples(np.zeros((3, 784)), [1, 1, 2], digits="12"), TypeError, "digits must be"),
    (lambda: rules.show_pictures(np.zeros((2, 784)), ["one"]), ValueError, "one title per picture"),
    (lambda: rules.show_ink_counts([1, 2], [1], np.zeros(10)), ValueError, "one label per image"),
    (lambda: rules.show_ink_counts([1, 2], [1, 2], np.zeros(9)), ValueError, "typical must hold 10 numbers"),
    (lambda: rules.show_input_row(np.zeros((28, 28)), 28), ValueError, "row must be at most 27"),
    (lambda: rules.show_strip(np.zeros((27, 27))), ValueError, "image"),
])
def test_bad_input_to_the_going_further_pictures_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
