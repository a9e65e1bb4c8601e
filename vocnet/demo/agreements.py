"""The agreements demo: synthetic, labelled agreements on the registry demo's organisations.

Run after the registry demo (``manage.py load_demo``), it looks the registry rows up by name
and designation and writes, deterministically for a seed (and the day it is loaded):

* the Ministry agreement-based consortium of 경기자동차과학고등학교 (base school) with its three
  member schools, 시흥시, 경기도, 경기도교육청, the Siheung support office, automotive companies
  of Siheung and Ansan, and a university;
* one agreement for each of Gyeonggi's ten 2025 model schools (8 경기협약형, 2 하이테크) with the
  education office, its city and companies of its region;
* 22 more school–company MOUs and school–university linkage agreements in every state
  (draft, circulated, active, amended, completed, terminated).

Every agreement is ``is_synthetic`` (labelled in pages and exports); commitments and
deliveries are invented at realistic levels, some on track, some behind. Real names are only
those of the registry's real-named schools and public bodies; what they commit is not real.

Like the registry demo this is a seeding tool: it writes through the ORM, not the services
(no actor to check or audit), and each agreement gets one audit entry saying it was loaded.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from vocnet.agreements.fulfilment import (
    AgreementYear,
    add_years,
    agreement_years,
    elapsed_fraction,
)
from vocnet.agreements.models import (
    DEFAULT_UNITS,
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    AgreementVersion,
    Commitment,
    CommitmentKind,
    CommitmentTarget,
    Delivery,
    PartyPillar,
    PartyRole,
    Pillar,
    Signature,
    VersionStatus,
)
from vocnet.agreements.policies import SIGNING_ROLES
from vocnet.agreements.services.drafting import terms_of
from vocnet.core.models import AuditEvent
from vocnet.registry.models import (
    Company,
    Membership,
    Organisation,
    OrganisationKind,
    SchoolDesignation,
)

DEFAULT_SEED = 2025
BASE_SCHOOL = "경기자동차과학고등학교"
SYNTHETIC_NOTE = "(가상)"
# A lot with one in three agreements behind makes the dashboard worth looking at.
BEHIND_SHARE = 0.3


class AgreementsDemoError(Exception):
    """The registry demo is not there; the message says what to run first."""


@dataclass
class Spec:
    kind: str
    pillar: str
    description: str
    per_year: list[Decimal]


@dataclass
class PlannedParty:
    organisation: Organisation
    role: str
    specs: list[Spec]


@dataclass
class Plan:
    kind_code: str
    title: str
    start: date
    years: int
    parties: list[PlannedParty]
    status: str = AgreementStatus.ACTIVE
    performance: float = 1.0
    signed_by: list[int] = field(default_factory=list)
    reason: str = ""
    # Parties delivering at another level than the agreement (organisation id → share).
    party_performance: dict[int, float] = field(default_factory=dict)


@dataclass
class _Registry:
    by_name: dict[str, Organisation]
    companies: list[Company]
    universities: list[Organisation]
    cities: dict[int, Organisation]
    signers: dict[int, Any]
    company_login: Organisation | None

    @classmethod
    def load(cls) -> _Registry:
        named = {
            o.name_ko: o
            for o in Organisation.objects.exclude(kind=OrganisationKind.COMPANY).order_by("-pk")
        }
        if BASE_SCHOOL not in named or "경기도교육청" not in named:
            raise AgreementsDemoError(
                "레지스트리 데모가 없습니다. 먼저 `manage.py load_demo`를 실행하세요. / "
                "The registry demo is missing: run `manage.py load_demo` first."
            )
        signers: dict[int, Any] = {}
        for membership in Membership.objects.filter(is_active=True).select_related(
            "user", "organisation"
        ):
            if SIGNING_ROLES.get(membership.organisation.kind) == membership.role:
                signers.setdefault(membership.organisation_id, membership.user)
        login = (
            Membership.objects.filter(user__username="company", role="company_staff")
            .select_related("organisation")
            .first()
        )
        return cls(
            by_name=named,
            companies=list(
                Company.objects.select_related("organisation__region", "ksic_division").order_by(
                    "business_number"
                )
            ),
            universities=list(
                Organisation.objects.filter(kind=OrganisationKind.UNIVERSITY).order_by("name_ko")
            ),
            cities={
                o.region_id: o
                for o in Organisation.objects.filter(kind=OrganisationKind.CITY_COUNTY)
                if o.region_id is not None
            },
            signers=signers,
            company_login=login.organisation if login else None,
        )

    def companies_near(
        self, organisation: Organisation, count: int, rng: random.Random, ksic: Sequence[str] = ()
    ) -> list[Organisation]:
        """``count`` companies of the organisation's region (the wanted industries first),
        topped up from anywhere in Gyeonggi."""
        local = [c for c in self.companies if c.organisation.region_id == organisation.region_id]
        preferred = [c for c in local if c.ksic_division.code in ksic]
        others = [c for c in local if c not in preferred]
        rng.shuffle(preferred)
        rng.shuffle(others)
        chosen = (preferred + others)[:count]
        if len(chosen) < count:
            rest = [c for c in self.companies if c not in chosen]
            chosen += rng.sample(rest, min(count - len(chosen), len(rest)))
        return [c.organisation for c in chosen]

    def university_near(self, organisation: Organisation, rng: random.Random) -> Organisation:
        local = [u for u in self.universities if u.region_id == organisation.region_id]
        return local[0] if local else rng.choice(self.universities)


def _krw(rng: random.Random, low: int, high: int, step: int = 10_000_000) -> Decimal:
    return Decimal(rng.randrange(low // step, high // step + 1) * step)


def _per_year(years: int, value: Decimal, *, first_year: int = 1) -> list[Decimal]:
    return [value if index >= first_year else Decimal(0) for index in range(1, years + 1)]


def _specs(kind: str, role: str, years: int, rng: random.Random, programme: str) -> list[Spec]:
    """Typical commitments of a party by kind of organisation (synthetic amounts)."""
    n = Decimal
    if kind == OrganisationKind.SCHOOL:
        specs = [
            Spec(
                CommitmentKind.CURRICULUM_MODULES,
                Pillar.INDUSTRY_LINKAGE,
                "산업체 공동 개발 교육과정 운영",
                _per_year(years, n(rng.randint(2, 4) if role == PartyRole.LEAD else 1)),
            )
        ]
        if programme in ("moe_agreement_consortium", "gg_hightech"):
            specs.append(
                Spec(
                    CommitmentKind.OTHER,
                    Pillar.CLASS_FLEXIBILITY,
                    "학과 개편·학급 운영 유연화 과제",
                    _per_year(years, n(1)),
                )
            )
        return specs
    if kind == OrganisationKind.COMPANY:
        specs = [
            Spec(
                CommitmentKind.FIELD_TRAINING_SEATS,
                Pillar.INDUSTRY_LINKAGE,
                "현장실습 자리 제공",
                _per_year(years, n(rng.choice([4, 6, 8, 10, 12, 15, 20]))),
            ),
            Spec(
                CommitmentKind.GRADUATE_HIRES,
                Pillar.INDUSTRY_LINKAGE,
                "졸업생 정규직 채용",
                _per_year(years, n(rng.randint(2, 6)), first_year=2 if years > 2 else 1),
            ),
        ]
        if rng.random() < 0.5:
            specs.append(
                Spec(
                    CommitmentKind.INSTRUCTOR_HOURS,
                    Pillar.INDUSTRY_LINKAGE,
                    "현장 전문가 수업(산업체 강사)",
                    _per_year(years, n(rng.choice([40, 60, 80, 120, 160]))),
                )
            )
        if rng.random() < 0.3:
            specs.append(
                Spec(
                    CommitmentKind.EQUIPMENT,
                    Pillar.INDUSTRY_LINKAGE,
                    "실습 기자재 기증",
                    [n(rng.randint(1, 3))] + [n(0)] * (years - 1),
                )
            )
        return specs
    if kind == OrganisationKind.CITY_COUNTY:
        specs = [
            Spec(
                CommitmentKind.FUNDING,
                Pillar.REGIONAL_COOPERATION,
                "지역 특화 직업교육 사업비",
                _per_year(years, _krw(rng, 100_000_000, 600_000_000)),
            )
        ]
        if rng.random() < 0.4:
            specs.append(
                Spec(
                    CommitmentKind.FACILITIES,
                    Pillar.REGIONAL_COOPERATION,
                    "지역 혁신센터 실습 공간 제공",
                    [n(1)] + [n(0)] * (years - 1),
                )
            )
        return specs
    if kind == OrganisationKind.PROVINCE:
        return [
            Spec(
                CommitmentKind.FUNDING,
                Pillar.REGIONAL_COOPERATION,
                "도 지역인재 육성 사업비",
                _per_year(years, _krw(rng, 200_000_000, 500_000_000)),
            )
        ]
    if kind == OrganisationKind.EDUCATION_OFFICE:
        return [
            Spec(
                CommitmentKind.FUNDING,
                Pillar.CROSS_TRACK,
                "교육청 운영 지원금(계열 간 공동교육과정 포함)",
                _per_year(years, _krw(rng, 300_000_000, 1_000_000_000)),
            )
        ]
    if kind == OrganisationKind.SUPPORT_OFFICE:
        return [
            Spec(
                CommitmentKind.OTHER,
                Pillar.CROSS_TRACK,
                "지역 협의체·계열 간 진로 행사 운영",
                _per_year(years, n(rng.randint(2, 6))),
            )
        ]
    specs = [
        Spec(
            CommitmentKind.UNIVERSITY_PLACES,
            Pillar.UNIVERSITY_LINKAGE,
            "선취업 후학습 특별전형·계약학과 정원",
            _per_year(years, n(rng.choice([5, 10, 15, 20, 30]))),
        )
    ]
    if rng.random() < 0.5:
        specs.append(
            Spec(
                CommitmentKind.CURRICULUM_MODULES,
                Pillar.UNIVERSITY_LINKAGE,
                "고교–대학 연계 교육과정",
                _per_year(years, n(1)),
            )
        )
    return specs


def _party(
    organisation: Organisation, role: str, years: int, rng: random.Random, kind_code: str
) -> PlannedParty:
    return PlannedParty(organisation, role, _specs(organisation.kind, role, years, rng, kind_code))


def _performance(rng: random.Random) -> float:
    if rng.random() < BEHIND_SHARE:
        return rng.uniform(0.35, 0.72)
    return rng.uniform(0.85, 1.12)


def _consortium(reg: _Registry, rng: random.Random) -> Plan:
    base = reg.by_name[BASE_SCHOOL]
    kind = "moe_agreement_consortium"
    years = 5
    members = [
        d.school.organisation
        for d in SchoolDesignation.objects.filter(kind="moe_agreement", year=2025, role="member")
        .select_related("school__organisation")
        .order_by("school__neis_code")
    ]
    companies = reg.companies_near(base, 4, rng, ksic=("30", "29", "28"))
    if reg.company_login is not None:
        companies = [reg.company_login, *[c for c in companies if c != reg.company_login][:3]]
    parties = [_party(base, PartyRole.LEAD, years, rng, kind)]
    parties += [_party(m, PartyRole.MEMBER, years, rng, kind) for m in members]
    for name in ("시흥시", "경기도", "경기도교육청", "경기도시흥교육지원청"):
        if name in reg.by_name:
            parties.append(_party(reg.by_name[name], PartyRole.SUPPORTER, years, rng, kind))
    parties += [_party(c, PartyRole.MEMBER, years, rng, kind) for c in companies]
    parties.append(_party(reg.university_near(base, rng), PartyRole.SUPPORTER, years, rng, kind))
    # The demo's company and city fall behind, so their home pages have something to show.
    behind = {c.pk: 0.6 for c in companies[:1]}
    if "시흥시" in reg.by_name:
        behind[reg.by_name["시흥시"].pk] = 0.65
    return Plan(
        kind_code=kind,
        title="경기자동차과학고 협약형 특성화고 컨소시엄 협약(미래자동차)",
        start=date(2025, 9, 1),
        years=years,
        parties=parties,
        performance=0.95,
        party_performance=behind,
    )


def _model_schools(reg: _Registry, rng: random.Random) -> list[Plan]:
    plans: list[Plan] = []
    designations = (
        SchoolDesignation.objects.filter(kind__in=["gg_agreement", "gg_hightech"], year=2025)
        .select_related("school__organisation")
        .order_by("kind", "school__neis_code")
    )
    states = [AgreementStatus.ACTIVE] * 8 + [AgreementStatus.AMENDED, AgreementStatus.CIRCULATED]
    for index, designation in enumerate(designations):
        school = designation.school.organisation
        kind = "gg_hightech" if designation.kind == "gg_hightech" else "gg_regional_winwin"
        years = 3
        parties = [_party(school, PartyRole.LEAD, years, rng, kind)]
        parties.append(_party(reg.by_name["경기도교육청"], PartyRole.SUPPORTER, years, rng, kind))
        city = reg.cities.get(school.region_id) if school.region_id else None
        if city is not None:
            parties.append(_party(city, PartyRole.SUPPORTER, years, rng, kind))
        for company in reg.companies_near(school, rng.randint(1, 3), rng):
            parties.append(_party(company, PartyRole.MEMBER, years, rng, kind))
        if kind == "gg_hightech":
            university = reg.university_near(school, rng)
            parties.append(_party(university, PartyRole.SUPPORTER, years, rng, kind))
        label = "하이테크" if kind == "gg_hightech" else "지역연계 상생형"
        status = states[index % len(states)]
        plans.append(
            Plan(
                kind_code=kind,
                title=f"{school.name_ko} {label} 모델학교 협약",
                start=date(2025, 9, 1),
                years=years,
                parties=parties,
                status=status,
                performance=_performance(rng),
                signed_by=[parties[0].organisation.pk],
            )
        )
    return plans


MORE_STATES = (
    [AgreementStatus.CIRCULATED] * 3
    + [AgreementStatus.ACTIVE] * 11
    + [AgreementStatus.DRAFT] * 2
    + [AgreementStatus.AMENDED] * 2
    + [AgreementStatus.COMPLETED] * 2
    + [AgreementStatus.TERMINATED] * 2
)


def _more(reg: _Registry, rng: random.Random, used: set[int], today: date) -> list[Plan]:
    schools = [
        o
        for o in Organisation.objects.filter(kind=OrganisationKind.SCHOOL).order_by("name_ko")
        if o.pk not in used
    ] or list(Organisation.objects.filter(kind=OrganisationKind.SCHOOL).order_by("name_ko"))
    base = reg.by_name[BASE_SCHOOL]
    plans: list[Plan] = []
    for index, status in enumerate(MORE_STATES):
        university_linkage = index % 4 == 3
        school = base if index == 0 else schools[index % len(schools)]
        kind = "school_university_linkage" if university_linkage else "school_company_mou"
        if status == AgreementStatus.COMPLETED:
            start, years = date(2022, 3, 1), 3
        elif status == AgreementStatus.TERMINATED:
            start, years = date(2024, 3, 1), 3
        elif status in (AgreementStatus.DRAFT, AgreementStatus.CIRCULATED):
            start, years = date(2027, 3, 1), 3
        elif index == 4:
            # Ends about two months after the demo is loaded: an expiring agreement.
            start, years = add_years(today, -3) + timedelta(days=60), 3
        else:
            start, years = rng.choice([date(2024, 3, 1), date(2025, 3, 1), date(2026, 3, 1)]), 3
        if university_linkage:
            partner = reg.university_near(school, rng)
            title = f"{school.name_ko}–{partner.name_ko} 선취업 후학습 연계 협약"
        elif index == 0 and reg.company_login is not None:
            partner = reg.company_login
            title = f"{school.name_ko}–{partner.name_ko} 현장실습·채용 업무협약"
        else:
            partner = reg.companies_near(school, 1, rng)[0]
            title = f"{school.name_ko}–{partner.name_ko} 현장실습·채용 업무협약"
        parties = [
            _party(school, PartyRole.LEAD, years, rng, kind),
            _party(partner, PartyRole.MEMBER, years, rng, kind),
        ]
        plans.append(
            Plan(
                kind_code=kind,
                title=title,
                start=start,
                years=years,
                parties=parties,
                status=status,
                performance=_performance(rng),
                signed_by=[school.pk],
                reason="참여 기관 사정으로 현장실습 운영 중단(가상)"
                if status == AgreementStatus.TERMINATED
                else "",
            )
        )
    return plans


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _write_version(
    agreement: Agreement,
    number: int,
    plan: Plan,
    status: str,
    lineages: dict[tuple[int, int], Any],
    raise_seats: bool = False,
) -> tuple[AgreementVersion, list[tuple[Commitment, Spec]]]:
    end = add_years(plan.start, plan.years) - timedelta(days=1)
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=number,
        status=status,
        title=plan.title,
        start_date=plan.start,
        end_date=end,
        change_note="현장실습 자리 20% 확대(가상)" if number > 1 else "",
        supersedes=agreement.current_version,
    )
    parties = AgreementParty.objects.bulk_create(
        [
            AgreementParty(version=version, organisation=p.organisation, role=p.role, position=i)
            for i, p in enumerate(plan.parties)
        ]
    )
    pillar_order = list(Pillar.values)
    PartyPillar.objects.bulk_create(
        [
            PartyPillar(party=row, pillar=pillar)
            for row, planned in zip(parties, plan.parties, strict=True)
            for pillar in sorted({s.pillar for s in planned.specs}, key=pillar_order.index)
        ]
    )
    made: list[tuple[Commitment, Spec]] = []
    for row, planned in zip(parties, plan.parties, strict=True):
        for position, spec in enumerate(planned.specs):
            key = (planned.organisation.pk, position)
            quantities = spec.per_year
            if raise_seats and spec.kind == CommitmentKind.FIELD_TRAINING_SEATS:
                quantities = [(q * Decimal("1.2")).to_integral_value() for q in quantities]
            commitment = Commitment(
                party=row,
                kind=spec.kind,
                unit=DEFAULT_UNITS[spec.kind],
                pillar=spec.pillar,
                description=spec.description,
                position=position,
            )
            if key in lineages:
                commitment.lineage = lineages[key]
            made.append((commitment, Spec(spec.kind, spec.pillar, spec.description, quantities)))
    Commitment.objects.bulk_create([c for c, _spec in made])
    years = agreement_years(plan.start, end)
    CommitmentTarget.objects.bulk_create(
        [
            CommitmentTarget(commitment=c, year_index=y.index, quantity=q, due_date=y.end)
            for c, spec in made
            for y, q in zip(years, spec.per_year, strict=True)
        ]
    )
    return version, made


def _sign(version: AgreementVersion, reg: _Registry, only: Sequence[int] | None, day: date) -> int:
    rows = []
    for index, party in enumerate(version.parties.select_related("organisation")):
        if only is not None and party.organisation_id not in only:
            continue
        signer = reg.signers.get(party.organisation_id)
        rows.append(
            Signature(
                version=version,
                party=party,
                signer=signer,
                signer_name=(str(signer) if signer else f"담당자{index + 1}{SYNTHETIC_NOTE}"),
                organisation=party.organisation,
                organisation_name=party.organisation.name_ko,
                signed_at=_at(day, 9 + index % 8),
            )
        )
    Signature.objects.bulk_create(rows)
    return len(rows)


def _round(value: Decimal, unit: str) -> Decimal:
    step = Decimal(1_000_000) if unit == "krw" else Decimal(1)
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def _deliveries(
    agreement: Agreement,
    made: list[tuple[Commitment, Spec]],
    years: tuple[AgreementYear, ...],
    until: date,
    performance: float,
    rng: random.Random,
    party_performance: dict[int, float] | None = None,
) -> list[Delivery]:
    """Deliveries up to ``until`` at about ``performance`` × the pro-rata target, in one to
    four instalments a year."""
    rows: list[Delivery] = []
    for commitment, spec in made:
        level = (party_performance or {}).get(commitment.party.organisation_id, performance)
        share = Decimal(str(round(level * rng.uniform(0.85, 1.15), 3)))
        for year, target in zip(years, spec.per_year, strict=True):
            if target == 0 or year.start > until:
                continue
            fraction = elapsed_fraction(year, until)
            due = target * Decimal(fraction.numerator) / Decimal(fraction.denominator)
            total = _round(due * share, commitment.unit)
            if total <= 0:
                continue
            last = min(year.end, until)
            span = (last - year.start).days
            parts = max(1, min(rng.randint(1, 4), int(total) if commitment.unit != "krw" else 4))
            days = sorted(rng.randint(0, span) for _ in range(parts))
            remaining = total
            for index, offset in enumerate(days):
                portion = (
                    remaining if index == parts - 1 else _round(total / parts, commitment.unit)
                )
                remaining -= portion
                if portion <= 0:
                    continue
                rows.append(
                    Delivery(
                        agreement=agreement,
                        commitment=commitment,
                        delivered_on=year.start + timedelta(days=offset),
                        quantity=portion,
                        note=f"{year.index}차년도 이행 실적{SYNTHETIC_NOTE}",
                    )
                )
    return rows


def _write(plan: Plan, reg: _Registry, rng: random.Random, today: date) -> Agreement:
    end = add_years(plan.start, plan.years) - timedelta(days=1)
    agreement = Agreement.objects.create(
        kind=AgreementKind.objects.get(code=plan.kind_code),
        title=plan.title,
        lead_organisation=plan.parties[0].organisation,
        start_date=plan.start,
        end_date=end,
        status=AgreementStatus.DRAFT,
        is_synthetic=True,
    )
    draft = plan.status == AgreementStatus.DRAFT
    circulated = plan.status == AgreementStatus.CIRCULATED
    version, made = _write_version(
        agreement,
        1,
        plan,
        VersionStatus.DRAFT
        if draft
        else VersionStatus.CIRCULATED
        if circulated
        else VersionStatus.IN_FORCE,
        lineages={},
    )
    agreement.current_version = version
    if not draft:
        signed_on = plan.start - timedelta(days=7)
        version.circulated_at = _at(plan.start - timedelta(days=21))
        version.terms = terms_of(version)
        _sign(version, reg, plan.signed_by if circulated else None, signed_on)
    if circulated:
        agreement.status = AgreementStatus.CIRCULATED
    if not draft and not circulated:
        version.in_force_at = _at(plan.start - timedelta(days=7), 17)
        agreement.in_force_version = version
        agreement.activated_at = version.in_force_at
        agreement.status = AgreementStatus.ACTIVE
    version.save()
    until = today
    if plan.status == AgreementStatus.COMPLETED:
        agreement.status = AgreementStatus.COMPLETED
        agreement.closed_at = _at(end + timedelta(days=1))
    elif plan.status == AgreementStatus.TERMINATED:
        closed = plan.start + timedelta(days=540)
        agreement.status = AgreementStatus.TERMINATED
        agreement.termination_reason = plan.reason
        agreement.closed_at = _at(closed)
        until = min(today, closed)
    agreement.save()
    if agreement.in_force_version_id:
        years = agreement_years(plan.start, end)
        Delivery.objects.bulk_create(
            _deliveries(
                agreement,
                made,
                years,
                min(until, end),
                plan.performance,
                rng,
                plan.party_performance,
            )
        )
    if plan.status == AgreementStatus.AMENDED:
        lineages = {(c.party.organisation_id, c.position): c.lineage for c, _spec in made}
        amendment, _made = _write_version(
            agreement, 2, plan, VersionStatus.CIRCULATED, lineages, raise_seats=True
        )
        amendment.circulated_at = _at(min(today, end) - timedelta(days=10))
        amendment.terms = terms_of(amendment)
        amendment.save()
        _sign(amendment, reg, [plan.parties[0].organisation.pk], min(today, end))
        agreement.current_version = amendment
        agreement.status = AgreementStatus.AMENDED
        agreement.save()
    return agreement


def agreements_demo_counts() -> dict[str, int]:
    """Rows of the agreements demo per kind and state."""
    synthetic = Agreement.objects.filter(is_synthetic=True)
    counts = {"agreements": synthetic.count()}
    for status, n in synthetic.values_list("status").annotate(n=Count("pk")).order_by("status"):
        counts[f"agreements.{status}"] = n
    counts["parties"] = AgreementParty.objects.filter(version__agreement__in=synthetic).count()
    counts["commitments"] = Commitment.objects.filter(
        party__version__agreement__in=synthetic
    ).count()
    counts["signatures"] = Signature.objects.filter(version__agreement__in=synthetic).count()
    counts["deliveries"] = Delivery.objects.filter(agreement__in=synthetic).count()
    return counts


def reset_agreements_demo() -> int:
    """Delete every synthetic agreement (with its versions, parties, commitments, targets,
    signatures, deliveries and reminders); run before the registry demo's ``--reset``,
    whose organisations the agreements point at. Returns how many agreements went."""
    with transaction.atomic():
        ids = list(Agreement.objects.filter(is_synthetic=True).values_list("pk", flat=True))
        Delivery.objects.filter(agreement_id__in=ids).delete()
        Agreement.objects.filter(pk__in=ids).update(current_version=None, in_force_version=None)
        Agreement.objects.filter(pk__in=ids).delete()
        AuditEvent.objects.filter(
            object_type=Agreement._meta.label_lower, object_id__in=[str(pk) for pk in ids]
        ).delete()
    return len(ids)


def load_agreements_demo(*, seed: int = DEFAULT_SEED, today: date | None = None) -> dict[str, int]:
    """Load the agreements demo once (idempotent: when synthetic agreements exist, nothing is
    written) and return the counts. Deterministic for (seed, today). Raises
    AgreementsDemoError when the registry demo has not been loaded."""
    if Agreement.objects.filter(is_synthetic=True).exists():
        return agreements_demo_counts()
    today = today or timezone.localdate()
    rng = random.Random(f"vocnet-agreements-demo:{seed}")
    reg = _Registry.load()
    with transaction.atomic():
        consortium = _consortium(reg, rng)
        models = _model_schools(reg, rng)
        used = {plan.parties[0].organisation.pk for plan in [consortium, *models]}
        plans = [consortium, *models, *_more(reg, rng, used, today)]
        agreements = [_write(plan, reg, rng, today) for plan in plans]
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    action="demo.load",
                    object_type=Agreement._meta.label_lower,
                    object_id=str(agreement.pk),
                    after={
                        "note": "합성 데모 데이터로 생성했습니다 (loaded as synthetic demo data)",
                        "status": agreement.status,
                    },
                )
                for agreement in agreements
            ]
        )
    return agreements_demo_counts()
