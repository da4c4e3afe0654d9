"""A figure printed once in a cell merged over several columns of a row, or over rows.

Agencies merge two neighbouring cells of a row that print the same figure (Word's 合并单元格
over 「3」「3」 leaves one cell and one 「3」). The format readers mark the columns such a cell
covers past its first (`grid.SPANNED`, a token's `spanned`), so the row's cells still stand
one to a column. The figure may stand in each column it covers (equal figures merged) or in
one of them, the others blank: the row's own rule decides where exactly one reading holds.
A cell merged over rows (Excel's 合并后居中, a rowspan) holds its figure in each row it
covers (`grid.GOES_DOWN`, `grid.FROM_ABOVE`, a token's `down`); in each, the figure may
also be another row's alone, the row's columns under it blank: each row's rule decides.
For 0 every reading gives the same sums, and 0 in each column is what was printed. Where the
rule proves none or several, the readings it allows (all, if none) are kept, equal figures
first, for the table's column rules to choose among, and the row is said to be in doubt.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai import messages
from gongkai.model import Finding
from gongkai.readers.repair import Cells, Readings, Rule, holds
from gongkai.readers.tokens import NUMBER, Token, token_value

# Readings of one group of merged cells (those a rule ties together) weighed; past it,
# equal figures alone, in doubt.
_MAX_READINGS = 64
# Readings of a whole row kept for the table's column rules to choose among.
_MAX_KEPT = 64


@dataclass(frozen=True)
class Merged:
    """A merged figure cell: its first column, the columns it covers, its figure, and
    whether it covers other rows too (the figure may be theirs alone)."""

    first: int
    columns: int
    value: int
    down: bool = False
    cut: bool = False  # not proven merged: the row stands as printed where its rule holds
    blank_first: bool = False  # ... printed blank in this row (`Token`)


@dataclass(frozen=True)
class Doubt:
    """A merged cell whose reading the rules did not prove, and why: `ruled` where the
    rules hold for more than one reading (False: no rule touches the cell), `equal` where
    equal figures are one of them (False: the figure stands in one column, which unknown)."""

    cell: Merged
    ruled: bool
    equal: bool


@dataclass(frozen=True)
class SpannedRow:
    readings: list[Cells]  # equal figures first
    doubts: tuple[Doubt, ...]  # the merged cells the rules did not prove

    def readings_of(self) -> Readings:
        """As the tables' readers keep readings: none repaired, as many cells as printed."""
        return Readings(self.readings, len(self.readings[0]), repaired=False)


def spanned_row(
    tokens: Sequence[Token],
    size: int,
    rules: Sequence[Rule],
    other: Sequence[Token] = (),
) -> SpannedRow | None:
    """The readings of a row of `size` cells in which a merged cell prints one figure; None
    where no cell is merged (or the row has not one token a column). Merged cells no rule
    ties together are weighed apart (table 四's three groups); where no reading of a group
    holds, it is read as equal figures, proven: the checks then report the broken rule.
    `other`: the tokens of the row across the page break from this one, where it has one,
    whose cells cut with this row's are weighed with them (`_with_other`)."""
    merged = merged_cells(tokens) if len(tokens) == size else ()
    if not merged:
        return None
    values = [token_value(t) for t in tokens]
    across = _cut_pairs(merged, other, size)
    groups = [
        _with_other(values, group, rules, across)
        if across and all(cell.first in across[1] for cell in group)
        else _weighed(values, group, rules)
        for group in _tied(merged, rules)
    ]
    kept = list(itertools.islice(itertools.product(*(held for held, _ in groups)), _MAX_KEPT))
    readings = [_reading(values, merged, _in_order(merged, choice)) for choice in kept]
    return SpannedRow(readings, tuple(d for _, doubts in groups for d in doubts))


_Group = tuple[Merged, ...]
_Placed = dict[Merged, tuple[int | None, ...]]


def _tied(merged: tuple[Merged, ...], rules: Sequence[Rule]) -> list[_Group]:
    """The merged cells in groups: two are in one where a rule touches both."""
    groups: list[tuple[set[int], list[Merged]]] = []
    for cell in merged:
        touched = {k for parts, total in _touching(cell, rules) for k in (*parts, total)}
        joined = [g for g in groups if g[0] & touched]
        for g in joined:
            groups.remove(g)
            touched |= g[0]
        groups.append((touched, [c for g in joined for c in g[1]] + [cell]))
    return [tuple(cells) for _, cells in groups]


def _touching(cell: Merged, rules: Sequence[Rule]) -> list[Rule]:
    covered = set(range(cell.first, cell.first + cell.columns))
    return [rule for rule in rules if covered & {*rule[0], rule[1]}]


