"""What the home page shows of demand and planning, per role (the lead wires it in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vocnet.core.errors import PermissionDenied
from vocnet.core.i18n import localized_name
from vocnet.core.pagecache import cached_for_authority
from vocnet.core.permissions import actor_for, restrict
from vocnet.demand.models import DemandDeclaration, Scenario, ScenarioRecommendation
from vocnet.demand.policies import declaring_organisations
from vocnet.demand.selectors.gap import largest_shortage


@dataclass(frozen=True)
class HomeItem:
    label: str
    value: str
    url: str


def home_items(*, user: Any) -> list[HomeItem]:
    """Up to three items: the largest shortage the user may see (province, support offices,
    schools), saved scenarios (those who plan) or the recommendations for the school's own
    departments (school staff), and the user's own declarations (companies and local
    governments)."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        return []
    items: list[HomeItem] = []
    try:
        # The whole gap model behind one line: kept per data version (aggregates, no one's
        # personal data), and per day, since the supply model moves with the date.
        top = cached_for_authority(
            name="demand:largest-shortage",
            actor=actor,
            compute=lambda: largest_shortage(user=user),
            extra=timezone.localdate().isoformat(),
        )
    except PermissionDenied:
        top = None
    if top is not None:
        items.append(
            HomeItem(
                _("%(year)s년 가장 큰 인력 부족") % {"year": top.year},
                _("%(area)s %(field)s: 연 %(count)s명")
                % {
                    "area": localized_name(top.region),
                    "field": localized_name(top.field),
                    "count": f"{top.figures.shortage:,.0f}",
                },
                reverse("demand:gap") + f"?year={top.year}",
            )
        )
    if actor.is_province or "support_office_officer" in actor.roles:
        count = restrict(user, Scenario.objects.all()).count()
        items.append(
            HomeItem(_("학과 개편 시나리오"), _("%(count)s건") % {"count": count},
                     reverse("demand:scenarios"))
        )  # fmt: skip
    schools = actor.organisations("school_staff")
    if schools:
        changed = (
            restrict(user, ScenarioRecommendation.objects.filter(department__school_id__in=schools))
            .exclude(action="keep")
            .count()
        )
        items.append(
            HomeItem(_("우리 학교 학과에 대한 개편 권고"), _("%(count)s건") % {"count": changed},
                     reverse("demand:recommendations"))
        )  # fmt: skip
    own = declaring_organisations(actor)
    if own:
        count = DemandDeclaration.objects.filter(organisation_id__in=own).count()
        items.append(
            HomeItem(_("우리 기관의 인력 수요 신고"), _("%(count)s건") % {"count": count},
                     reverse("demand:declarations"))
        )  # fmt: skip
    return items
