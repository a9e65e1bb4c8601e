"""Importing a school's departments (upsert on school code + department name) and students
(upsert on school code + 학번). The school must already be registered."""

from __future__ import annotations

from datetime import date
from typing import Any

from vocnet.core.users import UserLike
from vocnet.privacy.models import AccessAction
from vocnet.privacy.services import record_personal_data_access_by
from vocnet.registry.importing.specs import DEPARTMENTS, STUDENTS
from vocnet.registry.models import Department, NcsMiddle, School, Student
from vocnet.spreadsheets.base import (
    WRITE_BATCH,
    Importer,
    Progress,
    SourceRow,
    changed_attributes,
    chunks,
    touch,
    update_rows,
)

DEPARTMENT_ATTRS = (
    "ncs_middle_id",
    "intake_capacity",
    "enrolled_grade_1",
    "enrolled_grade_2",
    "enrolled_grade_3",
    "is_active",
)
# The order of ``values_list`` below: the key, then what an import may change.
STUDENT_COLUMNS = (
    "pk",
    "school_id",
    "student_number",
    "department_id",
    "name",
    "grade",
    "birth_date",
    "is_enrolled",
    "is_synthetic",
)
STUDENT_ATTRS = STUDENT_COLUMNS[3:]


class SchoolRecordImporter(Importer):
    """Shared by departments and students: resolves ``school_neis_code`` to the school."""

    def __init__(self, actor: UserLike, log: Any, today: date | None = None) -> None:
        super().__init__(actor, log, today)
        # neis_code → (school id, region id)
        self.schools: dict[str, tuple[int, int | None]] = {}

    def resolve_schools(self, rows: list[SourceRow]) -> list[int]:
        codes = sorted(
            {row.values["school_neis_code"] for row in rows if "school_neis_code" in row.values}
        )
        for chunk in chunks(codes):
            for code, pk, region_id in School.objects.filter(neis_code__in=chunk).values_list(
                "neis_code", "pk", "organisation__region_id"
            ):
                self.schools[code] = (pk, region_id)
        for row in rows:
            if "school_neis_code" not in row.values:
                continue
            code = row.values["school_neis_code"]
            school = self.schools.get(code)
            if school is None:
                self.log.add(
                    row,
                    "school_neis_code",
                    "unknown_school",
                    f"등록되지 않은 학교코드입니다: {code} (학교를 먼저 등록하세요)",
                    f"no school is registered with this NEIS code: {code} "
                    "(register the school first)",
                )
            else:
                row.values["school_id"] = school[0]
        return sorted({pk for pk, _ in self.schools.values()})


class DepartmentImporter(SchoolRecordImporter):
    spec = DEPARTMENTS
    model = Department
    denied_ko = "이 학교의 학과를 등록하거나 수정할 권한이 없습니다"
    denied_en = "you may not create or change departments of this school"

    def __init__(self, actor: UserLike, log: Any, today: date | None = None) -> None:
        super().__init__(actor, log, today)
        self.new_rows: list[SourceRow] = []
        self.changed: list[Department] = []
        self.changed_fields: set[str] = set()

    def plan(self, rows: list[SourceRow]) -> None:
        school_ids = self.resolve_schools(rows)
        ncs_ids = dict(NcsMiddle.objects.values_list("code", "pk"))
        self.resolve_code(
            rows,
            "ncs_code",
            "ncs_middle_id",
            ncs_ids,
            "NCS 중분류 코드",
            "NCS middle-category code",
        )
        self.reject_duplicates(
            rows,
            lambda v: (
                (v["school_neis_code"], v["name_ko"])
                if "school_neis_code" in v and "name_ko" in v
                else None
            ),
            "name_ko",
            "학교코드·학과명",
            "school code and department name",
        )
        existing: dict[tuple[int, str] | None, Department] = {}
        changeable: set[Any] = set()
        for chunk in chunks(school_ids):
            for stored in Department.objects.filter(school_id__in=chunk):
                existing[(stored.school_id, stored.name_ko)] = stored
            changeable |= self.changeable_ids(Department.objects.filter(school_id__in=chunk))

        def key(values: dict[str, Any]) -> tuple[int, str] | None:
            if "school_id" in values and "name_ko" in values:
                return (values["school_id"], values["name_ko"])
            return None

        new_rows = [row for row in rows if (k := key(row.values)) and k not in existing]
        region_of = {pk: region_id for pk, region_id in self.schools.values()}
        self.authorize_new(
            new_rows,
            lambda v: (("school_id", v["school_id"]), ("region_id", region_of[v["school_id"]])),
            "school_neis_code",
        )
        for row in rows:
            found = existing.get(key(row.values))
            if found is not None and found.pk not in changeable:
                self.deny(row, "school_neis_code")

        for row in rows:
            if not row.ok:
                continue
            department = existing.get(key(row.values))
            if department is None:
                self.new_rows.append(row)
                self.create += 1
                continue
            changes = changed_attributes(department, row.values, DEPARTMENT_ATTRS)
            if not changes:
                self.unchanged += 1
                continue
            self.update += 1
            for attr in changes:
                setattr(department, attr, row.values[attr])
            self.changed.append(department)
            self.changed_fields.update(changes)

    def write(self, progress: Progress | None = None) -> None:
        Department.objects.bulk_create(
            [
                Department(
                    school_id=row.values["school_id"],
                    name_ko=row.values["name_ko"],
                    **{attr: row.values[attr] for attr in DEPARTMENT_ATTRS if attr in row.values},
                )
                for row in self.new_rows
            ],
            batch_size=WRITE_BATCH,
        )
        update_rows(Department, self.changed, sorted(self.changed_fields))
        if progress is not None:
            total = len(self.new_rows) + len(self.changed)
            progress("write", total, total)


