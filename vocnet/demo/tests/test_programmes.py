"""The programmes demo on a small registry demo: the Ministry's call and Gyeonggi's blind
pre-screen, 9 applications, 3 nominees, 경기자동차과학고 selected; idempotent and resettable."""

from __future__ import annotations

import time
from typing import Any

import pytest

from vocnet.demo.programmes import (
    GYEONGGI_TITLE,
    load_programmes_demo,
    reset_programmes_demo,
)
from vocnet.demo.registry import load_demo
from vocnet.programmes.models import Application, Call, Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_demo(db: Any) -> None:
    load_demo(scale=0.02, school_year=2026)


def test_the_demo_has_the_pre_screen_nominees_and_the_ministrys_selection(
    registry_demo: None,
) -> None:
    started = time.perf_counter()
    counts = load_programmes_demo()
    elapsed = time.perf_counter() - started
    assert counts == {"calls": 2, "applications": 12, "scores": 9 * 5 * 11, "decisions": 12}
    print(f"programmes demo: {elapsed:.2f} s")
    gyeonggi = Call.objects.get(title=GYEONGGI_TITLE)
    assert gyeonggi.is_blind
    assert gyeonggi.nominates_to is not None
    nominated = Decision.objects.filter(call=gyeonggi, outcome="nominated")
    assert sorted(d.application.lead_organisation.name_ko for d in nominated) == [
        "경기자동차과학고등학교",
        "삼일공업고등학교",
        "세경고등학교",
    ]
    selected = Decision.objects.get(call=gyeonggi.nominates_to, outcome="selected")
    assert selected.application.lead_organisation.name_ko == "경기자동차과학고등학교"
    assert sorted(
        selected.application.parties.values_list("organisation__name_ko", "organisation__kind")
    ) == [
        ("경기도교육청", "education_office"),
        ("경기도자동차검사정비사업조합", "industry_body"),
        ("경기자동차과학고등학교", "school"),
        ("시흥시", "city_county"),
        ("차세대융합기술연구원", "research_institute"),
        ("한국공학대학교", "university"),
    ]
    assert not Application.objects.filter(is_synthetic=False).exists()
    shortlisted = gyeonggi.stages.get(number=1).results.filter(is_shortlisted=True)
    assert sorted(r.rank for r in shortlisted) == [1, 2, 3]
    # idempotent, then resettable
    assert load_programmes_demo() == counts
    assert reset_programmes_demo() == 2
    assert Call.objects.count() == 0
