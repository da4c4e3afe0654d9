"""Tables pasted as pictures into Word documents and web pages (issue 13): read by the scan
reader from the picture the file holds, each cell traced to the picture and a box in its
pixels; said to be unreadable when the file does not hold it; bounded by the limits when a
hostile file holds a huge picture or hundreds of them.
"""

from __future__ import annotations

import base64
import io
import random
import re
import struct
import time
import zlib
from collections.abc import Callable
from functools import cache

import docx
import numpy as np
import pytest
from docx.shared import Inches
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from gongkai import catalog
from gongkai.model import Report
from gongkai.readers import embedded, ocr, read_bytes
from gongkai.readers.embedded import Embedded
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.render.docx import render_docx
from gongkai.render.html import render_html
from tests.support.corpus import cms, wps
from tests.support.corpus.tablepicture import TablePicture, applications_pdf, table_picture
from tests.support.reports import report_from_rng
from tests.support.scoring import cell_values, silently_wrong

_PICTURE_READ = "原文第1张图片中的表格已通过文字识别读取，请核对原文"
_UNREADABLE = (
    "表三（收到和处理政府信息公开申请情况）在原文中是图片，无法读取，按空白处理，"
    "请核对原文或改交文字版"
)


@cache
def _report() -> Report:
    return report_from_rng(random.Random(1327), "2021")


@cache
def _shot(way: int) -> TablePicture:
    """Table 三 of the report as a screenshot (way 1: PNG at 96 dpi) or a scan (way 0: grey
    JPEG at 200 dpi), as `tablepicture` makes them for the corpus."""
    picture = table_picture(applications_pdf(render_html(_report())), random.Random(way))
    assert (picture.mime, picture.dpi) == (("image/png", 96) if way else ("image/jpeg", 200))
    return picture


def _html(shot: TablePicture) -> bytes:
    return cms.picture(render_html(_report()), shot)


def _mht(shot: TablePicture) -> bytes:
    return cms.picture_mht(render_html(_report()), shot, random.Random(2))


def _docx(shot: TablePicture) -> bytes:
    return wps.picture(render_docx(_report()), shot)


_FORMATS: dict[str, Callable[[TablePicture], bytes]] = {"html": _html, "mht": _mht, "docx": _docx}


@pytest.mark.parametrize("way", [1, 0], ids=["screenshot", "scan"])
@pytest.mark.parametrize("kind", list(_FORMATS))
def test_a_table_pasted_as_a_picture_is_read_from_it(kind: str, way: int) -> None:
    """Table 三 pasted as a picture into an editor's page (a data: URI), Word's single file
    web page (a part of the archive) or Word (an inline drawing): every cell as printed,
    the note that the table was read from the picture the only finding."""
    shot = _shot(way)
    got = read_bytes(_FORMATS[kind](shot))
    assert cell_values(got.to_json()) == cell_values(_report().to_json())
    assert [(f.rule, f.message) for f in got.findings or []] == [
        ("parse.picture_read", _PICTURE_READ)
    ]


@pytest.mark.parametrize("width", ["9" * 400, "0.000001", "0"], ids=["infinite", "tiny", "zero"])
def test_a_picture_shown_at_a_nonsense_width_is_read_within_bounds(width: str) -> None:
    """A page's style may say any width (「width:9…9px」 is infinite as a float, which once
    made the picture's dots an inch zero and the reader divide by it): the picture is read
    at a bounded scale, every cell as printed or flagged."""
    page = _html(_shot(1)).replace(b' width="', f' style="width:{width}px" data-w="'.encode(), 1)
    got = read_bytes(page)
    assert silently_wrong(got, _report()) == []
    assert any(f.rule.startswith("parse.") for f in got.findings or [])


_CAPTION = "2022年度政府信息公开申请办理情况"  # a year, and no row of figures


def _framed_docx(shot: TablePicture) -> bytes:
    document = docx.Document(io.BytesIO(_docx(shot)))
    shown = next(p for p in document.paragraphs if p._p.xpath(".//pic:pic"))
    frame = document.add_table(rows=1, cols=1)
    shown._p.addprevious(frame._tbl)
    frame.cell(0, 0).paragraphs[0].text = _CAPTION
    frame.cell(0, 0)._tc.append(shown._p)
    framed = io.BytesIO()
    document.save(framed)
    return framed.getvalue()


