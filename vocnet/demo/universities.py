"""The universities demo (issue 18 §4 and §7): two of the registry demo's fictional universities
— 경기테크노대학교(가상) (the demo ``university`` login) and 한빛과학기술대학교(가상) — with
재직자 특별전형 places and 계약학과 (채용조건형, 조기취업형, 재교육형) with partner companies of
their region; consents from some graduates of the schools linked to them by an agreement in
force; applications; and an enrolled cohort whose enrolment and completion are pathway events.
Everything is synthetic and labelled so (``data_origin = synthetic``).

A graduate login (``graduate``, the demo password) is a 2023 graduate of the base school
whose pathway row is linked to their (synthetic) student record: the graduate gives or
withdraws the consent on their own page. Rates are vocnet's assumptions, stated here: 30 % of
the linked schools' 2023–2024 graduates consent (at most 40 per university), a quarter of the
consenting apply, of the contract departments' applicants two thirds enrol.

Run after the pathways demo (``vocnet/demo/domains.py``); deterministic for a seed; idempotent.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from vocnet.demo.registry import DEMO_PASSWORD
from vocnet.demo.registry.names import UNIVERSITIES, person_name
from vocnet.demo.registry.schools import BASE_SCHOOL_NAME
from vocnet.pathways.models import (
    ApplicationStatus,
    GraduateDestination,
    PathwayEvent,
    ProgrammeApplication,
    UniversityConsent,
    UniversityProgramme,
)
from vocnet.pathways.services.events import summary_refresh
from vocnet.registry.links import linked_organisation_ids
from vocnet.registry.models import (
    Company,
    DataOrigin,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    School,
    Student,
)

DEFAULT_SEED = 2025
SYNTHETIC = DataOrigin.SYNTHETIC
GRADUATE_USERNAME = "graduate"
GRADUATE_NUMBER = "20239001"
CONSENT_SHARE, MAX_CONSENTS, APPLY_SHARE, ENROL_SHARE = 0.30, 40, 0.25, 2 / 3
DEMO_UNIVERSITIES = tuple(name for name, _en, _code in UNIVERSITIES[:2])
INSTITUTION_NOTE = "(합성) 대학"


def universities_demo_present() -> bool:
    return UniversityProgramme.objects.filter(data_origin=SYNTHETIC).exists()


def reset_universities_demo() -> None:
    """Delete the demo's programmes, consents, applications and the graduate login."""
    ProgrammeApplication.objects.filter(data_origin=SYNTHETIC).delete()
    UniversityConsent.objects.filter(data_origin=SYNTHETIC).delete()
    UniversityProgramme.objects.filter(data_origin=SYNTHETIC).delete()
    get_user_model().objects.filter(username=GRADUATE_USERNAME).delete()
    Student.objects.filter(student_number=GRADUATE_NUMBER, is_synthetic=True).delete()


def _counts(created: int) -> dict[str, int]:
    return {
        "created": created,
        "programmes": UniversityProgramme.objects.filter(data_origin=SYNTHETIC).count(),
        "consents": UniversityConsent.objects.filter(data_origin=SYNTHETIC).count(),
        "applications": ProgrammeApplication.objects.filter(data_origin=SYNTHETIC).count(),
    }


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _programmes(university: Organisation, index: int) -> list[Any]:
    partners = list(
        Company.objects.filter(
            organisation__region=university.region,
            organisation__data_origin__in=(SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC),
        ).order_by("pk")[:6]
    )
    second = ("재교육형", "retraining") if index else ("채용조건형", "hiring")
    specs: list[dict[str, Any]] = [
        {
            "kind": "incumbent_special",
            "name": "기계공학과 재직자 특별전형"
            if index == 0
            else "전기전자공학과 재직자 특별전형",
            "admission_year": 2027,
            "places": 20 - 5 * index,
            "admission_conditions": "특성화고·마이스터고 졸업 후 산업체 재직 3년 이상 (합성 예시)",
        },
        {
            "kind": "contract_department",
            "name": "스마트제조 조기취업형 계약학과",
            "admission_year": 2024,
            "places": 25,
            "contract_type": "early_employment",
            "admission_conditions": "3학년 2학기 협약 기업 취업자(합성 예시)",
            "partners": partners[:3],
        },
        {
            "kind": "contract_department",
            "name": f"미래모빌리티 {second[0]} 계약학과",
            "admission_year": 2026,
            "places": 30,
            "contract_type": second[1],
            "partners": partners[3:6] or partners[:1],
        },
    ]
    rows = []
    for spec in specs:
        partner_companies = spec.pop("partners", [])
        is_contract = spec["kind"] == "contract_department"
        programme = UniversityProgramme.objects.create(
            university=university,
            data_origin=SYNTHETIC,
            contract_title=f"{spec['name']} 운영 협약(합성)" if is_contract else "",
            contract_signed_on=date(spec["admission_year"] - 1, 9, 1) if is_contract else None,
            contract_ends_on=date(spec["admission_year"] + 3, 8, 31) if is_contract else None,
            **spec,
        )
        programme.partner_companies.set(partner_companies)
        rows.append(programme)
    return rows


