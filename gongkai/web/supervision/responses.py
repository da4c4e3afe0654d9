"""各机关答复用时 (/manage/overview/responses/): for a supervising office, how fast every
agency of its scope answered applications in a year — one row per agency, sortable, with
a chart, its JSON twin and an Excel export. Per-agency figures only: the handlers are each
agency's own staff."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongkai.cases.responses import ResponseStats
from gongkai.render import CONTENT_TYPES
from gongkai.render.sheet import sheet_xlsx
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.responses import STATS_HEADER, region_responses, stats_cells, stats_json
from gongkai.web.edge import download, year_param
from gongkai.web.holidays.calendar import timings_recounting
from gongkai.web.supervision.filters import region_scope

# Sortable columns: the key and whether the largest comes first by default.
SORTS = {
    "agency": ("机关", False),
    "answered": ("答复件数", True),
    "median": ("用时中位数", True),
    "p90": ("用时90%分位", True),
    "late": ("逾期比例", True),
    "extended": ("延期", True),
}
# The sort key of each column of ("机关", *STATS_HEADER); empty: not sortable.
HEADER_SORTS = ("agency", "answered", "median", "p90", "", "late", "extended")
SHOWN = 500  # rows on the page; a province's thousands are in the Excel and the JSON
Listed = list[tuple[Agency, ResponseStats]]


@login_required
def responses(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    scope, region = region_scope(request)
    year = year_param(request, dt.date.today().year)
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORTS else "agency"
    rows = sorted_rows(region_responses(scope, year), sort, request.GET.get("order", ""))
    if fmt == "json":
        body: dict[str, Any] = {
            "year": year,
            "region_id": region.pk if region else None,
            "sort": sort,
        }
        body["agencies"] = [{"agency_id": a.pk, "agency": a.name, **stats_json(s)} for a, s in rows]
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    if fmt == "xlsx":
        data = sheet_xlsx(
            f"{year}年度", ("机关", *STATS_HEADER), ([a.name, *stats_cells(s)] for a, s in rows)
        )
        name = f"{year}年度{region.name if region else ''}各机关依申请公开答复用时.xlsx"
        return download(data, CONTENT_TYPES["xlsx"], name)
    return render(request, "supervision/responses.html", _context(rows, year, sort, region))


def sorted_rows(rows: Listed, sort: str, order: str) -> Listed:
    """By the column asked; agencies without answers last, then by name."""
    if sort == "agency":
        return rows
    descending = SORTS[sort][1] if order not in ("asc", "desc") else order == "desc"
    known = [r for r in rows if r[1].answered]
    known.sort(key=lambda r: (_value(r[1], sort), r[0].name), reverse=descending)
    return known + [r for r in rows if not r[1].answered]


def _value(stats: ResponseStats, sort: str) -> float:
    values = {
        "answered": stats.answered,
        "median": stats.median_days,
        "p90": stats.p90_days,
        "late": stats.late_share,
        "extended": stats.extended,
    }
    return float(values[sort] or 0)


def _context(rows: Listed, year: int, sort: str, region: Agency | None) -> dict[str, Any]:
    base = f"?year={year}" + (f"&region={region.pk}" if region else "")
    charted = [(a, s) for a, s in rows if s.answered][:30]
    return {
        "year": year,
        "rows": [(a, stats_cells(s)) for a, s in rows[:SHOWN]],
        "total": len(rows),
        "header": [
            (label, f"{base}&sort={key}" if key else "", key == sort)
            for key, label in zip(HEADER_SORTS, ("机关", *STATS_HEADER))
        ],
        "query": base,
        "recounting": timings_recounting(year),
        "chart": {
            "agencies": [a.name for a, _ in charted],
            "median": [s.median_days for _, s in charted],
            "p90": [s.p90_days for _, s in charted],
        },
    }
