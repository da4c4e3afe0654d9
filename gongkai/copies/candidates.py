"""Which sections to compare exactly: passages that share an LSH bucket, and one agency's
consecutive years; either kept only when the whole sections' signatures say they share
enough (a cheap check that spares most exact comparisons)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt

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
    consecutive = np.asarray(list(_consecutive(reports)), dtype=np.int64).reshape(-1, 2)
    found: set[Pair] = set()
    for section_id, pieces in parts.items():
        merged = _merged(pieces)
        pairs = candidate_pairs(
            merged.passages, merged.passage_owners, settings.bands, settings.bucket_cap
        )
        pairs = np.concatenate((pairs, consecutive))
        for i, j in _similar(merged, pairs, settings.section_similarity, len(reports)).tolist():
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
    signed: SectionSignatures, pairs: npt.NDArray[np.int64], threshold: float, reports: int
) -> npt.NDArray[np.int64]:
    """The pairs whose whole sections' estimated Jaccard similarity reaches `threshold`."""
    row = np.full(reports, -1, dtype=np.int64)
    row[signed.section_owners] = np.arange(signed.section_owners.shape[0])
    rows = row[pairs]
    pairs, rows = pairs[(rows >= 0).all(axis=1)], rows[(rows >= 0).all(axis=1)]
    kept = [np.zeros((0, 2), dtype=np.int64)]
    for first in range(0, rows.shape[0], _CHUNK):  # pairs × signatures can be gigabytes
        chunk = rows[first : first + _CHUNK]
        left, right = signed.sections[chunk[:, 0]], signed.sections[chunk[:, 1]]
        similar = (left == right).mean(axis=1) >= threshold
        kept.append(pairs[first : first + _CHUNK][similar])
    return np.concatenate(kept)


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
