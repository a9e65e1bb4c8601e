from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from vocnet.accounts.models import ApiToken, User
from vocnet.core.admin_site import ProvinceModelAdmin, ReadOnlyProvinceModelAdmin


@admin.register(User)
class UserAdmin(ProvinceModelAdmin, DjangoUserAdmin):
    list_display = ("username", "name", "email", "is_active", "is_staff", "last_login")
    search_fields = ("username", "name", "email")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("vocnet", {"fields": ("name",)}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("prefix", "name", "user", "created_at", "expires_at", "revoked_at")
    exclude = ("token_hash",)
