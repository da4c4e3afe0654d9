"""Every change to the register is a do_* action: one transaction, audited, and refused when
someone else changed the case first (optimistic locking on `version`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import islice
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Max, QuerySet

from gongkai import messages
from gongkai.cases.assignment import check_assignment
from gongkai.cases.clock import Clock, after_step, answer_due, check_step_date
from gongkai.cases.letters import FeeBasis
from gongkai.cases.procedure import (
    OPEN,
    SEPARATE_ACTIONS,
    ProcedureError,
    State,
    check_step,
    step_for,
)
from gongkai.cases.recompute import DeadlineChange, changed_deadlines, changed_span
from gongkai.cases.responses import Timing, timing_of
from gongkai.cases.step_facts import (
    STEP_KINDS,
    FactsProblem,
    StepFacts,
    Stored,
    audit_facts,
    facts_for_step,
    facts_json,
    fee_amount,
)
from gongkai.cases.table import OUTCOME_ROWS
from gongkai.cases.tracking import code_digest, new_access_code
from gongkai.errors import GongkaiError
from gongkai.roles import Need
from gongkai.web.agencies.access import is_administrator, may, roles_at
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import audit_event, events_of, object_type, record, record_all
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.cases.models import (
    Application,
    Attachment,
    CaseCounter,
    LetterTemplate,
    clock_json,
)
from gongkai.web.cases.personal import protect_identity
from gongkai.web.cases.queries import counting_into
from gongkai.web.cases.timings import (
    ANSWERED,
    CLOCK,
    RUNNING,
    answer_of,
    clock_from,
    timing_fields,
    timings,
)
from gongkai.web.holidays.calendar import work_calendar
from gongkai.web.notify import events as notices
from gongkai.workdays import Deadline, WorkCalendar, answer_deadline


class Conflict(GongkaiError):
    code = "cases.conflict"
    http_status = 409


class CaseProblem(GongkaiError):
    code = "cases.invalid"


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


def _receipt(agency: Agency, received: dt.date) -> dict[str, Any]:
    """What receiving an application on `received` gives it: the next number of the year,
    its clock and deadline (第三十一条、第三十三条)."""
    due = answer_deadline(work_calendar(), received)  # CalendarGap before a number
    serial = _next_serial(agency, received.year)
    return {
        "year": received.year,
        "serial": serial,
        "number": _number(agency, received.year, serial),
        "received_on": received,
        "clock": clock_json(Clock(start=received)),
        "due_on": due.day,
        "due_provisional": due.provisional,
    }


@transaction.atomic
def do_register(
    agency: Agency, user: User | None, facts: dict[str, Any]
) -> tuple[Application, str]:
    """Register an application with the next number of its agency and year; returns it and
    the access code the applicant uses to follow it (shown once, kept only as a hash)."""
    received: dt.date = facts.pop("received_on")
    code = new_access_code()
    case = Application.objects.create(
        agency=agency,
        **_receipt(agency, received),
        assignee=user,
        access_digest=code_digest(code),
        **protect_identity(facts),
    )
    record(
        EventType.CASE_REGISTERED,
        case,
        user=user,
        agency_id=agency.pk,
        after={"state": case.state, "on": received, "channel": case.channel, "number": case.number},
    )
    notices.case_registered(case)
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
    facts: StepFacts = field(default_factory=StepFacts)  # the letter's (cases.step_facts)


@transaction.atomic
def do_step(
    case: Application, user: User, given: StepInput, today: dt.date | None = None
) -> Application:
    """Take one step of the procedure on a case, or say why not; nothing half-done. The
    step's day is today or earlier (`check_step_date`; `today` is the caller's clock)."""
    current = Application.objects.select_related("agency").get(pk=case.pk)
    if current.version != given.version:
        raise Conflict(_what_changed(current))
    if given.action in SEPARATE_ACTIONS:
        raise ProcedureError(messages.NO_SUCH_STEP.format(action=given.action))
    step = step_for(State(current.state), given.action)
    check_step_date(given.on, today or dt.date.today())
    if step.action == "request_extension" and not given.note.strip():
        raise CaseProblem(messages.REASON_NEEDED.format(what="申请延期"))
    check_step(
        step,
        user.pk,
        roles_at(user, current.agency),
        outcome=step.outcome or given.outcome,
        reviewer=reviewer_of(current),
        administrator=is_administrator(user),
    )
    calendar = work_calendar()
    clock = after_step(current.work_clock(), step, given.on, calendar)
    due = answer_due(calendar, clock) if step.target in OPEN else None
    changes: dict[str, Any] = {
        "state": step.target.value,
        "clock": clock_json(clock),
        "due_on": due.day if due else None,
        "due_provisional": bool(due and due.provisional),
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
        received = current.received_on or given.on  # always set: only a received case steps
        changes |= timing_fields(timing_of(calendar, answer_of(received, given.on, clock)))
    if step.action == "deliver":
        if not given.delivery_method.strip():
            raise CaseProblem(messages.DELIVERY_METHOD)
        changes |= {"delivered_on": given.on, "delivery_method": given.delivery_method.strip()}
    letter = letter_facts(current, step.action, given, outcome)
    if letter:
        changes |= {"letter_facts": {**current.letter_facts, **letter[0]}}
    if step.action == "fee_notice":
        changes |= {"fee_yuan": fee_for(given, letter[2] if letter else None)}
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
            **(letter[1] if letter else {}),
        },
        reason=given.note.strip()[:500],
    )
    stepped = Application.objects.select_related("agency").get(pk=case.pk)
    if step.target == State.ANSWERED:
        notices.case_answered(stepped)
    return stepped


def letter_facts(
    case: Application, action: str, given: StepInput, outcome: str
) -> tuple[dict[str, Any], dict[str, Any], Stored] | None:
    """The step's letter facts, checked: (to keep with the case, to audit, the facts)."""
    try:
        typed = facts_for_step(action, given.facts, outcome, given.note)
    except FactsProblem as exc:
        raise CaseProblem(exc.message) from exc
    if typed is None:
        return None
    return {STEP_KINDS[action]: facts_json(typed)}, audit_facts(typed), typed


