"""Agreements in the admin: read-only for the province. Every change goes through the
services (permission, validation, audit) and the agreement pages, never the admin."""

from django.contrib import admin

from vocnet.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementVersion,
    Delivery,
    Reminder,
)
from vocnet.core.admin_site import ReadOnlyProvinceModelAdmin


@admin.register(AgreementKind)
class AgreementKindAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("code", "name_ko", "name_en", "sort_order")


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("title", "kind", "status", "start_date", "end_date", "is_synthetic")
    list_filter = ("status", "kind", "is_synthetic")
    search_fields = ("title", "lead_organisation__name_ko")
    list_select_related = ("kind",)


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("agreement", "number", "status", "circulated_at", "in_force_at")
    list_filter = ("status",)
    list_select_related = ("agreement",)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("agreement", "commitment", "delivered_on", "quantity", "recorded_at")
    list_select_related = ("agreement", "commitment")
    date_hierarchy = "delivered_on"


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("agreement", "kind", "due_date", "sent_at")
    list_filter = ("kind",)
    list_select_related = ("agreement",)
