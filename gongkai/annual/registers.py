"""The year's records as plain facts, and the tables 二 and 四 they make (2021 template).

Table 二 (1) counts 规章 and 行政规范性文件: issued in the year, repealed in the year, and in
force at its end. Table 四 counts each administrative review or lawsuit in the year it was
filed, by its result as known at compilation (尚未审结 while undecided on 31 December).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

from gongkai.model import Active2021, AppealGroup, Appeals

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


def active_table(documents: Iterable[DocumentFacts], figures: YearFigures, year: int) -> Active2021:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    counts = {kind: {"issued": 0, "repealed": 0, "in_force": 0} for kind in get_args(DocumentKind)}
    for doc in documents:
        row = counts[doc.kind]
        row["issued"] += start <= doc.issued_on <= end
        row["repealed"] += doc.repealed_on is not None and start <= doc.repealed_on <= end
        row["in_force"] += doc.issued_on <= end and (
            doc.repealed_on is None or doc.repealed_on > end
        )
    return Active2021.model_validate(
        {
            **counts,
            **{row: {"decisions": getattr(figures, row)} for row in DECISION_ROWS},
            "fees": {"amount_10k_yuan": _money(figures.fees_10k_yuan)},
        }
    )


def _money(amount: Decimal) -> str:
    """万元 with up to six decimals, as the template prints it (no trailing zeros)."""
    text = f"{amount.quantize(Decimal('0.000001')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


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
