"""The 학과 개편 신청 pages as people use them: a school files, the office forwards, the province
approves; a bad form is shown again with the rule next to its field and nothing is written."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from vocnet.demand.models import ProposalStatus, RestructuringProposal
from vocnet.demand.supply import current_school_year
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str, language: str | None = None) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _form(world: World, **changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "kind": "grow",
        "department": world.student_a.department_id,
        "proposed_intake": 52,
        "start_year": current_school_year(timezone.localdate()) + 1,
        "reason": "시흥 자동차 정비 인력 수요가 늘어 증원을 신청합니다.",
    }
    form.update(changes)
    return form


def test_file_forward_and_approve_through_the_pages(world: World) -> None:
    school = _client(world, "school_staff_a")

    response = school.post("/demand/proposals/new/", _form(world))

    proposal = RestructuringProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/demand/proposals/{proposal.pk}/"
    page = school.get(f"/demand/proposals/{proposal.pk}/").content.decode()
    assert "수급 근거" in page
    assert "교육지원청 검토 중" in page

    office = _client(world, "support_office_officer")
    office.post(f"/demand/proposals/{proposal.pk}/forward/", {"confirm": "1", "note": "근거 확인"})
    province = _client(world, "province_officer")
    province.post(
        f"/demand/proposals/{proposal.pk}/approve/", {"confirm": "1", "reason": "지역 수요 부합"}
    )

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    assert (proposal.office_note, proposal.decision_reason) == ("근거 확인", "지역 수요 부합")


def test_a_step_without_its_confirmation_changes_nothing(world: World) -> None:
    _client(world, "school_staff_a").post("/demand/proposals/new/", _form(world))
    proposal = RestructuringProposal.objects.get()

    _client(world, "support_office_officer").post(f"/demand/proposals/{proposal.pk}/forward/")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_a_change_beyond_the_limit_is_shown_at_its_field_in_both_languages(
    world: World,
) -> None:
    for language, words in (("ko", "증원 후 정원은"), ("en", "After growing, the intake must be")):
        response = _client(world, "school_staff_a", language).post(
            "/demand/proposals/new/", _form(world, proposed_intake=80)
        )

        assert response.status_code == 200
        assert words in response.content.decode()
        assert "proposed_intake" in response.context["form"].errors
    assert RestructuringProposal.objects.count() == 0
