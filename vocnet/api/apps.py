from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vocnet.api"
    label = "api"
    verbose_name = "API"
