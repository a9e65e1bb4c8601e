from django.contrib import admin

from vocnet.core.admin_site import ReadOnlyProvinceModelAdmin
from vocnet.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "actor__username")
    date_hierarchy = "at"
