"""The database as the ingest's sink (`gongkai.ingest.sink.ReportSink`): the web library."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from gongkai.ingest.sink import Outcome
from gongkai.web.ingest.actions import do_collect_batch
from gongkai.web.ingest.matching import agency_index
from gongkai.web.ingest.models import CollectedFile, IngestRun


class DatabaseSink:
    """Writes each batch in one transaction (`do_collect_batch`); knows a file by the
    sha256 of its bytes, whichever run or machine collected it, and whatever came of it."""

    def __init__(self, run: IngestRun) -> None:
        self.run = run
        self.index = agency_index()  # the tree once per run
        self.counts: Counter[str] = Counter()

    def known(self, digests: Collection[str]) -> set[str]:
        held = CollectedFile.objects.filter(sha256__in=list(digests))
        return set(held.values_list("sha256", flat=True))  # type: ignore[arg-type]

    def write(self, outcomes: Sequence[Outcome]) -> None:
        self.counts += do_collect_batch(self.run, outcomes, self.index)

    def close(self) -> None:
        pass
