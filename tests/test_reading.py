"""The reading keeps the stages its report was read from, and its pictures are drawn from
them: the cells boxed on a page's picture are the boxes the report's provenance gives."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from gongkai.model import Finding
from gongkai.readers import read_bytes, read_path, read_reading
from gongkai.readers.debug import RESOLUTION, debug_images, page_marks
from gongkai.readers.limits import DEFAULT_LIMITS
from gongkai.readers.pages import page_count
from gongkai.readers.reading import Box4
from gongkai.render import render
from tests.support.variants import turned_pdf

SEED = Path(__file__).parent / "fixtures" / "seeds" / "000_8d68b7645fe2b4af.txt"


@pytest.fixture(scope="module")
def plain() -> bytes:
    return render(read_path(SEED), "pdf")


def test_the_reading_holds_the_report_read_bytes_gives(plain: bytes) -> None:
    reading = read_reading(plain)
    assert reading.report == read_bytes(plain)
    assert reading.tables and reading.words
    # every cell of the report lies in a table the reading found on its page
    for name, where in (reading.report.provenance or {}).items():
        x0, y0, x1, y1 = where["box"]
        tables = [t.box for t in reading.tables if t.page == where["page"]]
        assert any(
            a - 0.01 <= x0 and b - 0.01 <= y0 and x1 <= c + 0.01 and y1 <= d + 0.01
            for a, b, c, d in tables
        ), name


@pytest.mark.parametrize("turned", [False, True], ids=["upright", "turned"])
def test_the_debug_picture_boxes_the_cells_at_their_provenance(plain: bytes, turned: bool) -> None:
    data = turned_pdf(plain) if turned else plain
    reading = read_reading(data)
    provenance = reading.report.provenance or {}
    pictures = debug_images(reading, data)
    assert len(pictures) == page_count(data, DEFAULT_LIMITS)
    drawn: dict[str, tuple[int, Box4]] = {}
    for number, png in enumerate(pictures, start=1):
        marks = [m for m in page_marks(reading, number) if m.name]
        drawn |= {m.name: (number, m.box) for m in marks}
        picture = Image.open(io.BytesIO(png)).convert("RGB")
        for mark in marks:  # the cell's green outline is drawn where its box is
            left, top = (round(v * RESOLUTION / 72) for v in mark.box[:2])
            pixel = picture.getpixel((left, top + 3))
            assert isinstance(pixel, tuple), mark.name
            red, green, blue = pixel
            assert red < 60 and green > 100 and blue < 60, mark.name
    assert drawn == {name: (w["page"], w["box"]) for name, w in provenance.items()}


def test_rows_the_reading_doubts_or_repaired_are_marked(plain: bytes) -> None:
    reading = read_reading(plain)
    report = reading.report.model_copy(
        update={
            "findings": [
                Finding(rule="parse.ambiguous_row", severity="warning", message="", row="granted"),
                Finding(rule="parse.repaired_row", severity="warning", message="", row="total"),
            ]
        }
    )
    reading = type(reading)(report, reading.tables, reading.words)
    kinds: dict[str, set[str]] = {}
    for number in range(1, page_count(plain, DEFAULT_LIMITS) + 1):
        for mark in page_marks(reading, number):
            if mark.name.startswith("applications."):
                row = mark.name.removeprefix("applications.").rsplit(".", 1)[0]
                kinds.setdefault(mark.kind, set()).add(row)
    assert kinds["flagged"] == {"granted"}
    assert kinds["repaired"] == {"total"}
    assert "granted" not in kinds["cell"] and "total" not in kinds["cell"]
