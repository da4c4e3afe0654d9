from __future__ import annotations

from django.urls import path, re_path

from gongkai.web.api import views, writes

app_name = "api"
urlpatterns = [
    path("openapi.json", views.openapi, name="openapi"),
    path("agencies", views.agencies, name="agencies"),
    path("reports", views.reports, name="reports"),
    path("reports/<int:report_id>", views.report, name="report"),
    path("reports/<int:report_id>/corrections", writes.correct, name="correct"),
    path("reports/<int:report_id>/publish", writes.publish, name="publish"),
    path("reports/<int:report_id>/signoffs", writes.signoff, name="signoff"),
    path("reports/<int:report_id>/revisions", writes.revise, name="revise"),
    path("imports", writes.create_import, name="imports"),
    path("imports/<int:batch_id>", writes.show_import, name="import"),
    path("imports/<int:batch_id>/confirm", writes.confirm_import, name="confirm_import"),
    re_path(r"^.*$", views.not_found),
]
