"""Hostile inputs (issue 11): every crafted bomb refused with its limit or read correctly,
and every input the fuzzer ever crashed a reader with kept as a regression fixture.

Each is read in a child process with a memory cap (the isolation helper), so that a
regression fails this test instead of exhausting the machine.
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path
from unittest import mock

import lxml.html
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gongkai.errors import GongkaiError, NotAReport, OverLimit, UnreadableInput
from gongkai.model import Report
from gongkai.readers import html as html_reader
from gongkai.readers import narrative, printorder, read_bytes
from gongkai.readers.bundle import unpack
from gongkai.readers.interchange import json_to_report
from gongkai.readers.isolation import Isolation, read_isolated
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.pdf import pdf_to_blocks
from gongkai.readers.zips import directory_entries
from tests.support import longinputs
from tests.support.corpus.ofd import pdf_to_ofd
from tests.support.hostile import (
    CRAFTED,
    Crafted,
    pdf_page,
    pdf_tables_beside_text,
    report_file,
    text_with,
)

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
_CAPPED = Isolation(seconds=120, memory_bytes=3 << 30)


def _outcome(crafted: Crafted, data: bytes) -> str:
    try:
        if crafted.via == "bundle":
            unpack("bundle.zip", data)
        elif crafted.via == "json":
            json_to_report(data)
        else:
            read_isolated(data, crafted.name, isolation=_CAPPED)
    except OverLimit as exc:
        return f"limit:{exc.limit}"
    except NotAReport:
        return "not_a_report"
    except UnreadableInput:
        return "unreadable"
    return "read"


@pytest.mark.parametrize("crafted", CRAFTED, ids=[c.name for c in CRAFTED])
def test_crafted_input_is_refused_with_its_limit_or_read(crafted: Crafted) -> None:
    assert _outcome(crafted, crafted.make()) == crafted.expect


def test_docx_with_a_huge_or_garbled_grid_span_reads_the_same_report() -> None:
    from tests.support.hostile import docx_grid_span

    plain = read_bytes(report_file("docx"))
    for value in ("200000000", "two"):
        back = read_bytes(docx_grid_span(value))
        assert back.applications == plain.applications
        assert back.appeals == plain.appeals


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("issue-11-*")), ids=lambda p: p.name)
def test_fuzzed_input_that_once_crashed_a_reader_is_read_or_refused(path: Path) -> None:
    try:
        report = read_isolated(path.read_bytes(), path.name, isolation=_CAPPED)
    except GongkaiError as exc:
        assert not exc.code.startswith("internal"), exc
    else:
        assert isinstance(report, Report)


_LONG = 100_000
# Long lines where the text reader's patterns meet them: a line of spaces or tabs among
# table 三's rows (page furniture), a Markdown rule's place under a pipe row, a run of
# Chinese numerals in the prose (counts written in words).
_LONG_LINES = {
    "spaces-in-table-3": ("三、", " " * _LONG + "x\n"),
    "tabs-in-table-3": ("三、", "\t" * _LONG + "x\n"),
    "spaces-under-a-pipe-row": ("四、", "| 甲 | 1 |\n" + " " * _LONG + "x\n"),
    "numerals-in-prose": ("一、", "一二三" * (_LONG // 3) + "\n"),
}


@pytest.mark.parametrize("where, line", _LONG_LINES.values(), ids=list(_LONG_LINES))
def test_a_long_line_is_read_in_linear_time(where: str, line: str) -> None:
    """A line of 100 000 characters costs the text reader about a second where
    every pattern is linear; each of these once took quadratic time (17 s for 20 000
    spaces among table 三's rows), so a file of a few hundred kilobytes held a worker
    for its whole time limit."""
    read_isolated(text_with(line, where), "long.txt", isolation=Isolation(seconds=15))


def test_a_row_label_before_a_long_run_of_spaces_is_judged_in_linear_time() -> None:
    """The print-order reading asks of each line of table 三 whether it is a label with
    figures after it; a label and 30 000 spaces once took it some seconds (quadratic)."""
    started = time.perf_counter()
    assert printorder._line_numbers("（一）予以公开" + " " * 30_000 + "x") is None
    assert time.perf_counter() - started < 1


def test_a_row_of_many_cells_is_refused_in_linear_time() -> None:
    """Each cell's path was asked of lxml, which counts the cell's siblings anew: a web
    page whose row holds 100 000 cells (1 MB) took the HTML reader about a minute before
    it was refused for its cells."""
    html = report_file("html").decode()
    row = "<tr>" + "<td>1</td>" * 100_000 + "</tr>"
    data = html.replace("<table>", "<table>" + row, 1).encode()
    with pytest.raises(OverLimit) as refused:
        read_isolated(data, "wide.html", isolation=Isolation(seconds=15))
    assert refused.value.limit == "cells"


_LEAF = st.sampled_from(
    ["<td>1</td>", "<th>a</th>", "<!--x-->", "<span>s</span>", "<?pi x?>", "&amp;"]
)
_TAGS = st.sampled_from(["div", "p", "table", "tbody", "tr", "td", "span", "o:p"])
_FRAGMENT = st.recursive(
    _LEAF,
    lambda inner: st.builds(
        lambda tag, parts: f"<{tag}>{''.join(parts)}</{tag}>", _TAGS, st.lists(inner, max_size=5)
    ),
    max_leaves=30,
)


@given(parts=st.lists(_FRAGMENT, max_size=8))
def test_an_elements_path_is_the_one_lxml_gives(parts: list[str]) -> None:
    """The paths counted in one pass over the page are lxml's own (an index only among
    siblings of the same tag; comments and processing instructions not counted), so
    provenance is unchanged."""
    root = lxml.html.document_fromstring(f"<html><body>{''.join(parts)}</body></html>")
    page = html_reader._Page(DEFAULT_LIMITS)
    tree = root.getroottree()
    for element in root.iter():
        if isinstance(element.tag, str):
            assert page.path(element) == tree.getpath(element)


def test_a_pdf_page_of_many_small_tables_beside_a_long_text_is_read_in_linear_time() -> None:
    """Each table looked at every character outside the tables for one that opens a cell
    (`readers/holes.py`), and every word was tested against every table's box: 2,000
    tables beside 40,000 figures (one text object, 10,000 lines) took 28 s of CPU."""
    data = pdf_tables_beside_text()
    started = time.process_time()
    pdf_to_blocks(data)
    assert time.process_time() - started < 8


def test_many_tables_side_by_side_are_read_in_linear_time() -> None:
    """Each row's path was asked of lxml, which counts every ancestor's earlier siblings
    anew: 40 000 one-cell tables side by side (1.4 MB) took 17.6 s of CPU."""
    data = ("<html><body>" + "<table><tr><td>1</td></tr></table>" * 40_000).encode()
    started = time.process_time()
    html_reader.html_to_blocks(data)
    assert time.process_time() - started < 8


def test_an_elements_path_keeps_only_its_ancestors_children() -> None:
    """Every element's path was kept the first time one was asked: a page at the size
    limit (some 700 000 elements, most in no table) held hundreds of MB of paths for the
    few a table's cells need."""
    body = "<div>" + "<span>x</span>" * 100 + "</div>"
    root = lxml.html.document_fromstring(f"<html><body>{body * 1_000}<table/></body></html>")
    page = html_reader._Page(DEFAULT_LIMITS)
    [table] = root.iter("table")
    assert page.path(table) == "/html/body/table"
    assert len(page.paths) < 1_100


