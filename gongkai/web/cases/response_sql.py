"""The 答复用时 figures of answered cases, grouped in one SQL query over their kept timings
(`Application.response_days`, `answered_late`, `answered_extended`): what the core's
`response_stats` gives for each group (a test holds them together on random data).

PostgreSQL has the percentiles: the median is `percentile_cont(0.5)` (the mean of the two
middle values), the 90th percentile `percentile_disc(0.9)` (nearest rank, a day that was
taken, as the core counts it). SQLite has none: each group's days are ranked by a window
and the same ranks picked."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.db import connection
from django.db.models import Expression, F, QuerySet

from gongkai.cases.responses import ResponseStats
from gongkai.web.cases.models import Application
from gongkai.web.outersql import fetch_around

PERCENTILES = """
SELECT k, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY d),
       percentile_disc(0.9) WITHIN GROUP (ORDER BY d),
       count(*) FILTER (WHERE late), count(*) FILTER (WHERE ext)
FROM ({inner}) AS answers GROUP BY k
"""
# Rank r of n: the median is the mean of ranks (n+1)/2 and (n+2)/2 (integer division: the
# same rank when n is odd); the 90th percentile is rank ⌈0.9·n⌉, the first r with 10r ≥ 9n.
RANKS = """
SELECT k, n, avg(CASE WHEN r IN ((n + 1) / 2, (n + 2) / 2) THEN d END),
       min(CASE WHEN 10 * r >= 9 * n THEN d END),
       sum(CASE WHEN late THEN 1 ELSE 0 END), sum(CASE WHEN ext THEN 1 ELSE 0 END)
FROM (
    SELECT k, d, late, ext, row_number() OVER (PARTITION BY k ORDER BY d) AS r,
           count(*) OVER (PARTITION BY k) AS n
    FROM ({inner}) AS answers
) AS ranked GROUP BY k, n
"""


def stats_by(
    cases: QuerySet[Application], key: Expression | F, sql: str = ""
) -> dict[Hashable, ResponseStats]:
    """The figures of the answered `cases`, per value of `key` (a column or an expression);
    `sql` is PERCENTILES or RANKS, by default what the database has."""
    answers = cases.filter(response_days__isnull=False).order_by()
    inner = answers.values(
        k=key, d=F("response_days"), late=F("answered_late"), ext=F("answered_extended")
    )
    template = sql or (PERCENTILES if connection.vendor == "postgresql" else RANKS)
    _, found = fetch_around(inner, template)
    return {row[0]: _stats(*row[1:]) for row in found}


def _stats(answered: int, median: Any, p90: Any, late: Any, extended: Any) -> ResponseStats:
    return ResponseStats(int(answered), float(median), int(p90), int(late), int(extended))
