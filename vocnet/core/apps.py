from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class CoreConfig(AppConfig):
    name = "vocnet.core"
    label = "core"
    verbose_name = "공통"


class VocnetAdminConfig(AdminConfig):
    default_site = "vocnet.core.admin_site.VocnetAdminSite"
