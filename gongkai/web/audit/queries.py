"""Browsing the audit log: the events a person may see, filtered, and the filter in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.roles import Need
from gongkai.web.agencies.access import Person, agencies_for, is_administrator
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.models import AuditEvent, EventType

FAMILIES = {
    1: "年度报告",
    2: "依申请公开",
    3: "主动公开与复议诉讼登记",
    4: "机关",
    5: "人员和角色",
    6: "接口令牌",
    7: "工作日历",
}


def visible_events(user: Person) -> QuerySet[AuditEvent]:
    """Administrators see every event; supervisors their region's, agency administrators
    their agency's (system-wide events — agencies, wordings — are the administrators')."""
    events = AuditEvent.objects.select_related("user", "agency")
    if is_administrator(user):
        return events
    return events.filter(agency__in=agencies_for(user, Need.AUDIT))


@dataclass(frozen=True)
class AuditFilter:
    agency: Agency | None = None
    family: int | None = None
    event_type: int | None = None
    person: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        if self.agency is not None:
            events = events.filter(agency__path__startswith=self.agency.path)
        if self.family is not None:
            low = self.family * 100
            events = events.filter(event_type__gte=low, event_type__lt=low + 100)
        if self.event_type is not None:
            events = events.filter(event_type=self.event_type)
        if self.person:
            events = events.filter(user__username=self.person)
        if self.since is not None:
            events = events.filter(at__date__gte=self.since)
        if self.until is not None:
            events = events.filter(at__date__lte=self.until)
        return events.order_by("-at", "-id")

    def human_clause(self) -> str:
        """What the filter shows, in words: 某县及所属机关、年度报告、2026-01-01起."""
        parts = []
        if self.agency is not None:
            parts.append(f"{self.agency.name}及所属机关")
        if self.family is not None:
            parts.append(FAMILIES[self.family])
        if self.event_type is not None:
            parts.append(EventType(self.event_type).label)
        if self.person:
            parts.append(f"操作人{self.person}")
        if self.since is not None:
            parts.append(f"{self.since.isoformat()}起")
        if self.until is not None:
            parts.append(f"至{self.until.isoformat()}")
        return "、".join(parts) if parts else "全部"
