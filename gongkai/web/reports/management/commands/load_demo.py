"""`python -m gongkai.web load_demo`: the demo region, the seed reports, an administrator."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from gongkai.roles import ROLE_LABELS
from gongkai.web.reports.demo import DEMO_PEOPLE, add_person, load_demo, load_demo_year


class Command(BaseCommand):
    help = "载入演示地区、种子年度报告、演示账号和一个机关一年的登记数据"

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = load_demo(settings.ROOT / "tests" / "fixtures" / "seeds")
        self.stdout.write(f"已载入 {len(loaded)} 份年度报告")
        users = get_user_model()
        if users.objects.filter(username="admin").exists():
            self.stdout.write("演示账号已存在（admin 等）")
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser("admin", "admin@example.invalid", password)
        self.stdout.write(f"管理员账号：admin  密码：{password}")
        for username, agency, role in DEMO_PEOPLE:
            password = secrets.token_urlsafe(9)
            add_person(username, password, agency, role)
            held = f"{agency}，{ROLE_LABELS[role]}"
            self.stdout.write(f"演示账号：{username}（{held}）  密码：{password}")
        office, year = load_demo_year()
        self.stdout.write(f"已生成{office}{year}年度的登记数据（申请、主动公开、复议诉讼）")
