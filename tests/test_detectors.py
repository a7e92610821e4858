"""nnbook.detectors: region weight patterns, firing, pass rates and their figures."""

import matplotlib
import numpy as np
import pytest

import nnbook
from nnbook import detectors


def test_region_detector_is_plus_one_inside_minus_one_around_zero_elsewhere():
    weights = detectors.region_detector(5, 10, 3, 4)
    assert weights.shape == (28, 28)
    assert np.all(weights[5:8, 10:14] == 1)
    frame = np.zeros((28, 28), bool)
    frame[4:9, 9:15] = True
    frame[5:8, 10:14] = False
    assert np.all(weights[frame] == -1)
    assert np.all(weights[~frame & (weights != 1)] == 0)
    assert weights.sum() == 12 - 18


def test_region_detector_border_width_and_clipping_at_the_edge():
    thick = detectors.region_detector(10, 10, 2, 2, border=3)
    assert np.count_nonzero(thick == -1) == 8 * 8 - 4
    corner = detectors.region_detector(0, 0, 2, 2)  # the frame is cut off at the top and left
    assert np.count_nonzero(corner == -1) == 3 * 3 - 4
    assert not np.any(detectors.region_detector(0, 0, 28, 28) == -1)
    assert np.count_nonzero(detectors.region_detector(3, 3, 4, 4, border=0)) == 16


@pytest.mark.parametrize("args, error, phrase", [
    ((20, 10, 10, 2), ValueError, "must fit in the 28×28 image"),
    ((10, 26, 2, 3), ValueError, "columns 26 to 28"),
    ((-1, 0, 2, 2), ValueError, "top must be at least 0"),
    ((0, 0, 0, 2), ValueError, "height must be at least 1"),
    ((0, 0, 2.5, 2), TypeError, "height must be a whole number"),
    ((True, 0, 2, 2), TypeError, "top must be a whole number"),
])
def test_region_detector_rejects_regions_that_do_not_fit(args, error, phrase):
    with pytest.raises(error, match=phrase):
        detectors.region_detector(*args)


def test_region_detector_rejects_a_negative_border():
    with pytest.raises(ValueError, match="border must be at least 0"):
        detectors.region_detector(5, 5, 2, 2, border=-1)


def test_example_is_the_video_threshold_on_the_example_region():
    assert detectors.EXAMPLE_BIAS == -10.0
    assert detectors.EXAMPLE_REGION == (detectors.EXAMPLE_REGION.top, detectors.EXAMPLE_REGION.left,
                                        detectors.EXAMPLE_REGION.height, detectors.EXAMPLE_REGION.width)
    np.testing.assert_array_equal(detectors.example_weights(), detectors.region_detector(*detectors.EXAMPLE_REGION))
    weights = detectors.example_weights()
    weights[:] = 0  # a fresh array each time: changing one cannot change the example
    assert detectors.example_weights().max() == 1


def test_stroke_image_is_a_white_rectangle():
    image = detectors.stroke_image(2, 3, 4, 5)
    assert image.sum() == 20 and image[2:6, 3:8].min() == 1.0
    with pytest.raises(ValueError, match="must fit"):
        detectors.stroke_image(25, 0, 4, 1)


def test_a_detector_responds_to_a_stroke_in_its_region_and_not_to_one_beside_it():
    top, left, height, width = detectors.EXAMPLE_REGION
    weights = detectors.example_weights()
    inside = detectors.stroke_image(top, left, height, width)
    beside = detectors.stroke_image(top, 2, height, width)
    assert nnbook.weighted_sum(weights, inside) == height * width
    assert nnbook.weighted_sum(weights, beside) == 0
    assert detectors.fires(weights, detectors.EXAMPLE_BIAS, inside) is True
    assert detectors.fires(weights, detectors.EXAMPLE_BIAS, beside) is False


