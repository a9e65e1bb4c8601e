"""Reading the demo back: counts per kind, the logins, and a digest of every demo row."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count

from vocnet.registry.models import (
    Company,
    DataOrigin,
    Department,
    Membership,
    Organisation,
    School,
    SchoolDesignation,
    Student,
)

# One shared password for every demo login; it passes the project's password validators.
DEMO_PASSWORD = "vocnet-demo-2025!"
DEMO_USERNAMES = (
    "province",
    "office",
    "school",
    "school2",
    "company",
    "localgov",
    "university",
    "student",
    "guardian",
)
DEMO_ORIGINS = (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str
    organisation: str


def demo_counts() -> dict[str, int]:
    """Rows per kind, for the command's summary."""
    counts: dict[str, int] = {}
    for kind, n in (
        Organisation.objects.values_list("kind").annotate(n=Count("pk")).order_by("kind")
    ):
        counts[f"organisations.{kind}"] = n
    for school_type, n in (
        School.objects.values_list("school_type").annotate(n=Count("pk")).order_by("school_type")
    ):
        counts[f"schools.{school_type}"] = n
    for kind, n in (
        SchoolDesignation.objects.values_list("kind").annotate(n=Count("pk")).order_by("kind")
    ):
        counts[f"designations.{kind}"] = n
    counts["departments"] = Department.objects.count()
    counts["students"] = Student.objects.count()
    counts["students.synthetic"] = Student.objects.filter(is_synthetic=True).count()
    counts["companies"] = Company.objects.count()
    counts["users.demo"] = get_user_model().objects.filter(username__in=DEMO_USERNAMES).count()
    counts["memberships.demo"] = Membership.objects.filter(
        user__username__in=DEMO_USERNAMES
    ).count()
    return counts


def demo_logins() -> list[DemoLogin]:
    """The demo logins as they stand in the database, in a fixed order."""
    memberships = {
        m.user.username: m
        for m in Membership.objects.filter(user__username__in=DEMO_USERNAMES).select_related(
            "user", "organisation"
        )
    }
    return [
        DemoLogin(
            role=memberships[username].role,
            username=username,
            password=DEMO_PASSWORD,
            organisation=memberships[username].organisation.name_ko,
        )
        for username in DEMO_USERNAMES
        if username in memberships
    ]


def demo_digest() -> str:
    """SHA-256 over every demo row by its natural keys (never database ids), so two loads
    of the same seed into two databases give the same digest."""
    origin = {"organisation__data_origin__in": DEMO_ORIGINS}
    school_origin = {"school__organisation__data_origin__in": DEMO_ORIGINS}
    sections: dict[str, Iterable[Any]] = {
        "schools": School.objects.filter(**origin)
        .order_by("neis_code")
        .values_list(
            "neis_code",
            "organisation__name_ko",
            "organisation__region__sigungu_code",
            "school_type",
            "establishment",
            "organisation__data_origin",
            "organisation__source_note",
        ),
        "designations": SchoolDesignation.objects.filter(**school_origin)
        .order_by("school__neis_code", "kind", "year")
        .values_list(
            "school__neis_code",
            "kind",
            "year",
            "role",
            "pilot_district__support_office__name_ko",
            "field_note",
        ),
        "departments": Department.objects.filter(**school_origin)
        .order_by("school__neis_code", "name_ko")
        .values_list(
            "school__neis_code",
            "name_ko",
            "ncs_middle__code",
            "intake_capacity",
            "enrolled_grade_1",
            "enrolled_grade_2",
            "enrolled_grade_3",
        ),
        "students": Student.objects.filter(is_synthetic=True)
        .order_by("school__neis_code", "student_number")
        .values_list(
            "school__neis_code",
            "student_number",
            "name",
            "grade",
            "birth_date",
            "department__name_ko",
        ),
        "companies": Company.objects.filter(**origin)
        .order_by("business_number")
        .values_list(
            "business_number",
            "organisation__name_ko",
            "organisation__region__sigungu_code",
            "ksic_division__code",
            "size_class",
            "employees",
        ),
        "organisations": Organisation.objects.filter(data_origin__in=DEMO_ORIGINS)
        .exclude(kind__in=["school", "company"])
        .order_by("kind", "name_ko")
        .values_list("kind", "name_ko", "region__sigungu_code"),
        "logins": Membership.objects.filter(user__username__in=DEMO_USERNAMES)
        .order_by("user__username")
        .values_list("user__username", "user__name", "role", "organisation__name_ko"),
    }
    digest = hashlib.sha256()
    for name, rows in sections.items():
        digest.update(name.encode())
        for row in rows:
            digest.update(json.dumps(row, default=str, ensure_ascii=False).encode())
    return digest.hexdigest()
