"""Writes of the clearinghouse (issue 6, items 3 and 4): rounds and their life, students'
preferences, companies' rankings, schools' orders, and the runs (the adapter from ORM rows
to the pure engine lives in ``runs``)."""

from vocnet.clearinghouse.services.lifecycle import (
    FollowUpInput,
    RoundInput,
    round_close_preferences,
    round_create,
    round_create_follow_up,
    round_open,
    round_start_run,
    round_update,
)
from vocnet.clearinghouse.services.preferences import (
    offer_ranking_set,
    preference_set,
    school_recommendation_set,
)
from vocnet.clearinghouse.services.publication import round_publish
from vocnet.clearinghouse.services.runs import round_snapshot, run_execute, runs_expire_stale

__all__ = [
    "FollowUpInput",
    "RoundInput",
    "offer_ranking_set",
    "preference_set",
    "round_close_preferences",
    "round_create",
    "round_create_follow_up",
    "round_open",
    "round_publish",
    "round_snapshot",
    "round_start_run",
    "round_update",
    "run_execute",
    "runs_expire_stale",
    "school_recommendation_set",
]
