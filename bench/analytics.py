"""Copy detection at scale: the time to compare all pairs of N reports' sections (1,000,
10,000, 100,000 by default), and recall and precision on the planted corpus
(tests/support/copy_corpus.py: copies verbatim, lightly edited, with paragraphs reordered,
in part, among texts written in the genre's stock phrasing).

Beside it, datasketch (the maintained MinHash/LSH library) on the same passages at 1,000
reports: its per-passage cost, and its time extrapolated to 100,000 reports.

Run: `python bench/analytics.py [--reports 1000 10000 100000] [--workers 2] [--smoke]`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from serving import cpu_seconds  # noqa: E402

from gongkai.copies import CopySettings, boilerplate, find_copies  # noqa: E402
from gongkai.copies.batch import prepare  # noqa: E402
from gongkai.copies.model import ReportText  # noqa: E402
from gongkai.copies.text import chunk_starts  # noqa: E402
from tests.support.copy_corpus import planted_corpus  # noqa: E402

AIM_SECONDS = 600


def measure(count: int, workers: int) -> tuple[float, float]:
    """(recall, precision) on `count` planted reports, printing the time taken."""
    corpus = planted_corpus(count)
    wall, cpu = time.perf_counter(), cpu_seconds()
    found = find_copies(corpus.reports, CopySettings(workers=workers))
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    pairs = {(p.section, *sorted((p.left, p.right))) for p in found}
    hits = pairs & corpus.copies
    recall, precision = len(hits) / len(corpus.copies), len(hits) / max(1, len(pairs))
    missed = Counter(corpus.kinds[p] for p in corpus.copies - pairs)
    print(
        f"{count:>7} reports, {workers} workers: {wall:6.1f} s wall, {cpu:.1f} s of CPU in all "
        f"processes; {len(corpus.copies)} planted, recall {recall:.3f}, precision "
        f"{precision:.3f}; missed by kind {dict(missed)}"
    )
    return recall, precision


def datasketch_peer(reports: list[ReportText], settings: CopySettings) -> None:
    """datasketch's MinHash and MinHashLSH over the same passages' uncommon shingles."""
    from datasketch import MinHash, MinHashLSH

    common = boilerplate(reports, settings)
    passages = list(_passage_shingles(reports, settings, common))
    start = time.perf_counter()
    lsh = MinHashLSH(num_perm=settings.permutations, params=(settings.bands, 4))
    for n, shingles in enumerate(passages):
        signature = MinHash(num_perm=settings.permutations)
        signature.update_batch(shingles)
        lsh.insert(str(n), signature)
        lsh.query(signature)
    seconds = time.perf_counter() - start
    per_report = seconds / len(reports)
    print(
        f"datasketch on the same {len(passages)} passages of {len(reports)} reports: "
        f"{seconds:.1f} s (signatures and LSH only), {per_report * 1e3:.1f} ms a report: "
        f"{per_report * 100_000 / 60:.0f} min for 100,000 reports on one core"
    )


def _passage_shingles(reports: list[ReportText], settings: CopySettings, common: object):  # type: ignore[no-untyped-def]
    for report in reports:
        for text in report.sections.values():
            side = prepare([text], [report.agency], settings.shingle, common)  # type: ignore[arg-type]
            starts = chunk_starts(side.text, side.normalized, side.bounds)
            for start, end in zip(starts, [*starts[1:], len(side)]):
                chosen = side.hashes[start:end][side.specific[start:end]]
                if chosen.shape[0] >= settings.min_specific:
                    yield [value.tobytes() for value in chosen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--smoke", action="store_true", help="a short run for CI")
    args = parser.parse_args()
    sizes = [1000] if args.smoke else args.reports
    print(f"copy detection (aim: 100,000 reports in under {AIM_SECONDS // 60} min on 2 cores)")
    for count in sizes:
        recall, precision = measure(count, args.workers)
        assert recall >= 0.95 and precision >= 0.95, "planted copies: aim missed"
    datasketch_peer(planted_corpus(1000).reports, CopySettings())


if __name__ == "__main__":
    main()
