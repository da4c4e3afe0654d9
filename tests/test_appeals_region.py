"""Table 四's region where pdftotext's default mode prints section 五's heading among its
rows: the heading shares the height of the table's last rows and comes out before them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import catalog
from gongkai.readers import read_bytes, read_path
from gongkai.readers.normalize import normalize_text
from gongkai.readers.regions import text_to_regions
from gongkai.readers.tables import in_sentence
from gongkai.readers.tokens import Segment, text_to_tokens, tokens_to_segments

FIXTURES = Path(__file__).parent / "fixtures"
# pdftotext's default mode on a LibreOffice PDF (corpus item gen-13-008).
BELOW_HEADING = FIXTURES / "issue-13" / "issue-13-slip-in-column-blocks.txt"


def test_rows_of_table_four_below_the_next_heading_are_the_tables() -> None:
    report = read_path(BELOW_HEADING)
    expected = json.loads(
        BELOW_HEADING.with_name(BELOW_HEADING.stem + ".expected.json").read_text()
    )
    assert report.appeals.model_dump() == expected["appeals"]
    said = [(f.rule, f.severity) for f in report.findings or [] if f.row == "appeals" or f.group]
    # The prose's 19 件 and 8 件 are in its region, words of their own: not cells (they
    # were, and made the table's fifteen numbers seventeen, read by the rules, flagged).
    assert said == []
    assert report.sections is not None
    assert report.sections["problems"].startswith("政府信息公开工作仍存在一些不足")


def test_the_heading_stays_prose_and_the_prose_below_the_rows_ends_the_table() -> None:
    text = normalize_text(BELOW_HEADING.read_text("utf-8"))
    regions = text_to_regions(text)
    assert regions.appeals is not None
    lines = [line for line in regions.appeals.text.split("\n") if line.strip()]
    assert lines[-4:] == ["0", "5", "总计", "5"]
    assert "五、存在的主要问题及改进情况" in regions.narrative.split("\n")
    assert "复议后起诉" not in regions.narrative


# The sentence above the table in the fixture, and the table's fifteen numbers, each a line
# of its own down to section 五's prose (pdftotext prints them in the table's order).
_SENTENCE = re.compile(r"行政复议 19 件，政府信息公开\n行政诉讼 8 件。")
_TABLE = re.compile(r"结果\n维持\n.*?政府信息公开工作仍存在", re.S)
_NUMBER_LINE = re.compile(r"^\d+$", re.M)
_FIELDS = [(g.id, f.id) for g in catalog.APPEAL_GROUPS for f in catalog.APPEAL_FIELDS]


def _printed(cells: list[int], review: int, litigation: int) -> str:
    """The fixture with table 四's cells `cells` and the sentence's figures."""
    text = BELOW_HEADING.read_text("utf-8")
    text = _SENTENCE.sub(
        f"行政复议 {review} 件，政府信息公开\n行政诉讼 {litigation} 件。", text, count=1
    )
    table = _TABLE.search(text)
    assert table is not None
    values = iter(cells)
    cut = _NUMBER_LINE.sub(lambda _: str(next(values)), table.group(0))
    assert next(values, None) is None  # every cell of the table replaced, no more
    return text[: table.start()] + cut + text[table.end() :]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.integers(0, 40), min_size=12, max_size=12),
    slip=st.sampled_from([0, 0, 0, 1]),
    review=st.integers(0, 99),
    litigation=st.integers(0, 99),
)
def test_the_figures_of_the_sentence_above_table_four_are_never_its_cells(
    parts: list[int], slip: int, review: int, litigation: int
) -> None:
    """Any table 四 (a group's 总计 off by one now and then) under a sentence with any
    figures: the printed cells, with no doubt said about them."""
    cells: list[int] = []
    for group in range(3):
        own = parts[group * 4 : group * 4 + 4]
        cells += [*own, sum(own) + (slip if group == 1 else 0)]
    text = _printed(cells, review, litigation)
    report = read_bytes(text.encode("utf-8"), "report.txt")
    read = report.appeals.model_dump()
    assert [read[g][f] for g, f in _FIELDS] == cells
    doubts = [f.rule for f in report.findings or [] if f.row == "appeals"]
    assert not [r for r in doubts if r.startswith("parse.")]


def _segments(text: str) -> list[Segment]:
    return tokens_to_segments(text_to_tokens(text))


def test_a_figure_with_its_unit_that_the_sentence_goes_on_after_is_prose() -> None:
    first, after = _segments("本年度发生政府信息公开行政复议 4 件，政府信息公开行")
    assert in_sentence(first.cells[-1], after)
    last, stop = _segments("政诉讼 13 件。")
    assert in_sentence(last.cells[-1], stop)


def test_a_cell_without_a_unit_or_before_the_next_label_is_a_cell() -> None:
    bare, label = _segments("总计 19 结果维持")
    assert not in_sentence(bare.cells[-1], label)
    unit, header = _segments("总计 19 件 结果维持")
    assert not in_sentence(unit.cells[-1], header)  # no sentence goes on after it
    (alone,) = _segments("行政复议 19 件")
    assert not in_sentence(alone.cells[-1], None)
    above, below = _segments("行政复议 19 件\n，其他")
    assert not in_sentence(above.cells[-1], below)  # the comma is on the next line


# pdftotext's default mode on a LibreOffice PDF (seed 002): 结果 / 维持 / 2 / 0 printed
# between section 四's heading and the word 行政复议.
ABOVE_REVIEW = FIXTURES / "issue-13" / "issue-13-appeals-cells-above-review.txt"
_ABOVE_TABLE = re.compile(r"四、政府信息公开行政复议、行政诉讼情况\n(.*?)本年度政府信息公开", re.S)


def test_cells_printed_between_the_heading_and_the_word_review_are_the_tables() -> None:
    report = read_path(ABOVE_REVIEW)
    expected = json.loads(ABOVE_REVIEW.with_name(ABOVE_REVIEW.stem + ".expected.json").read_text())
    assert report.appeals.model_dump() == expected["appeals"]
    # Read plainly: the region lost 2 and 0 and read thirteen numbers in three ways.
    assert [f.rule for f in report.findings or [] if f.row == "appeals" or f.group] == []


def test_a_line_of_prose_above_the_word_review_stays_out_of_table_four() -> None:
    text = "四、政府信息公开行政复议、行政诉讼情况\n结果\n2\n共办理 3 件。\n行政复议\n结果\n维持\n0"
    regions = text_to_regions(text)
    assert regions.appeals is not None
    assert regions.appeals.text.startswith("行政复议\n")
    above = "四、政府信息公开行政复议、行政诉讼情况\n\n结果\n维持\n2\n\n行政复议\n结果\n维持\n0"
    regions = text_to_regions(above)
    assert regions.appeals is not None
    assert regions.appeals.text.startswith("结果\n维持\n2\n")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.integers(0, 40), min_size=12, max_size=12),
    slip=st.sampled_from([0, 0, 0, 1]),
)
def test_any_table_four_printed_from_above_the_word_review_is_read_as_printed(
    parts: list[int], slip: int
) -> None:
    """Any table 四 in the fixture's print order (a group's 总计 off by one now and then):
    the printed cells, the slip found, no doubt said."""
    cells: list[int] = []
    for group in range(3):
        own = parts[group * 4 : group * 4 + 4]
        cells += [*own, sum(own) + (slip if group == 0 else 0)]
    text = ABOVE_REVIEW.read_text("utf-8")
    table = _ABOVE_TABLE.search(text)
    assert table is not None
    values = iter(cells)
    printed = _NUMBER_LINE.sub(lambda _: str(next(values)), table.group(1))
    assert next(values, None) is None  # every cell of the table replaced, no more
    text = text[: table.start(1)] + printed + text[table.end(1) :]
    report = read_bytes(text.encode("utf-8"), "report.txt")
    read = report.appeals.model_dump()
    assert [read[g][f] for g, f in _FIELDS] == cells
    said = [(f.rule, f.group) for f in report.findings or [] if f.row == "appeals" or f.group]
    assert said == ([("appeals.total", "review")] if slip else [])
