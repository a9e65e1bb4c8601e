"""The agreement lifecycle as a state machine (hypothesis stateful testing, issue 12 item 3).

Any sequence of edit, circulate, sign, amend, withdraw the amendment, complete, terminate and
record a delivery — by any persona, including parties, outsiders and the anonymous — either
succeeds or is refused with a domain error (never a 500), a refused step changes nothing,
and after every step the invariants hold:

* versions are numbered 1..n without gaps; at most one is open (draft or circulated), and an
  open one is the newest and the current one;
* at most one version is in force and it is the agreement's ``in_force_version``; a draft or
  circulated agreement has none, an active or amended one has it;
* ``active`` means the current version is the one in force; ``amended`` means an open
  amendment is current;
* a version that was ever in force carries a signature of every one of its parties, and a
  version in draft none;
* a delivery is recorded only while the agreement is in force, against a commitment of a
  version that has been in force;
* a completed or terminated agreement never moves again.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from vocnet.agreements import services
from vocnet.agreements.models import (
    Agreement,
    AgreementStatus,
    AgreementVersion,
    Commitment,
    Delivery,
    Signature,
    VersionStatus,
)
from vocnet.agreements.services import DeliveryInput, DraftChanges
from vocnet.agreements.tests import factories as af
from vocnet.core.errors import DomainError
from vocnet.core.models import AuditEvent
from vocnet.testing import PERSONAS, World

pytestmark = pytest.mark.django_db

OPEN = (VersionStatus.DRAFT, VersionStatus.CIRCULATED)
CLOSED = (AgreementStatus.COMPLETED, AgreementStatus.TERMINATED)
IN_FORCE = (AgreementStatus.ACTIVE, AgreementStatus.AMENDED)
TODAY = date(2026, 6, 1)


def lifecycle_machine(  # noqa: C901 (a state machine class: each rule is a small method)
    world: World, parties: dict[str, Any]
) -> type[RuleBasedStateMachine]:
    # Two draws in three are the lead school or the province, who may move this agreement;
    # the third is any persona (outsiders, students, the anonymous): refusals stay common
    # without drowning the sequences that go somewhere.
    actors = st.one_of(
        st.just("province_officer"), st.just("school_staff_a"), st.sampled_from(PERSONAS)
    )
    signers = st.one_of(
        st.sampled_from(["school_staff_a", "company_staff", "local_government_officer"]),
        st.sampled_from(PERSONAS),
    )
    party_names = st.sampled_from(["school_a", "company_a", "city"])

    class AgreementLifecycle(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            # Each example runs in a savepoint rolled back at its end: examples never meet.
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            self.agreement: Agreement | None = None
            self.edits = 0
            self.deliveries_in_force = 0

        def teardown(self) -> None:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

        @initialize(start=st.sampled_from(["draft", "circulated", "active", "amended"]))
        def start(self, start: str) -> None:
            self.agreement = af.build_agreement(
                lead=parties["school_a"],
                others=[(parties["company_a"], "member"), (parties["city"], "member")],
                status=start,
                signed_by=[parties["company_a"]],
            )

        # The steps ---------------------------------------------------------------------

        def _user(self, persona: str) -> Any:
            return world.user(persona) or AnonymousUser()

        def _step(self, call: Any) -> Any:
            """Run one service call: a domain error is a refusal that must change nothing;
            any other exception fails the test (it would be a 500)."""
            assert self.agreement is not None
            before = self._fingerprint()
            try:
                with transaction.atomic():
                    result = call()
            except DomainError:
                assert self._fingerprint() == before, "a refused step changed something"
                return None
            assert before[0] not in CLOSED, f"a {before[0]} agreement moved"
            assert self._fingerprint()[-1] > before[-1], "a successful step left no audit entry"
            return result

        def _fingerprint(self) -> tuple[Any, ...]:
            assert self.agreement is not None
            row = Agreement.objects.get(pk=self.agreement.pk)
            return (
                row.status,
                row.current_version_id,
                row.in_force_version_id,
                tuple(
                    AgreementVersion.objects.filter(agreement=row)
                    .order_by("number")
                    .values_list("number", "status")
                ),
                Signature.objects.filter(version__agreement=row).count(),
                Delivery.objects.filter(agreement=row).count(),
                AuditEvent.objects.count(),
            )

        def _fresh(self) -> Agreement:
            assert self.agreement is not None
            return Agreement.objects.get(pk=self.agreement.pk)

        @rule(actor=actors)
        def edit(self, actor: str) -> None:
            self.edits += 1
            changes = DraftChanges(title=f"고친 협약명 {self.edits}")
            self._step(
                lambda: services.agreement_update_draft(
                    actor=self._user(actor), agreement=self._fresh(), changes=changes
                )
            )

        @rule(actor=actors)
        def circulate(self, actor: str) -> None:
            self._step(
                lambda: services.agreement_circulate(
                    actor=self._user(actor), agreement=self._fresh()
                )
            )

        @rule(actor=signers)
        def sign(self, actor: str) -> None:
            self._step(
                lambda: services.agreement_sign(actor=self._user(actor), agreement=self._fresh())
            )

        @rule(actor=actors, note=st.sampled_from(["", "목표 조정", "목표 조정", "x" * 2001]))
        def amend(self, actor: str, note: str) -> None:
            self._step(
                lambda: services.agreement_amend(
                    actor=self._user(actor), agreement=self._fresh(), change_note=note
                )
            )

        @rule(actor=actors)
        def withdraw_amendment(self, actor: str) -> None:
            self._step(
                lambda: services.agreement_withdraw_amendment(
                    actor=self._user(actor), agreement=self._fresh()
                )
            )

        @rule(actor=actors, today=st.sampled_from([TODAY, date(2028, 3, 1)]))
        def complete(self, actor: str, today: date) -> None:
            self._step(
                lambda: services.agreement_complete(
                    actor=self._user(actor), agreement=self._fresh(), today=today
                )
            )

        @rule(actor=actors, reason=st.sampled_from(["", "중단", "참여 기업 사정으로 중단"]))
        def terminate(self, actor: str, reason: str) -> None:
            self._step(
                lambda: services.agreement_terminate(
                    actor=self._user(actor), agreement=self._fresh(), reason=reason
                )
            )

        @rule(
            actor=signers,
            party=party_names,
            quantity=st.sampled_from([Decimal(1), Decimal(3), Decimal(-1)]),
            note=st.sampled_from(["", "정정"]),
            delivered_on=st.sampled_from([date(2025, 6, 1), date(2024, 1, 1), date(2027, 1, 1)]),
            newest=st.booleans(),
        )
        def deliver(
            self,
            actor: str,
            party: str,
            quantity: Decimal,
            note: str,
            delivered_on: date,
            newest: bool,
        ) -> None:
            agreement = self._fresh()
            status = agreement.status
            # A commitment of the version in force, or of the newest version (an open
            # amendment's, which must be refused).
            find = af.commitment_of if newest else af.commitment_of_in_force
            commitment = find(agreement, parties[party])
            delivery = self._step(
                lambda: services.delivery_record(
                    actor=self._user(actor),
                    agreement=agreement,
                    data=DeliveryInput(commitment.pk, delivered_on, quantity, note),
                    today=TODAY,
                )
            )
            if delivery is not None:
                assert status in IN_FORCE, f"a delivery was recorded on a {status} agreement"
                self.deliveries_in_force += 1

        # The invariants ----------------------------------------------------------------

        @invariant()
        def versions_are_numbered_without_gaps_and_one_is_open_at_most(self) -> None:
            if self.agreement is None:
                return
            agreement = self._fresh()
            versions = list(AgreementVersion.objects.filter(agreement=agreement).order_by("number"))
            assert [v.number for v in versions] == list(range(1, len(versions) + 1))
            open_versions = [v for v in versions if v.status in OPEN]
            assert len(open_versions) <= 1
            if open_versions:
                assert open_versions[0] == versions[-1]
                assert agreement.current_version_id == open_versions[0].pk

        @invariant()
        def one_version_in_force_at_most_and_it_is_the_agreements(self) -> None:
            if self.agreement is None:
                return
            agreement = self._fresh()
            in_force = list(
                AgreementVersion.objects.filter(
                    agreement=agreement, status=VersionStatus.IN_FORCE
                ).values_list("pk", flat=True)
            )
            assert len(in_force) <= 1
            assert agreement.in_force_version_id == (in_force[0] if in_force else None)
            if agreement.status in (AgreementStatus.DRAFT, AgreementStatus.CIRCULATED):
                assert agreement.in_force_version_id is None
            if agreement.status in IN_FORCE:
                assert agreement.in_force_version_id is not None
            if agreement.status == AgreementStatus.ACTIVE:
                assert agreement.current_version_id == agreement.in_force_version_id
            if agreement.status == AgreementStatus.AMENDED:
                assert agreement.current_version_id != agreement.in_force_version_id
                assert agreement.current_version is not None
                assert agreement.current_version.status in OPEN

        @invariant()
        def versions_that_were_in_force_are_signed_by_every_party(self) -> None:
            if self.agreement is None:
                return
            for version in AgreementVersion.objects.filter(agreement_id=self.agreement.pk):
                parties_of = set(version.parties.values_list("pk", flat=True))
                signed = list(version.signatures.values_list("party_id", flat=True))
                assert len(signed) == len(set(signed)), "a party signed twice"
                assert set(signed) <= parties_of
                if version.status in (VersionStatus.IN_FORCE, VersionStatus.SUPERSEDED):
                    assert set(signed) == parties_of
                if version.status == VersionStatus.DRAFT:
                    assert not signed

        @invariant()
        def deliveries_count_against_versions_that_were_in_force(self) -> None:
            if self.agreement is None:
                return
            statuses = set(
                Commitment.objects.filter(deliveries__agreement_id=self.agreement.pk).values_list(
                    "party__version__status", flat=True
                )
            )
            assert statuses <= {VersionStatus.IN_FORCE, VersionStatus.SUPERSEDED}

    return AgreementLifecycle


def test_no_sequence_of_lifecycle_steps_gives_a_500_or_breaks_an_invariant(
    world: World, orgs: dict[str, Any]
) -> None:
    """20 derandomized examples keep CI at seconds; ``VOCNET_STATEFUL_EXAMPLES=150`` searches
    deeper (it finds the withdrawn-amendment bug on the code before its fix)."""
    machine = lifecycle_machine(world, orgs)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=int(os.environ.get("VOCNET_STATEFUL_EXAMPLES", "20")),
            stateful_step_count=15,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
