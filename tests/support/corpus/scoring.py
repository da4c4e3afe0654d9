"""How one reading of a corpus item compares with its truth.

- A cell is exact when it equals the printed value; a blank printed cell may read as
  blank or 0 (the contract allows both), an amount compares as a decimal.
- A wrong cell is *silent* unless a `parse.*` warning names its row or its table.
  `parse.blank_cell` does not count: it says a cell was left blank in the source, which
  is no doubt about the reading.
- A printed inconsistency is found when an error has its rule and every key it names
  (row, column, group; a contradicting sentence by the figure it states).
- A false error is an error that matches no printed inconsistency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

Violation = dict[str, Any]
_NOT_A_DOUBT = frozenset({"parse.blank_cell"})
_MATCHED_KEYS = ("rule", "row", "column", "group", "expected")


@dataclass
class ItemScore:
    path: str  # the item's file, relative to the corpus folder
    family: str
    cells: int = 0
    exact: int = 0
    nonzero: int = 0
    nonzero_exact: int = 0
    wrong: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    violations: int = 0
    found: int = 0
    false_errors: list[str] = field(default_factory=list)
    consistent: bool = True
    unreadable: str | None = None
    seconds: float = 0.0  # wall
    cpu: float = 0.0  # CPU seconds of the process, every thread
    pages: int = 0


def table_cells(report: dict[str, Any]) -> dict[str, Any]:
    """Every cell of tables 二, 三 and 四 by its name (`applications.granted.total` …)."""
    cells: dict[str, Any] = {}
    for row_id, values in report["active"].items():
        cells.update({f"active.{row_id}.{k}": v for k, v in values.items()})
    columns = report["applications"]["columns"]
    for row_id, values in report["applications"]["rows"].items():
        cells.update({f"applications.{row_id}.{c}": v for c, v in zip(columns, values)})
    for group, values in report["appeals"].items():
        cells.update({f"appeals.{group}.{k}": v for k, v in values.items()})
    return cells


def same_cell(printed: Any, read: Any) -> bool:
    if printed is None:
        return read in (None, 0, "0")
    if isinstance(printed, str) or isinstance(read, str):
        return _decimal(printed) == _decimal(read)
    return bool(printed == read)


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def doubted(findings: list[dict[str, Any]]) -> set[str]:
    """The rows and tables that the reader's own `parse.*` warnings name."""
    names: set[str] = set()
    for finding in findings:
        rule = finding["rule"]
        if rule.startswith("parse.") and rule not in _NOT_A_DOUBT:
            names.update(str(finding[k]) for k in ("row", "group") if finding.get(k))
    return names


def cell_scopes(name: str) -> set[str]:
    """The names a warning may use for a cell's row: its table, row, table.row, the cell;
    for a row of the divided 三（六）, also `other`, the undivided row the reader may take
    it for (and say so with `parse.undivided_other`)."""
    table, rest = name.split(".", 1)
    row = rest.rsplit(".", 1)[0]
    undivided = {"other"} if table == "applications" and row.startswith("other.") else set()
    return {table, row, f"{table}.{row}", name} | undivided


def score_cells(
    score: ItemScore, truth: dict[str, Any], read: dict[str, Any], ambiguous: list[str]
) -> None:
    flagged = doubted(read.get("findings", []))
    got = table_cells(read)
    for name, printed in table_cells(truth).items():
        if any(name.startswith(part + ".") for part in ambiguous):
            continue
        score.cells += 1
        nonzero = printed not in (None, 0, "0")
        score.nonzero += nonzero
        if same_cell(printed, got.get(name)):
            score.exact += 1
            score.nonzero_exact += nonzero
            continue
        score.wrong.append(name)
        if not cell_scopes(name) & flagged:
            score.silent.append(name)


def matches(error: dict[str, Any], violation: Violation) -> bool:
    return all(error.get(k) == violation[k] for k in _MATCHED_KEYS if k in violation)


def printed_violations(violations: list[Violation], record: dict[str, Any]) -> list[Violation]:
    """The source's inconsistencies that an item really prints: a sentence contradicting a
    table (`text.*`) is not printed by a format that has no sentences (XLSX)."""
    if record.get("prose", True):
        return violations
    return [v for v in violations if not v["rule"].startswith("text.")]


def score_errors(score: ItemScore, violations: list[Violation], read: dict[str, Any]) -> None:
    errors = [f for f in read.get("findings", []) if f["severity"] == "error"]
    score.consistent = not violations
    score.violations = len(violations)
    score.found = sum(any(matches(e, v) for e in errors) for v in violations)
    score.false_errors = [describe(e) for e in errors if not any(matches(e, v) for v in violations)]


def describe(error: dict[str, Any]) -> str:
    where = "/".join(str(error[k]) for k in ("row", "group", "column") if error.get(k))
    return f"{error['rule']}({where}) {error.get('expected')}≠{error.get('found')}"


def score_unreadable(
    score: ItemScore, truth: dict[str, Any], violations: list[Violation], reason: str
) -> None:
    """An item the reader refused: every cell wrong but none silently, nothing found."""
    score.unreadable = reason
    score.cells = len(table_cells(truth))
    score.nonzero = sum(v not in (None, 0, "0") for v in table_cells(truth).values())
    score.violations = len(violations)
    score.consistent = not violations
