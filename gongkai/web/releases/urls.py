from __future__ import annotations

from django.urls import path

from gongkai.web.releases import views

app_name = "releases"
CASE = "manage/cases/<int:case_id>/releases/"
ONE = CASE + "<int:release_id>/"
urlpatterns = [
    path(CASE, views.releases, name="list"),
    path(CASE + "add", views.add, name="add"),
    path(ONE, views.file, name="file"),
    path(ONE + "redact", views.redact_page, name="redact_page"),
    path(ONE + "redact/save", views.redact, name="redact"),
    path(ONE + "pages/<int:page>.png", views.page_picture, name="page"),
    path(ONE + "remove", views.remove, name="remove"),
    path(
        "apply/status/<int:case_id>/files/<int:release_id>", views.public_file, name="public_file"
    ),
]
