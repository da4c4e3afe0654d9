from __future__ import annotations

from django.urls import path

from gongkai.web.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit, name="audit"),
    path("audit.json", views.audit, {"fmt": "json"}, name="audit_json"),
    path("audit.xlsx", views.audit, {"fmt": "xlsx"}, name="audit_xlsx"),
]
