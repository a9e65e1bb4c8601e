"""Where graduates went: one row per graduate of a department and graduation year (issue 7,
item 2: "past destinations where known").

A graduate is named by a key of the school's choosing — the 학번 at graduation or an
anonymised number — never by name; a row may also point at the student record while the
school still keeps it. See docs/adr/0011-graduate-destinations.md.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.registry.models import CompanySize, DataOrigin

FIRST_GRADUATION_YEAR = 2000
GRADUATE_KEY_PATTERN = r"^[0-9A-Za-z-]{1,20}$"


def latest_graduation_year(today: date) -> int:
    """The last February graduation that has happened on ``today``: vocational high schools
    graduate in February, and the new school year starts on 1 March."""
    return today.year if today.month >= 3 else today.year - 1


class DestinationKind(models.TextChoices):
    """The destinations of the national graduate statistic (직업계고 졸업자 취업통계)."""

    EMPLOYED = "employed", _("취업")
    UNIVERSITY = "university", _("진학")
    MILITARY = "military", _("입대")
    OTHER = "other", _("기타(미취업 등)")
    UNKNOWN = "unknown", _("확인 안 됨")


class PathwayStatus(models.TextChoices):
    """A graduate's status on the reference day of the statistic (``indicators.summarise``)."""

    EMPLOYED = "employed", _("취업")
    HIGHER_EDUCATION = "higher_education", _("진학")
    ENLISTED = "enlisted", _("입대")
    EXEMPTED = "exempted", _("제외인정")
    NOT_EMPLOYED = "not_employed", _("미취업")
    UNKNOWN = "unknown", _("확인 안 됨")


class GraduateDestinationQuerySet(models.QuerySet["GraduateDestination"]):
    def with_relations(self) -> GraduateDestinationQuerySet:
        return self.select_related(
            "department__school__organisation__region",
            "department__ncs_middle",
            "company__organisation",
            "ncs_middle",
        )


