"""The answer clock of one application: when it started, when it stood still, whether it was
extended; and the deadline that follows (第三十条、第三十三条).

- 补正 (第三十条): the period runs anew from the day the correction is received.
- Consulting a third party or another agency (第三十二条、第三十四条) and waiting for a fee
  (109号) stop the clock: those days, both ends included, do not count (第三十三条第三款).
- Extension (第三十三条第二款): 20 more working days, once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from gongkai import messages
from gongkai.cases.procedure import ProcedureError, Step
from gongkai.workdays import (
    CONSULTATION_DAYS,
    CORRECTION_NOTICE_DAYS,
    Pause,
    WorkCalendar,
    add_workdays,
    answer_deadline,
)


@dataclass(frozen=True)
class Clock:
    start: dt.date
    pauses: tuple[Pause, ...] = ()
    stopped_since: dt.date | None = None  # consulting or waiting for a fee
    waiting_for_correction: bool = False
    extended: bool = False


def after_step(clock: Clock, step: Step, on: dt.date) -> Clock:
    """The clock once `step` is taken on day `on`."""
    if on < clock.start:
        raise ProcedureError(messages.STEP_BEFORE_START.format(on=on, start=clock.start))
    action = step.action
    if action == "request_correction":
        return replace(clock, waiting_for_correction=True)
    if action == "correction_received":
        return Clock(start=on, extended=clock.extended)
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


def answer_due(calendar: WorkCalendar, clock: Clock) -> dt.date | None:
    """The last day to answer; None while the clock stands (补正, consultation, fee)."""
    if clock.waiting_for_correction or clock.stopped_since is not None:
        return None
    return answer_deadline(calendar, clock.start, extend=clock.extended, pauses=clock.pauses)


def correction_notice_due(calendar: WorkCalendar, received: dt.date) -> dt.date:
    """The last day to tell the applicant what to correct (第三十条: 7 working days)."""
    return add_workdays(calendar, received, CORRECTION_NOTICE_DAYS)


def consultation_due(calendar: WorkCalendar, sent: dt.date) -> dt.date:
    """The last day for the third party or other agency to answer (15 working days)."""
    return add_workdays(calendar, sent, CONSULTATION_DAYS)
