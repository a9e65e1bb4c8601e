"""Every role's menu and home to-dos open (issue 16 §3): no link a role is shown answers
anything but 200, on the personas' small world and on the Gyeonggi demo."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import resolve, reverse

from vocnet.core.permissions import actor_for
from vocnet.testing import PERSONAS, World, sign_in

pytestmark = pytest.mark.django_db

SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


def _links(client: Client) -> dict[str, str]:
    """The home page's menu and to-do links: URL → where it was shown."""
    home = client.get("/")
    assert home.status_code == 200
    links = {item.url: f"menu {item.label}" for item in home.context["nav_items"]}
    links.update(
        {todo.url: f"to-do {todo.text}" for todo in home.context["home"].todos if todo.url}
    )
    return links


def _walk(client: Client) -> dict[str, int]:
    return {f"{where}: {url}": client.get(url).status_code for url, where in _links(client).items()}


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_each_persona_opens_every_menu_link_and_home_to_do(world: World, persona: str) -> None:
    # Given a signed-in persona of the small world
    client = Client()
    sign_in(client, world.user(persona))

    # When it follows every link of its menu and of its home page's to-do list
    answers = _walk(client)

    # Then every one opens
    assert answers
    assert answers == dict.fromkeys(answers, 200)


@pytest.fixture
def demo() -> None:
    from vocnet.demo import domains
    from vocnet.demo.registry import load_demo

    load_demo(scale=0.02)
    for extension in domains.DOMAIN_DEMOS:
        extension.load(seed=0)


def test_each_demo_login_opens_every_menu_link_and_home_to_do(demo: None) -> None:
    # Given the demo and its nine logins, one per role
    from vocnet.demo.registry.summary import DEMO_USERNAMES

    refused: dict[str, dict[str, int]] = {}
    for username in DEMO_USERNAMES:
        client = Client()
        sign_in(client, get_user_model().objects.get(username=username))

        # When each follows every link of its menu and home to-dos
        answers = _walk(client)

        # Then every one opens
        assert answers, username
        if wrong := {link: code for link, code in answers.items() if code != 200}:
            refused[username] = wrong
    assert refused == {}


# The staff's tools: exports (the API's files and the pages' own), vetting, creating
# placements, offers, rounds, agreements and imports. Students and guardians never see them.
STAFF_TOOLS = frozenset(
    {
        "placements:vettings",
        "placements:vetting",
        "placements:vetting_apply",
        "placements:offer_create",
        "placements:offer_accept",
        "clearinghouse:round_create",
        "clearinghouse:results_export",
        "agreements:create",
        "agreements:import",
        "demand:declaration_import",
        "pathways:destination_import",
        "reports:overview_export",
    }
)
LINK = re.compile(r'href="(/[^"#]*)')


def _crawl(client: Client, limit: int = 80) -> tuple[dict[str, int], set[str]]:
    """Every link of the pages' main content reachable from home (two per kind of page):
    link → status, and the URL names of the links shown."""
    answers: dict[str, int] = {}
    names: set[str] = set()
    per_name: Counter[str] = Counter()
    queue = ["/"]
    while queue and len(answers) < limit:
        url = queue.pop(0)
        if url in answers:
            continue
        response = client.get(url)
        answers[url] = response.status_code
        if response.status_code != 200 or "<main" not in (html := response.content.decode()):
            continue
        main = html.split("<main", 1)[1].split("</main>", 1)[0]
        for link in LINK.findall(main):
            link = link.replace("&amp;", "&")
            name = resolve(link.split("?", 1)[0]).view_name
            names.add("api" if link.startswith("/api/") else name)
            per_name[name] += 1
            if per_name[name] <= 2 and not link.startswith("/api/"):
                queue.append(link)
    return answers, names


@pytest.mark.parametrize("username", ["student", "guardian"])
def test_students_and_guardians_see_no_staff_tool_and_no_refused_link(
    demo: None, username: str
) -> None:
    # Given the demo's student or guardian
    client = Client()
    sign_in(client, get_user_model().objects.get(username=username))

    # When they walk every link their pages show them
    answers, names = _crawl(client)

    # Then each opens, and none is an export or another staff tool
    assert len(answers) > 5
    assert {url: code for url, code in answers.items() if code != 200} == {}
    assert names & (STAFF_TOOLS | {"api"}) == set()


def test_a_support_office_opens_on_its_own_area(demo: None) -> None:
    # Given the demo's support-office officer
    user = get_user_model().objects.get(username="office")
    client = Client()
    sign_in(client, user)

    # When they open the area item of their menu
    items = {str(item.label): item.url for item in client.get("/").context["nav_items"]}
    response = client.get(items["관할 현황"])

    # Then it is their own office's page, not the province's table
    assert response.status_code == 200
    (office_id,) = actor_for(user).support_office_ids
    assert items["관할 현황"] == reverse("reports:support_office", args=[office_id])
    assert "도 현황" not in items
