from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "vocnet.privacy"
    label = "privacy"
    verbose_name = _("개인정보 보호")

    def ready(self) -> None:
        # Registers the access log in the one permission layer.
        from vocnet.privacy import policies  # noqa: F401
