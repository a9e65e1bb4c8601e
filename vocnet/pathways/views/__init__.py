"""Pathways pages: graduate destinations (``destinations``), a graduate's pathway with its
events and follow-up surveys (``pathway``), the indicators (``indicators``)."""

from vocnet.pathways.views.destinations import (
    destination_create,
    destination_delete,
    destination_edit,
    destination_import,
    destination_list,
)
from vocnet.pathways.views.indicators import indicators, indicators_export
from vocnet.pathways.views.pathway import (
    event_delete,
    events_import,
    pathway,
    survey_answer,
    survey_create,
)

__all__ = [
    "destination_create",
    "destination_delete",
    "destination_edit",
    "destination_import",
    "destination_list",
    "event_delete",
    "events_import",
    "indicators",
    "indicators_export",
    "pathway",
    "survey_answer",
    "survey_create",
]
