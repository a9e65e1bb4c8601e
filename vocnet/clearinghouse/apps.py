from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClearinghouseConfig(AppConfig):
    name = "vocnet.clearinghouse"
    label = "clearinghouse"
    verbose_name = _("현장실습 매칭")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        # Its reminders (preference and ranking deadlines) go through the notification centre.
        from vocnet.clearinghouse import (
            policies,  # noqa: F401
            reminders,
        )

        reminders.install()
