"""Writes of pathways: graduate destinations (``destinations``), the dated events of a
graduate's pathway and their summary (``events``), the follow-up surveys (``surveys``)."""

from vocnet.pathways.services.destinations import (
    DestinationInput,
    destination_create,
    destination_delete,
    destination_update,
    employment_problems,
    resolve_company,
    resolve_field,
    year_problems,
)
from vocnet.pathways.services.events import (
    EventInput,
    event_delete,
    event_problems,
    event_record,
    summary_fields,
    summary_refresh,
)
from vocnet.pathways.services.surveys import SurveyChange, survey_answer, survey_create

__all__ = [
    "DestinationInput",
    "EventInput",
    "SurveyChange",
    "destination_create",
    "destination_delete",
    "destination_update",
    "employment_problems",
    "event_delete",
    "event_problems",
    "event_record",
    "resolve_company",
    "resolve_field",
    "summary_fields",
    "summary_refresh",
    "survey_answer",
    "survey_create",
    "year_problems",
]
