"""The report library's door: fetch a record and check the person may do what they ask."""

from __future__ import annotations

from django.http import Http404

from gongkai.roles import Need
from gongkai.web.agencies.access import NOT_FOUND, Person, check_need
from gongkai.web.reports.models import ImportBatch, PublishedReport


def access_report_by_id(user: Person, report_id: int, need: Need) -> PublishedReport:
    found = PublishedReport.objects.select_related("agency").filter(pk=report_id).first()
    if found is None:
        raise Http404(NOT_FOUND)
    check_need(user, found.agency, need)
    return found


def access_batch_by_id(user: Person, batch_id: int, need: Need) -> ImportBatch:
    found = ImportBatch.objects.select_related("agency").filter(pk=batch_id).first()
    if found is None:
        raise Http404(NOT_FOUND)
    check_need(user, found.agency, need)
    return found
