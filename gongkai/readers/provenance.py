"""Each cell's origin: the text reader's place of its token, traced back to the source.

The text reader knows where in the *normalised* text it took each cell (`readers.trace`).
Normalising keeps lines but may change a line's characters (NFKC, markdown marks), so a
place is first carried back to the text the reader was handed; a text source ends there
(line and character span). A structured format handed that text with a source map (the
page and box, cell address or element path of each piece it emitted), through which the
place reaches the file itself.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, cast

from gongkai.grid import Origin, SourceMap
from gongkai.model import CellSource
from gongkai.readers.trace import At

LINE_BREAK = re.compile("\r\n|[\r\n\f]")


def source_lines(text: str) -> list[str]:
    """The lines of a text as the reader numbers them (a form feed starts a line too)."""
    return LINE_BREAK.split(text)


def cells_provenance(
    sources: Mapping[str, At],
    original: str,
    normalized: str,
    source_map: SourceMap | None = None,
) -> dict[str, CellSource]:
    """Where each cell was printed: in the file when a source map says, else in the text."""
    back = _Lines(source_lines(original), normalized.split("\n"))
    if source_map is None and back.same and original == normalized:
        return {name: _in_text(at) for name, at in sources.items()}  # text read as it came
    found: dict[str, CellSource] = {}
    for name, at in sources.items():
        place = back.carry(at)
        if place is None:
            continue
        if source_map is None:
            found[name] = _in_text(place)
            continue
        origin = _origin(source_map, place)
        if origin is not None:
            found[name] = _in_file(origin)
    return found


class _Lines:
    """Places in the normalised text carried to the same line of the original."""

    def __init__(self, original: list[str], normalized: list[str]) -> None:
        # Crawler text with markup loses its tags line by line: lines are no longer the
        # source's, and nothing is said rather than something wrong.
        self.same = len(original) == len(normalized)
        self.original, self.normalized = original, normalized
        self.maps: dict[int, list[int | None] | None] = {}

    def carry(self, at: At) -> At | None:
        if not self.same or not 1 <= at.line <= len(self.original):
            return None
        if at.start is None or at.end is None:
            return at
        if at.line not in self.maps:
            self.maps[at.line] = _line_map(self.original[at.line - 1], self.normalized[at.line - 1])
        moved = self.maps[at.line]
        if moved is None:
            return at
        start, last = moved[at.start], moved[max(at.start, at.end - 1)]
        if start is None or last is None:
            return At(at.line)
        return At(at.line, start, last + 1 if at.end > at.start else start)


def _line_map(before: str, after: str) -> list[int | None] | None:
    """For each character of the normalised line, its place in the original line (None:
    no original character); None when both have the same length (NFKC folds full-width
    characters one for one, and so does the simplification of traditional characters)."""
    if len(before) == len(after):
        return None
    moved: list[int | None] = [None] * (len(after) + 1)
    matcher = difflib.SequenceMatcher(None, after, before, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for offset in range(size):
            moved[a + offset] = b + offset
    moved[len(after)] = len(before)
    return moved


def _origin(source_map: SourceMap, at: At) -> Origin | None:
    """The origin of the piece of the emitted line the place lies in (or touches, for an
    empty cell); a place without a span has the line's only origin, if it has one."""
    pieces = source_map.get(at.line, [])
    if at.start is None or at.end is None:
        origins = {origin for _, _, origin in pieces}
        return origins.pop() if len(origins) == 1 else None
    for start, end, origin in pieces:
        if start <= at.start and at.end <= end:
            return origin
    for start, end, origin in pieces:
        if start < at.end and at.start < end:
            return origin
    return None


def _in_text(at: At) -> CellSource:
    if at.start is None or at.end is None or at.start == at.end:
        return {"line": at.line}
    return {"line": at.line, "start": at.start, "end": at.end}


def _in_file(origin: Origin) -> CellSource:
    found: dict[str, Any] = {
        "page": origin.page,
        "box": None if origin.box is None else tuple(round(v, 2) for v in origin.box),
        "address": origin.address,
        "path": origin.path,
        "table": origin.table,
        "row": origin.row,
        "column": origin.column,
        "picture": origin.picture,
    }
    return cast(CellSource, {k: v for k, v in found.items() if v is not None})
