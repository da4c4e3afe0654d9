"""Agencies ranked by one measure (`gongkai.figures.MEASURES`) over one year's published
reports: each report's measure is computed, ordered and cut in the database
(`measuresql`), whatever the size of the region; the population, where recorded, gives the
measures per 10,000 inhabitants."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet

from gongkai.figures import Measure
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import PublishedReport, ReportFigures
from gongkai.web.supervision.measuresql import measure_sql


@dataclass(frozen=True)
class Ranked:
    place: int | None  # None: the measure cannot be computed (no base, no figure)
    agency_id: int
    agency: str
    report_id: int
    value: float | None

    def shown(self, measure: Measure) -> str:
        """The value as a person reads it: 62.5%, 12.40, or empty."""
        return measure.shown(self.value)


def ranked_reports(scope: QuerySet[Agency], year: int) -> QuerySet[ReportFigures]:
    return ReportFigures.objects.filter(
        agency__in=scope, year=year, status=PublishedReport.Status.PUBLISHED
    )


def ranking(
    scope: QuerySet[Agency], year: int, measure: Measure, descending: bool, limit: int | None = None
) -> list[Ranked]:
    """The agencies of `scope` with a published report of `year` (the first `limit`), best
    first in the order asked, ties by name; those whose measure cannot be computed come
    last, by name."""
    value = F("value").desc(nulls_last=True) if descending else F("value").asc(nulls_last=True)
    rows = (
        ranked_reports(scope, year)
        .annotate(value=measure_sql(measure))
        .order_by(value, "agency__name")
        .values_list("agency_id", "agency__name", "report_id", "value")
    )
    return [
        Ranked(n + 1 if row[3] is not None else None, *row) for n, row in enumerate(rows[:limit])
    ]
