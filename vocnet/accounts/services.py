"""Writes of accounts: issuing and revoking API tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from vocnet.accounts.models import ApiToken, hash_token
from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.models import record_audit

MAX_TOKEN_DAYS = 365


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str  # shown once; only its hash is stored


def api_token_issue(*, actor: Any, user: Any, name: str, days: int = 90) -> IssuedToken:
    """Issue a bearer token for ``user`` valid for ``days`` (1–365). The raw token is returned
    once and never stored. Raises ValidationFailed for a bad name or lifetime."""
    problems = []
    if not 1 <= days <= MAX_TOKEN_DAYS:
        problems.append(
            FieldProblem(
                "days",
                "out_of_range",
                f"유효 기간은 1~{MAX_TOKEN_DAYS}일이어야 합니다.",
                f"The lifetime must be 1 to {MAX_TOKEN_DAYS} days.",
            )
        )
    if not name.strip() or len(name) > 100:
        problems.append(
            FieldProblem(
                "name",
                "invalid",
                "용도는 1~100자로 입력하세요.",
                "The purpose must be 1 to 100 characters.",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    raw = ApiToken.new_raw_token()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        token_hash=hash_token(raw),
        prefix=raw[:8],
        expires_at=timezone.now() + timedelta(days=days),
    )
    record_audit(
        actor=actor,
        action="api_token.issue",
        obj=token,
        after={"user_id": user.pk, "name": token.name, "prefix": token.prefix},
    )
    return IssuedToken(token=token, raw=raw)
