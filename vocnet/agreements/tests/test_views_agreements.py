"""The agreement pages: list, detail, the wizard, signing, deliveries, dashboard, import."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vocnet.agreements.models import Agreement, AgreementStatus, Delivery, Signature
from vocnet.agreements.tests import factories as af
from vocnet.core.models import AuditEvent
from vocnet.registry.tests._excel_helpers import xlsx_bytes
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _html(response: Any) -> str:
    return response.content.decode()


def test_the_list_shows_a_party_its_agreements_only(world: World, orgs: dict[str, Any]) -> None:
    af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")], title="A 협약"
    )
    af.SignedAgreementFactory(
        lead=orgs["school_b"], others=[(orgs["company_b"], "member")], title="B 협약"
    )

    company = _html(_client(world, "company_staff").get("/agreements/"))
    office = _html(_client(world, "support_office_officer").get("/agreements/"))
    province = _html(_client(world, "province_officer").get("/agreements/"))

    assert "A 협약" in company
    assert "B 협약" not in company
    assert "A 협약" not in office
    assert "조건에 맞는 협약이 없습니다" in office
    assert "A 협약" in province
    assert "B 협약" in province


def test_the_list_filters_and_answers_htmx_with_the_results_only(
    world: World, orgs: dict[str, Any]
) -> None:
    af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["city"], "supporter")], title="지역 협약"
    )
    af.DraftAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["university"], "member")], title="대학 협약"
    )
    client = _client(world, "province_officer")

    response = client.get("/agreements/?pillar=university_linkage", HTTP_HX_REQUEST="true")

    html = _html(response)
    assert "<html" not in html
    assert "대학 협약" in html
    assert "지역 협약" not in html
    assert "/api/agreements/exports/commitments.xlsx?pillar=university_linkage" in html


@pytest.mark.parametrize("per_page", [20, 100])
def test_list_and_dashboard_query_counts_do_not_depend_on_size(
    world: World, orgs: dict[str, Any], per_page: int, django_assert_max_num_queries: Any
) -> None:
    for n in range(25):
        agreement = af.SignedAgreementFactory(
            lead=orgs["school_a"],
            others=[(orgs["company_a"], "member"), (orgs["city"], "supporter")],
            title=f"협약{n:02d}",
        )
        af.deliver(af.commitment_of(agreement, orgs["company_a"]), date(2025, 6, 1), 3)
    client = _client(world, "province_officer")
    client.get("/")

    with django_assert_max_num_queries(20):
        listed = client.get(f"/agreements/?per_page={per_page}")
    with django_assert_max_num_queries(16):
        dashboard = client.get("/agreements/dashboard/")

    assert len(listed.context["rows"]) == min(per_page, 25)
    assert len(dashboard.context["dashboard"].rows) == 25


def test_detail_is_404_for_someone_who_is_not_a_party(world: World, orgs: dict[str, Any]) -> None:
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )

    assert _client(world, "school_staff_b").get(f"/agreements/{agreement.pk}/").status_code == 404
    assert _client(world, "company_staff").get(f"/agreements/{agreement.pk}/").status_code == 200


def test_the_last_party_signs_on_the_page_and_the_agreement_becomes_active(
    world: World, orgs: dict[str, Any]
) -> None:
    # given an agreement the school signed and the company has not
    agreement = af.CirculatedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")], signed_by=[orgs["school_a"]]
    )
    company = _client(world, "company_staff")
    page = _html(company.get(f"/agreements/{agreement.pk}/"))
    assert "명의로 서명" in page

    # when the company signs
    response = company.post(f"/agreements/{agreement.pk}/sign/", follow=True)

    # then the agreement is active and the page says so
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert Signature.objects.filter(organisation=orgs["company_a"]).exists()
    assert "모든 당사자가 서명해 협약이 효력을 갖습니다" in _html(response)


def test_a_refused_sign_comes_back_as_a_message(world: World, orgs: dict[str, Any]) -> None:
    agreement = af.DraftAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )

    response = _client(world, "school_staff_a").post(
        f"/agreements/{agreement.pk}/sign/", follow=True
    )

    assert "현재 상태가 &#x27;작성 중&#x27;인 협약은 서명할 수 없습니다." in _html(response)


def test_the_wizard_builds_a_draft_step_by_step_and_circulates_it(
    world: World, orgs: dict[str, Any]
) -> None:
    client = _client(world, "school_staff_a")

    # step 1: basics
    response = client.post(
        "/agreements/new/",
        {
            "kind": "school_company_mou",
            "title": "마이스터 현장실습 협약",
            "lead_organisation": orgs["school_a"].pk,
            "start_date": "2026-03-01",
            "end_date": "2028-02-29",
        },
    )
    agreement = Agreement.objects.get(title="마이스터 현장실습 협약")
    assert response.status_code == 302
    assert response["Location"] == f"/agreements/{agreement.pk}/edit/parties/"

    # step 2: find the company and add it
    found = _html(client.get(f"/agreements/{agreement.pk}/edit/parties/?q=시험기업"))
    assert orgs["company_a"].name_ko in found
    client.post(
        f"/agreements/{agreement.pk}/edit/parties/",
        {"action": "add", "organisation_id": orgs["company_a"].pk, "name": "시험기업"},
    )
    assert agreement.current_version.parties.count() == 2

    # step 3: the company commits 10 then 12 seats
    response = client.post(
        f"/agreements/{agreement.pk}/edit/commitments/",
        {
            "action": "save",
            "party": orgs["company_a"].pk,
            "kind": "field_training_seats",
            "unit": "",
            "pillar": "industry_linkage",
            "description": "현장실습 자리",
            "target_1": "10",
            "target_2": "12",
        },
    )
    assert response.status_code == 302
    seats = agreement.current_version.parties.get(organisation=orgs["company_a"]).commitments.get()
    assert [str(t.quantity) for t in seats.targets.all()] == ["10.00", "12.00"]

    # step 4: review and circulate
    review = _html(client.get(f"/agreements/{agreement.pk}/edit/review/"))
    assert "서명 요청" in review
    client.post(f"/agreements/{agreement.pk}/circulate/")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.CIRCULATED


def test_a_commitment_with_a_pillar_its_party_does_not_carry_is_shown_back(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.DraftAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    before = AuditEvent.objects.count()

    response = _client(world, "school_staff_a").post(
        f"/agreements/{agreement.pk}/edit/commitments/",
        {
            "action": "save",
            "party": orgs["company_a"].pk,
            "kind": "graduate_hires",
            "pillar": "university_linkage",
            "description": "졸업생 채용",
            "target_1": "1",
            "target_2": "1",
            "target_3": "1",
        },
    )

    assert response.status_code == 422
    assert "이 당사자가 맡은 요소가 아닙니다" in _html(response)
    assert AuditEvent.objects.count() == before


def test_a_party_records_a_delivery_with_evidence_on_the_page(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    seats = af.commitment_of(agreement, orgs["company_a"])
    client = _client(world, "company_staff")
    form = _html(client.get(f"/agreements/{agreement.pk}/deliveries/new/"))
    assert "현장실습 자리 제공" in form

    response = client.post(
        f"/agreements/{agreement.pk}/deliveries/new/",
        {
            "commitment": seats.pk,
            "delivered_on": "2025-07-01",
            "quantity": "4",
            "note": "1학기",
            "evidence": SimpleUploadedFile("사진.png", b"\x89PNG\r\n\x1a\n...."),
        },
    )

    assert response.status_code == 302
    delivery = Delivery.objects.get()
    assert delivery.evidence_name == "사진.png"
    download = client.get(f"/agreements/deliveries/{delivery.pk}/evidence/")
    assert download.status_code == 200
    assert (
        _client(world, "school_staff_b")
        .get(f"/agreements/deliveries/{delivery.pk}/evidence/")
        .status_code
        == 404
    )


def test_termination_needs_a_reason_on_the_page(world: World, orgs: dict[str, Any]) -> None:
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    client = _client(world, "school_staff_a")

    refused = client.post(f"/agreements/{agreement.pk}/terminate/", {"reason": "짧음"})
    done = client.post(
        f"/agreements/{agreement.pk}/terminate/", {"reason": "참여 기업 폐업으로 해지"}
    )

    assert refused.status_code == 422
    assert "5자 이상" in _html(refused)
    assert done.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.TERMINATED


def test_the_dashboard_is_the_provinces_and_shows_every_agreement(
    world: World, orgs: dict[str, Any]
) -> None:
    af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")], title="A 협약"
    )
    af.DraftAgreementFactory(
        lead=orgs["school_b"], others=[(orgs["company_b"], "member")], title="B 협약"
    )

    refused = _client(world, "school_staff_a").get("/agreements/dashboard/")
    shown = _client(world, "province_officer").get("/agreements/dashboard/")

    assert refused.status_code == 403
    html = _html(shown)
    assert "A 협약" in html
    assert "B 협약" in html
    assert 'data-chart-source="pillar-chart"' in html
    assert '<script id="pillar-chart" type="application/json">' in html


def test_the_import_page_lists_bad_rows_and_writes_nothing(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    seats = af.commitment_of(agreement, orgs["company_a"])
    content = xlsx_bytes(
        ["약속 번호 / commitment_id", "이행일 / delivered_on", "이행량 / quantity"],
        [[seats.pk, "2025-06-01", 3], [seats.pk, "2025-13-01", "세 명"]],
    )

    response = _client(world, "company_staff").post(
        "/agreements/import/",
        {"file": SimpleUploadedFile("deliveries.xlsx", content), "action": "commit"},
    )

    html = _html(response)
    assert response.status_code == 422
    assert "3행 이행일" in html  # the column by its header (issue 16 §4), not its key
    assert "3행 이행량" in html
    assert not Delivery.objects.exists()


# The list's lines as the template rendered them from the models before the view formatted
# them (ListRow): the reference the new lines are compared with.
_OLD_LINES = """{% load i18n humanize agreement_tags %}
  {% for agreement, overall, parties in rows %}
  <tr>
    <th scope="row"><a href="{% url 'agreements:detail' agreement.pk %}">{{ agreement.title }}</a></th>
    <td>{{ agreement.kind.display_name }}</td>
    <td>{% include "agreements/partials/status_badge.html" %}</td>
    <td class="vn-nowrap">{{ agreement.start_date|date:"Y-m-d" }} ~ {{ agreement.end_date|date:"Y-m-d" }}</td>
    <td>{{ parties|join:", " }}</td>
    <td class="num">{{ overall|percent }}{% if overall.behind %}<br><span class="vn-behind">{% blocktranslate count counter=overall.behind %}부진 {{ counter }}건{% plural %}부진 {{ counter }}건{% endblocktranslate %}</span>{% endif %}</td>
  </tr>
  {% endfor %}
  """  # noqa: E501


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_list_lines_are_those_the_template_made_from_the_models(
    world: World, orgs: dict[str, Any], language: str
) -> None:
    from django.template import engines
    from django.utils import timezone, translation

    from vocnet.agreements import selectors
    from vocnet.agreements.selectors.agreements import AgreementFilters

    # given agreements of every kind of line: behind, early, a draft without figures, a
    # synthetic one, a name to escape
    behind = af.SignedAgreementFactory(
        lead=orgs["school_a"],
        others=[(orgs["company_a"], "member"), (orgs["city"], "supporter")],
        title="현장실습 <협약> & 지원",
        is_synthetic=True,
    )
    af.deliver(af.commitment_of(behind, orgs["company_a"]), date(2025, 6, 1), 1)
    af.SignedAgreementFactory(
        lead=orgs["school_b"], others=[(orgs["company_b"], "member")], start=date.today()
    )
    af.DraftAgreementFactory(lead=orgs["school_a"], title="초안 협약")
    af.TerminatedAgreementFactory(lead=orgs["school_a"], others=[(orgs["university"], "member")])
    user = world.user("province_officer")
    client = _client(world, "province_officer")

    with translation.override(language):
        page = _html(client.get("/agreements/?per_page=100", HTTP_ACCEPT_LANGUAGE=language))
        agreements = list(
            selectors.agreement_list(user=user, filters=AgreementFilters()).select_related(
                "in_force_version"
            )
        )
        progress = selectors.overall_progress_for(agreements, timezone.localdate())
        parties = selectors.party_names(agreements)
        old = (
            engines["django"]
            .from_string(_OLD_LINES)
            .render({"rows": [(a, progress.get(a.pk), parties.get(a.pk, [])) for a in agreements]})
        )

    body = page[page.index("<tbody>") + len("<tbody>") : page.index("</tbody>")]
    assert body == old
    assert "vn-behind" in body
    assert "&lt;협약&gt; &amp; 지원" in body
