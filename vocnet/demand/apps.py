from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandConfig(AppConfig):
    name = "vocnet.demand"
    label = "demand"
    verbose_name = _("인력 수요와 학과 개편")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.demand import policies  # noqa: F401
