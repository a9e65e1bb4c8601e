"""Course offerings (과목 개설): a term, the courses offered in it, their weekly slots and their
instructors.

A course is offered by a school, a company, a university or an education office for one term.
It is seen in the catalogue once the support office of its venue (or the province, for a
province-wide course) approved it; a returned course carries the reviewer's reason.
"""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Term(models.Model):
    """학기 — the term courses are offered for, with its application window (수강 신청 기간)."""

    name = models.CharField(_("학기명"), max_length=100)
    year = models.PositiveSmallIntegerField(_("연도"))
    semester = models.PositiveSmallIntegerField(_("학기"), choices=[(1, "1"), (2, "2")])
    starts_on = models.DateField(_("수업 시작일"))
    ends_on = models.DateField(_("수업 종료일"))
    applications_open_at = models.DateTimeField(_("수강 신청 시작"))
    applications_close_at = models.DateTimeField(_("수강 신청 마감"))
    max_choices = models.PositiveSmallIntegerField(_("최대 지망 수"), default=5)
    # How many courses one student may be given this term: the allocation's rounds
    # (vocnet's default of 2 is a policy choice, not a rule found in statute).
    max_courses = models.PositiveSmallIntegerField(_("학생당 최대 배정 과목 수"), default=2)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "학기")
        verbose_name_plural = pgettext_lazy("model plural", "학기")
        ordering = ["-year", "-semester", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applications_close_at__gt=models.F("applications_open_at")),
                name="term_window_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="term_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name on Korean pages; on English pages the year and semester, since a term's
        name is entered in Korean only."""
        from vocnet.core.i18n import is_english

        if not is_english():
            return self.name
        label = f"{self.year} semester {self.semester}"
        return f"{label} (synthetic)" if self.is_synthetic else label


class CourseType(models.TextChoices):
    JOINT_ONLINE = "joint_online", _("공동교육과정(온라인)")
    JOINT_OFFLINE = "joint_offline", _("공동교육과정(오프라인)")
    COMPANY_TAILORED = "company_tailored", _("취업맞춤반")
    UNIVERSITY_LINKED = "university_linked", _("대학연계 과목")
    CREDIT_RECOGNISED = "credit_recognised", _("학점인정형")
    INDUSTRY_INSTRUCTOR = "industry_instructor", _("산업체 강사 수업")


class CourseStatus(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    SUBMITTED = "submitted", _("승인 요청")
    APPROVED = "approved", _("승인")
    RETURNED = "returned", _("반려")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("월")
    TUESDAY = 1, _("화")
    WEDNESDAY = 2, _("수")
    THURSDAY = 3, _("목")
    FRIDAY = 4, _("금")
    SATURDAY = 5, _("토")
    SUNDAY = 6, _("일")


# The order in which a course ranks its applicants unless it says otherwise (issue 17 §2):
# its host school's own students, then higher grade, then a department in one of the course's
# fields; the seeded lottery breaks what is still tied.
DEFAULT_PRIORITIES = ["host_school", "grade", "field_match"]


class CourseQuerySet(models.QuerySet["Course"]):
    def for_catalogue(self) -> CourseQuerySet:
        return self.select_related("host", "region", "term").prefetch_related(
            "slots", "fields__major"
        )


class Course(models.Model):
    """과목 — one course offered for one term by its host organisation."""

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="courses", verbose_name=_("학기")
    )
    host = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="hosted_courses",
        verbose_name=_("개설 기관"),
    )
    title = models.CharField(_("과목명"), max_length=150)
    description = models.TextField(_("과목 소개"), blank=True)
    course_type = models.CharField(_("과목 유형"), max_length=24, choices=CourseType.choices)
    fields = models.ManyToManyField(
        "registry.NcsMiddle", related_name="courses", verbose_name=_("NCS 분야")
    )
    # Stored when the fields are set: more than one NCS major field (초계열형 교육).
    is_cross_track = models.BooleanField(_("계열 통합(초계열)"), default=False)
    is_online = models.BooleanField(_("온라인"), default=False)
    venue = models.CharField(_("수업 장소"), max_length=200, blank=True)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("시·군"),
    )
    is_province_wide = models.BooleanField(_("도 단위 과목"), default=False)
    capacity = models.PositiveSmallIntegerField(_("정원"))
    minimum_enrolment = models.PositiveSmallIntegerField(_("최소 개설 인원"), default=1)
    eligible_grades = models.JSONField(_("신청 가능 학년"), default=list, blank=True)
    eligible_schools = models.ManyToManyField(
        "registry.School", blank=True, related_name="+", verbose_name=_("신청 가능 학교")
    )
    eligible_departments = models.ManyToManyField(
        "registry.Department", blank=True, related_name="+", verbose_name=_("신청 가능 학과")
    )
    eligible_fields = models.ManyToManyField(
        "registry.NcsMiddle", blank=True, related_name="+", verbose_name=_("신청 가능 분야")
    )
    credits = models.PositiveSmallIntegerField(_("학점"), default=0)
    priorities = models.JSONField(_("선발 우선순위"), default=list, blank=True)
    completion_threshold_percent = models.PositiveSmallIntegerField(
        _("이수 기준 출석률(%)"), default=80
    )
    hiring_commitment = models.PositiveSmallIntegerField(_("채용 약정 인원"), default=0)
    hiring_note = models.CharField(_("채용 약정 내용"), max_length=300, blank=True)
    # A course that meets on dated sessions (e.g. four Saturdays) rather than every week keeps
    # its dates here ([{"date", "starts_at", "ends_at"}], ISO strings); its weekly slots are
    # then derived from them for the timetable checks (docs/adr/0031).
    planned_sessions = models.JSONField(_("날짜별 수업 일정"), default=list, blank=True)
    instructors = models.ManyToManyField(
        "courses.Instructor", blank=True, related_name="courses", verbose_name=_("강사")
    )
    status = models.CharField(
        _("상태"), max_length=12, choices=CourseStatus.choices, default=CourseStatus.DRAFT
    )
    review_reason = models.CharField(_("반려 사유"), max_length=500, blank=True)
    reviewed_at = models.DateTimeField(_("검토 일시"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("검토자"),
    )
    submitted_at = models.DateTimeField(_("승인 요청 일시"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("등록자"),
    )
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "과목")
        verbose_name_plural = pgettext_lazy("model plural", "과목")
        ordering = ["term_id", "title", "id"]
        indexes = [
            models.Index(fields=["term", "status"], name="course_term_status_idx"),
            models.Index(fields=["region", "status"], name="course_region_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="course_capacity_1"),
            models.CheckConstraint(
                condition=models.Q(minimum_enrolment__lte=models.F("capacity")),
                name="course_minimum_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CourseSlot(models.Model):
    """수업 시간 — one weekly slot of a course (weekday, start, end) for the whole term."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="slots", verbose_name=_("과목")
    )
    weekday = models.PositiveSmallIntegerField(_("요일"), choices=Weekday.choices)
    starts_at = models.TimeField(_("시작 시각"))
    ends_at = models.TimeField(_("종료 시각"))

    class Meta:
        verbose_name = pgettext_lazy("model", "수업 시간")
        verbose_name_plural = pgettext_lazy("model plural", "수업 시간")
        ordering = ["course_id", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_time_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def as_tuple(self) -> tuple[int, time, time]:
        return (self.weekday, self.starts_at, self.ends_at)


class Instructor(models.Model):
    """강사 — a registered instructor with their organisation and qualification.

    An industry instructor (산업체 강사) must state a qualification (자격·경력)."""

    name = models.CharField(_("이름"), max_length=50)
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="course_instructors",
        verbose_name=_("소속 기관"),
    )
    qualification = models.CharField(_("자격·경력"), max_length=200, blank=True)
    is_industry = models.BooleanField(_("산업체 강사"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("등록자"),
    )
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "강사")
        verbose_name_plural = pgettext_lazy("model plural", "강사")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
