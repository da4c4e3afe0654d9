"""The consistency checker (勾稽关系): every rule of the contract, all findings at once.

Blank cells (`None`) count as 0 in every rule; the checker says so in one
`parse.blank_cell` warning per table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from gongkai import catalog, messages
from gongkai.cells import quantity_cells
from gongkai.model import Active2021, Cell, Finding, NarrativeFigure, Report, Severity


def _n(cell: Cell) -> int:
    return cell or 0


def check_report(
    report: Report,
    doubtful: frozenset[str] = frozenset(),
    unbalanced: frozenset[str] = frozenset(),
    columns: Mapping[str, frozenset[str]] | None = None,
) -> list[Finding]:
    """All findings of one report, errors and warnings, in table order.

    `doubtful`: rows (table 四 is `appeals`) whose cells or place the reader could not be
    sure of. A rule broken where it involves such a row may be broken by the reading, not
    by the report: it is said as a warning, never as an error. `columns`: doubted rows that
    are doubted in these columns only (table 四: groups); a rule that compares only their
    other cells involves them as proven. `unbalanced`: rows in their proven place whose
    printed numbers add up in no reading: their own row rule is broken as printed, an error
    whatever the cells are."""
    findings: list[Finding] = []
    findings += check_row_totals(report)
    findings += check_column_totals(report)
    findings += check_balance(report)
    findings += check_appeals(report)
    findings += check_narrative(report)
    findings += check_template_year(report)
    findings += check_blank_cells(report)
    if not doubtful:
        return findings
    columns = columns or {}
    return [
        _softened(f, report, doubtful - _own_row(f, unbalanced) - _proven(f, columns))
        for f in findings
    ]


def _proven(finding: Finding, columns: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The rows doubted in some columns only, none of which the finding compares."""
    return frozenset(
        row
        for row, doubted in columns.items()
        if (compared := compared_columns(finding, row)) is not None and not compared & doubted
    )


def compared_columns(finding: Finding, row: str) -> frozenset[str] | None:
    """The columns of `row` (table 四: groups) whose cells a broken rule compares; None for
    the whole row."""
    if row == "appeals":
        if finding.rule == "appeals.total" and finding.group:
            return frozenset({finding.group})
        pattern = catalog.NARRATIVE_BY_KEY.get(finding.row or "")
        if finding.rule == "text.table_mismatch" and pattern is not None:
            return frozenset(g for q in pattern.quantities for g in catalog.QUANTITIES[q].groups)
        return None
    if finding.rule in ("applications.total", "applications.balance") and finding.column:
        return frozenset({finding.column})
    if finding.rule == "text.table_mismatch":
        return frozenset({"total"})  # the prose states 总计 figures
    return None


def _own_row(finding: Finding, unbalanced: frozenset[str]) -> frozenset[str]:
    if finding.rule == "applications.row_total" and finding.row in unbalanced:
        return frozenset({finding.row})
    return frozenset()


def _softened(finding: Finding, report: Report, doubtful: frozenset[str]) -> Finding:
    if finding.severity != "error":
        return finding
    involved = [r for r in involved_rows(finding, report) if r in doubtful]
    if not involved:
        return finding
    message = finding.message + messages.DOUBTED.format(rows=_rows_named(involved))
    return finding.model_copy(update={"severity": "warning", "message": message})


def involved_rows(finding: Finding, report: Report) -> list[str]:
    """The rows whose cells a broken rule compares (table 四 is the one row `appeals`)."""
    rows = list(report.applications.rows)
    if finding.rule == "applications.row_total":
        return [finding.row] if finding.row else []
    if finding.rule == "applications.total":
        return [*catalog.outcome_row_ids(rows), "total"]
    if finding.rule == "applications.balance":
        return ["new_received", "carried_over", "total", "carry_forward"]
    if finding.rule == "appeals.total":
        return ["appeals"]
    if finding.rule == "text.table_mismatch" and finding.row in catalog.NARRATIVE_BY_KEY:
        quantities = [
            catalog.QUANTITIES[q] for q in catalog.NARRATIVE_BY_KEY[finding.row].quantities
        ]
        return [r for q in quantities for r in q.rows if r in rows] + (
            ["appeals"] if any(q.groups for q in quantities) else []
        )
    return []


_NAMED_ROWS = 6  # rows named in a message before 「等」


