"""A year's official arrangement (国务院办公厅关于YYYY年部分节假日安排的通知) as an
administrator gives it: read, checked, and turned into the calendar's year.

What is accepted, in one text, line by line (full-width digits and punctuation are fine):
- the notice's own sentences, pasted: ``春节：2月15日（农历除夕）至23日放假调休，共9天。
  2月14日（星期六）、2月28日（星期六）上班。``;
- short lines: ``2027年1月1日至3日 放假``, ``2027-02-07 上班``, ``2027-10-01~2027-10-07 休息``;
- a CSV file: ``日期,类型`` then ``2027-01-01,放假`` (类型: 放假/休息 or 上班/工作日);
- JSON: ``{"holidays": [...], "workdays": [...]}``, or the form of `gongkai/data/calendar.json`.

Each clause (a line, or a sentence of one) says 放假 or 上班 for the dates in it. A clause
with dates but neither word is a problem, unless none of its dates is in the year (the
notice's own date under its signature). Every problem is reported at once, each naming its
line, in plain Chinese.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from gongkai import messages
from gongkai.errors import GongkaiError
from gongkai.holiday_law import FIRST_YEAR, LAST_YEAR, statutory_holidays
from gongkai.workdays import WorkCalendar

WEEKDAYS = "一二三四五六日"


class InvalidArrangement(GongkaiError):
    """The arrangement has problems; `problems` lists every one of them."""

    code = "calendar.invalid_arrangement"
    http_status = 422

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("；".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Problem:
    message: str
    line: int | None = None  # 1-based line of the text, when there is one

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return messages.AT_LINE.format(line=self.line, message=self.message)


@dataclass(frozen=True)
class YearArrangement:
    """One year's days off (every day the notice gives off, weekends included) and its
    make-up working days (调休上班)."""

    year: int
    days_off: frozenset[dt.date]
    workdays: frozenset[dt.date]

    def calendar(self) -> WorkCalendar:
        return WorkCalendar(frozenset({self.year}), self.days_off, self.workdays)

    def to_data(self) -> dict[str, list[str]]:
        """The year in the form of `gongkai/data/calendar.json` (weekdays off only)."""
        return {
            "holidays": [d.isoformat() for d in sorted(self.days_off) if d.weekday() < 5],
            "workdays": [d.isoformat() for d in sorted(self.workdays)],
        }


@dataclass
class _Reading:
    """What the lines said so far, and what was wrong with them."""

    year: int
    days_off: dict[dt.date, int | None] = field(default_factory=dict)  # day → line
    workdays: dict[dt.date, int | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int | None, template: str, **values: object) -> None:
        self.problems.append(Problem(template.format(**values), line))


def read_arrangement(text: str, year: int) -> YearArrangement:
    """The year's arrangement from an administrator's text or file, or every problem in it."""
    reading = _Reading(year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        reading.problem(None, messages.NOTICE_YEAR, year=year, first=FIRST_YEAR, last=LAST_YEAR)
        raise InvalidArrangement(reading.problems)
    if text.strip().startswith(("{", "｛")):
        _read_json(unicodedata.normalize("NFKC", text), reading)
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            for clause in re.split(r"[。；;]", line):
                _read_clause(clause.strip(), number, reading)
    _check(reading)
    if reading.problems:
        # In the order of the lines, then what concerns the whole year.
        raise InvalidArrangement(sorted(reading.problems, key=lambda p: p.line or 10**9))
    return YearArrangement(year, frozenset(reading.days_off), frozenset(reading.workdays))


def arrangement_text(arrangement: YearArrangement) -> str:
    """The arrangement as lines `read_arrangement` reads back: days off in runs, then each
    make-up working day; what the web shows an administrator to review or edit."""
    lines = [f"{_run(first, last)} 放假" for first, last in _runs(sorted(arrangement.days_off))]
    lines += [
        f"{_chinese(day)}（星期{WEEKDAYS[day.weekday()]}） 上班"
        for day in sorted(arrangement.workdays)
    ]
    return "\n".join(lines)


def arrangement_of(calendar: WorkCalendar, year: int) -> YearArrangement:
    """The year as `calendar` counts it, written as a notice would: the weekdays off (the
    notice's, or the law's when the year is provisional) with the weekends that join them or
    hold a statutory holiday, and the make-up working days (`calendar.is_official(year)`
    says which of the two it is)."""
    days = [dt.date(year, 1, 1) + dt.timedelta(days=n) for n in range(366)]
    days = [d for d in days if d.year == year]
    weekdays_off = {d for d in days if d.weekday() < 5 and not calendar.is_workday(d)}
    workdays = {d for d in days if d.weekday() >= 5 and calendar.is_workday(d)}
    statutory = {h.day for h in statutory_holidays(year)}
    joined = {
        d
        for d in days
        if d.weekday() >= 5 and d not in workdays and (d in statutory or _joins(d, weekdays_off))
    }
    return YearArrangement(year, frozenset(weekdays_off | joined), frozenset(workdays))


def _joins(day: dt.date, off: set[dt.date]) -> bool:
    """A weekend day next to days off: the Friday before or the Monday after it is off."""
    friday = day - dt.timedelta(days=day.weekday() - 4)
    monday = day + dt.timedelta(days=7 - day.weekday())
    return friday in off or monday in off


# -- reading ----------------------------------------------------------------------------

_FULL = r"(?:(?P<{p}y>\d{{4}})\s*年\s*)?(?P<{p}m>\d{{1,2}})\s*月\s*(?P<{p}d>\d{{1,2}})\s*日"
_ISO = r"(?P<{p}iy>\d{{4}})[-/.](?P<{p}im>\d{{1,2}})[-/.](?P<{p}id>\d{{1,2}})"
_END = r"(?:(?P<ey>\d{4})\s*年\s*)?(?:(?P<em>\d{1,2})\s*月\s*)?(?P<ed>\d{1,2})\s*日"
_NOTE = r"(?:\s*\((?P<{p}note>[^)]*)\))?"
ITEM = re.compile(
    "(?:"
    + _ISO.format(p="s")
    + "|"
    + _FULL.format(p="s")
    + ")"
    + _NOTE.format(p="s")
    + r"(?:\s*(?:至|到|~|—|–|-)\s*(?:"
    + _ISO.format(p="e")
    + "|"
    + _END
    + ")"
    + _NOTE.format(p="e")
    + ")?"
)
OFF_WORDS = ("放假", "休息", "休假", "休", "假")
WORK_WORDS = ("上班", "工作", "补班", "班")
SEPARATORS = " \t,:、和及与"
STATED_DAYS = re.compile(r"(?:共|放假)\s*(\d+)\s*天")
STATED_WEEKDAY = re.compile(r"(?:星期|周|礼拜)([一二三四五六日天])")


def _read_clause(clause: str, line: int, reading: _Reading) -> None:
    """One sentence: its dates, each list of them followed (or, for the whole sentence,
    preceded) by 放假 or 上班. Dates with neither word near them are not the arrangement's
    (the notice's own date, a law's date), unless they fall in the year."""
    plain = unicodedata.normalize("NFKC", clause)  # full-width digits and brackets
    items = list(ITEM.finditer(plain))
    if not items:
        return
    lead = _kind(plain[: items[0].start()].rstrip(SEPARATORS)[-2:])
    pending: list[dt.date] = []
    loose: list[dt.date] = []
    off: list[dt.date] = []
    for item, after in zip(items, [*items[1:], None]):
        pending += _item_days(item, line, reading)
        gap = plain[item.end() : after.start() if after else len(plain)].lstrip(SEPARATORS)
        kind = _kind(gap[:2])
        if kind is not None:
            _assign(reading, kind, pending, line)
            off += pending if kind == "off" else []
        elif gap:  # other words: these dates are not followed by either word
            loose += pending
        else:
            continue
        pending = []
    loose += pending
    if loose and lead is not None:
        _assign(reading, lead, loose, line)
        off += loose if lead == "off" else []
    elif any(d.year == reading.year for d in loose):
        reading.problem(line, messages.NOTICE_NO_KIND, clause=clause)
    stated = STATED_DAYS.search(plain)
    if stated and off and int(stated.group(1)) != len(off):
        reading.problem(line, messages.NOTICE_COUNT, stated=stated.group(1), counted=len(off))


def _kind(text: str) -> str | None:
    if any(w in text for w in OFF_WORDS):
        return "off"
    if any(w in text for w in WORK_WORDS):
        return "work"
    return None


def _assign(reading: _Reading, kind: str, days: list[dt.date], line: int) -> None:
    target = reading.days_off if kind == "off" else reading.workdays
    for day in days:
        target.setdefault(day, line)


def _item_days(item: re.Match[str], line: int, reading: _Reading) -> list[dt.date]:
    start = _date(item, "s", None, line, reading)
    if start is None:
        return []
    if not _has_end(item):
        return [start]
    end = _date(item, "e", start, line, reading)
    if end is None:
        return [start]
    if end < start:
        reading.problem(line, messages.NOTICE_BACKWARDS, start=_chinese(start), end=_chinese(end))
        return [start]
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _has_end(item: re.Match[str]) -> bool:
    return item.group("ed") is not None or item.group("eid") is not None


def _date(
    item: re.Match[str], p: str, start: dt.date | None, line: int, reading: _Reading
) -> dt.date | None:
    """The start (`p` = "s") or end ("e") date of an item; an end borrows the start's year
    and month when it leaves them out (2月15日至23日)."""
    if item.group(p + "id") is not None:
        parts = [item.group(p + "iy"), item.group(p + "im"), item.group(p + "id")]
    else:
        parts = [item.group(p + "y"), item.group(p + "m"), item.group(p + "d")]
    year = int(parts[0]) if parts[0] else (start.year if start else reading.year)
    month = int(parts[1]) if parts[1] else (start.month if start else 0)
    try:
        day = dt.date(year, month, int(parts[2]))
    except ValueError:
        reading.problem(line, messages.NOTICE_BAD_DATE, text=item.group(0).strip())
        return None
    _check_weekday(day, item.group(p + "note"), line, reading)
    return day


def _check_weekday(day: dt.date, note: str | None, line: int, reading: _Reading) -> None:
    stated = STATED_WEEKDAY.search(note or "")
    if stated is None:
        return
    said = WEEKDAYS.index(stated.group(1).replace("天", "日"))
    if said != day.weekday():
        reading.problem(
            line,
            messages.NOTICE_WEEKDAY,
            day=_chinese(day),
            actual=WEEKDAYS[day.weekday()],
            stated=stated.group(1),
        )


def _read_json(text: str, reading: _Reading) -> None:
    try:
        data: Any = json.loads(text)
        if "years" in data:
            data = data["years"][str(reading.year)]
        holidays, workdays = data.get("holidays", []), data.get("workdays", [])
        reading.days_off |= {dt.date.fromisoformat(d): None for d in holidays}
        reading.workdays |= {dt.date.fromisoformat(d): None for d in workdays}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        reading.problem(None, messages.NOTICE_BAD_JSON, year=reading.year, detail=exc)


# -- checking ---------------------------------------------------------------------------


def _check(reading: _Reading) -> None:
    year = reading.year
    if not reading.days_off and not reading.problems:
        reading.problem(None, messages.NOTICE_EMPTY, year=year)
    for day, line in sorted({**reading.days_off, **reading.workdays}.items()):
        if day.year != year:
            reading.problem(line, messages.NOTICE_OTHER_YEAR, day=_chinese(day), year=year)
    for day, line in sorted(reading.workdays.items()):
        if day.weekday() < 5:
            reading.problem(
                line,
                messages.NOTICE_WEEKDAY_WORK,
                day=_chinese(day),
                weekday=WEEKDAYS[day.weekday()],
            )
        if day in reading.days_off:
            reading.problem(line, messages.NOTICE_BOTH, day=_chinese(day))
    if reading.days_off:
        _check_statutory(reading)


def _check_statutory(reading: _Reading) -> None:
    """Every holiday of the law is a day off: listed, or a weekend not made a working day."""
    for holiday in statutory_holidays(reading.year):
        day = holiday.day
        off = day in reading.days_off or (day.weekday() >= 5 and day not in reading.workdays)
        if not off:
            reading.problem(None, messages.NOTICE_STATUTORY, name=holiday.name, day=_chinese(day))


# -- writing ----------------------------------------------------------------------------


def _runs(days: list[dt.date]) -> Iterator[tuple[dt.date, dt.date]]:
    """Consecutive days as (first, last) runs."""
    if not days:
        return
    first = last = days[0]
    for day in days[1:]:
        if day != last + dt.timedelta(days=1):
            yield first, last
            first = day
        last = day
    yield first, last


def _run(first: dt.date, last: dt.date) -> str:
    if first == last:
        return _chinese(first)
    end = f"{last.day}日" if last.month == first.month else f"{last.month}月{last.day}日"
    return f"{_chinese(first)}至{end}"


def _chinese(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
