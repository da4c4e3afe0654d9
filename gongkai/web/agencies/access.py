"""Who may do what at which agency: a person's roles there, and the door every view goes
through. What each role may do is the core's (`gongkai.roles`); this module only finds the
roles a person holds at an agency:

- officer (公开专干), approver (审核), leader (签发) and agency administrator: their agency;
- supervisor: the agency and every agency below it (its subtree);
- administrators (superusers): what `gongkai.roles.ADMINISTRATOR_NEEDS` grants, everywhere.

`access_<object>_by_id(user, id, need)` fetches and checks in one call: what the person may
not see at all is 404 (its existence is not told), what they see but may not do is 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from gongkai.roles import GRANTS, NEED_LABELS, SUBTREE_ROLES, Need, Role, allows
from gongkai.web.agencies.models import Agency, Membership

Person = AbstractBaseUser | AnonymousUser
NOT_YOURS = "您没有该机关的{action}权限"
NOT_FOUND = "没有找到，或您无权查看"


@dataclass(frozen=True)
class Held:
    role: Role
    agency_id: int
    path: str


def held(user: Person) -> tuple[Held, ...]:
    """The person's roles, read once per request (kept on the user object)."""
    if not user.is_authenticated:
        return ()
    cached: tuple[Held, ...] | None = user.__dict__.get("_gongkai_held")
    if cached is None:
        rows = Membership.objects.filter(user_id=user.pk).values_list(
            "role", "agency_id", "agency__path"
        )
        cached = tuple(Held(Role(role), agency, path) for role, agency, path in rows)
        user.__dict__["_gongkai_held"] = cached
    return cached


def is_administrator(user: Person) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_superuser", False))


def roles_at(user: Person, agency: Agency) -> frozenset[Role]:
    """The roles the person holds at `agency`, supervisors' from any agency above it."""
    return frozenset(
        h.role
        for h in held(user)
        if h.agency_id == agency.pk or (h.role in SUBTREE_ROLES and agency.path.startswith(h.path))
    )


def may(user: Person, agency: Agency, need: Need) -> bool:
    return allows(roles_at(user, agency), need, administrator=is_administrator(user))


def agencies_for(user: Person, need: Need) -> QuerySet[Agency]:
    """Every agency where the person may do `need` (supervisors: their whole subtree)."""
    if is_administrator(user) and allows((), need, administrator=True):
        return Agency.objects.all()
    granted = [h for h in held(user) if h.role in GRANTS[need]]
    if not granted:
        return Agency.objects.none()
    where = Q(pk__in=[h.agency_id for h in granted if h.role not in SUBTREE_ROLES])
    for h in granted:
        if h.role in SUBTREE_ROLES:
            where |= Q(path__startswith=h.path)
    return Agency.objects.filter(where)


def check_need(user: Person, agency: Agency, need: Need, action: str = "") -> None:
    """404 if the person may not even see the agency's records, 403 if they may not `need`."""
    if not may(user, agency, Need.READ):
        raise Http404(NOT_FOUND)
    if need != Need.READ and not may(user, agency, need):
        raise PermissionDenied(NOT_YOURS.format(action=action or NEED_LABELS[need]))


def access_agency_by_id(user: Person, agency_id: int, need: Need, action: str = "") -> Agency:
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise Http404(NOT_FOUND)
    check_need(user, agency, need, action)
    return agency


def person(request: HttpRequest) -> User:
    """The signed-in person of a request that login_required (or a token) has let through."""
    assert isinstance(request.user, User)
    return request.user
