from __future__ import annotations

from django.urls import path

from gongkai.web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("upload/", views.upload, name="upload"),
    path("imports/<int:batch_id>/", views.batch, name="batch"),
    path("imports/<int:batch_id>/confirm", views.confirm_batch, name="confirm_batch"),
    path("imports/<int:batch_id>/retry", views.retry_batch, name="retry_batch"),
    path("reports/<int:report_id>/", views.preview, name="preview"),
    path("reports/<int:report_id>/source", views.source_file, name="source_file"),
    path("reports/<int:report_id>/source/<int:page>.png", views.source_page, name="source_page"),
    path("reports/<int:report_id>/versions/<int:number>.json", views.version_json, name="version"),
    path("reports/<int:report_id>/publish", views.publish, name="publish"),
    path("reports/<int:report_id>/signoff", views.signoff, name="signoff"),
    path("reports/<int:report_id>/correct", views.correct, name="correct"),
    path("reports/<int:report_id>/revise", views.revise, name="revise"),
]
