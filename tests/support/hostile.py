"""Crafted hostile inputs (issue 11): small files that ask a reader for huge memory or time.

Each is made here, in memory, from a real report or from a few hand-written bytes, so
that no binary is committed; `CRAFTED` lists them with what the readers must do: refuse
them with a named limit or a typed reason, or read them correctly. Used by
tests/test_hostile.py, bench/hostile.py and the fuzz harness (tests/support/fuzz.py).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gongkai.readers import read_path
from gongkai.render import render

MiB = 1024 * 1024
SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


@dataclass(frozen=True)
class Crafted:
    name: str
    make: Callable[[], bytes]
    expect: str  # "read", "not_a_report", "unreadable" or "limit:<name of the limit>"
    via: str = "read"  # "read" (read_bytes), "bundle" (unpack) or "json" (json_to_report)


@cache
def report_file(target: str) -> bytes:
    """The first seed rendered as `target` (html, docx, pdf, xlsx, txt)."""
    return render(read_path(sorted(SEEDS.glob("*.txt"))[0]), target)


def rezip(data: bytes, changes: dict[str, bytes]) -> bytes:
    """The zip with some members' contents replaced (or added)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, changes.pop(info.filename, source.read(info)))
        for name, content in changes.items():
            target.writestr(name, content)
    return out.getvalue()


def member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


# ---------------------------------------------------------------- office files


def docx_grid_span(value: str) -> bytes:
    """The report as DOCX with the first merged cell's gridSpan set to `value`."""
    docx = report_file("docx")
    xml = member(docx, "word/document.xml").decode()
    start = xml.index('<w:gridSpan w:val="')
    end = xml.index('"', start + len('<w:gridSpan w:val="'))
    xml = xml[:start] + f'<w:gridSpan w:val="{value}' + xml[end:]
    return rezip(docx, {"word/document.xml": xml.encode()})


def xlsx_with_sheet_xml(extra_cells: str, after_sheet_data: str = "") -> bytes:
    """The report as XLSX with cells added to its first sheet and elements after its data."""
    xlsx = report_file("xlsx")
    name = "xl/worksheets/sheet1.xml"
    xml = member(xlsx, name).decode()
    xml = xml.replace("</sheetData>", extra_cells + "</sheetData>" + after_sheet_data, 1)
    return rezip(xlsx, {name: xml.encode()})


def xlsx_far_cell() -> bytes:
    return xlsx_with_sheet_xml('<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>')


def xlsx_merge_everything() -> bytes:
    return xlsx_with_sheet_xml(
        "", '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    )


def zip_lying_about_size(inflated: int = 1024 * MiB, name: bytes = b"word/document.xml") -> bytes:
    """A zip (a DOCX by its member's name) whose one member declares 1 KiB and inflates
    to `inflated` bytes."""
    body = _deflated_zeros(inflated)
    crc = zlib.crc32(b"\x00" * 1024)
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(body), 1024, len(name), 0
    )
    central = struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0x21,
        crc,
        len(body),
        1024,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    directory_at = len(local) + len(name) + len(body)
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(name), directory_at, 0
    )
    return local + name + body + central + name + end


def _deflated_zeros(size: int) -> bytes:
    return _repeated_deflate(b"\x00" * MiB, size // MiB, -zlib.MAX_WBITS)


def _repeated_deflate(unit: bytes, times: int, wbits: int) -> bytes:
    """A deflate stream of `unit` repeated: one block, flushed so that it refers to nothing
    before it, may be repeated as it is (making a 1 GiB bomb takes no time)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = packer.compress(unit) + packer.flush(zlib.Z_FULL_FLUSH)
    head, block = (block[:2], block[2:]) if wbits > 0 else (b"", block)
    body = head + block * times + packer.flush()
    if wbits > 0:  # zlib: the trailer is the checksum of everything, not of one unit
        checksum = 1
        for _ in range(times):
            checksum = zlib.adler32(unit, checksum)
        body = body[:-4] + struct.pack(">I", checksum)
    return body


def bundle_lying_about_size(inflated: int = 1024 * MiB) -> bytes:
    """A bundle (a zip of reports) whose one text file lies the same way."""
    return zip_lying_about_size(inflated, b"reports/2024.txt")


def zip_bzip2_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("word/document.xml", b"\x00" * (64 * MiB))
    return out.getvalue()


def zip_method(data: bytes, method: int = 9) -> bytes:
    """The zip with every member claiming compression `method` (9: Deflate64, which zipfile
    cannot inflate), in its local and its central header alike."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = out.find(signature)
        while start != -1:
            out[start + offset : start + offset + 2] = struct.pack("<H", method)
            start = out.find(signature, start + 4)
    return bytes(out)


def bundle_of_one(name: str = "reports/2024.txt") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, report_file("txt"))
    return out.getvalue()


