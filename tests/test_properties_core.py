"""Generated tests for the core functions, the lesson modules and the widgets.

Two properties. Bad input, whatever its kind (a wrong type, a wrong shape, an
empty batch, NaN, infinity, a number too large for a float, text, dates,
complex numbers), gets a ValueError or TypeError whose message names the
argument, never a raw numpy or Python error, and never a warning. Good input
gives what a plain Python reference computes.
"""

import functools
import math
import warnings
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnbook
from nnbook import _validate, by_hand, detectors, evaluation, parts, preprocess, rules, timing, weight_patterns
from nnbook.widgets import DigitCanvas, NetworkExplorer, NeuronExplorer

FAST = settings(derandomize=True, max_examples=12, deadline=None)
THOROUGH = settings(FAST, max_examples=30)
"""For the bad values: enough examples to meet most of the kinds of bad value in each case."""


@pytest.fixture(autouse=True)
def strict_numpy_and_no_figures_left():
    """Every call runs with numpy raising on any floating-point problem, and with warnings as errors."""
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
    plt.close("all")


# ---- bad values -------------------------------------------------------------------------------

NOT_NUMBERS = st.sampled_from([
    "0.5", b"1", None, {"a": 1}, {1, 2}, object(), 1 + 2j, np.datetime64("2020-01-01"),
    np.timedelta64(3, "s"), [1, "a"], ["1", "2"], [[1, 2], [3]], [None, 1.0], [1j, 2.0],
    np.ma.masked_array([0.5, 0.5], mask=[True, False]), np.array([0.5, None], dtype=object),
    [True, False], 10**400, [10**400],
])
"""Values that are not numbers, or not arrays of real numbers, or not floats at all."""

NOT_SCALARS = st.one_of(NOT_NUMBERS, st.sampled_from([True, np.bool_(False), [1.0], np.ones(2), float("nan"),
                                                      float("inf"), -float("inf"), 10**400, Fraction(10**400)]))
"""Values that are not one finite real number."""

BAD_COUNTS = st.one_of(st.integers(max_value=0), st.sampled_from([2.5, 3.0, "3", None, True, [3], float("nan")]))
"""Values that are not a whole number of 1 or more."""

BAD_LABELS = st.sampled_from([
    "12", 7, None, [1.5, 2.0], [1, 10], [-1, 2], [1, float("nan")], [True, False], [[1, 2]],
    np.array([1, 2], dtype="timedelta64[ns]"), np.array([1, "NaT"], dtype="timedelta64[ns]"), [1], [1, 2, 3],
])
"""Labels for two images that are wrong: not digits 0-9, not whole, not a flat list, or not two of them."""


def spoiled(good: np.ndarray, values=(np.nan, np.inf, -np.inf, 1e300, -1e-300, 1 + 2**-52, 255.0)):
    """The good pixels with one spoiled: NaN, infinity, or a value outside [0, 1] (by a hair or by far)."""
    return st.tuples(st.integers(0, good.size - 1), st.sampled_from(values)).map(lambda spot: _with(good, *spot))


def non_finite(good: np.ndarray):
    """The good numbers with one NaN or infinity among them."""
    return spoiled(good, (np.nan, np.inf, -np.inf))


def _with(good, index, value):
    bad = good.astype(np.float64)
    bad.flat[index] = value
    return bad


def reshaped(good: np.ndarray, valid_sizes):
    """The good numbers cut to a size or a shape the argument does not take."""
    shapes = st.sampled_from([(0,), (3,), (27, 28), (2, 27, 27), (783,), (1, 2, 3, 4), (0, 784), (5, 5)])
    return shapes.filter(lambda shape: shape not in valid_sizes).map(lambda shape: np.full(shape, 0.5))


def refused(call, name: str) -> None:
    """The call raises ValueError or TypeError whose message names the argument."""
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert info.type in (ValueError, TypeError), f"raw {info.type.__name__}: {info.value}"
    assert name in str(info.value), f"{name!r} not named in: {info.value}"


# ---- good values ------------------------------------------------------------------------------

IMAGE = np.linspace(0.0, 1.0, 784).reshape(28, 28)
IMAGES = np.stack([IMAGE, IMAGE[::-1], IMAGE.T])
PATTERN = detectors.example_weights()
NET = nnbook.Network(seed=0)


def _call(function, **kwargs):
    return lambda value: function(**kwargs, **value)


