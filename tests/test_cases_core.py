"""The application register's pure domain: procedure, clock, fees and table 三 from cases."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import checks
from gongkai.cases.clock import (
    Clock,
    CorrectionAfterExtension,
    CorrectionAlreadyRequested,
    CorrectionTooLate,
    StepInFuture,
    after_step,
    answer_due,
    check_step_date,
    correction_notice_due,
)
from gongkai.cases.fees import per_item_fee, per_page_fee
from gongkai.cases.procedure import STEPS, ProcedureError, State, step_for, steps_from
from gongkai.cases.table import APPLICANT_TYPES, OUTCOME_ROWS, CaseFacts, assemble, count_cases
from gongkai.model import Report
from gongkai.workdays import Deadline, default_calendar, workdays_between

CAL = default_calendar()


def test_the_procedure_allows_only_the_statutes_steps() -> None:
    assert [s.action for s in steps_from(State.CORRECTION)] == [
        "correction_received",
        "correction_lapsed",
    ]
    assert step_for(State.CORRECTION, "correction_lapsed").outcome == "other.no_correction"
    assert step_for(State.FEE, "fee_lapsed").outcome == "other.unpaid_fee"
    with pytest.raises(ProcedureError, match="当前状态为“已签发，待答复”，不能“拟办”"):
        step_for(State.SIGNED, "draft")
    with pytest.raises(ProcedureError, match="没有“fly”这一办理步骤"):
        step_for(State.REGISTERED, "fly")
    # Every state but the last can be left, and every state can be reached.
    reachable = {State.REGISTERED} | {s.target for s in STEPS.values()}
    assert reachable == set(State)
    assert all(steps_from(s) for s in State if s != State.ARCHIVED)


def _due(clock: Clock) -> dt.date | None:
    due = answer_due(CAL, clock)
    return due.day if due else None


def test_the_statutory_clock() -> None:
    received = dt.date(2025, 9, 28)  # a 调休 Sunday before the National Day holiday
    clock = Clock(start=received)
    assert answer_due(CAL, clock) == Deadline(dt.date(2025, 10, 31))  # 10月1日至8日放假
    assert correction_notice_due(CAL, received) == Deadline(dt.date(2025, 10, 14))
    waiting = after_step(clock, STEPS["request_correction"], dt.date(2025, 9, 30), CAL)
    assert answer_due(CAL, waiting) is None
    corrected = after_step(waiting, STEPS["correction_received"], dt.date(2025, 10, 20), CAL)
    assert corrected.start == dt.date(2025, 10, 20)  # the period runs anew (第三十条)
    assert _due(corrected) == dt.date(2025, 11, 17)
    extended = after_step(corrected, STEPS["extend"], dt.date(2025, 11, 10), CAL)
    assert _due(extended) == dt.date(2025, 12, 15)
    with pytest.raises(ProcedureError, match="不能再次延长"):
        after_step(extended, STEPS["extend"], dt.date(2025, 11, 11), CAL)
    with pytest.raises(ProcedureError, match="早于答复期限的起算日"):
        after_step(clock, STEPS["consult"], dt.date(2025, 9, 1), CAL)


def test_correction_is_asked_for_once_within_seven_working_days_and_before_any_extension() -> None:
    received = dt.date(2025, 9, 28)
    clock = Clock(start=received)
    # The 7th working day after 28 September 2025 is 14 October (1–8 October off).
    on_time = after_step(clock, STEPS["request_correction"], dt.date(2025, 10, 14), CAL)
    assert on_time.correction_requested and on_time.waiting_for_correction
    with pytest.raises(CorrectionTooLate) as late:
        after_step(clock, STEPS["request_correction"], dt.date(2025, 10, 15), CAL)
    assert late.value.message == (
        "告知补正应在收到申请之日起7个工作日内作出（第三十条），即2025-10-14前；"
        "办理日期2025-10-15已超过"
    )
    corrected = after_step(on_time, STEPS["correction_received"], dt.date(2025, 10, 15), CAL)
    with pytest.raises(CorrectionAlreadyRequested) as again:
        after_step(corrected, STEPS["request_correction"], dt.date(2025, 10, 16), CAL)
    assert again.value.message == "本申请已经告知过补正；补正应一次性告知（第三十条），不能再次告知"
    extended = after_step(clock, STEPS["extend"], dt.date(2025, 9, 30), CAL)
    with pytest.raises(CorrectionAfterExtension) as after:
        after_step(extended, STEPS["request_correction"], dt.date(2025, 9, 30), CAL)
    assert after.value.message == (
        "答复期限已经延长，不能再告知补正（第三十条：收到申请之日起7个工作日内告知）"
    )
    assert {e.code for e in (late.value, again.value, after.value)} == {
        "cases.correction_too_late",
        "cases.correction_once",
        "cases.correction_after_extension",
    }


@given(
    received=st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 1)),
    offset=st.integers(0, 40),
)
def test_correction_window_is_exactly_seven_working_days(received: dt.date, offset: int) -> None:
    on = received + dt.timedelta(days=offset)
    # In time while the 7th working day after receipt has not passed before `on` (a Saturday
    # after it is late).
    allowed = workdays_between(CAL, received, on - dt.timedelta(days=1)) < 7
    try:
        after_step(Clock(start=received), STEPS["request_correction"], on, CAL)
    except CorrectionTooLate:
        assert not allowed
    else:
        assert allowed


def test_a_step_may_be_set_back_but_never_forward_of_today() -> None:
    today = dt.date(2026, 11, 29)
    check_step_date(today, today)
    check_step_date(dt.date(2026, 11, 2), today)
    with pytest.raises(StepInFuture) as caught:
        check_step_date(dt.date(2026, 11, 30), today)
    assert caught.value.message == (
        "办理日期2026-11-30晚于今天（2026-11-29）：办理日期可以是今天或之前的日期，不能是以后的日期"
    )


@settings(max_examples=150, deadline=None)
@given(
    received=st.dates(dt.date(2019, 1, 1), dt.date(2025, 10, 31)),
    stops=st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=3),
)
def test_stopping_the_clock_never_shortens_the_period(
    received: dt.date, stops: list[tuple[int, int]]
) -> None:
    clock = Clock(start=received)
    plain = answer_due(CAL, clock)
    day = received
    for gap, length in stops:
        day += dt.timedelta(days=gap)
        clock = after_step(clock, STEPS["consult"], day, CAL)
        assert answer_due(CAL, clock) is None
        day += dt.timedelta(days=length)
        clock = after_step(clock, STEPS["consultation_done"], day, CAL)
    due = answer_due(CAL, clock)
    assert plain is not None and due is not None
    assert due.day >= plain.day
    assert CAL.is_workday(due.day)


def test_fees_follow_109_hao() -> None:
    assert [per_item_fee(0, n) for n in (10, 11, 30, 31, 40, 41)] == [
        0,
        100,
        2000,
        2200,
        4000,
        4300,
    ]
    assert per_item_fee(29, 3) == 100 + 200 + 200  # the 30th, 31st and 32nd of the month
    assert [per_page_fee(p) for p in (30, 31, 100, 101, 200, 201)] == [
        0,
        10,
        700,
        720,
        2700,
        2740,
    ]


def _case(draw: st.DrawFn) -> CaseFacts:
    received = draw(st.dates(dt.date(2019, 6, 1), dt.date(2025, 12, 31)))
    applicant = draw(st.sampled_from(APPLICANT_TYPES))
    if draw(st.booleans()):
        return CaseFacts(received, applicant)
    answered = received + dt.timedelta(days=draw(st.integers(0, 400)))
    return CaseFacts(received, applicant, draw(st.sampled_from(OUTCOME_ROWS)), answered)


registers = st.lists(st.composite(_case)(), max_size=60)


@settings(max_examples=120, deadline=None)
@given(cases=registers)
def test_table_three_from_any_register_passes_every_rule_and_chains(
    cases: list[CaseFacts],
) -> None:
    tables = {year: assemble(count_cases(cases, year)) for year in range(2020, 2026)}
    for year, rows in tables.items():
        report = Report.model_validate(
            {
                "year": year,
                "template": "2021",
                "active": {},
                "applications": {"rows": rows},
            }
        )
        found = [f for f in checks.check_report(report) if f.rule.startswith("applications.")]
        assert found == [], found
        answered = [c for c in cases if c.answered_on and c.answered_on.year == year]
        for row in OUTCOME_ROWS:
            assert rows[row][6] == sum(1 for c in answered if c.outcome == row)
        received = sum(1 for c in cases if c.received_on.year == year)
        assert rows["new_received"][6] == received
        if year + 1 in tables:
            assert rows["carry_forward"] == tables[year + 1]["carried_over"]
