from __future__ import annotations

from django.urls import path

from gongkai.web.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.data_page, name="data"),
    path("duckdb/", views.duckdb_page, name="duckdb"),
    path("files/<str:key>", views.data_file, name="file"),
]
