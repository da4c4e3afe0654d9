"""年度报告重复内容 (/manage/copies/): for the agencies a person may see (a supervisor: the
whole region; an agency's own people: their agency), how much of a section of each
published report repeats the agency's own report of the year before or another agency's,
sorted by share, with a chart, its JSON twin and an Excel export; and one pair's passages
side by side. Supervisory information: never on the public pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai import catalog
from gongkai.figures import percent
from gongkai.render import CONTENT_TYPES
from gongkai.render.sheet import sheet_xlsx
from gongkai.roles import NEED_LABELS, Need, roles_for
from gongkai.web.agencies.access import (
    NOT_YOURS,
    Person,
    access_agency_by_id,
    held,
    is_administrator,
    may,
    person,
)
from gongkai.web.agencies.models import Agency
from gongkai.web.copies.access import access_copy_by_id
from gongkai.web.copies.models import CopyRun
from gongkai.web.copies.queries import Found, ReportCopies, marked, section_copies
from gongkai.web.copies.tasks import ask_for_copies, asked_at
from gongkai.web.edge import download, int_param, year_param
from gongkai.web.reports.models import PublishedReport
from gongkai.web.supervision.filters import region_scope

SECTION_TITLES = dict(catalog.SECTIONS)
DEFAULT_SECTION = "problems"  # 五、存在的主要问题及改进情况: the one evaluators read for copies
SORTS = {
    "top": "较大的重复比例",
    "last_year": "与本机关上年报告重复",
    "others": "与其他机关报告重复",
}
HEADER = ("机关", "与本机关上年报告重复", "与其他机关报告重复", "重复来源机关")


SHOWN = 200  # rows on the page; a province's thousands are in the Excel and the JSON


@login_required
def copies(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    scope, region = region_scope(request)
    years = list(
        PublishedReport.objects.filter(agency__in=scope, status=PublishedReport.Status.PUBLISHED)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    year = year_param(request, years[0] if years else dt.date.today().year - 1)
    section = request.GET.get("section", "")
    section = section if section in SECTION_TITLES else DEFAULT_SECTION
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORTS else "top"
    rows = sorted(section_copies(scope, year, section), key=lambda r: -_sort_value(r, sort))
    if fmt == "json":
        return JsonResponse(_json(rows, year, section), json_dumps_params={"ensure_ascii": False})
    if fmt == "xlsx":
        data = sheet_xlsx(f"{year}年度", HEADER, map(_line, rows))
        name = f"{year}年度年度报告“{SECTION_TITLES[section]}”重复内容.xlsx"
        return download(data, CONTENT_TYPES["xlsx"], name)
    query = f"year={year}&section={section}&sort={sort}"
    query += f"&region={region.pk}" if region else ""
    context = {"years": years, "region": region, "sort": sort, "query": query}
    context |= _run(request.user, region, year)
    return render(request, "copies/list.html", context | _shown(rows, year, section))


@login_required
@require_POST
def find(request: HttpRequest) -> HttpResponse:
    """Start a run over the region's (an administrator: every agency's) reports of the year."""
    year = year_param(request)
    region_id = int_param(request, "region", 0)
    region = access_agency_by_id(request.user, region_id, Need.FIND_COPIES) if region_id else None
    if region is None and not is_administrator(request.user):
        raise PermissionDenied(NOT_YOURS.format(action=NEED_LABELS[Need.FIND_COPIES]))
    ask_for_copies(year, region, person(request))
    where = f"?year={year}" + (f"&region={region.pk}" if region else "")
    return redirect(reverse("copies:list") + where)


def _run(user: Person, region: Agency | None, year: int) -> dict[str, Any]:
    """Whether the person may start a run over the page's scope, over which region, and
    when one still under way was asked for."""
    if region is None and not is_administrator(user):
        supervised = {h.agency_id for h in held(user) if h.role in roles_for(Need.FIND_COPIES)}
        # A supervisor of one region runs over it; of several, picks one with the filter.
        region = Agency.objects.get(pk=supervised.pop()) if len(supervised) == 1 else None
        if region is None:
            return {"may_find": False}
    allowed = may(user, region, Need.FIND_COPIES) if region else is_administrator(user)
    return {"may_find": allowed, "run_region": region, "asked_at": asked_at(year, region)}


def _shown(rows: list[ReportCopies], year: int, section: str) -> dict[str, Any]:
    charted = [r for r in rows if r.top][:30]
    last_run = CopyRun.objects.filter(Q(year=year) | Q(year__isnull=True)).order_by("-at", "-id")
    return {
        "year": year,
        "section": section,
        "sections": catalog.SECTIONS,
        "sorts": SORTS,
        "rows": rows[:SHOWN],
        "total": len(rows),
        "last_run": last_run.first(),
        "chart": {
            "agencies": [r.agency for r in charted],
            "last_year": [_percent_value(r.last_year) for r in charted],
            "others": [_percent_value(r.others) for r in charted],
        },
    }


def _sort_value(row: ReportCopies, sort: str) -> float:
    if sort == "top":
        return row.top
    found: Found | None = getattr(row, sort)
    return found.share if found else 0.0


def _percent_value(found: Found | None) -> float:
    return round(found.share * 100, 1) if found else 0.0


def _found_json(found: Found | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "share": round(found.share, 3),
        "copy_id": found.copy_id,
        "other": found.other,
        "other_year": found.other_year,
    }


def _json(rows: list[ReportCopies], year: int, section: str) -> dict[str, Any]:
    return {
        "year": year,
        "section": section,
        "section_title": SECTION_TITLES[section],
        "agencies": [
            {
                "agency_id": r.agency_id,
                "agency": r.agency,
                "report_id": r.report_id,
                "last_year": _found_json(r.last_year),
                "others": _found_json(r.others),
            }
            for r in rows
        ],
    }


def _line(row: ReportCopies) -> list[Any]:
    last, others = row.last_year, row.others
    source = f"{others.other}（{others.other_year}年度）" if others else ""
    return [
        row.agency,
        percent(last.share if last else None),
        percent(others.share if others else None),
        source,
    ]


@login_required
def pair(request: HttpRequest, copy_id: int) -> HttpResponse:
    """One section of two reports side by side, the repeated pieces highlighted."""
    found = access_copy_by_id(request.user, copy_id, Need.READ)
    left_text = (found.left.data.get("sections") or {}).get(found.section, "")
    right_text = (found.right.data.get("sections") or {}).get(found.section, "")
    matches = [m for passage in found.passages for m in passage[2]]
    context = {
        "copy": found,
        "title": SECTION_TITLES[found.section],
        "left_share": percent(found.left_share),
        "right_share": percent(found.right_share),
        "left": marked(left_text, [tuple(m[0]) for m in matches]),
        "right": marked(right_text, [tuple(m[1]) for m in matches]),
    }
    return render(request, "copies/pair.html", context)
