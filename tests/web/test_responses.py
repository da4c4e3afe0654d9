"""答复用时统计 from the register: one agency's figures in total, per month and per handler,
and a supervisor's one row per agency; JSON twins, Excel exports, who sees handlers' names."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.actions import StepInput, do_register, do_step
from gongkai.web.cases.models import Application
from tests.web.conftest import Office, holder, office, person, signed_in

pytestmark = pytest.mark.django_db

FACTS = {
    "channel": "letter",
    "applicant_type": "natural_person",
    "applicant_name": "张三丰",
    "contact": "13800000000",
    "request": "2024年本县农村公路建设资金的使用情况",
}


def answered(
    agency: Agency, people: Office, handler: User, received: str, on: str, extend: str = ""
) -> Application:
    """A case registered by `handler`, answered in writing on `on` (拟办 → 审核 → 签发 → 答复),
    extended (申请 and 批准) on `extend` first if given."""
    case, _ = do_register(
        agency, handler, {**FACTS, "received_on": dt.date.fromisoformat(received)}
    )
    steps = [("draft", handler), ("review", people.approver), ("sign", people.leader)]
    if extend:
        steps = [("request_extension", handler), ("extend", people.approver), *steps]
    for action, who in [*steps, ("answer", handler)]:
        day = dt.date.fromisoformat(extend if action in ("request_extension", "extend") else on)
        case = do_step(case, who, StepInput(action, day, case.version, "granted", note="需调档"))
    return case


@pytest.fixture
def county(tree: dict[str, Agency]) -> tuple[Office, User]:
    """The county's office and a second handler, with four answers of 2025 (March has no
    holiday: 2025-03-31 is the 20th working day after 03-03) and one of 2024."""
    people, second = office(tree["county"]), holder("second", tree["county"], Role.OFFICER)
    answered(tree["county"], people, people.officer, "2025-03-03", "2025-03-10")  # 5 days
    answered(tree["county"], people, people.officer, "2025-03-03", "2025-03-31")  # 20, in time
    answered(tree["county"], people, second, "2025-03-03", "2025-04-01")  # 21: late
    # Extended on 03-20: due 40 working days after 03-03, answered on the 25th.
    answered(tree["county"], people, second, "2025-03-03", "2025-04-08", extend="2025-03-20")
    answered(tree["county"], people, people.officer, "2024-03-04", "2024-03-11")
    return people, second


def _json(client: object, url: str, **query: object) -> dict[str, object]:
    response = client.get(url, query)  # type: ignore[attr-defined]
    assert response.status_code == 200
    return dict(json.loads(response.content))


def test_the_agency_sees_its_year_in_total_per_month_and_per_handler(
    tree: dict[str, Agency], county: tuple[Office, User]
) -> None:
    people, _ = county
    body = _json(signed_in(people.officer), "/manage/cases/responses.json", year=2025)
    assert body["agency"] == "某县"
    assert body["total"] == {
        "answered": 4,
        "median_days": 20.5,
        "p90_days": 25,
        "late": 1,
        "late_share": 0.25,
        "extended": 1,
    }
    months = {m["month"]: (m["answered"], m["median_days"], m["late"]) for m in body["months"]}  # type: ignore[attr-defined]
    assert months[3] == (2, 12.5, 0) and months[4] == (2, 23.0, 1) and months[5] == (0, None, 0)
    handlers = [(h["handler"], h["answered"], h["late"], h["extended"]) for h in body["handlers"]]  # type: ignore[attr-defined]
    assert handlers == [("officer", 2, 0, 0), ("second", 2, 1, 1)]


def test_the_page_shows_the_tables_and_a_chart(
    tree: dict[str, Agency], county: tuple[Office, User]
) -> None:
    people, _ = county
    page = signed_in(people.officer).get("/manage/cases/responses/", {"year": 2025})
    text = page.content.decode()
    assert page.status_code == 200
    assert "某县2025年度依申请公开答复用时统计" in text
    assert "<td>25.0%</td>" in text and "各承办人" in text and "<td>second</td>" in text
    assert 'id="chart-months"' in text and "echarts.min.js" in text


def test_a_supervisor_sees_the_agency_figures_but_not_its_handlers(
    tree: dict[str, Agency], county: tuple[Office, User]
) -> None:
    supervisor = person("city", tree["city"], Role.SUPERVISOR)
    asked = {"agency": tree["county"].pk, "year": 2025}
    body = _json(supervisor, "/manage/cases/responses.json", **asked)
    assert body["total"]["answered"] == 4 and body["handlers"] == []  # type: ignore[index]
    page = supervisor.get("/manage/cases/responses/", asked).content.decode()
    assert "各承办人" not in page and "second" not in page
    sheet = supervisor.get("/manage/cases/responses.xlsx", asked)
    assert not any("second" in str(v) for v in _cells(sheet.content))


def test_another_agency_s_officer_is_not_told_the_figures(
    tree: dict[str, Agency], county: tuple[Office, User]
) -> None:
    outsider = person("outsider", tree["other"], Role.OFFICER)
    response = outsider.get("/manage/cases/responses/", {"agency": tree["county"].pk})
    assert response.status_code == 404


def test_the_supervisor_lists_every_agency_sorted_by_the_column_asked(
    tree: dict[str, Agency], county: tuple[Office, User]
) -> None:
    city_office = office(tree["city"], "city-")
    answered(tree["city"], city_office, city_office.officer, "2025-03-03", "2025-03-04")
    supervisor = person("sup", tree["city"], Role.SUPERVISOR)
    body = _json(supervisor, "/manage/overview/responses.json", year=2025, sort="median")
    rows = [(a["agency"], a["answered"], a["median_days"]) for a in body["agencies"]]  # type: ignore[attr-defined]
    assert rows == [("某县", 4, 20.5), ("某市", 1, 1.0)]
    ascending = _json(
        supervisor, "/manage/overview/responses.json", year=2025, sort="median", order="asc"
    )
    assert [a["agency"] for a in ascending["agencies"]] == ["某市", "某县"]  # type: ignore[attr-defined]
    sheet = _cells(supervisor.get("/manage/overview/responses.xlsx", {"year": 2025}).content)
    assert {"某市", "某县", "25.0%"} <= sheet and "second" not in sheet
    page = supervisor.get("/manage/overview/responses/", {"year": 2025}).content.decode()
    assert 'id="chart-agencies"' in page and "某县" in page and "second" not in page


def test_the_figures_take_the_same_queries_however_many_cases(
    tree: dict[str, Agency], county: tuple[Office, User]
) -> None:
    supervisor = signed_in(holder("sup", tree["province"], Role.SUPERVISOR))

    def queries() -> int:
        with CaptureQueriesContext(connection) as run:
            supervisor.get("/manage/overview/responses/", {"year": 2025})
        return len(run)

    before = queries()
    city_office = office(tree["city"], "city-")
    for day in ("2025-05-06", "2025-05-07", "2025-05-08"):
        answered(tree["city"], city_office, city_office.officer, "2025-05-06", day)
    assert queries() == before


def _cells(data: bytes) -> set[object]:
    rows = load_workbook(io.BytesIO(data)).worksheets[0].values
    return {value for row in rows for value in row}


def test_a_consultation_s_pause_is_not_counted_against_the_deadline(
    tree: dict[str, Agency],
) -> None:
    """Answered 24 working days after receipt, but the clock stood while a third party was
    consulted (第三十二条): not late."""
    people = office(tree["county"])
    case, _ = do_register(
        tree["county"], people.officer, {**FACTS, "received_on": dt.date(2025, 3, 3)}
    )
    client = signed_in(people.officer)
    for action, on, extra in (
        ("consult", "2025-03-10", {"addressee": "某建设有限公司"}),
        ("consultation_done", "2025-03-17", {}),
    ):
        case.refresh_from_db()
        fields = {"action": action, "on": on, "version": case.version, **extra}
        assert client.post(f"/manage/cases/{case.pk}/step", fields).status_code == 302
    case.refresh_from_db()
    assert case.clock["pauses"] == [["2025-03-10", "2025-03-17"]]
    for action, who in (
        ("draft", people.officer),
        ("review", people.approver),
        ("sign", people.leader),
        ("answer", people.officer),
    ):
        case = do_step(case, who, StepInput(action, dt.date(2025, 4, 7), case.version, "granted"))
    body = _json(client, "/manage/cases/responses.json", year=2025)
    assert body["total"] == {
        "answered": 1,
        "median_days": 24.0,
        "p90_days": 24,
        "late": 0,
        "late_share": 0.0,
        "extended": 0,
    }
