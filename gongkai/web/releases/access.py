"""The released files' door: a file is reached through its case (`access_case_by_id`)."""

from __future__ import annotations

from django.http import Http404

from gongkai.roles import Need
from gongkai.web.agencies.access import NOT_FOUND, Person
from gongkai.web.cases.access import access_case_by_id
from gongkai.web.releases.models import Release


def access_release_by_id(user: Person, case_id: int, release_id: int, need: Need) -> Release:
    case = access_case_by_id(user, case_id, need)
    found = case.releases.filter(pk=release_id).first()
    if found is None:
        raise Http404(NOT_FOUND)
    found.application = case
    return found
