"""Reading destinations: each persona sees the graduates of its scope only, and the counts
beside the supply split employment by the job's field against the department's."""

from __future__ import annotations

import pytest

from vocnet.core.errors import PermissionDenied
from vocnet.pathways.selectors import (
    DestinationCounts,
    DestinationFilters,
    destination_counts,
    destination_list,
    destination_summary,
    recent_graduation_years,
)
from vocnet.pathways.tests.factories import DestinationFactory, graduates
from vocnet.registry.models import NcsMiddle
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(world: World) -> None:
    """School A (시흥, 미래자동차과 1501): 2025 — 3 employed in 1501, 1 employed in 2001,
    1 employed (field not recorded), 5 university, 1 military, 2 other, 1 unknown; 2024 — 4
    university. School B (수원, 소프트웨어과, filed under 1501 too): 2025 — 2 employed in its
    field, 6 university."""
    a, b = world.objects["department_a"], world.objects["department_b"]
    graduates(a, 2025, employed=3, university=5, military=1, other=2, unknown=1)
    DestinationFactory(department=a, kind="employed", ncs_middle=NcsMiddle.objects.get(code="2001"))
    DestinationFactory(department=a, kind="employed", ncs_middle=None)
    graduates(a, 2024, university=4)
    graduates(b, 2025, employed=2, university=6)


def test_counts_split_employment_by_the_jobs_field(world: World, recorded: None) -> None:
    counts = destination_counts(user=world.user("province_officer"), years=[2025])

    a = counts[world.objects["department_a"].pk]
    assert a.as_dict() == {
        "employed_in_field": 3,
        "employed_other_field": 1,
        "employed_field_unknown": 1,
        "university": 5,
        "military": 1,
        "other": 2,
        "unknown": 1,
        "synthetic": 0,
        "employed": 5,
        "total": 14,
    }
    assert a.known == 13
    assert a.not_studying_share == pytest.approx(8 / 13)
    assert a.in_field_percent == pytest.approx(60.0)


def test_counts_by_field_and_in_total(world: World, recorded: None) -> None:
    province = world.user("province_officer")

    by_field = destination_counts(user=province, years=[2024, 2025], group_by="field")
    total = destination_counts(user=province, years=[2024, 2025], group_by="total")

    # Grouped by the department's field (both teach 1501), not by the job's.
    assert {code: c.total for code, c in by_field.items()} == {"1501": 26}
    assert by_field["1501"].employed_in_field == 5
    assert total[None].total == 26
    assert total[None].university == 15


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("province_officer", 26),
        ("support_office_officer", 18),  # 시흥's office: school A only
        ("school_staff_a", 18),
        ("school_staff_b", 8),
        ("company_staff", 0),
        ("local_government_officer", 0),
        ("student", 0),
        ("guardian", 0),
    ],
)
def test_each_persona_sees_the_graduates_of_its_scope_only(
    world: World, recorded: None, persona: str, expected: int
) -> None:
    user = world.user(persona)

    rows = destination_list(user=user, filters=DestinationFilters())
    counts = destination_counts(user=user, years=[2024, 2025], group_by="total")

    assert rows.count() == expected
    assert counts.get(None, DestinationCounts()).total == expected


def test_the_last_three_graduating_classes_are_used(world: World) -> None:
    for year in (2020, 2022, 2023, 2025):
        DestinationFactory(department=world.objects["department_a"], graduation_year=year)

    years = recent_graduation_years(user=world.user("province_officer"), upto=2024)

    assert years == [2020, 2022, 2023]


def test_the_summary_names_each_department_largest_first(world: World, recorded: None) -> None:
    summary = destination_summary(user=world.user("province_officer"), upto=2026)

    assert summary.years == [2024, 2025]
    assert [(line.school_name_ko, line.name_ko, line.counts.total) for line in summary.lines] == [
        ("시흥미래공업고등학교", "미래자동차과", 18),
        ("수원정보고등학교", "소프트웨어과", 8),
    ]
    assert summary.totals.total == 26


