from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "vocnet.registry"
    label = "registry"
    verbose_name = "등록부"

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.registry import policies  # noqa: F401
