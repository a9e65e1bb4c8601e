"""The gap page's ready strings (``vocnet.demand.views.gap_display``) equal what the template
filters wrote before: the formatter against ``floatformat``/``intcomma`` on every kind of value,
and each table of the page against its old template markup (kept here as the reference),
rendered from the same analysis, in Korean and English."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import engines
from django.template.defaultfilters import floatformat
from django.test import Client
from django.utils import translation

from vocnet.demand import selectors
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.demand.views.gap_display import Numbers
from vocnet.pathways.tests.factories import DestinationFactory, graduates
from vocnet.registry.models import DesignationKind, NcsMiddle, SchoolDesignation
from vocnet.testing import World, sign_in

FLOATS = [
    0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994, 0.4999, -0.4999, 1e-9, -1e-9,
    21.13, 8.87, -8.87, 999.5, 1000.0, 1234.5, -1234.5, 1234567.891, -9999999.5, 2.675,
    0.1 + 0.2, 1 / 3, -2 / 3, 42.68, 12345678901.5,
]  # fmt: skip
INTS = [0, 1, 12, 999, 1000, 12345, 1234567, -1, -1000, -1234567]


def _values() -> list[float]:
    rng = random.Random(16)
    return [
        *FLOATS,
        *(float(i) for i in INTS),
        *(rng.uniform(-50_000, 50_000) for _ in range(500)),
        *(rng.randint(-20_000, 20_000) / 2 for _ in range(500)),
        *(rng.randint(-2_000, 2_000) / 100 for _ in range(500)),
    ]


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_formatter_writes_what_the_filters_wrote(language: str) -> None:
    with translation.override(language):
        numbers = Numbers()
        for value in _values():
            assert numbers.people(value) == floatformat(value, "0g"), value
            assert numbers.whole(value) == floatformat(value, "0"), value
        for number in [*INTS, *range(-1100, 1100, 7), 10**12]:
            assert numbers.people(number) == floatformat(number, "0g"), number
            assert numbers.count(number) == intcomma(number), number
        for share in (None, 0.0, 49.5, 50.5, 100.0, 100 * 7 / 9):
            assert numbers.whole(share) == floatformat(share, "0"), share


# The tables as the template wrote them before (gap.html and partials/gap_table.html).
OLD_TILES = """{% load vocnet %}{% for tile in analysis.tiles %}
  <a class="vn-tile vn-shade-{{ tile.shade }} vn-col-{{ tile.column|add:1 }} vn-row-{{ tile.row|add:1 }}{% if not tile.in_scope %} vn-out{% endif %}"
     href="?year={{ analysis.year }}&amp;region={{ tile.region.sigungu_code }}&amp;metric={{ analysis.filters.metric }}" tabindex="-1">
    <span class="vn-tile-name">{{ tile.region|localized_name }}</span>
    <span class="vn-tile-value">{% if tile.in_scope %}{{ tile|metric_value:analysis.filters.metric|floatformat:"0g" }}{% else %}—{% endif %}</span>
  </a>
  {% endfor %}"""  # noqa: E501
OLD_SHORTAGES = """{% load i18n vocnet %}{% for row in analysis.shortages %}
    <li><a href="/demand/drilldown/?{{ row.drill_query }}">{{ row.area.name|localized_name }} · {{ row.field.code }} {{ row.field|localized_name }}</a> <span class="vn-short">{% blocktranslate with count=row.figures.shortage|floatformat:"0g" %}연 {{ count }}명 부족{% endblocktranslate %}</span></li>
  {% endfor %}"""  # noqa: E501
OLD_SURPLUSES = """{% load i18n vocnet %}{% for row in analysis.surpluses %}
    <li><a href="/demand/drilldown/?{{ row.drill_query }}">{{ row.area.name|localized_name }} · {{ row.field.code }} {{ row.field|localized_name }}</a> <span class="vn-over">{% blocktranslate with count=row.figures.surplus|floatformat:"0g" %}연 {{ count }}명 남음{% endblocktranslate %}</span></li>
  {% endfor %}"""  # noqa: E501
OLD_PAST = """{% load i18n humanize vocnet %}{% for row, counts in past_rows %}
  <tr><th scope="row">{{ row.field.code }} {{ row.field|localized_name }}</th><td class="num">{{ row.figures.graduates|floatformat:"0g" }}</td>
    {% if counts %}<td class="num">{{ counts.total|intcomma }}</td>
