"""A straight line through an indicator's measurements, and how far to trust it at a later date.

The method is ordinary least squares over (time, value), time in years (days / 365.25), and a 95 % prediction
interval for one future value: ``ŷ ± t(0.975, n − 2) · s · √(1 + 1/n + (x₀ − x̄)² / Sxx)``, where ``s`` is the
residual standard error ``√(SSE / (n − 2))``. The interval needs ``n − 2 ≥ 1`` degrees of freedom, so a forecast needs
at least three measurements on at least two different days. The arithmetic is small and done here: no numerical
library is a dependency of cityref for it.

>>> line = fit([(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)])
>>> (line.slope, line.intercept, line.residual_error)
(2.0, 1.0, 0.0)
>>> line.predict(3.0).value
7.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass

METHOD = "ordinary least squares line over (time in years, value); 95 % prediction interval from Student's t"
"""How forecasts are made, said in every output that shows one."""

CONFIDENCE = 0.95

# Student's t, two-sided 95 % (the 0.975 quantile), by degrees of freedom; beyond 30 the next smaller tabulated
# degrees of freedom is used, which makes the interval slightly wider, never narrower, than the exact one.
_T975 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
    11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086,
    21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042,
    40: 2.021, 60: 2.000, 120: 1.980,
}  # fmt: skip
_NORMAL975 = 1.960


def t975(df: int) -> float:
    """The 0.975 quantile of Student's t with ``df`` degrees of freedom (from the table above)."""
    if df < 1:
        raise ValueError("Student's t needs at least one degree of freedom")
    if df in _T975:
        return _T975[df]
    below = [k for k in _T975 if k <= df]
    return _T975[max(below)] if df < 1000 else _NORMAL975


@dataclass(frozen=True)
class Prediction:
    value: float
    standard_error: float
    """Standard error of one future value at that time (the line's uncertainty and the scatter about it)."""
    low: float
    high: float
    """The 95 % prediction interval."""


@dataclass(frozen=True)
class Line:
    slope: float
    """Change per unit of x (per year)."""
    intercept: float
    n: int
    mean_x: float
    sxx: float
    residual_error: float | None
    """``√(SSE / (n − 2))``; ``None`` with two points, through which the line passes exactly."""

    def at(self, x: float) -> float:
        return self.intercept + self.slope * x

    def predict(self, x: float) -> Prediction:
        """The value the line forecasts at ``x``, with its prediction interval (needs three points or more)."""
        if self.residual_error is None:
            raise ValueError("A prediction interval needs at least three points")
        se = self.residual_error * math.sqrt(1 + 1 / self.n + (x - self.mean_x) ** 2 / self.sxx)
        value = self.at(x)
        half = t975(self.n - 2) * se
        return Prediction(value, se, value - half, value + half)


def fit(points: list[tuple[float, float]]) -> Line:
    """The least-squares line through ``points`` (x, y): at least two, at two different x or more."""
    n = len(points)
    if n < 2:
        raise ValueError("A line needs at least two points")
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        raise ValueError("Every point has the same x: no line fits")
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    intercept = mean_y - slope * mean_x
    residual: float | None = None
    if n > 2:
        sse = sum((y - intercept - slope * x) ** 2 for x, y in points)
        residual = math.sqrt(sse / (n - 2))
    return Line(slope, intercept, n, mean_x, sxx, residual)
