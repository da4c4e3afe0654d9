"""Every change bulk ingest makes is an action here: a run started and finished, a batch of
files collected (one transaction: the batch is there whole or not at all), a pending file's
agency named by an administrator, or a file not collected. Each is audited once.

Exactly once: a file is claimed by inserting its sha256 (unique) with the batch; a file
another run or machine claimed first is left to it (PostgreSQL makes the second insert wait
for the first transaction, then skips it). Several machines at once (issue 14): a batch
first locks the rows of the agencies it names, so a second machine's batch of one of them
waits, then finds the first one's reports and sends its own file of the same agency and
year to the review queue; every lock is taken in one order (agencies by id, then files by
sha256), so two batches never deadlock. A report of the same agency and year stored by
another path at that moment (a person publishing) rolls the batch back: it is written
again, when the file goes to the review queue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.agency_names import AgencyIndex, How, NameMatch
from gongkai.errors import GongkaiError
from gongkai.ingest.sink import Failed, Ingested, Outcome
from gongkai.model import Report
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType
from gongkai.web.ingest.models import CollectedFile, Collection, IngestRun
from gongkai.web.reports.actions import Collecting, store_collected
from gongkai.web.reports.models import PublishedReport

ATTEMPTS = 3  # a batch rolled back by another machine's report of the same agency and year
Pending = CollectedFile.Reason


class CollectProblem(GongkaiError):
    code = "ingest.collect"
    http_status = 409


NOT_PENDING = "该文件已处理（{outcome}），无需再确认"
YEAR_TAKEN = "{agency}{year}年度已有已发布的报告，不能再收录；如确属另一份报告，请先核对"
NO_YEAR = "请填写报告年度"


@transaction.atomic
def do_start_ingest(
    collection: str, sources: Sequence[str], *, user: User | None, host: str, workers: int
) -> IngestRun:
    """A run of the command under a collection (created on first use)."""
    named, _ = Collection.objects.get_or_create(name=collection.strip()[:100])
    run = IngestRun.objects.create(
        collection=named, user=user, host=host[:100], sources=list(sources)
    )
    record(
        EventType.INGEST_STARTED,
        run,
        user=user,
        agency_id=None,
        after={
            "collection": named.name,
            "sources": list(sources),
            "workers": workers,
            "host": host,
        },
    )
    return run


def do_collect_batch(
    run: IngestRun, outcomes: Sequence[Outcome], index: AgencyIndex
) -> Counter[str]:
    """Store a batch of the run's outcomes; returns how many were stored, pending, failed."""
    for attempt in range(ATTEMPTS):
        try:
            return _collect_batch(run, outcomes, index)
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


@dataclass
class _Placed:
    outcome: Ingested
    file: CollectedFile
    agency: Agency | None = None


@transaction.atomic
def _collect_batch(run: IngestRun, outcomes: Sequence[Outcome], index: AgencyIndex) -> Counter[str]:
    readings = [_Placed(o, _file(run, o)) for o in outcomes if isinstance(o, Ingested)]
    failures = [_failed_file(run, o) for o in outcomes if isinstance(o, Failed)]
    _place(readings, index)
    CollectedFile.objects.bulk_create(
        sorted([*(p.file for p in readings), *failures], key=lambda f: f.sha256 or ""),
        ignore_conflicts=True,  # in one order: two machines' inserts of one file never cross
    )
    ours = dict(
        CollectedFile.objects.filter(
            run=run, sha256__in=[o.sha256 for o in outcomes if o.sha256]
        ).values_list("sha256", "pk")
    )
    stored = [p for p in readings if p.agency is not None and p.outcome.sha256 in ours]
    reports = store_collected([_collecting(p) for p in stored], run.user)
    for placed, report in zip(stored, reports):
        placed.file.pk, placed.file.report = ours[placed.outcome.sha256], report
    CollectedFile.objects.bulk_update([p.file for p in stored], ["report"])
    counts = Counter(
        f.outcome
        for f in [*(p.file for p in readings), *failures]
        if f.sha256 in ours or not f.sha256
    )
    record(EventType.REPORTS_COLLECTED, run, user=run.user, agency_id=None, after=dict(counts))
    return counts


def _file(run: IngestRun, outcome: Ingested) -> CollectedFile:
    report = outcome.report
    return CollectedFile(
        sha256=outcome.sha256,
        run=run,
        name=outcome.name[-500:],
        outcome=CollectedFile.Outcome.STORED,
        agency_name=(report.agency or "")[:200],
        year=report.year,
        pages=outcome.pages,
    )


def _failed_file(run: IngestRun, outcome: Failed) -> CollectedFile:
    return CollectedFile(
        sha256=outcome.sha256,
        run=run,
        name=outcome.name[-500:],
        outcome=CollectedFile.Outcome.FAILED,
        problem=outcome.message[:500],
    )


