"""Open-data files of the published library (issue 14): the time and peak memory to build
every file (cells CSV zipped, dictionary, Parquet, JSON Lines gzipped) from N reports,
through `python -m gongkai.web export_open_data` in a child process of its own.

The database is filled once with the largest N (bench/web.py's `fill`); a smaller library
is its first reports published and the others left as drafts. Memory must not grow with
the library: the build streams the reports from the database
and writes as it goes. Beside it, in the same run, the naive way (every report read into
a list first, then written) at the largest size. Figures: wall and CPU seconds of the
child, and its peak resident memory (ru_maxrss).

    python bench/opendata.py --reports 2000 10000       # SQLite in a temporary folder
    scripts/with-postgres.sh .venv/bin/python bench/opendata.py --reports 2000 10000
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving import ROOT, production_on_loopback

sys.path.insert(0, str(ROOT))
production_on_loopback()


def child(naive: bool) -> None:
    """The build, measured from inside (the peak is this process's own)."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if naive:
        from gongkai.web.opendata.build import write_files
        from gongkai.web.opendata.library import library

        folder = Path(settings.GONGKAI_OPEN_DATA_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        write_files(folder, list(library()))
    else:
        call_command("export_open_data", stdout=io.StringIO())
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss}))


def measure(reports: int, naive: bool = False) -> int:
    """Build in a child process; print the figures; return the peak in KiB."""
    with tempfile.TemporaryDirectory(prefix="gongkai-opendata-") as folder:
        env = {**os.environ, "GONGKAI_OPEN_DATA_DIR": folder}
        start = time.perf_counter()
        flags = ["--child", *(["--naive"] if naive else [])]
        done = subprocess.run(
            [sys.executable, __file__, *flags], env=env, capture_output=True, text=True, check=True
        )
        wall = time.perf_counter() - start
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        size = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
    way = "naive (list first)" if naive else "streamed"
    print(
        f"{reports:>7} reports, {way:18s}: {wall:6.1f} s wall, {figures['cpu']:6.1f} s CPU, "
        f"{reports / wall:6.0f} reports/s, peak {figures['peak_kb'] / 1024:6.0f} MiB, "
        f"files {size / 1024 / 1024:6.1f} MiB"
    )
    return int(figures["peak_kb"])


def publish_only(count: int) -> None:
    """The first `count` reports published, the others drafts (which the files never hold)."""
    from gongkai.web.reports.models import PublishedReport

    status = PublishedReport.Status
    ids = list(PublishedReport.objects.order_by("pk").values_list("pk", flat=True)[:count])
    PublishedReport.objects.update(status=status.DRAFT)
    PublishedReport.objects.filter(pk__in=ids).update(status=status.PUBLISHED)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--naive", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.naive)
    from web import fill

    sizes = [50, 200] if args.smoke else sorted(args.reports)
    print(f"database: {os.environ.get('DATABASE_URL', 'sqlite').split(':')[0]}")
    fill(sizes[-1])
    peaks = []
    for reports in sizes:
        publish_only(reports)
        peaks.append(measure(reports))
    naive = measure(sizes[-1], naive=True)
    print(
        f"peak memory {sizes[-1]} vs {sizes[0]} reports: {peaks[-1] / peaks[0]:.2f}× "
        f"(flat is 1×); the naive way needs {naive / peaks[-1]:.1f}× the streamed peak"
    )


if __name__ == "__main__":
    main()
