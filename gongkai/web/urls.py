from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from gongkai.web.registers import views as registers_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("gongkai.web.releases.urls")),
    path("manage/cases/", include("gongkai.web.cases.urls")),
    path("apply/", include("gongkai.web.cases.public_urls")),
    path("captcha/", include("captcha.urls")),
    path("manage/registers/", include("gongkai.web.registers.urls")),
    path("manage/annual/", include("gongkai.web.annual.urls")),
    path("catalogue/<int:agency_id>/", registers_views.catalogue, name="catalogue"),
    path("manage/tokens/", include("gongkai.web.api.token_urls")),
    path("manage/overview/", include("gongkai.web.supervision.urls")),
    path("manage/copies/", include("gongkai.web.copies.urls")),
    path("manage/people/", include("gongkai.web.agencies.urls")),
    path("manage/letters/", include("gongkai.web.agencies.letter_urls")),
    path("manage/audit/", include("gongkai.web.audit.urls")),
    path("manage/collections/", include("gongkai.web.ingest.urls")),
    path("manage/calendar/", include("gongkai.web.holidays.urls")),
    path("manage/", include("gongkai.web.workbench.urls")),
    path("manage/", include("gongkai.web.reports.urls")),
    path("api/", include("gongkai.web.api.urls")),
    path("data/", include("gongkai.web.opendata.urls")),
    path("", include("gongkai.web.portal.urls")),
]
