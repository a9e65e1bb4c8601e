from django.urls import path

from vocnet.registry import views

app_name = "registry"

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("organisations/<int:organisation_id>/", views.organisation, name="organisation"),
    path("imports/", views.imports, name="imports"),
    path("imports/<slug:entity>/", views.import_entity, name="import"),
]
