from __future__ import annotations

from django.urls import path

from gongkai.web.annual import views

app_name = "annual"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("<int:agency_id>/<int:year>/", views.compile_draft, name="compile"),
]
