"""The lifecycle of an agreement (docs/adr/0006-agreements.md):

    draft → circulated → (every party signs) → active → amended → (every party signs the
    new version) → active … → completed, or terminated with a reason from any open state.

Every service locks the agreement's newest version row first (``select_for_update``), so two
parties signing at the same moment are serialised: both signatures are kept and the
agreement becomes active exactly once. A refused transition raises Conflict
``transition_not_allowed`` naming the current state and the requested action.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from vocnet.agreements.errors import conflict, transition_refused
from vocnet.agreements.fulfilment import agreement_years
from vocnet.agreements.models import (
    CLOSED_STATUSES,
    Agreement,
    AgreementStatus,
    AgreementVersion,
    Signature,
    VersionStatus,
)
from vocnet.agreements.policies import acts_for
from vocnet.agreements.rules import text_problems
from vocnet.agreements.services.drafting import (
    CommitmentInput,
    ResolvedParty,
    lineages_of,
    lock_current_version,
    terms_of,
    write_parties,
)
from vocnet.core.errors import FieldProblem, ValidationFailed, permission_denied
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for, authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row


def _state(agreement: Agreement, version: AgreementVersion) -> dict[str, Any]:
    return {
        "status": agreement.status,
        "version": version.number,
        "version_status": version.status,
    }


def _comparable(terms: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in terms.items() if key not in ("version", "change_note")}


def circulation_problems(version: AgreementVersion) -> list[FieldProblem]:
    """What keeps a draft from being circulated: fewer than two parties, no commitment, an
    amendment without a note or without any change to the terms in force."""
    problems: list[FieldProblem] = []
    parties = list(version.parties.prefetch_related("commitments"))
    if len(parties) < 2:
        problems.append(
            FieldProblem(
                "parties",
                "too_few_parties",
                "당사자가 둘 이상이어야 서명을 요청할 수 있습니다.",
                "An agreement needs at least two parties before it is circulated.",
            )
        )
    if not any(party.commitments.all() for party in parties):
        problems.append(
            FieldProblem(
                "commitments",
                "no_commitments",
                "약속이 하나 이상 있어야 서명을 요청할 수 있습니다.",
                "An agreement needs at least one commitment before it is circulated.",
            )
        )
    if version.supersedes_id is not None:
        if not version.change_note.strip():
            problems.append(
                FieldProblem(
                    "change_note",
                    "required",
                    "변경 협약에는 변경 내용을 적어야 합니다.",
                    "An amendment needs a note of what changed.",
                )
            )
        previous = version.supersedes
        if previous is not None and _comparable(terms_of(version)) == _comparable(
            terms_of(previous)
        ):
            problems.append(
                FieldProblem(
                    "parties",
                    "unchanged_terms",
                    "변경된 조건이 없습니다. 바꿀 내용을 먼저 수정하세요.",
                    "Nothing in the terms has changed; edit the terms first.",
                )
            )
    return problems


@transaction.atomic
def agreement_circulate(*, actor: UserLike, agreement: Agreement) -> Agreement:
    """Send the draft version to every party for signature; its terms are frozen.

    Raises PermissionDenied, Conflict ``transition_not_allowed`` unless a version is in
    draft, ValidationFailed when the draft is incomplete (``circulation_problems``)."""
    authorize_change(actor, agreement)
    version = lock_current_version(agreement)
    agreement.refresh_from_db()
    if version.status != VersionStatus.DRAFT:
        raise transition_refused(agreement.status, "circulate")
    problems = circulation_problems(version)
    if problems:
        raise ValidationFailed.from_problems(problems)
    before = _state(agreement, version)
    version.status = VersionStatus.CIRCULATED
    version.circulated_at = timezone.now()
    version.terms = terms_of(version)
    version.save(update_fields=["status", "circulated_at", "terms"])
    if agreement.status == AgreementStatus.DRAFT:
        agreement.status = AgreementStatus.CIRCULATED
        agreement.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=actor,
        action="agreement.circulate",
        obj=agreement,
        before=before,
        after=_state(agreement, version),
    )
    return agreement


def _activate(actor: UserLike, agreement: Agreement, version: AgreementVersion) -> bool:
    """Put a fully signed version in force. The conditional UPDATE makes this happen once
    even if two transactions get here; returns whether this call did it."""
    now = timezone.now()
    activated = AgreementVersion.objects.filter(
        pk=version.pk, status=VersionStatus.CIRCULATED
    ).update(status=VersionStatus.IN_FORCE, in_force_at=now)
    if activated != 1:
        return False
    before: dict[str, Any] = {"status": agreement.status, "in_force_version": None}
    previous = agreement.in_force_version
    if previous is not None:
        before["in_force_version"] = previous.number
        AgreementVersion.objects.filter(pk=previous.pk).update(status=VersionStatus.SUPERSEDED)
    Agreement.objects.filter(
        pk=agreement.pk, status__in=(AgreementStatus.CIRCULATED, AgreementStatus.AMENDED)
    ).update(
        status=AgreementStatus.ACTIVE,
        in_force_version=version,
        title=version.title,
        start_date=version.start_date,
        end_date=version.end_date,
        activated_at=Coalesce("activated_at", now),
        updated_at=now,
    )
    agreement.refresh_from_db()
    record_audit(
        actor=actor,
        action="agreement.activate",
        obj=agreement,
        before=before,
        after={"status": agreement.status, "in_force_version": version.number},
    )
    return True


@transaction.atomic
def agreement_sign(
    *, actor: UserLike, agreement: Agreement, party_id: int | None = None
) -> Signature:
    """Sign the circulated version for one party the actor acts for (``party_id``, or the
    first of the actor's parties still to sign). The signature records the signer, their
    organisation and the time. When every party has signed, the version comes into force and
    the agreement becomes active (exactly once, whatever the concurrency).

    Raises Conflict ``transition_not_allowed`` unless a version is circulated, PermissionDenied
    unless the actor holds the signing role of a party (``policies.SIGNING_ROLES``), Conflict
    ``already_signed`` when the actor's parties have all signed."""
    version = lock_current_version(agreement)
    agreement.refresh_from_db()
    if version.status != VersionStatus.CIRCULATED:
        raise transition_refused(agreement.status, "sign")
    parties = list(version.parties.select_related("organisation"))
    acting = actor_for(actor)
    mine = [
        p
        for p in parties
        if acts_for(acting, p.organisation_id, p.organisation.kind)
        and (party_id is None or p.pk == party_id)
    ]
    if not mine:
        raise permission_denied()
    signed = set(version.signatures.values_list("party_id", flat=True))
    unsigned = [p for p in mine if p.pk not in signed]
    if not unsigned:
        raise conflict(
            "already_signed",
            "이미 서명했습니다.",
            "This party has already signed this version.",
        )
    party = unsigned[0]
    authorize_create(
        actor,
        Signature,
        organisation_id=party.organisation_id,
        organisation_kind=party.organisation.kind,
    )
    signer_name = str(getattr(actor, "name", "") or actor.get_username())
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                version=version,
                party=party,
                signer=user_row(actor),
                signer_name=signer_name[:100],
                organisation=party.organisation,
                organisation_name=party.organisation.name_ko,
                signed_at=timezone.now(),
            )
    except IntegrityError:
        raise conflict(
            "already_signed", "이미 서명했습니다.", "This party has already signed this version."
        ) from None
    record_audit(
        actor=actor,
        action="agreement.sign",
        obj=agreement,
        after={
            "version": version.number,
            "party_id": party.pk,
            "organisation_id": party.organisation_id,
            "organisation_name": party.organisation.name_ko,
            "signer_id": actor.pk,
            "signer_name": signature.signer_name,
            "signed_at": signature.signed_at.isoformat(),
        },
    )
    if version.signatures.count() == len(parties):
        _activate(actor, agreement, version)
    return signature


