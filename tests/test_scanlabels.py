"""The template's labels of a scanned table, taken from its ruling instead of read: only
where one run of the template's rows has the table's cells (gongkai.readers.scanlabels)."""

from __future__ import annotations

import difflib
import functools
import random
import unicodedata

import numpy as np
import pypdfium2
import pytest

from gongkai import catalog
from gongkai.grid import SpanCell, place_spans
from gongkai.readers import scancells, scangrid
from gongkai.readers.scanlabels import known_labels
from gongkai.render import render
from gongkai.render.layout import active_rows, appeals_rows, applications_rows
from tests.support.reports import report_from_rng

_REPORT = report_from_rng(random.Random(11), "2021")


def _table(rows: list[list[SpanCell]], first: int, last: int) -> scangrid.Table:
    """Rows first..last-1 of a printed table as a page holds them, cells cut at its edges."""
    cells = []
    for row, column, cell in place_spans(rows):
        top, end = max(row, first), min(row + cell.rowspan, last)
        if top < end:
            cells.append(scangrid.Cell(top - first, column, end - top, cell.colspan, 0, 0, 0, 0))
    width = max(c.column + c.colspan for c in cells)
    return scangrid.Table(
        0, 0, 0, 0, tuple(range(last - first + 1)), tuple(range(width + 1)), tuple(cells)
    )


def _labels(rows: list[list[SpanCell]], first: int, last: int) -> dict[tuple[int, int], str]:
    return {
        (row - first, column): cell.text
        for row, column, cell in place_spans(rows)
        if not cell.number and first <= row and row + cell.rowspan <= last
    }


def test_a_whole_template_table_has_every_label_known() -> None:
    for rows in (applications_rows(_REPORT), appeals_rows(_REPORT)):
        want = _labels(rows, 0, len(rows))
        assert known_labels(_table(rows, 0, len(rows))) == want
        assert (
            catalog.APPLICANT_HEADER in want.values() or catalog.LITIGATION_HEADER in want.values()
        )


def test_a_table_cut_by_a_page_has_the_labels_wholly_on_the_page_known() -> None:
    rows = applications_rows(_REPORT)
    for first, last in ((0, 9), (9, len(rows))):
        known = known_labels(_table(rows, first, last))
        assert known == _labels(rows, first, last) and known
    group = next(c for _, _, c in place_spans(rows) if c.text == catalog.GROUP_RESULTS)
    assert group.text not in known_labels(_table(rows, 9, len(rows))).values()


def test_rows_printed_alike_in_several_places_have_no_label_known() -> None:
    rows = applications_rows(_REPORT)
    # 一、本年新收 and 二、上年结转: a label over three columns and seven numbers, as
    # 四、结转下年度 is with the table's header repeated above it.
    assert known_labels(_table(rows, 3, 5)) == {}
    active = active_rows(_REPORT)
    # Two rows of a label and three numbers: blocks (一), (五) and (六) of table 二.
    assert [len(row) for row in active[2:4]] == [4, 4]
    assert known_labels(_table(active, 2, 4)) == {}


def test_a_table_the_templates_do_not_print_has_no_label_known() -> None:
    rows = appeals_rows(_REPORT)
    other = [row[:-1] for row in rows[1:]]
    assert known_labels(_table(rows[1:], 0, 3)) != {}
    assert (
        known_labels(_table([[SpanCell("a", colspan=2)], [SpanCell("b"), SpanCell("c")]], 0, 2))
        == {}
    )
    assert known_labels(_table(other, 0, len(other))) == {}


def test_the_labels_known_from_a_printed_page_are_the_words_printed_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = [_page_tables(index) for index in range(len(pypdfium2.PdfDocument(_pdf())))]
    proven = [[known_labels(table) for table in tables] for _, tables in pages]
    monkeypatch.setattr(scancells, "known_labels", lambda table: {})  # every cell read
    compared = 0
    for (page, tables), labels in zip(pages, proven):
        grids = scancells.read_tables(page, scangrid.binarise(page), tables)
        for grid, known in zip(grids, labels):
            for (row, column), text in known.items():
                got = _plain(grid[row][column])
                assert difflib.SequenceMatcher(None, _plain(text), got).ratio() >= 0.8, (text, got)
                compared += 1
    assert compared > 30  # tables 二 and 四 (table 三 of this report is ruled otherwise)


@functools.cache
def _pdf() -> bytes:
    return render(_REPORT, "pdf")


def _page_tables(index: int) -> tuple[np.ndarray, list[scangrid.Table]]:
    document = pypdfium2.PdfDocument(_pdf())
    page = np.array(document[index].render(scale=200 / 72, grayscale=True).to_pil().convert("L"))
    document.close()
    return page, scangrid.find_tables(scangrid.find_rules(scangrid.binarise(page)))


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())
