from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "vocnet.courses"
    label = "courses"
    verbose_name = _("공동교육과정")

    def ready(self) -> None:
        # Registers this app's rows in the one permission layer.
        from vocnet.courses import policies  # noqa: F401

        # A university's linked courses, listed beside its programmes (issue 18 §4).
        from vocnet.courses.pathways_link import university_linked_courses
        from vocnet.pathways.hosted_courses import register_hosted_courses_source

        register_hosted_courses_source(university_linked_courses)
