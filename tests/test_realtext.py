"""What real county and township reports print (issue 13, tests/support/realtext.py): the
checker reports no error on prose that is true of the tables in real offices' words, finds
every sentence that contradicts them, and reads tables typed in Word with their furniture.

The fixtures `issue-13-<slug>` are one probe each over one random report, where the reader
went wrong before (tests/support/make_realtext_fixtures.py); the properties run every probe
over any report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.model import Report
from gongkai.readers import read_path
from gongkai.readers.narrative import narrative_figures
from gongkai.readers.text import text_to_report
from gongkai.render.text import Layout
from tests.support.realtext import (
    BLANK_MARKS,
    PROSE,
    TABLES,
    Probe,
    blank_marks_probe,
    chinese_numeral,
    prose_probe,
    table_probe,
)
from tests.support.scoring import wrong_cells

FIXTURES = Path(__file__).parent / "fixtures" / "issue-13"
Found = tuple[str, str, str | None, object]

# fixture → its whole findings list (rule, severity, row, expected)
FINDINGS: dict[str, list[Found]] = {
    # 「全年共办理行政复议案件92件，其中涉及政府信息公开的19件」: the 92 are every case
    "review-in-general": [],
    "litigation-in-general": [],
    # 「通过政府门户网站收到政府信息公开申请244件，当面收到…682件」: parts of 926
    "part-channels": [],
    # 「从全县范围看，共收到政府信息公开申请1068件」: the county, maybe not the agency
    "wider-scope-before-clause": [("text.scope_uncertain", "warning", "received", 1068)],
    "our-county": [("text.scope_uncertain", "warning", "received", 1068)],
    "subunit-short-name": [("text.scope_uncertain", "warning", "received", 930)],
    # 「予以公开78件（含部分公开21件）」 is （一）+（二）
    "granted-including-partial": [],
    "granted-then-partial": [],
    # the overview states 920 received (true), section 三 927 (new 915 + carried 5 = 920)
    "figure-stated-twice": [("text.table_mismatch", "error", "received", 927)],
    # 「本年度共收到政府信息公开申请七百八十六件」: 779 + 3 received
    "numerals-in-words": [("text.table_mismatch", "error", "received", 786)],
    # zero cells typed 「无」, a row of them included
    "blank-wu": [
        ("parse.blank_cell", "warning", "applications", None),
        ("parse.blank_cell", "warning", "appeals", None),
    ],
    # 「行政事业性收费 — 8」 then an empty grid cell: the 「—」 is 上一年项目数量
    "blank-marks-table-two": [
        ("parse.blank_cell", "warning", "applications", None),
        ("parse.blank_cell", "warning", "appeals", None),
    ],
}


@pytest.mark.parametrize("slug", FINDINGS)
def test_fixture_reads_exactly_with_its_whole_findings_list(slug: str) -> None:
    path = FIXTURES / f"issue-13-{slug}.txt"
    truth = Report.model_validate(json.loads(path.with_suffix(".expected.json").read_text()))
    got = read_path(path)
    assert wrong_cells(got, truth) == []
    assert [(f.rule, f.severity, f.row, f.expected) for f in got.findings or []] == FINDINGS[slug]


def _errors(probe: Probe) -> list[tuple[str, object]]:
    got = text_to_report(probe.text)
    return [(f.rule, f.expected) for f in got.findings or [] if f.severity == "error"]


_TRUE = [name for name in PROSE if not name.startswith("wrong-")]
_WRONG = [name for name in PROSE if name.startswith("wrong-")]
_SECTIONS = st.sampled_from(("overview", "applications", "appeals"))


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(_TRUE), seed=st.integers(0, 10_000), section=_SECTIONS)
def test_prose_true_of_the_tables_gives_no_error(name: str, seed: int, section: str) -> None:
    assert _errors(prose_probe(name, seed, section)) == []


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(_WRONG), seed=st.integers(0, 10_000), section=_SECTIONS)
def test_a_sentence_contradicting_the_tables_is_found(name: str, seed: int, section: str) -> None:
    probe = prose_probe(name, seed, section)
    assert _errors(probe) == [("text.table_mismatch", v["expected"]) for v in probe.violations]


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(list(TABLES)),
    seed=st.integers(0, 10_000),
    layout=st.sampled_from(("tabs", "pipes", "spaces")),
)
def test_tables_with_real_furniture_read_exactly(name: str, seed: int, layout: Layout) -> None:
    probe = table_probe(name, seed, layout)
    got = text_to_report(probe.text)
    assert wrong_cells(got, probe.truth) == []
    assert [f for f in got.findings or [] if f.severity == "error"] == []


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(list(BLANK_MARKS)),
    seed=st.integers(0, 10_000),
    layout=st.sampled_from(("tabs", "spaces")),
)
def test_blank_marks_read_as_blank_cells(name: str, seed: int, layout: Layout) -> None:
    probe = blank_marks_probe(name, seed, layout)
    got = text_to_report(probe.text)
    assert wrong_cells(got, probe.truth) == []
    assert [f for f in got.findings or [] if f.severity == "error"] == []


@given(st.integers(0, 9999))
def test_a_count_in_words_is_read_as_its_digits(n: int) -> None:
    text = f"本年度共收到政府信息公开申请{chinese_numeral(n)}件。"
    figures = narrative_figures(text, ((0, len(text)),), 2021)
    assert [(f.key, f.value) for f in figures] == [("received", n)]


@given(st.integers(0, 99_999_999), st.sampled_from([",", "，"]))
def test_a_count_with_thousands_separators_is_one_figure(n: int, separator: str) -> None:
    text = f"本年度共收到政府信息公开申请{n:,}件。".replace(",", separator)
    figures = narrative_figures(text, ((0, len(text)),), 2021)
    assert [(f.key, f.value) for f in figures] == [("received", n)]


@pytest.mark.parametrize(
    "text",
    [
        "本年度共收到政府信息公开申请12，其中345件已办结。",  # a clause ends, a new one begins
        "本年度共收到政府信息公开申请1,23件。",  # not groups of three: no reading
    ],
)
def test_a_comma_between_figures_that_are_not_digit_groups_joins_nothing(text: str) -> None:
    figures = narrative_figures(text, ((0, len(text)),), 2021)
    assert [f.value for f in figures if f.key == "received"] == []
