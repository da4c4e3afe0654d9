"""Table 三 of the annual report compiled from the register, so that it adds up by construction.

An application counts in the year it was received (一、新收) or, if it was received earlier
and still open on 1 January, as 二、上年结转; it counts in 三 in the year it was answered, by
its outcome row; still open on 31 December, it is 四、结转下年度继续办理. Applicant types are
table 三's columns. An online application counts only once an officer confirmed its receipt
(第三十一条): one never confirmed, or set aside as 无效, has no receipt day and counts nowhere;
a withdrawn one closes as （六）3.其他 (`gongkai.cases.procedure.WITHDRAWN_OUTCOME`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from gongkai import catalog

APPLICANT_TYPES = catalog.COLUMN_IDS[:6]
TEMPLATE: catalog.TemplateId = "2021"
OUTCOME_ROWS = catalog.outcome_row_ids([r.id for r in catalog.APPLICATION_ROWS[TEMPLATE]])


@dataclass(frozen=True)
class CaseFacts:
    received_on: dt.date | None  # None: an online application never confirmed (not received)
    applicant: str  # one of APPLICANT_TYPES
    outcome: str | None = None  # one of OUTCOME_ROWS once answered
    answered_on: dt.date | None = None


@dataclass
class Counts:
    """The counts table 三 is made of: (row id, applicant type) → applications."""

    cells: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, row: str, applicant: str, n: int = 1) -> None:
        self.cells[(row, applicant)] += n


def count_cases(cases: Iterable[CaseFacts], year: int) -> Counts:
    """The counts of one year, case by case (the database does the same with GROUP BY)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    counts = Counts()
    for case in cases:
        if case.received_on is None or case.received_on > end:
            continue
        answered = case.answered_on
        if answered is not None and answered < start:
            continue
        counts.add("new_received" if case.received_on >= start else "carried_over", case.applicant)
        if answered is not None and answered <= end and case.outcome:
            counts.add(case.outcome, case.applicant)
        else:
            counts.add("carry_forward", case.applicant)
    return counts


def assemble(counts: Counts) -> dict[str, list[int]]:
    """Table 三's rows (2021 template): six applicant columns and their total, 总计 summed."""
    rows: dict[str, list[int]] = {}
    for row in catalog.APPLICATION_ROWS[TEMPLATE]:
        if row.id == "total":
            continue
        cells = [counts.cells[(row.id, a)] for a in APPLICANT_TYPES]
        rows[row.id] = [*cells, sum(cells)]
    total = [sum(rows[r][i] for r in OUTCOME_ROWS) for i in range(7)]
    ordered = {}
    for row in catalog.APPLICATION_ROWS[TEMPLATE]:
        ordered[row.id] = total if row.id == "total" else rows[row.id]
    return ordered
