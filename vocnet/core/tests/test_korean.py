"""Korean particles chosen by the word (issue 16 §4): the helper, and no template form
("이(가)", "(으)로", "와/과") left in any template or message of vocnet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from vocnet.core.i18n import josa
from vocnet.core.korean import particle, particle_templates, with_particle

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("시흥시", "이/가", "시흥시가"),
        ("기업", "이/가", "기업이"),
        ("기업", "으로/로", "기업으로"),
        ("보호자", "으로/로", "보호자로"),
        ("서울", "으로/로", "서울로"),  # ㄹ takes 로
        ("학교", "을/를", "학교를"),
        ("학생", "을/를", "학생을"),
        ("학교", "은/는", "학교는"),
        ("학생", "와/과", "학생과"),
        ("학교", "과/와", "학교와"),
        ("7시간", "은/는", "7시간은"),
        ("'시흥시'", "이/가", "'시흥시'가"),  # quotes skipped
        ("학교(본교)", "을/를", "학교(본교)를"),
        ("1", "이/가", "1이"),  # 일
        ("2", "이/가", "2가"),  # 이
        ("3", "으로/로", "3으로"),  # 삼
        ("7", "으로/로", "7로"),  # 칠: ㄹ
        ("10", "이/가", "10이"),  # 십
        ("1,000", "은/는", "1,000은"),  # 천
        ("NCS", "을/를", "NCS를"),  # 에스
        ("KSIC", "이/가", "KSIC가"),  # 씨
        ("URL", "으로/로", "URL로"),  # 엘: ㄹ
        ("PDF", "으로/로", "PDF로"),
        ("XLSM", "은/는", "XLSM은"),  # 엠
    ],
)
def test_particle_follows_the_last_sound(word: str, pair: str, expected: str) -> None:
    assert with_particle(word, pair) == expected


def test_either_order_of_the_pair_gives_the_same_choice() -> None:
    assert particle("학교", "가/이") == particle("학교", "이/가") == "가"
    assert particle("기업", "로/으로") == "으로"


def test_in_english_the_word_stands_alone() -> None:
    with translation.override("en"):
        assert josa("Siheung", "이/가") == "Siheung"
        rendered = Template('{% load vocnet %}{{ w|josa:"이/가" }}').render(Context({"w": "시흥"}))
        assert rendered == "시흥"
    with translation.override("ko"):
        rendered = Template('{% load vocnet %}{{ w|josa:"이/가" }}').render(Context({"w": "시흥"}))
        assert rendered == "시흥이"


# A pair written as the helper's argument ("이/가" alone in quotes) is not a template form.
_HELPER_ARGUMENT = re.compile(r"""(["'])[이가을를은는과와으로]+/[이가을를은는과와으로]+\1""")


def _sources() -> list[Path]:
    files = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("vocnet/**/templates/**/*.html")]
    files += [
        path
        for path in ROOT.glob("vocnet/**/*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]
    return sorted(files)


def test_no_template_or_message_leaves_the_particle_to_the_reader() -> None:
    # Given every template and every module of vocnet (their messages and labels)
    found = {}
    for path in _sources():
        text = _HELPER_ARGUMENT.sub("", path.read_text(encoding="utf-8"))
        if path.name == "korean.py" and path.parent.name == "core":
            continue  # the helper names the forms it replaces
        hits = particle_templates(text)
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    # Then none writes "이(가)", "(으)로", "와/과"…: the helper chooses the particle
    assert found == {}


def test_a_closing_parenthetical_is_skipped() -> None:
    assert with_particle("한도(%)", "은/는") == "한도(%)는"
    assert with_particle("시작 시각(22:00)", "은/는") == "시작 시각(22:00)은"
    assert with_particle("(주)", "이/가") == "(주)가"


def test_field_labels_name_indexed_paths_and_rules_without_code_names() -> None:
    from vocnet.core.fieldlabels import field_label_pair

    assert field_label_pair("schedule[0].end") == (
        "근무 일정 1번째 항목의 종료 시각",
        "schedule, item 1: end time",
    )
    assert field_label_pair("daily_hours") == ("하루 실습 시간", "hours a day")
    assert field_label_pair("department_name")[0] == "학과명"
    assert field_label_pair("something_new") == ("입력 항목", "an input")


def test_every_field_training_rule_has_a_label() -> None:
    from vocnet.core.fieldlabels import UNKNOWN, field_label_pair
    from vocnet.placements.rules import RULES

    assert [rule.code for rule in RULES if field_label_pair(rule.code) == UNKNOWN] == []


def test_no_korean_message_of_django_or_the_admin_leaves_the_particle_to_the_reader() -> None:
    # Given every message Django would show in Korean (its own, the admin's, auth's), as
    # overridden by locale/ko (LOCALE_PATHS come first)
    from django.utils.translation import trans_real

    catalogue = trans_real.translation("ko")._catalog
    # Then the text people read names no particle template
    shown = {key: catalogue[key] for key in set(catalogue.keys())}
    assert {k: v for k, v in shown.items() if isinstance(v, str) and particle_templates(v)} == {}


def test_durations_and_shares_read_as_people_read_them() -> None:
    from vocnet.core.i18n import duration, share_percent

    with translation.override("ko"):
        assert [duration(m) for m in (420, 450, 45, 0, None)] == [
            "7시간",
            "7시간 30분",
            "45분",
            "0분",
            "—",
        ]
    with translation.override("en"):
        assert duration(450) == "7 h 30 min"
    assert share_percent(0.495) == "49.5%"
    assert share_percent(0.97) == "97%"
