"""The self-checks of notebook 03: right answers pass, each typical mistake gets its own feedback."""

import numpy as np
import pytest

import nnbook
from checks import fails, not_attempted, passes, run_solution
from nnbook import check, detectors

# tiny_weighted_sum --------------------------------------------------------------

def test_tiny_accepts_the_sum_of_products():
    passes(check.tiny_weighted_sum(1.4))
    passes(check.tiny_weighted_sum(2 * 1.0 + -1 * 0.8 + 0.5 * 0.4 + -3 * 0.0))
    passes(check.tiny_weighted_sum(np.float64(1.4)))
    passes(check.tiny_weighted_sum(np.sum(np.array([2.0, -1.0, 0.5, -3.0]) * np.array([1.0, 0.8, 0.4, 0.0]))))


@pytest.mark.parametrize("answer, phrases", [
    (0.7, ["adding all eight numbers", "Multiply each weight"]),
    (-1.5, ["sum of the weights alone"]),
    (2.2, ["sum of the activations alone", "also what you get if (-1) × 0.8 = -0.8 is left out"]),
    (3.0, ["if every weight were positive", "minus signs"]),
    (-3.3, ["(sum of the weights) × (sum of the activations)"]),
    ([2.0, -0.8, 0.2, 0.0], ["four numbers", "add them up"]),
    (np.array([2.0, -0.8, 0.2, 0.0]), ["four numbers"]),
    (1.28, ["1.28 is not it", "2 × 1.0"]),
    ("1.4", ["got the text '1.4' (a str, because it is in quotes)", "Leave out the quotes"]),
    ("1,4", ["should be one number", "str"]),
    (1.2, ["0.5 × 0.4 = 0.2 is left out", "Add all four products"]),
    (-0.6, ["2 × 1.0 = 2 is left out"]),
    (-1.6, ["(-3) × 0.0 counts as -3", "Anything times 0 is 0"]),
    (1.0, ["0.5 × 0.4 counts as -0.2 instead of 0.2"]),
    (1.22, ["0.5 × 0.4 counts as 0.02", "decimal places"]),
    (-5.8, ["(-1) × 0.8 counts as -8", "decimal places"]),
    (1.7, ["0.5 × 0.4 counts as just the weight, 0.5"]),
    (-1.4, ["right size but the wrong sign"]),
    (1, ["close, but the sum is not a whole number", "Do not round"]),
    (None, ["should be one number"]),
    (float("nan"), ["not a finite number"]),
])
def test_tiny_explains_each_typical_mistake(answer, phrases):
    fails(check.tiny_weighted_sum(answer), *phrases)


def test_tiny_stub_is_not_attempted():
    not_attempted(check.tiny_weighted_sum(...))


def test_tiny_solution_passes_its_own_check():
    passes(check.tiny_weighted_sum(run_solution(check.tiny_weighted_sum)["my_answer"]))


def test_tiny_numbers_are_the_ones_the_check_uses():
    from nnbook.check import n03_weighted_sums as n03
    assert sum(w * a for w, a in zip(n03.TINY_WEIGHTS, n03.TINY_ACTIVATIONS)) == pytest.approx(1.4)


# batch_weighted_sums -------------------------------------------------------------

def test_batch_accepts_numpy_a_loop_and_a_list():
    passes(check.batch_weighted_sums(lambda w, images: np.sum(w * images, axis=(1, 2))))
    passes(check.batch_weighted_sums(lambda w, images: nnbook.weighted_sum(w, images)))
    passes(check.batch_weighted_sums(lambda w, images: images.reshape(len(images), -1) @ w.ravel()))
    passes(check.batch_weighted_sums(lambda w, images: [float(np.sum(w * image)) for image in images]))


def _stub(weights, images):
    return ...  # your code here


@pytest.mark.parametrize("stub", [..., _stub])
def test_batch_stub_is_not_attempted(stub):
    not_attempted(check.batch_weighted_sums(stub))


def test_batch_not_implemented_counts_as_not_attempted():
    def my_weighted_sums(weights, images):
        raise NotImplementedError

    not_attempted(check.batch_weighted_sums(my_weighted_sums))


