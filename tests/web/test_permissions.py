"""The permission matrix against the running system: every role × every action × (own
agency, another agency). Allowed means the change is made; refused means nothing changes and
the person is told — 404 where they may not even see the agency's records, 403 where they
see them but may not act, the login page (or 401 from the API) when not signed in.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook
from PIL import Image

from gongkai.holiday_notice import arrangement_of, arrangement_text
from gongkai.roles import Role
from gongkai.signoff import SignoffStep
from gongkai.web.agencies.models import Agency, LetterSettings, Membership
from gongkai.web.api.models import ApiToken
from gongkai.web.cases.actions import StepInput, do_register, do_step, do_submit_online
from gongkai.web.cases.models import Application
from gongkai.web.copies.actions import do_find_copies
from gongkai.web.copies.models import SectionCopy
from gongkai.web.holidays.models import HolidayYear
from gongkai.web.ingest.actions import do_start_ingest
from gongkai.web.ingest.models import CollectedFile
from gongkai.web.registers.actions import do_add_appeal, do_add_publication, do_set_figure
from gongkai.web.registers.models import MonthlyFigure, Publication
from gongkai.web.releases.actions import do_add_release
from gongkai.web.releases.models import Release
from gongkai.web.reports.actions import (
    Collecting,
    do_queue_import,
    do_signoff,
    store_collected,
)
from gongkai.web.reports.models import ImportBatch, PublishedReport
from gongkai.workdays import default_calendar
from tests.web.conftest import Office, draft_from_seed, seed_bytes, seed_report, sign_and_publish
from tests.web.permission_matrix import ACTIONS, ROLES, Action, holds_at_other, sees

pytestmark = pytest.mark.django_db

# Where each role is held: the county (its officer, …), the city above it (its supervisor),
# the other city (the outside supervisor); the objects are at the county or the other city.
HELD_AT = {
    "officer": ("county", Role.OFFICER),
    "approver": ("county", Role.APPROVER),
    "leader": ("county", Role.LEADER),
    "agency_admin": ("county", Role.AGENCY_ADMIN),
    "supervisor": ("city", Role.SUPERVISOR),
    "outside_supervisor": ("other", Role.SUPERVISOR),
}
FACTS = {
    "channel": "letter",
    "received_on": dt.date(2025, 9, 28),
    "applicant_type": "natural_person",
    "applicant_name": "张三丰",
    "contact": "13800000000",
    "request": "2024年本县农村公路建设资金的使用情况",
}


@dataclass
class World:
    tree: dict[str, Agency]
    target: Agency
    staff: Office  # the target agency's own people, who bring objects to the needed state
    actor: User | None

    def client(self) -> Client:
        client = Client()
        if self.actor is not None:
            client.force_login(self.actor)
        return client

    def token(self) -> str:
        if self.actor is None:
            return ""
        _, key = ApiToken.issue(self.actor, "矩阵测试")
        return key

    def draft(self) -> PublishedReport:
        return draft_from_seed(self.target, "003", self.staff.officer)

    def case(self, *steps: str) -> Application:
        case, _ = do_register(self.target, self.staff.officer, dict(FACTS))
        for action in steps:
            who = {"extend": self.staff.approver, "review": self.staff.approver}.get(
                action, self.staff.officer
            )
            given = StepInput(action, dt.date(2025, 9, 30), case.version, "granted", note="需调档")
            case = do_step(case, who, given)
        return case


def _user(name: str) -> User:
    return User.objects.create_user(name)


def _world(tree: dict[str, Agency], role: str, other: bool) -> World:
    target = tree["other"] if other else tree["county"]
    staff = Office(*(_user(f"staff-{n}") for n in ("officer", "approver", "leader")))
    for user, held in zip(
        (staff.officer, staff.approver, staff.leader),
        (Role.OFFICER, Role.APPROVER, Role.LEADER),
    ):
        Membership.objects.create(user=user, agency=target, role=held)
    actor = None if role == "anonymous" else _user(role)
    if actor is not None and role in HELD_AT:
        where, held = HELD_AT[role]
        Membership.objects.create(user=actor, agency=tree[where], role=held)
    if actor is not None and role == "administrator":
        actor.is_superuser = True
        actor.save()
    return World(tree, target, staff, actor)


Outcome = tuple[int, bool]  # (status code, whether the change was made)


def _post(world: World, url: str, data: dict[str, Any] | None = None) -> int:
    return int(world.client().post(url, data or {}).status_code)


def view_report(w: World) -> Outcome:
    status = w.client().get(f"/manage/reports/{w.draft().pk}/").status_code
    return status, status == 200


def upload_report(w: World) -> Outcome:
    name, data = seed_bytes("003")
    upload = {"agency": w.target.pk, "uploads": SimpleUploadedFile(name, data)}
    status = _post(w, "/manage/upload/", upload)
    return status, ImportBatch.objects.filter(agency=w.target).exists()


def view_batch(w: World) -> Outcome:
    batch = do_queue_import(w.target, w.staff.officer, [seed_bytes("003")])
    status = w.client().get(f"/manage/imports/{batch.pk}/").status_code
    return status, status == 200


def correct_report(w: World) -> Outcome:
    draft = w.draft()
    cell = {"cell": "applications.total.total", "value": "7", "reason": "核对原件"}
    status = _post(w, f"/manage/reports/{draft.pk}/correct", cell)
    draft.refresh_from_db()
    return status, draft.report().applications.rows["total"][6] == 7


def _signoff_step(w: World, draft: PublishedReport, step: str) -> Outcome:
    status = _post(w, f"/manage/reports/{draft.pk}/signoff", {"step": step})
    return status, draft.signoffs.filter(step=step).exists()


def submit_report(w: World) -> Outcome:
    return _signoff_step(w, w.draft(), "submitted")


def review_report(w: World) -> Outcome:
    draft = w.draft()
    do_signoff(draft, w.staff.officer, SignoffStep.SUBMITTED)
    return _signoff_step(w, draft, "reviewed")


def sign_report(w: World) -> Outcome:
    draft = w.draft()
    do_signoff(draft, w.staff.officer, SignoffStep.SUBMITTED)
    do_signoff(draft, w.staff.approver, SignoffStep.REVIEWED)
    return _signoff_step(w, draft, "signed")


def _signed(w: World) -> PublishedReport:
    draft = w.draft()
    do_signoff(draft, w.staff.officer, SignoffStep.SUBMITTED)
    do_signoff(draft, w.staff.approver, SignoffStep.REVIEWED)
    do_signoff(draft, w.staff.leader, SignoffStep.SIGNED)
    return draft


def publish_report(w: World) -> Outcome:
    draft = _signed(w)
    status = _post(w, f"/manage/reports/{draft.pk}/publish")
    draft.refresh_from_db()
    return status, draft.status == PublishedReport.Status.PUBLISHED


def revise_report(w: World) -> Outcome:
    published = sign_and_publish(w.draft(), w.staff)
    status = _post(w, f"/manage/reports/{published.pk}/revise", {"reason": "更正数字"})
    return status, published.revisions.exists()


def compile_report(w: World) -> Outcome:
    url = f"/manage/annual/{w.target.pk}/2025/"
    status = _post(w, url, {"problems": "一是解读形式单一；二是答复说理不足。"})
    return status, PublishedReport.objects.filter(
        agency=w.target, source_format="registers"
    ).exists()


def view_case(w: World) -> Outcome:
    status = w.client().get(f"/manage/cases/{w.case().pk}/").status_code
    return status, status == 200


def register_case(w: World) -> Outcome:
    fields = {**FACTS, "received_on": "2025-09-28", "agency": w.target.pk}
    status = _post(w, "/manage/cases/register/", fields)
    return status, Application.objects.filter(agency=w.target).exists()


def _case_step(w: World, case: Application, action: str, **extra: str) -> Outcome:
    before = case.state
    fields = {"action": action, "on": "2025-10-09", "version": case.version, **extra}
    status = _post(w, f"/manage/cases/{case.pk}/step", fields)
    case.refresh_from_db()
    return status, case.state != before


def officer_step(w: World) -> Outcome:
    return _case_step(w, w.case(), "request_correction", correction_items="所需文件的文号")


def approve_extension(w: World) -> Outcome:
    return _case_step(w, w.case("request_extension"), "extend")


def review_case(w: World) -> Outcome:
    return _case_step(w, w.case("draft"), "review")


def sign_case(w: World) -> Outcome:
    return _case_step(w, w.case("draft", "review"), "sign")


def case_letter(w: World) -> Outcome:
    case = w.case("request_correction")
    status = w.client().get(f"/manage/cases/{case.pk}/letters/correction.docx").status_code
    return status, status == 200


def _release(w: World) -> Release:
    picture = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(picture, "PNG")
    return do_add_release(w.case(), w.staff.officer, "scan.png", picture.getvalue())


def view_releases(w: World) -> Outcome:
    status = w.client().get(f"/manage/cases/{w.case().pk}/releases/").status_code
    return status, status == 200


def add_release(w: World) -> Outcome:
    case = w.case()
    upload = {"file": SimpleUploadedFile("拨付表.pdf", b"%PDF-1.4 x")}
    status = _post(w, f"/manage/cases/{case.pk}/releases/add", upload)
    return status, case.releases.exists()


def redact_release(w: World) -> Outcome:
    release = _release(w)
    boxes = '[{"page": 0, "x0": 0.1, "y0": 0.1, "x1": 0.5, "y1": 0.5}]'
    url = f"/manage/cases/{release.application_id}/releases/{release.pk}/redact/save"
    status = _post(w, url, {"boxes": boxes})
    return status, release.redactions.exists()


def remove_release(w: World) -> Outcome:
    release = _release(w)
    url = f"/manage/cases/{release.application_id}/releases/{release.pk}/remove"
    status = _post(w, url)
    return status, not Release.objects.filter(pk=release.pk).exists()


def set_letters(w: World) -> Outcome:
    status = _post(w, f"/manage/letters/{w.target.pk}/", {"contact_person": "李四"})
    return status, LetterSettings.objects.filter(agency=w.target).exists()


def add_publication(w: World) -> Outcome:
    document = {
        "kind": "normative_documents",
        "title": "关于进一步规范农村公路建设资金管理的通知",
        "formed_on": "2025-03-03",
        "published_on": "2025-03-10",
    }
    status = _post(w, f"/manage/registers/{w.target.pk}/publications", document)
    return status, Publication.objects.filter(agency=w.target).exists()


def set_figure(w: World) -> Outcome:
    figure = {"year": 2025, "month": 3, "row": "licensing", "value": "12"}
    status = _post(w, f"/manage/registers/{w.target.pk}/figure", figure)
    return status, MonthlyFigure.objects.filter(agency=w.target).exists()


def manage_people(w: World) -> Outcome:
    _user("colleague")
    grant = {"username": "colleague", "role": "officer"}
    status = _post(w, f"/manage/people/{w.target.pk}/grant", grant)
    return status, Membership.objects.filter(user__username="colleague").exists()


def read_audit(w: World) -> Outcome:
    status = w.client().get("/manage/audit/", {"agency": w.target.pk}).status_code
    return status, status == 200


def rank_agencies(w: World) -> Outcome:
    name, data = seed_bytes("003")
    report = seed_report("003").model_copy(update={"year": 2021})
    store_collected([Collecting(w.target, report, name, data)], None)
    asked = {"region": w.target.pk, "year": 2021}
    response = w.client().get("/manage/overview/rankings/", asked)
    return response.status_code, w.target.name in response.content.decode()


def _region_page(url: str) -> Callable[[World], Outcome]:
    """A supervisors' analytics page asked for the target agency's region."""

    def perform(w: World) -> Outcome:
        rank_agencies(w)  # the target's published report of 2021
        asked = {"region": w.target.pk, "from": 2021, "to": 2021, "year": 2021}
        response = w.client().get(url, asked)
        return response.status_code, w.target.name in response.content.decode()

    return perform


def compare_reports(w: World) -> Outcome:
    name, data = seed_bytes("003")
    reports = [seed_report("003").model_copy(update={"year": y}) for y in (2020, 2021)]
    a, b = store_collected([Collecting(w.target, r, name, data) for r in reports], None)
    response = w.client().get("/manage/overview/compare/", {"a": a.pk, "b": b.pk})
    return response.status_code, "逐格对比" in response.content.decode()


def _answered(w: World) -> Application:
    case = w.case()
    for action, who in (
        ("draft", w.staff.officer),
        ("review", w.staff.approver),
        ("sign", w.staff.leader),
        ("answer", w.staff.officer),
    ):
        case = do_step(case, who, StepInput(action, dt.date(2025, 10, 9), case.version, "granted"))
    return case


def agency_responses(w: World) -> Outcome:
    _answered(w)
    asked = {"agency": w.target.pk, "year": 2025}
    response = w.client().get("/manage/cases/responses.json", asked)
    done = response.status_code == 200 and response.json()["total"]["answered"] == 1
    return response.status_code, done


def region_responses(w: World) -> Outcome:
    _answered(w)
    asked = {"region": w.target.pk, "year": 2025}
    response = w.client().get("/manage/overview/responses.json", asked)
    rows = response.json()["agencies"] if response.status_code == 200 else []
    return response.status_code, [r["answered"] for r in rows] == [1]


def _copied(w: World) -> SectionCopy:
    """The target's reports of 2024 and 2025, the second a copy of the first."""
    name, data = seed_bytes("003")
    reports = [seed_report("003").model_copy(update={"year": y}) for y in (2024, 2025)]
    store_collected([Collecting(w.target, r, name, data) for r in reports], None)
    do_find_copies(2025, w.target, user=None)
    return SectionCopy.objects.get(section="problems")


