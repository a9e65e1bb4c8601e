"""Course pages: thin — call one selector or service, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.permissions import actor_for
from vocnet.core.views import act
from vocnet.courses import selectors, services
from vocnet.courses.forms import CatalogueFilterForm, CourseReturnForm
from vocnet.courses.policies import may_review

PAGE_SIZE = 50


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    courses = selectors.catalogue(request.user, form.to_filter())
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "courses/catalogue.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "breadcrumbs": [(_("공동교육과정 과목"), None)],
        },
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    courses = selectors.review_queue(request.user)
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/review_queue.html",
        {
            "page": page,
            "query": "",
            "breadcrumbs": [
                (_("공동교육과정 과목"), reverse("courses:catalogue")),
                (_("개설 승인"), None),
            ],
        },
    )


@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_detail(request.user, course_id)
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "slots": course.slots.all(),
            "fields": course.fields.select_related("major"),
            "instructors": course.instructors.select_related("organisation"),
            "may_review": may_review(actor_for(request.user), course),
            "return_form": CourseReturnForm(),
            "breadcrumbs": [
                (_("공동교육과정 과목"), reverse("courses:catalogue")),
                (course.title, None),
            ],
        },
    )


@login_required
@require_POST
def course_review(request: HttpRequest, course_id: int) -> HttpResponse:
    """Approve (``decision=approve``) or return with a reason (``decision=return``)."""
    course = selectors.course_detail(request.user, course_id)
    if request.POST.get("decision") == "approve":
        return act(
            request,
            lambda: services.course_approve(actor=request.user, course=course),
            _("과목을 승인했습니다."),
            "courses:course",
            course.pk,
        )
    return act(
        request,
        lambda: services.course_return(
            actor=request.user, course=course, reason=request.POST.get("reason", "")
        ),
        _("과목을 반려했습니다."),
        "courses:course",
        course.pk,
    )
