"""An OFD's page drawn for the preview: the picture beside the data, on which each cell's
provenance box falls on the figure printed there, as on a PDF page rendered by pdfium."""

from __future__ import annotations

import io
import time
from functools import cache

import numpy as np
import pytest
from PIL import Image

from gongkai.errors import OverLimit
from gongkai.grid import Block
from gongkai.readers import ocr, read_bytes
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.ofd import ofd_to_blocks
from gongkai.readers.pages import WIDTH, page_count, page_png, page_points
from gongkai.readers.pdf import render_page
from gongkai.render.html import render_html
from gongkai.render.pdf import html_to_pdf
from tests.support.corpus.ofd import pdf_to_ofd
from tests.support.corpus.sources import seed_sources
from tests.support.scans import scan_pdf
from tests.support.variants import turned_pdf

SEEDS = {source.name: source for source in seed_sources()}
INK = 128  # a grey level below which a pixel is printed ink


@cache
def _pdf(name: str) -> bytes:
    return html_to_pdf(render_html(SEEDS[name].report))


@cache
def _written(kind: str) -> tuple[bytes, bytes]:
    """A seed's PDF as the corpus makes it (printed, lying on its side, scanned) and its
    OFD."""
    made = {
        "printed": lambda: _pdf("seed-001"),
        "lying": lambda: turned_pdf(_pdf("seed-001"), 90, shown=False),
        "lying-270": lambda: turned_pdf(_pdf("seed-003"), 270, shown=False),
        "scanned": lambda: scan_pdf(_pdf("seed-002"), seed=3),
    }
    pdf = made[kind]()
    return pdf, pdf_to_ofd(pdf)


def _picture(data: bytes, number: int) -> Image.Image:
    return Image.open(io.BytesIO(page_png(data, number))).convert("L")


def _dark(picture: Image.Image, box: list[float], scale: float) -> int:
    """Pixels of ink inside a box given in points."""
    left, top, right, bottom = (round(v * scale) for v in box)
    return int((np.asarray(picture.crop((left, top, right, bottom))) < INK).sum())


@pytest.mark.parametrize("kind", ["printed", "lying", "lying-270"])
def test_each_cell_box_holds_the_ink_of_its_figure_on_the_drawn_page(kind: str) -> None:
    """Every cell whose figure is printed: its box on the picture holds ink, and the same
    box on the PDF's page rendered by pdfium holds ink too (the boxes are the PDF's)."""
    pdf, ofd = _written(kind)
    report = read_bytes(ofd).to_json()
    provenance = report["provenance"]
    assert len(provenance) == len(read_bytes(pdf).to_json()["provenance"]) > 100
    pictures = {n: _picture(ofd, n) for n in range(1, page_count(ofd, DEFAULT_LIMITS) + 1)}
    scales = {n: WIDTH / page_points(ofd, n, DEFAULT_LIMITS)[0] for n in pictures}
    empty = [
        name
        for name, where in provenance.items()
        if _dark(pictures[where["page"]], where["box"], scales[where["page"]]) == 0
    ]
    assert empty == []


def test_a_page_lying_on_its_side_is_drawn_upright_as_its_pdf_is_shown() -> None:
    pdf, ofd = _written("lying")
    for number in range(1, page_count(ofd, DEFAULT_LIMITS) + 1):
        assert page_points(ofd, number, DEFAULT_LIMITS) == pytest.approx(
            page_points(pdf, number, DEFAULT_LIMITS), abs=0.01
        )
        drawn = _picture(ofd, number)
        assert drawn.width == WIDTH and drawn.height > drawn.width


def test_the_drawn_page_matches_the_pdf_page_ink_for_ink_around_a_known_cell() -> None:
    """规章·本年制发件数 of seed-001: the ink inside its box lies, to a pixel or two, where
    pdfium draws the PDF's (the OFD's type is not the PDF's, its place is)."""
    pdf, ofd = _written("printed")
    where = read_bytes(ofd).to_json()["provenance"]["active.regulations.issued"]
    scale = WIDTH / page_points(ofd, where["page"], DEFAULT_LIMITS)[0]
    left, top, right, bottom = (round(v * scale) for v in where["box"])
    margin = 6
    around = (left - margin, top - margin, right + margin, bottom + margin)
    inks = []
    for data in (ofd, pdf):
        crop = _picture(data, where["page"]).crop(around).point(lambda v: 255 if v < INK else 0)
        inks.append(crop.getbbox())
    assert None not in inks
    (a0, b0, a1, b1), (c0, d0, c1, d1) = inks  # type: ignore[misc]
    assert max(abs(a0 - c0), abs(b0 - d0), abs(a1 - c1), abs(b1 - d1)) <= 3


def test_a_scanned_page_is_drawn_with_its_picture() -> None:
    pdf, ofd = _written("scanned")
    drawn, rendered = _picture(ofd, 1), _picture(pdf, 1)
    assert drawn.width == rendered.width and abs(drawn.height - rendered.height) <= 1
    # the same scan drawn at scales apart in the seventh digit (the PDF's page size is
    # single precision), resampled apart: seen at a quarter of the size, grey levels
    # within a few steps on average
    small = (drawn.width // 4, drawn.height // 4)
    a, b = (np.asarray(p.resize(small), int) for p in (drawn, rendered))
    assert np.abs(a - b).mean() < 4


def test_the_ocr_reads_a_scanned_page_in_the_pixels_of_the_same_scan_as_a_pdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Decoded and pasted by Pillow, the pixels differed from pdfium's (the PDF's page
    1 pixel wider, its picture resampled to it), and one cell of a corpus scan was read
    in doubt where its PDF's was not."""
    pdf, ofd = _written("scanned")
    seen: list[np.ndarray] = []

    def recognised(image: np.ndarray, page: int, unit: float) -> list[Block]:
        seen.append(image)
        return []

    monkeypatch.setattr(ocr, "image_to_blocks", recognised)
    ofd_to_blocks(ofd)
    assert len(seen) == page_count(pdf, DEFAULT_LIMITS)
    for index, image in enumerate(seen):
        assert np.array_equal(image, render_page(pdf, index, ocr.DPI / 72, Limits())), index


def test_a_page_too_large_to_draw_is_drawn_smaller_within_the_pixel_limit() -> None:
    _, ofd = _written("printed")
    tight = Limits(pixels=200_000)
    drawn = Image.open(io.BytesIO(page_png(ofd, 1, tight)))
    assert drawn.width * drawn.height <= 200_000
    with pytest.raises(OverLimit):
        page_png(ofd, 1, Limits(pixels=100))


def test_a_page_is_drawn_in_a_fraction_of_a_second() -> None:
    _, ofd = _written("printed")
    start = time.process_time()
    for number in range(1, page_count(ofd, DEFAULT_LIMITS) + 1):
        page_png(ofd, number)
    assert (time.process_time() - start) / page_count(ofd, DEFAULT_LIMITS) < 1.0
