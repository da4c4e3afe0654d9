"""PDFs whose tables are pictures pasted among the text (prose written in Word or WPS, a
table pasted as a screenshot, exported to PDF): the pictures are read by OCR and put in
their place among the text, which is kept. Slow (OCR): a few pages."""

from __future__ import annotations

import io
import random
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from gongkai import messages
from gongkai.grid import Block, Origin, TracedGrid, TracedLine, page_origin
from gongkai.model import Finding, Report
from gongkai.readers import read_bytes
from gongkai.readers.pasted import Placed, block_top, merged
from gongkai.readers.pdf import pdf_to_pages
from gongkai.readers.pdfpage import Char
from gongkai.readers.textlayer import pictures_to_read
from gongkai.render import render
from tests.support.corpus.pasted import pasted, pdf_tables
from tests.support.corpus.scoring import ItemScore, score_cells
from tests.support.corpus.textlayers import _CJK_FONT, _load_font, _saved
from tests.support.reports import consistent_reports, printed_2021

_A4 = (595.0, 842.0)
_TABLE = [["项目", "本年新收", "上年结转"], ["自然人", "12", "3"], ["法人", "45", "0"]]
_ABOVE, _BELOW = "一、总体情况本年共收到申请57件。", "二、其他情况本年无收费。"
_PICTURE = (90.0, 300.0, 505.0, 420.0)  # left, top, right, bottom: points from the top-left


