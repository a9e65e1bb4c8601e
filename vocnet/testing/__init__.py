"""Named personas for tests: the same small world in every permission test.

Two regions under two support offices: 시흥 (region A) and 수원 (region B), each with a school
and a company; one user per role. ``own`` objects belong to region/school/company A.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django.test import Client

from vocnet.accounts.models import User
from vocnet.registry.models import Organisation, OrganisationKind, Role, School, Student
from vocnet.registry.tests import factories as f

PERSONAS = (
    "province_officer",
    "support_office_officer",
    "school_staff_a",
    "school_staff_b",
    "company_staff",
    "local_government_officer",
    "university_staff",
    "student",
    "guardian",
    "anonymous",
)


@dataclass
class World:
    school_a: School
    school_b: School
    company_a: Any
    company_b: Any
    student_a: Student
    student_b: Student
    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def user(self, persona: str) -> Any:
        return self.users.get(persona)


def build_world() -> World:
    region_a, region_b = f.region("41390"), f.region("41110")
    school_a: School = cast(
        School,
        f.SchoolFactory(
            organisation__region=region_a, organisation__name_ko="시흥미래공업고등학교"
        ),
    )
    school_b: School = cast(
        School,
        f.SchoolFactory(organisation__region=region_b, organisation__name_ko="수원정보고등학교"),
    )
    department_a: Any = f.DepartmentFactory(school=school_a, name_ko="미래자동차과")
    department_b: Any = f.DepartmentFactory(school=school_b, name_ko="소프트웨어과")
    company_a: Any = f.CompanyFactory(organisation__region=region_a)
    company_b: Any = f.CompanyFactory(organisation__region=region_b)
    student_a = cast(Student, f.StudentFactory(department=department_a))
    student_b = cast(Student, f.StudentFactory(department=department_b))
    local_government = cast(
        Organisation,
        f.OrganisationFactory(kind=OrganisationKind.CITY_COUNTY, name_ko="시흥시", region=region_a),
    )
    university = cast(
        Organisation,
        f.OrganisationFactory(
            kind=OrganisationKind.UNIVERSITY, name_ko="시험대학교", region=region_a
        ),
    )
    province_office = cast(
        Organisation,
        f.OrganisationFactory(
            kind=OrganisationKind.EDUCATION_OFFICE, name_ko="경기도교육청", region=region_b
        ),
    )
    office_org = cast(Organisation, region_a.support_office.organisation)

    users: dict[str, Any] = {}

    def member(persona: str, organisation: Organisation, role: str) -> Any:
        user = f.UserFactory(username=persona)
        f.MembershipFactory(user=user, organisation=organisation, role=role)
        users[persona] = user
        return user

    member("province_officer", province_office, Role.PROVINCE_OFFICER)
    member("support_office_officer", office_org, Role.SUPPORT_OFFICE_OFFICER)
    member("school_staff_a", school_a.organisation, Role.SCHOOL_STAFF)
    member("school_staff_b", school_b.organisation, Role.SCHOOL_STAFF)
    member("company_staff", company_a.organisation, Role.COMPANY_STAFF)
    member("local_government_officer", local_government, Role.LOCAL_GOVERNMENT_OFFICER)
    member("university_staff", university, Role.UNIVERSITY_STAFF)
    student_user = member("student", school_a.organisation, Role.STUDENT)
    student_a.user = student_user
    student_a.save(update_fields=["user"])
    guardian_user = f.UserFactory(username="guardian")
    f.guardian_of(student_a, guardian_user)
    users["guardian"] = guardian_user
    users["anonymous"] = None

    return World(
        school_a=school_a,
        school_b=school_b,
        company_a=company_a,
        company_b=company_b,
        student_a=student_a,
        student_b=student_b,
        users=users,
        objects={
            "school_a": school_a,
            "school_b": school_b,
            "department_a": department_a,
            "department_b": department_b,
            "company_a": company_a,
            "company_b": company_b,
            "student_a": student_a,
            "student_b": student_b,
            "organisation_a": school_a.organisation,
            "organisation_b": school_b.organisation,
        },
    )


def sign_in(client: Client, user: User) -> None:
    """Sign ``user`` in on a test ``client`` as a completed login would.

    Tests use this instead of ``client.force_login`` so that every step a real login
    completes is completed here too, in one place: for users who need a second factor (staff
    of the province, support offices and schools), the session is marked as the second step
    marks it (``vocnet.accounts.sessions.mark_second_factor``). Without the mark
    ``SecondFactorMiddleware`` would treat the session as not signed in.
    """
    from vocnet.accounts.selectors import requires_second_factor
    from vocnet.accounts.sessions import mark_second_factor

    client.force_login(user)
    if requires_second_factor(user, fresh=True):
        session = client.session
        mark_second_factor(session, "totp")
        session.save()
