"""A minus before a count where the template allows none (tables 三 and 四, table 二 but its
本年增/减) is never taken silently (issue 13): the figure without it is read where the rules
prove it (`parse.repaired_row`), a blank mark 「-」 glued to the next figure is read as the
blank it is where the layout then proves every row, and otherwise the cell is a doubt
(`parse.negative_count`) and no rule across it is an error. On main 「-5」 in table 三 was
read as −5 in every format, and a consistent report got two false errors."""

from __future__ import annotations

import copy
import random
import re
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai import catalog
from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.readers.text import text_to_report
from gongkai.render import render
from gongkai.render.text import Layout, render_text
from tests.support.corpus.ofd import pdf_to_ofd
from tests.support.reports import report_from_rng
from tests.support.scans import scan_pdf
from tests.support.scoring import silently_wrong

Found = tuple[str, str, str | None, str | None, str | None]


def _found(report: Report) -> list[Found]:
    return [(f.rule, f.severity, f.row, f.column, f.message) for f in report.findings or []]


def _report() -> Report:
    """A consistent 2021 report whose 三（一）「自然人」 is 5 and 表四行政复议「结果维持」 is 9."""
    return report_from_rng(random.Random(3), "2021")


def _with_minus(report: Report) -> Report:
    """The report printed with a minus before 三（一）「自然人」 and 表四行政复议「结果维持」."""
    signed = report.model_copy(deep=True)
    signed.applications.rows["granted"][0] = -5
    signed.appeals.review.upheld = -9
    return signed


def _repaired(cell: str, printed: int, noun: str, row: str, column: str) -> Found:
    message = (
        f"{cell}印为“{printed}”，{noun}不能为负数；"
        f"去掉负号后勾稽关系相符，按{-printed}读取，请核对原文"
    )
    return ("parse.repaired_row", "warning", row, column, message)


_NOT_AN_ERROR = "涉及该单元格的勾稽关系不作为错误"
_BOTH_REPAIRED = [
    _repaired("表三（一）「自然人」", -5, "申请件数", "granted", "natural_person"),
    _repaired("表四行政复议「结果维持」", -9, "案件数", "appeals", "upheld"),
]


def _printed(report: Report, target: str) -> bytes:
    """The report as `gongkai render` prints it; OFD as an OFD writer converts its PDF."""
    if target == "ofd":
        return pdf_to_ofd(_printed(report, "pdf"))
    printed = render(report, target)
    return printed.encode() if isinstance(printed, str) else bytes(printed)


@pytest.mark.parametrize("target", ["txt", "html", "docx", "xlsx", "pdf", "ofd"])
def test_a_minus_the_rules_disprove_is_read_without_it_in_every_format(target: str) -> None:
    report = _report()
    assert report.applications.rows["granted"][0] == 5 and report.appeals.review.upheld == 9
    got = read_bytes(_printed(_with_minus(report), target), f"r.{target}")
    assert got.to_json()["applications"] == report.to_json()["applications"]
    assert got.to_json()["appeals"] == report.to_json()["appeals"]
    assert _found(got) == _BOTH_REPAIRED


def test_a_minus_in_a_scanned_count_is_read_without_it_where_the_rules_prove_it() -> None:
    report = _report()
    got = read_bytes(scan_pdf(_printed(_with_minus(report), "pdf")), "scan.pdf")
    assert got.to_json()["applications"] == report.to_json()["applications"]
    assert got.to_json()["appeals"] == report.to_json()["appeals"]
    repaired = [f for f in _found(got) if f[0] == "parse.repaired_row"]
    assert repaired == _BOTH_REPAIRED
    assert [f for f in _found(got) if f[1] == "error"] == []


