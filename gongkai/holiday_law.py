"""The statutory holidays of 《全国年节及纪念日放假办法》 for any year, computed.

The State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知) fixes the
actual days off and the 调休 make-up working days; until it is out, the law's own holidays
are all that is known for certain. This module computes them, for the version of the law in
force in the year: lunar dates (春节、端午、中秋) and the solar term 清明 come from
lunar-python (6tail, MIT, pure Python, astronomical algorithms), checked against every
official year in `gongkai/data/calendar.json` by the tests.

全体公民放假的节日（第二条）:
- 2008–2013 (国务院令第513号): 元旦1天, 春节3天 (除夕、初一、初二), 清明、劳动节、端午、
  中秋各1天, 国庆3天.
- 2014–2024 (国务院令第644号): 春节改为初一至初三.
- 2025 起 (2024年11月修订): 春节4天 (除夕、初一至初三), 劳动节2天 (5月1日、2日).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from lunar_python import Lunar

FIRST_YEAR = 2008  # the Regulation (国务院令第492号) came into force on 1 May 2008
LAST_YEAR = 2099  # a bound on typing mistakes (20270 for 2027), not on the algorithm


@dataclass(frozen=True)
class LawVersion:
    since: int  # first year in force
    title: str
    spring_eve: bool  # 农历除夕 is a holiday
    spring_days: int  # days from 正月初一
    labour_days: int  # days from 5月1日


VERSIONS = (
    LawVersion(2008, "全国年节及纪念日放假办法（2007年修订，国务院令第513号）", True, 2, 1),
    LawVersion(2014, "全国年节及纪念日放假办法（2013年修订，国务院令第644号）", False, 3, 1),
    LawVersion(2025, "全国年节及纪念日放假办法（2024年修订）", True, 3, 2),
)


@dataclass(frozen=True, order=True)
class Holiday:
    day: dt.date
    name: str  # 元旦、春节、清明节、劳动节、端午节、中秋节、国庆节


def law_in_force(year: int) -> LawVersion:
    """The version of the law that governs `year` (the latest one in force by 1 January)."""
    return [v for v in VERSIONS if v.since <= year][-1]


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> tuple[Holiday, ...]:
    """Every day off the law gives all citizens in `year`, in date order. 中秋 may fall on
    1–3 October: the day is then listed under both names (one day off, not two)."""
    law = law_in_force(year)
    new_year = _lunar(year, 1, 1)
    days = [Holiday(dt.date(year, 1, 1), "元旦")]
    if law.spring_eve:
        days.append(Holiday(new_year - dt.timedelta(days=1), "春节"))
    days += [Holiday(new_year + dt.timedelta(days=n), "春节") for n in range(law.spring_days)]
    days.append(Holiday(_qingming(year), "清明节"))
    days += [Holiday(dt.date(year, 5, 1 + n), "劳动节") for n in range(law.labour_days)]
    days.append(Holiday(_lunar(year, 5, 5), "端午节"))
    days.append(Holiday(_lunar(year, 8, 15), "中秋节"))
    days += [Holiday(dt.date(year, 10, 1 + n), "国庆节") for n in range(3)]
    return tuple(sorted(days))


@lru_cache(maxsize=256)
def statutory_days(year: int) -> frozenset[dt.date]:
    return frozenset(h.day for h in statutory_holidays(year))


def _lunar(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a lunar date of lunar year `year` (never a leap month)."""
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> dt.date:
    """The day of the solar term 清明 (the sun at 15° ecliptic longitude, Beijing time)."""
    solar = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
