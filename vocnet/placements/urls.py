from django.urls import path

from vocnet.placements.views import applications, consent, offers, placements, progress, vetting

app_name = "placements"

urlpatterns = [
    path("", offers.offer_list, name="offers"),
    path("rules/", offers.rules_page, name="rules"),
    path("offers/new/", offers.offer_create, name="offer_create"),
    path("offers/<int:offer_id>/", offers.offer_detail, name="offer"),
    path("offers/<int:offer_id>/edit/", offers.offer_edit, name="offer_edit"),
    path("offers/<int:offer_id>/publish/", offers.offer_publish, name="offer_publish"),
    path("offers/<int:offer_id>/close/", offers.offer_close, name="offer_close"),
    path("offers/<int:offer_id>/withdraw/", offers.offer_withdraw, name="offer_withdraw"),
    path("offers/<int:offer_id>/apply/", applications.offer_apply, name="offer_apply"),
    path(
        "applications/<int:application_id>/interview/",
        applications.application_interview,
        name="application_interview",
    ),
    path(
        "applications/<int:application_id>/accept/",
        applications.application_accept,
        name="application_accept",
    ),
    path(
        "applications/<int:application_id>/decline/",
        applications.application_decline,
        name="application_decline",
    ),
    path(
        "applications/<int:application_id>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path("vettings/", vetting.vetting_list, name="vettings"),
    path("vettings/apply/", vetting.vetting_apply, name="vetting_apply"),
    path("vettings/<int:vetting_id>/", vetting.vetting_detail, name="vetting"),
    path("companies/<int:company_id>/accident/", vetting.accident_record, name="accident"),
    path("placements/", placements.placement_list, name="placements"),
    path("placements/<int:placement_id>/", placements.placement_detail, name="placement"),
    path(
        "placements/<int:placement_id>/cancel/",
        placements.placement_cancel,
        name="placement_cancel",
    ),
    path(
        "placements/<int:placement_id>/start/", placements.placement_start, name="placement_start"
    ),
    path(
        "placements/<int:placement_id>/complete/",
        placements.placement_complete,
        name="placement_complete",
    ),
    path(
        "placements/<int:placement_id>/terminate/",
        placements.placement_terminate,
        name="placement_terminate",
    ),
    path(
        "placements/<int:placement_id>/contract/",
        placements.contract_draft,
        name="contract_draft",
    ),
    path("contracts/<int:contract_id>/sign/", placements.contract_sign, name="contract_sign"),
    path("contracts/<int:contract_id>/amend/", placements.contract_amend, name="contract_amend"),
    path("contracts/<int:contract_id>/pdf/", placements.contract_print, name="contract_pdf"),
    path("placements/<int:placement_id>/hours/", progress.hours_log, name="hours_log"),
    path("placements/<int:placement_id>/leave/", progress.leave_log, name="leave_log"),
    path(
        "placements/<int:placement_id>/safety-education/",
        progress.safety_education_record,
        name="safety_education_record",
    ),
    path("hours/<int:entry_id>/confirm/", progress.hours_confirm, name="hours_confirm"),
    path("placements/<int:placement_id>/visits/", progress.visit_record, name="visit_record"),
    path("placements/<int:placement_id>/incidents/", progress.incident_file, name="incident_file"),
    path("incidents/", progress.incident_list, name="incidents"),
    path(
        "incidents/<int:incident_id>/respond/",
        progress.incident_respond,
        name="incident_respond",
    ),
    path(
        "placements/<int:placement_id>/evaluations/",
        progress.evaluation_submit,
        name="evaluation_submit",
    ),
]

# Consent that is real (issue 15 §3, ADR 0033): the signing page of the student and the
# guardian, the receipt, and the public receipt check.
urlpatterns += [
    path(
        "contracts/<int:contract_id>/consent/",
        consent.contract_consent,
        name="contract_consent",
    ),
    path(
        "contracts/<int:contract_id>/receipt/",
        consent.contract_receipt,
        name="contract_receipt",
    ),
    path("receipts/verify/", consent.receipt_verify, name="receipt_verify"),
]

# Monitoring visits due: the school home's to-do (issue 15 §5, §7).
from vocnet.placements.views import visits_due  # noqa: E402

urlpatterns += [path("visits-due/", visits_due.visits_due_list, name="visits_due")]
