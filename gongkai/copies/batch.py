"""Sections prepared for comparison, many at once: their texts joined, normalised and
shingled in a few numpy operations over the whole batch.

A shingle that would run from one text into the next is not specific (it is no text's),
and neither is one over a text's own agency's name: that name is in each of its reports,
which does not make them copies of each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import numpy.typing as npt

from gongkai.copies.shingles import Hashes, shingle_hashes, within
from gongkai.copies.text import Normalized, normalize

Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Prepared:
    text: str  # the texts joined by line breaks
    normalized: Normalized
    bounds: list[int]  # where each text starts in normalised characters, then the end
    hashes: Hashes  # the shingle starting at each normalised position
    specific: Bools  # per shingle: within one text, not boilerplate, not the agency's name

    def __len__(self) -> int:
        return len(self.normalized)

    @cached_property
    def ordered(self) -> Hashes:
        return np.sort(self.hashes)


def prepare(texts: Sequence[str], names: Sequence[str], size: int, common: Hashes) -> Prepared:
    """`names[i]` is the agency whose report texts[i] is from."""
    text = "\n".join(texts)
    normalized = normalize(text)
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    bounds = [*np.searchsorted(normalized.positions, starts).tolist(), len(normalized)]
    hashes = shingle_hashes(normalized.codes, size)
    specific = ~within(hashes, common)
    flat = normalized.codes.tobytes().decode("utf-32-le")
    for start, end, name in zip(bounds, bounds[1:], names):
        specific[max(0, end - size + 1) : end] = False  # would run into the next text
        needle = _normalized(name)
        found = flat.find(needle, start, end) if needle else -1
        while found >= 0:
            specific[max(0, found - size + 1) : found + len(needle)] = False
            found = flat.find(needle, found + 1, end)
    return Prepared(text, normalized, bounds, hashes, specific)


@lru_cache(maxsize=4096)
def _normalized(name: str) -> str:
    return normalize(name).codes.tobytes().decode("utf-32-le")
