"""Role-aware navigation: which pages each role reaches from the header."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.core.permissions import Actor, actor_for
from vocnet.demand.policies import may_see_gap

# Roles in the order their label is shown when a user holds several.
ROLE_LABELS: dict[str, Any] = {
    "province_officer": pgettext_lazy("role", "도교육청"),
    "support_office_officer": pgettext_lazy("role", "교육지원청"),
    "school_staff": pgettext_lazy("role", "학교"),
    "company_staff": pgettext_lazy("role", "기업"),
    "local_government_officer": pgettext_lazy("role", "지자체"),
    "university_staff": pgettext_lazy("role", "대학"),
    "student": pgettext_lazy("role", "학생"),
    "guardian": pgettext_lazy("role", "보호자"),
}


@dataclass(frozen=True)
class NavItem:
    label: Any
    url: str
    active: bool


def primary_role(actor: Actor) -> str | None:
    if actor.is_superuser:
        return "province_officer"
    return next((role for role in ROLE_LABELS if role in actor.roles), None)


def shows_staff_tools(actor: Actor) -> bool:
    """Whether the pages show the staff's tools (exports, vetting, creating placements):
    to the province and anyone working for an organisation, never to students and guardians
    only (issue 16 §3). The tools refuse them anyway; this keeps them out of sight."""
    return actor.is_province or bool(actor.staff_organisation_ids)


def _own_area(actor: Actor) -> str:
    if len(actor.support_office_ids) == 1:
        (office_id,) = actor.support_office_ids
        return reverse("reports:support_office", args=[office_id])
    return reverse("reports:overview")


def nav_items(request: HttpRequest) -> list[NavItem]:
    actor = actor_for(request.user)
    if not actor.is_authenticated:
        return []
    entries: list[tuple[Any, str]] = [
        (_("홈"), reverse("reports:home")),
        (pgettext_lazy("menu", "기관 찾기"), reverse("registry:directory")),
    ]
    if actor.is_province or "local_government_officer" in actor.roles:
        entries.append((pgettext_lazy("menu", "도 현황"), reverse("reports:overview")))
    elif "support_office_officer" in actor.roles:
        # A support office opens on its own area; the province table is one link away there.
        entries.append((_("관할 현황"), _own_area(actor)))
    # A local government's own region: its gap, field training, graduates, commitments.
    if "local_government_officer" in actor.roles:
        entries.append((_("지역 현황"), reverse("reports:local_region")))
    # Agreements are the staff's business (parties and the province), not students'.
    if actor.is_province or actor.staff_organisation_ids:
        entries.append((_("협약"), reverse("agreements:list")))
        # The gap is for the planners and school staff; companies, local governments and
        # universities keep their own declarations there (the gap would answer 403).
        demand = "demand:gap" if may_see_gap(request.user) else "demand:declarations"
        entries.append((_("인력 수급"), reverse(demand)))
    # Field training: every role that takes part in it (not local governments or universities).
    if actor.is_province or actor.roles - {"local_government_officer", "university_staff"}:
        entries.append((_("현장실습"), reverse("placements:offers")))
    if actor.is_province or actor.roles - {"local_government_officer", "university_staff"}:
        entries.append((pgettext_lazy("menu", "현장실습 매칭"), reverse("clearinghouse:rounds")))
    # Designation calls: officers open them, schools and partners apply, reviewers score
    # (external reviewers hold no membership); students and guardians have no part in them.
    if actor.is_province or not actor.roles <= {"student", "guardian"} or not actor.roles:
        entries.append((pgettext_lazy("menu", "지정 공모"), reverse("programmes:list")))
    # Universities keep their programmes for graduates in work and see consenting graduates;
    # a student (a graduate signing in) gives or withdraws that consent (issue 18 §4).
    if "university_staff" in actor.roles:
        entries.append((pgettext_lazy("menu", "후학습 과정"), reverse("pathways:universities")))
    if "student" in actor.roles:
        entries.append(
            (pgettext_lazy("menu", "대학 열람 동의"), reverse("pathways:university_consent"))
        )
    # Shared courses: every signed-in role finds, offers, reviews or applies there (the
    # catalogue lists each role's course pages).
    entries.append((pgettext_lazy("menu", "공동교육과정"), reverse("courses:catalogue")))
    if actor.is_province:
        entries.append((_("접속기록"), reverse("privacy:access_log")))
    if actor.is_province and request.user.is_staff:
        entries.append((pgettext_lazy("menu", "관리"), reverse("admin:index")))
    path = request.path
    home = reverse("reports:home")
    return [
        NavItem(label, url, path == url if url == home else path.startswith(url))
        for label, url in entries
    ]


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Template context: the header's items and the user's role label."""
    actor = actor_for(getattr(request, "user", None))
    role = primary_role(actor)
    return {
        "nav_items": nav_items(request),
        "nav_role_label": ROLE_LABELS.get(role) if role else None,
        "staff_tools": shows_staff_tools(actor),
    }
