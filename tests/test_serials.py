"""A row-number column before table 二's labels, told by what it holds (issue 13)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.model import Report
from gongkai.readers.serials import counted_serials, without_counted
from gongkai.readers.text import text_to_report
from gongkai.readers.tokens import text_to_tokens
from gongkai.render.text import Layout, render_text
from tests.support import realtext
from tests.support.realtext import table_probe
from tests.support.reports import report_from_rng
from tests.support.scoring import wrong_cells


def test_numbers_counting_the_rows_before_their_labels_are_serials() -> None:
    """A block's title between two rows follows a real cell alone on its line (a cell a
    line): it is passed over, and the count goes on below it."""
    tokens = text_to_tokens("4\n某行\n9\n5\n另行\n70\n第二十条\n6\n又一行\n8")
    kept = " ".join(t.text for t in without_counted(tokens))
    assert kept == "某行 9 另行 70 第二十条 又一行 8"


@pytest.mark.parametrize(
    "text",
    [
        "1\t某行\t5\n2\t另行\t7",  # two count, not three
        "1\t某行\t5\n3\t另行\t7\n4\t又一行\t8",  # 1 then 3: a run of two
        "0\t某行\t5\n1\t另行\t7\n2\t又一行\t8",  # no row is numbered 0
        "1件\t某行\t5\n2件\t另行\t7\n3件\t又一行\t8",  # a count of something
        "9\t1\t某行\n9\t2\t另行\n9\t3\t又一行",  # not the first on their lines
    ],
)
def test_numbers_that_do_not_count_three_rows_are_no_serials(text: str) -> None:
    assert counted_serials(text_to_tokens(text)) == set()


@pytest.mark.parametrize("seed", range(4))
def test_a_serial_alone_on_its_line_before_its_label_is_no_cell(seed: int) -> None:
    """A cell a line (pdftotext raw, a viewer's copy): each row's number, alone on its line,
    ended the row above whatever the header (序号 too): 2021's 行政处罚 read the next
    row's number, silently; a row of 2019 was repaired wrong."""
    probe = table_probe("serial-column-in-table-2", seed, "pipes")
    got = text_to_report(probe.text)
    assert wrong_cells(got, probe.truth) == []
    assert [f.rule for f in got.findings or [] if f.rule.startswith("parse.")] == []


@pytest.mark.parametrize("seed", range(4))
def test_a_figure_alone_before_a_block_title_does_not_take_a_serial_s_place(seed: int) -> None:
    """行政规范性文件's last figure 3, alone on its line before 「第二十条第（五）项」, continued
    the count 1, 2; 行政许可's serial 3 then began a run of its own, and 行政处罚 read its
    serial 4 for its figure, silently."""
    data = report_from_rng(random.Random(seed), "2021").to_json()
    data["active"]["normative_documents"]["in_force"] = 3
    report = Report.model_validate(data)
    text = render_text(report, "pipes")
    start, end = realtext._table_two(text)
    text = text[:start] + realtext._serial_lines(text[start:end].split("\n"), "编号") + text[end:]
    got = text_to_report(text)
    assert wrong_cells(got, report) == []
    assert [f.row for f in got.findings or [] if f.rule.startswith("parse.")] in (
        [],
        ["regulations"],
    )


# The last field of each row of table 二 in print order, by template.
_LAST_FIELDS = ("total_published", "decisions", "change")


@given(
    seed=st.integers(0, 2**16),
    first=st.integers(1, 5),
    layout=st.sampled_from(("tabs", "pipes", "spaces")),
)
def test_real_figures_counting_up_where_serials_stand_are_kept(
    seed: int, first: int, layout: Layout
) -> None:
    """Each row's last figure counting 1, 2, 3, … alone on its line before the next row's
    label (a cell a line) stands where a serial would: it stays its row's cell."""
    report = report_from_rng(random.Random(seed))
    value = first
    for row in type(report.active).model_fields:
        fields = getattr(report.active, row)
        last = [f for f in type(fields).model_fields if f in _LAST_FIELDS][-1:]
        for field in last:
            setattr(fields, field, value)
            value += 1
    got = text_to_report(render_text(report, layout))
    assert [k for k in wrong_cells(got, report) if k[0] == "active"] == []


def _numbered_rows(text: str, start: str, end: str) -> str:
    """`text` with each line of the table between `start` and `end` that ends on a figure
    (a row, tab-separated) numbered 1, 2, … in a first column."""
    first, last = text.index(start), text.index(end)
    lines, serial = [], 0
    for line in text[first:last].split("\n"):
        if "\t" in line and line.rsplit("\t", 1)[-1].isdigit():
            serial += 1
            line = f"{serial}\t{line}"
        lines.append(line)
    return text[:first] + "\n".join(lines) + text[last:]


@pytest.mark.parametrize("seed", range(3))
def test_a_serial_column_before_table_3_s_rows_is_no_cell(seed: int) -> None:
    """Each row's number was one cell too many: the row was repaired (flagged, right by the
    balance rules only)."""
    report = report_from_rng(random.Random(seed))
    text = _numbered_rows(render_text(report, "tabs"), "三、收到和处理", "四、政府信息公开")
    got = text_to_report(text)
    assert wrong_cells(got, report) == []
    assert [f.rule for f in got.findings or [] if f.rule.startswith("parse.")] == []
