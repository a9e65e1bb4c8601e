"""JSON in and out: instances, results and the lottery sidecar, with clear errors.

Formats (ids are any strings):

* instance — ``{"students": {"s0": ["p12", "p3"], ...},
  "placements": {"p0": {"capacity": 4, "ranking": ["s17", ["s2", "s5"], "s3"]}, ...}}``;
  a list inside a ranking is a tie;
* result — ``{"s0": "p12", "s1": null, ...}``, one key for every student;
* lottery sidecar — ``{"engine_version": "1.0.0", "seed": 7, "lottery": ["s4", "s0", ...]}``.

As with any JSON parser, an object that repeats a key keeps its last value; repeated ids
inside a list are errors (see :func:`vocnet.matching.validate_instance`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from vocnet.matching._runtime import gc_paused
from vocnet.matching.errors import MatchingInputError
from vocnet.matching.model import Instance, MatchResult, Placement, RankingEntry

Assignment = dict[str, str | None]


def read_instance(path: str | Path) -> Instance:
    """Read and check the shape of an instance file; see :func:`parse_instance`.

    Raises :class:`MatchingInputError`: ``unreadable_file``, ``malformed_json`` (with line
    and column) or any code of :func:`parse_instance`.
    """
    return parse_instance(_read_json(path))


def parse_instance(data: object) -> Instance:
    """An :class:`Instance` from parsed JSON, after checking its shape.

    Only the shape is checked here (objects where objects belong, a capacity and a ranking
    for each placement, lists of choices); the rules about ids and capacities are
    :func:`vocnet.matching.validate_instance`'s, which ``solve`` applies. Raises
    :class:`MatchingInputError` with code ``invalid_instance``.
    """
    if not (
        isinstance(data, dict)
        and isinstance(data.get("students"), dict)
        and isinstance(data.get("placements"), dict)
    ):
        raise MatchingInputError(
            code="invalid_instance",
            message_ko='인스턴스는 "students"와 "placements" 객체를 가진 JSON 객체여야 합니다.',
            message_en='An instance must be an object with "students" and "placements" objects.',
        )
    students = data["students"]
    raw_placements = data["placements"]
    if set(map(type, students.values())) - {list}:
        student_id = next(s for s, choices in students.items() if type(choices) is not list)
        raise MatchingInputError(
            code="invalid_instance",
            message_ko=f"학생 {student_id}의 지망은 배치 id의 목록이어야 합니다.",
            message_en=f"Student {student_id}'s choices must be a list of placement ids.",
            student=student_id,
        )
    placements: dict[str, Placement] = {}
    for placement_id, raw in raw_placements.items():
        if not (isinstance(raw, dict) and "capacity" in raw and type(raw.get("ranking")) is list):
            raise MatchingInputError(
                code="invalid_instance",
                message_ko=(
                    f"배치 {placement_id}: capacity(정원)와 ranking(순위 목록)을 가진 "
                    "객체여야 합니다."
                ),
                message_en=(
                    f'Placement {placement_id} must be an object with "capacity" and a '
                    '"ranking" list.'
                ),
                placement=placement_id,
            )
        ranking: list[RankingEntry] = raw["ranking"]
        placements[placement_id] = Placement(capacity=raw["capacity"], ranking=ranking)
    return Instance(students=students, placements=placements)


def instance_as_json_data(instance: Instance) -> dict[str, object]:
    """The instance in the JSON shape :func:`parse_instance` reads."""
    return {
        "students": {student: list(choices) for student, choices in instance.students.items()},
        "placements": {
            placement_id: {
                "capacity": placement.capacity,
                "ranking": [e if isinstance(e, str) else list(e) for e in placement.ranking],
            }
            for placement_id, placement in instance.placements.items()
        },
    }


def write_instance(instance: Instance, path: str | Path) -> None:
    """Write ``instance`` as JSON (UTF-8, ids unescaped)."""
    _write_json(instance_as_json_data(instance), path)


def read_assignment(path: str | Path) -> Assignment:
    """Read a result file: an object mapping student ids to a placement id or null.

    Whether its students and placements belong to an instance is checked against the
    instance by :func:`vocnet.matching.check_assignment`. Raises :class:`MatchingInputError`:
    ``unreadable_file``, ``malformed_json`` or ``invalid_result``.
    """
    data = _read_json(path)
    if not isinstance(data, dict):
        raise MatchingInputError(
            code="invalid_result",
            message_ko="결과 파일은 학생 id를 배치 id(또는 null)에 잇는 객체여야 합니다.",
            message_en="A result file must be an object mapping student ids to a placement id "
            "or null.",
        )
    for student_id, placement_id in data.items():
        if placement_id is not None and not isinstance(placement_id, str):
            raise MatchingInputError(
                code="invalid_result",
                message_ko=(
                    f"결과에서 학생 {student_id}의 값은 배치 id나 null이어야 합니다"
                    f"(받은 값: {placement_id!r})."
                ),
                message_en=(
                    f"The result gives student {student_id} the value {placement_id!r}; it "
                    "must be a placement id or null."
                ),
                student=student_id,
            )
    return data


def write_assignment(assignment: Mapping[str, str | None], path: str | Path) -> None:
    """Write a result file: ``{"s0": "p12", "s1": null, ...}`` in the assignment's order."""
    _write_json(assignment, path)


def write_lottery(result: MatchResult, path: str | Path) -> None:
    """Write the sidecar that records how ties were broken, so the run can be replayed."""
    _write_json(
        {
            "engine_version": result.engine_version,
            "seed": result.seed,
            "lottery": list(result.lottery) if result.lottery is not None else None,
        },
        path,
    )


def _read_json(path: str | Path) -> object:
    try:
        text = Path(path).read_bytes()
    except OSError as error:
        raise MatchingInputError(
            code="unreadable_file",
            message_ko=f"파일을 읽을 수 없습니다({path}): {error.strerror}.",
            message_en=f"Cannot read file {path}: {error.strerror}.",
        ) from error
    try:
        with gc_paused():
            return json.loads(text)
    except json.JSONDecodeError as error:
        raise MatchingInputError(
            code="malformed_json",
            message_ko=(
                f"올바른 JSON 파일이 아닙니다({path}, 줄 {error.lineno}, 열 {error.colno}: "
                f"{error.msg})."
            ),
            message_en=(
                f"File {path} is not valid JSON (line {error.lineno}, column {error.colno}: "
                f"{error.msg})."
            ),
        ) from error
    except UnicodeDecodeError as error:
        raise MatchingInputError(
            code="malformed_json",
            message_ko=f"UTF-8 텍스트 파일이 아닙니다({path}).",
            message_en=f"File {path} is not UTF-8 text.",
        ) from error


def _write_json(data: object, path: str | Path) -> None:
    # One C-level encode and one write: json.dump would stream thousands of small chunks.
    with gc_paused():
        text = json.dumps(data, ensure_ascii=False)
    Path(path).write_text(text, encoding="utf-8")
