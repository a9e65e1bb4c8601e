"""The one bilingual error text (``DomainError.localized``) and the one POST-button helper
(``vocnet.core.views.act``) that every app's pages use."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpRequest
from django.test import RequestFactory
from django.utils import translation

from vocnet.core.errors import (
    Conflict,
    FieldProblem,
    PermissionDenied,
    localized,
    permission_denied,
)
from vocnet.core.views import act


def _post() -> HttpRequest:
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _texts(request: HttpRequest) -> list[tuple[str, str]]:
    return [(message.level_tag, message.message) for message in get_messages(request)]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ko", "이 작업을 할 권한이 없습니다."), ("en", "You do not have permission to do this.")],
)
def test_a_domain_error_speaks_the_interface_language(language: str, expected: str) -> None:
    # given an error with both messages, when read in each language
    with translation.override(language):
        # then the language's message comes back, from the property and the helper alike
        assert permission_denied().localized == expected
        assert localized(permission_denied()) == expected


def test_a_field_problem_speaks_the_interface_language() -> None:
    problem = FieldProblem("hours", "too_long", "하루 7시간을 넘을 수 없습니다.", "At most 7 h.")
    with translation.override("en"):
        assert problem.localized == "At most 7 h."
    with translation.override("ko"):
        assert problem.localized == "하루 7시간을 넘을 수 없습니다."


def test_act_runs_the_action_and_says_so() -> None:
    # given a POST and an action that succeeds
    request = _post()
    calls: list[str] = []
    # when acted on
    response = act(request, lambda: calls.append("done"), "했습니다.", "/back/")
    # then the action ran once, a success message is queued and the page goes back
    assert calls == ["done"]
    assert _texts(request) == [("success", "했습니다.")]
    assert (response.status_code, response["Location"]) == (302, "/back/")


def test_act_turns_a_refusal_into_an_error_message_in_the_interface_language() -> None:
    # given an action a service refuses
    request = _post()

    def refuse() -> None:
        raise Conflict(code="closed", message_ko="이미 닫혔습니다.", message_en="Already closed.")

    # when acted on in English
    with translation.override("en"):
        response = act(request, refuse, "했습니다.", "/back/")
    # then only the error is shown, and the page goes back to the same target
    assert _texts(request) == [("error", "Already closed.")]
    assert response["Location"] == "/back/"


def test_act_goes_elsewhere_on_a_refusal_when_told() -> None:
    request = _post()

    def refuse() -> None:
        raise Conflict(code="in_use", message_ko="쓰이고 있습니다.", message_en="In use.")

    with translation.override("ko"):
        response = act(request, refuse, "지웠습니다.", "/list/", refused="/detail/7/")
    assert _texts(request) == [("error", "쓰이고 있습니다.")]
    assert response["Location"] == "/detail/7/"


def test_act_lets_a_permission_refusal_reach_the_403_page() -> None:
    # a refused POST answers as a refused GET does (DomainErrorMiddleware), not as a message
    request = _post()

    def refuse() -> None:
        raise permission_denied()

    with pytest.raises(PermissionDenied):
        act(request, refuse, "했습니다.", "/back/")
    assert _texts(request) == []


def test_act_leaves_other_exceptions_alone() -> None:
    # a bug is not a refusal: it reaches the error page instead of becoming a message
    request = _post()

    def broken() -> None:
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        act(request, broken, "했습니다.", "/back/")
    assert _texts(request) == []
