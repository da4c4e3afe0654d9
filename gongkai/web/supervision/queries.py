"""What a supervising office sees of one year: every agency in its scope, its report's state,
its findings and its key figures, in one query per table (no per-agency queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.db.models.fields.json import KT

from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import PublishedReport
from gongkai.workdays import annual_report_due

# Key figures read straight out of the stored JSON (a key transform, on SQLite and PostgreSQL).
FIGURES = {
    "new_received": KT("data__applications__rows__new_received__6"),
    "answered": KT("data__applications__rows__total__6"),
    "carry_forward": KT("data__applications__rows__carry_forward__6"),
    "reviews": KT("data__appeals__review__total"),
}
FIGURE_LABELS = {
    "new_received": "本年新收申请",
    "answered": "本年办结",
    "carry_forward": "结转下年",
    "reviews": "行政复议",
}


@dataclass(frozen=True)
class Row:
    agency: Agency
    depth: int
    report: dict[str, Any] | None
    due: dt.date

    @property
    def state(self) -> str:
        if self.report is None:
            return "未提交"
        return "已发布" if self.report["status"] == PublishedReport.Status.PUBLISHED else "草稿"

    @property
    def late(self) -> bool:
        published = self.report and self.report["published_on"]
        return bool(published and published > self.due) or (
            self.report is None and dt.date.today() > self.due
        )


def year_rows(scope: QuerySet[Agency], year: int, limit: int | None = None) -> list[Row]:
    """One row per agency in scope (the first `limit` in tree order): its published report of
    the year, else its latest draft, with its key figures."""
    agencies = list(scope.order_by("path")[:limit])
    shown = [a.pk for a in agencies] if limit is not None else scope
    best = _best(PublishedReport.objects.filter(agency__in=shown, year=year), FIGURES)
    top = min((a.path.count("/") for a in agencies), default=0)
    return [
        Row(
            agency=a,
            depth=a.path.count("/") - top,
            report=best.get(a.pk),
            due=annual_report_due(year, government=a.is_government()),
        )
        for a in agencies
    ]


def year_totals(scope: QuerySet[Agency], year: int) -> dict[str, int]:
    """`totals` over every agency of `scope`, however many, without reading reports' data."""
    best = _best(PublishedReport.objects.filter(agency__in=scope, year=year), {})
    due = {g: annual_report_due(year, government=g) for g in (False, True)}
    rows = [
        Row(agency, 0, best.get(agency.pk), due[agency.is_government()])
        for agency in (Agency(pk=pk, level=level) for pk, level in scope.values_list("pk", "level"))
    ]
    return totals(rows)


def _best(reports: QuerySet[PublishedReport], figures: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Each agency's published report, else its latest draft, with `figures` read."""
    found = reports.order_by("agency_id", "status", "-id").values(  # draft < published
        "id", "agency_id", "status", "errors", "warnings", "published_on", **figures
    )
    best: dict[int, dict[str, Any]] = {}
    for row in found:
        report: dict[str, Any] = dict(row)
        for name in figures:
            report[name] = _int(report[name])
        held = best.get(report["agency_id"])
        if held is None or report["status"] == PublishedReport.Status.PUBLISHED:
            best[report["agency_id"]] = report
    return best


def totals(rows: list[Row]) -> dict[str, int]:
    states = [r.state for r in rows]
    return {
        "agencies": len(rows),
        "published": states.count("已发布"),
        "drafts": states.count("草稿"),
        "missing": states.count("未提交"),
        "with_errors": sum(1 for r in rows if r.report and r.report["errors"]),
        "late": sum(1 for r in rows if r.late),
    }


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
