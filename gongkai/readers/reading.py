"""A source as the reader read it: the report, and the stages the report was made from.

The report's cells carry where they were printed (`provenance`); the reading also keeps
what the format's reader found on each page before the text reader chose among it: the
tables (each cell's box) and the text outside them (each word's box). Pictures of a reading
(`readers.debug`) are drawn from these and from the report's own provenance and findings,
never from a second pass over the file, so they show exactly what the report rests on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.cells import cell_parts
from gongkai.confidence import marked_rows
from gongkai.grid import Block, TracedGrid, TracedLine
from gongkai.model import Report

Box4 = tuple[float, float, float, float]  # left, top, right, bottom: points, upright page


@dataclass(frozen=True)
class Table:
    """A table found on a page: the boxes of its cells (merged cells once)."""

    page: int
    cells: tuple[Box4, ...]

    @property
    def box(self) -> Box4:
        return (
            min(c[0] for c in self.cells),
            min(c[1] for c in self.cells),
            max(c[2] for c in self.cells),
            max(c[3] for c in self.cells),
        )


@dataclass(frozen=True)
class Word:
    """A piece of text found outside the tables of a page."""

    page: int
    box: Box4


@dataclass(frozen=True)
class Reading:
    """The report and the page stages it was read from (none for formats without pages)."""

    report: Report
    tables: tuple[Table, ...] = ()
    words: tuple[Word, ...] = ()

    def cells_on(self, page: int) -> dict[str, Box4]:
        """The report's cells printed on `page`, each with its box."""
        return {
            name: where["box"]
            for name, where in (self.report.provenance or {}).items()
            if where.get("page") == page and "box" in where
        }

    def row_marks(self) -> dict[str, str]:
        """Each cell's row as the reading holds it, where it is not plain: `flagged` (a
        doubt on it) or `repaired` (a rule chose its one reading), by cell name."""
        flagged, repaired = marked_rows(self.report)
        marks = {}
        for name in self.report.provenance or {}:
            part, row, _ = cell_parts(name)
            row = "appeals" if part == "appeals" else row
            if row in flagged or row in repaired:
                marks[name] = "flagged" if row in flagged else "repaired"
        return marks


def page_stages(blocks: Iterable[Block]) -> tuple[tuple[Table, ...], tuple[Word, ...]]:
    """The tables and words of a paged source's blocks (those whose origins have boxes)."""
    tables: list[Table] = []
    words: list[Word] = []
    for block in blocks:
        if isinstance(block, TracedGrid):
            origins = [o for row in block.origins for o in row if o and o.box and o.page]
            if origins:
                tables.append(Table(origins[0].page or 0, tuple(o.box for o in origins if o.box)))
        elif isinstance(block, TracedLine):
            words += [Word(o.page, o.box) for _, _, o in block.spans if o.box and o.page]
    return tuple(tables), tuple(words)
