"""The public open-data pages: the files with what each holds (`/data/`), how to query
them with DuckDB (`/data/duckdb/`), and the downloads themselves, streamed from disk."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from gongkai import opendata
from gongkai.web import throttle
from gongkai.web.opendata.examples import EXAMPLES, setup_sql
from gongkai.web.opendata.files import BY_KEY, FILES, current

TOO_MANY_DOWNLOADS = "本地址下载过于频繁，请一小时后再试"
TERMS = (
    "本页数据整理自各行政机关依法主动公开的政府信息公开工作年度报告，可自由下载、复制、"
    "使用和传播，使用时请注明来源；数据以各机关发布的报告原文为准。"
)


def data_page(request: HttpRequest) -> HttpResponse:
    manifest = current(settings.GONGKAI_OPEN_DATA_DIR)
    files = [{"file": f, "size": manifest.sizes.get(f.stored, 0) if manifest else 0} for f in FILES]
    return render(
        request,
        "opendata/data.html",
        {
            "manifest": manifest,
            "files": files,
            "dictionary": opendata.dictionary(),
            "meta": META_COLUMNS,
            "terms": TERMS,
        },
    )


def data_json(request: HttpRequest) -> JsonResponse:
    """The page's twin: the current build and its files, for scripts that fetch them."""
    manifest = current(settings.GONGKAI_OPEN_DATA_DIR)
    if manifest is None:
        return JsonResponse({"built_at": None, "reports": 0, "files": []})
    files = [
        {
            "name": f.download,
            "url": reverse("opendata:file", args=[f.key]),
            "bytes": manifest.sizes.get(f.stored, 0),
            "content_type": f.content_type,
            "holds": f.holds,
        }
        for f in FILES
    ]
    body = {"built_at": manifest.built_at.isoformat(), "reports": manifest.reports}
    return JsonResponse(
        {**body, "cells": manifest.cells, "files": files}, json_dumps_params={"ensure_ascii": False}
    )


# The columns the files add to each report, in words (the cells' names are in the dictionary).
META_COLUMNS = (
    ("id", "报告编号（本站报告页面 /reports/编号/）"),
    ("region", "所属地区：上级机关的名称，由高到低"),
    ("level", "层级：省级、市级、县级、乡镇（街道）、部门"),
    ("agency_id", "机关编号（与接口 /api/agencies 一致）"),
    ("edition", "发布版次：更正后重新发布的为第2版起"),
    ("late", "是否逾期发布：是、否"),
    ("url", "报告页面的地址"),
    ("agency、year、template", "报告所载的机关名称、年度、年报格式（2019 或 2021）"),
    ("published_on", "发布日期"),
    ("errors、warnings", "勾稽关系的错误数、警告数"),
    ("report", "整份报告的 JSON（gongkai.annual-report/1），含各部分文字"),
)


def duckdb_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/duckdb.html",
        {"setup": setup_sql(), "examples": EXAMPLES, "files": FILES},
    )


def data_file(request: HttpRequest, key: str) -> HttpResponse | FileResponse:
    """A file of the current build; only names of `FILES` are ever served."""
    data_file = BY_KEY.get(key)
    manifest = current(settings.GONGKAI_OPEN_DATA_DIR)
    if data_file is None or manifest is None:
        raise Http404
    counted = throttle.counted("open-data", throttle.address(request))
    if counted > settings.GONGKAI_DOWNLOADS_PER_ADDRESS_HOUR:
        return throttle.refused(request, TOO_MANY_DOWNLOADS)
    try:
        handle = manifest.path(settings.GONGKAI_OPEN_DATA_DIR, data_file).open("rb")
    except FileNotFoundError:  # removed by two rebuilds since the manifest was read
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=data_file.download,
        content_type=data_file.content_type,
    )
