"""PDFs whose text layer lies about the page (a scan's own OCR text, fonts with broken
maps) are read from the page's picture, and say so; honest pages keep their text. Slow
(OCR): a few reports, each page read twice at most."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gongkai import messages
from gongkai.model import Finding, Report
from gongkai.readers import ocr, read_bytes
from gongkai.readers.textlayer import LayerSigns, page_layer
from gongkai.render import render
from gongkai.render.html import render_html
from tests.support.corpus.producers import weasyprint_pdf
from tests.support.corpus.scoring import ItemScore, score_cells
from tests.support.corpus.textlayers import broken_fonts, digits_scrambled, ocr_layer
from tests.support.reports import consistent_reports, printed_2021, report_from_rng
from tests.support.scans import scan_pdf

_TABLES = ("active", "applications", "appeals")


def _pages(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def _notes(pdf: bytes, why: str) -> list[tuple[Any, ...]]:
    return [
        ("parse.text_layer", "warning", page, messages.TEXT_LAYER_WHY[why])
        for page in range(1, _pages(pdf) + 1)
    ]


def _said(finding: Finding) -> tuple[Any, ...]:
    """What a finding says, not where in the text it was read (OCR's lines are not the
    text layer's)."""
    if finding.rule == "parse.text_layer":
        assert finding.page is not None
        why = next(w for w in messages.TEXT_LAYER_WHY.values() if w in finding.message)
        return (finding.rule, finding.severity, finding.page, why)
    keys = ("row", "column", "group", "expected", "found")
    return (finding.rule, finding.severity, *(getattr(finding, k) for k in keys))


def _assert_read_as_printed(lying: bytes, honest: bytes, report: Report, why: str) -> None:
    """Every cell as printed; findings: one note per page, then those of the `honest` PDF
    (the same pages without their lying layer)."""
    read, truth = read_bytes(lying), read_bytes(honest)
    for table in _TABLES:
        assert read.to_json()[table] == report.to_json()[table], table
    assert [_said(f) for f in read.findings or []] == _notes(lying, why) + [
        _said(f) for f in truth.findings or []
    ]


@pytest.mark.parametrize("wrong", [False, True], ids=["consistent", "inconsistent"])
def test_a_scan_with_its_vendors_ocr_layer_is_read_from_its_picture(wrong: bool) -> None:
    report, pdf = printed_2021(11, wrong)
    scan = scan_pdf(pdf, dpi=200, seed=1)
    _assert_read_as_printed(ocr_layer(scan, pdf, seed=5), scan, report, "scan")


@pytest.mark.parametrize("seed", [3, 0], ids=["maps-removed", "maps-scrambled"])
def test_a_pdf_whose_fonts_lost_their_maps_is_read_from_its_picture(seed: int) -> None:
    report, pdf = printed_2021(12, True)
    _assert_read_as_printed(broken_fonts(pdf, seed), _pictured(pdf), report, "broken")


def test_a_pdf_whose_fonts_give_other_digits_is_read_from_its_picture() -> None:
    report, pdf = printed_2021(12, True)
    lying = digits_scrambled(pdf, 4)
    _assert_read_as_printed(lying, _pictured(pdf), report, "digits")


def _pictured(pdf: bytes) -> bytes:
    """`pdf` with each page replaced by its picture at the OCR's resolution, stored
    losslessly: the pixels the reader's OCR sees of it, in a PDF without text."""
    source = pypdfium2.PdfDocument(pdf)
    pages = [page.render(scale=ocr.DPI / 72) for page in source]
    pictured = pypdfium2.PdfDocument.new()
    try:
        for index, bitmap in enumerate(pages):
            width, height = source.get_page_size(index)
            page = pictured.new_page(width, height)
            _draw(pictured, page, bitmap, (width, height), first=False)
        return _saved(pictured)
    finally:
        pictured.close()
        source.close()


def _behind(pdf: bytes) -> bytes:
    """`pdf` with a grey picture over each whole page drawn first (under the text: a
    letterhead's background)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            bitmap = pypdfium2.PdfBitmap.new_native(8, 8, pdfium_c.FPDFBitmap_BGR)
            bitmap.fill_rect((230, 230, 230, 255), 0, 0, 8, 8)
            _draw(document, page, bitmap, page.get_size(), first=True)
        return _saved(document)
    finally:
        document.close()


def _draw(document: Any, page: Any, bitmap: Any, size: tuple[float, float], first: bool) -> None:
    picture = pdfium_c.FPDFPageObj_NewImageObj(document.raw)
    pdfium_c.FPDFImageObj_SetBitmap(None, 0, picture, bitmap.raw)
    pdfium_c.FPDFImageObj_SetMatrix(picture, size[0], 0, 0, size[1], 0, 0)
    if first:
        pdfium_c.FPDFPage_InsertObjectAtIndex(page.raw, picture, 0)
    else:
        pdfium_c.FPDFPage_InsertObject(page.raw, picture)
    pdfium_c.FPDFPage_GenerateContent(page.raw)


def _saved(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_text_page_over_a_picture_keeps_its_text() -> None:
    _, pdf = printed_2021(13, False)
    read, truth = read_bytes(_behind(pdf)), read_bytes(pdf)
    assert read.to_json() == truth.to_json() | {"source": read.to_json()["source"]}
    assert not any(f.rule == "parse.text_layer" for f in read.findings or [])


_LIES: dict[str, Callable[[bytes, int], bytes]] = {
    "scan.ocrlayer": lambda pdf, seed: ocr_layer(scan_pdf(pdf, 200, seed), pdf, seed),
    "pdf.badfonts": broken_fonts,
    "pdf.baddigits": digits_scrambled,
}


# Each example is a report printed, broken and read by OCR (seconds): a few, not shrunk.
@settings(
    max_examples=3,
    deadline=None,
    phases=(Phase.generate,),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(consistent_reports(), st.integers(0, 2**16), st.sampled_from(sorted(_LIES)))
def test_a_lying_text_layer_never_yields_a_silently_wrong_cell(
    report: Report, seed: int, family: str
) -> None:
    pdf = bytes(render(report, "pdf"))
    score = ItemScore("lying.pdf", family)
    score_cells(score, report.to_json(), read_bytes(_LIES[family](pdf, seed)).to_json(), [])
    assert score.silent == []


def _signs(**changed: Any) -> LayerSigns:
    honest = LayerSigns(
        texts=120, unseen=0, covered=0.0, chars=900, unmapped=0, cjk=600, keywords=True, table=True
    )
    return LayerSigns(**(honest.__dict__ | changed))


@pytest.mark.parametrize(
    ("changed", "layer"),
    [
        ({}, "text"),
        ({"covered": 1.0}, "text"),  # a background picture under visible text
        ({"unseen": 120}, "text"),  # invisible text with no picture to read instead
        ({"covered": 0.95, "unseen": 120}, "scan"),
        ({"covered": 0.3, "unseen": 120}, "text"),  # a picture table beside hidden text
        ({"unmapped": 400}, "broken"),
        ({"keywords": False}, "broken"),
        ({"keywords": False, "cjk": 0}, "text"),  # a table in Latin letters and figures
        ({"keywords": False, "cjk": 20, "table": False}, "text"),  # a few words
        ({"keywords": False, "cjk": 200, "table": False}, "broken"),
        ({"digits": "misdrawn"}, "digits"),
        ({"digits": "undrawn"}, "undrawn"),
        ({"digits": "misdrawn", "unmapped": 400}, "broken"),  # the first sign says why
    ],
)
def test_the_page_layer_follows_its_signs(changed: dict[str, Any], layer: str) -> None:
    assert page_layer(_signs(**changed)) == layer


def test_a_last_page_of_table_4_s_figures_and_closing_headings_keeps_its_text() -> None:
    """Its only words are 「五、存在的主要问题及改进情况」 and 「六、其他需要报告的事项」: none of
    the keywords, so the page was taken for a scrambled font map, read by OCR and said to
    lie (`parse.text_layer`)."""
    report = report_from_rng(random.Random(7), "2021")
    html = render_html(report)
    figures = html.rindex("<tr>")  # table 四's row of figures, the page's last table row
    pdf = weasyprint_pdf(f'{html[:figures]}<tr style="break-before: page">{html[figures + 4 :]}')
    read = read_bytes(pdf, "report.pdf")
    assert _pages(pdf) == 3
    assert [f.rule for f in read.findings or [] if f.rule.startswith("parse.")] == []
    for table in _TABLES:
        assert read.to_json()[table] == report.to_json()[table], table
