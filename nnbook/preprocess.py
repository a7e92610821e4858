"""Turn your own drawing into the kind of image the network learned from.

The digits in MNIST were not photographed and shrunk any old way. Each one
was prepared in the same three steps, and a drawing has to go through the
same steps before the network can read it:

1. Cut out the digit: keep only its bounding box, the smallest rectangle
   around the ink.
2. Scale that box, keeping its shape, until its longer side is 20 pixels.
   Each new pixel is the average of the old pixels it covers, so the edges
   of a stroke come out grey instead of jagged (anti-aliasing).
3. Put the 20×20 box into a 28×28 black image so that the digit's centre of
   mass, the average position of its ink weighted by brightness, sits at the
   centre of the image.

A digit drawn small in a corner and one drawn large in the middle then
look alike to the network, as every digit it learned from did.

    >>> import numpy as np
    >>> drawing = np.zeros((100, 100)); drawing[10:90, 45:55] = 1.0  # a thick "1"
    >>> image = center_like_mnist(drawing)
    >>> image.shape, float(image.max())
    ((28, 28), 1.0)

:func:`strokes_to_image` does the same for the pen strokes that
``nnbook.widgets.DigitCanvas`` records while you draw.
"""

from __future__ import annotations

import numpy as np

from ._validate import SIDE, as_float_array, describe, positive_float, positive_int, require_finite, require_pixels

BOX = 20
"""The digit's bounding box is scaled so that its longer side is 20 pixels."""

PEN = 0.08
"""Pen radius as a fraction of the drawing's size, so that strokes come out about 2.8 pixels wide, as in MNIST."""

MIN_PEN = 0.005
"""The smallest pen radius, in canvas units (0-1): it only matters for a dot or a tiny scribble."""

OVERSAMPLING = 4
"""Strokes are drawn 4 times finer than the 20-pixel box, then averaged down: that gives the grey edges."""

FARTHEST = 1e6
"""The largest coordinate a stroke may have. Canvas units run from 0 to 1; far beyond that, the
squared distances the drawing takes would overflow."""


def center_like_mnist(pixels) -> np.ndarray:
    """Prepare a greyscale drawing as MNIST digits were prepared.

    ``pixels`` is a 2-D array of any size with grey values from 0.0 (black
    background) to 1.0 (white ink). The result is a (28, 28) array in [0, 1]:
    the ink's bounding box scaled (keeping its shape) so that its longer side
    is 20 pixels, placed so that its centre of mass is at the image centre.
    The centre of mass lands within half a pixel of the centre, unless that
    would push ink over the edge; then the box stops at the edge.

    A drawing without any ink gives an all-black image.
    """
    pixels = require_pixels(as_float_array(pixels, "pixels"), "pixels")
    if pixels.ndim != 2 or min(pixels.shape) == 0:
        raise ValueError(f"pixels must be a 2-D greyscale image (rows, columns), got {describe(pixels)}")
    image = np.zeros((SIDE, SIDE))
    rows, cols = np.nonzero(pixels)
    if rows.size == 0:
        return image
    digit = pixels[rows.min():rows.max() + 1, cols.min():cols.max() + 1]

    height, width = digit.shape
    scale = BOX / max(height, width)
    new_height = max(1, round(height * scale))
    new_width = max(1, round(width * scale))
    box = _area_resize_matrix(height, new_height) @ digit @ _area_resize_matrix(width, new_width).T
    box = np.clip(box, 0.0, 1.0)  # averages of values in [0, 1]; clip only rounding noise

    # Centre of mass in pixel-centre coordinates; the image centre is at 13.5.
    total = box.sum()
    centre_row = (box.sum(axis=1) @ np.arange(new_height)) / total
    centre_col = (box.sum(axis=0) @ np.arange(new_width)) / total
    top = int(np.clip(round((SIDE - 1) / 2 - centre_row), 0, SIDE - new_height))
    left = int(np.clip(round((SIDE - 1) / 2 - centre_col), 0, SIDE - new_width))
    image[top:top + new_height, left:left + new_width] = box
    return image


def _area_resize_matrix(old: int, new: int) -> np.ndarray:
    """A (new, old) matrix that resizes a line of pixels by area averaging.

    New pixel i covers old pixels from i·old/new to (i+1)·old/new; its value
    is the average of the old pixels over that stretch, each weighted by how
    much of it lies inside.
    """
    edges = np.arange(new + 1) * (old / new)
    start, end = edges[:-1, np.newaxis], edges[1:, np.newaxis]
    left = np.arange(old)[np.newaxis, :]
    overlap = np.clip(np.minimum(end, left + 1) - np.maximum(start, left), 0.0, None)
    return overlap / (old / new)


