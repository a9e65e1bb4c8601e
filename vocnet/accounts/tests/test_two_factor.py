"""Two-factor sign-in of province, support-office and school staff (issue 8, item 4):
password first, then a TOTP code or a one-time recovery code; enrolment with QR code and
secret; a code is accepted once; a session without the second step is not signed in."""

from __future__ import annotations

import time
from base64 import b32decode
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from vocnet.accounts.models import RecoveryCode, hash_recovery_code
from vocnet.accounts.sessions import PENDING_KEY, SECOND_FACTOR_KEY
from vocnet.core.models import AuditEvent
from vocnet.registry.models import Role
from vocnet.registry.tests import factories as f
from vocnet.testing import World, sign_in
from vocnet.testing.accounts import TEST_TOTP_KEY, give_authenticator, totp_code

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"


def _password_step(client: Client, username: str, next_url: str = "") -> Any:
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/login/", data)


def _signed_in_as(client: Client) -> str | None:
    body = client.get("/api/me")
    return str(body.json()["username"]) if body.status_code == 200 else None


def _enrol(client: Client, username: str) -> list[str]:
    """Password, then the enrolment page: scan (read) the secret, confirm with a code."""
    _password_step(client, username)
    page = client.get("/accounts/login/enrol/")
    key = b32decode(page.context["secret"].replace(" ", ""))
    done = client.post("/accounts/login/enrol/", {"code": totp_code(key)})
    assert done.status_code == 200, done.content
    return list(done.context["codes"])


@pytest.mark.parametrize(
    "persona", ["province_officer", "support_office_officer", "school_staff_a"]
)
def test_staff_password_alone_does_not_sign_in(world: World, persona: str) -> None:
    # Given staff with an authenticator
    give_authenticator(world.user(persona))
    client = Client()

    # When they give the right password only
    response = _password_step(client, persona)

    # Then they are sent to the second step and are not signed in, in pages or the API
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/verify/"
    assert client.get("/")["Location"].startswith("/accounts/login/")
    assert client.get("/api/me").status_code == 401


def test_the_right_code_completes_the_sign_in_with_a_new_session_id(world: World) -> None:
    # Given school staff with an authenticator, past the password step
    give_authenticator(world.user("school_staff_a"))
    client = Client()
    _password_step(client, "school_staff_a", next_url="/directory/")
    pending_id = client.cookies[settings.SESSION_COOKIE_NAME].value

    # When they type the authenticator's current code
    response = client.post("/accounts/login/verify/", {"code": totp_code(TEST_TOTP_KEY)})

    # Then they are signed in, sent where they were going, in a session with a new id
    # marked by the second step
    assert response.status_code == 302
    assert response["Location"] == "/directory/"
    assert _signed_in_as(client) == "school_staff_a"
    signed_in_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert signed_in_id != pending_id
    assert client.session[SECOND_FACTOR_KEY]["method"] == "totp"
    assert PENDING_KEY not in client.session


def test_a_code_accepted_once_is_refused_the_second_time(world: World) -> None:
    # Given school staff who signed in with a code and signed out
    give_authenticator(world.user("school_staff_a"))
    code = totp_code(TEST_TOTP_KEY)
    first = Client()
    _password_step(first, "school_staff_a")
    assert first.post("/accounts/login/verify/", {"code": code}).status_code == 302
    first.post("/accounts/logout/")

    # When the same code is typed again (a replay), with the right password
    second = Client()
    _password_step(second, "school_staff_a")
    response = second.post("/accounts/login/verify/", {"code": code})

    # Then it is refused, naming the code, and nobody is signed in
    assert response.status_code == 200
    assert "이미 사용한 코드" in response.context["form"].errors["code"][0]
    assert _signed_in_as(second) is None