# Each case: the name of the argument under test, the bad values for it, and how to call with one of them.
CASES = {
    "sigmoid": ("z", NOT_NUMBERS, lambda z: nnbook.sigmoid(z)),
    "relu": ("z", NOT_NUMBERS, lambda z: nnbook.relu(z)),
    "sigmoid_slope": ("z", NOT_NUMBERS, lambda z: nnbook.sigmoid_slope(z)),
    "relu_slope": ("z", NOT_NUMBERS, lambda z: nnbook.relu_slope(z)),
    "weighted_sum weights": ("weights", st.one_of(NOT_NUMBERS, non_finite(np.ones(3))),
                             lambda w: nnbook.weighted_sum(w, [0.5, 0.5, 0.5])),
    "weighted_sum activations": ("activations", st.one_of(NOT_NUMBERS, non_finite(np.ones(3)),
                                                          reshaped(np.ones(3), {(3,)})),
                                 lambda a: nnbook.weighted_sum([1.0, 2.0, 3.0], a)),
    "weighted_sum bias": ("bias", NOT_SCALARS, lambda b: nnbook.weighted_sum([1.0], [1.0], b)),
    "show_digit": ("image", st.one_of(NOT_NUMBERS, spoiled(IMAGE), reshaped(IMAGE, {(28, 28)})),
                   lambda image: nnbook.show_digit(image)),
    "show_digits images": ("images", st.one_of(NOT_NUMBERS, spoiled(IMAGES), reshaped(IMAGES, set())),
                           lambda images: nnbook.show_digits(images)),
    "show_digits labels": ("labels", st.sampled_from([3, "abc", [1, 2], {1: 2}]),
                           lambda labels: nnbook.show_digits(IMAGES, labels)),
    "show_digits ncols": ("ncols", BAD_COUNTS, lambda ncols: nnbook.show_digits(IMAGES, ncols=ncols)),
    "show_weights": ("weights_row", st.one_of(NOT_NUMBERS, non_finite(PATTERN),
                                              reshaped(PATTERN, {(28, 28)})),
                     lambda w: nnbook.show_weights(w)),
    "show_weights limit": ("limit", st.one_of(NOT_SCALARS, st.floats(max_value=0.0)),
                           lambda limit: nnbook.show_weights(PATTERN, limit=limit)),
    "show_prediction": ("outputs", st.one_of(NOT_NUMBERS, non_finite(np.ones(10)),
                                             reshaped(np.ones(10), set())),
                        lambda outputs: nnbook.show_prediction(outputs)),
    "show_network image": ("image", st.one_of(NOT_NUMBERS, spoiled(IMAGE), reshaped(IMAGE, {(28, 28)})),
                           lambda image: nnbook.show_network(NET, image)),
    "show_network strongest": ("strongest", BAD_COUNTS, lambda n: nnbook.show_network(NET, IMAGE, strongest=n)),
    "region_detector": ("top", st.one_of(st.integers(max_value=-1), st.sampled_from([1.5, "1", None, True])),
                        lambda top: detectors.region_detector(top, 3, 4, 4)),
    "region_detector width": ("width", BAD_COUNTS, lambda width: detectors.region_detector(3, 3, 4, width)),
    "stroke_image": ("height", BAD_COUNTS, lambda height: detectors.stroke_image(3, 3, height, 2)),
    "fires weights": ("weights", st.one_of(NOT_NUMBERS, reshaped(PATTERN, {(28, 28)}),
                                           non_finite(PATTERN)),
                      lambda w: detectors.fires(w, -10, IMAGE)),
    "fires bias": ("bias", NOT_SCALARS, lambda bias: detectors.fires(PATTERN, bias, IMAGE)),
    "fires images": ("images", st.one_of(NOT_NUMBERS, spoiled(IMAGES), reshaped(IMAGES, set())),
                     lambda images: detectors.fires(PATTERN, -10, images)),
    "pass_rates labels": ("labels", BAD_LABELS, lambda labels: detectors.pass_rates(PATTERN, -10, IMAGES[:2], labels)),
    "show_sums_by_digit": ("sums", st.one_of(NOT_NUMBERS, non_finite(np.ones(2))),
                           lambda sums: detectors.show_sums_by_digit(sums, [1, 2])),
    "show_sums_by_digit threshold": ("threshold", NOT_SCALARS.filter(lambda t: t is not None),  # None: no threshold
                                     lambda t: detectors.show_sums_by_digit([1.0, 2.0], [1, 2], threshold=t)),
    "show_sums_by_digit xlim": ("xlim", st.sampled_from([3, "ab", (1,), (2, 1), (0, np.nan), (None, 1), np.ones(2)]),
                                lambda xlim: detectors.show_sums_by_digit([1.0, 2.0], [1, 2], xlim=xlim)),
    "show_pass_rates": ("rates", st.one_of(NOT_NUMBERS, reshaped(np.ones(10), set())),
                        lambda rates: detectors.show_pass_rates(rates)),
    "show_firing fired": ("fired", st.sampled_from([[1, 0, 1], [True], "yes", None, np.ones(3)]),
                          lambda fired: detectors.show_firing(IMAGES, fired)),
    "show_firing ncols": ("ncols", BAD_COUNTS,
                          lambda ncols: detectors.show_firing(IMAGES, np.ones(3, bool), ncols=ncols)),
    "parts.loop center": ("center", st.one_of(NOT_NUMBERS, non_finite(np.ones(2)), reshaped(np.ones(2), set())),
                          lambda center: parts.loop(center, 4)),
    "parts.loop radius": ("radius", st.one_of(NOT_SCALARS, st.floats(max_value=0.0)),
                          lambda radius: parts.loop((14, 14), radius)),
    "parts.line thickness": ("thickness", st.one_of(NOT_SCALARS, st.floats(max_value=0.0)),
                             lambda thickness: parts.line((3, 3), (9, 9), thickness)),
    "parts.overlap part": ("part", st.one_of(NOT_NUMBERS, reshaped(np.ones((28, 28)), set()),
                                             st.just(np.full((28, 28), 0.5)), st.just(np.zeros((28, 28)))),
                           lambda part: parts.overlap(IMAGE, part)),
    "parts.overlap images": ("images", st.one_of(NOT_NUMBERS, spoiled(IMAGES)),
                             lambda images: parts.overlap(images, parts.digit_parts()["loop on top"])),
    "parts.ranking": ("by_digit", st.one_of(NOT_NUMBERS, non_finite(np.ones(10)),
                                            reshaped(np.ones(10), set())),
                      lambda by_digit: parts.ranking(by_digit)),
    "parts.digits_with": ("part_name", st.sampled_from([5, None, "loop", b"line across", ["loop on top"]]),
                          lambda name: parts.digits_with(name)),
    "rules.count_bright threshold": ("threshold", st.one_of(NOT_SCALARS, st.sampled_from([-0.1, 1.5])),
                                     lambda t: rules.count_bright(IMAGE, t)),
    "rules.guess_by_count": ("typical", st.one_of(NOT_NUMBERS, reshaped(np.ones(10), set())),
                             lambda typical: rules.guess_by_count(IMAGE, typical)),
    "rules.differences": ("averages", st.one_of(NOT_NUMBERS, reshaped(np.ones((10, 784)), set()),
                                                spoiled(np.full((10, 784), 0.5))),
                          lambda averages: rules.differences(IMAGE, averages)),
    "rules.accuracy guesses": ("guesses", st.sampled_from(["12", None, [1.5], [12], [True], [], [[1]]]),
                               lambda guesses: rules.accuracy(guesses, [1])),
    "rules.accuracy labels": ("labels", BAD_LABELS, lambda labels: rules.accuracy([1, 2], labels)),
    "evaluation.accuracy labels": ("labels", BAD_LABELS, lambda labels: evaluation.accuracy([1, 2], labels)),
    "evaluation.confusion_table": ("predictions", BAD_LABELS,
                                   lambda predictions: evaluation.confusion_table([1, 2], predictions)),
    "evaluation.format_table": ("table", st.one_of(NOT_NUMBERS, reshaped(np.ones((10, 10)), set()),
                                                   st.sampled_from([np.full((10, 10), value)
                                                                    for value in (1e30, -1.0, 0.5, np.nan)])),
                                lambda table: evaluation.format_table(table)),
    "evaluation.most_confused": ("count", BAD_COUNTS, lambda count: evaluation.most_confused(np.ones((10, 10)), count)),
    "evaluation.show_mistakes": ("images", st.one_of(NOT_NUMBERS, spoiled(IMAGES[:2]), reshaped(IMAGES, set())),
                                 lambda images: evaluation.show_mistakes(images, [1, 2], [3, 4])),
    "best_patch": ("weights_row", st.one_of(NOT_NUMBERS, reshaped(PATTERN, {(28, 28)})),
                   lambda w: weight_patterns.best_patch(w)),
    "best_patch size": ("size", st.one_of(BAD_COUNTS, st.integers(29, 10**30)),
                        lambda size: weight_patterns.best_patch(PATTERN, size)),
    "show_weight_grid": ("weights", st.one_of(NOT_NUMBERS, reshaped(np.ones((2, 784)), set())),
                         lambda w: weight_patterns.show_weight_grid(w)),
    "show_weight_grid limit": ("limit", st.one_of(NOT_SCALARS, st.floats(max_value=0.0)),
                               lambda limit: weight_patterns.show_weight_grid(np.ones((2, 784)), limit=limit)),
    "show_weight_grid patch_size": ("patch_size", BAD_COUNTS.filter(lambda size: size is not None),  # None: no patch
                                    lambda size: weight_patterns.show_weight_grid(np.ones((2, 784)), patch_size=size)),
    "by_hand.network": ("output_weights", st.one_of(NOT_NUMBERS, reshaped(np.ones((3, 3)), set())),
                        lambda w: by_hand.network(w, np.zeros(3))),
    "by_hand.medal": ("accuracy", st.one_of(NOT_SCALARS, st.sampled_from([-0.1, 1.5])),
                      lambda accuracy: by_hand.medal(accuracy)),
    "by_hand.score": ("net", st.sampled_from([None, "net", nnbook.Network((784, 4, 3)).weights]),
                      lambda net: by_hand.score(net)),
    "center_like_mnist": ("pixels", st.one_of(NOT_NUMBERS, spoiled(np.zeros((40, 30))),
                                              reshaped(np.zeros(3), {(27, 28), (5, 5)})),
                          lambda pixels: preprocess.center_like_mnist(pixels)),
    "strokes_to_image": ("strokes", st.one_of(NOT_NUMBERS.filter(lambda v: not isinstance(v, list)),
                                              st.sampled_from([[[]], [[0.1, 0.2]], [[[0.1, 0.2, 0.3]]],
                                                               [[[0.0, 0.0], [1e300, 0.0]]], [[[np.nan, 0.5]]]])),
                         lambda strokes: preprocess.strokes_to_image(strokes)),
    "draw_strokes pen": ("pen", st.one_of(NOT_SCALARS, st.floats(max_value=0.0)),
                         lambda pen: preprocess.draw_strokes([[[0.2, 0.2]]], pen=pen)),
    "timing images": ("images", st.one_of(NOT_NUMBERS, spoiled(IMAGES), reshaped(IMAGES, set())),
                      lambda images: timing.forward_matrix(NET, images)),
    "time_forward_passes": ("repeats", BAD_COUNTS, lambda repeats: timing.time_forward_passes(NET, IMAGE, repeats)),
    "DigitCanvas": ("strokes", st.sampled_from(["1", 5, None, [[]], [[0.1, 0.2]], [[[0.0, 0.0], [1e300, 0.0]]],
                                                [[[1.5, 0.5]]], [[[-0.01, 0.5]]], [[[np.nan, 0.5]]]]),
                    lambda strokes: DigitCanvas(strokes=strokes)),
    "NeuronExplorer weights": ("weights", st.one_of(NOT_NUMBERS.filter(lambda v: not isinstance(v, int)),
                                                    reshaped(PATTERN, {(28, 28)}),
                                                    st.sampled_from([np.full(784, 1e306), np.full(784, np.nan)])),
                               lambda weights: NeuronExplorer(weights=weights, images=IMAGES)),
    "NeuronExplorer bias": ("bias", NOT_SCALARS, lambda bias: NeuronExplorer(bias=bias)),
    "NeuronExplorer labels": ("labels", BAD_LABELS.filter(lambda labels: labels is not None),  # None: no labels
                              lambda labels: NeuronExplorer(weights=PATTERN, images=IMAGES[:2], labels=labels)),
    "NetworkExplorer strongest": ("strongest", BAD_COUNTS,
                                  lambda strongest: NetworkExplorer(NET, source=DigitCanvas(), strongest=strongest)),
    "NetworkExplorer network": ("network", st.sampled_from(["net", NET.weights, nnbook.Network((4, 3))]),
                                lambda network: NetworkExplorer(network)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_refused_with_the_arguments_name(case):
    name, bad_values, call = CASES[case]

    @THOROUGH
    @given(bad_values)
    def check(value):
        refused(lambda: call(value), name)

    check()


def test_bad_slider_values_and_set_image_are_refused_by_name():
    neuron = NeuronExplorer()
    for value in (float("nan"), float("inf")):
        refused(functools.partial(setattr, neuron.sliders["weight"], "value", value), "weight w")
    explorer = NetworkExplorer(NET, source=DigitCanvas())
    for image in ("abc", IMAGES, np.full((28, 28), 2.0), np.zeros(10)):
        refused(functools.partial(explorer.set_image, image), "image")


# ---- good values agree with plain Python ------------------------------------------------------

def stable_sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    return math.exp(x) / (1.0 + math.exp(x))


REALS = st.floats(allow_nan=False, allow_infinity=False)


@FAST
@given(st.lists(REALS, min_size=1, max_size=8))
def test_sigmoid_and_its_slope_agree_with_math_element_by_element(xs):
    values, slopes = nnbook.sigmoid(xs), nnbook.sigmoid_slope(xs)
    for x, value, slope in zip(xs, values, slopes, strict=True):
        expected = stable_sigmoid(x)
        assert value == pytest.approx(expected, rel=1e-15, abs=1e-300)
        assert 0.0 <= value <= 1.0
        assert slope == pytest.approx(expected * (1.0 - expected), abs=1e-15)


@FAST
@given(st.lists(REALS, min_size=1, max_size=8))
def test_relu_and_its_slope_are_max_of_zero_and_x(xs):
    assert nnbook.relu(xs).tolist() == [max(0.0, x) for x in xs]
    assert nnbook.relu_slope(xs).tolist() == [1.0 if x > 0 else 0.0 for x in xs]


@FAST
@given(REALS)
def test_one_number_in_gives_one_float_out(x):
    assert isinstance(nnbook.sigmoid(x), float) and isinstance(nnbook.relu(x), float)


SMALL = st.floats(-1e6, 1e6)


@FAST
@given(st.integers(1, 12).flatmap(lambda n: st.tuples(st.lists(SMALL, min_size=n, max_size=n),
                                                      st.lists(SMALL, min_size=n, max_size=n))), SMALL)
def test_weighted_sum_agrees_with_a_python_loop(pair, bias):
    weights, activations = pair
    total = bias
    for w, a in zip(weights, activations, strict=True):
        total += w * a
    size = abs(bias) + sum(abs(w * a) for w, a in zip(weights, activations, strict=True))
    assert nnbook.weighted_sum(weights, activations, bias) == pytest.approx(total, abs=1e-12 * size + 1e-300)


@FAST
@given(hnp.arrays(np.float64, (3, 4), elements=st.floats(-100, 100)),
       hnp.arrays(np.float64, 4, elements=st.floats(0, 1)))
def test_weighted_sum_of_a_batch_is_each_images_own(batch, weights):
    sums = nnbook.weighted_sum(weights, batch, 0.5)
    for row, total in zip(batch, sums, strict=True):
        assert total == pytest.approx(nnbook.weighted_sum(weights, row, 0.5), rel=1e-12, abs=1e-9)


@FAST
@given(st.lists(st.integers(0, 9), min_size=1, max_size=20).flatmap(
    lambda labels: st.tuples(st.just(labels), st.lists(st.integers(0, 9), min_size=len(labels),
                                                       max_size=len(labels)))))
def test_the_accuracies_count_matches(pair):
    labels, predictions = pair
    share = sum(p == y for p, y in zip(predictions, labels, strict=True)) / len(labels)
    assert evaluation.accuracy(predictions, labels) == pytest.approx(share)
    assert rules.accuracy(predictions, labels) == pytest.approx(share)
    table = evaluation.confusion_table(labels, predictions)
    assert int(np.trace(table)) == round(share * len(labels)) and table.sum() == len(labels)


@FAST
@given(hnp.arrays(np.float64, (28, 28), elements=st.floats(0, 1)))
def test_pixel_grid_takes_both_shapes_of_an_image(image):
    np.testing.assert_array_equal(_validate.pixel_grid(image.ravel(), "image"), image)
    np.testing.assert_array_equal(_validate.pixel_grid(image, "image"), image)


@FAST
@given(st.one_of(st.integers(-10**30, 10**30), st.fractions(), REALS))
def test_number_takes_every_finite_real(value):
    assert _validate.number(value, "x") == float(value)


def test_the_input_errors_speak_dutch_after_set_language():
    nnbook.set_language("nl")
    try:
        with pytest.raises(ValueError, match=r"moet grijswaarden in \[0, 1\] bevatten .* \(deel bytes van 0-255"):
            nnbook.show_digit(np.full((28, 28), 255.0))
        with pytest.raises(TypeError, match="moet een getal zijn of een array van getallen, maar kreeg tekst"):
            _validate.as_float_array(np.array(["1"]), "x")
        with pytest.raises(ValueError, match="moet één label per afbeelding hebben: 2 afbeeldingen maar 1 label"):
            _validate.digit_labels([3], n=2)
    finally:
        nnbook.set_language("en")
