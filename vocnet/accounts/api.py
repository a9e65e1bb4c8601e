"""Who am I: the signed-in user's identity and memberships."""

from typing import Any, cast

from django.http import HttpRequest
from ninja import Router, Schema

from vocnet.accounts import selectors
from vocnet.accounts.models import User

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    organisation_id: int
    organisation_name_ko: str
    role: str
    role_label: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    is_province: bool
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> Any:
    # The router's auth lets only a signed-in user (a User) this far.
    return selectors.me(user=cast(User, request.user))
