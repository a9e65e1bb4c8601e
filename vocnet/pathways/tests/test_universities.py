"""Universities and graduates (issue 18 §4): a university keeps only its own programmes; only
the graduate gives or withdraws the consent, each recorded with its time; a university sees a
graduate of a linked school only while the consent stands; applications, decisions and the
cohort follow; every broken rule is named in Korean and English with nothing written."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from vocnet.core.errors import NotFound, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.pathways.models import (
    PathwayEvent,
    ProgrammeApplication,
    UniversityConsent,
    UniversityProgramme,
)
from vocnet.pathways.selectors import universities as selectors
from vocnet.pathways.services import universities as services
from vocnet.pathways.tests.factories import (
    ContractDepartmentFactory,
    DestinationFactory,
    IncumbentSpecialFactory,
    consent,
    graduate_of,
    link,
)
from vocnet.registry.models import Organisation, OrganisationKind
from vocnet.registry.tests import factories as rf
from vocnet.testing import World

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


def _university(world: World) -> Organisation:
    return Organisation.objects.get(kind=OrganisationKind.UNIVERSITY, name_ko="시험대학교")


def _linked(world: World) -> Any:
    """School A and the persona's university linked; student A has graduated (2022)."""
    university = _university(world)
    link(world.school_a.organisation, university)
    graduate = graduate_of(world.student_a, graduation_year=2022, kind="employed")
    PathwayEvent.objects.create(graduate=graduate, kind="hired", occurred_on=date(2022, 3, 2))
    return university, graduate


def _input(university: Organisation, **changes: Any) -> services.ProgrammeInput:
    values: dict[str, Any] = {
        "university_id": university.pk,
        "kind": "contract_department",
        "name": "스마트제조공학과",
        "admission_year": 2027,
        "places": 30,
        "contract_type": "hiring",
        "contract_title": "스마트제조 계약학과 협약",
        "contract_signed_on": date(2026, 9, 1),
        "contract_ends_on": date(2030, 8, 31),
        "partner_business_numbers": [],
    }
    values.update(changes)
    return services.ProgrammeInput(**values)


# Programmes ------------------------------------------------------------------------------------


def test_a_university_adds_a_contract_department_with_its_partner_company(world: World) -> None:
    university = _university(world)
    company = world.company_a
    programme = services.programme_create(
        actor=world.user("university_staff"),
        data=_input(university, partner_business_numbers=[company.business_number]),
    )
    assert list(programme.partner_companies.all()) == [company]
    assert (programme.contract_type, programme.places) == ("hiring", 30)
    assert AuditEvent.objects.filter(action="university_programme.create").count() == 1


def test_another_university_may_not_add_or_edit_a_programme_and_nothing_is_written(
    world: World,
) -> None:
    other = rf.OrganisationFactory(kind=OrganisationKind.UNIVERSITY)
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=world.user("university_staff"), data=_input(other))
    programme = IncumbentSpecialFactory(university=other)
    with pytest.raises(NotFound):
        selectors.programme_for_change(world.user("university_staff"), programme.pk)
    assert UniversityProgramme.objects.count() == 1
    # The province edits any
    assert selectors.programme_for_change(world.user("province_officer"), programme.pk)


def test_a_contract_department_without_type_contract_or_partner_is_refused_bilingually(
    world: World,
) -> None:
    bad = _input(
        _university(world),
        contract_type="",
        contract_title="",
        contract_ends_on=date(2026, 1, 1),
        partner_business_numbers=["999-99-99999"],
    )
    with pytest.raises(ValidationFailed) as caught:
        services.programme_create(actor=world.user("university_staff"), data=bad)
    fields = {p.field: p for p in caught.value.problems}
    assert set(fields) == {
        "contract_type",
        "contract_title",
        "contract_ends_on",
        "partner_business_numbers",
    }
    assert "채용조건형" in fields["contract_type"].message_ko
    assert "hiring" in fields["contract_type"].message_en
    assert UniversityProgramme.objects.count() == 0


def test_a_special_admission_states_its_conditions_and_carries_no_contract(world: World) -> None:
    bad = _input(_university(world), kind="incumbent_special", admission_conditions="")
    with pytest.raises(ValidationFailed) as caught:
        services.programme_create(actor=world.user("university_staff"), data=bad)
    assert {p.field for p in caught.value.problems} == {"admission_conditions", "contract_type"}
    assert UniversityProgramme.objects.count() == 0


