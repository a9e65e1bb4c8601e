from django.urls import path

from vocnet.programmes.views import applications, calls, review

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
