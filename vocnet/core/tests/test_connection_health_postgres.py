"""A web process whose kept database connection was dropped by the database (restart,
failover, ``pg_terminate_backend``) answers the next request normally: the connection is
checked at the start of each request and reopened (``CONN_HEALTH_CHECKS``, docs/adr/0014).
Without the check, the first request after a drop is a 500 in every process."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from vocnet.testing import sign_in

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL backends"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def restored_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture
def kept_connection(request: pytest.FixtureRequest) -> Iterator[None]:
    """The connection kept between requests as in production (CONN_MAX_AGE), with the
    health check on or off (the test's parameter)."""
    saved = {key: connection.settings_dict[key] for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    connection.close()
    connection.settings_dict.update({"CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": request.param})
    yield
    connection.close()
    connection.settings_dict.update(saved)


def _terminate_backend_of_this_process() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def _get(handler: WSGIHandler, path: str, cookie: str) -> int:
    statuses: list[str] = []
    environ = RequestFactory().get(path, HTTP_COOKIE=cookie).environ
    response = handler(environ, lambda status, headers, *rest: statuses.append(status))
    response.close()
    return int(statuses[0].split()[0])


@pytest.mark.parametrize(
    ("kept_connection", "status_after_drop"),
    [(True, 200), (False, 500)],
    indirect=["kept_connection"],
)
def test_the_first_request_after_the_database_dropped_the_connection(
    restored_database: None, kept_connection: None, status_after_drop: int, world: Any
) -> None:
    # given a signed-in officer whose request ran on a connection the process keeps
    client = Client()
    sign_in(client, world.user("province_officer"))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    handler = WSGIHandler()
    path = reverse("clearinghouse:rounds")
    assert _get(handler, path, cookie) == 200
    assert connection.connection is not None  # kept, not closed at the end of the request

    # when the database terminates that connection between two requests
    _terminate_backend_of_this_process()

    # then the next request is served on a fresh connection (with the check), or is a 500
    assert _get(handler, path, cookie) == status_after_drop
    # and in both cases the one after it is served
    assert _get(handler, path, cookie) == 200
