"""The page matrix: persona × web page × own / other organisation × GET and POST.

The API has its matrix (``vocnet/api/tests/test_permission_matrix.py``); this is the same for
the pages a browser is served. The rows live beside each app (``<app>/tests/page_rows.py``) and
are collected here from every installed vocnet app. Every URL pattern outside ``/api/``,
``/admin/`` and ``/static/`` (``vocnet.testing.pages.NOT_PAGES`` says why those) must
have a row (``test_every_page_has_a_row``): a new page without a row fails the suite.

For each row and persona:

* GET — an allowed persona is shown the page (200) and, on a list page, exactly the rows it
  may see; a refused one gets the sign-in page (anonymous) or 403 / 404, and nothing is
  written; a POST-only action answers a GET with 405 (or the sign-in page).
* POST (pages that take one) of an empty, invalid form — an allowed persona is not refused
  (the form comes back with its errors, or the action redirects with a message); a refused
  one gets the sign-in page or 403 / 404 and nothing is written.

One World per row hook (a test class per hook, built once in a transaction rolled back when
the class ends); each request runs in a savepoint that is rolled back, so no persona's
request changes what the next one sees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.test import override_settings
from django.urls import reverse

from vocnet.core.korean import particle_templates
from vocnet.core.models import AuditEvent
from vocnet.testing import PERSONAS, World, build_world
from vocnet.testing.matrix import client_for, collect
from vocnet.testing.pages import PageRow, collect_pages, listed_on_page, page_patterns

PAGE_APPS = collect_pages()
ROWS: list[PageRow] = [row for app in PAGE_APPS for row in app.rows]
COUNTED: tuple[type[Model], ...] = (
    AuditEvent,
    *(model for app in collect() for model in app.counted),
)


def _world_fixture(hook: Callable[[World], None] | None) -> Any:
    """A class-scoped fixture: the World with ``hook``'s objects, built once for the class in
    a transaction rolled back when the class ends (each test runs in a savepoint inside it)."""

    def world(
        cls: Any, django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
    ) -> Iterator[World]:
        # Evidence files written by the hooks go to a temporary directory, kept for the class.
        media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
        media.enable()
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                built = build_world()
                if hook is not None:
                    hook(built)
                yield built
            finally:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                media.disable()

    return pytest.fixture(scope="class")(classmethod(world))


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in COUNTED)


def _targets(row: PageRow, world: World) -> list[Any]:
    targets = [world.objects[key] for key in row.objects.values()]
    return [type(t).objects.filter(pk=t.pk).values().first() for t in targets]


def _to_login(response: Any) -> bool:
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location.startswith(reverse("accounts:login"))


def _refused(persona: str, response: Any) -> bool:
    if persona == "anonymous":
        return _to_login(response)
    return response.status_code in (403, 404) or _to_login(response)


def _request(row: PageRow, world: World, persona: str, method: str) -> tuple[Any, set[str]]:
    """The response, and the names of the counted models (and ``"target"``) the request
    changed; whatever it wrote is rolled back."""
    client = client_for(world, persona)
    point = transaction.savepoint()
    try:
        counts, targets = _counts(), _targets(row, world)
        path = row.path(world)
        response = client.get(path) if method == "GET" else client.post(path, {})
        changed = {
            model.__name__
            for model, before, after in zip(COUNTED, counts, _counts(), strict=True)
            if before != after
        } | ({"target"} if _targets(row, world) != targets else set())
    finally:
        transaction.savepoint_rollback(point)
        cache.clear()
    return response, changed


def _particle_templates_in(response: Any) -> list[str]:
    """The "이(가)", "(으)로", "와/과"… a person would read on an HTML page."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    return particle_templates(response.content.decode())


