"""Tables altered as publishers and printers alter them: what the reader makes of them.

Agencies do not print the template's tables untouched. They drop a row they think empty (in
Word, which mends the merged cells around it, or by cutting the `<tr>` out of a page, which
does not), repeat a row, merge two neighbouring cells that print the same figure (0, or a
figure not 0: one row of each report is changed, consistently, to print one twice), merge a
figure cell with the one below it (equal figures, the lower changed consistently where not
0; or a figure and a 0, the merged cell printing the figure, the 0 no longer printed), merge
a row's label cell with the one below (Word keeps both labels, one above the other), or mark
a figure for a note (a small raised 「1」 after it: `<sup>`); their printers and scanners lose
a ruling line under a cell (light toner, a faint scan). Each alteration below is made on a
consistent generated report's HTML (`gongkai.render.html`, both templates, every other
report with table 三 styled as the corpus styles it), at one place drawn from every place it
applies to, printed by WeasyPrint and read twice: as the PDF (its text layer) and printed
and scanned (`tests/support/scans.py::print_and_scan`).

The truth is what the altered page says. A dropped or cut row's figures are no longer
printed: they are expected blank (a reading of 0 is right too, as everywhere); another
figure in their place is wrong, and silent unless a `parse.*` warning names the row
(`parse.missing_row` does). A figure merged over two columns is the figure of both. Every
other cell is the report's own. False errors are the checker's errors beyond those the
truth itself breaks (a dropped row with figures leaves its column totals unequal: those
errors are right).

Per alteration kind and medium the table prints the alterations, pages, cells wrong,
silently wrong (no `parse.*` warning on their row), false errors and CPU a page, then
every alteration that left a cell silent or an error false.
`--printer libreoffice` prints the altered pages by LibreOffice instead (its HTML import),
which rules both parts of a merged cell a page break cuts.
Run: `python bench/altered.py [--n 3] [--all] [--smoke] [--only NAME,NAME] [--media pdf,scan]
[--printer libreoffice]`.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import lxml.html
import pypdfium2
from lxml.html import HtmlElement

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai import catalog, checks  # noqa: E402
from gongkai.model import Report  # noqa: E402
from gongkai.readers import read_bytes  # noqa: E402
from tests.support.altered import equal_below, equal_neighbours  # noqa: E402
from tests.support.corpus.producers import (  # noqa: E402
    libreoffice_pdfs,
    weasyprint_html,
    weasyprint_pdf,
)
from tests.support.reordered import REORDERINGS, reorder_html_table  # noqa: E402
from tests.support.reports import report_from_rng  # noqa: E402
from tests.support.scans import print_and_scan  # noqa: E402
from tests.support.scoring import (  # noqa: E402
    CellKey,
    Violation,
    cell_values,
    errors_beyond,
    silently_wrong,
    wrong_cells,
)

Place = tuple[int, int, int]  # table, row, cell (each counted from 0 in the page's order)
CELL = "data-cell"  # the attribute naming the report cell a <td> prints
_TAG = 9_000_000  # figures of a tagged report start here: above any generated figure


# --- the page: tables of rows of cells, each figure cell knowing its report cell ---------


def tagged_page(report: Report, styled: bool) -> HtmlElement:
    """`report`'s page as WeasyPrint prints it, each figure's <td> naming its cell."""
    page = lxml.html.document_fromstring(weasyprint_html(report, styled))
    tags = lxml.html.document_fromstring(weasyprint_html(_tagged(report), styled))
    names = {str(_TAG + k): "|".join(key) for k, key in enumerate(cell_values(report.to_json()))}
    for cell, tag in zip(page.iter("td"), tags.iter("td"), strict=True):
        text = _text(tag)
        if text in names:
            cell.set(CELL, names[text])
    return page


def _tagged(report: Report) -> Report:
    """`report` with each cell's figure a number of its own, in `cell_values`' order."""
    data = report.to_json()
    for k, key in enumerate(cell_values(report.to_json())):
        _set(data, key, _TAG + k)
    return Report.model_validate(data)


def _set(data: dict[str, Any], key: CellKey, value: object) -> None:
    table, row, name = key
    if table == "applications":
        data["applications"]["rows"][row][int(name)] = value
    elif table == "appeals":
        group, part = name.split(".")
        data["appeals"][group][part] = value
    else:
        spec = next(
            s
            for r in catalog.ACTIVE_ROWS[data["template"]]
            if r.id == row
            for s in r.fields
            if s.id == name
        )
        data["active"][row][name] = str(value) if value is not None and spec.money else value


def tables(page: HtmlElement) -> list[list[HtmlElement]]:
    """The rows of each table of the page."""
    return [list(table.iter("tr")) for table in page.iter("table")]


def placed(rows: list[HtmlElement]) -> dict[HtmlElement, tuple[int, int]]:
    """Each cell's row and column in its table's grid, merged cells spanning theirs."""
    taken: set[tuple[int, int]] = set()
    where: dict[HtmlElement, tuple[int, int]] = {}
    for r, row in enumerate(rows):
        column = 0
        for cell in row.iter("td"):
            while (r, column) in taken:
                column += 1
            where[cell] = (r, column)
            taken |= {
                (r + dr, column + dc)
                for dr in range(_span(cell, "rowspan"))
                for dc in range(_span(cell, "colspan"))
            }
    return where


def _span(cell: HtmlElement, name: str) -> int:
    return int(cell.get(name, "1"))


def _text(cell: HtmlElement) -> str:
    return str(cell.text_content()).strip()


def _figure(cell: HtmlElement) -> bool:
    return cell.get(CELL) is not None


def _figure_row(row: HtmlElement) -> bool:
    return any(_figure(cell) for cell in row.iter("td"))


def _cell(page: HtmlElement, place: Place) -> HtmlElement:
    table, row, cell = place
    return list(tables(page)[table][row].iter("td"))[cell]


def _printed(cells: Iterator[HtmlElement]) -> set[CellKey]:
    return {tuple(c.get(CELL, "").split("|")) for c in cells if _figure(c)}


# --- alterations: where each applies, and what it does there ------------------------------


def _rows(page: HtmlElement) -> list[Place]:
    """Every row of the tables that prints a figure."""
    return [
        (t, r, 0)
        for t, rows in enumerate(tables(page))
        for r, row in enumerate(rows)
        if _figure_row(row)
    ]


def _cut(page: HtmlElement, place: Place) -> set[CellKey]:
    """The row's <tr> cut out, the merged cells around it left as they were."""
    row = tables(page)[place[0]][place[1]]
    lost = _printed(row.iter("td"))
    row.drop_tree()
    return lost


