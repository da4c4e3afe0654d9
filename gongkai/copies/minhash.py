"""MinHash signatures of passages and locality-sensitive hashing (LSH) by bands.

The same algorithm as datasketch's `MinHash` and `MinHashLSH` (one universal hash per
permutation, the minimum over the set; bands of rows hashed into buckets), written over
numpy arrays: datasketch hashes each shingle in Python and indexes each signature in a
dict, which at 100,000 reports is the whole time budget (bench/analytics.py measures
both).
"""

from __future__ import annotations

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


Pairs = npt.NDArray[np.int64]  # rows of (smaller owner, larger owner)


def candidate_pairs(
    sigs: Signatures, owners: npt.NDArray[np.int64], bands: int, bucket_cap: int
) -> Pairs:
    """The distinct pairs of owners (indexes) whose signatures share a bucket in any band.

    A bucket holding more than `bucket_cap` passages is a passage that many reports share:
    that is boilerplate by definition, not a copy, and is skipped.
    """
    keys = band_keys(sigs, bands)
    found = [_bucket_pairs(keys[:, band], owners, bucket_cap) for band in range(bands)]
    pairs = np.concatenate([np.zeros((0, 2), dtype=np.int64), *found])
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.unique(np.sort(pairs, axis=1), axis=0)


def _bucket_pairs(column: npt.NDArray[np.uint64], owners: npt.NDArray[np.int64], cap: int) -> Pairs:
    """Every pair within each bucket of one band, built for all buckets of a size at once."""
    order = np.argsort(column, kind="stable")
    ordered = column[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    lengths = np.diff(np.append(starts, ordered.shape[0]))
    found = [np.zeros((0, 2), dtype=np.int64)]
    for size in np.unique(lengths[(lengths > 1) & (lengths <= cap)]).tolist():
        first, second = np.triu_indices(size, 1)
        bucket_starts = starts[lengths == size][:, None]
        left = owners[order[bucket_starts + first]].ravel()
        right = owners[order[bucket_starts + second]].ravel()
        found.append(np.stack((left, right), axis=1))
    return np.concatenate(found)
