"""A cell printed as a mark that is no figure (a scan's 「?」 where the recogniser read
nothing, 「#VALUE!」 from a spreadsheet) stands where it was printed, reads as blank, and
puts its row in doubt (`parse.unread_cell`): taken for the next row's label, a row's last
cell left the row one short, and it passed as complete with a blank shifted in front of
it — six cells silently wrong and false errors on a consistent report (issue 13)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import checks
from gongkai.model import Report
from gongkai.readers.text import text_to_report
from gongkai.render.text import render_text
from tests.support.reports import consistent_reports, report_from_rng
from tests.support.scoring import silently_wrong


def _with_a_mark(report: Report, rng: random.Random, mark: str) -> tuple[str, int]:
    """The report as tab-separated text with one figure of a table replaced by `mark`, and
    the line (1-based) where it stands."""
    lines = render_text(report, "tabs").split("\n")
    figures = [
        (i, k)
        for i, line in enumerate(lines)
        if line.count("\t") >= 2
        for k, piece in enumerate(line.split("\t"))
        if piece.isdigit()
    ]
    i, k = rng.choice(figures)
    pieces = lines[i].split("\t")
    pieces[k] = mark
    lines[i] = "\t".join(pieces)
    return "\n".join(lines), i + 1


def _last_figure_of_first_row(report: Report) -> tuple[str, int]:
    lines = render_text(report, "tabs").split("\n")
    i = next(i for i, line in enumerate(lines) if "本年新收" in line and line.count("\t") >= 7)
    lines[i] = lines[i].rsplit("\t", 1)[0] + "\t?"
    return "\n".join(lines), i + 1


def test_a_row_whose_only_figure_is_unread_is_found_and_said_unread() -> None:
    """Regression: table 二's 「行政处罚\t?」 (one cell, unread) was said not found in the text
    (`parse.missing_row`, no line): a line without a figure was never searched for marks."""
    report = report_from_rng(random.Random(5))
    lines = render_text(report, "tabs").split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith("行政处罚\t"))
    lines[i] = "行政处罚\t?"
    got = text_to_report("\n".join(lines))
    found = [(f.rule, f.row, f.line) for f in got.findings or [] if f.rule.startswith("parse.")]
    assert found == [("parse.unread_cell", "penalty", i + 1)]
    assert got.to_json()["active"]["penalty"]["decisions"] is None


def test_a_rows_last_cell_unread_keeps_the_rows_other_cells_in_place() -> None:
    report = report_from_rng(random.Random(5))
    text, line = _last_figure_of_first_row(report)
    got = text_to_report(text)
    truth = report.to_json()["applications"]["rows"]["new_received"]
    read = got.to_json()["applications"]["rows"]["new_received"]
    assert read == [*truth[:6], None]
    unread = [(f.rule, f.row, f.line) for f in got.findings or [] if f.rule == "parse.unread_cell"]
    assert unread == [("parse.unread_cell", "new_received", line)]
    assert [f for f in got.findings or [] if f.severity == "error"] == []


@settings(max_examples=60, deadline=None)
@given(
    report=consistent_reports(),
    seed=st.integers(0, 2**31),
    mark=st.sampled_from(["?", "#VALUE!", "*", "N/A"]),
)
def test_an_unread_cell_is_never_silent_and_never_an_error(
    report: Report, seed: int, mark: str
) -> None:
    text, line = _with_a_mark(report, random.Random(seed), mark)
    got = text_to_report(text)
    assert silently_wrong(got, report) == []
    assert [f.message for f in got.findings or [] if f.severity == "error"] == []
    # A mark first on a line with no label may be that line's label, unread: the row is
    # then in doubt for its count of figures.
    doubts = [f for f in got.findings or [] if f.rule in checks.READING_DOUBTS]
    assert any(f.line == line for f in doubts)
