"""The offers list writes its rows from texts formatted once in Python (``offer_rows``); they
must read exactly as the template's filters and lookups wrote them. The old row markup lives
here as the reference; both are rendered on factory offers (synthetic, closed, a seat taken,
a large allowance, an English field name) in Korean and English."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Q
from django.template import Context, Template
from django.utils import translation

from vocnet.placements import selectors
from vocnet.placements.models import OfferStatus
from vocnet.placements.selectors import OfferFilters
from vocnet.placements.tests import factories as pf
from vocnet.testing import World

pytestmark = pytest.mark.django_db

# The offers table's rows as they were written before ``offer_rows``.
OLD = Template(
    """{% load i18n humanize vocnet %}{% for o in offers %}
  <tr>
    <td>{{ o.company.organisation.name_ko }}{% if o.is_synthetic %} <span class="vn-badge-synthetic">{% translate "합성" %}</span>{% endif %}</td>
    <th scope="row"><a href="{% url 'placements:offer' o.pk %}">{{ o.title }}</a></th>
    <td>{{ o.region|localized_name }}</td><td>{{ o.ncs_middle.code }} {{ o.ncs_middle|localized_name }}</td>
    <td class="vn-nowrap">{{ o.start_date|date:"Y-m-d" }} ~ {{ o.end_date|date:"Y-m-d" }}</td>
    <td class="num">{{ o.seats_taken }}/{{ o.seats }}</td><td class="num">{{ o.allowance_krw|intcomma }}</td>
    <td>{{ o.get_status_display }}</td>
  </tr>
  {% endfor %}"""  # noqa: E501
)

# The same rows as partials/offer_table.html writes them now.
NEW = Template(
    """{% load i18n %}{% translate "합성" as synthetic %}{% for o in rows %}
  <tr>
    <td>{{ o.company }}{% if o.is_synthetic %} <span class="vn-badge-synthetic">{{ synthetic }}</span>{% endif %}</td>
    <th scope="row"><a href="{{ o.url }}">{{ o.title }}</a></th>
    <td>{{ o.region }}</td><td>{{ o.field }}</td>
    <td class="vn-nowrap">{{ o.period }}</td>
    <td class="num">{{ o.seats }}</td><td class="num">{{ o.allowance }}</td>
    <td>{{ o.status }}</td>
  </tr>
  {% endfor %}"""  # noqa: E501
)


def test_offer_rows_render_as_the_template_did(world: World, offer_a: Any) -> None:
    pf.PlacementFactory(offer=offer_a, student=world.student_a)
    pf.PublishedOfferFactory(
        company=world.company_b, is_synthetic=True, allowance_krw=12_345_678, title="<b>&"
    )
    pf.DraftOfferFactory(company=world.company_a, status=OfferStatus.CLOSED, allowance_krw=0)
    offers = list(selectors.offer_list(user=world.user("province_officer"), filters=OfferFilters()))
    assert len(offers) == 3
    assert any(offer.seats_taken for offer in offers)  # type: ignore[attr-defined]
    for language in ("ko", "en"):
        with translation.override(language):
            old = OLD.render(Context({"offers": offers}))
            new = NEW.render(Context({"rows": selectors.offer_rows(offers)}))
            assert new == old


def test_a_support_office_sees_the_offers_the_join_found(world: World, offer_a: Any) -> None:
    """The support office's arm of the offers' scope reads its regions' companies by an
    uncorrelated IN instead of joining every offer's organisation; the old join is the
    reference: an offer sited elsewhere by a company of the office's region, an offer sited in
    its region by a company elsewhere, and one of neither."""
    from vocnet.core.permissions import actor_for, restrict
    from vocnet.placements.models import FieldTrainingOffer
    from vocnet.placements.policies import companies

    pf.PublishedOfferFactory(company=world.company_a, region=world.company_b.organisation.region)
    pf.DraftOfferFactory(company=world.company_b, region=world.company_a.organisation.region)
    pf.DraftOfferFactory(company=world.company_b)
    user = world.user("support_office_officer")
    actor = actor_for(user)
    old = FieldTrainingOffer.objects.filter(
        Q(company_id__in=companies(actor))
        | Q(region_id__in=actor.region_ids)
        | Q(company__organisation__region_id__in=actor.region_ids)
    )
    new = restrict(user, FieldTrainingOffer.objects.all())
    assert set(new.values_list("pk", flat=True)) == set(old.values_list("pk", flat=True))
    assert 0 < new.count() < FieldTrainingOffer.objects.count()


def test_a_school_sees_the_offers_the_plain_status_found(world: World, offer_a: Any) -> None:
    """The published arm of a school's scope is written ``+status`` on SQLite (so the list
    reads offers in start-date order); the plain comparison is the reference."""
    from django.db import connection

    from vocnet.core.permissions import actor_for, restrict
    from vocnet.placements.models import FieldTrainingOffer, Placement
    from vocnet.placements.policies import schools

    pf.PlacementFactory(
        offer=pf.DraftOfferFactory(company=world.company_b, status=OfferStatus.CLOSED),
        student=world.student_a,
    )
    pf.DraftOfferFactory(company=world.company_b, status=OfferStatus.CLOSED)
    pf.DraftOfferFactory(company=world.company_b)
    user = world.user("school_staff_a")
    placed = Placement.objects.filter(student__school_id__in=schools(actor_for(user)))
    old = FieldTrainingOffer.objects.filter(
        Q(status=OfferStatus.PUBLISHED) | Q(pk__in=placed.values("offer_id"))
    )
    new = restrict(user, FieldTrainingOffer.objects.all())
    assert set(new.values_list("pk", flat=True)) == set(old.values_list("pk", flat=True))
    assert new.count() == 2
    if connection.vendor == "sqlite":
        assert '+"placements_fieldtrainingoffer"."status"' in str(new.query)
