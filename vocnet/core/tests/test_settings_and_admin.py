"""Settings read the environment loudly; the admin is the province's; production is hardened."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from vocnet.core.env import env_bool, env_int, env_list
from vocnet.testing import World, sign_in

ROOT = Path(__file__).resolve().parents[3]


def test_env_helpers_fail_loudly_on_bad_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOCNET_FLAG", "perhaps")
    monkeypatch.setenv("VOCNET_NUMBER", "ten")
    monkeypatch.setenv("VOCNET_LIST", " a, b ,,c ")

    with pytest.raises(ImproperlyConfigured, match="VOCNET_FLAG"):
        env_bool("VOCNET_FLAG", default=False)
    with pytest.raises(ImproperlyConfigured, match="VOCNET_NUMBER"):
        env_int("VOCNET_NUMBER", 1)
    assert env_list("VOCNET_LIST", []) == ["a", "b", "c"]
    assert env_bool("VOCNET_UNSET_FLAG", default=True) is True


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings_production",
    "ALLOWED_HOSTS": "vocnet.example.kr",
    "DATABASE_URL": "postgres://vocnet@127.0.0.1:5432/vocnet",
}


def test_production_settings_pass_the_deploy_check_at_warning_level() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(60),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check", **PRODUCTION)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_admin_is_open_to_the_province_only(world: World) -> None:
    province, school_staff = world.user("province_officer"), world.user("school_staff_a")
    for user in (province, school_staff):
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    province_client, staff_client = Client(), Client()
    sign_in(province_client, province)
    sign_in(staff_client, school_staff)

    assert province_client.get("/admin/").status_code == 200
    assert province_client.get("/admin/registry/school/").status_code == 200
    assert staff_client.get("/admin/").status_code == 302
    assert staff_client.get("/admin/registry/school/").status_code == 302
