"""The supervisors' analytics pages: each agency's standing, a measure's trend, its spread
over agencies, and two reports side by side. Each page is also a JSON twin and an XLSX
export of the same table, and says its filter in words at the top."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, replace
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from gongkai.figures import MEASURE_BY_NAME, MEASURES, Measure
from gongkai.render import CONTENT_TYPES
from gongkai.render.sheet import sheet_xlsx
from gongkai.roles import Need
from gongkai.sidebyside import side_by_side, summary
from gongkai.web.edge import download, int_param
from gongkai.web.reports.access import access_report_by_id
from gongkai.web.reports.models import PublishedReport
from gongkai.web.supervision.analytics import (
    distribution,
    standing,
    trend,
)
from gongkai.web.supervision.filters import filter_context, read_filter
from gongkai.web.supervision.picker import SIDES, choices, of_report, pick

Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]  # title, header, rows


def _answer(
    request: HttpRequest,
    fmt: str,
    template: str,
    context: dict[str, Any],
    body: Callable[[], dict[str, Any]],
    sheet: Callable[[], Sheet],
) -> HttpResponse:
    """The page, its JSON twin or its XLSX export, as `fmt` asks."""
    if fmt == "json":
        return JsonResponse(body(), json_dumps_params={"ensure_ascii": False})
    if fmt == "xlsx":
        title, header, rows = sheet()
        data = sheet_xlsx(title[:31], header, rows)
        return download(data, CONTENT_TYPES["xlsx"], f"{title}.xlsx")
    return render(request, template, context)


def _measure(request: HttpRequest) -> Measure:
    return MEASURE_BY_NAME.get(request.GET.get("measure", ""), MEASURES[0])


SHOWN = 300  # a province's thousands of agencies are in the XLSX and JSON


@login_required
def standing_page(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """Each agency's reports over the years: published, on time, errors, corrected."""
    chosen = read_filter(request)
    rows, totals = standing(chosen, SHOWN if fmt == "html" else None)
    header = (
        "机关",
        "层级",
        "已发布（年）",
        "未发布（年）",
        "逾期发布",
        "错误",
        "提示",
        "发布后更正",
    )

    def line(r: Any) -> list[Any]:
        return [
            r.agency,
            r.level,
            r.published,
            r.missing,
            r.late,
            r.errors,
            r.warnings,
            r.corrected,
        ]

    context = {
        **filter_context(chosen),
        "rows": rows,
        "total": totals["agencies"],
        "totals": totals,
        "header": header,
        "chart": {k: v for k, v in totals.items() if k != "agencies"},
    }
    return _answer(
        request,
        fmt,
        "supervision/standing.html",
        context,
        lambda: {
            "filter": chosen.words(),
            "totals": totals,
            "agencies": [asdict(r) for r in rows],
        },
        lambda: (f"各机关年报情况（{chosen.first}-{chosen.last}）", header, map(line, rows)),
    )


