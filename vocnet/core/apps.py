from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vocnet.core"
    label = "core"
    verbose_name = _("공통")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from vocnet.core.pagecache import begin_request_memo, end_request_memo

        # The data version is read once per request (vocnet.core.pagecache, ADR 0020).
        request_started.connect(begin_request_memo, dispatch_uid="vocnet-data-version-begin")
        request_finished.connect(end_request_memo, dispatch_uid="vocnet-data-version-end")


class VocnetAdminConfig(AdminConfig):
    default_site = "vocnet.core.admin_site.VocnetAdminSite"
