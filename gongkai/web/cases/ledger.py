"""The 台账: every application of the person's agencies in every state, searched, filtered,
sorted, and the filter said in words; its rows as the page, the JSON twin, the Excel export
and the print view show them (applicants masked where the person may not see them)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, OrderBy, Q, QuerySet
from django.db.models.expressions import RawSQL

from gongkai import catalog, search
from gongkai.cases.procedure import CLOSED, NOT_RECEIVED, OPEN, STATE_LABELS, State
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.models import Application, outcome_label
from gongkai.web.cases.queries import INBOX_LABELS
from gongkai.web.cases.search_words import number_word

# State filters: a group of states, or one state.
STATE_GROUPS = {
    "open": ("在办", OPEN),
    "closed": ("已办结", CLOSED),
    "not_received": ("网上申请未受理（含无效）", NOT_RECEIVED),
}
STATE_FILTERS = [(k, label) for k, (label, _) in STATE_GROUPS.items()] + [
    (s.value, STATE_LABELS[s]) for s in State
]
# Sortable columns: the key in the address, the fields it orders by.
SORTS = {
    "number": ("year", "serial"),
    "received_on": ("received_on",),
    "applicant_type": ("applicant_type",),
    "state": ("state",),
    "due_on": ("due_on",),
    "answered_on": ("answered_on",),
    "handler": ("assignee__username",),
    "agency": ("agency__name",),
}
DEFAULT_SORT = "-received_on"
UNASSIGNED = "none"
NUMBER = re.compile(r"((?:19|20)\d\d)\D{1,3}?0*(\d{1,6})")


@dataclass(frozen=True)
class LedgerFilter:
    """What the 台账 shows; values are checked at the edge (LedgerForm)."""

    agency: Agency | None = None
    year: int | None = None
    state: str = ""
    outcome: str = ""
    channel: str = ""
    applicant_type: str = ""
    handler: User | None = None
    unassigned: bool = False
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    q: str = ""
    inbox: str = ""
    sort: str = DEFAULT_SORT

    def apply(
        self, cases: QuerySet[Application], personal: QuerySet[Agency]
    ) -> QuerySet[Application]:
        """`personal`: the agencies whose applicants the person may see, so searched by name."""
        cases = cases.filter(self._where())
        if self.q:
            cases = cases.filter(matching(self.q, personal))
        return cases.order_by(*ordering(self.sort))

    def _where(self) -> Q:
        where = Q()
        if self.agency is not None:
            where &= Q(agency__path__startswith=self.agency.path)
        if self.year is not None:
            where &= Q(year=self.year)
        if self.state in STATE_GROUPS:
            where &= Q(state__in=[s.value for s in STATE_GROUPS[self.state][1]])
        elif self.state:
            where &= Q(state=self.state)
        for name in ("outcome", "channel", "applicant_type"):
            if getattr(self, name):
                where &= Q(**{name: getattr(self, name)})
        if self.handler is not None:
            where &= Q(assignee=self.handler)
        if self.unassigned:
            where &= Q(assignee__isnull=True)
        if self.due_from is not None:
            where &= Q(due_on__gte=self.due_from)
        if self.due_to is not None:
            where &= Q(due_on__lte=self.due_to)
        return where

    def human_clause(self) -> str:
        """What the filter shows, in words: 某县及所属机关、2026年登记、在办、含“农村公路”."""
        parts = [INBOX_LABELS[self.inbox]] if self.inbox else []
        if self.agency is not None:
            parts.append(f"{self.agency.name}及所属机关")
        if self.year is not None:
            parts.append(f"{self.year}年登记")
        if self.state:
            parts.append(dict(STATE_FILTERS)[self.state])
        if self.outcome:
            parts.append(f"办理结果为{outcome_label(self.outcome)}")
        if self.channel:
            parts.append(Application.Channel(self.channel).label)
        if self.applicant_type:
            parts.append(f"申请人为{catalog.COLUMN_LABELS[self.applicant_type]}")
        if self.handler is not None:
            parts.append(f"承办人{self.handler.get_full_name() or self.handler.username}")
        if self.unassigned:
            parts.append("尚未分办")
        parts += self._due_words()
        if self.q:
            parts.append(f"含“{self.q}”")
        return "、".join(parts) if parts else "全部"

    def _due_words(self) -> list[str]:
        start, end = self.due_from, self.due_to
        if start and end:
            return [f"答复期限在{start.isoformat()}至{end.isoformat()}之间"]
        if start:
            return [f"答复期限不早于{start.isoformat()}"]
        if end:
            return [f"答复期限不晚于{end.isoformat()}"]
        return []


def ordering(sort: str) -> list[OrderBy]:
    """The sort asked for (a column key, '-' for descending), newest first by default.
    Empty values (no receipt day yet, no deadline) come last going up and first going
    down — the order of an index, so a region's first page is read from one."""
    key = sort.lstrip("-")
    fields = SORTS.get(key, SORTS[DEFAULT_SORT.lstrip("-")])
    descending = sort.startswith("-") if key in SORTS else True
    # Applications not yet accepted have a year but no serial: after the numbered ones.
    unnumbered = ExpressionWrapper(Q(serial__isnull=True), output_field=BooleanField())
    first = [unnumbered.asc()] if key == "number" else []
    return first + [
        F(f).desc(nulls_first=True) if descending else F(f).asc(nulls_last=True)
        for f in (*fields, "id")
    ]