def _framed_html(shot: TablePicture) -> bytes:
    return re.sub(
        rb"<img [^>]*>",
        lambda m: (
            f'<table border="1"><tr><td><p>{_CAPTION}</p>'.encode() + m[0] + b"</td></tr></table>"
        ),
        _html(shot),
    )


@pytest.mark.parametrize("frame", [_framed_docx, _framed_html], ids=["docx", "html"])
def test_a_picture_framed_in_a_one_cell_table_is_read(
    frame: Callable[[TablePicture], bytes],
) -> None:
    """WPS templates and editors frame a pasted picture in a one-cell table, a caption above
    it: the frame was read as a table of no figures (and, once that was mended, as a table
    for the caption's year), the picture in it neither marked nor read (23 rows said
    missing, nothing said of a picture)."""
    got = read_bytes(frame(_shot(1)))
    assert cell_values(got.to_json()) == cell_values(_report().to_json())
    assert [f.rule for f in got.findings or []] == ["parse.picture_read"]


def test_a_cell_read_from_a_picture_is_traced_to_its_ink_in_the_picture() -> None:
    """Each cell of table 三 names the picture and a box in its pixels that holds ink;
    the cells of the tables printed as text keep their places in Word's tables."""
    shot = _shot(1)
    got = read_bytes(_docx(shot))
    pixels = np.asarray(Image.open(io.BytesIO(shot.data)).convert("L"))
    provenance = got.provenance or {}
    table = {name: where for name, where in provenance.items() if name.startswith("applications")}
    assert len(table) > 100
    for name, where in table.items():
        assert where["picture"] == 1 and "page" not in where, name
        left, top, right, bottom = (round(v) for v in where["box"])
        assert 0 <= left < right <= pixels.shape[1] and 0 <= top < bottom <= pixels.shape[0]
        assert (pixels[top:bottom, left:right] < 128).any(), name
    assert all("picture" not in where for name, where in provenance.items() if name not in table)


_LINKED: dict[str, Callable[[], bytes]] = {
    "html": lambda: cms.picture_link(render_html(_report())),
    "docx": lambda: wps.picture_link(render_docx(_report())),
}


@pytest.mark.parametrize("kind", list(_LINKED))
def test_a_picture_the_file_does_not_hold_is_said_to_be_unreadable(kind: str) -> None:
    """Table 三 as a picture left on the site's server (`<img src="http://…">`) or linked
    to a file on the office's network (Word's "link to file")."""
    got = read_bytes(_LINKED[kind]())
    findings = got.findings or []
    assert [(f.rule, f.row, f.message) for f in findings if f.rule.startswith("parse.table")] == [
        ("parse.table_picture", "applications", _UNREADABLE)
    ]
    assert silently_wrong(got, _report()) == []
    assert not any(f.rule == "parse.picture_read" for f in findings)


def test_a_photo_in_the_place_of_a_table_is_no_table_read() -> None:
    """A photo of the office's open day where table 三 should be: the recogniser reads its
    caption, which was once spliced in as the table read from the picture (「已按图片识别
    读取」), hiding that the table was a picture the reader could not read."""
    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 28)
    photo = Image.new("RGB", (900, 200), "white")
    caption = "政务公开日活动现场 2023年5月15日 共接待群众126人次"
    ImageDraw.Draw(photo).text((30, 60), caption, fill="black", font=font)
    data = io.BytesIO()
    photo.save(data, "PNG")
    got = read_bytes(_html(TablePicture(data.getvalue(), "image/png", 96)))
    rules = [f.rule for f in got.findings or []]
    assert "parse.table_picture" in rules and "parse.picture_read" not in rules
    assert silently_wrong(got, _report()) == []


