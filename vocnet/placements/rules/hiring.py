"""When a trainee may be hired (채용 시기) after field training, by the kind of host — the
consequence of 선도기업 vs 참여기업 beside who approves it (``services.vetting``).

Source: the Ministry's 2018 plan "학습중심 현장실습의 안정적 정착 방안" as reported in the
press (nocutnews 4929077, 2018-02; ``/work/shared/data/fieldtraining_rules.md`` §5 and its
timeline, tagged [N]): after training at a 선도기업 the student may be hired once 2/3 of the
school days are attended; after training at another host, only after the winter break. The
plan's own text was not read, so the rule is **unverified** (미확인) and vocnet states it
without refusing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

LEADING = "leading"
SOURCE = (
    "교육부 「학습중심 현장실습의 안정적 정착 방안」(2018.2) 보도 기준(nocutnews 4929077) — "
    "원문 미확인"
)


@dataclass(frozen=True)
class HiringTiming:
    """The earliest hiring a host kind allows, its source, and whether it was verified."""

    host_kind: str
    rule_ko: str
    rule_en: str
    source: str = SOURCE
    verified: bool = False


def hiring_timing(host_kind: str) -> HiringTiming:
    """The hiring-timing rule for a host of ``host_kind`` (``leading`` = 선도기업; anything
    else, e.g. ``participating`` = 참여기업). Unverified (see the module docstring)."""
    if host_kind == LEADING:
        return HiringTiming(
            host_kind,
            "선도기업: 학생이 수업일수의 3분의 2 이상을 출석한 뒤부터 채용할 수 있습니다(미확인).",
            "Leading host: may hire the student once two thirds of the school days are "
            "attended (unverified).",
        )
    return HiringTiming(
        host_kind,
        "참여기업: 겨울방학 이후에만 채용할 수 있습니다(미확인).",
        "Participating host: may hire the student only after the winter break (unverified).",
    )
