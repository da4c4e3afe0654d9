"""Anchor segments to template rows: label similarity in template order, numbers by count.

A dynamic programme aligns the segments of a table region with the rows of the
template. A segment may match one row, cover several rows whose labels were lost
or printed apart from their numbers (one block of k×n cells), or be skipped as
noise (a page header, a stray number); a row may be missing. The score rewards
labels that match (distinctive keywords first, fuzzy similarity for garbled
labels) and cell counts that fit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from gongkai import catalog
from gongkai.readers.tokens import Segment

_PUNCT = re.compile(r"[\s()\[\]【】<>《》\"“”'‘’,，、.。:：;；·•*#\-—_/|~]+")
_ITEM_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+|\d{1,2})(?=[\u4e00-\u9fff])")

_NAMING_TAIL = 16
_ITEM_NUMBER = re.compile(r"\d{1,2}(?=[\u4e00-\u9fff])")  # 3危: 「3.危及…」 once normalised
# 「第20条第1项」 once normalised: a block header typed with Arabic numerals.
_ARTICLE_NUMBER = re.compile(r"第(\d{1,2})([条项])")
_DIGITS = "〇一二三四五六七八九"
_HEADER_STEM = 5  # 第二十条第: what every block header of table 二 starts with
_UNDER_HEADER = 80.0
# A wrapped label's first line beside its numbers (「1属于」) outranks the keywords above it.
_ITEM_START = 101.0
_MATCH_FLOOR = 55.0
_SKIP_ROW = 5.0
_FIT_BONUS = 10.0


@dataclass(frozen=True)
class Target:
    """A template row as the aligner sees it."""

    id: str
    size: int
    keywords: tuple[str, ...]
    core: str
    whole: str = ""  # the whole label, item number kept: 七总计, 3其他
    header: str = ""  # the header of the row's block (table 二: 第二十条第五项)


@dataclass
class Assignment:
    rows: list[Target]
    segment: Segment
    named: bool = False  # the segment's own label (or the one just below) names its one row
    continued: bool = False  # its label is the end of the label above, wrapped below
    slotted: bool = False  # its label names no row; it fills the one row left between two


def catalog_text(text: str) -> str:
    """A catalogue label as normalised text has it (NFKC: full-width brackets to ASCII)."""
    return unicodedata.normalize("NFKC", text)


def normalize_label(text: str) -> str:
    text = _ARTICLE_NUMBER.sub(_chinese_article, _PUNCT.sub("", text))
    for printed, canonical in catalog.LABEL_VARIANTS:
        text = text.replace(printed, canonical)
    return text


def _chinese_article(match: re.Match[str]) -> str:
    """「第20条」 as the templates print it, 「第二十条」 (numbers below a hundred)."""
    tens, ones = divmod(int(match.group(1)), 10)
    numeral = (_DIGITS[tens] if tens > 1 else "") + ("十" if tens else "")
    numeral += _DIGITS[ones] if ones or not tens else ""
    return f"第{numeral}{match.group(2)}"


def target(
    row_id: str, size: int, keywords: tuple[str, ...], label: str, header: str = ""
) -> Target:
    whole = normalize_label(catalog_text(label))
    header = normalize_label(catalog_text(header))
    return Target(row_id, size, keywords, _ITEM_PREFIX.sub("", whole), whole, header)


def under_header(label: str, row: Target) -> bool:
    """Whether the last block header in a (normalised) label is the row's block's: the
    numbers that follow it belong to that block (pdftotext prints a block's header, then its
    numbers, its row labels elsewhere)."""
    if not row.header:
        return False
    at = label.rfind(row.header)
    return at >= 0 and at == label.rfind(row.header[:_HEADER_STEM])


def names_row(label: str, row: Target) -> bool:
    """Whether a (normalised) label plainly names the row near its end: a distinctive
    keyword, or the whole label with its item number (short words such as 总计 and 其他 also
    stand in table headers). Only what follows the label's last item number counts: before
    it stands the end of the row above, wrapped below its own numbers (「禁止公 开 3.危」 is
    row 3's label, not row 2's)."""
    items = list(_ITEM_NUMBER.finditer(label))
    tail = label[items[-1].start() :] if items else label
    if items and _starts(tail, row):
        return True
    tail = tail[-_NAMING_TAIL:]
    return any(len(k) > 2 and k in tail for k in row.keywords) or tail.endswith(row.whole)


def _starts(tail: str, row: Target) -> bool:
    """Whether a label's last item and the words after it are the start of the row's whole
    label (「1属于」 of 「1属于国家秘密」): a label wrapped in a narrow column, its first line
    printed beside the row's numbers and the rest below them. The item number and a word
    tell the rows of table 三 apart."""
    return len(tail) >= 2 and not tail[-1].isdigit() and row.whole.startswith(tail)


def similarity(label: str, row: Target) -> float:
    """0–100: how well a segment's (normalised) label names the row, nearest the numbers."""
    if not label:
        return 0.0
    best = 0.0
    length = len(label)
    for keyword in row.keywords:
        position = label.rfind(keyword)
        if position >= 0:
            best = max(best, 80.0 + 20.0 * (position + len(keyword)) / length)
    if best:
        return best
    items = list(_ITEM_NUMBER.finditer(label))
    if items and _starts(label[items[-1].start() :], row):
        return _ITEM_START
    if under_header(label, row):
        return _UNDER_HEADER
    tail = label[-(len(row.core) + 4) :]
    return 0.9 * max(fuzz.ratio(row.core, tail), fuzz.partial_ratio(row.core, tail))


