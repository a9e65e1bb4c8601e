from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "vocnet.agreements"
    label = "agreements"
    verbose_name = _("협약")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.agreements import policies  # noqa: F401

        # Tells the registry which organisations an agreement in force links (issue 18 §4).
        from vocnet.agreements.links import linked_organisations
        from vocnet.registry.links import register_link_source

        register_link_source(linked_organisations)
