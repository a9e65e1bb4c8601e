from django.contrib import admin
from django.urls import include, path

from vocnet.api.api import api
from vocnet.core.views import healthz, service_page

urlpatterns = [
    path("", include("vocnet.reports.urls")),
    path("", include("vocnet.registry.urls")),
    path("accounts/", include("vocnet.accounts.urls")),
    path("privacy/", include("vocnet.privacy.urls")),
    path("agreements/", include("vocnet.agreements.urls")),
    path("programmes/", include("vocnet.programmes.urls")),
    path("courses/", include("vocnet.courses.urls")),
    path("demand/", include("vocnet.demand.urls")),
    path("placements/", include("vocnet.placements.urls")),
    path("clearinghouse/", include("vocnet.clearinghouse.urls")),
    path("pathways/", include("vocnet.pathways.urls")),
    path("notifications/", include("vocnet.notifications.urls")),
    path("imports/", include("vocnet.spreadsheets.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("healthz", healthz, name="healthz"),
    path("about/terms/", service_page, {"page": "terms"}, name="terms"),
    path("about/accessibility/", service_page, {"page": "accessibility"}, name="accessibility"),
    path("about/contact/", service_page, {"page": "contact"}, name="contact"),
]
