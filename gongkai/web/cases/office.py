"""What a case's page offers its office beyond the step form: confirming an online
application or setting it aside, 分办, recording a withdrawal, correcting the facts, the
extension asked for and by whom, and a deadline the calendar moved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest

from gongkai.cases.procedure import OPEN, State
from gongkai.roles import Need
from gongkai.web.agencies.access import may, person
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import events_of
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.cases.forms import AssignForm, CaseFactsForm, ConfirmReceiptForm, ReasonForm
from gongkai.web.cases.models import Application
from gongkai.web.cases.queries import handlers_of


def office_context(request: HttpRequest, case: Application, handler: bool) -> dict[str, Any]:
    today, state = dt.date.today(), State(case.state)
    version = {"version": case.version}
    asked = state == State.EXTENSION_REQUESTED
    context: dict[str, Any] = {
        "assign_form": None,
        "extension_request": _extension_request(case) if asked else None,
        "recomputed": _recomputed(case) if state in OPEN else None,
    }
    if not handler:
        return context
    if state == State.SUBMITTED:
        # Each form its own ids: they share a page with the step form (id_on, id_note, …).
        confirm = ConfirmReceiptForm(initial={**version, "on": today}, auto_id="confirm_%s")
        context["confirm_form"] = dated(confirm)
        context["set_aside_form"] = ReasonForm(initial=version, auto_id="aside_%s")
    if state in OPEN:
        withdraw = ReasonForm(initial={**version, "on": today}, auto_id="withdraw_%s")
        context["withdraw_form"] = dated(withdraw)
    if case.received():
        context["facts_form"] = CaseFactsForm(instance=case, initial=version, auto_id="facts_%s")
    context["assign_form"] = _assign_form(request, case)
    return context


def dated(form: Any) -> Any:
    """A date no later than today: the browser's picker stops there too."""
    form.fields["on"].widget.attrs["max"] = dt.date.today().isoformat()
    return form


def assignable(user: User, case: Application) -> list[User]:
    """Whom the person may give the case to: for the office head (or the case's handler),
    anyone who handles at the agency; for another handler, themself when the case is
    unassigned (gongkai.cases.assignment; the action checks again)."""
    if may(user, case.agency, Need.ASSIGN) or case.assignee_id == user.pk:
        people = handlers_of(Agency.objects.filter(pk=case.agency_id))
        return [p for p in people if p.pk != case.assignee_id]
    if case.assignee_id is None and may(user, case.agency, Need.HANDLE):
        return [user]
    return []


def _assign_form(request: HttpRequest, case: Application) -> AssignForm | None:
    people = assignable(person(request), case)
    if not people or State(case.state) in (State.INVALID, State.WITHDRAWN, State.ARCHIVED):
        return None
    return AssignForm(initial={"version": case.version}, handlers=people)


def _extension_request(case: Application) -> AuditEvent | None:
    """The pending request for an extension: who asked, when, why (第三十三条第二款)."""
    asked = events_of(case).filter(
        event_type=EventType.CASE_STEP, after__action="request_extension"
    )
    return asked.order_by("-at", "-id").first()


def _recomputed(case: Application) -> AuditEvent | None:
    """The last time a new calendar moved the case's deadline, if nothing happened since."""
    last = events_of(case).order_by("-at", "-id").first()
    return last if last and last.event_type == EventType.DEADLINE_RECOMPUTED else None
