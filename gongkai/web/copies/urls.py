from __future__ import annotations

from django.urls import path

from gongkai.web.copies import views

app_name = "copies"
urlpatterns = [
    path("", views.copies, name="list"),
    path("copies.json", views.copies, {"fmt": "json"}, name="list_json"),
    path("copies.xlsx", views.copies, {"fmt": "xlsx"}, name="list_xlsx"),
    path("find/", views.find, name="find"),
    path("<int:copy_id>/", views.pair, name="pair"),
]