def test_fires_is_sum_plus_bias_above_zero_for_one_image_or_a_batch():
    weights = detectors.example_weights()
    images, _ = nnbook.load_digits("test")
    sums = nnbook.weighted_sum(weights, images)
    fired = detectors.fires(weights, -10, images)
    assert fired.dtype == bool and fired.shape == (2000,)
    np.testing.assert_array_equal(fired, sums - 10 > 0)
    np.testing.assert_array_equal(detectors.fires(weights.ravel(), -10, images.reshape(2000, 784)), fired)
    assert detectors.fires(weights, -10, images[3]) == bool(fired[3])
    assert not detectors.fires(weights, -1e9, images).any()
    assert detectors.fires(weights, 1e9, images).all()


@pytest.mark.parametrize("weights, bias, images, error, phrase", [
    (np.ones((27, 27)), 0, np.zeros((28, 28)), ValueError, "weights must hold 784 weights, one weight per pixel"),
    (np.ones((28, 28)), "-10", np.zeros((28, 28)), TypeError, "bias must be a number"),
    (np.ones((28, 28)), [1, 2], np.zeros((28, 28)), TypeError, "bias must be a number"),
    (np.ones((28, 28)), float("nan"), np.zeros((28, 28)), ValueError, "bias must be a finite number"),
    (np.ones((28, 28)), 0, np.full((28, 28), 255.0), ValueError, "grey values in \\[0, 1\\]"),
])
def test_fires_rejects_bad_input(weights, bias, images, error, phrase):
    with pytest.raises(error, match=phrase):
        detectors.fires(weights, bias, images)


def test_pass_rates_are_the_share_of_each_digit_that_fires():
    images, labels = nnbook.load_digits("train")
    weights = detectors.example_weights()
    rates = detectors.pass_rates(weights, -10, images, labels)
    fired = detectors.fires(weights, -10, images)
    assert rates.shape == (10,)
    for digit in range(10):
        assert rates[digit] == pytest.approx(fired[labels == digit].mean())
    np.testing.assert_array_equal(detectors.pass_rates(weights, 1e9, images, labels), np.ones(10))


def test_pass_rates_is_nan_for_a_digit_without_images():
    images, labels = nnbook.load_digits("test")
    keep = labels != 3
    rates = detectors.pass_rates(detectors.example_weights(), -10, images[keep], labels[keep])
    assert np.isnan(rates[3]) and not np.isnan(np.delete(rates, 3)).any()


def test_pass_rates_rejects_labels_that_do_not_match():
    images, labels = nnbook.load_digits("test")
    with pytest.raises(ValueError, match="one label per image"):
        detectors.pass_rates(detectors.example_weights(), -10, images, labels[:-1])


def test_the_example_fires_more_for_digits_with_a_line_on_the_right():
    """The claim notebooks 03 and 04 make about the example detector, on both splits."""
    for split in ("train", "test"):
        images, labels = nnbook.load_digits(split)
        rates = detectors.pass_rates(detectors.example_weights(), detectors.EXAMPLE_BIAS, images, labels)
        assert min(rates[[4, 7, 9]]) > max(rates[[0, 1, 5, 6]])


def test_show_sums_by_digit_splits_the_histograms_at_the_threshold():
    images, labels = nnbook.load_digits("test")
    sums = nnbook.weighted_sum(detectors.example_weights(), images)
    fig = detectors.show_sums_by_digit(sums, labels, threshold=10, title="t")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [str(d) for d in range(9, -1, -1)]
    orange = [p for p in ax.patches if matplotlib.colors.same_color(p.get_facecolor(), nnbook.figures.HIGHLIGHT)]
    assert len(orange) == 10
    assert any(line.get_xdata()[0] == 10 for line in ax.lines)
    matplotlib.pyplot.close(fig)


def test_show_sums_by_digit_without_threshold_is_all_grey_and_draws_into_an_axes():
    images, labels = nnbook.load_digits("test")
    fig, ax = matplotlib.pyplot.subplots()
    sums = nnbook.weighted_sum(detectors.example_weights(), images)
    assert detectors.show_sums_by_digit(sums, labels, ax=ax) is fig
    assert len(ax.patches) == 10
    assert not any(matplotlib.colors.same_color(p.get_facecolor(), nnbook.figures.HIGHLIGHT) for p in ax.patches)
    matplotlib.pyplot.close(fig)


