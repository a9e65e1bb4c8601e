"""Fixtures of the programmes tests: the issuing offices and their officers, and a media root
in a temporary directory so uploaded documents never land in var/."""

from __future__ import annotations

from typing import Any

import pytest

from vocnet.registry.models import Organisation, OrganisationKind, Role
from vocnet.registry.tests import factories as f
from vocnet.testing import World


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def orgs(world: World) -> dict[str, Organisation]:
    def of(persona: str) -> Organisation:
        organisation: Organisation = world.user(persona).memberships.get().organisation
        return organisation

    return {
        "school_a": world.school_a.organisation,
        "school_b": world.school_b.organisation,
        "company_a": world.company_a.organisation,
        "city": of("local_government_officer"),
        "university": of("university_staff"),
        "education_office": of("province_officer"),
    }


@pytest.fixture
def ministry(world: World) -> tuple[Organisation, Any]:
    """The Ministry of Education and one of its officers."""
    organisation = f.OrganisationFactory(kind=OrganisationKind.MINISTRY, name_ko="교육부")
    officer = f.UserFactory(username="ministry_officer")
    f.MembershipFactory(user=officer, organisation=organisation, role=Role.MINISTRY_OFFICER)
    return organisation, officer