def _dropped(page: HtmlElement, place: Place) -> set[CellKey]:
    """The row deleted as Word deletes it: a merged cell over it one row shorter, a merged
    cell starting in it moved to the next row."""
    rows = tables(page)[place[0]]
    where, r = placed(rows), place[1]
    for cell, (top, column) in where.items():
        span = _span(cell, "rowspan")
        if top < r < top + span or (top == r and span > 1):
            cell.set("rowspan", str(span - 1))
        if top == r and span > 1:
            _put(rows[r + 1], cell, column, where)
    return _cut(page, place)


def _put(
    row: HtmlElement, cell: HtmlElement, column: int, where: dict[HtmlElement, tuple[int, int]]
) -> None:
    """`cell` moved into `row` before the first cell right of `column`."""
    after = next((c for c in row.iter("td") if where[c][1] > column), None)
    if after is None:
        row.append(cell)
    else:
        after.addprevious(cell)


def _repeated(page: HtmlElement, place: Place) -> set[CellKey]:
    """The row printed twice, as Word's copy and paste of a row leaves it: merged cells
    over the row (or starting in it) one row taller."""
    rows = tables(page)[place[0]]
    r = place[1]
    twin = copy.deepcopy(rows[r])
    for cell in [c for c in twin.iter("td") if _span(c, "rowspan") > 1]:
        cell.drop_tree()
    for cell, (top, _) in placed(rows).items():
        span = _span(cell, "rowspan")
        if span > 1 and top <= r < top + span:
            cell.set("rowspan", str(span + 1))
    rows[r].addnext(twin)
    return set()


def _inner_figures(page: HtmlElement) -> list[Place]:
    """Figure cells with a row of their table below them."""
    places = []
    for t, rows in enumerate(tables(page)):
        for cell, (r, _) in placed(rows).items():
            if _figure(cell) and r + _span(cell, "rowspan") < len(rows):
                places.append((t, r, list(rows[r].iter("td")).index(cell)))
    return places


def _rule_lost(page: HtmlElement, place: Place) -> set[CellKey]:
    """The rule under one cell not printed (it wins over its neighbour's in a collapsed
    border, as a faint line is lost whoever drew it)."""
    _cell(page, place).set("style", "border-bottom-style:hidden")
    return set()


def _figure_cells(page: HtmlElement) -> list[Place]:
    """Every cell printing a figure not 0 (the figures marked for a note)."""
    places = []
    for t, rows in enumerate(tables(page)):
        for r, row in enumerate(rows):
            cells = list(row.iter("td"))
            marked = [c for c, cell in enumerate(cells) if _text(cell) not in ("", "0")]
            places += [(t, r, c) for c in marked if _figure(cells[c])]
    return places


