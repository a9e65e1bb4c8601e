"""The province's access-log page: search the log (by POST, so a searched name never enters
an address), this month's and last month's figures, and the monthly review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, reraise_refusal
from vocnet.core.keyset import append_only_count, keyset_page
from vocnet.core.pagecache import cached_for_authority
from vocnet.core.pagination import DEFAULT_PAGE_SIZE
from vocnet.core.permissions import actor_for
from vocnet.privacy import selectors, services
from vocnet.privacy.forms import AccessLogSearchForm, ReviewForm
from vocnet.privacy.policy import policy_files

# Twenty rows a page, as every list opens (core.pagination); older rows are a click away.
PAGE_SIZE = DEFAULT_PAGE_SIZE


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    form = AccessLogSearchForm(request.POST if request.method == "POST" else None)
    rows = selectors.access_log_search(user=request.user, filters=form.to_filters())
    cursor = form.cleaned_data.get("cursor") if form.is_bound and form.is_valid() else None
    # Keyset pages: OFFSET would read and drop every newer row first (a million, deep down).
    page, next_cursor = keyset_page(rows, "at", PAGE_SIZE, cursor or None)
    due = selectors.month_to_review()
    reviews = list(selectors.review_list(user=request.user))
    labels = selectors.subject_labels(page)
    for row in page:
        row.subject_label = labels.get((row.subject_kind, row.subject_id), "")  # type: ignore[attr-defined]
    context = {
        "form": form,
        "page": page,
        "cursor": cursor,
        "next_cursor": next_cursor,
        # Counted for a search only: the whole log is a million rows.
        "total_rows": append_only_count(rows, "at") if form.is_bound else None,
        "searched": form.is_bound,
        "current": selectors.month_figures(user=request.user, month=timezone.localdate()),
        # A finished month's figures never change (the log is append-only and rows are written
        # as they happen): read once per data version, not on every view of the page.
        "due": cached_for_authority(
            name="privacy:month-figures",
            actor=actor_for(request.user),
            compute=lambda: selectors.month_figures(user=request.user, month=due),
            extra=due.isoformat(),
        ),
        "review_form": ReviewForm(initial={"month": due}),
        "due_reviewed": any(review.month == due for review in reviews),
        "reviews": reviews,
        "breadcrumbs": [(_("개인정보 접속기록"), None)],
    }
    return render(request, "privacy/access_log.html", context)


@login_required
@require_POST
def access_log_review(request: HttpRequest) -> HttpResponse:
    selectors.require_province(request.user)
    form = ReviewForm(request.POST)
    if form.is_valid():
        month = form.cleaned_data["month"]
        try:
            services.access_log_review_record(
                actor=request.user,
                month=month,
                findings=form.cleaned_data["findings"],
                figures=selectors.month_figures(user=request.user, month=month).as_dict(),
            )
        except DomainError as error:
            reraise_refusal(error)
            messages.error(request, error.localized)
        else:
            messages.success(
                request,
                _("%(month)s 접속기록 점검을 기록했습니다.") % {"month": f"{month:%Y-%m}"},
            )
    else:
        messages.error(request, _("점검 결과를 적어 주세요."))
    return redirect("privacy:access_log")


def policy(request: HttpRequest) -> HttpResponse:
    """개인정보 처리방침: public, built from the personal-data inventory (policy.py)."""
    context = {
        "files": policy_files(),
        "breadcrumbs": [(_("개인정보 처리방침"), None)],
    }
    return render(request, "privacy/policy.html", context)
