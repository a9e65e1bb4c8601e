"""The one permission layer: every read and write of protected data passes through here.

A user's authority comes only from their memberships (``registry.Membership``) and is
summarised once per request in an :class:`Actor`. Each model of protected data registers a
:class:`ModelPolicy` that narrows a queryset to what the actor may view or change and says
whether the actor may create a row in a given context. Selectors call :func:`restrict`;
services call :func:`authorize_change` / :func:`authorize_create`. There is no other way
to query protected rows.

The rules (issue 2): the province sees everything; a support-office officer the schools of
its regions; school staff their school; company staff their company; a student only
themself; a guardian only their children.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from django.db import models

from vocnet.core.errors import not_found, permission_denied
from vocnet.core.users import UserLike

M = TypeVar("M", bound=models.Model)


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"


@dataclass(frozen=True)
class Actor:
    """What one user may act on, computed once from their active memberships."""

    user_id: int | None = None
    is_authenticated: bool = False
    is_superuser: bool = False
    roles: frozenset[str] = frozenset()
    # Organisation ids per role, e.g. {"school_staff": {12}, "company_staff": {40}}.
    organisations_by_role: Mapping[str, frozenset[int]] = field(default_factory=dict)
    support_office_ids: frozenset[int] = frozenset()
    region_ids: frozenset[int] = frozenset()
    student_id: int | None = None
    guardian_student_ids: frozenset[int] = frozenset()

    @property
    def is_province(self) -> bool:
        return self.is_superuser or "province_officer" in self.roles

    def organisations(self, role: str) -> frozenset[int]:
        return self.organisations_by_role.get(role, frozenset())

    @property
    def scope_key(self) -> str:
        """A digest of what the actor may see, without who they are.

        Two actors with the same key see exactly the same rows through every policy (policies
        decide on these fields only, never on ``user_id``), so content rendered from selectors
        alone may be shared between them (``vocnet.core.pagecache``).
        """
        authority = (
            self.is_authenticated,
            self.is_superuser,
            sorted(self.roles),
            sorted((role, sorted(ids)) for role, ids in self.organisations_by_role.items()),
            sorted(self.support_office_ids),
            sorted(self.region_ids),
            self.student_id,
            sorted(self.guardian_student_ids),
        )
        return hashlib.sha256(repr(authority).encode()).hexdigest()[:32]

    @property
    def staff_organisation_ids(self) -> frozenset[int]:
        """Organisations the actor works for (not those they study at)."""
        ids: set[int] = set()
        for role, org_ids in self.organisations_by_role.items():
            if role not in ("student", "guardian"):
                ids |= org_ids
        return frozenset(ids)


ANONYMOUS = Actor()


ActorLoader = Callable[[UserLike], Actor]
_actor_loader: ActorLoader | None = None


def set_actor_loader(loader: ActorLoader) -> None:
    """Install the function that reads an authenticated user's authority from the database.

    Core sits below every app, so it cannot read memberships itself: the registry, which keeps
    them, installs its loader in ``RegistryConfig.ready()`` (docs/architecture.md).
    """
    global _actor_loader
    _actor_loader = loader


def actor_for(user: UserLike | None) -> Actor:
    """The actor for a Django user (anonymous users get :data:`ANONYMOUS`).

    Cached on the user object, so a request computes it once (two small queries).
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_vocnet_actor", None)
    if isinstance(cached, Actor):
        return cached
    if _actor_loader is None:
        raise LookupError("No actor loader is installed; is vocnet.registry in INSTALLED_APPS?")
    actor = _actor_loader(user)
    # Cached on the user object itself, so every caller of one request shares it.
    setattr(user, "_vocnet_actor", actor)  # noqa: B010
    return actor


class ModelPolicy:
    """Rules for one model. Subclasses override :meth:`scope` and :meth:`can_create`.

    The default denies everything, so a model registered without rules exposes nothing.
    A policy decides on the actor's authority (roles, organisations, regions, students), never
    on ``Actor.user_id``: pages cache what they render per authority (``Actor.scope_key``).
    """

    def scope(self, actor: Actor, queryset: models.QuerySet[Any], action: Action) -> Any:
        return queryset.none()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return False


_POLICIES: dict[type[models.Model], ModelPolicy] = {}


def register(model: type[models.Model]) -> Any:
    """Class decorator: ``@register(Student) class StudentPolicy(ModelPolicy): ...``."""

    def decorator(policy_class: type[ModelPolicy]) -> type[ModelPolicy]:
        _POLICIES[model] = policy_class()
        return policy_class

    return decorator


def policy_for(model: type[models.Model]) -> ModelPolicy:
    try:
        return _POLICIES[model]
    except KeyError:
        raise LookupError(f"No permission policy is registered for {model.__name__}.") from None


def restrict(
    user: UserLike | None, queryset: models.QuerySet[M], action: Action = Action.VIEW
) -> Any:
    """``queryset`` narrowed to the rows ``user`` may ``action``; anonymous users get none."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        return queryset.none()
    return policy_for(queryset.model).scope(actor, queryset, action)


def get_visible(
    user: UserLike | None, queryset: models.QuerySet[M], pk: Any, what: tuple[str, str]
) -> M:
    """The row ``pk`` if the user may view it; otherwise NotFound (never reveals existence)."""
    obj: M | None = restrict(user, queryset, Action.VIEW).filter(pk=pk).first()
    if obj is None:
        raise not_found(*what)
    return obj


def authorize_change(user: UserLike | None, obj: models.Model) -> None:
    """Raise PermissionDenied unless ``user`` may change ``obj``."""
    model = type(obj)
    if not restrict(user, model._default_manager.filter(pk=obj.pk), Action.CHANGE).exists():
        raise permission_denied()


def authorize_create(user: UserLike | None, model: type[models.Model], **context: Any) -> None:
    """Raise PermissionDenied unless ``user`` may create a ``model`` row in ``context``."""
    actor = actor_for(user)
    if not actor.is_authenticated or not policy_for(model).can_create(actor, context):
        raise permission_denied()
