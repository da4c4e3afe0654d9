"""A block of table 二 whose last columns were printed apart from the others (issue 13).

pdftotext's default mode prints LibreOffice's table 二 block 第二十条第（一）项 (规章 and
行政规范性文件 under 本年制发件数, 本年废止件数, 现行有效件数) as two runs: the first columns'
names and their numbers (one block of cells, read line by line: row by row), and further on
the last column's name alone with that column's numbers. Each run's names say which columns
it holds and its numbers fill them for the block's rows exactly, so the two runs are joined
back into the block's rows. Which row a number of the first run belongs to rests on
poppler's line order alone, which table 二 has no rule to check: the block's rows are
flagged as placed by order.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence

from gongkai import catalog, messages
from gongkai.model import Finding
from gongkai.readers.tables import unproven_finding
from gongkai.readers.tokens import NUMBER, Segment


def rejoined(
    segments: Sequence[Segment], template: catalog.TemplateId
) -> tuple[list[Segment], list[Finding]]:
    """The segments with every block printed in two runs joined back, and a warning on
    each row of such a block."""
    out, findings = list(segments), []
    blocks = itertools.groupby(catalog.ACTIVE_ROWS[template], key=lambda row: row.block)
    for _, grouped in blocks:
        rows = list(grouped)
        joined = _rejoined_block(out, rows)
        if joined is not None:
            out, line = joined
            findings += [_placed_by_order(row, line) for row in rows]
    return out, findings


def _rejoined_block(
    segments: list[Segment], rows: list[catalog.ActiveRow]
) -> tuple[list[Segment], int] | None:
    """`segments` with `rows`' block joined back from two runs, and the line of its first
    number; None when it is not printed that way."""
    names = [_plain(f.label) for f in rows[0].fields]
    for split in range(1, len(names)):
        head, tail = names[:split], names[split:]
        first = _run(segments, head, len(rows), ends=True)
        if first is None:
            continue
        second = _run(segments[first + 1 :], tail, len(rows), ends=False)
        if second is None:
            continue
        second += first + 1
        a, b = segments[first], segments[second]
        per_a, per_b = len(head), len(tail)
        cells = [
            cell
            for r in range(len(rows))
            for cell in a.cells[r * per_a : (r + 1) * per_a] + b.cells[r * per_b : (r + 1) * per_b]
        ]
        joined = Segment(labels=a.labels + b.labels, cells=cells)
        rest = segments[first + 1 : second] + segments[second + 1 :]
        return [*segments[:first], joined, *rest], cells[0].line
    return None


def _run(segments: Sequence[Segment], names: list[str], rows: int, ends: bool) -> int | None:
    """The index of the one segment whose labels end with `names` (`ends`) or are exactly
    `names`, and whose cells are numbers filling those columns for `rows` rows."""
    found = [
        i
        for i, segment in enumerate(segments)
        if _named(segment, names, ends)
        and len(segment.cells) == rows * len(names)
        and all(cell.kind == NUMBER for cell in segment.cells)
    ]
    return found[0] if len(found) == 1 else None


def _named(segment: Segment, names: list[str], ends: bool) -> bool:
    labels = [_plain(t.text) for t in segment.labels]
    if not ends:
        return labels == names
    return len(labels) > len(names) and labels[-len(names) :] == names


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def _placed_by_order(row: catalog.ActiveRow, line: int) -> Finding:
    return unproven_finding(messages.COLUMN_APART_ACTIVE, f"表二「{row.label}」", row.id, line)
