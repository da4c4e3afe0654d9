"""Property tests: consistent reports rendered as text in every layout, with noise, read back."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.readers.text import text_to_report
from gongkai.render.text import LAYOUTS, Layout, render_text
from tests.support import noise
from tests.support.reports import consistent_reports

DATA = ("agency", "year", "template", "active", "applications", "appeals")
SEPARATED: tuple[Layout, ...] = ("tabs", "pipes", "lines", "spaces", "markdown", "columns")


def _data(report: Report) -> dict[str, Any]:
    data = report.to_json()
    return {k: data[k] for k in DATA}


@pytest.mark.parametrize("layout", SEPARATED)
@given(report=consistent_reports())
def test_every_layout_reads_back_to_the_same_data(layout: Layout, report: Report) -> None:
    back = text_to_report(render_text(report, layout))
    assert _data(back) == _data(report)
    assert [f.rule for f in back.findings or [] if f.severity == "error"] == []


@given(report=consistent_reports())
def test_glued_cells_split_by_the_rules(report: Report) -> None:
    """No separator at all: every row comes back exact, or is flagged as ambiguous.

    A glued run such as 2200000022 reads as [22,0,0,0,0,0,22] or [2,20,0,0,0,0,22];
    both satisfy the row's rule, so the reader may only pick one and say so.
    """
    _assert_same_or_flagged(text_to_report(render_text(report, "glued")), report)


def test_glued_small_numbers_are_exact() -> None:
    """What crawlers produce from most real reports: zeros and small counts, glued."""
    from tests.support.reports import report_from_rng

    exact = 0
    for seed in range(40):
        report = report_from_rng(random.Random(seed), "2021")
        for cells in report.applications.rows.values():
            for i in range(6):
                cells[i] = (cells[i] or 0) % 10 if i else cells[i]
        _rebalance(report)
        back = text_to_report(render_text(report, "glued"))
        exact += _data(back)["applications"] == _data(report)["applications"]
    assert exact >= 36


def _rebalance(report: Report) -> None:
    from gongkai import catalog

    rows = report.applications.rows
    outcome = catalog.outcome_row_ids(list(rows))
    for cells in rows.values():
        cells[6] = sum(c or 0 for c in cells[:6])
    for col in range(7):
        rows["total"][col] = sum(rows[r][col] or 0 for r in outcome)
        rows["new_received"][col] = (
            (rows["total"][col] or 0)
            + (rows["carry_forward"][col] or 0)
            - (rows["carried_over"][col] or 0)
        )
        if (rows["new_received"][col] or 0) < 0:
            rows["carried_over"][col] = (rows["carried_over"][col] or 0) + (
                rows["new_received"][col] or 0
            )
            rows["new_received"][col] = 0


@pytest.mark.parametrize("layout", ("tabs", "lines", "spaces", "pipes"))
@given(report=consistent_reports(), seed=st.integers(0, 2**31))
def test_noisy_text_reads_back_to_the_same_data(layout: Layout, report: Report, seed: int) -> None:
    rng = random.Random(seed)
    text = render_text(report, layout)
    text = noise.spaced_labels(text, rng)
    text = noise.garble_labels(text, rng)
    wrap = noise.wrap_layout if layout == "spaces" else noise.break_labels
    text = wrap(text, rng)
    text = noise.page_breaks(text, rng)
    if rng.random() < 0.3:
        text = noise.traditional(text)
    _assert_same_or_flagged(text_to_report(text), report)


def _assert_same_or_flagged(back: Report, report: Report) -> None:
    """Exact data, except rows the reader itself flags as an ambiguous or unrepaired guess."""
    got, want = _data(back), _data(report)
    doubtful = ("parse.ambiguous_row", "parse.unrepaired_row")
    flagged = {f.row for f in back.findings or [] if f.rule in doubtful}
    for key in ("agency", "year", "template"):
        assert got[key] == want[key], key
    for row_id, cells in want["applications"]["rows"].items():
        assert got["applications"]["rows"][row_id] == cells or row_id in flagged, row_id
    assert got["appeals"] == want["appeals"] or "appeals" in flagged
    for row_id, values in want["active"].items():
        assert got["active"][row_id] == values or row_id in flagged, row_id


@pytest.mark.parametrize("encoding", ("utf-8", "gb18030", "utf-16", "utf-16-le", "utf-8-sig"))
@given(report=consistent_reports())
def test_encodings_are_detected(encoding: str, report: Report) -> None:
    back = read_bytes(render_text(report, "tabs").encode(encoding))
    assert _data(back) == _data(report)


@pytest.mark.parametrize("layout", ("tabs", "pipes", "markdown"))
@given(report=consistent_reports(), seed=st.integers(0, 2**31))
def test_blank_cells_read_back_as_null(layout: Layout, report: Report, seed: int) -> None:
    rng = random.Random(seed)
    rows = report.applications.rows
    row_id = rng.choice([r for r in rows if r not in ("total", "new_received")])
    column = rng.randrange(1, 6)
    if rows[row_id][column] != 0:
        return
    rows[row_id][column] = None
    back = text_to_report(render_text(report, layout))
    assert back.applications.rows[row_id] == rows[row_id]
    assert "parse.blank_cell" in [f.rule for f in back.findings or []]


def test_published_date_at_the_end_is_read_and_must_follow_the_year() -> None:
    from tests.support.reports import report_from_rng

    report = report_from_rng(random.Random(3), "2021")
    report.year = 2021
    report.published_on = dt.date(2022, 1, 28)
    assert text_to_report(render_text(report, "tabs")).published_on == dt.date(2022, 1, 28)
    report.published_on = dt.date(2021, 6, 1)
    assert text_to_report(render_text(report, "tabs")).published_on is None


def test_all_layouts_are_covered() -> None:
    assert set(SEPARATED) | {"glued"} == set(LAYOUTS)


def test_table_two_with_all_labels_before_the_numbers_keeps_every_row() -> None:
    """pdftotext may print a block's labels first, then its numbers row by row."""
    from gongkai.render.layout import active_rows
    from tests.support.reports import report_from_rng

    report = report_from_rng(random.Random(3), "2021")
    lines = []
    for row in active_rows(report):
        lines += [cell.text for cell in row if not cell.number]
    lines += [cell.text for row in active_rows(report) for cell in row if cell.number]
    text = render_text(report, "tabs")
    start, end = text.index("第二十条第（一）项"), text.index("三、收到和处理")
    back = text_to_report(text[:start] + "\n".join(lines) + "\n" + text[end:])
    assert _data(back)["active"] == _data(report)["active"]
