"""Entry pages of a round: a school's students and their ranked lists, the school's
recommended order, a company's offers and its ranking of applicants, and a student's or
guardian's own page. Every page that shows students writes the personal-data access log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vocnet.clearinghouse import selectors, services
from vocnet.clearinghouse.forms import PreferenceForm, RankInputsForm, add_problems
from vocnet.clearinghouse.views.rounds import crumbs
from vocnet.core.errors import DomainError, ValidationFailed, permission_denied, reraise_refusal
from vocnet.core.i18n import localized_name
from vocnet.privacy.services import record_personal_data_access


def _round_crumb(placement_round: Any) -> tuple[Any, str]:
    return (placement_round.name, reverse("clearinghouse:round", args=[placement_round.pk]))


def _school(request: HttpRequest) -> Any:
    """The school of the page: ``?school=`` or the user's first school as staff."""
    value = request.GET.get("school") or request.POST.get("school")
    if value and value.isdigit():
        return selectors.school_get(user=request.user, school_id=int(value))
    own = selectors.staff_school_ids(user=request.user)
    if not own:
        raise permission_denied()
    return selectors.school_get(user=request.user, school_id=own[0])


@login_required
def school_students(request: HttpRequest, round_id: int) -> HttpResponse:
    placement_round = selectors.round_get(user=request.user, round_id=round_id)
    school = _school(request)
    rows = selectors.school_students(
        user=request.user, placement_round=placement_round, school=school
    )
    record_personal_data_access(
        request=request, subjects=[row.student for row in rows], action="view"
    )
    context = {
        "round": placement_round,
        "school": school,
        "rows": rows,
        "breadcrumbs": crumbs(_round_crumb(placement_round), (_("우리 학교 학생 지망"), None)),
    }
    return render(request, "clearinghouse/school_students.html", context)


