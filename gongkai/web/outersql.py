"""A statement written around the SQL the ORM makes of a query: for what the ORM cannot say
(percentiles per group, counts over aggregated annotations, window counts before a cut)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet


def fetch_around(
    rows: QuerySet[Any], outer: str, more: tuple[Any, ...] = ()
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The column names and rows of `outer`, in which `{inner}` stands for the query's SQL;
    `more` are the parameters of `outer`'s own placeholders, which follow the query's."""
    inner, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(outer.format(inner=inner), (*params, *more))
        return [column[0] for column in cursor.description], cursor.fetchall()
