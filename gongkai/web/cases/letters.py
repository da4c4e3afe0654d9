"""The letters a case has so far, filled from the case and its steps, in the wording an
administrator set (or the default). Until agencies have letter settings, a letter knows the
agency by name only (its contact line and 救济途径 then say less: `letter_gaps`)."""

from __future__ import annotations

import datetime as dt

from gongkai.cases.answers import Answer
from gongkai.cases.clock import fee_payment_due
from gongkai.cases.letters import (
    DEFAULTS,
    LETTER_STEPS,
    AgencyDetails,
    Consultation,
    Correction,
    Extension,
    Facts,
    FeeNotice,
    Letter,
    LetterCase,
    Wording,
    write_letter,
)
from gongkai.web.audit.log import events_of
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.cases.models import Application, LetterTemplate
from gongkai.workdays import Deadline, answer_deadline, default_calendar


def _steps(case: Application) -> list[AuditEvent]:
    """The case's steps, newest first."""
    events = events_of(case).filter(event_type=EventType.CASE_STEP)
    return list(events.order_by("-at", "-id"))


def available(case: Application) -> list[tuple[str, str]]:
    """(kind, title) of the letters the case's steps so far call for."""
    taken = {(e.after or {}).get("action") for e in _steps(case)}
    kinds = [kind for kind, action in LETTER_STEPS.items() if action in taken]
    if case.outcome:
        kinds.append("answer")
    return [(kind, _wording(kind).title) for kind in kinds]


def letter(case: Application, kind: str) -> Letter | None:
    if kind not in dict(available(case)):
        return None
    event = next(
        (e for e in _steps(case) if (e.after or {}).get("action") == LETTER_STEPS.get(kind)),
        None,
    )
    on = _step_day(event) if event else (case.answered_on or dt.date.today())
    facts = _facts(case, kind, event)
    about = LetterCase(case.number, case.applicant_name, case.received_on, case.request)
    return write_letter(about, AgencyDetails(case.agency.name), facts, on, _wording(kind))


def _facts(case: Application, kind: str, event: AuditEvent | None) -> Facts:
    note = event.reason if event else ""
    if kind == "correction":
        return Correction(note)
    if kind == "consultation":
        return Consultation(note)
    if kind == "consultation_agency":
        return Consultation(note, "agency")
    if kind == "extension":  # the reason is the handler's, given when asking for it
        return Extension(_request_reason(case) or note, _extended_due(case))
    if kind == "fee":
        sent = _step_day(event) if event else case.received_on
        return FeeNotice(case.fee_yuan, fee_payment_due(default_calendar(), sent))
    # A case closed by a lapse step keeps the step's article as its basis: not an account.
    lapsed = case.outcome in ("other.no_correction", "other.unpaid_fee")
    return Answer(case.outcome, form=case.wanted_form, reason="" if lapsed else case.basis)


def _request_reason(case: Application) -> str:
    asked = (e for e in _steps(case) if (e.after or {}).get("action") == "request_extension")
    return next((e.reason for e in asked), "")


def _step_day(event: AuditEvent) -> dt.date:
    """The day a step was taken, as the officer gave it."""
    return dt.date.fromisoformat((event.after or {})["on"])


def _extended_due(case: Application) -> Deadline:
    """The extended deadline as the clock stands now (counted on as if it ran)."""
    clock = case.work_clock()
    return answer_deadline(
        default_calendar(), clock.start, extend=clock.extended, pauses=clock.pauses
    )


def _wording(kind: str) -> Wording:
    custom = LetterTemplate.objects.filter(kind=kind).first()
    return Wording(custom.title, custom.body) if custom else DEFAULTS[kind]
