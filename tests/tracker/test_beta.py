"""The Beta distribution the forecast's intervals and confidence rest on, against closed
forms."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.beta import cdf, quantile

SHAPES = st.floats(min_value=0.05, max_value=400)
POINTS = st.floats(min_value=0.001, max_value=0.999)


@given(POINTS, SHAPES)
@settings(max_examples=200)
def test_with_one_shape_equal_to_one_it_is_a_power(x: float, a: float) -> None:
    assert cdf(x, a, 1) == pytest.approx(x**a, rel=1e-9, abs=1e-12)
    assert cdf(x, 1, a) == pytest.approx(1 - (1 - x) ** a, rel=1e-9, abs=1e-12)


@given(POINTS, SHAPES, SHAPES)
@settings(max_examples=200)
def test_it_is_symmetric_and_rises(x: float, a: float, b: float) -> None:
    assert cdf(x, a, b) == pytest.approx(1 - cdf(1 - x, b, a), abs=1e-9)
    assert cdf(x, a, b) <= cdf(min(1.0, x + 0.01), a, b) + 1e-12


@given(st.floats(min_value=0.01, max_value=0.99), SHAPES, SHAPES)
@settings(max_examples=100)
def test_a_quantile_is_where_the_distribution_reaches_it(p: float, a: float, b: float) -> None:
    x = quantile(p, a, b)
    assert 0 <= x <= 1
    assert cdf(min(1.0, x + 1e-6), a, b) >= p - 1e-6
    assert cdf(max(0.0, x - 1e-6), a, b) <= p + 1e-6


def test_known_values() -> None:
    assert cdf(0.2, 2, 5) == pytest.approx(0.34464, abs=1e-5)  # 1 - 0.8^6 - 6 * 0.2 * 0.8^5
    assert quantile(0.5, 2, 2) == pytest.approx(0.5, abs=1e-9)
    # Beta(1/2, 1/2), the arcsine law: F(x) = (2/pi) asin(sqrt(x))
    assert cdf(0.3, 0.5, 0.5) == pytest.approx(2 / math.pi * math.asin(math.sqrt(0.3)), abs=1e-9)


def test_shapes_and_probabilities_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="a > 0"):
        cdf(0.5, 0, 1)
    with pytest.raises(ValueError, match="between 0 and 1"):
        quantile(1.5, 1, 1)
