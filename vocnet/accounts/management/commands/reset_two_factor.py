"""``manage.py reset_two_factor USERNAME``: remove a user's authenticator and recovery codes
(a lost phone with no recovery code left); they enrol again at their next sign-in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from vocnet.accounts.services import two_factor_reset


class Command(BaseCommand):
    help = "Remove a user's authenticator and recovery codes; they enrol again at sign-in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"사용자가 없습니다 / no such user: {options['username']}")
        removed = two_factor_reset(actor=None, user=user)
        self.stdout.write(
            f"{user.get_username()}: 인증 앱 {removed}개와 복구 코드를 지웠습니다 / removed "
            f"{removed} authenticator(s) and the recovery codes"
        )