def _footnoted(page: HtmlElement, place: Place) -> set[CellKey]:
    """A footnote mark after the figure, raised and smaller (`<sup>`): 「297¹」."""
    cell = _cell(page, place)
    mark = lxml.html.fragment_fromstring("<sup>1</sup>")
    cell.append(mark)
    return set()


def _figure_pairs(page: HtmlElement) -> list[Place]:
    """Figure cells whose right-hand neighbour prints the same figure, one row high each."""
    places = []
    for t, rows in enumerate(tables(page)):
        for r, row in enumerate(rows):
            cells = list(row.iter("td"))
            for c, (left, right) in enumerate(itertools.pairwise(cells)):
                one_high = all(_figure(x) and _span(x, "rowspan") == 1 for x in (left, right))
                if one_high and _text(left) == _text(right):
                    places.append((t, r, c))
    return places


def _figures_merged(page: HtmlElement, place: Place) -> set[CellKey]:
    """The cell and its right-hand neighbour merged, their figure printed once."""
    left = _cell(page, place)
    right = left.getnext()
    left.set("colspan", str(_span(left, "colspan") + _span(right, "colspan")))
    right.drop_tree()
    return set()


def _nonzero_pairs(page: HtmlElement) -> list[Place]:
    """Figure pairs as `_figure_pairs` finds them, their figure not 0."""
    return [p for p in _figure_pairs(page) if _text(_cell(page, p)) not in ("0", "")]


def _stacked(
    page: HtmlElement, pair: Callable[[HtmlElement, HtmlElement, list[HtmlElement], int], bool]
) -> list[Place]:
    """The cells with a cell just below them in their table's grid, the two and the table's
    rows and the upper's row satisfying `pair`."""
    places = []
    for t, rows in enumerate(tables(page)):
        where = placed(rows)
        by_place = {spot: cell for cell, spot in where.items()}
        for cell, (r, column) in where.items():
            below = by_place.get((r + 1, column))
            if below is not None and pair(cell, below, rows, r):
                places.append((t, r, list(rows[r].iter("td")).index(cell)))
    return places


def _figure_stacks(page: HtmlElement, same: bool = True) -> list[Place]:
    """Figure cells one column wide and one row high above another such cell, whose
    figures are the same (`same`), or one of them 0 and the other not."""

    def pair(upper: HtmlElement, lower: HtmlElement, rows: list[HtmlElement], r: int) -> bool:
        if not all(_figure(x) and not _merged(x) for x in (upper, lower)):
            return False
        figures = {_text(upper), _text(lower)}
        return len(figures) == 1 if same else "0" in figures and len(figures) == 2

    return _stacked(page, pair)


def _merged(cell: HtmlElement) -> bool:
    return _span(cell, "rowspan") > 1 or _span(cell, "colspan") > 1


def _nonzero_stacks(page: HtmlElement) -> list[Place]:
    return [p for p in _figure_stacks(page) if _text(_cell(page, p)) != "0"]


def _figures_merged_down(page: HtmlElement, place: Place) -> set[CellKey]:
    """The cell and the one below merged, as Excel's 合并后居中 keeps the upper's value, the
    figure not 0 of the two printed once (the 0 is no longer printed)."""
    upper = _cell(page, place)
    rows = tables(page)[place[0]]
    where = placed(rows)
    lower = next(c for c, spot in where.items() if spot == (place[1] + 1, where[upper][1]))
    zero = [c for c in (upper, lower) if _text(c) == "0" and _text(upper) != _text(lower)]
    lost = _printed(iter(zero))
    if upper in zero:
        upper.text, upper.attrib[CELL] = _text(lower), lower.get(CELL, "")
    upper.set("rowspan", "2")
    lower.drop_tree()
    return lost


def _label_pairs(page: HtmlElement) -> list[Place]:
    """Label cells of a row of figures with another such label just below them."""
    return _stacked(page, _labels_stacked)


def _labels_stacked(
    upper: HtmlElement, lower: HtmlElement, rows: list[HtmlElement], r: int
) -> bool:
    return (
        all(not _figure(c) and _text(c) and _span(c, "rowspan") == 1 for c in (upper, lower))
        and _span(upper, "colspan") == _span(lower, "colspan")
        and _figure_row(rows[r])
        and _figure_row(rows[r + 1])
    )


