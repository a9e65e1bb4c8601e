"""The directory and the organisation pages: parse the query, call a selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vocnet.core.errors import permission_denied
from vocnet.core.http import HtmxHttpRequest
from vocnet.core.i18n import is_english, localized_name
from vocnet.core.pagecache import cache_page_per_user, cached_fragment
from vocnet.core.pagination import paginate
from vocnet.core.permissions import actor_for
from vocnet.registry import selectors
from vocnet.registry.forms import DirectoryFilterForm
from vocnet.registry.importing import ENTITIES, IMPORTS
from vocnet.registry.models import OrganisationKind, Role
from vocnet.spreadsheets.pages import import_page


@login_required
@cache_page_per_user("directory")
def directory(request: HtmxHttpRequest) -> HttpResponse:
    def render_content() -> str:
        form = DirectoryFilterForm(request.GET or None)
        organisations = selectors.organisation_list(user=request.user, filters=form.to_filters())
        page = paginate(request, organisations)
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_import": bool(importable_entities(request.user)),
            "export_url": reverse("api:export_organisations")
            + (f"?{query.urlencode()}" if query else ""),
        }
        template = (
            "registry/partials/directory_results.html"
            if request.htmx
            else "registry/partials/directory_content.html"
        )
        return render_to_string(template, context, request=request)

    content = cached_fragment(
        name="directory", request=request, actor=actor_for(request.user), render=render_content
    )
    if request.htmx:
        return HttpResponse(content)
    context = {"content": content, "breadcrumbs": [(_("기관 찾기"), None)]}
    return render(request, "registry/directory.html", context)


@login_required
def organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.organisation_get(user=request.user, organisation_id=organisation_id)
    context: dict[str, object] = {
        "organisation": organisation,
        "can_change": selectors.can_change(request.user, organisation),
        "breadcrumbs": [
            (_("기관 찾기"), reverse("registry:directory")),
            (localized_name(organisation), None),
        ],
    }
    if organisation.kind == OrganisationKind.SCHOOL:
        school = selectors.school_get(user=request.user, school_id=organisation.pk)
        context["school"] = school
        context["consortium"] = selectors.school_consortium(user=request.user, school=school)
        return render(request, "registry/school_detail.html", context)
    if organisation.kind == OrganisationKind.COMPANY:
        context["company"] = selectors.company_get(user=request.user, company_id=organisation.pk)
        return render(request, "registry/company_detail.html", context)
    return render(request, "registry/organisation_detail.html", context)


# Excel imports in the browser (issue 16 §7) ---------------------------------------------------

# Who opens each import page: the roles whose rows the import can write (the province may
# import everything). The importer still asks the permission layer row by row.
IMPORT_PAGE_ROLES: dict[str, frozenset[str]] = {
    "schools": frozenset({Role.SUPPORT_OFFICE_OFFICER}),
    "departments": frozenset({Role.SUPPORT_OFFICE_OFFICER, Role.SCHOOL_STAFF}),
    "companies": frozenset({Role.SUPPORT_OFFICE_OFFICER, Role.COMPANY_STAFF}),
    "students": frozenset({Role.SCHOOL_STAFF}),
}
IMPORT_HELP = {
    "schools": gettext_lazy(
        "학교를 NEIS 학교코드로 맞춰 새로 등록하거나 고칩니다. 관할 시·군의 학교만 됩니다."
    ),
    "departments": gettext_lazy(
        "학과를 학교와 학과명으로 맞춰 새로 등록하거나 정원·재학생 수를 고칩니다."
    ),
    "companies": gettext_lazy("기업을 사업자등록번호로 맞춰 새로 등록하거나 고칩니다."),
    "students": gettext_lazy(
        "학생을 학교와 학번으로 맞춰 새로 등록하거나 고칩니다. 학생의 개인정보이므로 가져온 "
        "기록이 개인정보 접근 기록에 남습니다."
    ),
}


def importable_entities(user: Any) -> list[str]:
    """The import pages ``user`` may open, in the registry's order."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        return []
    return [
        entity
        for entity in ENTITIES
        if actor.is_province or actor.roles & IMPORT_PAGE_ROLES[entity]
    ]


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    """The list of the imports the user may run, each with its template."""
    entities = importable_entities(request.user)
    if not entities:
        raise permission_denied()
    rows = [
        {
            "entity": entity,
            "label": IMPORTS[entity].columns.label_en
            if is_english()
            else IMPORTS[entity].columns.label_ko,
            "help": IMPORT_HELP[entity],
            "template_url": reverse("api:import_template", kwargs={"entity": entity}),
        }
        for entity in entities
    ]
    return render(
        request,
        "registry/imports.html",
        {"rows": rows, "breadcrumbs": [(_("엑셀로 등록하기"), None)]},
    )


@login_required
def import_entity(request: HttpRequest, entity: str) -> HttpResponse:
    """Upload, check (dry run with every bad row listed), then import one entity."""
    if entity not in IMPORTS:
        raise Http404(entity)
    if entity not in importable_entities(request.user):
        raise permission_denied()
    spec = IMPORTS[entity]
    label = spec.columns.label_en if is_english() else spec.columns.label_ko
    return import_page(
        request,
        spec=spec,
        template="registry/import.html",
        done="registry:imports",
        context={
            "entity": entity,
            "label": label,
            "help": IMPORT_HELP[entity],
            "template_url": reverse("api:import_template", kwargs={"entity": entity}),
            "breadcrumbs": [(_("엑셀로 등록하기"), reverse("registry:imports")), (label, None)],
        },
    )
