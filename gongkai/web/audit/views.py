"""The audit log for administrators, supervising offices and agency administrators: browse,
filter (said in words), a JSON twin and an XLSX export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongkai.render import CONTENT_TYPES
from gongkai.render.sheet import sheet_xlsx
from gongkai.roles import NEED_LABELS, Need
from gongkai.web.agencies.access import (
    NOT_YOURS,
    access_agency_by_id,
    agencies_for,
    is_administrator,
)
from gongkai.web.audit.forms import AuditFilterForm
from gongkai.web.audit.models import OBJECT_LABELS, AuditEvent
from gongkai.web.audit.presenting import describe
from gongkai.web.audit.queries import visible_events
from gongkai.web.edge import download, int_param

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000  # rows in one export; narrow the filter for more
HEADER = ("时间", "事项", "操作人", "机关", "对象", "对象编号", "修改前", "修改后", "理由或说明")


@login_required
def audit(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    asked = int_param(request, "agency", 0)
    if asked:
        access_agency_by_id(request.user, asked, Need.AUDIT)
    elif not is_administrator(request.user) and not agencies_for(request.user, Need.AUDIT).exists():
        raise PermissionDenied(NOT_YOURS.format(action=NEED_LABELS[Need.AUDIT]))
    form = AuditFilterForm(request.GET or None)
    form.fields["agency"].queryset = agencies_for(request.user, Need.AUDIT)  # type: ignore[attr-defined]
    valid = not request.GET or form.is_valid()
    chosen = form.to_filter() if request.GET and valid else None
    events = visible_events(request.user)
    if chosen is not None:
        events = chosen.apply(events)
    elif not valid:
        events = events.none()
    if fmt == "json":
        rows = [_row(e) for e in events[:PAGE_SIZE]]
        return JsonResponse(
            {"filter": _clause(chosen), "events": rows}, json_dumps_params={"ensure_ascii": False}
        )
    if fmt == "xlsx":
        return _xlsx(events[:EXPORT_LIMIT])
    page = Paginator(events.order_by("-at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": [(e, describe(e.before), describe(e.after)) for e in page],
        "clause": _clause(chosen),
        "error": "" if valid else form.error_text(),
        "query": request.GET.urlencode(),
    }
    return render(request, "audit/audit.html", context, status=200 if valid else 400)


def _clause(chosen: Any) -> str:
    return chosen.human_clause() if chosen is not None else "全部"


def _row(event: AuditEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "at": event.at.isoformat(),
        "event_type": event.event_type,
        "event": event.get_event_type_display(),
        "user": event.user.username if event.user else None,
        "agency": event.agency.name if event.agency else None,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
    }


def _xlsx(events: Any) -> HttpResponse:
    rows = (
        [
            row["at"],
            row["event"],
            row["user"] or "",
            row["agency"] or "",
            OBJECT_LABELS.get(row["object_type"], row["object_type"]),
            row["object_id"],
            describe(row["before"]),
            describe(row["after"]),
            row["reason"],
        ]
        for row in map(_row, events.iterator(chunk_size=2000))
    )
    data = sheet_xlsx("审计记录", HEADER, rows)
    return download(data, CONTENT_TYPES["xlsx"], "审计记录.xlsx")
