"""People and their roles, agencies: every change is a do_* action, audited.

An agency's administrator (机关管理员) invites colleagues and gives or takes the agency's
roles (`gongkai.roles.AGENCY_GRANTABLE`); the system's administrators do the same anywhere,
supervising roles included (in /admin/ or the same page).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from gongkai.errors import GongkaiError
from gongkai.roles import AGENCY_GRANTABLE, ROLE_LABELS, Role
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType


class PeopleProblem(GongkaiError):
    code = "people.invalid"


HELD_ALREADY = "{name}在{agency}已有“{role}”角色"
NOT_GRANTABLE = "“{role}”角色须由系统管理员授予"
BAD_USERNAME = "用户名只能包含字母、数字和 @ . + - _，不超过150个字符"
USERNAME_TAKEN = "用户名“{name}”已被使用"
NO_ROLES = "请至少选择一个角色"
BAD_EMAIL = "电子邮箱格式不正确"


def _check_grantable(role: Role, by_administrator: bool) -> None:
    if not by_administrator and role not in AGENCY_GRANTABLE:
        raise PeopleProblem(NOT_GRANTABLE.format(role=ROLE_LABELS[role]))


@transaction.atomic
def do_grant_role(
    actor: User | None, person: User, agency: Agency, role: Role, *, by_administrator: bool
) -> Membership:
    _check_grantable(role, by_administrator)
    if Membership.objects.filter(user=person, agency=agency, role=role).exists():
        raise PeopleProblem(
            HELD_ALREADY.format(name=person.username, agency=agency.name, role=ROLE_LABELS[role])
        )
    held = Membership.objects.create(user=person, agency=agency, role=role)
    record(
        EventType.ROLE_GRANTED,
        person,
        user=actor,
        agency_id=agency.pk,
        after={"role": role.value, "agency": agency.name},
    )
    return held


@transaction.atomic
def do_revoke_role(actor: User, held: Membership, *, by_administrator: bool) -> None:
    role = Role(held.role)
    _check_grantable(role, by_administrator)
    record(
        EventType.ROLE_REVOKED,
        held.user,
        user=actor,
        agency_id=held.agency_id,
        before={"role": role.value, "agency": held.agency.name},
    )
    held.delete()


@transaction.atomic
def do_invite_person(
    actor: User,
    agency: Agency,
    facts: dict[str, Any],
    roles: list[Role],
    *,
    by_administrator: bool,
) -> tuple[User, str]:
    """A new account holding `roles` at `agency`, and the path of the link where the person
    sets a password (Django's password-reset link: single use, expires)."""
    if not roles:
        raise PeopleProblem(NO_ROLES)
    for role in roles:
        _check_grantable(role, by_administrator)
    username = facts["username"].strip()
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as exc:
        raise PeopleProblem(BAD_USERNAME) from exc
    if User.objects.filter(username=username).exists():
        raise PeopleProblem(USERNAME_TAKEN.format(name=username))
    invited = User.objects.create_user(
        username,
        email=facts.get("email", ""),
        first_name=facts.get("full_name", "")[:150],
    )
    invited.set_unusable_password()
    invited.save(update_fields=["password"])
    for role in roles:
        Membership.objects.create(user=invited, agency=agency, role=role)
    record(
        EventType.PERSON_INVITED,
        invited,
        user=actor,
        agency_id=agency.pk,
        after={"username": username, "roles": [r.value for r in roles], "agency": agency.name},
    )
    return invited, invitation_path(invited)


def invitation_path(invited: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(invited.pk))
    return f"/accounts/reset/{uid}/{default_token_generator.make_token(invited)}/"


@transaction.atomic
def do_deactivate_person(
    actor: User, person: User, agency: Agency, *, by_administrator: bool
) -> bool:
    """Take every role the person holds at the agency; an account left with no role anywhere
    is switched off. Returns whether the account was switched off."""
    held = list(Membership.objects.filter(user=person, agency=agency))
    for membership in held:
        _check_grantable(Role(membership.role), by_administrator)
    Membership.objects.filter(pk__in=[m.pk for m in held]).delete()
    switched_off = not person.is_superuser and not person.memberships.exists()
    if switched_off:
        person.is_active = False
        person.save(update_fields=["is_active"])
    record(
        EventType.PERSON_DEACTIVATED,
        person,
        user=actor,
        agency_id=agency.pk,
        before={"roles": [m.role for m in held]},
        after={"active": person.is_active},
    )
    return switched_off


@transaction.atomic
def do_save_agency(actor: User, agency: Agency, changed: list[str]) -> Agency:
    """An agency created or changed by an administrator (in /admin/)."""
    created = agency.pk is None
    agency.full_clean()
    agency.save()
    record(
        EventType.AGENCY_CREATED if created else EventType.AGENCY_CHANGED,
        agency,
        user=actor,
        agency_id=agency.pk,
        after={name: str(getattr(agency, name)) for name in changed or ["name"]},
    )
    return agency


@transaction.atomic
def do_save_person(actor: User, person: User, changed: list[str]) -> User:
    """An account changed by an administrator (in /admin/): the fields changed are logged,
    never the password itself."""
    person.save()
    record(
        EventType.PERSON_CHANGED,
        person,
        user=actor,
        agency_id=None,
        after={
            name: "（已修改）" if name == "password" else str(getattr(person, name, ""))
            for name in changed
        },
    )
    return person
