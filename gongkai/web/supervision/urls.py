from __future__ import annotations

from django.urls import path

from gongkai.web.supervision import pages, responses, views

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
for _name, _view in (
    ("standing", pages.standing_page),
    ("trends", pages.trends_page),
    ("distributions", pages.distributions_page),
    ("compare", pages.compare_page),
):
    urlpatterns += [
        path(f"{_name}/", _view, name=_name),
        path(f"{_name}.json", _view, {"fmt": "json"}, name=f"{_name}_json"),
        path(f"{_name}.xlsx", _view, {"fmt": "xlsx"}, name=f"{_name}_xlsx"),
    ]
