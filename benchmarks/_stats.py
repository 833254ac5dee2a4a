"""Numbers for the table: percentiles, and the median of several rounds with its spread."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

__all__ = ["Summary", "percentile", "summarise"]


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


class Summary:
    """Median of per-round values, with min and max across rounds."""

    __slots__ = ("high", "low", "median", "rounds")

    def __init__(self, values: Sequence[float]) -> None:
        finite = [v for v in values if not math.isnan(v)]
        self.rounds = len(finite)
        self.median = statistics.median(finite) if finite else math.nan
        self.low = min(finite) if finite else math.nan
        self.high = max(finite) if finite else math.nan


def summarise(values: Sequence[float]) -> Summary:
    return Summary(values)
