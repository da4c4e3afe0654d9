"""The web library at scale: bulk ingest's database writes, and the figures and review-queue
pages over N reports.

Fills the database named by DATABASE_URL (run it under scripts/with-postgres.sh; SQLite in
a temporary folder otherwise) with an agency tree, then writes N reports already read
(the reader's cost is `bench/ingest.py`'s) through the ingest's database sink in batches
of 50, as `ingest` does: reports a second, with 5% of names matching no agency (to the
review queue). Then p50/p95 of a province's figures summed per agency over its years (the
analytics' query on `ReportFigures`) and of the rankings, pending and runs pages, as an
administrator's browser gets them (Django's test client, no network).

    scripts/with-postgres.sh .venv/bin/python bench/collect.py --reports 10000
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import time
from collections.abc import Callable

from serving import ROOT, migrated_django, production_on_loopback

sys.path.insert(0, str(ROOT))
production_on_loopback()

BATCH = 50
UNMATCHED = 20  # one report in UNMATCHED names an agency the tree does not hold
PER_COUNTY = 5  # years per agency


def tree(counties: int) -> list[str]:
    """A province of cities of counties; returns the counties' names, each unique."""
    from gongkai.web.agencies.models import Agency
    from gongkai.web.ingest.models import CollectedFile, Collection, IngestRun
    from gongkai.web.reports.models import PublishedReport

    CollectedFile.objects.all().delete()
    IngestRun.objects.all().delete()
    Collection.objects.all().delete()
    PublishedReport.objects.all().delete()
    Agency.objects.all().delete()
    province = Agency.objects.create(name="某省", level=Agency.Level.PROVINCE)
    names = []
    for c in range(-(-counties // 50)):
        city = Agency.objects.create(name=f"第{c}市", level=Agency.Level.CITY, parent=province)
        for k in range(50):
            name = f"第{c}市第{k}县人民政府"
            Agency.objects.create(name=name, level=Agency.Level.COUNTY, parent=city)
            names.append(name)
    return names[:counties]


def outcomes(reports: int, names: list[str]) -> list[object]:
    """N reports as the workers hand them over: read, hashed, with their bytes."""
    from gongkai.ingest.sink import Ingested
    from tests.support.reports import report_from_rng

    rng = random.Random(1)
    samples = [report_from_rng(rng, "2021") for _ in range(50)]
    made: list[object] = []
    for index in range(reports):
        agency = names[index // PER_COUNTY % len(names)]
        if index % UNMATCHED == 0:
            agency = f"未列入名录的第{index}局"
        report = samples[index % len(samples)].model_copy(
            update={"agency": agency, "year": 2020 + index % PER_COUNTY}
        )
        digest = hashlib.sha256(str(index).encode()).hexdigest()
        made.append(Ingested(f"{index}.txt", digest, report, 2, 0.0, source=b"x" * 4000))
    return made


def write(made: list[object]) -> float:
    """Seconds to write them through the sink, batch by batch."""
    from gongkai.web.ingest.actions import do_finish_ingest, do_start_ingest
    from gongkai.web.ingest.sink import DatabaseSink

    run = do_start_ingest("性能测试", ["bench"], user=None, host="bench", workers=1)
    started = time.perf_counter()
    sink = DatabaseSink(run)
    for at in range(0, len(made), BATCH):
        sink.write(made[at : at + BATCH])  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    do_finish_ingest(run, {"read": len(made)})
    print(f"  written: { {str(k): v for k, v in sink.counts.items()} }")
    return seconds


def province_figures() -> int:
    """Every county's applications received and answered, summed over the years."""
    from django.db.models import Count, Q, Sum

    from gongkai.web.agencies.models import Agency
    from gongkai.web.reports.models import ReportFigures

    province = Agency.objects.get(name="某省")
    rows = (
        ReportFigures.objects.filter(
            status="published", year__range=(2020, 2024), agency__path__startswith=province.path
        )
        .values("agency")
        .annotate(
            received=Sum("received"),
            answered=Sum("answered"),
            late=Count("report", filter=Q(late=True)),
        )
        .order_by("-received")
    )
    return len(list(rows))


def page(url: str) -> Callable[[], int]:
    from django.contrib.auth.models import User
    from django.test import Client

    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)

    def get() -> int:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return len(response.content)

    return get


def latency(label: str, call: Callable[[], int], times: int) -> None:
    call()  # warm: imports, templates, the connection
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        taken.append(time.perf_counter() - started)
    p95 = statistics.quantiles(taken, n=20)[-1] if len(taken) > 1 else taken[0]
    median = statistics.median(taken)
    print(f"  {label}: p50 {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms ({times} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=10000)
    parser.add_argument("--times", type=int, default=30)
    parser.add_argument("--smoke", action="store_true", help="a short run for CI")
    args = parser.parse_args()
    reports, times = (300, 3) if args.smoke else (args.reports, args.times)
    migrated_django()
    from django.db import connection

    names = tree(max(1, reports // PER_COUNTY))
    made = outcomes(reports, names)
    print(f"{reports} reports, {len(names)} counties, on {connection.vendor}")
    seconds = write(made)
    print(f"  ingest into the database: {seconds:.1f} s, {reports / seconds:.0f} reports/s")
    latency("province figures per agency (SQL)", province_figures, times)
    rankings = "/manage/overview/rankings/?year=2022&measure=granted_share"
    latency("rankings page (公开率, the whole province)", page(rankings), times)
    latency("review queue page (待确认机关)", page("/manage/collections/pending/"), times)
    latency("collections page", page("/manage/collections/"), times)


if __name__ == "__main__":
    main()
