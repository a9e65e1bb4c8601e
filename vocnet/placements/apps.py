from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "vocnet.placements"
    label = "placements"
    verbose_name = _("현장실습")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.placements import policies, programme_kpis  # noqa: F401

        # The programmes' yearly reports read field-training participation through a hook.
        programme_kpis.install()
        # Its reminders (a visit due, a vetting ending) go through the notification centre.
        from vocnet.placements import reminders

        reminders.install()
