"""The year's records as plain facts, and the tables 二 and 四 they make (2021 template).

Table 二 (1) counts 规章 and 行政规范性文件: issued in the year, repealed in the year, and in
force at its end. Documents in force carry over from last year's report (its 现行有效件数
plus this year's issued less repealed): a register started this year does not know the
documents of earlier years, a published report does. Without last year's report the count
is the register's own, and the draft says so (`continuity.no_previous`).

Table 四 counts each administrative review or lawsuit in the year it was filed, by its result
as known at compilation (尚未审结 while undecided on 31 December).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, get_args

from gongkai.model import Active2021, AppealGroup, Appeals, Report

DocumentKind = Literal["regulations", "normative_documents"]
AppealKind = Literal["review", "litigation_direct", "litigation_after_review"]
AppealResult = Literal["upheld", "corrected", "other", "pending"]
DECISION_ROWS = ("licensing", "penalty", "coercion")


@dataclass(frozen=True)
class DocumentFacts:
    kind: DocumentKind
    issued_on: dt.date
    repealed_on: dt.date | None = None


@dataclass(frozen=True)
class AppealFacts:
    kind: AppealKind
    filed_on: dt.date
    result: AppealResult = "pending"
    decided_on: dt.date | None = None


@dataclass(frozen=True)
class YearFigures:
    """Table 二's other figures, summed over the year's months."""

    licensing: int = 0
    penalty: int = 0
    coercion: int = 0
    fees_10k_yuan: Decimal = Decimal(0)


def active_table(
    documents: Iterable[DocumentFacts],
    figures: YearFigures,
    year: int,
    carried: Mapping[DocumentKind, int] | None = None,
) -> Active2021:
    """Table 二 of `year`; `carried` is last year's 现行有效件数 per kind, when known."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    counts = {kind: {"issued": 0, "repealed": 0, "in_force": 0} for kind in get_args(DocumentKind)}
    for doc in documents:
        row = counts[doc.kind]
        row["issued"] += start <= doc.issued_on <= end
        row["repealed"] += doc.repealed_on is not None and start <= doc.repealed_on <= end
        row["in_force"] += doc.issued_on <= end and (
            doc.repealed_on is None or doc.repealed_on > end
        )
    if carried is not None:
        for kind, row in counts.items():
            row["in_force"] = carried[kind] + row["issued"] - row["repealed"]
    return Active2021.model_validate(
        {
            **counts,
            **{row: {"decisions": getattr(figures, row)} for row in DECISION_ROWS},
            "fees": {"amount_10k_yuan": ten_thousand_yuan(figures.fees_10k_yuan)},
        }
    )


def ten_thousand_yuan(amount: Decimal) -> str:
    """万元 as reports print it: four decimals, that is to the yuan (本年收费金额（单位：万元，
    保留4位小数）, as a template header says), rounded half up; a year without fees is "0"."""
    if amount == 0:
        return "0"
    return f"{amount.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP):f}"


def carried_in_force(previous: Report | None) -> dict[DocumentKind, int] | None:
    """Last year's 现行有效件数 per kind, or None when there is no report in the 2021
    template to carry from (or it left a count blank)."""
    if previous is None or not isinstance(previous.active, Active2021):
        return None
    counts = {kind: getattr(previous.active, kind).in_force for kind in get_args(DocumentKind)}
    if any(n is None for n in counts.values()):
        return None
    return counts


def appeals_table(appeals: Iterable[AppealFacts], year: int) -> Appeals:
    end = dt.date(year, 12, 31)
    groups = {
        kind: dict.fromkeys(("upheld", "corrected", "other", "pending"), 0)
        for kind in get_args(AppealKind)
    }
    for appeal in appeals:
        if appeal.filed_on.year != year:
            continue
        decided = appeal.decided_on is not None and appeal.decided_on <= end
        result = appeal.result if decided and appeal.result != "pending" else "pending"
        groups[appeal.kind][result] += 1
    return Appeals.model_validate(
        {
            kind: AppealGroup(**cells, total=sum(cells.values())).model_dump()
            for kind, cells in groups.items()
        }
    )
