"""What a supervising office sees of one year: every agency in its scope, its report's state,
its findings and its key figures, in one query per table (no per-agency queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, FilteredRelation, Q, QuerySet
from django.db.models.fields.json import KT

from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import PublishedReport
from gongkai.web.supervision.counting import count_rows
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
    `ReportFigures` in one pass: each agency's reports of the year counted by state, then
    the agencies counted (an agency with only drafts counts by any of them)."""
    found = count_rows(_year_counts(scope, year), YEAR_COUNTED)
    today = dt.date.today()
    overdue = sum(
        found[f"missing_{kind}"]
        for kind in ("government", "other")
        if today > annual_report_due(year, government=kind == "government")
    )
    shown = ("agencies", "published", "drafts", "missing", "with_errors")
    return {**{name: found[name] for name in shown}, "late": found["late"] + overdue}


GOVERNMENT = '"level" IN ({})'.format(", ".join(f"'{level}'" for level in GOVERNMENT_LEVELS))
YEAR_COUNTED = {
    "agencies": "1 = 1",
    "published": '"published" > 0',
    "drafts": '"drafts" > 0 AND "published" = 0',
    "missing": '"drafts" = 0 AND "published" = 0',
    "with_errors": '"published_errors" > 0 OR ("published" = 0 AND "draft_errors" > 0)',
    "late": '"late" > 0',
    "missing_government": f'"drafts" = 0 AND "published" = 0 AND {GOVERNMENT}',
    "missing_other": f'"drafts" = 0 AND "published" = 0 AND NOT {GOVERNMENT}',
}


def _year_counts(scope: QuerySet[Agency], year: int) -> QuerySet[Any, Any]:
    """Each agency of `scope` with its reports of `year` counted: published, drafts, each
    with errors, published late."""
    published = Q(of_year__status=PublishedReport.Status.PUBLISHED)
    draft = Q(of_year__status=PublishedReport.Status.DRAFT)
    errors = Q(of_year__errors__gt=0)
    return scope.annotate(
        of_year=FilteredRelation("report_figures", condition=Q(report_figures__year=year)),
        published=Count("of_year", filter=published),
        drafts=Count("of_year", filter=draft),
        published_errors=Count("of_year", filter=published & errors),
        draft_errors=Count("of_year", filter=draft & errors),
        late=Count("of_year", filter=published & Q(of_year__late=True)),
    ).values("level", "published", "drafts", "published_errors", "draft_errors", "late")


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