<td class="num">{{ counts.employed_in_field|intcomma }}</td>
<td class="num">{{ counts.employed_other_field|add:counts.employed_field_unknown|intcomma }}</td>
<td class="num">{{ counts.university|intcomma }}</td>
<td class="num">{{ counts.military|intcomma }}</td>
<td class="num">{{ counts.other|intcomma }}</td>
<td class="num">{{ counts.unknown|intcomma }}</td>
<td class="num">{{ counts.not_studying_percent|floatformat:"0" }}%</td>{% else %}<td class="num" colspan="8">{% translate "기록 없음" %}</td>{% endif %}</tr>
  {% endfor %}
  </tbody>
  <tfoot><tr><th scope="row">{% translate "합계" %}</th><td class="num">{{ analysis.totals.graduates|floatformat:"0g" }}</td>{% include "pathways/partials/counts_cells.html" with counts=analysis.past.totals %}<td class="num">{{ analysis.past.totals.not_studying_percent|floatformat:"0" }}%</td></tr></tfoot>"""  # noqa: E501
OLD_TABLE = """{% load vocnet %}{% for row in analysis.rows %}
  <tr>
    {% if analysis.filters.group_by != "field" %}<th scope="row">{{ row.area.name|localized_name }}</th>{% endif %}
    <td>{{ row.field.code }} {{ row.field|localized_name }}</td>
    <td class="num">{{ row.figures.demand|floatformat:"0g" }}</td>
    <td class="num">{{ row.figures.graduates|floatformat:"0g" }}</td>
    <td class="num">{{ row.figures.available|floatformat:"0g" }}</td>
    <td class="num"><a href="/demand/drilldown/?{{ row.drill_query }}" class="{% if row.figures.gap < -0.5 %}vn-short{% elif row.figures.gap > 0.5 %}vn-over{% endif %}">{{ row.figures.gap|floatformat:"0g" }}</a></td>
    {% if analysis.filters.group_by == "consortium" %}<td class="num">{{ row.consortium_available|floatformat:"0g" }}</td>{% endif %}
  </tr>
  {% endfor %}"""  # noqa: E501


@pytest.fixture
def demand(world: World) -> None:
    for code, headcount in (("1501", 30), ("2001", 7)):
        CompanyDeclarationFactory(
            organisation=world.company_a.organisation,
            ncs_middle=NcsMiddle.objects.get(code=code),
            headcount=headcount,
            year=declared_year(1),
        )
    SchoolDesignation.objects.create(
        school=world.objects["department_a"].school, kind=DesignationKind.GG_AGREEMENT, year=2025
    )
    graduates(world.objects["department_a"], 2025, employed=3, university=5, unknown=1)
    graduates(world.objects["department_b"], 2024, university=6, military=1, other=2)
    DestinationFactory(department=world.objects["department_b"], kind="employed")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("group_by", ["region", "field", "consortium", "support_office"])
@pytest.mark.parametrize("metric", ["shortage", "surplus"])
def test_the_page_writes_each_table_as_the_old_template_did(
    world: World, demand: None, language: str, group_by: str, metric: str
) -> None:
    user = world.user("province_officer")
    client = Client()
    sign_in(client, user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    query = f"?group_by={group_by}&metric={metric}&per_page=100"
    # The middleware activates the cookie's language: the override puts the previous one back.
    with translation.override(language):
        html = client.get(f"/demand/{query}").content.decode()
        filters = selectors.GapFilters(group_by=group_by, metric=metric)
        analysis = selectors.gap_analysis(user=user, filters=filters)
        past = analysis.past
        assert past is not None
        assert past.years
        context: dict[str, Any] = {
            "analysis": analysis,
            "past_rows": [
                (row, past.of(row.field.code if row.field else None)) for row in analysis.by_field
            ],
        }
        assert analysis.rows
        assert analysis.shortages
        assert analysis.surpluses
        for old in (OLD_TILES, OLD_PAST, OLD_TABLE, OLD_SHORTAGES, OLD_SURPLUSES):
            expected = engines["django"].from_string(old).render(context)
            assert expected.strip()
            assert expected in html
