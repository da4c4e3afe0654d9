from __future__ import annotations

from django.urls import path

from gongkai.web.api import tokens

app_name = "tokens"
urlpatterns = [
    path("", tokens.tokens, name="tokens"),
    path("<int:token_id>/revoke", tokens.revoke, name="revoke"),
]
