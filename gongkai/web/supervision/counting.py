"""Counting the rows of a grouped query that pass tests, in one statement: how many agencies
published every year, were late, …, each agency's figures summed first. (Django's
`aggregate` over aggregated annotations loses the annotations it filters on, so the outer
count is written out around the ORM's own SQL.)"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.web.outersql import fetch_around


def count_rows(rows: QuerySet[Any], tests: dict[str, str]) -> dict[str, int]:
    """For each name, how many rows of `rows` (a `values()` query) pass its test, an SQL
    condition over the query's column names (constants only: no parameters)."""
    counts = ", ".join(f"COUNT(CASE WHEN {test} THEN 1 END)" for test in tests.values())
    _, found = fetch_around(rows, f"SELECT {counts} FROM ({{inner}}) AS counted")
    return dict(zip(tests, found[0], strict=True))


def counted_rows(
    rows: QuerySet[Any], tests: dict[str, str], order: str, limit: int | None
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The rows of `rows` (a `values()` query) in `order` (SQL over its column names), the
    first `limit` of them; and for each name how many of all the rows pass its test. One
    statement: the counts are window functions over the whole, taken before the cut."""
    counts = ", ".join(f"COUNT(CASE WHEN {test} THEN 1 END) OVER ()" for test in tests.values())
    sql = f"SELECT *, {counts} FROM ({{inner}}) AS counted ORDER BY {order}"
    if limit is None:
        columns, found = fetch_around(rows, sql)
    else:
        columns, found = fetch_around(rows, f"{sql} LIMIT %s", (limit,))
    names = columns[: -len(tests)]
    if not found:
        return [], dict.fromkeys(tests, 0)
    return [dict(zip(names, row, strict=False)) for row in found], dict(
        zip(tests, found[0][len(names) :], strict=True)
    )
