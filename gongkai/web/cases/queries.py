"""Reading the register: table 三 compiled in four GROUP BY queries, the cases behind a cell,
and the officers' work lists; all served by the indexes on Application."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet

from gongkai import messages
from gongkai.cases.fees import per_item_fee
from gongkai.cases.procedure import OPEN, State
from gongkai.cases.table import Counts, assemble
from gongkai.roles import Need, roles_for
from gongkai.web.agencies.access import Person, agencies_for
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.cases.models import Application
from gongkai.web.holidays.calendar import work_calendar
from gongkai.workdays import Deadline, add_workdays

SOON_DAYS = 3


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def cell_filter(row: str, year: int) -> Q:
    """Which applications a row of table 三 counts in `year` (see gongkai.cases.table)."""
    start, end = _year_bounds(year)
    still_open_at = {
        "carried_over": Q(answered_on__isnull=True) | Q(answered_on__gte=start),
        "carry_forward": Q(answered_on__isnull=True) | Q(answered_on__gt=end),
    }
    if row == "new_received":
        return Q(received_on__gte=start, received_on__lte=end)
    if row == "carried_over":
        return Q(received_on__lt=start) & still_open_at[row]
    if row == "carry_forward":
        return Q(received_on__lte=end) & still_open_at[row]
    return Q(answered_on__gte=start, answered_on__lte=end, received_on__lte=end, outcome=row)


def compiled_counts(cases: QuerySet[Application], year: int) -> Counts:
    counts = Counts()
    start, end = _year_bounds(year)
    for row in ("new_received", "carried_over", "carry_forward"):
        grouped = cases.filter(cell_filter(row, year)).values("applicant_type")
        for item in grouped.annotate(n=Count("id")).order_by():
            counts.add(row, item["applicant_type"], item["n"])
    answered = cases.filter(answered_on__gte=start, answered_on__lte=end, received_on__lte=end)
    for item in answered.values("outcome", "applicant_type").annotate(n=Count("id")).order_by():
        counts.add(item["outcome"], item["applicant_type"], item["n"])
    return counts


def table_three(agencies: QuerySet[Agency], year: int) -> dict[str, list[int]]:
    """Table 三 of one agency or a whole region (every agency in `agencies`)."""
    cases = Application.objects.filter(agency__in=agencies)
    return assemble(compiled_counts(cases, year))


@dataclass(frozen=True)
class Inbox:
    """A work list: the cases waiting for a kind of work, at the agencies where the person
    may do it (`need`)."""

    key: str
    label: str
    need: Need


INBOXES = (
    Inbox("mine", "待我办理", Need.HANDLE),
    Inbox("intake", "待受理", Need.HANDLE),
    Inbox("review", "待审核", Need.REVIEW),
    Inbox("sign", "待签发", Need.SIGN),
    Inbox("extension", "待批准延期", Need.REVIEW),
    Inbox("soon", "3个工作日内到期", Need.READ),
    Inbox("overdue", "已超期", Need.READ),
    Inbox("waiting", "待申请人或第三方", Need.READ),
)
INBOX_LABELS = {box.key: box.label for box in INBOXES}
_OPEN = [s.value for s in OPEN]
_WAITING = {
    "intake": State.SUBMITTED,
    "review": State.DRAFTED,
    "sign": State.REVIEWED,
    "extension": State.EXTENSION_REQUESTED,
}


def inbox(user: Person, key: str, today: dt.date | None = None) -> QuerySet[Application]:
    """The cases of one inbox for `user`."""
    box = next(b for b in INBOXES if b.key == key)
    return work_list(agencies_for(user, box.need), key, user.pk, today)


def work_list(
    agencies: QuerySet[Agency], which: str, user_id: int | None, today: dt.date | None = None
) -> QuerySet[Application]:
    """Cases of `agencies` waiting for one kind of work (an inbox's key), or all open."""
    cases = Application.objects.filter(agency__in=agencies)
    found = cases.filter(_waiting(which, user_id, today or dt.date.today()))
    return found.select_related("agency").order_by("due_on", "id")


def counting_into(first: dt.date, last: dt.date) -> QuerySet[Application]:
    """The open cases whose deadline may count a day from `first` to `last` (a corrected
    calendar's changed days): due on or after the first, received before the last (a clock
    starts on its receipt day or on a later 补正's). From the index `application_deadline`."""
    found = Application.objects.filter(due_on__gte=first, received_on__lt=last)
    return found.filter(state__in=_OPEN).order_by()


def _waiting(which: str, user_id: int | None, today: dt.date) -> Q:
    if which in _WAITING:
        return Q(state=_WAITING[which])
    if which == "waiting":
        return Q(state__in=[State.CORRECTION, State.CONSULTING, State.FEE])
    running = Q(state__in=_OPEN)
    if which == "mine":
        return running & Q(assignee_id=user_id)
    if which == "soon":
        soon = add_workdays(work_calendar(), today, SOON_DAYS)
        return running & Q(due_on__gte=today, due_on__lte=soon)
    if which == "overdue":
        return running & Q(due_on__lt=today)
    return running


def fee_hint(case: Application) -> str:
    """What 按件计收 would charge for this application (109号 第四条): the applicant's items
    received earlier in the same calendar month count first."""
    if case.received_on is None:
        return ""
    month = case.received_on.replace(day=1)
    same = Application.objects.filter(
        agency_id=case.agency_id,
        applicant_name=case.applicant_name,
        contact=case.contact,
        received_on__gte=month,
        received_on__lte=case.received_on,
        pk__lt=case.pk,
    )
    earlier = same.count()
    fee = per_item_fee(earlier, 1)
    return messages.FEE_HINT.format(nth=earlier + 1, fee=fee)


FEE_HINT = (
    "按件计收参考：该申请人本月第{nth}件，应收{fee}元（国办函〔2020〕109号第四条；按量计收另算）"
)


def handlers_of(agencies: QuerySet[Agency]) -> list[User]:
    """The people who may handle applications at `agencies` (whom a case may be given to)."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__agency__in=agencies,
            memberships__role__in=sorted(roles_for(Need.HANDLE)),
        )
        .distinct()
        .order_by("username")
    )


RECOMPUTED_DAYS = 30


def recomputed_for(user: Person, today: dt.date) -> list[dict[str, object]]:
    """Deadlines a new calendar moved in the last 30 days, of the cases `user` handles."""
    since = today - dt.timedelta(days=RECOMPUTED_DAYS)
    mine = Application.objects.filter(assignee_id=user.pk, state__in=_OPEN)
    events = AuditEvent.objects.filter(
        event_type=EventType.DEADLINE_RECOMPUTED,
        object_type="case",
        object_id__in=mine.values("pk"),
        at__date__gte=since,
    ).order_by("-at", "-id")[:100]
    numbers = dict(mine.values_list("pk", "number"))
    return [
        {
            "case": e.object_id,
            "number": numbers.get(e.object_id or 0, ""),
            "old": due_of(e.before),
            "new": due_of(e.after),
            "reason": e.reason,
        }
        for e in events
    ]


def due_of(values: dict[str, Any] | None) -> str:
    """A deadline as an audit event keeps it, shown with its 暂定 mark."""
    values = values or {}
    if not values.get("due_on"):
        return ""
    day = dt.date.fromisoformat(values["due_on"])
    return str(Deadline(day, bool(values.get("provisional"))))
