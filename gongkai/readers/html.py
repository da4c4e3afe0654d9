"""HTML pages to text: tables as grids (rowspan/colspan resolved), the rest as paragraphs.

Government sites often wrap the report in layout tables; only tables that hold no
other table are read as grids, the outer ones are unwrapped like blocks. What a browser
shows is read: elements hidden by their style (`display:none`) or the `hidden` attribute
are left out, and so is text deleted under Word's revision marks (`<del>`), struck out
(`<s>`, `<strike>`, `line-through`) or raised as a footnote's mark (`<sup>`); a picture
(`<img>`) leaves a mark (`grid.PICTURE`) and, when the file holds it (a `data:` URI, or a
part of a web archive), its bytes go to `embedded`: a table pasted as one is read from it
by OCR, or said to be unreadable rather than read as empty. A web archive (MHTML, `.mht`)
is read as its page, its pictures from its other parts.
"""

from __future__ import annotations

import base64
import binascii
import collections
import email
import email.message
import email.policy
import itertools
import re
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import (
    PICTURE,
    Block,
    Origin,
    SourceMap,
    SpanCell,
    TracedGrid,
    blocks_to_traced,
    spans_to_traced,
    unmarked,
)
from gongkai.model import Finding
from gongkai.readers.decode import bytes_to_text
from gongkai.readers.detect import MHTML
from gongkai.readers.embedded import Embedded, with_pictures_read
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.pictured import holds_a_row

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
# Not read: no text, text deleted under revision marks or struck out (an old figure left
# before the new one), and a footnote's mark raised after a figure (「12<sup>1</sup>」), whose
# digits would join the figure's.
_SKIP = frozenset(
    {"script", "style", "noscript", "head", "title", "template", "del", "s", "strike", "sup"}
)
_NOT_DISPLAYED = re.compile(r"display\s*:\s*none", re.I)
_STRUCK = re.compile(r"text-decoration(?:-line)?\s*:[^;]*line-through", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
# Declared charsets that are honoured; any other name falls back to detection (Python
# knows codecs, such as punycode, that no page uses and that decode slowly).
_CHARSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "big5": "big5",
    "big5-hkscs": "big5hkscs",
    "utf-16": "utf-16",
    "iso-8859-1": "iso-8859-1",
    "windows-1252": "windows-1252",
    "us-ascii": "ascii",
    "ascii": "ascii",
}


_DATA_URI = re.compile(r"data:image/[\w.+-]+;base64,", re.I)
_CSS_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*([\d.]+)\s*(px|pt)", re.I)
_CSS_INCH = {"px": 96.0, "pt": 72.0}


def html_to_text(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[str, str]:
    """The page as text ready for the text reader, and the encoding that was used."""
    text, encoding, _, _ = html_to_traced(data, limits)
    return unmarked(text), encoding


def html_to_traced(
    data: bytes, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, str, SourceMap, list[Finding]]:
    """html_to_text, the element path (or picture and box) of each table cell in the text,
    and a note on each picture whose table was read by OCR."""
    blocks, encoding, pictures = html_to_blocks(data, limits)
    blocks, notes = with_pictures_read(blocks, pictures, limits)
    text, found = blocks_to_traced(blocks)
    return text, encoding, found, notes


def html_to_blocks(
    data: bytes, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Block], str, list[Embedded]]:
    """The page's lines and tables in order, the encoding that was used, and the pictures
    it shows (one for each PICTURE mark among the blocks)."""
    page = _Page(limits)
    text, encoding = _decode(data, page)
    with library_errors(messages.BAD_HTML):
        root = lxml.html.document_fromstring(text)
    limits.check("depth", _depth(root))
    _walk(root, page.blocks, [], page)
    return page.blocks, encoding, page.pictures


