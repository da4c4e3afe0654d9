"""Table 三 read again from pdftotext's default-mode print order, where the usual reading
leaves it flagged (issue 13).

pdftotext's default mode prints table 三's numbers on lines of their own (one number, or a
block's row of numbers), in poppler's block order, which the usual reader can only partly
follow. When the table's numbers are printed that way (exactly one number per cell on such
lines) and the usual reading leaves a row of it in doubt, the staircase search
(`readers/staircase.py`) deals them out again under its model of that order, on a budget
of states. Its reading replaces the usual one only when it is the one grid in which every
row adds up and every column rule of the table holds (or all but those one printed slip
breaks; or, where no grid has every row add up, the one grid with exactly one misprinted
总计), and the table holds enough figures to pin it (`accepted`); the table is then marked
as fixed by rules (`parse.repaired_row` on the table), not as proven by its layout, and
the rules the printed table breaks are the report's errors. Otherwise the usual reading
and its flags stand.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai import catalog, messages
from gongkai.checks import READING_DOUBTS
from gongkai.model import Finding
from gongkai.readers import staircase, tables
from gongkai.readers.column_rules import broken_column_rules, rule_contributions
from gongkai.readers.provenance import source_lines
from gongkai.readers.regions import Region
from gongkai.readers.repair import Cells
from gongkai.readers.tables import TableResult
from gongkai.readers.textpages import appeal_field_header, line_pages
from gongkai.readers.trace import At

_NUMBERS_LINE = re.compile(r"\s*\d+(?:[ \t]+\d+)*\s*")  # a line of numbers and nothing else
_NUMBER = re.compile(r"\d+")
# A row's label with its first numbers on the same line (WeasyPrint: 「5.属于三类内部事务信息 31」).
# Matched on the line without its trailing spaces; words end on a character that is no
# space (`.*\D` could end on any of a long run of spaces: quadratic time).
_LABELLED_LINE = re.compile(r"(?P<words>.*[^\d\s])[ \t]+\d+(?:[ \t]+\d+)*")
_LABEL_START = 4  # characters of a label the words must begin with: more than an item number
_LABELS = tuple("".join(row.label.split()) for row in catalog.ALL_APPLICATION_ROWS.values())
_REPLACED = READING_DOUBTS | {"parse.repaired_row", "parse.undivided_other"}  # the usual reading's
MIN_FIGURES = 5  # non-zero applicant cells a table needs for its reading to be kept
MIN_FIGURES_SLIPPED = 8  # as many, in a reading where one printed slip breaks column rules
_NEXT_TABLE = "行政复议"  # in table 四's heading, in no label of table 三


@dataclass(frozen=True)
class PrintedNumbers:
    """Table 三's numbers on lines of their own, paragraph by paragraph, and where each
    was printed."""

    paragraphs: list[list[int]]
    places: list[At]  # one per number, in print order
    tops: frozenset[int]  # indices of the paragraphs that begin a page


def printings(region: Region, text: str, original: str) -> list[list[PrintedNumbers]]:
    """The region's numbers on lines of their own (`_printings`), up to table 四's heading,
    which the region may run into; then, where that heading stands on table 三's last page
    and table 四's header row on a later one, the same with the rest of that page: poppler
    prints a late cell of table 三 after its page's footer (`readers/latecells.py`), and
    there that is after table 四's heading, its sentence and group headers (`gen-13-020`,
    WeasyPrint). Table 四 gives such numbers back (`textpages.appeal_cells_below_header`),
    so they are no cells of it. The second list is asked only where the first fits no row
    set, so a table read from its region alone reads as before. `text`: the text as
    normalised, `original` as given (its form feeds mark the pages)."""
    lines = region.text.split("\n")
    own = list(itertools.takewhile(lambda line: _NEXT_TABLE not in line, lines))
    # Normalising may make lines (a crawler's rows) or merge them (blank lines after a
    # row's last cell): then no line is known as given, nor its page.
    aligned = len(source_lines(original)) == text.count("\n") + 1
    found = [_printings(own, region.first_line, original, aligned)]
    rest = _page_rest(region, own, text, original) if aligned and len(own) < len(lines) else []
    if rest and any(_line_numbers(line) is not None for line in rest):
        found.append(_printings(own + rest, region.first_line, original, aligned))
    return found


def _printings(
    lines: list[str], first_line: int, original: str, aligned: bool
) -> list[PrintedNumbers]:
    """The numbers of `lines` (from line `first_line` on) as the reader sees them, and,
    where normalising dropped a lone number at a page's edge as a page number, as the
    text printed them (that number may be a cell of the table; only where the text's
    lines are `aligned` with those given). Lines are numbered as the reader numbers them
    (a form feed starts a line, `provenance.source_lines`)."""
    first = first_line - 1
    pages = page_starts(original)
    seen = printed_numbers(lines, first_line, pages)
    if not aligned:
        return [seen]
    given = source_lines(original)[first : first + len(lines)]
    raw = [unicodedata.normalize("NFKC", line) for line in given]
    kept = printed_numbers(raw, first_line, pages)
    if kept.paragraphs == seen.paragraphs:
        return [seen]
    # A number on a line normalising changed is placed by its line alone.
    same = {first + 1 + i for i, (a, b) in enumerate(zip(lines, raw, strict=True)) if a == b}
    places = [at if at.line in same else At(at.line) for at in kept.places]
    return [seen, dataclasses.replace(kept, places=places)]


def _page_rest(region: Region, own_lines: list[str], text: str, original: str) -> list[str]:
    """The lines of the normalised `text` from table 四's heading (the line after the
    region's `own_lines`) to the end of its page, where table 三's last numbers before the
    heading are on that page too and no line of the rest is a word of table 四's header
    row (its cells print below that row, so they are then on a later page) and the page
    ends (text without form feeds is one page); else none."""
    lines = text.split("\n")
    pages = line_pages(original)
    cut = region.first_line - 1 + len(own_lines)  # the heading's index among the text's lines
    numbered = [i for i, line in enumerate(own_lines) if _line_numbers(line) is not None]
    if not numbered or pages[region.first_line - 1 + numbered[-1]] != pages[cut]:
        return []
    end = next((i for i in range(cut, len(lines)) if pages[i] != pages[cut]), None)
    rest = lines[cut:end]
    header = any(appeal_field_header(word) for line in rest for word in line.split())
    return [] if end is None or header else rest


def page_starts(original: str) -> frozenset[int]:
    """The 1-based lines (as the reader numbers them) that begin after a form feed."""
    pages = line_pages(original)
    return frozenset(line for line in range(2, len(pages) + 1) if pages[line - 1] > pages[line - 2])


def printed_numbers(lines: Sequence[str], first_line: int, pages: frozenset[int]) -> PrintedNumbers:
    """The numbers of the lines that hold numbers alone or after a row's label, cut into
    paragraphs at blank lines and at page starts (the line numbers in `pages`); lines of
    words in a paragraph (labels, headers) are passed over."""
    paragraphs: list[list[int]] = [[]]
    places: list[At] = []
    tops: set[int] = set()
    for index, line in enumerate(lines):
        number = first_line + index
        if number in pages or not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            if number in pages:
                tops.add(len(paragraphs) - 1)
        numbers = _line_numbers(line)
        for match in _NUMBER.finditer(line, numbers) if numbers is not None else ():
            paragraphs[-1].append(int(match.group()))
            places.append(At(number, match.start(), match.end()))
    return PrintedNumbers([p for p in paragraphs if p], places, frozenset(tops))


def _line_numbers(line: str) -> int | None:
    """Where a line's numbers of table 三 start: a line of numbers alone, or a row's label
    (the start of one, as a wrapped label's first line) followed by numbers; None for
    words, prose among them."""
    if _NUMBERS_LINE.fullmatch(line):
        return 0
    labelled = _LABELLED_LINE.fullmatch(line.rstrip())
    if labelled is None:
        return None
    words = "".join(labelled.group("words").split())
    if len(words) < _LABEL_START or not any(label.startswith(words) for label in _LABELS):
        return None
    return labelled.end("words")


@dataclass(frozen=True)
class Found:
    """What the search made of a table 三 printed in column blocks."""

    rows: tuple[catalog.Row, ...]  # the row set whose cells the numbers fill
    outcome: staircase.Outcome | None  # None: the search ran past its budget
    places: list[At]  # where each number was printed, in print order


def search_table(region: Region, text: str, original: str, template: str) -> Found | None:
    """The staircase search on the region's numbers; None unless exactly one row set
    has as many cells as there are numbers (in one of the first of the `printings` where
    any row set has)."""
    row_sets = tables.application_row_sets(template)
    width = len(catalog.COLUMN_IDS)
    for tried in printings(region, text, original):
        fits = [(n, rows) for n in tried for rows in row_sets if len(n.places) == len(rows) * width]
        if fits:
            break
    if len(fits) != 1:
        return None
    numbers, rows = fits[0]
    row_ids = [r.id for r in rows]
    try:
        outcome = staircase.readings(
            numbers.paragraphs, numbers.tops, len(row_ids), rule_contributions(row_ids)
        )
    except staircase.SearchExhausted:
        return Found(rows, None, numbers.places)
    return Found(rows, outcome, numbers.places)


def accepted(
    outcome: staircase.Outcome | None, row_ids: list[str]
) -> tuple[staircase.Grid, staircase.Where] | None:
    """The search's reading where it is the only one and the table holds enough figures
    to pin it. Permuting the applicant columns, the result rows, or 一 and 二 keeps every
    rule of table 三, so only the print order tells such images apart; in a table of a
    few figures among zeros an order the model does not know can pass for one of them
    (tests/test_staircase.py found such with three and four figures: one application,
    or a table whose only figures are 新收 and 结转下年 alike). Orders inside the model
    give the printed table at any count (a township's five figures, the seeds' seven);
    random orders outside it gave no wrong reading from five figures up
    (docs/accuracy.md, `smalltables`). A reading with a slip needs more: the slip's cell
    is pinned by no rule, and among zeros the order alone placed it in a wrong row with
    seven figures (tests/test_staircase.py, a segment opening on two rows). So does a
    reading whose one misprinted 总计 (a row that does not add up) breaks the 总计 column's
    rules: that 总计 too is pinned by no rule."""
    if outcome is None or len(outcome.readings) != 1:
        return None
    grid, where = outcome.readings[0]
    figures = sum(1 for row in grid for cell in row[:-1] if cell)
    slipped = broken_column_rules(dict(zip(row_ids, grid, strict=True)), row_ids)
    return (grid, where) if figures >= (MIN_FIGURES_SLIPPED if slipped else MIN_FIGURES) else None


def reread_applications(
    region: Region | None, text: str, original: str, template: str, result: TableResult
) -> TableResult:
    """The usual reading `result`, or the one reading of the staircase search where the
    usual reading leaves table 三 in doubt and the search finds exactly one. `text`: the
    text as normalised; `original`: as given (its form feeds mark the pages)."""
    if region is None or not result.doubtful:
        return result
    found = search_table(region, text, original, template)
    reading = accepted(found.outcome, [r.id for r in found.rows]) if found is not None else None
    if found is None or reading is None:
        return result
    grid, where = reading
    places = [[found.places[o] for o in row] for row in where]
    row_ids = [r.id for r in found.rows]
    return _read(result, row_ids, grid, places, tables.undivided_findings(template, found.rows))


def _read(
    result: TableResult,
    row_ids: list[str],
    grid: staircase.Grid,
    places: list[list[At]],
    findings: list[Finding],
) -> TableResult:
    """The table as the search read it; the usual reading's own findings give way."""
    findings = [f for f in result.findings if f.rule not in _REPLACED] + findings
    printed: dict[str, Cells] = dict(zip(row_ids, grid, strict=True))
    findings.append(
        Finding(
            rule="parse.repaired_row",
            severity="warning",
            row="applications",
            message=_read_message(grid, broken_column_rules(printed, row_ids)),
            line=places[0][0].line,
        )
    )
    rows = {row_id: list(cells) for row_id, cells in printed.items()}
    sources = {
        f"applications.{row_id}.{column}": at
        for row_id, row_places in zip(row_ids, places, strict=True)
        for column, at in zip(catalog.COLUMN_IDS, row_places, strict=True)
    }
    return TableResult(
        {**result.data, "rows": rows},
        findings,
        result.score,
        {row_id: row_places[0].line for row_id, row_places in zip(row_ids, places, strict=True)},
        sources=sources,
    )


def _read_message(grid: staircase.Grid, broken: set[tuple[str, int]]) -> str:
    """What the search's reading rests on: every rule, all but a slip's, or all but a
    misprinted 总计's (a row that does not add up)."""
    if any(sum(row[:-1]) != row[-1] for row in grid):
        return messages.PRINT_ORDER_MISPRINT_READ
    return messages.PRINT_ORDER_SLIP_READ if broken else messages.PRINT_ORDER_READ
