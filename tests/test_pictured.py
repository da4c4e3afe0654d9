"""A table shown as a picture the reader cannot read (issue 13): the picture is on the
site's server, or the file holds bytes that are no picture. The prose around the picture is
no row of the table: the table is said to be a picture and read as blank, as the message
says, whatever figures the prose states."""

from __future__ import annotations

import html
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import catalog
from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.render.docx import render_docx
from gongkai.render.html import render_html
from gongkai.render.text import render_text
from tests.support.corpus import cms, wps
from tests.support.prose import overview
from tests.support.reports import report_from_rng
from tests.support.scoring import cell_values, silently_wrong

_UNREADABLE = (
    "表三（收到和处理政府信息公开申请情况）在原文中是图片，无法读取，按空白处理，"
    "请核对原文或改交文字版"
)
# Said above the picture, as sites word it: a sentence the table reader took for the row
# 上年结转 (792 in its 自然人 cell).
_PROSE = "收到申请783件，同比增长28%。全年共受理政府信息公开申请792件（含上年结转9件）。"
_SOURCES = {
    "on the site's server": "http://www.example.gov.cn/images/2022/01/W020220120.png",
    "bytes that are no picture": "data:image/png;base64,R0lGODlhAQABAAAAACw=",
}


def _with_prose(report: Report, text: str) -> Report:
    """The report with `text` as the prose of section 三, printed above its table."""
    sections = {section_id: "" for section_id, _ in catalog.SECTIONS}
    return report.model_copy(update={"sections": {**sections, "applications": text}})


def _said(got: Report) -> list[tuple[str, str | None, str]]:
    return [
        (f.rule, f.row, f.message) for f in got.findings or [] if f.rule.startswith("parse.table")
    ]


def _applications(got: Report) -> list[int | None]:
    return [cell for cells in got.applications.rows.values() for cell in cells]


@pytest.mark.parametrize("where", list(_SOURCES))
def test_prose_beside_a_picture_not_read_is_no_row_of_its_table(where: str) -> None:
    report = _with_prose(report_from_rng(random.Random(13), "2021"), _PROSE)
    got = read_bytes(cms.picture_link(render_html(report), _SOURCES[where]))
    assert _said(got) == [("parse.table_picture", "applications", _UNREADABLE)]
    assert set(_applications(got)) == {None}
    assert [f for f in got.findings or [] if f.severity == "error"] == []
    assert silently_wrong(got, report) == []


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), kind=st.sampled_from(["html", "docx"]))
def test_a_linked_picture_is_said_whatever_the_prose_around_it(seed: int, kind: str) -> None:
    """Whatever figures section 三's prose states around a table 三 the file does not hold
    (a web page's or Word's linked picture): the table is said to be a picture and none of
    its cells is taken from the prose; tables 二 and 四 read as printed, with no error."""
    rng = random.Random(seed)
    printed = report_from_rng(rng)
    report = _with_prose(printed, overview(printed, rng))
    data = (
        cms.picture_link(render_html(report))
        if kind == "html"
        else wps.picture_link(render_docx(report))
    )
    got = read_bytes(data)
    assert _said(got) == [("parse.table_picture", "applications", _UNREADABLE)]
    assert set(_applications(got)) == {None}
    assert [f for f in got.findings or [] if f.severity == "error"] == []
    assert silently_wrong(got, report) == []
    want, have = cell_values(report.to_json()), cell_values(got.to_json())
    assert {k: v for k, v in have.items() if k[0] != "applications"} == {
        k: v for k, v in want.items() if k[0] != "applications"
    }


@pytest.mark.parametrize(
    "spoiled, beside",
    [(False, "三、收到和处理政府信息公开申请情况"), (True, "三、本年度办理结果")],
    ids=["clean, under the heading", "one cell unreadable, inside the table"],
)
def test_a_picture_beside_a_table_printed_as_lines_changes_nothing(
    spoiled: bool, beside: str
) -> None:
    """A stamp in section 三 of a page whose tables are lines of text, not `<table>`s: the
    table is read from its lines, not said to be a picture; also where one of its cells
    cannot be read (「16l」), which once had the whole table read as blank, said a picture."""
    report = report_from_rng(random.Random(13), "2021")
    text = render_text(report, "pipes")
    if spoiled:
        assert "\n161 |\n" in text
        text = text.replace("\n161 |\n", "\n16l |\n", 1)
    assert beside in text
    lines = [html.escape(line) for line in text.split("\n")]
    body = "".join(
        f"<p>{line}</p>"
        + ('<p><img src="http://www.example.gov.cn/seal.png"></p>' if beside in line else "")
        for line in lines
    )
    got = read_bytes(f"<!DOCTYPE html><html><body>{body}</body></html>".encode())
    assert _said(got) == []
    have, want = cell_values(got.to_json()), cell_values(report.to_json())
    wrong = {k for k in want if have.get(k) != want[k]}
    assert len(wrong) <= (7 if spoiled else 0)  # the unreadable cell's row, flagged
    assert silently_wrong(got, report) == []
