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


def corpus(n: int) -> list[tuple[str, bytes]]:
    """(kind, bytes): the seeds, then generated reports in every layout, in turn."""
    seeds = [
        ("seed", p.read_bytes()) for p in sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))
    ]
    rng = random.Random(2026)
    generated = []
    for i in range(max(0, min(n, 2000) - len(seeds))):
        layout = LAYOUTS[i % len(LAYOUTS)]
        generated.append((layout, render_text(report_from_rng(rng), layout).encode()))
    pool = seeds + generated
    return [pool[i % len(pool)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--smoke", action="store_true", help="a short run for CI")
    args = parser.parse_args()
    n = 200 if args.smoke else args.n
    files = corpus(n)
    total_bytes = sum(len(data) for _, data in files)

    latencies: dict[str, list[float]] = {}
    start = time.perf_counter()
    for kind, data in files:
        t0 = time.perf_counter()
        read_bytes(data)
        latencies.setdefault(kind, []).append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start

    t0 = time.perf_counter()
    found = sum(len(_FLOOR.findall(data)) for _, data in files)
    floor = time.perf_counter() - t0

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    every = sorted(x for values in latencies.values() for x in values)
    print(f"reports: {n} ({total_bytes / n / 1024:.1f} KiB each on average), one core")
    print(f"read+check: {n / elapsed:,.0f} reports/s  ({elapsed:.2f} s)  {_percentiles(every)}")
    for kind, values in sorted(latencies.items()):
        rate = len(values) / sum(values)
        print(f"  {kind:9s} {rate:8,.0f} reports/s  {_percentiles(sorted(values))}")
    print(
        f"floor (one regex for numbers over the same bytes): {n / floor:,.0f} reports/s "
        f"({found} numbers); ratio {elapsed / floor:.1f}x"
    )
    print(f"peak memory (max RSS): {peak_mib:.0f} MiB")


def _percentiles(ms_sorted: list[float]) -> str:
    ms = [x * 1000 for x in ms_sorted]
    p95 = ms[max(0, int(0.95 * len(ms)) - 1)]
    return f"p50 {statistics.median(ms):.2f} ms  p95 {p95:.2f} ms  max {ms[-1]:.2f} ms"


if __name__ == "__main__":
    main()