def view_copies(w: World) -> Outcome:
    _copied(w)
    asked = {"region": w.target.pk, "year": 2025}
    response = w.client().get("/manage/copies/copies.json", asked)
    rows = response.json()["agencies"] if response.status_code == 200 else []
    return response.status_code, bool(rows and rows[0]["last_year"])


def view_copy_pair(w: World) -> Outcome:
    response = w.client().get(f"/manage/copies/{_copied(w).pk}/")
    return response.status_code, response.status_code == 200 and b"<mark>" in response.content


def find_copies(w: World) -> Outcome:
    name, data = seed_bytes("003")
    reports = [seed_report("003").model_copy(update={"year": y}) for y in (2024, 2025)]
    store_collected([Collecting(w.target, r, name, data) for r in reports], None)
    status = w.client().post(f"/manage/copies/find/?year=2025&region={w.target.pk}").status_code
    return status, SectionCopy.objects.filter(section="problems").exists()


def _pending(w: World) -> CollectedFile:
    run = do_start_ingest("矩阵测试", ["报告"], user=None, host="", workers=1)
    name, data = seed_bytes("003")
    return CollectedFile.objects.create(
        sha256="0" * 64,
        run=run,
        name=name,
        outcome=CollectedFile.Outcome.PENDING,
        reason=CollectedFile.Reason.UNMATCHED,
        year=2021,
        data=seed_report("003").to_json(),
        source=data,
    )


