"""Working days and statutory deadlines (条例第三十条、第三十三条)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.cli import main
from gongkai.workdays import (
    CalendarGap,
    Deadline,
    InvalidPeriod,
    add_workdays,
    answer_deadline,
    default_calendar,
    load_calendar,
    workdays_between,
)

CAL = default_calendar()
FIRST, LAST = dt.date(2019, 1, 1), dt.date(2026, 12, 31)
# Receipt dates whose 40-working-day horizon stays inside the calendar.
received_dates = st.dates(min_value=FIRST, max_value=dt.date(2026, 10, 1))


def test_project_table_agrees_with_chinesecalendar_on_every_day() -> None:
    day, differences = FIRST, []
    while day <= LAST:
        if CAL.is_workday(day) != chinese_calendar.is_workday(day):
            differences.append(day)
        day += dt.timedelta(days=1)
    assert differences == []


@pytest.mark.parametrize(
    ("received", "days", "extend", "due"),
    [
        # Received on a 调休 Sunday; National Day and Mid-Autumn 10-01..10-08 do not count.
        ("2025-09-28", 20, False, "2025-10-31"),
        ("2025-09-28", 20, True, "2025-11-28"),
        # A 补正 notice within 7 working days (第三十条).
        ("2025-09-28", 7, False, "2025-10-14"),
        # Spring Festival 2024: 02-10..02-17 off, 02-04 (Sun) and 02-18 (Sun) worked.
        ("2024-02-01", 20, False, "2024-03-05"),
        # Received on a Friday: day 1 is the next Monday.
        ("2023-06-02", 1, False, "2023-06-05"),
    ],
)
def test_statutory_examples(received: str, days: int, extend: bool, due: str) -> None:
    got = answer_deadline(CAL, dt.date.fromisoformat(received), days=days, extend=extend)
    assert got == Deadline(dt.date.fromisoformat(due), provisional=False)


@given(received=received_dates, days=st.integers(1, 40))
def test_deadline_falls_on_a_working_day_exactly_n_working_days_later(
    received: dt.date, days: int
) -> None:
    due = add_workdays(CAL, received, days)
    assert CAL.is_workday(due)
    assert workdays_between(CAL, received, due) == days
    assert chinese_calendar.is_workday(due)


@given(
    received=received_dates,
    days=st.integers(1, 20),
    start=st.integers(0, 30),
    length=st.integers(0, 20),
)
def test_stopping_the_clock_never_shortens_the_period(
    received: dt.date, days: int, start: int, length: int
) -> None:
    begin = received + dt.timedelta(days=start)
    pause = (begin, begin + dt.timedelta(days=length))
    plain = add_workdays(CAL, received, days)
    paused = add_workdays(CAL, received, days, [pause])
    assert paused >= plain
    assert CAL.is_workday(paused)
    assert not (pause[0] <= paused <= pause[1])


@given(received=received_dates, days=st.integers(1, 39))
def test_one_more_day_is_later(received: dt.date, days: int) -> None:
    assert add_workdays(CAL, received, days + 1) > add_workdays(CAL, received, days)


def test_a_year_without_its_notice_is_computed_provisionally() -> None:
    # 2027: 元旦 on a Friday, no 调休 known; day 20 after 20 December 2026 is 18 January 2027.
    assert answer_deadline(CAL, dt.date(2026, 12, 20)) == Deadline(dt.date(2027, 1, 18), True)
    assert str(answer_deadline(CAL, dt.date(2026, 12, 20))) == "2027-01-18（暂定）"
    # Within 2026 the deadline is official even late in the year.
    assert answer_deadline(CAL, dt.date(2026, 11, 2)) == Deadline(dt.date(2026, 11, 30), False)
    # Before the Regulation and after 2099 a date is a typing mistake, not a year to guess.
    for day in (dt.date(2007, 12, 31), dt.date(2100, 1, 4)):
        with pytest.raises(CalendarGap) as caught:
            CAL.is_workday(day)
        assert caught.value.message == (
            f"{day.year}年不在工作日历可以计算的范围内（2008年至2099年），请检查日期是否写错"
        )


def test_an_administrator_can_add_a_year(tmp_path: Path) -> None:
    extra = tmp_path / "2027.json"
    extra.write_text(
        json.dumps({"years": {"2027": {"holidays": ["2027-01-01"], "workdays": []}}}), "utf-8"
    )
    calendar = load_calendar(extra)
    assert calendar.is_workday(dt.date(2027, 1, 4))
    assert not calendar.is_workday(dt.date(2027, 1, 1))
    assert answer_deadline(calendar, dt.date(2026, 12, 20)) == Deadline(dt.date(2027, 1, 18))


def test_bad_periods_are_refused() -> None:
    with pytest.raises(InvalidPeriod):
        add_workdays(CAL, dt.date(2025, 1, 2), 0)
    with pytest.raises(InvalidPeriod):
        add_workdays(CAL, dt.date(2025, 1, 2), 5, [(dt.date(2025, 1, 9), dt.date(2025, 1, 3))])


def test_cli_prints_the_iso_date_and_refuses_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2025-09-28"]) == 0
    assert main(["deadline", "2025-09-28", "--days", "7"]) == 0
    assert main(["deadline", "2025-09-28", "--extend"]) == 0
    assert main(["deadline", "2025-09-28", "--pause", "2025-10-09", "2025-10-20"]) == 0
    assert capsys.readouterr().out.split() == [
        "2025-10-31",
        "2025-10-14",
        "2025-11-28",
        "2025-11-13",
    ]
    assert main(["deadline", "2027-03-01"]) == 0
    assert capsys.readouterr() == (
        "2027-03-29 暂定\n",
        "gongkai: 暂定：2027年的节假日安排尚未录入，按《全国年节及纪念日放假办法》规定的法定节假日"
        "推算，未计调休；国务院办公厅公布当年安排并录入后，期限将重新计算\n",
    )
    assert main(["deadline", "2025-13-01"]) == 2
    assert main(["deadline", "2207-03-01"]) == 2
    err = capsys.readouterr().err.strip().split("\n")
    assert err[0] == "gongkai: 日期格式应为 YYYY-MM-DD：2025-13-01"
    assert (
        err[1]
        == "gongkai: 2207年不在工作日历可以计算的范围内（2008年至2099年），请检查日期是否写错"
    )