@pytest.mark.parametrize("minus", ["-", "\u2212", "\uff0d"])
def test_every_printed_minus_is_one(minus: str) -> None:
    """The typeset minus U+2212 was a mark the reader could not read (table 二's 本年增/减
    「−6」 read as 6), the full-width one a hyphen."""
    report = _report()
    text = render_text(_with_minus(report), "spaces").replace("-", minus)
    got = text_to_report(text)
    assert got.to_json()["applications"] == report.to_json()["applications"]
    assert _found(got) == _BOTH_REPAIRED


def test_a_signed_change_of_table_two_keeps_its_minus() -> None:
    report = report_from_rng(random.Random(1), "2019")
    assert report.to_json()["active"]["licensing"]["change"] == -6
    got = text_to_report(render_text(report, "tabs").replace("\t-6\t", "\t\u22126\t"))
    assert got.to_json()["active"] == report.to_json()["active"]
    assert _found(got) == []


def test_a_minus_before_a_count_of_table_two_is_a_doubt() -> None:
    report = _report()
    data = report.to_json()
    printed = -data["active"]["licensing"]["decisions"]
    data["active"]["licensing"]["decisions"] = printed
    got = text_to_report(render_text(Report.model_validate(data), "tabs"))
    assert got.to_json()["active"] == report.to_json()["active"]
    message = (
        f"表二行政许可「本年处理决定数量」印为“{printed}”，件数不能为负数，请核对原文；"
        + _NOT_AN_ERROR
    )
    assert _found(got) == [("parse.negative_count", "warning", "licensing", "decisions", message)]


def test_a_minus_before_an_amount_of_money_is_a_doubt() -> None:
    """No fee is below zero: 「-0.8572」 万元 was read as printed with no word (the amount
    is a decimal string, which the check for a minus passed over)."""
    report = _report()
    assert report.to_json()["active"]["fees"]["amount_10k_yuan"] == "0.8572"
    text = render_text(report, "tabs").replace("行政事业性收费\t0.8572", "行政事业性收费\t-0.8572")
    got = text_to_report(text)
    assert got.to_json()["active"] == report.to_json()["active"]
    message = (
        "表二行政事业性收费「本年收费金额（单位：万元）」印为“-0.8572”，金额不能为负数，"
        "请核对原文；" + _NOT_AN_ERROR
    )
    assert _found(got) == [("parse.negative_count", "warning", "fees", "amount_10k_yuan", message)]
    assert got.confidence is not None and got.confidence.flagged == 1


def _rebalanced(report: Report) -> Report:
    """The report with 三（一）「自然人」 −5 and every total of table 三 made to agree."""
    signed = report.model_copy(deep=True)
    rows = signed.applications.rows
    rows["granted"][0] = -5
    outcomes = catalog.outcome_row_ids(list(rows))
    for row in rows.values():
        row[6] = sum(c or 0 for c in row[:6])
    rows["total"] = [sum(rows[r][c] or 0 for r in outcomes) for c in range(7)]
    rows["new_received"] = [
        (rows["total"][c] or 0) + (rows["carry_forward"][c] or 0) - (rows["carried_over"][c] or 0)
        for c in range(7)
    ]
    return signed


def test_a_negative_count_the_reports_sums_agree_with_is_kept_and_doubted() -> None:
    """Printed so on purpose, or added up with the stray mark: the reader cannot tell, and
    no rule is an error for it."""
    signed = _rebalanced(_report())
    got = text_to_report(render_text(signed, "tabs"))
    assert got.to_json()["applications"] == signed.to_json()["applications"]
    message = "表三（一）「自然人」印为“-5”，申请件数不能为负数，请核对原文；" + _NOT_AN_ERROR
    assert _found(got) == [
        ("parse.negative_count", "warning", "granted", "natural_person", message)
    ]
    assert got.confidence is not None
    assert got.confidence.doubted_columns == {"granted": ["natural_person"]}
    assert got.confidence.flagged == 1  # the one cell, not its row's seven


