"""Related NCS fields: the same major by the classification, other pairs by stated policy."""

from __future__ import annotations

from vocnet.registry.reference import read_csv
from vocnet.registry.relatedness import are_related, related_major_pairs, relatedness


def test_fields_of_one_major_are_related_by_the_classification() -> None:
    found = relatedness("1501", "1506")

    assert found is not None
    assert found.official


def test_a_policy_pair_is_related_and_says_it_is_policy() -> None:
    found = relatedness("1901", "2001")

    assert found is not None
    assert not found.official
    assert "공식 표 아님" in found.basis_ko
    assert "not an official" in found.basis_en


def test_commerce_and_electricity_are_not_related() -> None:
    # 영업 (major 10, 영업판매) is no kin of 전기 (major 19): the kind of conversion the old planner
    # proposed (a commerce school's 유통마케팅과 to 전기)
    assert not are_related("1001", "1901")


def test_every_pair_names_known_majors_and_is_marked_unverified() -> None:
    majors = {row["ncs_major_code"] for row in read_csv("ncs_major.csv")}
    for pair in related_major_pairs():
        assert pair <= majors
    assert {row["status"] for row in read_csv("ncs_related_majors.csv")} == {"policy_unverified"}
