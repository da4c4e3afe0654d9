"""Segments to the three tables of the report: 二 (active), 三 (applications), 四 (appeals)."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gongkai import catalog, messages
from gongkai.checks import READING_DOUBTS, doubtful_rows
from gongkai.model import Finding
from gongkai.readers import align, blocks, colorder
from gongkai.readers.column_rules import (
    all_splits,
    broken_column_rules,
    column_proven_reading,
    column_rules_held,
    received,
    within_received,
)
from gongkai.readers.layout import (
    ColumnTemplate,
    column_template,
    header_columns,
    place_by_columns,
    place_under_headers,
)
from gongkai.readers.repair import Cells, Readings, Rule, consistent_readings, holds
from gongkai.readers.spanned import SpannedRow, merged_findings, spanned_row
from gongkai.readers.stated import agreeing_with_prose
from gongkai.readers.tokens import BLANK, NUMBER, Segment, Token, token_value
from gongkai.readers.trace import At, trace_cells, trace_rows

ROW_RULE: tuple[Rule, ...] = ((tuple(range(6)), 6),)
APPEAL_RULES: tuple[Rule, ...] = (
    ((0, 1, 2, 3), 4),
    ((5, 6, 7, 8), 9),
    ((10, 11, 12, 13), 14),
)
_APPEAL_SIZE = 15
_APPLICATION_SIZE = 7
_MAX_COMBINATIONS = 4096


@dataclass
class TableResult:
    data: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    score: float = 0.0
    lines: dict[str, int] = field(default_factory=dict)  # row id → source line
    # Rows whose cells the reading itself doubts (several readings, none, not found, or a
    # place nothing proves), not merely because the table does not add up.
    doubtful: frozenset[str] = frozenset()
    # Rows in their proven place whose printed numbers add up in no reading.
    unbalanced: frozenset[str] = frozenset()
    # Doubted rows that are doubted in some columns only (table 四: groups): several
    # readings fit them, and they agree on every other column, which the rules prove.
    columns: dict[str, frozenset[str]] = field(default_factory=dict)
    sources: dict[str, At] = field(default_factory=dict)  # cell name → where it was printed


def trim_blanks(cells: Sequence[Token], size: int, leading_first: bool = True) -> list[Token]:
    """Drop blank cells at the edges while there are too many.

    After a row label, leading blanks are the spans of the label columns and go
    first; a row without a label (table 四's numbers) sheds grid filler at its end first.
    Empty cells go before printed marks (「行政事业性收费 — 8」 then an empty grid cell: the
    「—」 is the row's first cell, the empty one filler). A position a merged figure cell
    covers (`Token.spanned`) is printed, never filler: shed, it would move the merged
    figure's columns onto the blanks beside it.
    """
    start, stop = 0, len(cells)  # bounds move: popping the front of a long run is quadratic
    for marks in (False, True):
        for leading in (True, False) if leading_first else (False, True):
            while stop - start > size:
                edge = cells[start if leading else stop - 1]
                if edge.kind != BLANK or edge.spanned or (edge.text and not marks):
                    break
                if leading:
                    start += 1
                else:
                    stop -= 1
    # A row still too long after its blanks: its last figure merged over a grid column past
    # the fields (a table one column wider than its template), which is no field.
    while stop - start > size and cells[stop - 1].spanned:
        stop -= 1
    return list(cells[start:stop])


# ---------------------------------------------------------------- table 三


def read_applications(segments: Sequence[Segment], template: str) -> TableResult:
    """Table 三, its figures placed in the template's columns by the header's order."""
    order = colorder.printed_order(segments, catalog.APPLICANT_HEADERS)
    placed = _rows_in_template_order(segments, order)
    # A 总计 that adds up elsewhere tells the order only where the header proves none: under
    # a header that proves the template's order it is the report's own error.
    unproven = isinstance(order, colorder.Unproven)
    if placed is None or (unproven and _total_elsewhere(placed)):
        result = _read_applications(segments, template)
        doubt = messages.COLUMN_ORDER_UNPROVEN if placed is None else messages.TOTAL_ELSEWHERE_ROWS
        result.findings.append(column_order_doubt("applications", doubt))
        # every cell in doubt: no row's own sums, no column, stands proven
        result.doubtful |= {r.id for rows in application_row_sets(template) for r in rows}
        result.unbalanced, result.columns = frozenset(), {}
        return result
    moved = _rows_in_template(placed, template)
    result = _read_applications(placed if moved is None else moved, template)
    if not colorder.is_template(order):
        result.findings.append(column_order_read("applications"))
    if moved is not None:
        result.findings.append(row_order_read("applications"))
    return result


def _rows_in_template(segments: Sequence[Segment], template: str) -> list[Segment] | None:
    """The segments in the template's row order, where the rows' labels prove another (in
    either row set of `template`), else None."""
    for rows in application_row_sets(template):
        moved = align.in_template_rows(segments, _targets(rows))
        if moved is not None:
            return moved
    return None


def _rows_in_template_order(
    segments: Sequence[Segment], order: colorder.PrintedOrder
) -> Sequence[Segment] | None:
    """`segments` with each row's cells in the template's columns (the same segments where
    the template's order is printed), or None where the header proves no one order or a
    row's figures do not stand one a column."""
    if colorder.is_template(order):
        return segments
    placed = []
    for segment in segments:
        cells: list[Token] | None = segment.cells
        if segment.numbers:
            cells = colorder.in_template_order(trim_blanks(segment.cells, _APPLICATION_SIZE), order)
        if cells is None:
            return None
        placed.append(Segment(segment.labels, cells))
    return placed


def _total_elsewhere(segments: Sequence[Segment]) -> bool:
    """Table 三's rows of seven figures prove the 总计 column printed elsewhere
    (`colorder.total_elsewhere`)."""
    rows = []
    for segment in segments:
        cells = trim_blanks(segment.cells, _APPLICATION_SIZE)
        if len(cells) == _APPLICATION_SIZE and all(t.kind == NUMBER for t in cells):
            rows.append([token_value(t) or 0 for t in cells])
    return colorder.total_elsewhere(rows, _APPLICATION_SIZE - 1)


def column_order_read(table: str) -> Finding:
    """A table whose header proves its columns printed in another order, read by it: said
    without a row, as no cell is in doubt."""
    message = messages.COLUMN_ORDER_READ.format(table=messages.TABLE_NAMES[table])
    return Finding(rule="parse.printed_order", severity="warning", message=message)


def row_order_read(table: str) -> Finding:
    """A table whose rows' labels prove them printed in another order, read by them."""
    message = messages.ROW_ORDER_READ.format(table=messages.TABLE_NAMES[table])
    return Finding(rule="parse.printed_order", severity="warning", message=message)


def column_order_doubt(table: str, message: str = messages.COLUMN_ORDER_UNPROVEN) -> Finding:
    """A table whose header shows another order than the template's but proves none, or
    whose figures prove their 总计 in another column (`messages.TOTAL_ELSEWHERE_ROWS`,
    `messages.TOTAL_ELSEWHERE_GROUPS`)."""
    return _table_warning("parse.unproven_row", message, table)


def _read_applications(segments: Sequence[Segment], template: str) -> TableResult:
    variants = application_row_sets(template)
    segments, (score, assignments, rows) = max(
        ((pieces, _best_alignment(pieces, variants)) for pieces in _segmentations(segments)),
        key=lambda aligned: aligned[1][0],
    )
    assignments = align.fill_lone_slots(assignments, segments, _targets(rows))
    columns = column_template(
        [a.segment.cells for a in assignments if len(a.rows) == 1], _APPLICATION_SIZE
    )
    merged = any(t.shared for a in assignments for t in a.segment.cells)
    candidates, findings = _row_candidates(assignments, rows, columns, merged)
    _keep_within_received(candidates)
    _read_by_columns(candidates, [r.id for r in rows])
    chosen = _choose_rows(candidates, [r.id for r in rows])
    findings += _repair_findings(candidates, chosen)
    findings += _merged_findings(candidates, chosen)
    broken = any(f.rule in _BROKEN_ORDER for f in findings)
    doubtful = doubtful_rows(findings) | _misplaced(candidates, broken)
    findings += _placement_findings(candidates, chosen, findings, broken)
    proven = not broken and column_rules_held(chosen, list(chosen)) == 2 * _APPLICATION_SIZE
    findings += _division_findings(rows, candidates, template, proven)
    findings += undivided_findings(template, rows)
    data = {"columns": list(catalog.COLUMN_IDS), "rows": {r.id: list(chosen[r.id]) for r in rows}}
    lines = {row_id: c.line for row_id, c in candidates.items() if c.line}
    unbalanced = _unbalanced(candidates, findings, broken)
    result = TableResult(data, findings, score, lines, frozenset(doubtful), unbalanced)
    misplaced = _misplaced(candidates, broken)
    result.columns = _doubted_columns(candidates, findings, misplaced, chosen)
    result.sources = _application_sources(assignments, candidates, chosen)
    return result


def application_row_sets(template: str) -> list[tuple[catalog.Row, ...]]:
    """The row sets table 三 may have under `template` (三（六） divided or not in 2021)."""
    if template == "2019":
        return [catalog.APPLICATION_ROWS["2019"]]
    return [catalog.APPLICATION_ROWS["2021"], catalog.APPLICATION_ROWS_2021_UNDIVIDED]


def undivided_findings(template: str, rows: tuple[catalog.Row, ...]) -> list[Finding]:
    """A 2021 table 三 read with 三（六） as one row: said, as the template divides it."""
    if template != "2021" or rows is not catalog.APPLICATION_ROWS_2021_UNDIVIDED:
        return []
    return [
        Finding(
            rule="parse.undivided_other",
            severity="warning",
            row="other",
            message=messages.UNDIVIDED_OTHER,
        )
    ]


def _division_findings(
    rows: tuple[catalog.Row, ...], candidates: dict[str, _Candidates], template: str, proven: bool
) -> list[Finding]:
    """三（六） read as three rows though no label of them was found and the table is not
    `proven` (every row read, every column rule holding): whether the report divides it
    (2021) or prints one row is then not proven (named `other`, the one row)."""
    if proven or template != "2021" or rows is catalog.APPLICATION_ROWS_2021_UNDIVIDED:
        return []
    divided = [r.id for r in rows if r.id.startswith("other.")]
    if any(candidates[r].placement == NAMED and candidates[r].line for r in divided):
        return []
    message = messages.DIVISION_UNPROVEN.format(where=application_row_name(catalog.OTHER_UNDIVIDED))
    return [warning("parse.unproven_row", "other", message, 0)]


def _application_sources(
    assignments: Sequence[align.Assignment],
    candidates: dict[str, _Candidates],
    chosen: dict[str, Cells],
) -> dict[str, At]:
    """Each cell of table 三 with the place of the token it was read from."""
    sources: dict[str, At] = {}
    for assignment in assignments:
        row_ids = [t.id for t in assignment.rows]
        if len(row_ids) == 1:
            tokens: Sequence[Token] = candidates[row_ids[0]].tokens
            places = [trace_cells(tokens, chosen[row_ids[0]], assignment.segment.line)]
        else:
            rows = [chosen[r] for r in row_ids]
            places = list(trace_rows(assignment.segment.cells, rows, assignment.segment.line))
        for row_id, row_places in zip(row_ids, places):
            for column, at in zip(catalog.COLUMN_IDS, row_places):
                sources[f"applications.{row_id}.{column}"] = at
    return sources


def _best_alignment(
    segments: Sequence[Segment], variants: Sequence[tuple[catalog.Row, ...]]
) -> tuple[float, list[align.Assignment], tuple[catalog.Row, ...]]:
    """The row set (divided or undivided 三（六）) whose alignment scores best."""
    labels = [align.normalize_label(s.label) for s in segments]
    targets = [_targets(rows) for rows in variants]
    for rows, row_targets in zip(variants, targets):
        direct = align.align_direct(segments, labels, row_targets)
        if direct is not None:
            return direct[0], direct[1], rows
    scored = [
        (*align.align_dp(segments, labels, row_targets), rows)
        for rows, row_targets in zip(variants, targets)
    ]
    return max(scored, key=lambda item: item[0])


# Words of table 三's column header that name no row (其他 and 总计 also end row labels).
_HEADER_ONLY = frozenset(
    [c.label for c in catalog.APPLICANT_COLUMNS[:5]]
    + [catalog.APPLICANT_HEADER, catalog.LEGAL_PERSON_HEADER]
)


def _segmentations(segments: Sequence[Segment]) -> Iterator[Sequence[Segment]]:
    """The segments as printed, then, if header words cut them, with those words dropped.

    pdftotext's default mode prints a header cell where its box falls, so 「自然人」 may
    stand among numbers printed apart from their labels, cutting their run in two: the
    piece after it, labelled by no row, would be dropped and every row below moved up
    one. The caller keeps whichever aligns better (a row whose label is printed below its
    numbers, under repeated header words, aligns better as printed)."""
    yield segments
    joined: list[Segment] = []
    for segment in segments:
        header_only = segment.labels and all(t.text in _HEADER_ONLY for t in segment.labels)
        if header_only and joined and joined[-1].cells and segment.cells:
            joined[-1] = Segment(joined[-1].labels, joined[-1].cells + segment.cells)
        else:
            joined.append(segment)
    if len(joined) < len(segments):
        yield joined


@functools.cache
def _targets(rows: tuple[catalog.Row, ...]) -> list[align.Target]:
    return [align.target(r.id, _APPLICATION_SIZE, r.keywords, r.label) for r in rows]


# How a row's numbers were placed in it: by the row's own label, by order alone (a block
# of numbers apart from their labels, or a label that names no row), against a label
# that names another row, or as the one row left between two named rows (SLOT: proven
# when its cells add up, by order otherwise).
NAMED, BY_ORDER, MISNAMED, SLOT = "named", "by order", "misnamed", "slot"


@dataclass
class _Candidates:
    readings: Readings
    line: int
    printed: Cells = ()
    placement: str = NAMED
    glued: bool = False  # fewer numbers than cells, but digits enough to fill them
    unbalanced: bool = False  # cells proven by a block's other rows, yet not adding up
    tokens: Sequence[Token] = ()  # the row's own cells as printed (one-row assignments)
    spanned: SpannedRow | None = None  # the row's merged figure cells (one-row assignments)


def _row_candidates(
    assignments: Sequence[align.Assignment],
    rows: tuple[catalog.Row, ...],
    columns: ColumnTemplate | None,
    merged: bool,
) -> tuple[dict[str, _Candidates], list[Finding]]:
    """Each row's readings; `merged`: the table's columns were merged in conversion."""
    targets = _targets(rows)
    candidates: dict[str, _Candidates] = {}
    findings: list[Finding] = []
    own = [own_cells(a.segment.cells, merged) if len(a.rows) == 1 else [] for a in assignments]
    for at, assignment in enumerate(assignments):
        segment = assignment.segment
        if len(assignment.rows) == 1:
            cells = own[at]
            spanned = spanned_row(cells, _APPLICATION_SIZE, ROW_RULE, _across_the_break(own, at))
            if spanned is not None:
                readings = spanned.readings_of()
            else:
                readings = consistent_readings(cells, _APPLICATION_SIZE, ROW_RULE)
            if spanned is None and columns is not None and len(readings.cells) != 1:
                placed = place_by_columns(cells, _APPLICATION_SIZE, columns, ROW_RULE)
                if placed is not None:
                    readings = Readings([placed], readings.printed, repaired=True, by_layout=True)
            candidates[assignment.rows[0].id] = _Candidates(
                readings,
                segment.line,
                pad(cells, _APPLICATION_SIZE),
                _slot_held(placement(assignment, targets), readings),
                segment.numbers < _APPLICATION_SIZE <= sum(len(t.digits or "") for t in cells),
                tokens=cells,
                spanned=spanned,
            )
        else:
            block = _read_block(assignment, _APPLICATION_SIZE)
            for index, target in enumerate(assignment.rows):
                readings = Readings([block.rows[index]], _APPLICATION_SIZE, False)
                candidates[target.id] = _Candidates(
                    readings,
                    segment.line,
                    placement=BY_ORDER,
                    unbalanced=index in block.unbalanced,
                )
            findings += block_findings(block, assignment)
    for row in rows:
        if row.id not in candidates:
            findings.append(
                Finding(
                    rule="parse.missing_row",
                    severity="warning",
                    row=row.id,
                    message=messages.MISSING_ROW.format(where=application_row_name(row)),
                )
            )
            candidates[row.id] = _Candidates(Readings([(None,) * _APPLICATION_SIZE], 0, False), 0)
    return candidates, findings


def _across_the_break(rows: Sequence[Sequence[Token]], at: int) -> Sequence[Token]:
    """The cells of the row across the page break from row `at`, where a figure cell is cut
    there (`grid.CUT`): the next row's where it prints the figure, the previous one's where
    it prints the blank part; none elsewhere."""
    cut = [t for t in rows[at] if t.cut]
    if not cut:
        return ()
    other = at - 1 if cut[0].blank_first else at + 1
    return rows[other] if 0 <= other < len(rows) else ()


def own_cells(cells: Sequence[Token], merged: bool) -> list[Token]:
    """A row's cells of table 三. Where the table's columns were `merged` in conversion (a
    cell holding several numbers, 「| 2 0 | 0 |」), its blank cells no longer stand one to a
    column (「| 2 | 0 |  |  | 2 |」 may be 2、空、0、空、空、空、2): they are dropped, and the row
    reads as its numbers placed among blanks, as text that prints no blank cell does."""
    if merged:
        return [t for t in cells if t.kind != BLANK]
    return trim_blanks(cells, _APPLICATION_SIZE)


def _slot_held(how: str, readings: Readings) -> str:
    """A row placed as the lone slot stays there as proven only when its one reading adds
    up; otherwise its place rests on order alone."""
    if how == SLOT and not (readings.unique and holds(readings.cells[0], ROW_RULE)):
        return BY_ORDER
    return how


def placement(assignment: align.Assignment, targets: Sequence[align.Target]) -> str:
    """How a one-row assignment's numbers were placed (NAMED, SLOT, BY_ORDER, MISNAMED)."""
    if assignment.named:
        return NAMED
    if assignment.slotted:
        return SLOT
    if assignment.continued:
        return BY_ORDER
    label = align.normalize_label(assignment.segment.label)
    others = [t for t in targets if t.id != assignment.rows[0].id]
    return MISNAMED if any(align.names_row(label, t) for t in others) else BY_ORDER


def _placement_findings(
    candidates: dict[str, _Candidates], chosen: dict[str, Cells], found: list[Finding], broken: bool
) -> list[Finding]:
    """Rows placed against their label, and rows placed by order alone unless the order is
    whole (not `broken`: every row found and read) and the columns of table 三 add up too
    (else a row may have slipped, and the order proves nothing)."""
    flagged = {f.row for f in found if f.row}
    columns_hold = not broken and column_rules_held(chosen, list(chosen)) == 2 * _APPLICATION_SIZE
    findings = []
    for row_id, candidate in candidates.items():
        doubtful = candidate.placement == MISNAMED or (
            candidate.placement == BY_ORDER and not columns_hold
        )
        if doubtful and row_id not in flagged:
            where = application_row_name(catalog.ALL_APPLICATION_ROWS[row_id])
            template = messages.MISNAMED_ROW
            if candidate.placement == BY_ORDER:
                template = messages.ORDER_ONLY_ROW
            findings.append(unproven_finding(template, where, row_id, candidate.line))
    return findings


_BROKEN_ORDER = READING_DOUBTS - {"parse.ambiguous_row"}


def _misplaced(candidates: dict[str, _Candidates], broken: bool) -> set[str]:
    """Rows whose place the reading itself doubts: placed against their label, or by an
    order that a missing or unreadable row has `broken` (not merely because the columns do
    not add up: that may be the report's own error)."""
    doubted = {MISNAMED, BY_ORDER} if broken else {MISNAMED}
    return {row_id for row_id, c in candidates.items() if c.placement in doubted}


def _unbalanced(
    candidates: dict[str, _Candidates], findings: list[Finding], broken: bool
) -> frozenset[str]:
    """Rows in their proven place that add up in no reading: a row of glued digits under its
    own label, or a block row whose cells the block's other rows prove, where the order of
    the table is whole (else the block itself may stand in the wrong rows)."""
    unreadable = doubtful_rows(f for f in findings if f.rule == "parse.unrepaired_row")
    glued = {r for r in unreadable if candidates[r].placement == NAMED and candidates[r].glued}
    in_blocks = set() if broken else {r for r, c in candidates.items() if c.unbalanced}
    return frozenset(glued | in_blocks)


def _doubted_columns(
    candidates: dict[str, _Candidates],
    findings: list[Finding],
    misplaced: set[str],
    chosen: dict[str, Cells],
) -> dict[str, frozenset[str]]:
    """Rows in their place whose one doubt is that several readings fit them: the columns
    those readings differ in. Readings that would break every column rule the chosen ones
    break and more are left out: the report would then print more errors, and every error
    said of the chosen readings would be printed all the same."""
    rows = _only_ambiguous(candidates, findings, misplaced)
    options = [candidates[r].readings.cells for r in rows]
    if math.prod(len(o) for o in options) > _MAX_COMBINATIONS:
        return {r: differing_columns(o, catalog.COLUMN_IDS) for r, o in zip(rows, options)}
    row_ids = list(chosen)
    broken = broken_column_rules(chosen, row_ids)
    kept = [
        combo
        for combo in itertools.product(*options)
        if not broken < broken_column_rules({**chosen, **dict(zip(rows, combo))}, row_ids)
    ]
    return {
        r: differing_columns([combo[i] for combo in kept], catalog.COLUMN_IDS)
        for i, r in enumerate(rows)
    }


def _only_ambiguous(
    candidates: dict[str, _Candidates], findings: list[Finding], misplaced: set[str]
) -> list[str]:
    """Rows in their place whose one doubt is that several readings fit them
    (`parse.ambiguous_row`, `parse.merged_cell`)."""
    doubts: dict[str, set[str]] = {}
    for finding in findings:
        if finding.row in candidates and finding.rule in READING_DOUBTS:
            doubts.setdefault(finding.row, set()).add(finding.rule)
    return [
        row_id
        for row_id, rules in doubts.items()
        if rules <= {"parse.ambiguous_row", "parse.merged_cell"}
        and row_id not in misplaced
        and len(candidates[row_id].readings.cells) > 1
    ]


def differing_columns(readings: Sequence[Cells], names: Sequence[str]) -> frozenset[str]:
    """The columns (named in `names`, one per cell) whose cells differ between readings; a
    blank and a 0 count alike, as the rules count them."""
    return frozenset(name for i, name in enumerate(names) if len({r[i] or 0 for r in readings}) > 1)


def unproven_finding(template: str, where: str, row: str, line: int) -> Finding:
    return warning("parse.unproven_row", row, template.format(where=where), line)


def warning(rule: str, row: str, message: str, line: int) -> Finding:
    return Finding(rule=rule, severity="warning", row=row, message=message, line=line or None)


def _read_block(assignment: align.Assignment, size: int) -> blocks.BlockReading:
    """Cells of several rows printed as one block of numbers (see readers/blocks.py)."""
    values = [token_value(t) for t in assignment.segment.cells if t.kind == NUMBER]
    return blocks.read_block(values, len(assignment.rows), size, ROW_RULE)


def block_findings(block: blocks.BlockReading, assignment: align.Assignment) -> list[Finding]:
    """A warning on each row of a block whose cells the rules did not prove."""
    if not block.doubtful:
        return []
    rule, template = _BLOCK_MESSAGES[block.status]
    line = assignment.segment.line
    findings = []
    for index in sorted(block.doubtful):
        row = catalog.ALL_APPLICATION_ROWS[assignment.rows[index].id]
        where = application_row_name(row)
        message = template.format(where=where, readings=block.readings)
        findings.append(warning(rule, row.id, message, line))
    return findings


_BLOCK_MESSAGES = {
    blocks.REPAIRED: ("parse.repaired_row", messages.BLOCK_REPAIRED),
    blocks.AMBIGUOUS: ("parse.ambiguous_row", messages.BLOCK_AMBIGUOUS),
    blocks.UNPROVEN: ("parse.unproven_row", messages.BLOCK_UNPROVEN),
}


def _choose_rows(candidates: dict[str, _Candidates], row_ids: list[str]) -> dict[str, Cells]:
    """Pick one reading per row so that as many column rules as possible hold."""
    options = {rid: _options(candidates[rid]) for rid in row_ids}
    open_rows = [rid for rid in row_ids if len(options[rid]) > 1]
    chosen = {rid: options[rid][0] for rid in row_ids}
    if not open_rows:
        return chosen
    combos = 1
    for rid in open_rows:
        combos *= len(options[rid])
    if combos <= _MAX_COMBINATIONS:
        best_score = -1
        best_combo: tuple[Cells, ...] = ()
        for combo in itertools.product(*(options[rid] for rid in open_rows)):
            trial = {**chosen, **dict(zip(open_rows, combo))}
            points = column_rules_held(trial, row_ids)
            if points > best_score:
                best_score, best_combo = points, combo
        chosen.update(zip(open_rows, best_combo))
        return chosen
    for _ in range(2):
        for rid in open_rows:
            chosen[rid] = max(
                options[rid], key=lambda c: column_rules_held({**chosen, rid: c}, row_ids)
            )
    return chosen


def _keep_within_received(candidates: dict[str, _Candidates]) -> None:
    """Leave out the readings of result rows with a cell above what its column received
    (`column_rules.within_received`): 「2 0 2」 under 予以公开 where only 自然人 applied."""
    bound = received({row_id: c.readings.cells for row_id, c in candidates.items()})
    for row_id, candidate in candidates.items():
        readings = candidate.readings
        kept = within_received(row_id, readings.cells, bound)
        if len(kept) < len(readings.cells):
            narrowed = dataclasses.replace(readings, cells=kept, by_received=True)
            candidates[row_id] = dataclasses.replace(candidate, readings=narrowed)


def _read_by_columns(candidates: dict[str, _Candidates], row_ids: list[str]) -> None:
    """Rows in their proven place that add up in no reading, read instead by the column
    rules where those allow exactly one split (`column_rules.column_proven_reading`)."""
    for row_id, candidate in candidates.items():
        if candidate.readings.cells or candidate.placement != NAMED or not candidate.tokens:
            continue
        options = {rid: _options(candidates[rid]) for rid in row_ids}
        cells = column_proven_reading(candidate.tokens, row_id, options, row_ids)
        if cells is not None:
            printed = candidate.readings.printed
            readings = Readings([cells], printed, repaired=True, by_columns=True)
            candidates[row_id] = dataclasses.replace(candidate, readings=readings)


def _options(candidate: _Candidates) -> list[Cells]:
    readings = candidate.readings
    if readings.cells:
        return readings.cells
    return [candidate.printed or (None,) * _APPLICATION_SIZE]


def _repair_findings(candidates: dict[str, _Candidates], chosen: dict[str, Cells]) -> list[Finding]:
    findings = []
    for row_id, candidate in candidates.items():
        readings = candidate.readings
        if not readings.repaired:
            continue
        where = application_row_name(catalog.ALL_APPLICATION_ROWS[row_id])
        findings.append(repair_finding(readings, where, _APPLICATION_SIZE, row_id, candidate.line))
    return findings


def _merged_findings(candidates: dict[str, _Candidates], chosen: dict[str, Cells]) -> list[Finding]:
    """A warning on each row with a merged figure cell the row's rule did not prove, saying
    how it was read (`readers/spanned.py`)."""
    labels = [catalog.COLUMN_LABELS[c] for c in catalog.COLUMN_IDS]
    findings = []
    for row_id, candidate in candidates.items():
        if candidate.spanned is not None:
            where = application_row_name(catalog.ALL_APPLICATION_ROWS[row_id])
            findings += merged_findings(
                candidate.spanned, where, row_id, chosen[row_id], labels, candidate.line
            )
    return findings


def application_row_name(row: catalog.Row) -> str:
    """How a message names a row of table 三: 表三“（七）总计”行."""
    return messages.APPLICATION_ROW.format(label=row.label.split("（区分")[0])


def repair_finding(readings: Readings, where: str, size: int, row: str, line: int) -> Finding:
    params = {"where": where, "printed": readings.printed, "cells": size}
    if readings.by_layout:
        rule, message = "parse.repaired_row", messages.LAID_OUT.format(**params)
    elif readings.by_columns and row == "appeals":
        rule, message = "parse.repaired_row", messages.ONE_GROUP_OFF.format(**params)
    elif readings.by_columns:
        rule, message = "parse.repaired_row", messages.BY_COLUMNS.format(**params)
    elif readings.by_received and readings.unique:
        rule, message = "parse.repaired_row", messages.WITHIN_RECEIVED.format(**params)
    elif readings.by_prose and readings.unique:
        rule, message = "parse.repaired_row", messages.AGREES_WITH_PROSE.format(**params)
    elif readings.digit_each:
        rule, message = "parse.repaired_row", messages.ONE_DIGIT_EACH.format(**params)
    elif readings.unique:
        rule, message = "parse.repaired_row", messages.REPAIRED.format(**params)
    elif readings.cells:
        rule = "parse.ambiguous_row"
        message = messages.AMBIGUOUS.format(readings=len(readings.cells), **params)
    else:
        rule, message = "parse.unrepaired_row", messages.UNREPAIRED.format(**params)
    return Finding(rule=rule, severity="warning", row=row, message=message, line=line or None)


# ---------------------------------------------------------------- table 四


def read_appeals(
    segments: Sequence[Segment], stated: Mapping[str, int] | None = None
) -> TableResult:
    """Table 四; `stated`: its totals as the prose states them (`stated.stated_appeal_totals`),
    which rule out readings that differ from them."""
    cells = _appeal_cells(segments)
    if not any(t.kind == NUMBER for t in cells):
        return TableResult(_empty_appeals(), [missing_table("appeals")])
    cells = trim_blanks(cells, _APPEAL_SIZE, leading_first=False)
    order = colorder.printed_order(segments, catalog.APPEAL_HEADERS)
    by_header = colorder.in_template_order(cells, order)
    findings = []
    if by_header is None:
        findings.append(column_order_doubt("appeals"))
    elif isinstance(order, colorder.Unproven) and _appeal_total_elsewhere(by_header):
        by_header = None
        findings.append(column_order_doubt("appeals", messages.TOTAL_ELSEWHERE_GROUPS))
    elif by_header is not cells:
        cells = by_header
        findings.append(column_order_read("appeals"))
    spanned = spanned_row(cells, _APPEAL_SIZE, APPEAL_RULES)
    readings = _appeal_readings(segments, cells) if spanned is None else spanned.readings_of()
    readings = _as_stated(readings, stated or {})
    if readings.repaired:
        findings.append(repair_finding(readings, "表四", _APPEAL_SIZE, "appeals", cells[0].line))
    values = readings.cells[0] if readings.cells else pad(cells, _APPEAL_SIZE)
    if spanned is not None:
        findings += merged_findings(
            spanned, "表四", "appeals", values, _APPEAL_LABELS, cells[0].line
        )
    data = {
        group.id: {f.id: values[g * 5 + i] for i, f in enumerate(catalog.APPEAL_FIELDS)}
        for g, group in enumerate(catalog.APPEAL_GROUPS)
    }
    line = next((t.line for t in cells if t.kind == NUMBER), 0)
    lines = {"appeals": line} if line else {}
    result = TableResult(data, findings, lines=lines, doubtful=frozenset(doubtful_rows(findings)))
    # Several readings: the groups they differ in are doubted (all of them where the
    # columns' order is in doubt).
    if len(readings.cells) > 1 and by_header is not None:
        groups = [g.id for g in catalog.APPEAL_GROUPS for _ in catalog.APPEAL_FIELDS]
        result.columns = {"appeals": differing_columns(readings.cells, groups)}
    names = [f"appeals.{g.id}.{f.id}" for g in catalog.APPEAL_GROUPS for f in catalog.APPEAL_FIELDS]
    result.sources = dict(zip(names, trace_cells(cells, values, line)))
    return result


def _appeal_total_elsewhere(cells: list[Token]) -> bool:
    """Table 四's three groups, printed one figure a column, prove each group's 总计 printed
    in another column than the template's (`colorder.total_elsewhere`)."""
    if len(cells) != _APPEAL_SIZE or any(t.kind != NUMBER for t in cells):
        return False
    values = [token_value(t) or 0 for t in cells]
    groups = [values[k : k + 5] for k in range(0, _APPEAL_SIZE, 5)]
    return colorder.total_elsewhere(groups, 4)


_APPEAL_LABELS = [
    f"{g.label}·{f.label}" for g in catalog.APPEAL_GROUPS for f in catalog.APPEAL_FIELDS
]


def _appeal_readings(segments: Sequence[Segment], cells: list[Token]) -> Readings:
    """The readings of table 四's cells; a short row of space-aligned text that the rules
    cannot place is placed under its column headers (pdftotext -layout drops blank cells)."""
    readings = consistent_readings(cells, _APPEAL_SIZE, APPEAL_RULES)
    if len(readings.cells) == 1:
        return readings
    if not readings.cells and (one_off := _one_group_off(cells)) is not None:
        return Readings([one_off], readings.printed, repaired=True, by_columns=True)
    labels = [t for s in segments for t in s.labels]
    headers = header_columns(labels, _APPEAL_SIZE)
    placed = None if headers is None else place_under_headers(cells, headers, APPEAL_RULES)
    if placed is None:
        return readings
    return Readings([placed], readings.printed, repaired=True, by_layout=True)


def _as_stated(readings: Readings, stated: Mapping[str, int]) -> Readings:
    """The readings whose totals agree with the prose (`stated.agreeing_with_prose`)."""
    kept = agreeing_with_prose(readings.cells, stated)
    if len(kept) == len(readings.cells):
        return readings
    return dataclasses.replace(readings, cells=kept, by_prose=True)


def _one_group_off(cells: list[Token]) -> Cells | None:
    """Glued digits of table 四 that add up in no split: the one split in which every group
    but one adds up (「10300130000100000」 is 10、3、0、0、13 | 0、0、0、0、1 | 0、0、0、0、0, the
    总计 of 未经复议直接起诉 printed off), or None. Any other split would have the report
    print two groups wrong, not one."""
    splits = all_splits(cells, _APPEAL_SIZE)
    fitting = [r for r in splits if sum(holds(r, [rule]) for rule in APPEAL_RULES) == 2]
    return fitting[0] if len(fitting) == 1 else None


def _appeal_cells(segments: Sequence[Segment]) -> list[Token]:
    """The cells of table 四, stopping where prose starts once the cells are all there, and
    leaving out the figures of a sentence above it (`in_sentence`)."""
    cells: list[Token] = []
    numbers = 0  # counted as cells are added: recounting them made long regions quadratic
    followers: list[Segment | None] = [*segments[1:], None]  # the segment after each
    for segment, after in zip(segments, followers, strict=False):  # no segments: [None]
        if numbers >= _APPEAL_SIZE and len(align.normalize_label(segment.label)) > 20:
            break
        own = segment.cells
        if own and in_sentence(own[-1], after):
            own = own[:-1]
        cells += own
        numbers += sum(1 for c in own if c.kind == NUMBER)
    return cells


# What goes on a sentence after a figure and its unit: 「行政复议 4 件，」「行政诉讼 13 件。」.
_SENTENCE_GOES_ON = ("，", "。", "；", "、", ",", ";")


def in_sentence(cell: Token, after: Segment | None) -> bool:
    """A figure with its unit that the sentence goes on after, on the same line: the
    prose's (「本年度发生政府信息公开行政复议 4 件，政府信息公开行政诉讼 13 件。」 above table 四,
    its figures words of their own where the PDF spaced them from the Chinese), not a
    cell. No table prints a cell as 「4 件，」."""
    follows = after.labels[0] if after is not None and after.labels else None
    return (
        cell.kind == NUMBER
        and bool(cell.unit)
        and follows is not None
        and follows.line == cell.line
        and follows.text.startswith(_SENTENCE_GOES_ON)
    )


def pad(cells: Sequence[Token], size: int) -> Cells:
    """The printed values in order, cut or filled with blanks to `size` (no reading fits)."""
    values = [token_value(t) for t in cells if t.kind == NUMBER][:size]
    return tuple(values + [None] * (size - len(values)))


def _empty_appeals() -> dict[str, Any]:
    return {g.id: {f.id: None for f in catalog.APPEAL_FIELDS} for g in catalog.APPEAL_GROUPS}


def missing_table(table: str) -> Finding:
    return _table_warning("parse.missing_table", messages.MISSING_TABLE, table)


def table_picture(table: str) -> Finding:
    """A table printed as a picture that could not be read: said as unreadable, not left to
    pass for rows that were not found."""
    return _table_warning("parse.table_picture", messages.TABLE_PICTURE, table)


def _table_warning(rule: str, message: str, table: str) -> Finding:
    return Finding(
        rule=rule,
        severity="warning",
        row=table,
        message=message.format(table=messages.TABLE_NAMES[table]),
    )
