"""Passwords (issue 8, item 1): Argon2id, Django's validators with the common-password list,
64-character passphrases accepted, more than 128 characters refused."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"
# config/settings.py's list (the test settings use a fast hasher instead).
PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
PASSPHRASE_64 = "경기 직업교육 vocnet 현장실습 passphrase with sixty-four characters, okay!"


def _messages(password: str) -> list[str]:
    try:
        validate_password(password)
    except ValidationError as error:
        return [e.code or "" for e in error.error_list]
    return []


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_password_is_stored_as_an_argon2id_hash(world: World) -> None:
    # Given a user
    user = world.user("school_staff_a")

    # When a password is set
    user.set_password(PASSPHRASE_64)
    user.save()

    # Then only an Argon2id hash is stored, which checks the password
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert PASSPHRASE_64 not in user.password
    assert user.check_password(PASSPHRASE_64)


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_an_older_pbkdf2_hash_is_upgraded_to_argon2_at_sign_in(world: World) -> None:
    # Given a user whose password was hashed with PBKDF2
    user = world.user("company_staff")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    # When they sign in
    response = Client().post(
        "/accounts/login/", {"username": "company_staff", "password": PASSWORD}
    )

    # Then the stored hash is Argon2id now
    user.refresh_from_db()
    assert response.status_code == 302
    assert identify_hasher(user.password).algorithm == "argon2"


def test_the_validators_accept_a_64_character_passphrase() -> None:
    assert len(PASSPHRASE_64) == 64
    assert _messages(PASSPHRASE_64) == []


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("password1234", "password_too_common"),
        ("short-pw-1", "password_too_short"),
        ("8402917365018273", "password_entirely_numeric"),
        ("x" * 60 + "-long-passphrase-that-is-too-long-" * 2 + "y" * 30, "password_too_long"),
    ],
)
def test_the_validators_refuse_common_short_numeric_and_over_long_passwords(
    password: str, code: str
) -> None:
    assert code in _messages(password)


def test_a_64_character_password_can_be_set_and_used_to_sign_in(world: World) -> None:
    # Given company staff changing their password to a 64-character passphrase
    client = Client()
    sign_in(client, world.user("company_staff"))
    changed = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": PASSPHRASE_64, "new_password2": PASSPHRASE_64},
    )
    client.post("/accounts/logout/")

    # When they sign in with it
    response = Client().post(
        "/accounts/login/", {"username": "company_staff", "password": PASSPHRASE_64}
    )

    # Then both worked
    assert changed.status_code == 302
    assert response.status_code == 302