def fee_for(given: StepInput, basis: Stored | None) -> Decimal:
    """The fee noticed: as typed, or as 109号 counts it from the basis."""
    amount = given.fee_yuan
    if amount is None and isinstance(basis, FeeBasis):
        amount = fee_amount(basis)
    if amount is None or amount <= 0:
        raise CaseProblem(messages.FEE_AMOUNT)
    return amount


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
    "id_digest",
    "contact",
    "wanted_form",
    "state",
    "clock",
    "due_on",
    "due_provisional",
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


# ---------------------------------------------------------------------------------------
# Intake (第三十一条), withdrawal, 分办 and corrections: the office's own handling (issue 12).


def _fresh(case: Application, version: int | None) -> Application:
    """The case locked for this transaction, refused if someone changed it since the page
    was read (`version`; None: the applicant, who has no page to be stale)."""
    current = Application.objects.select_for_update().select_related("agency").get(pk=case.pk)
    if version is not None and current.version != version:
        raise Conflict(_what_changed(current))
    return current


def _check(current: Application, user: User, action: str) -> Any:
    step = step_for(State(current.state), action)
    roles = roles_at(user, current.agency)
    check_step(step, user.pk, roles, administrator=is_administrator(user))
    return step


def _reason(text: str, what: str) -> str:
    reason = text.strip()[:500]
    if not reason:
        raise CaseProblem(messages.REASON_NEEDED.format(what=what))
    return reason


