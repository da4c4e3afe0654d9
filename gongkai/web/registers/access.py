"""The registers' door: fetch a record and check the person may do what they ask."""

from __future__ import annotations

from django.db.models import Model
from django.http import Http404

from gongkai.roles import Need
from gongkai.web.agencies.access import NOT_FOUND, Person, check_need
from gongkai.web.registers.models import Appeal, MonthlyFigure, Publication

Record = Publication | Appeal | MonthlyFigure


def access_record_by_id(user: Person, model: type[Model], record_id: int, need: Need) -> Record:
    """A publication, appeal or monthly figure (`model`), if the person may `need` it."""
    found = model._default_manager.select_related("agency").filter(pk=record_id).first()
    if not isinstance(found, Publication | Appeal | MonthlyFigure):
        raise Http404(NOT_FOUND)
    check_need(user, found.agency, need)
    return found
