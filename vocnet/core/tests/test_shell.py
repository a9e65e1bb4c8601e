"""The service's shell (issue 16 §6): a text logo with the operating body in words, the demo
notice, the footer's policy pages, a favicon, and the admin in Korean without particle
templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db

FOOTER_LINKS = {
    "개인정보 처리방침": "privacy:policy",
    "이용약관": "terms",
    "웹 접근성 정책": "accessibility",
    "문의하기": "contact",
}


# Django's own messages whose Korean carried particle templates (locale/ko overrides them).
DJANGO_MESSAGES = [
    " By %(filter_title)s ",
    "Select %s to view",
    "The {name} “{obj}” was added successfully.",
    "The {name} “{obj}” was changed successfully.",
    "Cannot delete %(name)s",
]


def _footer(html: str) -> str:
    return html.split('<footer class="vn-footer">', 1)[1]


@pytest.mark.parametrize("persona", [None, "student", "province_officer"])
def test_every_page_names_the_operator_and_links_the_policies_in_the_footer(
    world: World, persona: str | None
) -> None:
    # Given a visitor, signed in or not
    client = Client()
    if persona:
        sign_in(client, world.user(persona))

    # When they open a page (the sign-in page, or their home)
    html = client.get("/accounts/login/" if persona is None else "/").content.decode()

    # Then the header carries the text logo and the operating body in words, no emblem image
    header = html.split('<header class="vn-header">', 1)[1].split("</header>", 1)[0]
    assert ">vocnet<" in header
    assert "경기도교육청" in header
    assert "<img" not in header
    # and the footer links every policy page, each of which opens for the same visitor
    footer = _footer(html)
    assert "운영기관" in footer
    assert "경기도교육청" in footer
    for label, name in FOOTER_LINKS.items():
        assert f'href="{reverse(name)}"' in footer, label
        page = client.get(reverse(name))
        assert page.status_code == 200, name
        assert f'<h1 class="vn-title">{label}</h1>' in page.content.decode()


def test_the_demo_notice_shows_only_when_the_demo_runs(settings: object) -> None:
    # Given the demo setting on (the default outside production)
    settings.VOCNET_DEMO = True  # type: ignore[attr-defined]
    assert "vn-demo-banner" in Client().get("/accounts/login/").content.decode()

    # When a production deployment leaves it off
    settings.VOCNET_DEMO = False  # type: ignore[attr-defined]
    html = Client().get("/accounts/login/").content.decode()

    # Then no page says it is a demo
    assert "vn-demo-banner" not in html
    assert "시연판" not in html


def test_the_contact_page_shows_the_configured_contact_and_invents_none(settings: object) -> None:
    settings.VOCNET_CONTACT_EMAIL = ""  # type: ignore[attr-defined]
    assert "아직 정해지지 않았습니다" in Client().get("/about/contact/").content.decode()

    settings.VOCNET_CONTACT_EMAIL = "vocnet@example.org"  # type: ignore[attr-defined]
    html = Client().get("/about/contact/").content.decode()
    assert 'href="mailto:vocnet@example.org"' in html


def test_pages_and_the_admin_carry_the_favicon() -> None:
    html = Client().get("/accounts/login/").content.decode()

    assert re.search(r'<link rel="icon" href="/static/favicon.svg" type="image/svg\+xml">', html)
    svg = (Path(settings.BASE_DIR) / "static" / "favicon.svg").read_text()
    assert svg.startswith("<svg")
    assert "<image" not in svg


def test_the_admin_is_in_korean_with_krds_colours_and_no_particle_templates(world: World) -> None:
    # Given the province officer as a staff user
    user = world.user("province_officer")
    user.is_staff = True
    user.save()
    client = Client()
    sign_in(client, user)

    # When they open the admin
    html = client.get("/admin/").content.decode()

    # Then it is vocnet's, in Korean, with vocnet's stylesheet
    assert "vocnet 관리" in html
    assert "/static/css/admin.css" in html
    # and Django's own Korean messages carry no "(으)로"-style particle templates
    with translation.override("ko"):
        messages = [translation.gettext(msgid) for msgid in DJANGO_MESSAGES]
    for message in messages:
        assert not re.search(r"\((으|이|가|을|를|은|는|과|와)\)|를\(을\)", message), message
        assert not re.search(r'[}s"”](가|를|을|이|는|은) ', message), message


def test_the_menu_is_a_details_element_open_in_the_html_so_it_works_without_javascript(
    world: World,
) -> None:
    # Given a signed-in student
    client = Client()
    sign_in(client, world.user("student"))

    # When the page arrives (before any script runs)
    html = client.get("/").content.decode()

    # Then the menu is an open <details> with a summary button around the main navigation
    menu = re.search(
        r"<details class=\"vn-menu\" open data-collapsible-menu>(.*?)</details>", html, re.S
    )
    assert menu is not None
    assert '<summary class="vn-menu-toggle">' in menu.group(1)
    assert 'aria-label="주 메뉴"' in menu.group(1)
