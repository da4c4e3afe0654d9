"""The order a table's figure columns are printed in, as its header cells prove it.

An office may print table 三's 总计 column first, 法人或其他组织 before 自然人, or table 四's
行政诉讼 before 行政复议, each column under its own header. The header is a tree
(`catalog.APPLICANT_HEADERS`, `catalog.APPEAL_HEADERS`): a group's cell stands over the
columns of the headers below it, and a reordering moves a header with all its columns.
What the text keeps of the header is its cells' words, line by line, each line read left
to right; a cell merged down several lines stands on the first (a grid's) or on a middle
one (pdftotext -layout), so only words on one line are compared, never lines with lines.

An order is every header's children in some order, groups with the same children (table
四's three groups of five results) in the same one. It fits a line when the line's words
name headers whose columns run left to right, each word the leftmost header of its name
not yet passed. The template's order is proven where it is the one order that fits every
line; another is used only when it is the one that fits; when several others do and the
template's not, the table is in doubt. Where the header proves no order (`Unproven`: no
line read, or too few words, so that the template's order fits and others too, or none
fits), the columns stand in the template's order, and rows that add up with 总计 in
another column (`total_elsewhere`) still show the table is not in it; under a header that
proves the template's order, a 总计 that does not add up is the report's own error. A
header cell's words are its whole text, its wording's variants folded
(`catalog.LABEL_VARIANTS`), or the head of one cell's text alone (copied PDF text prints a
narrow cell's lines apart).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gongkai.catalog import Header
from gongkai.readers.align import normalize_label
from gongkai.readers.tokens import LABEL, Segment, Token

Order = tuple[int, ...]  # printed position → the template's column
Spans = dict[str, list[tuple[int, int]]]  # a header's name → its printed columns [start, end)


@dataclass(frozen=True)
class Doubt:
    """The header's words fit several orders, and not the template's: no one is proven."""


@dataclass(frozen=True)
class Unproven:
    """The header's words prove no order (none read, or they fit the template's order and
    others too, or none): the columns stand in the template's order, unproven, and only the
    figures (`total_elsewhere`) can tell otherwise."""


PrintedOrder = Order | Doubt | Unproven


def printed_order(segments: Sequence[Segment], headers: tuple[Header, ...]) -> PrintedOrder:
    """The order the columns under `headers` are printed in, by the header's words before
    the table's first figure."""
    lines = _header_lines(segments, {h.label for h in _all(headers)})
    if not lines:
        return Unproven()
    words = tuple(map(tuple, lines))
    if sum(map(len, words)) > _REMEMBERED_WORDS:
        return _order_of(headers, words)
    return _remembered_order(headers, words)


# Reports of a template print the same header words, nearly all of them: their order is
# known after the first (trying every order of table 三 costs some 7 ms a read). Headers of
# more words than any template prints are not kept: a hostile page's would fill memory.
_REMEMBERED_WORDS = 60


@functools.lru_cache(maxsize=256)
def _remembered_order(
    headers: tuple[Header, ...], lines: tuple[tuple[str, ...], ...]
) -> PrintedOrder:
    return _order_of(headers, lines)


def _order_of(headers: tuple[Header, ...], lines: tuple[tuple[str, ...], ...]) -> PrintedOrder:
    """The one order of `headers` whose spans fit every line's words, as `printed_order`."""
    template = _columns(headers)
    fitting = [
        columns
        for columns, spans in _layouts(headers)
        if all(_fits_line(spans, words) for words in lines)
    ]
    if len(fitting) == 1:
        return fitting[0]
    return Doubt() if fitting and template not in fitting else Unproven()


def _header_lines(segments: Sequence[Segment], names: set[str]) -> list[list[str]]:
    """The words of the header (header cells, `_header_named`), line by line, up to the
    first row of figures. A lone figure is passed over: table 四's region may open on the sentence
    above it (「行政复议 4 件，」)."""
    lines: dict[int, list[str]] = {}
    for segment in segments:
        for token in segment.labels:
            name = _header_named(token.text, names) if token.kind == LABEL else None
            if name is not None:
                lines.setdefault(token.line, []).append(name)
        if segment.numbers > 1:
            break
    return [words for words in lines.values() if len(words) > 1]


