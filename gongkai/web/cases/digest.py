"""The daily digest: each officer's cases due within 3 working days and overdue, and annual
reports due within 15 days and not yet published, by e-mail."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db.models import QuerySet

from gongkai.roles import Need, roles_for
from gongkai.web.agencies.access import agencies_for
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.models import Application
from gongkai.web.cases.queries import work_list
from gongkai.web.reports.models import PublishedReport
from gongkai.workdays import annual_report_due

SUBJECT = "政府信息公开申请办理提醒（{day}）：{soon}件即将到期，{overdue}件已逾期"


def digest_text(
    soon: QuerySet[Application], overdue: QuerySet[Application], reports: list[str]
) -> str:
    lines = [f"年度报告：{line}" for line in reports]
    for title, cases in (("已逾期", overdue), ("3个工作日内到期", soon)):
        if cases:
            lines.append(f"{title}：")
            lines += [
                f"  {c.number}  {c.agency.name}  答复期限 {c.due_on}  {c.state_label()}"
                for c in cases
            ]
    return "\n".join(lines)


def send_digests(today: dt.date | None = None) -> int:
    """Send each officer with cases to watch one e-mail; returns how many were sent."""
    day = today or dt.date.today()
    sent = 0
    officers = User.objects.filter(
        is_active=True, memberships__role__in=sorted(roles_for(Need.HANDLE))
    ).exclude(email="")
    for officer in officers.distinct():
        agencies = agencies_for(officer, Need.HANDLE)
        soon = work_list(agencies, "soon", officer.pk, day)
        overdue = work_list(agencies, "overdue", officer.pk, day)
        reports = reports_due(agencies, day)
        if not soon and not overdue and not reports:
            continue
        subject = SUBJECT.format(day=day.isoformat(), soon=soon.count(), overdue=overdue.count())
        send_mail(subject, digest_text(soon, overdue, reports), None, [officer.email])
        sent += 1
    return sent


REPORT_DAYS = 15


def reports_due(agencies: QuerySet[Agency], day: dt.date) -> list[str]:
    """Last year's annual reports due within 15 days (or overdue) and not yet published."""
    year = day.year - 1
    published = set(
        PublishedReport.objects.filter(
            agency__in=agencies, year=year, status=PublishedReport.Status.PUBLISHED
        ).values_list("agency_id", flat=True)
    )
    lines = []
    for agency in agencies:
        due = annual_report_due(year, government=agency.is_government())
        if agency.pk not in published and (due - day).days <= REPORT_DAYS:
            lines.append(f"{agency.name}{year}年度报告应于{due.isoformat()}前公布，尚未公布")
    return lines
