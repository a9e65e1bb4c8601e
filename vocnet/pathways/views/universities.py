"""The universities' pages (issue 18 §4): a university's programmes for graduates in work
(재직자 특별전형 places, 계약학과 with their partner companies) with its university-linked
courses; the consenting graduates of the schools linked to it; the applications with the
university's decisions; the enrolled cohort. And the graduate's page to give or withdraw the
consent and apply. Each POST calls one service; a refusal is the 403/404 page. Every page
that shows graduates' records logs them in the personal-data access log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, ValidationFailed, reraise_refusal
from vocnet.core.forms import add_problems
from vocnet.core.views import act
from vocnet.pathways import tenure
from vocnet.pathways.forms_universities import DecisionForm, ProgrammeForm
from vocnet.pathways.models import GraduateDestination
from vocnet.pathways.models_universities import UniversityProgramme
from vocnet.pathways.selectors import universities as selectors
from vocnet.pathways.services import universities as services
from vocnet.privacy.models import AccessAction
from vocnet.privacy.services import record_personal_data_access

FIELD_NAMES = {"university_id": "university"}


def _crumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("대학 후학습 과정"), reverse("pathways:universities")), *trail]


def log_graduates(request: HttpRequest, graduates: list[GraduateDestination]) -> None:
    """Views of graduates' records go to the personal-data access log, by their student
    record (a graduate without one is not a person the log can name)."""
    record_personal_data_access(
        request=request,
        subjects=[("registry.student", g.student_id) for g in graduates if g.student_id],
        action=AccessAction.VIEW,
    )


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    selectors.require_manager(request.user)
    rows = list(selectors.programmes_visible(request.user))
    context = {
        "programmes": rows,
        "courses": selectors.courses_of(request.user),
        "synthetic": any(p.is_synthetic for p in rows),
        "breadcrumbs": [(_("대학 후학습 과정"), None)],
    }
    return render(request, "pathways/universities/programmes.html", context)


def _programme_form(
    request: HttpRequest, programme: UniversityProgramme | None = None
) -> HttpResponse:
    universities = [(u.pk, u.name_ko) for u in selectors.universities_for(request.user)]
    initial: dict[str, Any] = {"admission_year": timezone.localdate().year + 1}
    if programme is not None:
        universities = [(programme.university_id, programme.university.name_ko)]
        initial = {
            "university": programme.university_id,
            "kind": programme.kind,
            "name": programme.name,
            "admission_year": programme.admission_year,
            "places": programme.places,
            "admission_conditions": programme.admission_conditions,
            "contract_type": programme.contract_type,
            "contract_title": programme.contract_title,
            "contract_signed_on": programme.contract_signed_on,
            "contract_ends_on": programme.contract_ends_on,
            "partner_business_numbers": "\n".join(
                c.business_number for c in programme.partner_companies.all()
            ),
        }
    form = ProgrammeForm(request.POST or None, initial=initial, universities=universities)
    if request.method == "POST" and form.is_valid():
        try:
            if programme is None:
                services.programme_create(actor=request.user, data=form.to_input())
            else:
                services.programme_update(
                    actor=request.user, programme=programme, data=form.to_input()
                )
        except ValidationFailed as error:
            add_problems(form, error.problems, FIELD_NAMES)
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("후학습 과정을 저장했습니다."))
            return redirect("pathways:universities")
    title = _("후학습 과정 고치기") if programme else _("후학습 과정 등록")
    context = {"form": form, "programme": programme, "breadcrumbs": _crumbs((title, None))}
    return render(request, "pathways/universities/programme_form.html", context)


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    selectors.require_manager(request.user)
    return _programme_form(request)


@login_required
def programme_edit(request: HttpRequest, programme_id: int) -> HttpResponse:
    return _programme_form(request, selectors.programme_for_change(request.user, programme_id))


@login_required
def graduates(request: HttpRequest) -> HttpResponse:
    eligible_only = request.GET.get("eligible") == "1"
    rows = selectors.consenting_graduates(request.user, eligible_only=eligible_only)
    log_graduates(request, [row.graduate for row in rows])
    context = {
        "rows": rows,
        "eligible_only": eligible_only,
        "eligible_count": sum(1 for row in rows if row.tenure.is_eligible),
        "rules": [tenure.RULE],
        "required_years": tenure.REQUIRED_YEARS,
        "synthetic": any(row.graduate.is_synthetic for row in rows),
        "breadcrumbs": _crumbs((_("동의한 졸업생"), None)),
    }
    return render(request, "pathways/universities/graduates.html", context)


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    selectors.require_manager(request.user)
    rows = list(selectors.applications_visible(request.user))
    log_graduates(request, [row.graduate for row in rows])
    context = {
        "applications": rows,
        "decidable": selectors.decidable_ids(request.user, [row.pk for row in rows]),
        "synthetic": any(row.is_synthetic for row in rows),
        "breadcrumbs": _crumbs((_("지원 현황"), None)),
    }
    return render(request, "pathways/universities/applications.html", context)


@login_required
@require_POST
def application_decide(request: HttpRequest, application_id: int) -> HttpResponse:
    form = DecisionForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return act(
        request,
        lambda: services.application_decide(
            actor=request.user,
            application_id=application_id,
            status=data.get("status") or request.POST.get("status", ""),
            enrolled_on=data.get("enrolled_on"),
        ),
        _("지원 결과를 기록했습니다."),
        "pathways:university_applications",
    )


@login_required
def cohort(request: HttpRequest) -> HttpResponse:
    found = selectors.cohort(request.user)
    log_graduates(request, [m.application.graduate for m in found.members])
    context = {
        "cohort": found,
        "stages": [
            (tenure.ENROLLED_STAGE, _("1년 차 재학")),
            (tenure.CONTINUING, _("계속 재학")),
            (tenure.COMPLETED_STAGE, _("졸업(이수)")),
        ],
        "synthetic": any(m.application.is_synthetic for m in found.members),
        "breadcrumbs": _crumbs((_("입학생 현황"), None)),
    }
    return render(request, "pathways/universities/cohort.html", context)


# The graduate's side -------------------------------------------------------------------------


@login_required
def consent(request: HttpRequest) -> HttpResponse:
    page = selectors.graduate_consent_page(request.user)
    context = {"page": page, "breadcrumbs": [(_("대학 열람 동의"), None)]}
    return render(request, "pathways/universities/consent.html", context)


def _graduate_id(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("graduate", "0"))
    except ValueError:
        return 0


@login_required
@require_POST
def consent_give(request: HttpRequest) -> HttpResponse:
    graduate_id = _graduate_id(request)
    return act(
        request,
        lambda: services.consent_give(actor=request.user, graduate_id=graduate_id),
        _("동의를 기록했습니다. 학교와 협약한 대학이 내 진로를 볼 수 있습니다."),
        "pathways:university_consent",
    )


@login_required
@require_POST
def consent_withdraw(request: HttpRequest) -> HttpResponse:
    graduate_id = _graduate_id(request)
    return act(
        request,
        lambda: services.consent_withdraw(actor=request.user, graduate_id=graduate_id),
        _("동의를 철회했습니다. 이제 대학은 내 진로를 볼 수 없습니다."),
        "pathways:university_consent",
    )


@login_required
@require_POST
def apply(request: HttpRequest, programme_id: int) -> HttpResponse:
    graduate_id = _graduate_id(request)
    return act(
        request,
        lambda: services.application_create(
            actor=request.user, graduate_id=graduate_id, programme_id=programme_id
        ),
        _("지원했습니다. 대학이 결과를 기록하면 이 화면에 보입니다."),
        "pathways:university_consent",
    )
