from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "vocnet.registry"
    label = "registry"
    verbose_name = _("등록부")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.core.permissions import set_actor_loader
        from vocnet.registry import policies  # noqa: F401
        from vocnet.registry.actors import load_actor
        from vocnet.registry.subjects import register_subjects

        # Core and privacy sit below the registry (docs/architecture.md): the registry tells
        # them who a user is and who the access log's data subjects are.
        set_actor_loader(load_actor)
        register_subjects()
