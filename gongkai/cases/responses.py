"""How fast an agency answers: working days from receipt to answer (median, p90), the share
answered after the statutory deadline, and how often the period was extended.

Pure. Days are working days after the day of receipt up to the day of the answer (the
applicant's wait, 补正 and pauses included); late means answered after the deadline the
clock gives (第三十三条: 20 working days from the start of the period, 20 more when
extended, pauses not counted). Each answer's `Timing` is worked out once (the web keeps it
with the case); the figures of a set of answers are `response_stats` of their timings.
Working days are counted on a cumulative table built once per span, so recomputing a
region's hundred thousand answers costs a lookup each.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.workdays import Pause, WorkCalendar, WorkdayTable, answer_days

MARGIN = dt.timedelta(days=120)  # past the last answer: a period with an extension and pauses


@dataclass(frozen=True)
class Answered:
    """One answered application, as its clock left it."""

    received: dt.date
    answered: dt.date
    start: dt.date  # of the period (a correction restarts it)
    extended: bool = False
    pauses: tuple[Pause, ...] = ()


@dataclass(frozen=True)
class Timing:
    """What one answer took: working days from receipt, whether it came after the deadline,
    whether the period had been extended."""

    days: int
    late: bool
    extended: bool


@dataclass(frozen=True)
class ResponseStats:
    answered: int
    median_days: float | None
    p90_days: int | None
    late: int
    extended: int

    @property
    def late_share(self) -> float | None:
        return self.late / self.answered if self.answered else None

    @property
    def extended_share(self) -> float | None:
        return self.extended / self.answered if self.answered else None


class AnswerTable(WorkdayTable):
    """The working-day table, with what an answer took counted on it."""

    def due(self, case: Answered) -> dt.date:
        return self.add(case.start, answer_days(case.extended), case.pauses)

    def timing(self, case: Answered) -> Timing:
        days = self.between(case.received, case.answered)
        return Timing(days, case.answered > self.due(case), case.extended)


def workday_table(calendar: WorkCalendar, cases: Sequence[Answered]) -> AnswerTable:
    first = min(min(c.received, c.start) for c in cases)
    last = max(c.answered for c in cases) + MARGIN
    return AnswerTable(calendar, first, last)


def timing_of(calendar: WorkCalendar, case: Answered) -> Timing:
    """One answer's timing, counted on `calendar`."""
    return workday_table(calendar, [case]).timing(case)


def response_stats(timings: Sequence[Timing]) -> ResponseStats:
    """The figures of a set of answers: the median of their days (the mean of the two middle
    values when there are two), the 90th percentile by nearest rank (a day that was taken),
    how many were late and how many extended."""
    if not timings:
        return ResponseStats(0, None, None, 0, 0)
    days = sorted(t.days for t in timings)
    return ResponseStats(
        answered=len(days),
        median_days=_median(days),
        p90_days=days[math.ceil(0.9 * len(days)) - 1],
        late=sum(1 for t in timings if t.late),
        extended=sum(1 for t in timings if t.extended),
    )


def _median(values: Sequence[int]) -> float:
    middle = len(values) // 2
    if len(values) % 2:
        return float(values[middle])
    return (values[middle - 1] + values[middle]) / 2
