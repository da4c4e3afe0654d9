"""Lone numbers at a page's edge that normalising took for page numbers, given back to the
table they sit in when that completes its reading (issue 13).

A page that ends (or begins) on a table's cell printed alone on its line, whose value
happens to count the pages up with the page numbers of the other pages (a first page
ending on 「1」 before 「- 2 -」「- 3 -」), loses that cell to `normalize._drop_page_numbers`.
Print style alone cannot tell the two apart (texts mix 「- 2 -」 and 「2」 page by page), so
the table decides: its region is read again with those numbers kept, and that reading
replaces the usual one only when the usual one leaves a row in doubt or repaired and the
new one reads every row plainly. A real page number kept inside a table is one number too
many for its row, which leaves that row in doubt, so it is not taken for a cell this way.
"""

from __future__ import annotations

from collections.abc import Callable

from gongkai.checks import READING_DOUBTS
from gongkai.readers.regions import Region
from gongkai.readers.tables import TableResult
from gongkai.readers.tokens import Segment

_NOT_PLAIN = READING_DOUBTS | {"parse.repaired_row"}


def with_page_cells(region: Region | None, text: str, kept: str) -> Region | None:
    """`region` of the normalised `text` with the lines that `kept` (the same text
    normalised without dropping page numbers) prints otherwise, or None when they are
    the same there."""
    if region is None or kept == text:
        return None
    lines = region.text.split("\n")
    span = slice(region.first_line - 1, region.first_line - 1 + len(lines))
    theirs = kept.split("\n")[span]
    changed = [i for i, (a, b) in enumerate(zip(text.split("\n")[span], theirs)) if a != b]
    if not changed:
        return None
    for i in changed:
        lines[i] = theirs[i]
    return Region("\n".join(lines), region.start, region.end, region.first_line)


def plain(result: TableResult) -> bool:
    """Every row read from the layout: none in doubt, none fixed by the rules."""
    return not result.doubtful and not any(f.rule in _NOT_PLAIN for f in result.findings)


Reading = tuple[list[Segment], TableResult]


def better_reading(
    usual: Reading, region: Region | None, read: Callable[[Region], Reading]
) -> Reading:
    """The usual reading, or that of `region` (the table with its edge numbers kept,
    `with_page_cells`) where the usual one is not plain and that one is."""
    if region is None or plain(usual[1]):
        return usual
    again = read(region)
    return again if plain(again[1]) else usual
