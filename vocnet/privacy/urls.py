from django.urls import path

from vocnet.privacy import views

app_name = "privacy"

urlpatterns = [
    path("policy/", views.policy, name="policy"),
    path("access-log/", views.access_log, name="access_log"),
    path("access-log/review/", views.access_log_review, name="access_log_review"),
]
