"""The letters a case has so far, filled from the case, its steps' facts and the agency's
letter settings, in the wording an administrator set (or the default); what a letter cannot
say yet for lack of facts is listed beside it (`letter_gaps`)."""

from __future__ import annotations

import datetime as dt

from gongkai.cases.answers import Answer
from gongkai.cases.clock import fee_payment_due
from gongkai.cases.letters import (
    DEFAULTS,
    LETTER_STEPS,
    Consultation,
    Correction,
    Extension,
    Facts,
    FeeBasis,
    FeeNotice,
    Letter,
    LetterCase,
    Wording,
    letter_gaps,
    write_letter,
)
from gongkai.cases.procedure import State
from gongkai.cases.step_facts import stored_facts
from gongkai.web.agencies.letter_settings import agency_details
from gongkai.web.audit.log import events_of
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.cases.models import Application, LetterTemplate
from gongkai.web.holidays.calendar import work_calendar
from gongkai.workdays import Deadline, answer_deadline


def _steps(case: Application) -> list[AuditEvent]:
    """The case's steps, newest first."""
    events = events_of(case).filter(event_type=EventType.CASE_STEP)
    return list(events.order_by("-at", "-id"))


def available(case: Application) -> list[tuple[str, str]]:
    """(kind, title) of the letters the case's steps so far call for."""
    if case.received_on is None or case.state == State.WITHDRAWN:  # nothing to write
        return []
    taken = {(e.after or {}).get("action") for e in _steps(case)}
    kinds = [kind for kind, action in LETTER_STEPS.items() if action in taken]
    consulted = _consultation_kind(case)
    kinds = [k for k in kinds if k not in CONSULTING or k == consulted]
    if case.outcome:
        kinds.append("answer")
    return [(kind, _wording(kind).title) for kind in kinds]


CONSULTING = ("consultation", "consultation_agency")


def _consultation_kind(case: Application) -> str:
    """征求意见书 to a third party, or 征求意见函 to another agency, as the step recorded."""
    stored = stored_facts("consultation", case.letter_facts.get("consultation"))
    agency = isinstance(stored, Consultation) and stored.party == "agency"
    return "consultation_agency" if agency else "consultation"


def with_gaps(case: Application) -> list[tuple[str, str, list[str]]]:
    """(kind, title, what it cannot say yet) of each letter the case has."""
    details = agency_details(case.agency)
    return [
        (kind, title, letter_gaps(details, _facts(case, kind, _event(case, kind))))
        for kind, title in available(case)
    ]


def letter(case: Application, kind: str) -> Letter | None:
    if kind not in dict(available(case)) or case.received_on is None:
        return None
    event = _event(case, kind)
    on = _step_day(event) if event else (case.answered_on or dt.date.today())
    facts = _facts(case, kind, event)
    about = LetterCase(case.number, case.applicant_name, case.received_on, case.request)
    return write_letter(about, agency_details(case.agency), facts, on, _wording(kind))


def _event(case: Application, kind: str) -> AuditEvent | None:
    """The last step that called for a letter of `kind`."""
    wanted = LETTER_STEPS.get(kind)
    return next((e for e in _steps(case) if (e.after or {}).get("action") == wanted), None)


def _facts(case: Application, kind: str, event: AuditEvent | None) -> Facts:
    """The letter's facts as its step recorded them (gongkai.cases.step_facts); a case from
    before steps recorded facts falls back to the step's note."""
    note = event.reason if event else ""
    stored = stored_facts(
        STORED_AS.get(kind, kind), case.letter_facts.get(STORED_AS.get(kind, kind))
    )
    if kind == "correction":
        return stored if isinstance(stored, Correction) else Correction(note)
    if kind in CONSULTING:
        if isinstance(stored, Consultation):
            return stored
        return Consultation(note, "agency" if kind == "consultation_agency" else "third_party")
    if kind == "extension":  # the reason is the handler's, given when asking for it
        return Extension(_request_reason(case) or note, _extended_due(case))
    if kind == "fee":
        sent = _step_day(event) if event else (case.received_on or dt.date.today())
        basis = stored if isinstance(stored, FeeBasis) else None
        return FeeNotice(case.fee_yuan, fee_payment_due(work_calendar(), sent), basis)
    if isinstance(stored, Answer) and stored.outcome == case.outcome:
        return stored
    # A case closed by a lapse step keeps the step's article as its basis: not an account.
    lapsed = case.outcome in ("other.no_correction", "other.unpaid_fee")
    return Answer(case.outcome, form=case.wanted_form, reason="" if lapsed else case.basis)


STORED_AS = {"consultation_agency": "consultation"}


def _request_reason(case: Application) -> str:
    asked = (e for e in _steps(case) if (e.after or {}).get("action") == "request_extension")
    return next((e.reason for e in asked), "")


def _step_day(event: AuditEvent) -> dt.date:
    """The day a step was taken, as the officer gave it."""
    return dt.date.fromisoformat((event.after or {})["on"])


def _extended_due(case: Application) -> Deadline:
    """The extended deadline as the clock stands now (counted on as if it ran)."""
    clock = case.work_clock()
    return answer_deadline(work_calendar(), clock.start, extend=clock.extended, pauses=clock.pauses)


def _wording(kind: str) -> Wording:
    custom = LetterTemplate.objects.filter(kind=kind).first()
    return Wording(custom.title, custom.body) if custom else DEFAULTS[kind]
