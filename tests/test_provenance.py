"""Each cell's provenance points at the place its value is printed, in every format."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import lxml.html
import openpyxl
import pdfplumber
import pytest
from hypothesis import given, settings

from gongkai.catalog import APPLICATION_ROWS, COLUMN_IDS
from gongkai.cells import BALANCE_ROWS, cell_value
from gongkai.model import CellSource, Report
from gongkai.readers import read_bytes, read_path
from gongkai.readers.decode import bytes_to_text
from gongkai.readers.limits import DEFAULT_LIMITS
from gongkai.readers.pages import page_count, page_points
from gongkai.readers.provenance import source_lines
from gongkai.render import render
from gongkai.render.text import LAYOUTS, Layout, render_text
from tests.support.reports import consistent_reports
from tests.support.variants import headers_as_th, turned_pdf

FIXTURES = Path(__file__).parent / "fixtures"
TEXTS = sorted(
    [
        *(FIXTURES / "seeds").glob("*.txt"),
        *(FIXTURES / "layouts").glob("*.txt"),
        *(FIXTURES / "pdftotext").glob("*.txt"),
    ]
)
# Crawler text with its markup left in: normalising it changes its lines, so its cells
# carry no provenance rather than a wrong one.
WITHOUT_LINES = {"000-html-residue.txt"}


def _printed(value: Any) -> str:
    return "" if value is None else str(value)


def _text_mismatches(report: Report, text: str) -> list[str]:
    """Cells whose span does not hold their value: the value itself, or for a run of glued
    digits that the reader split, the run the value's digits came from."""
    lines = source_lines(text)
    data = report.model_dump(mode="json")
    wrong = []
    for name, where in (report.provenance or {}).items():
        value = cell_value(data, name)[2]
        assert where.get("line") is not None, name
        if where.get("start") is None:
            continue
        span = lines[where["line"] - 1][where["start"] : where.get("end")].replace(",", "")
        # a glued run may hold a signed figure of table 二 (「0-41041」: 0, -4, 1041)
        glued = span.replace("-", "").isdigit() and value is not None and _printed(value) in span
        if span != _printed(value) and not glued:
            wrong.append(f"{name}: {value!r} at {span!r}")
    return wrong


def _cells(report: Report) -> int:
    data = report.model_dump(mode="json")
    active = sum(len(fields) for fields in data["active"].values())
    applications = sum(len(row) for row in data["applications"]["rows"].values())
    return active + applications + 15


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_cells_point_at_their_printed_value(path: Path) -> None:
    report = read_path(path)
    text, _ = bytes_to_text(path.read_bytes())
    assert _text_mismatches(report, text) == []
    if path.name in WITHOUT_LINES:
        assert report.provenance == {}
    else:
        spans = [w for w in (report.provenance or {}).values() if "start" in w]
        assert len(spans) >= 0.9 * _cells(report)


@pytest.mark.parametrize("layout", LAYOUTS)
@given(report=consistent_reports())
@settings(max_examples=15, deadline=None)
def test_every_text_layout_traces_cells_to_their_text(layout: Layout, report: Report) -> None:
    text = render_text(report, layout)
    back = read_bytes(text.encode())
    assert _text_mismatches(back, text) == []
    assert len(back.provenance or {}) == _cells(back)


def test_a_blank_cell_keeps_its_line_and_no_span() -> None:
    report = read_path(FIXTURES / "seeds" / "000_8d68b7645fe2b4af.txt")
    data = report.model_dump(mode="json")
    blanks = [n for n in report.provenance or {} if cell_value(data, n)[2] is None]
    assert blanks
    for name in blanks:
        where = (report.provenance or {})[name]
        assert (where.get("line") is not None, where.get("start"), where.get("end")) == (
            True,
            None,
            None,
        )


# ------------------------------------------------------------------ structured formats


def _xlsx_reader(data: bytes) -> Callable[[CellSource], str]:
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)

    def read(where: CellSource) -> str:
        sheet, address = where["address"].rsplit("!", 1)
        return _printed(book[sheet.strip("'")][address].value)

    return read


def _docx_reader(data: bytes) -> Callable[[CellSource], str]:
    tables = docx.Document(io.BytesIO(data)).tables

    def read(where: CellSource) -> str:
        table, row, column = where["table"], where["row"], where["column"]
        assert where["address"] == f"Table{table}!{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[column - 1]}{row}"
        return str(tables[table - 1].cell(row - 1, column - 1).text)

    return read


def _html_reader(data: bytes) -> Callable[[CellSource], str]:
    tree = lxml.html.document_fromstring(data.decode()).getroottree()

    def read(where: CellSource) -> str:
        found: Any = tree.xpath(where["path"])
        (element,) = found
        return str(element.text_content())

    return read


def _pdf_reader(data: bytes) -> Callable[[CellSource], str]:
    pdf = pdfplumber.open(io.BytesIO(data))

    def read(where: CellSource) -> str:
        return str(pdf.pages[where["page"] - 1].within_bbox(where["box"]).extract_text())

    return read