class GraduateDestination(models.Model):
    """졸업생 진로 — where one graduate of a department went after graduating in February of
    ``graduation_year``: work (with the company and the NCS field of the job where known),
    university, military service, something else, or not known."""

    department = models.ForeignKey(
        "registry.Department",
        on_delete=models.PROTECT,
        related_name="graduate_destinations",
        verbose_name=_("졸업 학과"),
    )
    graduation_year = models.PositiveSmallIntegerField(
        _("졸업 연도"),
        validators=[MinValueValidator(FIRST_GRADUATION_YEAR), MaxValueValidator(2100)],
    )
    graduate_key = models.CharField(
        _("졸업생 번호"),
        max_length=20,
        validators=[
            RegexValidator(
                GRADUATE_KEY_PATTERN,
                "졸업생 번호는 영문·숫자·하이픈 1~20자입니다(이름은 적지 않습니다). / "
                "A graduate key has 1 to 20 letters, digits or hyphens (never a name).",
                code="graduate_key_invalid",
            )
        ],
        help_text=_("졸업 때의 학번이나 학교가 정한 익명 번호"),
    )
    student = models.OneToOneField(
        "registry.Student",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="destination",
        verbose_name=_("학생 기록"),
    )
    kind = models.CharField(_("진로"), max_length=20, choices=DestinationKind.choices)
    company = models.ForeignKey(
        "registry.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="graduate_destinations",
        verbose_name=_("취업 기업"),
    )
    ncs_middle = models.ForeignKey(
        "registry.NcsMiddle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="graduate_destinations",
        verbose_name=_("취업 분야(NCS 중분류)"),
    )
    note = models.CharField(_("비고"), max_length=200, blank=True)
    data_origin = models.CharField(
        _("자료 출처 구분"), max_length=20, choices=DataOrigin.choices, default=DataOrigin.ENTERED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록자"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)
    # The pathway summary the indicators count (issue 18): derived from the graduate's events
    # by ``indicators.summarise`` on every write of an event, never entered.
    pathway_status = models.CharField(
        _("기준일 상태"),
        max_length=20,
        choices=PathwayStatus.choices,
        default=PathwayStatus.UNKNOWN,
    )
    first_job_on = models.DateField(_("첫 입사일"), null=True, blank=True)
    days_to_first_job = models.PositiveIntegerField(_("첫 취업까지 일수"), null=True, blank=True)
    retained_6 = models.BooleanField(_("6개월 고용 유지"), null=True, blank=True)
    retained_12 = models.BooleanField(_("12개월 고용 유지"), null=True, blank=True)
    workplace_sigungu_code = models.CharField(_("근무지 시군구 코드"), max_length=5, blank=True)
    study_route = models.CharField(_("후학습 경로"), max_length=30, blank=True)
    works_in_school_city = models.BooleanField(_("학교와 같은 시군 근무"), null=True, blank=True)
    works_in_school_province = models.BooleanField(
        _("학교와 같은 시도 근무"), null=True, blank=True
    )

    objects = GraduateDestinationQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "졸업생 진로")
        verbose_name_plural = pgettext_lazy("model plural", "졸업생 진로")
        ordering = ["-graduation_year", "department_id", "graduate_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "graduation_year", "graduate_key"],
                name="graduate_destination_once_per_graduate",
            )
        ]
        indexes = [
            # Covers every column the destination tallies read (ADR 0020): the gap and
            # destination pages count a province's three cohorts (≈ 48,000 rows) from the
            # index alone instead of visiting each row (SQLite: 125 → 39 ms).
            models.Index(
                fields=["graduation_year", "department", "kind", "ncs_middle", "data_origin"],
                name="destination_year_tally",
            )
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.graduation_year} {self.graduate_key}: {self.kind}"

    @property
    def is_synthetic(self) -> bool:
        return self.data_origin in (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)

    @property
    def study_route_label(self) -> str:
        """The work-then-study route in the page's language (empty when none)."""
        return str(StudyRoute(self.study_route).label) if self.study_route else ""

    @property
    def is_in_field(self) -> bool:
        """Employed in the NCS field the department teaches (전공 일치 취업)."""
        return (
            self.kind == DestinationKind.EMPLOYED
            and self.ncs_middle_id is not None
            and self.ncs_middle_id == self.department.ncs_middle_id
        )


class EventKind(models.TextChoices):
    """What happened to a graduate (the values of ``indicators``' event kinds)."""

    HIRED = "hired", _("취업(입사)")
    INSURANCE_CHECK = "insurance_check", _("고용보험 확인")
    JOB_CHANGE = "job_change", _("이직")
    LEFT_WORK = "left", _("퇴직")
    ENLISTED = "enlisted", _("입대")
    ENROLLED = "enrolled", _("진학(입학)")
    COMPLETED = "completed", _("학업 마침(졸업)")
    EXEMPTED = "exempted", _("제외인정(통계 제외 사유)")


class EmploymentType(models.TextChoices):
    REGULAR = "regular", _("정규직")
    FIXED_TERM = "fixed_term", _("기간제")
    PART_TIME = "part_time", _("시간제")
    DISPATCHED = "dispatched", _("파견·용역")
    SELF_EMPLOYED = "self_employed", _("자영업·창업")


class WageBand(models.TextChoices):
    """Monthly wage before tax, in bands (never the exact wage)."""

    UNDER_200 = "under_200", _("월 200만 원 미만")
    FROM_200 = "200_250", _("월 200만~250만 원")
    FROM_250 = "250_300", _("월 250만~300만 원")
    FROM_300 = "300_plus", _("월 300만 원 이상")


class CheckSource(models.TextChoices):
    """Where an employment-insurance status comes from."""

    INSURANCE_DB = "insurance_db", _("고용보험 DB 조회(가져오기)")
    EMPLOYER = "employer", _("사업장 확인")
    GRADUATE = "graduate", _("졸업생 응답(추적 조사)")
    SCHOOL_CALL = "school_call", _("학교 확인(전화 등)")