def test_programmes_are_seen_by_their_university_the_province_and_linked_graduates(
    world: World,
) -> None:
    university, _ = _linked(world)
    own = IncumbentSpecialFactory(university=university)
    other = IncumbentSpecialFactory()
    assert list(selectors.programmes_visible(world.user("university_staff"))) == [own]
    assert set(selectors.programmes_visible(world.user("province_officer"))) == {own, other}
    assert list(selectors.programmes_visible(world.user("student"))) == [own]
    assert list(selectors.programmes_visible(world.user("company_staff"))) == []


def test_the_university_sees_its_university_linked_courses(world: World) -> None:
    from vocnet.courses.tests.factories import CourseFactory

    university = _university(world)
    course = CourseFactory(host=university, course_type="university_linked")
    CourseFactory(host=university, course_type="joint_offline")
    listed = selectors.courses_of(world.user("university_staff"))
    assert [c.course_id for c in listed] == [course.pk]


# Consent ---------------------------------------------------------------------------------------


def test_the_graduate_gives_and_withdraws_consent_each_recorded_with_its_time(
    world: World,
) -> None:
    _, graduate = _linked(world)
    student = world.user("student")
    given = services.consent_give(actor=student, graduate_id=graduate.pk)
    assert given.given_at is not None
    assert given.withdrawn_at is None
    assert given.given_by == student
    withdrawn = services.consent_withdraw(actor=student, graduate_id=graduate.pk)
    assert withdrawn is not None
    assert withdrawn.withdrawn_at is not None
    again = services.consent_give(actor=student, graduate_id=graduate.pk)
    # The trail: two consents, the first withdrawn; three audit entries
    trail = list(UniversityConsent.objects.order_by("given_at", "pk"))
    assert trail == [withdrawn, again]
    assert [c.is_active for c in trail] == [False, True]
    assert AuditEvent.objects.filter(action__startswith="university_consent.").count() == 3


@pytest.mark.parametrize(
    "persona", ["school_staff_a", "province_officer", "university_staff", "guardian"]
)
def test_a_consent_by_anyone_but_the_graduate_is_refused_and_nothing_is_written(
    world: World, persona: str
) -> None:
    _, graduate = _linked(world)
    before = (UniversityConsent.objects.count(), AuditEvent.objects.count())
    with pytest.raises(PermissionDenied) as caught:
        services.consent_give(actor=world.user(persona), graduate_id=graduate.pk)
    error = caught.value
    assert error.code == "not_the_graduate"
    assert "졸업생 본인" in error.message_ko
    assert "graduate" in error.message_en
    assert error.problems[0].field == "graduate"
    assert (UniversityConsent.objects.count(), AuditEvent.objects.count()) == before


def test_a_withdrawal_by_anyone_but_the_graduate_is_refused(world: World) -> None:
    _, graduate = _linked(world)
    consent(graduate)
    with pytest.raises(PermissionDenied):
        services.consent_withdraw(actor=world.user("school_staff_a"), graduate_id=graduate.pk)
    assert UniversityConsent.objects.active().count() == 1


# What the university sees ----------------------------------------------------------------------


def test_a_non_consenting_graduate_is_invisible_and_a_withdrawal_hides_them_again(
    world: World,
) -> None:
    _, graduate = _linked(world)
    staff, student = world.user("university_staff"), world.user("student")
    # Given no consent: nobody
    assert selectors.consenting_graduates(staff, today=TODAY) == []
    # When the graduate consents: seen, eligible (hired 2 March 2022)
    services.consent_give(actor=student, graduate_id=graduate.pk)
    rows = selectors.consenting_graduates(staff, today=TODAY)
    assert [row.graduate for row in rows] == [graduate]
    assert rows[0].tenure.is_eligible
    assert rows[0].tenure.eligible_on == date(2025, 3, 2)
    # When they withdraw: gone again
    services.consent_withdraw(actor=student, graduate_id=graduate.pk)
    assert selectors.consenting_graduates(staff, today=TODAY) == []


def test_an_unlinked_school_or_university_sees_no_consenting_graduate(world: World) -> None:
    # A consenting graduate of school B, which has no agreement with the university
    _linked(world)
    student_b = world.student_b
    graduate_b = graduate_of(student_b)
    consent(graduate_b)
    staff = world.user("university_staff")
    assert graduate_b not in [r.graduate for r in selectors.consenting_graduates(staff)]
    # Another university, not a party to school A's agreement, sees nobody
    other = rf.OrganisationFactory(kind=OrganisationKind.UNIVERSITY)
    other_staff = rf.UserFactory()
    rf.MembershipFactory(user=other_staff, organisation=other, role="university_staff")
    assert selectors.consenting_graduates(other_staff) == []
    # Nor does a company or the school's staff (the consent is to universities)
    with pytest.raises(PermissionDenied):
        selectors.consenting_graduates(world.user("school_staff_a"))


