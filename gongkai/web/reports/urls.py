from __future__ import annotations

from django.urls import path

from gongkai.web.reports import views

app_name = "reports"
urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("reports/<int:report_id>/", views.preview, name="preview"),
    path("reports/<int:report_id>/publish", views.publish, name="publish"),
    path("reports/<int:report_id>/correct", views.correct, name="correct"),
]
