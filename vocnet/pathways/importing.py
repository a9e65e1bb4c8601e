"""Import of graduate destinations from .xlsx or .csv, on the registry's import engine
(``vocnet.spreadsheets``): the same file checks and reading, header matching,
per-row error report (row, column, rule in Korean and English), dry run and all-or-nothing
write as every other import.

A row is one graduate: the school (NEIS code), the department (name), the graduation year,
the graduate key (학번 at graduation or an anonymised number — never a name), the destination
and, for the employed, the employer's business number and the job's NCS field where known.
The key is (school, department, year, graduate key): a row matching a recorded graduate
corrects that record, so importing the same file twice changes nothing the second time. An
import never links a row to a student record (the file carries no names).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from vocnet.core.errors import PermissionDenied
from vocnet.core.permissions import authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.pathways.indicators import FROM_DESTINATION
from vocnet.pathways.models import (
    FIRST_GRADUATION_YEAR,
    DestinationKind,
    GraduateDestination,
    PathwayEvent,
    latest_graduation_year,
)
from vocnet.registry.importing.codes import BusinessNumber, template_with_codes
from vocnet.registry.importing.school_records import SchoolRecordImporter
from vocnet.registry.models import Company, Department, NcsMiddle, Role
from vocnet.spreadsheets import EntitySpec, ErrorLog, ImportSpec, Progress, SourceRow, audit_once
from vocnet.spreadsheets.base import WRITE_BATCH, chunks, touch, update_rows
from vocnet.spreadsheets.columns import (
    Choice,
    Column,
    Digits,
    Integer,
    Pattern,
    Text,
)

DESTINATIONS = EntitySpec(
    entity="destinations",
    label_ko="졸업생 진로",
    label_en="graduate destinations",
    columns=(
        Column(
            "school_neis_code",
            "학교코드(NEIS)",
            Digits(7),
            required=True,
            note_ko="(이미 등록된 학교)",
            note_en="(a school already registered)",
            example="7530900",
        ),
        Column(
            "department_name",
            "학과명",
            Text(50),
            required=True,
            note_ko="(그 학교에 등록된 학과)",
            note_en="(a department registered at the school)",
            example="미래자동차과",
        ),
        Column(
            "graduation_year",
            "졸업 연도",
            Integer(FIRST_GRADUATION_YEAR, 2100),
            required=True,
            note_ko="(2월 졸업의 연도)",
            note_en="(the year of the February graduation)",
            example="2025",
        ),
        Column(
            "graduate_key",
            "졸업생 번호",
            Pattern(
                r"[0-9A-Za-z-]{1,20}",
                "invalid_graduate_key",
                "영문·숫자·하이픈 1~20자(졸업 때 학번 또는 익명 번호, 이름은 적지 않음)",
                "1 to 20 letters, digits or hyphens (the 학번 at graduation or an anonymised "
                "number, never a name)",
                max_length=20,
            ),
            required=True,
            example="2025-031",
        ),
        Column("kind", "진로", Choice(DestinationKind), required=True, example="취업"),
        Column(
            "business_number",
            "취업 기업 사업자등록번호",
            BusinessNumber(),
            note_ko="(취업만; 등록된 기업)",
            note_en="(employed only; a registered company)",
            example="220-81-62517",
        ),
        Column(
            "ncs_code",
            "취업 분야 NCS 중분류 코드",
            Digits(4, pad=True),
            note_ko="(취업만)",
            note_en="(employed only)",
            example="1506",
        ),
        Column("note", "비고", Text(200), example=""),
    ),
    key_ko="학교·학과·졸업 연도·졸업생 번호가 같은 기록이 이미 있으면 진로·기업·분야·비고를 "
    "고칩니다.",
    key_en="A row with the school, department, graduation year and graduate key of a recorded "
    "graduate corrects its destination, employer, field and note.",
)
CHANGEABLE = ("kind", "company_id", "ncs_middle_id", "note", "pathway_status")


class DestinationImporter(SchoolRecordImporter):
    spec = DESTINATIONS
    model = GraduateDestination
    denied_ko = "이 학교 졸업생의 진로를 기록할 권한이 없습니다"
    denied_en = "you may not record destinations of this school's graduates"

    def __init__(self, actor: UserLike, log: ErrorLog, today: date | None = None) -> None:
        super().__init__(actor, log, today)
        self.new: list[GraduateDestination] = []
        self.changed: list[GraduateDestination] = []

    def _resolve(  # noqa: C901 (one flat check per column, in the file's order)
        self, rows: list[SourceRow], school_ids: list[int]
    ) -> None:
        departments: dict[tuple[int, str], int] = {}
        for chunk in chunks(school_ids):
            for school_id, name, pk in Department.objects.filter(school_id__in=chunk).values_list(
                "school_id", "name_ko", "pk"
            ):
                departments[(school_id, name)] = pk
        numbers = sorted(
            {r.values["business_number"] for r in rows if r.values.get("business_number")}
        )
        companies: dict[str, int] = {}
        for chunk in chunks(numbers):
            companies.update(
                Company.objects.filter(business_number__in=chunk).values_list(
                    "business_number", "pk"
                )
            )
        fields = dict(NcsMiddle.objects.values_list("code", "pk"))
        last = latest_graduation_year(self.today)
        for row in rows:
            values = row.values
            if "school_id" in values and "department_name" in values:
                found = departments.get((values["school_id"], values["department_name"]))
                if found is None:
                    self.log.add(
                        row,
                        "department_name",
                        "unknown_department",
                        f"이 학교에 등록되지 않은 학과입니다: {values['department_name']}",
                        f"no such department at this school: {values['department_name']}",
                    )
                else:
                    values["department_id"] = found
            year = values.get("graduation_year")
            if year is not None and year > last:
                self.log.add(
                    row,
                    "graduation_year",
                    "graduation_year_out_of_range",
                    f"졸업 연도는 {last}년까지입니다(아직 졸업하지 않은 학년)",
                    f"the graduation year must be {last} or earlier (not graduated yet)",
                )
            if values.get("business_number"):
                values["company_id"] = companies.get(values["business_number"])
                if values["company_id"] is None:
                    self.log.add(
                        row,
                        "business_number",
                        "unknown_company",
                        f"등록되지 않은 사업자등록번호입니다: {values['business_number']}",
                        f"no company is registered with this business number: "
                        f"{values['business_number']}",
                    )
            elif "business_number" in values:
                values["company_id"] = None
            if values.get("ncs_code"):
                values["ncs_middle_id"] = fields.get(values["ncs_code"])
                if values["ncs_middle_id"] is None:
                    self.log.add(
                        row,
                        "ncs_code",
                        "unknown_ncs",
                        f"NCS 중분류 코드가 아닙니다: {values['ncs_code']}",
                        f"not an NCS middle-category code: {values['ncs_code']}",
                    )
            elif "ncs_code" in values:
                values["ncs_middle_id"] = None
            kind = values.get("kind")
            if kind and kind != DestinationKind.EMPLOYED:
                for name in ("business_number", "ncs_code"):
                    if values.get(name):
                        self.log.add(
                            row,
                            name,
                            "only_when_employed",
                            "진로가 '취업'일 때만 적습니다",
                            "given only when the destination is 'employed'",
                        )
                values["company_id"], values["ncs_middle_id"] = None, None

    def _authorize(self, rows: list[SourceRow]) -> None:
        allowed: dict[int, bool] = {}
        for row in rows:
            school_id = row.values.get("school_id")
            if school_id is None:
                continue
            if school_id not in allowed:
                try:
                    authorize_create(self.actor, GraduateDestination, school_id=school_id)
                    allowed[school_id] = True
                except PermissionDenied:
                    allowed[school_id] = False
            if not allowed[school_id]:
                self.deny(row, "school_neis_code")

    def plan(self, rows: list[SourceRow]) -> None:
        school_ids = self.resolve_schools(rows)
        # Permission before existence: a refused user cannot tell recorded graduates apart.
        self._authorize(rows)
        self._resolve(rows, school_ids)

        def key(values: dict[str, Any]) -> tuple[int, int, str] | None:
            if {"department_id", "graduation_year", "graduate_key"} <= values.keys():
                return (values["department_id"], values["graduation_year"], values["graduate_key"])
            return None

        self.reject_duplicates(
            (row for row in rows if row.ok),
            key,
            "graduate_key",
            "학과·졸업 연도·졸업생 번호",
            "department, graduation year and graduate key",
        )
        keyed = {key(row.values): row for row in rows if row.ok}
        existing: dict[tuple[int, int, str], GraduateDestination] = {}
        department_ids = sorted({k[0] for k in keyed if k is not None})
        for chunk in chunks(department_ids):
            for stored in GraduateDestination.objects.filter(department_id__in=chunk):
                existing[(stored.department_id, stored.graduation_year, stored.graduate_key)] = (
                    stored
                )
        recorded_by = user_row(self.actor)
        with_events: set[int] = set()
        stored_ids = sorted(stored.pk for stored in existing.values())
        for chunk in chunks(stored_ids):
            with_events.update(
                PathwayEvent.objects.filter(graduate_id__in=chunk).values_list(
                    "graduate_id", flat=True
                )
            )
        for found_key, row in keyed.items():
            if found_key is None:
                continue
            values = row.values
            found = existing.get(found_key)
            if found is None:
                self.create += 1
                self.new.append(
                    GraduateDestination(
                        department_id=found_key[0],
                        graduation_year=found_key[1],
                        graduate_key=found_key[2],
                        kind=values["kind"],
                        company_id=values.get("company_id"),
                        ncs_middle_id=values.get("ncs_middle_id"),
                        note=values.get("note", ""),
                        recorded_by=recorded_by,
                        pathway_status=FROM_DESTINATION.get(values["kind"], "unknown"),
                    )
                )
                continue
            if found.pk not in with_events:
                # No events: the summary follows the recorded destination.
                values["pathway_status"] = FROM_DESTINATION.get(values["kind"], "unknown")
            changes = {
                attr: values[attr]
                for attr in CHANGEABLE
                if attr in values and getattr(found, attr) != values[attr]
            }
            if not changes:
                self.unchanged += 1
                continue
            for attr, value in changes.items():
                setattr(found, attr, value)
            self.update += 1
            self.changed.append(found)

    def write(self, progress: Progress | None = None) -> None:
        GraduateDestination.objects.bulk_create(self.new, batch_size=WRITE_BATCH)
        touch(self.changed)
        update_rows(GraduateDestination, self.changed, [*CHANGEABLE, "updated_at"])


# Permission is asked once per school through ``vocnet.core.permissions`` (a refused row is
# a ``permission_denied`` row error); one audit entry per committed import.
DESTINATION_IMPORT = ImportSpec(
    columns=DESTINATIONS,
    importer=DestinationImporter,
    audit_by=audit_once("import.destinations"),
    roles=frozenset({Role.SCHOOL_STAFF}),
    module=__name__,
    conflict_ko="가져오는 동안 다른 사용자가 같은 졸업생을 기록했습니다. "
    "아무것도 저장하지 않았습니다. 다시 시도하세요.",
    conflict_en="Someone recorded the same graduates during the import; nothing was saved. "
    "Try again.",
)


def template_xlsx() -> bytes:
    """The empty import template: the data sheet, a guide of the columns and of the
    destination kinds, the codes."""
    note = (
        "한 행에 졸업생 한 명씩 적습니다. 이름은 적지 않습니다. 한 행이라도 오류가 있으면 "
        "아무것도 저장하지 않습니다. 먼저 검사(dry run)하세요.",
        "One graduate per row, never a name. If any row has an error nothing is saved: "
        "check the file first with a dry run.",
    )
    kinds = [[code, label] for code, label in DESTINATIONS.column("kind").parser.allowed()]
    return template_with_codes(
        DESTINATIONS,
        notes=[note],
        extra_rows=[[], ["진로 / kind", "", "허용 값 / Allowed values"], *kinds],
    )
