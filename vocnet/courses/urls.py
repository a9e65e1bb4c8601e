from django.urls import path

from vocnet.courses import views

app_name = "courses"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("review/", views.review_queue, name="review_queue"),
    path("<int:course_id>/", views.course_detail, name="course"),
    path("<int:course_id>/review/", views.course_review, name="review"),
]
