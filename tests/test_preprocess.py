"""Drawings are prepared as MNIST digits were: bounding box into 20×20, centred by mass in 28×28, grey edges."""

import numpy as np
import pytest

import nnbook
from nnbook.preprocess import (
    BOX,
    SIDE,
    _area_resize_matrix,
    center_like_mnist,
    check_strokes,
    draw_strokes,
    strokes_to_image,
)

ONE = [[[0.5, 0.15], [0.5, 0.85]]]  # a "1": one vertical stroke
ROWS, COLS = np.mgrid[:SIDE, :SIDE]


def centre_of_mass(image):
    return (image * ROWS).sum() / image.sum(), (image * COLS).sum() / image.sum()


def bounding_box(image):
    rows, cols = np.nonzero(image)
    return rows.max() - rows.min() + 1, cols.max() - cols.min() + 1


def test_area_resize_averages_the_pixels_each_new_pixel_covers():
    # 3 pixels into 2: the first new pixel covers old pixel 0 and half of old pixel 1.
    np.testing.assert_allclose(_area_resize_matrix(3, 2), [[2 / 3, 1 / 3, 0], [0, 1 / 3, 2 / 3]])
    np.testing.assert_allclose(_area_resize_matrix(4, 2), [[0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5]])
    np.testing.assert_allclose(_area_resize_matrix(37, 20).sum(axis=1), 1.0)  # keeps brightness


def test_a_block_is_scaled_into_the_20_pixel_box_and_centred():
    drawing = np.zeros((300, 200))
    drawing[50:130, 120:160] = 1.0  # 80 tall, 40 wide, off centre
    expected = np.zeros((SIDE, SIDE))
    expected[4:24, 9:19] = 1.0  # 20 tall, 10 wide, its centre of mass at the image centre
    np.testing.assert_allclose(center_like_mnist(drawing), expected, atol=1e-12)


def test_a_stroke_becomes_a_centred_anti_aliased_28x28_image():
    image = strokes_to_image(ONE)
    assert image.shape == (SIDE, SIDE) and image.dtype == np.float64
    assert image.min() >= 0.0 and image.max() == pytest.approx(1.0)
    height, width = bounding_box(image)
    assert height == BOX, "the longer side of the bounding box is 20 pixels"
    assert 2 <= width <= 4, f"the stroke is 2-4 pixels wide, as in MNIST, got {width}"
    row, col = centre_of_mass(image)
    assert abs(row - 13.5) <= 0.5 and abs(col - 13.5) <= 0.5
    grey = image[(image > 0.05) & (image < 0.95)]
    assert grey.size >= 10, "the edges are grey (anti-aliased), not just black and white"


def test_a_digit_drawn_small_in_a_corner_looks_like_one_drawn_large():
    theta = np.linspace(0, 2 * np.pi, 60)
    loop = np.c_[np.cos(theta), 1.4 * np.sin(theta)]
    large = [(0.5 + 0.3 * loop).tolist()]
    small = [(0.12 + 0.05 * loop).tolist()]
    np.testing.assert_allclose(strokes_to_image(small), strokes_to_image(large), atol=1e-9)


def test_centre_of_mass_lands_at_the_centre_for_a_lopsided_digit():
    # A "7": most ink in the top bar, so the box itself is not centred.
    image = strokes_to_image([[[0.2, 0.2], [0.8, 0.2], [0.45, 0.9]]])
    row, col = centre_of_mass(image)
    assert abs(row - 13.5) <= 0.5 and abs(col - 13.5) <= 0.5
    assert max(bounding_box(image)) == BOX


def test_no_ink_is_cut_off_when_the_centre_of_mass_is_near_an_edge():
    drawing = np.zeros((100, 100))
    drawing[0:100, 0:4] = 1.0  # a heavy left edge...
    drawing[0:2, 0:100] = 0.2  # ...and a faint line along the top
    image = center_like_mnist(drawing)
    box = _area_resize_matrix(100, BOX) @ drawing @ _area_resize_matrix(100, BOX).T
    assert image.sum() == pytest.approx(box.sum()), "the 20×20 box is placed whole inside the 28×28 image"