@transaction.atomic
def do_submit_online(agency: Agency, facts: dict[str, Any]) -> tuple[Application, str]:
    """An application sent online: 待受理, with no number, receipt day or clock until an
    officer confirms it (第三十一条: the day both sides confirm is the day of receipt), so a
    flood of submissions takes no numbers and counts nowhere. Returns it and its code."""
    code = new_access_code()
    case = Application.objects.create(
        agency=agency,
        year=dt.date.today().year,
        channel=Application.Channel.ONLINE,
        state=State.SUBMITTED,
        access_digest=code_digest(code),
        **protect_identity(facts),
    )
    after = {"state": case.state, "channel": case.channel}
    record(EventType.CASE_SUBMITTED, case, user=None, agency_id=agency.pk, after=after)
    return case, code


@transaction.atomic
def do_confirm_receipt(
    case: Application, user: User, on: dt.date, version: int, today: dt.date | None = None
) -> Application:
    """确认受理: the online application is received on `on`; it gets its number, its clock
    starts, and the confirming officer handles it unless someone already does."""
    current = _fresh(case, version)
    step = _check(current, user, "confirm_receipt")
    check_step_date(on, today or dt.date.today())
    if on < current.created_at.date():
        raise CaseProblem(messages.CONFIRMED_BEFORE_SUBMITTED)
    for name, value in _receipt(current.agency, on).items():
        setattr(current, name, value)
    current.state = State.REGISTERED
    current.assignee = current.assignee or user
    current.version += 1
    current.save()
    after = {"label": step.label, "on": on, "state": current.state, "number": current.number}
    record(
        EventType.CASE_RECEIPT_CONFIRMED,
        current,
        user=user,
        agency_id=current.agency_id,
        before={"state": State.SUBMITTED},
        after={**after, "due_on": current.due_on},
    )
    notices.case_registered(current)  # the number and deadline exist from now on
    return current


@transaction.atomic
def do_set_aside(case: Application, user: User, reason: str, version: int) -> Application:
    """无效: an online application that is no application at all (empty, abusive, a test) is
    set aside with a reason the applicant sees; it never gets a number nor counts."""
    current = _fresh(case, version)
    step = _check(current, user, "set_aside")
    current.closing_reason = _reason(reason, "作无效申请处理")
    current.state = State.INVALID
    current.version += 1
    current.save(update_fields=["state", "closing_reason", "version"])
    record(
        EventType.CASE_SET_ASIDE,
        current,
        user=user,
        agency_id=current.agency_id,
        before={"state": State.SUBMITTED},
        after={"label": step.label, "on": dt.date.today(), "state": current.state},
        reason=current.closing_reason,
    )
    return current


@transaction.atomic
def do_withdraw_case(
    case: Application,
    user: User | None,
    on: dt.date,
    reason: str,
    version: int | None = None,
    today: dt.date | None = None,
) -> Application:
    """撤回: the applicant withdraws an application being handled — themselves from the
    status page (`user` None) or through an officer who records it. The case closes on
    `on` as table 三 （六）3.其他 (gongkai.cases.procedure.WITHDRAWN_OUTCOME)."""
    current = _fresh(case, version)
    step = _check(current, user, "withdraw") if user else step_for(State(current.state), "withdraw")
    check_step_date(on, today or dt.date.today())
    if current.received_on and on < current.received_on:
        raise ProcedureError(messages.STEP_BEFORE_START.format(on=on, start=current.received_on))
    before = {"state": current.state, "due_on": current.due_on}
    current.state, current.outcome, current.basis = step.target, step.outcome or "", ""
    current.answered_on, current.due_on, current.due_provisional = on, None, False
    current.closing_reason = reason.strip()[:500] or messages.WITHDRAWN_ONLINE
    current.version += 1
    current.save()
    record(
        EventType.CASE_WITHDRAWN,
        current,
        user=user,
        agency_id=current.agency_id,
        before=before,
        after={"label": step.label, "on": on, "state": current.state, "outcome": step.outcome},
        reason=current.closing_reason,
    )
    return current


