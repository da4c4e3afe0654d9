"""Web latency: the library list, a report page and its JSON twin, under concurrent clients.

Fills the database named by DATABASE_URL (run it under scripts/with-postgres.sh) with N
generated published reports across agencies, serves the system with gunicorn on
loopback, and measures from a second process with concurrent clients (bounded in count
and time), after a few unmeasured requests per page have warmed every worker (imports,
templates, connections). Prints p50/p95 per page, and requests per second.

    scripts/with-postgres.sh .venv/bin/python bench/web.py --reports 100000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from serving import ROOT, gunicorn, port_is_free, production_on_loopback, stop, wait_for

sys.path.insert(0, str(ROOT))
production_on_loopback()
PORT = 8765


def fill(reports: int) -> list[int]:
    """N published reports over N/10 agencies (bulk, not through the reader: this measures
    serving, not parsing); returns the ids."""
    import django

    django.setup()
    from django.core.management import call_command

    from gongkai.web.agencies.models import Agency
    from gongkai.web.reports.models import PublishedReport
    from tests.support.reports import report_from_rng

    call_command("migrate", verbosity=0)
    PublishedReport.objects.all().delete()
    Agency.objects.all().delete()
    province = Agency.objects.create(name="某省", level=Agency.Level.PROVINCE)
    rng = random.Random(1)
    samples = [report_from_rng(rng, "2021").to_json() for _ in range(50)]
    per_agency = 10
    agencies = Agency.objects.bulk_create(
        Agency(name=f"某县{i}局", level=Agency.Level.DEPARTMENT, parent=province)
        for i in range(max(1, reports // per_agency))
    )
    for agency in agencies:  # bulk_create skips save(), which keeps the paths
        agency.path = f"{province.path}{agency.pk}/"
    Agency.objects.bulk_update(agencies, ["path"], batch_size=5000)
    batch = []
    for index in range(reports):
        data = dict(samples[index % len(samples)])
        year = 2016 + index % per_agency
        batch.append(
            PublishedReport(
                agency=agencies[index // per_agency],
                year=year,
                template="2021",
                status=PublishedReport.Status.PUBLISHED,
                data={**data, "year": year},
                source=b"",
            )
        )
        if len(batch) == 5000:
            PublishedReport.objects.bulk_create(batch)
            batch = []
    PublishedReport.objects.bulk_create(batch)
    _settle()
    return list(PublishedReport.objects.values_list("pk", flat=True)[:1000])


def _settle() -> None:
    """What autovacuum does in a running system: statistics and the visibility map, so
    that PostgreSQL plans with real numbers and counts from the index."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def measure(url: str, requests: int, clients: int, deadline: float) -> list[float]:
    def one(_: int) -> float:
        if time.monotonic() > deadline:
            return float("nan")
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"{url}: HTTP {exc.code}") from exc
        return (time.perf_counter() - start) * 1000

    with ThreadPoolExecutor(clients) as pool:
        return [x for x in pool.map(one, range(requests)) if x == x]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    if args.smoke:
        args.reports, args.requests, args.clients = 200, 40, 4
    port_is_free(PORT)
    ids = fill(args.reports)
    server = gunicorn(PORT, 2, {**os.environ, "GONGKAI_DEBUG": "0"})
    try:
        base = f"http://127.0.0.1:{PORT}"
        wait_for(base)
        deadline = time.monotonic() + 120
        print(
            f"reports: {args.reports}, clients: {args.clients}, database: "
            f"{os.environ.get('DATABASE_URL', 'sqlite').split(':')[0]}"
        )
        for name, path in (
            ("library list", "/"),
            ("library list, filtered", "/?year=2021"),
            ("report page", f"/reports/{ids[len(ids) // 2]}/"),
            ("JSON twin", f"/reports/{ids[len(ids) // 3]}.json"),
            ("API list", "/api/reports?year=2020"),
        ):
            measure(base + path, 2 * args.clients, args.clients, deadline)  # warm every worker
            start = time.perf_counter()
            ms = sorted(measure(base + path, args.requests, args.clients, deadline))
            rate = len(ms) / (time.perf_counter() - start)
            print(
                f"{name:24s} p50 {statistics.median(ms):7.1f} ms  "
                f"p95 {ms[int(0.95 * len(ms)) - 1]:7.1f} ms  {rate:6.0f} req/s"
            )
    finally:
        stop([server])


if __name__ == "__main__":
    main()
