"""Permission rules of agreements, registered in ``vocnet.core.permissions``.

Parties see their agreements: a user who works for an organisation that is a party to any
version of an agreement sees the whole agreement (every version, commitment, delivery,
signature and its audit trail). The province sees every agreement. Everyone else sees
nothing — a support office included, unless it is a party itself (the issue's "everyone else
nothing"; docs/adr/0006-agreements.md).

Drafting, circulating, amending, completing and terminating: the province and the staff of
the lead organisation. Signing: a user whose active membership in the party's organisation
has the role that belongs to that kind of organisation (:data:`SIGNING_ROLES`). Recording a
delivery: the staff of the committing party's organisation, and the province.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementVersion,
    Commitment,
    CommitmentTarget,
    Delivery,
    PartyPillar,
    Reminder,
    Signature,
)
from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.registry.models import OrganisationKind, Role

# Who signs for each kind of organisation. Every kind of organisation can be a party: the
# consortia of 2025 name industry associations (경기도자동차검사정비사업조합), chambers of
# commerce, public agencies (경기도경제과학진흥원), research institutes (차세대융합기술연구원),
# the Ministry and the provincial council beside schools, companies and governments (issue 14).
SIGNING_ROLES: dict[str, str] = {
    OrganisationKind.SCHOOL: Role.SCHOOL_STAFF,
    OrganisationKind.COMPANY: Role.COMPANY_STAFF,
    OrganisationKind.PROVINCE: Role.LOCAL_GOVERNMENT_OFFICER,
    OrganisationKind.CITY_COUNTY: Role.LOCAL_GOVERNMENT_OFFICER,
    OrganisationKind.SUPPORT_OFFICE: Role.SUPPORT_OFFICE_OFFICER,
    OrganisationKind.EDUCATION_OFFICE: Role.PROVINCE_OFFICER,
    OrganisationKind.UNIVERSITY: Role.UNIVERSITY_STAFF,
    OrganisationKind.INDUSTRY_BODY: Role.PARTNER_STAFF,
    OrganisationKind.PUBLIC_AGENCY: Role.PARTNER_STAFF,
    OrganisationKind.RESEARCH_INSTITUTE: Role.PARTNER_STAFF,
    OrganisationKind.COUNCIL: Role.PARTNER_STAFF,
    OrganisationKind.MINISTRY: Role.MINISTRY_OFFICER,
}
PARTY_KINDS = tuple(SIGNING_ROLES)


def acts_for(actor: Actor, organisation_id: int, organisation_kind: str) -> bool:
    """Whether the actor holds the signing role of this organisation (see SIGNING_ROLES)."""
    role = SIGNING_ROLES.get(organisation_kind)
    return role is not None and organisation_id in actor.organisations(role)


def agreement_view_q(actor: Actor, prefix: str = "") -> Q:
    """Agreements the actor may see: all for the province; otherwise those where one of the
    actor's organisations is a party to any version."""
    if actor.is_province:
        return Q()
    organisations = actor.staff_organisation_ids
    if not organisations:
        return Q(**{f"{prefix}pk__in": []})
    agreement_ids = AgreementParty.objects.filter(organisation_id__in=organisations).values(
        "version__agreement_id"
    )
    return Q(**{f"{prefix}pk__in": agreement_ids})


def agreement_change_q(actor: Actor, prefix: str = "") -> Q:
    """Agreements the actor may draft, circulate, amend, complete or terminate."""
    if actor.is_province:
        return Q()
    return Q(**{f"{prefix}lead_organisation_id__in": actor.staff_organisation_ids})


@register(AgreementKind)
class AgreementKindPolicy(ModelPolicy):
    """Reference data: readable by every signed-in user, changed by data migration only."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        return queryset if action is Action.VIEW else queryset.none()


@register(Agreement)
class AgreementPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(agreement_view_q(actor))
        return queryset.filter(agreement_change_q(actor))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("lead_organisation_id") in (
            actor.staff_organisation_ids
        )


class _PartOfAgreementPolicy(ModelPolicy):
    """Rows that belong to one agreement: seen with it, changed only through its services."""

    prefix = "agreement__"

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            visible = Agreement.objects.filter(agreement_view_q(actor)).values("pk")
            return queryset.filter(**{f"{self.prefix}in": visible})
        return queryset.none()


@register(AgreementVersion)
class AgreementVersionPolicy(_PartOfAgreementPolicy):
    prefix = "agreement__"


@register(AgreementParty)
class AgreementPartyPolicy(_PartOfAgreementPolicy):
    prefix = "version__agreement__"


@register(PartyPillar)
class PartyPillarPolicy(_PartOfAgreementPolicy):
    prefix = "party__version__agreement__"


@register(Commitment)
class CommitmentPolicy(_PartOfAgreementPolicy):
    prefix = "party__version__agreement__"


@register(CommitmentTarget)
class CommitmentTargetPolicy(_PartOfAgreementPolicy):
    prefix = "commitment__party__version__agreement__"


@register(Signature)
class SignaturePolicy(_PartOfAgreementPolicy):
    prefix = "version__agreement__"

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return acts_for(actor, context["organisation_id"], context["organisation_kind"])


@register(Delivery)
class DeliveryPolicy(_PartOfAgreementPolicy):
    prefix = "agreement__"

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("organisation_id") in (actor.staff_organisation_ids)


@register(Reminder)
class ReminderPolicy(_PartOfAgreementPolicy):
    prefix = "agreement__"
