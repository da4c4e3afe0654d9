"""Letters that go out as they are (issue 12): the agency's letter settings on their own page
(audited, the seal a checked PNG), every step's facts typed on the step form and kept with
the case, every letter of every outcome complete and well punctuated, and the letter editor
in /admin/ that lists its placeholders and checks a wording before it is saved."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document
from PIL import Image

from gongkai import messages
from gongkai.cases.answers import GROUNDS
from gongkai.cases.letters import letter_gaps, letter_problems
from gongkai.cases.step_facts import StepFacts
from gongkai.cases.table import OUTCOME_ROWS
from gongkai.render.letter import letter_docx, letter_pdf
from gongkai.roles import Role
from gongkai.web.agencies.actions import do_set_letter_settings
from gongkai.web.agencies.letter_settings import agency_details
from gongkai.web.agencies.models import Agency, LetterSettings
from gongkai.web.audit.models import AuditEvent, EventType
from gongkai.web.audit.presenting import describe
from gongkai.web.cases import letters
from gongkai.web.cases.actions import StepInput, do_register, do_step
from gongkai.web.cases.models import Application, LetterTemplate
from tests.web.conftest import Office, holder, office, person, signed_in

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).parent.parent.parent / "test-artifacts" / "letters"
SETTINGS = {
    "contact_person": "李四",
    "phone": "0359-1234567",
    "address": "某县某路1号",
    "review_body": "某市人民政府",
    "court": "某县人民法院",
    "payment_method": "银行转账（请注明申请编号）",
    "payment_account": "户名：某县财政局；开户行：某银行某支行；账号：1234567890",
}
FACTS = {
    "channel": "letter",
    "received_on": dt.date(2025, 9, 1),
    "applicant_type": "natural_person",
    "applicant_name": "张三丰",
    "contact": "13800000000",
    "request": "2024年本县农村公路建设资金的使用情况",
    "wanted_form": "电子文档",
}


def _png(size: tuple[int, int] = (200, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (200, 0, 0, 128)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_agency_administrator_keeps_the_letter_settings(tree: dict[str, Agency]) -> None:
    admin = person("admin", tree["county"], Role.AGENCY_ADMIN)
    url = f"/manage/letters/{tree['county'].pk}/"
    assert "文书设置：某县" in admin.get(url).content.decode()
    seal = SimpleUploadedFile("seal.png", _png(), content_type="image/png")
    response = admin.post(url, {**SETTINGS, "seal_file": seal})
    assert response.status_code == 302
    kept = LetterSettings.objects.get(agency=tree["county"])
    assert kept.court == "某县人民法院" and bytes(kept.seal or b"") == _png()
    event = AuditEvent.objects.get(event_type=EventType.LETTER_SETTINGS_SET)
    assert "管辖法院：某县人民法院" in describe(event.after) and "印章图片：" in describe(
        event.after
    )
    assert admin.get(f"/manage/letters/{tree['county'].pk}/seal.png").content == _png()
    jpeg = io.BytesIO()
    Image.new("RGB", (10, 10)).save(jpeg, "JPEG")
    refused = admin.post(
        url, {**SETTINGS, "seal_file": SimpleUploadedFile("s.jpg", jpeg.getvalue())}
    )
    assert refused.status_code == 400 and "印章图片应为 PNG 格式" in refused.content.decode()
    wide = SimpleUploadedFile("s.png", _png((2500, 10)))
    assert "不能超过2000像素" in admin.post(url, {**SETTINGS, "seal_file": wide}).content.decode()
    long = admin.post(url, {**SETTINGS, "phone": "1" * 51})
    assert "最多50个字（现有51个字）" in long.content.decode()
    admin.post(url, {**SETTINGS, "remove_seal": "on"})
    assert LetterSettings.objects.get().seal is None
    officer = person("officer", tree["county"], Role.OFFICER)
    assert officer.get(url).status_code == 403
    assert person("other", tree["other"], Role.AGENCY_ADMIN).get(url).status_code == 404


def _case(agency: Agency, people: Office) -> Application:
    case, _ = do_register(agency, people.officer, dict(FACTS))
    return case


def _do(case: Application, who: User, action: str, on: dt.date, **given: object) -> Application:
    return do_step(case, who, StepInput(action, on, case.version, **given))  # type: ignore[arg-type]


ANSWER_FACTS = {
    "granted": StepFacts(
        provided="《2024年农村公路建设资金拨付表》", form="电子文档（电子邮件发送）"
    ),
    "partially_granted": StepFacts(
        provided="《2024年农村公路建设资金拨付表》",
        form="纸质复印件",
        withheld="表中施工单位的银行账号",
        ground="withheld.third_party",
    ),
    "not_processed.publication": StepFacts(reason="该信息刊登于《某县政府公报》2024年第3期"),
    "other.other": StepFacts(reason="申请人已撤回申请"),
    "unavailable.not_held": StepFacts(reason="经检索本机关档案，未找到该信息"),
}


def _answer(case: Application, people: Office, outcome: str) -> Application:
    on = dt.date(2025, 9, 20)
    case = _do(
        case,
        people.officer,
        "draft",
        on,
        outcome=outcome,
        facts=ANSWER_FACTS.get(outcome, StepFacts()),
    )
    case = _do(case, people.approver, "review", on)
    case = _do(case, people.leader, "sign", on)
    return _do(case, people.officer, "answer", on)


def _check(case: Application, kind: str) -> str:
    written = letters.letter(case, kind)
    assert written is not None
    assert letter_problems(written) == [], (kind, letter_problems(written))
    docx = letter_docx(written)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "{" not in text and "。。" not in text and "。”。" not in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = f"{kind}-{case.outcome or case.state}".replace(".", "-")
    (ARTIFACTS / f"{name}.pdf").write_bytes(letter_pdf(written))
    return text


def test_every_letter_of_every_outcome_goes_out_without_hand_editing(
    tree: dict[str, Agency],
) -> None:
    agency = tree["county"]
    people = office(agency)
    admin = holder("admin", agency, Role.AGENCY_ADMIN)
    before = _case(agency, people)
    assert messages.LETTER_NO_CONTACT in letter_gaps(
        agency_details(agency), letters._facts(before, "correction", None)
    )
    do_set_letter_settings(agency, admin, SETTINGS, _png(), False)
    steps = _case(agency, people)
    steps = _do(
        steps,
        people.officer,
        "request_correction",
        dt.date(2025, 9, 2),
        facts=StepFacts(correction_items="所需资金文件的年份和路段名称", correction_days=10),
    )
    steps = _do(steps, people.officer, "correction_received", dt.date(2025, 9, 5))
    steps = _do(
        steps,
        people.officer,
        "consult",
        dt.date(2025, 9, 8),
        facts=StepFacts(addressee="某市交通运输局", party="agency"),
    )
    steps = _do(steps, people.officer, "consultation_done", dt.date(2025, 9, 9))
    steps = _do(
        steps, people.officer, "request_extension", dt.date(2025, 9, 10), note="需调取多年档案"
    )
    steps = _do(steps, people.approver, "extend", dt.date(2025, 9, 10))
    steps = _do(
        steps,
        people.officer,
        "fee_notice",
        dt.date(2025, 9, 11),
        facts=StepFacts(fee_kind="pages", fee_quantity=50),
    )
    assert steps.fee_yuan == Decimal(200)
    assert [k for k, _, _ in letters.with_gaps(steps)] == [
        "correction",
        "consultation_agency",
        "extension",
        "fee",
    ]
    assert all(gaps == [] for _, _, gaps in letters.with_gaps(steps))
    texts = {
        kind: _check(steps, kind)
        for kind in ("correction", "consultation_agency", "extension", "fee")
    }
    assert (
        "所需资金文件的年份和路段名称" in texts["correction"]
        and "10个工作日" in texts["correction"]
    )
    assert (
        texts["consultation_agency"].startswith("政府信息公开征求意见函")
        and "第三十四条" in texts["consultation_agency"]
    )
    assert "某市交通运输局：" in texts["consultation_agency"]
    assert (
        "按量计收" in texts["fee"] and "50页" in texts["fee"] and "户名：某县财政局" in texts["fee"]
    )
    assert "联系人：李四；联系电话：0359-1234567" in texts["fee"]
    third = _case(agency, people)
    third = _do(
        third,
        people.officer,
        "consult",
        dt.date(2025, 9, 8),
        facts=StepFacts(addressee="某建设有限公司"),
    )
    assert "第三十二条" in _check(third, "consultation")
    for outcome in OUTCOME_ROWS:
        if outcome.startswith("other.") and outcome != "other.other":
            continue
        answered = _answer(_case(agency, people), people, outcome)
        assert letters.with_gaps(answered)[-1][2] == [], outcome
        text = _check(answered, "answer")
        assert "向某市人民政府申请行政复议" in text and "向某县人民法院提起行政诉讼" in text
    partial = Application.objects.filter(outcome="partially_granted").get()
    text = _check(partial, "answer")
    assert "表中施工单位的银行账号" in text and GROUNDS["withheld.third_party"][0] in text
    lapsed = _case(agency, people)
    lapsed = _do(lapsed, people.officer, "request_correction", dt.date(2025, 9, 2), note="申请内容")
    lapsed = _do(lapsed, people.officer, "correction_lapsed", dt.date(2025, 10, 20))
    assert "视为您放弃申请" in _check(lapsed, "answer")


def test_the_step_form_asks_what_the_letter_needs(tree: dict[str, Agency]) -> None:
    people = office(tree["county"])
    case = _case(tree["county"], people)
    client = signed_in(people.officer)
    page = client.get(f"/manage/cases/{case.pk}/").content.decode()
    assert "需要补正的事项" in page and "征求意见对象" in page and "不予公开的理由" in page
    too_long = client.post(
        f"/manage/cases/{case.pk}/step",
        {
            "action": "request_correction",
            "on": "2025-09-02",
            "version": 1,
            "correction_items": "字" * 501,
        },
    )
    assert "最多500个字（现有501个字）" in too_long.content.decode()
    client.post(
        f"/manage/cases/{case.pk}/step",
        {
            "action": "consult",
            "on": "2025-09-02",
            "version": 1,
            "addressee": "某市交通运输局",
            "party": "agency",
        },
    )
    case.refresh_from_db()
    assert case.letter_facts == {
        "consultation": {"addressee": "某市交通运输局", "party": "agency", "reply_days": 15}
    }
    event = AuditEvent.objects.filter(event_type=EventType.CASE_STEP).get()
    assert "征求意见对象：某市交通运输局；征求意见对象类别：其他机关（第三十四条）" in describe(
        event.after
    )


def _superuser() -> Client:
    user = User.objects.create_superuser("root", password="pw")
    return signed_in(user)


def test_the_letter_editor_lists_placeholders_and_checks_the_wording(db: None) -> None:
    root = _superuser()
    page = root.get("/admin/cases/lettertemplate/add/").content.decode()
    assert "{decision}" in page and "答复内容：按办理结果写明提供什么" in page
    assert '<option value="consultation_agency">政府信息公开征求意见函</option>' in page
    bad = {"kind": "correction", "title": "补正告知书", "body": "{applicant}：\n\n请补正{fee}。。"}
    refused = root.post("/admin/cases/lettertemplate/add/", bad).content.decode()
    assert "“{fee}”只能用于收费通知" in refused
    assert "缺少“{correction}”（需要补正的事项）" in refused
    assert "标点重复" in refused
    assert not LetterTemplate.objects.exists()
    good = {**bad, "body": "{applicant}：\n\n请您补正：{correction}。"}
    assert root.post("/admin/cases/lettertemplate/add/", good).status_code == 302
    assert AuditEvent.objects.filter(event_type=EventType.LETTER_WORDING_SET).exists()
