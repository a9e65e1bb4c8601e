"""The cache of rendered page content: current after every write, never crossing authorities,
languages or queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory

from vocnet.core.pagecache import cached_fragment, data_version
from vocnet.core.permissions import actor_for
from vocnet.registry import services
from vocnet.registry.services import CompanyInput, OrganisationContact
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def test_a_write_through_a_service_shows_on_the_next_directory_page(world: World) -> None:
    # Given a directory page already rendered (and cached) for a region
    client = _client(world, "province_officer")
    before = client.get("/directory/?region=41390").content.decode()
    assert "(주)캐시검증" not in before
    version = data_version()

    # When a company is registered there through the service
    services.company_create(
        actor=world.user("province_officer"),
        data=CompanyInput(
            contact=OrganisationContact(name_ko="(주)캐시검증"),
            region_code="41390",
            business_number="220-81-62517",
            ksic_code="30",
            size_class="sme",
            employees=12,
        ),
    )

    # Then the data version moved and the same page shows the company at once
    assert data_version() > version
    assert "(주)캐시검증" in client.get("/directory/?region=41390").content.decode()


def test_an_admin_change_moves_the_data_version(world: World) -> None:
    # Given the province officer as an admin user
    province = world.user("province_officer")
    province.is_staff = True
    province.save()
    client = _client(world, "province_officer")
    version = data_version()
    organisation = world.school_a.organisation

    # When they change an organisation's phone number in the admin
    response = client.post(
        f"/admin/registry/organisation/{organisation.pk}/change/",
        {
            **{
                field: value
                for field, value in _admin_form_values(client, organisation.pk).items()
                if value is not None
            },
            "phone": "031-555-0199",
        },
    )

    # Then the change is saved and audited, which moves the data version
    assert response.status_code == 302, response.content.decode()[:2000]
    assert data_version() > version


def _admin_form_values(client: Client, pk: int) -> dict[str, Any]:
    response = client.get(f"/admin/registry/organisation/{pk}/change/")
    form = response.context["adminform"].form
    values: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "pk"):
            value = value.pk
        values[name] = "" if value is None else value
    return values


def test_content_is_shared_by_equal_authority_and_never_across_authorities(world: World) -> None:
    # Given a fragment that records who it was rendered for
    request = RequestFactory().get("/directory/?kind=school")
    rendered: list[str] = []

    def render_for(persona: str) -> str:
        def render() -> str:
            rendered.append(persona)
            return f"<p>{persona}</p>"

        actor = actor_for(world.user(persona))
        return cached_fragment(name="t", request=request, actor=actor, render=render)

    # When two school staff of different schools and the province ask for it, twice each
    first = [render_for(p) for p in ("school_staff_a", "school_staff_b", "province_officer")]
    second = [render_for(p) for p in ("school_staff_a", "school_staff_b", "province_officer")]

    # Then each authority got its own rendering once, and the second round came from the cache
    assert (
        first
        == second
        == ["<p>school_staff_a</p>", "<p>school_staff_b</p>", "<p>province_officer</p>"]
    )
    assert rendered == ["school_staff_a", "school_staff_b", "province_officer"]
    assert actor_for(world.user("school_staff_a")).scope_key != (
        actor_for(world.user("school_staff_b")).scope_key
    )


def test_two_officers_with_the_same_authority_share_the_key(world: World) -> None:
    # Given a second province officer
    from vocnet.registry.models import Membership, Role
    from vocnet.registry.tests import factories as f

    province = world.user("province_officer").memberships.get().organisation
    other = f.UserFactory(username="province2")
    Membership.objects.create(user=other, organisation=province, role=Role.PROVINCE_OFFICER)

    # Then both actors have the same authority key, and it is not the school staff's
    assert actor_for(other).scope_key == actor_for(world.user("province_officer")).scope_key
    assert actor_for(other).scope_key != actor_for(world.user("school_staff_a")).scope_key


def test_language_and_query_and_htmx_each_have_their_own_content(world: World) -> None:
    # Given the province officer
    client = _client(world, "province_officer")

    # When the same directory is asked for in Korean, in English, filtered, and as an htmx part
    korean = client.get("/directory/?kind=school").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/directory/?kind=school").content.decode()
    filtered = client.get("/directory/?kind=company").content.decode()
    partial = client.get("/directory/?kind=company", headers={"HX-Request": "true"})

    # Then each is rendered for what was asked
    assert "기관 찾기" in korean
    assert "Find organisations" not in korean
    assert "Find organisations" in english
    school = world.school_a.organisation
    assert (school.name_en or school.name_ko) in english
    assert (school.name_en or school.name_ko) not in filtered
    assert "<html" not in partial.content.decode()
    assert "<html" in filtered


def test_a_cached_page_runs_a_few_queries_only(
    world: World, django_assert_max_num_queries: Any
) -> None:
    # Given a directory page and an overview already rendered once
    client = _client(world, "province_officer")
    client.get("/directory/")
    client.get("/overview/")

    # Then asking again costs the session, the user, the actor and the data version only
    with django_assert_max_num_queries(5):
        assert client.get("/directory/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/overview/").status_code == 200


def _csrf_token(html: str) -> str:
    marker = 'name="csrfmiddlewaretoken" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def test_a_cached_page_carries_a_working_csrf_token_of_its_own(world: World) -> None:
    # Given a client that enforces CSRF like a browser session, and the directory cached for it
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.user("province_officer"))
    client.get("/directory/")

    # When the page comes from the cache
    html = client.get("/directory/").content.decode()

    # Then it holds a real token (no placeholder), and the logout form posts with it
    assert "vocnet-csrf-token-placeholder" not in html
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": _csrf_token(html)})
    assert response.status_code == 302
    assert client.get("/directory/").status_code == 302  # signed out: back to the login page


def test_each_user_gets_their_own_page_even_with_the_same_authority(world: World) -> None:
    # Given two province officers with different names
    from vocnet.registry.models import Membership, Role
    from vocnet.registry.tests import factories as f

    province = world.user("province_officer").memberships.get().organisation
    other = f.UserFactory(username="province2", name="둘째담당")
    Membership.objects.create(user=other, organisation=province, role=Role.PROVINCE_OFFICER)
    first = _client(world, "province_officer")
    second = Client()
    sign_in(second, other)

    # When both open the overview, twice
    pages = [c.get("/overview/").content.decode() for c in (first, second, first, second)]

    # Then each sees their own name in the header, every time
    assert "둘째담당" not in pages[0]
    assert "둘째담당" not in pages[2]
    assert "둘째담당" in pages[1]
    assert "둘째담당" in pages[3]


def test_a_page_with_a_message_waiting_is_rendered_afresh(world: World) -> None:
    # Given the directory cached for a user
    client = _client(world, "province_officer")
    client.get("/directory/")

    # When a flash message waits for them (in the message cookie, where Django keeps it first)
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "저장했습니다")])
    html = client.get("/directory/").content.decode()

    # Then the page shows it (once)
    assert "저장했습니다" in html
    assert "저장했습니다" not in client.get("/directory/").content.decode()
