from __future__ import annotations

from django.urls import path

from gongkai.web.workbench import views

app_name = "workbench"
urlpatterns = [path("", views.dashboard, name="dashboard")]
