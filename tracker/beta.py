"""The Beta distribution, as far as the focus forecast needs it: its distribution function
and its quantiles, with the standard library only (the domain imports no SciPy).

The regularized incomplete beta function is evaluated by its continued fraction (Lentz's
method, as in *Numerical Recipes*, §6.4), which converges fast on the side of the mean the
symmetry relation picks; a quantile is found by bisection on it.
"""

import math

_EPSILON = 1e-12
_TINY = 1e-300


def cdf(x: float, a: float, b: float) -> float:
    """P(X <= x) for X ~ Beta(a, b), with a, b > 0."""
    if a <= 0 or b <= 0:
        raise ValueError("a Beta distribution needs a > 0 and b > 0")
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _fraction(x, a, b) / a
    return 1 - math.exp(log_front) * _fraction(1 - x, b, a) / b


def _fraction(x: float, a: float, b: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > _TINY else _TINY)
    result = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > _TINY else _TINY)
            c = 1 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            result *= c * d
        if abs(c * d - 1) < _EPSILON:
            break
    return result


def quantile(p: float, a: float, b: float) -> float:
    """The x with P(X <= x) = p, for X ~ Beta(a, b), to about 1e-9."""
    if not 0 <= p <= 1:
        raise ValueError("a probability lies between 0 and 1")
    low, high = 0.0, 1.0
    for _ in range(60):
        middle = (low + high) / 2
        if cdf(middle, a, b) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2