def following_similarity(label: str, following: str, row: Target) -> float:
    """A row's label continued, or printed whole, just below its numbers.

    pdftotext -layout centres numbers in a tall cell, so the label's end (or all of it)
    may follow the numbers. Only the head of the next segment's label is joined, and
    the score is a little lower than a label printed above, so that the next row keeps
    its own label.
    """
    head = continuation(following)
    if not head:
        return 0.0
    return similarity(label + head, row) - 5.0


def continuation(following: str) -> str:
    """The head of the label below that may continue a label: its first half, up to the
    next item number (what follows one is the next row's)."""
    head = following[: len(following) // 2 + 2]
    item = _ITEM_NUMBER.search(head)
    return head[: item.start()] if item else head


def in_template_rows(segments: Sequence[Segment], rows: Sequence[Target]) -> list[Segment] | None:
    """The segments moved into the template's row order, where their labels prove another
    (an office moved 三（七）总计 below 四, or swapped two rows of 二), else None.

    Proven means: every segment that prints figures names exactly one row by its own label
    (`_named_rows`), prints that row's cells one a column (figures, blanks and marks), and no
    row is named twice. Labels-only segments before a row (a block's header) move with it.
    Anything less is left to the aligner, which keeps the template's order and says which
    rows it could not find."""
    named: list[int] = []
    for segment in segments:
        if not segment.numbers:
            continue
        hits = _named_rows(segment, rows)
        if len(hits) != 1 or not segment.numbers <= rows[hits[0]].size <= len(segment.cells):
            return None
        named.append(hits[0])
    if len(set(named)) != len(named) or named == sorted(named):
        return None
    units: list[list[Segment]] = [[]]
    for segment in segments:
        units[-1].append(segment)
        if segment.numbers:
            units.append([])
    rest = units.pop()  # labels after the last row's figures: no row's
    ordered = sorted(range(len(units)), key=named.__getitem__)
    return [s for u in ordered for s in units[u]] + rest


def _named_rows(segment: Segment, rows: Sequence[Target]) -> list[int]:
    """The rows a segment's label names: the row whose whole label its last label is, else
    those it plainly names (`names_row`; a long label's keyword may stand too far from its
    end for that)."""
    own = normalize_label(segment.labels[-1].text) if segment.labels else ""
    whole = [k for k, row in enumerate(rows) if own and row.whole == own]
    if whole:
        return whole
    label = normalize_label(segment.label)
    return [k for k, row in enumerate(rows) if names_row(label, row)]


def align(segments: Sequence[Segment], rows: Sequence[Target]) -> tuple[float, list[Assignment]]:
    """The best order-preserving assignment of segments to rows, and its score."""
    labels = [normalize_label(s.label) for s in segments]
    direct = align_direct(segments, labels, rows)
    if direct is not None:
        return direct
    return align_dp(segments, labels, rows)


def align_direct(
    segments: Sequence[Segment], labels: Sequence[str], rows: Sequence[Target]
) -> tuple[float, list[Assignment]] | None:
    """The common case in one pass: each segment with cells names the next row and fits it.

    Returns None at the first doubt, and the dynamic programme decides instead.
    """
    cell_segments = [i for i, s in enumerate(segments) if s.numbers]
    if len(cell_segments) != len(rows):
        return None
    result = []
    for i, row in zip(cell_segments, rows):
        label = labels[i]
        if not _may_hold(segments[i], row.size) or not any(k in label for k in row.keywords):
            return None
        result.append(Assignment([row], segments[i], named=True))
    return (100.0 - _MATCH_FLOOR + _FIT_BONUS) * len(rows), result


def _may_hold(segment: Segment, size: int) -> bool:
    """The segment prints the row's cells, or glued digits enough to be split into them."""
    if segment.numbers == size:
        return True
    digits = sum(len(c.digits or "") for c in segment.cells)
    return segment.numbers < size <= digits


def align_dp(
    segments: Sequence[Segment], labels: Sequence[str], rows: Sequence[Target]
) -> tuple[float, list[Assignment]]:
    """Dynamic programme over (segment, row) with match, skip, and block steps."""
    counts = [s.numbers for s in segments]
    n_seg, n_row = len(segments), len(rows)
    neg = float("-inf")
    score = [[neg] * (n_row + 1) for _ in range(n_seg + 1)]
    back: list[list[tuple[int, int, int] | None]] = [[None] * (n_row + 1) for _ in range(n_seg + 1)]
    score[0][0] = 0.0
    sims: dict[tuple[int, int], float] = {}

    # A label that plainly names a row near its numbers keeps them; short generic words
    # (其他, 总计) also stand in table headers and do not count.
    keywords = {k for row in rows for k in row.keywords if len(k) > 2}
    # The end of the label above, wrapped below its numbers, names no row of its own.
    names_a_row = [
        any(k in label[-_NAMING_TAIL:] for k in keywords)
        and not (i and any(_continues_above(labels[i - 1], label, row) for row in rows))
        for i, label in enumerate(labels)
    ]

    def sim(i: int, j: int) -> float:
        if (i, j) not in sims:
            own = similarity(labels[i], rows[j])
            if names_a_row[i] or i + 1 >= n_seg:
                sims[(i, j)] = own
            else:
                sims[(i, j)] = max(own, below(i, j))
        return sims[(i, j)]

    def below(i: int, j: int) -> float:
        following = following_similarity(labels[i], labels[i + 1], rows[j])
        if counts[i + 1] and names_row(labels[i + 1], rows[j]):
            # The label below names the row over numbers of its own: it credits the numbers
            # above no more than its own, so that a whole named row is not skipped for them.
            following = min(following, similarity(labels[i + 1], rows[j]) - 5.0)
        return following

    def relax(i: int, j: int, ni: int, nj: int, gain: float, k: int) -> None:
        if score[i][j] + gain > score[ni][nj]:
            score[ni][nj] = score[i][j] + gain
            back[ni][nj] = (i, j, k)

    for i in range(n_seg + 1):
        for j in range(n_row + 1):
            if score[i][j] == neg:
                continue
            if j < n_row:
                relax(i, j, i, j + 1, -_SKIP_ROW, 0)
            if i == n_seg:
                continue
            relax(i, j, i + 1, j, -(2.0 + 3.0 * counts[i]), -1)
            if j < n_row:
                relax(
                    i, j, i + 1, j + 1, sim(i, j) - _MATCH_FLOOR + _fit(counts[i], rows[j].size), 1
                )
                _relax_block(i, j, counts[i], rows, sim, relax)
    assignments = _trace(back, segments, rows, n_seg, n_row)
    _mark_named(assignments, segments, labels, rows)
    return score[n_seg][n_row], assignments


def _mark_named(
    assignments: list[Assignment],
    segments: Sequence[Segment],
    labels: Sequence[str],
    rows: Sequence[Target],
) -> None:
    """A one-row assignment is named when its label names the row or, when its label names
    no row at all, the head of the label just below its numbers does (pdftotext -layout)."""
    index = {id(s): i for i, s in enumerate(segments)}
    for assignment in assignments:
        if len(assignment.rows) != 1:
            continue
        i, row = index[id(assignment.segment)], assignment.rows[0]
        if i > 0 and any(_continues_above(labels[i - 1], labels[i], r) for r in rows):
            assignment.continued = True
            below = continuation(labels[i + 1]) if i + 1 < len(labels) else ""
            assignment.named = bool(below) and names_row(below, row)
        elif any(names_row(labels[i], other) for other in rows) or i + 1 >= len(labels):
            assignment.named = names_row(labels[i], row)
        else:
            assignment.named = names_row(labels[i] + continuation(labels[i + 1]), row)


def fill_lone_slots(
    assignments: list[Assignment], segments: Sequence[Segment], rows: Sequence[Target]
) -> list[Assignment]:
    """A row left without numbers between two rows named by their labels takes the one
    segment of numbers left between theirs, when that segment names no row and prints as
    many cells as the row has (a label the OCR read as 「?」): nothing else can stand there.
    Its cells must still add up for the row to count as proven (the caller decides)."""
    index = {id(s): i for i, s in enumerate(segments)}
    placed = {a.rows[0].id: a for a in assignments if len(a.rows) == 1}
    used = {id(a.segment) for a in assignments}
    filled = list(assignments)
    for above, row, below in zip(rows, rows[1:], rows[2:]):
        first, last = placed.get(above.id), placed.get(below.id)
        if row.id in placed or not (first and last and first.named and last.named):
            continue
        between = segments[index[id(first.segment)] + 1 : index[id(last.segment)]]
        numbered = [s for s in between if s.numbers]
        if len(numbered) != 1 or id(numbered[0]) in used or numbered[0].numbers != row.size:
            continue
        label = normalize_label(numbered[0].label)
        if not any(names_row(label, other) for other in rows):
            filled.insert(filled.index(last), Assignment([row], numbered[0], slotted=True))
    return filled


def _continues_above(above: str, label: str, row: Target) -> bool:
    """Whether a label with no item number of its own is the end of the label above, wrapped
    below that row's numbers (「5.要求 0 0 14…」 then 「行政机关确认或重新出具已获取信息」):
    then it names the row above, whatever row it seems to name."""
    items = list(_ITEM_NUMBER.finditer(above))
    if not items or _ITEM_NUMBER.search(label):
        return False
    return names_row(above[items[-1].start() :] + label, row)


def _relax_block(i, j, count, rows, sim, relax) -> None:  # type: ignore[no-untyped-def]
    """One segment holding the cells of k ≥ 2 consecutive rows (k×n numbers exactly)."""
    total = 0
    for k in range(1, len(rows) - j + 1):
        total += rows[j + k - 1].size
        if total > count:
            return
        if total == count and k >= 2:
            gain = max(0.0, sim(i, j) - _MATCH_FLOOR) + 15.0 * k - 20.0
            relax(i, j, i + 1, j + k, gain, k)


def _fit(count: int, size: int) -> float:
    if count == size:
        return _FIT_BONUS
    return -3.0 * min(abs(count - size), 6)


def _trace(
    back: list[list[tuple[int, int, int] | None]],
    segments: Sequence[Segment],
    rows: Sequence[Target],
    i: int,
    j: int,
) -> list[Assignment]:
    result: list[Assignment] = []
    while (i, j) != (0, 0):
        step = back[i][j]
        assert step is not None
        pi, pj, k = step
        if k >= 1:
            result.append(Assignment(list(rows[pj : pj + k]), segments[pi]))
        i, j = pi, pj
    result.reverse()
    return result
