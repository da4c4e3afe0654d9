"""Exports as spreadsheets: text stays text (never a formula Excel would run), numbers stay
numbers."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongkai.render.sheet import sheet_xlsx


def _sheet_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()


def test_text_that_reads_like_a_formula_is_written_as_text() -> None:
    data = sheet_xlsx("导出", ["名称", "件数"], [['=HYPERLINK("http://x","点我")', 3]])
    assert "<f>" not in _sheet_xml(data)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert [c.value for c in sheet[2]] == ['=HYPERLINK("http://x","点我")', 3]
    assert sheet["B2"].data_type == "n"


@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_no_text_ever_becomes_a_formula(texts: list[str]) -> None:
    printable = [t for t in texts if t.isprintable()]
    assert "<f>" not in _sheet_xml(sheet_xlsx("导出", ["文字"], [[t] for t in printable]))
