from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from vocnet.accounts.services import api_token_issue
from vocnet.core.errors import DomainError


class Command(BaseCommand):
    help = "Issue an API bearer token for a user (printed once; only its hash is kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="machine client", help="what the token is for")
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"사용자가 없습니다 / no such user: {options['username']}")
        try:
            issued = api_token_issue(
                actor=None, user=user, name=options["name"], days=options["days"]
            )
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(issued.raw)
        self.stderr.write(
            f"expires {issued.token.expires_at:%Y-%m-%d}; use: Authorization: Bearer <token>"
        )