@login_required
def student_preferences(request: HttpRequest, round_id: int, student_id: int) -> HttpResponse:
    placement_round = selectors.round_get(user=request.user, round_id=round_id)
    student = selectors.student_get(user=request.user, student_id=student_id)
    current = selectors.preferences_of(
        user=request.user, placement_round=placement_round, student=student
    )
    offers = list(selectors.choosable_offers(placement_round, student))
    initial = {f"choice_{p.rank}": str(p.offer_id) for p in current}
    form = PreferenceForm(
        request.POST or None,
        initial=initial,
        offers=offers,
        max_choices=placement_round.max_choices,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_set(
                actor=request.user,
                placement_round=placement_round,
                student=student,
                offer_ids=form.offer_ids(),
            )
        except ValidationFailed as error:
            add_problems(
                form,
                error.problems,
                {f"offer_ids[{i}]": f"choice_{i + 1}" for i in range(placement_round.max_choices)},
            )
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            record_personal_data_access(request=request, subjects=[student], action="change")
            messages.success(request, _("지망을 저장했습니다."))
            return redirect(request.path)
    record_personal_data_access(request=request, subjects=[student], action="view")
    placed = selectors.is_placed(student)
    may_enter = not placed and selectors.may_enter_preferences(
        user=request.user, placement_round=placement_round, student=student
    )
    context = {
        "round": placement_round,
        "student": student,
        "current": current,
        "offers": offers,
        "form": form,
        "may_enter": may_enter,
        "placed": placed,
        "breadcrumbs": crumbs(
            _round_crumb(placement_round), (_("%(name)s 지망") % {"name": student.name}, None)
        ),
    }
    return render(request, "clearinghouse/student_preferences.html", context)


@login_required
def school_recommendations(request: HttpRequest, round_id: int) -> HttpResponse:
    placement_round = selectors.round_get(user=request.user, round_id=round_id)
    school = _school(request)
    rows = selectors.school_students(
        user=request.user, placement_round=placement_round, school=school
    )
    people = [(row.student.pk, f"{row.student.student_number} {row.student.name}") for row in rows]
    initial = {f"rank_{row.student.pk}": row.recommendation for row in rows}
    form = RankInputsForm(request.POST or None, initial=initial, people=people, unique=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.school_recommendation_set(
                actor=request.user,
                placement_round=placement_round,
                school=school,
                student_ids=[student_id for student_id, _rank in form.entries()],
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            record_personal_data_access(
                request=request, subjects=[row.student for row in rows], action="change"
            )
            messages.success(request, _("학교 추천 순위를 저장했습니다."))
            return redirect(f"{request.path}?school={school.pk}")
    record_personal_data_access(
        request=request, subjects=[row.student for row in rows], action="view"
    )
    context = {
        "round": placement_round,
        "school": school,
        "form": form,
        "rows": list(zip(rows, [form[f"rank_{row.student.pk}"] for row in rows], strict=True)),
        "breadcrumbs": crumbs(_round_crumb(placement_round), (_("학교 추천 순위"), None)),
    }
    return render(request, "clearinghouse/school_recommendations.html", context)


@login_required
def company_offers(request: HttpRequest, round_id: int) -> HttpResponse:
    placement_round = selectors.round_get(user=request.user, round_id=round_id)
    context = {
        "round": placement_round,
        "rows": selectors.company_offers(user=request.user, placement_round=placement_round),
        "breadcrumbs": crumbs(_round_crumb(placement_round), (_("우리 기업 제안과 지원자"), None)),
    }
    return render(request, "clearinghouse/company_offers.html", context)


@login_required
def offer_ranking(request: HttpRequest, round_id: int, offer_id: int) -> HttpResponse:
    placement_round = selectors.round_get(user=request.user, round_id=round_id)
    offer = selectors.offer_get(user=request.user, offer_id=offer_id)
    rows = selectors.applicants(user=request.user, placement_round=placement_round, offer=offer)
    people = [
        (
            row.student.pk,
            f"{row.student.name} · {localized_name(row.student.school.organisation)}",
        )
        for row in rows
    ]
    initial = {f"rank_{row.student.pk}": row.rank for row in rows}
    use_school_order = request.method == "POST" and "school_order" in request.POST
    form = RankInputsForm(
        None if use_school_order else (request.POST or None),
        initial=initial,
        people=people,
        unique=False,
    )
    if use_school_order or (request.method == "POST" and form.is_valid()):
        try:
            services.offer_ranking_set(
                actor=request.user,
                placement_round=placement_round,
                offer=offer,
                entries=[] if use_school_order else form.entries(),
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(
                request,
                _("학교 추천 순서를 따르기로 했습니다.")
                if use_school_order
                else _("지원자 순위를 저장했습니다."),
            )
            return redirect(request.path)
    record_personal_data_access(
        request=request, subjects=[row.student for row in rows], action="view"
    )
    context = {
        "round": placement_round,
        "offer": offer,
        "form": form,
        "rows": list(zip(rows, [form[f"rank_{row.student.pk}"] for row in rows], strict=True)),
        "uses_school_order": all(row.rank is None for row in rows),
        "breadcrumbs": crumbs(
            _round_crumb(placement_round),
            (
                _("우리 기업 제안과 지원자"),
                reverse("clearinghouse:company_offers", args=[placement_round.pk]),
            ),
            (offer.title, None),
        ),
    }
    return render(request, "clearinghouse/offer_ranking.html", context)


@login_required
def my_placement(request: HttpRequest) -> HttpResponse:
    """The student's own (or a guardian's children's) preferences and results per round."""
    students = selectors.my_students(user=request.user)
    rounds = list(selectors.round_list(user=request.user)[:10])
    cards = []
    for student in students:
        outcomes = {
            o.round_id: o for o in selectors.outcomes_of(user=request.user, student=student)
        }
        cards.append(
            {
                "student": student,
                "placed": selectors.is_placed(student),
                "rounds": [
                    {
                        "round": placement_round,
                        "preferences": selectors.preferences_of(
                            user=request.user, placement_round=placement_round, student=student
                        ),
                        "outcome": outcomes.get(placement_round.pk),
                    }
                    for placement_round in rounds
                ],
            }
        )
    record_personal_data_access(request=request, subjects=students, action="view")
    context = {
        "cards": cards,
        "breadcrumbs": crumbs((_("나의 현장실습 매칭"), None)),
    }
    return render(request, "clearinghouse/my_placement.html", context)
