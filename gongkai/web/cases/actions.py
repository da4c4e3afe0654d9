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
from gongkai.cases.procedure import OPEN, State, step_for
from gongkai.cases.table import OUTCOME_ROWS
from gongkai.errors import GongkaiError
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.models import Application, CaseCounter, CaseEvent, clock_json
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
    CaseEvent.objects.create(
        application=case,
        user=user,
        action="register",
        label="登记",
        to_state=case.state,
        on=received,
        note=case.get_channel_display(),
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
    current = Application.objects.get(pk=case.pk)
    if current.version != given.version:
        raise Conflict(_what_changed(current))
    step = step_for(State(current.state), given.action)
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
    if step.action == "send_back":
        changes |= {"outcome": "", "basis": ""}
    updated = Application.objects.filter(pk=case.pk, version=given.version).update(**changes)
    if updated != 1:  # someone else stepped in between our read and our write
        raise Conflict(_what_changed(Application.objects.get(pk=case.pk)))
    CaseEvent.objects.create(
        application=current,
        user=user,
        action=step.action,
        label=step.label,
        from_state=current.state,
        to_state=step.target.value,
        on=given.on,
        note=given.note.strip()[:500],
    )
    return Application.objects.get(pk=case.pk)


def _what_changed(case: Application) -> str:
    last = case.events.order_by("-at", "-id").select_related("user").first()
    who = last.user.username if last and last.user else "他人"
    step = last.label if last else "办理"
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
                split_from=current,
            )
        )
    current.request = wanted[0]
    current.version += 1
    current.save(update_fields=["request", "version"])
    numbers = "、".join(m.number for m in made)
    for part in [current, *made]:
        CaseEvent.objects.create(
            application=part,
            user=user,
            action="split",
            label="拆分申请",
            from_state=current.state,
            to_state=current.state,
            on=dt.date.today(),
            note=messages.SPLIT_NOTE.format(number=current.number, parts=numbers),
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