class ServiceType(models.TextChoices):
    ACTIVE = "active", _("현역·상근 등")
    INDUSTRIAL_TECHNICAL = "industrial_technical", _("산업기능요원")


class StudyRoute(models.TextChoices):
    """The route of an enrolment (``rules.ROUTES``, with their sources)."""

    INCUMBENT_SPECIAL = "incumbent_special", _("재직자 특별전형")
    EARLY_EMPLOYMENT_CONTRACT = "early_employment_contract", _("조기취업형 계약학과")
    HIRING_CONTRACT = "hiring_contract", _("채용조건형 계약학과")
    RETRAINING_CONTRACT = "retraining_contract", _("재교육형 계약학과")
    CORPORATE_UNIVERSITY = "corporate_university", _("사내대학")
    OPEN_CYBER = "open_cyber", _("방송통신대·사이버대")
    REGULAR = "regular", _("일반 진학")


class PathwayEventQuerySet(models.QuerySet["PathwayEvent"]):
    def with_relations(self) -> PathwayEventQuerySet:
        return self.select_related("graduate__department__school__organisation", "company")


class PathwayEvent(models.Model):
    """진로 이력 — one dated event of a graduate's pathway after school: a hire (employer,
    KSIC, workplace region, employment type, weekly hours, wage band), an employment-insurance
    check at 3, 6 or 12 months with its source, a job change, leaving work, enlistment, an
    enrolment in higher education with its route, its completion, or an exemption from the
    statistic. Written only by ``services.event_record`` and the import, which keep the
    graduate's pathway summary up to date."""

    graduate = models.ForeignKey(
        GraduateDestination,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("졸업생"),
    )
    kind = models.CharField(_("사건"), max_length=20, choices=EventKind.choices)
    occurred_on = models.DateField(_("날짜"))
    company = models.ForeignKey(
        "registry.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="graduate_events",
        verbose_name=_("기업"),
    )
    employer_name = models.CharField(_("기업명(미등록 기업)"), max_length=100, blank=True)
    ksic_code = models.CharField(_("업종(KSIC)"), max_length=5, blank=True)
    workplace_sigungu_code = models.CharField(_("근무지 시군구 코드"), max_length=5, blank=True)
    employment_type = models.CharField(
        _("고용 형태"), max_length=20, choices=EmploymentType.choices, blank=True
    )
    weekly_hours = models.PositiveSmallIntegerField(
        _("주 소정근로시간"), null=True, blank=True, validators=[MaxValueValidator(68)]
    )
    wage_band = models.CharField(
        _("임금 구간"), max_length=20, choices=WageBand.choices, blank=True
    )
    # The employer's size when it is not a registered company (issue 18 §3: the incentive
    # needs a small, medium or mid-sized firm); a registered company's own size wins.
    firm_size = models.CharField(
        _("기업 규모"), max_length=10, choices=CompanySize.choices, blank=True
    )
    check_month = models.PositiveSmallIntegerField(
        _("확인 시점(입사 후 개월)"),
        null=True,
        blank=True,
        choices=[(3, _("3개월")), (6, _("6개월")), (12, _("12개월"))],
    )
    is_insured = models.BooleanField(_("고용보험 가입 중"), null=True, blank=True)
    source = models.CharField(
        _("확인 출처"), max_length=20, choices=CheckSource.choices, blank=True
    )
    service_type = models.CharField(
        _("복무 형태"), max_length=30, choices=ServiceType.choices, blank=True
    )
    route = models.CharField(_("진학 경로"), max_length=30, choices=StudyRoute.choices, blank=True)
    institution_name = models.CharField(_("학교(대학)명"), max_length=100, blank=True)
    note = models.CharField(_("비고"), max_length=200, blank=True)
    data_origin = models.CharField(
        _("자료 출처 구분"), max_length=20, choices=DataOrigin.choices, default=DataOrigin.ENTERED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록자"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    # The follow-up answer this event was written from (issue 18 §1): a new answer through
    # the same link replaces the events of the previous one.
    survey = models.ForeignKey(
        "FollowUpSurvey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("추적 조사 응답"),
    )

    objects = PathwayEventQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "진로 이력")
        verbose_name_plural = pgettext_lazy("model plural", "진로 이력")
        ordering = ["graduate_id", "occurred_on", "pk"]
        indexes = [models.Index(fields=["graduate", "occurred_on"], name="event_graduate_date")]

    def __str__(self) -> str:
        return f"{self.graduate.graduate_key} {self.occurred_on} {self.kind}"

    @property
    def is_synthetic(self) -> bool:
        return self.data_origin in (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)


