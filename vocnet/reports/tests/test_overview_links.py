"""The overview writes its region and office links from one reversed prefix each: they must be
the addresses reverse() gives."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from vocnet.registry.models import Region
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def test_the_overview_links_each_region_and_its_office(world: World) -> None:
    client = Client()
    sign_in(client, world.user("province_officer"))

    html = client.get("/overview/").content.decode()

    region = Region.objects.exclude(support_office=None).first()
    assert region is not None
    assert f'href="{reverse("reports:region", args=[region.sigungu_code])}"' in html
    assert f'href="{reverse("reports:support_office", args=[region.support_office_id])}"' in html
