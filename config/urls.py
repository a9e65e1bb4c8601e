from django.contrib import admin
from django.urls import path

from vocnet.api.api import api

admin.site.site_header = "vocnet 관리"
admin.site.site_title = "vocnet"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
