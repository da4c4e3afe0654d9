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
from gongkai.workdays import default_calendar


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


@transaction.atomic
def do_register(
    agency: Agency, user: User | None, facts: dict[str, Any]
) -> tuple[Application, str]:
    """Register an application with the next number of its agency and year; returns it and
    the access code the applicant uses to follow it (shown once, kept only as a hash)."""
    received: dt.date = facts["received_on"]
    due = answer_due(default_calendar(), Clock(start=received))  # CalendarGap before a number
    if not CaseCounter.objects.filter(agency=agency, year=received.year).exists():
        # The first number of the year follows any case already there (an import).
        taken = Application.objects.filter(agency=agency, year=received.year)
        last = taken.aggregate(n=Max("serial"))["n"] or 0
        CaseCounter.objects.bulk_create(
            [CaseCounter(agency=agency, year=received.year, last=last)], ignore_conflicts=True
        )
    counter = CaseCounter.objects.select_for_update().get(agency=agency, year=received.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    code = secrets.token_hex(4).upper()
    case = Application.objects.create(
        agency=agency,
        year=received.year,
        serial=counter.last,
        number=_number(agency, received.year, counter.last),
        clock=clock_json(Clock(start=received)),
        due_on=due,
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
    clock = after_step(current.work_clock(), step, given.on)
    changes: dict[str, Any] = {
        "state": step.target.value,
        "clock": clock_json(clock),
        "due_on": answer_due(default_calendar(), clock) if step.target in OPEN else None,
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
