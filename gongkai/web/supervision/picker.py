"""Choosing the two reports of the side-by-side page (/manage/overview/compare/): an agency
and a year for each column, among the published reports the person may read. A choice is
sent as `agency_a`, `year_a`, `agency_b`, `year_b` and answered by a redirect to the page of
the two reports (`?a=…&b=…`), so that a comparison keeps one address."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.roles import Need
from gongkai.web.agencies.access import Person, access_agency_by_id, agencies_for
from gongkai.web.agencies.models import Agency
from gongkai.web.edge import int_param
from gongkai.web.reports.models import PublishedReport

SIDES = ("a", "b")
NO_REPORT = "{agency}{year}年度尚无已发布的年度报告"
CHOOSE = "请为左右两栏各选择一个机关和年度"


@dataclass(frozen=True)
class Picked:
    """One column's choice: the agency and year asked for, the report found, or why none."""

    agency_id: int
    year: int
    report: PublishedReport | None = None
    problem: str = ""


def published_in(user: Person) -> QuerySet[PublishedReport]:
    """The published reports of every agency the person may read."""
    return PublishedReport.objects.filter(
        agency__in=agencies_for(user, Need.READ), status=PublishedReport.Status.PUBLISHED
    )


def pick(request: HttpRequest, side: str) -> Picked:
    """The report chosen for one column (404 for an agency the person may not see)."""
    agency_id = int_param(request, f"agency_{side}", 0)
    year = int_param(request, f"year_{side}", 0)
    if not agency_id or not year:
        return Picked(agency_id, year, problem=CHOOSE)
    agency = access_agency_by_id(request.user, agency_id, Need.READ)
    found = agency.reports.filter(year=year, status=PublishedReport.Status.PUBLISHED).first()
    if found is None:
        return Picked(agency_id, year, problem=NO_REPORT.format(agency=agency.name, year=year))
    return Picked(agency_id, year, found)


def choices(user: Person, chosen: tuple[Picked, Picked]) -> dict[str, Any]:
    """What the two columns may be set to, and what each is set to now (by default the
    first agency's latest year beside its year before)."""
    reports = published_in(user)
    agencies = Agency.objects.filter(pk__in=reports.values("agency_id")).order_by("path")
    years = sorted(set(reports.values_list("year", flat=True)), reverse=True)
    defaults = (years[:1] or [0])[0], (years[1:2] or years[:1] or [0])[0]
    return {
        "agencies": [(a.pk, a.name) for a in agencies],
        "years": years,
        "sides": [
            (side, "左栏" if side == "a" else "右栏", p.agency_id, p.year or default)
            for side, p, default in zip(SIDES, chosen, defaults)
        ],
    }


def of_report(report: PublishedReport) -> Picked:
    return Picked(report.agency_id, report.year, report)
