"""``manage.py export_registry {organisations|schools|companies|departments|students} OUT.xlsx``

Writes the list the user named by ``--as`` (default: the first superuser) may see, filtered
like the API's list endpoints (``--region 41390``, ``--school-type meister``, ``--grade 2``, …).
Students are personal data: their export needs ``--reason``, kept in the access log.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet
from pydantic import ValidationError

from vocnet.core.errors import DomainError
from vocnet.core.users import UserLike
from vocnet.privacy.models import AccessAction
from vocnet.privacy.services import (
    record_personal_data_access_by,
    require_export_reason,
    subjects_of,
)
from vocnet.registry import exporting, selectors
from vocnet.registry.api import RegistryQuery, StudentSearch
from vocnet.registry.management.commands.import_registry import resolve_actor

REGISTRY_FILTERS = (
    "kind",
    "region",
    "support_office",
    "designation",
    "ncs",
    "ksic",
    "school_type",
    "size_class",
    "q",
)
STUDENT_FILTERS = ("school", "department", "grade", "q")


def export_queryset(entity: str, user: UserLike, query: Any) -> QuerySet[Any]:
    """The rows ``user`` may see, filtered, from the selectors (the permission layer)."""
    if entity == "students":
        return selectors.student_list(user=user, filters=selectors.StudentFilters(**query.dict()))
    filters = query.to_filters()
    if entity == "organisations":
        return selectors.organisation_list(user=user, filters=filters)
    if entity == "schools":
        return selectors.school_list(user=user, filters=filters)
    if entity == "companies":
        return selectors.company_list(user=user, filters=filters)
    return exporting.departments_of(selectors.school_list(user=user, filters=filters))


class Command(BaseCommand):
    help = (
        "Export a filtered registry list to .xlsx. 기관·학교·기업·학과·학생 목록을 "
        "조건에 맞게 Excel 파일로 내보냅니다."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("entity", choices=tuple(exporting.EXPORT_LABELS))
        parser.add_argument("out", type=Path)
        parser.add_argument(
            "--as", dest="username", help="act as this user (default: the first superuser)"
        )
        filters = parser.add_argument_group("filters (organisations, schools, companies, …)")
        for name in REGISTRY_FILTERS:
            if name != "q":
                filters.add_argument(f"--{name.replace('_', '-')}", dest=name)
        filters.add_argument("--q", dest="q", help="name fragment")
        students = parser.add_argument_group("filters (students)")
        students.add_argument("--school", dest="school", help="school id")
        students.add_argument("--department", dest="department", help="department id")
        students.add_argument("--grade", dest="grade")
        students.add_argument(
            "--reason",
            dest="reason",
            help="why the students are exported (required: personal data, kept in the access log)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        entity: str = options["entity"]
        user = resolve_actor(options["username"])
        allowed = STUDENT_FILTERS if entity == "students" else REGISTRY_FILTERS
        given = {name: options[name] for name in (*REGISTRY_FILTERS, *STUDENT_FILTERS)}
        given = {name: value for name, value in given.items() if value not in (None, "")}
        unsupported = sorted(set(given) - set(allowed))
        if unsupported:
            raise CommandError(
                f"{entity}에는 쓸 수 없는 조건입니다: {', '.join(unsupported)} / "
                f"Filters not available for {entity}: {', '.join(unsupported)}"
            )
        try:
            query: Any = (StudentSearch if entity == "students" else RegistryQuery)(**given)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
                for error in exc.errors()
            )
            raise CommandError(f"조건이 올바르지 않습니다 / Invalid filters: {problems}") from None
        title = exporting.export_title(entity, query.dict())
        queryset = export_queryset(entity, user, query)
        if entity == "students":
            # Personal data: the export needs a reason, kept in the access log per student.
            try:
                reason = require_export_reason(options["reason"])
            except DomainError as exc:
                raise CommandError(f"--reason: {exc}") from None
            record_personal_data_access_by(
                actor=user,
                subjects=subjects_of(queryset),
                action=AccessAction.EXPORT,
                reason=reason,
            )
        rows = queryset.count()
        content = exporting.EXPORTERS[entity](queryset, title=title)
        options["out"].write_bytes(content)
        self.stdout.write(
            self.style.SUCCESS(
                f"{rows}행을 내보냈습니다 → {options['out']} / Exported {rows} rows to "
                f"{options['out']} (as {user.get_username()})"
            )
        )
