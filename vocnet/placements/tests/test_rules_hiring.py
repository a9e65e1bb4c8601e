"""The hiring-timing consequence of 선도기업 vs 참여기업 (issue 15 §1), stated with its source and
marked unverified."""

from __future__ import annotations

from vocnet.placements.rules.hiring import hiring_timing


def test_a_leading_host_may_hire_after_two_thirds_of_school_days() -> None:
    rule = hiring_timing("leading")
    assert "3분의 2" in rule.rule_ko
    assert "two thirds" in rule.rule_en
    assert (rule.verified, "미확인" in rule.rule_ko, "미확인" in rule.source) == (False, True, True)


def test_a_participating_host_may_hire_only_after_the_winter_break() -> None:
    rule = hiring_timing("participating")
    assert "겨울방학 이후" in rule.rule_ko
    assert "winter break" in rule.rule_en
    assert "2018" in rule.source
    assert rule.verified is False