@dataclass
class _Page:
    """What a walk through the page gathers and needs: the blocks read so far, the limits,
    the numbers of the tables read as grids, the pictures shown, and those a web archive
    holds (by their address, resolved against the page's `base`)."""

    limits: Limits
    blocks: list[Block] = field(default_factory=list)
    numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    pictures: list[Embedded] = field(default_factory=list)
    parts: Mapping[str, bytes] = field(default_factory=dict)
    base: str = ""
    paths: dict[etree._Element, str] = field(default_factory=dict)

    def path(self, element: etree._Element) -> str:
        """The element's path as lxml's `getpath` gives it. Each ancestor's children are
        counted once, in one pass, and kept: getpath counts the earlier siblings of each
        ancestor anew, so 20 000 small tables side by side took seconds. Only the children
        of an asked element's ancestors are kept, not every element's path: a page at the
        size limit has some 700 000 elements, most of them nested in no table (a page of
        700 000 paragraphs straight under its body still keeps each one's)."""
        above: list[etree._Element] = []
        node = element
        while node not in self.paths:
            parent = node.getparent()
            if parent is None:
                self.paths[node] = node.getroottree().getpath(node)
                break
            above.append(parent)
            node = parent
        for parent in reversed(above):
            self.paths.update(zip(parent, _child_paths(parent, self.paths[parent])))
        return self.paths[element]

    def picture(self, img: etree._Element) -> Embedded:
        """The picture an `<img>` shows, if the file holds it, and its width as shown."""
        source = (img.get("src") or "").strip()
        data = _data_uri(source)
        if data is None and self.parts:
            data = self.parts.get(urllib.parse.urljoin(self.base, source))
            data = data if data is not None else self.parts.get(source)
        return Embedded(data, _shown_inches(img))


def _data_uri(source: str) -> bytes | None:
    """The bytes of a picture kept in the page (`data:image/png;base64,…`)."""
    start = _DATA_URI.match(source)
    if start is None:
        return None
    try:
        return base64.b64decode(source[start.end() :])
    except (binascii.Error, ValueError):
        return None


def _shown_inches(img: etree._Element) -> float | None:
    """The width a picture is shown at (its `width`, or its style's), in inches."""
    width = (img.get("width") or "").strip().removesuffix("px")
    if width.isascii() and width.isdigit() and len(width) < 10:
        return int(width) / 96 or None
    found = _CSS_WIDTH.search(img.get("style") or "")
    if found is None:
        return None
    try:
        return float(found.group(1)) / _CSS_INCH[found.group(2).lower()] or None
    except ValueError:
        return None


