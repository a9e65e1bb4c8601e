"""The lead school's application wizard: start (with the consortium and its draft agreement),
then plan → governance → budget → KPIs → documents, submit before the deadline, withdraw.
Every step posts to a service and redirects (POST/redirect/GET), so a step can be left and
resumed; every party reads the application, only the lead school's staff change it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vocnet.core.errors import ValidationFailed, permission_denied
from vocnet.core.forms import add_problems, problem_text
from vocnet.programmes import selectors, selectors_partners, services
from vocnet.programmes.forms import (
    APPLICATION_FIELD_NAMES,
    ApplicationStartForm,
    BudgetForm,
    DocumentForm,
    GovernanceForm,
    KpiForm,
    PlanForm,
    WithdrawForm,
    budget_field,
    chosen_ids,
)
from vocnet.programmes.models import Application, ApplicationStatus, Decision

STEPS = (
    ("plan", gettext_lazy("비전과 교육 계획")),
    ("governance", gettext_lazy("거버넌스")),
    ("budget", gettext_lazy("5개년 예산")),
    ("kpis", gettext_lazy("성과지표")),
    ("documents", gettext_lazy("제출 서류")),
)


def _crumbs(application: Application, *trail: tuple[Any, str | None]) -> list[Any]:
    return [
        (_("지정 공모"), reverse("programmes:list")),
        (application.call.title, reverse("programmes:call", args=[application.call_id])),
        *trail,
    ]


@login_required
def application_create(request: HttpRequest, call_id: int) -> HttpResponse:
    """Start an application to an open call for one of the user's schools, with its
    consortium found through the partner search. Without JavaScript the search button sends
    the whole form as a GET to this page (what was typed and chosen comes back); with htmx
    the results follow the search box (``partner_search``)."""
    call = selectors.call_detail(request.user, call_id)
    leads = selectors.lead_school_choices(request.user, call)
    if not leads:
        raise permission_denied()
    source = request.POST if request.method == "POST" else request.GET
    chosen = chosen_ids(source.getlist("partners"))
    if request.method == "POST":
        form = ApplicationStartForm(request.POST, leads=leads)
    else:
        form = ApplicationStartForm(
            initial={
                "lead_organisation": request.GET.get("lead_organisation"),
                "title": request.GET.get("title", ""),
            },
            leads=leads,
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_create_draft(
                actor=request.user,
                data=services.ApplicationInput(
                    call_id=call.pk,
                    lead_organisation_id=data["lead_organisation"],
                    title=data["title"],
                    partners=[services.ConsortiumPartyInput(pk) for pk in chosen],
                ),
            )
        except ValidationFailed as error:
            add_problems(form, error.problems, APPLICATION_FIELD_NAMES)
        else:
            messages.success(
                request, _("신청서와 컨소시엄 협약(안)을 만들었습니다. 계획을 작성하세요.")
            )
            return redirect("programmes:application_step", application.pk, "plan")
    query = selectors_partners.parse_query(
        source.get("q"), source.get("kind"), source.get("region")
    )
    return render(
        request,
        "programmes/application_start.html",
        {
            "form": form,
            "call": call,
            "search": selectors_partners.partner_search(query, chosen),
            "partner_kinds": selectors_partners.partner_kinds(),
            "partner_regions": selectors_partners.partner_regions(),
            "breadcrumbs": [
                (_("지정 공모"), reverse("programmes:list")),
                (call.title, reverse("programmes:call", args=[call.pk])),
                (_("신청서 작성"), None),
            ],
        },
    )


@login_required
def partner_search(request: HttpRequest) -> HttpResponse:
    """The partner search's results (htmx swaps them under the search box): the chosen
    partners, still ticked, then up to 20 matches of the name, kind and region."""
    query = selectors_partners.parse_query(
        request.GET.get("q"), request.GET.get("kind"), request.GET.get("region")
    )
    search = selectors_partners.partner_search(query, chosen_ids(request.GET.getlist("partners")))
    return render(request, "programmes/partials/partner_results.html", {"search": search})


@login_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    """The application as every party and the call's officers read it."""
    application = selectors.application_detail(request.user, application_id)
    decided = Decision.objects.filter(application=application).exists()
    return render(
        request,
        "programmes/application_detail.html",
        {
            "application": application,
            "parties": selectors.application_parties(application),
            "pillar_plans": application.pillar_plans.all(),
            "members": application.governance_members.select_related("organisation"),
            "budget": application.budget_lines.order_by("year_index", "source", "category"),
            "kpis": application.kpis.all(),
            "documents": application.documents.select_related("requirement"),
            "versions": application.versions.order_by("number"),
            "can_change": selectors.can_change_application(request.user, application),
            "is_draft": application.status == ApplicationStatus.DRAFT,
            "is_withdrawn": application.status == ApplicationStatus.WITHDRAWN,
            "decided": decided,
            "steps": STEPS,
            "breadcrumbs": _crumbs(application, (application.title, None)),
        },
    )


# The steps ---------------------------------------------------------------------------------


def _plan(request: HttpRequest, application: Application) -> tuple[forms.Form, dict[str, Any]]:
    initial: dict[str, Any] = {
        name: getattr(application, name)
        for name in (
            "vision",
            "infrastructure_plan",
            "path_employment",
            "path_growth",
            "path_settlement",
        )
    }
    initial |= {f"pillar_{p.pillar}": p.plan for p in application.pillar_plans.all()}
    return PlanForm(request.POST or None, initial=initial), {}


