"""Each report's figures in columns, kept in step with the report by every action that
stores, corrects or publishes it, and written anew for the whole library on demand."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from gongkai.figures import figures_of
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.actions import do_correct_cell, do_start_revision
from gongkai.web.reports.models import PublishedReport, ReportFigures
from tests.web.conftest import draft_from_seed, office, sign_and_publish

pytestmark = pytest.mark.django_db

CELL = "applications.total.total"


def _row(report: PublishedReport) -> ReportFigures:
    return ReportFigures.objects.get(report=report)


def _figure(report: PublishedReport, name: str) -> object:
    return ReportFigures.objects.filter(report=report).values_list(name, flat=True).get()


def test_a_stored_draft_has_its_figures_row_as_read() -> None:
    agency = Agency.objects.create(name="某县交通运输局", level=Agency.Level.DEPARTMENT)
    draft = draft_from_seed(agency, "003")
    row = _row(draft)
    assert (row.agency_id, row.year, row.status) == (agency.pk, draft.year, "draft")
    assert row.errors == draft.errors and row.late is None
    expected = figures_of(draft.data)
    assert {name: getattr(row, name) for name in expected} == expected
    assert _figure(draft, "received") is not None


def test_correction_and_publication_move_the_row_and_the_first_edition_steps_aside() -> None:
    agency = Agency.objects.create(name="某县交通运输局", level=Agency.Level.DEPARTMENT)
    people = office(agency)
    first = sign_and_publish(
        draft_from_seed(agency, "003"), people, reason="其余不一致为原表如此，按原样公开"
    )
    assert _row(first).status == "published" and _row(first).late is not None
    draft = do_start_revision(first, people.officer, "原表总计漏填")
    do_correct_cell(draft, people.officer, CELL, "999", "原表漏填")
    assert (_figure(draft, "answered"), _figure(first, "answered")) == (
        999,
        figures_of(first.data)["answered"],
    )
    second = sign_and_publish(draft, people, reason="其余不一致为原表如此，按原样公开")
    assert (_row(second).status, _row(second).edition) == ("published", 2)
    assert _row(first).status == "superseded"


def test_refresh_figures_writes_every_row_anew(capsys: pytest.CaptureFixture[str]) -> None:
    agency = Agency.objects.create(name="某县交通运输局", level=Agency.Level.DEPARTMENT)
    draft = draft_from_seed(agency, "003")
    ReportFigures.objects.filter(report=draft).update(received=-1, errors=0)
    ReportFigures.objects.filter(report=draft_from_seed(agency, "001")).delete()
    call_command("refresh_figures")
    assert "已更新 2 份报告的统计数据" in capsys.readouterr().out
    assert _figure(draft, "received") == figures_of(draft.data)["received"]
    assert _row(draft).errors == draft.errors
    assert ReportFigures.objects.count() == 2
