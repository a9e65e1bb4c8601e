"""Import of schools, departments, companies and students from .xlsx and .csv (issue 2), on
the spreadsheet layer (``vocnet.spreadsheets``): the registry keeps only its columns
(``specs``), its importers and the codes sheet of its templates.
"""

from __future__ import annotations

from datetime import date

from vocnet.core.users import UserLike
from vocnet.registry.importing.codes import template_with_codes
from vocnet.registry.importing.organisations import CompanyImporter, SchoolImporter
from vocnet.registry.importing.school_records import DepartmentImporter, StudentImporter
from vocnet.registry.importing.specs import SPECS
from vocnet.registry.models import Role
from vocnet.spreadsheets import ImportReport, ImportSpec, Progress, audit_once, run_import

# Who registers schools and companies (offices), departments and students (schools), or
# keeps their own company's row; students, guardians and the others never import.
IMPORT_ROLES = frozenset({Role.SUPPORT_OFFICE_OFFICER, Role.SCHOOL_STAFF, Role.COMPANY_STAFF})
IMPORTS: dict[str, ImportSpec] = {
    importer.spec.entity: ImportSpec(
        columns=importer.spec,
        importer=importer,
        audit_by=audit_once(f"import.{importer.spec.entity}"),
        roles=IMPORT_ROLES,
        module=__name__,
    )
    for importer in (SchoolImporter, DepartmentImporter, CompanyImporter, StudentImporter)
}
ENTITIES = tuple(IMPORTS)


def run_registry_import(
    *,
    actor: UserLike,
    entity: str,
    file_name: str,
    content: bytes,
    dry_run: bool = True,
    max_bytes: int | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """``vocnet.spreadsheets.run_import`` of ``entity`` (schools, departments, companies,
    students): rows are matched on the official key (NEIS code, business number, school +
    department name, school + 학번), permission is asked once per school or region, and a
    committed import leaves one audit entry ``import.<entity>``. Raises ValueError for an
    unknown entity, and what ``run_import`` raises."""
    spec = IMPORTS.get(entity)
    if spec is None:
        raise ValueError(f"Unknown import entity: {entity!r} (one of {', '.join(ENTITIES)})")
    return run_import(
        spec,
        actor=actor,
        file_name=file_name,
        content=content,
        dry_run=dry_run,
        max_bytes=max_bytes,
        today=today,
        progress=progress,
    )


def template_xlsx(entity: str) -> bytes:
    """The empty import template of ``entity`` (schools, departments, companies, students)."""
    return template_with_codes(SPECS[entity])


__all__ = ["ENTITIES", "IMPORTS", "SPECS", "run_registry_import", "template_xlsx"]