def test_the_lines_of_many_sentences_are_found_in_linear_time() -> None:
    """Each sentence's line was found by counting the line breaks before it: a report of
    60 000 short sentences (the same report pasted over and over) took some twenty
    seconds in the prose alone."""
    text = "本年共收到申请。\n" * 60_000
    started = time.process_time()
    narrative.narrative_figures(text, ((0, len(text)),), 2024)
    assert time.process_time() - started < 5


def test_more_pages_to_read_by_ocr_than_the_limit_are_refused_before_the_first() -> None:
    """Every page without a text layer is read by OCR at 1–3 s of CPU: a 400-page table
    whose pages the text layer check did not believe took some fifteen minutes, well past
    the isolated read's time; past `ocr_pages` the file is refused before any is read."""
    blank = pdf_page(595, 842, text=False, drawing=b"10 10 500 700 re S")
    data = longinputs.joined([(blank, DEFAULT_LIMITS.ocr_pages + 1)])
    started = time.process_time()
    with pytest.raises(OverLimit) as refused:
        read_bytes(data)
    assert refused.value.limit == "ocr_pages"
    assert time.process_time() - started < 10


def test_pages_whose_text_layer_is_not_believed_count_as_pages_read_by_ocr() -> None:
    """A table's continuation pages, whose labels hold none of a report's keywords, are
    taken for a broken font map and read from their picture: they count too."""
    with pytest.raises(OverLimit) as refused:
        read_bytes(longinputs.split_table(3), limits=Limits(ocr_pages=2))
    assert refused.value.limit == "ocr_pages"


@pytest.mark.parametrize("points, refused", [(5_000, False), (5_001, True)])
def test_an_ofd_page_at_the_size_limit_is_read_and_one_point_over_refused(
    points: int, refused: bool
) -> None:
    """OFD sizes are in mm: a 5,000-point page written as 1763.889 mm is 5,000.0003 pt,
    which was refused as over the 5,000-point limit."""
    data = pdf_to_ofd(pdf_page(points, 200, text=True))
    with pytest.raises((OverLimit, NotAReport)) as failed:
        read_bytes(data)
    over = isinstance(failed.value, OverLimit) and failed.value.limit == "page_points"
    assert over is refused


