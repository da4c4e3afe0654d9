"""Who may do what at which agency. Views fetch through access_* and never check by hand.

- officer (公开专干), approver (审核: the head of the disclosure office) and leader (签发):
  their own agency;
- supervisor: the agency and every agency below it (its subtree);
- administrators (superusers): everything.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from gongkai.web.agencies.models import Agency, Membership

Role = Membership.Role
NOT_YOURS = "您没有该机关的{action}权限"


def agencies_for(
    user: AbstractBaseUser | AnonymousUser, roles: tuple[str, ...]
) -> QuerySet[Agency]:
    """The agencies where the user holds one of `roles` (supervisors: their whole subtree)."""
    if not user.is_authenticated:
        return Agency.objects.none()
    if getattr(user, "is_superuser", False):
        return Agency.objects.all()
    own = Membership.objects.filter(user_id=user.pk, role__in=roles)
    direct = Q(pk__in=own.exclude(role=Role.SUPERVISOR).values("agency"))
    subtree = Q()
    if Role.SUPERVISOR in roles:
        for path in own.filter(role=Role.SUPERVISOR).values_list("agency__path", flat=True):
            subtree |= Q(path__startswith=path)
    return Agency.objects.filter(direct | subtree) if subtree else Agency.objects.filter(direct)


def person(request: HttpRequest) -> User:
    """The signed-in person of a request that login_required (or a token) has let through."""
    assert isinstance(request.user, User)
    return request.user


def access_agency_by_id(
    user: AbstractBaseUser | AnonymousUser, agency_id: int, roles: tuple[str, ...], action: str
) -> Agency:
    agency = agencies_for(user, roles).filter(pk=agency_id).first()
    if agency is None:
        raise PermissionDenied(NOT_YOURS.format(action=action))
    return agency


def holds(user: AbstractBaseUser | AnonymousUser, agency_id: int, roles: tuple[str, ...]) -> bool:
    return agencies_for(user, roles).filter(pk=agency_id).exists()
