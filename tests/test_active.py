"""Table 二: glued runs split every way they can be, the count of readings said, and the
reading kept flagged (issue 13: crawler text of the 2019 template, amounts with units)."""

from __future__ import annotations

from typing import Any

from gongkai.model import Finding
from gongkai.readers.active import read_active
from gongkai.readers.normalize import normalize_text
from gongkai.readers.tokens import text_to_tokens, tokens_to_segments

HEADER_2019 = "第二十条第(五)项信息内容上一年项目数量本年增/减处理决定数量"


def _read(text: str, template: str = "2019") -> tuple[dict[str, Any], list[Finding]]:
    result = read_active(tokens_to_segments(text_to_tokens(text)), template)  # type: ignore[arg-type]
    return result.data, result.findings


def test_a_glued_run_with_no_rule_to_split_it_says_how_many_readings_there_are() -> None:
    data, findings = _read(HEADER_2019 + "行政许可63600其他对外管理服务事项000")
    assert data["licensing"] == {"prev_items": 636, "change": 0, "decisions": 0}
    [licensing] = [f for f in findings if f.row == "licensing"]
    assert licensing.rule == "parse.ambiguous_row"
    assert licensing.message == (
        "表二「行政许可」印有「63600」，应有3个单元格；表二没有勾稽关系可以判断，"
        "有4种读法，已取636、0、0，请核对原文"
    )
    [other] = [f for f in findings if f.row == "other_services"]
    assert (other.rule, other.message) == (
        "parse.repaired_row",
        "表二「其他对外管理服务事项」印有「000」，应有3个单元格；只有一种读法：0、0、0",
    )


def test_a_zero_between_two_alike_figures_is_the_likely_split() -> None:
    data, _ = _read(
        "第二十条第(一)项信息内容本年新制作数量本年新公开数量对外公开总数量规章434304343"
    )
    assert data["regulations"] == {"made": 4343, "published": 0, "total_published": 4343}


def test_items_glued_to_an_amount_are_split_off_its_integer_part() -> None:
    text = "第二十条第(九)项信息内容采购项目数量采购总金额政府集中采购"
    data, findings = _read(text + "00.2728万元")
    assert data["procurement"] == {"items": 0, "amount": "0.2728"}
    assert [f.rule for f in findings if f.row == "procurement"] == ["parse.repaired_row"]
    data, findings = _read(text + "39573802895.90元")
    [finding] = [f for f in findings if f.row == "procurement"]
    assert finding.rule == "parse.ambiguous_row"
    assert finding.message.startswith(
        "表二「政府集中采购」印有「39573802895.90元」，应有2个单元格；"
    )
    items, amount = data["procurement"]["items"], data["procurement"]["amount"]
    assert f"{items}{amount}" == "39573802895.90"


def test_a_count_that_carries_the_amount_s_unit_is_read_as_glued() -> None:
    """Crawler text: 「3370万元」 is 337 items and an amount of 0 (万元) glued, and the empty
    `<td>` after it is no cell of this row."""
    text = "第二十条第(九)项信息内容采购项目数量采购总金额政府集中采购</td><td>3370万元</td>"
    data, findings = _read(normalize_text(text))
    assert data["procurement"] == {"items": 337, "amount": "0"}
    assert [f.rule for f in findings if f.row == "procurement"] == ["parse.ambiguous_row"]


def test_a_fee_printed_in_yuan_is_converted() -> None:
    text = "第二十条第(八)项信息内容本年收费金额(单位:万元)行政事业性收费3957.5元"
    data, findings = _read(text, "2021")
    assert data["fees"] == {"amount_10k_yuan": "0.39575"}
    assert [f.rule for f in findings if f.row == "fees"] == ["parse.unit_converted"]


def test_empty_cells_between_a_rows_numbers_are_the_spans_of_merged_cells() -> None:
    """Markdown from PDF (issue 13): 「| 行政规范性文件 | 5 | | | 0 | | 30 |」."""
    text = "| 第二十条第（一）项 |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
    data, findings = _read(text + "| 行政规范性文件 | 5 | | | 0 | | 30 |\n", "2021")
    assert data["normative_documents"] == {"issued": 5, "repealed": 0, "in_force": 30}
    assert [f.rule for f in findings if f.row == "normative_documents"] == []


def test_a_stray_number_among_empty_cells_is_a_flagged_reading() -> None:
    text = (
        "| 第二十条第（一）项 |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 5 | | 0 | | 30 | 7 |\n"
        "| 第二十条第（五）项 |\n| 信息内容 | 本年处理决定数量 |\n| 行政许可 | 3 |\n"
    )
    data, findings = _read(text, "2021")
    assert data["normative_documents"] == {"issued": 5, "repealed": 0, "in_force": 7}
    [finding] = [f for f in findings if f.row == "normative_documents"]
    assert finding.rule == "parse.ambiguous_row"
    assert finding.message.endswith("已取5、0、7，请核对原文")