def _table_picture(size: tuple[float, float], dpi: int) -> bytes:
    """A ruled table drawn as a screenshot of a sheet would show it, as JPEG."""
    scale = dpi / 72
    width, height = round(size[0] * scale), round(size[1] * scale)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(_CJK_FONT, round(10.5 * scale))
    rows, columns = len(_TABLE), len(_TABLE[0])
    margin = round(8 * scale)
    row_h, col_w = (height - 2 * margin) / rows, (width - 2 * margin) / columns
    for i in range(rows + 1):
        y = margin + i * row_h
        draw.line([(margin, y), (width - margin, y)], fill="black", width=2)
    for j in range(columns + 1):
        x = margin + j * col_w
        draw.line([(x, margin), (x, height - margin)], fill="black", width=2)
    for i, row in enumerate(_TABLE):
        for j, text in enumerate(row):
            middle = (margin + (j + 0.5) * col_w, margin + (i + 0.5) * row_h)
            draw.text(middle, text, fill="black", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _draw_text(document: Any, page: Any, font: Any, text: str, top: float) -> None:
    """A visible line of 12-point text whose top is `top` points from the page's top."""
    line = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, 12.0)
    encoded = (text + "\0").encode("utf-16-le")
    pdfium_c.FPDFText_SetText(
        line, (pdfium_c.c_ushort * (len(encoded) // 2)).from_buffer_copy(encoded)
    )
    pdfium_c.FPDFPageObj_Transform(line, 1, 0, 0, 1, 90.0, _A4[1] - top - 12.0)
    pdfium_c.FPDFPage_InsertObject(page.raw, line)


def _page_with_a_picture(box: tuple[float, float, float, float], dpi: int = 175) -> bytes:
    """One A4 page: a line of prose, a table pasted as a picture in `box`, a line below."""
    document = pypdfium2.PdfDocument.new()
    try:
        page = document.new_page(*_A4)
        font = _load_font(document, _ABOVE + _BELOW)
        _draw_text(document, page, font, _ABOVE, box[1] - 40)
        size = (box[2] - box[0], box[3] - box[1])
        image = pypdfium2.PdfImage.new(document)
        image.load_jpeg(io.BytesIO(_table_picture(size, dpi)), inline=False)
        image.set_matrix(pypdfium2.PdfMatrix().scale(*size).translate(box[0], _A4[1] - box[3]))
        page.insert_obj(image)
        _draw_text(document, page, font, _BELOW, box[3] + 30)
        page.gen_content()
        return _saved(document)
    finally:
        document.close()


def _shown(block: Block) -> Any:
    if isinstance(block, TracedGrid):
        return block.grid
    assert isinstance(block, TracedLine)
    return block.text.replace(" ", "")


def test_a_table_pasted_as_a_picture_is_read_in_its_place() -> None:
    pages = pdf_to_pages(_page_with_a_picture(_PICTURE))
    assert pages.relayered == {0: "pictures"}
    assert [_shown(block) for block in pages.blocks] == [_ABOVE, _TABLE, _BELOW]
    grid = pages.blocks[1]
    assert isinstance(grid, TracedGrid)
    left, top, right, bottom = _PICTURE
    for origin in (o for row in grid.origins for o in row if o is not None):
        assert origin.page == 1 and origin.box is not None
        x0, y0, x1, y1 = origin.box
        assert left - 1 <= x0 < x1 <= right + 1 and top - 1 <= y0 < y1 <= bottom + 1


def test_a_picture_too_small_for_a_table_is_not_read() -> None:
    """A seal, a logo or a QR code beside the prose (a fifth of the page wide)."""
    pages = pdf_to_pages(_page_with_a_picture((90.0, 300.0, 200.0, 420.0)))
    assert pages.relayered == {}
    assert [_shown(block) for block in pages.blocks] == [_ABOVE, _BELOW]


# ----------------------------------------------------------------------- whole reports


def _said(finding: Finding) -> tuple[Any, ...]:
    """What a finding says, not where in the text it was read (OCR's lines are not the
    text layer's)."""
    if finding.rule == "parse.text_layer":
        return (finding.rule, finding.severity, finding.page, finding.message)
    keys = ("row", "column", "group", "expected", "found")
    return (finding.rule, finding.severity, *(getattr(finding, k) for k in keys))


def _pictured_pages(pdf: bytes, picked: set[int]) -> list[int]:
    return sorted(
        {index + 1 for number, (index, _) in enumerate(pdf_tables(pdf)) if number in picked}
    )


def _note(page: int) -> tuple[Any, ...]:
    why = messages.TEXT_LAYER_WHY["pictures"]
    return ("parse.text_layer", "warning", page, messages.TEXT_LAYER.format(page=page, why=why))


def _assert_read_as_printed(report: Report, pdf: bytes, picked: set[int]) -> None:
    """Every cell as printed; findings: a note on each page with a picture read, then
    those of the PDF printed with its tables as text, and at most more doubt (`parse.*`
    warnings: a table cut by a page break whose open cells the scan reader cannot close
    is read with its rows in doubt, never wrong in silence)."""
    read, truth = read_bytes(pasted(pdf, picked, random.Random(7))), read_bytes(pdf)
    for table in ("active", "applications", "appeals"):
        assert read.to_json()[table] == report.to_json()[table], table
    notes = [_note(page) for page in _pictured_pages(pdf, picked)]
    expected = notes + [_said(f) for f in truth.findings or []]
    said = [_said(f) for f in read.findings or []]
    assert [s for s in said if s in expected or not _doubt(s)] == expected


def _doubt(said: tuple[Any, ...]) -> bool:
    return str(said[0]).startswith("parse.") and said[1] == "warning"


@pytest.mark.parametrize(
    ("wrong", "way"),
    [(False, "first"), (True, "every other"), (False, "all")],
    ids=["one-table-consistent", "several-inconsistent", "all-consistent"],
)
def test_a_report_with_tables_pasted_reads_as_printed(wrong: bool, way: str) -> None:
    report, pdf = printed_2021(21, wrong)
    tables = range(len(pdf_tables(pdf)))
    picked = {"first": {0}, "every other": set(tables[1::2]), "all": set(tables)}[way]
    _assert_read_as_printed(report, pdf, picked)


# Each example is a report printed, pasted and read by OCR (seconds): a few, not shrunk.
@settings(
    max_examples=3,
    deadline=None,
    phases=(Phase.generate,),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(consistent_reports(), st.integers(0, 2**16), st.randoms(use_true_random=False))
def test_pasted_tables_never_yield_a_silently_wrong_cell(
    report: Report, seed: int, rng: random.Random
) -> None:
    pdf = bytes(render(report, "pdf"))
    picked = {number for number in range(len(pdf_tables(pdf))) if rng.random() < 0.5}
    read = read_bytes(pasted(pdf, picked, random.Random(seed)))
    score = ItemScore("pasted.pdf", "pdf.pastedtables")
    score_cells(score, report.to_json(), read.to_json(), [])
    assert score.silent == []
    assert [f for f in read.findings or [] if f.severity == "error"] == []


# --------------------------------------------------------------- the decision and merge


def _char(x: float, y: float, text: str = "字") -> Char:
    return Char(text, x, y, x + 10, y + 10, 0, y + 10)


_boxes = st.tuples(st.floats(0, 590), st.floats(0, 830), st.floats(1, 595), st.floats(1, 842)).map(
    lambda b: (b[0], b[1], b[0] + b[2], b[1] + b[3])
)


@given(
    st.lists(_boxes, max_size=6),
    st.lists(st.tuples(st.floats(0, 595), st.floats(0, 842)), max_size=30),
)
def test_a_picture_read_is_table_sized_apart_and_under_no_text(
    pictures: list[tuple[float, float, float, float]], at: list[tuple[float, float]]
) -> None:
    chars = [_char(x, y) for x, y in at]
    read = pictures_to_read(tuple(pictures), chars, 595.0)
    assert [p[1] for p in read] == sorted(p[1] for p in read)
    for picture in read:
        left, top, right, bottom = picture
        assert picture in pictures
        assert right - left >= 0.4 * 595.0 and bottom - top >= 28.0
        for char in chars:
            x, y = (char.left + char.right) / 2, (char.top + char.bottom) / 2
            assert not (left + 2 < x < right - 2 and top + 2 < y < bottom - 2)
        for other in read:
            x, y = (other[0] + other[2]) / 2, (other[1] + other[3]) / 2
            assert other == picture or not (left <= x <= right and top <= y <= bottom)


def test_a_picture_with_text_over_it_is_not_read_twice() -> None:
    table = (90.0, 300.0, 505.0, 420.0)
    assert pictures_to_read((table,), [_char(100, 100)], 595.0) == [table]
    assert pictures_to_read((table,), [_char(100, 100), _char(200, 350)], 595.0) == []
    assert pictures_to_read((table, (95.0, 305.0, 500.0, 415.0)), [], 595.0) == [table]


def _line(text: str, top: float) -> TracedLine:
    return TracedLine(text, [(0, len(text), page_origin(1, (90.0, top, 300.0, top + 12)))])


@given(
    st.lists(st.floats(0, 800), max_size=8).map(sorted),
    st.lists(st.floats(0, 800), min_size=1, max_size=3),
)
def test_pictures_go_among_the_text_at_their_top(tops: list[float], pictures: list[float]) -> None:
    """The text keeps its order; each picture's blocks come together, after the text
    above the picture's top and before the text below it."""
    text: list[Block] = [_line(f"行{i}", top) for i, top in enumerate(tops)]
    read: list[tuple[Placed, list[Block]]] = [
        ((90.0, top, 500.0, top + 100), [_line(f"图{j}", top + 5), _line("表", top + 20)])
        for j, top in enumerate(pictures)
    ]
    out = [id(block) for block in merged(text, read)]
    assert [i for i in out if i in {id(b) for b in text}] == [id(b) for b in text]
    assert len(out) == len(text) + 2 * len(read)
    for box, blocks in read:
        at = out.index(id(blocks[0]))
        assert out[at : at + len(blocks)] == [id(b) for b in blocks]
        before = set(out[:at])
        assert [id(b) in before for b in text] == [top < box[1] for top in tops]


def test_block_top_is_its_highest_placed_piece() -> None:
    grid = TracedGrid([["a", "b"]], [[None, page_origin(1, (0.0, 40.0, 1.0, 50.0))]])
    assert block_top(grid) == 40.0
    assert block_top(TracedLine("x", [(0, 1, Origin(page=1))])) is None
    assert block_top("\f") is None