def zip_many_members(count: int = 20_000) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        for index in range(count):
            archive.writestr(f"p/{index}", b"")
    return out.getvalue()


def docx_billion_laughs() -> bytes:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{lol}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return rezip(report_file("docx"), {"word/document.xml": xml.encode()})


def xlsx_broken_sheet_xml() -> bytes:
    """A sheet cut in the middle of a tag (openpyxl: the standard library's ParseError)."""
    xlsx = report_file("xlsx")
    name = "xl/worksheets/sheet1.xml"
    return rezip(xlsx, {name: member(xlsx, name)[:700]})


def xlsx_missing_shared_string() -> bytes:
    """A cell pointing at shared string 99999 of a few (openpyxl: IndexError)."""
    return xlsx_with_sheet_xml('<row r="90"><c r="A90" t="s"><v>99999</v></c></row>')


def zip_bad_deflate(target: str) -> bytes:
    """The report as DOCX or XLSX with its main part's deflate stream garbled (zlib.error)."""
    data = bytearray(report_file(target))
    name = b"word/document.xml" if target == "docx" else b"xl/worksheets/sheet1.xml"
    at = data.index(name) + len(name) + 40
    data[at : at + 16] = b"\xff" * 16
    return bytes(data)


def docx_without_content_types() -> bytes:
    """A DOCX package without [Content_Types].xml (python-docx: KeyError)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(report_file("docx"))) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for info in source.infolist():
            if info.filename != "[Content_Types].xml":
                target.writestr(info, source.read(info))
    return out.getvalue()


# ---------------------------------------------------------------- HTML, text, JSON


def html_spans(cells: int = 3000, span: int = 100) -> bytes:
    row = "".join(f'<td rowspan="{span}" colspan="{span}">1</td>' for _ in range(cells // 30))
    rows = "".join(f"<tr>{row}</tr>" for _ in range(30))
    return f"<html><body><table>{rows}</table></body></html>".encode()


def html_deep(depth: int = 100_000) -> bytes:
    return b"<html><body>" + b"<div>" * depth + b"x" + b"</div>" * depth + b"</body></html>"


def text_with(lines: str, where: str = "四、") -> bytes:
    seed = report_file("txt").decode()
    at = seed.index(where)
    return (seed[:at] + lines + seed[at:]).encode()


def text_table_rows(rows: int, where: str = "四、") -> bytes:
    """The report as text with `rows` extra rows of figures before `where` (by default in
    table 三; before 五、 they fall in table 四)."""
    lines = "".join(f"其他事项{i}\t1\t2\t3\t4\t5\t6\t21\n" for i in range(rows))
    return text_with(lines, where)


def text_long_number(digits: int = 100_000) -> bytes:
    return text_with("其他\t" + "7" * digits + "\n")


def json_deep(depth: int = 100_000) -> bytes:
    return b'{"agency": ' + b"[" * depth + b"]" * depth + b"}"


def json_long_number(digits: int = 100_000) -> bytes:
    return b'{"year": ' + b"9" * digits + b"}"


# ---------------------------------------------------------------- PDF and images


def pdf_page(width: float, height: float, text: bool, drawing: bytes = b"") -> bytes:
    """A one-page PDF of the given size in points, with a line of text or none (a scan),
    and the content operators `drawing`."""
    stream = (b"BT /F1 12 Tf 0 0 Td (x) Tj ET\n" if text else b"") + drawing
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>" % (width, height),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_rectangles(count: int = 30_000) -> bytes:
    """One path of `count` stacked rectangles (five segments each), stroked."""
    return pdf_page(600, 800, text=True, drawing=b"10 10 500 700 re\n" * count + b"S")


def pdf_grid(lines: int = 600, step: int = 5) -> bytes:
    """`lines` horizontal and as many vertical ruling lines, `step` points apart: each
    pair crosses, lines² crossings (the corners of a table's cells)."""
    far = lines * step
    across = b"".join(b"0 %d m %d %d l\n" % (i * step, far, i * step) for i in range(lines))
    down = b"".join(b"%d 0 m %d %d l\n" % (i * step, i * step, far) for i in range(lines))
    return pdf_page(far + 10, far + 10, text=True, drawing=across + down + b"S")


def pdf_tables_beside_text(tables: int = 2_000, chars: int = 40_000) -> bytes:
    """`tables` small ruled tables of two cells (five lines each) in rows at the top of a
    page, and `chars` figures in lines of 400 below them, in one text object: few page
    objects, many tables, a long text outside them all."""
    drawn = b"".join(_two_cells(20 + 30 * (i % 60), 1980 - 14 * (i // 60)) for i in range(tables))
    lines = b"".join(b"(%s) '\n" % (b"1" * min(400, chars - k)) for k in range(0, chars, 400))
    text = b"BT /F1 6 Tf 20 1000 Td 7 TL\n" + lines + b"ET\n"
    return pdf_page(2000, 2000, text=False, drawing=drawn + b"S\n" + text)


def _two_cells(x: int, y: int) -> bytes:
    """Two ruled cells 10 × 10 points whose top left corner is at x, y."""
    across = b"".join(b"%d %d m %d %d l " % (x, at, x + 20, at) for at in (y, y - 10))
    down = b"".join(b"%d %d m %d %d l " % (at, y, at, y - 10) for at in (x, x + 10, x + 20))
    return across + down + b"\n"


def png(width: int, height: int) -> bytes:
    """A white greyscale PNG (a 12000² image is ~150 KiB)."""
    data = _repeated_deflate(b"\x00" + b"\xff" * width, height, zlib.MAX_WBITS)
    header = struct.pack(">2I5B", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_broken_chunk() -> bytes:
    data = bytearray(png(64, 64))
    data[40:48] = b"\xde\xad\xbe\xef\xde\xad\xbe\xef"  # inside IDAT: its CRC no longer holds
    return bytes(data)


def tiff_frames(frames: int = 2000) -> bytes:
    """A TIFF of `frames` white 8×8 pages, all sharing one strip of pixels."""
    strip = 8
    tags = ((256, 8), (257, 8), (258, 8), (259, 1), (262, 1), (273, strip), (278, 8), (279, 64))
    ifd_size = 2 + 12 * len(tags) + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", strip + 64) + b"\xff" * 64)
    for index in range(frames):
        following = len(out) + ifd_size if index + 1 < frames else 0
        out += struct.pack("<H", len(tags))
        out += b"".join(struct.pack("<HHII", tag, 4, 1, value) for tag, value in tags)
        out += struct.pack("<I", following)
    return bytes(out)


CRAFTED = (
    Crafted("docx-gridspan-200000000", lambda: docx_grid_span("200000000"), "read"),
    Crafted("docx-gridspan-not-a-number", lambda: docx_grid_span("two"), "read"),
    Crafted("docx-billion-laughs", docx_billion_laughs, "unreadable"),
    Crafted("docx-bad-deflate", lambda: zip_bad_deflate("docx"), "unreadable"),
    Crafted("docx-no-content-types", docx_without_content_types, "unreadable"),
    Crafted("xlsx-broken-sheet-xml", xlsx_broken_sheet_xml, "unreadable"),
    Crafted("xlsx-shared-string-99999", xlsx_missing_shared_string, "unreadable"),
    Crafted("xlsx-bad-deflate", lambda: zip_bad_deflate("xlsx"), "unreadable"),
    Crafted("html-3000-cells-span-100", html_spans, "limit:cells"),
    Crafted("html-nested-100000", html_deep, "limit:depth"),
    Crafted("xlsx-cell-at-XFD1048576", xlsx_far_cell, "limit:rows"),
    Crafted("xlsx-merge-A1-XFD1048576", xlsx_merge_everything, "limit:cells"),
    Crafted("zip-header-lies-1GiB", zip_lying_about_size, "unreadable"),
    Crafted("bundle-header-lies-1GiB", bundle_lying_about_size, "unreadable", via="bundle"),
    Crafted("zip-bzip2-64MiB", zip_bzip2_bomb, "unreadable"),
    Crafted("zip-20000-members", zip_many_members, "limit:zip_members"),
    Crafted("docx-deflate64", lambda: zip_method(report_file("docx")), "unreadable"),
    Crafted("bundle-deflate64", lambda: zip_method(bundle_of_one()), "unreadable", via="bundle"),
    Crafted("pdf-page-14400pt", lambda: pdf_page(14400, 14400, text=True), "limit:page_points"),
    Crafted("pdf-scan-1pt-wide", lambda: pdf_page(1, 842, text=False), "not_a_report"),
    Crafted("pdf-path-150000-segments", pdf_rectangles, "limit:page_objects"),
    Crafted("pdf-grid-600x600-lines", pdf_grid, "limit:cells"),
    Crafted("tiff-2000-frames", tiff_frames, "limit:frames"),
    Crafted("png-12000x12000", lambda: png(12000, 12000), "limit:pixels"),
    Crafted("png-20000x20000", lambda: png(20000, 20000), "limit:pixels"),
    Crafted("png-broken-chunk", png_broken_chunk, "unreadable"),
    Crafted("text-64000-table-rows", lambda: text_table_rows(64_000), "limit:rows"),
    Crafted("text-100000-digit-number", text_long_number, "limit:number_digits"),
    Crafted("json-nested-100000", json_deep, "limit:depth", via="json"),
    Crafted("json-100000-digit-number", json_long_number, "limit:number_digits", via="json"),
)
