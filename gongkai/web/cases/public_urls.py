from __future__ import annotations

from django.urls import path

from gongkai.web.cases import public

app_name = "apply"
urlpatterns = [
    path("", public.apply, name="apply"),
    path("status/", public.status, name="status"),
]
