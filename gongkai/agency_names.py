"""Which agency of a tree a report's name means: exactly, then as the name is usually varied.

A published report names its agency as its title prints it: the tree's own name
(盐池县人民政府办公室), a short form (盐池县政府办公室), or with the region before it
(吴忠市盐池县财政局 for the tree's 财政局 under 盐池县). Names are compared in a canonical
form (`canonical_agency`: 县政府 → 县人民政府, a bare 青铜峡市 → 青铜峡市人民政府, no
spaces, full-width brackets); the region before a name must be the agency's own ancestors,
in order. One candidate is a match; several are ambiguous; none is unmatched. Both go to a
person, never to a guess.

Pure: the caller hands the tree as `Known` entries and keeps the index for a whole run.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gongkai import catalog
from gongkai.readers.meta import canonical_agency

_NOISE = re.compile(r"[\s　·•,，、.。:：;；\"“”'‘’《》<>]")
MIN_NAME = 2  # a shorter tail of a name ("局") says nothing


class How(StrEnum):
    EXACT = "exact"
    NORMALISED = "normalised"
    AMBIGUOUS = "ambiguous"
    UNMATCHED = "unmatched"


@dataclass(frozen=True)
class Known:
    """An agency of the tree: its id, its name, and its ancestors' names from the top."""

    id: int
    name: str
    ancestors: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameMatch:
    agency: int | None  # the one agency meant, when there is one
    how: How
    candidates: tuple[int, ...] = ()  # when ambiguous: the agencies it could be


def canonical(name: str) -> str:
    """A name as compared: NFKC, no spaces or punctuation, government names completed."""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", name))
    return canonical_agency(text.replace("(", "（").replace(")", "）")) if text else ""


def place(name: str) -> str:
    """An ancestor as a title prints it before a name: 吴忠市人民政府 → 吴忠市."""
    key = canonical(name)
    return key.removesuffix(catalog.PEOPLES_GOVERNMENT) or key


class AgencyIndex:
    """The tree's names, canonical, for matching many names in one run."""

    def __init__(self, agencies: Iterable[Known]) -> None:
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.places: dict[int, tuple[str, ...]] = {}
        for agency in agencies:
            self.exact[agency.name].append(agency.id)
            self.by_key[canonical(agency.name)].append(agency.id)
            self.places[agency.id] = tuple(place(a) for a in agency.ancestors)

    def match(self, name: str | None) -> NameMatch:
        if not name:
            return NameMatch(None, How.UNMATCHED)
        exact = self.exact.get(name, [])
        if len(exact) == 1:
            return NameMatch(exact[0], How.EXACT)
        key = canonical(name)
        for start in range(0, len(key) - MIN_NAME + 1):
            fitting = [
                a
                for a in self.by_key.get(key[start:], ())
                if _region_fits(key[:start], self.places[a])
            ]
            if len(fitting) == 1:
                return NameMatch(fitting[0], How.NORMALISED)
            if fitting:
                return NameMatch(None, How.AMBIGUOUS, tuple(sorted(fitting)))
        if exact:
            return NameMatch(None, How.AMBIGUOUS, tuple(sorted(exact)))
        return NameMatch(None, How.UNMATCHED)


def _region_fits(prefix: str, places: tuple[str, ...]) -> bool:
    """Whether `prefix` is made of the agency's ancestors' names, each at most once, top
    down (吴忠市盐池县 before 财政局 under 宁夏回族自治区/吴忠市/盐池县)."""
    rest, at = prefix, 0
    while rest:
        found = next((i for i in range(at, len(places)) if rest.startswith(places[i])), None)
        if found is None or not places[found]:
            return False
        rest, at = rest[len(places[found]) :], found + 1
    return True