@pytest.mark.parametrize("answer, phrases", [
    (lambda w, im: np.sum(w * im), ["one number, the total of all 5 images"]),
    (lambda w, im: w * im, ["the products, not yet added up", "axis=(1, 2)"]),
    (lambda w, im: np.sum(w * im, axis=0), ["added over the images", "axis=0"]),
    (lambda w, im: np.sum(w * im, axis=1), ["28 partial sums per image", "down the rows only", "axis=(1, 2)"]),
    (lambda w, im: np.sum(w * im, axis=2), ["rows or the columns only", "28 partial sums"]),
    (lambda w, im: np.sum(w * im, axis=(0, 1)), ["shape (28,)", "over the images too", "Axis 0 counts the images"]),
    (lambda w, im: np.sum(w * im, axis=(1, 2))[:-1],
     ["returned 4 sums; expected 5", "one too few", "range(len(images))"]),
    (lambda w, im: np.append(np.sum(w * im, axis=(1, 2)), 0.0), ["returned 6 sums", "one too many"]),
    (lambda w, im: np.full(len(im), np.sum(w * im[0])),
     ["all 5 of your sums are the same", "images[i], not images[0]"]),
    (lambda w, im: np.sum(im, axis=(1, 2)), ["total brightness", "weights are missing"]),
    (lambda w, im: np.sum(w * im, axis=(1, 2)) + 1, ["off by the same amount, +1", "No bias yet"]),
    (lambda w, im: np.sum(w[0] * im[:, 0], axis=1), ["only the first row"]),
    (lambda w, im: np.sum(w * im, axis=(1, 2))[:1], ["only 1 sum; expected 5", "`return` comes after the loop"]),
    (lambda w, im: np.sum(w * im, axis=(1, 2))[:3], ["shape (3,)", "expected (5,)"]),
    (lambda w, im: np.sum(w * im, axis=(1, 2)) * 2, ["image 0 should give"]),
    (lambda w, im: float(np.sum(w * im, axis=(1, 2))[0]) if len(im) == 1 else np.sum(w * im, axis=(1, 2)),
     ["for 1 image", "one number", "even when n is 1"]),
    (lambda w, im: None, ["returned None", "return"]),
    (lambda w, im: 1 / 0, ["raised ZeroDivisionError"]),
    (lambda w, im: "sums", ["returned str 'sums'", "array of 5 numbers"]),
    (np.sum, ["raised"]),
    (42, ["expected a function"]),
])
def test_batch_explains_each_typical_mistake(answer, phrases):
    fails(check.batch_weighted_sums(answer), *phrases)


def test_batch_spots_a_return_inside_the_loop():
    def my_weighted_sums(weights, images):
        for image in images:
            return np.sum(weights * image)

    fails(check.batch_weighted_sums(my_weighted_sums), "one number", "`return` comes after the loop")


def test_batch_spots_the_notebooks_loop_given_grids():
    """weighted_sum_loop walks along 784 numbers; given 28×28 grids, weights[i] is a whole row."""
    def weighted_sum_loop(weights, activations):
        total = 0.0
        for i in range(len(weights)):
            total += weights[i] * activations[i]
        return total

    fails(check.batch_weighted_sums(lambda w, images: [weighted_sum_loop(w, image) for image in images]),
          "shape (5, 28)", "weighted_sum_loop when it gets a 28×28 grid", "reshape(784)")
    passes(check.batch_weighted_sums(
        lambda w, images: [weighted_sum_loop(w.reshape(784), image.reshape(784)) for image in images]))


def test_batch_names_the_first_image_that_is_wrong():
    def one_wrong(weights, images):
        sums = np.sum(weights * images, axis=(1, 2))
        sums[2] += 1
        return sums

    fails(check.batch_weighted_sums(one_wrong), "image 2 should give")


def test_batch_survives_a_function_that_changes_its_input():
    def sloppy(weights, images):
        images *= weights  # in place: the check must still know the right answer
        return np.sum(images, axis=(1, 2))

    passes(check.batch_weighted_sums(sloppy))


def test_batch_solution_passes_its_own_check():
    passes(check.batch_weighted_sums(run_solution(check.batch_weighted_sums)["my_weighted_sums"]))


# larger_weighted_sum ---------------------------------------------------------------

def test_prediction_strokes_give_the_sums_the_explanation_names():
    from nnbook.check import n03_weighted_sums as n03
    weights = detectors.example_weights()
    a = nnbook.weighted_sum(weights, detectors.stroke_image(*n03.STROKE_A))
    b = nnbook.weighted_sum(weights, detectors.stroke_image(*n03.STROKE_B))
    assert (a, b) == (8.0, 20.0)
    assert detectors.stroke_image(*n03.STROKE_A).sum() > detectors.stroke_image(*n03.STROKE_B).sum()


@pytest.mark.parametrize("answer", ["B", "b", " B "])
def test_prediction_accepts_b(answer):
    passes(check.larger_weighted_sum(answer))


def test_prediction_explains_why_a_is_wrong():
    fails(check.larger_weighted_sum("A"), "other one", "-32", "20")


@pytest.mark.parametrize("answer", ["C", "AB", 1, None, ["B"]])
def test_prediction_asks_for_a_letter(answer):
    fails(check.larger_weighted_sum(answer), '"A" or "B"')


def test_prediction_stub_is_not_attempted_and_solution_passes():
    not_attempted(check.larger_weighted_sum(...))
    passes(check.larger_weighted_sum(run_solution(check.larger_weighted_sum)["my_prediction"]))


# top_bar_weights -------------------------------------------------------------------

def _bar(rows, columns=slice(5, 23), value=1.0):
    weights = np.zeros((28, 28))
    weights[rows, columns] = value
    return weights


def test_top_bar_accepts_a_bar_with_negative_weights_around_it():
    passes(check.top_bar_weights(detectors.region_detector(7, 6, 3, 16)))
    passes(check.top_bar_weights(detectors.region_detector(7, 7, 3, 14).ravel()))
    passes(check.top_bar_weights(detectors.region_detector(7, 7, 3, 14).tolist()))
    passes(check.top_bar_weights(-np.ones((28, 28)) + 2 * _bar(slice(7, 10), slice(7, 21))))


def test_top_bar_needs_more_than_positive_weights_on_the_bar():
    """The big blob is why a detector needs its red frame: a plain bar of +1 scores it as high as the bar."""
    fails(check.top_bar_weights(_bar(slice(7, 10), slice(7, 21))),
          "A big blob of ink gives 42.0, as much as the top bar's 42.0", "rows just above and below the bar")
    fails(check.top_bar_weights(_bar(slice(7, 10))), "A big blob of ink gives 48.0, more than the top bar's 42.0")


def test_top_bar_reports_real_sevens_either_way():
    good = passes(check.top_bar_weights(run_solution(check.top_bar_weights)["my_top_bar_weights"]))
    assert "real 7s do score higher" in str(good)
    one_row_too_high = detectors.region_detector(6, 7, 3, 14)
    low = passes(check.top_bar_weights(one_row_too_high))
    assert "Real 7s are messier" in str(low)


@pytest.mark.parametrize("answer, phrases", [
    (-_bar(slice(7, 10)), ["negative sum", "signs are flipped"]),
    (-detectors.region_detector(7, 7, 3, 14), ["negative sum", "signs are flipped"]),
    (_bar(slice(7, 10)).T, ["vertical bar at the left", "rows and columns are swapped"]),
    (np.ones((28, 28)), ["same weight, 1", "anywhere"]),
    (np.zeros((28, 28)), ["all your weights are 0", "w[7:10, 7:21], with a comma"]),
    (_bar(slice(7, 10)) + _bar(slice(13, 16)),
     ["The same bar in the middle gives 42.0, as much as", "So does a big blob of ink (96.0)", "lower down"]),
    (_bar(slice(7, 23)), ["The same bar in the middle gives 42.0", "So does a vertical line down the middle (48.0)"]),
    (detectors.region_detector(7, 7, 3, 14) + _bar(slice(0, 28), slice(13, 16)),
     ["A vertical line down the middle gives", "rows just above and below"]),
    (_bar(slice(7, 10)) + _bar(slice(20, 23)), ["A big blob of ink gives 96.0, more than the top bar's 42.0"]),
    (_bar(slice(20, 23)), ["The top bar should give the biggest sum, but it gives 0.0", "rows 7-9"]),
    (_bar(slice(0, 4)), ["gives 0.0", "rows 0-3 are nearly always empty"]),
    (np.ones((27, 27)), ["shape (27, 27)", "(28, 28)"]),
    (np.ones(28), ["shape (28,)"]),
    ("top", ["array of numbers"]),
    (np.full((28, 28), np.nan), ["NaN"]),
])
def test_top_bar_explains_each_typical_mistake(answer, phrases):
    fails(check.top_bar_weights(answer), *phrases)


def test_top_bar_stub_is_not_attempted():
    not_attempted(check.top_bar_weights(...))


def test_top_bar_test_images_are_four_white_strokes_the_top_one_first():
    from nnbook.check import n03_weighted_sums as n03
    images = n03.top_bar_tests()
    assert list(images) == ["a bar at the top", "the same bar in the middle", "a vertical line down the middle",
                            "a big blob of ink"]
    assert all(image.shape == (28, 28) and set(np.unique(image)) == {0.0, 1.0} for image in images.values())


def test_larger_sum_reads_the_letter_itself_not_what_a_str_subclass_says():
    class Sneaky(str):
        def strip(self, chars=None):
            return self

        def upper(self):
            return "B"

    fails(check.larger_weighted_sum(Sneaky("A")), "the other one")
    passes(check.larger_weighted_sum(Sneaky(" b ")))


@pytest.fixture
def dutch():
    nnbook.set_language("nl")
    yield
    nnbook.set_language("en")


def test_the_feedback_speaks_dutch_after_set_language(dutch):
    from nnbook.check import n03_weighted_sums as n03
    text = str(check.tiny_weighted_sum(-0.6))
    assert "-0.6 krijg je als je 2 × 1.0 = 2 weglaat" in text and "Hint: Tel alle vier producten op" in text, text
    assert "gaf je functie één getal terug" in str(check.batch_weighted_sums(lambda weights, images: 0.0))
    assert "het is de andere" in str(check.larger_weighted_sum("A"))
    assert list(n03.top_bar_tests())[0] == "een streep bovenaan"
    assert "Vervang de ... door" in str(not_attempted(check.top_bar_weights(...)))
    assert "Welke van twee strepen" in repr(check.larger_weighted_sum)
    assert "# Vermenigvuldig elk gewicht" in repr(check.tiny_weighted_sum.solution())
