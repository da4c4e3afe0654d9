"""The daily digest: each officer's cases due within 3 working days and overdue, by e-mail."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db.models import QuerySet

from gongkai.web.agencies.access import Role, agencies_for
from gongkai.web.cases.models import Application
from gongkai.web.cases.queries import work_list

SUBJECT = "政府信息公开申请办理提醒（{day}）：{soon}件即将到期，{overdue}件已逾期"


def digest_text(soon: QuerySet[Application], overdue: QuerySet[Application]) -> str:
    lines = []
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
        is_active=True, memberships__role__in=[Role.OFFICER, Role.APPROVER]
    ).exclude(email="")
    for officer in officers.distinct():
        agencies = agencies_for(officer, (Role.OFFICER, Role.APPROVER))
        soon = work_list(agencies, "soon", officer.pk, day)
        overdue = work_list(agencies, "overdue", officer.pk, day)
        if not soon and not overdue:
            continue
        subject = SUBJECT.format(day=day.isoformat(), soon=soon.count(), overdue=overdue.count())
        send_mail(subject, digest_text(soon, overdue), None, [officer.email])
        sent += 1
    return sent
