"""HTML pages to text: tables as grids (rowspan/colspan resolved), the rest as paragraphs.

Government sites often wrap the report in layout tables; only tables that hold no
other table are read as grids, the outer ones are unwrapped like blocks.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import Grid, SpanCell, blocks_to_text, spans_to_grid
from gongkai.readers.decode import bytes_to_text

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "blockquote",
        "table",
        "caption",
    ]
)
_SKIP = frozenset({"script", "style", "noscript", "head", "title", "template"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def html_to_text(data: bytes) -> tuple[str, str]:
    """The page as text ready for the text reader, and the encoding that was used."""
    text, encoding = _decode(data)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableInput(messages.BAD_HTML.format(detail=exc)) from exc
    blocks: list[str | Grid] = []
    _walk(root, blocks, [])
    return blocks_to_text(blocks), encoding


def _decode(data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030") else name
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return bytes_to_text(data)


def _walk(element: etree._Element, blocks: list[str | Grid], line: list[str]) -> None:
    """Depth-first: text into the current line, blocks and tables end it."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        _tail(element, line)
        return
    if tag == "table" and next(element.iterdescendants("table"), None) is None:
        _flush(blocks, line)
        blocks.append(table_to_grid(element))
        _tail(element, line)
        return
    if tag in _BLOCKS:
        _flush(blocks, line)
    if element.text and tag:
        line.append(element.text)
    for child in element:
        _walk(child, blocks, line)
    if tag in _BLOCKS:
        _flush(blocks, line)
    _tail(element, line)


def _tail(element: etree._Element, line: list[str]) -> None:
    if element.tail:
        line.append(element.tail)


def _flush(blocks: list[str | Grid], line: list[str]) -> None:
    text = " ".join("".join(line).split())
    if text:
        blocks.append(text)
    line.clear()


def table_to_grid(table: etree._Element) -> Grid:
    return spans_to_grid([_row_cells(tr) for tr in _table_rows(table)])


def _table_rows(table: etree._Element) -> list[etree._Element]:
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows += [tr for tr in child if tr.tag == "tr"]
    return rows


def _row_cells(tr: etree._Element) -> list[SpanCell]:
    return [
        SpanCell(
            " ".join("".join(str(t) for t in cell.itertext()).split()),
            _span(cell.get("rowspan")),
            _span(cell.get("colspan")),
        )
        for cell in tr
        if cell.tag in ("td", "th")
    ]


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1
