from __future__ import annotations

from django.urls import path

from gongkai.web.agencies import letter_settings

app_name = "letters"
urlpatterns = [
    path("", letter_settings.letter_settings, name="mine"),
    path("<int:agency_id>/", letter_settings.agency_letter_settings, name="settings"),
    path("<int:agency_id>/seal.png", letter_settings.seal_image, name="seal"),
]
