"""The directory and the organisation pages: parse the query, call a selector, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from vocnet.core.http import HtmxHttpRequest
from vocnet.core.i18n import localized_name
from vocnet.core.pagecache import cache_page_per_user, cached_fragment
from vocnet.core.permissions import actor_for
from vocnet.registry import selectors
from vocnet.registry.forms import DirectoryFilterForm
from vocnet.registry.models import OrganisationKind


@login_required
@cache_page_per_user("directory")
def directory(request: HtmxHttpRequest) -> HttpResponse:
    def render_content() -> str:
        form = DirectoryFilterForm(request.GET or None)
        organisations = selectors.organisation_list(user=request.user, filters=form.to_filters())
        page = Paginator(organisations, form.page_size).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page": page,
            "query": query.urlencode(),
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
