"""Read and check N text reports on one core; print reports/s, latency, memory and the floor.

The corpus is the five seeds plus generated consistent reports rendered in every text
layout. The floor is the time to merely scan the same bytes for numbers with one
regular expression. Run: `python bench/parse.py [--n 10000] [--smoke]`.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.readers import read_bytes  # noqa: E402
from gongkai.render.text import LAYOUTS, render_text  # noqa: E402
from tests.support.reports import report_from_rng  # noqa: E402

_FLOOR = re.compile(rb"\d+")


def corpus(n: int) -> list[bytes]:
    seeds = [p.read_bytes() for p in sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))]
    rng = random.Random(2026)
    generated = [
        render_text(report_from_rng(rng), LAYOUTS[i % len(LAYOUTS)]).encode()
        for i in range(max(0, min(n, 2000) - len(seeds)))
    ]
    pool = seeds + generated
    return [pool[i % len(pool)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--smoke", action="store_true", help="a short run for CI")
    args = parser.parse_args()
    n = 200 if args.smoke else args.n
    files = corpus(n)
    total_bytes = sum(len(f) for f in files)

    latencies = []
    start = time.perf_counter()
    for data in files:
        t0 = time.perf_counter()
        read_bytes(data)
        latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start

    t0 = time.perf_counter()
    found = sum(len(_FLOOR.findall(data)) for data in files)
    floor = time.perf_counter() - t0

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ms = sorted(x * 1000 for x in latencies)
    print(f"reports: {n} ({total_bytes / n / 1024:.1f} KiB each on average), one core")
    print(f"read+check: {n / elapsed:,.0f} reports/s  ({elapsed:.2f} s)")
    print(
        f"latency ms: p50 {statistics.median(ms):.2f}  p95 {ms[int(0.95 * len(ms)) - 1]:.2f}"
        f"  max {ms[-1]:.2f}"
    )
    print(
        f"floor (one regex for numbers over the same bytes): {n / floor:,.0f} reports/s "
        f"({found} numbers)"
    )
    print(f"ratio to floor: {elapsed / floor:.1f}x")
    print(f"peak memory (max RSS): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
