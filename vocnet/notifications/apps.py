from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "vocnet.notifications"
    label = "notifications"
    verbose_name = _("알림")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.notifications import policies  # noqa: F401
