"""Reads of offers, through the permission layer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from vocnet.core.errors import permission_denied
from vocnet.core.i18n import localized_name
from vocnet.core.permissions import Action, actor_for, authorize_change, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.placements.models import (
    FieldTrainingOffer,
    HostVetting,
    OfferSchedule,
    OfferStatus,
    Placement,
)
from vocnet.placements.selectors.vetting import own_companies
from vocnet.registry.models import Company, Student

WHAT = ("현장실습 제안", "Offer")


@dataclass(frozen=True)
class OfferFilters:
    """``status`` an OfferStatus value, ``region`` a 시군구 code, ``ncs`` an NCS major (2
    digits) or middle (4 digits) code, ``company`` an organisation id, ``open_seats`` only
    offers with a seat left, ``q`` a fragment of the title or the company's name."""

    status: str | None = None
    region: str | None = None
    ncs: str | None = None
    company: int | None = None
    open_seats: bool | None = None
    q: str | None = None


def offer_list(*, user: UserLike, filters: OfferFilters) -> QuerySet[FieldTrainingOffer]:
    """The offers ``user`` may see, filtered, with ``seats_taken`` and relations loaded."""
    qs = restrict(user, FieldTrainingOffer.objects.all()).with_list_relations().with_seats_taken()
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.region:
        qs = qs.filter(region__sigungu_code=filters.region)
    if filters.ncs:
        key = "ncs_middle__major__code" if len(filters.ncs) == 2 else "ncs_middle__code"
        qs = qs.filter(**{key: filters.ncs})
    if filters.company:
        qs = qs.filter(company_id=filters.company)
    if filters.q:
        term = filters.q.strip()
        qs = qs.filter(Q(title__icontains=term) | Q(company__organisation__name_ko__icontains=term))
    if filters.open_seats:
        qs = qs.filter(seats_taken__lt=F("seats"))
    return qs.order_by("start_date", "company__organisation__name_ko", "pk")


@dataclass(frozen=True)
class OfferRow:
    """One row of the offers list, its texts written once in Python (the table drew each
    cell through a template filter or lookup: 20 rows × a dozen)."""

    url: str
    company: str
    is_synthetic: bool
    title: str
    region: str
    field: str  # "2001 기계설계"
    period: str  # "2027-03-02 ~ 2027-06-30"
    seats: str  # taken/offered, "3/5"
    allowance: str  # "1,200,000"
    status: str


def offer_rows(offers: Iterable[FieldTrainingOffer]) -> list[OfferRow]:
    """The list's rows of ``offers`` (loaded by :func:`offer_list`: relations and
    ``seats_taken``), in the active language."""
    prefix = reverse("placements:offer", args=[0])[: -len("0/")]
    statuses = {value: str(label) for value, label in OfferStatus.choices}
    return [
        OfferRow(
            url=f"{prefix}{offer.pk}/",
            company=offer.company.organisation.name_ko,
            is_synthetic=offer.is_synthetic,
            title=offer.title,
            region=localized_name(offer.region),
            field=f"{offer.ncs_middle.code} {localized_name(offer.ncs_middle)}",
            period=f"{offer.start_date.isoformat()} ~ {offer.end_date.isoformat()}",
            seats=f"{offer.seats_taken}/{offer.seats}",  # type: ignore[attr-defined]
            allowance=f"{offer.allowance_krw:,}",
            status=statuses.get(offer.status, offer.status),
        )
        for offer in offers
    ]


def _detail_queryset() -> QuerySet[FieldTrainingOffer]:
    return (
        FieldTrainingOffer.objects.with_list_relations()
        .with_seats_taken()
        .prefetch_related(Prefetch("schedule", queryset=OfferSchedule.objects.order_by("weekday")))
    )


def offer_get(*, user: UserLike, offer_id: int) -> FieldTrainingOffer:
    """One offer the user may see (schedule prefetched, ``seats_taken``); NotFound otherwise."""
    return get_visible(user, _detail_queryset(), offer_id, WHAT)


def offer_for_change(*, user: UserLike, offer_id: int) -> FieldTrainingOffer:
    """An offer the user may change: NotFound when they may not see it, PermissionDenied when
    they may see but not change it."""
    offer = offer_get(user=user, offer_id=offer_id)
    authorize_change(user, offer)
    return offer


def changeable_offer_ids(*, user: UserLike, ids: list[int]) -> set[int]:
    return set(
        restrict(user, FieldTrainingOffer.objects.filter(pk__in=ids), Action.CHANGE).values_list(
            "pk", flat=True
        )
    )


def host_is_vetted(offer: FieldTrainingOffer, day: date | None = None) -> bool:
    return (
        HostVetting.objects.valid_on(day or timezone.localdate())
        .filter(company_id=offer.company_id)
        .exists()
    )


def placeable_students(*, user: UserLike, offer: FieldTrainingOffer) -> QuerySet[Student]:
    """Students the user may place directly on ``offer``: of their schools (all for the
    province), enrolled, in a department of the offer's NCS field, without an active placement.
    Raises PermissionDenied for users who place nobody."""
    actor = actor_for(user)
    schools = actor.organisations("school_staff")
    if not actor.is_province and not schools:
        raise permission_denied()
    qs = Student.objects.filter(
        is_enrolled=True, department__ncs_middle_id=offer.ncs_middle_id
    ).exclude(pk__in=Placement.objects.active().values("student_id"))
    if not actor.is_province:
        qs = qs.filter(school_id__in=schools)
    return qs.select_related("department", "school__organisation").order_by(
        "school_id", "grade", "student_number"
    )


def can_place(*, user: UserLike) -> bool:
    actor = actor_for(user)
    return actor.is_province or bool(actor.organisations("school_staff"))


def offer_companies(*, user: UserLike) -> QuerySet[Company]:
    """The companies the user may make offers for: every vetted (or applying) host for the
    province, the user's own companies for company staff, none for the others."""
    if actor_for(user).is_province:
        return (
            Company.objects.select_related("organisation")
            .filter(host_vettings__isnull=False)
            .distinct()
            .order_by("organisation__name_ko")
        )
    return own_companies(user=user)


def can_create_offer(*, user: UserLike) -> bool:
    """Whether the offer list shows "new offer": the province and company staff."""
    actor = actor_for(user)
    return actor.is_province or bool(actor.organisations("company_staff"))
