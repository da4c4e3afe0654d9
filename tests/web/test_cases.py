"""The application register in the web system: registering, every step of the procedure,
refusals, the public form and status page, and table 三 compiled from the register."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.cases.table import CaseFacts, assemble, count_cases
from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import events_of
from gongkai.web.cases.actions import StepInput, do_register, do_step
from gongkai.web.cases.models import Application
from gongkai.web.cases.queries import table_three
from tests.web.conftest import Office, holder, office, person

pytestmark = pytest.mark.django_db


def _labels(case: Application) -> list[str]:
    """The case's 办理记录 as the audit log keeps it: the step (or event) of each entry."""
    return [(e.after or {}).get("label") or e.get_event_type_display() for e in events_of(case)]


def _answer(case: Application, people: Office, outcome: str, on: dt.date) -> Application:
    """A written answer: 拟办 by the officer, 审核, 签发, then 答复 (第四十五条)."""
    for action, who in (
        ("draft", people.officer),
        ("review", people.approver),
        ("sign", people.leader),
        ("answer", people.officer),
    ):
        case = do_step(case, who, StepInput(action, on, case.version, outcome))
    return case


APPLICANT = {
    "channel": "letter",
    "received_on": "2025-09-28",
    "applicant_type": "natural_person",
    "applicant_name": "张三丰",
    "id_number": "110101199003071234",
    "contact": "13800000000",
    "request": "2024年本县农村公路建设资金的使用情况",
    "wanted_form": "电子邮件",
}


def _register(client: Client, agency: Agency, **changes: str) -> str:
    response = client.post("/manage/cases/register/", {"agency": agency.pk, **APPLICANT, **changes})
    assert response.status_code == 200
    return response.content.decode()


def _step(client: Client, case: Application, action: str, on: str, **extra: str) -> str:
    case.refresh_from_db()
    fields = {"action": action, "on": on, "version": case.version, **extra}
    response = client.post(f"/manage/cases/{case.pk}/step", fields)
    if response.status_code == 302:
        return ""
    return response.content.decode()


def test_an_officer_registers_and_runs_the_whole_procedure(tree: dict[str, Agency]) -> None:
    tree["county"].case_number_pattern = "某县公开〔{year}〕{serial:03d}号"
    tree["county"].save()
    officer = person("officer", tree["county"], Role.OFFICER)
    page = _register(officer, tree["county"])
    case = Application.objects.get()
    assert case.number == "某县公开〔2025〕001号"
    assert case.due_on == dt.date(2025, 10, 31)  # 20 working days across the National Day
    assert re.search(r'id="access-code">[0-9A-F]{8}<', page)
    listing = officer.get("/manage/cases/").content.decode()
    assert "张三丰" in listing and "110101" not in listing  # the handling office sees names
    supervised = person("city", tree["city"], Role.SUPERVISOR).get("/manage/cases/")
    assert "张**" in supervised.content.decode() and "张三丰" not in supervised.content.decode()

    assert _step(officer, case, "request_correction", "2025-09-30") == ""
    case.refresh_from_db()
    assert case.state == "correction"
    assert case.due_on is None
    _step(officer, case, "correction_received", "2025-10-20")
    case.refresh_from_db()
    assert case.due_on == dt.date(2025, 11, 17)  # counted anew from the correction (第三十条)
    _step(officer, case, "consult", "2025-10-22", note="征求某公司意见")
    _step(officer, case, "consultation_done", "2025-10-28")
    case.refresh_from_db()
    assert case.due_on == dt.date(2025, 11, 24)  # five working days stood (10-22 to 10-28)
    refused = officer.post(
        f"/manage/cases/{case.pk}/step", {"action": "extend", "on": "2025-11-03", "version": 5}
    )
    assert refused.status_code == 403  # 延期 is approved by the head of the disclosure office
    _step(officer, case, "request_extension", "2025-11-03", note="需调取多年档案")
    head = person("head", tree["county"], Role.APPROVER)
    _step(head, case, "extend", "2025-11-03", note="经公开办负责人同意")
    case.refresh_from_db()
    assert case.due_on == dt.date(2025, 12, 22)
    assert "请填写信息处理费金额" in _step(officer, case, "fee_notice", "2025-11-05")
    _step(officer, case, "fee_notice", "2025-11-05", note="按件计收", fee_yuan="100")
    _step(officer, case, "fee_paid", "2025-11-10")
    _step(officer, case, "draft", "2025-11-12", outcome="granted", basis="第三十六条第（二）项")
    assert "审核通过" not in officer.get(f"/manage/cases/{case.pk}/").content.decode()
    _step(head, case, "review", "2025-11-13")
    assert "您没有该机关的签发权限" in _step(head, case, "sign", "2025-11-14")
    _step(person("leader", tree["county"], Role.LEADER), case, "sign", "2025-11-14")
    _step(officer, case, "answer", "2025-11-17")
    _step(officer, case, "deliver", "2025-11-18", delivery_method="电子邮件")
    _step(officer, case, "archive", "2025-11-19")
    case.refresh_from_db()
    assert (case.state, case.outcome, case.answered_on) == (
        "archived",
        "granted",
        dt.date(2025, 11, 17),
    )
    labels = _labels(case)
    assert labels[0] == "登记申请" and labels[-1] == "归档" and len(labels) == 15
    assert "经公开办负责人同意" in officer.get(f"/manage/cases/{case.pk}/").content.decode()


