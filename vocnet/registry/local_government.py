"""The regions a local-government officer answers for (issue 18, §5): a city's or county's
officer their own 시·군; an officer of the provincial government (경기도) all 31. Used by the
pages that show a local government its region: the demand–supply gap (``demand.policies``),
the graduates' flows (``pathways``) and the region page (``reports``)."""

from __future__ import annotations

from vocnet.core.permissions import Actor
from vocnet.registry.models import Organisation, OrganisationKind, Role


def local_government_region_ids(actor: Actor) -> frozenset[int] | None:
    """The regions of the actor's local governments: None for all (the provincial
    government), an empty set for an actor who is no local-government officer. One query."""
    organisations = actor.organisations(Role.LOCAL_GOVERNMENT_OFFICER)
    if not organisations:
        return frozenset()
    rows = list(Organisation.objects.filter(pk__in=organisations).values_list("kind", "region_id"))
    if any(kind == OrganisationKind.PROVINCE for kind, _region in rows):
        return None
    return frozenset(region for kind, region in rows if region is not None)