@transaction.atomic
def agreement_amend(*, actor: UserLike, agreement: Agreement, change_note: str = "") -> Agreement:
    """Open an amendment: a new draft version copied from the one in force (same parties,
    pillars, commitments with their lineage, targets). The version in force stays in force
    until every party signs the new one.

    Raises PermissionDenied, Conflict ``transition_not_allowed`` unless the agreement is
    active, ValidationFailed for a note over 2,000 characters."""
    authorize_change(actor, agreement)
    version = lock_current_version(agreement)
    agreement.refresh_from_db()
    if agreement.status != AgreementStatus.ACTIVE or version.status != VersionStatus.IN_FORCE:
        raise transition_refused(agreement.status, "amend")
    problems = text_problems("change_note", change_note, 2000, required=False)
    if problems:
        raise ValidationFailed.from_problems(problems)
    before = _state(agreement, version)
    # The next number after every version the agreement ever had, not after the one in force:
    # a withdrawn amendment keeps its number (and its record), so "in force + 1" may be taken.
    last_number = AgreementVersion.objects.filter(agreement=agreement).aggregate(
        last=Max("number")
    )["last"]
    amendment = AgreementVersion.objects.create(
        agreement=agreement,
        number=(last_number or version.number) + 1,
        status=VersionStatus.DRAFT,
        title=version.title,
        start_date=version.start_date,
        end_date=version.end_date,
        change_note=change_note.strip(),
        supersedes=version,
        created_by=user_row(actor),
    )
    parties = [
        ResolvedParty(
            organisation=party.organisation,
            role=party.role,
            pillars=party.pillars,
            commitments=[
                CommitmentInput(
                    kind=c.kind,
                    unit=c.unit,
                    pillar=c.pillar,
                    description=c.description,
                    targets=[t.quantity for t in c.targets.all()],
                    key=str(c.lineage),
                )
                for c in party.commitments.all()
            ],
        )
        for party in version.parties.select_related("organisation").prefetch_related(
            "pillar_rows", "commitments__targets"
        )
    ]
    write_parties(
        amendment,
        parties,
        agreement_years(version.start_date, version.end_date),
        known_lineages=lineages_of(agreement),
    )
    agreement.status = AgreementStatus.AMENDED
    agreement.current_version = amendment
    agreement.save(update_fields=["status", "current_version", "updated_at"])
    record_audit(
        actor=actor,
        action="agreement.amend",
        obj=agreement,
        before=before,
        after=_state(agreement, amendment) | {"change_note": amendment.change_note},
    )
    return agreement