def view_collections(w: World) -> Outcome:
    _pending(w)
    status = w.client().get("/manage/collections/pending/").status_code
    return status, status == 200


def assign_collected(w: World) -> Outcome:
    pending = _pending(w)
    status = _post(w, f"/manage/collections/pending/{pending.pk}/assign", {"agency": w.target.pk})
    return status, PublishedReport.objects.filter(agency=w.target).exists()


def dismiss_collected(w: World) -> Outcome:
    pending = _pending(w)
    status = _post(w, f"/manage/collections/pending/{pending.pk}/dismiss", {"reason": "不是年报"})
    pending.refresh_from_db()
    return status, pending.outcome == CollectedFile.Outcome.DISMISSED


def view_ledger(w: World) -> Outcome:
    case = w.case()
    response = w.client().get("/manage/cases/ledger.xlsx", {"agency": w.target.pk})
    found = response.status_code == 200 and case.number in _sheet_text(response.content)
    return response.status_code, found


def _sheet_text(data: bytes) -> set[object]:
    """Every value of an XLSX's first sheet."""
    rows = load_workbook(io.BytesIO(data)).worksheets[0].values
    return {value for row in rows for value in row}


def _online(w: World) -> Application:
    facts = {k: v for k, v in FACTS.items() if k not in ("channel", "received_on")}
    return do_submit_online(w.target, facts)[0]


