"""The whole draft of an agency's annual report from its year's records: the three tables,
the six sections with figures taken from the tables, and every check of a draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from gongkai import checks
from gongkai.annual.narrative import skeleton
from gongkai.annual.registers import (
    AppealFacts,
    DocumentFacts,
    YearFigures,
    active_table,
    appeals_table,
)
from gongkai.model import Applications, Report
from gongkai.readers.narrative import narrative_figures


@dataclass(frozen=True)
class YearRecords:
    agency: str
    year: int
    applications: dict[str, list[int]]  # table 三, compiled from the register
    documents: tuple[DocumentFacts, ...] = ()
    figures: YearFigures = field(default_factory=YearFigures)
    appeals: tuple[AppealFacts, ...] = ()
    fees_yuan: Decimal = Decimal(0)
    problems: str = ""  # section 五, in the officer's words
    other: str = ""  # section 六 beyond the fees
    sections: dict[str, str] = field(default_factory=dict)  # officer's rewrites, by id


def compile_report(records: YearRecords, previous: Report | None = None) -> Report:
    report = Report(
        agency=records.agency,
        year=records.year,
        template="2021",
        active=active_table(records.documents, records.figures, records.year),
        applications=Applications.model_validate({"rows": records.applications}),
        appeals=appeals_table(records.appeals, records.year),
    )
    sections = skeleton(report, records.fees_yuan, records.problems, records.other)
    sections |= {k: v for k, v in records.sections.items() if v.strip()}
    text = "\n".join(sections.values())
    figures = narrative_figures(text, ((0, len(text)),), records.year)
    drafted = report.model_copy(update={"sections": sections, "narrative_figures": figures})
    return drafted.model_copy(update={"findings": checks.check_draft(drafted, previous)})
