"""Reading the library: the published reports a filter selects, and what it means in words."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import PublishedReport


@dataclass(frozen=True)
class ReportFilter:
    """The public filters of the library; invalid values are refused at the edge."""

    year: int | None = None
    region: Agency | None = None
    level: str | None = None
    q: str = ""

    def apply(self, reports: QuerySet[PublishedReport]) -> QuerySet[PublishedReport]:
        if self.year is not None:
            reports = reports.filter(year=self.year)
        if self.region is not None:
            reports = reports.filter(agency__path__startswith=self.region.path)
        if self.level:
            reports = reports.filter(agency__level=self.level)
        if self.q:
            reports = reports.filter(agency__name__contains=self.q)
        return reports

    def human_clause(self) -> str:
        """What the filter shows, in words: 2021年度、运城市下属机关、名称含“盐湖”."""
        parts = []
        if self.year is not None:
            parts.append(f"{self.year}年度")
        if self.region is not None:
            parts.append(f"{self.region.name}及所属机关")
        if self.level:
            parts.append(Agency.Level(self.level).label)
        if self.q:
            parts.append(f"名称含“{self.q}”")
        return "、".join(parts) if parts else "全部"


def published() -> QuerySet[PublishedReport]:
    return PublishedReport.objects.filter(status=PublishedReport.Status.PUBLISHED).select_related(
        "agency"
    )


def public_editions() -> QuerySet[PublishedReport]:
    """Published editions and those a correction replaced: every edition stays public."""
    statuses = [PublishedReport.Status.PUBLISHED, PublishedReport.Status.SUPERSEDED]
    return PublishedReport.objects.filter(status__in=statuses).select_related("agency")


def listing() -> QuerySet[PublishedReport]:
    """Published reports for lists: newest year first, in index order, without the heavy
    columns (the report data and the source file stay in the database)."""
    return published().defer("data", "source").order_by("-year", "-id")
