from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "vocnet.reports"
    label = "reports"
    verbose_name = _("현황")
