"""No overbooking (issue 6 item 7): 200 concurrent accepts of a 10-seat offer on PostgreSQL.

Since issue 15 §2 the host company consents first: 200 students have applied, and the
company's staff accept all 200 applications at once. Each accept is an API request of its own
thread, on its own database connection. Exactly ten
succeed (201); the other 190 get 409 ``offer_full`` with a message in Korean and English; no
request fails with a server error. The offer row is locked (``SELECT … FOR UPDATE``) and its
active placements counted inside the same transaction (``services.placements``).

The server allows 100 connections for everyone on the machine, so at most
``VOCNET_TEST_MAX_CONNECTIONS`` (default 40) requests hold a connection at the same moment; all
200 threads are released together by a barrier and queue for the row lock.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from vocnet.core.models import AuditEvent
from vocnet.placements.models import FieldTrainingOffer, Placement, PlacementApplication
from vocnet.placements.tests import factories as pf
from vocnet.registry.models import Student
from vocnet.testing import build_world, sign_in

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ACCEPTS = 200
SEATS = 10
MAX_CONNECTIONS = int(os.environ.get("VOCNET_TEST_MAX_CONNECTIONS", "40"))


@pytest.fixture(scope="module")
def restored_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Transactional tests empty every table; put the reference lists back afterwards."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def test_two_hundred_concurrent_accepts_fill_exactly_ten_seats(restored_database: None) -> None:
    # given a published 10-seat offer of a vetted host and 200 students of school A in its field
    world = build_world()
    offer: FieldTrainingOffer = pf.PublishedOfferFactory(company=world.company_a, seats=SEATS)
    department = world.objects["department_a"]
    students = Student.objects.bulk_create(
        Student(
            school=world.school_a,
            department=department,
            student_number=f"{30000 + n}",
            name=f"동시학생{n}",
            grade=3,
        )
        for n in range(ACCEPTS)
    )
    applications = PlacementApplication.objects.bulk_create(
        PlacementApplication(offer=offer, student=student) for student in students
    )
    staff = world.user("company_staff")
    clients = []
    for _ in range(ACCEPTS):
        client = Client()
        sign_in(client, staff)
        clients.append(client)
    connection.close()

    barrier = threading.Barrier(ACCEPTS)
    slots = threading.Semaphore(MAX_CONNECTIONS)
    results: list[tuple[int, str]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def accept(client: Client, application: PlacementApplication) -> None:
        try:
            barrier.wait(timeout=60)
            with slots:
                response = client.post(
                    f"/api/placements/applications/{application.pk}/accept",
                    content_type="application/json",
                )
            body = response.json()
            with lock:
                results.append((response.status_code, body.get("code", "")))
        except BaseException as error:  # reported below
            with lock:
                errors.append(error)
        finally:
            connection.close()

    # when all 200 accept at the same moment, each request on its own connection
    threads = [
        threading.Thread(target=accept, args=(client, application))
        for client, application in zip(clients, applications, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # then exactly ten succeed, 190 are told the offer is full, and nothing else happens
    assert errors == []
    outcomes = Counter(results)
    assert outcomes == {(201, ""): SEATS, (409, "offer_full"): ACCEPTS - SEATS}
    assert Placement.objects.filter(offer=offer).count() == SEATS
    assert Placement.objects.active().filter(offer=offer).count() == SEATS
    assert AuditEvent.objects.filter(action="placements.placement_accept").count() == SEATS
    assert FieldTrainingOffer.objects.with_seats_taken().get(pk=offer.pk).seats_taken == SEATS
