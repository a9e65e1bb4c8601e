"""No bare number on a count card (issue 16 §4): every card of every role's home, of the
province overview, of a region and a support office, and of the agreement and demand
dashboards says what it counts ("1,234명", "12개교", "3건", "45.5%"), in Korean and English.
The cards all come from ``templates/includes/figure_card.html``."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from vocnet.core.i18n import with_unit
from vocnet.testing import sign_in

pytestmark = pytest.mark.django_db

# A card value with nothing but digits, separators and signs: a number without its unit.
BARE = re.compile(r"^[\s\d.,+\-−→()/·]*\d[\s\d.,+\-−→()/·]*$")
CARD_VALUE = re.compile(r'<p class="vn-card-value"[^>]*>(.*?)</p>', re.S)
TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def demo() -> None:
    from vocnet.demo import domains
    from vocnet.demo.registry import load_demo

    load_demo(scale=0.02)
    for extension in domains.DOMAIN_DEMOS:
        extension.load(seed=0)


def _cards(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return [" ".join(TAG.sub(" ", value).split()) for value in CARD_VALUE.findall(html)]


def test_every_count_card_of_every_role_carries_its_unit(demo: None) -> None:
    # Given the demo and its nine logins, one per role
    from vocnet.demo.registry.summary import DEMO_USERNAMES
    from vocnet.registry.models import Region

    region = Region.objects.select_related("support_office").order_by("sigungu_code").first()
    assert region is not None
    province_pages = [
        reverse("reports:overview"),
        reverse("reports:region", args=[region.sigungu_code]),
        reverse("reports:support_office", args=[region.support_office_id]),
        reverse("agreements:dashboard"),
        reverse("demand:gap"),
    ]
    seen: dict[str, list[str]] = {}
    for username in DEMO_USERNAMES:
        client = Client()
        sign_in(client, get_user_model().objects.get(username=username))
        pages = ["/"] + (province_pages if username == "province" else [])
        for language in ("ko", "en"):
            client.cookies["django_language"] = language
            for url in pages:
                # When each page is rendered
                seen[f"{username} {language} {url}"] = _cards(client, url)

    # Then every card value carries a unit: none is digits alone
    bare = {page: [v for v in values if BARE.match(v)] for page, values in seen.items()}
    assert {page: values for page, values in bare.items() if values} == {}
    # And the homes and the overview do have cards to check
    assert all(seen[f"{login} ko /"] for login in ("province", "office", "school", "company"))
    assert len(seen[f"province ko {reverse('reports:overview')}"]) == 5


@pytest.mark.parametrize(
    ("value", "unit", "korean"),
    [
        (1234, "people", "1,234명"),
        (12, "schools", "12개교"),
        (3, "agreements", "3건"),
        (7, "departments", "7개"),
        (10.6, "people", "11명"),
        (None, "people", "—"),
        ("45.50", "percent", "45.5%"),
        (1200000, "won", "1,200,000원"),
    ],
)
def test_a_figure_is_written_with_its_unit(value: object, unit: str, korean: str) -> None:
    from django.utils import translation

    with translation.override("ko"):
        assert with_unit(value, unit) == korean


def test_an_unknown_unit_fails_loudly_instead_of_showing_a_bare_number() -> None:
    with pytest.raises(KeyError):
        with_unit(3, "parsecs")
