"""The light progress readers (plain values, no model instances) give what ``progress_for``
gives: the lists' overall figures and the homes' own commitments, to the last digit."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

import pytest

from vocnet.agreements import selectors
from vocnet.agreements.fulfilment import CommitmentProgress, agreement_years, commitment_progress
from vocnet.agreements.models import Agreement, CommitmentTarget
from vocnet.agreements.selectors.progress import CommitmentLine, _commitment_inputs, progress_date
from vocnet.agreements.tests import factories as af
from vocnet.testing import PERSONAS, World

pytestmark = pytest.mark.django_db

DAYS = (date(2025, 3, 15), date(2025, 9, 1), date(2026, 2, 28), date(2026, 12, 31))


def commitment_progress_for(
    agreements: Sequence[Agreement], as_of: date, *, organisation_ids: Collection[int]
) -> dict[int, list[tuple[CommitmentProgress, CommitmentLine]]]:
    """The reference the light own-commitment reader is checked against (itself checked
    against ``progress_for`` below): each commitment of ``organisation_ids``' parties in the
    agreements' versions in force, with its progress on ``as_of`` and its line, per agreement
    id, in ``progress_for``'s order."""
    by_id = {a.pk: a for a in agreements}
    results: dict[int, list[tuple[CommitmentProgress, CommitmentLine]]] = {}
    for agreement_id, pairs in _commitment_inputs(agreements, organisation_ids).items():
        agreement = by_id[agreement_id]
        day = progress_date(agreement, as_of)
        years = agreement_years(agreement.start_date, agreement.end_date)
        results[agreement_id] = [(commitment_progress(c, years, day), line) for c, line in pairs]
    return results


def _agreements(orgs: dict[str, Any]) -> list[Agreement]:
    active: Any = af.SignedAgreementFactory(
        lead=orgs["school_a"],
        others=[(orgs["company_a"], "member"), (orgs["city"], "supporter")],
        title="현장실습 협약",
    )
    af.deliver(af.commitment_of(active, orgs["company_a"]), date(2025, 6, 1), 5)
    af.deliver(af.commitment_of(active, orgs["company_a"]), date(2025, 12, 1), 3)
    af.deliver(af.commitment_of(active, orgs["school_a"]), date(2025, 6, 1), 2)
    af.deliver(af.commitment_of(active, orgs["city"]), date(2026, 1, 10), 90_000_000)
    amended: Any = af.AmendedAgreementFactory(
        lead=orgs["school_b"], others=[(orgs["company_b"], "member")], title="개정 중 협약"
    )
    af.deliver(af.commitment_of_in_force(amended, orgs["company_b"]), date(2025, 5, 1), 12)
    # A commitment without any target is counted, without a ratio.
    deleted, _kinds = CommitmentTarget.objects.filter(
        commitment=af.commitment_of_in_force(amended, orgs["school_b"])
    ).delete()
    assert deleted
    af.TerminatedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["university"], "member")], title="해지 협약"
    )
    af.CirculatedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")], title="회람 협약"
    )
    af.DraftAgreementFactory(lead=orgs["school_b"], title="초안 협약")
    return list(Agreement.objects.order_by("pk"))


@pytest.mark.parametrize("day", DAYS)
def test_overall_progress_equals_progress_for(
    world: World, orgs: dict[str, Any], day: date
) -> None:
    agreements = _agreements(orgs)

    light = selectors.overall_progress_for(agreements, day)
    full = selectors.progress_for(agreements, day)

    assert light == {pk: progress.overall for pk, (progress, _rows) in full.items()}
    assert light


def test_the_lists_inputs_are_the_commitment_inputs_without_their_lines(
    world: World, orgs: dict[str, Any]
) -> None:
    from vocnet.agreements.selectors.progress import _overall_inputs

    agreements = _agreements(orgs)

    def by_key(inputs: list[Any]) -> list[Any]:
        # Unsorted reads: the same commitments, targets and deliveries, in any order.
        return sorted(
            (
                c.key,
                c.party,
                c.pillar,
                c.unit,
                sorted((t.year_index, t.quantity) for t in c.targets),
                sorted((d.delivered_on, d.quantity) for d in c.deliveries),
            )
            for c in inputs
        )

    lean = _overall_inputs(agreements)
    full = _commitment_inputs(agreements, None)
    assert list(lean) == list(full)
    assert all(by_key(lean[pk]) == by_key([c for c, _line in full[pk]]) for pk in full)


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("party", ["school_a", "company_a", "city", "company_b", "school_b"])
def test_own_commitments_equal_progress_for_of_those_parties(
    world: World, orgs: dict[str, Any], day: date, party: str
) -> None:
    agreements = _agreements(orgs)
    own = [orgs[party].pk]

    light = commitment_progress_for(agreements, day, organisation_ids=own)
    full = selectors.progress_for(agreements, day, organisation_ids=own)

    assert list(light) == list(full)
    for agreement_id, (progress, rows) in full.items():
        assert [c for c, _line in light[agreement_id]] == list(progress.commitments)
        assert [
            (line.pk, line.organisation_id, line.organisation_name_ko, line.description)
            for _c, line in light[agreement_id]
        ] == [
            (r.pk, r.party.organisation_id, r.party.organisation.name_ko, r.description)
            for r in (rows[c.key] for c in progress.commitments)
        ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_start_agreement_is_whether_there_is_a_lead_choice(world: World, persona: str) -> None:
    user = world.user(persona)

    assert selectors.can_start_agreement(user=user) == bool(selectors.lead_choices(user=user))


@pytest.mark.parametrize("day", DAYS)
def test_the_province_behind_count_equals_the_dashboards(
    world: World, orgs: dict[str, Any], day: date
) -> None:
    from vocnet.agreements.selectors.overview import province_behind

    _agreements(orgs)
    user = world.user("province_officer")

    assert province_behind(user=user, as_of=day) == (
        selectors.dashboard(user=user, as_of=day).overall.behind
    )


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize(
    "persona", ["province_officer", "school_staff_a", "school_staff_b", "company_staff"]
)
def test_own_commitments_in_one_query_equal_those_of_the_visible_agreements(
    world: World, orgs: dict[str, Any], day: date, persona: str
) -> None:
    from vocnet.agreements.models import IN_FORCE_STATUSES
    from vocnet.agreements.selectors.progress import own_commitment_progress
    from vocnet.core.permissions import actor_for, restrict

    _agreements(orgs)
    user = world.user(persona)
    own = actor_for(user).staff_organisation_ids
    visible = restrict(user, Agreement.objects.filter(status__in=IN_FORCE_STATUSES))
    agreements = list(visible.filter(in_force_version__parties__organisation_id__in=own).distinct())

    merged = own_commitment_progress(visible, day, organisation_ids=own)
    separate = commitment_progress_for(agreements, day, organisation_ids=own)

    titles = {a.pk: a.title for a in agreements}
    assert [(m.agreement_id, m.agreement_title, m.progress, m.line) for m in merged] == [
        (agreement_id, titles[agreement_id], progress, line)
        for agreement_id, pairs in separate.items()
        for progress, line in pairs
    ]
