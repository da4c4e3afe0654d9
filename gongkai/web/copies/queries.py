"""What the copies page shows: for one year and one section, each agency's published report
with the largest share of that section repeating its own report of the year before, and the
largest repeating another agency's report — two queries, whatever the size of the region."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.figures import percent
from gongkai.web.agencies.models import Agency
from gongkai.web.copies.models import SectionCopy
from gongkai.web.reports.models import PublishedReport

PUBLISHED = PublishedReport.Status.PUBLISHED


@dataclass(frozen=True)
class Found:
    """The largest repetition found for one report: its share, the pair, the other report."""

    share: float
    copy_id: int
    other: str  # the other report's agency
    other_year: int

    @property
    def shown(self) -> str:
        return percent(self.share)


@dataclass(frozen=True)
class ReportCopies:
    agency_id: int
    agency: str
    report_id: int
    last_year: Found | None  # the agency's own report of the year before
    others: Found | None  # another agency's report

    @property
    def top(self) -> float:
        return max(f.share if f else 0.0 for f in (self.last_year, self.others))


def section_copies(scope: QuerySet[Agency], year: int, section: str) -> list[ReportCopies]:
    """Every published report of `year` in `scope`, by agency name."""
    reports = PublishedReport.objects.filter(agency__in=scope, year=year, status=PUBLISHED)
    listed = reports.order_by("agency__name", "id").values_list("id", "agency_id", "agency__name")
    pairs = (
        SectionCopy.objects.filter(section=section)
        .filter(Q(left__in=reports) | Q(right__in=reports))
        .filter(left__status=PUBLISHED, right__status=PUBLISHED)
        .values(
            "id",
            "left_id",
            "right_id",
            "left_share",
            "right_share",
            "same_agency",
            "left__year",
            "right__year",
            "left__agency__name",
            "right__agency__name",
        )
    )
    best: dict[tuple[int, bool], Found] = {}
    for pair in pairs:
        for report_id, found, own in _sides(pair, year):
            held = best.get((report_id, own))
            if held is None or found.share > held.share:
                best[report_id, own] = found
    return [
        ReportCopies(agency_id, name, pk, best.get((pk, True)), best.get((pk, False)))
        for pk, agency_id, name in listed
    ]


def _sides(pair: Mapping[str, Any], year: int) -> list[tuple[int, Found, bool]]:
    """What the pair says of each of its reports of `year`: (report, found, own last year)."""
    left = Found(pair["left_share"], pair["id"], pair["right__agency__name"], pair["right__year"])
    right = Found(pair["right_share"], pair["id"], pair["left__agency__name"], pair["left__year"])
    if pair["same_agency"]:  # only the later report repeats the earlier
        last = pair["right__year"] == year and pair["left__year"] == year - 1
        return [(pair["right_id"], right, True)] if last else []
    sides = [(pair["left_id"], left, False), (pair["right_id"], right, False)]
    return [s for s, y in zip(sides, (pair["left__year"], pair["right__year"])) if y == year]


Segment = tuple[str, bool]  # a piece of text and whether it is repeated


def marked(text: str, spans: list[tuple[int, int]]) -> list[Segment]:
    """The text cut into pieces, the repeated spans marked (overlaps merged)."""
    pieces: list[Segment] = []
    at = 0
    for start, end in sorted(spans):
        start = max(start, at)
        if end <= start:
            continue
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces
