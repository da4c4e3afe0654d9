"""Table 二 (主动公开政府信息情况): segments to its rows.

Table 二 has no rules. Numbers are proven in their row by the row's label, or by their
block's header (第二十条第（五）项 and its field names) right before them when they fill that
block exactly; anything else is placed by order and flagged. A glued run is split every
way it can be and, unless only one split exists, the reading kept is flagged with the
number of readings.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gongkai import catalog, messages
from gongkai.checks import doubtful_rows
from gongkai.model import Finding
from gongkai.readers import active_columns, active_rank, align, amounts, blocks
from gongkai.readers.repair import Cells, consistent_readings
from gongkai.readers.spanned import merged_findings, spanned_row
from gongkai.readers.stated import agreeing_cells
from gongkai.readers.tables import (
    BY_ORDER,
    MISNAMED,
    NAMED,
    TableResult,
    missing_table,
    row_order_read,
    trim_blanks,
    unproven_finding,
    warning,
)
from gongkai.readers.tokens import BLANK, NUMBER, Segment, Token, token_value
from gongkai.readers.trace import At, token_at, trace_cells


@functools.cache
def _active_targets(template: catalog.TemplateId) -> list[align.Target]:
    rows = catalog.ACTIVE_ROWS[template]
    return [align.target(r.id, len(r.fields), r.keywords, r.label, r.block) for r in rows]


def read_active(
    segments: Sequence[Segment],
    template: catalog.TemplateId,
    stated: Mapping[str, Mapping[str, int]] | None = None,
    caption: str = "",
) -> TableResult:
    """Table 二; `stated`: its cells as the prose states them (`stated.stated_active_cells`),
    which rule out splits of a glued row that differ from them; `caption`: what is printed
    between its section's heading and it (a line stating its amounts' unit)."""
    rows = catalog.ACTIVE_ROWS[template]
    data: dict[str, Any] = {r.id: {f.id: None for f in r.fields} for r in rows}
    if not any(s.numbers for s in segments):
        return TableResult(data, [missing_table("active")])
    segments, findings = active_columns.rejoined(segments, template)
    moved = align.in_template_rows(segments, _active_targets(template))
    if moved is not None:
        segments = moved
        findings.append(row_order_read("active"))
    score, assignments = align.align(segments, _active_targets(template))
    sources: dict[str, At] = {}
    columns: dict[str, frozenset[str]] = {}
    units = amounts.stated_units(segments, caption)
    by_id = {r.id: r for r in rows}
    for assignment in assignments:
        block_rows = [by_id[t.id] for t in assignment.rows]
        pieces, order_findings = _active_block(assignment, block_rows, template)
        findings += order_findings
        for row, segment in zip(block_rows, pieces):
            row_stated = (stated or {}).get(row.id, {})
            data[row.id], row_findings, merged = _active_row(
                row, segment, row_stated, template, units
            )
            findings += row_findings
            sources.update(_row_sources(row, segment, data[row.id], units))
            if merged:
                columns[row.id] = merged
    found = {target.id for assignment in assignments for target in assignment.rows}
    findings += [_missing_active_row(row) for row in rows if row.id not in found]
    # Rows doubted whole (several readings, placed by order, …), so that a minus found later
    # (`negatives`) does not confine their doubt to its one cell; merged cells' rows are
    # doubted in the columns they cover.
    columns = _merged_only(columns, findings)
    doubtful = frozenset(doubtful_rows(findings))
    return TableResult(data, findings, score, doubtful=doubtful, columns=columns, sources=sources)


def _merged_only(
    columns: dict[str, frozenset[str]], findings: list[Finding]
) -> dict[str, frozenset[str]]:
    """The rows whose one finding is a merged cell's, doubted in the columns it covers only:
    the row's other figures were read as printed (a row placed by order, or split from a
    glued run, is doubted whole)."""
    other = {
        f.row for f in findings if f.rule.startswith("parse.") and f.rule != "parse.merged_cell"
    }
    return {row: fields for row, fields in columns.items() if row not in other}


def _row_sources(
    row: catalog.ActiveRow, segment: Segment, values: dict[str, Any], units: Mapping[str, str]
) -> dict[str, At]:
    """Where each cell of a row of table 二 was printed (a converted amount: its token;
    `units`: those the amount header and caption state)."""
    printed = [values[f.id] for f in row.fields]
    places = trace_cells(segment.cells, printed, segment.line)
    if row.fields[-1].money and places and places[-1].start is None and printed[-1] is not None:
        money = [t for t in segment.cells if t.kind == NUMBER and (t.unit or units)]
        places[-1] = token_at(money[-1]) if money else places[-1]
    return {f"active.{row.id}.{f.id}": at for f, at in zip(row.fields, places)}


def _missing_active_row(row: catalog.ActiveRow) -> Finding:
    """A row of table 二 printed outside its table (a page break in converted Markdown)."""
    return warning(
        "parse.missing_row", row.id, messages.MISSING_ROW.format(where=f"表二「{row.label}」行"), 0
    )


def _active_block(
    assignment: align.Assignment, rows: list[catalog.ActiveRow], template: catalog.TemplateId
) -> tuple[list[Segment], list[Finding]]:
    """One segment per row, and warnings where nothing proves the rows' places or order.

    Table 二 has no rules: numbers are proven in their row only by the row's label, or by
    their block's header (第二十条第（五）项 and its field names) right before them when they
    fill that block exactly. Two or more rows of one block printed as one run of numbers may
    be read row by row or column by column: the order that is plausible is kept."""
    line = assignment.segment.line
    how = _active_placement(assignment, rows, template)
    if how != NAMED:
        template_text = messages.MISNAMED_ROW if how == MISNAMED else messages.ORDER_ONLY_ACTIVE
        findings = [unproven_finding(template_text, f"表二「{r.label}」", r.id, line) for r in rows]
        return _block_segments(assignment, by_column=False), findings
    row_values = _block_values(assignment, by_column=False)
    column_values = _block_values(assignment, by_column=True)
    if row_values is None or column_values is None or row_values == column_values:
        return _block_segments(assignment, by_column=False), []
    row_ok = all(_plausible_active(r)(c) for r, c in zip(rows, row_values))
    column_ok = all(_plausible_active(r)(c) for r, c in zip(rows, column_values))
    if row_ok and column_ok:
        differ = [r for r, a, b in zip(rows, row_values, column_values) if a != b]
        message = messages.ORDER_AMBIGUOUS_ACTIVE
        return _block_segments(assignment, by_column=False), [
            warning("parse.ambiguous_row", r.id, message.format(where=f"表二「{r.label}」"), line)
            for r in differ
        ]
    return _block_segments(assignment, by_column=column_ok and not row_ok), []


def _active_placement(
    assignment: align.Assignment, rows: list[catalog.ActiveRow], template: catalog.TemplateId
) -> str:
    """NAMED when the row's label, or its block's header just before the numbers that fill
    the block exactly, proves the rows; MISNAMED when the label names another row."""
    if assignment.named:
        return NAMED
    label = align.normalize_label(assignment.segment.label)
    block = [r.id for r in catalog.ACTIVE_ROWS[template] if r.block == rows[0].block]
    headed = align.under_header(label, assignment.rows[0])
    if headed and [r.id for r in rows] == block and _fills(assignment, rows):
        return NAMED
    if len(rows) == 1:
        others = [t for t in _active_targets(template) if t.id != rows[0].id]
        if any(align.names_row(label, t) for t in others):
            return MISNAMED
    return BY_ORDER


def _fills(assignment: align.Assignment, rows: list[catalog.ActiveRow]) -> bool:
    return assignment.segment.numbers == sum(len(r.fields) for r in rows)


def _block_values(assignment: align.Assignment, by_column: bool) -> list[Cells] | None:
    """The rows' integer cells read one way, if they are rows of one size without money."""
    sizes = {t.size for t in assignment.rows}
    numbers = [t for t in assignment.segment.cells if t.kind == NUMBER]
    k, size = len(assignment.rows), next(iter(sizes))
    counts = all(isinstance(t.value, int) for t in numbers)
    if len(sizes) != 1 or k * size != len(numbers) or not counts:
        return None
    values = [token_value(t) for t in numbers]
    reader = blocks.column_major if by_column else blocks.row_major
    return reader(values, k, size)


def _block_segments(assignment: align.Assignment, by_column: bool) -> list[Segment]:
    """One segment per row: a block's numbers (all labels printed first) dealt out row by row,
    or column by column."""
    if len(assignment.rows) == 1:
        return [assignment.segment]
    numbers = [t for t in assignment.segment.cells if t.kind == NUMBER]
    if by_column:
        k, size = len(assignment.rows), assignment.rows[0].size
        numbers = [numbers[c * k + i] for i in range(k) for c in range(size)]
    pieces, start = [], 0
    for row in assignment.rows:
        pieces.append(Segment(assignment.segment.labels, numbers[start : start + row.size]))
        start += row.size
    return pieces


def _active_row(
    row: catalog.ActiveRow,
    segment: Segment,
    stated: Mapping[str, int],
    template: catalog.TemplateId,
    units: Mapping[str, str],
) -> tuple[dict[str, Any], list[Finding], frozenset[str]]:
    """The row's values, its findings, and the fields a merged cell the rules did not prove
    covers; `units`: those the amount header and the table's caption state."""
    size = len(row.fields)
    shed = _spans_shed(segment.cells, size, _width(template))
    cells, findings, merged = _merged_figures(row, trim_blanks(shed, size))
    numbers = [t for t in cells if t.kind == NUMBER]
    if len(cells) != size and len(numbers) == size and not any(t.spanned for t in cells):
        cells = numbers  # empty cells between them: the spans of merged cells
    elif _unit_on_a_count(row, numbers):
        cells = numbers  # 「3370万元」: a count and the amount glued, the empty cell after them
    if len(cells) != size:
        cells, glued = _glued_row(row, cells, segment.line, stated)
        findings.append(glued)
    values: dict[str, Any] = {}
    for index, spec in enumerate(row.fields):
        token = cells[index] if index < len(cells) else None
        if spec.money:
            values[spec.id], converted = amounts.money_value(token, row, units)
            findings += [converted] if converted else []
        else:
            values[spec.id] = token_value(token)
    return values, findings, merged


@functools.cache
def _width(template: catalog.TemplateId) -> int:
    """The columns of the template's table 二 past its labels: its widest rows' fields."""
    return max(len(row.fields) for row in catalog.ACTIVE_ROWS[template])


def _spans_shed(cells: Sequence[Token], size: int, width: int) -> list[Token]:
    """A row with more positions than fields, less the template's own span of its last field:
    a row of fewer fields than the table's `width` prints its last field over the columns
    left (2019's 「本年增/减」 and 「采购总金额」 over two, 2021's one field over three), whose
    figure marks them as a merged cell's. Those marks, at the end of the row's printed
    positions, go first, with the empty columns after them (the table's columns end with
    that field); a blank before the figure is then the field left empty, not a label's span.
    A row of `width` fields has no such span: a mark at its end is a merge of two fields."""
    stop = len(cells)
    while (
        stop
        and cells[stop - 1].kind == BLANK
        and not (cells[stop - 1].text or cells[stop - 1].spanned)
    ):
        stop -= 1
    run = sum(1 for _ in itertools.takewhile(lambda t: t.spanned, reversed(cells[:stop])))
    own = min(run, width - size, len(cells) - size)
    return list(cells[: stop - own]) if own > 0 else list(cells)


def _merged_figures(
    row: catalog.ActiveRow, cells: list[Token]
) -> tuple[list[Token], list[Finding], frozenset[str]]:
    """A row whose figure cell was merged over a neighbouring field (`readers/spanned.py`):
    a 0 is 0 in each; table 二 has no rule to prove any other figure's place, so it is read
    in each column, and the row says so; the fields such a cell covers are those in doubt."""
    spanned = spanned_row(cells, len(row.fields), ())
    if spanned is None:
        return cells, [], frozenset()
    reading = spanned.readings[0]
    read = [
        _as_read(token, value) if token.spanned or token.cut else token
        for token, value in zip(cells, reading, strict=True)
    ]
    where, labels = messages.ACTIVE_ROW.format(label=row.label), [f.label for f in row.fields]
    findings = merged_findings(spanned, where, row.id, reading, labels, cells[0].line)
    covered = {
        k for d in spanned.doubts for k in range(d.cell.first, d.cell.first + d.cell.columns)
    }
    return read, findings, frozenset(row.fields[k].id for k in covered)


def _as_read(token: Token, value: int | None) -> Token:
    """A merged cell's position as its reading places the figure: a cut cell printed blank
    stays blank (`Token.blank_first`), though its token carries the figure above."""
    if value is None:
        return token if token.kind == BLANK else Token(BLANK, "", token.line)
    return Token(NUMBER, str(value), token.line, value)


