from django.urls import path

from vocnet.clearinghouse.views import entry, rounds

app_name = "clearinghouse"

urlpatterns = [
    path("", rounds.round_list, name="rounds"),
    path("new/", rounds.round_create, name="round_create"),
    path("mine/", entry.my_placement, name="mine"),
    path("<int:round_id>/", rounds.round_detail, name="round"),
    path("<int:round_id>/do/<str:action>/", rounds.round_action, name="round_action"),
    path("<int:round_id>/run-status/", rounds.run_status, name="run_status"),
    path("<int:round_id>/follow-up/", rounds.follow_up_create, name="follow_up"),
    path("<int:round_id>/results/", rounds.results, name="results"),
    path("<int:round_id>/results/export/", rounds.results_export, name="results_export"),
    path("<int:round_id>/students/", entry.school_students, name="school_students"),
    path(
        "<int:round_id>/students/<int:student_id>/",
        entry.student_preferences,
        name="student_preferences",
    ),
    path(
        "<int:round_id>/recommendations/",
        entry.school_recommendations,
        name="school_recommendations",
    ),
    path("<int:round_id>/offers/", entry.company_offers, name="company_offers"),
    path("<int:round_id>/offers/<int:offer_id>/", entry.offer_ranking, name="offer_ranking"),
]