def _rows_named(rows: list[str]) -> str:
    """表三中三（一）、三（二）行和表四."""
    refs = [catalog.ALL_APPLICATION_ROWS[r].ref for r in rows if r != "appeals"]
    shown = "、".join(refs[:_NAMED_ROWS]) + ("等" if len(refs) > _NAMED_ROWS else "")
    parts = [f"表三中{shown}行"] if refs else []
    return "和".join(parts + (["表四"] if "appeals" in rows else []))


def check_row_totals(report: Report) -> list[Finding]:
    findings = []
    for row_id, cells in report.applications.rows.items():
        expected = sum(_n(c) for c in cells[:6])
        found = _n(cells[6])
        if expected != found:
            ref = catalog.ALL_APPLICATION_ROWS[row_id].ref
            findings.append(
                Finding(
                    rule="applications.row_total",
                    severity="error",
                    row=row_id,
                    column="total",
                    expected=expected,
                    found=found,
                    message=messages.ROW_TOTAL.format(ref=ref, expected=expected, found=found),
                )
            )
    return findings


def check_column_totals(report: Report) -> list[Finding]:
    rows = report.applications.rows
    if "total" not in rows:
        return []
    outcome_ids = catalog.outcome_row_ids(list(rows))
    values = [
        (column, sum(_n(rows[r][i]) for r in outcome_ids), _n(rows["total"][i]))
        for i, column in enumerate(catalog.COLUMN_IDS)
    ]
    return _per_column(
        "applications.total",
        values,
        lambda column, i, expected, found: messages.TOTAL.format(
            column=catalog.COLUMN_LABELS[column], expected=expected, found=found
        ),
        row="total",
    )


def check_balance(report: Report) -> list[Finding]:
    rows = report.applications.rows
    needed = ("new_received", "carried_over", "total", "carry_forward")
    if any(r not in rows for r in needed):
        return []
    cells = [[_n(rows[r][i]) for r in needed] for i in range(len(catalog.COLUMN_IDS))]
    values = [
        (column, new + carried, total + forward)
        for column, (new, carried, total, forward) in zip(catalog.COLUMN_IDS, cells)
    ]

    def message(column: str, i: int, expected: int, found: int) -> str:
        new, carried, total, forward = cells[i]
        return messages.BALANCE.format(
            column=catalog.COLUMN_LABELS[column],
            new=new,
            carried=carried,
            total=total,
            forward=forward,
            expected=expected,
            found=found,
        )

    return _per_column("applications.balance", values, message)


def _per_column(
    rule: str,
    values: Sequence[tuple[str, int, int]],
    message: Callable[[str, int, int, int], str],
    row: str | None = None,
) -> list[Finding]:
    """One error per column of table 三 whose expected and found values differ."""
    return [
        Finding(
            rule=rule,
            severity="error",
            column=column,
            row=row,
            expected=expected,
            found=found,
            message=message(column, index, expected, found),
        )
        for index, (column, expected, found) in enumerate(values)
        if expected != found
    ]


def check_appeals(report: Report) -> list[Finding]:
    findings = []
    for group in catalog.APPEAL_GROUPS:
        cells = getattr(report.appeals, group.id)
        expected = _n(cells.upheld) + _n(cells.corrected) + _n(cells.other) + _n(cells.pending)
        found = _n(cells.total)
        if expected != found:
            findings.append(
                Finding(
                    rule="appeals.total",
                    severity="error",
                    group=group.id,
                    column="total",
                    expected=expected,
                    found=found,
                    message=messages.APPEAL_TOTAL.format(
                        group=group.label, expected=expected, found=found
                    ),
                )
            )
    return findings


