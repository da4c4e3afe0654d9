"""Table 二: glued runs split every way they can be, the count of readings said, and the
reading kept flagged (issue 13: crawler text of the 2019 template, amounts with units)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai.model import Finding
from gongkai.readers import read_path
from gongkai.readers.active import read_active
from gongkai.readers.normalize import normalize_text
from gongkai.readers.tokens import text_to_tokens, tokens_to_segments

FIXTURES = Path(__file__).parent / "fixtures" / "issue-13"
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
    finding, converted = [f for f in findings if f.row == "procurement"]
    assert finding.rule == "parse.ambiguous_row"
    assert finding.message.startswith(
        "表二「政府集中采购」印有「39573802895.90元」，应有2个单元格；"
    )
    assert converted.rule == "parse.unit_converted"
    items, amount = data["procurement"]["items"], data["procurement"]["amount"]
    assert (items, Decimal(amount) * 10000) == (39573, Decimal("802895.90"))


def test_a_count_that_carries_the_amount_s_unit_is_read_as_glued() -> None:
    """Crawler text: 「3370万元」 is a count and an amount (万元) glued, and the empty `<td>`
    after it is no cell of this row. 337 items bought for 0 万元 is the least likely
    reading (issue 13): 33 items for 70 万元 is kept, flagged."""
    text = "第二十条第(九)项信息内容采购项目数量采购总金额政府集中采购</td><td>3370万元</td>"
    data, findings = _read(normalize_text(text))
    assert data["procurement"] == {"items": 33, "amount": "70"}
    assert [f.rule for f in findings if f.row == "procurement"] == ["parse.ambiguous_row"]


def test_a_count_of_items_never_falls_below_none() -> None:
    """上一年项目数量 plus 本年增/减 is this year's count: 「56-312480」 is not 56、-312、480,
    and of the readings left the narrowest change is kept (issue 13, crawler text)."""
    data, findings = _read(HEADER_2019 + "行政许可56-312480")
    assert data["licensing"] == {"prev_items": 56, "change": -3, "decisions": 12480}
    [finding] = [f for f in findings if f.row == "licensing"]
    assert finding.rule == "parse.ambiguous_row"
    assert "有2种读法，已取56、-3、12480" in finding.message


def test_the_only_reading_left_by_the_count_of_items_is_a_repair() -> None:
    data, findings = _read(HEADER_2019 + "行政许可3-58")
    assert data["licensing"] == {"prev_items": 3, "change": -5, "decisions": 8}
    assert [f.rule for f in findings if f.row == "licensing"] == ["parse.repaired_row"]


def test_a_row_that_no_count_of_items_allows_keeps_its_readings() -> None:
    """「0-58」 and 「0-190」 fall below no items however they are split: a printing error,
    so no reading is ruled out (the row is still read, and flagged)."""
    data, findings = _read(HEADER_2019 + "行政许可0-58")
    assert data["licensing"] == {"prev_items": 0, "change": -5, "decisions": 8}
    assert [f.rule for f in findings if f.row == "licensing"] == ["parse.repaired_row"]
    _, findings = _read(HEADER_2019 + "行政许可0-190")
    [finding] = [f for f in findings if f.row == "licensing"]
    assert "有2种读法" in finding.message


def test_an_amount_below_its_count_of_purchases_is_the_less_likely_split() -> None:
    """「453280.6万元」: 45 purchases for 3280.6 万元, not 453 for 280.6 万元."""
    text = "第二十条第(九)项信息内容采购项目数量采购总金额政府集中采购453280.6万元"
    data, findings = _read(text)
    assert data["procurement"] == {"items": 45, "amount": "3280.6"}
    assert [f.rule for f in findings if f.row == "procurement"] == ["parse.ambiguous_row"]


def test_crawled_table_two_keeps_the_likeliest_readings() -> None:
    """A crawled report of the 2019 template whose table 二 rows are glued (fixture
    issue-13-crawler-table-two): every glued row read as printed, and flagged."""
    path = FIXTURES / "issue-13-crawler-table-two.txt"
    truth = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    report = read_path(path)
    assert report.to_json()["active"] == truth["active"]
    flagged = {f.row for f in report.findings or [] if f.rule == "parse.ambiguous_row"}
    assert {"licensing", "procurement"} <= flagged


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


def test_splits_that_differ_from_the_figure_the_prose_states_are_ruled_out() -> None:
    """「行政规范性文件1753246 4985」 has four plausible splits; the prose says 「全年共制发行政
    规范性文件1753件」, and one split alone has 1753 制发 (fixture issue-13-table-two-stated)."""
    report = read_path(FIXTURES / "issue-13-table-two-stated.txt")
    assert report.to_json()["active"]["normative_documents"] == {
        "issued": 1753,
        "repealed": 246,
        "in_force": 4985,
    }
    [finding] = [f for f in report.findings or [] if f.row == "normative_documents"]
    assert finding.rule == "parse.repaired_row" and "正文所述件数" in finding.message


def test_a_stated_figure_that_no_split_has_rules_nothing_out() -> None:
    text = "第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数行政规范性文件1753246 4985"
    stated = {"normative_documents": {"issued": 99}}
    segments = tokens_to_segments(text_to_tokens(text))
    result = read_active(segments, "2021", stated)
    [finding] = [f for f in result.findings if f.row == "normative_documents"]
    assert finding.rule == "parse.ambiguous_row" and "有4种读法" in finding.message
