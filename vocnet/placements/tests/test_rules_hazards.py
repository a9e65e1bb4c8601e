"""Harmful or dangerous work (근로기준법 제65조). That the rule package stays free of Django is
an import contract (.importlinter, vocnet/core/tests/test_architecture.py)."""

from __future__ import annotations

from datetime import date, time

from vocnet.placements.rules import RULES, DaySchedule, OfferTerms, check_offer
from vocnet.placements.rules.hazards import extra_inspection_categories, hazard_categories


def _terms(*codes: str) -> OfferTerms:
    return OfferTerms(
        schedule=(DaySchedule(0, time(9), time(17), 60),),
        start_date=date(2026, 3, 3),
        end_date=date(2026, 4, 30),
        hazard_categories=codes,
    )


def test_a_category_barred_to_minors_is_refused_with_its_basis() -> None:
    # given an offer listing forklift driving (a licence under-18s cannot hold)
    violations = check_offer(_terms("machinery", "licensed_driving"))
    # then the second category is refused, citing 근로기준법 제65조
    assert [(v.code, v.field) for v in violations] == [("hazardous_work", "hazard_categories[1]")]
    assert "근로기준법 제65조" in violations[0].message_ko
    assert "Labor Standards Act, Art. 65" in violations[0].message_en


def test_underground_work_is_refused_and_is_the_one_verified_category() -> None:
    verified = [c.code for c in hazard_categories().values() if c.verification == "verified"]
    assert verified == ["underground"]
    assert [v.code for v in check_offer(_terms("underground"))] == ["hazardous_work"]


def test_sectors_needing_extra_inspection_are_allowed_but_flagged() -> None:
    assert check_offer(_terms("construction", "electrical")) == []
    assert [c.code for c in extra_inspection_categories(["construction", "electrical"])] == [
        "construction",
        "electrical",
    ]


def test_an_unknown_category_is_refused() -> None:
    assert [(v.code, v.field) for v in check_offer(_terms("volcano"))] == [
        ("unknown_hazard_category", "hazard_categories[0]")
    ]


def test_no_category_is_stated_as_fact_without_a_verification_mark() -> None:
    assert {c.verification for c in hazard_categories().values()} <= {
        "verified",
        "unverified",
        "reported",
    }


def test_every_rule_cites_an_article_in_korean_and_english() -> None:
    for rule in RULES:
        assert "법" in rule.article_ko, rule.code
        assert "Art." in rule.article_en, rule.code
