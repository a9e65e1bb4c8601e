"""Two parties signing at the same moment on PostgreSQL: both signatures are kept and the
agreement becomes active exactly once (the version row is locked; the activation is a
conditional UPDATE)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from vocnet.agreements import services
from vocnet.agreements.models import Agreement, AgreementStatus, Signature, VersionStatus
from vocnet.agreements.tests import factories as af
from vocnet.core.models import AuditEvent

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def restored_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Transactional tests empty every table; put the reference lists (regions, NCS, KSIC,
    agreement kinds) back for the tests that follow on this worker."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def test_two_parties_signing_at_the_same_moment_both_count_and_activate_once(
    restored_database: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an agreement of school A and company A circulated for signature
    from vocnet.testing import build_world

    world = build_world()
    agreement = af.CirculatedAgreementFactory(
        lead=world.school_a.organisation, others=[(world.company_a.organisation, "member")]
    )
    signers = [world.user("school_staff_a"), world.user("company_staff")]
    # Widen the race: pause between a signature's insert and the count of signatures, so
    # without the row lock each transaction would count only its own signature.
    from vocnet.agreements.services import lifecycle

    record_audit = lifecycle.record_audit

    def slow_record_audit(**kwargs: Any) -> Any:
        if kwargs["action"] == "agreement.sign":
            time.sleep(0.5)
        return record_audit(**kwargs)

    monkeypatch.setattr(lifecycle, "record_audit", slow_record_audit)
    barrier = threading.Barrier(len(signers))
    errors: list[BaseException] = []

    def sign(user: Any) -> None:
        try:
            mine = Agreement.objects.get(pk=agreement.pk)
            barrier.wait(timeout=10)
            services.agreement_sign(actor=user, agreement=mine)
        except BaseException as error:  # reported below, with the thread's traceback lost
            errors.append(error)
        finally:
            connection.close()

    # when both sign at the same moment, each on its own connection
    threads = [threading.Thread(target=sign, args=(user,)) for user in signers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then both signatures are kept and the agreement was activated exactly once
    assert errors == []
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.current_version.status == VersionStatus.IN_FORCE
    assert Signature.objects.filter(version=agreement.current_version).count() == 2
    assert AuditEvent.objects.filter(action="agreement.sign").count() == 2
    assert AuditEvent.objects.filter(action="agreement.activate").count() == 1
