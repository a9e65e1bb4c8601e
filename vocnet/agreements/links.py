"""The link source of ``vocnet.registry.links``: two organisations are linked when both are
parties of the version in force of an agreement that is in force (시행 중 or 변경 협약 진행
중). Installed in ``AgreementsConfig.ready()``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import F, QuerySet

from vocnet.agreements.models import IN_FORCE_STATUSES, AgreementParty


def linked_organisations(organisation_ids: Iterable[int]) -> QuerySet[Any]:
    """The ids of every party of an in-force agreement in which one of ``organisation_ids``
    is a party (the given organisations included), as a lazy ``values`` query."""
    versions = AgreementParty.objects.filter(
        organisation_id__in=list(organisation_ids),
        version__agreement__status__in=IN_FORCE_STATUSES,
        version__agreement__in_force_version_id=F("version_id"),
    ).values("version_id")
    return AgreementParty.objects.filter(version_id__in=versions).values("organisation_id")
