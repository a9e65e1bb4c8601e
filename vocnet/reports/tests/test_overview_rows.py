"""The overview's tiles and region table are written from rows formatted once in Python
(``region_rows``); they must read exactly as the template filters wrote them. The old
template markup lives here as the reference and both are rendered on the demo's data (which
has synthetic parts), in Korean and English, for every metric."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from vocnet.demo.registry import load_demo
from vocnet.reports import overview as overview_selectors

# The overview's tiles and rows as they were written before ``region_rows``.
OLD = Template(
    """{% load i18n humanize vocnet %}
  {% for item in overview.regions %}
  <a class="vn-tile vn-shade-{{ item.shade }} vn-col-{{ item.column|add:1 }} vn-row-{{ item.row|add:1 }}{% if item.is_pilot %} vn-pilot{% endif %}"
     href="{{ region_prefix }}{{ item.region.sigungu_code }}/" tabindex="-1">
    <span class="vn-tile-name">{{ item.region|localized_name }}</span>
    <span class="vn-tile-value">{{ item|metric_value:overview.metric|intcomma }}{% if item.synthetic|get_item:overview.metric %}<span class="vn-tile-synthetic" data-synthetic="tile">*</span>{% endif %}</span>
  </a>
  {% endfor %}
  {% for item in overview.regions %}
  <tr>
    <th scope="row"><a href="{{ region_prefix }}{{ item.region.sigungu_code }}/">{{ item.region|localized_name }}</a></th>
    <td><a href="{{ office_prefix }}{{ item.region.support_office_id }}/">{{ item.region.support_office|localized_name:"short_name" }}</a></td>
    <td class="num">{{ item.schools|intcomma }}</td><td class="num">{{ item.departments|intcomma }}</td>
    <td class="num">{{ item.capacity|intcomma }}</td><td class="num">{{ item.students|intcomma }}</td>
    <td class="num">{{ item.companies|intcomma }}</td><td class="num">{{ item.designated|intcomma }}</td>
    <td>{% if item.is_pilot %}{% translate "선도지구" %}{% else %}—{% endif %}</td>
    <td>{% with s=item.synthetic %}{% if s.schools or s.students or s.companies %}<span class="vn-synthetic-part" data-synthetic="figure">{% blocktranslate with schools=s.schools|default:0 all_schools=item.schools students=s.students|default:0|intcomma all_students=item.students|intcomma companies=s.companies|default:0|intcomma all_companies=item.companies|intcomma %}학교 {{ schools }}/{{ all_schools }} · 재학생 {{ students }}/{{ all_students }} · 기업 {{ companies }}/{{ all_companies }}{% endblocktranslate %}</span>{% else %}—{% endif %}{% endwith %}</td>
  </tr>
  {% endfor %}"""  # noqa: E501
)

# The same markup from the rows, as overview_content.html writes it now.
NEW = Template(
    """{% load i18n %}
  {% for row in rows %}
  <a class="{{ row.tile_class }}"
     href="{{ row.href }}" tabindex="-1">
    <span class="vn-tile-name">{{ row.name }}</span>
    <span class="vn-tile-value">{{ row.tile_value }}{% if row.tile_synthetic %}<span class="vn-tile-synthetic" data-synthetic="tile">*</span>{% endif %}</span>
  </a>
  {% endfor %}
  {% translate "선도지구" as pilot %}{% for row in rows %}
  <tr>
    <th scope="row"><a href="{{ row.href }}">{{ row.name }}</a></th>
    <td><a href="{{ row.office_href }}">{{ row.office_name }}</a></td>
    <td class="num">{{ row.schools }}</td><td class="num">{{ row.departments }}</td>
    <td class="num">{{ row.capacity }}</td><td class="num">{{ row.students }}</td>
    <td class="num">{{ row.companies }}</td><td class="num">{{ row.designated }}</td>
    <td>{% if row.is_pilot %}{{ pilot }}{% else %}—{% endif %}</td>
    <td>{% if row.synthetic_text %}<span class="vn-synthetic-part" data-synthetic="figure">{{ row.synthetic_text }}</span>{% else %}—{% endif %}</td>
  </tr>
  {% endfor %}"""  # noqa: E501
)


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("value", [0, 7, 999, 1000, 12345, 1234567, -4321])
def test_grouped_writes_numbers_as_intcomma_does(language: str, value: int) -> None:
    with translation.override(language):
        assert overview_selectors.grouped(value) == intcomma(value)


@pytest.mark.django_db
def test_region_rows_render_as_the_template_filters_did() -> None:
    load_demo(scale=0.02, school_year=2026)
    user = get_user_model().objects.get(username="province")
    prefixes: dict[str, Any] = {
        "region_prefix": reverse("reports:region", args=["0"])[: -len("0/")],
        "office_prefix": reverse("reports:support_office", args=[0])[: -len("0/")],
    }
    synthetic_rows = 0
    for language in ("ko", "en"):
        with translation.override(language):
            for metric in overview_selectors.METRICS:
                data = overview_selectors.province_overview(user=user, metric=metric)
                rows = overview_selectors.region_rows(data)
                old = OLD.render(Context({"overview": data, **prefixes}))
                new = NEW.render(Context({"rows": rows, **prefixes}))
                assert new.strip() == old.strip()
                synthetic_rows += sum(bool(row.synthetic_text) for row in rows)
    assert synthetic_rows  # the comparison covered the synthetic parts' text
