"""A table's cell printed alone at a page's foot, whose value counts the pages up with the
other pages' numbers, is a cell, not a page number: its table asks for it back (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai.model import Report
from gongkai.readers import read_path
from gongkai.readers.text import text_to_report
from gongkai.render.text import render_text
from tests.support.reports import consistent_reports

FIXTURE = Path(__file__).parent / "fixtures" / "issue-13" / "issue-13-page-number-like-cell"


def test_a_cell_taken_for_a_page_number_is_read_into_its_row() -> None:
    # Page 1 ends on table 二's cell 「1」 (行政处罚's 本年增/减), pages 2 and 3 on 「- 2 -」
    # and 「- 3 -」: normalising blanks the 「1」, and the row read 3 and 45 out of 「345」.
    got = read_path(FIXTURE.with_suffix(".txt"))
    truth = Report.model_validate(json.loads(FIXTURE.with_suffix(".expected.json").read_text()))
    assert got.active == truth.active
    assert got.applications == truth.applications
    assert got.appeals == truth.appeals
    assert [f.rule for f in got.findings or [] if f.rule.startswith("parse.")] == []


def _paged(lines: list[str], cut: int, page: int) -> str:
    """Pages numbered 「- n -」 at their feet, except page `page`, which ends on line `cut`
    (a cell printed alone whose value is `page`); the pages before it cut the title lines,
    the two after it end within and at the end of the report."""
    heads = [lines[i : i + 1] for i in range(page - 1)]
    pages = [[*head, f"- {n} -"] for n, head in enumerate(heads, start=1)]
    pages.append(lines[page - 1 : cut + 1])
    pages.append([*lines[cut + 1 : -1], f"- {page + 1} -"])
    pages.append([lines[-1], f"- {page + 2} -"])
    return "\f".join("\n".join(p) for p in pages)


@settings(max_examples=30, deadline=None)
@given(report=consistent_reports(), data=st.data())
def test_a_lone_cell_at_a_page_foot_is_read_whatever_page_it_counts(
    report: Report, data: st.DataObject
) -> None:
    lines = render_text(report, "lines").split("\n")
    tables = next(i for i, line in enumerate(lines) if line.startswith("二、"))
    cells = [i for i in range(tables, len(lines) - 2) if lines[i] in ("1", "2", "3")]
    assume(cells and tables >= 3)
    cut = data.draw(st.sampled_from(cells))
    got = text_to_report(_paged(lines, cut, int(lines[cut])))
    assert got.active == report.active
    assert got.applications == report.applications
    assert got.appeals == report.appeals
