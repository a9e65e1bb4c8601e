"""URLs of the universities' pages (issue 18 §4), appended to ``pathways.urls``."""

from django.urls import path

from vocnet.pathways.views import universities as views

urlpatterns = [
    path("universities/", views.programmes, name="universities"),
    path("universities/new/", views.programme_create, name="university_programme_create"),
    path(
        "universities/<int:programme_id>/edit/",
        views.programme_edit,
        name="university_programme_edit",
    ),
    path("universities/graduates/", views.graduates, name="university_graduates"),
    path("universities/applications/", views.applications, name="university_applications"),
    path(
        "universities/applications/<int:application_id>/decide/",
        views.application_decide,
        name="university_application_decide",
    ),
    path("universities/cohort/", views.cohort, name="university_cohort"),
    path("universities/consent/", views.consent, name="university_consent"),
    path("universities/consent/give/", views.consent_give, name="university_consent_give"),
    path(
        "universities/consent/withdraw/",
        views.consent_withdraw,
        name="university_consent_withdraw",
    ),
    path("universities/<int:programme_id>/apply/", views.apply, name="university_apply"),
]
