"""How a measure spreads over agencies: quartiles and a box plot's whiskers (Tukey: 1.5 times
the interquartile range), so that a supervisor sees which agencies lie far from the rest.

Pure: values in, numbers out. Quartiles interpolate between the sorted values (the
"inclusive" method, as spreadsheets' QUARTILE.INC), so they are exact for any count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

FENCE = 1.5  # Tukey's fences: beyond 1.5 IQR from the box a value is an outlier


@dataclass(frozen=True)
class Box:
    low: float  # the lower whisker: the smallest value inside the fences
    q1: float
    median: float
    q3: float
    high: float  # the upper whisker: the largest value inside the fences
    count: int

    @property
    def fences(self) -> tuple[float, float]:
        spread = (self.q3 - self.q1) * FENCE
        return self.q1 - spread, self.q3 + spread

    def is_outlier(self, value: float) -> bool:
        low, high = self.fences
        return value < low or value > high


def quantile(ordered: Sequence[float], share: float) -> float:
    """The value below which `share` of the sorted values lie, interpolated."""
    at = (len(ordered) - 1) * share
    below = int(at)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (at - below)


def box(values: Sequence[float]) -> Box | None:
    """The box plot of `values`; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    q1, median, q3 = (quantile(ordered, s) for s in (0.25, 0.5, 0.75))
    spread = (q3 - q1) * FENCE
    inside = [v for v in ordered if q1 - spread <= v <= q3 + spread]
    return Box(inside[0], q1, median, q3, inside[-1], len(ordered))
