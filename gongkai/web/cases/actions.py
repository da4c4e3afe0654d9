"""Every change to the register is a do_* action: one transaction, audited, and refused when
someone else changed the case first (optimistic locking on `version`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from gongkai import messages
from gongkai.cases.clock import Clock, after_step, answer_due
from gongkai.cases.procedure import OPEN, State, check_step, step_for
from gongkai.cases.table import OUTCOME_ROWS
from gongkai.errors import GongkaiError
from gongkai.web.agencies.access import is_administrator, roles_at
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import events_of, record
from gongkai.web.audit.models import EventType
from gongkai.web.cases.models import (
    Application,
    Attachment,
    CaseCounter,
    LetterTemplate,
    clock_json,
)
from gongkai.workdays import answer_deadline, default_calendar


class Conflict(GongkaiError):
    code = "cases.conflict"
    http_status = 409


class CaseProblem(GongkaiError):
    code = "cases.invalid"


def access_digest(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def _number(agency: Agency, year: int, serial: int) -> str:
    try:
        return agency.case_number_pattern.format(year=year, serial=serial)
    except (KeyError, IndexError, ValueError):
        return f"{year}-{serial}"


def _next_serial(agency: Agency, year: int) -> int:
    """The agency's next case number of the year, its counter locked until the transaction
    ends: unique and gap-free however many people register at once."""
    if not CaseCounter.objects.filter(agency=agency, year=year).exists():
        # The first number of the year follows any case already there (an import).
        taken = Application.objects.filter(agency=agency, year=year)
        last = taken.aggregate(n=Max("serial"))["n"] or 0
        CaseCounter.objects.bulk_create(
            [CaseCounter(agency=agency, year=year, last=last)], ignore_conflicts=True
        )
    counter = CaseCounter.objects.select_for_update().get(agency=agency, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def do_register(
    agency: Agency, user: User | None, facts: dict[str, Any]
) -> tuple[Application, str]:
    """Register an application with the next number of its agency and year; returns it and
    the access code the applicant uses to follow it (shown once, kept only as a hash)."""
    received: dt.date = facts["received_on"]
    due = answer_deadline(default_calendar(), received)  # CalendarGap before a number
    serial = _next_serial(agency, received.year)
    code = secrets.token_hex(4).upper()
    case = Application.objects.create(
        agency=agency,
        year=received.year,
        serial=serial,
        number=_number(agency, received.year, serial),
        clock=clock_json(Clock(start=received)),
        due_on=due.day,
        assignee=user,
        access_digest=access_digest(code),
        **facts,
    )
    record(
        EventType.CASE_REGISTERED,
        case,
        user=user,
        agency_id=agency.pk,
        after={"state": case.state, "on": received, "channel": case.channel, "number": case.number},
    )
    return case, code


@dataclass(frozen=True)
class StepInput:
    action: str
    on: dt.date
    version: int
    outcome: str = ""
    basis: str = ""
    note: str = ""
    delivery_method: str = ""
    fee_yuan: Decimal | None = None


@transaction.atomic
def do_step(case: Application, user: User, given: StepInput) -> Application:
    """Take one step of the procedure on a case, or say why not; nothing half-done."""
    current = Application.objects.select_related("agency").get(pk=case.pk)
    if current.version != given.version:
        raise Conflict(_what_changed(current))
    step = step_for(State(current.state), given.action)
    check_step(
        step,
        user.pk,
        roles_at(user, current.agency),
        outcome=step.outcome or given.outcome,
        reviewer=reviewer_of(current),
        administrator=is_administrator(user),
    )
    calendar = default_calendar()
    clock = after_step(current.work_clock(), step, given.on, calendar)
    due = answer_due(calendar, clock) if step.target in OPEN else None
    changes: dict[str, Any] = {
        "state": step.target.value,
        "clock": clock_json(clock),
        "due_on": due.day if due else None,
        "version": current.version + 1,
    }
    outcome = step.outcome or given.outcome
    if step.needs_outcome:
        if outcome not in OUTCOME_ROWS:
            raise CaseProblem(messages.CHOOSE_OUTCOME)
        changes |= {"outcome": outcome, "basis": given.basis.strip()[:300]}
    elif step.outcome:
        changes |= {"outcome": step.outcome, "basis": step.article}
    if step.target == State.ANSWERED:
        changes |= {"answered_on": given.on}
    if step.action == "deliver":
        if not given.delivery_method.strip():
            raise CaseProblem(messages.DELIVERY_METHOD)
        changes |= {"delivered_on": given.on, "delivery_method": given.delivery_method.strip()}
    if step.action == "fee_notice":
        if given.fee_yuan is None or given.fee_yuan <= 0:
            raise CaseProblem(messages.FEE_AMOUNT)
        changes |= {"fee_yuan": given.fee_yuan}
    if step.action == "fee_paid":
        changes |= {"fee_paid_on": given.on}
    if step.action == "send_back":
        changes |= {"outcome": "", "basis": ""}
    updated = Application.objects.filter(pk=case.pk, version=given.version).update(**changes)
    if updated != 1:  # someone else stepped in between our read and our write
        raise Conflict(_what_changed(Application.objects.get(pk=case.pk)))
    record(
        EventType.CASE_STEP,
        current,
        user=user,
        agency_id=current.agency_id,
        before={"state": current.state, "due_on": current.due_on},
        after={
            "action": step.action,
            "label": step.label,
            "state": step.target.value,
            "on": given.on,
            "due_on": changes["due_on"],
            **{k: changes[k] for k in ("outcome", "fee_yuan", "delivery_method") if k in changes},
        },
        reason=given.note.strip()[:500],
    )
    return Application.objects.get(pk=case.pk)


def reviewer_of(case: Application) -> int | None:
    """Who reviewed the case's current answer (the last 审核 since it was last drafted)."""
    steps = events_of(case).filter(event_type=EventType.CASE_STEP).order_by("-at", "-id")
    for event in steps.values("user_id", "after"):
        action = (event["after"] or {}).get("action")
        if action == "review":
            return int(event["user_id"]) if event["user_id"] is not None else None
        if action in ("draft", "send_back"):
            return None
    return None


