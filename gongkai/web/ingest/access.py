"""Bulk ingest is the system administrators' work: the review queue names agencies for the
whole library. An assignment goes through the chosen agency's door first (404 for an
agency one may not see), then needs an administrator (403)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from gongkai.roles import Need
from gongkai.web.agencies.access import NOT_FOUND, Person, access_agency_by_id, is_administrator
from gongkai.web.agencies.models import Agency
from gongkai.web.ingest.models import CollectedFile

ADMINISTRATORS_ONLY = "只有系统管理员可以管理批量收录"


def check_administrator(user: Person) -> None:
    if not is_administrator(user):
        raise PermissionDenied(ADMINISTRATORS_ONLY)


def access_collected_by_id(user: Person, file_id: int) -> CollectedFile:
    check_administrator(user)
    found = CollectedFile.objects.select_related("run__collection").filter(pk=file_id).first()
    if found is None:
        raise Http404(NOT_FOUND)
    return found


def access_assignment(user: Person, file_id: int, agency_id: int) -> tuple[CollectedFile, Agency]:
    """The pending file and the agency an administrator names for it."""
    agency = access_agency_by_id(user, agency_id, Need.READ)
    return access_collected_by_id(user, file_id), agency
