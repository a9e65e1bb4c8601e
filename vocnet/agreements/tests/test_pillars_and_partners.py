"""The five pillars as the Korean sources name them, each with its lead party (issue 14 §1),
and the partners a 2025 consortium names — industry associations, public agencies, research
institutes, the provincial council and the Ministry — as parties that sign."""

from __future__ import annotations

import csv
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.utils import translation

from vocnet.agreements import services
from vocnet.agreements.kinds import DATA_FILE as KINDS_FILE
from vocnet.agreements.kinds import read_kinds
from vocnet.agreements.models import (
    AgreementKind,
    AgreementStatus,
    Commitment,
    PartyPillar,
    Pillar,
)
from vocnet.agreements.pillars import pillar_info, pillars, pillars_led_by
from vocnet.agreements.policies import SIGNING_ROLES
from vocnet.agreements.tests import factories as af
from vocnet.registry.models import OrganisationKind, Role
from vocnet.registry.models.people import ROLE_ORGANISATION_KINDS
from vocnet.registry.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from vocnet.testing import World


def test_the_pillars_carry_the_korean_names_and_their_lead_party() -> None:
    with translation.override("ko"):
        labels = [str(label) for label in Pillar.labels]
    assert labels == [
        "초지역적 협력(지자체)",
        "초산업연계형 교육(기업)",
        "초계열형 교육(교육청)",
        "초학급적 유연성(학교)",
        "초밀착형 연계(대학)",
    ]
    # the label is the data file's name and lead, so the two cannot drift apart
    assert [f"{info.name_ko}({info.lead_ko})" for info in pillars()] == labels
    assert [info.code for info in pillars()] == list(Pillar.values)


def test_the_third_pillar_is_education_across_tracks_not_field_based() -> None:
    info = pillar_info("cross_track")
    assert info.name_ko == "초계열형 교육"
    assert info.lead_kinds == ("education_office", "support_office")
    assert "field_based" not in Pillar.values
    with translation.override("en"):
        assert str(Pillar.CROSS_TRACK.label) == "Education across tracks (education office)"


@pytest.mark.parametrize(
    ("kind", "led"),
    [
        (OrganisationKind.CITY_COUNTY, ["regional_cooperation"]),
        (OrganisationKind.COMPANY, ["industry_linkage"]),
        (OrganisationKind.EDUCATION_OFFICE, ["cross_track"]),
        (OrganisationKind.SCHOOL, ["class_flexibility"]),
        (OrganisationKind.UNIVERSITY, ["university_linkage"]),
        (OrganisationKind.RESEARCH_INSTITUTE, []),
    ],
)
def test_each_kind_of_party_leads_its_pillar(kind: str, led: list[str]) -> None:
    assert pillars_led_by(kind) == led


def test_every_pillar_lead_kind_is_a_real_organisation_kind() -> None:
    kinds = set(OrganisationKind.values)
    assert all(set(info.lead_kinds) <= kinds and info.source_note for info in pillars())


def test_the_model_school_and_ministry_kinds_carry_all_five_pillars_with_a_source() -> None:
    rows = {row["code"]: row for row in read_kinds()}
    for code in ("moe_agreement_consortium", "gg_regional_winwin", "gg_hightech"):
        assert rows[code]["default_pillars"] == list(Pillar.values), code
    with KINDS_FILE.open(encoding="utf-8", newline="") as handle:
        assert all(row["default_pillars_source"] for row in csv.DictReader(handle))


@pytest.mark.django_db
def test_the_loaded_kinds_are_the_data_files() -> None:
    loaded = {
        kind.code: (kind.default_pillars, kind.default_pillars_source)
        for kind in AgreementKind.objects.all()
    }
    assert loaded == {
        row["code"]: (row["default_pillars"], row["default_pillars_source"]) for row in read_kinds()
    }


def test_the_rename_migration_moves_field_based_rows_to_cross_track(
    orgs: dict[str, Any],
) -> None:
    # given a party and a commitment still carrying the old code
    agreement = af.DraftAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    party = agreement.current_version.parties.first()
    PartyPillar.objects.filter(party=party).delete()
    PartyPillar.objects.create(party=party, pillar="field_based")
    commitment = Commitment.objects.filter(party__version=agreement.current_version).first()
    assert commitment is not None
    commitment.pillar = "field_based"
    commitment.save(update_fields=["pillar"])
    migration = importlib.import_module(
        "vocnet.agreements.migrations.0003_pillars_as_named_and_partner_signers"
    )

    # when the migration's data step runs
    migration.forwards(apps, None)

    # then both carry the new code, and its reverse gives the old one back
    assert list(PartyPillar.objects.filter(party=party).values_list("pillar", flat=True)) == [
        "cross_track"
    ]
    commitment.refresh_from_db()
    assert commitment.pillar == "cross_track"
    migration.backwards(apps, None)
    commitment.refresh_from_db()
    assert commitment.pillar == "field_based"


def test_every_kind_of_organisation_has_a_signer_role_that_belongs_to_it() -> None:
    assert set(SIGNING_ROLES) == set(OrganisationKind.values)
    for kind, role in SIGNING_ROLES.items():
        assert kind in ROLE_ORGANISATION_KINDS[role], (kind, role)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "name", "role"),
    [
        (OrganisationKind.INDUSTRY_BODY, "경기도자동차검사정비사업조합", Role.PARTNER_STAFF),
        (OrganisationKind.PUBLIC_AGENCY, "경기도경제과학진흥원", Role.PARTNER_STAFF),
        (OrganisationKind.RESEARCH_INSTITUTE, "차세대융합기술연구원", Role.PARTNER_STAFF),
        (OrganisationKind.COUNCIL, "경기도의회", Role.PARTNER_STAFF),
        (OrganisationKind.MINISTRY, "교육부", Role.MINISTRY_OFFICER),
    ],
)
def test_consortium_partners_are_parties_and_sign(
    world: World, orgs: dict[str, Any], kind: str, name: str, role: str
) -> None:
    # given an agreement circulated to school A and a partner organisation
    partner = OrganisationFactory(kind=kind, name_ko=name)
    signer = UserFactory()
    MembershipFactory(user=signer, organisation=partner, role=role)
    agreement = af.CirculatedAgreementFactory(lead=orgs["school_a"], others=[(partner, "member")])

    # when the school and the partner's signer sign
    services.agreement_sign(actor=world.user("school_staff_a"), agreement=agreement)
    signature = services.agreement_sign(actor=signer, agreement=agreement)

    # then the partner's signature counts and the agreement is in force
    assert signature.organisation == partner
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
