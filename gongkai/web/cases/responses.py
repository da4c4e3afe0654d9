"""How fast the register's agencies answer (`gongkai.cases.responses`): each answer's timing
is kept with the case (`timings.py`), the figures are grouped in SQL (`response_sql.py`) —
in total, per month and per handler for one agency, per agency for a supervisor's scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import F, QuerySet, Value
from django.db.models.functions import ExtractMonth

from gongkai.cases.responses import ResponseStats, response_stats
from gongkai.figures import percent
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.models import Application
from gongkai.web.cases.response_sql import stats_by

NO_HANDLER = "未分办"
MONTHS = range(1, 13)
NO_ANSWERS = response_stats([])


@dataclass(frozen=True)
class AgencyResponses:
    total: ResponseStats
    months: list[tuple[int, ResponseStats]]  # every month of the year, in order
    handlers: list[tuple[str, ResponseStats]]  # by name


def answered_in(scope: QuerySet[Agency], year: int) -> QuerySet[Application]:
    """The applications of `scope` answered in `year` (the figures keep to those with a
    timing: answered, not withdrawn)."""
    return Application.objects.filter(
        agency__in=scope,
        answered_on__gte=dt.date(year, 1, 1),
        answered_on__lt=dt.date(year + 1, 1, 1),
    )


def agency_responses(agency: Agency, year: int) -> AgencyResponses:
    cases = answered_in(Agency.objects.filter(pk=agency.pk), year)
    total = stats_by(cases, Value(0)).get(0, NO_ANSWERS)
    months = stats_by(cases, ExtractMonth("answered_on"))
    return AgencyResponses(
        total=total,
        months=[(m, months.get(m, NO_ANSWERS)) for m in MONTHS],
        handlers=_named(stats_by(cases, F("assignee_id"))),
    )


def _named(by_handler: dict[Hashable, ResponseStats]) -> list[tuple[str, ResponseStats]]:
    """Per handler, as the 台账 names them (Django's full name, else the user name)."""
    people = User.objects.filter(pk__in=[k for k in by_handler if k is not None])
    names: dict[Hashable, str] = {u.pk: u.get_full_name() or u.username for u in people}
    named = [(names.get(k, NO_HANDLER), stats) for k, stats in by_handler.items()]
    return sorted(named, key=lambda pair: pair[0])


def region_responses(scope: QuerySet[Agency], year: int) -> list[tuple[Agency, ResponseStats]]:
    """Every agency of `scope` (in tree order) with its figures: two queries in all."""
    listed = list(scope.order_by("path"))
    by_agency = stats_by(answered_in(scope, year), F("agency_id"))
    return [(a, by_agency.get(a.pk, NO_ANSWERS)) for a in listed]


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
