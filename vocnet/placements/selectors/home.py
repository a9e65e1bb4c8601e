"""What the home page shows of field training, per role."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.placements.models import (
    ContractVersionStatus,
    FieldTrainingOffer,
    HostVetting,
    OfferStatus,
    PlacementContract,
    PlacementStatus,
    VettingStatus,
)
from vocnet.placements.policies import is_support_office
from vocnet.placements.rules.holidays import coverage_warning
from vocnet.placements.selectors.visits_due import visits_due
from vocnet.placements.sqlite import WithoutIndex


@dataclass(frozen=True)
class HomeItem:
    label: str
    value: str
    url: str


def _count(value: int) -> str:
    return _("%(count)s건") % {"count": f"{value:,}"}


def home_items(*, user: UserLike) -> list[HomeItem]:
    """The province's warning that the public-holiday data runs out within six months (with its
    last day, opening the rules page's holiday list); then up to four items, each only when it
    counts something and each opening the list of exactly those items: open vetting
    applications (province, support offices), the user's offers or the published offers
    (companies, schools), and contracts awaiting signatures (schools, companies, students,
    guardians; the list filtered ``todo=signature`` with a 서명 button on each row), and
    placements due for a monitoring visit (schools; each row opens the visit form)."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        return []
    items: list[HomeItem] = []
    # The public-holiday data ends: from six months before, the province is told (offers
    # ending later cannot be saved; 직업교육훈련 촉진법 제9조의2 ② needs the calendar).
    warning = coverage_warning(timezone.localdate()) if actor.is_province else None
    if warning is not None:
        items.append(
            HomeItem(_("공휴일 자료가 끝나는 날(이후 종료 제안 저장 불가)"),
                     f"{warning.ends_on:%Y-%m-%d}", reverse("placements:rules") + "#holidays")
        )  # fmt: skip
    if actor.is_province or is_support_office(actor):
        pending = restrict(
            user,
            HostVetting.objects.filter(status__in=(VettingStatus.APPLIED, VettingStatus.INSPECTED)),
        ).count()
        if pending:
            items.append(
                HomeItem(_("심사 대기 중인 참여기업 신청"), _count(pending),
                         reverse("placements:vettings") + "?todo=decision")
            )  # fmt: skip
    if actor.organisations("company_staff"):
        mine = restrict(
            user,
            FieldTrainingOffer.objects.filter(
                company_id__in=actor.organisations("company_staff"), status=OfferStatus.PUBLISHED
            ),
        ).count()
        if mine:
            items.append(
                HomeItem(_("우리 기업의 게시 중인 현장실습 제안"), _count(mine),
                         reverse("placements:offers") + "?status=published")
            )  # fmt: skip
    elif actor.organisations("school_staff"):
        open_offers = restrict(
            user,
            FieldTrainingOffer.objects.filter(
                status=OfferStatus.PUBLISHED, start_date__gt=timezone.localdate()
            ),
        ).count()
        if open_offers:
            items.append(
                HomeItem(_("게시 중인 현장실습 제안"), _count(open_offers),
                         reverse("placements:offers") + "?status=published")
            )  # fmt: skip
    if actor.staff_organisation_ids or actor.student_id or actor.guardian_student_ids:
        # Without the placement status's index (most placements are active): SQLite then
        # starts from the user's students or the contracts, not from every active placement.
        contracts = PlacementContract.objects.alias(
            placement_status=WithoutIndex("placement__status")
        ).filter(
            placement_status__in=(PlacementStatus.MATCHED, PlacementStatus.CONTRACTED,
                                  PlacementStatus.IN_PROGRESS),
        )  # fmt: skip
        if actor.is_province:
            # Every contract: from the few versions being signed (their status's index).
            contracts = contracts.filter(current_version__status=ContractVersionStatus.SIGNING)
        else:
            # From the user's own students or company, not from every version being signed.
            contracts = contracts.alias(
                version_status=WithoutIndex("current_version__status")
            ).filter(version_status=ContractVersionStatus.SIGNING)
        awaiting = restrict(user, contracts).count()
        if awaiting:
            items.append(
                HomeItem(_("서명을 기다리는 표준협약서"), _count(awaiting),
                         reverse("placements:placements") + "?todo=signature")
            )  # fmt: skip
    # Monitoring visits due (제9조의3; the rule of selectors.visits_due): the school's staff.
    if actor.organisations("school_staff"):
        due = visits_due(user=user, today=timezone.localdate()).count()
        if due:
            items.append(
                HomeItem(_("순회지도가 필요한 배치"), _count(due),
                         reverse("placements:visits_due"))
            )  # fmt: skip
    return items