def matching(query: str, personal: QuerySet[Agency]) -> Q:
    """Search one box: a case number (〔2025〕12号, [2025]12, 2025-12: year and serial,
    whatever the agency's pattern); every word of it in the request; or in the applicant's
    name — only where the person may see applicants, so that a search is never a way to
    learn who applied."""
    words = list(dict.fromkeys(search.tokens(query)))[:30]
    if not words:
        return Q(pk__in=[])
    found = _words("search_text", words) | (_words("search_name", words) & Q(agency__in=personal))
    number = NUMBER.search(query)
    if number:
        found |= _words("search_text", [number_word(int(number[1]), int(number[2]))])
    return found


# The pairs as stored tsvectors on PostgreSQL (migration 0008): GIN-indexed, so both halves
# of a search are read from indexes over a region, and cheap to test within an agency.
VECTORS = {"search_text": "search_vector", "search_name": "name_vector"}


def _words(field: str, words: list[str]) -> Q:
    if connection.vendor == "postgresql":
        sql = f"cases_application.{VECTORS[field]} @@ to_tsquery('simple'::regconfig, %s)"
        return Q(RawSQL(sql, [" & ".join(words)], output_field=BooleanField()))
    found = Q()
    for word in words:
        found &= Q(**{f"{field}__contains": f" {word} "})
    return found


HEADER = (
    "序号",
    "申请编号",
    "受理机关",
    "收到申请日期",
    "申请方式",
    "申请人类型",
    "申请人",
    "联系方式",
    "申请内容",
    "承办人",
    "办理状态",
    "答复期限",
    "答复日期",
    "办理结果",
    "送达日期",
    "送达方式",
    "信息处理费（元）",
    "备注",
)


def ledger_row(case: Application, personal: bool) -> dict[str, Any]:
    """One case as the 台账 lists it (ID numbers never; applicants masked unless
    `personal`); the JSON twin's keys, in the order of HEADER."""
    return {
        "id": case.pk,
        "number": case.number,
        "agency": case.agency.name,
        "received_on": _iso(case.received_on),
        "channel": case.get_channel_display(),
        "applicant_type": case.get_applicant_type_display(),
        "applicant": case.applicant_name if personal else case.masked_name(),
        "contact": case.contact if personal else "",
        "request": case.request,
        "handler": _name(case.assignee),
        "state": case.state_label(),
        "due": case.due_text(),
        "answered_on": _iso(case.answered_on),
        "outcome": outcome_label(case.outcome) if case.outcome else "",
        "delivered_on": _iso(case.delivered_on),
        "delivery_method": case.delivery_method,
        "fee_yuan": float(case.fee_yuan),
        "note": case.closing_reason,
    }


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _name(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user else ""


def sheet_rows(cases: QuerySet[Application], personal: set[int]) -> Any:
    """The export's rows: 序号 then the row's values in HEADER's order."""
    for n, case in enumerate(cases.iterator(chunk_size=2000), start=1):
        row = ledger_row(case, case.agency_id in personal)
        yield [n, *(v for k, v in row.items() if k != "id")]