class SurveyMonth(models.IntegerChoices):
    SIX = 6, _("6개월")
    TWELVE = 12, _("12개월")


class SurveyAnswer(models.TextChoices):
    WORKING = "working", _("일하고 있음")
    WORKING_AND_STUDYING = "working_studying", _("일하며 공부하고 있음")
    STUDYING = "studying", _("공부하고 있음")
    MILITARY = "military", _("군 복무 중")
    NEITHER = "neither", _("일도 공부도 하지 않음")


class FollowUpSurvey(models.Model):
    """추적 조사 — the follow-up question to a graduate 6 or 12 months after graduation: a
    link the school copies into an e-mail or a text message (vocnet sends nothing), opened
    without signing in through its unguessable token, and the answer with its date."""

    graduate = models.ForeignKey(
        GraduateDestination,
        on_delete=models.CASCADE,
        related_name="surveys",
        verbose_name=_("졸업생"),
    )
    month = models.PositiveSmallIntegerField(_("조사 시점"), choices=SurveyMonth.choices)
    token = models.CharField(_("응답 링크 토큰"), max_length=43, unique=True)
    answer = models.CharField(_("응답"), max_length=20, choices=SurveyAnswer.choices, blank=True)
    same_employer = models.BooleanField(_("첫 직장에 계속 다님"), null=True, blank=True)
    workplace_sigungu_code = models.CharField(_("근무지 시군구 코드"), max_length=5, blank=True)
    answered_on = models.DateField(_("응답일"), null=True, blank=True)
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    # What changed, when the answer says so (a new job, an enrolment, leaving, enlisting):
    # the events it becomes (``services.survey_events``).
    changed_on = models.DateField(_("변화가 생긴 날"), null=True, blank=True)
    employer_name = models.CharField(_("다니는 기업명"), max_length=100, blank=True)
    weekly_hours = models.PositiveSmallIntegerField(_("주 소정근로시간"), null=True, blank=True)
    firm_size = models.CharField(
        _("기업 규모"), max_length=10, choices=CompanySize.choices, blank=True
    )
    route = models.CharField(_("진학 경로"), max_length=30, choices=StudyRoute.choices, blank=True)
    institution_name = models.CharField(_("학교(대학)명"), max_length=100, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "추적 조사")
        verbose_name_plural = pgettext_lazy("model plural", "추적 조사")
        ordering = ["graduate_id", "month"]
        constraints = [
            models.UniqueConstraint(fields=["graduate", "month"], name="survey_once_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.graduate.graduate_key} {self.month}"


# Universities (issue 18 §4): their own module, so the app's other work merges cleanly.
from vocnet.pathways.models_universities import (  # noqa: E402
    ApplicationStatus as ApplicationStatus,
)
from vocnet.pathways.models_universities import (  # noqa: E402
    ContractType as ContractType,
)
from vocnet.pathways.models_universities import (  # noqa: E402
    ProgrammeApplication as ProgrammeApplication,
)
from vocnet.pathways.models_universities import (  # noqa: E402
    ProgrammeKind as ProgrammeKind,
)
from vocnet.pathways.models_universities import (  # noqa: E402
    UniversityConsent as UniversityConsent,
)
from vocnet.pathways.models_universities import (  # noqa: E402
    UniversityProgramme as UniversityProgramme,
)
