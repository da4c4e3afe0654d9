"""Counting the rows of a grouped query that pass tests, in one statement: how many agencies
published every year, were late, …, each agency's figures summed first. (Django's
`aggregate` over aggregated annotations loses the annotations it filters on, so the outer
count is written out around the ORM's own SQL.)"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet


def count_rows(rows: QuerySet[Any], tests: dict[str, str]) -> dict[str, int]:
    """For each name, how many rows of `rows` (a `values()` query) pass its test, an SQL
    condition over the query's column names (constants only: no parameters)."""
    inner, params = rows.query.sql_with_params()
    counts = ", ".join(f"COUNT(CASE WHEN {test} THEN 1 END)" for test in tests.values())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts} FROM ({inner}) AS counted", params)
        found = cursor.fetchone()
    return dict(zip(tests, found, strict=True))
