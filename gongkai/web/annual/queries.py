"""Where each agency's annual report stands against its due date (第四十九条): what the
annual desk lists and the 工作台 shows, read once here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from gongkai.web.agencies.models import Agency
from gongkai.web.reports.actions import signatures
from gongkai.web.reports.models import PublishedReport
from gongkai.workdays import annual_report_due

REMIND_DAYS = 15  # calendar days before the due date when reminders start


@dataclass(frozen=True)
class ReportDue:
    agency: Agency
    due: dt.date
    days_left: int
    published: PublishedReport | None
    draft: PublishedReport | None
    signed: list[str] = field(default_factory=list)

    @property
    def remind(self) -> bool:
        return self.published is None and self.days_left <= REMIND_DAYS

    def state_text(self) -> str:
        """已公布 / 草稿（已审核） / 未编制, as the dashboard says it."""
        if self.published is not None:
            return "已公布"
        if self.draft is not None:
            return "草稿" + (f"（{' → '.join(self.signed)}）" if self.signed else "")
        return "未编制"


def reports_due(agencies: QuerySet[Agency], year: int, today: dt.date) -> list[ReportDue]:
    """Each agency's report on `year`: due when, published or drafted, signed how far."""
    rows = []
    for agency in agencies:
        due = annual_report_due(year, government=agency.is_government())
        reports = PublishedReport.objects.filter(agency=agency, year=year).defer("data", "source")
        published = reports.filter(status=PublishedReport.Status.PUBLISHED).first()
        draft = reports.filter(status=PublishedReport.Status.DRAFT).order_by("-id").first()
        signed = [s.get_step_display() for s in signatures(draft)] if draft else []
        rows.append(ReportDue(agency, due, (due - today).days, published, draft, signed))
    return rows
