"""Character shingles as 64-bit hashes, and the boilerplate: shingles that many agencies use.

A shingle is every run of `size` normalised characters. Its hash is a polynomial of the
code points finished with MurmurHash3's 64-bit mixer, computed for a whole section at
once with numpy (the hash is stable across processes and runs, unlike Python's `hash`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from gongkai.copies.text import Codes

Hashes = npt.NDArray[np.uint64]

_BASE = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
EMPTY: Hashes = np.zeros(0, dtype=np.uint64)


def shingle_hashes(codes: Codes, size: int) -> Hashes:
    """The hash of the shingle starting at each position (none if the text is shorter)."""
    count = codes.shape[0] - size + 1
    if count <= 0:
        return EMPTY
    wide = codes.astype(np.uint64)
    hashes = wide[:count].copy()
    for offset in range(1, size):
        hashes *= _BASE
        hashes += wide[offset : offset + count]
    hashes ^= hashes >> _S33
    hashes *= _MIX1
    hashes ^= hashes >> _S33
    hashes *= _MIX2
    hashes ^= hashes >> _S33
    return hashes


def common_shingles(per_agency: Iterable[Hashes], min_agencies: int) -> Hashes:
    """The shingles found in at least `min_agencies` of the agencies, sorted: each item of
    `per_agency` is every shingle of one agency's texts (repeats are counted once)."""
    distinct = [np.unique(hashes) for hashes in per_agency]
    if not distinct:
        return EMPTY
    values, counts = np.unique(np.concatenate(distinct), return_counts=True)
    return values[counts >= min_agencies]


def within(hashes: Hashes, ordered: Hashes) -> npt.NDArray[np.bool_]:
    """For each hash, whether it is in the sorted array `ordered` (np.isin sorts both)."""
    if ordered.shape[0] == 0:
        return np.zeros(hashes.shape[0], dtype=bool)
    where = np.searchsorted(ordered, hashes).clip(max=ordered.shape[0] - 1)
    return np.asarray(ordered[where] == hashes)