def test_an_mnist_digit_is_nearly_unchanged():
    images, _ = nnbook.load_digits("test")
    tall = [image for image in images[:200] if bounding_box(image)[0] == BOX][:20]
    assert len(tall) >= 10
    for image in tall:
        prepared = center_like_mnist(image)
        shifts = [np.abs(np.roll(image, (dr, dc), axis=(0, 1)) - prepared).max()
                  for dr in (-1, 0, 1) for dc in (-1, 0, 1)]
        assert min(shifts) < 1e-9, "an MNIST digit whose box is 20 tall comes back moved by at most a pixel"


def test_nothing_drawn_gives_a_black_image():
    np.testing.assert_array_equal(strokes_to_image([]), np.zeros((SIDE, SIDE)))
    np.testing.assert_array_equal(center_like_mnist(np.zeros((50, 60))), np.zeros((SIDE, SIDE)))


def test_a_single_dot_is_drawn_as_a_round_blob():
    image = strokes_to_image([[[0.3, 0.4]]])
    assert max(bounding_box(image)) == BOX and image.sum() > 0


def test_the_pen_width_follows_the_drawings_size():
    small = draw_strokes([[[0.1, 0.1], [0.1, 0.3]]])
    large = draw_strokes([[[0.5, 0.1], [0.5, 0.9]]])
    assert small.shape == large.shape  # both drawn as tall as the 20-pixel box, 4 times finer
    np.testing.assert_allclose(small, large, atol=1e-9)


def test_the_trained_network_reads_drawn_digits():
    network = nnbook.pretrained()
    theta = np.linspace(0, 2 * np.pi, 80)
    zero = [np.c_[0.5 + 0.22 * np.cos(theta), 0.5 + 0.33 * np.sin(theta)].tolist()]
    seven = [[[0.3, 0.2], [0.7, 0.2], [0.45, 0.85]]]
    for digit, strokes in ((1, ONE), (0, zero), (7, seven)):
        assert network.predict(strokes_to_image(strokes)) == digit


@pytest.mark.parametrize("pixels, error, message", [
    (np.zeros((4, 4, 3)), ValueError, "2-D greyscale"),
    (np.zeros((0, 5)), ValueError, "2-D greyscale"),
    (np.full((5, 5), 255.0), ValueError, "divide 0-255 bytes by 255"),
    (np.array([[0.0, np.nan]]), ValueError, "NaN"),
    (np.array([[0.0, -0.5]]), ValueError, r"\[0, 1\]"),
    ("image.png", TypeError, "pixels must be"),
    (None, TypeError, "pixels must be"),
])
def test_bad_pixels_are_refused_with_a_clear_message(pixels, error, message):
    with pytest.raises(error, match=message):
        center_like_mnist(pixels)


@pytest.mark.parametrize("strokes, error, message", [
    ("a stroke", TypeError, "list of strokes"),
    (5, TypeError, "list of strokes"),
    ([[0.1, 0.2], [0.3, 0.4]], ValueError, "Wrap it in a list"),  # one stroke, not wrapped
    ([[]], ValueError, r"strokes\[0\] must be a list of \(x, y\) points"),
    ([[[0.1, 0.2, 0.3]]], ValueError, r"shaped \(n, 2\)"),
    ([[[0.1, np.inf]]], ValueError, "infinity"),
    ([[["a", "b"]]], TypeError, r"strokes\[0\]"),
    ([[[0, 0], [1e300, 1e300]]], ValueError, r"strokes\[0\]\[1\] is \[1e\+300, 1e\+300\], too far out"),
])
def test_bad_strokes_are_refused_with_a_clear_message(strokes, error, message):
    with pytest.raises(error, match=message):
        strokes_to_image(strokes)


def test_check_strokes_returns_float_point_arrays():
    strokes = check_strokes([[(0, 1), (2, 3)], [[0.5, 0.5]]])
    assert [s.shape for s in strokes] == [(2, 2), (1, 2)]
    assert all(s.dtype == np.float64 for s in strokes)
