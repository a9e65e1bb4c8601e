from django.urls import path

from vocnet.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.call_list, name="list"),
    path("calls/<int:call_id>/", views.call_detail, name="call"),
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
]
