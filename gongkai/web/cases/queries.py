"""Reading the register: table 三 compiled in four GROUP BY queries, the cases behind a cell,
and the officers' work lists; all served by the indexes on Application."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from gongkai import messages
from gongkai.cases.fees import per_item_fee
from gongkai.cases.procedure import OPEN, State
from gongkai.cases.table import Counts, assemble
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.models import Application
from gongkai.workdays import add_workdays, default_calendar

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


def work_list(
    agencies: QuerySet[Agency], which: str, user_id: int | None, today: dt.date | None = None
) -> QuerySet[Application]:
    """Open cases of the officer's agencies: mine, due soon, overdue, waiting, or all."""
    today = today or dt.date.today()
    cases = Application.objects.filter(agency__in=agencies, state__in=[s.value for s in OPEN])
    if which == "mine":
        cases = cases.filter(assignee_id=user_id)
    elif which == "soon":
        soon = add_workdays(default_calendar(), today, SOON_DAYS)
        cases = cases.filter(due_on__gte=today, due_on__lte=soon)
    elif which == "overdue":
        cases = cases.filter(due_on__lt=today)
    elif which == "waiting":
        cases = cases.filter(state__in=[State.CORRECTION, State.CONSULTING, State.FEE])
    return cases.select_related("agency").order_by("due_on", "id")


WORK_LISTS = (
    ("open", "全部在办"),
    ("mine", "我承办的"),
    ("soon", "3个工作日内到期"),
    ("overdue", "已逾期"),
    ("waiting", "等待申请人或第三方"),
)


def fee_hint(case: Application) -> str:
    """What 按件计收 would charge for this application (109号 第四条): the applicant's items
    received earlier in the same calendar month count first."""
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
