from django.contrib import admin

from vocnet.core.admin_site import ProvinceModelAdmin, ReadOnlyProvinceModelAdmin
from vocnet.demand.models import DemandDeclaration, Scenario


@admin.register(DemandDeclaration)
class DemandDeclarationAdmin(ProvinceModelAdmin):
    list_display = ("organisation", "ncs_middle", "occupation", "region", "year", "headcount")
    list_filter = ("year", "data_origin", "region")
    search_fields = ("organisation__name_ko", "occupation", "ncs_middle__code")
    raw_id_fields = ("organisation",)
    readonly_fields = ("created_by", "created_at", "updated_at")


@admin.register(Scenario)
class ScenarioAdmin(ReadOnlyProvinceModelAdmin):
    """Scenarios are made and run through the pages and the API (the plan is computed)."""

    list_display = ("name", "organisation", "status", "solved_at", "is_synthetic")
    list_filter = ("status", "is_synthetic")