def _depth(root: etree._Element) -> int:
    """How deeply elements nest, counted without recursion (the walk below recurses)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def _decode(data: bytes, page: _Page) -> tuple[str, str]:
    archived = _archived_page(data, page)
    return archived if archived is not None else _decode_page(data)


def _decode_page(data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    name = _CHARSETS.get(declared.group(1).decode("ascii").lower()) if declared else None
    if name:
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return bytes_to_text(data)


def _archived_page(data: bytes, page: _Page) -> tuple[str, str] | None:
    """The page of a web archive (MHTML: Word's "single file web page"), decoded from its
    transfer encoding and its declared charset; None for a plain page. The archive's
    other parts are kept in `page` by their addresses, for its pictures."""
    if not MHTML.match(data[:2048]):
        return None
    archive = email.message_from_bytes(data, policy=email.policy.compat32)
    found: tuple[str, str] | None = None
    parts: dict[str, bytes] = {}
    for part in archive.walk():
        if part.get_content_type() == "text/html" and found is None:
            found = _archived_text(part)
            page.base = (part.get("Content-Location") or "").strip()
        elif part.get_content_maintype() == "image":
            _keep_part(part, parts)
    if found is None:
        raise UnreadableInput(messages.BAD_HTML)
    page.parts = parts
    return found


def _archived_text(part: email.message.Message) -> tuple[str, str]:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise UnreadableInput(messages.BAD_HTML)
    name = _CHARSETS.get((part.get_content_charset() or "").lower())
    if name:
        try:
            return payload.decode(name), name
        except UnicodeDecodeError:
            pass
    return _decode_page(payload)


def _keep_part(part: email.message.Message, parts: dict[str, bytes]) -> None:
    """A picture part of an archive, by its location and by its `cid:` address."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return
    location = (part.get("Content-Location") or "").strip()
    if location:
        parts[location] = payload
    content_id = (part.get("Content-ID") or "").strip().strip("<>")
    if content_id:
        parts[f"cid:{content_id}"] = payload


def _walk(element: etree._Element, blocks: list[Block], line: list[str], page: _Page) -> None:
    """Depth-first: text into the current line, blocks and tables end it."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP or _hidden(element) or (_struck(element) and not _holds_table(element)):
        _tail(element, line)
        return
    if tag == "img":
        _flush(blocks, line)
        blocks.append(PICTURE)
        page.pictures.append(page.picture(element))
        _tail(element, line)
        return
    nested = tag == "table" and next(element.iterdescendants("table"), None) is not None
    if tag == "table" and not nested and not _frames_pictures(element):
        _flush(blocks, line)
        blocks.append(table_to_grid(element, page.limits, next(page.numbers), page.path))
        _tail(element, line)
        return
    if tag in _BLOCKS:
        _flush(blocks, line)
    if element.text and tag:
        line.append(element.text)
    for child in element:
        _walk(child, blocks, line, page)
    if tag in _BLOCKS:
        _flush(blocks, line)
    _tail(element, line)


def _frames_pictures(table: etree._Element) -> bool:
    """Whether a table only frames pictures (editors put a pasted table's picture in a
    one-cell table): it shows one, and no row of figures (a caption's year is none). It is
    read as the page around it, so that the picture is marked and read."""
    if next(table.iterdescendants("img"), None) is None:
        return False
    return not holds_a_row(str(piece) for piece in table.itertext())


def _hidden(element: etree._Element) -> bool:
    """Whether a browser shows nothing of the element (its style or `hidden` attribute)."""
    return element.get("hidden") is not None or bool(
        _NOT_DISPLAYED.search(element.get("style") or "")
    )


def _struck(element: etree._Element) -> bool:
    """Whether a browser shows the element struck out: its text is not read, but a struck
    cell still stands in its column (dropped, the cells after it would move left)."""
    return bool(_STRUCK.search(element.get("style") or ""))


def _holds_table(element: etree._Element) -> bool:
    return element.tag == "table" or next(element.iterdescendants("table"), None) is not None


def _shown_text(element: etree._Element) -> str:
    """The element's text as a browser shows it: hidden and deleted parts left out."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag and tag not in _SKIP and not _hidden(child) and not _struck(child):
            parts.append(_shown_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tail(element: etree._Element, line: list[str]) -> None:
    if element.tail:
        line.append(element.tail)


def _flush(blocks: list[Block], line: list[str]) -> None:
    text = " ".join("".join(line).split())
    if text:
        blocks.append(text)
    line.clear()


def table_to_grid(
    table: etree._Element,
    limits: Limits,
    number: int,
    path: Callable[[etree._Element], str],
) -> TracedGrid:
    """The `number`th table read (layout tables not counted) as a grid, each cell traced to
    its element (its `path`) and to its place in the grid as the browser draws it."""
    rows = _table_rows(table)
    limits.check("rows", len(rows))
    cells = [_row_cells(tr, limits.span, path(tr)) for tr in rows]
    return spans_to_traced(cells, limits.cells, _cell_origin(number))


def _cell_origin(table: int) -> Callable[[int, int, SpanCell], Origin]:
    """A cell's element path with its 1-based row and grid column: the element's own index
    among its siblings counts neither the th beside the td nor the cells spanned from the
    left or from the rows above."""

    def where(row: int, column: int, cell: SpanCell) -> Origin:
        path = cell.origin.path if cell.origin is not None else None
        return Origin(path=path, table=table, row=row + 1, column=column + 1)

    return where


def _table_rows(table: etree._Element) -> list[etree._Element]:
    """The rows in the order a browser draws them: a `<thead>`'s first, a `<tfoot>`'s last,
    wherever the source puts them (a site's 总计 row in a `<tfoot>` before the body)."""
    parts: dict[str, list[etree._Element]] = {"thead": [], "body": [], "tfoot": []}
    for child in table:
        if child.tag == "tr":
            parts["body"].append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            part = parts.get(child.tag, parts["body"])
            part += [tr for tr in child if tr.tag == "tr"]
    return parts["thead"] + parts["body"] + parts["tfoot"]


def _row_cells(tr: etree._Element, most: int, base: str) -> list[SpanCell]:
    paths = _child_paths(tr, base)
    return [
        SpanCell(
            "" if _struck(cell) else " ".join(_shown_text(cell).split()),
            _span(cell.get("rowspan"), most),
            _span(cell.get("colspan"), most),
            origin=Origin(path=path),
        )
        for cell, path in zip(tr, paths, strict=True)
        if cell.tag in ("td", "th") and not _hidden(cell)
    ]


def _child_paths(parent: etree._Element, base: str) -> list[str]:
    """Each child element's path as `getpath` gives it in a tree the HTML parser built (no
    namespaces), `base` the parent's: indexed among the siblings of its tag only where it
    has some, in one pass: getpath counts a child's siblings anew for each child, so a row
    of 60 000 cells held a worker for half a minute."""
    tags = [child.tag if isinstance(child.tag, str) else "" for child in parent]
    total = collections.Counter(tags)
    seen: collections.Counter[str] = collections.Counter()
    paths = []
    for tag in tags:
        seen[tag] += 1
        paths.append(f"{base}/{tag}[{seen[tag]}]" if total[tag] > 1 else f"{base}/{tag}")
    return paths


def _span(value: str | None, most: int) -> int:
    """A span as browsers take it: cut to the limit, anything but a number as no span."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return 1
    return max(1, min(int(value[:10]), most))
