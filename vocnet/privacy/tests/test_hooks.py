"""Every view, export or change of a student's record enters the access log (issue 8, item 5):
the registry API, the Excel export (with its required reason), the import, the command line,
the home page of students and guardians, and the admin."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from vocnet.privacy.models import PersonalDataAccess
from vocnet.registry.models import Student
from vocnet.registry.tests._excel_helpers import STUDENT_HEADER, xlsx_bytes
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _logged() -> list[tuple[str, str, int, str, str]]:
    return list(
        PersonalDataAccess.objects.order_by("id").values_list(
            "actor_username", "action", "subject_id", "channel", "reason"
        )
    )


def test_viewing_a_student_through_the_api_is_logged(world: World) -> None:
    # Given school staff of school A
    client = _client(world, "school_staff_a")

    # When they open their student, then try another school's
    mine = client.get(f"/api/students/{world.student_a.pk}", REMOTE_ADDR="198.51.100.4")
    other = client.get(f"/api/students/{world.student_b.pk}")

    # Then their view is logged with the address; the refused one wrote nothing
    assert (mine.status_code, other.status_code) == (200, 404)
    assert _logged() == [("school_staff_a", "view", world.student_a.pk, "api", "")]
    assert PersonalDataAccess.objects.get().client_ip == "198.51.100.4"


def test_a_list_logs_the_students_on_the_page_returned(world: World) -> None:
    # Given the province, which sees both students
    client = _client(world, "province_officer")

    # When it lists one student per page
    response = client.get("/api/students", {"limit": 1})

    # Then only the student returned is logged
    returned = response.json()["items"][0]["id"]
    assert response.json()["count"] == 2
    assert _logged() == [("province_officer", "view", returned, "api", "")]


def test_creating_and_changing_a_student_is_logged(world: World) -> None:
    # Given school staff of school A
    client = _client(world, "school_staff_a")

    # When they register a student and change another
    created = client.post(
        "/api/students",
        {
            "school_id": world.school_a.pk,
            "department_id": world.objects["department_a"].pk,
            "student_number": "30109",
            "name": "김새솔",
            "grade": 3,
        },
        content_type="application/json",
    )
    changed = client.patch(
        f"/api/students/{world.student_a.pk}", {"grade": 2}, content_type="application/json"
    )

    # Then both are in the log, as the service recorded them with the request's origin
    assert (created.status_code, changed.status_code) == (201, 200)
    assert _logged() == [
        ("school_staff_a", "create", created.json()["id"], "api", ""),
        ("school_staff_a", "change", world.student_a.pk, "api", ""),
    ]


def test_an_import_logs_every_student_it_creates(world: World) -> None:
    # Given a file with a new student of school A
    content = xlsx_bytes(
        STUDENT_HEADER,
        [[world.school_a.neis_code, "30110", "박새솔", world.objects["department_a"].name_ko, 3]],
    )
    client = _client(world, "school_staff_a")

    # When it is imported for real
    response = client.post(
        "/api/imports/students",
        {"file": SimpleUploadedFile("students.xlsx", content), "dry_run": "false"},
    )

    # Then the new student is logged as created
    new = Student.objects.get(student_number="30110")
    assert response.status_code == 200, response.content
    assert _logged() == [("school_staff_a", "create", new.pk, "api", "")]


def test_an_export_without_a_reason_is_refused_naming_the_field(world: World) -> None:
    # Given the province officer
    client = _client(world, "province_officer")

    # When the students are exported without a reason
    response = client.post("/api/exports/students.xlsx")

    # Then the answer is a bilingual 422 naming ``reason``, and nothing is logged or sent
    body = response.json()
    assert response.status_code == 422
    assert [e["field"] for e in body["errors"]] == ["reason"]
    assert "사유(reason)" in body["message_ko"] and "reason" in body["message_en"]
    assert PersonalDataAccess.objects.count() == 0


def test_an_export_logs_each_exported_student_with_the_reason(world: World) -> None:
    # Given school staff of school A
    client = _client(world, "school_staff_a")

    # When they export their students with a reason
    response = client.post("/api/exports/students.xlsx", {"reason": "3학년 현장실습 배정"})

    # Then the file comes, and each student in it is logged as exported with the reason
    assert response.status_code == 200
    assert _logged() == [
        ("school_staff_a", "export", world.student_a.pk, "api", "3학년 현장실습 배정")
    ]


def test_the_command_line_export_needs_a_reason(world: World, tmp_path: Path) -> None:
    out = tmp_path / "students.xlsx"

    # When students are exported from the command line without --reason, it is refused
    with pytest.raises(CommandError, match="--reason"):
        call_command("export_registry", "students", str(out), "--as", "province_officer")
    assert not out.exists()
    assert PersonalDataAccess.objects.count() == 0

    # With a reason, every student is logged, from the command line
    call_command(
        "export_registry",
        "students",
        str(out),
        "--as",
        "province_officer",
        "--reason",
        "연말 학적 점검",
        stdout=StringIO(),
    )
    assert sorted(_logged()) == sorted(
        ("province_officer", "export", student.pk, "command", "연말 학적 점검")
        for student in (world.student_a, world.student_b)
    )


def test_a_guardians_home_page_logs_the_view_of_their_child(world: World) -> None:
    # When the guardian opens their home page, which shows their child's record
    response = _client(world, "guardian").get("/")

    # Then the view of the child is logged
    assert response.status_code == 200
    assert _logged() == [("guardian", "view", world.student_a.pk, "web", "")]


def test_staff_home_pages_log_nothing(world: World) -> None:
    _client(world, "school_staff_a").get("/")

    assert PersonalDataAccess.objects.count() == 0


def test_the_admin_logs_the_change_page_and_the_change(world: World) -> None:
    # Given the province officer in the admin
    user = world.user("province_officer")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client = _client(world, "province_officer")
    student = world.student_a

    # When they list students, open one and save a change
    listed = client.get("/admin/registry/student/")
    page = client.get(f"/admin/registry/student/{student.pk}/change/")
    form: dict[str, Any] = {
        "school": student.school_id,
        "department": student.department_id,
        "student_number": student.student_number,
        "name": "이름고침",
        "grade": student.grade,
        "is_enrolled": "on",
    }
    saved = client.post(f"/admin/registry/student/{student.pk}/change/", form)

    # Then the list (both students), the page and the change are logged from the admin
    assert (listed.status_code, page.status_code, saved.status_code) == (200, 200, 302)
    actions = [(action, subject) for _who, action, subject, _c, _r in _logged()]
    assert sorted(actions[:2]) == sorted(
        [("view", world.student_a.pk), ("view", world.student_b.pk)]
    )
    assert actions[2:] == [("view", student.pk), ("change", student.pk)]
    assert set(PersonalDataAccess.objects.values_list("channel", flat=True)) == {"admin"}
    assert json.dumps(_logged(), ensure_ascii=False).count("이름고침") == 0
