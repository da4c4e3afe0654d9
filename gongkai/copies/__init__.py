"""Copy detection (照搬照抄): the six sections of reports compared across the years of one
agency and across agencies.

`find_copies(reports, settings)` is the façade. Three steps:

1. boilerplate: the long shingles that at least `common_share` of the agencies use
   (counted on a sample of agencies) are the genre's stock phrasing, never a copy;
2. candidates: every passage (a sentence, or short sentences together) gets a MinHash
   signature over its uncommon long shingles; sections of two reports whose passages
   share an LSH bucket are candidates, and so are one agency's consecutive years whose
   whole sections' signatures are close;
3. each candidate pair is compared exactly (`align.compare`): the share of each section
   found in the other, and the passages side by side.

Pure computation over the texts it is given; work is spread over `workers` processes.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from gongkai.copies import worker
from gongkai.copies.align import Comparison, Passage
from gongkai.copies.candidates import Pair, candidate_pairs_of
from gongkai.copies.model import SECTION_IDS, CopyPair, CopySettings, ReportText
from gongkai.copies.shingles import Hashes, common_shingles, shingle_hashes
from gongkai.copies.text import normalize

BATCH = 200
DEFAULT = CopySettings()
_In = TypeVar("_In")
_Out = TypeVar("_Out")


def find_copies(reports: Sequence[ReportText], settings: CopySettings = DEFAULT) -> list[CopyPair]:
    """Every pair of reports' sections that repeat each other by at least `min_share`."""
    common = boilerplate(reports, settings)
    with _executor(settings, common) as pool:
        jobs = [
            [
                (i, reports[i].agency, reports[i].sections)
                for i in range(k, min(k + BATCH, len(reports)))
            ]
            for k in range(0, len(reports), BATCH)
        ]
        signed = _map(pool, worker.signature_batch, jobs)
        pairs = sorted(candidate_pairs_of(reports, signed, settings))
        return list(_compare_all(reports, pairs, pool))


def boilerplate(reports: Sequence[ReportText], settings: CopySettings) -> Hashes:
    """The long shingles used by at least `common_share` of a sample of the agencies."""
    by_agency: dict[str, list[ReportText]] = defaultdict(list)
    for report in reports:
        by_agency[report.agency].append(report)
    names = sorted(by_agency)
    sample = random.Random(settings.seed).sample(names, min(len(names), settings.sample_agencies))
    threshold = max(settings.common_min_agencies, round(settings.common_share * len(sample)))
    return common_shingles((_agency_shingles(by_agency[n], settings) for n in sample), threshold)


def _agency_shingles(reports: list[ReportText], settings: CopySettings) -> Hashes:
    text = "\n".join(t for report in reports for t in report.sections.values())
    return shingle_hashes(normalize(text).codes, settings.shingle)


@contextmanager
def _executor(settings: CopySettings, common: Hashes) -> Iterator[Executor | None]:
    worker.start(settings, common)
    if settings.workers <= 1:
        yield None
        return
    with ProcessPoolExecutor(
        settings.workers, initializer=worker.start, initargs=(settings, common)
    ) as pool:
        yield pool


def _map(
    pool: Executor | None, function: Callable[[_In], _Out], jobs: Iterable[_In]
) -> Iterator[_Out]:
    return pool.map(function, jobs) if pool else map(function, jobs)


def _compare_all(
    reports: Sequence[ReportText], pairs: list[Pair], pool: Executor | None
) -> Iterator[CopyPair]:
    jobs = [
        [
            (reports[i].sections[s], reports[i].agency, reports[j].sections[s], reports[j].agency)
            for s, i, j in pairs[k : k + BATCH]
        ]
        for k in range(0, len(pairs), BATCH)
    ]
    results: Iterator[list[Comparison]] = _map(pool, worker.compare_batch, jobs)
    comparisons = (c for batch in results for c in batch)
    for (section_id, i, j), comparison in zip(pairs, comparisons):
        if not comparison.copied:
            continue
        yield CopyPair(
            section_id,
            reports[i].key,
            reports[j].key,
            comparison.left_share,
            comparison.right_share,
            reports[i].agency == reports[j].agency,
            comparison.passages,
        )


__all__ = [
    "SECTION_IDS",
    "CopyPair",
    "CopySettings",
    "Passage",
    "ReportText",
    "boilerplate",
    "find_copies",
]
