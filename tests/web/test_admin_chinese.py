"""/admin/ is read by a Chinese administrator (issue 12): no page of it shows English,
including the pages of third-party apps (the login lockout, the background queue)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client

from gongkai.web.agencies.models import Agency

# Words of three or more Latin letters; shorter ones (IP, ID) pass as they are read.
ENGLISH = re.compile(r"[A-Za-z]{3,}")
PLACEHOLDER = re.compile(r"\{[a-z_:0-9]+\}")  # {year} in a pattern the administrator types
ALLOWED = {"gongkai"}  # the system's name in the header
# Columns that show what a browser sent, as it sent it (path, browser, address); <bdi> holds
# a password hash's random salt and digest.
RECORDED = ("field-path_info", "field-user_agent", "field-ip_address")


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += self._hides(tag, dict(attrs).get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style", "td", "bdi") and self._hidden > 0

    @staticmethod
    def _hides(tag: str, css: str) -> bool:
        return tag in ("script", "style", "bdi") or (tag == "td" and css.startswith(RECORDED))

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _english(client: Client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code in (200, 403), url
    text = _VisibleText()
    text.feed(response.content.decode())
    visible = PLACEHOLDER.sub("", " ".join(text.parts))
    return set(ENGLISH.findall(visible)) - ALLOWED


def _pages(tree: dict[str, Agency]) -> list[str]:
    pages = ["/admin/", "/admin/password_change/"]
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        pages += [base, base + "add/"]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(f"{base}{first.pk}/change/")
    return pages


def test_every_admin_page_is_in_chinese(tree: dict[str, Agency]) -> None:
    root = User.objects.create_superuser("管理员甲", None, "口令-足够长的口令-2026")
    client = Client()
    wrong = {"username": "管理员甲", "password": "错误的口令"}
    assert client.post("/admin/login/", wrong).status_code == 200  # a lockout record
    client.force_login(root)
    found = {url: words for url in _pages(tree) if (words := _english(client, url))}
    assert found == {}, found


def test_form_labels_end_with_a_chinese_colon(tree: dict[str, Agency]) -> None:
    """Django's catalogue leaves the label suffix ":" (「年度:」); ours makes it 「：」."""
    page = Client().get("/apply/").content.decode()
    labels = re.findall(r"<label[^>]*>([^<]*)</label>", page)
    assert labels and all(not label.endswith(":") for label in labels)
    assert any(label.endswith("：") for label in labels)