def _check(row: PageRow, world: World, persona: str) -> list[str]:  # noqa: C901 (one flat check per matrix column)
    problems = []

    def problem(method: str, response: Any, expected: str) -> None:
        where = response.get("Location", "")
        problems.append(f"{persona} {method}: {response.status_code} {where} (expected {expected})")

    response, changed = _request(row, world, persona, "GET")
    if not row.get:
        allowed_statuses = {405}
        if response.status_code not in allowed_statuses and not (
            persona == "anonymous" and _to_login(response)
        ):
            problem("GET", response, "405: the action takes a POST only")
    elif persona in row.allowed:
        if response.status_code != 200:
            problem("GET", response, "200")
        elif hits := _particle_templates_in(response):
            problems.append(f"{persona} GET shows particle templates (issue 16 §4): {hits}")
        elif persona in row.visible:
            listed = (row.listed or listed_on_page)(response)
            expected = {world.objects[key].pk for key in row.visible[persona]}
            if listed != expected:
                problems.append(
                    f"{persona} GET lists {sorted(listed)}, expected {sorted(expected)}"
                )
    elif persona in row.redirected:
        if response.status_code != 302 or _to_login(response):
            problem("GET", response, "a redirect away from the page")
    elif not _refused(persona, response):
        problem("GET", response, "a refusal")
    if changed and persona not in row.allowed:
        problems.append(f"{persona} GET wrote {sorted(changed)}")

    if row.post is None:
        return problems
    response, changed = _request(row, world, persona, "POST")
    if persona in row.post:
        if _refused(persona, response):
            problem("POST", response, "not refused")
    elif persona in row.redirected:
        if response.status_code != 302 or _to_login(response) or changed:
            problem("POST", response, "a redirect away from the page, writing nothing")
    elif persona in row.unchecked_post:
        # A known gap: the form is checked before the permission. Not refused, but it must
        # write nothing (the page shown again may log the view of a student's data).
        if response.status_code not in (200, 302) or changed - {"PersonalDataAccess"}:
            problem("POST", response, f"no write (wrote {sorted(changed)})")
    else:
        if not _refused(persona, response):
            problem("POST", response, "a refusal")
        if changed:
            problems.append(f"{persona} POST was refused but wrote {sorted(changed)}")
    return problems


def _test_class(hook: Callable[[World], None] | None, rows: list[PageRow]) -> type:
    @pytest.mark.django_db
    @pytest.mark.parametrize("row", rows, ids=lambda row: row.id)
    def test_page(self: Any, world: World, row: PageRow) -> None:
        # Given the world with the row's objects
        # When every persona asks for the page (and posts an empty form where it takes one)
        problems = [problem for persona in PERSONAS for problem in _check(row, world, persona)]
        # Then each is shown, sent on or refused as the row says, and a refusal wrote nothing
        assert problems == [], "\n".join(problems)

    name = "TestPages" + (f"_{hook.__module__.split('.')[1]}{hook.__name__}" if hook else "")
    return type(name, (), {"world": _world_fixture(hook), "test_page": test_page})


# One test class per row hook: the hook builds its objects once for all the rows that share it.
_BY_HOOK: dict[Any, list[PageRow]] = {}
for _row in ROWS:
    _BY_HOOK.setdefault(_row.prepare, []).append(_row)
for _hook, _rows in _BY_HOOK.items():
    _class = _test_class(_hook, _rows)
    globals()[_class.__name__] = _class


def test_every_page_has_a_row() -> None:
    # Given every URL pattern of the project outside the API, the admin and static files
    pages = page_patterns()
    # Then each has at least one row, and no row names a page that does not exist
    covered = {row.name for row in ROWS}
    assert sorted(pages - covered) == [], "pages without a page-matrix row"
    assert sorted(covered - pages) == [], "page-matrix rows for pages that do not exist"


def test_rows_are_unique_and_name_known_personas() -> None:
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids))
    for row in ROWS:
        named = row.allowed | row.redirected | row.unchecked_post | set(row.visible)
        named |= row.post or frozenset()
        assert named <= set(PERSONAS), row.id
        assert not row.allowed & row.redirected, row.id
        assert not (row.post or frozenset()) & row.unchecked_post, row.id


def test_a_new_page_without_a_row_is_caught() -> None:
    # Given the project's URLs and one more page that nobody wrote a row for
    from types import ModuleType

    from django.urls import get_resolver, path

    from vocnet.core.views import healthz

    urlconf = ModuleType("urls_with_a_new_page")
    urlconf.urlpatterns = [  # type: ignore[attr-defined]
        *get_resolver().url_patterns,
        path("brand-new/", healthz, name="brand_new"),
    ]
    # When the pages are listed, Then the new one is the only one without a row
    assert page_patterns(urlconf) - {row.name for row in ROWS} == {"brand_new"}


def test_the_api_the_admin_and_static_files_are_not_pages() -> None:
    pages = page_patterns()
    assert not {name for name in pages if name.startswith(("api:", "admin:"))}
    assert {"registry:directory", "healthz", "accounts:login"} <= pages
