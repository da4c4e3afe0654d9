"""The permission matrix against the running system: every role × every action × (own
agency, another agency). Allowed means the change is made; refused means nothing changes and
the person is told — 404 where they may not even see the agency's records, 403 where they
see them but may not act, the login page (or 401 from the API) when not signed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.roles import Role
from gongkai.signoff import SignoffStep
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.api.models import ApiToken
from gongkai.web.cases.actions import StepInput, do_register, do_step
from gongkai.web.cases.models import Application
from gongkai.web.registers.models import MonthlyFigure, Publication
from gongkai.web.reports.actions import do_queue_import, do_signoff
from gongkai.web.reports.models import ImportBatch, PublishedReport
from tests.web.conftest import Office, draft_from_seed, seed_bytes, sign_and_publish
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
            given = StepInput(action, dt.date(2025, 9, 30), case.version, "granted")
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
    return _case_step(w, w.case(), "request_correction")


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
        add_publication,
        set_figure,
        manage_people,
        read_audit,
        api_correct,
        api_publish,
    )
}


def test_every_action_of_the_matrix_is_tried() -> None:
    assert set(PERFORM) == {a.name for a in ACTIONS}


def _refusal(role: str, action: Action, other: bool) -> int:
    if role == "anonymous":
        return 401 if action.api else 302
    return 403 if sees(role, other) else 404


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
