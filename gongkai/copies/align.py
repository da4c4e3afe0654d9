"""Two sections compared exactly: how much of what each says in its own words the other
repeats, in any order, and where.

A section's own words are the characters under its uncommon shingles (long shingles that
few agencies use: each spans a run of the genre's stock phrases, and a rare run is what a
copy shares). A character is repeated when an uncommon shingle over it is found anywhere in
the other section, so reordered paragraphs are found whole. The share is repeated / own;
a section of nothing but boilerplate has no own words and repeats nothing. Repeated spans
close together make one passage, shown beside the other section's matching passage with
their identical pieces (difflib) marked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import numpy.typing as npt

from gongkai.copies.batch import Prepared, prepare
from gongkai.copies.shingles import Hashes, within

Span = tuple[int, int]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Passage:
    """A passage of the left section and the matching passage of the right one.

    Spans are [start, end) character offsets in each section's text as printed;
    `matches` are the identical pieces within them, as (left span, right span).
    """

    left: Span
    right: Span
    matches: tuple[tuple[Span, Span], ...]


@dataclass(frozen=True)
class Comparison:
    left_share: float
    right_share: float
    copied: bool  # the pair is reported: enough shared, both as a share and in length
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class AlignSettings:
    shingle: int
    min_specific: int  # repeated uncommon shingles a span needs to count
    gap: int  # spans at most this far apart (normalised characters) make one passage
    min_share: float  # of either section, for the pair to be a copy
    min_repeated: int  # normalised characters, for the pair to be a copy


Side = Prepared  # one section, prepared alone


def side(text: str, agency: str, size: int, common: Hashes) -> Side:
    return prepare([text], [agency], size, common)


def compare(left: Side, right: Side, settings: AlignSettings) -> Comparison:
    left_spans = repeated_spans(left, right, settings)
    right_spans = repeated_spans(right, left, settings)
    shares = _share(left, left_spans, settings), _share(right, right_spans, settings)
    repeated = sum(end - start for start, end in left_spans)
    if max(shares) < settings.min_share or repeated < settings.min_repeated:
        return Comparison(*shares, False, ())
    return Comparison(*shares, True, tuple(passages(left, right, left_spans, settings)))


def repeated_spans(this: Side, other: Side, settings: AlignSettings) -> list[Span]:
    """Spans of `this` (normalised offsets) under uncommon shingles that `other` holds."""
    repeated = within(this.hashes, other.ordered) & this.specific
    return [
        (start, end)
        for start, end in _runs(_covered(repeated, len(this), settings.shingle))
        if int(repeated[start : end - settings.shingle + 1].sum()) >= settings.min_specific
    ]


def _covered(shingles: Bools, length: int, size: int) -> Bools:
    """Which characters lie under at least one of the flagged shingles."""
    if not shingles.shape[0]:
        return np.zeros(length, dtype=bool)
    starts = np.zeros(length + 1, dtype=np.int64)
    starts[1 : shingles.shape[0] + 1] = np.cumsum(shingles)
    starts[shingles.shape[0] + 1 :] = starts[shingles.shape[0]]
    # shingles starting in (i - size, i] cover character i
    before = np.concatenate((np.zeros(size, dtype=np.int64), starts[: length + 1 - size]))
    return np.asarray(starts[1:] > before[1:])


def _runs(flags: Bools) -> list[Span]:
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.view(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _merged(spans: list[Span], gap: int) -> list[Span]:
    merged: list[Span] = []
    for start, end in spans:
        if merged and start - merged[-1][1] <= gap:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _share(side: Side, spans: list[Span], settings: AlignSettings) -> float:
    own = int(_covered(side.specific, len(side), settings.shingle).sum())
    return sum(end - start for start, end in spans) / own if own else 0.0


def passages(
    left: Side, right: Side, spans: list[Span], settings: AlignSettings
) -> Iterator[Passage]:
    """The left's repeated spans beside where the right has them: a passage runs on while
    its shingles are found at the same distance apart in the right (a word changed or
    added within `gap` characters still continues it); reordered paragraphs make
    separate passages."""
    where = _positions_in(left.hashes, right.hashes)
    for start, end in _merged(spans, settings.gap):
        found = [i for i in range(start, max(start, end - settings.shingle + 1)) if where[i] >= 0]
        for run in _diagonal_runs(found, where, settings.gap):
            lspan = (run[0], run[-1] + settings.shingle)
            rspan = (int(where[run[0]]), int(where[run[-1]]) + settings.shingle)
            if rspan[1] > rspan[0]:
                matches = _matches(left, right, lspan, rspan, settings)
                yield Passage(_printed(left, lspan), _printed(right, rspan), matches)


def _positions_in(hashes: Hashes, other: Hashes) -> npt.NDArray[np.int64]:
    """For each hash, where it first stands in `other` (-1 where it does not)."""
    if not other.shape[0]:
        return np.full(hashes.shape[0], -1, dtype=np.int64)
    order = np.argsort(other, kind="stable")
    ordered = other[order]
    at = np.searchsorted(ordered, hashes).clip(max=ordered.shape[0] - 1)
    return np.where(ordered[at] == hashes, order[at], -1).astype(np.int64)


def _diagonal_runs(found: list[int], where: npt.NDArray[np.int64], gap: int) -> Iterator[list[int]]:
    """Runs of shingles that keep their distances in the other text (within `gap`)."""
    run: list[int] = []
    for i in found:
        if run and not (i - run[-1] <= gap and 0 < where[i] - where[run[-1]] <= i - run[-1] + gap):
            yield run
            run = []
        run.append(i)
    if run:
        yield run


def _matches(
    left: Side, right: Side, lspan: Span, rspan: Span, settings: AlignSettings
) -> tuple[tuple[Span, Span], ...]:
    a = _as_text(left, lspan)
    b = _as_text(right, rspan)
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return tuple(
        (
            _printed(left, (lspan[0] + block.a, lspan[0] + block.a + block.size)),
            _printed(right, (rspan[0] + block.b, rspan[0] + block.b + block.size)),
        )
        for block in blocks
        if block.size >= 2
    )


def _as_text(side: Side, span: Span) -> str:
    return side.normalized.codes[span[0] : span[1]].tobytes().decode("utf-32-le")


def _printed(side: Side, span: Span) -> Span:
    """A span of normalised characters as offsets in the text as printed."""
    positions = side.normalized.positions
    return int(positions[span[0]]), int(positions[span[1] - 1]) + 1
