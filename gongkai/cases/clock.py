"""The answer clock of one application: when it started, when it stood still, whether it was
extended; and the deadline that follows (第三十条、第三十三条).

- 补正 (第三十条): asked for once, within 7 working days of receipt, and never once the
  period has been extended; the period runs anew from the day the correction is received.
- Consulting a third party or another agency (第三十二条、第三十四条) and waiting for a fee
  (109号) stop the clock: those days, both ends included, do not count (第三十三条第三款).
- Extension (第三十三条第二款): 20 more working days, once.
- A step's day may be set back (the work was done earlier than it is recorded), never
  forward of today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from gongkai import messages
from gongkai.cases.procedure import ProcedureError, Step
from gongkai.workdays import (
    CONSULTATION_DAYS,
    CORRECTION_NOTICE_DAYS,
    FEE_PAYMENT_DAYS,
    Deadline,
    Pause,
    WorkCalendar,
    answer_deadline,
    deadline,
)


@dataclass(frozen=True)
class Clock:
    start: dt.date
    pauses: tuple[Pause, ...] = ()
    stopped_since: dt.date | None = None  # consulting or waiting for a fee
    waiting_for_correction: bool = False
    extended: bool = False
    correction_requested: bool = False  # 补正 was asked for (once only, 第三十条)


class CorrectionRefused(ProcedureError):
    """补正 asked for outside what 第三十条 allows."""

    code = "cases.correction_refused"


class CorrectionTooLate(CorrectionRefused):
    code = "cases.correction_too_late"


class CorrectionAlreadyRequested(CorrectionRefused):
    code = "cases.correction_once"


class CorrectionAfterExtension(CorrectionRefused):
    code = "cases.correction_after_extension"


class StepInFuture(ProcedureError):
    code = "cases.step_in_future"


def check_step_date(on: dt.date, today: dt.date) -> None:
    """A step is recorded on the day it was done: today or earlier, never later."""
    if on > today:
        raise StepInFuture(messages.STEP_IN_FUTURE.format(on=on, today=today))


def check_correction_request(calendar: WorkCalendar, clock: Clock, on: dt.date) -> None:
    """补正 may be asked for once, within 7 working days of receipt, before any extension."""
    if clock.correction_requested:
        raise CorrectionAlreadyRequested(messages.CORRECTION_ONCE)
    if clock.extended:
        raise CorrectionAfterExtension(messages.CORRECTION_AFTER_EXTENSION)
    due = correction_notice_due(calendar, clock.start)
    if on > due.day:
        raise CorrectionTooLate(messages.CORRECTION_TOO_LATE.format(due=due, on=on))


def after_step(clock: Clock, step: Step, on: dt.date, calendar: WorkCalendar) -> Clock:
    """The clock once `step` is taken on day `on`, or why the statute does not allow it."""
    if on < clock.start:
        raise ProcedureError(messages.STEP_BEFORE_START.format(on=on, start=clock.start))
    action = step.action
    if action == "request_correction":
        check_correction_request(calendar, clock, on)
        return replace(clock, waiting_for_correction=True, correction_requested=True)
    if action == "correction_received":
        return Clock(start=on, extended=clock.extended, correction_requested=True)
    if action in ("consult", "fee_notice"):
        return replace(clock, stopped_since=on)
    if action in ("consultation_done", "fee_paid"):
        since = clock.stopped_since or on
        return replace(clock, pauses=(*clock.pauses, (since, on)), stopped_since=None)
    if action == "extend":
        if clock.extended:
            raise ProcedureError(messages.EXTENDED_ONCE)
        return replace(clock, extended=True)
    return clock


def answer_due(calendar: WorkCalendar, clock: Clock) -> Deadline | None:
    """The last day to answer; None while the clock stands (补正, consultation, fee)."""
    if not is_running(clock):
        return None
    return answer_deadline(calendar, clock.start, extend=clock.extended, pauses=clock.pauses)


def is_running(clock: Clock) -> bool:
    """Whether the clock counts: not while waiting for 补正, a consultation or a fee."""
    return not clock.waiting_for_correction and clock.stopped_since is None


def correction_notice_due(calendar: WorkCalendar, received: dt.date) -> Deadline:
    """The last day to tell the applicant what to correct (第三十条: 7 working days)."""
    return deadline(calendar, received, CORRECTION_NOTICE_DAYS)


def consultation_due(calendar: WorkCalendar, sent: dt.date) -> Deadline:
    """The last day for the third party or other agency to answer (15 working days)."""
    return deadline(calendar, sent, CONSULTATION_DAYS)


def fee_payment_due(calendar: WorkCalendar, sent: dt.date) -> Deadline:
    """The last day to pay the fee of a notice sent on `sent` (109号: 20 working days)."""
    return deadline(calendar, sent, FEE_PAYMENT_DAYS)
