from __future__ import annotations

from django.urls import path

from gongkai.web.supervision import responses, views

app_name = "supervision"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("overview.json", views.overview, {"fmt": "json"}, name="overview_json"),
    path("overview.xlsx", views.overview, {"fmt": "xlsx"}, name="overview_xlsx"),
    path("rankings/", views.rankings, name="rankings"),
    path("rankings.json", views.rankings, {"fmt": "json"}, name="rankings_json"),
    path("rankings.xlsx", views.rankings, {"fmt": "xlsx"}, name="rankings_xlsx"),
    path("responses/", responses.responses, name="responses"),
    path("responses.json", responses.responses, {"fmt": "json"}, name="responses_json"),
    path("responses.xlsx", responses.responses, {"fmt": "xlsx"}, name="responses_xlsx"),
]