# Readers fold full-width punctuation to ASCII (NFKC); a sentence quoted to a person is shown
# with the punctuation of Chinese prose (digit groups are already joined: no 「1,234」 is left).
_CHINESE_PUNCTUATION = str.maketrans(
    {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
)


def check_narrative(report: Report) -> list[Finding]:
    """Compare each figure the prose states with the quantities of the tables it may mean.

    A figure that equals any of them agrees. One that equals none is an error, or only a
    warning (`text.scope_uncertain`) when the sentence's scope is uncertain."""
    findings = []
    for figure in report.narrative_figures or []:
        compared = narrative_quantities(report, figure)
        if compared and all(value != figure.value for _, value in compared):
            findings.append(_narrative_finding(figure, compared))
    return findings


def _narrative_finding(
    figure: NarrativeFigure, compared: list[tuple[catalog.Quantity, int]]
) -> Finding:
    described = "，".join(f"{q.label}为{value}" for q, value in compared)
    if len(compared) > 1:  # each is a reading of the sentence: none agrees, not all apply
        described += "，均与之不符"
    shown = figure.sentence.translate(_CHINESE_PUNCTUATION)
    params = {"sentence": shown, "value": figure.value, "compared": described}
    severity: Severity = "warning" if figure.hedge else "error"
    if figure.hedge:
        rule, message = (
            "text.scope_uncertain",
            messages.TEXT_SCOPE.format(hedge=figure.hedge, **params),
        )
    else:
        rule, message = "text.table_mismatch", messages.TEXT_MISMATCH.format(**params)
    return Finding(
        rule=rule,
        severity=severity,
        row=figure.key,
        expected=figure.value,
        found=compared[0][1],
        line=figure.line,
        message=message,
        cells=quantity_cells(q for q, _ in compared),
    )


def narrative_quantities(
    report: Report, figure: NarrativeFigure
) -> list[tuple[catalog.Quantity, int]]:
    """The quantities a narrative figure may mean, with their values in this report's tables
    (none where the figure is never compared or the tables lack its rows): its pattern's,
    then its alternatives."""
    pattern = catalog.NARRATIVE_BY_KEY.get(figure.key)
    if pattern is None:
        return []
    ids = (*pattern.quantities, *(figure.alternatives or ()))
    quantities = [catalog.QUANTITIES[q] for q in ids]
    values = [(q, quantity_value(report, q)) for q in quantities]
    return [(q, v) for q, v in values if v is not None]


def quantity_value(report: Report, quantity: catalog.Quantity) -> int | None:
    """The sum of the 总计 cells a quantity names, None when the report has none of them."""
    rows = report.applications.rows
    cells = [rows[r][6] for r in quantity.rows if r in rows]
    cells += [getattr(report.appeals, g).total for g in quantity.groups]
    if all(c is None for c in cells):
        return None  # not read (a table missing), or left blank: nothing to compare
    return sum(_n(c) for c in cells)


def check_template_year(report: Report) -> list[Finding]:
    if report.year is None:
        return []
    expected = "2021" if report.year >= 2021 else "2019"
    if report.year < 2019 or expected == report.template:
        return []
    return [
        Finding(
            rule="template.year_mismatch",
            severity="warning",
            expected=expected,
            found=report.template,
            message=messages.TEMPLATE_YEAR.format(
                year=report.year, expected=expected, found=report.template
            ),
        )
    ]


def check_blank_cells(report: Report) -> list[Finding]:
    findings = []
    blanks = blank_application_cells(report)
    if blanks:
        findings.append(_blank_finding("applications", blanks))
    blanks = blank_appeal_cells(report)
    if blanks:
        findings.append(_blank_finding("appeals", blanks))
    return findings


def blank_application_cells(report: Report) -> list[str]:
    return [
        f"{catalog.ALL_APPLICATION_ROWS[row_id].ref}·{catalog.COLUMN_LABELS[col]}"
        for row_id, cells in report.applications.rows.items()
        for col, cell in zip(catalog.COLUMN_IDS, cells)
        if cell is None
    ]


def blank_appeal_cells(report: Report) -> list[str]:
    return [
        f"{group.label}·{field.label}"
        for group in catalog.APPEAL_GROUPS
        for field in catalog.APPEAL_FIELDS
        if getattr(getattr(report.appeals, group.id), field.id) is None
    ]


def _blank_finding(table: str, cells: Sequence[str]) -> Finding:
    shown = "、".join(cells[:6]) + ("等" if len(cells) > 6 else "")
    return Finding(
        rule="parse.blank_cell",
        severity="warning",
        row=table,
        found=len(cells),
        message=messages.BLANK_CELLS.format(
            table=messages.TABLE_NAMES[table], count=len(cells), cells=shown
        ),
    )


def check_continuity(previous: Report, current: Report) -> list[Finding]:
    """Last year's carry_forward must equal this year's carried_over, column by column."""
    prev_rows, cur_rows = previous.applications.rows, current.applications.rows
    if "carry_forward" not in prev_rows or "carried_over" not in cur_rows:
        return []
    values = [
        (column, _n(prev_rows["carry_forward"][i]), _n(cur_rows["carried_over"][i]))
        for i, column in enumerate(catalog.COLUMN_IDS)
    ]
    return _per_column(
        "continuity.carry",
        values,
        lambda column, i, expected, found: messages.CARRY.format(
            prev_year=previous.year,
            column=catalog.COLUMN_LABELS[column],
            expected=expected,
            found=found,
        ),
        row="carried_over",
    )


def check_draft(report: Report, previous: Report | None) -> list[Finding]:
    """Everything a report about to be signed off must pass: the report's own rules, all six
    sections written, and, with last year's report, the chains across the years."""
    findings = check_report(report) + check_sections(report)
    if previous is not None:
        findings += check_continuity(previous, report)
        findings += check_in_force(previous, report)
        findings += check_repeated_problems(previous, report)
    return findings


def check_sections(report: Report) -> list[Finding]:
    sections = report.sections or {}
    return [
        Finding(
            rule="report.section_missing",
            severity="error",
            row=section_id,
            message=messages.SECTION_MISSING.format(heading=heading.split("、", 1)[0]),
        )
        for section_id, heading in catalog.SECTIONS
        if not sections.get(section_id, "").strip()
    ]


def check_in_force(previous: Report, current: Report) -> list[Finding]:
    """Documents in force carry over: last year's, plus this year's issued, less repealed."""
    if not isinstance(previous.active, Active2021) or not isinstance(current.active, Active2021):
        return []
    findings = []
    for row in ("regulations", "normative_documents"):
        before, now = getattr(previous.active, row), getattr(current.active, row)
        expected = _n(before.in_force) + _n(now.issued) - _n(now.repealed)
        if expected != _n(now.in_force):
            label = next(r.label for r in catalog.ACTIVE_ROWS["2021"] if r.id == row)
            findings.append(
                Finding(
                    rule="continuity.in_force",
                    severity="warning",
                    row=row,
                    column="in_force",
                    expected=expected,
                    found=_n(now.in_force),
                    message=messages.IN_FORCE.format(
                        label=label,
                        previous=_n(before.in_force),
                        issued=_n(now.issued),
                        repealed=_n(now.repealed),
                        expected=expected,
                        found=_n(now.in_force),
                    ),
                )
            )
    return findings


REPEAT_THRESHOLD = 80  # percent similar: the same text with a few words changed


def check_repeated_problems(previous: Report, current: Report) -> list[Finding]:
    from rapidfuzz import fuzz

    before = (previous.sections or {}).get("problems", "").strip()
    now = (current.sections or {}).get("problems", "").strip()
    if not before or not now:
        return []
    ratio = round(fuzz.ratio(before, now))
    if ratio < REPEAT_THRESHOLD:
        return []
    return [
        Finding(
            rule="text.repeated_problems",
            severity="warning",
            row="problems",
            message=messages.REPEATED_PROBLEMS.format(ratio=ratio),
        )
    ]


def errors(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


# The rules `check_report` decides from the data alone: checked anew whenever data changes.
# Every other finding (how the source was read, the draft's checks against last year) stays.
DATA_RULES = frozenset(
    {
        "applications.balance",
        "applications.total",
        "applications.row_total",
        "appeals.total",
        "text.table_mismatch",
        "text.scope_uncertain",
        "template.year_mismatch",
        "parse.blank_cell",
    }
)

# The reading's findings that doubt a row's cells or its place (readers/tables.py).
READING_DOUBTS = frozenset(
    {
        "parse.ambiguous_row",
        "parse.unrepaired_row",
        "parse.unproven_row",
        "parse.missing_row",
        "parse.unread_cell",
        "parse.negative_count",
        "parse.merged_cell",
        "parse.unit_unclear",
    }
)


def doubtful_rows(findings: Iterable[Finding]) -> set[str]:
    """Rows that the reading's own findings doubt: several readings, none, not found, or a
    place that nothing proves."""
    return {f.row for f in findings if f.row and f.rule in READING_DOUBTS}


def recheck(report: Report) -> Report:
    """The report with its data's rules checked again (after a correction, say); the
    findings about reading the source are kept as they were, and so are the doubts the
    reader recorded (`confidence.doubted_rows`): a rule broken across a doubted row stays a
    warning, as the reader said it."""
    kept = [f for f in report.findings or [] if f.rule not in DATA_RULES]
    read = report.confidence
    doubted = frozenset(read.doubted_rows) if read else frozenset()
    unbalanced = frozenset(read.unbalanced_rows) if read else frozenset()
    columns = {r: frozenset(c) for r, c in read.doubted_columns.items()} if read else {}
    checked = check_report(report, doubted, unbalanced, columns)
    return report.model_copy(update={"findings": kept + checked})


__all__ = [
    "READING_DOUBTS",
    "Finding",
    "NarrativeFigure",
    "check_continuity",
    "check_draft",
    "check_report",
    "doubtful_rows",
    "errors",
    "recheck",
]
