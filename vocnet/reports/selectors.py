"""Read models of the home pages and the province overview.

Every figure is computed from querysets that went through the permission layer
(``vocnet.registry.selectors`` and ``vocnet.core.permissions.restrict``), so a page can only
count what its reader may see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from vocnet.core.i18n import josa
from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.registry.models import (
    SYNTHETIC_ORIGINS,
    Company,
    Department,
    Organisation,
    School,
    Student,
)
from vocnet.registry.selectors import RegistryFilters, StudentFilters, school_list, student_list
from vocnet.reports.home import HOME_ITEM_PROVIDERS

# A grade-1 cohort below this share of the intake capacity is flagged on the home page.
UNDERFILLED_SHARE = 0.7


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    url: str | None = None
    # How much of ``value`` comes from synthetic demo rows (the page says "합성 포함 n / N").
    synthetic: int = 0
    # What ``value`` counts (``vocnet.core.i18n.FIGURE_UNITS``): the card shows "1,234명".
    unit: str = "people"


_SYNTHETIC_ORGANISATION = Q(organisation__data_origin__in=SYNTHETIC_ORIGINS)
_SYNTHETIC_SCHOOL = Q(school__organisation__data_origin__in=SYNTHETIC_ORIGINS)


def _counted(queryset: Any, synthetic: Q) -> tuple[int, int]:
    """How many rows, and how many of them synthetic: one query."""
    counts = queryset.aggregate(n=Count("pk"), s=Count("pk", filter=synthetic))
    return counts["n"], counts["s"]


def _counted_by_flag(queryset: Any, flag: str) -> tuple[int, int]:
    """How many rows, and how many of them have the boolean ``flag``: one query grouped by the
    flag (at most two rows), whose ``COUNT(*)`` needs only the flag's column — an index on it
    (e.g. ``student_enrolled_synthetic_idx``) answers without reading the table."""
    counts = {
        bool(value): n for value, n in queryset.order_by().values_list(flag).annotate(n=Count("*"))
    }
    return counts.get(False, 0) + counts.get(True, 0), counts.get(True, 0)


def _figure(label: str, counts: tuple[int, int], url: str | None = None, *, unit: str) -> Figure:
    return Figure(label, counts[0], url, counts[1], unit)


@dataclass(frozen=True)
class Todo:
    text: str
    url: str | None = None


@dataclass
class Home:
    role: str | None
    heading: str
    figures: list[Figure] = field(default_factory=list)
    todos: list[Todo] = field(default_factory=list)
    empty_hint: str | None = None
    organisation: Organisation | None = None
    departments: list[Department] = field(default_factory=list)
    departments_export_url: str | None = None
    students: list[Student] = field(default_factory=list)


def _directory(**params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("registry:directory") + (f"?{query}" if query else "")


_UNDERFILLED = Q(is_active=True, enrolled_grade_1__lt=F("intake_capacity") * UNDERFILLED_SHARE)


def underfilled_departments(departments: Any) -> Any:
    return departments.filter(_UNDERFILLED)


def _is_underfilled(department: Department) -> bool:
    """``_UNDERFILLED`` of a department already read (whole numbers against ``UNDERFILLED_SHARE``
    of another: the same comparison as the database's)."""
    return (
        department.is_active
        and department.enrolled_grade_1 < department.intake_capacity * UNDERFILLED_SHARE
    )


def _province_home(user: UserLike) -> Home:
    # The schools' figure and the count without a known location: one query; the
    # departments' figure and the count of underfilled ones (``_add_underfilled``'s, whose
    # scope is every department the province sees): one query.
    school_counts = school_list(user=user, filters=RegistryFilters()).aggregate(
        n=Count("pk"),
        s=Count("pk", filter=_SYNTHETIC_ORGANISATION),
        unplaced=Count("pk", filter=Q(organisation__region__isnull=True)),
    )
    department_counts = restrict(user, Department.objects.filter(is_active=True)).aggregate(
        n=Count("pk"),
        s=Count("pk", filter=_SYNTHETIC_SCHOOL),
        underfilled=Count("pk", filter=_UNDERFILLED),
    )
    home = Home(role="province_officer", heading=_("경기도 직업교육 현황"))
    home.figures = [
        _figure(
            _("직업계고"),
            (school_counts["n"], school_counts["s"]),
            _directory(kind="school"),
            unit="schools",
        ),
        _figure(
            pgettext("plural", "학과"),
            (department_counts["n"], department_counts["s"]),
            unit="departments",
        ),
        _figure(
            _("재학생"),
            _counted_by_flag(
                restrict(user, Student.objects.filter(is_enrolled=True)), "is_synthetic"
            ),
            unit="people",
        ),
        _figure(
            _("기업"),
            _counted(restrict(user, Company.objects.all()), _SYNTHETIC_ORGANISATION),
            _directory(kind="company"),
            unit="companies",
        ),
    ]
    unplaced = school_counts["unplaced"]
    if unplaced:
        home.todos.append(
            Todo(
                ngettext(
                    "소재지가 확인되지 않은 학교 %(count)d곳: 주소를 확인해 등록하세요.",
                    "소재지가 확인되지 않은 학교 %(count)d곳: 주소를 확인해 등록하세요.",
                    unplaced,
                )
                % {"count": unplaced},
                _directory(kind="school", region="none"),
            )
        )
    _add_underfilled_count(home, department_counts["underfilled"])
    return home


def _add_underfilled(home: Home, user: UserLike, scope: Q) -> None:
    departments = underfilled_departments(
        restrict(user, Department.objects.filter(scope))
    ).select_related("school__organisation")
    _add_underfilled_count(home, departments.count())


def _add_underfilled_count(home: Home, count: int) -> None:
    if count:
        home.todos.append(
            Todo(
                ngettext(
                    "1학년 재학생이 입학 정원의 70%% 미만인 학과 %(count)d곳: "
                    "모집 계획을 점검하세요.",
                    "1학년 재학생이 입학 정원의 70%% 미만인 학과 %(count)d곳: "
                    "모집 계획을 점검하세요.",
                    count,
                )
                % {"count": count}
            )
        )


def _support_office_home(user: UserLike) -> Home:
    actor = actor_for(user)
    schools = school_list(user=user, filters=RegistryFilters()).filter(
        organisation__region_id__in=actor.region_ids
    )
    home = Home(role="support_office_officer", heading=_("관할 지역 직업교육 현황"))
    students = student_list(user=user, filters=StudentFilters())
    school_counts = _counted(schools, _SYNTHETIC_ORGANISATION)
    home.figures = [
        _figure(_("관할 직업계고"), school_counts, unit="schools"),
        _figure(_("관할 재학생"), _counted(students, Q(is_synthetic=True)), unit="people"),
        _figure(
            _("관할 기업"),
            _counted(
                restrict(
                    user, Company.objects.filter(organisation__region_id__in=actor.region_ids)
                ),
                _SYNTHETIC_ORGANISATION,
            ),
            unit="companies",
        ),
    ]
    _add_underfilled(home, user, Q(school__organisation__region_id__in=actor.region_ids))
    if not school_counts[0]:
        home.empty_hint = _("관할 지역에 등록된 학교가 없습니다. 기관 찾기에서 학교를 등록하세요.")
    return home


def _school_home(user: UserLike) -> Home:
    actor = actor_for(user)
    school = (
        restrict(user, School.objects.select_related("organisation"))
        .filter(pk__in=actor.organisations("school_staff"))
        .first()
    )
    home = Home(role="school_staff", heading=_("우리 학교"))
    if school is None:
        home.empty_hint = _("소속 학교가 없습니다. 도교육청에 소속 등록을 요청하세요.")
        return home
    home.organisation = school.organisation
    departments = restrict(user, Department.objects.filter(school=school)).select_related(
        "ncs_middle"
    )
    home.departments = list(departments)
    home.departments_export_url = (
        f"{reverse('api:export_departments')}?organisation={school.organisation_id}"
    )
    # The sums of the rows just read (whole numbers: the same as SQL's SUM, without a query).
    totals = {
        key: sum(getattr(d, name) for d in home.departments)
        for key, name in (
            ("capacity", "intake_capacity"),
            ("g1", "enrolled_grade_1"),
            ("g2", "enrolled_grade_2"),
            ("g3", "enrolled_grade_3"),
        )
    }
    # A synthetic school's (or a real name's synthetic) departments are synthetic, all of them.
    invented = school.organisation.is_synthetic
    enrolled = sum(totals[k] or 0 for k in ("g1", "g2", "g3"))
    home.figures = [
        Figure(
            pgettext("plural", "학과"),
            len(home.departments),
            synthetic=len(home.departments) if invented else 0,
            unit="departments",
        ),
        Figure(
            _("입학 정원"),
            totals["capacity"] or 0,
            synthetic=(totals["capacity"] or 0) if invented else 0,
            unit="people",
        ),
        Figure(_("재학생"), enrolled, synthetic=enrolled if invented else 0, unit="people"),
    ]
    if not home.departments:
        home.empty_hint = _("등록된 학과가 없습니다. 학교 정보에서 학과를 등록하세요.")
    # The underfilled among the departments just read (the same rows ``_add_underfilled``
    # would count again in SQL).
    _add_underfilled_count(home, sum(1 for d in home.departments if _is_underfilled(d)))
    return home


def _company_home(user: UserLike) -> Home:
    actor = actor_for(user)
    company = (
        restrict(user, Company.objects.select_related("organisation", "ksic_division"))
        .filter(pk__in=actor.organisations("company_staff"))
        .first()
    )
    home = Home(role="company_staff", heading=_("우리 기업"))
    if company is None:
        home.empty_hint = _("소속 기업이 없습니다. 도교육청에 소속 등록을 요청하세요.")
        return home
    home.organisation = company.organisation
    missing = [
        label
        for label, value in (
            (_("대표 전화"), company.organisation.phone),
            (_("대표 이메일"), company.organisation.email),
            (_("주소"), company.organisation.address),
        )
        if not value
    ]
    if missing:
        home.todos.append(
            Todo(
                _("기업 정보에 %(fields)s 등록하세요.")
                % {"fields": josa(", ".join(missing), "을/를")}
            )
        )
    nearby = (
        school_list(
            user=user, filters=RegistryFilters(region=company.organisation.region.sigungu_code)
        )
        if company.organisation.region
        else School.objects.none()
    )
    home.figures = [
        _figure(_("같은 지역 직업계고"), _counted(nearby, _SYNTHETIC_ORGANISATION), unit="schools")
    ]
    return home


def _person_home(user: UserLike, role: str) -> Home:
    students = list(student_list(user=user, filters=StudentFilters()))
    heading = _("나의 학적 정보") if role == "student" else _("자녀의 학적 정보")
    home = Home(role=role, heading=heading, students=students)
    if not students:
        home.empty_hint = _("연결된 학생 정보가 없습니다. 학교 담당 선생님께 연결을 요청하세요.")
    return home


def _partner_home(user: UserLike, role: str) -> Home:
    actor = actor_for(user)
    organisation = (
        restrict(user, Organisation.objects.select_related("region"))
        .filter(pk__in=actor.staff_organisation_ids)
        .first()
    )
    home = Home(role=role, heading=_("협력 현황"), organisation=organisation)
    if organisation is not None and organisation.region is not None:
        region = organisation.region
        invented = Q(data_origin__in=SYNTHETIC_ORIGINS)
        counts = restrict(user, Organisation.objects.filter(region=region)).aggregate(
            schools=Count("pk", filter=Q(kind="school")),
            companies=Count("pk", filter=Q(kind="company")),
            synthetic_schools=Count("pk", filter=Q(kind="school") & invented),
            synthetic_companies=Count("pk", filter=Q(kind="company") & invented),
        )
        home.figures = [
            Figure(
                _("지역 직업계고"),
                counts["schools"],
                _directory(kind="school", region=region.sigungu_code),
                counts["synthetic_schools"],
                unit="schools",
            ),
            Figure(
                _("지역 기업"),
                counts["companies"],
                _directory(kind="company", region=region.sigungu_code),
                counts["synthetic_companies"],
                unit="companies",
            ),
        ]
    home.empty_hint = _(
        "협약과 협력 사업이 등록되면 여기에 표시됩니다. 기관 찾기에서 협력 기관을 찾아보세요."
    )
    return home


def _with_extension_items(home: Home, user: UserLike) -> Home:
    """Items from the apps built on the registry (vocnet/reports/home.py):
    ``text``/``url`` items are things to act on; ``label``/``value`` items are figures."""
    for provider in HOME_ITEM_PROVIDERS:
        for item in provider(user=user):
            if hasattr(item, "text"):
                home.todos.append(Todo(item.text, item.url or None))
            else:
                home.todos.append(Todo(f"{item.label}: {item.value}", item.url or None))
    return home


def home_for(user: UserLike) -> Home:
    """The home page of the user's primary role: key figures and what to act on, including
    what the other apps (agreements, demand) ask of the user."""
    return _with_extension_items(_home_for_role(user), user)


def _home_for_role(user: UserLike) -> Home:
    from vocnet.reports.navigation import primary_role

    role = primary_role(actor_for(user))
    if role == "province_officer":
        return _province_home(user)
    if role == "support_office_officer":
        return _support_office_home(user)
    if role == "school_staff":
        return _school_home(user)
    if role == "company_staff":
        return _company_home(user)
    if role in ("student", "guardian"):
        return _person_home(user, role)
    if role in ("local_government_officer", "university_staff"):
        return _partner_home(user, role)
    return Home(
        role=None,
        heading=_("환영합니다"),
        empty_hint=_("아직 소속 기관이 없습니다. 도교육청에 소속 등록을 요청하세요."),
    )
