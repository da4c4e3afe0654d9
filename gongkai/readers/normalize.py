"""Text to normalised text, line for line (line numbers stay those of the source).

NFKC folds full-width brackets, colons and digits; traditional characters (and
Taiwan wording such as 資訊/檔案) become simplified; markdown emphasis and page
furniture (page numbers, 第N页 共M页) are blanked out.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata

import opencc

from gongkai.readers.pipetables import is_rule, restore_pipe_tables

_TRADITIONAL = re.compile("[開請與資機關數處結總計護國條報務門書檔計訴複議維糾審實據]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MARKDOWN = re.compile(r"\*\*|__|^\s{0,3}#{1,6}\s+|^\s{0,3}>\s?", re.MULTILINE)
# Both matched on stripped lines: `^\s*[-—–]?\s*` takes quadratic time on a line of spaces.
_PAGE_FURNITURE = re.compile(
    r"(?:[-—–]\s*\d{1,3}\s*[-—–]"
    r"|第\s*\d{1,3}\s*页(?:\s*[,/，]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*/\s*\d{1,3}"
    r"|page\s*\d{1,3}(?:\s*of\s*\d{1,3})?)",
    re.IGNORECASE,
)
_BARE_INT = re.compile(r"[-—–]?\s*(\d{1,3})\s*[-—–]?")


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("tw2sp")


# Circled item numbers (①属于国家秘密) would become bare digits under NFKC: make them "1.".
_CIRCLED = str.maketrans({chr(0x2460 + i): f"{i + 1}." for i in range(20)})
_CIRCLED_CHARS = re.compile("[\u2460-\u2473]")
_HTML_HINT = re.compile(r"<(?:td|th|tr|br|p|div|span)\b|&(?:nbsp|amp|lt|gt|#\d+);", re.I)
_HTML_LAST_CELL = re.compile(r"</t[dh]\s*>\s*</tr\s*>", re.I)
_HTML_CELL_END = re.compile(r"</t[dh]\s*>", re.I)
_HTML_ROW_END = re.compile(r"</tr\s*>|<br\s*/?>|</p\s*>|</div\s*>", re.I)
_HTML_TAG = re.compile(r"<[^<>\n]{0,200}>")


def normalize_text(text: str, page_numbers: bool = True) -> str:
    """The text with the same number of lines, ready for the table readers; bare numbers
    counting the pages up at their edges are blanked unless `page_numbers` is false (such
    a number may be a table's cell: `readers/pagecells.py` asks the table)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = restore_pipe_tables(text)
    if _HTML_HINT.search(text):
        text = _strip_html(text)
    if _CIRCLED_CHARS.search(text):
        text = text.translate(_CIRCLED)
    pages = text.split("\f")
    if len(pages) > 2 and page_numbers:
        pages = _drop_page_numbers(pages)
    text = "\n".join(pages)
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    if _TRADITIONAL.search(text):
        text = _converter().convert(text)
    text = _MARKDOWN.sub("", text)
    lines = text.split("\n")
    return "\n".join("" if _is_furniture(line) else line for line in lines)


def _strip_html(text: str) -> str:
    """What crawlers leave of HTML: cell ends become tabs, row ends new lines."""
    text = _HTML_LAST_CELL.sub("\n", text)
    text = _HTML_CELL_END.sub("\t", text)
    text = _HTML_ROW_END.sub("\n", text)
    return html.unescape(_HTML_TAG.sub("", text))


def _is_furniture(line: str) -> bool:
    return bool(_PAGE_FURNITURE.fullmatch(line.strip())) or is_rule(line)


def _drop_page_numbers(pages: list[str]) -> list[str]:
    """Blank bare numbers at the foot (or head) of pages when they count the pages up."""
    for position in (-1, 0):
        numbers = [_edge_number(page, position) for page in pages]
        found = [(i, n) for i, n in enumerate(numbers) if n is not None]
        counting = all(b - a == j - i for (i, a), (j, b) in itertools.pairwise(found))
        if counting and len(found) >= max(2, (len(pages) - 1) // 2):
            pages = [
                _blank_edge(page, position) if numbers[i] is not None else page
                for i, page in enumerate(pages)
            ]
    return pages


def _edge_lines(page: str, position: int) -> tuple[list[str], int | None]:
    lines = page.split("\n")
    order = range(len(lines) - 1, -1, -1) if position == -1 else range(len(lines))
    for index in order:
        if lines[index].strip():
            return lines, index
    return lines, None


def _edge_number(page: str, position: int) -> int | None:
    lines, index = _edge_lines(page, position)
    if index is None:
        return None
    match = _BARE_INT.fullmatch(lines[index].strip())
    return int(match.group(1)) if match else None


def _blank_edge(page: str, position: int) -> str:
    lines, index = _edge_lines(page, position)
    if index is not None:
        lines[index] = ""
    return "\n".join(lines)
