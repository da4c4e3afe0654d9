"""The pdfium path (issue 14) reads every PDF we make or have to the same report as
pdfplumber's layout analysis: the seeds printed by WeasyPrint and LibreOffice, plain and
styled (header rows repeated over pages, labels turned on their side), a table without
ruling lines, and pages turned to landscape; its table finder, and its hand-over of
doubtful pages to pdfplumber."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.model import Report, Source
from gongkai.readers import pdfplumber_page, read_path
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.pdf import Engine, pdf_to_text, pdf_to_traced
from gongkai.readers.pdfpage import Segment
from gongkai.readers.ruling import segments_to_tables, table_rows
from gongkai.readers.text import text_to_report
from tests.support.corpus import producers
from tests.support.corpus.producers import drawn_turned
from tests.support.hostile import pdf_page

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))


def _pdfs(folder: Path) -> dict[str, bytes]:
    reports = {path.name[:3]: read_path(path) for path in SEEDS}
    pdfs: dict[str, bytes] = {}
    for name, report in reports.items():
        for styled in (False, True):
            html = producers.weasyprint_html(report, styled)
            pdfs[f"{name}-weasyprint-{'styled' if styled else 'plain'}"] = producers.weasyprint_pdf(
                html
            )
    documents = {
        f"{name}-libreoffice-{'styled' if styled else 'plain'}": producers.word_docx(r, styled)
        for name, r in reports.items()
        for styled in (False, True)
    }
    pdfs |= dict(zip(documents, producers.libreoffice_pdfs(list(documents.values())), strict=True))
    unruled = producers.weasyprint_html(reports["003"], styled=False)
    pdfs["003-unruled"] = producers.weasyprint_pdf(
        unruled.replace("border: 1px solid #000", "border: none")
    )
    plain, turned = folder / "plain.pdf", folder / "turned.pdf"
    plain.write_bytes(pdfs["004-weasyprint-plain"])
    subprocess.run(["qpdf", "--rotate=+90", "--", str(plain), str(turned)], check=True)
    pdfs["004-landscape"] = turned.read_bytes()
    return pdfs


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _pdfs(tmp_path_factory.mktemp("pdfs"))


def _report(data: bytes, engine: Engine) -> dict[str, Any]:
    """The report read by one engine, its cells' boxes apart (see _same_places)."""
    source = Source(path="r.pdf", format="pdf", sha256="0" * 64)
    text, source_map = pdf_to_traced(data, engine=engine)
    report: Report = text_to_report(text, source, source_map=source_map)
    found = report.to_json()
    found["boxes"] = {n: w.pop("box") for n, w in found.get("provenance", {}).items()}
    return found


def _same_places(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The engines measure a word's height apart (pdfium the glyphs' boxes, pdfplumber the
    font size), so a cell's boxes may differ by points: each holds the other's middle."""

    def holds(box: list[float], other: list[float]) -> bool:
        x, y = (other[0] + other[2]) / 2, (other[1] + other[3]) / 2
        return box[0] <= x <= box[2] and box[1] <= y <= box[3]

    boxes_a, boxes_b = a.pop("boxes"), b.pop("boxes")
    same = set(boxes_a) == set(boxes_b)
    return (
        same
        and all(holds(boxes_a[n], boxes_b[n]) and holds(boxes_b[n], boxes_a[n]) for n in boxes_a)
        and a == b
    )


def test_pdfium_and_pdfplumber_give_the_same_report_for_every_pdf(
    pdfs: dict[str, bytes],
) -> None:
    assert len(pdfs) == 4 * len(SEEDS) + 2
    differing = [
        n
        for n, d in pdfs.items()
        if not _same_places(_report(d, "pdfium"), _report(d, "pdfplumber"))
    ]
    assert differing == []


def test_pdfium_reads_turned_labels_in_reading_order(pdfs: dict[str, bytes]) -> None:
    text = pdf_to_text(pdfs["000-libreoffice-styled"])
    assert "三、本年度办理结果" in text and "（三）不予公开" in text


def test_pages_drawn_turned_are_read_upright(pdfs: dict[str, bytes]) -> None:
    for name in ("000-weasyprint-styled", "003-unruled"):
        upright, turned = _report(pdfs[name], "pdfium"), _report(drawn_turned(pdfs[name]), "pdfium")
        assert set(turned.pop("boxes")) == set(upright.pop("boxes"))
        # Turned characters are boxed by their glyphs (pdfium's loose box is upright only),
        # so a gap beside a full-width punctuation mark may read as a space in the prose.
        sections = [
            {k: "".join(v.split()) for k, v in r.pop("sections").items()} for r in (turned, upright)
        ]
        assert turned == upright
        assert sections[0] == sections[1]


def test_a_page_whose_ruling_line_cuts_its_text_is_read_again_by_pdfplumber(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a vertical line at x=112 through the middle of the "B" of ABCD (Helvetica 12 pt)
    lines = b"".join(b"%d 690 m %d 740 l\n" % (x, x) for x in (90, 112, 140))
    lines += b"".join(b"90 %d m 140 %d l\n" % (y, y) for y in (690, 715, 740))
    text = (
        b"BT /F1 12 Tf 100 697 Td (ABCD) Tj ET\nBT /F1 12 Tf 95 722 Td (12) Tj 25 0 Td (34) Tj ET\n"
    )
    data = pdf_page(300, 800, text=False, drawing=text + lines + b"S")
    asked: list[list[int] | None] = []
    read = pdfplumber_page.pages_blocks

    def spy(data: bytes, indices: list[int] | None, limits: Limits) -> dict[int, Any]:
        asked.append(indices)
        return read(data, indices, limits)

    monkeypatch.setattr(pdfplumber_page, "pages_blocks", spy)
    assert pdf_to_text(data) == "12\t34\nA\tBCD\n"
    assert asked == [[0]]


@given(
    xs=st.lists(st.integers(0, 100), min_size=2, max_size=8, unique=True),
    ys=st.lists(st.integers(0, 100), min_size=2, max_size=8, unique=True),
)
def test_a_grid_of_ruling_lines_is_one_table_of_its_cells(xs: list[int], ys: list[int]) -> None:
    across = [x * 5.0 for x in sorted(xs)]  # 5 pt apart at least: more than SNAP
    down = [y * 5.0 for y in sorted(ys)]
    segments = [Segment(True, y, across[0], across[-1]) for y in down]
    segments += [Segment(False, x, down[0], down[-1]) for x in across]
    tables = segments_to_tables(segments, DEFAULT_LIMITS)
    if (len(xs) - 1) * (len(ys) - 1) == 1:
        assert tables == []  # one cell is a frame, not a table
        return
    (table,) = tables
    rows = table_rows(table)
    assert [[cell and cell[:2] for cell in row] for row in rows] == [
        [(x, y) for x in across[:-1]] for y in down[:-1]
    ]
