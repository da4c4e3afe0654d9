"""Box plots of values grouped in a query, computed where the values are: on PostgreSQL by
`percentile_cont` (which interpolates between the sorted values exactly as
`gongkai.spread.quantile` does: lo + (hi − lo) × fraction) and the whiskers and outliers
in the same statement, so that only the boxes and the outliers leave the database; on
other databases (SQLite) the values are fetched and `gongkai.spread` computes them. A test
holds the two to the same numbers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from gongkai.spread import FENCE, Box, box
from gongkai.web.outersql import fetch_around


@dataclass(frozen=True)
class Spread:
    box: Box
    outliers: list[tuple[float, int]]  # (value, row id), the highest first


def spreads(rows: QuerySet[Any]) -> dict[Any, Spread]:
    """The box plot of each group of `rows`, a `values_list(group, value, id)` without
    NULL values."""
    if connection.vendor == "postgresql":
        return _in_sql(rows)
    return _in_python(rows)


def _in_python(rows: Iterable[tuple[Any, float, int]]) -> dict[Any, Spread]:
    grouped: dict[Any, list[tuple[float, int]]] = defaultdict(list)
    for group, value, key in rows:
        grouped[group].append((value, key))
    found = {}
    for group, values in grouped.items():
        made = box([v for v, _ in values])
        assert made is not None  # a group holds at least one value
        far = [(v, k) for v, k in values if made.is_outlier(v)]
        found[group] = Spread(made, _highest_first(far))
    return found


# The quartiles per group, then the whiskers (the extremes inside Tukey's fences, computed
# with the same operations as `Box.fences`) and the outliers beyond them.
BOXES = """
WITH v (grp, value, id) AS ({inner}),
q AS (
  SELECT grp, COUNT(*) AS n,
    percentile_cont(0.25) WITHIN GROUP (ORDER BY value) AS q1,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median,
    percentile_cont(0.75) WITHIN GROUP (ORDER BY value) AS q3
  FROM v GROUP BY grp
),
f AS (SELECT q.*, q1 - (q3 - q1) * %s AS lo, q3 + (q3 - q1) * %s AS hi FROM q)
SELECT f.grp, f.n, f.q1, f.median, f.q3,
  MIN(v.value) FILTER (WHERE v.value BETWEEN f.lo AND f.hi),
  MAX(v.value) FILTER (WHERE v.value BETWEEN f.lo AND f.hi),
  COALESCE(array_agg(v.value) FILTER (WHERE v.value NOT BETWEEN f.lo AND f.hi), '{{}}'),
  COALESCE(array_agg(v.id) FILTER (WHERE v.value NOT BETWEEN f.lo AND f.hi), '{{}}')
FROM f JOIN v ON v.grp = f.grp
GROUP BY f.grp, f.n, f.q1, f.median, f.q3
"""


def _in_sql(rows: QuerySet[Any]) -> dict[Any, Spread]:
    _, found = fetch_around(rows, BOXES, (FENCE, FENCE))
    return {
        group: Spread(Box(low, q1, median, q3, high, n), _highest_first(zip(values, keys)))
        for group, n, q1, median, q3, low, high, values, keys in found
    }


def _highest_first(values: Iterable[tuple[float, int]]) -> list[tuple[float, int]]:
    return sorted(values, key=lambda pair: (-pair[0], pair[1]))
