"""The copies' door: a pair of reports is seen by whoever may see either agency's records."""

from __future__ import annotations

from django.http import Http404

from gongkai.roles import Need
from gongkai.web.agencies.access import NOT_FOUND, Person, may
from gongkai.web.copies.models import SectionCopy


def access_copy_by_id(user: Person, copy_id: int, need: Need) -> SectionCopy:
    found = (
        SectionCopy.objects.select_related("left__agency", "right__agency")
        .filter(pk=copy_id)
        .first()
    )
    if found is None or not (
        may(user, found.left.agency, need) or may(user, found.right.agency, need)
    ):
        raise Http404(NOT_FOUND)
    return found
