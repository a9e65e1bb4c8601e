"""Benchmark of the programmes' review aggregation, ranking and execution dashboard; it prints
figures and ratios, asserts no time.

    .venv/bin/python bench/bench_programmes.py            # 100 × 7 reviewers × 20 items
    .venv/bin/python bench/bench_programmes.py --repeat 9

Issue 14 §8: scoring aggregation, the ranking and the execution dashboard for 100
applications × 7 reviewers × 20 rubric items render in ≤ 300 ms. On a temporary SQLite
database (migrated here) it builds one call with a 20-item rubric, 100 submitted
applications, 7 reviewers with all 14,000 scores, and 100 designated schools each with a
year's grant (7 plan lines, 5 disbursements, 40 spending records — 4,000 in all). Then it
times, best and median of ``--repeat`` runs:

1. aggregation + ranking as the stage close does it: the scores read in one query and
   ranked by the pure ``vocnet.programmes.ranking`` (trimmed mean, rubric-order ties);
2. the stage close itself (``stage_close``: aggregation, ranking, shortlist, 100 result rows
   written, audit), in a transaction rolled back after each run;
3. the execution dashboard selector (``execution_dashboard``) for the province officer;
4. the execution page rendered end to end (``GET /programmes/execution/``, test client:
   middleware, permission layer, template, chart data).

Each is printed beside a **baseline**: the same result computed the way a first draft would
— one query per application and reviewer for the scores, one query per grant and source for
the dashboard — so the ratio shows what the grouped reads buy. The target is reported, never
asserted; times on a shared machine vary.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 300.0
APPLICATIONS, REVIEWERS, ITEMS = 100, 7, 20
SEOUL = ZoneInfo("Asia/Seoul")


def setup_django(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["VOCNET_VAR_DIR"] = str(workdir)
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["DEBUG"] = "0"  # DEBUG would keep every SQL statement in memory
    os.environ.setdefault("STATIC_ROOT", str(workdir / "static"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build() -> dict[str, Any]:
    """The call, applications, reviewers and scores; the designations and their grants."""
    import random

    from django.contrib.auth import get_user_model

    from vocnet.programmes.models import (
        Application,
        ApplicationParty,
        Call,
        CallStage,
        Designation,
        Disbursement,
        Grant,
        GrantPlanLine,
        ProgrammeKind,
        ReviewerAssignment,
        RubricItem,
        Score,
        Spending,
    )
    from vocnet.registry.models import (
        Membership,
        Organisation,
        OrganisationKind,
        Role,
        School,
        SchoolDesignation,
    )

    rng = random.Random(2025)
    users = get_user_model()
    office = Organisation.objects.create(
        kind=OrganisationKind.EDUCATION_OFFICE, name_ko="경기도교육청"
    )
    officer = users.objects.create_user(username="bench_officer", password=None)
    Membership.objects.create(user=officer, organisation=office, role=Role.PROVINCE_OFFICER)
    kind = ProgrammeKind.objects.get(code="moe_agreement_school")
    call = Call.objects.create(
        kind=kind,
        year=2025,
        title="벤치마크 공모",
        issuing_organisation=office,
        status="published",
        opens_at=datetime(2025, 2, 6, 9, tzinfo=SEOUL),
        closes_at=datetime(2025, 4, 24, 18, tzinfo=SEOUL),
        quota=10,
        duration_years=5,
        aggregation="trimmed_mean",
    )
    stage = CallStage.objects.create(call=call, number=1, kind="document", shortlist_size=10)
    areas = ["plan", "governance", "infrastructure", "basics"]
    items = RubricItem.objects.bulk_create(
        [
            RubricItem(
                call=call,
                area=areas[i % 4],
                area_name_ko=areas[i % 4],
                code=f"item-{i:02d}",
                name_ko=f"항목 {i}",
                max_points=Decimal(5),
                position=i,
                origin="officer",
            )
            for i in range(ITEMS)
        ]
    )
    schools = Organisation.objects.bulk_create(
        [
            Organisation(kind=OrganisationKind.SCHOOL, name_ko=f"벤치 학교 {i:03d}")
            for i in range(APPLICATIONS)
        ]
    )
    School.objects.bulk_create(
        [
            School(
                organisation=o,
                neis_code=f"J{100000 + i}",
                school_type="specialized",
                establishment="public",
            )
            for i, o in enumerate(schools)
        ]
    )
    applications = Application.objects.bulk_create(
        [
            Application(
                call=call,
                lead_organisation=o,
                blind_code=f"A-{i:03d}",
                status="submitted",
                title=f"신청 {i}",
                submitted_at=datetime(2025, 4, 1, 9, tzinfo=SEOUL),
            )
            for i, o in enumerate(schools)
        ]
    )
    ApplicationParty.objects.bulk_create(
        [
            ApplicationParty(application=a, organisation=a.lead_organisation, role="lead")
            for a in applications
        ]
    )
    reviewers = ReviewerAssignment.objects.bulk_create(
        [
            ReviewerAssignment(
                stage=stage,
                user=users.objects.create_user(username=f"bench_reviewer_{r}", password=None),
                is_external=True,
                code=f"R-{r:02d}",
            )
            for r in range(REVIEWERS)
        ]
    )
    Score.objects.bulk_create(
        [
            Score(
                assignment=reviewer,
                application=application,
                item=item,
                points=Decimal(rng.randint(4, 10)) / 2,
                comment="의견",
            )
            for application in applications
            for reviewer in reviewers
            for item in items
        ],
        batch_size=2000,
    )
    badges = SchoolDesignation.objects.bulk_create(
        [
            SchoolDesignation(school_id=o.pk, kind="moe_agreement", year=2025, role="base")
            for o in schools
        ]
    )
    designations = Designation.objects.bulk_create(
        [
            Designation(
                school_designation=b,
                programme=kind,
                cohort=2,
                duration_years=5,
                designated_at=datetime(2025, 6, 30, tzinfo=SEOUL),
            )
            for b in badges
        ]
    )
    grants = Grant.objects.bulk_create(
        [Grant(designation=d, fiscal_year=2025, programme_year=1) for d in designations]
    )
    sources = ["ministry", "education_office", "local_government", "company", "other"]
    categories = ["personnel", "operations", "equipment", "facilities"]
    GrantPlanLine.objects.bulk_create(
        [
            GrantPlanLine(grant=g, source=s, category=c, amount_krw=100_000_000)
            for g in grants
            for s, c in zip(sources + sources[:2], categories * 2, strict=False)
        ]
    )
    Disbursement.objects.bulk_create(
        [
            Disbursement(grant=g, source=s, disbursed_on=date(2025, 8, 1), amount_krw=80_000_000)
            for g in grants
            for s in sources
        ]
    )
    Spending.objects.bulk_create(
        [
            Spending(
                grant=g,
                source=sources[k % 5],
                category=categories[k % 4],
                spent_on=date(2025, 9, 1 + k % 28),
                amount_krw=1_000_000 * rng.randint(1, 9),
                description="집행",
            )
            for g in grants
            for k in range(40)
        ],
        batch_size=2000,
    )
    return {"officer": officer, "stage": stage, "applications": applications, "grants": grants}


def timed(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        runs.append((time.perf_counter() - started) * 1000)
    return min(runs), statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="vocnet-bench-programmes-"))
    try:
        setup_django(workdir)
        run(args.repeat)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(repeat: int) -> None:
    from django.db import transaction
    from django.db.models import Sum
    from django.test import Client

    from vocnet.programmes import ranking
    from vocnet.programmes.models import CallStage, Disbursement, GrantPlanLine, Score, Spending
    from vocnet.programmes.selectors_grants import execution_dashboard
    from vocnet.programmes.services.review import _ranking_input, stage_close
    from vocnet.testing import sign_in

    started = time.perf_counter()
    world = build()
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
        f"built {APPLICATIONS} applications × {REVIEWERS} reviewers × {ITEMS} items "
        f"({Score.objects.count():,} scores) and {len(world['grants'])} grants "
        f"({Spending.objects.count():,} spending rows) in {time.perf_counter() - started:.1f} s"
    )
    stage: CallStage = CallStage.objects.select_related("call").get(pk=world["stage"].pk)
    applications = world["applications"]
    officer = world["officer"]
    areas = list(dict.fromkeys(stage.call.rubric_items.values_list("area", flat=True)))

    def rank_grouped() -> object:
        return ranking.rank(
            _ranking_input(stage, applications),
            method="trimmed_mean",
            tie_rule="rubric_order",
            area_order=areas,
        )

    def rank_baseline() -> object:
        # A first draft: one query per application and reviewer.
        area_of = dict(stage.call.rubric_items.values_list("pk", "area"))
        inputs = []
        for application in applications:
            per_reviewer = []
            for reviewer in stage.reviewers.all():
                sums: dict[str, Decimal] = {}
                for item_id, points in Score.objects.filter(
                    assignment=reviewer, application=application
                ).values_list("item_id", "points"):
                    sums[area_of[item_id]] = sums.get(area_of[item_id], Decimal(0)) + points
                per_reviewer.append(ranking.ReviewerScore(reviewer.code, sums))
            inputs.append(
                ranking.ApplicationScores(
                    application.blind_code, application.submitted_at, tuple(per_reviewer)
                )
            )
        return ranking.rank(
            inputs, method="trimmed_mean", tie_rule="rubric_order", area_order=areas
        )

    def close_stage() -> None:
        with transaction.atomic():
            stage_close(actor=officer, stage=stage)
            CallStage.objects.filter(pk=stage.pk).update(is_closed=False)
            transaction.set_rollback(True)

    def dashboard() -> object:
        return execution_dashboard(officer, 2025)

    def dashboard_baseline() -> object:
        rows = []
        for grant in world["grants"]:
            for source in ("ministry", "education_office", "local_government", "company", "other"):
                paid = Disbursement.objects.filter(grant=grant, source=source).aggregate(
                    t=Sum("amount_krw")
                )["t"]
                spent = Spending.objects.filter(grant=grant, source=source).aggregate(
                    t=Sum("amount_krw")
                )["t"]
                planned = GrantPlanLine.objects.filter(grant=grant, source=source).aggregate(
                    t=Sum("amount_krw")
                )["t"]
                rows.append((grant.pk, source, planned, paid, spent))
        return rows

    client = Client()
    sign_in(client, officer)  # as a completed login (password and second factor) would

    def page() -> None:
        response = client.get("/programmes/execution/?year=2025")
        assert response.status_code == 200, response.status_code

    assert [r.application for r in rank_grouped()] == [r.application for r in rank_baseline()]  # type: ignore[attr-defined]
    page()  # warm the template cache
    rows = [
        ("aggregation + ranking", rank_grouped, rank_baseline),
        ("stage close (write, rolled back)", close_stage, None),
        ("execution dashboard (selector)", dashboard, dashboard_baseline),
        ("execution page (GET, rendered)", page, None),
    ]
    header = (
        f"{'measure':<36}{'best ms':>10}{'median ms':>11}{'baseline ms':>13}"
        f"{'speed-up':>10}{'target':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, function, baseline in rows:
        best, median = timed(function, repeat)
        if baseline is not None:
            base_best, _ = timed(baseline, max(1, repeat // 3))
            base_text, ratio = f"{base_best:>13.1f}", f"{base_best / best:>9.1f}×"
        else:
            base_text, ratio = f"{'—':>13}", f"{'—':>10}"
        verdict = "ok" if median <= TARGET_MS else "OVER"
        print(f"{name:<36}{best:>10.1f}{median:>11.1f}{base_text}{ratio}{verdict:>10}")
    print(f"target: each ≤ {TARGET_MS:.0f} ms (median), issue 14 §8; reported, never asserted")


if __name__ == "__main__":
    main()