@transaction.atomic
def do_assign_case(
    case: Application, user: User, assignee: User, version: int, note: str = ""
) -> Application:
    """分办: give the case to `assignee`, who must be able to handle at its agency; who may
    do it is the core's rule (gongkai.cases.assignment)."""
    current = _fresh(case, version)
    roles = roles_at(user, current.agency)
    admin = is_administrator(user)
    check_assignment(roles, user.pk, current.assignee_id, assignee.pk, administrator=admin)
    if not may(assignee, current.agency, Need.HANDLE) or not assignee.is_active:
        raise CaseProblem(messages.ASSIGNEE_NOT_HANDLER.format(name=assignee.username))
    if current.assignee_id == assignee.pk:
        raise CaseProblem(messages.ASSIGN_SAME.format(name=assignee.username))
    before = {"assignee": current.assignee.username if current.assignee else None}
    current.assignee = assignee
    current.version += 1
    current.save(update_fields=["assignee", "version"])
    record(
        EventType.CASE_ASSIGNED,
        current,
        user=user,
        agency_id=current.agency_id,
        before=before,
        after={"label": "分办", "on": dt.date.today(), "assignee": assignee.username},
        reason=note.strip()[:500],
    )
    notices.case_assigned(current, assignee)
    return current


CORRECTABLE = (
    "channel",
    "received_on",
    "applicant_type",
    "applicant_name",
    "contact",
    "request",
    "wanted_form",
)


@transaction.atomic
def do_correct_case(
    case: Application,
    user: User,
    facts: dict[str, Any],
    reason: str,
    version: int,
    today: dt.date | None = None,
) -> Application:
    """Correct the facts of a case as registered, with a reason; what they were is kept in
    the audit event. A corrected receipt day moves the clock and the deadline."""
    current = _fresh(case, version)
    why = _reason(reason, "更正")
    changed = {k: v for k, v in facts.items() if k in CORRECTABLE and getattr(current, k) != v}
    if not changed:
        raise CaseProblem(messages.NOTHING_CHANGED)
    before = {k: getattr(current, k) for k in changed}
    if "received_on" in changed:
        _move_receipt(current, changed["received_on"], today or dt.date.today())
    for name, value in changed.items():
        setattr(current, name, value)
    if "received_on" in changed and current.answered_on and current.response_days is not None:
        answer = answer_of(changed["received_on"], current.answered_on, current.work_clock())
        for name, value in timing_fields(timing_of(work_calendar(), answer)).items():
            setattr(current, name, value)
    current.version += 1
    current.full_clean(exclude=["agency", "assignee", "split_from"])
    current.save()
    record(
        EventType.CASE_CORRECTED,
        current,
        user=user,
        agency_id=current.agency_id,
        before=before,
        after={"label": "更正申请信息", **changed, "due_on": current.due_on},
        reason=why,
    )
    return current


def _move_receipt(current: Application, received: dt.date, today: dt.date) -> None:
    """The receipt day corrected: in the same year (the number is the year's), not after
    any step taken; a clock that starts from it starts anew and its deadline follows."""
    if not current.received() or received.year != current.year:
        raise CaseProblem(messages.RECEIVED_OTHER_YEAR.format(year=current.year))
    check_step_date(received, today)
    steps = events_of(current).filter(event_type=EventType.CASE_STEP)
    taken = [dt.date.fromisoformat(d) for d in steps.values_list("after__on", flat=True)]
    first = min(taken, default=None)
    if first is not None and received > first:
        raise CaseProblem(messages.RECEIVED_AFTER_STEP.format(on=first))
    clock = current.work_clock()
    if clock.start != current.received_on:  # counted from a correction (第三十条): unmoved
        return
    clock = replace(clock, start=received)
    current.clock = clock_json(clock)
    due = answer_due(work_calendar(), clock) if current.state in OPEN else None
    if due is not None:
        current.due_on, current.due_provisional = due.day, due.provisional


CASE = object_type(Application)  # as the audit log names a case