def _weighed(
    values: list[int | None], group: _Group, rules: Sequence[Rule]
) -> tuple[list[_Placed], list[Doubt]]:
    """The placements of a group's figures the rules touching it allow (equal figures
    first), and the group's cells in doubt."""
    touching = [rule for cell in group for rule in _touching(cell, rules)]
    choices = [_placements(cell) for cell in group]
    equal: _Placed = {cell: placements[0] for cell, placements in zip(group, choices)}
    if all(cell.cut for cell in group) and (not touching or _proven(values, equal, touching)):
        return [equal], []  # as printed, which a rule proves or none can disprove
    if math.prod(len(placements) for placements in choices) > _MAX_READINGS:
        return [equal], [Doubt(cell, bool(touching), True) for cell in group if cell.value]
    options = [dict(zip(group, placed, strict=True)) for placed in itertools.product(*choices)]
    held = [
        p
        for p in options
        if holds(_reading(values, group, list(p.values())), touching)
        and not _blank_total(p, touching)
    ]
    if len(held) <= 1:
        return held or [equal], []
    doubts = [
        Doubt(cell, bool(touching), any(p[cell] == equal[cell] for p in held))
        for cell in group
        if len({p[cell] for p in held}) > 1
    ]
    return held, doubts


_Across = tuple[list[int | None], dict[int, Merged]]


def _cut_pairs(merged: tuple[Merged, ...], other: Sequence[Token], size: int) -> _Across | None:
    """The other row's values and its cut cells by column, where a cut cell of this row
    has its part there (the figure printed in one row, blank in the other); None where
    none has."""
    theirs = {c.first: c for c in merged_cells(other) if c.cut} if len(other) == size else {}
    pairs = {
        cell.first: theirs[cell.first]
        for cell in merged
        if cell.cut
        and cell.columns == 1
        and cell.first in theirs
        and theirs[cell.first].columns == 1
        and theirs[cell.first].value == cell.value
        and theirs[cell.first].blank_first != cell.blank_first
    }
    return ([token_value(t) for t in other], pairs) if pairs else None


def _with_other(
    values: list[int | None], group: _Group, rules: Sequence[Rule], across: _Across
) -> tuple[list[_Placed], list[Doubt]]:
    """A group of cut cells weighed with their parts in the row across the page break: the
    figure in the row it is printed in, in both (the merged cell LibreOffice cuts), or in
    the other alone, never in neither. A reading both rows' rules single out is taken; else
    this row stands as printed (where none holds, the rules' errors are reported as
    printed), in doubt where a reading of both rows that differs from it holds too."""
    others, pairs = across
    touching = [rule for cell in group for rule in _touching(cell, rules)]
    printed: _Placed = {cell: _figure_if(cell, not cell.blank_first) for cell in group}
    if not touching:
        return [printed], []  # no rule to weigh it by: as printed, as any table prints it
    theirs = [pairs[cell.first] for cell in group]
    held: list[_Placed] = []
    for lands in itertools.product(*(_cut_landings(cell) for cell in group)):
        mine = {cell: _figure_if(cell, here) for cell, (here, _) in zip(group, lands)}
        other = [_figure_if(cell, there) for cell, (_, there) in zip(theirs, lands)]
        both = _reading(values, group, list(mine.values())), _reading(others, theirs, other)
        if all(holds(reading, touching) for reading in both) and mine not in held:
            held.append(mine)
    if len(held) <= 1:
        return held or [printed], []  # one singled out, or none: the errors as printed
    doubts = [Doubt(cell, True, False) for cell in group if len({p[cell] for p in held}) > 1]
    return [printed, *(p for p in held if p != printed)], doubts


def _cut_landings(cell: Merged) -> list[tuple[bool, bool]]:
    """Whether a cut figure stands in this row and in the other: as printed, in both, or
    in the other alone (never in neither: it is printed once, and stands somewhere)."""
    here = not cell.blank_first
    return [(here, not here), (True, True), (not here, here)]


def _figure_if(cell: Merged, here: bool) -> tuple[int | None, ...]:
    return (cell.value if here else None,) * cell.columns


def _proven(values: list[int | None], placed: _Placed, rules: Sequence[Rule]) -> bool:
    """Whether the rules, one at least, hold for the placement (and not by its blanks)."""
    reading = _reading(values, list(placed), list(placed.values()))
    return bool(rules) and holds(reading, rules) and not _blank_total(placed, rules)


def _blank_total(placed: _Placed, rules: Sequence[Rule]) -> bool:
    """Whether a placement leaves blank a total its merged cell covers. A figure merged
    over one group's 总计 and the next group's first column, read in the latter alone,
    leaves the 总计 blank, 0, and equal to parts of 0: the rule holds by the placement
    alone, not by anything printed, and proves nothing (the group's error would vanish).
    A cell merged over rows read as another row's alone is another matter: it leaves this
    row's total as printed, blank, its parts proving it."""
    blank = {
        cell.first + k
        for cell, figures in placed.items()
        if not (cell.down and all(figure is None for figure in figures))
        for k, figure in enumerate(figures)
        if figure is None
    }
    return any(total in blank for _, total in rules)


