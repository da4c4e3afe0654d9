from __future__ import annotations

from django.urls import path

from gongkai.web.registers import record_views, views

app_name = "registers"
urlpatterns = [
    path("", views.registers, name="registers"),
    path("<int:agency_id>/publications", views.add_publication, name="add_publication"),
    path("<int:agency_id>/appeals", views.add_appeal, name="add_appeal"),
    path("<int:agency_id>/figures", views.import_figures, name="import_figures"),
    path("<int:agency_id>/figure", views.set_figure, name="set_figure"),
    path("publications/<int:record_id>/", record_views.publication, name="publication"),
    path("appeals/<int:record_id>/", record_views.appeal, name="appeal"),
    path("figures/<int:record_id>/", record_views.figure, name="figure"),
]
