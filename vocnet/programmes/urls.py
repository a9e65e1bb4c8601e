from django.urls import path

from vocnet.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.call_list, name="list"),
    path("calls/<int:call_id>/", views.call_detail, name="call"),
]