def test_roles_that_see_no_graduate_are_refused_the_summary(world: World) -> None:
    with pytest.raises(PermissionDenied):
        destination_summary(user=world.user("company_staff"))


def test_synthetic_records_are_counted_so_pages_can_label_them(world: World) -> None:
    from vocnet.registry.models import DataOrigin

    graduates(world.objects["department_a"], 2025, university=2)
    DestinationFactory(department=world.objects["department_a"], data_origin=DataOrigin.SYNTHETIC)

    (counts,) = destination_counts(user=world.user("province_officer"), years=[2025]).values()

    assert (counts.total, counts.synthetic) == (3, 1)


def _counts_by_join(user, years, group_by, filters, region_ids, school_ids):  # type: ignore[no-untyped-def]
    """The counts as they were read before the two-step tally: every row joined to its
    department and grouped in one pass (the reference the new read must equal)."""
    from django.db.models import Count, F, Q

    from vocnet.core.permissions import restrict
    from vocnet.pathways.models import DestinationKind, GraduateDestination
    from vocnet.pathways.selectors.destinations import GROUP_KEYS, SYNTHETIC_ORIGINS, _filtered
    from vocnet.registry.models import Organisation

    qs = restrict(user, GraduateDestination.objects.filter(graduation_year__in=list(years)))
    qs = _filtered(qs, filters)
    if region_ids is not None:
        qs = qs.filter(
            department__school_id__in=Organisation.objects.filter(region_id__in=region_ids).values(
                "pk"
            )
        )
    if school_ids is not None:
        qs = qs.filter(department__school_id__in=school_ids)
    key = GROUP_KEYS[group_by]
    counts: dict = {}
    for row in (
        qs.values(*([key, "kind"] if key else ["kind"]))
        .annotate(
            graduates=Count("pk"),
            in_field=Count("pk", filter=Q(ncs_middle_id=F("department__ncs_middle_id"))),
            field_known=Count("pk", filter=Q(ncs_middle__isnull=False)),
            synthetic=Count("pk", filter=Q(data_origin__in=SYNTHETIC_ORIGINS)),
        )
        .order_by()
    ):
        group = counts.setdefault(row[key] if key else None, DestinationCounts())
        kind, n = row["kind"], row["graduates"]
        group.synthetic += row["synthetic"]
        if kind == DestinationKind.EMPLOYED:
            group.employed_in_field += row["in_field"]
            group.employed_other_field += row["field_known"] - row["in_field"]
            group.employed_field_unknown += n - row["field_known"]
        else:
            setattr(group, str(kind), getattr(group, str(kind)) + n)
    return counts


@pytest.mark.parametrize("group_by", ["department", "school", "field", "total"])
@pytest.mark.parametrize(
    "persona", ["province_officer", "support_office_officer", "school_staff_b", "company_staff"]
)
def test_the_two_step_tally_equals_counting_every_row_joined(
    world: World, recorded: None, group_by: str, persona: str
) -> None:
    from vocnet.registry.models import DataOrigin

    a, b = world.objects["department_a"], world.objects["department_b"]
    DestinationFactory(department=b, kind="employed", ncs_middle=NcsMiddle.objects.get(code="2001"))
    DestinationFactory(department=b, kind="military", data_origin=DataOrigin.SYNTHETIC)
    graduates(a, 2023, employed=2, other=1)
    user = world.user(persona)
    regions = [a.school.organisation.region_id]
    for filters, region_ids, school_ids in [
        (DestinationFilters(), None, None),
        (DestinationFilters(ncs="15"), regions, None),
        (DestinationFilters(ncs="1501", year=2025), None, [b.school_id]),
        (DestinationFilters(kind="employed"), None, None),
    ]:
        new = destination_counts(
            user=user,
            years=[2023, 2024, 2025],
            group_by=group_by,  # type: ignore[arg-type]
            filters=filters,
            region_ids=region_ids,
            school_ids=school_ids,
        )
        old = _counts_by_join(user, [2023, 2024, 2025], group_by, filters, region_ids, school_ids)
        assert {k: v.as_dict() for k, v in new.items()} == {k: v.as_dict() for k, v in old.items()}
