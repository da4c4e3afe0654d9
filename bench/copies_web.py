"""Copy detection into the web library: the `find_copies` run (`do_find_copies`) over N
published reports of the planted corpus (tests/support/copy_corpus.py) in the database —
sections read out of the reports' JSON, compared, the copies stored — then the run again
(it replaces its result), a run over one year, and the supervisors' page query.

Prints wall and CPU time (this process and its worker processes), the copies stored, and
recall and precision of the stored copies against the planted ones.

    scripts/with-postgres.sh .venv/bin/python bench/copies_web.py --reports 10000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from serving import ROOT, cpu_seconds, migrated_django, production_on_loopback

sys.path.insert(0, str(ROOT))
production_on_loopback()

SEED = ROOT / "tests" / "fixtures" / "seeds"


def fill(count: int) -> tuple[dict[str, int], set[tuple[str, str, str]]]:
    """The planted corpus as published reports of a province's agencies (bulk, not through
    publication: this measures copy detection); report ids by corpus key, planted pairs."""
    from gongkai.readers import read_path
    from gongkai.web.agencies.models import Agency
    from gongkai.web.copies.models import CopyRun, SectionCopy
    from gongkai.web.reports.models import PublishedReport
    from tests.support.copy_corpus import planted_corpus

    corpus = planted_corpus(count)
    SectionCopy.objects.all().delete()
    CopyRun.objects.all().delete()
    PublishedReport.objects.all().delete()
    Agency.objects.all().delete()
    province = Agency.objects.create(name="某省", level=Agency.Level.PROVINCE)
    names = sorted({r.agency for r in corpus.reports})
    made = {
        a.name: a
        for a in Agency.objects.bulk_create(
            Agency(name=n, level=Agency.Level.COUNTY, parent=province) for n in names
        )
    }
    for agency in made.values():
        agency.path = f"{province.path}{agency.pk}/"
    Agency.objects.bulk_update(made.values(), ["path"], batch_size=5000)
    data = read_path(next(SEED.glob("003_*.txt"))).to_json()
    stored = PublishedReport.objects.bulk_create(
        (
            PublishedReport(
                agency=made[r.agency],
                year=r.year or 0,  # the corpus gives every report its year
                template="2021",
                status=PublishedReport.Status.PUBLISHED,
                data={**data, "year": r.year, "agency": r.agency, "sections": dict(r.sections)},
                source=b"",
            )
            for r in corpus.reports
        ),
        batch_size=1000,
    )
    return {r.key: s.pk for r, s in zip(corpus.reports, stored)}, corpus.copies


def run(label: str, year: int | None, workers: int) -> float:
    from gongkai.web.copies.actions import do_find_copies

    wall, cpu = time.perf_counter(), cpu_seconds()
    found = do_find_copies(year, None, user=None, workers=workers)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    print(
        f"{label:32s} {found.compared:>7,} reports: {wall:6.1f} s wall, {cpu:6.1f} s CPU; "
        f"{found.copies:,} copies stored"
    )
    return wall


def score(ids: dict[str, int], planted: set[tuple[str, str, str]]) -> None:
    from gongkai.web.copies.models import SectionCopy

    wanted = {(s, *sorted((ids[a], ids[b]))) for s, a, b in planted}
    stored = {
        (s, *sorted((a, b)))
        for s, a, b in SectionCopy.objects.values_list("section", "left_id", "right_id")
    }
    hits = stored & wanted
    print(
        f"  stored vs planted: recall {len(hits) / len(wanted):.3f}, precision "
        f"{len(hits) / max(1, len(stored)):.3f} ({len(wanted)} planted)"
    )


def page(rounds: int, year: int) -> None:
    from gongkai.web.agencies.models import Agency
    from gongkai.web.copies.queries import section_copies

    scope = Agency.objects.all()
    ms = []
    for _ in range(rounds):
        start = time.perf_counter()
        section_copies(scope, year, "problems")
        ms.append((time.perf_counter() - start) * 1000)
    ms.sort()
    p95 = ms[max(0, int(0.95 * len(ms)) - 1)]
    print(
        f"supervisors' page query, {scope.count():,} agencies, {year}: p50 "
        f"{statistics.median(ms):.0f} ms, p95 {p95:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    if args.smoke:
        args.reports, args.rounds = 400, 3
    migrated_django()
    from django.db import connection

    start = time.perf_counter()
    ids, planted = fill(args.reports)
    print(
        f"{args.reports:,} reports in {connection.vendor}, filled in "
        f"{time.perf_counter() - start:.0f} s; {args.workers} workers"
    )
    run("find_copies, every year", None, args.workers)
    score(ids, planted)
    run("again (replaces its result)", None, args.workers)
    score(ids, planted)
    run("find_copies --year 2024", 2024, args.workers)
    page(args.rounds, 2024)


if __name__ == "__main__":
    main()
