"""Table 二's amounts in 元: the unit the cell or its column's header states (issue 13)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.model import Finding, Report
from gongkai.readers import read_bytes
from gongkai.readers.active import read_active
from gongkai.readers.amounts import stated_units
from gongkai.readers.tokens import text_to_tokens, tokens_to_segments
from gongkai.render.html import render_html
from tests.support.corpus.producers import weasyprint_pdf
from tests.support.reports import report_from_rng
from tests.support.scoring import silently_wrong

FEES = "第二十条第(八)项\t信息内容\t本年收费金额{header}\n行政事业性收费\t{cell}\n"
PROCUREMENT = (
    "第二十条第(九)项\t信息内容\t采购项目数量\t采购总金额{header}\n政府集中采购\t12\t{cell}\n"
)

FORMATS: dict[str, Callable[[str], tuple[bytes, str]]] = {
    "html": lambda html: (html.encode(), "report.html"),
    "pdf": lambda html: (weasyprint_pdf(html), "report.pdf"),
}


def _fees(header: str, cell: str, caption: str = "") -> tuple[str | None, list[Finding]]:
    text = FEES.format(header=header, cell=cell)
    result = read_active(tokens_to_segments(text_to_tokens(text)), "2021", caption=caption)
    return result.data["fees"]["amount_10k_yuan"], [f for f in result.findings if f.row == "fees"]


def _procurement(header: str, cell: str) -> tuple[str | None, list[Finding]]:
    text = PROCUREMENT.format(header=header, cell=cell)
    result = read_active(tokens_to_segments(text_to_tokens(text)), "2019")
    found = [f for f in result.findings if f.row == "procurement"]
    return result.data["procurement"]["amount"], found


def test_an_amount_under_a_header_in_yuan_is_converted_and_said_so() -> None:
    amount, [finding] = _fees("(单位:元)", "12500")
    assert amount == "1.25"
    assert (finding.rule, finding.message) == (
        "parse.unit_converted",
        "表二「行政事业性收费」金额所在列的表头注明单位为「元」，所填12500已换算为1.25万元",
    )
    assert _procurement("(元)", "28170000")[0] == "2817"


def test_a_header_in_ten_thousands_or_without_a_unit_changes_nothing() -> None:
    assert _fees("(单位:万元)", "1.25") == ("1.25", [])
    assert _procurement("", "2817") == ("2817", [])


def test_a_zero_in_yuan_is_zero_with_nothing_to_say() -> None:
    """「所填0已换算为0万元」 was a warning, and the row counted as fixed by the rules."""
    assert _fees("(单位:元)", "0") == ("0", [])
    assert _fees("", "0元") == ("0", [])


def test_the_cell_s_own_unit_wins_over_its_header_s() -> None:
    amount, [finding] = _fees("(单位:万元)", "12500元")
    assert amount == "1.25"
    assert finding.message == "表二「行政事业性收费」以「元」为单位（12500元），已换算为1.25万元"
    assert _fees("(单位:元)", "1.25万元") == ("1.25", [])


def test_a_procurement_amount_in_yuan_is_converted_as_a_fee_is() -> None:
    amount, [finding] = _procurement("", "28170000元")
    assert (amount, finding.rule) == ("2817", "parse.unit_converted")


@given(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    st.sampled_from(["(单位:元)", "(元)", "（单位：元）", "(单位: 元)"]),
)
def test_any_amount_under_a_yuan_header_reads_as_a_ten_thousandth(
    yuan: Decimal, header: str
) -> None:
    for read in (_fees, _procurement):
        amount, findings = read(header, f"{yuan:f}")
        assert amount is not None and Decimal(amount) == yuan / 10000
        assert [f.rule for f in findings] == (["parse.unit_converted"] if yuan else [])


def _fees_in_yuan(header: str) -> tuple[str, Report]:
    report = report_from_rng(random.Random(0), "2021")
    data = report.to_json()
    data["active"]["fees"]["amount_10k_yuan"] = "1.25"
    report = Report.model_validate(data)
    html = render_html(report).replace("本年收费金额（单位：万元）", f"本年收费金额{header}")
    return html.replace(">1.25<", ">12500<"), report


def _procurement_in_yuan(header: str) -> tuple[str, Report]:
    report = report_from_rng(random.Random(1), "2019")
    amount = report.to_json()["active"]["procurement"]["amount"]
    html = render_html(report).replace("采购总金额", f"采购总金额{header}")
    row = r"(采购</td><td>\d+</td><td colspan=\"2\">)" + re.escape(amount) + "<"
    html, count = re.subn(row, lambda m: f"{m.group(1)}{int(amount) * 10000}<", html)
    assert count == 1
    return html, report


@pytest.mark.parametrize("kind", sorted(FORMATS))
@pytest.mark.parametrize(
    ("altered", "header"),
    [
        (_fees_in_yuan, "（单位：元）"),
        (_fees_in_yuan, "（元）"),
        (_procurement_in_yuan, "（单位：元）"),
        (_procurement_in_yuan, "（元）"),
    ],
)
def test_a_report_whose_amount_header_says_yuan_is_read_in_ten_thousands(
    altered: Callable[[str], tuple[str, Report]], header: str, kind: str
) -> None:
    """The 2021 fee (12500 under 「本年收费金额（单位：元）」) and the 2019 procurement
    (28170000 under 「采购总金额（元）」) were read as 万元, 10,000 times too much, silently."""
    html, truth = altered(header)
    back = read_bytes(*FORMATS[kind](html))
    assert silently_wrong(back, truth) == []
    assert back.to_json()["active"] == truth.to_json()["active"]
    assert any(f.rule == "parse.unit_converted" for f in back.findings or [])


def test_a_header_printed_apart_from_its_row_still_states_the_unit() -> None:
    """A cell a line (flattened HTML): the header's blank cells part it from the row."""
    header = ("第二十条第(九)项", "", "", "信息内容", "采购项目数量", "采购总金额(元)", "")
    text = "".join(f"{cell} |\n" for cell in (*header, "政府集中采购", "4530", "305510000", ""))
    segments = tokens_to_segments(text_to_tokens(text))
    assert len(segments) > 2
    result = read_active(segments, "2019")
    assert result.data["procurement"] == {"items": 4530, "amount": "30551"}


