"""Markdown made from PDFs by the converters researchers use (MinerU, docling, marker,
pymupdf4llm, LLMs): their pipe tables read as the printed tables."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.model import Report
from gongkai.readers.pipetables import restore_pipe_tables
from gongkai.readers.text import text_to_report
from gongkai.render.html import render_html
from tests.support.corpus.mdconverters import STYLES, converted
from tests.support.reports import consistent_reports, report_from_rng

DATA = ("active", "applications", "appeals")
_PROCUREMENT = (
    "| 信息内容 | 采购项目数量 | 采购总金额 | 采购总金额 |\n"
    "|---|---|---|---|\n"
    "| 政府集中采购 | 12 | 3456 | 3456 |"
)


def _data(report: Report) -> dict[str, Any]:
    data = report.to_json()
    return {k: data[k] for k in DATA}


def _parse_rules(report: Report) -> list[str]:
    return [f.rule for f in report.findings or [] if f.rule.startswith("parse.")]


def test_each_style_prints_the_marks_of_its_converter() -> None:
    """The corpus's emulations show what each tool's documentation says it writes."""
    html = render_html(report_from_rng(random.Random(1), "2019"))
    marks = {  # patterns each output must hold
        "mineru": [r'<td rowspan="\d+"', r'<td colspan="\d+"', "<html><body><table>", "^# 二"],
        "docling": [r"采购总金额 +\| 采购总金额 +\|", "^<!-- image -->$"],
        "marker": [r"<br>", "^## 二"],
        "pymupdf": [r"\|Col2\|", "^-----$", "<br>"],
        "llm": [r"^\|---\|"],
    }
    for style, patterns in marks.items():
        markdown = converted(html, style, random.Random(2))
        missing = [p for p in patterns if not re.search(p, markdown, re.MULTILINE)]
        assert missing == [], style
    assert "— 1 —" not in converted(html, "mineru", random.Random(2))  # furniture dropped


def test_a_figure_repeated_under_a_merged_header_is_one_cell() -> None:
    lines = restore_pipe_tables(_PROCUREMENT).split("\n")
    assert lines[2] == "| 政府集中采购 | 12 | 3456 |      |"
    assert lines[:2] == _PROCUREMENT.split("\n")[:2]


def test_equal_figures_under_different_headers_stay_two_cells() -> None:
    text = "| 信息内容 | 本年新制作数量 | 本年新公开数量 |\n|---|---|---|\n| 规章 | 4 | 4 |"
    assert restore_pipe_tables(text) == text


def test_different_figures_under_a_repeated_header_stay_for_the_reader_to_doubt() -> None:
    text = _PROCUREMENT.replace("3456 | 3456", "3456 | 3457")
    assert restore_pipe_tables(text) == text


def test_a_table_cut_by_a_page_keeps_its_header_until_text_comes() -> None:
    header = _PROCUREMENT.split("\n")[:2]
    rest = ["| 政府集中采购 | 12 | 3456 | 3456 |", "|---|---|---|---|"]
    cut = "\n".join([*header, "", "— 2 —", "", "-----", "", *rest])
    assert restore_pipe_tables(cut).split("\n")[-2] == "| 政府集中采购 | 12 | 3456 |      |"
    after_text = "\n".join([*header, "", "（九）其他", "", *rest])
    assert restore_pipe_tables(after_text).split("\n")[-2] == rest[0]


def test_placeholder_headers_are_blanked_only_where_they_name_their_own_column() -> None:
    text = "|Col1|行政复议|Col3|Col2|\n|---|---|---|---|\n|Col1|0|0|0|"
    lines = restore_pipe_tables(text).split("\n")
    assert lines[0] == "|    |行政复议|    |Col2|"
    assert lines[2] == "|Col1|0|0|0|"  # not a header: a cell's own text


def test_a_wrapped_cell_is_joined_and_the_lines_stay() -> None:
    text = "前文 <br> 不在表中\n|（二）部分公开（区分处<br>理的）|1|\n后文"
    assert restore_pipe_tables(text).split("\n") == [
        "前文 <br> 不在表中",
        "|（二）部分公开（区分处理的）|1|",
        "后文",
    ]


def test_docling_repeats_the_procurement_amount_and_the_items_are_read() -> None:
    """Regression: 「| 3657 | 68774 | 68774 |」 was read as items 68774 (flagged)."""
    report = _report_with_procurement()
    back = text_to_report(converted(render_html(report), "docling", random.Random(0)))
    assert _data(back) == _data(report)
    assert _parse_rules(back) == []


def test_pymupdf_placeholder_headers_are_not_read_as_appeal_cells() -> None:
    """Regression: 「|行政复议|Col2|…|Col15|」's digits were read as table 四's cells."""
    report = report_from_rng(random.Random(7))
    back = text_to_report(converted(render_html(report), "pymupdf", random.Random(0)))
    assert _data(back)["appeals"] == _data(report)["appeals"]
    assert _parse_rules(back) == []


def test_an_item_number_wrapped_apart_from_its_words_costs_no_row_its_proof() -> None:
    """Regression: 「|1.<br>属于国家秘密|」 cut the row in two, and table 三's rows were
    read only in order (parse.unproven_row, parse.unrepaired_row)."""
    report = report_from_rng(random.Random(3))
    markdown = converted(render_html(report), "marker", random.Random(0))
    wrapped = re.sub(r"\|(\d\.)(?=[^|<]{3,}\|)", r"|\1<br>", markdown)
    assert wrapped.count("<br>") > markdown.count("<br>") + 10
    back = text_to_report(wrapped)
    assert _data(back) == _data(report)
    assert _parse_rules(back) == []


@pytest.mark.parametrize("style", STYLES)
@given(report=consistent_reports(), seed=st.integers(0, 2**16))
def test_any_report_converted_in_each_style_reads_back_to_itself(
    style: str, report: Report, seed: int
) -> None:
    back = text_to_report(converted(render_html(report), style, random.Random(seed)))
    assert _data(back) == _data(report)
    assert [f.rule for f in back.findings or [] if f.severity == "error"] == []


def _report_with_procurement() -> Report:
    """A 2019-template report (table 二's 采购总金额 spans two columns) whose
    procurement items and amount differ."""
    for seed in range(100):
        report = report_from_rng(random.Random(seed), "2019")
        procurement = report.active.model_dump()["procurement"]
        if procurement["items"] and str(procurement["items"]) != procurement["amount"]:
            return report
    raise AssertionError("no generated report with a procurement row")
