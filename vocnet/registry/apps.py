from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "vocnet.registry"
    label = "registry"
    verbose_name = _("등록부")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.registry import policies  # noqa: F401