def check_strokes(strokes) -> list[np.ndarray]:
    """Return strokes as a list of (n, 2) float arrays of (x, y) points, or raise.

    A stroke is the path of the pen from pressing down to lifting it: a list
    of at least one (x, y) point, x to the right and y downwards. No
    coordinate may lie beyond ±``FARTHEST``.
    """
    if isinstance(strokes, (str, bytes, dict)) or not hasattr(strokes, "__len__"):
        raise TypeError(f"strokes must be a list of strokes, each a list of (x, y) points, got {describe(strokes)}")
    checked = []
    for i, stroke in enumerate(strokes):
        points = require_finite(as_float_array(stroke, f"strokes[{i}]"), f"strokes[{i}]")
        if points.shape == (2,):
            raise ValueError(
                f"strokes[{i}] is one point, {points.tolist()}, but a stroke is a list of points. "
                "Did you pass a single stroke? Wrap it in a list: strokes=[stroke]"
            )
        if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
            raise ValueError(
                f"strokes[{i}] must be a list of (x, y) points, shaped (n, 2) with n ≥ 1, got {describe(points)}"
            )
        far = np.abs(points) > FARTHEST
        if far.any():
            point = int(np.argmax(far.any(axis=1)))
            raise ValueError(f"strokes[{i}][{point}] is {points[point].tolist()}, too far out: canvas units run "
                             f"from 0 to 1, and no coordinate may lie beyond ±{FARTHEST:g}")
        checked.append(points)
    return checked


def draw_strokes(strokes, pen=PEN, min_pen=MIN_PEN, oversampling=OVERSAMPLING) -> np.ndarray:
    """Draw pen strokes as a greyscale image, white ink on black, with soft edges.

    ``strokes`` are in canvas units (the canvas runs from 0 to 1 across and
    down). The pen is round; its radius is ``pen`` times the size of the
    drawing (at least ``min_pen``), so a digit drawn small gets strokes as
    thick, relative to its size, as a digit drawn large. The image just
    covers the ink; its longer side is ``20 × oversampling`` pixels.
    Returns an all-black 1×1 image when there are no strokes.
    """
    strokes = check_strokes(strokes)
    pen, min_pen = positive_float(pen, "pen"), positive_float(min_pen, "min_pen")
    oversampling = positive_int(oversampling, "oversampling")
    if not strokes:
        return np.zeros((1, 1))
    points = np.concatenate(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    radius = max(pen * float(np.max(high - low)), min_pen)
    low, high = low - radius, high + radius
    pixel = float(np.max(high - low)) / (BOX * oversampling)  # canvas units per pixel
    width, height = np.ceil((high - low) / pixel - 1e-9).astype(int)
    low = low - (np.array([width, height]) * pixel - (high - low)) / 2  # centre the ink on the grid
    xs = low[0] + (np.arange(width) + 0.5) * pixel
    ys = low[1] + (np.arange(height) + 0.5) * pixel
    centres = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)

    # A stroke is a chain of segments from each point to the next (a dot is a
    # segment of length 0). A pixel is ink where it is within the pen radius of
    # some segment; the last pixel of the edge is partly covered, which gives grey.
    starts = np.concatenate([s[:-1] if len(s) > 1 else s for s in strokes])
    ends = np.concatenate([s[1:] if len(s) > 1 else s for s in strokes])
    distance = np.full(len(centres), np.inf)
    for first in range(0, len(starts), 256):  # in chunks, to keep memory small
        a, b = starts[first:first + 256], ends[first:first + 256]
        distance = np.minimum(distance, _distance_to_segments(centres, a, b).min(axis=1))
    coverage = np.clip((radius - distance) / pixel + 0.5, 0.0, 1.0)
    return coverage.reshape(height, width)


def _distance_to_segments(points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """(n_points, n_segments) distances from each point to each segment."""
    direction = ends - starts
    length2 = np.einsum("ij,ij->i", direction, direction)
    offset = points[:, np.newaxis, :] - starts[np.newaxis, :, :]
    along = np.einsum("psk,sk->ps", offset, direction) / np.where(length2 > 0, length2, 1.0)
    nearest = starts + np.clip(along, 0.0, 1.0)[..., np.newaxis] * direction
    return np.linalg.norm(points[:, np.newaxis, :] - nearest, axis=-1)


def strokes_to_image(strokes) -> np.ndarray:
    """The (28, 28) MNIST-style image of pen strokes: drawn, then centred like MNIST.

    ``strokes`` is a list of strokes, each a list of (x, y) points in canvas
    units (0 to 1 across and down), as ``DigitCanvas.strokes`` holds them.
    No strokes give an all-black image.
    """
    return center_like_mnist(draw_strokes(strokes))