@transaction.atomic
def agreement_withdraw_amendment(*, actor: UserLike, agreement: Agreement) -> Agreement:
    """Drop the open amendment (draft or circulated); the version in force stays.

    Raises PermissionDenied, Conflict ``transition_not_allowed`` unless being amended."""
    authorize_change(actor, agreement)
    version = lock_current_version(agreement)
    agreement.refresh_from_db()
    if agreement.status != AgreementStatus.AMENDED:
        raise transition_refused(agreement.status, "withdraw_amendment")
    before = _state(agreement, version)
    version.status = VersionStatus.WITHDRAWN
    version.save(update_fields=["status"])
    agreement.status = AgreementStatus.ACTIVE
    agreement.current_version = agreement.in_force_version
    agreement.save(update_fields=["status", "current_version", "updated_at"])
    record_audit(
        actor=actor,
        action="agreement.withdraw_amendment",
        obj=agreement,
        before=before,
        after=_state(agreement, version),
    )
    return agreement


@transaction.atomic
def agreement_complete(*, actor: UserLike, agreement: Agreement, today: Any = None) -> Agreement:
    """Close an active agreement whose period has ended.

    Raises PermissionDenied, Conflict ``transition_not_allowed`` unless active, Conflict
    ``agreement_not_ended`` before the end date (an early end is a termination)."""
    authorize_change(actor, agreement)
    version = lock_current_version(agreement)
    agreement.refresh_from_db()
    if agreement.status != AgreementStatus.ACTIVE:
        raise transition_refused(agreement.status, "complete")
    today = today or timezone.localdate()
    if today < agreement.end_date:
        raise conflict(
            "agreement_not_ended",
            f"협약 기간이 {agreement.end_date.isoformat()}에 끝납니다. 그 전에 끝내려면 "
            "해지하세요.",
            f"The agreement runs until {agreement.end_date.isoformat()}; to end it earlier, "
            "terminate it.",
        )
    before = _state(agreement, version)
    agreement.status = AgreementStatus.COMPLETED
    agreement.closed_at = timezone.now()
    agreement.save(update_fields=["status", "closed_at", "updated_at"])
    record_audit(
        actor=actor,
        action="agreement.complete",
        obj=agreement,
        before=before,
        after=_state(agreement, version),
    )
    return agreement


@transaction.atomic
def agreement_terminate(*, actor: UserLike, agreement: Agreement, reason: str) -> Agreement:
    """End an agreement early (or abandon a draft) with a reason. A version in draft or
    circulation is withdrawn; the version in force keeps its record.

    Raises PermissionDenied, Conflict ``transition_not_allowed`` when already completed or
    terminated, ValidationFailed without a reason of 5 to 2,000 characters."""
    authorize_change(actor, agreement)
    version = lock_current_version(agreement)
    agreement.refresh_from_db()
    if agreement.status in CLOSED_STATUSES:
        raise transition_refused(agreement.status, "terminate")
    problems = text_problems("reason", reason, 2000, required=True)
    if not problems and len(reason.strip()) < 5:
        problems.append(
            FieldProblem(
                "reason",
                "too_short",
                "해지 사유를 5자 이상 적으세요.",
                "Give a reason of at least 5 characters.",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    before = _state(agreement, version)
    if version.status in (VersionStatus.DRAFT, VersionStatus.CIRCULATED):
        version.status = VersionStatus.WITHDRAWN
        version.save(update_fields=["status"])
    agreement.status = AgreementStatus.TERMINATED
    agreement.termination_reason = reason.strip()
    agreement.closed_at = timezone.now()
    agreement.save(update_fields=["status", "termination_reason", "closed_at", "updated_at"])
    record_audit(
        actor=actor,
        action="agreement.terminate",
        obj=agreement,
        before=before,
        after=_state(agreement, version) | {"reason": agreement.termination_reason},
    )
    return agreement