def test_show_sums_by_digit_rejects_mismatched_input():
    with pytest.raises(ValueError, match="one label per image"):
        detectors.show_sums_by_digit(np.zeros(5), [1, 2, 3])
    with pytest.raises(ValueError, match="1-D array"):
        detectors.show_sums_by_digit(np.zeros((5, 2)), [1, 2, 3, 4, 5])


def test_show_pass_rates_draws_ten_orange_bars_of_the_rates():
    rates = np.linspace(0, 1, 10)
    fig = detectors.show_pass_rates(rates)
    bars = [p for p in fig.axes[0].patches
            if matplotlib.colors.same_color(p.get_facecolor(), nnbook.figures.HIGHLIGHT)]
    np.testing.assert_allclose([b.get_height() for b in bars], rates)
    with pytest.raises(ValueError, match="fractions from 0 to 1"):
        detectors.show_pass_rates(rates * 100)
    with pytest.raises(ValueError, match="one pass rate per digit"):
        detectors.show_pass_rates(rates[:9])
    matplotlib.pyplot.close("all")


def test_show_firing_frames_exactly_the_digits_that_fire():
    images, labels = nnbook.load_digits("test")
    fired = np.array([True, False, True, False, False])
    fig = detectors.show_firing(images[:5], fired, labels[:5])
    frames = fig.axes[0].patches
    assert len(frames) == 2
    assert all(matplotlib.colors.same_color(f.get_edgecolor(), nnbook.figures.HIGHLIGHT) for f in frames)
    with pytest.raises(ValueError, match="boolean array with one entry per image"):
        detectors.show_firing(images[:5], fired[:4])
    matplotlib.pyplot.close("all")


# The one-call figures and widgets of the cores of notebooks 03 and 04 ----------------

def test_show_strokes_draws_the_weights_then_each_stroke_with_its_name():
    weights = detectors.example_weights()
    a, b = detectors.stroke_image(6, 15, 12, 6), detectors.stroke_image(7, 17, 10, 2)
    fig = detectors.show_strokes(weights, [a, b], ["A", "B"])
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["the detector", "A", "B"]
    np.testing.assert_array_equal(fig.axes[0].images[0].get_array(), weights)
    np.testing.assert_array_equal(fig.axes[2].images[0].get_array(), b)
    with pytest.raises(ValueError, match="one title per stroke"):
        detectors.show_strokes(weights, [a, b], ["A"])
    with pytest.raises(TypeError, match="a list of images"):
        detectors.show_strokes(weights, a, ["A"])
    matplotlib.pyplot.close("all")


def test_show_weight_pictures_draws_each_grid_with_its_title_and_white_at_zero():
    rng = np.random.default_rng(0)
    random_weights, halves = rng.normal(size=(28, 28)), np.ones((28, 28))
    halves[:, 14:] = -1
    fig = detectors.show_weight_pictures([random_weights, halves], ["random weights", "+1 left, -1 right"])
    pictures = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in pictures] == ["random weights", "+1 left, -1 right"]
    np.testing.assert_array_equal(pictures[1].images[0].get_array(), halves)
    low, high = pictures[0].images[0].get_clim()
    assert low == -high == -np.abs(random_weights).max()
    with pytest.raises(ValueError, match="one title per weight grid"):
        detectors.show_weight_pictures([random_weights, halves], ["random"])
    with pytest.raises(TypeError, match="a list of weight grids"):
        detectors.show_weight_pictures(halves, ["halves"])
    matplotlib.pyplot.close("all")


def test_show_products_titles_each_row_with_its_weighted_sum(train_digits):
    images, labels = train_digits
    weights = detectors.example_weights()
    seven, zero = images[labels == 7][0], images[labels == 0][0]
    fig = detectors.show_products(weights, [seven, zero], ["a 7", "a 0"])
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["a 7", "weights", f"products: sum {np.sum(weights * seven):.1f}",
                      "a 0", "weights", f"products: sum {np.sum(weights * zero):.1f}"]
    np.testing.assert_allclose(fig.axes[5].images[0].get_array(), weights * zero)
    assert fig.axes[5].images[0].get_clim() == (-1, 1)
    with pytest.raises(ValueError, match="one title per digit"):
        detectors.show_products(weights, [seven, zero], ["a 7"])
    with pytest.raises(TypeError, match="a list of images"):
        detectors.show_products(weights, seven, ["a 7"])
    matplotlib.pyplot.close("all")


