"""The neighbour map of Gyeonggi's 31 regions and the English names of the NCS fields."""

from __future__ import annotations

import csv

from vocnet.demand.reference import DATA, region_neighbours
from vocnet.registry.reference import ncs_middle_english, read_csv


def test_every_region_of_gyeonggi_has_neighbours_and_only_gyeonggi_regions_appear() -> None:
    # Given the 31 시·군 of the registry's reference list
    codes = {row["sigungu_code"] for row in read_csv("gyeonggi_regions.csv")}

    # When the neighbour map is read
    neighbours = region_neighbours()

    # Then it covers exactly those regions, each with at least one neighbour
    assert set(neighbours) == codes and len(codes) == 31
    assert all(others and others <= codes for others in neighbours.values())


def test_the_neighbour_map_is_symmetric_and_never_lists_a_region_twice() -> None:
    neighbours = region_neighbours()
    pairs = [
        (row["sigungu_code_a"], row["sigungu_code_b"])
        for row in csv.DictReader((DATA / "gyeonggi_region_adjacency.csv").open(encoding="utf-8"))
    ]

    assert len(pairs) == len({frozenset(pair) for pair in pairs}) == 67
    assert all(a != b for a, b in pairs)
    assert all(a in neighbours[b] and b in neighbours[a] for a, b in pairs)


def test_known_neighbours_are_there_and_far_regions_are_not() -> None:
    neighbours = region_neighbours()

    # 시흥 touches 안산, 부천, 광명, 안양; 수원 touches 용인 and 화성; 연천 is far from 수원
    assert {"41270", "41190", "41210", "41170"} <= neighbours["41390"]
    assert {"41460", "41590"} <= neighbours["41110"]
    assert "41110" not in neighbours["41800"]


def test_every_ncs_middle_field_has_an_english_name() -> None:
    names = ncs_middle_english()
    codes = {row["ncs_middle_code"] for row in read_csv("ncs_middle.csv")}

    assert set(names) == codes and len(codes) == 83
    assert names["1506"] == "Automobiles"