def _unit_on_a_count(row: catalog.ActiveRow, numbers: list[Token]) -> bool:
    """Whether a number in a count's place carries a unit of money: the amount is glued to
    it, whatever cells follow."""
    return any(t.unit and not spec.money for t, spec in zip(numbers, row.fields))


def _glued_row(
    row: catalog.ActiveRow, cells: list[Token], line: int, stated: Mapping[str, int]
) -> tuple[list[Token], Finding]:
    """A row that prints more or fewer numbers than it has cells: digits glued together
    (「63600」, an amount glued to the count before it, 「39573802895.90元」) or a stray value.

    Table 二 has no rules, so every split is a reading; the plausible ones are counted and,
    unless only one exists, the likeliest (`active_rank.rank`) is kept and the row flagged."""
    size = len(row.fields)
    whole, fraction, unit = _amount_parts(row, cells)
    readings = consistent_readings(whole, size, ()).cells
    plausible = [r for r in readings if _plausible_active(row)(r)] or readings
    as_stated = agreeing_cells(plausible, [f.id for f in row.fields], stated)
    by_prose = len(as_stated) < len(plausible)
    plausible = sorted(as_stated, key=lambda r: active_rank.rank(row, r, fraction))
    where = f"表二「{row.label}」"
    printed = "、".join(_printed(t) for t in cells if t.kind == NUMBER)
    if not plausible:
        message = messages.GLUED_ACTIVE_NONE.format(where=where, printed=printed, cells=size)
        kept = [t for t in cells if t.kind == NUMBER][:size]
        return kept, warning("parse.unrepaired_row", row.id, message, line)
    tokens = [
        Token(BLANK, "", line) if v is None else Token(NUMBER, str(v), line, v)
        for v in plausible[0]
    ]
    if fraction and plausible[0][-1] is not None:
        last = f"{plausible[0][-1]}{fraction}"
        tokens[-1] = Token(NUMBER, last, line, last, unit)
    chosen = "、".join(t.text or messages.BLANK_CELL for t in tokens)
    if len(plausible) == 1:
        template = messages.GLUED_ACTIVE_STATED if by_prose else messages.GLUED_ACTIVE
        message = template.format(where=where, printed=printed, cells=size, chosen=chosen)
        return tokens, warning("parse.repaired_row", row.id, message, line)
    message = messages.GLUED_ACTIVE_AMBIGUOUS.format(
        where=where, printed=printed, cells=size, readings=len(plausible), chosen=chosen
    )
    return tokens, warning("parse.ambiguous_row", row.id, message, line)


def _printed(token: Token) -> str:
    return ("-" if token.negative else "") + token.text + token.unit


def _amount_parts(row: catalog.ActiveRow, cells: list[Token]) -> tuple[list[Token], str, str]:
    """The row's tokens with a decimal amount in the last (money) cell cut to its integer
    part, so that the count glued before it can be split off; and the fraction and unit."""
    last = cells[-1] if cells else None
    if last is None or not row.fields[-1].money or not isinstance(last.value, str):
        return cells, "", ""
    digits, _, fraction = last.text.partition(".")
    if not digits.isdigit():
        return cells, "", ""
    whole = Token(NUMBER, digits, last.line, int(digits))
    return [*cells[:-1], whole], "." + fraction if fraction else "", last.unit


def _plausible_active(row: catalog.ActiveRow) -> Callable[[Cells], bool]:
    ids = [f.id for f in row.fields]
    unsigned = [i for i, f in enumerate(row.fields) if not f.signed]

    def plausible(cells: Cells) -> bool:
        if any((cells[i] or 0) < 0 for i in unsigned):
            return False
        if "prev_items" in ids and "change" in ids and _fewer_than_none(cells, ids):
            return False
        if "in_force" in ids and "issued" in ids:
            issued, in_force = cells[ids.index("issued")], cells[ids.index("in_force")]
            return (in_force or 0) >= (issued or 0)
        if "total_published" in ids:
            return (cells[ids.index("total_published")] or 0) >= (cells[ids.index("made")] or 0)
        return True

    return plausible


def _fewer_than_none(cells: Cells, ids: list[str]) -> bool:
    """Whether 上一年项目数量 plus 本年增/减 leaves fewer than no items: 「2865-83760」 is not
    2865、-8376、0."""
    previous, change = cells[ids.index("prev_items")], cells[ids.index("change")]
    return (previous or 0) + (change or 0) < 0
