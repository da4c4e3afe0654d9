"""What gongkai tells, to whom, and when (issue 12): handlers of a new case, of an assignment
and of deadlines; the applicant of the receipt and of the answer. Each notice is queued when
the change commits (`gongkai.web.notify.tasks.deliver`); with no backend configured nothing
is queued at all. Notices name cases by number, never the applicant (group robots reach a
whole office), and never carry the access code."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from gongkai.cases.tracking import PUBLIC_OUTCOMES
from gongkai.roles import Need, roles_for
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.models import Application
from gongkai.web.cases.queries import work_list
from gongkai.web.notify.backends import Message
from gongkai.web.notify.tasks import deliver

NEW_CASE = "{agency}收到政府信息公开申请{number}（{channel}），答复期限{due}。申请内容：{request}"
RECEIPT = (
    "{agency}已于{received}收到您的政府信息公开申请（申请编号：{number}），将于{due}前答复。"
    "请凭提交申请时取得的查询码查询办理进度。"
)
ASSIGNED = "申请{number}已分配给{name}办理，答复期限{due}。"
ANSWERED = (
    "{agency}已于{on}答复您的政府信息公开申请（申请编号：{number}）：{outcome}。"
    "请凭查询码在查询页面下载答复书。"
)
DEADLINES = "3个工作日内到期{soon}件：{soon_numbers}；已超期{overdue}件：{overdue_numbers}。"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def notify(message: Message) -> None:
    """Queue `message` once the current transaction commits (at once outside of one)."""
    if settings.NOTIFY_BACKENDS:
        transaction.on_commit(lambda: deliver.enqueue(message.as_json()))


def contact_channels(contact: str) -> tuple[list[str], list[str]]:
    """The e-mail addresses and mainland mobile numbers in an applicant's contact details."""
    return EMAIL.findall(contact), MOBILE.findall(re.sub(r"[\s-]", "", contact))


def handlers_of(agency: Agency) -> list[str]:
    """The e-mail addresses of the people who handle the agency's applications."""
    people = User.objects.filter(
        is_active=True,
        memberships__agency=agency,
        memberships__role__in=sorted(roles_for(Need.HANDLE)),
    ).exclude(email="")
    return sorted(set(people.values_list("email", flat=True)))


def _day(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（计时暂停）"


def _to_applicant(case: Application, subject: str, text: str) -> None:
    emails, phones = contact_channels(case.contact)
    if emails or phones:
        notify(Message(subject, text, emails, phones, group=False))


def case_registered(case: Application) -> None:
    """A new case: its handlers are told, and the applicant gets the receipt."""
    facts = {"agency": case.agency.name, "number": case.number, "due": _day(case.due_on)}
    text = NEW_CASE.format(**facts, channel=case.get_channel_display(), request=case.request[:100])
    notify(Message(f"新申请：{case.number}", text, handlers_of(case.agency)))
    receipt = RECEIPT.format(**facts, received=_day(case.received_on))
    _to_applicant(case, "政府信息公开申请回执", receipt)


def case_assigned(case: Application, user: User) -> None:
    """A case given to a handler (分办): they are told."""
    name = user.get_full_name() or user.username
    text = ASSIGNED.format(number=case.number, name=name, due=_day(case.due_on))
    notify(Message(f"分办：{case.number}", text, [user.email] if user.email else []))


def case_answered(case: Application) -> None:
    """The answer given: the applicant is told where to read it."""
    text = ANSWERED.format(
        agency=case.agency.name,
        on=_day(case.answered_on),
        number=case.number,
        outcome=PUBLIC_OUTCOMES.get(case.outcome, "已依法处理"),
    )
    _to_applicant(case, "政府信息公开申请答复通知", text)


def deadlines(day: dt.date) -> int:
    """Each agency with cases due within 3 working days or overdue: its handlers and groups
    are told which; returns how many notices were queued."""
    sent = 0
    for agency in Agency.objects.filter(applications__isnull=False).distinct():
        scope = Agency.objects.filter(pk=agency.pk)
        soon = [c.number for c in work_list(scope, "soon", None, day)]
        overdue = [c.number for c in work_list(scope, "overdue", None, day)]
        if not soon and not overdue:
            continue
        text = DEADLINES.format(
            soon=len(soon),
            soon_numbers="、".join(soon) or "无",
            overdue=len(overdue),
            overdue_numbers="、".join(overdue) or "无",
        )
        notify(Message(f"{agency.name}办理期限提醒（{_day(day)}）", text, handlers_of(agency)))
        sent += 1
    return sent
