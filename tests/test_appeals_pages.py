"""Table 四 split over a page in pdftotext's default mode: table 三's last 总计, printed after
its page's footer, comes before table 四's cells on the next page, and is no cell of it (a
number of a page before the one where table 四's last header row starts)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import catalog
from gongkai.readers import read_bytes, read_path
from gongkai.readers.textpages import appeal_cells_below_header, line_pages
from gongkai.readers.tokens import text_to_tokens, tokens_to_segments

FIXTURES = Path(__file__).parent / "fixtures"
# pdftotext's default mode on a WeasyPrint PDF (corpus item gen-13-011): 「13」 after the
# footer 「—2—」 is table 三's last 总计; table 四's 行政复议 总计 is printed 1 over parts of 0.
SPLIT = FIXTURES / "issue-13" / "issue-13-appeals-split-over-pages.txt"
_FIELDS = [(g.id, f.id) for g in catalog.APPEAL_GROUPS for f in catalog.APPEAL_FIELDS]


def _findings(text: str) -> list[tuple[str, str | None, str | None]]:
    report = read_bytes(text.encode("utf-8"), "report.txt")
    return [
        (f.rule, f.row, f.group)
        for f in report.findings or []
        if f.row == "appeals" or f.rule.startswith("appeals.")
    ]


def test_the_number_on_the_page_before_table_four_is_no_cell_of_it() -> None:
    report = read_path(SPLIT)
    expected = json.loads(SPLIT.with_name(SPLIT.stem + ".expected.json").read_text())
    assert report.appeals.model_dump() == expected["appeals"]
    said = [
        (f.rule, f.group)
        for f in report.findings or []
        if f.row == "appeals" or f.rule.startswith("appeals.")
    ]
    # The printed error found, nothing in doubt (it was: sixteen numbers, no reading).
    assert said == [("appeals.total", "review")]


def test_each_line_has_the_page_its_form_feeds_say() -> None:
    assert line_pages("a\nb\fc\r\nd\f\fe") == [1, 1, 2, 2, 3, 4]


def test_numbers_are_kept_where_no_header_row_or_no_page_says_otherwise() -> None:
    text = "行政复议\n13\n\n结果\n维持\n0\n1"
    segments = tokens_to_segments(text_to_tokens(text))
    one_page = line_pages(text)
    assert appeal_cells_below_header(segments, one_page) == segments
    paged = line_pages(text.replace("\n\n", "\n\f"))
    kept = appeal_cells_below_header(segments, paged)
    assert [c.text for s in kept for c in s.cells] == ["0", "1"]
    # A long label with the header's words is prose, not the header row: nothing dropped.
    prose = "行政复议\n13\n\n复议机关维持原行政行为的\n0\n1"
    segments = tokens_to_segments(text_to_tokens(prose))
    kept = appeal_cells_below_header(segments, line_pages(prose.replace("\n\n", "\n\f")))
    assert [c.text for s in kept for c in s.cells] == ["13", "0", "1"]


# The fixture cut where it can be changed: the sentence above table 四, its group headers,
# the page's footer and table 三's stray 总计, the page break, and table 四 down to 五.
_PARTS = re.compile(
    r"(?P<head>.*?本年度发生政府信息公开行政复议1件，政府信息公开行政诉讼6件。\n)"
    r"\n*行政复议\n\n行政诉讼\n\n—2—\n\n13\n\n\f"
    r"(?P<table>.*?)(?P<tail>五、存在的主要问题.*)",
    re.S,
)
_NUMBER_LINE = re.compile(r"^\d+$", re.M)


def _printed(cells: list[int], before: list[int], cut: int) -> str:
    """The fixture with table 四's cells `cells`, the figures `before` at the foot of the
    page and the page break after the `cut`-th of table 四's header lines."""
    parts = _PARTS.fullmatch(SPLIT.read_text("utf-8"))
    assert parts is not None
    values = iter(cells)
    table = _NUMBER_LINE.sub(lambda _: str(next(values)), parts["table"])
    assert next(values, None) is None  # every cell of the table replaced, no more
    lines = ["行政复议", "行政诉讼", *table.split("\n")]
    foot = ["—2—", *map(str, before)]
    page = "\n".join([*lines[:cut], *foot]) + "\n\f" + "\n".join(lines[cut:])
    return parts["head"] + page + parts["tail"]


def _table(parts: list[int], slip: int) -> list[int]:
    cells: list[int] = []
    for group in range(3):
        own = parts[group * 4 : group * 4 + 4]
        cells += [*own, sum(own) + (slip if group == 2 else 0)]
    return cells


_SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(
    parts=st.lists(st.integers(0, 40), min_size=12, max_size=12),
    slip=st.sampled_from([0, 0, 0, 1]),
    before=st.lists(st.integers(0, 999), max_size=3),
    cut=st.integers(0, 3),
)
def test_figures_on_the_page_before_table_fours_header_row_are_never_its_cells(
    parts: list[int], slip: int, before: list[int], cut: int
) -> None:
    """Any table 四 (a group's 总计 off by one now and then) whose page breaks anywhere above
    its header row (`cut` lines into it: 行政复议, 行政诉讼, its first 结果), after any
    figures: the printed cells, the slip found, no doubt said."""
    cells = _table(parts, slip)
    text = _printed(cells, before, cut)
    report = read_bytes(text.encode("utf-8"), "report.txt")
    read = report.appeals.model_dump()
    assert [read[g][f] for g, f in _FIELDS] == cells
    errors = [("appeals.total", "litigation_after_review")] if slip else []
    assert [(rule, group) for rule, _, group in _findings(text)] == errors


@_SETTINGS
@given(
    parts=st.lists(st.integers(0, 40), min_size=12, max_size=12),
    before=st.lists(st.integers(0, 999), min_size=1, max_size=3),
    cut=st.integers(4, 34),
)
def test_figures_on_the_page_of_its_header_row_are_read_or_doubted(
    parts: list[int], before: list[int], cut: int
) -> None:
    """The same with the page breaking below table 四's first header word, among its header
    words or its cells: the figures before the break may be anything to the reader, so the
    cells are the printed ones, or table 四 is said to be in doubt."""
    cells = _table(parts, 0)
    text = _printed(cells, before, cut)
    report = read_bytes(text.encode("utf-8"), "report.txt")
    read = report.appeals.model_dump()
    doubted = [r for r, row, _ in _findings(text) if r.startswith("parse.") and row == "appeals"]
    assert [read[g][f] for g, f in _FIELDS] == cells or doubted
