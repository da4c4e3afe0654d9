"""What each answer took, kept with the case (`Application.response_days`, `answered_late`,
`answered_extended`): read from the case's dates and clock, counted by the core
(`gongkai.cases.responses`). Kept by the answering step; recomputed for a corrected receipt
day, for a changed calendar and by `compute_response_times` (actions.refresh_timings)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.db.models.fields.json import KT

from gongkai.cases.clock import Clock
from gongkai.cases.procedure import State
from gongkai.cases.responses import Answered, Timing, workday_table
from gongkai.workdays import Pause, WorkCalendar

# An answer (or the 不再处理 closing that stands for one, 第三十条 and 109号) was given: a
# withdrawal is not an answer, so it has no timing.
ANSWERED_STATES = (State.ANSWERED.value, State.DELIVERED.value, State.ARCHIVED.value)
ANSWERED = Q(state__in=ANSWERED_STATES, answered_on__isnull=False, received_on__isnull=False)
# The clock's three facts a timing needs, read out of its JSON by the database (as text:
# a region's hundreds of thousands of clocks are not decoded whole in Python).
CLOCK = (KT("clock__start"), KT("clock__extended"), KT("clock__pauses"))
NO_PAUSES = (None, "", "[]")
NULL = (None, "", "null")
# And whether it stands (a deadline is counted only for a running clock).
RUNNING = (*CLOCK, KT("clock__stopped_since"), KT("clock__waiting_for_correction"))


def answered_from(
    received: dt.date,
    answered: dt.date,
    start: str | None,
    extended: str | int | bool | None,
    pauses: str | None,
) -> Answered:
    """The answer from the case's dates and its clock's facts as the database gives them
    (`CLOCK`)."""
    return Answered(
        received=received,
        answered=answered,
        start=dt.date.fromisoformat(start) if start else received,
        extended=_flag(extended),
        pauses=_pauses(pauses),
    )


def clock_from(
    start: str,
    extended: str | int | bool | None,
    pauses: str | None,
    stopped: str | None,  # None, or 'null' (SQLite's text of a JSON null)
    waiting: str | int | bool | None,
) -> Clock:
    """The clock's facts a deadline needs, as the database gives them (`RUNNING`)."""
    return Clock(
        start=dt.date.fromisoformat(start),
        pauses=_pauses(pauses),
        stopped_since=None if stopped in NULL else dt.date.fromisoformat(stopped),
        waiting_for_correction=_flag(waiting),
        extended=_flag(extended),
    )


def _flag(value: str | int | bool | None) -> bool:
    return value in ("true", 1, True)  # PostgreSQL's text, SQLite's integer


def _pauses(pauses: str | None) -> tuple[Pause, ...]:
    if pauses in NO_PAUSES:
        return ()
    return tuple(
        (dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in json.loads(pauses)
    )


def timing_fields(timing: Timing | None) -> dict[str, Any]:
    """The case's columns for `timing` (all empty for none)."""
    return {
        "response_days": timing.days if timing else None,
        "answered_late": timing.late if timing else None,
        "answered_extended": timing.extended if timing else None,
    }


def answer_of(received: dt.date, answered: dt.date, clock: Clock) -> Answered:
    """The answer as the core counts it, from a case's dates and its clock."""
    return Answered(received, answered, clock.start, clock.extended, clock.pauses)


def timings(
    calendar: WorkCalendar, rows: Iterable[tuple[int, dt.date, dt.date, Any, Any, Any]]
) -> dict[int, Timing]:
    """Each row's timing by id: rows of (id, received, answered, *CLOCK), counted on one
    table of working days spanning them all."""
    cases = {pk: answered_from(r, a, s, e, p) for pk, r, a, s, e, p in rows}
    if not cases:
        return {}
    table = workday_table(calendar, list(cases.values()))
    return {pk: table.timing(case) for pk, case in cases.items()}


def counting_days_of(year: int) -> Q:
    """The answers whose timing counts a day of `year`: received by its end, answered from
    its start (no day after the answer counts, none before the receipt)."""
    return Q(answered_on__gte=dt.date(year, 1, 1), received_on__lte=dt.date(year, 12, 31))