def test_a_wrong_code_is_refused_and_five_send_the_user_back_to_the_password(
    world: World,
) -> None:
    # Given province staff past the password step
    give_authenticator(world.user("province_officer"))
    client = Client()
    _password_step(client, "province_officer")

    # When they type five wrong codes
    answers = [client.post("/accounts/login/verify/", {"code": "000000"}) for _ in range(5)]

    # Then four come back with an error on the code, the fifth ends the attempt
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 302]
    assert answers[-1]["Location"] == "/accounts/login/"
    assert PENDING_KEY not in client.session
    assert client.get("/accounts/login/verify/")["Location"] == "/accounts/login/"
    assert _signed_in_as(client) is None


def test_the_second_step_expires_after_five_minutes(world: World) -> None:
    # Given staff who gave their password six minutes ago
    give_authenticator(world.user("school_staff_a"))
    client = Client()
    _password_step(client, "school_staff_a")
    session = client.session
    session[PENDING_KEY] = {**session[PENDING_KEY], "started": int(time.time()) - 360}
    session.save()

    # When they type a right code now
    response = client.post("/accounts/login/verify/", {"code": totp_code(TEST_TOTP_KEY)})

    # Then they must start again, and are not signed in
    assert response["Location"] == "/accounts/login/"
    assert _signed_in_as(client) is None


def test_first_sign_in_of_staff_enrols_an_authenticator_and_gives_ten_recovery_codes(
    world: World,
) -> None:
    # Given school staff without an authenticator, past the password step
    client = Client()
    first = _password_step(client, "school_staff_a")

    # When they open the enrolment page
    page = client.get("/accounts/login/enrol/")

    # Then it shows a QR code (inline SVG, no outside service) and the secret, not yet active
    html = page.content.decode()
    assert first["Location"] == "/accounts/login/enrol/"
    assert '<svg role="img"' in html
    assert "otpauth" not in html
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    device = TOTPDevice.objects.get(user=world.user("school_staff_a"))
    assert device.confirmed is False
    assert _signed_in_as(client) is None

    # When they confirm with the code of their app
    key = b32decode(page.context["secret"].replace(" ", ""))
    done = client.post("/accounts/login/enrol/", {"code": totp_code(key)})

    # Then they are signed in, the authenticator is confirmed, and ten recovery codes are
    # shown once and kept only as hashes
    codes = list(done.context["codes"])
    assert done.status_code == 200
    assert _signed_in_as(client) == "school_staff_a"
    device.refresh_from_db()
    assert device.confirmed is True
    assert len(set(codes)) == 10
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert stored == {hash_recovery_code(code) for code in codes}
    assert not any(code in str(RecoveryCode.objects.values().first()) for code in codes)


def test_a_wrong_enrolment_code_confirms_nothing(world: World) -> None:
    # Given staff on the enrolment page
    client = Client()
    _password_step(client, "school_staff_a")
    client.get("/accounts/login/enrol/")

    # When they type a wrong code
    response = client.post("/accounts/login/enrol/", {"code": "123456"})

    # Then the code is refused, nothing is confirmed, no recovery code exists
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert TOTPDevice.objects.filter(confirmed=True).count() == 0
    assert RecoveryCode.objects.count() == 0
    assert _signed_in_as(client) is None


def test_each_enrolment_page_shows_a_new_secret(world: World) -> None:
    # Given staff on the enrolment page
    client = Client()
    _password_step(client, "school_staff_a")

    # When the page is opened twice
    first = client.get("/accounts/login/enrol/").context["secret"]
    second = client.get("/accounts/login/enrol/").context["secret"]

    # Then the secrets differ and only the newest enrolment exists
    assert first != second
    assert TOTPDevice.objects.filter(user=world.user("school_staff_a")).count() == 1


def test_a_recovery_code_signs_in_once(world: World) -> None:
    # Given school staff who enrolled and signed out
    client = Client()
    codes = _enrol(client, "school_staff_a")
    client.post("/accounts/logout/")

    # When they sign in with a recovery code (typed in capitals, without the dashes)
    again = Client()
    _password_step(again, "school_staff_a")
    response = again.post("/accounts/login/verify/", {"code": codes[3].replace("-", "").upper()})

    # Then they are in, the code is marked used and the use is audited
    assert response.status_code == 302
    assert _signed_in_as(again) == "school_staff_a"
    assert again.session[SECOND_FACTOR_KEY]["method"] == "recovery"
    assert RecoveryCode.objects.filter(used_at__isnull=False).count() == 1
    assert AuditEvent.objects.filter(action="two_factor.recovery_code_used").count() == 1

    # When the same recovery code is used a second time
    third = Client()
    _password_step(third, "school_staff_a")
    refused = third.post("/accounts/login/verify/", {"code": codes[3]})

    # Then it is refused
    assert refused.status_code == 200
    assert refused.context["form"].errors["code"]
    assert _signed_in_as(third) is None


