from django.urls import path

from vocnet.courses import views

app_name = "courses"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("review/", views.review_queue, name="review_queue"),
    path("<int:course_id>/", views.course_detail, name="course"),
    path("<int:course_id>/review/", views.course_review, name="review"),
]

urlpatterns += [
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:application_id>/confirm/", views.application_confirm, name="confirm"),
    path("terms/<int:term_id>/apply/", views.apply, name="apply"),
    path("terms/<int:term_id>/allocation/", views.allocation, name="allocation"),
    path("terms/<int:term_id>/allocation/start/", views.allocation_start, name="allocation_start"),
    path("runs/<int:run_id>/status/", views.run_status, name="run_status"),
    path("runs/<int:run_id>/confirm/", views.run_confirm, name="run_confirm"),
]

urlpatterns += [
    path("certificates/verify/", views.certificate_verify, name="verify"),
    path("enrolments/<int:enrolment_id>/", views.enrolment_detail, name="enrolment"),
    path("enrolments/<int:enrolment_id>/certificate.pdf", views.certificate, name="certificate"),
    path("<int:course_id>/attendance/", views.attendance, name="attendance"),
    path("<int:course_id>/completion/", views.completion, name="completion"),
]

from vocnet.courses import views_credits  # noqa: E402

urlpatterns += [
    path("credits/", views_credits.credit_queue, name="credit_queue"),
    path("record/", views_credits.my_record, name="my_record"),
    path("students/<int:student_id>/record/", views_credits.learning_record, name="record"),
    path("<int:course_id>/hires/", views_credits.hires, name="hires"),
    path(
        "terms/<int:term_id>/allocation/follow-up/",
        views_credits.allocation_follow_up,
        name="allocation_follow_up",
    ),
]

# Offering pages (과목 개설): a host's courses, the offering form, submission, instructors.
from vocnet.courses import views_offering  # noqa: E402

urlpatterns += [
    path("offerings/", views_offering.offering_list, name="offerings"),
    path("offerings/new/", views_offering.offering_new, name="offering_new"),
    path("<int:course_id>/edit/", views_offering.offering_edit, name="offering_edit"),
    path("<int:course_id>/submit/", views_offering.offering_submit, name="offering_submit"),
    path("instructors/new/", views_offering.instructor_new, name="instructor_new"),
]
