"""What copy detection takes, how it is tuned, and what it finds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from gongkai import catalog
from gongkai.copies.align import AlignSettings, Passage

SECTION_IDS = tuple(section_id for section_id, _ in catalog.SECTIONS)


@dataclass(frozen=True)
class ReportText:
    """What copy detection needs of a report: a key the caller chooses, the agency's name,
    the year, and the sections' text by id (catalog.SECTIONS)."""

    key: str
    agency: str
    year: int | None
    sections: Mapping[str, str]


@dataclass(frozen=True)
class CopySettings:
    shingle: int = 12  # characters: long enough to span several stock phrases
    permutations: int = 64
    bands: int = 16
    # A long shingle used by this share of the agencies (and at least common_min_agencies)
    # is boilerplate, counted on a sample of sample_agencies agencies.
    common_share: float = 0.01
    common_min_agencies: int = 10
    sample_agencies: int = 3000
    min_specific: int = 5  # uncommon long shingles a passage needs to be compared
    bucket_cap: int = 50  # an LSH bucket with more reports than this is boilerplate
    section_similarity: float = 0.15  # estimated Jaccard of two sections to compare them
    min_share: float = 0.3  # of either section's own words, for a pair to be reported
    min_repeated: int = 40  # characters repeated (a sentence or two), for the same
    gap: int = 10  # copied spans this close (characters) make one passage
    workers: int = 1
    sections: tuple[str, ...] = SECTION_IDS
    seed: int = 1

    def align(self) -> AlignSettings:
        return AlignSettings(
            self.shingle, self.min_specific, self.gap, self.min_share, self.min_repeated
        )


@dataclass(frozen=True)
class CopyPair:
    """One section of two reports that repeat each other.

    `left` is the earlier report (by year, then key). `right_share` is the share of the
    right report's section found in the left one: for one agency's two years, how much of
    this year's section repeats last year's.
    """

    section: str
    left: str
    right: str
    left_share: float
    right_share: float
    same_agency: bool
    passages: tuple[Passage, ...] = field(default=())
