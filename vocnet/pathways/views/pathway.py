"""A graduate's pathway: the dated events with the form to add one, the follow-up survey
links, the events import, and the survey page a graduate answers without signing in. Each
POST calls one service; a broken rule comes back on the form in the page's language."""

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

from vocnet.core.errors import DomainError, ValidationFailed, permission_denied, reraise_refusal
from vocnet.core.views import act
from vocnet.pathways import rules, selectors, services
from vocnet.pathways.forms import EventForm, SurveyAnswerForm, add_problems
from vocnet.pathways.importing_events import EVENT_IMPORT
from vocnet.pathways.selectors.eligibility import pathway_eligibility
from vocnet.pathways.views.eligibility import STATUS_LABELS
from vocnet.spreadsheets.pages import import_page

INPUT_FIELDS = (
    "business_number",
    "employer_name",
    "ksic_code",
    "workplace_sigungu_code",
    "employment_type",
    "weekly_hours",
    "wage_band",
    "firm_size",
    "check_month",
    "is_insured",
    "source",
    "service_type",
    "route",
    "institution_name",
    "note",
)


def _crumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("졸업생 진로"), reverse("pathways:destinations")), *trail]


@login_required
def pathway(request: HttpRequest, destination_id: int) -> HttpResponse:
    found = selectors.pathway_get(user=request.user, destination_id=destination_id)
    form = EventForm(request.POST or None)
    if request.method == "POST":
        if not found.can_change:
            raise permission_denied()
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.event_record(
                    actor=request.user,
                    graduate=found.graduate,
                    data=services.EventInput(
                        kind=data["kind"],
                        occurred_on=data["occurred_on"],
                        **{name: data[name] for name in INPUT_FIELDS},
                    ),
                )
            except ValidationFailed as error:
                add_problems(form, error.problems, {})
            except DomainError as error:
                reraise_refusal(error)
                form.add_error(None, error.localized)
            else:
                messages.success(request, _("진로 이력을 기록했습니다."))
                return redirect("pathways:pathway", destination_id)
    surveys = [
        (survey, request.build_absolute_uri(reverse("pathways:survey_answer", args=[survey.token])))
        for survey in found.surveys
    ]
    context = {
        "found": found,
        "graduate": found.graduate,
        "form": form,
        "surveys": surveys,
        "survey_months": [m for m in (6, 12) if m not in {s.month for s in found.surveys}],
        "routes": rules.ROUTES.values(),
        "rules": (rules.GRADUATION_DAY, rules.EARLY_HIRE),
        "eligibility": pathway_eligibility(found.graduate, found.events, timezone.localdate()),
        "status_labels": STATUS_LABELS,
        "breadcrumbs": _crumbs((found.graduate.graduate_key, None)),
    }
    return render(request, "pathways/pathway.html", context)


@login_required
@require_POST
def event_delete(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(user=request.user, event_id=event_id)
    return act(
        request,
        lambda: services.event_delete(actor=request.user, event=event),
        _("진로 이력을 지웠습니다."),
        "pathways:pathway",
        event.graduate_id,
    )


@login_required
@require_POST
def survey_create(request: HttpRequest, destination_id: int) -> HttpResponse:
    found = selectors.pathway_get(user=request.user, destination_id=destination_id)
    try:
        month = int(request.POST.get("month", "0"))
    except ValueError:
        month = 0
    return act(
        request,
        lambda: services.survey_create(actor=request.user, graduate=found.graduate, month=month),
        _("추적 조사 링크를 만들었습니다. 복사해서 전자우편이나 문자로 보내세요."),
        "pathways:pathway",
        destination_id,
    )


def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The graduate's page: no sign-in, the link's token is the authority; shows nothing of
    the graduate but the question."""
    survey = selectors.survey_by_token(token=token)
    form = SurveyAnswerForm(request.POST or None)
    answered = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.survey_answer(
                token=token,
                answer=data["answer"],
                same_employer=data["same_employer"],
                workplace_sigungu_code=data["workplace_sigungu_code"],
                change=services.SurveyChange(
                    changed_on=data["changed_on"],
                    employer_name=data["employer_name"],
                    weekly_hours=data["weekly_hours"],
                    firm_size=data["firm_size"],
                    route=data["route"],
                    institution_name=data["institution_name"],
                ),
            )
        except ValidationFailed as error:
            add_problems(form, error.problems, {})
        else:
            answered = True
    context = {"survey": survey, "form": form, "answered": answered}
    return render(request, "pathways/survey_answer.html", context)


@login_required
def events_import(request: HttpRequest) -> HttpResponse:
    if not selectors.can_record(user=request.user):
        raise permission_denied()
    return import_page(
        request,
        spec=EVENT_IMPORT,
        template="pathways/events_import.html",
        done="pathways:destinations",
        context={
            "template_url": reverse("api:pathway_events_template"),
            "breadcrumbs": _crumbs((_("진로 이력 가져오기"), None)),
        },
    )
