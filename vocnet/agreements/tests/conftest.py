"""Fixtures of the agreement tests: the personas' organisations by name, and a media root
in a temporary directory so evidence files never land in var/."""

from __future__ import annotations

from typing import Any

import pytest

from vocnet.registry.models import Organisation
from vocnet.testing import World


def _organisation_of(world: World, persona: str) -> Organisation:
    organisation: Organisation = world.user(persona).memberships.get().organisation
    return organisation


@pytest.fixture
def orgs(world: World) -> dict[str, Organisation]:
    """school_a, school_b, company_a, company_b, city (시흥시), university, education_office."""
    return {
        "school_a": world.school_a.organisation,
        "school_b": world.school_b.organisation,
        "company_a": world.company_a.organisation,
        "company_b": world.company_b.organisation,
        "city": _organisation_of(world, "local_government_officer"),
        "university": _organisation_of(world, "university_staff"),
        "education_office": _organisation_of(world, "province_officer"),
    }


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
