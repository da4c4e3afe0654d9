"""The letters a case has so far, filled from the case and its steps, in the wording an
administrator set (or the default)."""

from __future__ import annotations

import datetime as dt

from gongkai.cases.letters import (
    DEFAULTS,
    LETTER_STEPS,
    Letter,
    Wording,
    chinese_date,
    compose,
    decision,
)
from gongkai.web.audit.log import events_of
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.cases.models import Application, LetterTemplate


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
    on = (
        dt.date.fromisoformat(event.after["on"])
        if event and event.after
        else (case.answered_on or dt.date.today())
    )
    values = {
        "applicant": case.applicant_name,
        "received": chinese_date(case.received_on),
        "number": case.number,
        "request": case.request.strip(),
        "due": chinese_date(case.due_on) if case.due_on else "",
        "note": event.reason if event else "",
        "fee": f"{case.fee_yuan.normalize():f}",
        "decision": decision(case.outcome, case.basis) if case.outcome else "",
    }
    return compose(_wording(kind), values, case.agency.name, case.number, on)


def _wording(kind: str) -> Wording:
    custom = LetterTemplate.objects.filter(kind=kind).first()
    return Wording(custom.title, custom.body) if custom else DEFAULTS[kind]
