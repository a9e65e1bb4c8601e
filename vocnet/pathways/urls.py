from django.urls import path

from vocnet.pathways import views

app_name = "pathways"

urlpatterns = [
    path("", views.destination_list, name="destinations"),
    path("new/", views.destination_create, name="destination_create"),
    path("import/", views.destination_import, name="destination_import"),
    path("import/events/", views.events_import, name="events_import"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/export.xlsx", views.indicators_export, name="indicators_export"),
    path("<int:destination_id>/", views.pathway, name="pathway"),
    path("<int:destination_id>/edit/", views.destination_edit, name="destination_edit"),
    path("<int:destination_id>/delete/", views.destination_delete, name="destination_delete"),
    path("<int:destination_id>/surveys/", views.survey_create, name="survey_create"),
    path("events/<int:event_id>/delete/", views.event_delete, name="event_delete"),
    path("survey/<str:token>/", views.survey_answer, name="survey_answer"),
]

# Eligibility (issue 18 §3): the school's list and the graduate's own page.
from vocnet.pathways.views import eligibility as eligibility_views  # noqa: E402

urlpatterns += [
    path("eligibility/", eligibility_views.eligibility_list, name="eligibility"),
    path("eligibility/mine/", eligibility_views.own_eligibility, name="eligibility_mine"),
]
# Universities (issue 18 §4).
from vocnet.pathways.urls_universities import urlpatterns as universities_urls  # noqa: E402

urlpatterns += universities_urls
