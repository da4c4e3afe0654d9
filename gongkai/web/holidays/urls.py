from __future__ import annotations

from django.urls import path

from gongkai.web.holidays import views

app_name = "holidays"
urlpatterns = [path("", views.calendar_page, name="calendar")]
