"""Reads of the agreements app (every one takes the user and goes through the permission
layer): lists and details (``agreements``), fulfilment (``progress``), the province
dashboard and the home-page items (``overview``)."""

from vocnet.agreements.selectors.agreements import (
    AgreementDetail,
    AgreementFilters,
    agreement_detail,
    agreement_get,
    agreement_list,
    audit_trail,
    can_change,
    commitment_list,
    commitments_for_export,
    delivery_get,
    delivery_list,
    draft_problems,
    kind_list,
    lead_choices,
    party_candidates,
    recordable_commitments,
    signable_parties,
    version_get,
    version_parties,
    with_parties,
)
from vocnet.agreements.selectors.overview import (
    Dashboard,
    DashboardRow,
    HomeItem,
    dashboard,
    home_items,
)
from vocnet.agreements.selectors.progress import progress_for

__all__ = [
    "AgreementDetail",
    "AgreementFilters",
    "Dashboard",
    "DashboardRow",
    "HomeItem",
    "agreement_detail",
    "agreement_get",
    "agreement_list",
    "audit_trail",
    "can_change",
    "commitment_list",
    "commitments_for_export",
    "dashboard",
    "delivery_get",
    "delivery_list",
    "draft_problems",
    "home_items",
    "kind_list",
    "lead_choices",
    "party_candidates",
    "progress_for",
    "recordable_commitments",
    "signable_parties",
    "version_get",
    "version_parties",
    "with_parties",
]
