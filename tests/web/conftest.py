from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client

from gongkai.model import Report
from gongkai.readers import read_bytes
from gongkai.render import render
from gongkai.roles import Role
from gongkai.signoff import SignoffStep
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.actions import do_publish_report, do_signoff, store_report
from gongkai.web.reports.demo import load_demo
from gongkai.web.reports.models import PublishedReport

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Counts the library keeps a while must not leak from one test into the next."""
    cache.clear()


@pytest.fixture(autouse=True)
def _open_data_folder(settings: Any, tmp_path: Path) -> None:
    """The open-data files a publication rebuilds go to the test's own folder."""
    settings.GONGKAI_OPEN_DATA_DIR = tmp_path / "opendata"


@pytest.fixture
def unthrottled(settings: Any) -> None:
    """Lifts the public forms' limits for flows that apply and look up more often than one
    address may; the counters live in the shared cache, which no test flushes
    (tests/web/test_hardening.py tests the limits and the CAPTCHA)."""
    settings.GONGKAI_APPLY_WITHOUT_CAPTCHA = settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 1000
    settings.GONGKAI_STATUS_PER_ADDRESS_HOUR = 1000


@pytest.fixture
def demo(db: None) -> list[PublishedReport]:
    return load_demo(SEEDS)


@pytest.fixture
def tree(db: None) -> dict[str, Agency]:
    province = Agency.objects.create(name="某省", level=Agency.Level.PROVINCE)
    city = Agency.objects.create(name="某市", level=Agency.Level.CITY, parent=province)
    county = Agency.objects.create(name="某县", level=Agency.Level.COUNTY, parent=city)
    other = Agency.objects.create(name="另一市", level=Agency.Level.CITY, parent=province)
    return {"province": province, "city": city, "county": county, "other": other}


def person(name: str, agency: Agency, role: str) -> Client:
    """A signed-in client for a new person holding `role` at `agency`."""
    return signed_in(holder(name, agency, role))


def holder(name: str, agency: Agency, role: str) -> User:
    """A new person holding `role` at `agency`."""
    user = User.objects.create_user(name, password="pw-" + name)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@dataclass(frozen=True)
class Office:
    """An agency's three signatories: officer (拟稿), approver (审核), leader (签发)."""

    officer: User
    approver: User
    leader: User


def office(agency: Agency, prefix: str = "") -> Office:
    return Office(
        holder(f"{prefix}officer", agency, Role.OFFICER),
        holder(f"{prefix}approver", agency, Role.APPROVER),
        holder(f"{prefix}leader", agency, Role.LEADER),
    )


def draft_from_seed(agency: Agency, prefix: str, user: User | None = None) -> PublishedReport:
    """A seed stored as the agency's draft, as an upload confirmed by an officer stores it."""
    name, data = seed_bytes(prefix)
    return store_report(agency, seed_report(prefix).model_copy(deep=True), name, data, user)


@functools.cache
def seed_report(prefix: str) -> Report:
    name, data = seed_bytes(prefix)
    return read_bytes(data, name)


def sign_and_publish(draft: PublishedReport, people: Office, reason: str = "") -> PublishedReport:
    """三级审签 and publication through the actions, as the three people do it."""
    do_signoff(draft, people.officer, SignoffStep.SUBMITTED, reason=reason)
    do_signoff(draft, people.approver, SignoffStep.REVIEWED)
    do_signoff(draft, people.leader, SignoffStep.SIGNED)
    return do_publish_report(draft, people.officer)


def seed_bytes(prefix: str) -> tuple[str, bytes]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.name, path.read_bytes()


@functools.cache
def seed_pdf(prefix: str) -> bytes:
    """A seed report printed to PDF by the core (its errors and all), as an agency would."""
    name, data = seed_bytes(prefix)
    return render(read_bytes(data, name), "pdf")


CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent.parent.parent / "test-artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=zh-CN",
]
# The interface a Chinese officer's browser has, date fields as 年/月/日 (chromium-l10n).
CHINESE: dict[str, str | float | bool] = {**os.environ, "LANGUAGE": "zh_CN"}


@pytest.fixture
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), (
        "install Debian's chromium (scripts/install-system-packages.sh)"
    )
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=FLAGS, env=CHINESE
        )
        context = browser.new_context(locale="zh-CN", viewport={"width": 1200, "height": 900})
        yield context.new_page()
        # The test ran inside Playwright's context, where Django's connections are others than
        # the ones the test database's teardown closes: close them here, or they stay open.
        connections.close_all()
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def _no_connection_left(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Fails the run when a test leaves a connection to the test database open: PostgreSQL
    then refuses to drop it, and a later run may find it still there."""
    yield
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            (left,) = cursor.fetchone()
    assert left == 0, f"a test left {left} connection(s) to the test database open"