def _labels_merged(page: HtmlElement, place: Place) -> set[CellKey]:
    """The label cell merged with the one below as Word merges them: one cell over both
    rows holding both labels, the upper first."""
    upper = _cell(page, place)
    rows = tables(page)[place[0]]
    where = placed(rows)
    lower = next(c for c, spot in where.items() if spot == (place[1] + 1, where[upper][1]))
    upper.set("rowspan", "2")
    upper.append(lxml.html.Element("br"))
    upper[-1].tail = _text(lower)
    lower.drop_tree()
    return set()


_TABLE_AT = {"active": 0, "applications": 1, "appeals": 2}  # the page's tables, in order


def _reorderings(moves: str) -> Callable[[HtmlElement], list[Place]]:
    """Each reordering of `moves` (columns or rows) as a place: its table, its header row,
    the reordering's index (in `REORDERINGS`) as the cell."""

    def places(page: HtmlElement) -> list[Place]:
        return [
            (_TABLE_AT[r.table], 0, k)
            for k, r in enumerate(REORDERINGS)
            if r.moves == moves and len(tables(page)) == len(_TABLE_AT)
        ]

    return places


def _reordered(page: HtmlElement, place: Place) -> set[CellKey]:
    """A column moved with its header, or a row with its label: every figure still printed."""
    reorder_html_table(tables(page)[place[0]], REORDERINGS[place[2]])
    return set()


@dataclass(frozen=True)
class Kind:
    name: str
    places: Callable[[HtmlElement], list[Place]]
    alter: Callable[[HtmlElement, Place], set[CellKey]]  # the cells no longer printed
    # The report as altered before it is printed (`index`: which generated report).
    prepare: Callable[[Report, int], Report] = lambda report, index: report


KINDS = (
    Kind("row dropped (Word)", _rows, _dropped),
    Kind("row cut from the HTML", _rows, _cut),
    Kind("row repeated", _rows, _repeated),
    Kind("rule lost under a cell", _inner_figures, _rule_lost),
    Kind("equal figures merged", _figure_pairs, _figures_merged),
    Kind("equal non-zero merged", _nonzero_pairs, _figures_merged, equal_neighbours),
    Kind("labels merged down", _label_pairs, _labels_merged),
    Kind("equal figures merged down", _figure_stacks, _figures_merged_down),
    Kind("equal non-zero merged down", _nonzero_stacks, _figures_merged_down, equal_below),
    Kind("figure and 0 merged down", lambda p: _figure_stacks(p, same=False), _figures_merged_down),
    Kind("footnote mark after a figure", _figure_cells, _footnoted),
    Kind("columns moved (header)", _reorderings("columns"), _reordered),
    Kind("rows moved (labels)", _reorderings("rows"), _reordered),
)
# The smoke (in `make test`): the 2021 report, a row repeated (the labels' check) and a rule
# lost (a cell over two rows), both media: some 25 s of CPU. A cell silently wrong or an
# error false fails it.
SMOKE = ("row repeated", "rule lost under a cell")


# --- reading and scoring ------------------------------------------------------------------


@dataclass
class Case:
    kind: str
    medium: str
    template: str
    report: int
    styled: bool
    where: str
    pages: int = 0
    wrong: list[CellKey] = field(default_factory=list)
    silent: list[CellKey] = field(default_factory=list)
    false_errors: list[str] = field(default_factory=list)
    cpu: float = 0.0


def truth_of(report: Report, lost: set[CellKey]) -> Report:
    """What the altered page says: `report` with the cells it no longer prints blank."""
    data = report.to_json()
    for key in lost:
        _set(data, key, None)
    return Report.model_validate(data)


def false_errors(got: Report, truth: Report) -> list[str]:
    """The reading's errors beyond those the truth itself breaks (one for one)."""
    excused: list[Violation] = [
        (f.rule, f.column) for f in checks.check_report(truth) if f.severity == "error"
    ]
    return [f"{f.rule}:{f.row or ''}:{f.column or ''}" for f in errors_beyond(got, excused)]


def where(page: HtmlElement, place: Place) -> str:
    """The place named for a person reading the bench's output: table, row's label."""
    row = tables(page)[place[0]][place[1]]
    labels = [_text(c)[:14] for c in row.iter("td") if not _figure(c) and _text(c)]
    return f"table {place[0] + 2}, row {place[1]} 「{'/'.join(labels) or '—'}」, cell {place[2]}"


def read_case(case: Case, data: bytes, truth: Report) -> Case:
    started = time.process_time()
    got = read_bytes(data, "altered.pdf")
    case.cpu = time.process_time() - started
    case.pages = len(pypdfium2.PdfDocument(data))
    case.wrong = wrong_cells(got, truth)
    case.silent = silently_wrong(got, truth)
    case.false_errors = false_errors(got, truth)
    return case


