"""What the collections pages show: runs with their outcomes counted, the review queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from gongkai.web.agencies.models import Agency
from gongkai.web.ingest.models import CollectedFile, IngestRun

STALE = dt.timedelta(hours=1)  # an unfinished run silent this long was stopped


@dataclass(frozen=True)
class RunRow:
    run: IngestRun
    counts: dict[str, int]
    state: str


def run_rows(runs: QuerySet[IngestRun], now: dt.datetime) -> list[RunRow]:
    counted = runs.select_related("collection", "user").annotate(
        last=Max("files__at"),
        **{
            o.value: Count("files", filter=Q(files__outcome=o.value)) for o in CollectedFile.Outcome
        },
    )
    return [RunRow(r, _counts(r), _state(r, now)) for r in counted]


def _counts(run: IngestRun) -> dict[str, int]:
    return {o.value: getattr(run, o.value) for o in CollectedFile.Outcome}


def _state(run: IngestRun, now: dt.datetime) -> str:
    if run.finished_at is not None:
        return "已完成"
    last = getattr(run, "last", None) or run.started_at
    return "已中断（用同样的参数再次运行即可续传）" if now - last > STALE else "正在导入"


def pending_files() -> QuerySet[CollectedFile]:
    return (
        CollectedFile.objects.filter(outcome=CollectedFile.Outcome.PENDING)
        .select_related("run__collection")
        .defer("source")
    )


def agency_choices(ids: Iterable[int]) -> dict[int, str]:
    """Agencies by id, named with their region (吴忠市 盐池县 财政局) to tell them apart."""
    agencies = list(Agency.objects.filter(pk__in=set(ids)))
    above = {int(i) for a in agencies for i in a.path.strip("/").split("/")[:-1] if i}
    names = dict(Agency.objects.filter(pk__in=above).values_list("pk", "name"))
    return {
        a.pk: " ".join(
            [*(names.get(int(i), "") for i in a.path.strip("/").split("/")[:-1] if i), a.name]
        )
        for a in agencies
    }


def search_agencies(text: str, limit: int = 20) -> dict[int, str]:
    found = Agency.objects.filter(name__contains=text).order_by("path")[:limit]
    return agency_choices(a.pk for a in found)
