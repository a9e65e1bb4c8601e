"""The wizard's commitment edits as services: add, replace in place, move, remove."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from vocnet.agreements.models import Commitment, CommitmentTarget, PartyRole
from vocnet.agreements.services import CommitmentInput
from vocnet.agreements.services.drafting import draft_commitment_remove, draft_commitment_save
from vocnet.agreements.tests import factories as af
from vocnet.core.errors import ValidationFailed
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _draft(orgs: dict[str, Any]) -> Any:
    return af.DraftAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], PartyRole.MEMBER)]
    )


def _layout(agreement: Any) -> list[tuple[str, str, str]]:
    """(organisation, description, lineage) of the draft's commitments, in order."""
    return [
        (c.party.organisation.name_ko, c.description, str(c.lineage))
        for c in Commitment.objects.filter(party__version=agreement.current_version).order_by(
            "party__position", "position"
        )
    ]


def _seats(key: str | None = None, pillar: str = "cross_track") -> CommitmentInput:
    return CommitmentInput(
        kind="field_training_seats",
        pillar=pillar,
        description="현장실습 자리 추가",
        targets=[4, 4, 4],
        key=key,
    )


def test_a_new_commitment_goes_last_on_its_party(world: World, orgs: dict[str, Any]) -> None:
    # given a draft of school A with company A, one commitment each
    agreement = _draft(orgs)
    before = _layout(agreement)
    # when the lead's staff add a commitment for company A
    draft_commitment_save(
        actor=world.user("school_staff_a"),
        agreement=agreement,
        organisation_id=orgs["company_a"].pk,
        commitment=_seats(),
    )
    # then it follows company A's first one and the others keep their lineage
    after = _layout(agreement)
    assert after[:2] == before
    assert after[2][:2] == (orgs["company_a"].name_ko, "현장실습 자리 추가")


def test_a_replaced_commitment_keeps_its_place_and_lineage(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = _draft(orgs)
    school_key = _layout(agreement)[0][2]
    # when school A's commitment is replaced on the same party
    draft_commitment_save(
        actor=world.user("school_staff_a"),
        agreement=agreement,
        organisation_id=orgs["school_a"].pk,
        commitment=_seats(key=school_key, pillar="industry_linkage"),
    )
    # then it stays first, with the same lineage, and the new text
    assert _layout(agreement)[0] == (orgs["school_a"].name_ko, "현장실습 자리 추가", school_key)
    assert len(_layout(agreement)) == 2


def test_a_commitment_moved_to_another_party_goes_last_there(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = _draft(orgs)
    school_key = _layout(agreement)[0][2]
    draft_commitment_save(
        actor=world.user("school_staff_a"),
        agreement=agreement,
        organisation_id=orgs["company_a"].pk,
        commitment=_seats(key=school_key),
    )
    assert [(org, key) for org, _text, key in _layout(agreement)][-1] == (
        orgs["company_a"].name_ko,
        school_key,
    )
    assert [org for org, _t, _k in _layout(agreement)].count(orgs["school_a"].name_ko) == 0


def test_remove_drops_only_that_commitment(world: World, orgs: dict[str, Any]) -> None:
    agreement = _draft(orgs)
    before = _layout(agreement)
    draft_commitment_remove(
        actor=world.user("school_staff_a"), agreement=agreement, key=before[0][2]
    )
    assert _layout(agreement) == before[1:]


def test_a_broken_commitment_writes_nothing(world: World, orgs: dict[str, Any]) -> None:
    # given a draft and its rows
    agreement = _draft(orgs)
    before = (_layout(agreement), CommitmentTarget.objects.count())
    # when a commitment with two targets for a three-year agreement is saved
    broken = _seats(pillar="industry_linkage")
    broken.targets = [Decimal(1), Decimal(1)]
    with pytest.raises(ValidationFailed) as error:
        draft_commitment_save(
            actor=world.user("school_staff_a"),
            agreement=agreement,
            organisation_id=orgs["school_a"].pk,
            commitment=broken,
        )
    # then the rule is named and nothing changed
    assert [p.code for p in error.value.problems] == ["wrong_year_count"]
    assert (_layout(agreement), CommitmentTarget.objects.count()) == before
