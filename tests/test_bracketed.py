"""Accounting negatives 「（3）」 under 2019's 本年增/减 of table 二 (issue 13: flagged and
lost in every layout)."""

from __future__ import annotations

import random
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.model import Report
from gongkai.readers import bracketed, read_bytes
from gongkai.readers.text import text_to_report
from gongkai.render.html import render_html
from gongkai.render.text import Layout, render_text
from tests.support.altered import serial_column, zeros_blank
from tests.support.reports import report_from_rng
from tests.support.scoring import silently_wrong

# A negative figure standing as a cell of its own (only 本年增/减 can be below zero).
_NEGATIVE = re.compile(r"(?<![^\s|>])-(\d+)(?=[\s|<]|$)", re.MULTILINE)


def _bracketed(text: str, brackets: str) -> str:
    """Each negative written as accountants do: 「（3）」 for −3."""
    return _NEGATIVE.sub(lambda m: brackets[0] + m.group(1) + brackets[1], text)


def _parse_rules(report: Report) -> list[str]:
    return sorted(f.rule for f in report.findings or [] if f.rule.startswith("parse."))


@settings(max_examples=20, deadline=None)
@given(
    st.integers(0, 10**6),
    st.sampled_from(["（）", "()"]),
    st.sampled_from(["html", "tabs", "pipes", "spaces"]),
)
def test_an_accounting_negative_reads_as_its_minus(seed: int, brackets: str, layout: str) -> None:
    report = report_from_rng(random.Random(seed), "2019")
    if layout == "html":
        plain = read_bytes(render_html(report).encode(), "report.html")
        back = read_bytes(_bracketed(render_html(report), brackets).encode(), "report.html")
    else:
        text = render_text(report, layout)  # type: ignore[arg-type]
        plain, back = text_to_report(text), text_to_report(_bracketed(text, brackets))
    assert back.active == plain.active == report.active
    assert _parse_rules(back) == _parse_rules(plain)


def test_a_cell_a_line_keeps_a_row_s_last_bracket_in_doubt() -> None:
    """Printed a cell a line, 「（3）」 ending a row before the next row's label looks as an
    item number before its label does: that one stays flagged, never read silently."""
    for seed in range(8):
        report = report_from_rng(random.Random(seed), "2019")
        back = text_to_report(_bracketed(render_text(report, "lines"), "（）"))
        assert silently_wrong(back, report) == []


@pytest.mark.parametrize("form", ["({})", "（{}）"])
def test_a_serial_column_in_brackets_stays_serials(form: str) -> None:
    """A 序号 column typed 「（1）」 before each label: the bracket is an item number (the
    rows carry the doubts they did before, about their serials)."""
    report = report_from_rng(random.Random(5), "2019")
    html = re.sub(
        r"<tr><td>(\d+)</td>",
        lambda m: "<tr><td>" + form.format(m.group(1)) + "</td>",
        serial_column(render_html(report)),
    )
    back = read_bytes(html.encode(), "report.html")
    assert back.active == report.active
    assert silently_wrong(back, report) == []


def test_a_line_of_many_bracketed_cells_is_read_in_linear_time() -> None:
    """Each bracketed cell's neighbours were found by copying its line anew: a table 二 of
    160 000 cells 「(1)」 on one line (640 KB, within the limits) took the text reader 35 s
    where main took 4 s; 100 000 of them alone took `signed` about 5 s."""
    started = time.process_time()
    assert bracketed.signed("(1)\t2\t" * 100_000) == "-1 \t2\t" * 100_000
    assert time.process_time() - started < 2


@pytest.mark.parametrize("layout", ["tabs", "spaces", "pipes"])
def test_a_bracketed_count_s_doubt_quotes_it_as_printed(layout: Layout) -> None:
    """A count cannot be below zero: 「（2182）」 under 本年处理决定数量 is a doubt, and its
    message quoted 「-2182」, which the report never printed."""
    report = report_from_rng(random.Random(1), "2021")
    report.active.licensing.decisions = 2182
    text = render_text(report, layout)
    start = text.index("行政许可")
    back = text_to_report(text[:start] + text[start:].replace("2182", "（2182）", 1))
    [doubt] = [f for f in back.findings or [] if f.rule == "parse.negative_count"]
    assert doubt.row == "licensing"
    assert "印为“（2182）”，件数不能为负数" in doubt.message
    assert "-2182" not in doubt.message


# A zero standing as a cell of its own, in HTML or text.
_ZERO = re.compile(r"(?<![^\s|>])0(?=[\s|<]|$)", re.MULTILINE)


@pytest.mark.parametrize("layout", ["html", "tabs", "spaces", "pipes"])
@pytest.mark.parametrize("seed", [1, 2, 4])
def test_an_accounting_negative_before_a_blank_mark_wu_reads_as_its_minus(
    seed: int, layout: str
) -> None:
    """「（19） 无」: the bracket was taken for an item number before a label 「无」, and the
    row's change and decisions were lost (flagged). 「无」 alone in its cell is a blank mark."""
    report = report_from_rng(random.Random(seed), "2019")
    printed = render_html(report) if layout == "html" else render_text(report, layout)  # type: ignore[arg-type]
    start, end = printed.index("二、主动公开"), printed.index("三、收到和处理")
    table = _ZERO.sub("无", _bracketed(printed[start:end], "（）"))
    altered = printed[:start] + table + printed[end:]
    back = read_bytes(altered.encode(), "report.html" if layout == "html" else "report.txt")
    truth = zeros_blank(report)
    assert back.active == truth.active
    assert _parse_rules(back) == []
