from django.urls import path

from vocnet.spreadsheets import views

app_name = "spreadsheets"

urlpatterns = [
    path("jobs/<int:job_id>/", views.job_detail, name="job"),
]
