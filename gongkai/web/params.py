"""Query parameters read at the edge: a wrong value falls back to the default, never fails."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest

FIRST_YEAR, LAST_YEAR = 2008, 2100  # the first Regulation (国务院令第492号) took effect in 2008


def year_param(request: HttpRequest, default: int | None = None, first: int = FIRST_YEAR) -> int:
    """The `year` asked for, if it is a year gongkai knows of; else `default` (this year)."""
    asked = request.GET.get("year", "")
    if asked.isdigit() and first <= int(asked) <= LAST_YEAR:
        return int(asked)
    return default if default is not None else dt.date.today().year