def _in_order(
    merged: tuple[Merged, ...], choice: tuple[_Placed, ...]
) -> list[tuple[int | None, ...]]:
    placed = {cell: figures for group in choice for cell, figures in group.items()}
    return [placed[cell] for cell in merged]


def merged_cells(tokens: Sequence[Token]) -> tuple[Merged, ...]:
    """The figures followed by the positions their merged cell covers."""
    found = []
    for at, token in enumerate(tokens):
        value = token_value(token)
        if token.kind != NUMBER or value is None:
            continue
        covered = sum(1 for _ in itertools.takewhile(lambda t: t.spanned, tokens[at + 1 :]))
        if covered or token.down:
            cell = Merged(at, covered + 1, value, token.down, token.cut, token.blank_first)
            found.append(cell)
    return tuple(found)


def _reading(
    values: list[int | None], merged: Sequence[Merged], placed: Sequence[tuple[int | None, ...]]
) -> Cells:
    """The row's cells with each merged cell's figure placed as `placed` says."""
    cells = list(values)
    for cell, figures in zip(merged, placed, strict=True):
        cells[cell.first : cell.first + cell.columns] = figures
    return tuple(cells)


def _placements(cell: Merged) -> list[tuple[int | None, ...]]:
    """The figure in each column the cell covers, then in one of them alone, then (a cell
    over rows) in none, another row's; 0 only the first way (the sums are the same, and
    0 is as right for a blank). A cell not proven merged (`cut`) reads first as printed,
    the reading kept where the rule proves none or several: printed blank in this row, the
    figure is the other's alone or both rows'; printed here, it stays here where the row
    across the break is not there to weigh it with (`_with_other`): a cut figure lands in
    one row at least, its rule's error reported where it fails."""
    equal = (cell.value,) * cell.columns
    if cell.value == 0:
        return [equal]
    if cell.blank_first:
        return [(None,) * cell.columns, equal]
    alone = [
        tuple(cell.value if k == j else None for k in range(cell.columns))
        for j in range(cell.columns)
        if cell.columns > 1
    ]
    none = [(None,) * cell.columns] if cell.down and not cell.cut else []
    return [equal, *alone, *none]


def merged_findings(
    spanned: SpannedRow, where: str, row: str, cells: Cells, labels: Sequence[str], line: int
) -> list[Finding]:
    """A `parse.merged_cell` warning on `row` for each merged cell the rules did not prove,
    saying how it was read (`cells`, `labels` one per cell)."""
    return [
        Finding(
            rule="parse.merged_cell",
            severity="warning",
            row=row,
            message=_message(where, doubt, cells, labels),
            line=line or None,
        )
        for doubt in spanned.doubts
    ]


def _message(where: str, doubt: Doubt, cells: Cells, labels: Sequence[str]) -> str:
    merged = doubt.cell
    covered = range(merged.first, merged.first + merged.columns)
    named = "、".join(f"「{labels[k]}」" for k in covered)
    standing = [k for k in covered if cells[k] is not None]
    if not standing:
        how = messages.MERGED_DOWN_NONE
    elif len(standing) == merged.columns:
        equal = messages.MERGED_EQUAL if merged.columns > 1 else messages.MERGED_DOWN_ROW
        how = equal.format(value=merged.value)
    else:
        how = messages.MERGED_ALONE.format(column=labels[standing[0]], value=merged.value)
    if merged.cut:
        other = messages.MERGED_CUT_ABOVE if merged.blank_first else messages.MERGED_CUT_BELOW
        return messages.MERGED_CUT.format(
            where=where, columns=named, other=other, value=merged.value, how=how
        )
    if merged.down:
        unknown = messages.MERGED_DOWN_EITHER if doubt.ruled else messages.MERGED_DOWN_UNRULED
        return messages.MERGED_DOWN.format(
            where=where, columns=named, value=merged.value, unknown=unknown, how=how
        )
    if not doubt.ruled:
        unknown = messages.MERGED_UNRULED.format(value=merged.value)
    elif doubt.equal:
        unknown = messages.MERGED_EITHER.format(value=merged.value)
    else:
        unknown = messages.MERGED_WHICH
    return messages.MERGED_CELL.format(
        where=where,
        columns=named,
        count=_COUNTS.get(merged.columns, merged.columns),
        value=merged.value,
        unknown=unknown,
        how=how,
    )


_COUNTS = dict(enumerate("〇一两三四五六七八九十", start=0))
