"""The 台账 (/manage/cases/): every application of the person's agencies, searched,
filtered and sorted, the filter said in words; its JSON twin, its Excel export in the
columns offices keep, and a print view. Inboxes are the same list with a preset filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongkai.render import CONTENT_TYPES
from gongkai.render.sheet import sheet_xlsx
from gongkai.roles import Need
from gongkai.web.agencies.access import access_agency_by_id, agencies_for
from gongkai.web.cases.forms import LedgerForm
from gongkai.web.cases.ledger import HEADER, LedgerFilter, ledger_row, sheet_rows
from gongkai.web.cases.models import Application
from gongkai.web.cases.queries import handlers_of, inbox
from gongkai.web.edge import download, form_problems, int_param

PAGE_SIZE = 50
LEDGER_TITLE = "政府信息公开申请台账"
EXPORT_LIMIT = 50_000  # rows in one Excel export; narrow the filter for more
PRINT_LIMIT = 2_000  # rows on paper
COLUMNS = (  # the page's sortable headers: (sort key, label)
    ("number", "申请编号"),
    ("agency", "机关"),
    ("received_on", "收到日期"),
    ("applicant_type", "申请人"),
    ("state", "状态"),
    ("handler", "承办人"),
    ("due_on", "答复期限"),
    ("answered_on", "答复日期"),
)


@login_required
def ledger(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    asked = int_param(request, "agency", 0)
    if asked:  # one agency asked for by address: told plainly when it is not theirs
        access_agency_by_id(request.user, asked, Need.READ)
    readable = agencies_for(request.user, Need.READ)
    form = LedgerForm(request.GET or None, agencies=readable, handlers=handlers_of(readable))
    valid = not request.GET or form.is_valid()
    chosen = form.to_filter() if request.GET and valid else LedgerFilter()
    cases = _cases(request, chosen, readable) if valid else Application.objects.none()
    personal = set(agencies_for(request.user, Need.READ_PERSONAL).values_list("pk", flat=True))
    if fmt == "json":
        return _json(request, cases, chosen, personal)
    if fmt == "xlsx":
        data = sheet_xlsx(
            "政府信息公开申请台账", HEADER, sheet_rows(cases[:EXPORT_LIMIT], personal)
        )
        return download(data, CONTENT_TYPES["xlsx"], "政府信息公开申请台账.xlsx")
    if fmt == "print":
        rows = [ledger_row(c, c.agency_id in personal) for c in cases[:PRINT_LIMIT]]
        context = {"rows": rows, "clause": chosen.human_clause(), "limit": PRINT_LIMIT}
        return render(request, "cases/print.html", context)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": [(c, ledger_row(c, c.agency_id in personal)) for c in page],
        "clause": chosen.human_clause(),
        "error": "" if valid else "；".join(form_problems(form)),
        "query": _query(request),
        "columns": _columns(request, chosen.sort),
        "today": dt.date.today(),
        "registers": agencies_for(request.user, Need.HANDLE).exists(),
    }
    return render(request, "cases/list.html", context, status=200 if valid else 400)


def _cases(request: HttpRequest, chosen: LedgerFilter, readable: Any) -> QuerySet[Application]:
    if chosen.inbox:
        scope = inbox(request.user, chosen.inbox)
    else:
        scope = Application.objects.filter(agency__in=readable)
    personal = agencies_for(request.user, Need.READ_PERSONAL)
    return chosen.apply(scope, personal).select_related("agency", "assignee")


def _json(
    request: HttpRequest, cases: QuerySet[Application], chosen: LedgerFilter, personal: set[int]
) -> JsonResponse:
    page: Page[Application] = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    body = {
        "filter": chosen.human_clause(),
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "cases": [ledger_row(c, c.agency_id in personal) for c in page],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _query(request: HttpRequest, without: tuple[str, ...] = ("page",)) -> str:
    kept = request.GET.copy()
    for name in without:
        kept.pop(name, None)
    return kept.urlencode()


def _columns(request: HttpRequest, sort: str) -> list[dict[str, str]]:
    """Each sortable header with the address that sorts by it (again: the other way)."""
    base = _query(request, ("page", "sort"))
    out = []
    descending = sort.startswith("-")
    for key, label in COLUMNS:
        current = sort.lstrip("-") == key
        wanted = f"-{key}" if current and not descending else key
        mark = ("↓" if descending else "↑") if current else ""
        href = f"?{base}&sort={wanted}" if base else f"?sort={wanted}"
        out.append({"label": label, "href": href, "mark": mark})
    return out
