"""API tokens: a person's key for writing through the API, with that person's permissions.

Only a hash of the key is stored; the key itself is shown once, when it is issued.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import models


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        "auth.User", verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("前缀", max_length=8, editable=False)
    digest = models.CharField("摘要", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.user} {self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user: object, name: str) -> tuple[ApiToken, str]:
        """A new token and its key (the only time the key is seen)."""
        key = "gk_" + secrets.token_urlsafe(30)
        token = cls.objects.create(user=user, name=name, prefix=key[:8], digest=key_hash(key))
        return token, key
