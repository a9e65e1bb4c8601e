"""The Django admin, open to province officers (and platform operators) only.

Access follows the one permission layer: a user may use the admin when their actor is the
province (``Actor.is_province``), not through Django's per-model permission flags, so there
is one place that says who is the province.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import actor_for


class VocnetAdminSite(admin.AdminSite):
    site_header = _("vocnet 관리 (도교육청)")
    site_title = _("vocnet 관리")
    index_title = _("등록부 관리")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and actor_for(user).is_province)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Signing in goes through vocnet's own form and its second step (issue 8), never
        through the admin's password-only form."""
        target = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
            "admin:index", current_app=self.name
        )
        return redirect_to_login(target, login_url=reverse("accounts:login"))


# ModelAdmin is generic only in the type stubs (no django_stubs_ext monkeypatch at run time).
class ProvinceModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every model permission granted to the province, refused to everyone else."""

    # Web addresses typed without a scheme are taken as https (Django 6's default, now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _is_province(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and actor_for(request.user).is_province)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_province(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_province(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._is_province(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_province(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_province(request)

    # Changes made in the admin enter the audit trail like every other write (which also moves
    # the data version that keys the page cache, vocnet.core.pagecache).
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change and obj.pk else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            record_audit(
                actor=request.user,
                action="admin_change" if change else "admin_create",
                obj=obj,
                before=before,
                after=snapshot(obj),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            record_audit(actor=request.user, action="admin_delete", obj=obj, before=snapshot(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                record_audit(
                    actor=request.user, action="admin_delete", obj=obj, before=snapshot(obj)
                )
            super().delete_queryset(request, queryset)


class ReadOnlyProvinceModelAdmin(ProvinceModelAdmin):
    """For reference lists and audit records: viewable, never edited in the admin."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
