"""The register's door: fetch a case and check the person may do what they ask."""

from __future__ import annotations

from django.http import Http404

from gongkai.roles import Need
from gongkai.web.agencies.access import NOT_FOUND, Person, check_need
from gongkai.web.cases.models import Application


def access_case_by_id(user: Person, case_id: int, need: Need) -> Application:
    found = Application.objects.select_related("agency", "assignee").filter(pk=case_id).first()
    if found is None:
        raise Http404(NOT_FOUND)
    check_need(user, found.agency, need)
    return found
