"""Copy detection run over the library (`gongkai.copies.find_copies`) and its result kept:
the only writer of `SectionCopy` and `CopyRun`, audited once per run.

Idempotent: a run replaces every copy it could have found again — pairs of two reports it
compared of which one is in its year — and nothing else, in one transaction; the
computation before it only reads.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet

from gongkai.copies import CopyPair, CopySettings, ReportText, find_copies
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType
from gongkai.web.copies.models import CopyRun, SectionCopy
from gongkai.web.reports.models import PublishedReport

ALL_REGIONS = "全部机关"
ALL_YEARS = "全部年度"


def scope_of(
    year: int | None, region: Agency | None
) -> tuple[QuerySet[PublishedReport], QuerySet[PublishedReport]]:
    """The published reports a run compares (the year's and the year before's, so that each
    agency's report meets its last one) and those whose copies it finds (the year's)."""
    published = PublishedReport.objects.filter(status=PublishedReport.Status.PUBLISHED)
    if region is not None:
        published = published.filter(agency__path__startswith=region.path)
    if year is None:
        return published, published
    return published.filter(year__in=(year - 1, year)), published.filter(year=year)


def report_texts(reports: QuerySet[PublishedReport]) -> tuple[list[ReportText], dict[str, int]]:
    """What copy detection needs of each report — its agency's name (never evidence of a
    copy) and its sections, read out of its JSON — and each report's agency by key."""
    rows = reports.order_by("id").values_list(
        "id", "agency_id", "agency__name", "year", "data__sections"
    )
    texts, agencies = [], {}
    for pk, agency_id, name, year, sections in rows:
        texts.append(ReportText(str(pk), name, year, sections or {}))
        agencies[str(pk)] = agency_id
    return texts, agencies


def do_find_copies(
    year: int | None, region: Agency | None, *, user: User | None, workers: int = 1
) -> CopyRun:
    """Find the copies among the scope's published reports and keep them, replacing the
    previous result for the same scope."""
    compared, target = scope_of(year, region)
    texts, agencies = report_texts(compared)
    found = find_copies(texts, CopySettings(workers=workers))
    wanted = {str(pk) for pk in target.values_list("id", flat=True)}
    kept = [_row(p, agencies) for p in found if p.left in wanted or p.right in wanted]
    return _store(kept, compared, target, year, region, user, len(texts))


@transaction.atomic
def _store(
    kept: list[SectionCopy],
    compared: QuerySet[PublishedReport],
    target: QuerySet[PublishedReport],
    year: int | None,
    region: Agency | None,
    user: User | None,
    count: int,
) -> CopyRun:
    SectionCopy.objects.filter(left__in=compared, right__in=compared).filter(
        Q(left__in=target) | Q(right__in=target)
    ).delete()
    SectionCopy.objects.bulk_create(kept, batch_size=1000)
    run = CopyRun.objects.create(
        year=year, region=region, compared=count, copies=len(kept), user=user
    )
    after = {
        "year": year if year is not None else ALL_YEARS,
        "region": region.name if region else ALL_REGIONS,
        "compared": count,
        "copies": len(kept),
    }
    record(
        EventType.COPIES_FOUND,
        run,
        user=user,
        agency_id=region.pk if region else None,
        after=after,
    )
    return run


def _row(pair: CopyPair, agencies: dict[str, int]) -> SectionCopy:
    """The pair as kept; one agency by its id (two agencies may share a name)."""
    return SectionCopy(
        section=pair.section,
        left_id=int(pair.left),
        right_id=int(pair.right),
        left_share=pair.left_share,
        right_share=pair.right_share,
        same_agency=agencies[pair.left] == agencies[pair.right],
        passages=_passages(pair),
    )


def _passages(pair: CopyPair) -> list[object]:
    return [
        [list(p.left), list(p.right), [[list(a), list(b)] for a, b in p.matches]]
        for p in pair.passages
    ]
