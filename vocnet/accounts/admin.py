from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from vocnet.accounts.models import ApiToken, User
from vocnet.core.admin_site import ProvinceModelAdmin, ReadOnlyProvinceModelAdmin


@admin.register(User)
class UserAdmin(ProvinceModelAdmin, DjangoUserAdmin):
    list_display = ("username", "name", "email", "is_active", "is_staff", "last_login")
    search_fields = ("username", "name", "email")
    # Django's fieldsets without first and last name, which vocnet does not keep.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("개인 정보"), {"fields": ("name", "email")}),
        (_("권한"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("주요 일시"), {"fields": ("last_login", "date_joined")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("prefix", "name", "user", "created_at", "expires_at", "revoked_at")
    exclude = ("token_hash",)
