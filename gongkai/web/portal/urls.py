from __future__ import annotations

from django.urls import path

from gongkai.web.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("reports.json", views.report_list_json, name="report_list_json"),
    path("reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("reports/<int:report_id>.json", views.report_json, name="report_json"),
    path(
        "reports/<int:report_id>/download/<str:target>",
        views.report_download,
        name="report_download",
    ),
]
