"""The page matrix's vocabulary: one :class:`PageRow` per web page (a URL pattern outside the
API) and object it is asked about.

Each app lists its rows in ``<app>/tests/page_rows.py`` (``ROWS``); the models whose row counts
prove that a refused request wrote nothing are the API matrix's (``COUNTED`` of
``permission_rows.py``). ``vocnet/core/tests/test_page_matrix.py`` collects them from every
installed vocnet app, fails for a page without a row, and asks each row for every persona:
a GET, and a POST for pages that take one. See ADR 0001.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from vocnet.testing import PERSONAS, World

EVERYONE = frozenset(PERSONAS)

# URL prefixes that are not the project's pages: the API has its own matrix
# (test_permission_matrix.py); the admin is Django's, open to superusers only; static files
# are served by the web server (whitenoise) and never by a view in production.
NOT_PAGES = ("api/", "admin/", "static/")


@dataclass(frozen=True)
class PageRow:
    name: str  # the namespaced URL name, e.g. "placements:offer"
    allowed: frozenset[str]  # personas whose GET renders the page (200)
    # URL kwargs → keys of World.objects whose pk fills them (e.g. {"offer_id": "offer_a"}).
    objects: dict[str, str] = field(default_factory=dict)
    # URL kwargs that are not object ids (e.g. {"action": "open"}).
    params: dict[str, Any] = field(default_factory=dict)
    # Personas whose POST of an empty (invalid) form is taken (not refused); None: the page
    # answers no POST, so none is sent.
    post: frozenset[str] | None = None
    # False for a POST-only action: a GET is refused (405, or the sign-in page) for everyone.
    get: bool = True
    # Builds the row's objects into World.objects before the requests.
    prepare: Callable[[World], None] | None = None
    # For list pages: persona → keys of World.objects that must be exactly the listed rows.
    visible: dict[str, set[str]] = field(default_factory=dict)
    # Which objects a list page listed: the response → their primary keys (default: the
    # ``page`` of the template context).
    listed: Callable[[Any], set[Any]] | None = None
    # Personas whose GET is neither shown the page nor refused but sent elsewhere with a
    # redirect that is not the sign-in page (e.g. a party that may not edit, to the read-only
    # page; a signed-in user away from the sign-in page).
    redirected: frozenset[str] = frozenset()
    # Known gaps: personas who may see the page but not act, whose empty POST is not refused
    # because the view checks the form before the permission (the service refuses a valid
    # one). Their POST must still write nothing. Each entry is a page to fix.
    unchecked_post: frozenset[str] = frozenset()
    # The query string of the requests: world → parameters (e.g. the scenarios to compare).
    query: Callable[[World], dict[str, Any]] | None = None

    def path(self, world: World) -> str:
        kwargs = dict(self.params)
        kwargs.update({name: world.objects[key].pk for name, key in self.objects.items()})
        path = reverse(self.name, kwargs=kwargs)
        if self.query is not None:
            path += "?" + urlencode(self.query(world), doseq=True)
        return path

    @property
    def id(self) -> str:
        parts = [*self.objects.values(), *(str(value) for value in self.params.values())]
        return f"{self.name} [{','.join(parts) or '-'}]"


def listed_on_page(response: Any) -> set[Any]:
    """The primary keys of the objects of the ``page`` the list page rendered."""
    for context in response.context or []:
        if "page" in context:
            return {obj.pk for obj in context["page"].object_list}
    raise AssertionError("the page rendered no 'page' of rows")


def listed_in(name: str) -> Callable[[Any], set[Any]]:
    """The primary keys of the objects in the template context's ``name``."""

    def listed(response: Any) -> set[Any]:
        for context in response.context or []:
            if name in context:
                return {obj.pk for obj in context[name]}
        raise AssertionError(f"the page rendered no {name!r}")

    return listed


@dataclass(frozen=True)
class AppPages:
    app: str
    rows: list[PageRow]


def collect_pages() -> list[AppPages]:
    """Every installed vocnet app's ``tests.page_rows`` module, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("vocnet."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.page_rows")
        except ModuleNotFoundError as error:
            if error.name not in (f"{config.name}.tests", f"{config.name}.tests.page_rows"):
                raise
            continue
        found.append(AppPages(config.name, list(module.ROWS)))
    return found


def page_patterns(urlconf: Any = None) -> set[str]:
    """The namespaced name of every URL pattern of the project (or of ``urlconf``) outside
    ``NOT_PAGES``."""

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                yield route, f"{namespace}{pattern.name}"

    return {
        name
        for route, name in walk(get_resolver(urlconf).url_patterns, "", "")
        if not route.startswith(NOT_PAGES)
    }
