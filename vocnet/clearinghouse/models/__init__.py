from vocnet.clearinghouse.models.preferences import (
    MAX_RANK,
    OfferRanking,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.clearinghouse.models.rounds import (
    MAX_CHOICES_LIMIT,
    PlacementRound,
    PlacementRoundQuerySet,
    RoundStatus,
)
from vocnet.clearinghouse.models.runs import (
    LIVE_RUN_STATUSES,
    RoundOutcome,
    RoundRun,
    RoundRunQuerySet,
    RunStatus,
)

__all__ = [
    "LIVE_RUN_STATUSES",
    "MAX_CHOICES_LIMIT",
    "MAX_RANK",
    "OfferRanking",
    "PlacementRound",
    "PlacementRoundQuerySet",
    "RoundOutcome",
    "RoundRun",
    "RoundRunQuerySet",
    "RoundStatus",
    "RunStatus",
    "SchoolRecommendation",
    "StudentPreference",
]
