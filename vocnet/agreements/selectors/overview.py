"""Read models across agreements: the province dashboard and the home-page items."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vocnet.agreements.fulfilment import AgreementProgress, GroupProgress, aggregate, group_by
from vocnet.agreements.models import (
    IN_FORCE_STATUSES,
    Agreement,
    AgreementParty,
    Pillar,
    VersionStatus,
)
from vocnet.agreements.policies import acts_for
from vocnet.agreements.selectors.progress import (
    overall_progress_for,
    own_commitment_progress,
    progress_for,
)
from vocnet.core.errors import permission_denied
from vocnet.core.pagecache import TIMEOUT_SECONDS, cached_for_authority, data_version
from vocnet.core.permissions import Actor, actor_for, restrict
from vocnet.core.users import UserLike

# Agreements ending within this many days are listed as expiring.
EXPIRING_DAYS = 90
# Home items per kind before the rest is summed up in one line.
HOME_ITEMS_PER_KIND = 10


@dataclass
class DashboardRow:
    agreement: Agreement
    progress: AgreementProgress | None
    pillars: list[GroupProgress | None]


@dataclass
class Dashboard:
    as_of: date
    rows: list[DashboardRow]
    pillars: list[tuple[str, Any]]
    by_pillar: list[GroupProgress | None]
    overall: GroupProgress
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def chart(self) -> dict[str, Any]:
        """Data of the chart (``static/js/charts.js``): mean fulfilment % per pillar."""
        return {
            "labels": [str(label) for _code, label in self.pillars],
            "values": [
                float(item.percent) if item is not None and item.percent is not None else 0
                for item in self.by_pillar
            ],
            "label": str(_("평균 이행률(%)")),
            "unit": "%",
        }


def dashboard(*, user: UserLike, as_of: date | None = None) -> Dashboard:
    """Every agreement with its fulfilment by pillar (the province only).

    A bounded number of queries whatever the number of agreements. Raises PermissionDenied
    for anyone but the province."""
    if not actor_for(user).is_province:
        raise permission_denied()
    as_of = as_of or timezone.localdate()
    agreements = list(
        restrict(user, Agreement.objects.with_list_relations()).order_by(
            "-start_date", "title", "pk"
        )
    )
    progress = progress_for(agreements, as_of)
    pillars = list(Pillar.choices)
    rows: list[DashboardRow] = []
    every: list[Any] = []
    for agreement in agreements:
        result = progress.get(agreement.pk)
        item = result[0] if result else None
        if item is not None:
            every.extend(item.commitments)
        rows.append(
            DashboardRow(
                agreement=agreement,
                progress=item,
                pillars=[item.by_pillar.get(code) if item else None for code, _ in pillars],
            )
        )
    province = group_by(every, lambda p: p.pillar)
    counts: dict[str, int] = {}
    for agreement in agreements:
        counts[agreement.status] = counts.get(agreement.status, 0) + 1
    return Dashboard(
        as_of=as_of,
        rows=rows,
        pillars=pillars,
        by_pillar=[province.get(code) for code, _ in pillars],
        overall=aggregate("province", every),
        counts=counts,
    )


def province_behind(*, user: UserLike, as_of: date) -> int:
    """``dashboard(user=user, as_of=as_of).overall.behind`` without the dashboard's rows,
    pillars and per-commitment quantities: the commitments behind in the version in force
    of every agreement the user sees."""
    agreements = list(
        restrict(user, Agreement.objects.all()).only(
            "start_date", "end_date", "status", "in_force_version_id", "closed_at"
        )
    )
    return sum(overall.behind for overall in overall_progress_for(agreements, as_of).values())


@dataclass(frozen=True)
class HomeItem:
    """One line for a home page: what to act on and where (same shape as the reports app's
    ``Todo``: ``text`` and ``url``), with its ``kind`` (signature, behind, expiring, more)."""

    kind: str
    text: str
    url: str


def _detail_url(agreement_id: int, anchor: str = "") -> str:
    return reverse("agreements:detail", args=[agreement_id]) + anchor


def _signature_items(user: UserLike, actor: Actor) -> list[HomeItem]:
    organisations = actor.staff_organisation_ids
    if not organisations:
        return []
    # Plain values of the parties of circulated current versions without a signature (a
    # LEFT JOIN's NULL: one row per such party), in circulation order.
    parties = list(
        AgreementParty.objects.filter(
            organisation_id__in=organisations,
            version__status=VersionStatus.CIRCULATED,
            version__agreement__current_version=F("version"),
            signatures__isnull=True,
        )
        .order_by("version__circulated_at", "pk")
        .values_list(
            "version__agreement_id",
            "version__agreement__title",
            "organisation_id",
            "organisation__name_ko",
            "organisation__kind",
        )
    )
    if not parties:
        return []
    visible = set(
        restrict(user, Agreement.objects.filter(pk__in=[p[0] for p in parties])).values_list(
            "pk", flat=True
        )
    )
    return [
        HomeItem(
            "signature",
            _("서명 요청: '%(title)s' 협약에 %(organisation)s 명의로 서명하세요.")
            % {"title": title, "organisation": name_ko},
            _detail_url(agreement_id, "#signatures"),
        )
        for agreement_id, title, organisation_id, name_ko, kind in parties
        if agreement_id in visible and acts_for(actor, organisation_id, kind)
    ]


def _behind_items(user: UserLike, actor: Actor, today: date) -> list[HomeItem]:
    organisations = actor.staff_organisation_ids
    if not organisations:
        return []
    own = own_commitment_progress(
        restrict(user, Agreement.objects.filter(status__in=IN_FORCE_STATUSES)),
        today,
        organisation_ids=organisations,
    )
    return [
        HomeItem(
            "behind",
            _(
                "이행 부진: '%(title)s' — %(organisation)s의 '%(commitment)s' "
                "이행률 %(percent)s%%(현재까지 목표 대비)."
            )
            % {
                "title": item.agreement_title,
                "organisation": item.line.organisation_name_ko,
                "commitment": item.line.description,
                "percent": item.progress.percent,
            },
            _detail_url(item.agreement_id, "#fulfilment"),
        )
        for item in own
        if item.progress.is_behind and item.line.organisation_id in organisations
    ]


def _expiring_items(user: UserLike, actor: Actor, today: date) -> list[HomeItem]:
    agreements = restrict(
        user,
        Agreement.objects.filter(
            status__in=IN_FORCE_STATUSES,
            end_date__gte=today,
            end_date__lte=today + timedelta(days=EXPIRING_DAYS),
        ),
    ).order_by("end_date", "pk")
    # Plain values: the three the line shows, no model instance of every column.
    return [
        HomeItem(
            "expiring",
            _("만료 예정: '%(title)s' 협약이 %(date)s에 끝납니다(%(days)d일 남음).")
            % {
                "title": title,
                "date": end_date.isoformat(),
                "days": (end_date - today).days,
            },
            _detail_url(pk),
        )
        for pk, title, end_date in agreements.values_list("pk", "title", "end_date")
    ]


def _capped(items: list[HomeItem], more_text: str, url: str) -> list[HomeItem]:
    if len(items) <= HOME_ITEMS_PER_KIND:
        return items
    rest = len(items) - HOME_ITEMS_PER_KIND
    return [*items[:HOME_ITEMS_PER_KIND], HomeItem("more", more_text % {"count": rest}, url)]


def home_items(*, user: UserLike, today: date | None = None) -> list[HomeItem]:
    """What the user should act on about agreements: agreements waiting for their signature,
    commitments of their organisations falling behind, and agreements expiring within 90
    days (theirs; for the province every one). At most 10 of each kind, then one line with
    the rest. Anonymous users get nothing."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        return []
    today = today or timezone.localdate()
    list_url = reverse("agreements:list")
    behind_url = reverse("agreements:dashboard") if actor.is_province else list_url
    summary: list[HomeItem] = []
    if actor.is_province:
        # The province-wide count is the whole dashboard's work (every agreement's progress);
        # it is the same for every province officer and moves only with a write or a new day.
        behind = cache.get_or_set(
            f"vocnet:agreements:province-behind:{data_version()}:{today.isoformat()}",
            lambda: province_behind(user=user, as_of=today),
            TIMEOUT_SECONDS,
        )
        if behind:
            summary.append(
                HomeItem(
                    "behind",
                    _(
                        "도 전체에서 이행이 부진한 약속이 %(count)d건 있습니다: "
                        "대시보드에서 확인하세요."
                    )
                    % {"count": behind},
                    behind_url,
                )
            )
    return [
        *summary,
        *_capped(
            _signature_items(user, actor),
            _("서명을 기다리는 협약이 %(count)d건 더 있습니다."),
            list_url,
        ),
        *_capped(
            # The progress of every agreement of the user's organisations (pure, but ~10 ms
            # an agreement): kept per data version and day, like the province count above.
            cached_for_authority(
                name="agreements:behind",
                actor=actor,
                compute=lambda: _behind_items(user, actor, today),
                extra=today.isoformat(),
            ),
            _("이행이 부진한 약속이 %(count)d건 더 있습니다."),
            behind_url,
        ),
        *_capped(
            _expiring_items(user, actor, today),
            _("곧 만료되는 협약이 %(count)d건 더 있습니다."),
            list_url,
        ),
    ]
