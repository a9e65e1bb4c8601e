from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vocnet.core"
    label = "core"
    verbose_name = _("공통")


class VocnetAdminConfig(AdminConfig):
    default_site = "vocnet.core.admin_site.VocnetAdminSite"
