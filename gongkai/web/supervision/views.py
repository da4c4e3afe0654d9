"""The supervising office's view of a year: every agency below it, checked and comparable,
with charts, a JSON twin and an XLSX export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongkai.render import CONTENT_TYPES
from gongkai.render.sheet import sheet_xlsx
from gongkai.roles import Need
from gongkai.web.agencies.access import agencies_for
from gongkai.web.edge import download, year_param
from gongkai.web.supervision.queries import FIGURE_LABELS, FIGURES, Row, totals, year_rows, years_in


@login_required
def overview(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    scope = agencies_for(request.user, Need.READ)
    years = years_in(scope)
    year = year_param(request, years[0] if years else dt.date.today().year - 1)
    rows = year_rows(scope, year)
    if fmt == "json":
        body = {"year": year, "totals": totals(rows), "agencies": [_row_json(r) for r in rows]}
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    if fmt == "xlsx":
        return _xlsx(rows, year)
    charted = [r for r in rows if r.report]
    chart = {
        "agencies": [r.agency.name for r in charted],
        "errors": [r.report["errors"] for r in charted if r.report],
        "new_received": [r.report["new_received"] for r in charted if r.report],
    }
    context = {
        "year": year,
        "years": years,
        "rows": rows,
        "totals": totals(rows),
        "chart": chart,
        "labels": FIGURE_LABELS,
    }
    return render(request, "supervision/overview.html", context)


def _row_json(row: Row) -> dict[str, Any]:
    report = row.report or {}
    return {
        "agency_id": row.agency.pk,
        "agency": row.agency.name,
        "level": row.agency.level,
        "state": row.state,
        "report_id": report.get("id"),
        "errors": report.get("errors"),
        "warnings": report.get("warnings"),
        "published_on": report["published_on"].isoformat() if report.get("published_on") else None,
        "due": row.due.isoformat(),
        "late": row.late,
        **{name: report.get(name) for name in FIGURES},
    }


HEADER = ("机关", "层级", "状态", "错误", "提示", "发布日期", "应发布日期", "逾期")


def _xlsx(rows: list[Row], year: int) -> HttpResponse:
    def line(row: Row) -> list[Any]:
        data = _row_json(row)
        return [
            row.agency.name,
            row.agency.get_level_display(),
            row.state,
            data["errors"],
            data["warnings"],
            data["published_on"],
            data["due"],
            "是" if row.late else "",
            *(data[name] for name in FIGURES),
        ]

    header = [*HEADER, *FIGURE_LABELS.values()]
    data = sheet_xlsx(f"{year}年度", header, map(line, rows))
    filename = f"{year}年度政府信息公开工作年度报告汇总.xlsx"
    return download(data, CONTENT_TYPES["xlsx"], filename)
