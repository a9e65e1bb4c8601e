from django.contrib import admin

from vocnet.core.admin_site import ProvinceModelAdmin, ReadOnlyProvinceModelAdmin
from vocnet.courses.models import Course, Term


@admin.register(Term)
class TermAdmin(ProvinceModelAdmin):
    """The province opens a term and its application window here (audited like every admin
    change); the courses, applications and runs live through the pages and the API."""

    list_display = (
        "name",
        "starts_on",
        "ends_on",
        "applications_open_at",
        "applications_close_at",
        "is_synthetic",
    )
    list_filter = ("year", "semester", "is_synthetic")
    search_fields = ("name",)


@admin.register(Course)
class CourseAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("title", "term", "host", "course_type", "status", "is_synthetic")
    list_filter = ("status", "course_type", "is_synthetic")
    search_fields = ("title",)
    raw_id_fields = ("host", "region", "reviewed_by", "created_by")
    exclude = ("fields", "eligible_schools", "eligible_departments", "eligible_fields")
