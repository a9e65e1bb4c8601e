"""The notification centre: the list (newest first, unread marked), opening one (marks it read
and goes to its page), marking all read, and e-mail preferences per kind. Never cached: the
rows are the person's own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import NotFound, ValidationFailed
from vocnet.core.pagination import paginate
from vocnet.notifications import selectors, services


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.notification_list(user=request.user)
    page = paginate(request, rows)
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": selectors.unread_count(user=request.user)},
    )


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = selectors.notification_list(user=request.user).filter(pk=notification_id).first()
    if notification is None:
        raise NotFound(
            code="not_found",
            message_ko="알림을 찾을 수 없습니다.",
            message_en="No such notification.",
        )
    services.notifications_mark_read(actor=request.user, ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_read(actor=request.user)
    messages.success(request, _("알림 %(count)d건을 읽음으로 표시했습니다.") % {"count": count})
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            services.preferences_set(actor=request.user, email_kinds=request.POST.getlist("email"))
        except ValidationFailed as error:
            messages.error(request, error.localized)
        else:
            messages.success(request, _("알림 수신 설정을 저장했습니다."))
            return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"rows": selectors.preference_rows(user=request.user)},
    )
