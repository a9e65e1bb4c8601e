"""API authentication: the browser's session (with CSRF) or a bearer token for machines."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from vocnet.accounts.models import ApiToken, hash_token


class CsrfSessionAuth(SessionAuth):
    """Django's session; state-changing requests must carry the CSRF token."""

    def __init__(self) -> None:
        super().__init__(csrf=True)


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer vn_…`` — a token issued by ``manage.py issue_api_token``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        record = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(token_hash=hash_token(token))
            .first()
        )
        if record is None:
            return None
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
        request.user = record.user
        return record.user
