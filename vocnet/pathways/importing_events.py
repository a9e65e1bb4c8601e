"""Import of pathway events from .xlsx or .csv (issue 18, §1) on the shared import engine
(``vocnet.spreadsheets.run_import``): file checks, header matching, the per-row error report
(row, column, rule in Korean and English), dry run, all or nothing.

A row is one event of a recorded graduate, named as on the destinations import (school NEIS
code, department, graduation year, graduate key — never a name). Each row passes the rules
of ``services.event_problems``. A row equal to a recorded event (same graduate, kind, date
and check month) is left as it is, so importing the same file twice adds nothing. The
graduates' summaries are recomputed after the write.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from vocnet.core.errors import PermissionDenied
from vocnet.core.permissions import authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.pathways.models import (
    FIRST_GRADUATION_YEAR,
    CheckSource,
    EmploymentType,
    EventKind,
    GraduateDestination,
    PathwayEvent,
    ServiceType,
    StudyRoute,
    WageBand,
)
from vocnet.pathways.services.events import EventInput, event_problems, summarise_graduate
from vocnet.registry.importing.codes import BusinessNumber, template_with_codes
from vocnet.registry.importing.school_records import SchoolRecordImporter
from vocnet.registry.models import Company, Role
from vocnet.spreadsheets import EntitySpec, ErrorLog, ImportSpec, Progress, SourceRow, audit_once
from vocnet.spreadsheets.base import WRITE_BATCH, chunks, update_rows
from vocnet.spreadsheets.columns import (
    Boolean,
    Choice,
    Column,
    DateValue,
    Digits,
    Integer,
    Pattern,
    Text,
)

EVENTS = EntitySpec(
    entity="pathway_events",
    label_ko="졸업생 진로 이력",
    label_en="graduate pathway events",
    columns=(
        Column("school_neis_code", "학교코드(NEIS)", Digits(7), required=True, example="7530900"),
        Column("department_name", "학과명", Text(50), required=True, example="미래자동차과"),
        Column(
            "graduation_year",
            "졸업 연도",
            Integer(FIRST_GRADUATION_YEAR, 2100),
            required=True,
            example="2025",
        ),
        Column(
            "graduate_key",
            "졸업생 번호",
            Pattern(
                r"[0-9A-Za-z-]{1,20}",
                "invalid_graduate_key",
                "영문·숫자·하이픈 1~20자(이름은 적지 않음)",
                "1 to 20 letters, digits or hyphens (never a name)",
                max_length=20,
            ),
            required=True,
            note_ko="(졸업생 진로에 이미 기록된 졸업생)",
            note_en="(a graduate already recorded)",
            example="2025-031",
        ),
        Column("kind", "사건", Choice(EventKind), required=True, example="취업(입사)"),
        Column("occurred_on", "날짜", DateValue(), required=True, example="2025-03-04"),
        Column("business_number", "사업자등록번호", BusinessNumber(), example="220-81-62517"),
        Column("employer_name", "기업명", Text(100), note_ko="(취업·이직)", note_en="(job)"),
        Column("ksic_code", "업종(KSIC)", Digits(2, 5), example="30121"),
        Column("workplace_sigungu_code", "근무지 시군구 코드", Digits(5), example="41390"),
        Column("employment_type", "고용 형태", Choice(EmploymentType), example="정규직"),
        Column("weekly_hours", "주 소정근로시간", Integer(1, 68), example="40"),
        Column("wage_band", "임금 구간", Choice(WageBand), example=""),
        Column("check_month", "고용보험 확인 시점(개월)", Integer(3, 12), example=""),
        Column("is_insured", "고용보험 가입", Boolean(), example=""),
        Column("source", "확인 출처", Choice(CheckSource), example=""),
        Column("service_type", "복무 형태", Choice(ServiceType), example=""),
        Column("route", "진학 경로", Choice(StudyRoute), example=""),
        Column("institution_name", "학교(대학)명", Text(100), example=""),
        Column("note", "비고", Text(200), example=""),
    ),
    key_ko="같은 졸업생·사건·날짜·확인 시점의 기록이 이미 있으면 그 행은 건너뜁니다.",
    key_en="A row equal to a recorded event (graduate, kind, date, check month) is skipped.",
)
INPUT_FIELDS = (
    "business_number",
    "employer_name",
    "ksic_code",
    "workplace_sigungu_code",
    "employment_type",
    "weekly_hours",
    "wage_band",
    "check_month",
    "is_insured",
    "source",
    "service_type",
    "route",
    "institution_name",
    "note",
)
GraduateKey = tuple[int, str, int, str]  # school id, department name, year, graduate key


class EventImporter(SchoolRecordImporter):
    spec = EVENTS
    model = PathwayEvent
    denied_ko = "이 학교 졸업생의 진로 이력을 기록할 권한이 없습니다"
    denied_en = "you may not record pathway events of this school's graduates"

    def __init__(self, actor: UserLike, log: ErrorLog, today: date | None = None) -> None:
        super().__init__(actor, log, today)
        self.new: list[PathwayEvent] = []
        self.graduates: dict[int, GraduateDestination] = {}

    def _authorize(self, rows: list[SourceRow]) -> None:
        allowed: dict[int, bool] = {}
        for row in rows:
            school_id = row.values.get("school_id")
            if school_id is None:
                continue
            if school_id not in allowed:
                # Whoever records the school's graduates records their events.
                try:
                    authorize_create(self.actor, GraduateDestination, school_id=school_id)
                    allowed[school_id] = True
                except PermissionDenied:
                    allowed[school_id] = False
            if not allowed[school_id]:
                self.deny(row, "school_neis_code")

    def _graduates(self, rows: list[SourceRow]) -> dict[GraduateKey, GraduateDestination]:
        wanted = {
            (v["school_id"], v["department_name"], v["graduation_year"], v["graduate_key"])
            for v in (row.values for row in rows if row.ok)
            if {"school_id", "department_name", "graduation_year", "graduate_key"} <= v.keys()
        }
        keys = sorted({key[3] for key in wanted})
        found: dict[GraduateKey, GraduateDestination] = {}
        for chunk in chunks(keys):
            for graduate in GraduateDestination.objects.filter(
                graduate_key__in=chunk
            ).select_related("department"):
                key = (
                    graduate.department.school_id,
                    graduate.department.name_ko,
                    graduate.graduation_year,
                    graduate.graduate_key,
                )
                if key in wanted:
                    found[key] = graduate
        return found

    def plan(self, rows: list[SourceRow]) -> None:
        self.resolve_schools(rows)
        # Permission before existence: a refused user cannot tell recorded graduates apart.
        self._authorize(rows)
        graduates = self._graduates(rows)
        ids = sorted(g.pk for g in graduates.values())
        recorded: dict[int, list[PathwayEvent]] = defaultdict(list)
        for chunk in chunks(ids):
            for event in PathwayEvent.objects.filter(graduate_id__in=chunk):
                recorded[event.graduate_id].append(event)
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
        seen: set[tuple[int, str, date, int | None]] = {
            (e.graduate_id, e.kind, e.occurred_on, e.check_month)
            for events in recorded.values()
            for e in events
        }
        recorded_by = user_row(self.actor)
        # Enrolments in the file count for completions later in it.
        ordered = sorted(
            (row for row in rows if row.ok), key=lambda r: r.values.get("occurred_on") or date.min
        )
        for row in ordered:
            values = row.values
            key = (
                values.get("school_id"),
                values.get("department_name"),
                values.get("graduation_year"),
                values.get("graduate_key"),
            )
            graduate = graduates.get(key)  # type: ignore[arg-type]
            if graduate is None:
                self.log.add(
                    row,
                    "graduate_key",
                    "unknown_graduate",
                    "기록되지 않은 졸업생입니다(학교·학과·졸업 연도·졸업생 번호). 졸업생 진로를 "
                    "먼저 기록하세요",
                    "no such graduate (school, department, year, key); record the graduate's "
                    "destination first",
                )
                continue
            data = EventInput(
                kind=values["kind"],
                occurred_on=values["occurred_on"],
                **{name: values[name] for name in INPUT_FIELDS if name in values},
            )
            has_enrolment = any(
                e.kind == EventKind.ENROLLED and e.occurred_on <= data.occurred_on
                for e in recorded[graduate.pk]
            )
            for problem in event_problems(
                data,
                graduation_year=graduate.graduation_year,
                has_enrolment=has_enrolment,
                today=self.today,
            ):
                self.log.add(
                    row, problem.field, problem.code, problem.message_ko, problem.message_en
                )
            company_id = None
            if data.business_number:
                company_id = companies.get(data.business_number)
                if company_id is None:
                    self.log.add(
                        row,
                        "business_number",
                        "unknown_company",
                        f"등록되지 않은 사업자등록번호입니다: {data.business_number}",
                        f"no company is registered with this business number: "
                        f"{data.business_number}",
                    )
            if not row.ok:
                continue
            identity = (graduate.pk, data.kind, data.occurred_on, data.check_month)
            if identity in seen:
                self.unchanged += 1
                continue
            seen.add(identity)
            event = PathwayEvent(
                graduate=graduate,
                kind=data.kind,
                occurred_on=data.occurred_on,
                company_id=company_id,
                employer_name=data.employer_name,
                ksic_code=data.ksic_code,
                workplace_sigungu_code=data.workplace_sigungu_code,
                employment_type=data.employment_type,
                weekly_hours=data.weekly_hours,
                wage_band=data.wage_band,
                check_month=data.check_month,
                is_insured=data.is_insured,
                source=data.source,
                service_type=data.service_type,
                route=data.route,
                institution_name=data.institution_name,
                note=data.note,
                recorded_by=recorded_by,
            )
            recorded[graduate.pk].append(event)
            self.graduates[graduate.pk] = graduate
            self.new.append(event)
            self.create += 1
        self._recorded = recorded

    def write(self, progress: Progress | None = None) -> None:
        PathwayEvent.objects.bulk_create(self.new, batch_size=WRITE_BATCH)
        changed = []
        for pk, graduate in self.graduates.items():
            region = graduate.department.school.organisation.region
            school = region.sigungu_code if region else ""
            for name, value in summarise_graduate(graduate, self._recorded[pk], school).items():
                setattr(graduate, name, value)
            changed.append(graduate)
        update_rows(
            GraduateDestination,
            changed,
            [
                "pathway_status",
                "first_job_on",
                "days_to_first_job",
                "retained_6",
                "retained_12",
                "workplace_sigungu_code",
                "study_route",
                "works_in_school_city",
                "works_in_school_province",
            ],
        )


EVENT_IMPORT = ImportSpec(
    columns=EVENTS,
    importer=EventImporter,
    audit_by=audit_once("import.pathway_events"),
    roles=frozenset({Role.SCHOOL_STAFF}),
    module=__name__,
)


def events_template_xlsx() -> bytes:
    """The empty template of the events import, with the allowed values of each choice."""
    note = (
        "한 행에 사건 하나씩 적습니다. 이름은 적지 않습니다. 한 행이라도 오류가 있으면 아무것도 "
        "저장하지 않습니다. 먼저 검사(dry run)하세요.",
        "One event per row, never a name. If any row has an error nothing is saved: check the "
        "file first with a dry run.",
    )
    extra: list[list[Any]] = []
    for key in ("kind", "employment_type", "wage_band", "source", "service_type", "route"):
        extra += [[], [key, "", "허용 값 / Allowed values"]]
        extra += [[code, label] for code, label in EVENTS.column(key).parser.allowed()]
    return template_with_codes(EVENTS, notes=[note], extra_rows=extra)
