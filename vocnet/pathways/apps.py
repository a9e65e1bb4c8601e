from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "vocnet.pathways"
    label = "pathways"
    verbose_name = _("졸업생 진로")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.pathways import policies  # noqa: F401
