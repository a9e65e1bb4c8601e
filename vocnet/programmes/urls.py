from django.urls import path

from vocnet.programmes.views import applications, calls

app_name = "programmes"

urlpatterns = [
    path("", calls.call_list, name="list"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:call_id>/", calls.call_detail, name="call"),
    path("calls/<int:call_id>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:call_id>/publish/", calls.call_publish, name="call_publish"),
    path("rubric/<int:item_id>/", calls.rubric_item_edit, name="rubric_item"),
    path("calls/<int:call_id>/apply/", applications.application_create, name="application_create"),
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
    path(
        "applications/<int:application_id>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
]
