"""Admin views of field training: read-only, since every change goes through the services
(labour rules, permissions, audit). Operators use them to look things up."""

from django.contrib import admin

from vocnet.core.admin_site import ReadOnlyProvinceModelAdmin
from vocnet.placements.models import (
    FieldTrainingOffer,
    HostVetting,
    IncidentReport,
    Placement,
    PlacementContract,
    SeriousAccident,
)


@admin.register(HostVetting)
class HostVettingAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("company", "host_kind", "status", "valid_from", "valid_until", "is_synthetic")
    list_filter = ("status", "host_kind", "is_synthetic")
    search_fields = ("company__organisation__name_ko", "company__business_number")


@admin.register(SeriousAccident)
class SeriousAccidentAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("company", "occurred_on", "recorded_at")
    search_fields = ("company__organisation__name_ko",)


@admin.register(FieldTrainingOffer)
class FieldTrainingOfferAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("title", "company", "region", "ncs_middle", "seats", "start_date", "status")
    list_filter = ("status", "is_synthetic", "region")
    search_fields = ("title", "company__organisation__name_ko")


@admin.register(Placement)
class PlacementAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("student", "offer", "origin", "status", "created_at")
    list_filter = ("status", "origin", "is_synthetic")
    search_fields = ("offer__title", "offer__company__organisation__name_ko")


@admin.register(PlacementContract)
class PlacementContractAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("placement", "current_version", "created_at")


@admin.register(IncidentReport)
class IncidentReportAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("kind", "placement", "level", "status", "response_due")
    list_filter = ("kind", "level", "status")
