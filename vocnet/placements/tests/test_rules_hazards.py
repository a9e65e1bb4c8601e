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


def test_every_rule_cites_an_article_or_is_marked_unverified_guidance() -> None:
    # a rule from law cites its article; a rule of the Ministry's practice says it is unverified
    for rule in RULES:
        cites_law = "법" in rule.article_ko and "Art." in rule.article_en
        marked = "미확인" in rule.article_ko and "unverified" in rule.article_en
        assert cites_law or marked, rule.code


def test_the_juvenile_protection_row_says_under_19_and_is_marked_unverified() -> None:
    # given the row of businesses the 청소년 보호법 closes to juveniles
    category = hazard_categories()["youth_barred_business"]
    # then it says 19세 미만, and the refusal says so and that the text was not verified
    assert (category.under_age, category.verification) == ("19", "unverified")
    [violation] = check_offer(_terms("youth_barred_business"))
    assert "19세 미만" in violation.message_ko
    assert "조문 미확인" in violation.message_ko
    assert "under 19" in violation.message_en
    assert "not verified" in violation.message_en
    # the others of 근로기준법 제65조 say 18
    assert {c.under_age for c in hazard_categories().values() if c.is_barred} == {"18", "19"}
