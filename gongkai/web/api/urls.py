from __future__ import annotations

from django.urls import path, re_path

from gongkai.web.api import views

app_name = "api"
urlpatterns = [
    path("openapi.json", views.openapi, name="openapi"),
    path("agencies", views.agencies, name="agencies"),
    path("reports", views.reports, name="reports"),
    path("reports/<int:report_id>", views.report, name="report"),
    re_path(r"^.*$", views.not_found),
]