def test_headers_that_disagree_state_no_unit_and_say_so() -> None:
    text = FEES.format(header="(单位:元)", cell="3") + "本年收费金额(单位:万元)\n"
    assert set(stated_units(tokens_to_segments(text_to_tokens(text)))) == {"元", "万元"}
    amount, [finding] = _fees("(单位:元)", "3", "单位:万元")
    assert (amount, finding.rule) == ("3", "parse.unit_unclear")


def _captioned(html: str, caption: str) -> str:
    """`html` with `caption` printed as a line of its own between section 二's heading and
    table 二, as offices state a table's unit."""
    heading = re.search(r"<h2>二、[^<]*</h2>", html)
    assert heading is not None
    return html[: heading.end()] + f"<p>{caption}</p>" + html[heading.end() :]


@pytest.mark.parametrize("kind", sorted(FORMATS))
@pytest.mark.parametrize(
    "caption",
    [
        "单位：元",
        "（单位：元）",
        "金额单位：元",
        "单位：件、元",
        "单位：份、元",
        "单位：人民币元",
        "单位：元人民币",
        "单位（元）",
    ],
)
@pytest.mark.parametrize("altered", [_fees_in_yuan, _procurement_in_yuan])
def test_a_caption_above_table_two_in_yuan_converts_its_amounts(
    altered: Callable[[str], tuple[str, Report]], caption: str, kind: str
) -> None:
    """A line 「单位：元」 above the table, its header saying no unit, was not read: the
    amounts in 元 stayed 万元, 10,000 times too much, silently."""
    html, truth = altered("")
    back = read_bytes(*FORMATS[kind](_captioned(html, caption)))
    assert silently_wrong(back, truth) == []
    assert back.to_json()["active"] == truth.to_json()["active"]
    [finding] = [f for f in back.findings or [] if f.rule == "parse.unit_converted"]
    assert finding.message.startswith("表格上方注明金额单位为「元」，表二「")
    assert finding.message.count("表二") == 1  # named once, as the cell's place


def test_a_caption_in_ten_thousands_changes_nothing() -> None:
    report = report_from_rng(random.Random(0), "2021")
    back = read_bytes(_captioned(render_html(report), "单位：万元").encode(), "report.html")
    assert back.to_json()["active"] == report.to_json()["active"]
    assert not [f for f in back.findings or [] if f.rule.startswith("parse.unit")]


def test_a_caption_that_disagrees_with_the_header_converts_nothing_and_says_so() -> None:
    """「单位：元」 above the table, 「本年收费金额（单位：万元）」 in it: which unit the office
    meant is not known, so the amount is read as printed and its row is in doubt."""
    html, _ = _fees_in_yuan("（单位：万元）")
    back = read_bytes(_captioned(html, "单位：元").encode(), "report.html")
    assert back.to_json()["active"]["fees"]["amount_10k_yuan"] == "12500"
    [finding] = [f for f in back.findings or [] if f.row == "fees"]
    assert finding.rule == "parse.unit_unclear"
    assert finding.message == (
        "表二「行政事业性收费」金额所在列的表头与表格上方注明的单位不一致（「元」与「万元」），"
        "所填12500未换算，按万元读取，请核对原文"
    )


def test_prose_above_table_two_that_names_no_unit_states_none() -> None:
    """「本单位元旦……」 between the heading and the table is prose, not a unit."""
    html, _ = _fees_in_yuan("")
    back = read_bytes(_captioned(html, "本单位元旦前公开文件").encode(), "report.html")
    assert back.to_json()["active"]["fees"]["amount_10k_yuan"] == "12500"
    assert stated_units([], "本单位元旦前公开文件\n单位：元") == {"元": "caption"}
