from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "vocnet.reports"
    label = "reports"
    verbose_name = "현황"
