from django.contrib import admin

from vocnet.clearinghouse.models import PlacementRound, RoundOutcome, RoundRun
from vocnet.core.admin_site import ReadOnlyProvinceModelAdmin


@admin.register(PlacementRound)
class PlacementRoundAdmin(ReadOnlyProvinceModelAdmin):
    """Rounds live through the pages and the API (their life is audited there)."""

    list_display = ("name", "support_office", "status", "preference_deadline", "is_synthetic")
    list_filter = ("status", "is_synthetic")
    search_fields = ("name",)


@admin.register(RoundRun)
class RoundRunAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("round", "status", "input_hash", "engine_version", "queued_at", "finished_at")
    list_filter = ("status",)
    exclude = ("input_snapshot", "result")


@admin.register(RoundOutcome)
class RoundOutcomeAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("round", "student", "offer", "choice_rank", "placement")
    raw_id_fields = ("student", "offer", "placement", "run")
