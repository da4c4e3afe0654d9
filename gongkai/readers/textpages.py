"""Pages of a text with form feeds (pdftotext prints one between pages): the page of each
line, and the numbers that table 四's page rules out as its cells (issue 13).

Normalising turns each form feed into a line end (`normalize.normalize_text`), so a line of
the normalised text keeps its page only through its number, which this maps back.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.readers import align
from gongkai.readers.provenance import LINE_BREAK
from gongkai.readers.tokens import NUMBER, Segment, Token

# Words of table 四's last header row (结果维持, 结果纠正, 尚未审结), which no other row of the
# template prints; pdftotext's default mode may print them in pieces (结果 / 维持).
_APPEAL_FIELD_WORDS = ("维持", "纠正", "尚未", "审结")
_HEADER_CELL_CHARS = 4  # 「结果维持」: longer labels are prose, which may use the same words


def line_pages(original: str) -> list[int]:
    """The page (from 1) of each line of `original` as normalised: index `line - 1`."""
    pages = [1]
    for separator in LINE_BREAK.findall(original):
        pages.append(pages[-1] + (separator == "\f"))
    return pages


def page_of(line: int, pages: Sequence[int]) -> int:
    """The page of a line of the normalised text (the last page past the end)."""
    return pages[min(line, len(pages)) - 1]


def appeal_cells_below_header(segments: list[Segment], pages: Sequence[int]) -> list[Segment]:
    """Table 四's segments without the numbers printed on a page before the one where its
    last header row starts: its one data row prints below that row, so such a number is
    another table's (table 三's last 总计 printed after its page's footer, WeasyPrint)."""
    header = next((t for s in segments for t in s.labels if appeal_field_header(t.text)), None)
    if header is None or len(set(pages)) < 2:
        return segments
    first_page = page_of(header.line, pages)
    return [
        Segment(s.labels, [c for c in s.cells if not _above(c, first_page, pages)])
        for s in segments
    ]


def appeal_field_header(words: str) -> bool:
    """The words are (a piece of) a cell of table 四's last header row."""
    text = align.normalize_label(words)
    return len(text) <= _HEADER_CELL_CHARS and any(w in text for w in _APPEAL_FIELD_WORDS)


def _above(cell: Token, first_page: int, pages: Sequence[int]) -> bool:
    return cell.kind == NUMBER and page_of(cell.line, pages) < first_page
