from __future__ import annotations

from django.urls import path

from gongkai.web.ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.collections, name="collections"),
    path("runs/<int:run_id>/", views.run, name="run"),
    path("pending/", views.pending, name="pending"),
    path("pending/<int:file_id>/assign", views.assign, name="assign"),
    path("pending/<int:file_id>/dismiss", views.dismiss, name="dismiss"),
]
