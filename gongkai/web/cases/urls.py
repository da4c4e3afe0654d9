from __future__ import annotations

from django.urls import path

from gongkai.web.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.cases, name="list"),
    path("register/", views.register, name="register"),
    path("table/", views.table, name="table"),
    path("table/cell/", views.cell_cases, name="cell"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/step", views.step, name="step"),
    path("<int:case_id>/split", views.split, name="split"),
    path("<int:case_id>/attachments", views.attach, name="attach"),
    path("<int:case_id>/attachments/<int:attachment_id>", views.attachment, name="attachment"),
    path("<int:case_id>/letters/<str:kind>.<str:fmt>", views.letter_file, name="letter"),
]