def _graduate_login(rng: random.Random) -> GraduateDestination | None:
    """The ``graduate`` login: a 2023 graduate of the base school, with a student record."""
    school = School.objects.filter(organisation__name_ko=BASE_SCHOOL_NAME).first()
    if school is None:
        return None
    graduates = GraduateDestination.objects.filter(
        department__school=school, data_origin=SYNTHETIC, student__isnull=True
    ).order_by("graduation_year", "pk")
    # Preferably a 2023 graduate in work (3 years on, eligible for 재직자 특별전형).
    graduate = (
        graduates.filter(graduation_year=2023, pathway_status="employed").first()
        or graduates.first()
    )
    if graduate is None:
        return None
    user = get_user_model().objects.create_user(
        username=GRADUATE_USERNAME,
        password=DEMO_PASSWORD,
        email=f"{GRADUATE_USERNAME}@demo.vocnet.example",
        name=person_name(rng, male=rng.random() < 0.5),
    )
    Membership.objects.create(
        user=user, organisation=school.organisation, role=Role.STUDENT, title="2023 졸업"
    )
    student = Student.objects.create(
        school=school,
        department=graduate.department,
        student_number=GRADUATE_NUMBER,
        name=user.name,
        grade=3,
        is_enrolled=False,
        is_synthetic=True,
        user=user,
    )
    graduate.student = student
    graduate.save(update_fields=["student"])
    return graduate


def _enrol(graduate: GraduateDestination, application: ProgrammeApplication, day: date) -> None:
    """The university records the enrolment; the school's pathway gets the enrolment event
    (and, for the 2024 intake, a completion two years on for half of them)."""
    route = {
        "early_employment": "early_employment_contract",
        "hiring": "hiring_contract",
        "retraining": "retraining_contract",
    }.get(application.programme.contract_type, "incumbent_special")
    PathwayEvent.objects.create(
        graduate=graduate,
        kind="enrolled",
        occurred_on=day,
        route=route,
        institution_name=application.programme.university.name_ko,
        data_origin=SYNTHETIC,
    )


@transaction.atomic
def load_universities_demo(*, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Load the demo once (returns counts; ``created`` is 0 when it was there already)."""
    if universities_demo_present():
        return _counts(0)
    rng = random.Random(f"vocnet-universities-demo:{seed}")
    universities = list(
        Organisation.objects.filter(
            kind=OrganisationKind.UNIVERSITY, name_ko__in=DEMO_UNIVERSITIES
        ).order_by("name_ko")
    )
    universities.sort(key=lambda u: DEMO_UNIVERSITIES.index(u.name_ko))
    login_graduate = _graduate_login(rng)
    taken: set[int] = set()
    if login_graduate is not None:
        taken.add(login_graduate.pk)
    for index, university in enumerate(universities):
        programmes = _programmes(university, index)
        schools = School.objects.filter(
            pk__in=linked_organisation_ids([university.pk])
        ).values_list("pk", flat=True)
        candidates = list(
            GraduateDestination.objects.filter(
                department__school_id__in=list(schools),
                graduation_year__in=(2023, 2024),
                data_origin=SYNTHETIC,
            )
            .exclude(pk__in=taken)
            .order_by("pk")
        )
        chosen = [g for g in candidates if rng.random() < CONSENT_SHARE][:MAX_CONSENTS]
        for graduate in chosen:
            taken.add(graduate.pk)
            given = date(2026, rng.randint(3, 10), rng.randint(1, 28))
            UniversityConsent.objects.create(
                graduate=graduate, given_at=_at(given), data_origin=SYNTHETIC
            )
            if rng.random() >= APPLY_SHARE * 2:
                continue
            working = graduate.pathway_status == "employed"
            programme = (
                programmes[0]
                if working and graduate.graduation_year == 2023
                else (programmes[1] if graduate.graduation_year == 2023 else programmes[2])
            )
            application = ProgrammeApplication.objects.create(
                programme=programme,
                graduate=graduate,
                applied_at=_at(date(programme.admission_year - 1, 11, rng.randint(1, 28))),
                data_origin=SYNTHETIC,
            )
            if programme.kind == "incumbent_special":
                continue
            if rng.random() < ENROL_SHARE:
                day = date(programme.admission_year, 3, 4)
                application.status = ApplicationStatus.ENROLLED
                application.decided_at = _at(date(programme.admission_year, 2, 1))
                application.enrolled_on = day
                _enrol(graduate, application, day)
                if programme.admission_year == 2024 and rng.random() < 0.5:
                    PathwayEvent.objects.create(
                        graduate=graduate,
                        kind="completed",
                        occurred_on=date(2026, 2, 20),
                        data_origin=SYNTHETIC,
                    )
                summary_refresh(graduate)
            else:
                application.status = rng.choice(
                    [ApplicationStatus.ADMITTED, ApplicationStatus.NOT_ADMITTED]
                )
                application.decided_at = _at(date(programme.admission_year, 2, 1))
            application.save()
    # The graduate login starts without consent: they give it on their own page.
    return _counts(1)