@login_required
def trends_page(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """A measure per year, for the region and each sub-region."""
    chosen = read_filter(request)
    if "from" not in request.GET and "year" not in request.GET and chosen.years:
        chosen = replace(chosen, first=chosen.years[-1])
    measure = _measure(request)
    found = trend(chosen, measure)
    header = ("地区", *(f"{y}年" for y in found.years))
    lines = [[name, *(measure.shown(v) for v in values)] for name, values in found.series.items()]
    context = {
        **filter_context(chosen, measure=measure.name),
        "measure": measure,
        "header": header,
        "lines": lines,
        "chart": {"years": found.years, "series": found.series, "percent": measure.unit == "%"},
    }
    return _answer(
        request,
        fmt,
        "supervision/trends.html",
        context,
        lambda: {
            "filter": chosen.words(),
            "measure": measure.name,
            "meaning": measure.meaning,
            "unit": measure.unit,
            "years": found.years,
            "series": found.series,
        },
        lambda: (f"{measure.label}逐年变化", header, lines),
    )


@login_required
def distributions_page(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """A measure's spread over the agencies of one year, by level or by sub-region."""
    chosen = read_filter(request)
    chosen = replace(chosen, first=chosen.last)
    measure = _measure(request)
    by_level = request.GET.get("by") != "region"
    groups = distribution(chosen, measure, by_level)
    header = ("分组", "机关数", "下须", "下四分位数", "中位数", "上四分位数", "上须", "离群机关")

    def line(g: Any) -> list[Any]:
        b = g.box
        spread = [measure.shown(v) for v in (b.low, b.q1, b.median, b.q3, b.high)]
        return [g.name, b.count, *spread, "、".join(o.agency for o in g.outliers)]

    context = {
        **filter_context(chosen, measure=measure.name, by="" if by_level else "region"),
        "measure": measure,
        "by_level": by_level,
        "groups": [(g, line(g)) for g in groups],
        "header": header,
        "chart": {
            "names": [g.name for g in groups],
            "boxes": [[g.box.low, g.box.q1, g.box.median, g.box.q3, g.box.high] for g in groups],
            "outliers": [[n, o.value, o.agency] for n, g in enumerate(groups) for o in g.outliers],
            "percent": measure.unit == "%",
        },
    }
    return _answer(
        request,
        fmt,
        "supervision/distributions.html",
        context,
        lambda: {
            "filter": chosen.words(),
            "measure": measure.name,
            "unit": measure.unit,
            "groups": [asdict(g) for g in groups],
        },
        lambda: (f"{chosen.last}年度{measure.label}分布", header, map(line, groups)),
    )


@login_required
def compare_page(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """Two reports (two agencies of one year, or one agency's two years) cell by cell; with
    no reports given, the choice of them (`picker`)."""
    if not ("a" in request.GET and "b" in request.GET):
        return _choose(request, fmt)
    left = access_report_by_id(request.user, int_param(request, "a", 0), Need.READ)
    right = access_report_by_id(request.user, int_param(request, "b", 0), Need.READ)
    pairs = side_by_side(left.data, right.data)
    only_changed = request.GET.get("changed") == "1"
    names = (_named(left), _named(right))
    header = ("单元格", *names, "差额", "变化")
    lines = [[p.label, p.left, p.right, p.difference, p.words()] for p in pairs]
    context = {
        "left": left,
        "right": right,
        "names": names,
        "summary": summary(pairs),
        "rows": [(p, p.words()) for p in pairs if p.changed or not only_changed],
        "only_changed": only_changed,
        "query": request.GET.urlencode(),
        "chart": _compare_chart(pairs),
        "picker": choices(request, (of_report(left), of_report(right))),
    }
    return _answer(
        request,
        fmt,
        "supervision/compare.html",
        context,
        lambda: {
            "left": {"report_id": left.pk, "name": names[0]},
            "right": {"report_id": right.pk, "name": names[1]},
            "summary": summary(pairs),
            "cells": [
                {
                    "cell": p.cell,
                    "label": p.label,
                    "left": _json(p.left),
                    "right": _json(p.right),
                    "change": p.words(),
                }
                for p in pairs
            ],
        },
        lambda: ("两份年报逐格对比", header, lines),
    )


def _choose(request: HttpRequest, fmt: str) -> HttpResponse:
    """The two columns' choice: once both name a published report, the page of the two."""
    left, right = (pick(request, side) for side in SIDES)
    if left.report and right.report:
        query = urlencode({"a": left.report.pk, "b": right.report.pk})
        return redirect(f"{reverse('supervision:compare')}?{query}")
    picker = choices(request, (left, right))
    if fmt == "json":
        options = [{"agency_id": pk, "agency": name} for pk, name in picker["agencies"]]
        body = {"agencies": options, "total": picker["total"], "years": picker["years"]}
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    asked = any(f"agency_{side}" in request.GET for side in SIDES)
    problems = list(dict.fromkeys(p.problem for p in (left, right) if p.problem)) if asked else []
    context = {"picker": picker, "problems": problems}
    return render(request, "supervision/compare_pick.html", context)


def _named(report: PublishedReport) -> str:
    return f"{report.agency.name}{report.year}年度"


def _json(value: object) -> object:
    return value if value is None or isinstance(value, int) else str(value)


def _compare_chart(pairs: list[Any]) -> dict[str, Any]:
    """The changed 总计 cells of table 三, the most telling, as two bar series."""
    shown = [p for p in pairs if p.changed and p.cell.endswith(".total")][:20]
    return {
        "labels": [p.label for p in shown],
        "left": [_json(p.left) for p in shown],
        "right": [_json(p.right) for p in shown],
    }