def _header_named(text: str, names: set[str]) -> str | None:
    """The header cell a word is: its whole text, its wording's variants folded
    (「法人或者其他组织」, `catalog.LABEL_VARIANTS`), or the head of one cell's text alone (a
    narrow cell wraps its words, and copied PDF text prints each line of it apart:
    「总」 over 「计」, 「社会公」 over 「益组织」; the tails on the line below are not read)."""
    word = normalize_label("".join(text.split()))
    if word in names:
        return word
    heads = [name for name in names if word and name.startswith(word)]
    return heads[0] if len(heads) == 1 else None


def _all(headers: tuple[Header, ...]) -> Iterator[Header]:
    for header in headers:
        yield header
        yield from _all(header.below)


def _columns(headers: tuple[Header, ...]) -> Order:
    return tuple(h.column for h in _all(headers) if not h.below)


@functools.cache
def _layouts(headers: tuple[Header, ...]) -> tuple[tuple[Order, Spans], ...]:
    """Every order of `headers` (`_orders`), its columns and its headers' spans: built once
    a tree, as every table is read against all of them (720 for table 三)."""
    return tuple((_columns(order), _spans(order)) for order in _orders(headers))


def _spans(headers: tuple[Header, ...]) -> Spans:
    """Each header name's printed columns [start, end), left to right."""
    spans: Spans = {}

    def walk(level: tuple[Header, ...], start: int) -> int:
        for header in level:
            end = walk(header.below, start) if header.below else start + 1
            spans.setdefault(header.label, []).append((start, end))
            start = end
        return start

    walk(headers, 0)
    return {name: sorted(places) for name, places in spans.items()}


def _fits_line(spans: Spans, words: Sequence[str]) -> bool:
    passed = 0
    for word in words:
        place = next((p for p in spans[word] if p[0] >= passed), None)
        if place is None:
            return False
        passed = place[1]
    return True


def _orders(headers: tuple[Header, ...]) -> Iterator[tuple[Header, ...]]:
    """Every order of the headers' children; children alike are ordered alike."""
    kinds = list(dict.fromkeys(_kind(h.below) for h in _all(headers) if h.below))
    kinds.insert(0, _kind(headers))
    for choice in itertools.product(*(itertools.permutations(range(len(k))) for k in kinds)):
        chosen = dict(zip(kinds, choice, strict=True))
        yield _reordered(headers, chosen)


def _kind(level: tuple[Header, ...]) -> tuple[str, ...]:
    return tuple(h.label for h in level)


def _reordered(
    level: tuple[Header, ...], chosen: dict[tuple[str, ...], tuple[int, ...]]
) -> tuple[Header, ...]:
    ordered = tuple(level[k] for k in chosen[_kind(level)])
    return tuple(
        Header(h.label, _reordered(h.below, chosen), h.column) if h.below else h for h in ordered
    )


def is_template(order: PrintedOrder) -> bool:
    """Whether the columns are read in the template's order: proven, or by no proof."""
    return isinstance(order, Unproven) or (
        not isinstance(order, Doubt) and order == tuple(range(len(order)))
    )


def in_template_order(cells: list[Token], order: PrintedOrder) -> list[Token] | None:
    """A row's `cells` (one per printed column) in the template's order (the same list where
    the template's order is printed), or None when the header proves no one order or the
    row does not print one cell a column: its figures cannot be placed by the header."""
    if is_template(order):
        return cells
    if isinstance(order, Doubt | Unproven) or len(cells) != len(order):
        return None
    placed = list(cells)
    for printed, column in enumerate(order):
        placed[column] = cells[printed]
    return placed


def total_elsewhere(rows: Sequence[Sequence[int]], total: int) -> bool:
    """Whether rows of figures (each printed one a column) prove their total printed in
    another column than the template's `total`: it fails to add up in most of the rows
    that print a figure (a row whose one figure stands in the last column adds up in either
    place), another column adds up in every one of them. Asked only where the header proves
    no order (`Unproven`, copied PDF text): the columns are then not read by position,
    silently; a row or two printed wrong leave the template's column adding up in most rows.
    One row that prints figures proves nothing: it is as likely a slip of the office's sum
    (table 四 often has figures in one group alone), which must stay an error."""
    figured = [row for row in rows if any(row)]
    if len(figured) < 2:
        return False

    def adds_up(row: Sequence[int], at: int) -> bool:
        return sum(row) == 2 * row[at]

    if 2 * sum(adds_up(row, total) for row in figured) >= len(figured):
        return False
    width = len(figured[0])
    return any(all(adds_up(row, at) for row in figured) for at in range(width) if at != total)
