from django.urls import path

from vocnet.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("overview/export.xlsx", views.overview_export, name="overview_export"),
    path("overview/regions/<str:sigungu_code>/", views.region, name="region"),
    path("local/", views.local_region, name="local_region"),
    path("open/pathways/", views.open_pathways, name="open_pathways"),
    path("open/pathways/<str:dimension>/", views.open_pathways, name="open_pathways_table"),
    path("overview/offices/<int:office_id>/", views.support_office, name="support_office"),
]