def test_a_photo_beside_tables_printed_as_text_is_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A picture large enough to hold a table, in a document whose three tables are all
    text (a photo of the office, a chart): nothing is decoded or read."""
    monkeypatch.setattr(ocr, "image_to_blocks", _never)
    html = render_html(_report()).replace(
        "<table", f'<p><img src="{_data_uri(_shot(1))}"></p><table', 1
    )
    got = read_bytes(html.encode())
    assert cell_values(got.to_json()) == cell_values(_report().to_json())
    assert got.findings == []


def _never(*args: object) -> list[object]:
    raise AssertionError("a picture was read")


def _data_uri(shot: TablePicture) -> str:
    return f"data:{shot.mime};base64,{base64.b64encode(shot.data).decode()}"


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares its size and holds one row of white: a decoder would have to
    build the whole picture, the header alone says how large it is."""
    head = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" + b"\xff" * min(width, 4096))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _docx_with_pictures(pictures: list[bytes], inches: float = 6.0) -> bytes:
    """Our Word document with table 三 replaced by these pictures, each in a paragraph."""
    document = docx.Document(io.BytesIO(render_docx(_report())))
    table = next(t for t in document.tables if catalog.BALANCE_NOTE in t._tbl.xml)
    for data in pictures:
        paragraph = document.add_paragraph()
        paragraph.add_run().add_picture(io.BytesIO(data), width=Inches(inches))
        table._tbl.addprevious(paragraph._p)
    body = table._tbl.getparent()
    assert body is not None
    body.remove(table._tbl)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("side", [20000, 9000])
def test_a_huge_picture_is_left_unread_before_it_is_decoded(
    monkeypatch: pytest.MonkeyPatch, side: int
) -> None:
    """A 20000 × 20000 PNG in place of table 三 (400 M pixels, ten times the limit; Pillow
    itself refuses it) or a 9000 × 9000 one (81 M, which Pillow would decode): its header
    is read, the picture is not decoded, and the table is said to be unreadable."""
    monkeypatch.setattr(embedded, "_at_scan_resolution", _never)
    started = time.process_time()
    got = read_bytes(_docx_with_pictures([_png_header(side, side)]))
    assert time.process_time() - started < 10
    findings = got.findings or []
    assert [(f.rule, f.message) for f in findings if f.rule == "parse.table_picture"] == [
        ("parse.table_picture", _UNREADABLE)
    ]
    assert silently_wrong(got, _report()) == []


def test_of_500_pictures_at_most_the_limit_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document holding 500 table-sized pictures (blank): the first `pictures` (12) are
    decoded and read, the rest only counted; the table is still said to be unreadable."""
    read: list[int] = []

    def counted(image: np.ndarray, page: int = 1, unit: float = 1.0) -> list[object]:
        read.append(page)
        return []

    monkeypatch.setattr(ocr, "image_to_blocks", counted)
    blank = io.BytesIO()
    Image.new("L", (576, 96), 255).save(blank, "PNG")
    got = read_bytes(_docx_with_pictures([blank.getvalue()] * 500))
    assert sorted(read) == list(range(1, DEFAULT_LIMITS.pictures + 1))
    assert any(f.rule == "parse.table_picture" for f in got.findings or [])


_SIZES = st.tuples(st.integers(1, 30000), st.integers(1, 30000))


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.tuples(_SIZES, st.none() | st.floats(min_value=0.0)), max_size=30),
    most=st.integers(1, 15),
    pixels=st.integers(10_000, 50_000_000),
)
def test_the_pictures_chosen_are_few_and_their_pixels_bounded(
    sizes: list[tuple[tuple[int, int], float | None]], most: int, pixels: int
) -> None:
    """Whatever pictures a document declares, at whatever width (nonsense and infinite
    ones too): at most `pictures` of them are chosen, each within the pixel limit as
    declared and as scaled for the recogniser, in their order; scaling never takes one
    past an A4 page at the recogniser's resolution, nor 200/72 times its size."""
    limits = Limits(pictures=most, pixels=pixels)
    pictures = [Embedded(_png_header(*size), inches) for size, inches in sizes]
    chosen = list(embedded._candidates(pictures, limits))
    assert len(chosen) <= most
    assert [c.number for c in chosen] == sorted({c.number for c in chosen})
    for candidate in chosen:
        width, height = sizes[candidate.number - 1][0]
        assert (candidate.width, candidate.height) == (width, height)
        assert width * height <= pixels
        scaled = embedded._scaled(candidate)
        assert scaled[0] >= width and scaled[1] >= height
        assert scaled[0] * scaled[1] <= pixels
        assert scaled[0] * scaled[1] <= max(width * height, 8.27 * 11.69 * 200**2)
        assert candidate.scale <= 200 / 72
