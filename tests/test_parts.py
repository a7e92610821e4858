"""nnbook.parts: hand-drawn parts of digits and how much of them a digit covers."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba

import nnbook
from nnbook import parts
from nnbook.figures import HIGHLIGHT


def test_loop_is_a_ring_around_its_centre():
    ring = parts.loop(center=(14, 14), radius=6, thickness=2)
    assert ring.shape == (28, 28) and ring.dtype == bool
    assert ring[14, 20] and ring[8, 14] and ring[14, 8] and ring[20, 14]     # on the ring
    assert not ring[14, 14] and not ring[0, 0] and not ring[14, 17]          # centre, corner, inside


def test_line_is_a_stroke_between_its_ends():
    stroke = parts.line(start=(5, 10), end=(20, 10), thickness=1)
    assert np.array_equal(np.flatnonzero(stroke.any(axis=0)), [10])         # one column wide
    assert np.array_equal(np.flatnonzero(stroke[:, 10]), np.arange(5, 21))   # from row 5 to row 20
    diagonal = parts.line(start=(0, 0), end=(27, 27), thickness=1)
    assert all(diagonal[i, i] for i in range(28)) and not diagonal[0, 27]


def test_digit_parts_are_the_parts_of_the_videos_9_8_and_4():
    drawn = parts.digit_parts()
    assert set(drawn) == {name for names in parts.DIGIT_PARTS.values() for name in names}
    assert parts.DIGIT_PARTS[9] == ("loop on top", "line on the right")
    assert parts.digits_with("loop on top") == [8, 9]
    assert parts.digits_with("line on the right") == [4, 9]
    drawn["loop on top"][:] = False                                          # a fresh dict each time
    assert parts.digit_parts()["loop on top"].any()


def test_overlap_is_the_mean_grey_value_inside_the_part():
    part = np.zeros((28, 28), dtype=bool)
    part[10, 10:14] = True
    image = np.zeros((28, 28))
    image[10, 10:12] = 1.0
    image[10, 12] = 0.5
    assert parts.overlap(image, part) == pytest.approx(2.5 / 4)
    assert parts.overlap(image.reshape(784), part.astype(int)) == pytest.approx(2.5 / 4)
    np.testing.assert_allclose(parts.overlap(np.stack([image, np.ones((28, 28))]), part), [2.5 / 4, 1.0])


def test_overlap_by_digit_and_ranking():
    images, labels = nnbook.load_digits("test")
    part = parts.digit_parts()["line across"]
    by_digit = parts.overlap_by_digit(images, labels, part)
    values = parts.overlap(images, part)
    for digit in range(10):
        assert by_digit[digit] == pytest.approx(values[labels == digit].mean())
    order = parts.ranking(by_digit)
    assert sorted(order) == list(range(10))
    assert all(by_digit[a] >= by_digit[b] for a, b in zip(order, order[1:]))


def test_overlap_with_all_is_the_weakest_part():
    images, _ = nnbook.load_digits("test")
    drawn = parts.digit_parts()
    pair = [drawn["loop on top"], drawn["line on the right"]]
    both = parts.overlap_with_all(images[:20], pair)
    each = [parts.overlap(images[:20], part) for part in pair]
    np.testing.assert_allclose(both, np.minimum(*each))
    assert parts.overlap_with_all(images[0], pair) == pytest.approx(both[0])


def test_show_part_draws_the_part_alone_or_on_a_digit():
    image = np.zeros((28, 28))
    part = parts.loop(center=(14, 14), radius=5)
    fig = parts.show_part(part, title="ring")
    assert len(fig.axes) == 1 and fig.axes[0].get_title() == "ring"
    fig, ax = plt.subplots()
    assert parts.show_part(part, image, ax=ax) is fig
    assert len(ax.images) == 2                                               # the digit and the orange tint
    plt.close("all")


@pytest.mark.parametrize("call, error, message", [
    (lambda: parts.loop(center=(14,), radius=3), ValueError, r"center must be a \(row, column\) pair"),
    (lambda: parts.loop(center=(14, 14), radius=0), ValueError, "radius must be a positive finite number"),
    (lambda: parts.loop((5, 5), "big"), TypeError, "radius must be a number, got str"),
    (lambda: parts.loop(center=(14, np.nan), radius=3), ValueError, "center contains NaN"),
    (lambda: parts.line(start=(3, 3), end=(3, 3)), ValueError, "start and end must differ"),
    (lambda: parts.line(start=(3, 3), end=(9, 3), thickness=-1), ValueError, "thickness must be a positive"),
    (lambda: parts.overlap(np.zeros((28, 28)), np.zeros((28, 28), dtype=bool)), ValueError, "part is empty"),
    (lambda: parts.overlap(np.zeros((28, 28)), np.full((28, 28), 0.5)), ValueError, "only True/False or 0/1"),
    (lambda: parts.overlap(np.zeros((28, 28)), np.ones(784, dtype=bool)), ValueError, r"shaped \(28, 28\)"),
    (lambda: parts.overlap(np.zeros((28, 28)), "loop"), TypeError, "part must be a 28×28 array"),
    (lambda: parts.overlap(np.full((28, 28), 2.0), np.ones((28, 28))), ValueError, r"grey values in \[0, 1\]"),
    (lambda: parts.overlap_by_digit(np.zeros((2, 784)), [0, 1], np.ones((28, 28))), ValueError, "every digit 0-9"),
    (lambda: parts.overlap_with_all(np.zeros(784), []), TypeError, "non-empty list of parts"),
    (lambda: parts.digits_with("loop in the middle"), ValueError, "unknown part_name 'loop in the middle'"),
    (lambda: parts.ranking([1, 2, 3]), ValueError, "by_digit must hold 10 numbers"),
])
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


# The core of notebook 02: the loop test and its widget ------------------------------------

def test_podium_names_the_best_covering_digits_with_their_share():
    by_digit = np.array([0.1, 0.0, 0.2, 0.45, 0.3, 0.2, 0.3, 0.1, 0.51, 0.42])
    assert parts.podium(by_digit) == "8s (51%), 3s (45%), 9s (42%)"
    assert parts.podium(by_digit, places=1) == "8s (51%)"
    assert parts.podium(by_digit, places=10).count("s (") == 10


def test_show_loop_test_draws_the_loop_on_the_average_digit_and_a_bar_per_digit():
    images, labels = nnbook.load_digits("test")
    ring = parts.loop(center=(9.5, 14.5), radius=4.5)
    by_digit = parts.overlap_by_digit(images, labels, ring)
    average_nine = images[labels == 9].mean(axis=0)
    fig = parts.show_loop_test(ring, by_digit, average_nine, 9)
    left, right = fig.axes
    assert left.get_title() == "on the average 9"
    np.testing.assert_allclose(left.images[0].get_array(), average_nine)
    bars = right.patches
    assert [bar.get_height() for bar in bars] == pytest.approx(list(by_digit))
    best = parts.ranking(by_digit)[0]
    orange = [i for i, bar in enumerate(bars) if bar.get_facecolor() == pytest.approx(to_rgba(HIGHLIGHT))]
    assert orange == [best]
    assert right.get_title() == f"best covered: {parts.podium(by_digit)}"
    assert right.get_title().startswith(f"best covered: {best}s (")
    assert right.get_ylabel() == "ring covered with ink", "in notebook 02's words: what part of the ring has ink"


def test_loop_explorer_moves_the_loop_with_sliders_the_core_text_names(monkeypatch):
    images, labels = nnbook.load_digits("test")
    widget = parts.loop_explorer(images, labels)
    sliders = {child.description: child for child in widget.children if hasattr(child, "min")}
    assert {name: (s.min, s.max, s.value) for name, s in sliders.items()} == {
        "row": (4, 24, 9.5), "col": (4, 24, 14.5), "radius": (1.5, 10, 4.5)}, (
        "three sliders, all about the ring: the play-test asked what a fourth, 'digit', was for")
    shown = []
    monkeypatch.setattr(parts, "show_loop_test",
                        lambda ring, by_digit, average, digit: shown.append((ring, by_digit, digit)))
    sliders["row"].value = 11.5
    ring, by_digit, digit = shown[-1]
    np.testing.assert_array_equal(ring, parts.loop(center=(11.5, 14.5), radius=4.5))
    np.testing.assert_allclose(by_digit, parts.overlap_by_digit(images, labels, ring))
    assert digit == 9
    shown.clear()
    parts.loop_explorer(images, labels, digit=4.0).children[0].value = 10.0
    assert shown[-1][2] == 4, "the loop may be drawn on another average digit, given once, not with a slider"
    for wrong in (10, 2.5, "9"):
        with pytest.raises((TypeError, ValueError)):
            parts.loop_explorer(images, labels, digit=wrong)


# The Going further sections of notebook 02: the five parts, one call each -------------------

@pytest.fixture(scope="module")
def training():
    return nnbook.load_digits("train")


def orange_bars(ax) -> list[int]:
    return [i for i, bar in enumerate(ax.patches) if bar.get_facecolor() == pytest.approx(to_rgba(HIGHLIGHT))]


def test_overlap_by_part_measures_each_part_by_digit(training):
    images, labels = training
    by_part = parts.overlap_by_part(images, labels)
    assert list(by_part) == list(parts.digit_parts())
    for name, mask in parts.digit_parts().items():
        np.testing.assert_allclose(by_part[name], parts.overlap_by_digit(images, labels, mask))
    mine = {"a dot": np.pad(np.ones((2, 2), dtype=bool), 13)}
    np.testing.assert_allclose(parts.overlap_by_part(images, labels, mine)["a dot"],
                               parts.overlap_by_digit(images, labels, mine["a dot"]))


def test_combined_by_digit_averages_each_images_weakest_part_by_digit(training):
    images, labels = training
    combined = parts.combined_by_digit(images, labels)
    assert list(combined) == [9, 8, 4]
    drawn = parts.digit_parts()
    loop, line = parts.overlap(images, drawn["loop on top"]), parts.overlap(images, drawn["line on the right"])
    by_image = np.minimum(loop, line)
    for digit in (0, 1, 9):
        assert combined[9][digit] == pytest.approx(by_image[labels == digit].mean())
    with pytest.raises(ValueError, match="no part called 'line across', which the 4 is made of"):
        parts.combined_by_digit(images, labels, {name: mask for name, mask in drawn.items() if name != "line across"})


def test_show_overlap_by_part_draws_a_panel_per_part_its_hoped_digits_orange(training):
    by_part = parts.overlap_by_part(*training)
    fig = parts.show_overlap_by_part(by_part)
    assert [ax.get_title() for ax in fig.axes] == list(by_part)
    for ax, (name, values) in zip(fig.axes, by_part.items()):
        assert [bar.get_height() for bar in ax.patches] == pytest.approx(list(values))
        assert orange_bars(ax) == parts.digits_with(name)
    assert fig.axes[0].get_ylabel() == "part covered"
    [ax] = parts.show_overlap_by_part({"my own part": np.linspace(0, 0.9, 10)}).axes
    assert orange_bars(ax) == [], "a part of your own has no hoped-for digit"


def test_show_combined_draws_a_panel_per_digit_the_digit_orange(training):
    combined = parts.combined_by_digit(*training)
    fig = parts.show_combined(combined)
    assert [ax.get_title() for ax in fig.axes] == [f"the parts of the {d} together" for d in (9, 8, 4)]
    for ax, (digit, values) in zip(fig.axes, combined.items()):
        assert [bar.get_height() for bar in ax.patches] == pytest.approx(list(values))
        assert orange_bars(ax) == [digit]


def test_podiums_gives_a_line_per_part_or_digit():
    values = [0.1, 0.0, 0.2, 0.45, 0.3, 0.2, 0.3, 0.1, 0.51, 0.42]
    assert parts.podiums({"loop on top": values, "a": values}).splitlines() == [
        "loop on top: best covered by 8s (51%), 3s (45%), 9s (42%)",
        "          a: best covered by 8s (51%), 3s (45%), 9s (42%)"]
    assert parts.podiums({9: values}) == "the 9's parts: best covered by 8s (51%), 3s (45%), 9s (42%)"


def test_show_digit_parts_tints_each_part_on_the_first_9_8_and_4(training):
    images, labels = training
    fig = parts.show_digit_parts(images, labels)
    titled = [ax.get_title() for ax in fig.axes if ax.images]
    assert titled == ["a 9", "loop on top", "line on the right", "a 8", "loop on top", "loop at the bottom",
                      "a 4", "line on the left", "line across", "line on the right"]
    shown = [ax for ax in fig.axes if ax.images]
    np.testing.assert_array_equal(shown[0].images[0].get_array(), images[labels == 9][0])
    np.testing.assert_array_equal(shown[6].images[0].get_array(), images[labels == 4][0])
    tint = shown[1].images[1].get_array()[..., 3] > 0
    np.testing.assert_array_equal(tint, parts.digit_parts()["loop on top"])


def test_show_part_on_tints_one_part_on_each_digit(training):
    images, labels = training
    ring = parts.digit_parts()["loop on top"]
    fig = parts.show_part_on(ring, [images[0], images[1]], ["first", "second"])
    assert [ax.get_title() for ax in fig.axes] == ["first", "second"]
    np.testing.assert_array_equal(fig.axes[1].images[0].get_array(), images[1])
    np.testing.assert_array_equal(fig.axes[0].images[1].get_array()[..., 3] > 0, ring)


@pytest.mark.parametrize("call, error, message", [
    (lambda: parts.overlap_by_part(np.zeros((10, 784)), np.arange(10), drawn=[]), TypeError, "drawn must be a dict"),
    (lambda: parts.overlap_by_part(np.zeros((10, 784)), np.arange(10), drawn={"x": np.zeros((28, 28))}), ValueError,
     "empty"),
    (lambda: parts.show_overlap_by_part({"loop on top": [0.5] * 9}), ValueError, "must hold 10 numbers"),
    (lambda: parts.show_combined([0.5] * 10), TypeError, "combined must be a dict"),
    (lambda: parts.podiums({}), TypeError, "results must be a dict"),
    (lambda: parts.show_part_on(parts.loop((9, 14), 4), np.zeros((2, 784)), ["one"]), ValueError, "one title per"),
    (lambda: parts.show_digit_parts(np.zeros((2, 784)), [1, 2]), ValueError, "holds no 9"),
])
def test_bad_input_to_the_going_further_pictures_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
