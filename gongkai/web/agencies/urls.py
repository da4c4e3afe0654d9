from __future__ import annotations

from django.urls import path

from gongkai.web.agencies import views

app_name = "people"
urlpatterns = [
    path("", views.people, name="people"),
    path("<int:agency_id>/invite", views.invite, name="invite"),
    path("<int:agency_id>/grant", views.grant, name="grant"),
    path("<int:agency_id>/revoke/<int:membership_id>", views.revoke, name="revoke"),
    path("<int:agency_id>/deactivate/<int:membership_id>", views.deactivate, name="deactivate"),
]
