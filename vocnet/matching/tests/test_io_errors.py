"""Bad input is reported with a stable code and a message naming the student or placement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vocnet.matching import (
    MatchingInputError,
    _lookup,
    parse_instance,
    read_assignment,
    read_instance,
    solve,
    validate_instance,
)
from vocnet.matching.tests.builders import make_instance


def _error_of(instance_data: object) -> MatchingInputError:
    with pytest.raises(MatchingInputError) as caught:
        solve(parse_instance(instance_data))
    return caught.value


def test_a_student_listing_an_unknown_placement_is_named_with_it() -> None:
    # given s3 lists p9, which does not exist
    data = {
        "students": {"s1": ["p1"], "s3": ["p1", "p9"]},
        "placements": {"p1": {"capacity": 1, "ranking": ["s1", "s3"]}},
    }
    # when solved
    error = _error_of(data)
    # then the error names both, in Korean and English, and str() carries both
    assert error.code == "unknown_placement"
    assert error.message_ko == "학생 s3의 지망 목록에 모르는 배치가 있습니다: p9."
    assert error.message_en == "Student s3 lists unknown placement p9."
    assert (error.student, error.placement) == ("s3", "p9")
    assert str(error) == (
        "[unknown_placement] 학생 s3의 지망 목록에 모르는 배치가 있습니다: p9. / "
        "Student s3 lists unknown placement p9."
    )


def test_a_placement_listed_twice_by_a_student_is_a_duplicate() -> None:
    error = _error_of(
        {
            "students": {"s1": ["p1", "p2", "p1"]},
            "placements": {
                "p1": {"capacity": 1, "ranking": []},
                "p2": {"capacity": 1, "ranking": []},
            },
        }
    )
    assert (error.code, error.student, error.placement) == ("duplicate_choice", "s1", "p1")
    assert error.message_en == "Student s1 lists placement p1 more than once."
    assert error.message_ko == "학생 s1의 지망 목록에 두 번 이상 있는 배치: p1."


@pytest.mark.parametrize(
    "ranking",
    [["s1", "s2", "s1"], ["s1", ["s2", "s1"]], [["s2", "s2"]], ["ghost", "s1", "ghost"]],
    ids=["plain", "across-a-tie", "inside-a-tie", "an-id-that-is-no-student"],
)
def test_a_student_ranked_twice_by_a_placement_is_a_duplicate(ranking: list[object]) -> None:
    # given a ranking that repeats an id
    data = {
        "students": {"s1": ["p1"], "s2": ["p1"]},
        "placements": {"p1": {"capacity": 1, "ranking": ranking}},
    }
    # when solved
    error = _error_of(data)
    # then the placement is named
    assert error.code == "duplicate_ranked_student"
    assert error.placement == "p1"
    assert error.message_en.startswith("Placement p1 ranks student ")
    assert error.message_en.endswith(" more than once.")


@pytest.mark.parametrize("capacity", [0, -2, 1.5, "3", True, None])
def test_a_capacity_below_one_or_not_an_integer_is_rejected(capacity: object) -> None:
    error = _error_of({"students": {}, "placements": {"p7": {"capacity": capacity, "ranking": []}}})
    assert (error.code, error.placement) == ("invalid_capacity", "p7")
    assert (
        error.message_en == f"Placement p7 must have a capacity of at least 1 (got {capacity!r})."
    )
    assert error.message_ko == f"배치 p7의 정원은 1 이상의 정수여야 합니다 (받은 값: {capacity!r})."


@pytest.mark.parametrize(
    ("entry", "shown"), [(5, "5"), ([], "[]"), (["s1", 2], "['s1', 2]"), ({"s": 1}, "{'s': 1}")]
)
def test_a_ranking_entry_that_is_not_an_id_or_a_tie_is_rejected(entry: object, shown: str) -> None:
    error = _error_of(
        {
            "students": {"s1": ["p1"]},
            "placements": {"p1": {"capacity": 1, "ranking": ["s1", entry]}},
        }
    )
    assert (error.code, error.placement) == ("invalid_ranking_entry", "p1")
    assert error.message_en == (
        f"Placement p1 ranks {shown}; an entry must be a student id (a string) or a non-empty "
        "list of tied student ids."
    )


def test_a_choice_that_is_not_a_string_is_rejected() -> None:
    error = _error_of(
        {"students": {"s1": ["p1", 4]}, "placements": {"p1": {"capacity": 1, "ranking": []}}}
    )
    assert (error.code, error.student) == ("invalid_choice", "s1")
    assert error.message_en == "Student s1 lists 4, which is not a placement id (a string)."


def test_ids_a_placement_ranks_that_are_no_students_are_not_an_error() -> None:
    # given p1 ranks "ghost", who is not a student, and s2, who did not apply
    instance = make_instance({"s1": ["p1"], "s2": []}, {"p1": (1, ["ghost", "s2", "s1"])})
    # when validated and solved, then nothing is raised and s1 gets the seat
    validate_instance(instance)
    assert solve(instance).assignment == {"s1": "p1", "s2": None}


def test_the_first_problem_in_the_documented_order_is_reported() -> None:
    # given an unknown placement (a student rule) and a bad capacity (checked first)
    data = {
        "students": {"s1": ["p9"]},
        "placements": {"p1": {"capacity": 1, "ranking": []}, "p2": {"capacity": 0, "ranking": []}},
    }
    # when solved, then the capacity is reported
    assert (_error_of(data).code, _error_of(data).placement) == ("invalid_capacity", "p2")


def test_the_bulk_checks_of_a_large_instance_report_the_same_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given the numpy lookup forced on, and a duplicate hidden among many valid rankings
    monkeypatch.setattr(_lookup, "FAST_PATH_MIN_STRINGS", 0)
    students = {f"s{i}": [f"p{i % 50}"] for i in range(1000)}
    placements = {f"p{j}": (20, [f"s{i}" for i in range(j, 1000, 50)]) for j in range(50)}
    placements["p31"] = (20, [*placements["p31"][1], "s31"])
    # when solved, then the one-by-one checker names it
    with pytest.raises(MatchingInputError) as caught:
        solve(make_instance(students, placements))
    assert (caught.value.code, caught.value.student, caught.value.placement) == (
        "duplicate_ranked_student",
        "s31",
        "p31",
    )


@pytest.mark.parametrize(
    ("data", "message_en"),
    [
        ([], 'An instance must be an object with "students" and "placements" objects.'),
        (
            {"students": {}},
            'An instance must be an object with "students" and "placements" objects.',
        ),
        (
            {"students": {"s1": "p1"}, "placements": {}},
            "Student s1's choices must be a list of placement ids.",
        ),
        (
            {"students": {}, "placements": {"p1": {"ranking": []}}},
            'Placement p1 must be an object with "capacity" and a "ranking" list.',
        ),
        (
            {"students": {}, "placements": {"p1": {"capacity": 2, "ranking": "s1"}}},
            'Placement p1 must be an object with "capacity" and a "ranking" list.',
        ),
    ],
    ids=[
        "not-an-object",
        "no-placements",
        "choices-not-a-list",
        "no-capacity",
        "ranking-not-a-list",
    ],
)
def test_a_badly_shaped_instance_is_rejected(data: object, message_en: str) -> None:
    with pytest.raises(MatchingInputError) as caught:
        parse_instance(data)
    assert (caught.value.code, caught.value.message_en) == ("invalid_instance", message_en)


def test_malformed_json_is_reported_with_line_and_column(tmp_path: Path) -> None:
    # given a file with a missing comma on line 2
    path = tmp_path / "instance.json"
    path.write_text('{"students": {},\n "placements": {"p1": {"capacity": 1 "ranking": []}}}')
    # when read
    with pytest.raises(MatchingInputError) as caught:
        read_instance(path)
    # then the position is given
    assert caught.value.code == "malformed_json"
    assert caught.value.message_en == (
        f"File {path} is not valid JSON (line 2, column 38: Expecting ',' delimiter)."
    )
    assert caught.value.message_ko == (
        f"올바른 JSON 파일이 아닙니다({path}, 줄 2, 열 38: Expecting ',' delimiter)."
    )


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(MatchingInputError) as caught:
        read_instance(tmp_path / "nowhere.json")
    assert caught.value.code == "unreadable_file"
    assert (
        caught.value.message_en
        == f"Cannot read file {tmp_path / 'nowhere.json'}: No such file or directory."
    )


@pytest.mark.parametrize(
    ("content", "message_en"),
    [
        (
            '["s1"]',
            "A result file must be an object mapping student ids to a placement id or null.",
        ),
        (
            '{"s1": 3}',
            "The result gives student s1 the value 3; it must be a placement id or null.",
        ),
    ],
)
def test_a_result_file_of_the_wrong_shape_is_rejected(
    tmp_path: Path, content: str, message_en: str
) -> None:
    path = tmp_path / "result.json"
    path.write_text(content)
    with pytest.raises(MatchingInputError) as caught:
        read_assignment(path)
    assert (caught.value.code, caught.value.message_en) == ("invalid_result", message_en)


def test_an_error_turns_into_json_ready_data() -> None:
    error = MatchingInputError(code="c", message_ko="한", message_en="en", student="s1")
    assert error.as_dict() == {
        "code": "c",
        "message_ko": "한",
        "message_en": "en",
        "student": "s1",
        "placement": None,
    }
    assert json.dumps(error.as_dict(), ensure_ascii=False)


def test_ids_that_are_not_strings_are_rejected() -> None:
    # given an instance built in code with an integer student id
    instance = make_instance({7: ["p1"]}, {"p1": (1, ["s1"])})  # type: ignore[dict-item]
    # when solved, then the id is named
    with pytest.raises(MatchingInputError) as caught:
        solve(instance)
    assert (caught.value.code, caught.value.message_en) == (
        "invalid_id",
        "The student id 7 must be a string.",
    )
