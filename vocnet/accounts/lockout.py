"""The sign-in lockout's two limits (django-axes handler; docs/adr/0008, issue 12).

django-axes counts failed sign-ins in ``AccessAttempt`` rows (one per username, address and
browser) and locks when one count reaches one ``AXES_FAILURE_LIMIT``. vocnet needs two limits
over two counts:

- ``AXES_FAILURE_LIMIT`` (5) failures of one username *from one address*
  (``AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]``), so a stranger who knows a
  username cannot lock its owner out from elsewhere;
- ``VOCNET_LOCKOUT_ADDRESS_LIMIT`` (50) failures *from one address* over every username, so
  one address cannot spray passwords over many accounts, yet a school's staff behind one NAT
  address can make their typos.

Both within ``AXES_COOLOFF_TIME``. The address is ``vocnet.core.middleware.client_ip`` (the
client behind ``VOCNET_TRUSTED_PROXIES``).
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

# Which limit was reached, for the lockout page (``accounts.views.locked_out``).
ADDRESS_LOCKED = "address"
ACCOUNT_LOCKED = "account"


def address_failures(request: HttpRequest) -> int:
    """Failed sign-ins from the request's client address, over every username, within the
    cool-off time (0 when the address is unknown)."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    attempts = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    )
    total = attempts.aggregate(total=Sum("failures_since_start"))["total"]
    return int(total or 0)


class UsernameAndAddressHandler(AxesDatabaseHandler):
    """axes' database handler with a second, higher limit per client address.

    ``get_failures`` answers on axes' scale — locked at ``AXES_FAILURE_LIMIT`` — with the
    count nearer to its own limit: the username-and-address failures as they are, or the
    address's failures shifted so that ``VOCNET_LOCKOUT_ADDRESS_LIMIT`` of them reach
    ``AXES_FAILURE_LIMIT``. So axes locks when either limit is reached, before the password
    is checked, and axes' own reset on success clears only that username-and-address count
    (a sprayer's one good account cannot reset its address's count against the others).
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        pair = int(super().get_failures(request, credentials))
        account_limit = int(settings.AXES_FAILURE_LIMIT)
        address_limit = int(settings.VOCNET_LOCKOUT_ADDRESS_LIMIT)
        from_address = address_failures(request) - (address_limit - account_limit)
        if from_address >= account_limit:
            request.vocnet_lockout = ADDRESS_LOCKED  # type: ignore[attr-defined]
        elif pair >= account_limit:
            request.vocnet_lockout = ACCOUNT_LOCKED  # type: ignore[attr-defined]
        return max(pair, from_address)
