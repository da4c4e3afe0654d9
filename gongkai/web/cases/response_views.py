"""答复用时统计 (/manage/cases/responses/): how fast one agency answered in a year — in total,
per month and per handler — with a chart, its JSON twin and an Excel export. Handlers are
the agency's staff: named to its own office only; a supervisor sees the agency's figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongkai.render import CONTENT_TYPES
from gongkai.render.sheet import sheet_xlsx
from gongkai.roles import Need
from gongkai.web.agencies.access import NOT_FOUND, access_agency_by_id, agencies_for, may
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.responses import (
    STATS_HEADER,
    AgencyResponses,
    agency_responses,
    stats_cells,
    stats_json,
)
from gongkai.web.edge import download, int_param, year_param
from gongkai.web.holidays.calendar import timings_recounting


@login_required
def responses(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    agency = _agency(request)
    year = year_param(request, dt.date.today().year)
    found = agency_responses(agency, year)
    # Staff names are the handling office's; a supervisor sees the agency's figures only.
    handlers = found.handlers if may(request.user, agency, Need.READ_PERSONAL) else []
    if fmt == "json":
        body = _json(agency, year, found, handlers)
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    if fmt == "xlsx":
        return _xlsx(agency, year, found, handlers)
    context = {
        "agency": agency,
        "year": year,
        "total": stats_cells(found.total),
        "months": [(m, stats_cells(s)) for m, s in found.months],
        "handlers": [(h, stats_cells(s)) for h, s in handlers],
        "header": STATS_HEADER,
        "recounting": timings_recounting(year),
        "chart": {
            "months": [f"{m}月" for m, _ in found.months],
            "median": [s.median_days for _, s in found.months],
            "p90": [s.p90_days for _, s in found.months],
            "answered": [s.answered for _, s in found.months],
        },
    }
    return render(request, "cases/responses.html", context)


def _agency(request: HttpRequest) -> Agency:
    """The agency asked for (told plainly when it is not theirs), else the person's first."""
    asked = int_param(request, "agency", 0)
    if asked:
        return access_agency_by_id(request.user, asked, Need.READ)
    first = agencies_for(request.user, Need.READ).order_by("path").first()
    if first is None:
        raise Http404(NOT_FOUND)
    return first


def _json(
    agency: Agency, year: int, found: AgencyResponses, handlers: list[tuple[str, Any]]
) -> dict[str, Any]:
    return {
        "agency_id": agency.pk,
        "agency": agency.name,
        "year": year,
        "total": stats_json(found.total),
        "months": [{"month": m, **stats_json(s)} for m, s in found.months],
        "handlers": [{"handler": h, **stats_json(s)} for h, s in handlers],
    }


def _xlsx(
    agency: Agency, year: int, found: AgencyResponses, handlers: list[tuple[str, Any]]
) -> HttpResponse:
    lines = [
        ["全年", *stats_cells(found.total)],
        *([f"{m}月", *stats_cells(s)] for m, s in found.months),
        *([f"承办人：{h}", *stats_cells(s)] for h, s in handlers),
    ]
    data = sheet_xlsx(f"{year}年度", ("期间或承办人", *STATS_HEADER), lines)
    name = f"{agency.name}{year}年度依申请公开答复用时统计.xlsx"
    return download(data, CONTENT_TYPES["xlsx"], name)
