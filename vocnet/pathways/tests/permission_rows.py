"""Permission-matrix rows of the graduate-destination API: the person scope — the province
all, a support office its regions' schools, school staff their school; schools and the
province write."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vocnet.pathways.models import FollowUpSurvey, GraduateDestination, PathwayEvent
from vocnet.testing import PERSONAS, World
from vocnet.testing.matrix import PROVINCE, SIGNED_IN, Row

EVERYONE = frozenset(PERSONAS)

SEES_A = frozenset({"province_officer", "support_office_officer", "school_staff_a"})
SEES_B = frozenset({"province_officer", "school_staff_b"})
KEEPS_A = PROVINCE | {"school_staff_a"}
KEEPS_B = PROVINCE | {"school_staff_b"}
SEES_ANY = frozenset(
    {"province_officer", "support_office_officer", "school_staff_a", "school_staff_b"}
)
DESTINATIONS_VISIBLE = {
    "province_officer": {"destination_a", "destination_b"},
    "support_office_officer": {"destination_a"},
    "school_staff_a": {"destination_a"},
    "school_staff_b": {"destination_b"},
    "company_staff": set(),
    "local_government_officer": set(),
    "university_staff": set(),
    "student": set(),
    "guardian": set(),
}
DESTINATION_ID = "/api/pathways/destinations/{destination_id}"
EVENTS = "/api/pathways/destinations/{destination_id}/events"
SURVEY_TOKEN = "matrix-survey-token-0000000000000000000000"


def _destinations(world: World) -> None:
    """Row hook: a 2025 graduate of each school's department (A in 시흥, B in 수원)."""
    if "destination_a" in world.objects:
        return
    from datetime import date

    from vocnet.pathways.models import FollowUpSurvey, PathwayEvent
    from vocnet.pathways.tests.factories import DestinationFactory

    destination_a = DestinationFactory(department=world.objects["department_a"])
    destination_b = DestinationFactory(department=world.objects["department_b"])
    world.objects.update(
        {
            "destination_a": destination_a,
            "destination_b": destination_b,
            "event_a": PathwayEvent.objects.create(
                graduate=destination_a,
                kind="enrolled",
                occurred_on=date(2025, 3, 2),
                route="regular",
            ),
            "survey_a": FollowUpSurvey.objects.create(
                graduate=destination_a, month=6, token=SURVEY_TOKEN
            ),
        }
    )


def _row(*args: Any, **kwargs: Any) -> Row:
    return Row(*args, prepare=_destinations, **kwargs)


