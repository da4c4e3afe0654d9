"""Tables shown as pictures: a region of the text that shows a picture's mark where its
table should be, and none of the document's tables.

A web page or a Word document with a table pasted as a picture leaves the mark
(`grid.PICTURE`) where it shows it; when the picture is read (`embedded`), its lines follow
the mark, traced to it. A region whose lines come from no table of the document and no
picture read holds at most prose: the sentences around the picture (「全年共受理…792件（含上年
结转9件）」), whose figures are no row of the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai.grid import PICTURE, Origin, SourceMap
from gongkai.readers.regions import Region

_ROW_FIGURES = 3  # figures a row of a table prints at least (table 二's rows: three)
_BARE_FIGURE = re.compile(r"\d[\d,.]*")


def shown_as_picture(region: Region | None, source_map: SourceMap) -> bool:
    """Whether `region` shows a picture and none of its lines was printed in a table of the
    document or read from a picture."""
    if region is None or PICTURE not in region.text:
        return False
    last = region.first_line + region.text.rstrip("\n").count("\n")
    return not any(
        _tabled(origin)
        for line in range(region.first_line, last + 1)
        for *_, origin in source_map.get(line, [])
    )


def _tabled(origin: Origin) -> bool:
    return origin.table is not None or origin.picture is not None


def holds_a_row(pieces: Iterable[str]) -> bool:
    """Whether the text pieces (cells, lines) hold figures standing apart as a row's cells
    do, three at least: a frame's or a photo's caption (「2023年度申请情况」「2023年5月15日」)
    holds none."""
    words = (word for piece in pieces for word in piece.split())
    return sum(_BARE_FIGURE.fullmatch(word) is not None for word in words) >= _ROW_FIGURES
