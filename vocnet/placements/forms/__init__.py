"""Forms of the field-training pages. Forms only parse; the rules live in the services (the
labour rules in ``vocnet.placements.rules``), whose problems the views put back on the fields
(``add_problems``) — ``schedule[2].end`` lands on the end time of the third scheduled day."""

from vocnet.placements.forms.applications import ApplyForm, DeclineForm, InterviewForm
from vocnet.placements.forms.common import add_problems
from vocnet.placements.forms.offers import (
    OfferFilterForm,
    OfferForm,
    ReasonForm,
    hazard_choices,
)
from vocnet.placements.forms.placements import (
    AmendForm,
    EvaluationForm,
    ExportReasonForm,
    HoursForm,
    IncidentFilterForm,
    IncidentForm,
    LeaveForm,
    PlacementFilterForm,
    RespondForm,
    SafetyEducationForm,
    VisitForm,
)
from vocnet.placements.forms.vetting import (
    AccidentForm,
    DecisionForm,
    InspectionForm,
    VettingApplyForm,
    VettingFilterForm,
)

__all__ = [
    "AccidentForm",
    "AmendForm",
    "ApplyForm",
    "DecisionForm",
    "DeclineForm",
    "EvaluationForm",
    "ExportReasonForm",
    "HoursForm",
    "IncidentFilterForm",
    "IncidentForm",
    "InspectionForm",
    "InterviewForm",
    "LeaveForm",
    "OfferFilterForm",
    "OfferForm",
    "PlacementFilterForm",
    "ReasonForm",
    "RespondForm",
    "SafetyEducationForm",
    "VettingApplyForm",
    "VettingFilterForm",
    "VisitForm",
    "add_problems",
    "hazard_choices",
]
