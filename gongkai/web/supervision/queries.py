"""What a supervising office sees of one year: every agency in its scope, its report's state,
its findings and its key figures, in one query per table (no per-agency queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT

from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import PublishedReport, ReportFigures
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


GOVERNMENT_LEVELS = (Agency.Level.PROVINCE, Agency.Level.CITY, Agency.Level.COUNTY)


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
    """`totals` over every agency of `scope`, however many, counted in the database from
    `ReportFigures` (an agency with only drafts counts by any of them)."""
    figures = ReportFigures.objects.filter(agency__in=scope, year=year)
    published = Q(status=PublishedReport.Status.PUBLISHED)
    counted = figures.aggregate(
        published=Count("report", filter=published),
        errors=Count("report", filter=published & Q(errors__gt=0)),
        late=Count("report", filter=published & Q(late=True)),
    )
    drafts = figures.filter(status=PublishedReport.Status.DRAFT).exclude(
        agency__in=figures.filter(published).values("agency")
    )
    draft_errors = drafts.filter(errors__gt=0).values("agency").distinct().count()
    missing = scope.exclude(
        pk__in=figures.exclude(status=PublishedReport.Status.SUPERSEDED).values("agency")
    )
    government = Q(level__in=GOVERNMENT_LEVELS)
    absent = missing.aggregate(
        government=Count("pk", filter=government), other=Count("pk", filter=~government)
    )
    today = dt.date.today()
    overdue = sum(
        absent[kind]
        for kind, g in (("government", True), ("other", False))
        if today > annual_report_due(year, government=g)
    )
    return {
        "agencies": scope.count(),
        "published": counted["published"],
        "drafts": drafts.values("agency").distinct().count(),
        "missing": absent["government"] + absent["other"],
        "with_errors": counted["errors"] + draft_errors,
        "late": counted["late"] + overdue,
    }


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
