"""Notifications (issue 12): off by default; handlers told of new cases, assignments and
deadlines, applicants of the receipt and the answer, through e-mail, 企业微信/政务微信 and 钉钉
robots (against a local server) and an SMS gateway named by settings; queued as a task when
the change commits; a failing backend never stops the others."""

from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.web.agencies.models import Agency
from gongkai.web.cases.actions import StepInput, do_register, do_step
from gongkai.web.cases.models import Application
from gongkai.web.notify.backends import dingtalk_url
from gongkai.web.notify.events import case_assigned, contact_channels
from tests.web.conftest import Office, office

pytestmark = pytest.mark.django_db

FACTS = {
    "channel": "online",
    "received_on": dt.date(2025, 9, 1),
    "applicant_type": "natural_person",
    "applicant_name": "张三丰",
    "contact": "电话 138-0000-0000，邮箱 zhang@example.invalid",
    "request": "2024年本县农村公路建设资金的使用情况",
}
TEXTS: list[tuple[str, str]] = []


class RecordingSms:
    def send_sms(self, phone: str, text: str) -> None:
        TEXTS.append((phone, text))


@pytest.fixture
def staff(tree: dict[str, Agency]) -> Office:
    people = office(tree["county"])
    people.officer.email = "officer@example.invalid"
    people.officer.save()
    return people


def _register(agency: Agency, people: Office, hooks: Any) -> Application:
    with hooks(execute=True):
        case, _ = do_register(agency, people.officer, dict(FACTS))
    return case


def test_nothing_is_sent_unless_configured(
    tree: dict[str, Agency], staff: Office, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as queued:
        do_register(tree["county"], staff.officer, dict(FACTS))
    assert queued == [] and mail.outbox == []


def test_handlers_and_the_applicant_are_told_by_email_and_sms(
    tree: dict[str, Agency], staff: Office, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.NOTIFY_BACKENDS = ["email", "sms"]
    settings.NOTIFY_SMS_GATEWAY = "tests.web.test_notify.RecordingSms"
    TEXTS.clear()
    case = _register(tree["county"], staff, django_capture_on_commit_callbacks)
    handler, receipt = sorted(mail.outbox, key=lambda m: m.to)
    assert handler.to == ["officer@example.invalid"] and handler.subject == f"新申请：{case.number}"
    assert "张三丰" not in handler.body  # names stay in the system
    assert receipt.to == ["zhang@example.invalid"] and receipt.subject == "政府信息公开申请回执"
    assert "2025年9月28日前答复" in receipt.body
    assert [("13800000000", f"政府信息公开申请回执。{receipt.body}")] == TEXTS
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for action, who in (
            ("draft", staff.officer),
            ("review", staff.approver),
            ("sign", staff.leader),
            ("answer", staff.officer),
        ):
            case = do_step(
                case,
                who,
                StepInput(action, dt.date(2025, 9, 20), case.version, "unavailable.not_held"),
            )
    [answer] = mail.outbox
    assert answer.to == ["zhang@example.invalid"]
    assert "无法提供：本机关不掌握相关政府信息" in answer.body and "下载答复书" in answer.body


class Robot(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Robot.received.append((self.path, body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"errcode": 0, "errmsg": "ok"}')

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def robot() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Robot.received = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_group_robots_get_one_message_and_a_dead_one_stops_nothing(
    tree: dict[str, Agency],
    staff: Office,
    settings: Any,
    robot: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.NOTIFY_BACKENDS = ["wecom", "dingtalk", "email"]
    settings.NOTIFY_WECOM_URL = f"{robot}/cgi-bin/webhook/send?key=k"
    settings.NOTIFY_DINGTALK_URL = f"{robot}/robot/send?access_token=t"
    settings.NOTIFY_DINGTALK_SECRET = "SEC123"
    case = _register(tree["county"], staff, django_capture_on_commit_callbacks)
    paths = [path for path, _ in Robot.received]
    assert len(paths) == 2  # the group, not the applicant
    assert paths[0] == "/cgi-bin/webhook/send?key=k"
    query = urllib.parse.parse_qs(urllib.parse.urlparse(paths[1]).query)
    assert set(query) == {"access_token", "timestamp", "sign"}
    assert Robot.received[0][1] == {
        "msgtype": "text",
        "text": {
            "content": f"新申请：{case.number}\n某县收到政府信息公开申请{case.number}（网上申请），"
            "答复期限2025年9月28日。申请内容：2024年本县农村公路建设资金的使用情况"
        },
    }
    settings.NOTIFY_WECOM_URL = "http://127.0.0.1:9/closed"  # nothing listens: logged
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_assigned(case, staff.officer)
    assert [m.subject for m in mail.outbox] == [f"分办：{case.number}"]


def test_dingtalk_signs_as_its_documentation_says() -> None:
    signed = dingtalk_url(
        "https://oapi.dingtalk.com/robot/send?access_token=t", "SEC123", 1700000000000
    )
    sign = urllib.parse.parse_qs(urllib.parse.urlparse(signed).query)["sign"][0]
    import base64
    import hashlib
    import hmac

    expected = hmac.new(b"SEC123", b"1700000000000\nSEC123", hashlib.sha256).digest()
    assert base64.b64decode(sign) == expected


def test_deadlines_are_told_to_each_agency(
    tree: dict[str, Agency], staff: Office, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.NOTIFY_BACKENDS = ["email"]
    _register(tree["county"], staff, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_deadlines", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # Registered 2025-09-01, due 2025-09-29: overdue today.
    [notice] = mail.outbox
    assert (
        notice.to == ["officer@example.invalid"] and "已超期1件：依申请〔2025〕1号" in notice.body
    )


def test_contact_details_give_addresses_and_mobiles() -> None:
    assert contact_channels("13800000000；a.b@x.cn，固话0359-1234567") == (
        ["a.b@x.cn"],
        ["13800000000"],
    )
    assert contact_channels("某县某路1号") == ([], [])
