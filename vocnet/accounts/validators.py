"""Password validators beside Django's own (config/settings.py AUTH_PASSWORD_VALIDATORS)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from vocnet.accounts.models import User


class MaximumLengthValidator:
    """Refuse passwords over ``max_length`` characters (OWASP ASVS 2.1.2: at least 64
    characters are accepted, more than 128 refused), so a megabyte-long "password" cannot tie
    up the Argon2 hasher."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: User | None = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                _("비밀번호는 %(max_length)d자까지 쓸 수 있습니다."),
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self) -> str:
        return _("비밀번호는 %(max_length)d자까지 쓸 수 있습니다.") % {
            "max_length": self.max_length
        }
