"""The whole draft of an agency's annual report from its year's records: the three tables,
the six sections with figures taken from the tables, and every check of a draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from gongkai import checks, messages
from gongkai.annual.narrative import skeleton
from gongkai.annual.registers import (
    AppealFacts,
    DocumentFacts,
    YearFigures,
    active_table,
    appeals_table,
    carried_in_force,
)
from gongkai.model import Applications, Finding, Report
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
    carried = carried_in_force(previous)
    report = Report(
        agency=records.agency,
        year=records.year,
        template="2021",
        active=active_table(records.documents, records.figures, records.year, carried),
        applications=Applications.model_validate({"rows": records.applications}),
        appeals=appeals_table(records.appeals, records.year),
    )
    sections = skeleton(report, records.fees_yuan, records.problems, records.other)
    sections |= {k: v for k, v in records.sections.items() if v.strip()}
    text = "\n".join(sections.values())
    figures = narrative_figures(text, ((0, len(text)),), records.year)
    drafted = report.model_copy(update={"sections": sections, "narrative_figures": figures})
    findings = checks.check_draft(drafted, previous)
    if carried is None:
        findings.append(_not_carried(records.year, previous))
    return drafted.model_copy(update={"findings": findings})


def _not_carried(year: int, previous: Report | None) -> Finding:
    """Said instead of inventing: the documents in force could not be carried over."""
    why = messages.NO_PREVIOUS if previous is None else messages.PREVIOUS_WITHOUT_IN_FORCE
    return Finding(
        rule="continuity.no_previous",
        severity="warning",
        row="regulations",
        column="in_force",
        message=messages.IN_FORCE_NOT_CARRIED.format(why=why.format(year=year - 1)),
    )
