"""Agencies, people and their roles in /admin/: every change goes through an action and is
audited; Django's own permissions are not used (roles are), so they are not shown."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from gongkai.roles import Role
from gongkai.web.agencies.access import person
from gongkai.web.agencies.actions import (
    do_grant_role,
    do_revoke_role,
    do_save_agency,
    do_save_person,
)
from gongkai.web.agencies.models import Agency, Membership

admin.site.site_header = admin.site.site_title = "公开（gongkai）系统管理"
admin.site.index_title = "管理"


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ("name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name",)
    autocomplete_fields = ("parent",)

    def save_model(
        self, request: HttpRequest, obj: Agency, form: ModelForm[Agency], change: bool
    ) -> None:
        do_save_agency(person(request), obj, list(form.changed_data))

    def has_delete_permission(self, request: HttpRequest, obj: Agency | None = None) -> bool:
        return False  # agencies keep their records: rename or move them instead


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 1
    autocomplete_fields = ("agency",)
    verbose_name = verbose_name_plural = "角色"


class PersonAdmin(UserAdmin[User]):
    """People: their account and their roles; no Django permissions or groups."""

    inlines = (MembershipInline,)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("first_name", "email")}),
        ("状态", {"fields": ("is_active", "is_superuser")}),
    )
    list_display = ("username", "first_name", "email", "is_active", "is_superuser")
    list_filter = ("is_active", "is_superuser")
    filter_horizontal = ()

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        do_save_person(person(request), obj, list(form.changed_data))

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Roles given and taken through the actions (audited), never saved directly."""
        assert isinstance(formset, BaseInlineFormSet)
        actor = person(request)
        for gone in formset.deleted_objects:
            do_revoke_role(actor, gone, by_administrator=True)
        for held in formset.save(commit=False):
            if held.pk is not None:  # a role changed in place: take the old, give the new
                do_revoke_role(actor, Membership.objects.get(pk=held.pk), by_administrator=True)
            do_grant_role(actor, held.user, held.agency, Role(held.role), by_administrator=True)


admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.register(User, PersonAdmin)
