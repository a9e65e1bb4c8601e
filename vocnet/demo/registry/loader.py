"""Writing the demo plan to the database, removing it again, and telling whether it is there.

The loader is a seeding tool, not a user-facing write: it bulk-inserts through the ORM
instead of calling the per-row services (which check permission, ``full_clean()`` and audit
each row) because 50,000 students through a service would take minutes. The rows are valid
by the generator's construction; ``test_demo.py`` runs ``full_clean()`` on a sample of each
model. Everything happens in one transaction, so a failed load leaves nothing behind.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError
from tqdm import tqdm

from vocnet.demo.registry.generator import generate
from vocnet.demo.registry.plan import DEFAULT_SEED, DemoPlan, PlannedOrganisation
from vocnet.demo.registry.schools import BASE_SCHOOL_NAME
from vocnet.demo.registry.summary import (
    DEMO_ORIGINS,
    DEMO_PASSWORD,
    DEMO_USERNAMES,
    DemoLogin,
    demo_counts,
    demo_logins,
)
from vocnet.registry.models import (
    Company,
    DataOrigin,
    Department,
    Guardian,
    GuardianLink,
    KsicDivision,
    Membership,
    NcsMiddle,
    Organisation,
    PilotDistrict,
    Region,
    Role,
    School,
    SchoolDesignation,
    Student,
    SupportOffice,
)

BATCH_SIZE = 2000

T = TypeVar("T")


class DemoError(Exception):
    """The demo cannot be loaded or reset as asked; the message says why and what to do."""


class DemoState(StrEnum):
    ABSENT = "absent"
    LOADED = "loaded"
    PARTIAL = "partial"


@dataclass(frozen=True)
class DemoResult:
    counts: dict[str, int]
    logins: list[DemoLogin]
    seconds: float


def _batches(items: Iterable[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def demo_state() -> DemoState:
    """LOADED when every demo login and the base school exist; PARTIAL when only some demo
    rows do (an interrupted hand edit, say); ABSENT when none does."""
    users = get_user_model().objects.filter(username__in=DEMO_USERNAMES).count()
    base = School.objects.filter(
        organisation__name_ko=BASE_SCHOOL_NAME,
        organisation__data_origin=DataOrigin.REAL_NAME_SYNTHETIC,
    ).exists()
    if users == len(DEMO_USERNAMES) and base:
        return DemoState.LOADED
    if (
        users
        or Organisation.objects.filter(data_origin__in=DEMO_ORIGINS).exists()
        or Student.objects.filter(is_synthetic=True).exists()
    ):
        return DemoState.PARTIAL
    return DemoState.ABSENT


def reset_demo() -> None:
    """Delete every demo row: the demo logins, synthetic students, and organisations whose
    data is synthetic (with their schools, departments, designations, companies).
    Official bodies (경기도, the 시·군, 경기도교육청) stay: they are facts, and are reused.
    Raises DemoError if other data still points at a demo row."""
    try:
        with transaction.atomic():
            get_user_model().objects.filter(username__in=DEMO_USERNAMES).delete()
            Student.objects.filter(is_synthetic=True).delete()
            Organisation.objects.filter(data_origin__in=DEMO_ORIGINS).delete()
    except ProtectedError as exc:
        raise DemoError(
            "데모 데이터를 참조하는 다른 데이터가 있어 초기화할 수 없습니다. / "
            f"Other rows still refer to demo rows, so the demo cannot be reset: {exc.args[0]}"
        ) from None


@dataclass(frozen=True)
class _References:
    regions: dict[str, int]
    ncs: dict[str, int]
    ksic: dict[str, int]
    pilot_districts: dict[str, int]
    support_office_organisations: dict[str, int]

    @classmethod
    def load(cls) -> _References:
        refs = cls(
            regions=dict(Region.objects.values_list("sigungu_code", "pk")),
            ncs=dict(NcsMiddle.objects.values_list("code", "pk")),
            ksic=dict(KsicDivision.objects.values_list("code", "pk")),
            pilot_districts=dict(
                PilotDistrict.objects.filter(year=2025).values_list("support_office__name_ko", "pk")
            ),
            support_office_organisations={
                name: org_id
                for name, org_id in SupportOffice.objects.values_list("name_ko", "organisation_id")
                if org_id is not None
            },
        )
        if len(refs.regions) < 31 or not refs.ncs or not refs.ksic or not refs.pilot_districts:
            raise DemoError(
                "참조 목록(시·군, NCS, KSIC, 선도지구)이 없습니다. 먼저 migrate 하세요. / "
                "The reference lists are missing: run `manage.py migrate` first."
            )
        return refs


def _organisation(planned: PlannedOrganisation, refs: _References) -> Organisation:
    return Organisation(
        kind=planned.kind,
        name_ko=planned.name_ko,
        name_en=planned.name_en,
        region_id=refs.regions[planned.region_code] if planned.region_code else None,
        address=planned.address,
        phone=planned.phone,
        email=planned.email,
        data_origin=planned.data_origin,
        source_note=planned.source_note,
        location_is_inferred=planned.location_is_inferred,
    )


def _bulk(model: Any, rows: Sequence[Any]) -> list[Any]:
    created: list[Any] = []
    for batch in _batches(rows):
        created += model.objects.bulk_create(batch)
    return created


def _organisations(plan: DemoPlan, refs: _References) -> dict[tuple[str, str], int]:
    """Upsert the public bodies by (kind, name) and insert the synthetic ones; the map covers
    every organisation a demo login may point at."""
    official = [o for o in plan.organisations if o.data_origin == DataOrigin.OFFICIAL]
    existing = {
        (kind, name): pk
        for kind, name, pk in Organisation.objects.filter(
            name_ko__in=[o.name_ko for o in official]
        ).values_list("kind", "name_ko", "pk")
    }
    missing = [o for o in official if (o.kind, o.name_ko) not in existing]
    others = [o for o in plan.organisations if o.data_origin != DataOrigin.OFFICIAL]
    created = _bulk(Organisation, [_organisation(o, refs) for o in missing + others])
    ids = existing | {(org.kind, org.name_ko): org.pk for org in created}
    ids |= {("support_office", name): pk for name, pk in refs.support_office_organisations.items()}
    return ids


def _schools(plan: DemoPlan, refs: _References, progress: bool) -> dict[tuple[str, str], int]:
    organisations = _bulk(Organisation, [_organisation(s.organisation, refs) for s in plan.schools])
    _bulk(
        School,
        [
            School(
                organisation_id=org.pk,
                neis_code=s.neis_code,
                school_type=s.school_type,
                establishment=s.establishment,
            )
            for org, s in zip(organisations, plan.schools, strict=True)
        ],
    )
    _bulk(
        SchoolDesignation,
        [
            SchoolDesignation(
                school_id=org.pk,
                kind=d.kind,
                year=d.year,
                role=d.role,
                pilot_district_id=refs.pilot_districts.get(d.pilot_office_name),
                field_note=d.field_note,
                source_note=d.source_note,
            )
            for org, s in zip(organisations, plan.schools, strict=True)
            for d in s.designations
        ],
    )
    planned_departments = [
        (org.pk, d)
        for org, s in zip(organisations, plan.schools, strict=True)
        for d in s.departments
    ]
    departments = _bulk(
        Department,
        [
            Department(
                school_id=school_id,
                name_ko=d.name_ko,
                ncs_middle_id=refs.ncs[d.ncs_code],
                intake_capacity=d.intake_capacity,
                enrolled_grade_1=d.enrolled[0],
                enrolled_grade_2=d.enrolled[1],
                enrolled_grade_3=d.enrolled[2],
            )
            for school_id, d in planned_departments
        ],
    )
    students = (
        Student(
            school_id=school_id,
            department_id=department.pk,
            student_number=st.student_number,
            name=st.name,
            grade=st.grade,
            birth_date=st.birth_date,
            is_synthetic=True,
        )
        for department, (school_id, planned) in zip(departments, planned_departments, strict=True)
        for st in planned.students
    )
    with tqdm(
        total=plan.student_count, desc="students", unit="", file=sys.stderr, disable=not progress
    ) as bar:
        for batch in _batches(students):
            Student.objects.bulk_create(batch)
            bar.update(len(batch))
    return {("school", org.name_ko): org.pk for org in organisations}


def _companies(plan: DemoPlan, refs: _References, progress: bool) -> dict[tuple[str, str], int]:
    ids: dict[tuple[str, str], int] = {}
    with tqdm(
        total=len(plan.companies), desc="companies", unit="", file=sys.stderr, disable=not progress
    ) as bar:
        for batch in _batches(plan.companies):
            organisations = Organisation.objects.bulk_create(
                [_organisation(c.organisation, refs) for c in batch]
            )
            Company.objects.bulk_create(
                [
                    Company(
                        organisation_id=org.pk,
                        business_number=c.business_number,
                        ksic_division_id=refs.ksic[c.ksic_division],
                        size_class=c.size_class,
                        employees=c.employees,
                    )
                    for org, c in zip(organisations, batch, strict=True)
                ]
            )
            ids |= {("company", org.name_ko): org.pk for org in organisations}
            bar.update(len(batch))
    return ids


def _logins(plan: DemoPlan, organisation_ids: dict[tuple[str, str], int]) -> None:
    User = get_user_model()  # noqa: N806 (a model class keeps its class name)
    school_name, student_number = plan.login_student
    for login in plan.logins:
        user = User.objects.create_user(
            username=login.username,
            password=DEMO_PASSWORD,
            email=f"{login.username}@demo.vocnet.example",
            name=login.name,
            is_staff=login.is_staff,
        )
        organisation_id = organisation_ids[(login.organisation_kind, login.organisation_name)]
        Membership.objects.create(
            user=user, organisation_id=organisation_id, role=login.role, title=login.title
        )
        if login.role == Role.STUDENT:
            Student.objects.filter(
                school_id=organisation_ids[("school", school_name)],
                student_number=student_number,
            ).update(user=user)
        elif login.role == Role.GUARDIAN:
            student = Student.objects.get(
                school_id=organisation_ids[("school", school_name)],
                student_number=student_number,
            )
            guardian = Guardian.objects.create(user=user)
            GuardianLink.objects.create(guardian=guardian, student=student, relationship="모")


def load_demo(
    *,
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
    school_year: int | None = None,
    progress: bool = False,
) -> DemoResult:
    """Generate the demo for ``seed`` and write it in one transaction.

    Raises DemoError when the reference lists are missing or demo rows already exist (the
    caller decides between "already loaded" and a reset; see ``demo_state``)."""
    started = time.perf_counter()
    if demo_state() is not DemoState.ABSENT:
        raise DemoError(
            "데모 데이터가 이미 있습니다. / Demo rows already exist (use --reset to reload)."
        )
    plan = generate(seed=seed, scale=scale, school_year=school_year)
    with transaction.atomic():
        refs = _References.load()
        ids = _organisations(plan, refs)
        ids |= _schools(plan, refs, progress)
        ids |= _companies(plan, refs, progress)
        _logins(plan, ids)
    return DemoResult(
        counts=demo_counts(), logins=demo_logins(), seconds=time.perf_counter() - started
    )
