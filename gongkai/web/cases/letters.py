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
from gongkai.web.cases.models import Application, LetterTemplate


def available(case: Application) -> list[tuple[str, str]]:
    """(kind, title) of the letters the case's steps so far call for."""
    taken = set(case.events.values_list("action", flat=True))
    kinds = [kind for kind, action in LETTER_STEPS.items() if action in taken]
    if case.outcome:
        kinds.append("answer")
    return [(kind, _wording(kind).title) for kind in kinds]


def letter(case: Application, kind: str) -> Letter | None:
    if kind not in dict(available(case)):
        return None
    event = (
        case.events.filter(action=LETTER_STEPS[kind]).order_by("-at", "-id").first()
        if kind in LETTER_STEPS
        else None
    )
    on = event.on if event else (case.answered_on or dt.date.today())
    values = {
        "applicant": case.applicant_name,
        "received": chinese_date(case.received_on),
        "number": case.number,
        "request": case.request.strip(),
        "due": chinese_date(case.due_on) if case.due_on else "",
        "note": event.note if event else "",
        "fee": f"{case.fee_yuan.normalize():f}",
        "decision": decision(case.outcome, case.basis) if case.outcome else "",
    }
    return compose(_wording(kind), values, case.agency.name, case.number, on)


def _wording(kind: str) -> Wording:
    custom = LetterTemplate.objects.filter(kind=kind).first()
    return Wording(custom.title, custom.body) if custom else DEFAULTS[kind]