def _what_changed(case: Application) -> str:
    last = events_of(case).order_by("-at", "-id").first()
    who = last.user.username if last and last.user else "他人"
    step = (last.after or {}).get("label", "办理") if last else "办理"
    return messages.CASE_CHANGED.format(who=who, step=step, state=case.state_label())


SPLIT_STATES = (State.REGISTERED, State.CORRECTION, State.CONSULTING)


@transaction.atomic
def do_split(case: Application, user: User, items: list[str], version: int) -> list[Application]:
    """一事一申请: one application asking for several things, answered differently, becomes
    one application per item. The first item keeps the case; each other item is a new
    application with the next number, the same applicant, receipt date and clock, and counts
    on its own in table 三."""
    wanted = [item.strip()[:2000] for item in items if item.strip()]
    if len(wanted) < 2:
        raise CaseProblem(messages.SPLIT_ITEMS)
    current = Application.objects.select_for_update().get(pk=case.pk)
    if current.version != version:
        raise Conflict(_what_changed(current))
    if current.state not in SPLIT_STATES:
        raise CaseProblem(messages.SPLIT_STATE.format(state=current.state_label()))
    made = []
    for item in wanted[1:]:
        serial = _next_serial(current.agency, current.year)
        made.append(
            Application.objects.create(
                **{f: getattr(current, f) for f in COPIED_ON_SPLIT},
                serial=serial,
                number=_number(current.agency, current.year, serial),
                request=item,
                original_request=current.original_request or current.request,
                split_from=current,
            )
        )
    current.original_request = current.original_request or current.request
    current.request = wanted[0]
    current.version += 1
    current.save(update_fields=["request", "original_request", "version"])
    numbers = "、".join(m.number for m in made)
    for part in [current, *made]:
        record(
            EventType.CASE_SPLIT,
            part,
            user=user,
            agency_id=current.agency_id,
            after={
                "label": "拆分申请",
                "request": part.request,
                "parts": [current.number, *(m.number for m in made)],
            },
            reason=messages.SPLIT_NOTE.format(number=current.number, parts=numbers),
        )
    return [current, *made]


COPIED_ON_SPLIT = (
    "agency",
    "year",
    "channel",
    "received_on",
    "applicant_type",
    "applicant_name",
    "id_number",
    "contact",
    "wanted_form",
    "state",
    "clock",
    "due_on",
    "assignee",
    "access_digest",
)


@transaction.atomic
def do_attach_file(case: Application, user: User, name: str, data: bytes) -> Attachment:
    """Keep a file that came with the application or its correction (第二十九条)."""
    attached = Attachment.objects.create(
        application=case, name=name[:255], data=data, size=len(data), user=user
    )
    record(
        EventType.CASE_ATTACHMENT_ADDED,
        case,
        user=user,
        agency_id=case.agency_id,
        after={"attachment": attached.pk, "name": attached.name, "size": attached.size},
    )
    return attached


@transaction.atomic
def do_set_letter_wording(user: User, wording: LetterTemplate, *, remove: bool = False) -> None:
    """An administrator's wording of a letter saved, or removed (the default applies again)."""
    was = LetterTemplate.objects.filter(pk=wording.pk).values("title", "body").first()
    before = dict(was) if was else None
    if remove:
        record(EventType.LETTER_WORDING_SET, wording, user=user, agency_id=None, before=before)
        wording.delete()
        return
    wording.full_clean()
    wording.save()
    after = {"kind": wording.kind, "title": wording.title, "body": wording.body}
    record(
        EventType.LETTER_WORDING_SET,
        wording,
        user=user,
        agency_id=None,
        before=before,
        after=after,
    )
