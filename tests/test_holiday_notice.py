"""A year's arrangement read from what an administrator types or imports, and the deadlines
that change once it is added."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.cases.clock import Clock, answer_due
from gongkai.cases.recompute import (
    DeadlineChange,
    changed_deadlines,
    changed_span,
    changed_years,
)
from gongkai.holiday_law import statutory_holidays
from gongkai.holiday_notice import (
    InvalidArrangement,
    YearArrangement,
    arrangement_of,
    arrangement_text,
    read_arrangement,
)
from gongkai.workdays import Deadline, WorkCalendar, default_calendar

CAL = default_calendar()
NOTICES = Path(__file__).parent / "fixtures" / "holiday-notices"
TABLE = json.loads(
    (Path(__file__).parents[1] / "gongkai" / "data" / "calendar.json").read_text("utf-8")
)["years"]


def _official(year: int) -> dict[str, list[str]]:
    return {k: TABLE[str(year)][k] for k in ("holidays", "workdays")}


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_notice_pasted_whole_gives_the_official_year(year: int) -> None:
    text = (NOTICES / f"{year}.txt").read_text("utf-8")
    assert read_arrangement(text, year).to_data() == _official(year)
    # And the calendar's year, written out, is the notice's days (weekends inside its runs).
    assert arrangement_of(CAL, year) == read_arrangement(text, year)


def test_a_provisional_year_is_shown_as_the_laws_days() -> None:
    assert not CAL.is_official(2027)
    assert arrangement_text(arrangement_of(CAL, 2027)) == "\n".join(
        [
            "2027年1月1日至3日 放假",  # a Friday, and its weekend
            "2027年2月5日至8日 放假",  # 除夕 (Friday) to 初三 (Monday)
            "2027年4月3日至5日 放假",  # 清明 on a Monday
            "2027年5月1日至2日 放假",  # a weekend: no weekday off
            "2027年6月9日 放假",
            "2027年9月15日 放假",
            "2027年10月1日至3日 放假",
        ]
    )


def test_short_lines_csv_and_json_give_the_same_year() -> None:
    lines = """2025年1月1日 放假
    2025-01-28～2025-02-04 放假
    2025年1月26日（星期日）、2月8日（星期六） 上班
    ２０２５年４月４日至６日　休息
    5月1日-5日 放假；4月27日 上班
    5月31日至6月2日放假
    10月1日至8日 放假
    9月28日、10月11日 上班"""
    csv = "日期,类型\n" + "\n".join(
        [f"{d},放假" for d in _official(2025)["holidays"]]
        + [f"{d},上班" for d in _official(2025)["workdays"]]
    )
    for text in (lines, csv, json.dumps(_official(2025)), json.dumps({"years": TABLE})):
        assert read_arrangement(text, 2025).to_data() == _official(2025), text


def test_every_problem_is_named_at_its_line() -> None:
    text = "\n".join(
        [
            "元旦：2026年12月31日至2027年1月1日放假，共3天。",
            "春节 2027年2月6日至10日 放假",
            "2027-02-07 上班",
            "1月9日（周日） 上班",
            "2月30日 放假",
            "5月1日 5月8日",
            "6月3日 上班",
            "10月5日至1日 放假",
            "10月1日至7日放假",
        ]
    )
    with pytest.raises(InvalidArrangement) as caught:
        read_arrangement(text, 2027)
    assert [str(p) for p in caught.value.problems] == [
        "第1行：写明共3天，但所列日期共2天",
        "第1行：2026年12月31日不在2027年内：跨年的日期请录入到所属年度的安排中",
        "第3行：2027年2月7日既列为放假又列为上班",
        "第4行：2027年1月9日是星期六，不是星期日",
        "第5行：“2月30日”不是有效的日期",
        "第6行：“5月1日 5月8日”中的日期没有写明是放假还是上班（请在日期后写“放假”或“上班”）",
        "第7行：2027年6月3日是星期四，本来就是工作日；调休上班的日期应是星期六或星期日",
        "第8行：2027年10月5日至2027年10月1日：结束日期早于开始日期",
        "春节（2027年2月5日）是法定节假日，但没有安排放假",
        "清明节（2027年4月5日）是法定节假日，但没有安排放假",
        "端午节（2027年6月9日）是法定节假日，但没有安排放假",
        "中秋节（2027年9月15日）是法定节假日，但没有安排放假",
    ]
    assert caught.value.code == "calendar.invalid_arrangement"


def test_nothing_readable_and_absurd_years_are_refused() -> None:
    for text, year, problems in [
        ("国务院办公厅关于2027年部分节假日安排的通知", 2027, ["没有读到2027年的任何放假日期"]),
        ("2027-01-01 放假", 1999, ["年度应在2008年至2099年之间，实际为1999年"]),
        ('{"holidays": "x"}', 2027, None),
    ]:
        with pytest.raises(InvalidArrangement) as caught:
            read_arrangement(text, year)
        if problems is not None:
            assert [str(p) for p in caught.value.problems] == problems
    assert str(caught.value.problems[0]).startswith("JSON 文件中没有2027年的安排")


def _arrangements(draw: st.DrawFn) -> YearArrangement:
    return _arrangement_in(draw, draw(st.integers(2027, 2040)))


def _arrangement_in(draw: st.DrawFn, year: int) -> YearArrangement:
    days = [dt.date(year, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    statutory = {h.day for h in statutory_holidays(year)}
    off = statutory | set(draw(st.lists(st.sampled_from(days), max_size=12)))
    weekends = [d for d in days if d.weekday() >= 5 and d not in off]
    work = set(draw(st.lists(st.sampled_from(weekends), max_size=6)))
    return YearArrangement(year, frozenset(off), frozenset(work))


@settings(max_examples=60, deadline=None)
@given(arrangement=st.composite(_arrangements)())
def test_an_arrangement_written_out_reads_back_the_same(arrangement: YearArrangement) -> None:
    assert read_arrangement(arrangement_text(arrangement), arrangement.year) == arrangement


# A plausible 2027 arrangement: 元旦 1–3 January, 春节 5–11 February (7 February off,
# 13 February worked), the law's other days.
NOTICE_2027 = "1月1日至3日 放假\n2月5日至11日 放假\n2月13日（周六） 上班\n4月5日 放假\n" + (
    "5月1日至2日 放假\n6月9日 放假\n9月15日 放假\n10月1日至3日 放假"
)


def test_adding_2027_moves_the_deadlines_that_counted_its_changed_days() -> None:
    new = CAL.extended(read_arrangement(NOTICE_2027, 2027).calendar())
    clocks = {
        1: Clock(start=dt.date(2027, 1, 25)),  # counts the Spring Festival
        2: Clock(start=dt.date(2026, 11, 2)),  # due 30 November 2026: untouched
        3: Clock(start=dt.date(2026, 12, 1), stopped_since=dt.date(2026, 12, 3)),  # stands
        4: Clock(start=dt.date(2027, 3, 1)),  # March 2027: same day, no longer 暂定
    }
    assert changed_years(CAL, new) == {2027}
    assert changed_deadlines(clocks, CAL, new) == [
        # Provisionally 5 and 8 February are off; in the notice 5–11 February are, 13 worked.
        DeadlineChange(1, Deadline(dt.date(2027, 2, 24), True), Deadline(dt.date(2027, 2, 26))),
        DeadlineChange(4, Deadline(dt.date(2027, 3, 29), True), Deadline(dt.date(2027, 3, 29))),
    ]
    assert [c.moved for c in changed_deadlines(clocks, CAL, new)] == [True, False]


def _clock(start: dt.date, extended: bool, pause: int | None, stopped: bool) -> Clock:
    """A running clock (paused once, `pause` days after its start), or one standing still."""
    paused = start + dt.timedelta(days=pause or 0)
    return Clock(
        start=start,
        extended=extended,
        pauses=() if pause is None else ((paused, paused + dt.timedelta(days=9)),),
        stopped_since=paused if stopped else None,
    )


clocks_drawn = st.builds(
    _clock,
    st.dates(dt.date(2025, 6, 1), dt.date(2028, 6, 1)),
    st.booleans(),
    st.none() | st.integers(0, 25),
    st.sampled_from((False, False, False, True)),  # mostly running
)


@settings(max_examples=80, deadline=None)
@given(clocks=st.lists(clocks_drawn, max_size=12), arrangement=st.composite(_arrangements)())
def test_changed_deadlines_agrees_with_computing_every_clock_again(
    clocks: list[Clock], arrangement: YearArrangement
) -> None:
    """Counted on tables of working days, the same changes as every deadline counted again
    day by day on both calendars (clocks that stand have none)."""
    new = CAL.extended(arrangement.calendar())
    every = []
    for key, clock in enumerate(clocks):
        before, after = answer_due(CAL, clock), answer_due(new, clock)
        if before != after and before is not None and after is not None:
            every.append(DeadlineChange(key, before, after))
    assert changed_deadlines(dict(enumerate(clocks)), CAL, new) == every


@st.composite
def _corrections(draw: st.DrawFn) -> tuple[WorkCalendar, WorkCalendar, list[Clock]]:
    """A year's notice added, or one already added corrected; clocks running near it."""
    year = draw(st.integers(2027, 2029))
    first, second = _arrangement_in(draw, year), _arrangement_in(draw, year)
    old = CAL.extended(first.calendar()) if draw(st.booleans()) else CAL
    near = st.dates(dt.date(year - 1, 9, 1), dt.date(year, 12, 31))
    clocks = st.builds(_clock, near, st.booleans(), st.none() | st.integers(0, 25), st.just(False))
    return old, CAL.extended(second.calendar()), draw(st.lists(clocks, max_size=12))