def confirm_intake(w: World) -> Outcome:
    case = _online(w)
    fields = {"version": case.version, "on": dt.date.today().isoformat()}
    status = _post(w, f"/manage/cases/{case.pk}/confirm", fields)
    case.refresh_from_db()
    return status, case.state == "registered"


def set_aside_application(w: World) -> Outcome:
    case = _online(w)
    fields = {"version": case.version, "reason": "测试内容，不是申请"}
    status = _post(w, f"/manage/cases/{case.pk}/set-aside", fields)
    case.refresh_from_db()
    return status, case.state == "invalid"


def withdraw_case(w: World) -> Outcome:
    case = w.case()
    fields = {"version": case.version, "on": "2025-10-09", "reason": "申请人来电撤回"}
    status = _post(w, f"/manage/cases/{case.pk}/withdraw", fields)
    case.refresh_from_db()
    return status, case.state == "withdrawn"


def claim_case(w: World) -> Outcome:
    case = _online(w)
    actor = w.actor.pk if w.actor else 0
    status = _post(w, f"/manage/cases/{case.pk}/assign", {"version": 1, "assignee": actor})
    case.refresh_from_db()
    return status, case.assignee_id is not None


def assign_case(w: World) -> Outcome:
    case = w.case()  # handled by the agency's officer
    fields = {"version": case.version, "assignee": w.staff.approver.pk}
    status = _post(w, f"/manage/cases/{case.pk}/assign", fields)
    case.refresh_from_db()
    return status, case.assignee_id == w.staff.approver.pk


def correct_case(w: World) -> Outcome:
    case = w.case()
    fields = {**FACTS, "received_on": "2025-09-28", "contact": "13900000000"}
    fields |= {"version": case.version, "reason": "核对原件"}
    status = _post(w, f"/manage/cases/{case.pk}/correct", fields)
    case.refresh_from_db()
    return status, case.contact == "13900000000"


