"""A checked report as officers see it: the tables with every finding marked at its cell."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe

from gongkai import messages
from gongkai.cells import finding_cells
from gongkai.model import Finding, Report
from gongkai.readers.decode import bytes_to_text
from gongkai.readers.provenance import source_lines as reader_lines
from gongkai.render.html import table_html
from gongkai.render.layout import TABLES

MAX_SOURCE_LINES = 3000
_TABLE_UNREAD = frozenset({"parse.table_picture", "parse.missing_table"})


def checked(report: Report) -> dict[str, Any]:
    """Tables (cells marked bad/warn by their findings) and the findings, split by severity."""
    findings = report.findings or []
    marks: dict[str, str] = {}
    for finding in findings:
        finding.cells = finding_cells(finding) or None  # findings stored before 13 name none
        for name in finding.cells or ():
            if marks.get(name) != "bad":
                marks[name] = "bad" if finding.severity == "error" else "warn"
    tables: list[SafeString] = [mark_safe(table_html(rows(report), marks)) for _, rows in TABLES]
    return {
        "tables": tables,
        "errors": [f for f in findings if f.severity == "error"],
        "warnings": [f for f in findings if f.severity == "warning"],
        "confidence": confidence_text(report),
        "flagged": flagged_cells(report),
        "unread": unread_tables(report),
    }


def confidence_text(report: Report) -> str:
    """How sure the reading is, in words (issue 13): empty for a report not read from a
    source (compiled, or typed in)."""
    read = report.confidence
    if read is None:
        return ""
    return messages.CONFIDENCE.format(**read.model_dump()) + "。"


def flagged_cells(report: Report) -> int:
    """Cells whose reading is in doubt: with none in error, the headline must not say the
    report is sound while some of its figures may be misread."""
    return report.confidence.flagged if report.confidence else 0


def unread_tables(report: Report) -> list[Finding]:
    """The notices of a table not read at all (a picture, or not found): said under the
    headline, not only among the collapsed notices, or its blank table looks read."""
    return [f for f in report.findings or [] if f.rule in _TABLE_UNREAD]


def cell_sources(report: Report) -> dict[str, dict[str, Any]]:
    """Where each cell was printed, for the page to mark it (none in reports read before
    provenance was kept, nor in drafts compiled from registers)."""
    return {name: dict(where) for name, where in (report.provenance or {}).items()}


def source_lines(data: bytes, findings: list[Finding]) -> list[tuple[int, str, bool]]:
    """(number, text, named by a finding) for each line of a text source, numbered as the
    reader numbers them (provenance gives lines and spans in them)."""
    text, _ = bytes_to_text(data)
    named = {f.line for f in findings if f.line}
    lines = reader_lines(text)[:MAX_SOURCE_LINES]
    return [(n, line, n in named) for n, line in enumerate(lines, start=1)]