@settings(max_examples=150, deadline=None)
@given(_corrections())
def test_only_clocks_counting_into_the_changed_span_change(
    drawn: tuple[WorkCalendar, WorkCalendar, list[Clock]],
) -> None:
    """The save reads only the cases due on or after the span's first day and received
    before its last (a clock starts on its receipt day or later): the same changes."""
    old, new, clocks = drawn
    every = changed_deadlines(dict(enumerate(clocks)), old, new)
    span = changed_span(old, new)
    if span is None:
        assert every == []
        return
    first, last = span
    read = {
        key: clock
        for key, clock in enumerate(clocks)
        if (due := answer_due(old, clock)) and due.day >= first and clock.start < last
    }
    assert changed_deadlines(read, old, new) == every


def test_the_changed_span_runs_from_the_first_to_the_last_day_changed() -> None:
    added = CAL.extended(read_arrangement(NOTICE_2027, 2027).calendar())
    assert changed_span(CAL, added) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    # 12 February off too, 6 March (not 13 February) worked.
    text = NOTICE_2027.replace("11日", "12日").replace("2月13日（周六）", "3月6日")
    corrected = read_arrangement(text, 2027)
    after = CAL.extended(corrected.calendar())
    assert changed_span(added, after) == (dt.date(2027, 2, 12), dt.date(2027, 3, 6))


def test_an_unchanged_calendar_changes_nothing() -> None:
    same = WorkCalendar(CAL.years, CAL.holidays, CAL.workdays)
    assert changed_years(CAL, same) == frozenset()
    assert changed_span(CAL, same) is None
    assert changed_deadlines({1: Clock(start=dt.date(2026, 12, 28))}, CAL, same) == []
