"""Forms of the offering pages (과목 개설 · 강사 등록). Forms only parse what was typed; every
rule (capacity, slots that overlap, an industry instructor's qualification, …) is the
services', whose problems come back on the fields they name (``put_problems``)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.errors import FieldProblem
from vocnet.core.forms import KrdsFormMixin, add_problems
from vocnet.courses.models import Course, CourseType, Weekday
from vocnet.courses.services import CourseInput, SlotInput
from vocnet.courses.services.offering_edit import PlannedSession

WEEKLY = "weekly"
DATED = "dated"
SLOT_ROWS = 3
SESSION_ROWS = 4


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CourseOfferingForm(KrdsFormMixin, forms.Form):
    """Everything a course states (issue 17 §1); the schedule's rows are two formsets."""

    term_id = forms.TypedChoiceField(label=_("학기"), coerce=int)
    host_id = forms.TypedChoiceField(label=_("개설 기관"), coerce=int)
    title = forms.CharField(label=_("과목명"), max_length=150)
    description = forms.CharField(
        label=_("과목 소개"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    course_type = forms.ChoiceField(label=_("과목 유형"), choices=CourseType.choices)
    field_codes = forms.MultipleChoiceField(
        label=_("NCS 분야(중분류)"),
        help_text=_(
            "여러 개를 고를 수 있습니다(Ctrl 또는 Shift). 대분류가 둘 이상이면 "
            "계열 통합(초계열) 과목으로 표시됩니다."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    is_online = forms.BooleanField(label=_("온라인 수업"), required=False)
    region_id = forms.TypedChoiceField(
        label=_("수업 지역(시·군)"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("비우면 개설 기관의 지역입니다."),
    )
    venue = forms.CharField(
        label=_("수업 장소"),
        max_length=200,
        required=False,
        help_text=_("오프라인 수업은 장소를 적어야 합니다."),
    )
    is_province_wide = forms.BooleanField(label=_("도 단위 과목(도교육청이 승인)"), required=False)
    schedule_kind = forms.ChoiceField(
        label=_("수업 일정 방식"),
        choices=[(WEEKLY, _("매주 같은 요일·시간")), (DATED, _("날짜별 수업"))],
        initial=WEEKLY,
        widget=forms.RadioSelect,
    )
    capacity = forms.IntegerField(label=_("정원"))
    minimum_enrolment = forms.IntegerField(label=_("최소 개설 인원"), initial=1)
    eligible_grades = forms.TypedMultipleChoiceField(
        label=_("신청 가능 학년"),
        choices=[(1, _("1학년")), (2, _("2학년")), (3, _("3학년"))],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("고르지 않으면 모든 학년이 신청할 수 있습니다."),
    )
    eligible_school_ids = forms.TypedMultipleChoiceField(
        label=_("신청 가능 학교"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("고르지 않으면 모든 학교의 학생이 신청할 수 있습니다."),
    )
    eligible_department_ids = forms.TypedMultipleChoiceField(
        label=_("신청 가능 학과"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    eligible_field_codes = forms.MultipleChoiceField(
        label=_("신청 가능 분야(학과의 NCS 중분류)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    credits = forms.IntegerField(label=_("학점"), initial=0)
    completion_threshold_percent = forms.IntegerField(
        label=_("이수 기준 출석률(%)"),
        initial=80,
        help_text=_("출석한 회차 ÷ 진행한 회차가 이 비율 이상이면 이수입니다."),
    )
    hiring_commitment = forms.IntegerField(
        label=_("채용 약정 인원"),
        initial=0,
        help_text=_("취업맞춤반은 1명 이상이어야 합니다."),
    )
    hiring_note = forms.CharField(label=_("채용 약정 내용"), max_length=300, required=False)
    instructor_ids = forms.TypedMultipleChoiceField(
        label=_("강사"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "개설 기관이 등록한 강사입니다. 산업체 강사 수업에는 산업체 강사가 있어야 합니다."
        ),
    )

    def __init__(
        self,
        *args: Any,
        terms: Any = (),
        hosts: Any = (),
        fields: Any = (),
        regions: Any = (),
        schools: Any = (),
        departments: Any = (),
        instructors: Any = (),
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: dict[str, Any] = self.fields
        choices["term_id"].choices = [(t.pk, t.name) for t in terms]
        choices["host_id"].choices = [(h.pk, h.name_ko) for h in hosts]
        grouped: dict[str, list[tuple[str, str]]] = {}
        for middle in fields:
            group = f"{middle.major.code} {middle.major.name_ko}"
            grouped.setdefault(group, []).append((middle.code, f"{middle.code} {middle.name_ko}"))
        field_choices = list(grouped.items())
        choices["field_codes"].choices = field_choices
        choices["eligible_field_codes"].choices = field_choices
        choices["region_id"].choices = [
            ("", _("개설 기관의 지역")),
            *((r.pk, r.name_ko) for r in regions),
        ]
        choices["eligible_school_ids"].choices = [(s.pk, s.organisation.name_ko) for s in schools]
        choices["eligible_department_ids"].choices = [
            (d.pk, f"{d.school.organisation.name_ko} · {d.name_ko}") for d in departments
        ]
        choices["instructor_ids"].choices = [(i.pk, _instructor_label(i)) for i in instructors]
        if editing:
            # The term and the host of a course stay what they were when it was offered.
            for name in ("term_id", "host_id"):
                choices[name].disabled = True

    def to_input(
        self, slots: list[SlotInput], sessions: list[PlannedSession] | None
    ) -> tuple[CourseInput, list[PlannedSession] | None]:
        data = self.cleaned_data
        course = CourseInput(
            term_id=data["term_id"],
            host_id=data["host_id"],
            title=data["title"],
            course_type=data["course_type"],
            field_codes=list(data["field_codes"]),
            capacity=data["capacity"],
            slots=slots,
            region_id=data.get("region_id"),
            description=data.get("description", ""),
            is_online=bool(data.get("is_online")),
            venue=data.get("venue", ""),
            is_province_wide=bool(data.get("is_province_wide")),
            minimum_enrolment=data["minimum_enrolment"],
            eligible_grades=list(data.get("eligible_grades") or []),
            eligible_school_ids=list(data.get("eligible_school_ids") or []),
            eligible_department_ids=list(data.get("eligible_department_ids") or []),
            eligible_field_codes=list(data.get("eligible_field_codes") or []),
            credits=data["credits"],
            completion_threshold_percent=data["completion_threshold_percent"],
            hiring_commitment=data["hiring_commitment"],
            hiring_note=data.get("hiring_note", ""),
            instructor_ids=list(data.get("instructor_ids") or []),
        )
        return course, (sessions if data["schedule_kind"] == DATED else None)


def _instructor_label(instructor: Any) -> str:
    parts = [instructor.organisation.name_ko]
    if instructor.is_industry:
        parts.append(str(_("산업체 강사")))
    if instructor.qualification:
        parts.append(instructor.qualification)
    return f"{instructor.name} ({', '.join(parts)})"


def initial_of(course: Course) -> dict[str, Any]:
    """The offering form's initial values for an existing course."""
    return {
        "term_id": course.term_id,
        "host_id": course.host_id,
        "title": course.title,
        "description": course.description,
        "course_type": course.course_type,
        "field_codes": [f.code for f in course.fields.all()],
        "is_online": course.is_online,
        "region_id": course.region_id,
        "venue": course.venue,
        "is_province_wide": course.is_province_wide,
        "schedule_kind": DATED if course.planned_sessions else WEEKLY,
        "capacity": course.capacity,
        "minimum_enrolment": course.minimum_enrolment,
        "eligible_grades": course.eligible_grades,
        "eligible_school_ids": [s.pk for s in course.eligible_schools.all()],
        "eligible_department_ids": [d.pk for d in course.eligible_departments.all()],
        "eligible_field_codes": [f.code for f in course.eligible_fields.all()],
        "credits": course.credits,
        "completion_threshold_percent": course.completion_threshold_percent,
        "hiring_commitment": course.hiring_commitment,
        "hiring_note": course.hiring_note,
        "instructor_ids": [i.pk for i in course.instructors.all()],
    }


class SlotRowForm(KrdsFormMixin, forms.Form):
    """One weekly slot; a row left blank is skipped."""

    weekday = forms.TypedChoiceField(
        label=_("요일"),
        choices=[("", "—"), *Weekday.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    starts_at = forms.TimeField(label=_("시작 시각"), required=False, widget=_time_input())
    ends_at = forms.TimeField(label=_("종료 시각"), required=False, widget=_time_input())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [data.get(name) is not None for name in ("weekday", "starts_at", "ends_at")]
        if any(given) and not all(given):
            raise forms.ValidationError(
                _("요일, 시작 시각, 종료 시각을 모두 입력하세요(비운 행은 건너뜁니다).")
            )
        return data


class SessionRowForm(KrdsFormMixin, forms.Form):
    """One dated session; a row left blank is skipped."""

    held_on = forms.DateField(
        label=_("수업일"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_at = forms.TimeField(label=_("시작 시각"), required=False, widget=_time_input())
    ends_at = forms.TimeField(label=_("종료 시각"), required=False, widget=_time_input())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [data.get(name) is not None for name in ("held_on", "starts_at", "ends_at")]
        if any(given) and not all(given):
            raise forms.ValidationError(
                _("수업일, 시작 시각, 종료 시각을 모두 입력하세요(비운 행은 건너뜁니다).")
            )
        return data


SlotFormSet = forms.formset_factory(SlotRowForm, extra=SLOT_ROWS, max_num=20, absolute_max=20)
SessionFormSet = forms.formset_factory(
    SessionRowForm, extra=SESSION_ROWS, max_num=60, absolute_max=60
)


def filled_rows(formset: Any) -> list[tuple[int, dict[str, Any]]]:
    """The rows of a valid formset that were filled in, with their index on the page."""
    return [
        (index, form.cleaned_data)
        for index, form in enumerate(formset.forms)
        if form.cleaned_data and any(v is not None for v in form.cleaned_data.values())
    ]


def slots_of(formset: Any) -> tuple[list[SlotInput], list[int]]:
    rows = filled_rows(formset)
    slots = [SlotInput(d["weekday"], d["starts_at"], d["ends_at"]) for _, d in rows]
    return slots, [index for index, _ in rows]


def sessions_of(formset: Any) -> tuple[list[PlannedSession], list[int]]:
    rows = filled_rows(formset)
    sessions = [PlannedSession(d["held_on"], d["starts_at"], d["ends_at"]) for _, d in rows]
    return sessions, [index for index, _ in rows]


_ROW = re.compile(r"^(?P<name>slots|planned_sessions)\[(?P<index>\d+)\](?:\.(?P<part>\w+))?$")


def put_problems(
    form: CourseOfferingForm,
    slot_formset: Any,
    session_formset: Any,
    problems: list[FieldProblem],
    slot_rows: list[int],
    session_rows: list[int],
) -> None:
    """Each problem on the field it names: a slot's or session's on its row of the schedule
    (the services count the filled rows only), ``slots`` / ``planned_sessions`` above the
    schedule, the rest on the offering form's fields (or above the form)."""
    rest: list[FieldProblem] = []
    for problem in problems:
        match = _ROW.match(problem.field)
        if match:
            formset, rows = (
                (slot_formset, slot_rows)
                if match["name"] == "slots"
                else (session_formset, session_rows)
            )
            index = int(match["index"])
            row = formset.forms[rows[index]] if index < len(rows) else None
            part = match["part"]
            if row is not None:
                row.add_error(part if part in row.fields else None, problem.localized)
                continue
        if problem.field in ("slots", "planned_sessions"):
            form.add_error("schedule_kind", problem.localized)
            continue
        rest.append(problem)
    add_problems(form, rest)


class InstructorForm(KrdsFormMixin, forms.Form):
    """강사 등록: name, organisation, qualification, industry instructor or not."""

    name = forms.CharField(label=_("이름"), max_length=50)
    organisation_id = forms.TypedChoiceField(label=_("소속 기관"), coerce=int)
    is_industry = forms.BooleanField(
        label=_("산업체 강사"),
        required=False,
        help_text=_("산업체 강사는 자격·경력을 반드시 입력해야 합니다."),
    )
    qualification = forms.CharField(
        label=_("자격·경력"),
        max_length=200,
        required=False,
        help_text=_("예: 전기기능장, 현장 경력 12년"),
    )

    def __init__(self, *args: Any, organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organisation_id"]
        field.choices = [(o.pk, o.name_ko) for o in organisations]
