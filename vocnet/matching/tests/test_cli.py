"""python -m vocnet.matching solve|verify|stats: files in, files out, exit 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vocnet.matching.cli import main

REPOSITORY = Path(__file__).resolve().parents[3]

INSTANCE = {
    "students": {"s1": ["p1", "p2"], "s2": ["p1", "p2"], "s3": ["p1"]},
    "placements": {
        "p1": {"capacity": 1, "ranking": ["s3", "s2", "s1"]},
        "p2": {"capacity": 1, "ranking": ["s1", "s2"]},
    },
}
TIED = {
    "students": {"s1": ["p1"], "s2": ["p1"], "s3": ["p1"]},
    "placements": {"p1": {"capacity": 1, "ranking": [["s1", "s2", "s3"]]}},
}


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_solve_in_a_fresh_interpreter_writes_the_plain_result(tmp_path: Path) -> None:
    # given an instance file and no Django settings in the environment
    instance = _write(tmp_path / "instance.json", INSTANCE)
    result = tmp_path / "result.json"
    # when the module is run as a program
    completed = subprocess.run(
        [sys.executable, "-m", "vocnet.matching", "solve", str(instance), "-o", str(result)],
        cwd=REPOSITORY,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPOSITORY)},
        capture_output=True,
        text=True,
    )
    # then it succeeds and the result has one key per student
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == "matched 2 of 3 students\n"
    assert json.loads(result.read_text()) == {"s1": "p2", "s2": None, "s3": "p1"}


def test_verify_and_stats_in_a_fresh_interpreter(tmp_path: Path) -> None:
    instance = _write(tmp_path / "instance.json", INSTANCE)
    result = _write(tmp_path / "result.json", {"s1": "p1", "s2": "p2", "s3": None})
    command = [sys.executable, "-m", "vocnet.matching"]
    verify = subprocess.run(
        [*command, "verify", str(instance), str(result)],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
    )
    assert verify.returncode == 1
    assert verify.stdout.splitlines()[0] == (
        "blocking_pair: Unstable: student s2 prefers placement p1 to p2, and placement p1 ranks "
        "s2 above s1, whom it holds."
    )
    stats = subprocess.run(
        [*command, "stats", "--json", str(instance), str(result)],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
    )
    assert stats.returncode == 0
    assert json.loads(stats.stdout)["rank_distribution"] == {"1": 1, "2": 1}


def test_solve_prints_to_stdout_without_an_output_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = _write(tmp_path / "instance.json", INSTANCE)
    assert main(["solve", str(instance)]) == 0
    assert json.loads(capsys.readouterr().out) == {"s1": "p2", "s2": None, "s3": "p1"}


def test_solve_with_a_seed_keeps_the_plain_result_and_writes_the_lottery_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given a three-way tie for one seat
    instance = _write(tmp_path / "instance.json", TIED)
    plain, with_lottery, lottery = (
        tmp_path / "a.json",
        tmp_path / "b.json",
        tmp_path / "lottery.json",
    )
    # when solved twice with the same seed, once asking for the lottery
    assert main(["solve", str(instance), "-o", str(plain), "--seed", "7"]) == 0
    assert (
        main(
            [
                "solve",
                str(instance),
                "-o",
                str(with_lottery),
                "--seed",
                "7",
                "--lottery-out",
                str(lottery),
            ]
        )
        == 0
    )
    # then both results are the same plain object, and the sidecar records seed and order
    assert plain.read_text() == with_lottery.read_text()
    winner = [s for s, p in json.loads(plain.read_text()).items() if p == "p1"]
    sidecar = json.loads(lottery.read_text())
    assert sidecar["seed"] == 7
    assert sidecar["engine_version"] == "1.0.0"
    assert sorted(sidecar["lottery"]) == ["s1", "s2", "s3"]
    assert winner == [sidecar["lottery"][0]]
    assert capsys.readouterr().err.endswith("matched 1 of 3 students (lottery seed 7)\n")


def test_verify_says_stable_and_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = _write(tmp_path / "instance.json", INSTANCE)
    result = _write(tmp_path / "result.json", {"s1": "p2", "s2": None, "s3": "p1"})
    assert main(["verify", str(instance), str(result)]) == 0
    assert capsys.readouterr().out == (
        "stable: 2 of 3 students matched, no seat over capacity, every pair mutually acceptable, "
        "no blocking pair (안정 매칭입니다).\n"
    )


@pytest.mark.parametrize(
    ("assignment", "first_line"),
    [
        (
            {"s1": "p1", "s2": "p1", "s3": None},
            "over_capacity: Placement p1 holds 2 students, over its capacity of 1.",
        ),
        (
            {"s1": None, "s2": None, "s3": "p2"},
            "unacceptable_pair: Student s3 is matched to placement p2, but the pair is not "
            "mutually acceptable (missing from the student's list or the placement's ranking).",
        ),
    ],
)
def test_verify_exits_one_for_capacity_and_acceptability_violations(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    assignment: dict[str, str | None],
    first_line: str,
) -> None:
    instance = _write(tmp_path / "instance.json", INSTANCE)
    result = _write(tmp_path / "result.json", assignment)
    assert main(["verify", str(instance), str(result)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == first_line


def test_stats_prints_a_readable_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    instance = _write(tmp_path / "instance.json", INSTANCE)
    result = _write(tmp_path / "result.json", {"s1": "p2", "s2": None, "s3": "p1"})
    assert main(["stats", str(instance), str(result)]) == 0
    assert capsys.readouterr().out == (
        "students                 3\n"
        "matched                  2  (66.7 %)\n"
        "unmatched                1\n"
        "seats                    2\n"
        "unfilled seats           0\n"
        "rank of the placement each matched student got (1 = first choice):\n"
        "     1           1   50.0 %  ########################################\n"
        "     2           1   50.0 %  ########################################\n"
        "placements with unfilled seats: 0\n"
    )


def test_an_input_error_exits_two_names_the_culprit_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given s3 lists a placement that does not exist
    bad = {**INSTANCE, "students": {**INSTANCE["students"], "s3": ["p9"]}}  # type: ignore[dict-item]
    instance = _write(tmp_path / "instance.json", bad)
    result = tmp_path / "result.json"
    # when solved
    status = main(["solve", str(instance), "-o", str(result)])
    # then exit 2, both languages on stderr, and no result file
    assert status == 2
    assert capsys.readouterr().err == (
        "오류 [unknown_placement]: 학생 s3의 지망 목록에 모르는 배치가 있습니다: p9.\n"
        "error [unknown_placement]: Student s3 lists unknown placement p9.\n"
    )
    assert not result.exists()


def test_malformed_json_and_a_result_for_other_students_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"students": {')
    instance = _write(tmp_path / "instance.json", INSTANCE)
    stranger = _write(tmp_path / "result.json", {"s1": None, "s2": None, "s3": None, "s4": None})
    assert main(["solve", str(broken)]) == 2
    assert main(["verify", str(instance), str(stranger)]) == 2
    err = capsys.readouterr().err
    assert "error [malformed_json]: File " in err
    assert (
        "error [result_unknown_student]: The result names student s4, who is not in the instance.\n"
        in err
    )


def test_a_wrong_command_line_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["match", "x.json"])
    assert exited.value.code == 2
    assert "invalid choice: 'match'" in capsys.readouterr().err
