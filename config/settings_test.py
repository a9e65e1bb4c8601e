"""Test settings: fast hashing and in-memory SQLite unless DATABASE_URL points elsewhere."""

from __future__ import annotations

import os

os.environ.setdefault("VOCNET_ENV", "test")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment-000000000000")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

from config.settings import *  # noqa: F403

# Hashing dominates test time otherwise; production keeps the strong default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
