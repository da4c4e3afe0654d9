"""Text normalisation: what reaches the table reader from real flattened reports."""

from __future__ import annotations

from gongkai.readers.normalize import normalize_text
from gongkai.readers.tokens import LABEL, NUMBER, cell_to_tokens, line_to_tokens


def test_html_residue_becomes_cells() -> None:
    text = "<tr><td>①属于国家秘密</td><td>0&nbsp;</td><td>3</td></tr>"
    assert normalize_text(text).split("\n")[0] == "1.属于国家秘密\t0 \t3"


def test_item_numbers_in_any_style_are_label_text() -> None:
    for cell in ("1.属于国家秘密", "1、属于国家秘密", "(1)属于国家秘密", "1)属于国家秘密"):
        assert [t.kind for t in cell_to_tokens(cell, 1)] == [LABEL], cell


def test_page_numbers_counting_up_are_removed_but_cells_are_kept() -> None:
    pages = ["表头\n0\n5\n1", "0\n0\n2", "7\n0\n3", "结尾\n4"]
    lines = normalize_text("\f".join(pages)).split("\n")
    assert [x for x in lines if x.strip()] == ["表头", "0", "5", "0", "0", "7", "0", "结尾"]


def test_traditional_and_taiwan_wording_become_simplified() -> None:
    text = normalize_text("行政規範性檔案\t0\n(七)總計\t1")
    assert text == "行政规范性文件\t0\n(七)总计\t1"


def test_header_blanks_are_spans_and_blanks_before_a_label_are_label_columns() -> None:
    header = line_to_tokens("行政复议\t\t\t\t\t行政诉讼", 1)
    assert [t.kind for t in header] == [LABEL, LABEL]
    row = line_to_tokens("\t\t2. 其他\t0\t\t1", 2)
    assert [t.kind for t in row] == [LABEL, NUMBER, "blank", NUMBER]


def test_negative_change_and_units() -> None:
    tokens = cell_to_tokens("行政许可 12 -3 8461.5652万元 2021年", 1)
    numbers = [(t.value, t.unit) for t in tokens if t.kind == NUMBER]
    assert numbers == [(12, ""), (-3, ""), ("8461.5652", "万元")]
