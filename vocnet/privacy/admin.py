"""The access log in the admin (read-only, province only), and the mixin that puts the
admin's views and changes of people's records into the log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse

from vocnet.core.admin_site import ReadOnlyProvinceModelAdmin
from vocnet.privacy.models import AccessAction, AccessLogReview, PersonalDataAccess
from vocnet.privacy.services import record_personal_data_access


class AccessLoggedAdminMixin:
    """For ModelAdmins of students and guardians: the change list (the rows on the page),
    the change page, saves and deletions are logged like the pages and the API."""

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response: Any = super().changelist_view(request, extra_context)  # type: ignore[misc]
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            record_personal_data_access(
                request=request, subjects=list(changelist.result_list), action=AccessAction.VIEW
            )
        return response

    def render_change_form(
        self, request: HttpRequest, context: Any, add: bool = False, change: bool = False,
        form_url: str = "", obj: Model | None = None,
    ) -> Any:  # fmt: skip
        if obj is not None and request.method == "GET":
            record_personal_data_access(request=request, subjects=[obj], action=AccessAction.VIEW)
        return super().render_change_form(  # type: ignore[misc]
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        action = AccessAction.CHANGE if change else AccessAction.CREATE
        record_personal_data_access(request=request, subjects=[obj], action=action)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        record_personal_data_access(request=request, subjects=[obj], action=AccessAction.DELETE)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        record_personal_data_access(
            request=request, subjects=list(queryset), action=AccessAction.DELETE
        )
        super().delete_queryset(request, queryset)  # type: ignore[misc]


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("at", "actor_username", "client_ip", "action", "subject_kind", "subject_id")
    list_filter = ("action", "subject_kind", "channel")
    search_fields = ("actor_username", "=subject_id")
    date_hierarchy = "at"


@admin.register(AccessLogReview)
class AccessLogReviewAdmin(ReadOnlyProvinceModelAdmin):
    list_display = ("month", "reviewer_username", "reviewed_at")
