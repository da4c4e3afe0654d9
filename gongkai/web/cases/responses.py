"""How fast the register's agencies answer (`gongkai.cases.responses`): the answered cases'
dates fetched in one query, the figures computed by the core — in total, per month and per
handler for one agency, per agency for a supervisor's scope."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.db.models.fields.json import KT

from gongkai.cases.responses import Answered, ResponseStats, WorkdayTable, grouped_stats
from gongkai.cases.responses import response_stats as stats_of
from gongkai.cases.responses import workday_table as table_of
from gongkai.figures import percent
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.models import Application
from gongkai.web.holidays.calendar import work_calendar
from gongkai.workdays import Pause

NO_HANDLER = "未分办"
MONTHS = range(1, 13)


@dataclass(frozen=True)
class Row:
    """One answered application: where, when and by whom it was answered."""

    agency_id: int
    handler: str
    case: Answered


@dataclass(frozen=True)
class AgencyResponses:
    total: ResponseStats
    months: list[tuple[int, ResponseStats]]  # every month of the year, in order
    handlers: list[tuple[str, ResponseStats]]  # by name


# The clock's three facts the figures need, read out of its JSON by the database (as text:
# a region's hundreds of thousands of clocks are not decoded whole in Python).
CLOCK = (KT("clock__start"), KT("clock__extended"), KT("clock__pauses"))
HANDLER = ("assignee__username", "assignee__first_name", "assignee__last_name")
NO_PAUSES = (None, "", "[]")


def answered_in(scope: QuerySet[Agency], year: int, handlers: bool = True) -> list[Row]:
    """Every application of `scope` answered in `year`, in one query; with its handler's
    name when `handlers` (else no join: a region's figures are per agency)."""
    found = Application.objects.filter(
        agency__in=scope,
        answered_on__gte=dt.date(year, 1, 1),
        answered_on__lt=dt.date(year + 1, 1, 1),
        received_on__isnull=False,
    ).values_list("agency_id", "received_on", "answered_on", *CLOCK, *(HANDLER if handlers else ()))
    return [_row(*values) for values in found]


def _row(
    agency_id: int,
    received: dt.date,
    answered: dt.date,
    start: str | None,
    extended: str | int | bool | None,
    pauses: str | None,
    username: str | None = None,
    first: str | None = None,
    last: str | None = None,
) -> Row:
    case = Answered(
        received=received,
        answered=answered,
        start=dt.date.fromisoformat(start) if start else received,
        extended=extended in ("true", 1, True),  # PostgreSQL's text, SQLite's integer
        pauses=() if pauses in NO_PAUSES else _pauses(str(pauses)),
    )
    # As the 台账 names a handler (Django's full name, else the user name).
    handler = f"{first or ''} {last or ''}".strip() or username or NO_HANDLER
    return Row(agency_id, handler, case)


def _pauses(text: str) -> tuple[Pause, ...]:
    return tuple((dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in json.loads(text))


def workdays_for(rows: Sequence[Row]) -> WorkdayTable | None:
    """One table of working days spanning every row (none for no rows)."""
    return table_of(work_calendar(), [r.case for r in rows]) if rows else None


def agency_responses(agency: Agency, year: int) -> AgencyResponses:
    rows = answered_in(Agency.objects.filter(pk=agency.pk), year)
    table = workdays_for(rows)
    months = grouped_stats(((str(r.case.answered.month), r.case) for r in rows), table)
    handlers = grouped_stats(((r.handler, r.case) for r in rows), table)
    return AgencyResponses(
        total=stats_of([r.case for r in rows], table),
        months=[(m, months.get(str(m)) or stats_of([], None)) for m in MONTHS],
        handlers=sorted(handlers.items()),
    )


def region_responses(scope: QuerySet[Agency], year: int) -> list[tuple[Agency, ResponseStats]]:
    """Every agency of `scope` (in tree order) with its figures: two queries in all."""
    listed = list(scope.order_by("path"))
    rows = answered_in(scope, year, handlers=False)
    table = workdays_for(rows)
    by_agency = grouped_stats(((str(r.agency_id), r.case) for r in rows), table)
    empty = stats_of([], None)
    return [(a, by_agency.get(str(a.pk), empty)) for a in listed]


STATS_HEADER = (
    "答复件数",
    "用时中位数（工作日）",
    "用时90%分位（工作日）",
    "逾期答复",
    "逾期比例",
    "延期",
)


def stats_json(stats: ResponseStats) -> dict[str, Any]:
    return {
        "answered": stats.answered,
        "median_days": stats.median_days,
        "p90_days": stats.p90_days,
        "late": stats.late,
        "late_share": stats.late_share,
        "extended": stats.extended,
    }


def stats_cells(stats: ResponseStats) -> list[Any]:
    """The figures as a table shows them, in STATS_HEADER's order (empty when none)."""
    if not stats.answered:
        return [0, "", "", "", "", ""]
    return [
        stats.answered,
        _whole(stats.median_days),
        stats.p90_days,
        stats.late,
        percent(stats.late_share),
        stats.extended,
    ]


def _whole(days: float | None) -> float | int | str:
    """23.0 → 23: a median is a half only between two middle values."""
    if days is None:
        return ""
    return int(days) if days.is_integer() else days