def test_show_average_digits_draws_the_mean_picture_of_each_digit(train_digits):
    images, labels = train_digits
    fig = detectors.show_average_digits(images, labels, [1, 0])
    assert [ax.get_title() for ax in fig.axes] == ["the average 1", "the average 0"]
    np.testing.assert_allclose(fig.axes[0].images[0].get_array(), images[labels == 1].mean(axis=0))
    with pytest.raises(ValueError, match="no images of the digit 3"):
        detectors.show_average_digits(images[labels <= 1], labels[labels <= 1], [1, 3])
    with pytest.raises(TypeError, match="a list of digits"):
        detectors.show_average_digits(images, labels, 1)
    matplotlib.pyplot.close("all")


def test_show_region_draws_the_detector_and_the_sums_of_every_digit():
    images, labels = nnbook.load_digits("test")
    fig = detectors.show_region(7, 16, 10, 4, images, labels)
    map_ax, hist_ax = fig.axes
    assert map_ax.get_title() == "rows 7-16, columns 16-19"
    np.testing.assert_array_equal(map_ax.images[0].get_array(), detectors.example_weights())
    assert hist_ax.get_xlim() == pytest.approx(detectors.REGION_SUMS_AXIS, abs=1e-6)
    assert [t.get_text() for t in hist_ax.get_yticklabels()] == [str(9 - d) for d in range(10)]
    matplotlib.pyplot.close("all")


@pytest.mark.parametrize("region", [
    tuple(detectors.EXAMPLE_REGION), (7, 7, 3, 14), (5, 13, 18, 2), (16, 5, 7, 6),  # notebook 03's suggestions
])
def test_the_region_widgets_axis_stays_put_for_the_regions_notebook_03_suggests(train_digits, region):
    """Moving from one suggested region to the next, the learner compares rows on the same x-axis."""
    images, labels = train_digits
    sums = nnbook.weighted_sum(detectors.region_detector(*region), images)
    assert detectors.region_sums_axis(sums) == detectors.REGION_SUMS_AXIS
    fig = detectors.show_region(*region, images, labels)
    assert fig.axes[1].get_xlim() == pytest.approx(detectors.REGION_SUMS_AXIS, abs=1e-6)
    matplotlib.pyplot.close("all")


def test_the_region_widgets_axis_widens_in_steps_only_for_sums_that_do_not_fit(train_digits):
    images, labels = train_digits
    sums = nnbook.weighted_sum(detectors.region_detector(0, 0, 28, 28), images)   # the whole picture: all the ink
    low, high = detectors.region_sums_axis(sums)
    assert low == detectors.REGION_SUMS_AXIS[0] and high % 20 == 0 and high - 20 < sums.max() <= high
    assert detectors.region_sums_axis([-45.0, 3.0]) == (-60.0, 40.0)
    with pytest.raises(ValueError, match="sums"):
        detectors.region_sums_axis([np.nan])


def test_show_region_cuts_the_region_to_the_picture_and_says_when_no_digit_has_ink_there():
    images, labels = nnbook.load_digits("test")
    fig = detectors.show_region(20, 20, 28, 28, images, labels)  # the sliders allow it: cut to rows/columns 20-27
    assert fig.axes[0].get_title() == "rows 20-27, columns 20-27"
    corner = detectors.show_region(27, 27, 1, 1, images, labels)
    assert not corner.axes[1].axison
    assert "every weighted sum is 0" in corner.axes[1].texts[0].get_text()
    with pytest.raises(ValueError, match="0 to 27"):
        detectors.show_region(28, 0, 1, 1, images, labels)
    matplotlib.pyplot.close("all")


