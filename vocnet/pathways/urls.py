from django.urls import path

from vocnet.pathways import views

app_name = "pathways"

urlpatterns = [
    path("", views.destination_list, name="destinations"),
    path("new/", views.destination_create, name="destination_create"),
    path("import/", views.destination_import, name="destination_import"),
    path("<int:destination_id>/edit/", views.destination_edit, name="destination_edit"),
    path("<int:destination_id>/delete/", views.destination_delete, name="destination_delete"),
]
