"""Choosing the two reports of the side-by-side page (/manage/overview/compare/): an agency
and a year for each column, among the published reports the person may read. A choice is
sent as `agency_a`, `year_a`, `agency_b`, `year_b` and answered by a redirect to the page of
the two reports (`?a=…&b=…`), so that a comparison keeps one address."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from gongkai.roles import Need
from gongkai.web.agencies.access import access_agency_by_id, agencies_for
from gongkai.web.agencies.models import Agency
from gongkai.web.edge import int_param
from gongkai.web.reports.models import PublishedReport
from gongkai.web.supervision.filters import options_of, region_scope, regions_of, years_in

SIDES = ("a", "b")
LISTED = 300  # agencies a column's select offers: the rest by narrowing to a region
NO_REPORT = "{agency}{year}年度尚无已发布的年度报告"
CHOOSE = "请为左右两栏各选择一个机关和年度"


@dataclass(frozen=True)
class Picked:
    """One column's choice: the agency and year asked for, the report found, or why none."""

    agency_id: int
    year: int
    report: PublishedReport | None = None
    problem: str = ""


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


def choices(request: HttpRequest, chosen: tuple[Picked, Picked]) -> dict[str, Any]:
    """What the two columns may be set to, and what each is set to now (by default the
    first agency's latest year beside its year before). A province has thousands of
    agencies: the first `LISTED` of the region asked for (`region`) are offered, with the
    regions to narrow the choice to, and the agencies chosen now."""
    scope, region = region_scope(request)
    published = PublishedReport.objects.filter(status=PublishedReport.Status.PUBLISHED)
    agencies = scope.filter(pk__in=published.values("agency_id")).order_by("path")
    listed = list(agencies.values_list("pk", "name", "parent__name")[:LISTED])
    shown = {pk for pk, _, _ in listed}
    wanted = [p.agency_id for p in chosen if p.agency_id and p.agency_id not in shown]
    listed += (
        Agency.objects.filter(pk__in=wanted)
        .order_by("path")
        .values_list("pk", "name", "parent__name")
    )
    total = agencies.count() if len(shown) == LISTED else len(shown)
    years = years_in(scope)
    defaults = (years[:1] or [0])[0], (years[1:2] or years[:1] or [0])[0]
    return {
        "agencies": told_apart(listed),
        "total": total,
        "listed": LISTED,
        "region_options": options_of(regions_of(agencies_for(request.user, Need.READ)), region)
        if total > LISTED or region
        else "",
        "years": years,
        "sides": [
            (side, "左栏" if side == "a" else "右栏", p.agency_id, p.year or default)
            for side, p, default in zip(SIDES, chosen, defaults)
        ],
    }


def told_apart(listed: Sequence[tuple[int, str, str | None]]) -> list[tuple[int, str]]:
    """Each agency's name, with its parent's where the name is offered twice: every county
    has its 民政局, and a select of names alone would not say which one is which."""
    seen = Counter(name for _, name, _ in listed)
    return [
        (pk, f"{name}（{parent}）" if seen[name] > 1 and parent else name)
        for pk, name, parent in listed
    ]


def of_report(report: PublishedReport) -> Picked:
    return Picked(report.agency_id, report.year, report)
