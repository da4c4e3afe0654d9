"""Figures an office typed with a mark or unit in each cell: 「12件」, 「12（件）」, 「12。」,
「12、」 (issue 13: cells were lost, flagged, in every such report)."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.readers.text import text_to_report
from gongkai.render.html import render_html
from gongkai.render.text import Layout, render_text
from tests.support.altered import text_serial_column, zeros_blank
from tests.support.corpus.producers import weasyprint_pdf
from tests.support.reports import consistent_reports, report_from_rng
from tests.support.scoring import silently_wrong, wrong_cells

# A figure's cell in each layout: between separators, a line, or runs of spaces.
_FIGURE = re.compile(r"(?<![^\s|])(\d+)(?=\s|\||$)", re.MULTILINE)
_HTML_FIGURE = re.compile(r"(<td[^>]*>)(\d+)<")


def _marked(text: str, mark: str) -> str:
    """Every whole number standing as a cell of its own, typed with `mark` after it."""
    return _FIGURE.sub(lambda m: m.group(1) + mark, text)


def _parse_rules(report: Report) -> list[str]:
    return sorted(f.rule for f in report.findings or [] if f.rule.startswith("parse."))


@settings(max_examples=20, deadline=None)
@given(
    consistent_reports(),
    st.sampled_from(["。", "、", "件", "（件）"]),
    st.sampled_from(["lines", "spaces", "tabs", "pipes"]),
)
def test_a_mark_after_every_figure_changes_no_reading(
    report: Report, mark: str, layout: str
) -> None:
    """Printed a cell a line or spaced, 「12、」 and 「12。」 were labels parting each row
    from its figures; 「12（件）」 was so everywhere. Read as the unmarked text is."""
    text = render_text(report, layout)  # type: ignore[arg-type]
    plain, marked = text_to_report(text), text_to_report(_marked(text, mark))
    for table in ("active", "applications", "appeals"):
        assert getattr(marked, table) == getattr(plain, table)
    assert _parse_rules(marked) == _parse_rules(plain)


@pytest.mark.parametrize("mark", ["（件）", "。", "、"])
def test_figures_typed_with_a_mark_in_a_pdf_read_exactly(mark: str) -> None:
    report = report_from_rng(random.Random(7), "2021")
    html = _HTML_FIGURE.sub(lambda m: f"{m.group(1)}{m.group(2)}{mark}<", render_html(report))
    back = read_bytes(weasyprint_pdf(html), "report.pdf")
    assert wrong_cells(back, report) == []
    assert _parse_rules(back) == []


@settings(max_examples=30, deadline=None)
@given(consistent_reports(), st.sampled_from(["lines", "spaces"]))
def test_serials_typed_with_a_comma_stay_serials(report: Report, layout: Layout) -> None:
    """「1、」 alone in a 序号 column counts rows, printed a cell a line or spaced: the
    table's figures, plain or typed 「—」 for 0, outnumber it, so its mark is not taken for
    the office's way of typing figures (the serials were read as figures, silently)."""
    text = text_serial_column(render_text(report, layout), layout)
    truth = zeros_blank(report)
    back = text_to_report(text)
    assert silently_wrong(back, truth) == []
    assert back.active == truth.active