def test_users_without_a_staff_role_need_no_second_factor(world: World) -> None:
    # Given a student, a guardian, company staff: no second factor
    for persona in ("student", "guardian", "company_staff", "university_staff"):
        client = Client()

        # When they sign in with their password
        response = _password_step(client, persona)

        # Then they are signed in at once
        assert response["Location"] == "/", persona
        assert _signed_in_as(client) == persona


def _session_without_second_factor(client: Client, user: Any) -> None:
    """A signed-in session made outside vocnet's sign-in (as Django's own login would make it),
    without the second-factor mark."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


def test_a_staff_session_without_the_second_step_is_refused_by_pages_and_the_api(
    world: World,
) -> None:
    # Given province staff with a session that skipped the second step
    page_client, api_client = Client(), Client()
    _session_without_second_factor(page_client, world.user("province_officer"))
    _session_without_second_factor(api_client, world.user("province_officer"))

    # When they open a page, or call the API with the session
    page = page_client.get("/directory/")
    api = api_client.get("/api/me")

    # Then the page sends them to sign in, the API answers 401, and the session is gone
    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/")
    assert api.status_code == 401
    assert api.json()["code"] == "not_authenticated"
    assert _signed_in_as(page_client) is None


def test_a_staff_role_granted_during_a_session_asks_for_the_second_step(world: World) -> None:
    # Given company staff signed in (no second factor needed)
    client = Client()
    user = world.user("company_staff")
    sign_in(client, user)
    assert _signed_in_as(client) == "company_staff"

    # When they become staff of a school
    f.MembershipFactory(user=user, organisation=world.school_a.organisation, role=Role.SCHOOL_STAFF)

    # Then their session no longer counts as signed in
    assert _signed_in_as(client) is None


def test_the_admin_login_sends_to_vocnets_sign_in(world: World) -> None:
    # When the Django admin's own login page is asked for
    response = Client().get("/admin/login/?next=/admin/registry/school/")

    # Then it redirects to vocnet's two-step sign-in, keeping where to go
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/registry/school/"


def test_new_recovery_codes_need_a_fresh_code_and_replace_the_old_ones(world: World) -> None:
    # Given staff who enrolled (their app key is read from the device)
    client = Client()
    old_codes = _enrol(client, "school_staff_a")
    device = TOTPDevice.objects.get(user=world.user("school_staff_a"))

    # When they ask for new codes with a wrong code, then with the app's next code
    refused = client.post("/accounts/security/", {"code": "000000"})
    time.sleep(1.1)  # django-otp slows down the attempt after a wrong code
    done = client.post("/accounts/security/", {"code": totp_code(device.bin_key, steps_ahead=1)})

    # Then the wrong one changes nothing, the right one gives ten new codes
    assert refused.context["form"].errors["code"]
    new_codes = list(done.context["codes"])
    assert len(new_codes) == 10
    assert not set(new_codes) & set(old_codes)
    assert set(RecoveryCode.objects.values_list("code_hash", flat=True)) == {
        hash_recovery_code(code) for code in new_codes
    }


def test_the_security_page_shows_the_second_factor_state(world: World) -> None:
    # Given staff signed in with an authenticator and ten codes
    client = Client()
    _enrol(client, "school_staff_a")

    # When they open their security page
    page = client.get("/accounts/security/")

    # Then it shows the second factor in use and ten codes left
    assert page.status_code == 200
    status = page.context["status"]
    assert (status.second_factor_required, status.recovery_codes_left) == (True, 10)
    assert status.enrolled_at is not None