def test_region_explorer_starts_at_the_example_and_redraws_when_a_slider_moves(monkeypatch):
    images, labels = nnbook.load_digits("test")
    drawn = []
    real = detectors.show_region
    monkeypatch.setattr(detectors, "show_region", lambda *args: (real(*args), drawn.append(args[:4])))  # kept if drawn
    widget = detectors.region_explorer(images[:300], labels[:300])
    sliders = {child.description: child for child in widget.children[:4]}
    assert list(sliders) == ["top row", "left column", "height", "width"]
    assert [s.value for s in sliders.values()] == list(detectors.EXAMPLE_REGION)
    assert all(s.min == 0 and s.max == 27 for s in (sliders["top row"], sliders["left column"]))
    sliders["top row"].value = 27   # the region now runs off the bottom: show_region cuts it, no error
    assert drawn == [tuple(detectors.EXAMPLE_REGION), (27, 16, 10, 4)]
    matplotlib.pyplot.close("all")


def test_show_bias_shift_moves_the_line_from_minus_bias_to_zero():
    images, labels = nnbook.load_digits("test")
    sums = nnbook.weighted_sum(detectors.example_weights(), images)
    fig = detectors.show_bias_shift(sums, labels, -7.5)
    before, after = fig.axes
    dashed = [[line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "--"] for ax in (before, after)]
    assert dashed == [[7.5], [0.0]]
    assert before.get_title() == "weighted sum, line at 7.5" and after.get_xlabel() == "weighted sum + bias"
    with pytest.raises(TypeError, match="bias"):
        detectors.show_bias_shift(sums, labels, "-10")
    matplotlib.pyplot.close("all")


def test_first_of_each_digit_takes_the_first_images_of_each_digit_in_order():
    labels = np.array([3, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
    np.testing.assert_array_equal(detectors.first_of_each_digit(labels, 2),
                                  [1, 2, 3, 13, 4, 0, 5, 6, 7, 8, 9, 10, 11])
    with pytest.raises(ValueError, match="count must be at least 1"):
        detectors.first_of_each_digit(labels, 0)


def test_show_bias_frames_the_strip_digits_that_fire_and_reports_the_share():
    images, labels = nnbook.load_digits("test")
    weights = detectors.example_weights()
    fig = detectors.show_bias(weights, -10, images, labels)
    hist_ax, bar_ax, strip_ax = fig.axes
    assert hist_ax.get_title() == "bias -10, so threshold 10"
    for zero in (0.0, -0.0):   # the slider's middle: no "-0"
        assert detectors.show_bias(weights, zero, images, labels).axes[0].get_title() == "bias 0, so threshold 0"
        shift = detectors.show_bias_shift(np.zeros(len(labels)), labels, zero)
        assert shift.axes[0].get_title() == "weighted sum, line at 0"
    share = np.mean(detectors.fires(weights, -10, images))
    assert bar_ax.get_title() == f"fires for {share:.0%} of all digits"
    strip = detectors.first_of_each_digit(labels)
    assert len(strip_ax.patches) == int(np.sum(detectors.fires(weights, -10, images[strip])))
    with pytest.raises(ValueError, match="one weighted sum per image"):
        detectors.show_bias(weights, -10, images, labels, sums=np.zeros(3))
    matplotlib.pyplot.close("all")


def test_bias_explorer_starts_at_the_example_bias_and_redraws_for_a_new_one(monkeypatch):
    images, labels = nnbook.load_digits("test")
    drawn = []
    real = detectors.show_bias
    monkeypatch.setattr(detectors, "show_bias", lambda *args, **kwargs: (real(*args, **kwargs), drawn.append(args[1])))
    widget = detectors.bias_explorer(detectors.example_weights(), images[:300], labels[:300])
    slider = widget.children[0]
    assert (slider.value, slider.min, slider.max, slider.description) == (detectors.EXAMPLE_BIAS, -30, 10, "bias")
    slider.value = 0.0
    assert drawn == [detectors.EXAMPLE_BIAS, 0.0]
    matplotlib.pyplot.close("all")


def test_the_figures_speak_dutch_after_set_language():
    import nnbook
    nnbook.set_language("nl")
    try:
        fig = detectors.show_pass_rates(np.linspace(0, 1, 10), title="x")
        assert fig.axes[0].get_xlabel() == "cijfer" and fig.axes[0].get_ylabel() == "vuurt bij"
    finally:
        nnbook.set_language("en")