def test_a_draft_agreement_links_nothing(world: World) -> None:
    from vocnet.agreements.models import PartyRole
    from vocnet.agreements.tests.factories import DraftAgreementFactory

    DraftAgreementFactory(
        lead=world.school_a.organisation,
        others=[(_university(world), PartyRole.MEMBER)],
        kind_code="school_university_linkage",
    )
    consent(graduate_of(world.student_a))
    assert selectors.consenting_graduates(world.user("university_staff")) == []


def test_eligible_only_keeps_the_graduates_with_three_years_in_work(world: World) -> None:
    _, graduate = _linked(world)
    consent(graduate)
    newer = DestinationFactory(department=world.objects["department_a"], graduation_year=2025)
    PathwayEvent.objects.create(graduate=newer, kind="hired", occurred_on=date(2025, 3, 2))
    consent(newer)
    staff = world.user("university_staff")
    assert len(selectors.consenting_graduates(staff, today=TODAY)) == 2
    eligible = selectors.consenting_graduates(staff, eligible_only=True, today=TODAY)
    assert [row.graduate for row in eligible] == [graduate]


def test_consenting_graduates_take_three_queries_whatever_their_number(
    world: World, django_assert_max_num_queries: Any
) -> None:
    _linked(world)
    for _ in range(8):
        g = DestinationFactory(department=world.objects["department_a"])
        PathwayEvent.objects.create(graduate=g, kind="hired", occurred_on=date(2025, 3, 2))
        consent(g)
    staff = world.user("university_staff")
    selectors.manages_programmes(staff)  # the actor is loaded once per request
    with django_assert_max_num_queries(3):
        assert len(selectors.consenting_graduates(staff)) == 8


# Applications and the cohort -----------------------------------------------------------------


def test_a_graduate_applies_the_university_admits_and_enrols_and_the_cohort_follows(
    world: World,
) -> None:
    university, graduate = _linked(world)
    programme = IncumbentSpecialFactory(university=university)
    student, staff = world.user("student"), world.user("university_staff")
    # Without consent the application is refused, nothing written
    with pytest.raises(ValidationFailed) as caught:
        services.application_create(
            actor=student, graduate_id=graduate.pk, programme_id=programme.pk
        )
    assert caught.value.problems[0].field == "consent"
    assert ProgrammeApplication.objects.count() == 0
    services.consent_give(actor=student, graduate_id=graduate.pk)
    application = services.application_create(
        actor=student, graduate_id=graduate.pk, programme_id=programme.pk
    )
    assert list(selectors.applications_visible(staff)) == [application]
    # Enrolled before admitted is refused
    with pytest.raises(ValidationFailed):
        services.application_decide(actor=staff, application_id=application.pk, status="enrolled")
    services.application_decide(actor=staff, application_id=application.pk, status="admitted")
    services.application_decide(
        actor=staff, application_id=application.pk, status="enrolled", enrolled_on=date(2026, 3, 2)
    )
    found = selectors.cohort(staff, today=TODAY)
    assert [(m.stage, m.enrolled_on) for m in found.members] == [("enrolled", date(2026, 3, 2))]
    PathwayEvent.objects.create(graduate=graduate, kind="completed", occurred_on=date(2026, 11, 1))
    assert selectors.cohort(staff, today=TODAY).counts == {
        "enrolled": 0,
        "continuing": 0,
        "completed": 1,
    }
    # When the graduate withdraws, the university no longer sees the application nor the cohort
    services.consent_withdraw(actor=student, graduate_id=graduate.pk)
    assert list(selectors.applications_visible(staff)) == []
    assert selectors.cohort(staff, today=TODAY).members == []
    # The graduate still sees their own
    assert list(selectors.applications_visible(student)) == [application]


def test_a_graduate_applies_only_to_programmes_of_linked_universities(world: World) -> None:
    _, graduate = _linked(world)
    consent(graduate)
    elsewhere = ContractDepartmentFactory()
    with pytest.raises(NotFound):
        services.application_create(
            actor=world.user("student"), graduate_id=graduate.pk, programme_id=elsewhere.pk
        )
    assert ProgrammeApplication.objects.count() == 0
