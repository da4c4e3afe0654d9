"""How sure a reading is, report by report: how many cells the layout proved, how many the
rules fixed, and how many carry a doubt (issue 13).

Derived from the reader's own `parse.*` findings, row by row: a row with a doubt (several
readings, no reading, a place that nothing proves, not found) counts as flagged; a row that
a rule repaired (one reading only, amounts converted, blanks placed by their columns) as
fixed by rules; every other cell was read as printed, in the row its label or its block's
header names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gongkai import catalog
from gongkai.checks import READING_DOUBTS
from gongkai.model import Confidence, Finding, Report

DOUBTS = READING_DOUBTS | {"parse.missing_table"}
REPAIRS = frozenset({"parse.repaired_row", "parse.unit_converted"})
_TABLES = ("active", "applications", "appeals")


def report_confidence(
    report: Report,
    doubted: Iterable[str] = (),
    unbalanced: Iterable[str] = (),
    columns: Mapping[str, Iterable[str]] | None = None,
) -> Confidence:
    """The counts, and the rows whose doubt softened the checks (`checks.check_report`)."""
    sizes = row_sizes(report)
    flagged, repaired = marked_rows(report, sizes)
    confined = {r: sorted(c) for r, c in sorted((columns or {}).items())}
    cells = sum(sizes.values())
    doubt = sum(_doubted_cells(r, sizes[r], confined) for r in flagged)
    fixed = sum(sizes[r] for r in repaired)
    return Confidence(
        cells=cells,
        by_layout=cells - doubt - fixed,
        by_rules=fixed,
        flagged=doubt,
        doubted_rows=sorted(doubted),
        unbalanced_rows=sorted(unbalanced),
        doubted_columns=confined,
    )


def _doubted_cells(row: str, size: int, confined: Mapping[str, list[str]]) -> int:
    """A flagged row's cells in doubt: all of them, or those of the columns its doubt is
    confined to (`parse.negative_count`: one cell; table 四's columns are groups of five).
    The rules across its other cells stay errors, so those count as read."""
    if row not in confined:
        return size
    per_column = len(catalog.APPEAL_FIELDS) if row == "appeals" else 1
    return min(size, per_column * len(confined[row]))


def marked_rows(report: Report, sizes: dict[str, int] | None = None) -> tuple[set[str], set[str]]:
    """The rows with a doubt, and the rows a rule repaired (and no doubt is on), by the
    row ids findings use (table 四 is `appeals`)."""
    sizes = row_sizes(report) if sizes is None else sizes
    flagged = _rows(report.findings or [], DOUBTS, sizes)
    return flagged, _rows(report.findings or [], REPAIRS, sizes) - flagged


def row_sizes(report: Report) -> dict[str, int]:
    """Cells per row as findings name rows (table 四 is one row, `appeals`)."""
    sizes = {row_id: len(cells) for row_id, cells in report.applications.rows.items()}
    for row_id, fields in report.active.model_dump().items():
        sizes[row_id] = len(fields)
    sizes["appeals"] = len(catalog.APPEAL_GROUPS) * len(catalog.APPEAL_FIELDS)
    return sizes


def _rows(findings: Iterable[Finding], rules: frozenset[str], sizes: dict[str, int]) -> set[str]:
    """The rows the findings of `rules` name; a finding about a whole table names its rows."""
    rows: set[str] = set()
    for finding in findings:
        if finding.rule not in rules or not finding.row:
            continue
        if finding.row in _TABLES and finding.row != "appeals":
            rows |= _table_rows(finding.row, sizes)
        elif finding.row in sizes:
            rows.add(finding.row)
    return rows


def _table_rows(table: str, sizes: dict[str, int]) -> set[str]:
    if table == "applications":
        return {r for r in sizes if r in catalog.ALL_APPLICATION_ROWS}
    active = {r.id for rows in catalog.ACTIVE_ROWS.values() for r in rows}
    return {r for r in sizes if r in active}
