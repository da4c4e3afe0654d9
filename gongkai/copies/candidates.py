"""Which sections to compare exactly: passages that share an LSH bucket, and one agency's
consecutive years; either kept only when the whole sections' signatures say they share
enough (a cheap check that spares most exact comparisons)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise

import numpy as np

from gongkai.copies.minhash import candidate_pairs
from gongkai.copies.model import CopySettings, ReportText
from gongkai.copies.worker import SectionSignatures

Pair = tuple[str, int, int]  # section id, left report index, right report index
_CHUNK = 100_000


def candidate_pairs_of(
    reports: Sequence[ReportText],
    signed: Iterable[dict[str, SectionSignatures]],
    settings: CopySettings,
) -> set[Pair]:
    parts: dict[str, list[SectionSignatures]] = defaultdict(list)
    for batch in signed:
        for section_id, signatures in batch.items():
            parts[section_id].append(signatures)
    consecutive = list(_consecutive(reports))
    found: set[Pair] = set()
    for section_id, pieces in parts.items():
        merged = _merged(pieces)
        pairs = set(
            candidate_pairs(
                merged.passages, merged.passage_owners, settings.bands, settings.bucket_cap
            )
        )
        pairs.update(consecutive)
        for i, j in _similar(merged, pairs, settings.section_similarity):
            found.add(_ordered(reports, section_id, i, j))
    return found


def _merged(pieces: list[SectionSignatures]) -> SectionSignatures:
    return SectionSignatures(
        np.concatenate([p.passage_owners for p in pieces]),
        np.concatenate([p.passages for p in pieces]),
        np.concatenate([p.section_owners for p in pieces]),
        np.concatenate([p.sections for p in pieces]),
    )


def _similar(
    signed: SectionSignatures, pairs: Iterable[tuple[int, int]], threshold: float
) -> Iterator[tuple[int, int]]:
    """The pairs whose whole sections' estimated Jaccard similarity reaches `threshold`."""
    row = {int(owner): n for n, owner in enumerate(signed.section_owners)}
    kept = [(a, b) for a, b in pairs if a in row and b in row]
    for first in range(0, len(kept), _CHUNK):  # chunks: pairs × signatures can be gigabytes
        chunk = kept[first : first + _CHUNK]
        left = signed.sections[[row[a] for a, _ in chunk]]
        right = signed.sections[[row[b] for _, b in chunk]]
        similarity = (left == right).mean(axis=1)
        yield from (pair for pair, value in zip(chunk, similarity.tolist()) if value >= threshold)


def _consecutive(reports: Sequence[ReportText]) -> Iterator[tuple[int, int]]:
    """Each agency's reports, each beside the one of the year before it."""
    by_agency: dict[str, list[int]] = defaultdict(list)
    for index, report in enumerate(reports):
        by_agency[report.agency].append(index)
    for indexes in by_agency.values():
        indexes.sort(key=lambda i: (reports[i].year or 0, reports[i].key))
        yield from pairwise(indexes)


def _ordered(reports: Sequence[ReportText], section_id: str, i: int, j: int) -> Pair:
    key_i = (reports[i].year or 0, reports[i].key)
    key_j = (reports[j].year or 0, reports[j].key)
    return (section_id, i, j) if key_i <= key_j else (section_id, j, i)
