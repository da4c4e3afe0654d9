"""The supervising office's view of a year: every agency below it, checked and comparable,
with charts, a JSON twin and an XLSX export; and its agencies ranked by one measure."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongkai.figures import MEASURE_BY_NAME, MEASURES, Measure, ranking_phrase
from gongkai.render import CONTENT_TYPES
from gongkai.render.sheet import sheet_xlsx
from gongkai.web.agencies.models import Agency
from gongkai.web.edge import download
from gongkai.web.supervision.filters import filter_context, read_filter
from gongkai.web.supervision.queries import (
    FIGURE_LABELS,
    FIGURES,
    Row,
    totals,
    year_rows,
    year_totals,
)
from gongkai.web.supervision.rankings import Ranked, ranked_reports, ranking


@login_required
def overview(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    chosen = read_filter(request)
    year = chosen.last
    if fmt in ("json", "xlsx"):
        rows = year_rows(chosen.scope, year)
    else:
        rows = year_rows(chosen.scope, year, RANKED_SHOWN)
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
        **filter_context(replace(chosen, first=year)),
        "year": year,
        "rows": rows,
        "totals": year_totals(chosen.scope, year),
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


RANKED_SHOWN = 200  # a province's thousands of agencies are in the XLSX and JSON


@login_required
def rankings(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """Agencies of a region ranked by one measure, said in words."""
    chosen = read_filter(request)
    chosen = replace(chosen, first=chosen.last)
    region, year = chosen.region, chosen.last
    measure = MEASURE_BY_NAME.get(request.GET.get("measure", ""), MEASURES[0])
    descending = request.GET.get("order") != "asc"
    limit = None if fmt in ("json", "xlsx") else RANKED_SHOWN
    rows = ranking(chosen.scope, year, measure, descending, limit)
    phrase = ranking_phrase(measure, descending)
    if fmt == "json":
        return JsonResponse(_ranking_json(rows, year, measure, phrase, region))
    if fmt == "xlsx":
        header = ("名次", "机关", f"{measure.label}（{measure.unit}）")
        lines = ([r.place or "", r.agency, r.shown(measure)] for r in rows)
        data = sheet_xlsx(f"{year}年度", header, lines)
        name = f"{year}年度{region.name if region else ''}按{measure.label}排名.xlsx"
        return download(data, CONTENT_TYPES["xlsx"], name)
    context = {
        **filter_context(chosen, measure=measure.name, order="" if descending else "asc"),
        "year": year,
        "region": region,
        "measure": measure,
        "descending": descending,
        "phrase": phrase,
        "rows": [(r, r.shown(measure)) for r in rows[:RANKED_SHOWN]],
        "total": ranked_reports(chosen.scope, year).count() if len(rows) == limit else len(rows),
    }
    return render(request, "supervision/rankings.html", context)


def _ranking_json(
    rows: list[Ranked], year: int, measure: Measure, phrase: str, region: Agency | None
) -> dict[str, Any]:
    return {
        "year": year,
        "region_id": region.pk if region else None,
        "measure": measure.name,
        "unit": measure.unit,
        "order": phrase,
        "agencies": [
            {
                "place": r.place,
                "agency_id": r.agency_id,
                "agency": r.agency,
                "report_id": r.report_id,
                "value": r.value,
            }
            for r in rows
        ],
    }
