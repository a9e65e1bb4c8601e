from django.contrib import admin

from vocnet.core.admin_site import ProvinceModelAdmin
from vocnet.pathways.models import GraduateDestination


@admin.register(GraduateDestination)
class GraduateDestinationAdmin(ProvinceModelAdmin):
    list_display = ("department", "graduation_year", "graduate_key", "kind", "data_origin")
    list_filter = ("graduation_year", "kind", "data_origin")
    search_fields = ("graduate_key", "department__name_ko", "department__school__neis_code")
    raw_id_fields = ("department", "student", "company")
    readonly_fields = ("recorded_by", "created_at", "updated_at")
