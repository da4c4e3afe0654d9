"""Odd and hostile requests get a clear answer (4xx with a message), never a server error."""

from __future__ import annotations

import pytest

from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import PublishedReport
from tests.web.conftest import person

pytestmark = pytest.mark.django_db

ODD_GETS = (
    "/?year=abc&region=-1&level=<script>&q=" + "长" * 80,
    "/?page=999999",
    "/reports/999999/",
    "/reports/{r}.json",
    "/reports/{r}/download/exe",
    "/manage/?page=x",
    "/manage/cases/?list=nothing&page=-3",
    "/manage/cases/999999/",
    "/manage/cases/table/?year=99999&agency=abc",
    "/manage/cases/table/?year=2008&agency={a}",
    "/manage/cases/table/cell/?row=total&year=2025",
    "/manage/cases/table/cell/?row=../../etc&applicant=x",
    "/manage/cases/1/letters/answer.exe",
    "/manage/registers/?agency=999999",
    "/manage/registers/?agency={a}&year=0",
    "/manage/registers/?year=-1",
    "/manage/annual/?year=1",
    "/manage/annual/{a}/1/",
    "/manage/annual/{a}/99999/",
    "/manage/overview/?year=x",
    "/manage/overview/?year=²",
    "/manage/cases/table/?year=²&agency=³",
    "/manage/reports/{r}/?page=²",
    "/manage/reports/{r}/?page=%00",
    "/manage/reports/{r}/source/0.png",
    "/manage/reports/{r}/versions/99.json",
    "/manage/imports/999999/",
    "/apply/status/?number=" + "x" * 500 + "&code=%27%22",
    "/catalogue/999999/",
    "/catalogue/{a}/?q=" + "%25" * 100,
    "/api/reports?year=二〇二一",
    "/api/imports/1",
)


def _ids() -> dict[str, int]:
    office = Agency.objects.get(name="盐池县人民政府办公室")
    return {"a": office.pk, "r": PublishedReport.objects.get(agency=office).pk}


def test_odd_requests_never_fail_on_the_server(demo: list[PublishedReport]) -> None:
    ids = _ids()
    officer = person("officer", Agency.objects.get(pk=ids["a"]), "officer")
    user = Membership.objects.get().user
    Membership.objects.create(
        user=user, agency=Agency.objects.get(name="吴忠市"), role="supervisor"
    )
    for url in ODD_GETS:
        response = officer.get(url.format(**ids))
        assert response.status_code < 500, url
    assert officer.get("/manage/annual/{a}/1/".format(**ids)).status_code == 404


ODD_POSTS = (
    ("/manage/cases/register/", {"agency": "abc", "received_on": "2025-02-30"}),
    ("/manage/cases/1/step", {"action": "fly", "version": "x"}),
    ("/manage/cases/1/split", {"items": "a\nb", "version": "-1"}),
    ("/manage/reports/{r}/correct", {"cell": "....", "value": "1e999", "reason": "x"}),
    ("/manage/reports/{r}/signoff", {"step": "everything"}),
    ("/manage/registers/{a}/publications", {"formed_on": "yesterday"}),
    ("/manage/registers/{a}/figure", {"year": "9999999999", "month": "1", "row": "x"}),
    ("/manage/annual/{a}/2025/", {"problems": "x" * 6000}),
    ("/manage/upload/", {"agency": "1"}),
    ("/apply/", {"agency": "999999", "applicant_type": "robot"}),
)


def test_odd_forms_are_answered_not_crashed(demo: list[PublishedReport]) -> None:
    ids = _ids()
    officer = person("officer", Agency.objects.get(pk=ids["a"]), "officer")
    for url, fields in ODD_POSTS:
        response = officer.post(url.format(**ids), fields)
        assert response.status_code < 500, url
