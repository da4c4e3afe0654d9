"""Which released files a person may have."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.web.cases.models import Application
from gongkai.web.releases.models import Release


def released_to_applicant(case: Application) -> list[Release]:
    """The files the applicant receives: those marked to release (a redacted copy in place
    of its original), without their bytes."""
    return list(case.releases.filter(released=True).defer("data"))


def files_of(case: Application) -> QuerySet[Release]:
    return case.releases.defer("data").select_related("source")
