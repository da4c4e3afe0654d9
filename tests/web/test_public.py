"""The applicant's side (issue 12): applying to an agency chosen by region, every field
checked in Chinese, identity numbers kept masked and hashed, the case followed by its code
(POST only, any brackets, any spacing) in plain words, letters and released files downloaded,
withdrawal offered once the register provides it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from gongkai.identity import id_digest
from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.cases import actions
from gongkai.web.cases.actions import StepInput, do_step
from gongkai.web.cases.models import Application
from gongkai.web.cases.personal import personal_key
from gongkai.web.releases.actions import do_add_release
from tests.web.conftest import Office, holder, office

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unthrottled")]

ID = "110101199003071233"
FORM = {
    "applicant_type": "natural_person",
    "applicant_name": "张三丰",
    "id_number": "110101 19900307 1233",
    "contact": "13800000000",
    "request": "2024年本县农村公路建设资金的使用情况",
    "wanted_form": "电子邮件",
}
CODE = re.compile(r'id="code">([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})<')


@pytest.fixture
def government(tree: dict[str, Agency]) -> Agency:
    return Agency.objects.create(
        name="某县人民政府", level=Agency.Level.COUNTY, parent=tree["county"]
    )


def _submit(client: Client, agency: Agency, **changes: str) -> tuple[Application, str]:
    """Apply online: 待受理, no number yet (第三十一条: received when both sides confirm)."""
    page = client.post("/apply/", {"agency": agency.pk, **FORM, **changes}).content.decode()
    found = CODE.search(page)
    assert found is not None, page
    assert 'id="number"' not in page and "确认受理后" in page
    return Application.objects.latest("pk"), found.group(1)


def _apply(client: Client, agency: Agency, **changes: str) -> tuple[Application, str]:
    """Apply online and have the agency's intake clerk confirm receipt today."""
    submitted, code = _submit(client, agency, **changes)
    clerk = User.objects.filter(username="intake").first() or holder("intake", agency, Role.OFFICER)
    accepted = actions.do_confirm_receipt(submitted, clerk, dt.date.today(), submitted.version)
    return accepted, code


def test_only_agencies_are_offered_never_a_region(
    tree: dict[str, Agency], government: Agency
) -> None:
    page = Client().get("/apply/").content.decode()
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page)
    assert options == [(str(government.pk), "某县人民政府")]
    assert '<optgroup label="某省 某市 某县">' in page  # grouped by its region
    refused = Client().post("/apply/", {"agency": tree["county"].pk, **FORM})
    assert "请从列表中选择受理机关" in refused.content.decode()
    assert not Application.objects.exists()


def test_every_field_is_checked_in_chinese(government: Agency) -> None:
    def problems(**changes: str) -> str:
        return (
            Client().post("/apply/", {"agency": government.pk, **FORM, **changes}).content.decode()
        )

    assert "此项必填" in problems(applicant_name=" ", request="")
    assert "最多100个字（现有101个字）" in problems(applicant_name="张" * 101)
    assert "最多2000个字（现有2001个字）" in problems(request="路" * 2001)
    assert "最多200个字" in problems(contact="1" * 201)
    assert "居民身份证号码的校验码不正确" in problems(id_number="110101199003071234")
    assert "出生日期不正确" in problems(id_number="110101199013071233")
    assert "统一社会信用代码的校验码不正确" in problems(
        applicant_type="commercial", id_number="91350100M000100Y44"
    )
    assert "请从列表中选择" in problems(applicant_type="robot")
    assert not Application.objects.exists()
    case, _ = _apply(Client(), government, id_number="E12345678")  # a passport as typed
    assert case.id_number == "E123***78"


def test_an_identity_number_is_never_stored(government: Agency) -> None:
    case, _ = _apply(Client(), government)
    assert case.id_number == "1101************33"
    assert case.id_digest == id_digest(ID, personal_key())
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_application")
        row = " ".join(str(v) for v in cursor.fetchone())
    assert ID not in row and "19900307" not in row
    again, _ = _apply(Client(), government, id_number=ID.lower())
    assert again.id_digest == case.id_digest  # the same applicant is found again


def test_the_case_is_followed_by_post_with_any_brackets_and_spacing(government: Agency) -> None:
    applicant = Client()
    case, code = _apply(applicant, government)
    assert case.number == f"依申请〔{dt.date.today().year}〕1号"
    assert len(code.replace("-", "")) == 16
    fresh = Client()
    assert "张三丰" not in fresh.get("/apply/status/", {"code": code}).content.decode()
    typed = code.lower().replace("-", " ")
    for number in (
        case.number,
        case.number.replace("〔", "[").replace("〕", "]"),
        case.number.replace("〔", "【").replace("〕", "】"),
        "",
        f" 依申请 ( {case.year} ) 1 号",
    ):
        page = Client().post("/apply/status/", {"number": number, "code": typed})
        text = page.content.decode()
        assert page.status_code == 200 and "正在办理" in text, number
        assert "张三丰" not in text and "13800000000" not in text and "1101" not in text
    wrong = Client().post("/apply/status/", {"number": case.number, "code": "0000-0000-0000-0000"})
    assert wrong.status_code == 404 and "申请编号或查询码不正确" in wrong.content.decode()
    other = Client().post("/apply/status/", {"number": "依申请〔2020〕1号", "code": code})
    assert other.status_code == 404


