from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "vocnet.programmes"
    label = "programmes"
    verbose_name = _("지정 공모")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.programmes import (
            policies,  # noqa: F401
            policies_accountability,  # noqa: F401
            policies_designations,  # noqa: F401
            policies_events,  # noqa: F401
        )