def test_the_clock_stands_while_a_third_party_is_consulted(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _register(officer, tree["county"], received_on="2025-11-03")
    case = Application.objects.get()
    assert case.due_on == dt.date(2025, 12, 1)
    _step(officer, case, "consult", "2025-11-10")
    _step(officer, case, "consultation_done", "2025-11-14")  # Monday to Friday: 5 days stood
    case.refresh_from_db()
    assert case.due_on == dt.date(2025, 12, 8)


def test_wrong_steps_and_stale_pages_are_refused_and_change_nothing(
    tree: dict[str, Agency],
) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _register(officer, tree["county"])
    case = Application.objects.get()
    assert "不能“答复”" in _step(officer, case, "answer", "2025-10-09")
    assert "请选择办理结果" in _step(officer, case, "draft", "2025-10-09")
    assert "办理日期不能晚于今天" in _step(officer, case, "draft", "2099-01-01", outcome="granted")
    assert "早于答复期限的起算日" in _step(officer, case, "consult", "2025-09-01")
    stale = {"action": "consult", "on": "2025-10-09", "version": case.version}
    _step(officer, case, "request_correction", "2025-09-30")
    refused = officer.post(f"/manage/cases/{case.pk}/step", stale).content.decode()
    assert "该申请刚被officer办理（告知补正）" in refused
    case.refresh_from_db()
    assert (case.state, case.version, len(_labels(case))) == ("correction", 2, 2)
    stranger = person("stranger", tree["other"], Role.OFFICER)
    assert stranger.get(f"/manage/cases/{case.pk}/").status_code == 404
    assert stranger.post(f"/manage/cases/{case.pk}/step", stale).status_code == 404
    bad = _register(officer, tree["county"], received_on="2099-01-01", applicant_name="")
    assert "收到申请日期不能晚于今天" in bad and "此项必填" in bad
    assert Application.objects.count() == 1


def test_unanswered_corrections_and_fees_close_the_case_as_the_table_says(
    tree: dict[str, Agency],
) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    _register(officer, tree["county"])
    _register(officer, tree["county"], applicant_type="commercial")
    first, second = Application.objects.order_by("serial")
    _step(officer, first, "request_correction", "2025-09-30")
    _step(officer, first, "correction_lapsed", "2025-11-03")
    _step(officer, second, "fee_notice", "2025-09-30", fee_yuan="200")
    _step(officer, second, "fee_lapsed", "2025-11-03")
    rows = table_three(Agency.objects.filter(pk=tree["county"].pk), 2025)
    assert rows["other.no_correction"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["other.unpaid_fee"] == [0, 1, 0, 0, 0, 0, 1]
    assert rows["new_received"][6] == 2 and rows["carry_forward"][6] == 0
    from gongkai.web.cases.letters import letter

    first.refresh_from_db()
    answer = letter(first, "answer")
    assert answer is not None and answer.paragraphs[2] == (
        "您无正当理由逾期未补正。根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "视为您放弃申请，本机关不再处理该政府信息公开申请。"
    )  # no "具体理由：第三十条" from the step's article kept as the case's basis


def test_table_three_from_the_register_equals_an_independent_count(
    tree: dict[str, Agency],
) -> None:
    county, city = office(tree["county"]), office(tree["city"], "city-")
    rng_outcomes = ["granted", "partially_granted", "unavailable.not_held", "other.other"]
    facts = []
    for i in range(40):
        received = dt.date(2024, 1, 5) + dt.timedelta(days=17 * i)
        agency, people = (tree["county"], county) if i % 3 else (tree["city"], city)
        case, _ = do_register(
            agency,
            people.officer,
            {
                "channel": "online",
                "received_on": received,
                "applicant_type": ("natural_person", "commercial", "research")[i % 3],
                "applicant_name": f"申请人{i}",
                "contact": "x",
                "request": "y",
            },
        )
        outcome, answered = None, None
        if i % 4:
            answered = received + dt.timedelta(days=10 + i)
            outcome = rng_outcomes[i % 4]
            _answer(case, people, outcome, answered)
        facts.append(CaseFacts(received, case.applicant_type, outcome, answered))
    region = Agency.objects.filter(path__startswith=tree["city"].path)
    for year in (2024, 2025):
        assert table_three(region, year) == assemble(count_cases(facts, year))
    supervisor = person("city", tree["city"], Role.SUPERVISOR)
    page = supervisor.get("/manage/cases/table/", {"year": 2025}).content.decode()
    assert "勾稽关系无误" in page
    cell = supervisor.get(
        "/manage/cases/table/cell/",
        {"row": "granted", "applicant": "commercial", "year": "2025"},
    ).content.decode()
    expected = sum(
        1
        for f in facts
        if f.outcome == "granted"
        and f.applicant == "commercial"
        and f.answered_on
        and f.answered_on.year == 2025
    )
    assert f"共 {expected} 件" in cell


def test_the_public_apply_and_follow_their_case(tree: dict[str, Agency]) -> None:
    public = Client()
    empty = public.post("/apply/", {"agency": tree["county"].pk}).content.decode()
    assert "此项必填" in empty and Application.objects.count() == 0
    fields = {k: v for k, v in APPLICANT.items() if k not in ("channel", "received_on")}
    page = public.post("/apply/", {"agency": tree["county"].pk, **fields}).content.decode()
    case = Application.objects.get()
    assert (case.channel, case.received_on) == ("online", dt.date.today())
    code = re.search(r'id="code">([0-9A-F]{8})<', page)
    assert code is not None and case.number in page
    status = public.get("/apply/status/", {"number": case.number, "code": code.group(1)})
    text = status.content.decode()
    assert "办理中" in text and "张三丰" not in text and "13800000000" not in text
    wrong = public.get("/apply/status/", {"number": case.number, "code": "00000000"})
    assert wrong.status_code == 404 and "查询码不正确" in wrong.content.decode()


def test_letters_follow_the_steps_and_the_administrators_wording(
    tree: dict[str, Agency],
) -> None:
    import io

    from docx import Document

    from gongkai.web.cases.models import LetterTemplate

    officer = person("officer", tree["county"], Role.OFFICER)
    _register(officer, tree["county"])
    case = Application.objects.get()
    _step(officer, case, "request_correction", "2025-09-30", note="请写明所需资金文件的文号")
    page = officer.get(f"/manage/cases/{case.pk}/").content.decode()
    assert "政府信息公开申请补正告知书" in page and "答复书" not in page
    response = officer.get(f"/manage/cases/{case.pk}/letters/correction.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "第三十条" in text and "请写明所需资金文件的文号" in text and "张三丰：" in text
    assert "2025年9月28日" in text and case.number in text
    assert officer.get(f"/manage/cases/{case.pk}/letters/answer.docx").status_code == 404
    _step(officer, case, "correction_received", "2025-10-09")
    _step(officer, case, "draft", "2025-10-10", outcome="unavailable.not_held")
    LetterTemplate.objects.create(
        kind="answer", title="答复书", body="{applicant}：\n\n{decision}\n\n特此告知。"
    )
    response = officer.get(f"/manage/cases/{case.pk}/letters/answer.docx")
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    # Title, number, a blank line, the wording's paragraphs, a blank line, sender and date.
    assert paragraphs[0] == "答复书" and paragraphs[-4] == "特此告知。"
    assert "第三十六条第（四）项" in paragraphs[4]
    pdf = officer.get(f"/manage/cases/{case.pk}/letters/answer.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    stranger = person("stranger", tree["other"], Role.OFFICER)
    assert stranger.get(f"/manage/cases/{case.pk}/letters/answer.pdf").status_code == 404
    supervisor = person("city", tree["city"], Role.SUPERVISOR)  # sees the case, not the person
    assert supervisor.get(f"/manage/cases/{case.pk}/").status_code == 200
    assert supervisor.get(f"/manage/cases/{case.pk}/letters/answer.pdf").status_code == 403


def test_the_daily_digest_names_what_is_due_and_overdue(tree: dict[str, Agency]) -> None:
    from django.core import mail

    from gongkai.web.cases.digest import send_digests

    officer = person("officer", tree["county"], Role.OFFICER)
    User.objects.filter(username="officer").update(email="officer@example.invalid")
    person("idle", tree["other"], Role.OFFICER)  # nothing due: no mail
    _register(officer, tree["county"], received_on="2025-09-01")  # due 2025-09-29
    _register(officer, tree["county"], received_on="2025-10-20")  # due 2025-11-17
    assert send_digests(dt.date(2025, 11, 13)) == 1
    message = mail.outbox[0]
    assert message.to == ["officer@example.invalid"]
    assert "1件即将到期，1件已逾期" in message.subject
    assert "依申请〔2025〕1号" in message.body and "2025-11-17" in message.body
    # The county government's 2024 report was due 31 March 2025 and is not published.
    assert "年度报告：某县2024年度报告应于2025-03-31前公布，尚未公布" in message.body
    mail.outbox.clear()
    send_digests(dt.date(2026, 1, 20))  # 70 days before the 2025 report is due: not yet
    assert "2025年度报告" not in mail.outbox[0].body
    mail.outbox.clear()
    send_digests(dt.date(2026, 3, 20))
    assert "某县2025年度报告应于2026-03-31前公布，尚未公布" in mail.outbox[0].body


def test_numbers_continue_after_cases_brought_in_from_elsewhere(tree: dict[str, Agency]) -> None:
    user = holder("clerk", tree["county"], Role.OFFICER)
    facts = {
        "channel": "letter",
        "received_on": dt.date(2025, 2, 3),
        "applicant_type": "natural_person",
        "applicant_name": "某人",
        "contact": "x",
        "request": "y",
    }
    Application.objects.create(
        agency=tree["county"], year=2025, serial=41, number="旧〔2025〕41号", **facts
    )  # imported from the old Excel register, without a counter
    case, _ = do_register(tree["county"], user, dict(facts))
    assert case.serial == 42


def test_attachments_and_the_fee_a_busy_applicant_would_pay(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    for _ in range(11):
        _register(officer, tree["county"], received_on="2025-10-09")
    case = Application.objects.order_by("serial").last()
    assert case is not None
    page = officer.get(f"/manage/cases/{case.pk}/").content.decode()
    assert "该申请人本月第11件，应收100元" in page
    scan = SimpleUploadedFile("身份证明.jpg", b"\xff\xd8\xff" + b"x" * 100)
    assert officer.post(f"/manage/cases/{case.pk}/attachments", {"file": scan}).status_code == 302
    attachment = case.attachments.get()
    download = officer.get(f"/manage/cases/{case.pk}/attachments/{attachment.pk}")
    assert download.content == b"\xff\xd8\xff" + b"x" * 100
    empty = officer.post(f"/manage/cases/{case.pk}/attachments", {})
    assert empty.status_code == 400 and "请选择文件" in empty.content.decode()
    stranger = person("stranger", tree["other"], Role.OFFICER)
    assert stranger.get(f"/manage/cases/{case.pk}/attachments/{attachment.pk}").status_code == 404


def test_one_application_asking_several_things_is_split(tree: dict[str, Agency]) -> None:
    officer = person("officer", tree["county"], Role.OFFICER)
    page = _register(officer, tree["county"])
    code = re.search(r'id="access-code">([0-9A-F]{8})<', page)
    assert code is not None
    case = Application.objects.get()
    items = "2024年农村公路建设资金拨付文件\n2024年农村公路养护合同\n 2024年通村公路验收报告 "
    too_few = officer.post(
        f"/manage/cases/{case.pk}/split", {"items": "只有一项", "version": case.version}
    )
    assert too_few.status_code == 400 and "至少两项" in too_few.content.decode()
    response = officer.post(f"/manage/cases/{case.pk}/split", {"items": items, "version": 1})
    assert response.status_code == 302
    parts = list(Application.objects.order_by("serial"))
    assert [p.number for p in parts] == [
        "依申请〔2025〕1号",
        "依申请〔2025〕2号",
        "依申请〔2025〕3号",
    ]
    assert [p.request for p in parts] == [
        "2024年农村公路建设资金拨付文件",
        "2024年农村公路养护合同",
        "2024年通村公路验收报告",
    ]
    assert {p.due_on for p in parts} == {dt.date(2025, 10, 31)}  # one receipt, one clock
    assert all(_labels(p).count("拆分申请") == 1 for p in parts)
    assert parts[0].original_request == APPLICANT["request"]
    stale = officer.post(f"/manage/cases/{case.pk}/split", {"items": items, "version": 1})
    assert "该申请刚被officer办理（拆分申请）" in stale.content.decode()
    _step(officer, parts[0], "answer_on_spot", "2025-10-09", outcome="granted")
    refused = _step(
        officer, parts[1], "answer_on_spot", "2025-10-09", outcome="unavailable.not_held"
    )
    assert "须书面拟办，经审核、签发后答复" in refused  # a refusal is never given on the spot
    people = Office(
        User.objects.get(username="officer"),
        holder("approver", tree["county"], Role.APPROVER),
        holder("leader", tree["county"], Role.LEADER),
    )
    parts[1].refresh_from_db()
    _answer(parts[1], people, "unavailable.not_held", dt.date(2025, 10, 9))
    rows = table_three(Agency.objects.filter(pk=tree["county"].pk), 2025)
    assert (rows["new_received"][6], rows["granted"][6], rows["carry_forward"][6]) == (3, 1, 1)
    status = Client().get("/apply/status/", {"number": parts[1].number, "code": code.group(1)})
    assert status.status_code == 200 and "本机关不掌握相关政府信息" in status.content.decode()
    assert (
        "已按一事一申请拆分为"
        in Client()
        .get("/apply/status/", {"number": parts[0].number, "code": code.group(1)})
        .content.decode()
    )


def test_work_goes_on_past_the_last_year_of_the_calendar(tree: dict[str, Agency]) -> None:
    """Issue 12: from 4 December 2026 nothing could be registered, an extension into 2027
    failed, and from 29 December the 3-working-day list raised: 2027 had no notice yet.
    (Through the actions: the form refuses a receipt date after today.)"""
    from gongkai.web.cases.queries import work_list

    people = office(tree["county"])
    facts = {**APPLICANT, "received_on": dt.date(2026, 12, 4)}
    case, _ = do_register(tree["county"], people.officer, facts)
    assert case.due_on == dt.date(2027, 1, 4)  # 1 January 2027 off by the law, no 调休 known
    for who, action in ((people.officer, "request_extension"), (people.approver, "extend")):
        case = do_step(case, who, StepInput(action, dt.date(2026, 12, 10), case.version))
    assert case.due_on == dt.date(2027, 2, 1)  # 20 working days more, none of them off
    agencies = Agency.objects.filter(pk=tree["county"].pk)
    assert list(work_list(agencies, "soon", None, dt.date(2027, 1, 29))) == [case]
