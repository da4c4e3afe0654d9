"""People of an agency (/manage/people/): the agency administrator invites colleagues, gives
and takes the agency's roles and switches accounts off; every change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gongkai.errors import GongkaiError
from gongkai.roles import ROLE_LABELS, Need, Role
from gongkai.web.agencies.access import (
    NOT_FOUND,
    access_agency_by_id,
    agencies_for,
    is_administrator,
    person,
)
from gongkai.web.agencies.actions import (
    do_deactivate_person,
    do_grant_role,
    do_invite_person,
    do_revoke_role,
)
from gongkai.web.agencies.forms import GrantForm, InviteForm
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.edge import form_problems, int_param

NO_SUCH_PERSON = "没有用户名为“{name}”的人员；新同事请用“邀请”"
PAGE_SIZE = 200


@login_required
def people(request: HttpRequest) -> HttpResponse:
    asked = int_param(request, "agency", 0)
    agency = (
        access_agency_by_id(request.user, asked, Need.MANAGE_PEOPLE)
        if asked
        else agencies_for(request.user, Need.MANAGE_PEOPLE).order_by("path").first()
    )
    if agency is None:
        raise Http404(NOT_FOUND)
    return _page(request, agency)


def _page(
    request: HttpRequest, agency: Agency, problem: str = "", invited: str = ""
) -> HttpResponse:
    administrator = is_administrator(request.user)
    invite = InviteForm(by_administrator=administrator)
    grant = GrantForm(by_administrator=administrator)
    held = (
        Membership.objects.filter(agency=agency)
        .select_related("user")
        .order_by("user__username", "role")[:PAGE_SIZE]
    )
    context: dict[str, Any] = {
        "agency": agency,
        "agencies": agencies_for(request.user, Need.MANAGE_PEOPLE).order_by("path")[:PAGE_SIZE],
        "held": [(m, ROLE_LABELS[Role(m.role)]) for m in held],
        "invite": invite,
        "grant": grant,
        "problem": problem,
        "invited": request.build_absolute_uri(invited) if invited else "",
    }
    return render(request, "agencies/people.html", context, status=400 if problem else 200)


@login_required
@require_POST
def invite(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = access_agency_by_id(request.user, agency_id, Need.MANAGE_PEOPLE)
    administrator = is_administrator(request.user)
    form = InviteForm(request.POST, by_administrator=administrator)
    if not form.is_valid():
        return _page(request, agency, "；".join(form_problems(form)))
    roles = [Role(r) for r in form.cleaned_data["roles"]]
    try:
        _, link = do_invite_person(
            person(request), agency, form.cleaned_data, roles, by_administrator=administrator
        )
    except GongkaiError as exc:
        return _page(request, agency, str(exc))
    return _page(request, agency, invited=link)


@login_required
@require_POST
def grant(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = access_agency_by_id(request.user, agency_id, Need.MANAGE_PEOPLE)
    administrator = is_administrator(request.user)
    form = GrantForm(request.POST, by_administrator=administrator)
    if not form.is_valid():
        return _page(request, agency, "；".join(form_problems(form)))
    name = form.cleaned_data["username"].strip()
    colleague = User.objects.filter(username=name, is_active=True).first()
    if colleague is None:
        return _page(request, agency, NO_SUCH_PERSON.format(name=name))
    try:
        do_grant_role(
            person(request),
            colleague,
            agency,
            Role(form.cleaned_data["role"]),
            by_administrator=administrator,
        )
    except GongkaiError as exc:
        return _page(request, agency, str(exc))
    return HttpResponseRedirect(f"/manage/people/?agency={agency.pk}")


def _held(agency: Agency, membership_id: int) -> Membership:
    found = Membership.objects.select_related("user", "agency").filter(
        pk=membership_id, agency=agency
    )
    held = found.first()
    if held is None:
        raise Http404(NOT_FOUND)
    return held


@login_required
@require_POST
def revoke(request: HttpRequest, agency_id: int, membership_id: int) -> HttpResponse:
    agency = access_agency_by_id(request.user, agency_id, Need.MANAGE_PEOPLE)
    held = _held(agency, membership_id)
    try:
        do_revoke_role(person(request), held, by_administrator=is_administrator(request.user))
    except GongkaiError as exc:
        return _page(request, agency, str(exc))
    return HttpResponseRedirect(f"/manage/people/?agency={agency.pk}")


@login_required
@require_POST
def deactivate(request: HttpRequest, agency_id: int, membership_id: int) -> HttpResponse:
    agency = access_agency_by_id(request.user, agency_id, Need.MANAGE_PEOPLE)
    colleague = _held(agency, membership_id).user
    try:
        do_deactivate_person(
            person(request), colleague, agency, by_administrator=is_administrator(request.user)
        )
    except GongkaiError as exc:
        return _page(request, agency, str(exc))
    return HttpResponseRedirect(f"/manage/people/?agency={agency.pk}")
