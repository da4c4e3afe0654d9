"""The applicant's side and the released files in a real browser (issue 12): applying online
to an agency chosen by region, following the case by its code, downloading the answer and
the released files; an officer marking a region to withhold on a page and the applicant
downloading a file with nothing left under the box; the agency's letter settings page.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from django.contrib.auth.models import User
from PIL import Image

from gongkai.cases.letters import Letter
from gongkai.cases.step_facts import StepFacts
from gongkai.render.letter import letter_pdf
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.cases.actions import StepInput, do_confirm_receipt, do_step
from gongkai.web.cases.models import Application
from gongkai.web.releases.actions import do_add_release
from tests.web.conftest import ARTIFACTS
from tests.web.test_browser import _sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("unthrottled"),
]
WITHHELD = "施工单位银行账号"  # what the answer says it withholds
SECRET = "6222000011112222"  # the account number itself, boxed in the browser


def _agencies() -> Agency:
    province = Agency.objects.create(name="某省", level=Agency.Level.PROVINCE)
    for city in ("甲市", "乙市"):
        region = Agency.objects.create(name=city, level=Agency.Level.CITY, parent=province)
        Agency.objects.create(name=f"{city}人民政府", level=Agency.Level.CITY, parent=region)
        Agency.objects.create(
            name=f"{city}交通运输局", level=Agency.Level.DEPARTMENT, parent=region
        )
    return Agency.objects.get(name="乙市交通运输局")


def _staff(agency: Agency) -> dict[str, User]:
    people = {}
    for name, role in (("jiaotong", "officer"), ("jt-head", "approver"), ("jt-leader", "leader")):
        people[role] = User.objects.create_user(name, password=f"pw-{name}-2025")
        Membership.objects.create(user=people[role], agency=agency, role=role)
    return people


def _apply(page: Any, url: str) -> str:
    page.goto(url + "/apply/")
    assert page.locator("#id_agency option", has_text="某省").count() == 0  # never a region
    page.select_option("#region", "某省 乙市")
    assert page.locator("#id_agency optgroup:not([hidden])").count() == 1
    page.select_option("#id_agency", label="乙市交通运输局")
    page.select_option("#id_applicant_type", "natural_person")
    page.fill("#id_applicant_name", "李四")
    page.fill("#id_id_number", "110101199003071234")  # one digit wrong
    page.fill("#id_contact", "lisi@example.invalid")
    page.fill("#id_request", "2024年农村公路建设资金拨付表")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    assert "校验码不正确" in page.locator("#error-id_number").inner_text()
    page.screenshot(path=str(ARTIFACTS / "public-apply-errors.png"), full_page=True)
    page.fill("#id_id_number", "110101199003071233")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    page.screenshot(path=str(ARTIFACTS / "public-applied.png"), full_page=True)
    assert "确认受理后" in page.locator("main").inner_text()  # 待受理: no number yet
    code: str = page.locator("#code").inner_text()
    return code


def _accepted(people: dict[str, User]) -> str:
    """The office confirms receipt today (第三十一条): the case gets its number."""
    case = Application.objects.get()
    case = do_confirm_receipt(case, people["officer"], dt.date.today(), case.version)
    return case.number


def _answer(case: Application, people: dict[str, User], outcome: str) -> None:
    on = dt.date.today()
    facts = StepFacts(
        provided="2024年农村公路建设资金拨付表",
        form="电子文档",
        withheld=WITHHELD,
        ground="withheld.third_party",
    )
    case = do_step(
        case, people["officer"], StepInput("draft", on, case.version, outcome, facts=facts)
    )
    for action, role in (("review", "approver"), ("sign", "leader"), ("answer", "officer")):
        case = do_step(case, people[role], StepInput(action, on, case.version))


def test_apply_online_follow_the_case_and_download_the_answer(live_server: Any, page: Any) -> None:
    agency = _agencies()
    people = _staff(agency)
    code = _apply(page, live_server.url)
    number = _accepted(people)
    fresh = page.context.browser.new_context(locale="zh-CN").new_page()  # another browser
    fresh.set_viewport_size({"width": 390, "height": 844})
    fresh.goto(live_server.url + "/apply/status/")
    fresh.fill("#id_code", code.lower().replace("-", " "))
    fresh.fill("#id_number", number.replace("〔", "[").replace("〕", "]"))
    fresh.get_by_role("button", name="查询").click()
    fresh.wait_for_load_state()
    assert "code" not in fresh.url and fresh.locator("td.state").inner_text() == "正在办理"
    assert "李四" not in fresh.locator("main").inner_text()
    fresh.screenshot(path=str(ARTIFACTS / "public-status.png"), full_page=True)
    assert fresh.evaluate("document.documentElement.scrollWidth") <= 400
    case = Application.objects.get()
    do_add_release(case, people["officer"], "资金拨付表.pdf", letter_pdf(_letter()))
    _answer(case, people, "granted")
    fresh.reload()
    assert "予以公开：提供您申请的信息" in fresh.locator("td.outcome").inner_text()
    fresh.screenshot(path=str(ARTIFACTS / "public-answered.png"), full_page=True)
    with fresh.expect_download() as answer:
        fresh.locator("ul.letters li", has_text="答复书").get_by_role("link", name="PDF").click()
    assert answer.value.suggested_filename.endswith("政府信息公开申请答复书.pdf")
    with fresh.expect_download() as released:
        fresh.get_by_role("link", name="资金拨付表.pdf").click()
    assert Path(released.value.path()).read_bytes().startswith(b"%PDF")


def _letter() -> Letter:
    return Letter(
        "2024年农村公路建设资金拨付表",
        "甲交〔2024〕3号",
        ["各乡镇：", f"拨付某路段资金100万元，{WITHHELD}为{SECRET}。", "其余路段另行拨付。"],
        "乙市交通运输局",
        dt.date(2024, 5, 6),
    )


def test_an_officer_marks_a_region_and_nothing_under_it_reaches_the_applicant(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    agency = _agencies()
    people = _staff(agency)
    _apply(page, live_server.url)  # this browser follows the case
    _accepted(people)
    case = Application.objects.get()
    original = letter_pdf(_letter())
    release = do_add_release(case, people["officer"], "资金拨付表.pdf", original)
    with pdfplumber.open(io.BytesIO(original)) as document:
        first = document.pages[0]
        found = first.search(SECRET)[0]
        box = [
            found["x0"] / first.width,
            found["top"] / first.height,
            found["x1"] / first.width,
            found["bottom"] / first.height,
        ]
    officer = page.context.browser.new_context(
        locale="zh-CN", viewport={"width": 1200, "height": 900}
    ).new_page()
    _sign_in(officer, live_server.url, "jiaotong", "pw-jiaotong-2025")
    officer.goto(f"{live_server.url}/manage/cases/{case.pk}/")
    officer.locator("#releases-link").click()
    officer.wait_for_load_state()
    officer.get_by_role("link", name="区分处理（遮盖）").click()
    officer.wait_for_load_state()
    picture = officer.locator(".redact-page img").first
    picture.evaluate("i => i.decode()")
    frame = picture.bounding_box()
    pad = 4
    x0, y0 = frame["x"] + box[0] * frame["width"] - pad, frame["y"] + box[1] * frame["height"] - pad
    x1, y1 = frame["x"] + box[2] * frame["width"] + pad, frame["y"] + box[3] * frame["height"] + pad
    officer.mouse.move(x0, y0)
    officer.mouse.down()
    officer.mouse.move(x1, y1, steps=8)
    officer.mouse.up()
    assert officer.locator("#count").inner_text() == "已标注 1 处"
    officer.screenshot(path=str(ARTIFACTS / "officer-redact-marked.png"), full_page=True)
    officer.get_by_role("button", name="涂黑并生成区分处理后的文件").click()
    officer.wait_for_load_state()
    rows = officer.locator("#releases tbody tr")
    assert rows.count() == 2 and "不提供（原件留存）" in rows.nth(0).inner_text()
    officer.screenshot(path=str(ARTIFACTS / "officer-redacted.png"), full_page=True)
    _answer(case, people, "partially_granted")

    page.goto(live_server.url + "/apply/status/")
    assert "部分公开" in page.locator("td.outcome").inner_text()
    assert page.get_by_role("link", name="资金拨付表.pdf").count() == 0  # the original stays
    page.screenshot(path=str(ARTIFACTS / "public-redacted-release.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="资金拨付表（区分处理）.pdf").click()
    received = Path(download.value.path()).read_bytes()
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=received, capture_output=True, check=True
    ).stdout
    assert text.strip() == b""  # no text layer: nothing hidden under the box
    (tmp_path / "r.pdf").write_bytes(received)
    subprocess.run(["pdfimages", "-png", str(tmp_path / "r.pdf"), str(tmp_path / "i")], check=True)
    [scan] = [Image.open(p).convert("L") for p in tmp_path.glob("i-*.png")]
    w, h = scan.size
    under = scan.crop(
        (int(box[0] * w) + 2, int(box[1] * h) + 2, int(box[2] * w) - 2, int(box[3] * h) - 2)
    )
    assert sum(under.histogram()[40:]) == 0  # every pixel under the box is black
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", str(tmp_path / "r.pdf"), str(ARTIFACTS / "redacted-page")],
        check=True,
    )
    assert release.redactions.count() == 1


def test_the_agency_administrator_sets_the_letters(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    agency = _agencies()
    admin = User.objects.create_user("jt-admin", password="pw-jt-admin-2025")
    Membership.objects.create(user=admin, agency=agency, role="agency_admin")
    seal = tmp_path / "seal.png"
    picture = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    from PIL import ImageDraw

    ImageDraw.Draw(picture).ellipse((10, 10, 290, 290), outline=(200, 0, 0, 255), width=12)
    picture.save(seal)
    _sign_in(page, live_server.url, "jt-admin", "pw-jt-admin-2025")
    page.get_by_role("link", name="文书设置").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "文书设置：乙市交通运输局"
    for field, value in (
        ("contact_person", "王五"),
        ("phone", "0359-7654321"),
        ("address", "乙市某路2号"),
        ("review_body", "乙市人民政府"),
        ("court", "乙市某区人民法院"),
        ("payment_method", "银行转账（请注明申请编号）"),
        ("payment_account", "户名：乙市财政局；账号：9876543210"),
    ):
        page.fill(f"#id_{field}", value)
    page.set_input_files("#id_seal_file", str(seal))
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert page.locator("#saved").inner_text() == "已保存。"
    assert page.locator("#seal").evaluate("i => i.complete && i.naturalWidth") == 300
    page.screenshot(path=str(ARTIFACTS / "letter-settings.png"), full_page=True)
