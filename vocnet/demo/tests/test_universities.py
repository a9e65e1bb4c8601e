"""The universities demo on the small registry demo: two fictional universities with 재직자
특별전형 places and 계약학과 with partner companies, consents of graduates of linked schools,
applications and an enrolled cohort, all synthetic; the graduate login; idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from vocnet.demo.agreements import load_agreements_demo
from vocnet.demo.pathways import load_pathways_demo
from vocnet.demo.registry import load_demo
from vocnet.demo.universities import (
    DEMO_UNIVERSITIES,
    load_universities_demo,
    reset_universities_demo,
)
from vocnet.pathways.models import (
    ProgrammeApplication,
    UniversityConsent,
    UniversityProgramme,
)
from vocnet.pathways.selectors import universities as selectors
from vocnet.registry.models import DataOrigin

pytestmark = pytest.mark.django_db


def test_the_demo_gives_two_universities_programmes_consents_and_a_cohort(db: Any) -> None:
    from django.contrib.auth import get_user_model

    load_demo(scale=0.02, school_year=2026)
    load_agreements_demo()
    load_pathways_demo()

    counts = load_universities_demo()

    programmes = UniversityProgramme.objects.all()
    assert set(programmes.values_list("university__name_ko", flat=True)) == set(DEMO_UNIVERSITIES)
    assert set(programmes.values_list("kind", flat=True)) == {
        "incumbent_special",
        "contract_department",
    }
    assert programmes.filter(kind="contract_department", partner_companies__isnull=False).exists()
    assert counts["consents"] > 0
    assert counts["applications"] > 0
    for model in (UniversityProgramme, UniversityConsent, ProgrammeApplication):
        assert set(model.objects.values_list("data_origin", flat=True)) == {DataOrigin.SYNTHETIC}
    # The demo university's officer sees consenting graduates and an enrolled cohort
    officer = get_user_model().objects.get(username="university")
    assert selectors.consenting_graduates(officer)
    assert selectors.cohort(officer).members
    # The graduate login has a pathway row and no consent yet
    graduate_user = get_user_model().objects.get(username="graduate")
    page = selectors.graduate_consent_page(graduate_user)
    assert page.graduate is not None
    assert page.universities
    assert not page.consent_stands
    # Idempotent, and the reset removes what it made
    assert load_universities_demo()["created"] == 0
    reset_universities_demo()
    assert not UniversityProgramme.objects.exists()
    assert not get_user_model().objects.filter(username="graduate").exists()
