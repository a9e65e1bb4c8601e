"""Production's static files: collectstatic through the manifest storage succeeds, and the
health check answers plain HTTP while everything else is redirected to HTTPS (issue 12, 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils.module_loading import import_string

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_collectstatic_through_the_manifest_storage_finds_every_referenced_file(
    tmp_path: Path,
) -> None:
    # Given the manifest pass production runs (Django's ManifestStaticFilesStorage; whitenoise's
    # production storage only adds compression on top of it, which is slow and not at issue)
    assert issubclass(import_string(PRODUCTION_STORAGE), ManifestStaticFilesStorage)
    storages = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    }

    # When collectstatic runs into an empty STATIC_ROOT (it raised MissingFileError for
    # KRDS's component.css before)
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)

    # Then every stylesheet the pages load has a hashed name, and the icons its url()s name
    # were collected
    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    krds = paths["vendor/krds/css/component/output.css"]
    assert krds.startswith("vendor/krds/css/component/output.") and krds != "output.css"
    assert "css/vocnet.css" in paths
    assert "vendor/krds/img/component/icon/ico_angle.svg" in paths
    assert "vendor/krds/css/component/component.css" not in paths


@pytest.mark.django_db
def test_health_check_answers_plain_http_while_pages_are_redirected_to_https() -> None:
    client = Client()

    with override_settings(SECURE_SSL_REDIRECT=True):
        health = client.get("/healthz")
        login = client.get("/accounts/login/")

    assert health.status_code == 200
    assert login.status_code == 301
    assert login["Location"].startswith("https://")