READERS = {"xlsx": _xlsx_reader, "docx": _docx_reader, "html": _html_reader, "pdf": _pdf_reader}
_BLANK_MARKS = ("", "-", "—")


def _file_mismatches(report: Report, target: str) -> list[str]:
    """Render the report, read it back, and read each cell where its provenance says."""
    data = render(report, target)
    back = read_bytes(data)
    assert back.provenance is not None and len(back.provenance) == _cells(back)
    read = READERS[target](data)
    values = back.model_dump(mode="json")
    wrong = []
    for name, where in back.provenance.items():
        value = cell_value(values, name)[2]
        found = " ".join(read(where).split()).replace(",", "")
        if not _reads_as(found, value):
            wrong.append(f"{name}: {value!r} at {found!r}")
    return wrong


def _reads_as(found: str, value: Any) -> bool:
    """The text at a cell's place is its value: a blank as empty or a dash, an amount of
    money to the same figure (a sheet stores 66472.909 where 66472.9090 is shown)."""
    if value is None:
        return found in _BLANK_MARKS
    if isinstance(value, str):
        return Decimal(found) == Decimal(value)
    return found == str(value)


@pytest.mark.parametrize("target", ["xlsx", "docx", "html", "pdf"])
@pytest.mark.parametrize(
    "path", sorted((FIXTURES / "seeds").glob("*.txt")), ids=lambda p: p.stem[:3]
)
def test_seed_rendered_and_read_back_points_at_each_printed_cell(path: Path, target: str) -> None:
    assert _file_mismatches(read_path(path), target) == []


@pytest.mark.parametrize("target", ["xlsx", "docx", "html"])
@given(report=consistent_reports())
@settings(max_examples=10, deadline=None)
def test_every_format_traces_cells_to_their_address(target: str, report: Report) -> None:
    assert _file_mismatches(report, target) == []


@given(report=consistent_reports())
@settings(max_examples=3, deadline=None)
def test_pdf_cells_hold_their_value_inside_their_box(report: Report) -> None:
    assert _file_mismatches(report, "pdf") == []


# ------------------------------------------------------------------ names and findings


def test_findings_name_the_cells_they_are_about() -> None:
    report = read_path(FIXTURES / "seeds" / "004_dcba8a3c48a24b57.txt")
    balance = [f.cells for f in report.findings or [] if f.rule == "applications.balance"]
    assert balance == [
        [f"applications.{row}.{column}" for row in BALANCE_ROWS]
        for column in ("natural_person", "total")
    ]
    named = [name for f in report.findings or [] for name in f.cells or []]
    assert named and all(name in (report.provenance or {}) for name in named)


# ------------------------------------------------------------------ places a person reads


def _grid_place(report: Report, name: str) -> tuple[int, int, int]:
    """Where table 三 prints an applications cell: its second table, below three rows of
    headers, right of three columns of labels, rows and columns in the template's order."""
    row, column = name.removeprefix("applications.").rsplit(".", 1)
    rows = [r.id for r in APPLICATION_ROWS[report.template]]
    return 2, 4 + rows.index(row), 4 + COLUMN_IDS.index(column)


@pytest.mark.parametrize("seed", ["000", "004"])
def test_html_cells_carry_their_grid_row_and_column_among_th_and_spans(seed: str) -> None:
    (path,) = (FIXTURES / "seeds").glob(f"{seed}_*.txt")
    report = read_path(path)
    page = headers_as_th(render(report, "html").decode())
    assert "<th" in page and "colspan" in page and "rowspan" in page
    back = read_bytes(page.encode())
    places = {
        name: (where.get("table"), where.get("row"), where.get("column"))
        for name, where in (back.provenance or {}).items()
        if name.startswith("applications.")
    }
    assert places and places == {name: _grid_place(back, name) for name in places}


@pytest.mark.parametrize(("rotation", "shown"), [(90, True), (270, True), (90, False)])
def test_a_turned_pdf_page_boxes_cells_as_the_upright_page_shows_them(
    rotation: int, shown: bool
) -> None:
    plain = render(read_path(FIXTURES / "seeds" / "000_8d68b7645fe2b4af.txt"), "pdf")
    turned = turned_pdf(plain, rotation, shown)
    upright, stored = read_bytes(plain).provenance or {}, read_bytes(turned).provenance or {}
    assert len(stored) == len(upright) == _cells(read_bytes(plain))
    for name, where in upright.items():
        assert stored[name]["page"] == where["page"]
        assert stored[name]["box"] == pytest.approx(where["box"], abs=0.05), name
    for number in range(1, page_count(plain, DEFAULT_LIMITS) + 1):
        assert page_points(turned, number, DEFAULT_LIMITS) == pytest.approx(
            page_points(plain, number, DEFAULT_LIMITS)
        )