class StudentImporter(SchoolRecordImporter):
    spec = STUDENTS
    model = Student
    denied_ko = "이 학교의 학생을 등록하거나 수정할 권한이 없습니다"
    denied_en = "you may not create or change students of this school"

    def __init__(self, actor: UserLike, log: Any, today: date | None = None) -> None:
        super().__init__(actor, log, today)
        self.new_rows: list[SourceRow] = []
        self.changed: list[Student] = []
        self.changed_fields: set[str] = set()

    def plan(self, rows: list[SourceRow]) -> None:  # noqa: C901 (one flat check per column)
        school_ids = self.resolve_schools(rows)
        department_ids: dict[tuple[int, str], int] = {}
        for chunk in chunks(school_ids):
            for school_id, name, pk in Department.objects.filter(school_id__in=chunk).values_list(
                "school_id", "name_ko", "pk"
            ):
                department_ids[(school_id, name)] = pk
        for row in rows:
            values = row.values
            if "school_id" not in values or "department_name" not in values:
                continue
            department_id = department_ids.get((values["school_id"], values["department_name"]))
            if department_id is None:
                self.log.add(
                    row,
                    "department_name",
                    "unknown_department",
                    f"학교 {values['school_neis_code']}에 등록되지 않은 학과입니다: "
                    f"{values['department_name']}",
                    f"not a department of school {values['school_neis_code']}: "
                    f"'{values['department_name']}'",
                )
            else:
                values["department_id"] = department_id
        self.reject_duplicates(
            rows,
            lambda v: (
                (v["school_neis_code"], v["student_number"])
                if "school_neis_code" in v and "student_number" in v
                else None
            ),
            "student_number",
            "학교코드·학번",
            "school code and student number",
        )

        # One query per chunk of schools: every student of the schools in the file, as tuples
        # (50,000 model instances would cost more than the whole write).
        existing: dict[tuple[int, str] | None, tuple[Any, ...]] = {}
        changeable: set[Any] = set()
        for chunk in chunks(school_ids):
            for record in Student.objects.filter(school_id__in=chunk).values_list(*STUDENT_COLUMNS):
                existing[(record[1], record[2])] = record
            changeable |= self.changeable_ids(Student.objects.filter(school_id__in=chunk))

        def key(values: dict[str, Any]) -> tuple[int, str] | None:
            if "school_id" in values and "student_number" in values:
                return (values["school_id"], values["student_number"])
            return None

        keys = [key(row.values) for row in rows]
        # Refuse a school's rows before looking at which students exist, so a refused user
        # learns nothing about another school's students from the answer.
        self.authorize_new(
            [row for row in rows if "school_id" in row.values],
            lambda v: (("school_id", v["school_id"]),),
            "school_neis_code",
        )
        for row, k in zip(rows, keys, strict=True):
            found = existing.get(k)
            if row.ok and found is not None and found[0] not in changeable:
                self.deny(row, "school_neis_code")

        now_attrs = range(len(STUDENT_ATTRS))
        for row, k in zip(rows, keys, strict=True):
            if not row.ok:
                continue
            values = row.values
            record = existing.get(k)
            if record is None:
                self.new_rows.append(row)
                self.create += 1
                continue
            current = record[3:]
            changes = [
                STUDENT_ATTRS[i]
                for i in now_attrs
                if STUDENT_ATTRS[i] in values and current[i] != values[STUDENT_ATTRS[i]]
            ]
            if not changes:
                self.unchanged += 1
                continue
            self.update += 1
            merged = dict(zip(STUDENT_COLUMNS, record, strict=True))
            merged.update({attr: values[attr] for attr in changes})
            self.changed.append(Student(**merged))
            self.changed_fields.update(changes)

    def write(self, progress: Progress | None = None) -> None:
        total = len(self.new_rows) + len(self.changed)
        done = 0
        created: list[Student] = []
        for batch in chunks(self.new_rows, WRITE_BATCH):
            created += Student.objects.bulk_create(
                [
                    Student(
                        school_id=row.values["school_id"],
                        student_number=row.values["student_number"],
                        **{attr: row.values[attr] for attr in STUDENT_ATTRS if attr in row.values},
                    )
                    for row in batch
                ]
            )
            done += len(batch)
            if progress is not None:
                progress("write", done, total)
        if self.changed:
            touch(self.changed)
            fields = sorted(self.changed_fields | {"updated_at"})
            for changed in chunks(self.changed, WRITE_BATCH):
                update_rows(Student, changed, fields)
                done += len(changed)
                if progress is not None:
                    progress("write", done, total)
        # The personal-data access log: every student the import created or changed.
        record_personal_data_access_by(
            actor=self.actor, subjects=created, action=AccessAction.CREATE
        )
        record_personal_data_access_by(
            actor=self.actor, subjects=self.changed, action=AccessAction.CHANGE
        )
