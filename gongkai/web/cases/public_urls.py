from __future__ import annotations

from django.urls import path

from gongkai.web.cases import public

app_name = "apply"
urlpatterns = [
    path("", public.apply, name="apply"),
    path("status/", public.status, name="status"),
    path("status/forget", public.forget, name="forget"),
    path(
        "status/<int:case_id>/letters/<str:kind>.<str:fmt>",
        public.applicant_letter,
        name="letter",
    ),
    path("status/<int:case_id>/withdraw", public.withdraw, name="withdraw"),
]