def _place(readings: list[_Placed], index: AgencyIndex) -> None:
    """Each report's agency by name, or the reason a person must name it."""
    matches = {id(p): index.match(p.outcome.report.agency) for p in readings}
    agencies = hold_agencies([m.agency for m in matches.values() if m.agency])
    taken = _taken(readings, matches)  # after the locks: what the batches before us stored
    for placed in readings:
        match, year = matches[id(placed)], placed.outcome.report.year
        if year is None:
            _pend(placed, Pending.NO_YEAR, match.candidates)
        elif match.agency is None:
            reason = Pending.AMBIGUOUS if match.how == How.AMBIGUOUS else Pending.UNMATCHED
            _pend(placed, reason, match.candidates)
        elif (match.agency, year) in taken:
            _pend(placed, Pending.YEAR_TAKEN, (match.agency,))
        else:
            placed.agency = agencies[match.agency]
            taken.add((match.agency, year))


def hold_agencies(ids: Iterable[int]) -> dict[int, Agency]:
    """These agencies, their rows locked until the transaction ends (in the order of their
    ids, so that two batches never wait on each other): another machine's batch that names
    one of them waits here. NO KEY: reports and cases may still be added under them."""
    held = Agency.objects.filter(pk__in=set(ids)).order_by("pk").select_for_update(no_key=True)
    return {agency.pk: agency for agency in held}


def _taken(readings: list[_Placed], matches: dict[int, NameMatch]) -> set[tuple[int, int]]:
    """The (agency, year) pairs of the batch that already have a published report."""
    wanted = Q(pk__in=[])
    for placed in readings:
        agency = matches[id(placed)].agency
        if agency and placed.outcome.report.year:
            wanted |= Q(agency_id=agency, year=placed.outcome.report.year)
    published = PublishedReport.objects.filter(wanted, status=PublishedReport.Status.PUBLISHED)
    return set(published.values_list("agency_id", "year"))


def _pend(placed: _Placed, reason: str, candidates: tuple[int, ...]) -> None:
    report = placed.outcome.report
    placed.file.outcome, placed.file.reason = CollectedFile.Outcome.PENDING, reason
    placed.file.candidates = list(candidates)
    placed.file.data = report.to_json()
    placed.file.source = placed.outcome.source or b""


def _collecting(placed: _Placed) -> Collecting:
    assert placed.agency is not None
    return Collecting(
        placed.agency, placed.outcome.report, placed.outcome.name, placed.outcome.source or b""
    )


@transaction.atomic
def do_finish_ingest(run: IngestRun, summary: dict[str, float | int]) -> IngestRun:
    """The run's end, with what it read (and what was there before)."""
    counts = Counter(run.files.values_list("outcome", flat=True))
    run.finished_at = timezone.now()
    run.summary = {**summary, **counts}
    run.save(update_fields=["finished_at", "summary"])
    record(EventType.INGEST_FINISHED, run, user=run.user, agency_id=None, after=run.summary)
    return run


def _locked_pending(file: CollectedFile) -> CollectedFile:
    locked = (
        CollectedFile.objects.select_for_update().select_related("run__collection").get(pk=file.pk)
    )
    if locked.outcome != CollectedFile.Outcome.PENDING:
        raise CollectProblem(NOT_PENDING.format(outcome=locked.get_outcome_display()))
    return locked


@transaction.atomic
def do_assign_agency(
    file: CollectedFile, agency: Agency, user: User, year: int | None = None
) -> PublishedReport:
    """An administrator names the agency of a pending file (and its year, when none was
    read): the report is collected into the library under it."""
    locked = _locked_pending(file)
    assert locked.data is not None
    report = Report.model_validate(locked.data)
    year = report.year or year
    if year is None:
        raise CollectProblem(NO_YEAR)
    report = report.model_copy(update={"year": year})
    hold_agencies([agency.pk])  # a run's batch of the same agency waits, and sees this one
    held = PublishedReport.objects.filter(
        agency=agency, year=year, status=PublishedReport.Status.PUBLISHED
    ).first()
    if held is not None:
        raise CollectProblem(YEAR_TAKEN.format(agency=agency.name, year=year))
    (stored,) = store_collected(
        [Collecting(agency, report, locked.name, bytes(locked.source))], user
    )
    before = {"reason": locked.reason, "candidates": locked.candidates}
    locked.outcome, locked.report, locked.data, locked.source = (
        CollectedFile.Outcome.STORED,
        stored,
        None,
        b"",
    )
    locked.save(update_fields=["outcome", "report", "data", "source"])
    record(
        EventType.COLLECTED_ASSIGNED,
        stored,
        user=user,
        agency_id=agency.pk,
        before=before,
        after={"file": locked.name, "collection": locked.run.collection.name, "year": year},
    )
    return stored


@transaction.atomic
def do_dismiss_collected(file: CollectedFile, user: User, reason: str) -> CollectedFile:
    """A pending file not to be collected (not a report, a copy of another…): its bytes
    are dropped, its name and reading kept."""
    locked = _locked_pending(file)
    locked.outcome, locked.source = CollectedFile.Outcome.DISMISSED, b""
    locked.save(update_fields=["outcome", "source"])
    record(
        EventType.COLLECTED_DISMISSED,
        locked,
        user=user,
        agency_id=None,
        after={"file": locked.name, "collection": locked.run.collection.name},
        reason=reason.strip(),
    )
    return locked
