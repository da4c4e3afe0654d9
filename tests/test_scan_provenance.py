"""A scanned page's cells traced to boxes on the page as the preview shows it: where the
PDF it was scanned from printed them, on a page turned by /Rotate as much as on a level
one. Slow (OCR): one report, its scan read twice."""

from __future__ import annotations

import functools
import io
import random

import pypdfium2
import pytest
from PIL import Image

from gongkai.model import Report
from gongkai.readers import ocr, read_bytes, read_reading, recognise
from gongkai.readers.debug import debug_images
from gongkai.readers.limits import DEFAULT_LIMITS
from gongkai.readers.pages import page_points
from gongkai.render import render
from tests.support.reports import report_from_rng
from tests.support.scans import scan_pdf

# Points a scanned cell's box may stand from the printed one: the scan is turned by up to
# 0.6° about the page's middle and turned back, its skew found to 0.05°: 3 points is a sixth
# of the shortest cell, so the box still marks its own cell and no neighbour.
_NEAR = 3.0


@functools.cache
def _printed() -> bytes:
    return bytes(render(report_from_rng(random.Random(11), "2021"), "pdf"))


@functools.cache
def _scan() -> bytes:
    return scan_pdf(_printed(), dpi=200, seed=3)


@functools.cache
def _read(data: bytes) -> Report:
    return read_bytes(data)


def _stored_turned(data: bytes) -> bytes:
    """The scan with each page's picture stored a quarter turn anticlockwise and /Rotate 90
    set, so that a viewer shows it as before."""
    document = pypdfium2.PdfDocument(data)
    pictures = [page.render(scale=200 / 72).to_pil().rotate(90, expand=True) for page in document]
    document.close()
    out = io.BytesIO()
    pictures[0].save(out, "PDF", save_all=True, append_images=pictures[1:], resolution=200)
    turned = pypdfium2.PdfDocument(out.getvalue())
    for page in turned:
        page.set_rotation(90)
    saved = io.BytesIO()
    turned.save(saved)
    return saved.getvalue()


def test_a_scanned_cell_is_boxed_where_its_pdf_printed_it() -> None:
    printed, scanned = _read(_printed()).provenance or {}, _read(_scan()).provenance or {}
    assert printed and set(scanned) == set(printed)
    for name, where in printed.items():
        there = scanned[name]
        assert there["page"] == where["page"], name
        assert all(abs(a - b) <= _NEAR for a, b in zip(there["box"], where["box"])), (
            name,
            there["box"],
            where["box"],
        )


def test_a_scanned_cell_box_lies_on_its_page() -> None:
    data = _scan()
    for name, where in (_read(data).provenance or {}).items():
        width, height = page_points(data, where["page"], DEFAULT_LIMITS)
        left, top, right, bottom = where["box"]
        assert 0 <= left < right <= width and 0 <= top < bottom <= height, name


def test_a_page_turned_by_rotate_has_its_cells_boxed_as_it_is_shown() -> None:
    level, turned = _scan(), _stored_turned(_scan())
    assert page_points(turned, 1, DEFAULT_LIMITS) == pytest.approx(
        page_points(level, 1, DEFAULT_LIMITS), abs=1
    )
    want, got = _read(level).provenance or {}, _read(turned).provenance or {}
    assert want and set(got) == set(want)
    for name, where in want.items():
        assert got[name]["page"] == where["page"]
        assert got[name]["box"] == pytest.approx(where["box"], abs=1), name


def test_a_scanned_picture_has_its_cells_boxed_in_its_pixels() -> None:
    document = pypdfium2.PdfDocument(_scan())
    picture = document[0].render(scale=200 / 72).to_pil()
    document.close()
    png = io.BytesIO()
    picture.save(png, "PNG")
    assert page_points(png.getvalue(), 1, DEFAULT_LIMITS) == picture.size
    on_pdf = {n: w for n, w in (_read(_scan()).provenance or {}).items() if w["page"] == 1}
    got = _read(png.getvalue()).provenance or {}
    assert on_pdf and set(got) == set(on_pdf)
    for name, where in on_pdf.items():
        assert got[name]["page"] == 1
        assert got[name]["box"] == pytest.approx([v * 200 / 72 for v in where["box"]], abs=0.1)


def test_the_debug_picture_of_a_scanned_picture_is_drawn_from_its_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`parse --debug` on a picture draws the cells the reading found, at their boxes in
    the picture's pixels, without recognising the picture a second time."""
    document = pypdfium2.PdfDocument(_scan())
    picture = io.BytesIO()
    document[1].render(scale=200 / 72).to_pil().save(picture, "PNG")
    document.close()
    reading = read_reading(picture.getvalue())
    provenance = reading.report.provenance or {}
    assert provenance

    def again(*_: object) -> None:
        raise AssertionError("recognised twice")

    monkeypatch.setattr(recognise, "_recognise", again)
    monkeypatch.setattr(ocr, "recognise", again)
    (png,) = debug_images(reading, picture.getvalue())
    drawn = Image.open(io.BytesIO(png)).convert("RGB")
    for name, where in provenance.items():  # each cell's green outline at its own box
        left, top = (round(v) for v in where["box"][:2])
        pixel = drawn.getpixel((left, top + 3))
        assert isinstance(pixel, tuple), name
        assert pixel[0] < 60 and pixel[1] > 100 and pixel[2] < 60, name