def test_an_ofd_may_hold_four_parts_a_page_within_the_page_limit() -> None:
    """An OFD holds a part or more a page (content, template, resources): a 500-page OFD
    printed as OFD printers write one has 1,004 parts and was refused by `zip_members`
    (1,000, a DOCX's bound) though within `pages`."""
    data = pdf_to_ofd(report_file("pdf"))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = len(package.infolist())
    assert read_bytes(data, limits=Limits(zip_members=members - 1, pages=members)).applications
    with pytest.raises(OverLimit) as refused:
        read_bytes(data, limits=Limits(zip_members=members - 1, pages=(members - 1) // 4))
    assert refused.value.limit == "zip_members"


def test_an_upload_opens_an_ofd_within_the_page_limit_and_holds_a_bundle_to_its_members() -> None:
    """The upload's unpacking opened every zip with a DOCX's bound of parts: an OFD within
    `pages` but over `zip_members` was refused at upload though the reader takes it."""
    data = pdf_to_ofd(report_file("pdf"))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = len(package.infolist())
    limits = Limits(zip_members=members - 1, pages=members)
    assert unpack("报告.ofd", data, limits) == [("报告.ofd", data)]
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as archive:
        for k in range(members):
            archive.writestr(f"{k}.txt", "一、总体情况")
    with pytest.raises(OverLimit) as refused:
        unpack("报告.zip", bundle.getvalue(), limits)
    assert refused.value.limit == "zip_members"


def test_a_run_on_sentence_of_many_figures_is_read_in_linear_time() -> None:
    """Each figure's reading looks back over its sentence: 8,000 clauses with figures and no
    full stop (200 KB) took two minutes, 4,000 half a minute."""
    text = "涉及征地拆迁的申请2件，因涉及个人隐私不予公开1件，" * 4_000
    started = time.process_time()
    figures = narrative.narrative_figures(text, ((0, len(text)),), 2024)
    assert time.process_time() - started < 5
    assert {f.key for f in figures} == {"withheld"}


def _zip64_of(count: int) -> bytes:
    """`count` empty entries, written with the zip64 end records as a zip of more than
    65,535 entries has them (zipfile writes them past its ZIP_FILECOUNT_LIMIT)."""
    out = io.BytesIO()
    limit = mock.patch.object(zipfile, "ZIP_FILECOUNT_LIMIT", 0)
    with limit, zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        for index in range(count - 1):
            archive.writestr(f"p/{index}", b"")
    return out.getvalue()


def _counts_say_one(data: bytes) -> bytes:
    """The zip with both end records' entry counts set to 1: zipfile lists the directory
    by its size, whatever the counts say."""
    lying = bytearray(data)
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", lying, end + 8, 1, 1)
    struct.pack_into("<QQ", lying, end - 20 - 56 + 24, 1, 1)
    return bytes(lying)


@pytest.mark.parametrize("lie", [False, True])
def test_a_zip_of_too_many_entries_is_refused_before_zipfile_lists_them(lie: bool) -> None:
    """zipfile lists a directory by its declared size, whatever the end records' counts say:
    a zip whose counts said 1 had it build an object for each of its 3,000 entries before
    their number was refused. (A true zip64 count was refused in time already: its 16-bit
    field says 0xFFFF, far over the limit.)"""
    data = _zip64_of(3_000)
    data = _counts_say_one(data) if lie else data
    with mock.patch.object(zipfile, "ZipFile", side_effect=AssertionError("listed")) as built:
        for read in (lambda: read_bytes(data, "报告.docx"), lambda: unpack("报告.zip", data)):
            with pytest.raises(OverLimit) as refused:
                read()
            assert refused.value.limit == "zip_members"
    assert not built.called


@given(
    st.integers(0, 40),
    st.booleans(),
    st.binary(max_size=300),
    st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]),
    st.sampled_from([0, 65_535, 65_536, 65_537]),
)
@example(count=1, zip64=False, comment=b"", method=zipfile.ZIP_STORED, trailing=65_536)
def test_the_entries_counted_are_those_zipfile_lists(
    count: int, zip64: bool, comment: bytes, method: int, trailing: int
) -> None:
    """Bytes after the end record are a comment to zipfile as far as it looks for the record
    (65,536 bytes past it, and no further: a zip with more is not one)."""
    out = io.BytesIO()
    limit = mock.patch.object(zipfile, "ZIP_FILECOUNT_LIMIT", 0 if zip64 else 0xFFFF)
    with limit, zipfile.ZipFile(out, "w", compression=method) as archive:
        archive.comment = comment
        for index in range(count):
            archive.writestr(f"目录/{index}.txt", "一、总体情况" * index)
    data = out.getvalue() + b"\0" * trailing
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            listed = len(archive.infolist())
    except zipfile.BadZipFile:
        listed = 0
    assert directory_entries(data, 1_000) == listed
    assert directory_entries(data, max(0, listed - 1)) == listed  # counted up to most + 1


def test_a_directory_said_to_begin_before_the_file_is_none() -> None:
    """zipfile refuses a zip whose directory's declared size reaches before the file's
    start; counting its records from the first byte instead found entries zipfile never
    lists."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for index in range(3):
            archive.writestr(f"{index}.txt", "")
    data = bytearray(out.getvalue())
    end = data.rfind(b"PK\x05\x06")
    start = data.find(b"PK\x01\x02")
    struct.pack_into("<L", data, end + 12, end + 1)  # the directory's size, one too many
    crafted = bytes(data[start:])  # the directory's records first, as the count looks
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(crafted))
    assert directory_entries(crafted, 1_000) == 0
