from __future__ import annotations

import functools
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from gongkai.readers import read_bytes
from gongkai.render import render
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.demo import load_demo
from gongkai.web.reports.models import PublishedReport

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Counts the library keeps a while must not leak from one test into the next."""
    cache.clear()


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
    user = User.objects.create_user(name, password="pw-" + name)
    Membership.objects.create(user=user, agency=agency, role=role)
    client = Client()
    client.force_login(user)
    return client


def seed_bytes(prefix: str) -> tuple[str, bytes]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.name, path.read_bytes()


@functools.cache
def seed_pdf(prefix: str) -> bytes:
    """A seed report printed to PDF by the core (its errors and all), as an agency would."""
    name, data = seed_bytes(prefix)
    return render(read_bytes(data, name), "pdf")