def alterations(kind: Kind, page: HtmlElement, index: int, every: bool) -> list[Place]:
    places = kind.places(page)
    if every or not places:
        return places
    return [random.Random(f"{kind.name}/{index}").choice(places)]


def libreoffice_pdfs_of(pages: list[str]) -> list[bytes]:
    """The pages printed by LibreOffice in one run, their tables ruled as Writer's HTML
    import rules them (by the `border` attribute; it leaves the CSS borders out). A merged
    cell a page break cuts is ruled on both pages."""
    ruled = [page.replace("<table", '<table border="1" cellspacing="0"') for page in pages]
    return libreoffice_pdfs([page.encode() for page in ruled], suffix="html")


PRINTERS: dict[str, Callable[[list[str]], list[bytes]]] = {
    "weasyprint": lambda pages: [weasyprint_pdf(page) for page in pages],
    "libreoffice": libreoffice_pdfs_of,
}


def measure(
    kinds: list[Kind],
    media: list[str],
    n: int,
    every: bool,
    templates: tuple[catalog.TemplateId, ...] = catalog.TEMPLATES,
    printer: str = "weasyprint",
) -> Iterator[Case]:
    for template in templates:
        for index in range(n):
            report = report_from_rng(random.Random(2000 + index), template)
            styled = index % 2 == 1
            for kind in kinds:
                prepared = kind.prepare(report, index)
                altered = []  # each alteration's place named, truth, page: printed at once
                for place in alterations(kind, tagged_page(prepared, styled), index, every):
                    page = tagged_page(prepared, styled)
                    named = where(page, place)
                    truth = truth_of(prepared, kind.alter(page, place))
                    html = lxml.html.tostring(page, encoding="unicode", doctype="<!DOCTYPE html>")
                    altered.append((named, truth, html))
                pdfs = PRINTERS[printer]([html for _, _, html in altered])
                for (named, truth, _), pdf in zip(altered, pdfs, strict=True):
                    for medium in media:
                        data = pdf if medium == "pdf" else print_and_scan(pdf, seed=index)
                        yield read_case(
                            Case(kind.name, medium, template, index, styled, named), data, truth
                        )


def summary(cases: list[Case]) -> None:
    head = ("cases", "pages", "wrong", "silent", "false", "cpu/page")
    print(f"{'alteration':26} {'medium':6} " + " ".join(f"{h:>6}" for h in head))
    groups: dict[tuple[str, str], list[Case]] = {}
    for case in cases:
        groups.setdefault((case.kind, case.medium), []).append(case)
    for (kind, medium), group in groups.items():
        pages = sum(c.pages for c in group)
        wrong, silent = sum(len(c.wrong) for c in group), sum(len(c.silent) for c in group)
        false = sum(len(c.false_errors) for c in group)
        cpu = sum(c.cpu for c in group) / max(pages, 1)
        figures = (len(group), pages, wrong, silent, false)
        print(f"{kind:26} {medium:6} " + " ".join(f"{f:6}" for f in figures) + f" {cpu:8.2f}")
    for case in cases:
        if case.silent or case.false_errors:
            report = f"{case.template} #{case.report}{' styled' if case.styled else ''}"
            print(f"- {case.kind}, {case.medium}, {report}, {case.where}:")
            print(f"  silent {case.silent}, false {case.false_errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3, help="generated reports per template")
    parser.add_argument(
        "--all", action="store_true", help="every place of each kind, not one drawn"
    )
    parser.add_argument("--smoke", action="store_true", help="one 2021 report, two kinds")
    parser.add_argument("--only", default="", help="the kinds whose names start so (a,b)")
    parser.add_argument("--media", default="pdf,scan", help="pdf (the text layer), scan, or both")
    parser.add_argument(
        "--printer", choices=sorted(PRINTERS), default="weasyprint", help="what prints the pages"
    )
    parser.add_argument("--json", type=Path, help="write every case's figures here")
    args = parser.parse_args()
    kinds = [k for k in KINDS if not args.smoke or k.name in SMOKE]
    if args.only:
        kinds = [k for k in kinds if k.name.startswith(tuple(args.only.split(",")))]
    media, templates = args.media.split(","), ("2021",) if args.smoke else catalog.TEMPLATES
    n = 1 if args.smoke else args.n
    cases = list(measure(kinds, media, n, args.all, templates, args.printer))
    summary(cases)
    if args.smoke and any(c.silent or c.false_errors for c in cases):
        sys.exit("altered --smoke: a cell silently wrong or an error false (listed above)")
    if args.json:
        args.json.write_text(json.dumps([asdict(c) for c in cases], ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
