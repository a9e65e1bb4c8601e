"""``manage.py import_registry`` and ``manage.py export_registry``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from vocnet.core.models import AuditEvent
from vocnet.registry.models import School, Student
from vocnet.registry.tests._excel_helpers import (
    SCHOOL_HEADER,
    SIHEUNG,
    STUDENT_HEADER,
    SUWON,
    counts,
    make_department,
    make_school,
    make_student,
    make_user,
    read_xlsx,
    school_staff,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db

STUDENT_ROWS = [
    ["7530900", "20250001", "김민준", "미래자동차과", 1],
    ["7530900", "20250002", "이서연", "미래자동차과", 2],
]


@pytest.fixture
def school_a() -> School:
    school = make_school("7530900", "시흥미래공업고등학교", SIHEUNG)
    make_department(school, "미래자동차과", "1501")
    return school


@pytest.fixture
def admin() -> Any:
    return make_user("admin", superuser=True)


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_is_a_dry_run_by_default(admin: Any, school_a: School, tmp_path: Path) -> None:
    # Given a valid students file
    path = write_xlsx(tmp_path / "students.xlsx", STUDENT_HEADER, STUDENT_ROWS)
    before = counts()
    # When the command runs without --commit
    out, _ = _run("import_registry", "students", str(path))
    # Then it reports what it would do, as the first superuser, and writes nothing
    assert "students 검사 check (dry run): students.xlsx (as admin)" in out
    assert (
        "행 rows 2 · 새로 등록 create 2 · 수정 update 0 · 변경 없음 unchanged 0 · "
        "오류 행 error rows 0"
    ) in out
    assert "Add --commit to save." in out
    assert counts() == before


def test_import_with_commit_writes_and_audits(admin: Any, school_a: School, tmp_path: Path) -> None:
    # Given a CP949 CSV of students
    path = write_csv(tmp_path / "students.csv", STUDENT_HEADER, STUDENT_ROWS, "cp949")
    # When it is imported with --commit
    out, _ = _run("import_registry", "students", str(path), "--commit")
    # Then the students exist and the import is in the audit trail
    assert "인코딩 encoding: cp949" in out
    assert "가져오기를 마쳤습니다: 새로 등록 2건, 수정 0건, 변경 없음 0건." in out
    assert Student.objects.filter(school=school_a).count() == 2
    assert AuditEvent.objects.filter(action="import.students", actor=admin).count() == 1


def test_bad_rows_exit_non_zero_listing_every_error(
    admin: Any, school_a: School, tmp_path: Path
) -> None:
    # Given a file with a grade of 5 in row 3
    rows = [STUDENT_ROWS[0], [*STUDENT_ROWS[1][:4], 5]]
    path = write_xlsx(tmp_path / "students.xlsx", STUDENT_HEADER, rows)
    before = counts()
    out = io.StringIO()
    # When it is imported with --commit
    with pytest.raises(CommandError) as caught:
        call_command("import_registry", "students", str(path), "--commit", stdout=out)
    # Then the command fails, names the row, field and rule, and writes nothing
    assert "1개 행에 오류가 있어 아무것도 저장하지 않았습니다" in str(caught.value)
    assert (
        "3행 학년: 1~3 사이의 정수여야 합니다(입력: 5) / "
        "Row 3 grade: must be a whole number from 1 to 3 (got 5)"
    ) in out.getvalue()
    assert counts() == before


def test_import_as_a_named_user_goes_through_their_permissions(
    school_a: School, tmp_path: Path
) -> None:
    # Given staff of school A and a file of school B's students
    school_b = make_school("7531000", "수원정보고등학교", SUWON)
    make_department(school_b, "소프트웨어과", "2001")
    school_staff(school_a, "staff_a")
    rows = [["7531000", "20250001", "박지호", "소프트웨어과", 1]]
    path = write_xlsx(tmp_path / "students.xlsx", STUDENT_HEADER, rows)
    before = counts()
    out = io.StringIO()
    # When they import it with --as
    with pytest.raises(CommandError):
        call_command(
            "import_registry", "students", str(path), "--commit", "--as", "staff_a", stdout=out
        )
    # Then the row is refused and nothing is written
    assert "2행 학교코드(NEIS): 이 학교의 학생을 등록하거나 수정할 권한이" in (out.getvalue())
    assert counts() == before


def test_without_a_superuser_or_as_the_command_stops_clearly(tmp_path: Path) -> None:
    # Given no superuser
    path = write_xlsx(tmp_path / "schools.xlsx", SCHOOL_HEADER, [])
    # When the command runs without --as
    with pytest.raises(CommandError) as caught:
        _run("import_registry", "schools", str(path))
    # Then it stops and says to name a user
    assert "Name a user with --as" in str(caught.value)


def test_an_unknown_user_is_named(tmp_path: Path) -> None:
    # Given no user named ghost
    path = write_xlsx(tmp_path / "schools.xlsx", SCHOOL_HEADER, [])
    # When the command runs --as ghost
    with pytest.raises(CommandError) as caught:
        _run("import_registry", "schools", str(path), "--as", "ghost")
    # Then it stops naming the user
    assert "No active user named ghost." in str(caught.value)


def test_a_file_error_is_reported_in_both_languages(admin: Any, tmp_path: Path) -> None:
    # Given a schools file without the school type column
    header = [h for h in SCHOOL_HEADER if "school_type" not in h]
    path = write_xlsx(tmp_path / "schools.xlsx", header, [["7540001", "새솔고", "41390", "공립"]])
    before = counts()
    # When it is checked
    with pytest.raises(CommandError) as caught:
        _run("import_registry", "schools", str(path))
    # Then the missing column is named
    assert "school_type: 필수 열이 없습니다: 학교 유형 / school_type" in str(caught.value)
    assert counts() == before


def test_progress_shows_a_bar_on_stderr(
    admin: Any, school_a: School, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a valid file
    path = write_xlsx(tmp_path / "students.xlsx", STUDENT_HEADER, STUDENT_ROWS)
    # When it is imported with --progress
    call_command("import_registry", "students", str(path), "--commit", "--progress")
    # Then tqdm drew its bars on stderr
    err = capsys.readouterr().err
    assert "검사 validate" in err
    assert "쓰기 write" in err
    assert "2/2" in err


def test_export_registry_writes_the_filtered_list(
    admin: Any, school_a: School, tmp_path: Path
) -> None:
    # Given students in grades 1 and 2
    department = school_a.departments.get()
    make_student(department, "20250001", "김민준", grade=1)
    make_student(department, "20250002", "이서연", grade=2)
    out_path = tmp_path / "grade2.xlsx"
    # When grade 2 is exported
    out, _ = _run(
        "export_registry", "students", str(out_path), "--grade", "2", "--reason", "학적 점검"
    )
    # Then the file holds that student only
    rows = read_xlsx(out_path.read_bytes())
    assert "Exported 1 rows" in out
    assert rows[0][0].endswith("조건(filters): grade=2")
    assert [(r[2], r[3]) for r in rows[2:]] == [("20250002", "이서연")]


def test_export_registry_of_schools_by_region(admin: Any, school_a: School, tmp_path: Path) -> None:
    # Given schools in 시흥 and 수원
    make_school("7531000", "수원정보고등학교", SUWON)
    out_path = tmp_path / "schools.xlsx"
    # When the 수원 schools are exported
    _run("export_registry", "schools", str(out_path), "--region", SUWON)
    # Then the file holds only that school
    assert [r[0] for r in read_xlsx(out_path.read_bytes())[2:]] == ["7531000"]


def test_export_registry_refuses_bad_or_foreign_filters(admin: Any, tmp_path: Path) -> None:
    # Given a malformed region, and a region filter for students
    # When each export is asked for
    with pytest.raises(CommandError) as bad:
        _run("export_registry", "schools", str(tmp_path / "x.xlsx"), "--region", "123")
    with pytest.raises(CommandError) as foreign:
        _run("export_registry", "students", str(tmp_path / "x.xlsx"), "--region", SIHEUNG)
    # Then each is refused naming the filter, and no file is written
    assert "Invalid filters: region" in str(bad.value)
    assert "Filters not available for students: region" in str(foreign.value)
    assert not (tmp_path / "x.xlsx").exists()