def test_a_minus_no_rule_decides_is_read_without_it_and_doubted() -> None:
    """The row's 总计 is off either way: the cell is a doubt, the rules across it warnings,
    and the other columns' rules still errors."""
    report = _report()
    text = render_text(report, "tabs").replace(
        "\t5\t0\t20\t0\t0\t37\t62", "\t-5\t0\t20\t0\t0\t37\t60"
    )
    got = text_to_report(text)
    assert got.to_json()["applications"]["rows"]["granted"] == [5, 0, 20, 0, 0, 37, 60]
    doubt = "表三（一）「自然人」印为“-5”，申请件数不能为负数，请核对原文；" + _NOT_AN_ERROR
    softened = (
        "三（一）「总计」列填报为60，但六类申请人之和为62；由于表三中三（一）行的数字读取存疑"
        "（见读取警告），这可能是读错而非填错，未作为错误，请核对原文"
    )
    assert _found(got) == [
        (
            "applications.total",
            "error",
            "total",
            "total",
            "三（七）总计「总计」列填报为956，但各办理结果之和为954",
        ),
        ("parse.negative_count", "warning", "granted", "natural_person", doubt),
        ("applications.row_total", "warning", "granted", "total", softened),
    ]


def test_a_blank_mark_glued_to_the_next_figure_is_read_as_a_blank() -> None:
    """pdftotext's layout with narrow columns: 三（一）「商业企业」 printed 「-」 runs into
    「科研机构」's 20. Read as −20, the row was one cell short, and seven readings added up."""
    report = _report()
    report.applications.rows["granted"][1] = None
    line = "（一）予以公开   5   20   0   0   37   62"  # a blank cell prints nothing here
    text = render_text(report, "spaces").replace(line, line.replace("5   20", "5   -20"))
    got = text_to_report(text)
    assert got.to_json()["applications"] == report.to_json()["applications"]
    message = (
        "表三（一）「商业企业」的空白标记“-”与下一格的数字相连，形似负号；"
        "按空白读取后各行均与版面相符，请核对原文"
    )
    blank = (
        "表三（收到和处理政府信息公开申请情况）有1个单元格留空（三（一）·商业企业），校验时按0计"
    )
    assert _found(got) == [
        ("parse.repaired_row", "warning", "granted", "commercial", message),
        ("parse.blank_cell", "warning", "applications", None, blank),
    ]


def _counts(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The non-zero counts of tables 三 and 四: (table, row or group, column or field)."""
    rows = data["applications"]["rows"]
    return [
        ("applications", r, c)
        for r, cells in rows.items()
        for c, v in zip(catalog.COLUMN_IDS, cells)
        if v
    ] + [("appeals", g, f) for g, fields in data["appeals"].items() for f, v in fields.items() if v]


def _negated(data: dict[str, Any], table: str, row: str, column: str) -> Report:
    signed = copy.deepcopy(data)
    if table == "applications":
        signed[table]["rows"][row][catalog.COLUMN_IDS.index(column)] *= -1
    else:
        signed[table][row][column] *= -1
    return Report.model_validate(signed)


_LAYOUTS: tuple[Layout, ...] = ("tabs", "pipes", "lines", "spaces", "markdown")


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    layout=st.sampled_from(_LAYOUTS),
    minus=st.sampled_from(["-", "\u2212", "\uff0d"]),
    pick=st.integers(0, 10**6),
)
def test_a_minus_before_a_count_is_never_silent_and_never_an_error(
    seed: int, layout: Layout, minus: str, pick: int
) -> None:
    report = report_from_rng(random.Random(seed))
    data = report.to_json()
    counts = _counts(data)
    assume(counts)
    table, row, column = counts[pick % len(counts)]
    text = re.sub(r"-(?=\d)", minus, render_text(_negated(data, table, row, column), layout))
    got = text_to_report(text)
    assert silently_wrong(got, report) == []
    assert [f.message for f in got.findings or [] if f.severity == "error"] == []
    said = {f.rule for f in got.findings or [] if f"{table}.{row}.{column}" in (f.cells or [])}
    assert said & {"parse.repaired_row", "parse.negative_count"}
