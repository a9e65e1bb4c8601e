from django.urls import path

from vocnet.programmes.views import applications, call_parts, calls, review

app_name = "programmes"

urlpatterns = [
    path("", calls.call_list, name="list"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:call_id>/", calls.call_detail, name="call"),
    path("calls/<int:call_id>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:call_id>/publish/", calls.call_publish, name="call_publish"),
    path("rubric/<int:item_id>/", calls.rubric_item_edit, name="rubric_item"),
    path("calls/<int:call_id>/rubric/new/", call_parts.rubric_item_add, name="rubric_item_add"),
    path("rubric/<int:item_id>/remove/", call_parts.rubric_item_remove, name="rubric_item_remove"),
    path(
        "calls/<int:call_id>/documents/new/",
        call_parts.required_document_add,
        name="required_document_add",
    ),
    path(
        "documents/<int:document_id>/remove/",
        call_parts.required_document_remove,
        name="required_document_remove",
    ),
    path("calls/<int:call_id>/apply/", applications.application_create, name="application_create"),
    path("partners/search/", applications.partner_search, name="partner_search"),
    path(
        "applications/<int:application_id>/",
        applications.application_detail,
        name="application",
    ),
    path(
        "applications/<int:application_id>/edit/<slug:step>/",
        applications.application_step,
        name="application_step",
    ),
    path(
        "applications/<int:application_id>/submit/",
        applications.application_submit,
        name="application_submit",
    ),
    path("calls/<int:call_id>/review/", review.review_manage, name="review_manage"),
    path("calls/<int:call_id>/decisions/", review.decisions, name="decisions"),
    path("stages/<int:stage_id>/close/", review.stage_close, name="stage_close"),
    path("decisions/<int:decision_id>/pilot/", review.nominee_pilot, name="nominee_pilot"),
    path("review/", review.my_reviews, name="my_reviews"),
    path(
        "review/<int:assignment_id>/applications/<int:application_id>/",
        review.review_application,
        name="review_application",
    ),
    path("applications/<int:application_id>/result/", review.feedback, name="feedback"),
    path(
        "applications/<int:application_id>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
]

# Designation and grants (docs/adr/0024-designation-grants-accountability.md).
from vocnet.programmes import views_grants  # noqa: E402

urlpatterns += [
    path("designations/", views_grants.designation_list, name="designations"),
    path(
        "designations/<int:designation_id>/",
        views_grants.designation_detail,
        name="designation",
    ),
    path(
        "designations/<int:designation_id>/grants/open/",
        views_grants.grant_open,
        name="grant_open",
    ),
    path("decisions/<int:decision_id>/designate/", views_grants.designate, name="designate"),
    path("grants/<int:grant_id>/", views_grants.grant_detail, name="grant"),
    path("grants/<int:grant_id>/disburse/", views_grants.grant_disburse, name="grant_disburse"),
    path("grants/<int:grant_id>/spend/", views_grants.grant_spend, name="grant_spend"),
    path("grants/<int:grant_id>/settle/", views_grants.grant_settle, name="grant_settle"),
    path(
        "spendings/<int:spending_id>/evidence/",
        views_grants.spending_evidence,
        name="spending_evidence",
    ),
    path("execution/", views_grants.execution, name="execution"),
    path("execution.xlsx", views_grants.execution_export, name="execution_xlsx"),
]

# Accountability (docs/adr/0024-designation-grants-accountability.md).
from vocnet.programmes import views_accountability  # noqa: E402

urlpatterns += [
    path(
        "reports/<int:designation_id>/<int:year>/",
        views_accountability.report_public,
        name="report",
    ),
    path(
        "reports/<int:designation_id>/<int:year>.pdf",
        views_accountability.report_download,
        name="report_pdf",
    ),
    path(
        "designations/<int:designation_id>/kpis/compute/",
        views_accountability.kpis_compute,
        name="kpis_compute",
    ),
    path(
        "designations/<int:designation_id>/kpis/enter/",
        views_accountability.kpi_enter,
        name="kpi_enter",
    ),
    path(
        "designations/<int:designation_id>/reports/publish/",
        views_accountability.report_publish,
        name="report_publish",
    ),
    path(
        "designations/<int:designation_id>/evaluations/",
        views_accountability.evaluation_record,
        name="evaluation_record",
    ),
]

# Events (docs/adr/0024-designation-grants-accountability.md).
from vocnet.programmes import views_events  # noqa: E402

urlpatterns += [
    path("events/", views_events.event_list, name="events"),
    path("events/new/", views_events.event_create, name="event_create"),
    path("events/<int:event_id>/", views_events.event_detail, name="event"),
    path("events/<int:event_id>/register/", views_events.event_register, name="event_register"),
    path("events/<int:event_id>/check-in/", views_events.event_check_in, name="event_check_in"),
    path(
        "events/<int:event_id>/check-in/code/",
        views_events.event_check_in_code,
        name="event_check_in_code",
    ),
    path("events/<int:event_id>/scan/<str:code>/", views_events.event_scan, name="event_scan"),
    path(
        "registrations/<int:registration_id>/qr/",
        views_events.registration_code,
        name="registration_code",
    ),
    path(
        "registrations/<int:registration_id>/qr.<str:image_format>",
        views_events.registration_code_download,
        name="registration_code_download",
    ),
    path(
        "registrations/<int:registration_id>/cancel/",
        views_events.registration_cancel,
        name="registration_cancel",
    ),
]
