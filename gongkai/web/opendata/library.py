"""The published library as open-data entries: the current edition of every published
report, never a draft nor an edition a correction replaced, streamed from the database."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.opendata import LibraryEntry
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import PublishedReport
from gongkai.web.reports.queries import published

# What the files say of each report besides the report itself (all text, see the page).
META = ("region", "level", "agency_id", "edition", "late", "url")
# The cells CSV repeats its columns on every cell's line: only the short ones.
CSV_META = ("agency_id", "region", "level")
CHUNK = 500


def library() -> Iterator[LibraryEntry]:
    """Newest year first; the report data read a chunk at a time, the source files not at
    all, so memory does not grow with the library."""
    reports = published().defer("source").order_by("-year", "-id")
    regions = RegionNames()
    for stored in reports.iterator(chunk_size=CHUNK):
        yield entry_of(stored, regions)


def entry_of(stored: PublishedReport, regions: RegionNames) -> LibraryEntry:
    agency = stored.agency
    meta = {
        "region": regions.of(agency),
        "level": agency.get_level_display(),
        "agency_id": str(agency.pk),
        "edition": str(stored.edition),
        "late": "是" if stored.late else "否",
        "url": f"/reports/{stored.pk}/",
    }
    return LibraryEntry(str(stored.pk), stored.report(), meta)


class RegionNames:
    """`Agency.region()` for many reports: one query per parent agency, not per report."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def of(self, agency: Agency) -> str:
        parent = agency.path.rstrip("/").rpartition("/")[0]
        if parent not in self.known:
            self.known[parent] = agency.region()
        return self.known[parent]
