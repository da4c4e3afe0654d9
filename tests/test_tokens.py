"""Cells on a line that also holds labels: the numbers before the first label are cells."""

from __future__ import annotations

import json
import random
from pathlib import Path

from gongkai import catalog
from gongkai.readers import read_bytes, read_path
from gongkai.readers.serials import without_serials
from gongkai.readers.tokens import NUMBER, line_to_tokens, text_to_tokens
from gongkai.render.html import render_html
from tests.support.reports import report_from_rng
from tests.support.scoring import wrong_cells

FIXTURES = Path(__file__).parent / "fixtures" / "issue-13"


def test_numbers_before_a_label_on_their_line_are_kept() -> None:
    tokens = line_to_tokens("0 0 0 0 0 7 8 0 0 15 0 1 0 0 1 自然人 总计 商业企业", 1)
    assert [t.value for t in tokens if t.kind == NUMBER] == [0] * 5 + [
        7,
        8,
        0,
        0,
        15,
        0,
        1,
        0,
        0,
        1,
    ]


def test_table_four_followed_by_header_words_is_read() -> None:
    """PDFium's text of a styled WeasyPrint PDF: table 四's fifteen numbers, then the words of
    table 三's repeated header on the same line (before, table 四 was not found at all)."""
    path = FIXTURES / "issue-13-numbers-before-label.txt"
    truth = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    assert read_path(path).to_json()["appeals"] == truth["appeals"]


def test_a_row_of_blank_marks_keeps_its_cells() -> None:
    """「2.重复申请 无 无 无 无 无 无 无」 (Word tables typed with 「无」 or 「—」 for nothing) is a
    row of seven blank cells, not a header line whose empty spans are dropped."""
    for mark in ("无", "—", "/"):
        tokens = line_to_tokens("\t\t2.重复申请" + f"\t{mark}" * 7, 1)
        assert [t.kind for t in tokens] == ["label"] + ["blank"] * 7
    header = line_to_tokens("\t\t自然人\t法人或其他组织\t\t\t\t\t总计", 1)
    assert [t.kind for t in header] == ["label"] * 3


def test_numbers_before_a_label_stay_cells_in_a_table_without_a_serial_column() -> None:
    """Only a table headed 序号 has serial numbers (PDFium prints table 四's figures before
    a header's words on one line: cells)."""
    tokens = text_to_tokens("1\t2\t3\t行政复议\n4\t某行\t5")
    assert without_serials(tokens) == tokens
    numbered = text_to_tokens("序 号\t信息内容\t件数\n4\t某行\t5\n6\t另一行\t7")
    assert [t.text for t in without_serials(numbered)] == [
        "序 号",
        "信息内容",
        "件数",
        "某行",
        "5",
        "另一行",
        "7",
    ]


def test_a_zero_typed_as_a_character_is_a_zero() -> None:
    """「〇」 (and the input method's 「○」, 「零」, a typist's letter 「O」) alone in a cell is 0:
    it was a label, and the row read one cell short, every figure flagged."""
    for line in ("（一）予以公开\t〇\t○\t零\tO\to\t3", "（一）予以公开  〇  ○  零  O  o  3"):
        tokens = line_to_tokens(line, 1)
        assert [(t.kind, t.value) for t in tokens[1:]] == [(NUMBER, 0)] * 5 + [(NUMBER, 3)]
    assert [t.kind for t in line_to_tokens("零星采购\t3", 1)] == ["label", NUMBER]


def test_a_report_whose_zeros_are_typed_as_characters_is_read_exactly() -> None:
    for template in catalog.TEMPLATES:
        report = report_from_rng(random.Random(3), template)
        html = (
            render_html(report)
            .replace("<td>0</td>", "<td>〇</td>", 9)
            .replace("<td>0</td>", "<td>O</td>")
        )
        back = read_bytes(html.encode(), "report.html")
        assert wrong_cells(back, report) == []
        assert [f.rule for f in back.findings or [] if f.rule.startswith("parse.")] == []
