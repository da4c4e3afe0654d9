"""Safe on the public internet (issue 11): production defaults, request sizes refused before
reading, public forms that hold under a flood, sign-in lockout, a CSP, private logs."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from gongkai.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.cases.actions import do_register
from gongkai.web.cases.models import Application
from gongkai.web.logs import JsonLines, PrivateRequests
from tests.web.conftest import draft_from_seed, office, person, signed_in

pytestmark = pytest.mark.django_db
APPLICANT = {
    "applicant_type": "natural_person",
    "applicant_name": "李四",
    "contact": "lisi@example.invalid",
    "request": "本县2025年义务教育学校名单",
}


def _accepting(tree: dict[str, Agency]) -> Agency:
    """An agency the public may address (a region such as 某县 is none: issue 12)."""
    return Agency.objects.create(
        name="某县人民政府", level=Agency.Level.COUNTY, parent=tree["county"]
    )


def _django(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m gongkai.web …` with the production settings and only `env` set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "gongkai.web", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    run = _django({}, "check")
    assert run.returncode != 0 and "请设置环境变量 GONGKAI_SECRET_KEY" in run.stderr


def test_the_deployment_check_is_clean() -> None:
    env = {"GONGKAI_SECRET_KEY": "s" * 20 + "Qx7!pL0-v" * 5, "GONGKAI_ALLOWED_HOSTS": "a.gov.cn"}
    run = _django(env, "check", "--deploy")
    assert run.returncode == 0 and "no issues (0 silenced)" in run.stdout, run.stdout + run.stderr


def test_a_body_too_large_is_refused_before_it_is_read(tree: dict[str, Agency]) -> None:
    big = str(3 * 1024 * 1024)
    response = Client().post("/apply/", {}, CONTENT_LENGTH=big)
    assert response.status_code == 413 and "提交的内容超过2048KB" in response.content.decode()
    api = Client().post("/api/imports", {}, CONTENT_LENGTH=str(200 * 1024 * 1024))
    assert api.status_code == 413 and api.json()["error"]["code"] == "too_large"
    odd = Client().post("/apply/", {}, CONTENT_LENGTH="12abc")
    assert odd.status_code == 413


def test_an_address_flooding_the_form_meets_a_captcha_then_a_wall(
    tree: dict[str, Agency], settings: Any
) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 5
    agency = _accepting(tree).pk
    public = Client()
    for _ in range(2):
        assert public.post("/apply/", {"agency": agency, **APPLICANT}).status_code == 200
    assert "验证码" in public.get("/apply/").content.decode()
    blocked = public.post("/apply/", {"agency": agency, **APPLICANT})
    assert "请填写验证码" in blocked.content.decode()
    assert Application.objects.count() == 2
    for _ in range(2):
        public.post("/apply/", {"agency": agency, **APPLICANT})
    refused = public.post("/apply/", {"agency": agency, **APPLICANT})
    assert refused.status_code == 429 and "提交申请过于频繁" in refused.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.2")  # another address is not held back
    assert other.post("/apply/", {"agency": agency, **APPLICANT}).status_code == 200
    assert Application.objects.count() == 3


def test_one_agency_receives_only_so_many_applications_an_hour(
    tree: dict[str, Agency], settings: Any
) -> None:
    settings.GONGKAI_APPLY_PER_AGENCY_HOUR = 3
    agency = _accepting(tree).pk
    codes = [
        Client(REMOTE_ADDR=f"10.0.1.{n}").post("/apply/", {"agency": agency, **APPLICANT})
        for n in range(4)
    ]
    assert [c.status_code for c in codes] == [200, 200, 200, 429]
    assert "该机关一小时内收到的网上申请已达上限" in codes[-1].content.decode()


def test_guessing_access_codes_is_slowed_to_a_crawl(tree: dict[str, Agency], settings: Any) -> None:
    settings.GONGKAI_STATUS_PER_ADDRESS_HOUR = 3
    guesser = Client()
    answers = [
        guesser.post("/apply/status/", {"number": "依申请〔2025〕1号", "code": f"{n:08X}"})
        for n in range(4)
    ]
    assert [a.status_code for a in answers] == [404, 404, 404, 429]


def test_sign_in_is_locked_after_five_failures(tree: dict[str, Agency]) -> None:
    User.objects.create_user("yanchi", password="right-password-2025")
    browser = Client()
    for _ in range(5):
        browser.post("/accounts/login/", {"username": "yanchi", "password": "wrong"})
    locked = browser.post(
        "/accounts/login/", {"username": "yanchi", "password": "right-password-2025"}
    )
    assert locked.status_code == 429 and "已暂停登录30分钟" in locked.content.decode()


def _directives(policy: str) -> dict[str, list[str]]:
    """A policy's directives by name: their order in the header is not fixed."""
    parts = [directive.split() for directive in policy.split(";") if directive.strip()]
    return {name: sources for name, *sources in parts}


def test_pages_carry_a_content_security_policy_with_nonces(
    tree: dict[str, Agency], client: Client
) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    directives = _directives(policy)
    assert directives["default-src"] == directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"] and "unsafe-inline" not in policy
    officer = person("officer", tree["county"], Role.OFFICER)
    draft = draft_from_seed(tree["county"], "003")
    page = officer.get(f"/manage/reports/{draft.pk}/")
    nonce = re.search(r"'nonce-([^']+)'", page["Content-Security-Policy"])
    assert nonce is not None and f'<script nonce="{nonce.group(1)}">' in page.content.decode()


def test_no_template_has_inline_handlers_or_styles_the_policy_would_block() -> None:
    # The policy allows neither: an onclick="…" or style="…" silently does nothing.
    templates = Path(__file__).resolve().parents[2].glob("gongkai/web/**/templates/**/*.html")
    inline = re.compile(r"""\s(on[a-z]+|style)\s*=\s*["']""")
    found = [f"{t.name}: {m[1]}" for t in templates for m in inline.finditer(t.read_text())]
    assert found == []


def test_error_logs_name_the_path_but_not_the_query_or_the_body() -> None:
    request = RequestFactory().post("/apply/status/?code=SECRETCODE", {"name": "张三"})
    record = logging.LogRecord(  # as django.utils.log.log_response makes it
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "%s: %s",
        ("Internal Server Error", request.path),
        None,
    )
    record.request = request
    assert PrivateRequests().filter(record)
    line = JsonLines().format(record)
    entry = json.loads(line)
    assert entry["request"] == "POST /apply/status/" and "SECRETCODE" not in line
    assert "张三" not in line and entry["levelname"] == "ERROR"


def test_a_case_page_has_no_two_elements_with_one_id(tree: dict[str, Agency]) -> None:
    """Regression (merge of issue 12's sides): the 分办 form and the step form both had
    id_note, so the step's 说明 typed into the wrong box and 延期 was refused."""
    people = office(tree["county"])
    facts = {**APPLICANT, "channel": "letter", "received_on": dt.date.today()}
    case, _ = do_register(tree["county"], people.officer, facts)
    page = signed_in(people.approver).get(f"/manage/cases/{case.pk}/").content.decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert ids and len(ids) == len(set(ids))
