"""The clearinghouse engine (현장실습 배치 매칭): student-proposing deferred acceptance.

A pure package — standard library and numpy only, never Django — so it runs from the command
line (``python -m vocnet.matching``), in tests without a database, and inside the web app,
whose ``placements`` services turn ORM rows into an :class:`Instance` and store the
:class:`MatchResult`.

Students rank placements; placements have capacities and rank the students they accept.
:func:`solve` returns the student-optimal stable matching; :func:`verify` and
:func:`compute_statistics` check and describe any matching; :func:`follow_up_round` runs the
round for students left unmatched; :func:`apply_eligibility` removes forbidden pairs. Every
input problem is a :class:`MatchingInputError` with a stable ``code`` and a message in
Korean and English.
"""

from vocnet.matching.acceptance import deferred_acceptance
from vocnet.matching.eligibility import apply_eligibility
from vocnet.matching.engine import solve, tie_broken_rankings
from vocnet.matching.errors import MatchingInputError
from vocnet.matching.io import (
    parse_instance,
    read_assignment,
    read_instance,
    write_assignment,
    write_instance,
    write_lottery,
)
from vocnet.matching.model import ENGINE_VERSION, Instance, MatchResult, Placement, RankingEntry
from vocnet.matching.rounds import follow_up_round
from vocnet.matching.stats import MatchStatistics, compute_statistics
from vocnet.matching.validation import validate_instance
from vocnet.matching.verify import (
    BlockingPair,
    VerificationReport,
    Violation,
    check_assignment,
    find_blocking_pair,
    verify,
)

__all__ = [
    "ENGINE_VERSION",
    "BlockingPair",
    "Instance",
    "MatchResult",
    "MatchStatistics",
    "MatchingInputError",
    "Placement",
    "RankingEntry",
    "VerificationReport",
    "Violation",
    "apply_eligibility",
    "check_assignment",
    "compute_statistics",
    "deferred_acceptance",
    "find_blocking_pair",
    "follow_up_round",
    "parse_instance",
    "read_assignment",
    "read_instance",
    "solve",
    "tie_broken_rankings",
    "validate_instance",
    "verify",
    "write_assignment",
    "write_instance",
    "write_lottery",
]