@transaction.atomic
def do_recompute_deadlines(
    old: WorkCalendar, new: WorkCalendar, user: User, reason: str
) -> list[DeadlineChange[int]]:
    """After a change of the calendar, every open case whose deadline moved (or lost its
    暂定 mark) gets the new one, each change audited for its handler to see. (The answered
    cases' timings are recounted in the background: holidays/tasks.py.) In batches, for a
    region's tens of thousands of open cases: only those whose count may reach a changed
    day read (`counting_into`), their clocks' facts as text, the deadlines counted on
    tables of working days, one UPDATE per new deadline and chunk of ids, the events
    written together."""
    span = changed_span(old, new)
    if span is None:
        return []
    rows = counting_into(*span).values_list("pk", "agency_id", *RUNNING).iterator(chunk_size=BATCH)
    agencies, clocks = {}, {}
    for pk, agency_id, *clock in rows:
        agencies[pk], clocks[pk] = agency_id, clock_from(*clock)
    changes = changed_deadlines(clocks, old, new)
    _write_deadlines(changes)
    record_all([_recomputed(change, agencies[change.key], user, reason) for change in changes])
    return changes


def _write_deadlines(changes: list[DeadlineChange[int]]) -> None:
    """The new deadlines, one UPDATE per deadline (a few hundred days) and chunk of ids."""
    moved: dict[Deadline, list[int]] = {}
    for change in changes:
        moved.setdefault(change.new, []).append(change.key)
    for due, ids in moved.items():
        for start in range(0, len(ids), UPDATED):
            Application.objects.filter(pk__in=ids[start : start + UPDATED]).update(
                due_on=due.day, due_provisional=due.provisional, version=F("version") + 1
            )


def _recomputed(change: DeadlineChange[int], agency_id: int, user: User, reason: str) -> AuditEvent:
    return audit_event(
        EventType.DEADLINE_RECOMPUTED,
        CASE,
        change.key,
        user=user,
        agency_id=agency_id,
        before={"due_on": change.old.day, "provisional": change.old.provisional},
        after={
            "label": "按新的放假安排重算答复期限",
            "due_on": change.new.day,
            "provisional": change.new.provisional,
        },
        reason=reason,
    )


BATCH = 20_000
UPDATED = 5_000  # ids in one UPDATE (SQLite's limit on parameters is 32,766)
TIMING = ("response_days", "answered_late", "answered_extended")


def refresh_timings(cases: QuerySet[Any], calendar: WorkCalendar) -> int:
    """Recompute on `calendar` the timing of every answered case of `cases` (to fill them:
    `compute_response_times`, migration 0011; after a change of the calendar, in the
    background). Derived figures, not an act: the calendar's change is what the audit log
    records. How many changed."""
    return write_timings(cases.model, changed_timings(cases, calendar))


def changed_timings(cases: QuerySet[Any], calendar: WorkCalendar) -> dict[Timing, list[int]]:
    """The answered cases of `cases` whose timing on `calendar` differs from the kept one,
    by their new timing (read and counted in batches)."""
    found = cases.filter(ANSWERED).order_by()
    rows = found.values_list("pk", "received_on", "answered_on", *CLOCK, *TIMING)
    changed: dict[Timing, list[int]] = {}
    stream = rows.iterator(chunk_size=BATCH)
    while batch := list(islice(stream, BATCH)):
        kept = {row[0]: tuple(row[6:]) for row in batch}
        for pk, timing in timings(calendar, (row[:6] for row in batch)).items():
            if kept[pk] != (timing.days, timing.late, timing.extended):
                changed.setdefault(timing, []).append(pk)
    return changed


def write_timings(model: type[Any], changed: dict[Timing, list[int]]) -> int:
    """Only the timings that changed are written, one UPDATE per timing (a few hundred
    kinds) and chunk of ids. How many were written."""
    for timing, ids in changed.items():
        for start in range(0, len(ids), UPDATED):
            chunk = model.objects.filter(pk__in=ids[start : start + UPDATED])
            chunk.update(**timing_fields(timing))
    return sum(len(ids) for ids in changed.values())
