"""Agencies ranked by one measure (`gongkai.figures.MEASURES`) over one year's published
reports: the figures are summed from `ReportFigures` in one query, whatever the size of
the region; the population, where recorded, gives the measures per 10,000 inhabitants."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.figures import Measure
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import PublishedReport, ReportFigures


@dataclass(frozen=True)
class Ranked:
    place: int | None  # None: the measure cannot be computed (no base, no figure)
    agency_id: int
    agency: str
    report_id: int
    value: float | None

    def shown(self, measure: Measure) -> str:
        """The value as a person reads it: 62.5%, 12.40, or empty."""
        if self.value is None:
            return ""
        if measure.unit == "%":
            return f"{self.value * 100:.1f}%"
        return f"{self.value:.2f}".removesuffix(".00")


def ranking(scope: QuerySet[Agency], year: int, measure: Measure, descending: bool) -> list[Ranked]:
    """Every agency of `scope` with a published report of `year`, best first in the order
    asked; agencies whose measure cannot be computed come last, by name."""
    rows = (
        ReportFigures.objects.filter(
            agency__in=scope, year=year, status=PublishedReport.Status.PUBLISHED
        )
        .values(
            "report_id",
            "agency_id",
            "agency__name",
            "agency__population",
            *measure.compute.uses,  # only the columns the measure reads
        )
        .order_by()
    )
    found = [
        (row, measure.compute({**row, "population": row["agency__population"]})) for row in rows
    ]
    known = sorted(
        (f for f in found if f[1] is not None),
        key=lambda f: (-f[1] if descending else f[1], f[0]["agency__name"]),  # type: ignore[operator]
    )
    unknown = sorted((f for f in found if f[1] is None), key=lambda f: f[0]["agency__name"])
    return [
        Ranked(
            n + 1 if value is not None else None,
            r["agency_id"],
            r["agency__name"],
            r["report_id"],
            value,
        )
        for n, (r, value) in enumerate([*known, *unknown])
    ]
