"""The work done in each process: passages' signatures, and exact comparisons.

The boilerplate can be megabytes: it is handed to each process once (`start`), not with
every batch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gongkai.copies.align import Comparison, Side, compare, side
from gongkai.copies.batch import Prepared, prepare
from gongkai.copies.minhash import Signatures, permutations, signatures
from gongkai.copies.model import CopySettings
from gongkai.copies.shingles import Hashes
from gongkai.copies.text import chunk_starts

Indexes = npt.NDArray[np.int64]


@dataclass(frozen=True)
class _State:
    settings: CopySettings
    common: Hashes
    perms: tuple[Hashes, Hashes]


_state: _State | None = None


def start(settings: CopySettings, common: Hashes) -> None:
    global _state
    _state = _State(settings, common, permutations(settings.permutations, settings.seed))


def _current() -> _State:
    assert _state is not None, "worker.start was not called"
    return _state


@dataclass(frozen=True)
class SectionSignatures:
    """For one section id over a batch of reports: each passage's owner (report index) and
    signature, and each report's signature of the whole section."""

    passage_owners: Indexes
    passages: Signatures
    section_owners: Indexes
    sections: Signatures


SignatureJob = list[tuple[int, str, Mapping[str, str]]]  # (report index, agency, sections)


def signature_batch(batch: SignatureJob) -> dict[str, SectionSignatures]:
    """The signatures of every section of the batch that has at least `min_specific`
    uncommon shingles, and of each of its passages that has as many."""
    state = _current()
    entries = [
        (index, section_id, text, agency)
        for index, agency, sections in batch
        for section_id in state.settings.sections
        if (text := sections.get(section_id))
    ]
    if not entries:
        return {}
    prepared = prepare(
        [e[2] for e in entries], [e[3] for e in entries], state.settings.shingle, state.common
    )
    signed = _passage_signatures(prepared, state)
    result = {}
    for section_id in state.settings.sections:
        wanted = np.asarray([e[1] == section_id for e in entries])
        owners = np.asarray([e[0] for e in entries], dtype=np.int64)
        piece = signed.of_texts(wanted, owners, state.settings.min_specific)
        if piece.section_owners.shape[0]:
            result[section_id] = piece
    return result


@dataclass(frozen=True)
class _Signed:
    """Every passage's signature with its text and its number of uncommon shingles."""

    passage_texts: Indexes
    passage_sizes: Indexes
    passages: Signatures

    def of_texts(
        self, wanted: npt.NDArray[np.bool_], owners: Indexes, least: int
    ) -> SectionSignatures:
        """Those of the `wanted` texts, under their owners' indexes: a text's signature is
        the minimum of its passages' (MinHash of a union)."""
        mine = wanted[self.passage_texts]
        texts, sizes, sigs = self.passage_texts[mine], self.passage_sizes[mine], self.passages[mine]
        if not texts.shape[0]:
            empty = np.zeros(0, dtype=np.int64)
            return SectionSignatures(empty, sigs, empty, sigs)
        firsts = np.flatnonzero(np.concatenate(([True], texts[1:] != texts[:-1])))
        whole = np.minimum.reduceat(sigs, firsts, axis=0)
        whole_sizes = np.add.reduceat(sizes, firsts)
        enough = whole_sizes >= least
        kept_texts = texts[firsts][enough]
        passage_kept = (sizes >= least) & np.isin(texts, kept_texts)
        return SectionSignatures(
            owners[texts[passage_kept]], sigs[passage_kept], owners[kept_texts], whole[enough]
        )


def _passage_signatures(prepared: Prepared, state: _State) -> _Signed:
    starts = np.asarray(chunk_starts(prepared.text, prepared.normalized, prepared.bounds))
    positions = np.flatnonzero(prepared.specific)
    if not positions.shape[0]:
        empty = np.zeros(0, dtype=np.int64)
        return _Signed(empty, empty, np.zeros((0, state.settings.permutations), np.uint32))
    chunk_of = np.searchsorted(starts, positions, side="right") - 1
    firsts = np.flatnonzero(np.concatenate(([True], chunk_of[1:] != chunk_of[:-1])))
    sigs = signatures(prepared.hashes[positions], firsts.tolist(), state.perms)
    sizes = np.diff(np.append(firsts, positions.shape[0]))
    texts = np.searchsorted(np.asarray(prepared.bounds), starts[chunk_of[firsts]], "right") - 1
    return _Signed(texts, sizes, sigs)


CompareJob = list[tuple[str, str, str, str]]  # (left text, its agency, right text, its agency)


def compare_batch(batch: CompareJob) -> list[Comparison]:
    state = _current()
    size, align = state.settings.shingle, state.settings.align()
    prepared: dict[tuple[str, str], Side] = {}

    def of(text: str, agency: str) -> Side:
        if (text, agency) not in prepared:
            prepared[text, agency] = side(text, agency, size, state.common)
        return prepared[text, agency]

    return [compare(of(*job[:2]), of(*job[2:]), align) for job in batch]
