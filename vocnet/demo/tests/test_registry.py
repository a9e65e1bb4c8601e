"""The Gyeonggi demo (issue 2): real names where the sources are sure, synthetic and labelled
everything else, deterministic for a seed, and safe to load again.

The database tests load the demo at scale 0.02 (every real-named school, public body and
login; 5 synthetic schools, 64 companies, a few hundred students). The full-scale figures
are checked on the plan, which needs no database; the full load's timing is printed by
``manage.py load_demo``.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.db.models import Count, Q, Sum

from vocnet.core.permissions import actor_for
from vocnet.demo.registry import (
    DEMO_PASSWORD,
    DEMO_USERNAMES,
    demo_digest,
    demo_state,
    generate,
    load_demo,
    reset_demo,
)
from vocnet.demo.registry.companies import FULL_COMPANY_COUNT
from vocnet.demo.registry.fields import INDUSTRIES, PROFILES
from vocnet.demo.registry.inputs import load_inputs, school_name_core
from vocnet.demo.registry.names import SCHOOL_STEMS
from vocnet.demo.registry.schools import REAL_SCHOOL_HINTS, SYNTHETIC_NEIS_PREFIX
from vocnet.registry.models import (
    Company,
    DataOrigin,
    Department,
    Guardian,
    GuardianLink,
    Membership,
    Organisation,
    PilotDistrict,
    Region,
    School,
    SchoolDesignation,
    Student,
)
from vocnet.registry.reference import read_csv
from vocnet.registry.validators import business_number_is_valid

SCALE = 0.02
SCHOOL_YEAR = 2026
REAL_NAMED_SCHOOLS = 27  # 15 current + 12 "verify current status" rows of the school list
SMALL_SYNTHETIC_SCHOOLS = 5  # 2 by allocation + the 3 consortium members
BASE_SCHOOL = "경기자동차과학고등학교"
DEMO_ORIGINS = {DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC}


@pytest.fixture
def demo(db: Any) -> None:
    load_demo(scale=SCALE, school_year=SCHOOL_YEAR)


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, scale=SCALE, school_year=SCHOOL_YEAR, stdout=out, verbosity=1)
    return out.getvalue()


def _table_counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "schools": School.objects.count(),
        "designations": SchoolDesignation.objects.count(),
        "departments": Department.objects.count(),
        "students": Student.objects.count(),
        "companies": Company.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
    }


# --- the plan at full scale (no database) -------------------------------------------------


@pytest.fixture(scope="module")
def full_plan() -> Any:
    return generate(seed=2025, scale=1.0, school_year=SCHOOL_YEAR)


def test_full_scale_plan_reaches_the_issue_figures(full_plan: Any) -> None:
    # given the plan of the default seed at full scale
    schools = full_plan.schools
    # then it has the real scale of Gyeonggi's vocational education
    assert len(schools) >= 110
    assert len(full_plan.companies) == FULL_COMPANY_COUNT >= 3000
    assert full_plan.student_count >= 40_000
    types = Counter(s.school_type for s in schools)
    assert types["meister"] == 3
    assert 2 <= types["general_vocational"] <= 5
    private_share = sum(s.establishment == "private" for s in schools) / len(schools)
    assert 0.2 <= private_share <= 0.4


def test_full_scale_plan_spreads_schools_by_region(full_plan: Any) -> None:
    per_region = Counter(s.organisation.region_code for s in full_plan.schools)
    assert len([code for code in per_region if code]) == 31
    for small in ("41800", "41820", "41290"):  # 연천, 가평, 과천
        assert 1 <= per_region[small] <= 2
    for big in ("41110", "41130", "41270", "41190", "41280"):  # 수원, 성남, 안산, 부천, 고양
        assert per_region[big] >= 5


def test_full_scale_departments_have_3_to_6_departments_and_plausible_capacity(
    full_plan: Any,
) -> None:
    for school in full_plan.schools:
        assert 3 <= len(school.departments) <= 6
        assert len({d.name_ko for d in school.departments}) == len(school.departments)
        for department in school.departments:
            assert 20 <= department.intake_capacity <= 100
            grade_1, _grade_2, grade_3 = department.enrolled
            assert grade_1 <= department.intake_capacity
            assert grade_3 <= grade_1 + 2


def test_full_scale_students_match_enrolment_and_have_unique_numbers(full_plan: Any) -> None:
    for school in full_plan.schools:
        numbers = [st.student_number for d in school.departments for st in d.students]
        assert len(numbers) == len(set(numbers))
        for department in school.departments:
            per_grade = Counter(st.grade for st in department.students)
            assert (per_grade[1], per_grade[2], per_grade[3]) == department.enrolled
            for student in department.students:
                born = SCHOOL_YEAR - 15 - student.grade
                assert student.birth_date.year in (born, born - 1)
                assert student.student_number[0] == str(student.grade)


def test_full_scale_company_mix_follows_gyeonggi_industries(full_plan: Any) -> None:
    divisions = Counter(c.ksic_division for c in full_plan.companies)
    # semiconductors/electronic components lead; cars, machinery and IT follow
    assert divisions.most_common(1)[0][0] == "26"
    for division in ("30", "21", "62", "63", "58", "52", "49", "10", "29", "28", "20"):
        assert divisions[division] > 0
    sizes = Counter(c.size_class for c in full_plan.companies)
    assert sizes["sme"] + sizes["micro"] > 0.8 * len(full_plan.companies)
    assert 0 < sizes["large"] < 0.05 * len(full_plan.companies)
    semiconductor_regions = Counter(
        c.organisation.region_code for c in full_plan.companies if c.ksic_division == "26"
    )
    top = {code for code, _ in semiconductor_regions.most_common(4)}
    assert top & {"41460", "41500", "41590", "41220"}  # 용인, 이천, 화성, 평택


def test_synthetic_school_names_never_take_a_real_name(full_plan: Any) -> None:
    known = load_inputs().known_school_cores
    synthetic = [s.organisation.name_ko for s in full_plan.schools if not s.is_real_name]
    assert len(synthetic) == len(set(synthetic))
    assert not {school_name_core(name) for name in synthetic} & known
    assert "용인반도체" in known  # the planned school's core is kept free
    stems = {st for group in SCHOOL_STEMS.values() for st in group}
    stems |= {region.stem for region in load_inputs().regions.values()}
    generic = {f"{stem}{word}고등학교" for stem in stems for word in ("공업", "상업", "농업")}
    assert not set(synthetic) & generic


def test_the_plan_is_the_same_for_the_same_seed_and_differs_for_another() -> None:
    first = generate(seed=11, scale=0.05, school_year=SCHOOL_YEAR)
    again = generate(seed=11, scale=0.05, school_year=SCHOOL_YEAR)
    other = generate(seed=12, scale=0.05, school_year=SCHOOL_YEAR)
    assert first == again
    assert first.companies != other.companies


def test_every_code_the_generator_uses_is_in_the_reference_data() -> None:
    inputs = load_inputs()
    ncs = {code for p in PROFILES.values() for _, code in p.departments}
    ncs |= {code for hint in REAL_SCHOOL_HINTS.values() for _, code in hint.departments}
    assert ncs <= inputs.ncs_codes
    assert {industry.ksic_division for industry in INDUSTRIES} <= inputs.ksic_codes


# --- the demo in the database (small scale) -----------------------------------------------


def test_small_demo_has_every_real_name_public_body_and_login(demo: None) -> None:
    kinds = Counter(Organisation.objects.values_list("kind", flat=True))
    assert kinds["school"] == REAL_NAMED_SCHOOLS + SMALL_SYNTHETIC_SCHOOLS
    assert (
        School.objects.filter(organisation__data_origin=DataOrigin.REAL_NAME_SYNTHETIC).count()
        == REAL_NAMED_SCHOOLS
    )
    assert kinds["company"] == Company.objects.count() == round(FULL_COMPANY_COUNT * SCALE)
    assert kinds["province"] == 1
    assert kinds["city_county"] == 31
    assert kinds["education_office"] == 1
    assert kinds["support_office"] == 25
    assert kinds["public_agency"] == 1
    assert kinds["university"] == 12
    assert kinds["industry_body"] == 7
    assert get_user_model().objects.filter(username__in=DEMO_USERNAMES).count() == 9
    assert Membership.objects.count() == 9


def test_base_school_is_the_2025_moe_agreement_base_in_siheung(demo: None) -> None:
    school = School.objects.select_related("organisation__region").get(
        organisation__name_ko=BASE_SCHOOL
    )
    assert school.organisation.region is not None
    assert school.organisation.region.sigungu_code == "41390"
    assert school.organisation.data_origin == DataOrigin.REAL_NAME_SYNTHETIC
    assert school.neis_code.startswith(SYNTHETIC_NEIS_PREFIX)
    designation = school.designations.get(kind="moe_agreement")
    assert (designation.year, designation.role, designation.field_note) == (
        2025,
        "base",
        "미래자동차",
    )


def test_consortium_members_are_synthetic_siheung_or_ansan_schools(demo: None) -> None:
    members = SchoolDesignation.objects.filter(
        kind="moe_agreement", year=2025, role="member"
    ).select_related("school__organisation__region")
    assert members.count() == 3
    for member in members:
        organisation = member.school.organisation
        assert organisation.data_origin == DataOrigin.SYNTHETIC
        assert organisation.region is not None
        assert organisation.region.sigungu_code in ("41390", "41270")


def test_gyeonggi_model_schools_have_their_2025_designations(demo: None) -> None:
    expected: dict[str, set[str]] = {"gg_agreement": set(), "gg_hightech": set()}
    for row in read_csv("gyeonggi_model_schools_2025.csv"):
        kind = "gg_hightech" if "하이테크" in row["model_type"] else "gg_agreement"
        expected[kind].add(row["school_name_ko"])
    for kind, names in expected.items():
        designated = set(
            SchoolDesignation.objects.filter(kind=kind, year=2025).values_list(
                "school__organisation__name_ko", flat=True
            )
        )
        assert designated == names
    assert len(expected["gg_agreement"]) == 8
    assert len(expected["gg_hightech"]) == 2


def test_school_with_a_guessed_or_unknown_city_has_no_region(demo: None) -> None:
    unsure = [
        row["school_name_ko"]
        for row in read_csv("gyeonggi_vocational_schools.csv")
        if ("GUESS" in row["city_basis"] or row["city_basis"] == "unknown")
        and not row["status"].startswith("historical")
    ]
    assert unsure  # 경기게임마이스터고, 경민IT고, 한국문화영상고, 경기글로벌통상고
    for name in unsure:
        organisation = Organisation.objects.get(kind="school", name_ko=name)
        assert organisation.region_id is None
        assert "소재지 미확인" in organisation.source_note


def test_historical_and_planned_schools_are_not_loaded(demo: None) -> None:
    skipped = [
        row["school_name_ko"]
        for row in read_csv("gyeonggi_vocational_schools.csv")
        if row["status"].startswith(("historical", "planned"))
    ]
    assert len(skipped) == 6
    assert not Organisation.objects.filter(name_ko__in=skipped).exists()
    assert not Organisation.objects.filter(name_ko="용인반도체고등학교").exists()


def test_suwon_hitech_keeps_its_single_source_neis_code(demo: None) -> None:
    school = School.objects.get(organisation__name_ko="수원하이텍고등학교")
    assert school.neis_code == "7530900"
    assert school.school_type == "meister"
    assert "single source" in school.organisation.source_note


def test_every_school_in_a_pilot_district_region_is_designated(demo: None) -> None:
    pilot_offices = dict(
        PilotDistrict.objects.filter(year=2025).values_list("support_office", "pk")
    )
    assert len(pilot_offices) == 7
    for school in School.objects.select_related("organisation__region"):
        region = school.organisation.region
        district = pilot_offices.get(region.support_office_id) if region else None
        designation = school.designations.filter(kind="pilot_district", year=2025).first()
        if district is None:
            assert designation is None
        else:
            assert designation is not None
            assert designation.pilot_district_id == district


def test_every_demo_row_is_labelled(demo: None) -> None:
    for kind in ("school", "company", "university", "industry_body"):
        origins = set(Organisation.objects.filter(kind=kind).values_list("data_origin", flat=True))
        assert origins <= DEMO_ORIGINS, kind
    official_kinds = set(
        Organisation.objects.filter(data_origin=DataOrigin.OFFICIAL).values_list("kind", flat=True)
    )
    assert official_kinds == {
        "province",
        "city_county",
        "education_office",
        "support_office",
        "public_agency",
    }
    assert (
        not Organisation.objects.filter(
            data_origin=DataOrigin.OFFICIAL, kind__in=["province", "city_county"]
        )
        .exclude(phone="", email="", address="")
        .exists()
    )
    assert not Student.objects.filter(is_synthetic=False).exists()
    for name in Organisation.objects.filter(kind__in=["university", "industry_body"]).values_list(
        "name_ko", flat=True
    ):
        assert name.endswith("(가상)")


def test_students_per_department_and_grade_equal_its_enrolment(demo: None) -> None:
    rows = Student.objects.values("department", "grade").annotate(n=Count("pk"))
    counted = {(row["department"], row["grade"]): row["n"] for row in rows}
    for department in Department.objects.all():
        for grade in (1, 2, 3):
            expected = getattr(department, f"enrolled_grade_{grade}")
            assert counted.get((department.pk, grade), 0) == expected
    total = Department.objects.aggregate(
        n=Sum("enrolled_grade_1") + Sum("enrolled_grade_2") + Sum("enrolled_grade_3")
    )["n"]
    assert Student.objects.count() == total


def test_business_numbers_are_valid_unique_and_synthetic(demo: None) -> None:
    numbers = list(Company.objects.values_list("business_number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert all(business_number_is_valid(n) and n.startswith("000") for n in numbers)


LOGINS = [
    ("province", "province_officer", "경기도교육청"),
    ("office", "support_office_officer", "경기도시흥교육지원청"),
    ("school", "school_staff", BASE_SCHOOL),
    ("school2", "school_staff", "삼일공업고등학교"),
    ("company", "company_staff", None),
    ("localgov", "local_government_officer", "시흥시"),
    ("university", "university_staff", "경기테크노대학교(가상)"),
    ("student", "student", BASE_SCHOOL),
    ("guardian", "guardian", BASE_SCHOOL),
]


@pytest.mark.parametrize(("username", "role", "organisation"), LOGINS)
def test_every_demo_login_exists_with_its_role(
    demo: None, username: str, role: str, organisation: str | None
) -> None:
    user = get_user_model().objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD)
    assert user.name
    assert not user.is_superuser
    assert user.is_staff == (username == "province")
    membership = Membership.objects.select_related("organisation__region").get(user=user)
    assert membership.role == role
    if organisation is None:  # the company login: a company in 시흥시
        assert membership.organisation.kind == "company"
        assert membership.organisation.region is not None
        assert membership.organisation.region.sigungu_code == "41390"
    else:
        assert membership.organisation.name_ko == organisation


def test_demo_password_passes_the_password_validators(demo: None) -> None:
    for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES):
        validate_password(DEMO_PASSWORD, user)


def test_student_and_guardian_logins_point_at_the_same_student(demo: None) -> None:
    student = Student.objects.select_related("school__organisation").get(user__username="student")
    assert student.school.organisation.name_ko == BASE_SCHOOL
    assert student.grade == 3
    link = GuardianLink.objects.get(guardian__user__username="guardian")
    assert link.student == student
    assert link.relationship == "모"
    assert actor_for(student.user).student_id == student.pk
    guardian_user = Guardian.objects.get(user__username="guardian").user
    assert actor_for(guardian_user).guardian_student_ids == frozenset({student.pk})


def test_office_login_covers_the_region_of_the_base_school(demo: None) -> None:
    office = get_user_model().objects.get(username="office")
    siheung = Region.objects.get(sigungu_code="41390")
    assert actor_for(office).region_ids == frozenset({siheung.pk})


def test_full_clean_passes_on_a_sample_of_each_model(demo: None) -> None:
    samples: list[Any] = []
    for kind in Organisation.objects.order_by("kind").values_list("kind", flat=True).distinct():
        samples += list(Organisation.objects.filter(kind=kind).order_by("pk")[:5])
    for model in (
        School,
        SchoolDesignation,
        Department,
        Student,
        Company,
        Membership,
        Guardian,
        GuardianLink,
    ):
        samples += list(model.objects.order_by("pk")[:20])  # type: ignore[attr-defined]
    samples += list(Student.objects.order_by("-pk")[:20])
    samples += list(SchoolDesignation.objects.filter(~Q(role=""))[:5])
    for obj in samples:
        obj.full_clean()
    # the seeded demo's rows by model (an empty demo would check nothing and pass)
    checked = Counter(type(obj).__name__ for obj in samples)
    assert checked == {
        # 5 of each of the 9 kinds, but the 3 kinds with one row each
        "Organisation": 33,
        "School": 20,
        "SchoolDesignation": 24,  # 20 + 4 with a consortium role
        "Department": 20,
        "Student": 40,
        "Company": 20,
        "Membership": 9,  # one per demo login
        "Guardian": 1,
        "GuardianLink": 1,
    }


# --- determinism and the command --------------------------------------------------------


def test_same_seed_gives_the_same_rows_after_a_reset(db: Any) -> None:
    # given the demo loaded once
    load_demo(seed=2025, scale=SCALE, school_year=SCHOOL_YEAR)
    first = demo_digest()
    # when it is deleted and loaded again with the same seed (new ids, same rows)
    reset_demo()
    assert demo_state() == "absent"
    load_demo(seed=2025, scale=SCALE, school_year=SCHOOL_YEAR)
    # then the rows are identical
    assert demo_digest() == first
    # and another seed gives other rows
    reset_demo()
    load_demo(seed=2026, scale=SCALE, school_year=SCHOOL_YEAR)
    assert demo_digest() != first


def test_running_the_command_again_changes_nothing(db: Any) -> None:
    first_output = _command()
    counts = _table_counts()
    second_output = _command()
    assert "Gyeonggi demo loaded" in first_output
    assert "demo already loaded" in second_output
    assert "vocnet-demo-2025!" in second_output
    assert _table_counts() == counts


def test_reset_deletes_and_reloads_the_demo(db: Any) -> None:
    _command()
    counts, digest = _table_counts(), demo_digest()
    output = _command("--reset")
    assert "demo rows deleted" in output
    assert _table_counts() == counts
    assert demo_digest() == digest


def test_partial_demo_is_refused_without_reset(db: Any) -> None:
    _command()
    get_user_model().objects.filter(username="guardian").delete()
    counts = _table_counts()
    with pytest.raises(CommandError, match="--reset"):
        _command()
    assert _table_counts() == counts


def test_a_failed_reload_keeps_the_demo_that_was_there(db: Any) -> None:
    _command()
    counts, digest = _table_counts(), demo_digest()
    out = io.StringIO()
    with pytest.raises(CommandError, match="scale"):
        call_command("load_demo", "--reset", scale=0, stdout=out)
    assert _table_counts() == counts
    assert demo_digest() == digest