def _answered(case: Application, people: Office, outcome: str) -> Application:
    on = dt.date.today()
    for action, who in (
        ("draft", people.officer),
        ("review", people.approver),
        ("sign", people.leader),
        ("answer", people.officer),
    ):
        case = do_step(case, who, StepInput(action, on, case.version, outcome))
    return case


def test_states_and_outcomes_are_in_plain_words_and_letters_come_with_the_answer(
    government: Agency,
) -> None:
    people = office(government)
    applicant = Client()
    case, _ = _apply(applicant, government)
    case = do_step(
        case,
        people.officer,
        StepInput("draft", dt.date.today(), case.version, "withheld.state_secret"),
    )
    page = applicant.get("/apply/status/").content.decode()
    assert "答复正在审批" in page and "已拟办" not in page
    assert f"/apply/status/{case.pk}/letters/answer.pdf" not in page  # not before it is given
    assert applicant.get(f"/apply/status/{case.pk}/letters/answer.pdf").status_code == 404
    case.refresh_from_db()
    _answered_rest(case, people)
    page = applicant.get("/apply/status/").content.decode()
    assert "不予公开：属于国家秘密" in page and "三（三）" not in page and "1.属于" not in page
    pdf = applicant.get(f"/apply/status/{case.pk}/letters/answer.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert applicant.get(f"/apply/status/{case.pk}/letters/answer.docx").status_code == 200
    assert applicant.get(f"/apply/status/{case.pk}/letters/consultation.pdf").status_code == 404
    assert Client().get(f"/apply/status/{case.pk}/letters/answer.pdf").status_code == 404
    applicant.post("/apply/status/forget")
    assert applicant.get(f"/apply/status/{case.pk}/letters/answer.pdf").status_code == 404


def _answered_rest(case: Application, people: Office) -> None:
    on = dt.date.today()
    for action, who in (
        ("review", people.approver),
        ("sign", people.leader),
        ("answer", people.officer),
    ):
        case = do_step(case, who, StepInput(action, on, case.version))


def test_released_files_are_downloaded_once_answered(government: Agency) -> None:
    people = office(government)
    applicant = Client()
    case, _ = _apply(applicant, government)
    release = do_add_release(case, people.officer, "资金拨付文件.pdf", b"%PDF-1.4 released")
    url = f"/apply/status/{case.pk}/files/{release.pk}"
    assert applicant.get(url).status_code == 404  # not before the answer
    _answered(case, people, "granted")
    page = applicant.get("/apply/status/").content.decode()
    assert "资金拨付文件.pdf" in page
    got = applicant.get(url)
    assert got.status_code == 200 and got.content == b"%PDF-1.4 released"
    assert Client().get(url).status_code == 404


def test_the_applicant_withdraws_an_open_application_and_it_leaves_table_three(
    government: Agency,
) -> None:
    """Withdrawal from the status page (the register's `do_withdraw_case`): confirmed, by
    the browser that proved the code only, and the case closes as 撤回."""
    applicant = Client()
    case, _ = _apply(applicant, government)
    assert "撤回申请" in applicant.get("/apply/status/").content.decode()
    assert applicant.post(f"/apply/status/{case.pk}/withdraw", {}).status_code == 404  # unconfirmed
    assert Client().post(f"/apply/status/{case.pk}/withdraw", {"confirm": "yes"}).status_code == 404
    done = applicant.post(
        f"/apply/status/{case.pk}/withdraw", {"confirm": "yes", "reason": "已找到"}
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.closing_reason) == ("withdrawn", "已找到")
    page = applicant.get("/apply/status/").content.decode()
    assert "已找到" in page and "撤回申请</summary>" not in page


def test_the_code_never_travels_in_a_url(government: Agency) -> None:
    applicant = Client()
    case, code = _apply(applicant, government)
    page = applicant.get("/apply/status/").content.decode()
    assert code not in page and 'method="post"' in page
    assert case.number in page  # this browser proved the code at submission


@pytest.mark.django_db(transaction=True)
def test_the_migration_masks_numbers_stored_in_plain_text() -> None:
    from django.db.migrations.executor import MigrationExecutor

    before = [("cases", "0007_events_to_audit"), ("agencies", "0006_shared_cache")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    agency = old.get_model("agencies", "Agency").objects.create(name="盐湖区", level="county")
    old.get_model("cases", "Application").objects.create(
        agency=agency,
        year=2025,
        serial=1,
        number="1",
        channel="letter",
        received_on=dt.date(2025, 1, 2),
        applicant_type="natural_person",
        applicant_name="张三",
        id_number=ID,
        contact="1",
        request="x",
        access_digest="x",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    case = Application.objects.get()
    assert (case.id_number, case.id_digest) == ("1101************33", id_digest(ID, personal_key()))
    assert not Agency.objects.get().accepts_applications  # a region is no addressee