def correct_publication(w: World) -> Outcome:
    facts = {"kind": "other", "title": "某通知", "formed_on": dt.date(2025, 3, 3)}
    added = do_add_publication(w.target, w.staff.officer, facts)
    fields = {**facts, "formed_on": "2025-03-03", "title": "某某通知", "reason": "标题有误"}
    status = _post(w, f"/manage/registers/publications/{added.pk}/", fields)
    added.refresh_from_db()
    return status, added.title == "某某通知"


def correct_figure(w: World) -> Outcome:
    figure = do_set_figure(w.target, w.staff.officer, 2025, 3, "licensing", Decimal(12))
    fields = {"value": "13", "reason": "漏计"}
    status = _post(w, f"/manage/registers/figures/{figure.pk}/", fields)
    figure.refresh_from_db()
    return status, figure.value == 13


def correct_appeal(w: World) -> Outcome:
    facts = {"kind": "review", "number": "复1号", "filed_on": dt.date(2025, 4, 1)}
    appeal = do_add_appeal(w.target, w.staff.officer, facts)
    fields = {**facts, "filed_on": "2025-04-02", "result": "pending", "reason": "日期有误"}
    status = _post(w, f"/manage/registers/appeals/{appeal.pk}/", fields)
    appeal.refresh_from_db()
    return status, appeal.filed_on == dt.date(2025, 4, 2)


def add_calendar_year(w: World) -> Outcome:
    text = arrangement_text(arrangement_of(default_calendar(), 2031))
    status = _post(w, "/manage/calendar/", {"year": "2031", "text": text})
    return status, HolidayYear.objects.filter(year=2031).exists()


def _api(w: World, url: str, body: str = "{}") -> int:
    key = w.token()
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = Client().post(url, body, content_type="application/json", headers=headers)
    return int(response.status_code)


def api_correct(w: World) -> Outcome:
    draft = w.draft()
    body = '{"cell": "applications.total.total", "value": 7, "reason": "核对原件"}'
    status = _api(w, f"/api/reports/{draft.pk}/corrections", body)
    draft.refresh_from_db()
    return status, draft.report().applications.rows["total"][6] == 7


def api_publish(w: World) -> Outcome:
    draft = _signed(w)
    status = _api(w, f"/api/reports/{draft.pk}/publish")
    draft.refresh_from_db()
    return status, draft.status == PublishedReport.Status.PUBLISHED


PERFORM: dict[str, Callable[[World], Outcome]] = {
    f.__name__: f
    for f in (
        view_report,
        upload_report,
        view_batch,
        correct_report,
        submit_report,
        review_report,
        sign_report,
        publish_report,
        revise_report,
        compile_report,
        view_case,
        register_case,
        officer_step,
        approve_extension,
        review_case,
        sign_case,
        case_letter,
        view_releases,
        add_release,
        redact_release,
        remove_release,
        add_publication,
        set_figure,
        manage_people,
        set_letters,
        read_audit,
        rank_agencies,
        compare_reports,
        agency_responses,
        region_responses,
        view_copies,
        view_copy_pair,
        find_copies,
        view_collections,
        assign_collected,
        dismiss_collected,
        view_ledger,
        confirm_intake,
        set_aside_application,
        withdraw_case,
        claim_case,
        assign_case,
        correct_case,
        correct_publication,
        correct_figure,
        correct_appeal,
        add_calendar_year,
        api_correct,
        api_publish,
    )
}
PERFORM |= {
    "view_standing": _region_page("/manage/overview/standing/"),
    "view_trends": _region_page("/manage/overview/trends/"),
    "view_distributions": _region_page("/manage/overview/distributions/"),
}


def test_every_action_of_the_matrix_is_tried() -> None:
    assert set(PERFORM) == {a.name for a in ACTIONS}


def _refusal(role: str, action: Action, other: bool) -> int:
    if role == "anonymous":
        return 401 if action.api else 302
    return 403 if action.system or sees(role, other) else 404


@pytest.mark.parametrize("other", [False, True], ids=["own", "other"])
@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
@pytest.mark.parametrize("role", ROLES)
def test_permission(tree: dict[str, Agency], role: str, action: Action, other: bool) -> None:
    world = _world(tree, role, other)
    allowed = holds_at_other(role, action) if other else role in action.allowed
    status, done = PERFORM[action.name](world)
    if allowed:
        assert done and status in (200, 201, 302), status
    else:
        assert not done and status == _refusal(role, action, other)
