"""The supervisors' pages over a province of N published reports (100,000 by default).

Fills the database named by DATABASE_URL (run it under scripts/with-postgres.sh; SQLite in a
temporary folder otherwise) with a province of cities of counties, every agency with a report
for each of five years (written in bulk: the ingest's own cost is `bench/collect.py`'s), a
few late, with errors or corrected after publication. Then, as the province's supervisor's
browser gets them (Django's test client, no network): p50 and p95 of the overview,
rankings, standing, trends, distributions and side-by-side pages, wall time (the database's
work included) and the page process's CPU time.

    scripts/with-postgres.sh .venv/bin/python bench/supervision.py --reports 100000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from serving import ROOT, migrated_django, production_on_loopback

sys.path.insert(0, str(ROOT))
production_on_loopback()

YEARS = (2020, 2021, 2022, 2023, 2024)
PER_CITY = 50  # counties in each city
BATCH = 2000
AIM_MS = 500


def _children(parent: Any, names: list[str], level: str) -> list[Any]:
    """Agencies under `parent`, created in bulk with their materialised paths."""
    from gongkai.web.agencies.models import Agency

    made = Agency.objects.bulk_create(
        [Agency(name=n, level=level, parent=parent) for n in names], batch_size=BATCH
    )
    for agency in made:
        agency.path = f"{parent.path}{agency.pk}/"
    Agency.objects.bulk_update(made, ["path"], batch_size=BATCH)
    return made


def province(agencies: int) -> list[Any]:
    """A province of cities of PER_CITY counties: `agencies` of them in all, the province's
    and cities' governments included; returns every agency."""
    from gongkai.web.agencies.models import Agency

    top = Agency.objects.create(name="某省", level=Agency.Level.PROVINCE, population=50_000_000)
    count = max(1, (agencies - 1) // (PER_CITY + 1))
    cities = _children(top, [f"第{c}市" for c in range(count)], Agency.Level.CITY)
    counties: list[Any] = []
    for city in cities:
        names = [f"{city.name}第{k}县" for k in range(PER_CITY)]
        counties += _children(city, names, Agency.Level.COUNTY)
    return [top, *cities, *counties][:agencies]


def reports(agencies: list[Any]) -> int:
    """Each agency's report of each year, published, and its figures; returns the count."""
    from gongkai.figures import figures_of
    from gongkai.web.reports.models import PublishedReport, ReportFigures
    from tests.support.reports import report_from_rng

    rng = random.Random(1)
    samples = [report_from_rng(rng, "2021").to_json() for _ in range(50)]
    made = 0
    for at in range(0, len(agencies), BATCH // len(YEARS)):
        rows = [
            _report(agency, year, samples[rng.randrange(len(samples))], rng)
            for agency in agencies[at : at + BATCH // len(YEARS)]
            for year in YEARS
        ]
        stored = PublishedReport.objects.bulk_create(rows)
        ReportFigures.objects.bulk_create([_figures(r, figures_of(r.data)) for r in stored])
        made += len(stored)
    return made


def _report(agency: Any, year: int, data: dict[str, Any], rng: random.Random) -> Any:
    import datetime as dt

    from gongkai.web.reports.models import PublishedReport

    late = rng.random() < 0.05
    return PublishedReport(
        agency=agency,
        year=year,
        template="2021",
        status=PublishedReport.Status.PUBLISHED,
        origin=PublishedReport.Origin.COLLECTED,
        published_on=dt.date(year + 1, 2 if not late else 5, 1),
        late=late,
        data={**data, "agency": agency.name, "year": year},
        errors=rng.choice((0, 0, 0, 0, 1, 3)),
        edition=2 if rng.random() < 0.03 else 1,
        source=b"",
    )


def _figures(report: Any, figures: dict[str, Any]) -> Any:
    from gongkai.web.reports.models import ReportFigures

    return ReportFigures(
        report=report,
        agency_id=report.agency_id,
        year=report.year,
        status=report.status,
        edition=report.edition,
        published_on=report.published_on,
        late=report.late,
        errors=report.errors,
        warnings=report.warnings,
        **figures,
    )


def fill(count: int) -> tuple[Any, Any]:
    """A province of `count` reports; returns the province and its first city."""
    from django.db import connection

    agencies = province(count // len(YEARS))
    made = reports(agencies)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner sees the filled tables, as in production
    print(f"{made} reports of {len(agencies)} agencies")
    return agencies[0], agencies[1]


def filled(count: int) -> tuple[Any, Any]:
    """The province a previous `--reuse` run left in the database (filled now if none)."""
    from gongkai.web.agencies.models import Agency
    from gongkai.web.reports.models import ReportFigures

    top = Agency.objects.filter(name="某省", parent=None).first()
    if top is None:
        return fill(count)
    print(f"{ReportFigures.objects.count()} reports found")
    return top, Agency.objects.filter(parent=top).order_by("path").first()


def supervisor(top: Any) -> Any:
    from django.contrib.auth.models import User

    from gongkai.roles import Role
    from gongkai.web.agencies.models import Membership

    user, made = User.objects.get_or_create(username="bench-supervisor")
    if made:
        Membership.objects.create(user=user, agency=top, role=Role.SUPERVISOR)
    return user


def page(user: Any, url: str) -> Callable[[], int]:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def get() -> int:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(response.content)

    return get


def latency(label: str, call: Callable[[], int], times: int) -> float:
    """Prints p50/p95 wall and CPU time of `call`; returns the wall p95 in ms."""
    size = call()  # warm: imports, templates, the connection
    walls, cpus = [], []
    for _ in range(times):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    p95 = _p95(walls) * 1000
    print(
        f"  {label}: wall p50 {statistics.median(walls) * 1000:.0f} ms, p95 {p95:.0f} ms;"
        f" CPU p50 {statistics.median(cpus) * 1000:.0f} ms, p95 {_p95(cpus) * 1000:.0f} ms"
        f" ({times} runs, {size // 1024} KB){'' if p95 < AIM_MS else '  ABOVE THE AIM'}"
    )
    return p95


def database_ms(call: Callable[[], int], times: int = 5) -> tuple[float, float]:
    """PostgreSQL's own execution time of one request's queries (EXPLAIN ANALYZE, summed
    over the page's queries), p50 and p95 of `times` replays: the database's share of a
    page, apart from the waiting a shared machine adds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    asked = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().startswith(("SELECT", "WITH"))
    ]
    sums = []
    with connection.cursor() as cursor:
        for _ in range(times):
            total = 0.0
            for sql in asked:
                cursor.execute(f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {sql}")
                total += cursor.fetchone()[0][0]["Execution Time"]
            sums.append(total)
    return statistics.median(sums), _p95(sums)


def profile(label: str, call: Callable[[], int]) -> None:
    """Where one request's time goes: the functions that take most of it, cumulatively."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(call)
    print(f"  -- profile of {label}")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(
        r"gongkai|template/base|db/models/query", 12
    )


def _p95(taken: list[float]) -> float:
    return statistics.quantiles(taken, n=20)[-1] if len(taken) > 1 else taken[0]


def pages(top: Any, middle: str) -> dict[str, str]:
    """The supervisors' pages as the province's supervisor opens them."""
    from gongkai.web.reports.models import PublishedReport

    a, b = PublishedReport.objects.filter(agency=top, year__in=(2023, 2024)).order_by("year")
    span = "from=2020&to=2024"
    return {
        "overview (2024, every agency)": "/manage/overview/?year=2024",
        "rankings (公开率, 2024)": "/manage/overview/rankings/?year=2024&measure=granted_share",
        "standing (2020-2024)": f"/manage/overview/standing/?{span}",
        "trends (公开率, per city)": f"/manage/overview/trends/?{span}&measure=granted_share",
        "distributions (公开率 by level)": "/manage/overview/distributions/?measure=granted_share",
        "distributions (by city)": "/manage/overview/distributions/?by=region&measure=per_10k",
        "standing of one city": f"/manage/overview/standing/?{span}&region={middle}",
        "side by side (two years)": f"/manage/overview/compare/?a={a.pk}&b={b.pk}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--times", type=int, default=20)
    parser.add_argument("--smoke", action="store_true", help="a short run for CI")
    parser.add_argument("--profile", action="store_true", help="profile each page once")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="PostgreSQL's execution time of each page's queries (EXPLAIN ANALYZE)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the province already in DATABASE_URL (fill it when empty), so that two"
        " checkouts are measured on the same data",
    )
    args = parser.parse_args()
    count, times = (500, 3) if args.smoke else (args.reports, args.times)
    migrated_django()
    from django.db import connection

    started = time.perf_counter()
    top, middle = filled(count) if args.reuse else fill(count)
    print(f"on {connection.vendor}, {time.perf_counter() - started:.0f} s to fill or find")
    user = supervisor(top)
    above = []
    for label, url in pages(top, str(middle.pk)).items():
        if latency(label, page(user, url), times) >= AIM_MS:
            above.append(label)
        if args.explain and connection.vendor == "postgresql":
            p50, p95 = database_ms(page(user, url))
            print(f"    database (EXPLAIN ANALYZE, summed): p50 {p50:.0f}, p95 {p95:.0f} ms")
        if args.profile:
            profile(label, page(user, url))
    print(f"  aim p95 < {AIM_MS} ms: {'met' if not above else 'missed by ' + ', '.join(above)}")


if __name__ == "__main__":
    main()