def _governance(
    request: HttpRequest, application: Application
) -> tuple[forms.Form, dict[str, Any]]:
    members = list(application.governance_members.all())
    parties = [
        (party.organisation_id, party.organisation.name_ko)
        for party in selectors.application_parties(application)
    ]
    initial: dict[str, Any] = {"governance_rhythm": application.governance_rhythm}
    for index, member in enumerate(members):
        initial[f"member_{index}_organisation"] = member.organisation_id
        initial[f"member_{index}_role"] = member.role_title
    form = GovernanceForm(
        request.POST or None, initial=initial, parties=parties, rows=max(len(members) + 3, 6)
    )
    return form, {}


def _budget(request: HttpRequest, application: Application) -> tuple[forms.Form, dict[str, Any]]:
    years = application.call.duration_years
    initial = {
        budget_field(line.year_index, line.source, line.category): line.amount_krw
        for line in application.budget_lines.all()
    }
    return BudgetForm(request.POST or None, initial=initial, years=years), {
        "years": range(1, years + 1)
    }


def _kpis(request: HttpRequest, application: Application) -> tuple[forms.Form, dict[str, Any]]:
    years = application.call.duration_years
    kpis = list(application.kpis.all())
    initial: dict[str, Any] = {}
    for index, kpi in enumerate(kpis):
        initial[f"kpi_{index}_name"] = kpi.name
        initial[f"kpi_{index}_unit"] = kpi.unit
        for year, target in enumerate(kpi.targets, start=1):
            initial[f"kpi_{index}_y{year}"] = target
    form = KpiForm(request.POST or None, initial=initial, years=years, rows=max(len(kpis) + 2, 4))
    return form, {"years": range(1, years + 1)}


def _documents(request: HttpRequest, application: Application) -> tuple[forms.Form, dict[str, Any]]:
    requirements = list(application.call.documents.all())
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        requirements=[(r.code, r.name_ko) for r in requirements],
    )
    attached = {d.requirement_id: d for d in application.documents.all()}
    return form, {"requirements": [(r, attached.get(r.pk)) for r in requirements]}


STEP_FORMS: dict[str, Callable[[HttpRequest, Application], tuple[forms.Form, dict[str, Any]]]] = {
    "plan": _plan,
    "governance": _governance,
    "budget": _budget,
    "kpis": _kpis,
    "documents": _documents,
}


def _save(request: HttpRequest, application: Application, step: str, form: Any) -> None:
    """Raises ValidationFailed from the service."""
    if step == "documents":
        data = form.cleaned_data
        services.application_attach_document(
            actor=request.user,
            application=application,
            requirement_code=data["requirement"],
            upload=data["file"],
            page_count=data.get("page_count"),
        )
    else:
        services.application_save(
            actor=request.user, application=application, content=form.to_content()
        )


@login_required
def application_step(request: HttpRequest, application_id: int, step: str) -> HttpResponse:
    """One step of the wizard (the lead school's staff, while the draft is open)."""
    if step not in STEP_FORMS:
        raise Http404
    application = selectors.application_for_change(request.user, application_id)
    if application.status != ApplicationStatus.DRAFT:
        messages.error(request, _("제출되었거나 철회된 신청서는 바꿀 수 없습니다."))
        return redirect("programmes:application", application.pk)
    form, extra = STEP_FORMS[step](request, application)
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, application, step, form)
        except ValidationFailed as error:
            add_problems(form, error.problems, APPLICATION_FIELD_NAMES)
        else:
            messages.success(request, _("저장했습니다."))
            keys = [key for key, _label in STEPS]
            following = keys[keys.index(step) + 1] if step != keys[-1] else step
            return redirect("programmes:application_step", application.pk, following)
    return render(
        request,
        f"programmes/application_{step}.html",
        {
            "application": application,
            "form": form,
            "step": step,
            "steps": STEPS,
            "breadcrumbs": _crumbs(
                application,
                (application.title, reverse("programmes:application", args=[application.pk])),
                (dict(STEPS)[step], None),
            ),
            **extra,
        },
    )


@login_required
@require_POST
def application_submit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_for_change(request.user, application_id)
    try:
        services.application_submit(actor=request.user, application=application)
    except ValidationFailed as error:
        for problem in error.problems:
            messages.error(request, problem_text(problem))
    else:
        messages.success(request, _("신청서를 제출했습니다. 제출본은 고칠 수 없습니다."))
    return redirect("programmes:application", application.pk)


@login_required
def application_withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_for_change(request.user, application_id)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(
                actor=request.user, application=application, reason=form.cleaned_data["reason"]
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        else:
            messages.success(request, _("신청서를 철회했습니다. 철회 사유와 제출본은 보관됩니다."))
            return redirect("programmes:application", application.pk)
    return render(
        request,
        "programmes/application_withdraw.html",
        {
            "application": application,
            "form": form,
            "breadcrumbs": _crumbs(
                application,
                (application.title, reverse("programmes:application", args=[application.pk])),
                (_("철회"), None),
            ),
        },
    )
