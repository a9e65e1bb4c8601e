from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "vocnet.courses"
    label = "courses"
    verbose_name = _("공동교육과정")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.courses import policies  # noqa: F401
