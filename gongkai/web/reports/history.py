"""A report's history as people read it: the corrections made to it (from the audit log)
and the published editions of the agency's report of that year."""

from __future__ import annotations

from typing import Any

from gongkai.cells import cell_label
from gongkai.web.audit.log import events_of
from gongkai.web.audit.models import EventType
from gongkai.web.reports.models import PublishedReport


def corrections(stored: PublishedReport) -> list[dict[str, Any]]:
    events = events_of(stored).filter(event_type=EventType.REPORT_CORRECTED)
    return [
        {
            "at": e.at,
            "user": e.user,
            "cell": cell_label(e.after["cell"]),
            "old": (e.before or {}).get("value"),
            "new": e.after.get("new"),
            "reason": e.reason,
            "cleared": e.after.get("cleared", []),
        }
        for e in events
        if e.after
    ]


def editions(stored: PublishedReport) -> list[PublishedReport]:
    """Every published edition of the agency's report of that year, newest first."""
    return list(
        PublishedReport.objects.filter(
            agency_id=stored.agency_id,
            year=stored.year,
            status__in=[PublishedReport.Status.PUBLISHED, PublishedReport.Status.SUPERSEDED],
        )
        .defer("data", "source")
        .order_by("-edition")
    )


def year_before(stored: PublishedReport) -> int | None:
    """The id of the agency's published report of the year before, to compare with."""
    found = PublishedReport.objects.filter(
        agency_id=stored.agency_id, year=stored.year - 1, status=PublishedReport.Status.PUBLISHED
    )
    return found.values_list("pk", flat=True).first()
