"""sigmoid and relu: the values, the stability, the input checks."""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest

import nnbook


@pytest.mark.parametrize("z", [-30.0, -2.5, -1.0, 0.0, 0.3, 1.0, 4.0, 30.0])
def test_sigmoid_matches_the_formula(z):
    assert nnbook.sigmoid(z) == pytest.approx(1.0 / (1.0 + math.exp(-z)), rel=1e-15)


def test_sigmoid_of_zero_is_one_half_and_scalars_stay_scalars():
    assert nnbook.sigmoid(0) == 0.5
    assert isinstance(nnbook.sigmoid(0.0), float)
    assert isinstance(nnbook.relu(-3), float)


def test_sigmoid_is_stable_at_plus_and_minus_1000():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = nnbook.sigmoid(np.array([-1000.0, 1000.0]))
        slopes = nnbook.sigmoid_slope(np.array([-1000.0, 1000.0]))
    assert values.tolist() == [0.0, 1.0]
    assert slopes.tolist() == [0.0, 0.0]


def test_sigmoid_is_symmetric_and_keeps_shape():
    z = np.linspace(-8, 8, 33).reshape(3, 11)
    s = nnbook.sigmoid(z)
    assert s.shape == (3, 11)
    np.testing.assert_allclose(nnbook.sigmoid(-z), 1 - s, rtol=1e-12)


def test_sigmoid_slope_peaks_at_one_quarter():
    z = np.linspace(-10, 10, 2001)
    slopes = nnbook.sigmoid_slope(z)
    assert slopes.max() == pytest.approx(0.25)
    assert z[np.argmax(slopes)] == pytest.approx(0.0)


def test_relu_is_max_of_zero_and_z():
    z = np.array([-1000.0, -2.0, 0.0, 0.5, 1000.0])
    assert nnbook.relu(z).tolist() == [0.0, 0.0, 0.0, 0.5, 1000.0]
    assert nnbook.relu_slope(z).tolist() == [0.0, 0.0, 0.0, 1.0, 1.0]


@pytest.mark.parametrize("function", [nnbook.sigmoid, nnbook.relu, nnbook.sigmoid_slope, nnbook.relu_slope])
@pytest.mark.parametrize("bad", ["3", None, {"z": 1}, [1, "a"]])
def test_activations_reject_non_numbers_by_name(function, bad):
    with pytest.raises(TypeError, match=r"^z must be a number or an array of numbers"):
        function(bad)


@pytest.mark.parametrize("function", [nnbook.sigmoid, nnbook.relu])
@pytest.mark.parametrize("huge", [10**400, [10**400], -(10**400)])
def test_ints_too_large_for_a_float_are_refused_by_name(function, huge):
    with pytest.raises(ValueError, match=r"^z holds a number too large for a float"):
        function(huge)


def test_fractions_and_big_ints_that_fit_a_float_are_numbers():
    assert nnbook.sigmoid(Fraction(1, 2)) == nnbook.sigmoid(0.5)
    assert nnbook.relu(2**64) == float(2**64)
    assert nnbook.sigmoid(np.float16(1.5)) == nnbook.sigmoid(1.5)
    assert nnbook.relu(np.array([-1, 2], dtype=object)).tolist() == [0.0, 2.0]


def test_sigmoid_works_when_numpy_raises_on_underflow():
    with np.errstate(all="raise"):
        assert nnbook.sigmoid(-1000) == 0.0
        assert nnbook.sigmoid(np.array([-800.0, 0.0, 800.0])).tolist() == [0.0, 0.5, 1.0]
        assert nnbook.sigmoid_slope(-745.5) == 0.0


@pytest.mark.parametrize("function", [nnbook.sigmoid, nnbook.relu, nnbook.sigmoid_slope, nnbook.relu_slope])
@pytest.mark.parametrize("bad, what", [
    (1 + 2j, "complex"),
    (np.array([1.0, 2.0 + 0j]), "complex"),
    (["1", "2"], "text"),
    (np.array(["1", "2"]), "text"),
    (np.datetime64("2020-01-01"), "dates"),
    (np.array([1, 2], dtype="timedelta64[s]"), "time spans"),
    (np.ma.masked_array([1.0, 2.0], mask=[False, True]), "masked array"),
    (np.array([1.0, None], dtype=object), "None"),
    ([True, False], "booleans"),
    (np.bool_(True), "booleans"),
])
def test_nothing_is_converted_silently(function, bad, what):
    with pytest.raises(TypeError, match=rf"^z must be a number or an array of numbers.*{what}"):
        function(bad)
