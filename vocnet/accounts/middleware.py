"""Session security: the second factor is enforced on every request, and staff sessions end
after 30 minutes without activity (개인정보의 안전성 확보조치 기준 제5·6조; OWASP ASVS 3.3)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from vocnet.accounts.selectors import requires_second_factor
from vocnet.accounts.sessions import SECOND_FACTOR_KEY, second_factor_state

# Writing the session on every request would cost a query each time; a minute's granularity
# of the last activity is plenty for a 30-minute timeout.
SEEN_GRANULARITY_SECONDS = 60


class SecondFactorMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware.

    * A signed-in session of a user who needs a second factor (``selectors.
      requires_second_factor``) but carries no second-factor mark was not made by vocnet's
      sign-in (e.g. Django's admin login, or a role granted since): it is ended, and the
      request goes on anonymous — a page redirects to the sign-in, the API answers 401.
    * A session with the mark (staff) that has been idle longer than
      ``VOCNET_STAFF_IDLE_TIMEOUT`` seconds is ended the same way.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            state = second_factor_state(request.session)
            now = int(time.time())
            if state is None:
                if requires_second_factor(user):
                    self._end(
                        request, _("2단계 인증을 마쳐야 이용할 수 있습니다. 다시 로그인하세요.")
                    )
            elif now - int(state.get("seen", 0)) > settings.VOCNET_STAFF_IDLE_TIMEOUT:
                minutes = settings.VOCNET_STAFF_IDLE_TIMEOUT // 60
                self._end(
                    request,
                    _("%(minutes)d분 동안 사용하지 않아 로그아웃했습니다. 다시 로그인하세요.")
                    % {"minutes": minutes},
                )
            elif now - int(state.get("seen", 0)) >= SEEN_GRANULARITY_SECONDS:
                request.session[SECOND_FACTOR_KEY] = {**state, "seen": now}
        return self.get_response(request)

    @staticmethod
    def _end(request: HttpRequest, message: str) -> None:
        logout(request)
        if not request.path.startswith("/api/"):
            messages.info(request, message)
