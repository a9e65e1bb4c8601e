from django.contrib import admin

from vocnet.core.admin_site import ProvinceModelAdmin, ReadOnlyProvinceModelAdmin
from vocnet.privacy.admin import AccessLoggedAdminMixin
from vocnet.registry.models import (
    Company,
    Department,
    KsicDivision,
    KsicSection,
    Membership,
    NcsMajor,
    NcsMiddle,
    Organisation,
    PilotDistrict,
    Region,
    School,
    SchoolDesignation,
    Student,
    SupportOffice,
)


@admin.register(Region)
class RegionAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("sigungu_code", "name_ko", "name_en", "support_office")
    search_fields = ("name_ko", "name_en", "sigungu_code")


@admin.register(SupportOffice)
class SupportOfficeAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("name_ko", "short_name_ko", "name_en")


@admin.register(PilotDistrict)
class PilotDistrictAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("support_office", "year", "announced_on")


@admin.register(NcsMajor, NcsMiddle, KsicSection, KsicDivision)
class CodeListAdmin(ReadOnlyProvinceModelAdmin):
    search_fields = ("code", "name_ko")


@admin.register(Organisation)
class OrganisationAdmin(ProvinceModelAdmin):
    list_display = ("name_ko", "kind", "region", "data_origin", "is_active")
    list_filter = ("kind", "data_origin", "region")
    search_fields = ("name_ko", "name_en")
    list_select_related = ("region",)


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0
    autocomplete_fields = ("ncs_middle",)


class DesignationInline(admin.TabularInline):
    model = SchoolDesignation
    extra = 0


@admin.register(School)
class SchoolAdmin(ProvinceModelAdmin):
    list_display = ("__str__", "neis_code", "school_type", "establishment")
    list_filter = ("school_type", "establishment", "designations__kind")
    search_fields = ("organisation__name_ko", "neis_code")
    list_select_related = ("organisation",)
    inlines = (DesignationInline, DepartmentInline)
    raw_id_fields = ("organisation",)


@admin.register(Company)
class CompanyAdmin(ProvinceModelAdmin):
    list_display = ("__str__", "business_number", "ksic_division", "size_class", "employees")
    list_filter = ("size_class", "ksic_division__section")
    search_fields = ("organisation__name_ko", "business_number")
    list_select_related = ("organisation", "ksic_division")
    raw_id_fields = ("organisation",)


@admin.register(Membership)
class MembershipAdmin(ProvinceModelAdmin):
    list_display = ("user", "organisation", "role", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "organisation__name_ko")
    raw_id_fields = ("user", "organisation")


@admin.register(Student)
class StudentAdmin(AccessLoggedAdminMixin, ProvinceModelAdmin):
    list_display = ("student_number", "name", "school", "department", "grade", "is_synthetic")
    list_filter = ("grade", "is_synthetic")
    search_fields = ("student_number", "name")
    list_select_related = ("school__organisation", "department")
    raw_id_fields = ("school", "department", "user")
