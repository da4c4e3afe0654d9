from __future__ import annotations

from django.urls import path

from gongkai.web.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.data_page, name="data"),
    path("files.json", views.data_json, name="data_json"),
    path("duckdb/", views.duckdb_page, name="duckdb"),
    path("files/<str:key>", views.data_file, name="file"),
]
