"""How honest a reading is: the cells it got wrong, and which of them no warning marks.

A wrong cell is *flagged* when a `parse.*` finding names its row (table 四's cells are
one row, `appeals`) or its whole table; otherwise it is *silently wrong*. Errors the
checker reports on a report whose every rule holds are *false errors*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gongkai import catalog
from gongkai.model import Finding, Report

CellKey = tuple[str, str, str]  # (table, row as findings name it, field)
Violation = tuple[str, str | None]  # (rule, column) of an error the printed report has


def cell_values(data: dict[str, Any]) -> dict[CellKey, object]:
    """Every table cell of a report's JSON, keyed as findings locate them."""
    values: dict[CellKey, object] = {}
    for row_id, fields in data["active"].items():
        for field_id, value in fields.items():
            values[("active", row_id, field_id)] = value
    for row_id, cells in data["applications"]["rows"].items():
        for index, value in enumerate(cells):
            values[("applications", row_id, str(index))] = value
    for group_id, fields in data["appeals"].items():
        for field_id, value in fields.items():
            values[("appeals", "appeals", f"{group_id}.{field_id}")] = value
    return values


def flagged_rows(report: Report) -> set[str]:
    """Rows (and whole tables) that a parse.* finding marks as doubtful. A doubt on the
    undivided 三（六） `other` covers the three rows a 2021 report divides it into."""
    rows = {
        f.row
        for f in report.findings or []
        if f.rule.startswith("parse.") and f.rule != "parse.blank_cell" and f.row
    }
    if "other" in rows:
        rows |= {r.id for r in catalog.APPLICATION_ROWS["2021"] if r.id.startswith("other.")}
    return rows


@dataclass(frozen=True)
class Score:
    cells: int
    wrong: int
    silent: int
    flagged: int
    false_errors: int
    printed: int = 0  # inconsistencies the source itself prints
    found: int = 0  # of those, reported as errors
    said: int = 0  # of those, reported at all: as errors, or as warnings where reading doubts

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple())))

    def as_tuple(self) -> tuple[int, ...]:
        return (
            self.cells,
            self.wrong,
            self.silent,
            self.flagged,
            self.false_errors,
            self.printed,
            self.found,
            self.said,
        )


def score(got: Report, truth: Report, violations: Iterable[Violation] = ()) -> Score:
    """`got` (a reading) against `truth`; `violations`: the (rule, column) the report breaks."""
    want, have = cell_values(truth.to_json()), cell_values(got.to_json())
    marked = flagged_rows(got)
    wrong = [key for key, value in want.items() if _differs(have.get(key), value)]
    flagged = [key for key in want if key[1] in marked or key[0] in marked]
    printed = list(violations)
    false_errors, found = _errors_against(got, printed)
    silent = silently_wrong(got, truth)
    said = _said(got, printed)
    counts = (len(want), len(wrong), len(silent), len(flagged), false_errors, len(printed), found)
    return Score(*counts, said)


def wrong_cells(got: Report, truth: Report) -> list[CellKey]:
    """The cells `got` reads differently from `truth`."""
    want, have = cell_values(truth.to_json()), cell_values(got.to_json())
    return [key for key, value in want.items() if _differs(have.get(key), value)]


def silently_wrong(got: Report, truth: Report) -> list[CellKey]:
    """The cells `got` reads differently from `truth` with no warning on their row."""
    marked = flagged_rows(got)
    return [key for key in wrong_cells(got, truth) if key[1] not in marked and key[0] not in marked]


def _differs(got: object, want: object) -> bool:
    """A blank cell read as 0 is no error (the seeds allow either, checks count it as 0)."""
    return got != want and not (want is None and got == 0)


def _errors_against(got: Report, violations: list[Violation]) -> tuple[int, int]:
    """(errors beyond the printed violations, violations reported)."""
    beyond = errors_beyond(got, violations)
    errors = sum(1 for f in got.findings or [] if f.severity == "error")
    return len(beyond), errors - len(beyond)


def errors_beyond(got: Report, violations: list[Violation]) -> list[Finding]:
    """The reading's errors beyond the printed violations: a violation excuses one error
    of its rule and column (column None: any column)."""
    excused = list(violations)
    beyond = []
    for finding in got.findings or []:
        if finding.severity != "error":
            continue
        match = next(
            (v for v in excused if v[0] == finding.rule and v[1] in (None, finding.column)), None
        )
        if match is None:
            beyond.append(finding)
        else:
            excused.remove(match)
    return beyond


def _said(got: Report, violations: list[Violation]) -> int:
    """Violations whose rule the reading reports at any severity (in glued text a broken
    column may be said in another: where the extra went is a guess)."""
    rules = [f.rule for f in got.findings or []]
    return sum(1 for rule, _ in violations if rule in rules)
