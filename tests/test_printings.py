"""Table 三's late cells printed after table 四's heading (pdftotext's default mode, issue 13):
where table 四 begins on table 三's last page, poppler prints that page's late run after the
heading, its sentence, group headers and the page's footer. The print-order reading takes the
rest of the page, only where table 四's header row is on a later page, and only where the
region alone fits no row set: it gives the printed table or nothing."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.readers import latecells, printorder, read_path, staircase
from gongkai.readers.normalize import normalize_text
from gongkai.readers.regions import Region
from tests.test_latecells import _page
from tests.test_staircase import TABLES, _generated_table, _slipped

FIXTURES = Path(__file__).parent / "fixtures" / "issue-13"
# pdftotext's default mode on a WeasyPrint PDF (corpus item gen-13-020): 结转下年度's 总计
# 「9」 stands after table 四's heading and the footer 「—2—」, before the page break.
LATE = FIXTURES / "issue-13-late-cell-after-table-four-heading.txt"

_HEADING = "四、政府信息公开行政复议、行政诉讼情况"
_SENTENCE = "本年度发生政府信息公开行政复议7件，政府信息公开行政诉讼8件。"
_RUNNING = "某某县人民政府2023年政府信息公开工作年度报告"  # a running header, printed late too
_HEADER_ROW = "\f结果\n\n维持\n\n纠正\n\n尚未\n审结\n\n"


def test_a_total_printed_after_table_fours_heading_is_read() -> None:
    report = read_path(LATE)
    expected = json.loads(LATE.with_name(LATE.stem + ".expected.json").read_text())
    assert report.applications.model_dump() == expected["applications"]
    said = [(f.rule, f.column) for f in report.findings or [] if f.rule.startswith("applications")]
    # The two printed inconsistencies found (the row was in doubt, and they were not).
    assert said == [("applications.balance", "other_org"), ("applications.balance", "total")]


def _text(pages: list[list[list[int]]], late: list[int], rest: str) -> str:
    """Table 三 (its heading, then each page's paragraphs, one number a line), table 四's
    heading on its last page with `rest` after it, then `late` (one number a paragraph),
    then the next page with table 四's header row and cells."""
    head = "三、收到和处理政府信息公开申请情况\n申请人情况\n\n"
    body = "\f".join("".join("\n".join(map(str, p)) + "\n\n" for p in page) for page in pages)
    tail = "".join(f"{v}\n\n" for v in late)
    return head + body + f"{_HEADING}\n{_SENTENCE}\n{rest}{tail}{_HEADER_ROW}2\n\n5\n\n0\n"


def _region(text: str) -> Region:
    """Table 三's region as the reader cuts it: up to table 四's first group header."""
    end = text.index("\n行政复议\n") + 1
    return Region(text[:end], 0, end, 1)


def _read(original: str) -> staircase.Grid | None:
    """The grid the reader would keep from the print-order search (template 2021)."""
    text = normalize_text(original)
    found = printorder.search_table(_region(text), text, original, "2021")
    if found is None:
        return None
    reading = printorder.accepted(found.outcome, [r.id for r in found.rows])
    return reading[0] if reading else None


def _late_total(table: staircase.Grid, rest: str) -> str:
    """The table row by row on one page but the 结转下年度 row's 总计, printed late."""
    cells = [[v] for row in table for v in row][:-1]
    return _text([cells], [table[-1][-1]], rest)


_FOOTER = "行政复议\n\n行政诉讼\n\n—2—\n\n"


def test_a_late_total_after_table_fours_heading_and_the_footer_is_read() -> None:
    table = _generated_table(5)
    assert _read(_late_total(table, _FOOTER)) == table


def test_a_late_total_after_a_running_header_too_is_read() -> None:
    table = _generated_table(5)
    assert _read(_late_total(table, f"{_FOOTER}{_RUNNING}\n\n")) == table


def test_the_rest_of_the_page_is_not_taken_where_table_fours_header_row_is_on_it() -> None:
    # Its cells then print on that page too: the numbers there are table 四's.
    table = _generated_table(5)
    original = _late_total(table, f"{_FOOTER}结果\n维持\n\n")
    text = normalize_text(original)
    assert len(printorder.printings(_region(text), text, original)) == 1
    assert _read(original) is None


def test_the_rest_of_the_page_is_not_taken_where_table_fours_header_row_is_one_line() -> None:
    # The row printed as one line of words (a review found only lines of one word seen).
    table = _generated_table(5)
    row = "结果维持 结果纠正 其他结果 尚未审结 总计\n" + " ".join(["0"] * 15) + "\n\n"
    original = _late_total(table, _FOOTER + row)
    text = normalize_text(original)
    assert len(printorder.printings(_region(text), text, original)) == 1


def test_the_rest_of_a_text_of_one_page_is_not_taken() -> None:
    # Without form feeds (a web page, a Word file) "the rest of the page" is all the rest.
    table = _generated_table(5)
    original = _late_total(table, _FOOTER).replace(_HEADER_ROW, "\n").replace("\f", "\n")
    text = normalize_text(original)
    assert len(printorder.printings(_region(text), text, original)) == 1


def test_the_rest_of_the_page_is_not_taken_where_table_three_ended_a_page_before() -> None:
    table = _generated_table(5)
    original = _late_total(table, _FOOTER).replace(_HEADING, "\f" + _HEADING)
    text = normalize_text(original)
    assert len(printorder.printings(_region(text), text, original)) == 1


def test_the_rest_of_the_page_is_asked_only_where_the_region_fits_no_row_set() -> None:
    # A whole table and a stray number after the footer: the table is read from its region.
    table = _generated_table(5)
    original = _text([[[v] for row in table for v in row]], [7], _FOOTER)
    text = normalize_text(original)
    assert len(printorder.printings(_region(text), text, original)) == 2
    assert _read(original) == table


def _printed(table: staircase.Grid, rng: random.Random) -> str:
    """The table on one or two pages as `test_latecells._page` prints them, but that the
    last page's late run (up to `latecells.MAX_LATE` cells of its rows, rows in random
    order) stands after table 四's heading, the footer and maybe a running header."""
    width = len(table[0])
    cut = rng.randrange(1, len(table)) if rng.random() < 0.5 else None
    pages = [_page(table, range(0, cut), rng)] if cut else []
    last = range(cut or 0, len(table))
    cells = [(r, c) for r in last for c in range(width)]
    late = set(rng.sample(cells, k=rng.randint(1, latecells.MAX_LATE)))
    rows = sorted({r for r, _ in late})
    rng.shuffle(rows)
    pages.append([[v] for r in last for c, v in enumerate(table[r]) if (r, c) not in late])
    run = [table[r][c] for r in rows for c in range(width) if (r, c) in late]
    return _text(pages, run, _FOOTER + (f"{_RUNNING}\n\n" if rng.random() < 0.5 else ""))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=TABLES, seed=st.integers(0, 2**32 - 1), slip=st.booleans())
def test_late_cells_after_table_fours_heading_give_the_printed_table_or_nothing(
    source: staircase.Grid, seed: int, slip: bool
) -> None:
    rng = random.Random(seed)
    printed = _slipped(source, rng) if slip else source
    assert _read(_printed(printed, rng)) in (None, printed)