def _new_graduate(department_key: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {
        "department_id": world.objects[department_key].pk,
        "graduation_year": 2025,
        "graduate_key": "2025-099",
        "kind": "university",
    }


def _destinations_file(world: World) -> tuple[str, bytes]:
    from vocnet.registry.tests._excel_helpers import xlsx_bytes

    header = [
        "학교코드(NEIS) / school_neis_code",
        "학과명 / department_name",
        "졸업 연도 / graduation_year",
        "졸업생 번호 / graduate_key",
        "진로 / kind",
    ]
    row = [world.school_a.neis_code, world.objects["department_a"].name_ko, 2025, "2025-1", "진학"]
    return "destinations.xlsx", xlsx_bytes(header, [row])


def _events_file(world: World) -> tuple[str, bytes]:
    from vocnet.registry.tests._excel_helpers import xlsx_bytes

    header = [
        "학교코드(NEIS) / school_neis_code",
        "학과명 / department_name",
        "졸업 연도 / graduation_year",
        "졸업생 번호 / graduate_key",
        "사건 / kind",
        "날짜 / occurred_on",
        "기업명 / employer_name",
    ]
    destination = world.objects["destination_a"]
    row = [
        world.school_a.neis_code,
        world.objects["department_a"].name_ko,
        destination.graduation_year,
        destination.graduate_key,
        "취업(입사)",
        "2025-03-04",
        "(주)시흥정밀",
    ]
    return "events.xlsx", xlsx_bytes(header, [row])


ROWS: list[Row] = [
    _row(
        "GET",
        "/api/pathways/destinations",
        None,
        SIGNED_IN,
        visible=DESTINATIONS_VISIBLE,
        list_model="graduate_destination",
    ),
    _row(
        "POST", "/api/pathways/destinations", "department_a", KEEPS_A, _new_graduate("department_a")
    ),
    _row(
        "POST", "/api/pathways/destinations", "department_b", KEEPS_B, _new_graduate("department_b")
    ),
    _row("GET", DESTINATION_ID, "destination_a", SEES_A),
    _row("GET", DESTINATION_ID, "destination_b", SEES_B),
    _row("PATCH", DESTINATION_ID, "destination_a", KEEPS_A, lambda w: {"note": "정정"}),
    _row("PATCH", DESTINATION_ID, "destination_b", KEEPS_B, lambda w: {"kind": "military"}),
    _row("DELETE", DESTINATION_ID, "destination_a", KEEPS_A),
    _row("GET", "/api/pathways/summary", None, SEES_ANY),
    _row("GET", "/api/pathways/imports/templates/destinations.xlsx", None, SIGNED_IN),
    _row(
        "POST",
        "/api/pathways/imports/destinations",
        "school_a",
        KEEPS_A,
        upload=_destinations_file,
    ),
]

ROWS += [
    _row("GET", EVENTS, "destination_a", SEES_A),
    _row("GET", EVENTS, "destination_b", SEES_B),
    _row(
        "POST",
        EVENTS,
        "destination_a",
        KEEPS_A,
        lambda w: {
            "kind": "hired",
            "occurred_on": "2025-03-04",
            "employer_name": "(주)시흥정밀",
            "workplace_sigungu_code": "41390",
        },
    ),
    _row("DELETE", "/api/pathways/events/{event_id}", "event_a", KEEPS_A),
    _row("GET", "/api/pathways/indicators", None, SEES_ANY),
    _row("GET", "/api/pathways/imports/templates/pathway-events.xlsx", None, SIGNED_IN),
    _row(
        "POST",
        "/api/pathways/imports/pathway-events",
        "school_a",
        KEEPS_A,
        upload=_events_file,
    ),
]

# Open data (issue 18 §6): no login, aggregated and suppressed.
ROWS += [
    _row("GET", "/api/open/pathways/{dimension}", None, EVERYONE, params={"dimension": d})
    for d in ("year", "region")
] + [
    _row("GET", "/api/open/pathways/{dimension}/csv", None, EVERYONE, params={"dimension": "field"})
]

COUNTED = (GraduateDestination, PathwayEvent, FollowUpSurvey)

# Eligibility (issue 18 §3): one graduate's verdicts follow the graduate; a school's list is
# for those who see graduates; "mine" answers every signed-in user (empty unless a graduate).
ROWS += [
    _row("GET", "/api/pathways/destinations/{destination_id}/eligibility", "destination_a", SEES_A),
    _row("GET", "/api/pathways/destinations/{destination_id}/eligibility", "destination_b", SEES_B),
    _row("GET", "/api/pathways/eligibility", None, SEES_ANY),
    _row("GET", "/api/pathways/eligibility/mine", None, SIGNED_IN),
]

# Universities (issue 18 §4) ------------------------------------------------------------------
# The persona's university (시험대학교) and school A are linked by an agreement in force; the
# student persona (student A) has graduated and consents; the university keeps a 재직자
# 특별전형 (with the graduate's application) and a 계약학과.
UNIVERSITY_KEEPS = PROVINCE | {"university_staff"}
UNIVERSITY_PROGRAMMES = "/api/pathways/university-programmes"
UNIVERSITY_CONSENT = "/api/pathways/graduates/{graduate_id}/university-consent"


def _universities(world: World) -> None:
    """Row hook: the linked university, its programmes, the consenting graduate of school A
    and their application."""
    if "graduate_u" in world.objects:
        return
    from datetime import date

    from django.utils import timezone

    from vocnet.pathways.models import (
        ProgrammeApplication,
        UniversityConsent,
    )
    from vocnet.pathways.tests.factories import (
        ContractDepartmentFactory,
        IncumbentSpecialFactory,
        graduate_of,
        link,
    )
    from vocnet.registry.models import Organisation

    university = Organisation.objects.get(kind="university", name_ko="시험대학교")
    link(world.school_a.organisation, university)
    graduate = graduate_of(world.student_a, graduation_year=2022, kind="employed")
    PathwayEvent.objects.create(graduate=graduate, kind="hired", occurred_on=date(2022, 3, 2))
    UniversityConsent.objects.create(graduate=graduate, given_at=timezone.now())
    programme = IncumbentSpecialFactory(university=university)
    contract = ContractDepartmentFactory(university=university, partner_companies=[world.company_a])
    world.objects.update(
        {
            "university": university,
            "graduate_u": graduate,
            "programme_u": programme,
            "programme_u2": contract,
            "application_u": ProgrammeApplication.objects.create(
                programme=programme, graduate=graduate, applied_at=timezone.now()
            ),
        }
    )


def _universities_unconsented(world: World) -> None:
    """The same world, the graduate's consent withdrawn (so a new consent writes a row)."""
    from django.utils import timezone

    _universities(world)
    world.objects["graduate_u"].university_consents.update(withdrawn_at=timezone.now())


def _programme_body(world: World) -> dict[str, Any]:
    return {
        "university_id": world.objects["university"].pk,
        "kind": "contract_department",
        "name": "스마트제조공학과",
        "admission_year": 2027,
        "places": 25,
        "contract_type": "early_employment",
        "contract_title": "조기취업형 계약학과 협약",
        "partner_business_numbers": [world.company_a.business_number],
    }


def _u(*args: Any, **kwargs: Any) -> Row:
    kwargs.setdefault("prepare", _universities)
    return Row(*args, **kwargs)


ROWS += [
    _u("GET", UNIVERSITY_PROGRAMMES, None, SIGNED_IN),
    _u("POST", UNIVERSITY_PROGRAMMES, "university", UNIVERSITY_KEEPS, _programme_body),
    _u(
        "PUT",
        UNIVERSITY_PROGRAMMES + "/{programme_id}",
        "programme_u2",
        UNIVERSITY_KEEPS,
        _programme_body,
    ),
    _u("GET", "/api/pathways/university-graduates", None, UNIVERSITY_KEEPS),
    _u("GET", "/api/pathways/university-applications", None, SIGNED_IN),
    _u(
        "POST",
        "/api/pathways/university-applications",
        None,
        frozenset({"student"}),
        lambda w: {
            "graduate_id": w.objects["graduate_u"].pk,
            "programme_id": w.objects["programme_u2"].pk,
        },
    ),
    _u(
        "POST",
        "/api/pathways/university-applications/{application_id}/decision",
        "application_u",
        UNIVERSITY_KEEPS,
        lambda w: {"status": "admitted"},
    ),
    _u("GET", "/api/pathways/university-cohort", None, UNIVERSITY_KEEPS),
    _u(
        "POST",
        UNIVERSITY_CONSENT,
        "graduate_u",
        frozenset({"student"}),
        prepare=_universities_unconsented,
    ),
    _u("DELETE", UNIVERSITY_CONSENT, "graduate_u", frozenset({"student"})),
]

from vocnet.pathways.models import (  # noqa: E402
    ProgrammeApplication,
    UniversityConsent,
    UniversityProgramme,
)

COUNTED += (UniversityProgramme, UniversityConsent, ProgrammeApplication)
