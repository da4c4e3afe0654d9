"""The working-day calendar: a provisional year computed from the law, deadlines over official
and provisional years, a year's notice read and checked, and the deadlines a new year changes
among many open cases (against computing every case again, the naive method).

    .venv/bin/python bench/calendar.py            # 20,000 open cases
    .venv/bin/python bench/calendar.py --smoke    # CI: a few hundred
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.cases.clock import Clock, answer_due  # noqa: E402
from gongkai.cases.recompute import changed_deadlines  # noqa: E402
from gongkai.holiday_law import statutory_holidays  # noqa: E402
from gongkai.holiday_notice import read_arrangement  # noqa: E402
from gongkai.workdays import WorkCalendar, answer_deadline, default_calendar  # noqa: E402

NOTICE = ROOT / "tests" / "fixtures" / "holiday-notices" / "2026.txt"
YEAR_2027 = "1月1日至3日 放假\n2月5日至11日 放假\n2月13日（周六） 上班\n4月5日 放假\n" + (
    "5月1日至5日 放假\n6月9日 放假\n9月15日 放假\n10月1日至7日 放假"
)


def timed(run: Callable[[], Any], repeat: int) -> float:
    """Seconds per call, the best of three rounds of `repeat` calls."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            run()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def provisional_years(years: range) -> None:
    start = time.perf_counter()
    for year in years:
        statutory_holidays.__wrapped__(year)  # uncached: the lunar computation itself
    per_year = (time.perf_counter() - start) / len(years)
    print(f"provisional year (lunar dates and 清明 computed): {per_year * 1000:.1f} ms/year")


def deadlines(repeat: int) -> None:
    calendar = default_calendar()
    statutory_holidays(2027)  # cached after the first use in a process
    official = timed(lambda: answer_deadline(calendar, dt.date(2026, 3, 2)), repeat)
    provisional = timed(lambda: answer_deadline(calendar, dt.date(2027, 3, 1)), repeat)
    print(
        f"20-working-day deadline: official year {official * 1e6:.0f} µs, "
        f"provisional year {provisional * 1e6:.0f} µs (×{provisional / official:.2f})"
    )


def notice(repeat: int) -> None:
    text = NOTICE.read_text("utf-8")
    per = timed(lambda: read_arrangement(text, 2026), repeat)
    print(f"read and check the 2026 notice: {per * 1000:.2f} ms")


def recompute(cases: int) -> None:
    rng = random.Random(12)
    old = default_calendar()
    new = old.extended(read_arrangement(YEAR_2027, 2027).calendar())
    first = dt.date(2026, 6, 1)
    clocks = {
        n: Clock(start=first + dt.timedelta(days=rng.randrange(300)), extended=rng.random() < 0.1)
        for n in range(cases)
    }
    start = time.perf_counter()
    changes = changed_deadlines(clocks, old, new)
    smart = time.perf_counter() - start
    start = time.perf_counter()
    naive = [key for key, c in clocks.items() if _due(old, c) != _due(new, c)]
    every = time.perf_counter() - start
    assert naive == [change.key for change in changes]
    print(
        f"2027 added with {cases:,} open cases: {len(changes):,} deadlines change; "
        f"{smart:.2f} s ({smart / cases * 1e6:.0f} µs/case) vs computing every case again "
        f"{every:.2f} s (×{every / smart:.1f})"
    )


def _due(calendar: WorkCalendar, clock: Clock) -> object:
    return answer_due(calendar, clock)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a quick run for CI")
    parser.add_argument("--cases", type=int, default=20_000, help="open cases to recompute")
    args = parser.parse_args()
    cases = 300 if args.smoke else args.cases
    repeat = 20 if args.smoke else 300
    provisional_years(range(2027, 2030) if args.smoke else range(2027, 2100))
    deadlines(repeat)
    notice(repeat)
    recompute(cases)


if __name__ == "__main__":
    main()
