"""From a generated year of an agency's work to its published annual report: compiled,
checked, signed off in three steps, published, and read back by the core."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.test import Client

from gongkai.readers import read_bytes
from gongkai.render import render
from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.annual.demo import Office, generate_year
from gongkai.web.cases.models import Application
from gongkai.web.registers.models import Appeal, Publication
from gongkai.web.reports.actions import signatures
from gongkai.web.reports.models import PublishedReport
from tests.web.conftest import holder, person

pytestmark = pytest.mark.django_db
YEAR = 2025
PROBLEMS = "一是政策解读的形式还不够丰富；二是依申请公开答复的说理有待加强。下一步将加强培训。"


@pytest.fixture
def office(tree: dict[str, Agency]) -> Agency:
    agency = Agency.objects.create(
        name="某县统计局", level=Agency.Level.DEPARTMENT, parent=tree["county"]
    )
    staff = Office(
        holder("gen-officer", agency, Role.OFFICER),
        holder("gen-approver", agency, Role.APPROVER),
        holder("gen-leader", agency, Role.LEADER),
    )
    generate_year(agency, staff, YEAR, seed=3)
    return agency


def _compile(client: Client, agency: Agency, **sections: str) -> PublishedReport:
    response = client.post(
        f"/manage/annual/{agency.pk}/{YEAR}/", {"problems": PROBLEMS, **sections}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return PublishedReport.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def test_the_compiled_tables_equal_an_independent_count(office: Agency) -> None:
    officer = person("officer", office, Role.OFFICER)
    record = _compile(officer, office)
    assert (record.errors, record.source_format, record.status) == (0, "registers", "draft")
    data = record.data
    documents = list(Publication.objects.filter(agency=office).exclude(kind="other"))
    for kind in ("regulations", "normative_documents"):
        mine = [d for d in documents if d.kind == kind]
        assert data["active"][kind] == {
            "issued": sum(d.formed_on.year == YEAR for d in mine),
            "repealed": sum(bool(d.repealed_on and d.repealed_on.year == YEAR) for d in mine),
            "in_force": sum(not d.repealed_on or d.repealed_on.year > YEAR for d in mine),
        }
    cases = list(Application.objects.filter(agency=office))
    rows = data["applications"]["rows"]
    assert rows["new_received"][6] == sum(c.received_on.year == YEAR for c in cases)
    assert rows["carry_forward"][6] == sum(c.answered_on is None for c in cases)
    outcomes = Counter(c.outcome for c in cases if c.answered_on)
    for row, count in outcomes.items():
        assert rows[row][6] == count
    appeals = Counter(a.result for a in Appeal.objects.filter(agency=office, kind="review"))
    assert data["appeals"]["review"]["total"] == sum(appeals.values())
    assert data["appeals"]["review"]["pending"] == appeals["pending"]
    fees = sum((c.fee_yuan for c in cases if c.fee_paid_on), Decimal(0))
    assert fees > 0  # the generated year has paid fee notices
    assert f"本年度收取信息处理费{fees.normalize():f}元。" in data["sections"]["other_matters"]
    assert data["sections"]["problems"] == PROBLEMS
    keys = {f["key"] for f in data["narrative_figures"]}
    assert {"new_received", "carried_over", "carry_forward", "granted", "review"} <= keys


def test_three_signatures_then_publication_then_read_back(office: Agency) -> None:
    officer = person("officer", office, Role.OFFICER)
    head = person("head", office, Role.APPROVER)
    leader = person("leader", office, Role.LEADER)
    record = _compile(officer, office)
    url = f"/manage/reports/{record.pk}/"

    refused = officer.post(url + "publish")
    assert refused.status_code == 409 and "须经拟稿提交、审核、签发" in refused.content.decode()
    assert leader.post(url + "signoff", {"step": "signed"}).status_code == 409  # out of order
    assert head.post(url + "signoff", {"step": "reviewed"}).status_code == 409  # not yet
    assert leader.post(url + "signoff", {"step": "submitted"}).status_code == 403  # not his
    assert officer.post(url + "signoff", {"step": "submitted"}).status_code == 302
    assert head.post(url + "signoff", {"step": "reviewed", "note": "同意"}).status_code == 302
    assert leader.post(url + "signoff", {"step": "signed", "note": "同意公开"}).status_code == 302
    page = officer.get(url).content.decode()
    assert "签发：leader" in page and "确认发布" in page
    assert officer.post(url + "publish").status_code == 302
    record.refresh_from_db()
    assert record.status == "published" and record.published_on == dt.date.today()
    assert record.late == (dt.date.today() > dt.date(YEAR + 1, 1, 31))  # a department: 31 Jan
    public = Client().get(f"/reports/{record.pk}/").content.decode()
    assert "勾稽关系无误" in public

    again = read_bytes(render(record.report(), "docx"), "report.docx")
    assert again.year == YEAR and again.agency == office.name
    assert again.applications.rows == record.report().applications.rows
    assert again.active == record.report().active
    assert again.appeals == record.report().appeals


def test_changing_what_was_signed_voids_the_signatures_but_keeps_them(
    office: Agency,
) -> None:
    officer = person("officer", office, Role.OFFICER)
    head = person("head", office, Role.APPROVER)
    record = _compile(officer, office)
    url = f"/manage/reports/{record.pk}/"
    officer.post(url + "signoff", {"step": "submitted"})
    head.post(url + "signoff", {"step": "reviewed"})
    assert len(signatures(record)) == 2
    again = _compile(officer, office, other_matters="本机关政府信息公开指南已更新。")
    assert again.pk == record.pk and signatures(again) == []
    assert "本机关政府信息公开指南已更新。" in again.data["sections"]["other_matters"]
    assert list(again.versions.values_list("number", flat=True)) == [2, 1]
    officer.post(url + "signoff", {"step": "submitted"})
    officer.post(
        url + "correct",
        {"cell": "active.licensing.decisions", "value": "1", "reason": "核对台账"},
    )
    assert signatures(again) == []
    kept = list(again.signoffs.order_by("id").values_list("version", "step"))
    assert kept == [(1, "submitted"), (1, "reviewed"), (2, "submitted")]
    page = officer.get(url).content.decode()
    assert page.count("需重新审签") == 3


def test_a_draft_with_errors_needs_a_reason_and_section_five_is_required(
    office: Agency,
) -> None:
    officer = person("officer", office, Role.OFFICER)
    blank = officer.post(f"/manage/annual/{office.pk}/{YEAR}/", {"problems": " "})
    assert blank.status_code == 400 and "请写明本年度存在的主要问题" in blank.content.decode()
    record = _compile(officer, office)
    officer.post(
        f"/manage/reports/{record.pk}/correct",
        {"cell": "applications.total.total", "value": "999", "reason": "试改"},
    )
    refused = officer.post(f"/manage/reports/{record.pk}/signoff", {"step": "submitted"})
    assert refused.status_code == 409 and "请写明发布理由" in refused.content.decode()
    short = officer.post(
        f"/manage/reports/{record.pk}/signoff", {"step": "submitted", "reason": "没问题"}
    )
    assert short.status_code == 409  # a reason is a sentence, not a word
    assert signatures(record) == []


def test_the_desk_shows_what_is_due_and_reminds(office: Agency) -> None:
    officer = person("officer", office, Role.OFFICER)
    page = officer.get("/manage/annual/", {"year": YEAR}).content.decode()
    assert "2026-01-31" in page and "未编制" in page
    if dt.date.today() > dt.date(YEAR + 1, 1, 31):
        assert "已逾期" in page
    stranger = person("stranger", Agency.objects.get(name="另一市"), Role.OFFICER)
    assert stranger.get(f"/manage/annual/{office.pk}/{YEAR}/").status_code == 404
    leader = person("leader", office, Role.LEADER)  # signs the report, does not compile it
    assert leader.get(f"/manage/annual/{office.pk}/{YEAR}/").status_code == 403
