"""Host vetting: apply, inspect, decide, and exclusion after a serious accident."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.placements import services
from vocnet.placements.models import (
    FieldTrainingOffer,
    HostInspection,
    HostKind,
    HostVetting,
    OfferStatus,
    SeriousAccident,
    VettingStatus,
)
from vocnet.placements.tests import factories as pf
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _application() -> services.VettingApplication:
    return services.VettingApplication(
        host_kind="participating", person_in_charge_name="김담당", person_in_charge_phone=""
    )


def _inspection(**overrides: Any) -> services.InspectionInput:
    values: dict[str, Any] = {
        "inspected_on": timezone.localdate() - timedelta(days=1),
        "teacher_name": "이지도",
        "labour_attorney_name": "박노무",
        "safety_agency_name": "안전보건공단",
        "job_field_fit": True,
        "training_conditions": True,
        "safety_and_health": True,
        "person_in_charge": True,
        "insurance": True,
    }
    return services.InspectionInput(**{**values, **overrides})


def _approval(days: int = 365) -> services.DecisionInput:
    today = timezone.localdate()
    return services.DecisionInput(
        approve=True, valid_from=today, valid_until=today + timedelta(days=days)
    )


def test_company_applies_and_the_application_is_audited(world: World) -> None:
    # given the staff of company A
    # when they apply to host field training
    vetting = services.vetting_apply(
        actor=world.user("company_staff"), company=world.company_a, data=_application()
    )
    # then an application is open and audited
    assert (vetting.status, vetting.company_id) == (VettingStatus.APPLIED, world.company_a.pk)
    assert AuditEvent.objects.filter(action="placements.vetting_apply").count() == 1


def test_a_second_application_while_one_is_open_is_refused(world: World) -> None:
    pf.VettingFactory(company=world.company_a)
    with pytest.raises(Conflict) as raised:
        services.vetting_apply(
            actor=world.user("company_staff"), company=world.company_a, data=_application()
        )
    assert raised.value.code == "vetting_pending"
    assert HostVetting.objects.count() == 1


def test_company_staff_cannot_apply_for_another_company(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.vetting_apply(
            actor=world.user("company_staff"), company=world.company_b, data=_application()
        )
    assert HostVetting.objects.count() == 0


def test_the_inspection_is_recorded_and_the_vetting_is_inspected(world: World) -> None:
    # given an application of company A (region A)
    vetting = pf.VettingFactory(company=world.company_a)
    # when the support office of region A records the inspection
    inspection = services.vetting_record_inspection(
        actor=world.user("support_office_officer"), vetting=vetting, data=_inspection()
    )
    # then the vetting is inspected and the checklist is kept
    vetting.refresh_from_db()
    assert vetting.status == VettingStatus.INSPECTED
    assert inspection.all_items_met is True


def test_the_support_office_of_another_region_cannot_inspect(world: World) -> None:
    vetting = pf.VettingFactory(company=world.company_b)
    with pytest.raises(PermissionDenied):
        services.vetting_record_inspection(
            actor=world.user("support_office_officer"), vetting=vetting, data=_inspection()
        )
    assert HostInspection.objects.count() == 0


def test_approval_without_an_inspection_is_refused(world: World) -> None:
    vetting = pf.VettingFactory(company=world.company_a)
    with pytest.raises(ValidationFailed) as raised:
        services.vetting_decide(
            actor=world.user("province_officer"), vetting=vetting, data=_approval()
        )
    assert [p.code for p in raised.value.problems] == ["inspection_required"]
    vetting.refresh_from_db()
    assert vetting.status == VettingStatus.APPLIED


def test_approval_with_an_unmet_checklist_item_names_it(world: World) -> None:
    inspection = pf.InspectionFactory(
        vetting__company=world.company_a, insurance=False, safety_and_health=False
    )
    with pytest.raises(ValidationFailed) as raised:
        services.vetting_decide(
            actor=world.user("province_officer"), vetting=inspection.vetting, data=_approval()
        )
    assert raised.value.problems[0].code == "checklist_not_met"
    assert raised.value.problems[0].message_ko.endswith("미충족: 안전·보건 관리, 산재보험 가입")


def test_approval_after_a_full_inspection_sets_the_validity(world: World) -> None:
    # given an inspection meeting every item
    inspection = pf.InspectionFactory(vetting__company=world.company_a)
    # when the province approves for a year
    vetting = services.vetting_decide(
        actor=world.user("province_officer"), vetting=inspection.vetting, data=_approval()
    )
    # then the decision is valid from today for 365 days and the host may publish
    today = timezone.localdate()
    assert (vetting.status, vetting.valid_from, vetting.valid_until) == (
        VettingStatus.APPROVED,
        today,
        today + timedelta(days=365),
    )
    assert services.ensure_vetted_host(world.company_a) == vetting


def test_approval_longer_than_three_years_is_refused(world: World) -> None:
    inspection = pf.InspectionFactory(vetting__company=world.company_a)
    with pytest.raises(ValidationFailed) as raised:
        services.vetting_decide(
            actor=world.user("province_officer"),
            vetting=inspection.vetting,
            data=_approval(days=4 * 365),
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("valid_until", "validity_too_long")
    ]


def test_a_rejection_needs_a_reason(world: World) -> None:
    vetting = pf.VettingFactory(company=world.company_a)
    with pytest.raises(ValidationFailed) as raised:
        services.vetting_decide(
            actor=world.user("province_officer"),
            vetting=vetting,
            data=services.DecisionInput(approve=False),
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [("note", "required")]


def test_a_serious_accident_excludes_the_host_at_once_and_closes_its_offers(
    world: World, offer_a: Any
) -> None:
    # given company A vetted with a published offer and a draft
    draft = pf.DraftOfferFactory(company=world.company_a)
    # when the support office records a serious accident
    result = services.serious_accident_record(
        actor=world.user("support_office_officer"),
        company=world.company_a,
        occurred_on=timezone.localdate(),
        description="프레스 끼임 사고",
    )
    # then the vetting is excluded, the published offer closed, the draft untouched, all audited
    assert (result.excluded_vettings, result.closed_offers, result.active_placements) == (1, 1, 0)
    assert list(HostVetting.objects.values_list("status", flat=True)) == [VettingStatus.EXCLUDED]
    offer_a.refresh_from_db()
    draft.refresh_from_db()
    assert (offer_a.status, draft.status) == (OfferStatus.CLOSED, OfferStatus.DRAFT)
    actions = sorted(AuditEvent.objects.values_list("action", flat=True))
    assert actions == [
        "placements.accident_record",
        "placements.offer_close",
        "placements.vetting_exclude",
    ]


def test_an_excluded_host_cannot_publish(world: World, vetted_a: Any) -> None:
    # given company A excluded after an accident, with a draft offer
    services.serious_accident_record(
        actor=world.user("province_officer"),
        company=world.company_a,
        occurred_on=timezone.localdate(),
        description="추락 사고",
    )
    draft = pf.DraftOfferFactory(company=world.company_a)
    # when its staff try to publish, then the host is not vetted
    with pytest.raises(Conflict) as raised:
        services.offer_publish(actor=world.user("company_staff"), offer=draft)
    assert raised.value.code == "host_not_vetted"
    assert FieldTrainingOffer.objects.get(pk=draft.pk).status == OfferStatus.DRAFT


def test_approval_is_refused_after_a_recent_serious_accident(world: World) -> None:
    SeriousAccident.objects.create(
        company=world.company_a,
        occurred_on=timezone.localdate() - timedelta(days=200),
        description="감전 사고",
    )
    inspection = pf.InspectionFactory(vetting__company=world.company_a)
    with pytest.raises(ValidationFailed) as raised:
        services.vetting_decide(
            actor=world.user("province_officer"), vetting=inspection.vetting, data=_approval()
        )
    assert [p.code for p in raised.value.problems] == ["serious_accident"]


def test_company_staff_cannot_record_an_accident(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.serious_accident_record(
            actor=world.user("company_staff"),
            company=world.company_a,
            occurred_on=timezone.localdate(),
            description="x",
        )
    assert SeriousAccident.objects.count() == 0


def test_only_the_province_approves_a_leading_host(world: World) -> None:
    # given a fully inspected application of company A as a 선도기업
    inspection = pf.InspectionFactory(
        vetting__company=world.company_a, vetting__host_kind=HostKind.LEADING
    )
    # when the support office of its region approves, it is refused naming the rule (unverified)
    with pytest.raises(ValidationFailed) as raised:
        services.vetting_decide(
            actor=world.user("support_office_officer"), vetting=inspection.vetting,
            data=_approval(),
        )  # fmt: skip
    [refusal] = raised.value.problems
    assert (refusal.field, refusal.code) == ("approve", "leading_host_needs_province")
    assert "미확인" in refusal.message_ko
    assert "not verified" in refusal.message_en
    inspection.vetting.refresh_from_db()
    assert inspection.vetting.status == VettingStatus.INSPECTED
    # and the province approves it
    vetting = services.vetting_decide(
        actor=world.user("province_officer"), vetting=inspection.vetting, data=_approval()
    )
    assert vetting.status == VettingStatus.APPROVED
