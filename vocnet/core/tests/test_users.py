"""``UserLike``, the acting user as the layers below accounts see it, and ``user_row``."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from vocnet.core.permissions import ANONYMOUS, actor_for
from vocnet.core.users import UserLike, user_row


@dataclass
class FakeUser:
    """A test double: anything with the four members is a ``UserLike``."""

    pk: int = 7
    is_authenticated: bool = True
    is_superuser: bool = False

    def get_username(self) -> str:
        return "teacher"


def test_a_signed_in_user_is_its_own_row() -> None:
    user: UserLike = FakeUser()
    assert user_row(user) is user


def test_the_anonymous_user_and_the_system_have_no_row() -> None:
    assert user_row(AnonymousUser()) is None
    assert user_row(None) is None
    assert user_row(FakeUser(is_authenticated=False)) is None


def test_the_anonymous_user_acts_as_anonymous() -> None:
    assert actor_for(AnonymousUser()) is ANONYMOUS
    assert actor_for(None) is ANONYMOUS
