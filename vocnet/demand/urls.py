from django.urls import path

from vocnet.demand.views import declarations, gap, proposals, scenarios

app_name = "demand"

urlpatterns = [
    path("", gap.gap, name="gap"),
    path("drilldown/", gap.drilldown, name="drilldown"),
    path("declarations/", declarations.declaration_list, name="declarations"),
    path("declarations/new/", declarations.declaration_create, name="declaration_create"),
    path("declarations/import/", declarations.declaration_import, name="declaration_import"),
    path(
        "declarations/<int:declaration_id>/edit/",
        declarations.declaration_edit,
        name="declaration_edit",
    ),
    path(
        "declarations/<int:declaration_id>/delete/",
        declarations.declaration_delete,
        name="declaration_delete",
    ),
    path("scenarios/", scenarios.scenario_list, name="scenarios"),
    path("scenarios/new/", scenarios.scenario_create, name="scenario_create"),
    path("scenarios/compare/", scenarios.scenario_compare, name="scenario_compare"),
    path("recommendations/", scenarios.recommendation_list, name="recommendations"),
    path("scenarios/<int:scenario_id>/", scenarios.scenario_detail, name="scenario"),
    path("scenarios/<int:scenario_id>/run/", scenarios.scenario_run, name="scenario_run"),
    path("scenarios/<int:scenario_id>/delete/", scenarios.scenario_delete, name="scenario_delete"),
    path(
        "scenarios/<int:scenario_id>/approval.pdf",
        scenarios.scenario_approval_pdf,
        name="scenario_approval_pdf",
    ),
    path(
        "scenarios/<int:scenario_id>/approval.xlsx",
        scenarios.scenario_approval_xlsx,
        name="scenario_approval_xlsx",
    ),
    path("proposals/", proposals.proposal_list, name="proposals"),
    path("proposals/new/", proposals.proposal_create, name="proposal_create"),
    path("proposals/<int:proposal_id>/", proposals.proposal_detail, name="proposal"),
    path(
        "proposals/<int:proposal_id>/<slug:step>/",
        proposals.proposal_step,
        name="proposal_step",
    ),
]
