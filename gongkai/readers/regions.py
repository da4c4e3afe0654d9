"""Normalised text to the regions of the three tables and the narrative around them.

Regions are found by character offset, not by line, because text scraped from
HTML may hold a whole report on one line. Section headings are preferred; the
tables' own header words are the fallback when a heading is missing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from gongkai import catalog


def _spaced(word: str) -> str:
    """A pattern for `word` (as normalised text has it) that allows line breaks and spaces
    between its characters."""
    return r"\s*".join(re.escape(ch) for ch in unicodedata.normalize("NFKC", word))


def _any(words: tuple[str, ...]) -> str:
    return "|".join(_spaced(w) for w in words)


_H2 = re.compile(r"二\s*[、.]?\s*" + _spaced(catalog.TABLE2_HEADING))
_T2 = re.compile(_any(catalog.TABLE2_WORDS))
_H3 = re.compile(r"三\s*[、.]?\s*" + _spaced(catalog.TABLE3_HEADING))
_T3 = re.compile(_any(catalog.TABLE3_WORDS))
# Its header before its first row's words: prose above the table may say 「其中本年新收801件」.
_T3_HEADER = re.compile(_any(catalog.TABLE3_WORDS[:-1]))
_REVIEW, _LITIGATION, _UPHELD = catalog.TABLE4_WORDS
_H4 = re.compile(r"四\s*[、.]\s*(?:政府信息公开|因政府信息公开)?[^\n。]{0,10}" + _REVIEW)
# Table 四 starts at its header (行政复议 then 行政诉讼 or 结果维持 with no figure between),
# not at a sentence before it that names 行政复议 with its figures, nor at one that joins
# the two words (「未发生……行政复议和行政诉讼。」); else at the word.
_T4_HEADER = re.compile(
    _spaced(_REVIEW) + r"[^\d。，,；;和及与、]{0,40}?(?:" + _any((_LITIGATION, _UPHELD)) + ")"
)
_T4 = re.compile(_spaced(_REVIEW))
APPEAL_LABELS = (
    *(g.label for g in catalog.APPEAL_GROUPS),
    *(f.label for f in catalog.APPEAL_FIELDS),
    catalog.LITIGATION_HEADER,
)
_T3_LAST = re.compile(_spaced(catalog.TABLE3_LAST))
_END = re.compile(
    r"[五六]\s*[、.]\s*(?:政府信息公开工作)?(?:存在|主要问题|其他需要报告)|"
    + "|".join(catalog.TABLES_END)
)


# Each table's section heading and the words that open it, in the order reports print them.
_OPENINGS = (
    ("active", (_H2, _T2)),
    ("applications", (_H3, _T3_HEADER)),
    ("appeals", (_H4, _T4_HEADER)),
)
TABLE_ORDER = tuple(name for name, _ in _OPENINGS)


def tables_opened(text: str) -> list[str]:
    """The tables whose heading or opening words `text` holds (a workbook's sheet), in the
    report's order; `text` is NFKC-normalised here, as the patterns are."""
    text = unicodedata.normalize("NFKC", text)
    return [name for name, marks in _OPENINGS if any(m.search(text) for m in marks)]


@dataclass(frozen=True)
class Region:
    text: str
    start: int
    end: int
    first_line: int


@dataclass(frozen=True)
class Regions:
    active: Region | None
    applications: Region | None
    appeals: Region | None
    narrative: str
    narrative_spans: tuple[tuple[int, int], ...]
    # What stands between section 二's heading and table 二's first words: offices print a
    # caption there (「单位：元」) that states the unit of the table's amounts.
    active_caption: str = ""


def text_to_regions(text: str) -> Regions:
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    t2 = _start(text, _H2, (_T2,), 0)
    t3 = _start(text, _H3, (_T3_HEADER, _T3), t2.table if t2 else 0)
    after3 = _search(_T3_LAST, text, t3.table) if t3 is not None else None
    s2, s3 = t2.table if t2 else None, t3.table if t3 else None
    t4 = _start(text, _H4, (_T4_HEADER, _T4), after3.end() if after3 else (s3 or s2 or 0))
    t4 = _with_cells_above(text, t4)
    s4 = t4.table if t4 else None
    end = _table_end(text, s4 if s4 is not None else (s3 or s2 or 0))
    heading = _heading_line(text, end) if s4 is not None else None
    bounds = [b for b in (s2, s3, s4) if b is not None]
    table_start = min(bounds) if bounds else len(text)
    table_end = _table_rest(text, heading[1]) if heading else end if bounds else len(text)

    def region(found: _Start | None, stop: int | None) -> Region | None:
        if found is None:
            return None
        start, stop = found.table, stop if stop is not None else table_end
        line = bisect_right(line_starts, start)
        return Region(text[start:stop], start, stop, line)

    # The prose of a section before its table (三、… 「本年度予以公开50件。」 then the table)
    # is narrative too. It stays in the region of the table before, where rows of that
    # table that fell out of it (markdown from a PDF) are still found by their labels.
    prose = tuple(
        (t.heading, t.table)
        for t in (t3, t4)
        if t is not None and t.heading is not None and table_start < t.heading
    )
    spans = ((0, table_start), *prose, *([heading] if heading else []), (table_end, len(text)))
    return Regions(
        active=region(t2, s3 if s3 is not None else s4),
        applications=region(t3, s4),
        appeals=region(t4, table_end),
        narrative="\n".join(text[start:stop] for start, stop in spans),
        narrative_spans=spans,
        active_caption=_caption(text, t2) if t2 else "",
    )


def _search(pattern: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    return pattern.search(text, start)


@dataclass(frozen=True)
class _Start:
    table: int  # where the table's own words start
    heading: int | None = None  # where its section heading starts, when found before it


def _start(
    text: str, heading: re.Pattern[str], markers: tuple[re.Pattern[str], ...], after: int
) -> _Start | None:
    """Where a table starts: at its table words right after its heading (the first of
    `markers` found near it), else at the heading's end; with no heading, at its words."""
    found = heading.search(text, after)
    if found:
        for marker in markers:
            words = marker.search(text, found.end())
            if words and words.start() - found.end() < 400:
                return _Start(words.start(), found.start())
        return _Start(found.end())
    for marker in markers:
        words = marker.search(text, after)
        if words:
            return _Start(words.start())
    return None


def _caption(text: str, found: _Start) -> str:
    """The text between a table's section heading and its words ('' with no heading found):
    at most the 400 characters `_start` allows there."""
    return text[found.heading : found.table] if found.heading is not None else ""


# Every character of table 四's labels: a line of them only, or of numbers only, is the table's.
_T4_CELL = re.compile(r"[\d\s" + "".join(sorted({c for w in (*APPEAL_LABELS,) for c in w})) + "]+")


def _with_cells_above(text: str, start: _Start | None) -> _Start | None:
    """Table 四 from the first of the lines between its section heading and where its words
    were found that hold only its labels' characters or numbers: pdftotext's default mode
    prints its first header cells and cells (「结果 / 维持 / 2」) before the word 行政复议."""
    if start is None or start.heading is None:
        return start
    line_start = text.rfind("\n", 0, start.table) + 1
    heading_end = text.find("\n", start.heading)
    if text[line_start : start.table].strip() or not 0 <= heading_end < line_start:
        return start
    first = line_start
    for line in reversed(text[heading_end + 1 : line_start - 1].split("\n")):
        if line.strip() and not _T4_CELL.fullmatch(line):
            break
        first -= len(line) + 1
    while first < line_start and not text[first : text.find("\n", first)].strip():
        first = text.find("\n", first) + 1  # the region starts on a line with something
    return _Start(first, start.heading)


def _heading_line(text: str, end: int) -> tuple[int, int] | None:
    """The section heading at `end` (五、…), as (start, end of its line), when table 四 goes on
    below it: pdftotext's default mode prints the heading at the height it shares with
    table 四's last rows, before them."""
    line_end = text.find("\n", end)
    if end >= len(text) or line_end < 0:
        return None
    below = next((line for line in text[line_end + 1 :].split("\n") if line.strip()), "")
    return (end, line_end) if _T4_CELL.fullmatch(below) else None


def _table_rest(text: str, after: int) -> int:
    """Where the lines of table 四's cells below its heading line `after` end: at the
    first line that holds anything else."""
    at = after
    while at < len(text):
        line_end = text.find("\n", at + 1)
        line_end = len(text) if line_end < 0 else line_end
        line = text[at + 1 : line_end]
        if line.strip() and not _T4_CELL.fullmatch(line):
            return at + 1
        at = line_end
    return len(text)


def _table_end(text: str, after: int) -> int:
    found = _END.search(text, after)
    if found:
        return found.start()
    period = text.find("。", after)
    if period < 0:
        return len(text)
    line_start = text.rfind("\n", after, period)
    return line_start + 1 if line_start >= 0 else period
