from django.urls import path

from vocnet.agreements.views import actions, pages, wizard

app_name = "agreements"

urlpatterns = [
    path("", pages.agreement_list, name="list"),
    path("dashboard/", pages.dashboard, name="dashboard"),
    path("new/", wizard.agreement_create, name="create"),
    path("import/", actions.delivery_import, name="import"),
    path("deliveries/<int:delivery_id>/evidence/", actions.delivery_evidence, name="evidence"),
    path("<int:agreement_id>/", pages.agreement_detail, name="detail"),
    path("<int:agreement_id>/versions/<int:number>/", pages.agreement_version, name="version"),
    path("<int:agreement_id>/audit/", pages.agreement_audit, name="audit"),
    path("<int:agreement_id>/edit/", wizard.agreement_edit_basics, name="edit_basics"),
    path("<int:agreement_id>/edit/parties/", wizard.agreement_edit_parties, name="edit_parties"),
    path(
        "<int:agreement_id>/edit/commitments/",
        wizard.agreement_edit_commitments,
        name="edit_commitments",
    ),
    path("<int:agreement_id>/edit/review/", wizard.agreement_review, name="review"),
    path("<int:agreement_id>/circulate/", wizard.agreement_circulate, name="circulate"),
    path("<int:agreement_id>/sign/", actions.agreement_sign, name="sign"),
    path("<int:agreement_id>/amend/", actions.agreement_amend, name="amend"),
    path(
        "<int:agreement_id>/withdraw-amendment/",
        actions.agreement_withdraw_amendment,
        name="withdraw_amendment",
    ),
    path("<int:agreement_id>/complete/", actions.agreement_complete, name="complete"),
    path("<int:agreement_id>/terminate/", actions.agreement_terminate, name="terminate"),
    path("<int:agreement_id>/deliveries/new/", actions.delivery_create, name="delivery_create"),
]
