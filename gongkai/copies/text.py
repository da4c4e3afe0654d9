"""Section text made comparable: only characters that carry meaning, digits made alike,
every kept character remembering where it stood in the text as printed.

Punctuation, spaces and line breaks vary between a PDF's extraction and a web page's text
of the same report, so they are dropped; every number becomes one 0, however long, so
that a report copied from last year with this year's figures typed in still reads as the copy it is.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Codes = npt.NDArray[np.uint32]
Positions = npt.NDArray[np.int64]

_FULLWIDTH_OFFSET = 0xFF10 - 0x30
_SENTENCE_END = re.compile("[。！？!?]")
# A sentence shorter than this (after normalising) joins the next one: a heading such as
# 一是加强培训 is too short to stand as a passage of its own.
MIN_CHUNK = 30


@dataclass(frozen=True)
class Normalized:
    """The kept characters (as code points) and, for each, its index in the original text."""

    codes: Codes
    positions: Positions

    def __len__(self) -> int:
        return int(self.codes.shape[0])


def normalize(text: str) -> Normalized:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    fullwidth = (codes >= 0xFF10) & (codes <= 0xFF5A)
    codes[fullwidth] -= _FULLWIDTH_OFFSET
    upper = (codes >= 0x41) & (codes <= 0x5A)
    codes[upper] += 0x20
    digit = (codes >= 0x30) & (codes <= 0x39)
    codes[digit] = 0x30
    first_digit = digit & ~np.concatenate(([False], digit[:-1]))
    keep = (
        first_digit
        | ((codes >= 0x61) & (codes <= 0x7A))
        | ((codes >= 0x3400) & (codes <= 0x9FFF))
        | ((codes >= 0xF900) & (codes <= 0xFAFF))
    )
    positions = np.flatnonzero(keep).astype(np.int64)
    return Normalized(codes[keep], positions)


def chunk_starts(text: str, normalized: Normalized, bounds: list[int]) -> list[int]:
    """Where each passage starts, in normalised characters, for a text made of several
    (`bounds`: where each starts, then the end). A passage is a sentence, or short
    sentences run together until they are MIN_CHUNK characters long; it never crosses a
    bound. A passage's bounds depend only on its own sentences, so an edit elsewhere leaves
    it as it was."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    cuts = np.searchsorted(normalized.positions, np.asarray(ends, dtype=np.int64)).tolist()
    starts: list[int] = []
    following = iter(bounds[1:])
    for start, end in zip(bounds, following):
        starts.append(start)
        for cut in cuts[_first_at_least(cuts, start) :]:
            if cut >= end:
                break
            if cut - starts[-1] >= MIN_CHUNK:
                starts.append(cut)
    return starts


def _first_at_least(values: list[int], value: int) -> int:
    return bisect.bisect_left(values, value)
