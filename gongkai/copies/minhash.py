"""MinHash signatures of passages and locality-sensitive hashing (LSH) by bands.

The same algorithm as datasketch's `MinHash` and `MinHashLSH` (one universal hash per
permutation, the minimum over the set; bands of rows hashed into buckets), written over
numpy arrays: datasketch hashes each shingle in Python and indexes each signature in a
dict, which at 100,000 reports is the whole time budget (bench/analytics.py measures
both).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from gongkai.copies.shingles import Hashes

Signatures = npt.NDArray[np.uint32]
_S32 = np.uint64(32)
_BLOCK = 16


def permutations(count: int, seed: int = 1) -> tuple[Hashes, Hashes]:
    """(a, b) of the multiply-shift hashes h(x) = (a·x + b) >> 32, a odd."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2**63, size=count, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=count, dtype=np.uint64)
    return a, b


def signatures(hashes: Hashes, starts: list[int], perms: tuple[Hashes, Hashes]) -> Signatures:
    """One signature per group of hashes: group i is hashes[starts[i]:starts[i + 1]]."""
    a, b = perms
    result = np.empty((len(starts), a.shape[0]), dtype=np.uint32)
    for first in range(0, a.shape[0], _BLOCK):  # a block of permutations at a time: memory
        block = slice(first, first + _BLOCK)
        values = (hashes[:, None] * a[None, block] + b[None, block]) >> _S32
        result[:, block] = np.minimum.reduceat(values, starts, axis=0)
    return result


def band_keys(sigs: Signatures, bands: int) -> npt.NDArray[np.uint64]:
    """One bucket key per signature and band (rows × bands)."""
    rows = sigs.shape[1] // bands
    wide = sigs[:, : rows * bands].astype(np.uint64).reshape(sigs.shape[0], bands, rows)
    keys = np.zeros((sigs.shape[0], bands), dtype=np.uint64)
    for row in range(rows):
        keys = keys * np.uint64(0x9E3779B97F4A7C15) + wide[:, :, row]
    return keys


def candidate_pairs(
    sigs: Signatures, owners: npt.NDArray[np.int64], bands: int, bucket_cap: int
) -> Iterator[tuple[int, int]]:
    """Pairs of distinct owners (indexes) whose signatures share a bucket in any band.

    A bucket holding more than `bucket_cap` owners is a passage that many reports share:
    that is boilerplate by definition, not a copy, and is skipped.
    """
    keys = band_keys(sigs, bands)
    for band in range(bands):
        order = np.argsort(keys[:, band], kind="stable")
        column = keys[order, band]
        starts = np.flatnonzero(np.concatenate(([True], column[1:] != column[:-1])))
        lengths = np.diff(np.append(starts, column.shape[0]))
        for start, length in zip(starts[lengths > 1].tolist(), lengths[lengths > 1].tolist()):
            members = np.unique(owners[order[start : start + length]])
            if 1 < members.shape[0] <= bucket_cap:
                yield from _pairs(members.tolist())


def _pairs(members: list[int]) -> Iterator[tuple[int, int]]:
    for i, left in enumerate(members):
        for right in members[i + 1 :]:
            yield left, right
