from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vocnet.core"
    label = "core"
    verbose_name = "공통"
