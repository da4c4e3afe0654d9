"""Corrections of the registers with reasons (issue 12): publications, monthly figures and
appeals keep what they were in the audit event, shown in each record's history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import events_of
from gongkai.web.audit.models import EventType
from gongkai.web.registers.actions import (
    RegisterProblem,
    do_add_appeal,
    do_add_publication,
    do_set_figure,
)
from gongkai.web.registers.models import MonthlyFigure
from tests.web.conftest import office, person, signed_in

pytestmark = pytest.mark.django_db


def test_a_publication_is_corrected_with_a_reason_and_its_history_shows_it(
    tree: dict[str, Agency],
) -> None:
    officer = office(tree["county"]).officer
    document = {
        "kind": "normative_documents",
        "title": "关于规范农村公路建设资金管理的通知",
        "formed_on": dt.date(2026, 3, 3),
        "published_on": dt.date(2026, 3, 10),
    }
    added = do_add_publication(tree["county"], officer, document)
    client = signed_in(officer)
    url = f"/manage/registers/publications/{added.pk}/"
    fields = {**document, "formed_on": "2026-03-03", "published_on": "2026-03-05"}
    refused = client.post(url, fields)
    assert refused.status_code == 400 and "请写明更正的理由" in refused.content.decode()
    unchanged = client.post(url, {**fields, "published_on": "2026-03-10", "reason": "核对"})
    assert "没有修改任何内容" in unchanged.content.decode()
    assert client.post(url, {**fields, "reason": "按网站发布记录核对"}).status_code == 302
    added.refresh_from_db()
    assert added.published_on == dt.date(2026, 3, 5)
    event = events_of(added).get(event_type=EventType.PUBLICATION_CORRECTED)
    assert (event.before, event.after) == (
        {"published_on": "2026-03-10"},
        {"published_on": "2026-03-05"},
    )
    page = client.get(url).content.decode()
    assert "发布日期：2026-03-10" in page and "按网站发布记录核对" in page
    supervisor = person("city", tree["city"], Role.SUPERVISOR)
    assert supervisor.post(url, {**fields, "reason": "x"}).status_code == 403
    assert 'id="correct"' not in supervisor.get(url).content.decode()


def test_a_monthly_figure_changed_needs_a_reason(tree: dict[str, Agency]) -> None:
    officer = office(tree["county"]).officer
    do_set_figure(tree["county"], officer, 2026, 3, "licensing", Decimal(12))
    with pytest.raises(RegisterProblem, match="请写明更正已填报数据的理由"):
        do_set_figure(tree["county"], officer, 2026, 3, "licensing", Decimal(21))
    do_set_figure(tree["county"], officer, 2026, 3, "licensing", Decimal(12))  # same: no reason
    figure = MonthlyFigure.objects.get()
    client = signed_in(officer)
    done = client.post(
        f"/manage/registers/figures/{figure.pk}/", {"value": "21", "reason": "漏计两个窗口"}
    )
    assert done.status_code == 302
    kinds = [(e.event_type, e.reason) for e in events_of(figure)]
    assert kinds[-1] == (EventType.FIGURE_CORRECTED, "漏计两个窗口")
    assert "原值：12" in client.get(f"/manage/registers/figures/{figure.pk}/").content.decode()


def test_an_appeal_is_corrected_when_it_is_decided(tree: dict[str, Agency]) -> None:
    officer = office(tree["county"]).officer
    facts = {"kind": "review", "number": "某复〔2026〕3号", "filed_on": dt.date(2026, 4, 1)}
    appeal = do_add_appeal(tree["county"], officer, facts)
    url = f"/manage/registers/appeals/{appeal.pk}/"
    decided = {
        "kind": "review",
        "number": "某复〔2026〕3号",
        "filed_on": "2026-04-01",
        "result": "upheld",
        "decided_on": "2026-06-01",
        "reason": "收到复议决定书",
    }
    assert signed_in(officer).post(url, decided).status_code == 302
    appeal.refresh_from_db()
    assert appeal.result == "upheld"
    event = events_of(appeal).get(event_type=EventType.APPEAL_CORRECTED)
    assert event.before == {"result": "pending", "decided_on": None}
